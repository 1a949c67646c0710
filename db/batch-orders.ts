// The read model of enterprise batch orders and group accounts: written by the API (a batch and its
// lines, once per Idempotency-Key; the group account on the customer's first batch) and by the batch
// workflow's bookkeeping (counts, per-line outcomes), read by the batch and group endpoints.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderRequestItem } from '../domain/order.js';
import type { BatchProgress, BatchSettings } from '../contracts/batch-order.js';
import { appendResourceChange } from './resource-changes.js';
import { executorOf } from './transaction.js';
import type { OrderRow } from './orders.js';

/** A batch_order row as the driver returns it. */
export interface BatchRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  customer_id: string;
  account_id: string;
  local_network: string;
  channel: string;
  agent_id: string | null;
  description: string | null;
  state: string;
  state_reason: string | null;
  total: number;
  pending: number;
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  settings: BatchSettings;
  run: number;
  largest_history_events: number;
  largest_history_bytes: string | number;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
  seq: number;
}

/** A line as the batch keeps it: the items of its order, the order's id, its outcome. */
export interface BatchLineRow {
  batch_id: string;
  line_no: number;
  request: { productOrderItem: OrderRequestItem[] };
  order_id: string;
  state: string;
  order_state: string | null;
  reason: string | null;
  updated_at: Date | string;
}

export interface NewBatch {
  id: string;
  /** The caller's key, prefixed with the caller (keys are per caller). */
  idempotencyKey: string;
  requestHash: string;
  customerId: string;
  accountId: string;
  localNetwork: string;
  channel: string;
  agentId?: string;
  description?: string;
  settings: BatchSettings;
  createdBy: string;
  lines: Array<{ orderId: string; productOrderItem: OrderRequestItem[] }>;
}

/**
 * Inserts the batch and its lines unless a batch with the same key exists (then returns that one);
 * the customer's group account is designated by its first batch (an existing one is kept).
 */
export async function insertBatchOnce(em: EntityManager, b: NewBatch): Promise<{ row: BatchRow; created: boolean }> {
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    const inserted = (await conn.execute(
      `insert into batch_order (id, idempotency_key, request_hash, customer_id, account_id, local_network, channel, agent_id, description, total, pending, settings, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (idempotency_key) do nothing returning *`,
      [
        b.id,
        b.idempotencyKey,
        b.requestHash,
        b.customerId,
        b.accountId,
        b.localNetwork,
        b.channel,
        b.agentId ?? null,
        b.description ?? null,
        b.lines.length,
        b.lines.length,
        JSON.stringify(b.settings),
        b.createdBy,
      ],
    )) as BatchRow[];
    if (!inserted.length) {
      const existing = ((await conn.execute('select * from batch_order where idempotency_key = ?', [b.idempotencyKey])) as BatchRow[])[0];
      if (!existing) throw new Error(`batch ${b.id} conflicted but no batch with its key was found`);
      return { row: existing, created: false };
    }
    await conn.execute(
      `insert into batch_order_line (batch_id, line_no, request, order_id)
       select ?, l.line_no, l.request, l.order_id from jsonb_to_recordset(?::jsonb) as l(line_no integer, request jsonb, order_id text)`,
      [b.id, JSON.stringify(b.lines.map((l, i) => ({ line_no: i, request: { productOrderItem: l.productOrderItem }, order_id: l.orderId })))],
    );
    await conn.execute(`insert into enterprise_group (customer_id, account_id, created_by) values (?, ?, ?) on conflict (customer_id) do nothing`, [
      b.customerId,
      b.accountId,
      b.createdBy,
    ]);
    return { row: inserted[0]!, created: true };
  });
}

export async function findBatch(em: EntityManager, id: string): Promise<BatchRow | undefined> {
  return ((await em.getConnection().execute('select * from batch_order where id = ?', [id])) as BatchRow[])[0];
}

export async function findBatchByKey(em: EntityManager, idempotencyKey: string): Promise<BatchRow | undefined> {
  return ((await em.getConnection().execute('select * from batch_order where idempotency_key = ?', [idempotencyKey])) as BatchRow[])[0];
}

export interface BatchFilter {
  /** Principal scope: only these local networks ('*' = all). */
  localNetworks: '*' | string[];
  localNetwork?: string;
  customerId?: string;
  agentId?: string;
  state?: string;
  limit: number;
  offset: number;
}

export async function listBatches(em: EntityManager, f: BatchFilter): Promise<{ rows: BatchRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (f.localNetworks !== '*') add('local_network = any(?::text[])', `{${f.localNetworks.join(',')}}`);
  if (f.localNetwork) add('local_network = ?', f.localNetwork);
  if (f.customerId) add('customer_id = ?', f.customerId);
  if (f.agentId) add('agent_id = ?', f.agentId);
  if (f.state) add('state = ?', f.state);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(`select * from batch_order ${clause} order by created_at desc, id limit ? offset ?`, [...params, f.limit, f.offset]),
    conn.execute(`select count(*)::int as n from batch_order ${clause}`, params),
  ]);
  return { rows: rows as BatchRow[], total: (count[0] as { n: number }).n };
}

/** A page of a batch's lines, in line order, optionally of one state. */
export async function listBatchLines(
  em: EntityManager,
  batchId: string,
  f: { state?: string; limit: number; offset: number },
): Promise<{ rows: BatchLineRow[]; total: number }> {
  const conn = em.getConnection();
  const params: unknown[] = f.state ? [batchId, f.state] : [batchId];
  const clause = f.state ? 'where batch_id = ? and state = ?' : 'where batch_id = ?';
  const [rows, count] = await Promise.all([
    conn.execute(`select * from batch_order_line ${clause} order by line_no limit ? offset ?`, [...params, f.limit, f.offset]),
    conn.execute(`select count(*)::int as n from batch_order_line ${clause}`, params),
  ]);
  return { rows: rows as BatchLineRow[], total: (count[0] as { n: number }).n };
}

