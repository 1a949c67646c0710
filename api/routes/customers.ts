// The customer 360 view: one customer record with its accounts, subscriptions, open and recent
// orders, open work orders, and the balance the billing system reports.
import { z } from 'zod';
import { inLocalNetworkScope, localNetworkFilter } from '../../domain/access.js';
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import { accountsOf, loadCustomer, subscriptionsOf } from '../../db/customers.js';
import { listOrders, type OrderRow } from '../../db/orders.js';
import { openWorkOrdersOf } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { forbidden, notFound } from '../problem.js';

const Customer360 = z
  .object({
    customer: z.object({ id: z.string(), kind: z.string(), name: z.string(), tier: z.string(), homeLocalNetwork: z.string(), status: z.string() }).loose(),
    accounts: z.array(z.object({ id: z.string(), name: z.string() }).loose()),
    subscriptions: z.array(z.object({ id: z.string(), offeringId: z.string(), serviceLine: z.string(), serviceId: z.string(), status: z.string() }).loose()),
    openOrders: z.array(z.object({ id: z.string(), state: z.string() }).loose()),
    recentOrders: z.array(z.object({ id: z.string(), state: z.string() }).loose()),
    openWorkOrders: z.array(z.object({ id: z.string(), type: z.string(), state: z.string() }).loose()),
    balance: z.union([z.object({ balanceCents: z.number(), currency: z.string() }), z.object({ unavailable: z.string() })]),
  })
  .meta({ id: 'Customer360' });

/** Open: not in a final state (domain's FINAL_ORDER_STATES). */
const isOpenOrder = (r: OrderRow) => !(FINAL_ORDER_STATES as readonly string[]).includes(r.state);

export function registerCustomerRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  routes.add({
    method: 'get',
    path: '/customer/:id',
    summary: 'Customer 360: accounts, subscriptions, open and recent orders, open work orders, balance',
    tags: ['customers'],
    roles: ['order-entry', 'supervisor', 'ops', 'auditor'],
    params: z.object({
      id: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
    }),
    responses: { 200: { description: 'the customer', schema: Customer360 }, 404: { description: 'no such customer' } },
    handler: async ({ params, principal }) => {
      const customer = await loadCustomer(em(), params.id);
      if (!customer) throw notFound(`no customer ${params.id}`);
      if (!inLocalNetworkScope(principal, customer.homeLocalNetwork)) throw forbidden(`customer ${params.id} belongs to ${customer.homeLocalNetwork}`);
      const [accounts, subscriptions, orders, workOrders, balance] = await Promise.all([
        accountsOf(em(), customer.id),
        subscriptionsOf(em(), customer.id),
        // The customer's orders and work orders in the reader's local networks only: a customer of
        // this network may have ordered, or complained, in another.
        listOrders(em(), { customerId: customer.id, localNetworks: localNetworkFilter(principal), limit: 50, offset: 0 }),
        openWorkOrdersOf(em(), customer.id, localNetworkFilter(principal)),
        // The 360 view still answers when billing does not: the balance says it is unavailable.
        deps.adapters.billing.getBalance(customer.id).then(
          (b) => ({ balanceCents: b.balanceCents, currency: b.currency }),
          (err: Error) => ({ unavailable: err.message }),
        ),
      ]);
      const order = (r: OrderRow) => ({
        id: r.id,
        state: r.state,
        localNetwork: r.local_network,
        serviceLines: r.service_lines,
        creationDate: isoOf(r.created_at),
      });
      return {
        body: {
          customer,
          accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
          subscriptions: subscriptions.map((s) => ({
            id: s.id,
            offeringId: s.offeringId,
            serviceLine: s.serviceLine,
            serviceId: s.serviceId,
            localNetwork: s.localNetwork,
            status: s.status,
          })),
          openOrders: orders.rows.filter(isOpenOrder).map(order),
          recentOrders: orders.rows
            .filter((r) => !isOpenOrder(r))
            .slice(0, 20)
            .map(order),
          openWorkOrders: workOrders.map((w) => ({
            id: w.id,
            type: w.type,
            state: w.state,
            priority: w.priority,
            escalationLevel: w.escalation_level,
            creationDate: isoOf(w.created_at),
          })),
          balance,
        },
      };
    },
  });
}
