// Customers, their accounts and subscriptions: reads for order entry and the customer 360, and the
// subscription row that follows what billing did.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Customer } from '../domain/customer.js';
import { AccountRow, CustomerRow, SubscriptionRow } from './entities.js';

export async function loadCustomer(em: EntityManager, id: string): Promise<Customer | undefined> {
  const row = await em.findOne(CustomerRow, { id });
  return row
    ? ({
        ...(row.data as object),
        id: row.id,
        kind: row.kind,
        name: row.name,
        tier: row.tier,
        homeLocalNetwork: row.homeLocalNetwork,
        status: row.status,
      } as Customer)
    : undefined;
}

export function subscriptionsOf(em: EntityManager, customerId: string) {
  return em.find(SubscriptionRow, { customerId }, { orderBy: { id: 'asc' } });
}

/** The customer's first billing account (orders are billed to it). */
export function firstAccountOf(em: EntityManager, customerId: string) {
  return em.findOne(AccountRow, { customerId }, { orderBy: { createdAt: 'asc' } });
}

export function accountsOf(em: EntityManager, customerId: string) {
  return em.find(AccountRow, { customerId }, { orderBy: { id: 'asc' } });
}

export interface SubscriptionWrite {
  subscriptionId: string;
  customerId: string;
  accountId: string;
  offeringId: string;
  serviceLine: string;
  serviceValue: string;
  localNetwork: string;
  orderId: string;
  status: 'active' | 'terminated';
}

/** The read model's subscription row follows the billing outcome. */
export async function upsertSubscription(em: EntityManager, c: SubscriptionWrite): Promise<void> {
  await em.getConnection().execute(
    `insert into subscription (id, customer_id, account_id, offering_id, service_line, service_id, local_network, status, order_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set offering_id = excluded.offering_id, status = excluded.status, order_id = excluded.order_id`,
    [c.subscriptionId, c.customerId, c.accountId, c.offeringId, c.serviceLine, c.serviceValue, c.localNetwork, c.status, c.orderId],
  );
}

export async function terminateSubscription(em: EntityManager, subscriptionId: string): Promise<void> {
  await em.getConnection().execute(`update subscription set status = 'terminated' where id = ?`, [subscriptionId]);
}
