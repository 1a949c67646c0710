// The order read model: written by the API (creation) and by the workflow's activity (progress),
// read by the list, get and customer-360 endpoints and the reports.
import type { EntityManager } from '@mikro-orm/postgresql';
import { FINAL_ORDER_STATES, type OrderRequest } from '../domain/order.js';
import type { ItemFulfilment, OrderTotals, OrderView } from '../contracts/order-fulfilment.js';
import { appendedCte, appendResourceChange } from './resource-changes.js';
import { executorOf, type Executor } from './transaction.js';

/** A product_order row as the driver returns it (timestamps as Date or PostgreSQL text: see db/time.ts). */
export interface OrderRow {
  id: string;
  external_id: string | null;
  external_owner: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  customer_id: string;
  local_network: string;
  channel: string;
  agent_id: string | null;
  state: string;
  state_reason: string | null;
  service_lines: string[];
  /** The workflow's item progress, as last recorded (empty until validated). */
  items: ItemFulfilment[];
  quote: OrderTotals | null;
  /** The order request as the API took it. */
  request: OrderRequest;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
  seq: number;
  /** The order as a TMF622 v5 client sent it (null for orders taken on the root paths). */
  tmf_request: Record<string, unknown> | null;
}

export interface NewOrder {
  id: string;
  externalId?: string;
  /** The organisation of the caller: externalId is unique per owner, never across callers. */
  externalOwner: string;
  idempotencyKey?: string;
  /** Fingerprint of the request: a repeat (same key or externalId) with another body is refused. */
  requestHash: string;
  customerId: string;
  localNetwork: string;
  channel: string;
  agentId?: string;
  serviceLines: string[];
  items: ItemFulfilment[];
  quote: OrderTotals | null;
  request: OrderRequest;
  createdBy: string;
  /** The v5 body, for what the domain request does not carry (see OrderRow.tmf_request). */
  tmfRequest?: Record<string, unknown>;
  /** 'draft': priced and stored, started only when the client submits it. */
  initialState?: 'acknowledged' | 'draft';
}

/** An agent's orders counted against its daily limit, from `since` (the business day's start). */
export interface AgentDayLimit {
  agentId: string;
  since: string;
  limit: number;
}

export type InsertedOrder = { row: OrderRow; created: boolean } | { limitReached: number };

/**
 * Inserts the order unless one with the same idempotency key or (owner, external id) exists; returns
 * the stored one. With an agent's daily limit, the count and the insert happen under a lock per
 * agent, so concurrent orders cannot exceed the limit (a repeat of a stored order is still found).
 */
export async function insertOrderOnce(em: EntityManager, o: NewOrder, agentDay?: AgentDayLimit): Promise<InsertedOrder> {
  // Without an agent's daily limit the insert is one statement (its outbox row with it): no transaction round trips.
  if (!agentDay) return insert(executorOf(em), o);
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    await conn.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`agent-day:${agentDay.agentId}`]);
    const existing = await findByKeys(conn, o.idempotencyKey, o.externalId, o.externalOwner);
    if (existing) return { row: existing, created: false };
    const n = await countAgentOrders(conn, agentDay.agentId, agentDay.since);
    if (n >= agentDay.limit) return { limitReached: n };
    return insert(conn, o);
  });
}

/** Inserts the order unless its keys are taken; the order's creation event goes out with the row, in the same statement (the outbox). */
const CREATED = appendedCte('productOrder', { current: 'inserted' });

async function insert(conn: Executor, o: NewOrder): Promise<InsertedOrder> {
  const inserted = (await conn.execute(
    `with inserted as (
       insert into product_order (id, external_id, external_owner, idempotency_key, request_hash, customer_id, local_network, channel, agent_id, state, service_lines, items, quote, request, created_by, tmf_request)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb)
       on conflict do nothing returning *),
     ${CREATED.sql}
     select * from inserted`,
    [
      o.id,
      o.externalId ?? null,
      o.externalId ? o.externalOwner : null,
      o.idempotencyKey ?? null,
      o.requestHash,
      o.customerId,
      o.localNetwork,
      o.channel,
      o.agentId ?? null,
      o.initialState ?? 'acknowledged',
      `{${o.serviceLines.join(',')}}`,
      JSON.stringify(o.items),
      o.quote ? JSON.stringify(o.quote) : null,
      JSON.stringify(o.request),
      o.createdBy,
      o.tmfRequest ? JSON.stringify(o.tmfRequest) : null,
      ...CREATED.params,
    ],
  )) as OrderRow[];
  if (inserted.length) return { row: inserted[0]!, created: true };
  const existing = await findByKeys(conn, o.idempotencyKey, o.externalId, o.externalOwner);
  if (!existing) throw new Error(`order ${o.id} conflicted but no existing order was found`);
  return { row: existing, created: false };
}

async function findByKeys(conn: Executor, idempotencyKey?: string, externalId?: string, externalOwner?: string): Promise<OrderRow | undefined> {
  if (!idempotencyKey && !externalId) return undefined;
  const rows = await conn.execute(
    `select * from product_order
      where (idempotency_key = ? and ? is not null) or (external_owner = ? and external_id = ? and ? is not null)
      order by created_at limit 1`,
    [idempotencyKey ?? null, idempotencyKey ?? null, externalOwner ?? null, externalId ?? null, externalId ?? null],
  );
  return rows[0] as OrderRow | undefined;
}