/** A line with its batch, for placing its order. */
export async function findBatchLine(em: EntityManager, batchId: string, lineNo: number): Promise<{ batch: BatchRow; line: BatchLineRow } | undefined> {
  const conn = em.getConnection();
  const [batch, line] = await Promise.all([
    findBatch(em, batchId),
    conn.execute('select * from batch_order_line where batch_id = ? and line_no = ?', [batchId, lineNo]) as Promise<BatchLineRow[]>,
  ]);
  return batch && line[0] ? { batch, line: line[0] } : undefined;
}

/** The line's order was placed: it runs (a line already settled stays as it is). */
export async function markLineOpened(em: EntityManager, batchId: string, lineNo: number): Promise<void> {
  await em
    .getConnection()
    .execute(`update batch_order_line set state = 'inProgress', updated_at = now() where batch_id = ? and line_no = ? and state = 'pending'`, [
      batchId,
      lineNo,
    ]);
}

/**
 * Applies the workflow's bookkeeping unless the row holds a newer one (a late retry): the counts and
 * state, each changed line, the cancelled remainder, and the orders placed but never started.
 */
export async function recordBatchProgress(em: EntityManager, p: BatchProgress): Promise<{ seq: number }> {
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    const { view } = p;
    const final = ['completed', 'partial', 'failed', 'cancelled'].includes(view.state);
    const updated = (await conn.execute(
      `update batch_order
          set state = ?, state_reason = ?, pending = ?, in_progress = ?, completed = ?, failed = ?, cancelled = ?, run = ?,
              largest_history_events = ?, largest_history_bytes = ?, seq = ?, updated_at = now(),
              completed_at = case when ? then coalesce(completed_at, now()) else null end
        where id = ? and seq < ? returning seq`,
      [
        view.state,
        view.stateReason ?? null,
        view.counts.pending,
        view.counts.inProgress,
        view.counts.completed,
        view.counts.failed,
        view.counts.cancelled,
        view.run,
        view.largestHistory.events,
        view.largestHistory.bytes,
        view.seq,
        final,
        view.batchId,
        view.seq,
      ],
    )) as Array<{ seq: number }>;
    if (!updated.length) {
      const held = ((await conn.execute('select seq from batch_order where id = ?', [view.batchId])) as Array<{ seq: number }>)[0];
      return { seq: held?.seq ?? 0 };
    }
    if (p.lines.length) {
      await conn.execute(
        `update batch_order_line l set state = x.state, order_state = x.order_state, reason = x.reason, updated_at = now()
           from jsonb_to_recordset(?::jsonb) as x(line_no integer, state text, order_state text, reason text)
          where l.batch_id = ? and l.line_no = x.line_no`,
        [
          JSON.stringify(
            p.lines.map((l) => ({ line_no: l.lineNo, state: l.state, order_state: l.orderState ?? null, reason: l.reason?.slice(0, 2000) ?? null })),
          ),
          view.batchId,
        ],
      );
    }
    if (p.cancelPending) {
      await conn.execute(`update batch_order_line set state = 'cancelled', reason = ?, updated_at = now() where batch_id = ? and state = 'pending'`, [
        p.cancelPending,
        view.batchId,
      ]);
    }
    for (const orderId of p.unstartedOrders ?? []) {
      const previous = ((await conn.execute('select * from product_order where id = ? for update', [orderId])) as OrderRow[])[0];
      if (!previous || previous.state !== 'acknowledged') continue;
      const current = (
        (await conn.execute(
          `update product_order set state = 'cancelled', state_reason = ?, seq = seq + 1, updated_at = now(), completed_at = now() where id = ? returning *`,
          [`cancelled before it started: batch ${view.batchId}'s remainder was cancelled`, orderId],
        )) as OrderRow[]
      )[0]!;
      await appendResourceChange(tx, { resourceType: 'productOrder', resourceId: orderId, change: 'update', previous, current });
    }
    return { seq: view.seq };
  });
}

// ---- group accounts ----

export interface EnterpriseGroupRow {
  customer_id: string;
  account_id: string;
  account_name: string;
  created_by: string;
  created_at: Date | string;
}

export async function findEnterpriseGroup(em: EntityManager, customerId: string): Promise<EnterpriseGroupRow | undefined> {
  const rows = await em
    .getConnection()
    .execute(
      `select g.customer_id, g.account_id, a.name as account_name, g.created_by, g.created_at from enterprise_group g join account a on a.id = g.account_id where g.customer_id = ?`,
      [customerId],
    );
  return rows[0] as EnterpriseGroupRow | undefined;
}

export interface GroupMemberRow {
  id: string;
  offering_id: string;
  service_line: string;
  service_id: string;
  status: string;
  order_id: string | null;
  created_at: Date | string;
}

/** The group's member subscriptions: those billed to its group account, newest first. */
export async function groupMembers(
  em: EntityManager,
  accountId: string,
  f: { limit: number; offset: number },
): Promise<{ rows: GroupMemberRow[]; total: number }> {
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select id, offering_id, service_line, service_id, status, order_id, created_at from subscription where account_id = ? order by created_at desc, id limit ? offset ?`,
      [accountId, f.limit, f.offset],
    ),
    conn.execute(`select count(*)::int as n from subscription where account_id = ?`, [accountId]),
  ]);
  return { rows: rows as GroupMemberRow[], total: (count[0] as { n: number }).n };
}
