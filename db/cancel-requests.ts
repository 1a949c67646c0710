// CancelProductOrder tasks (TMF622): a request to cancel an order, with its own life — acknowledged when
// taken, inProgress once the order is undoing its steps, done when the order is cancelled,
// terminatedWithError when it ended otherwise, rejected when the order could no longer be cancelled.
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendResourceChange } from './resource-changes.js';
import { executorOf } from './transaction.js';

export const CANCEL_TASK_STATES = ['acknowledged', 'rejected', 'inProgress', 'cancelled', 'done', 'terminatedWithError'] as const;
export type CancelTaskState = (typeof CANCEL_TASK_STATES)[number];

export interface CancelRequestRow {
  id: string;
  order_id: string;
  state: CancelTaskState;
  cancellation_reason: string;
  requested_cancellation_date: Date | string | null;
  effective_cancellation_date: Date | string | null;
  error_message: string | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface NewCancelRequest {
  id: string;
  orderId: string;
  reason: string;
  requestedCancellationDate?: string;
  idempotencyKey?: string;
  createdBy: string;
}

/** Inserts the task unless the caller's idempotency key already made one; returns the stored one. */
export async function insertCancelRequest(em: EntityManager, c: NewCancelRequest): Promise<{ row: CancelRequestRow; created: boolean }> {
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    const rows = (await conn.execute(
      `insert into cancel_product_order (id, order_id, state, cancellation_reason, requested_cancellation_date, idempotency_key, created_by)
       values (?, ?, 'acknowledged', ?, ?, ?, ?) on conflict (idempotency_key) do nothing returning *`,
      [c.id, c.orderId, c.reason, c.requestedCancellationDate ?? null, c.idempotencyKey ?? null, c.createdBy],
    )) as CancelRequestRow[];
    if (rows[0]) {
      await appendResourceChange(tx, { resourceType: 'cancelProductOrder', resourceId: c.id, change: 'create', current: { ...rows[0] } });
      return { row: rows[0], created: true };
    }
    const existing = (await conn.execute('select * from cancel_product_order where idempotency_key = ?', [c.idempotencyKey ?? null])) as CancelRequestRow[];
    if (!existing[0]) throw new Error(`cancel request ${c.id} conflicted but none was found`);
    return { row: existing[0], created: false };
  });
}

/** Updates tasks and records each change in the outbox, in one transaction. */
function changeTasks(em: EntityManager, sql: string, params: unknown[]): Promise<CancelRequestRow[]> {
  return em.transactional(async (tx) => {
    const rows = (await executorOf(tx).execute(sql, params)) as Array<CancelRequestRow & { previous_state: CancelTaskState }>;
    for (const { previous_state, ...row } of rows) {
      await appendResourceChange(tx, {
        resourceType: 'cancelProductOrder',
        resourceId: row.id,
        change: 'update',
        previous: { ...row, state: previous_state },
        current: { ...row },
      });
    }
    return rows.map(({ previous_state: _, ...row }) => row);
  });
}

export async function findCancelRequest(em: EntityManager, id: string): Promise<CancelRequestRow | undefined> {
  const rows = (await em.getConnection().execute('select * from cancel_product_order where id = ?', [id])) as CancelRequestRow[];
  return rows[0];
}

/** The order refused the cancellation: the task ends rejected, saying why. */
export async function rejectCancelRequest(em: EntityManager, task: Pick<CancelRequestRow, 'id' | 'order_id'>, why: string): Promise<void> {
  await changeTasks(
    em,
    `${UPDATE} set state = 'rejected', error_message = ?, updated_at = now() from old where c.id = old.id and c.id = ? and c.state = 'acknowledged' ${RETURNING}`,
    [task.order_id, why.slice(0, 500), task.id],
  );
}

// Each update returns the task as it was before it (for the outbox), read under the row lock.
const UPDATE = 'with old as (select id, state from cancel_product_order where order_id = ? for update) update cancel_product_order c';
const RETURNING = 'returning c.*, old.state as previous_state';

/**
 * Moves an order's open tasks along with the order: inProgress while it undoes its steps, then done
 * (cancelled) or terminatedWithError (it ended otherwise). Idempotent: a retried write changes nothing more.
 * Returns the tasks it changed.
 */
export async function settleCancelRequests(em: EntityManager, orderId: string, orderState: string): Promise<CancelRequestRow[]> {
  if (orderState === 'pendingCancellation') {
    return changeTasks(em, `${UPDATE} set state = 'inProgress', updated_at = now() from old where c.id = old.id and c.state = 'acknowledged' ${RETURNING}`, [
      orderId,
    ]);
  }
  if (!['completed', 'failed', 'partial', 'cancelled', 'rejected'].includes(orderState)) return [];
  const done = orderState === 'cancelled';
  return changeTasks(
    em,
    `${UPDATE}
        set state = ?, effective_cancellation_date = case when ? then now() else null end,
            error_message = case when ? then null else ? end, updated_at = now()
       from old where c.id = old.id and c.state in ('acknowledged', 'inProgress') ${RETURNING}`,
    [orderId, done ? 'done' : 'terminatedWithError', done, done, `the order ended ${orderState}`],
  );
}

export interface CancelRequestFilter {
  state?: string;
  orderId?: string;
  localNetworks: '*' | string[];
  agentId?: string;
  limit: number;
  offset: number;
}

/** A page of tasks, newest first, of orders in the reader's scope. */
export async function listCancelRequests(em: EntityManager, f: CancelRequestFilter): Promise<{ rows: CancelRequestRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (f.state) add('c.state = ?', f.state);
  if (f.orderId) add('c.order_id = ?', f.orderId);
  if (f.localNetworks !== '*') add('o.local_network = any(?::text[])', `{${f.localNetworks.join(',')}}`);
  if (f.agentId) add('o.agent_id = ?', f.agentId);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select c.* from cancel_product_order c join product_order o on o.id = c.order_id ${clause} order by c.created_at desc, c.id limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    conn.execute(`select count(*)::int as n from cancel_product_order c join product_order o on o.id = c.order_id ${clause}`, params),
  ]);
  return { rows: rows as CancelRequestRow[], total: (count[0] as { n: number }).n };
}