/** The order a repeated create refers to: by the caller's idempotency key, or by its organisation's external id. */
export function findOrderByKeys(em: EntityManager, idempotencyKey?: string, external?: { owner: string; id?: string }): Promise<OrderRow | undefined> {
  return findByKeys(em.getConnection(), idempotencyKey, external?.id, external?.owner);
}

async function countAgentOrders(conn: Executor, agentId: string, sinceIso: string): Promise<number> {
  const r = await conn.execute(`select count(*)::int as n from product_order where agent_id = ? and created_at >= ?`, [agentId, sinceIso]);
  return (r[0] as { n: number }).n;
}

/** A draft submitted: acknowledged, to be started; undefined when it is no longer a draft (another submit won). */
export async function submitDraftOrder(em: EntityManager, id: string): Promise<OrderRow | undefined> {
  return em.transactional(async (tx) => {
    const rows = (await executorOf(tx).execute(
      `update product_order set state = 'acknowledged', updated_at = now() where id = ? and state = 'draft' returning *`,
      [id],
    )) as OrderRow[];
    const row = rows[0];
    if (row)
      await appendResourceChange(tx, { resourceType: 'productOrder', resourceId: id, change: 'update', previous: { ...row, state: 'draft' }, current: row });
    return row;
  });
}

export async function findOrder(em: EntityManager, id: string): Promise<OrderRow | undefined> {
  const rows = await em.getConnection().execute('select * from product_order where id = ?', [id]);
  return rows[0] as OrderRow | undefined;
}

const FINAL = new Set<string>(FINAL_ORDER_STATES);

/** What recordOrderProgress did: `finished` when this write moved the order into a final state (once per order). */
export interface OrderProgressWrite {
  applied: boolean;
  finished: boolean;
  localNetwork?: string;
  serviceLines?: string[];
}

const PROGRESSED = appendedCte('productOrder', { current: 'current', previous: 'previous' });

/**
 * Applies the workflow's view unless the row already holds a newer one (activities may retry late),
 * and appends the change to the outbox (and notifies its listeners) — all in one statement, so one
 * round trip and one commit: this runs three times or more per order, in the worker's workflow task.
 */
export async function recordOrderProgress(em: EntityManager, view: OrderView): Promise<OrderProgressWrite> {
  // The row before is read under the row lock, so a retried or concurrent write cannot report the same
  // order finishing twice, and the changes of one order enter the outbox in their order. `p.seq < ?`
  // drops a stale or repeated write (then nothing is appended: no current row to join).
  const rows = (await executorOf(em).execute(
    `with previous as (select * from product_order where id = ? for update),
          current as (
            update product_order p
               set state = ?, state_reason = ?, items = ?::jsonb, quote = coalesce(?::jsonb, p.quote), seq = ?, updated_at = now(),
                   completed_at = case when ? then coalesce(p.completed_at, now()) else null end
              from previous
             where p.id = previous.id and p.seq < ?
            returning p.*),
          ${PROGRESSED.sql}
     select previous.state as previous_state, current.state, current.local_network, current.service_lines
       from previous left join current on true`,
    [
      view.orderId,
      view.state,
      view.stateReason ?? null,
      JSON.stringify(view.items),
      view.quote ? JSON.stringify(view.quote) : null,
      view.seq,
      FINAL.has(view.state),
      view.seq,
      ...PROGRESSED.params,
    ],
  )) as Array<{ previous_state: string; state: string | null; local_network: string | null; service_lines: string[] | null }>;
  const row = rows[0];
  if (!row || row.state === null) return { applied: false, finished: false };
  return {
    applied: true,
    finished: FINAL.has(view.state) && !FINAL.has(row.previous_state),
    localNetwork: row.local_network ?? undefined,
    serviceLines: row.service_lines ?? [],
  };
}

export interface OrderFilter {
  state?: string;
  /** An id's beginning (the auditor's search). */
  idPrefix?: string;
  localNetwork?: string;
  /** Principal scope: only these local networks ('*' = all). */
  localNetworks: '*' | string[];
  customerId?: string;
  agentId?: string;
  serviceLine?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listOrders(em: EntityManager, f: OrderFilter): Promise<{ rows: OrderRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (f.state) add('state = ?', f.state);
  if (f.idPrefix) add('starts_with(id, ?)', f.idPrefix);
  if (f.localNetwork) add('local_network = ?', f.localNetwork);
  if (f.localNetworks !== '*') add('local_network = any(?::text[])', `{${f.localNetworks.join(',')}}`);
  if (f.customerId) add('customer_id = ?', f.customerId);
  if (f.agentId) add('agent_id = ?', f.agentId);
  if (f.serviceLine) add('? = any(service_lines)', f.serviceLine);
  if (f.from) add('created_at >= ?', f.from);
  if (f.to) add('created_at < ?', f.to);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(`select * from product_order ${clause} order by created_at desc, id limit ? offset ?`, [...params, f.limit, f.offset]),
    conn.execute(`select count(*)::int as n from product_order ${clause}`, params),
  ]);
  return { rows: rows as OrderRow[], total: (count[0] as { n: number }).n };
}
