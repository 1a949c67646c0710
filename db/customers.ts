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

export function findAccount(em: EntityManager, id: string) {
  return em.findOne(AccountRow, { id });
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

/** What a change order (or its undo) made of a subscription: each field given is written, the others kept. */
export interface SubscriptionChange {
  subscriptionId: string;
  orderId: string;
  status?: 'active' | 'suspended' | 'terminated';
  offeringId?: string;
  /** An ownership transfer: the new owner and the account it is billed to. */
  customerId?: string;
  accountId?: string;
}

/** The read model's subscription row follows a change to a live subscription (status, plan, owner). */
export async function changeSubscription(em: EntityManager, c: SubscriptionChange): Promise<void> {
  await em.getConnection().execute(
    `update subscription set status = coalesce(?, status), offering_id = coalesce(?, offering_id), customer_id = coalesce(?, customer_id),
            account_id = coalesce(?, account_id), order_id = ? where id = ?`,
    [c.status ?? null, c.offeringId ?? null, c.customerId ?? null, c.accountId ?? null, c.orderId, c.subscriptionId],
  );
}

/** What a customer search looks for: each criterion given must hold (at least one is). */
export interface CustomerSearch {
  /** A subscription's service id: a phone number, a broadband line id. */
  serviceNumber?: string;
  customerId?: string;
  /** The name's beginning, case-insensitive. */
  name?: string;
  /** The full ID-card or business-licence number, normalized (domain/id-number.ts). */
  idNumber?: string;
  /** The caller's local networks ('*' = all): customers of other home networks are never found. */
  localNetworks: '*' | string[];
  limit: number;
  offset: number;
}

export interface CustomerSearchRow {
  id: string;
  kind: string;
  name: string;
  tier: string;
  home_local_network: string;
  status: string;
  id_number: string | null;
  /** A few of the customer's service ids, to confirm with the caller. */
  service_ids: string[];
}

/** Counting stops here: a name's first character can match a great many customers. */
export const CUSTOMER_SEARCH_COUNT_CAP = 1000;

/** LIKE's own characters in a prefix, escaped (the default escape character is the backslash). */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Customers matching every given criterion, by id, each served by an index of migration 008
 * (subscription_service_id_idx, customer_name_prefix_idx, customer_id_number_idx) or the key.
 * `total` is exact up to CUSTOMER_SEARCH_COUNT_CAP, then that cap.
 */
export async function searchCustomers(em: EntityManager, q: CustomerSearch): Promise<{ rows: CustomerSearchRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (q.customerId !== undefined) add('c.id = ?', q.customerId);
  if (q.serviceNumber !== undefined) add('c.id in (select s.customer_id from subscription s where s.service_id = ?)', q.serviceNumber);
  if (q.name !== undefined) add('lower(c.name) like lower(?)', likePrefix(q.name));
  if (q.idNumber !== undefined) add(`(c.data->>'idNumber') = ?`, q.idNumber);
  if (!where.length) throw new Error('searchCustomers: no criterion');
  if (q.localNetworks !== '*') add('c.home_local_network = any(?::text[])', `{${q.localNetworks.join(',')}}`);
  const clause = where.join(' and ');
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select c.id, c.kind, c.name, c.tier, c.home_local_network, c.status, c.data->>'idNumber' as id_number,
              array(select s.service_id from subscription s where s.customer_id = c.id and s.status <> 'terminated' order by s.id limit 5) as service_ids
         from customer c where ${clause} order by c.id limit ? offset ?`,
      [...params, q.limit, q.offset],
    ),
    conn.execute(`select count(*)::int as n from (select 1 from customer c where ${clause} limit ${CUSTOMER_SEARCH_COUNT_CAP}) x`, params),
  ]);
  return { rows: rows as CustomerSearchRow[], total: (count[0] as { n: number }).n };
}
