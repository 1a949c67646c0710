// Everything the domain needs to judge and price an order, gathered from the database, the
// in-memory reference data and the billing system (its balance, for the credit check) — an
// application service over db/ and adapters/, so db/ stays PostgreSQL only. One assessment for the
// API (synchronous 400s at order entry) and the workflow's validate step (the facts may have
// changed since).
import type { EntityManager } from '@mikro-orm/postgresql';
import { TransientAdapterError } from '../adapters/errors.js';
import type { Adapters } from '../adapters/types.js';
import type { Customer, Subscription } from '../domain/customer.js';
import { quoteRequestFromOrder, validateOrderRequest, type OrderRequest, type Refusal } from '../domain/order.js';
import type { Quote } from '../domain/pricing.js';
import { firstAccountOf, loadCustomer, subscriptionsOf } from '../db/customers.js';
import type { ReferenceData, ReferenceSnapshot } from '../db/reference.js';

export interface OrderAssessment {
  refusals: Refusal[];
  customer?: Customer;
  accountId?: string;
  quote: Quote;
  reference: ReferenceSnapshot;
}

export async function assessOrder(
  em: EntityManager,
  reference: ReferenceData,
  adapters: Adapters,
  request: OrderRequest,
  opts: {
    at: Date;
    /**
     * Order entry takes the order when billing is unreachable (the credit check is then left to the
     * workflow's validate step, which waits for billing); the validate step itself insists.
     */
    balanceIfBillingDown?: 'skip' | 'fail';
    /** A customer the caller may not see is judged as one that does not exist (nothing about it leaks). */
    customerVisible?: (customer: Customer) => boolean;
  },
): Promise<OrderAssessment> {
  const ref = await reference.get();
  const found = await loadCustomer(em, request.customerId);
  const customer = found && (opts.customerVisible?.(found) ?? true) ? found : undefined;
  const needsSubscriptions = request.productOrderItem.some((i) => i.action !== 'add');
  // An agent's daily limit is counted where the order is inserted, under a lock (db/orders.ts
  // insertOrderOnce): a count here, without it, could only be stale.
  const [subscriptions, account, balance] = await Promise.all([
    customer && needsSubscriptions ? subscriptionsOf(em, customer.id) : Promise.resolve([]),
    customer ? firstAccountOf(em, customer.id) : Promise.resolve(null),
    customer
      ? adapters.billing.getBalance(customer.id).then(
          (b) => b.balanceCents,
          (err: unknown) => {
            if (opts.balanceIfBillingDown === 'skip' && err instanceof TransientAdapterError) return undefined;
            throw err;
          },
        )
      : Promise.resolve(undefined),
  ]);
  const quote = ref.pricing.quote(quoteRequestFromOrder(request, customer?.tier ?? 'ordinary'), opts.at.toISOString());
  const refusals = validateOrderRequest(request, {
    customer,
    offeringsById: ref.offerings,
    localNetworkRules: [...ref.localNetworks.values()],
    agentContract: request.agentId ? ref.agents.get(request.agentId) : undefined,
    at: opts.at.getTime(),
    outstandingBalanceCents: balance,
    orderChargesCents: quote.totalOneOffCents,
    subscriptionsById: needsSubscriptions ? new Map(subscriptions.map((s) => [s.id, s as unknown as Subscription])) : undefined,
  });
  // Only a request that names real offerings gets "no price" refusals (the others already say why).
  for (const e of quote.errors) {
    if (!refusals.some((r) => r.field === `productOrderItem[${e.index}].productOffering.id`)) {
      refusals.push({ code: e.code, field: `productOrderItem[${e.index}].productOffering.id`, message: e.message });
    }
  }
  if (customer && !account) refusals.push({ code: 'NO_ACCOUNT', field: 'customerId', message: `customer ${customer.id} has no billing account` });
  return { refusals, customer, accountId: account?.id, quote, reference: ref };
}
