// The work-order read model, kept in step by the workflow's recordWorkOrder activity: the search
// and list endpoints, the department worklist and the reports read it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlinesOf } from '../domain/sla.js';
import { TERMINAL_PHASES, assignees, handlingLocalNetwork, type WorkOrderSnapshot } from '../domain/work-order.js';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

type Timestamp = Date | string;

/** A work_order row as the driver returns it: the snapshot, and columns to search and sort by. */
export interface WorkOrderRow {
  id: string;
  type: string;
  channel: string;
  priority: string;
  state: string;
  phase: string;
  customer_id: string;
  customer_tier: string;
  taken_in_local_network: string;
  home_local_network: string;
  handling_local_network: string;
  service_line: string;
  escalation_level: string;
  departments: string[];
  related_order_id: string | null;
  accept_by: Timestamp | null;
  resolve_by: Timestamp | null;
  reopen_count: number;
  snapshot: WorkOrderSnapshot;
  seq: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
}

/** One open assignment of a department's worklist. */
export interface WorklistRow {
  work_order_id: string;
  department: string;
  round: number;
  state: string;
  deadline: Timestamp | null;
  type: string;
  priority: string;
  customer_tier: string;
  escalation_level: string;
  local_network: string;
  dispatched_at: Timestamp;
  overdue: boolean;
}

export type OpenWorkOrderRow = Pick<WorkOrderRow, 'id' | 'type' | 'state' | 'priority' | 'escalation_level' | 'created_at'>;

/**
 * What recordWorkOrder did: when it applied, the timeline entries this write added to the read model
 * (those after the stored snapshot's), so each event is seen once however often the write is retried.
 */
export interface WorkOrderWrite {
  applied: boolean;
  newEntries: WorkOrderSnapshot['timeline'];
}

/** Writes the snapshot unless the row already holds a newer one (activities may retry late). */
export async function recordWorkOrder(em: EntityManager, s: WorkOrderSnapshot, seq: number): Promise<WorkOrderWrite> {
  const d = deadlinesOf(s);
  const handling = handlingLocalNetwork(s);
  const open = !TERMINAL_PHASES.includes(s.phase);
  // The assignment's deadline: accept-by until accepted, then resolve-by.
  const deadlineOf = (accepted: boolean) => iso(accepted ? d?.resolveBy : (d?.acceptBy ?? d?.resolveBy));
  return em.transactional(async (tx): Promise<WorkOrderWrite> => {
    // Raw statements run on the transaction's own connection only when given its context: without
    // it they took other connections from the pool — outside the transaction (the row lock below
    // locked nothing), and with enough writes at once, waiting forever for a connection while the
    // open transactions held them all.
    const ctx = tx.getTransactionContext();
    const conn = { execute: (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, 'all', ctx) };
    // One writer per work order at a time, even before its row exists (a row lock cannot cover an
    // insert): the stored timeline's length read under it tells what this write adds.
    await conn.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`work_order:${s.id}`]);
    const before = (await conn.execute(`select jsonb_array_length(snapshot->'timeline') as n from work_order where id = ?`, [s.id])) as Array<{
      n: number | null;
    }>;
    const updated = await conn.execute(
      `insert into work_order (id, type, channel, priority, state, phase, customer_id, customer_tier, taken_in_local_network, home_local_network,
         handling_local_network, service_line, escalation_level, departments, related_order_id, accept_by, resolve_by, reopen_count, snapshot, seq,
         created_at, updated_at, resolved_at, closed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
       on conflict (id) do update set type = excluded.type, priority = excluded.priority, state = excluded.state, phase = excluded.phase,
         escalation_level = excluded.escalation_level, departments = excluded.departments, accept_by = excluded.accept_by,
         resolve_by = excluded.resolve_by, reopen_count = excluded.reopen_count, snapshot = excluded.snapshot, seq = excluded.seq,
         updated_at = excluded.updated_at, resolved_at = excluded.resolved_at, closed_at = excluded.closed_at
       where work_order.seq < excluded.seq
       returning id`,
      [
        s.id,
        s.type,
        s.channel,
        s.priority,
        s.state,
        s.phase,
        s.customer.id,
        s.customer.tier,
        s.takenInLocalNetwork,
        s.homeLocalNetwork,
        handling,
        s.serviceLine,
        s.escalationLevel,
        `{${assignees(s).join(',')}}`,
        s.relatedOrderId ?? null,
        iso(d?.acceptBy),
        iso(d?.resolveBy),
        s.reopenCount,
        JSON.stringify(s),
        seq,
        iso(s.createdAt),
        iso(s.updatedAt),
        iso(s.resolvedAt),
        iso(s.closedAt),
      ],
    );
    if (!updated.length) return { applied: false, newEntries: [] }; // a newer snapshot is already there
    for (const a of [...s.previousAssignments, ...s.assignments]) {
      const live = open && s.assignments.includes(a) && (a.state === 'dispatched' || a.state === 'accepted');
      await conn.execute(
        `insert into work_order_assignment (work_order_id, department, round, state, open, deadline, type, priority, customer_tier, escalation_level, local_network, dispatched_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (work_order_id, department, round) do update set state = excluded.state, open = excluded.open, deadline = excluded.deadline,
           priority = excluded.priority, escalation_level = excluded.escalation_level, updated_at = excluded.updated_at`,
        [
          s.id,
          a.department,
          a.round,
          a.state,
          live,
          deadlineOf(a.state === 'accepted'),
          s.type,
          s.priority,
          s.customer.tier,
          s.escalationLevel,
          handling,
          iso(a.dispatchedAt),
          iso(s.updatedAt),
        ],
      );
    }
    return { applied: true, newEntries: s.timeline.slice(Number(before[0]?.n ?? 0)) };
  });
}

export async function findWorkOrder(em: EntityManager, id: string): Promise<WorkOrderRow | undefined> {
  const rows = await em.getConnection().execute('select * from work_order where id = ?', [id]);
  return rows[0] as WorkOrderRow | undefined;
}

export interface WorkOrderFilter {
  state?: string;
  type?: string;
  department?: string;
  localNetwork?: string;
  /** Principal scope: only these handling or taking local networks ('*' = all). */
  localNetworks: '*' | string[];
  overdue?: boolean;
  escalationLevel?: string;
  limit: number;
  offset: number;
}

export async function listWorkOrders(em: EntityManager, f: WorkOrderFilter): Promise<{ rows: WorkOrderRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (f.state) add('state = ?', f.state);
  if (f.type) add('type = ?', f.type);
  if (f.department) add('? = any(departments)', f.department);
  if (f.localNetwork) add('(handling_local_network = ? or taken_in_local_network = ?)', f.localNetwork, f.localNetwork);
  if (f.localNetworks !== '*') {
    const list = `{${f.localNetworks.join(',')}}`;
    add('(handling_local_network = any(?::text[]) or taken_in_local_network = any(?::text[]))', list, list);
  }
  if (f.escalationLevel) add('escalation_level = ?', f.escalationLevel);
  if (f.overdue !== undefined) {
    const overdue = `(state not in ('closed','cancelled','rejected','resolved','pending') and coalesce(case when snapshot->'sla'->>'acceptedAt' is null then accept_by end, resolve_by) < now())`;
    where.push(f.overdue ? overdue : `not ${overdue}`);
  }
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(`select * from work_order ${clause} order by created_at desc, id limit ? offset ?`, [...params, f.limit, f.offset]),
    conn.execute(`select count(*)::int as n from work_order ${clause}`, params),
  ]);
  return { rows: rows as WorkOrderRow[], total: (count[0] as { n: number }).n };
}

/**
 * A department's open work orders, soonest deadline first (partial index work_order_assignment_worklist_idx),
 * of the given local networks only ('*' = all).
 */
export async function departmentWorklist(
  em: EntityManager,
  department: string,
  limit: number,
  offset: number,
  localNetworks: '*' | string[] = '*',
): Promise<{ rows: WorklistRow[]; total: number }> {
  const conn = em.getConnection();
  const scope = localNetworks === '*' ? '' : 'and local_network = any(?::text[])';
  const params = localNetworks === '*' ? [department] : [department, `{${localNetworks.join(',')}}`];
  const [rows, count] = await Promise.all([
    conn.execute(
      `select work_order_id, department, round, state, deadline, type, priority, customer_tier, escalation_level, local_network, dispatched_at,
              deadline is not null and deadline < now() as overdue
         from work_order_assignment
        where department = ? and open ${scope}
        order by deadline asc nulls last, work_order_id
        limit ? offset ?`,
      [...params, limit, offset],
    ),
    conn.execute(`select count(*)::int as n from work_order_assignment where department = ? and open ${scope}`, params),
  ]);
  return { rows: rows as WorklistRow[], total: (count[0] as { n: number }).n };
}

/**
 * Claims an Idempotency-Key for a work order with the request's fingerprint; a repeat finds the
 * first claim (its fingerprint tells whether it is the same request).
 */
export async function claimWorkOrderRequest(
  em: EntityManager,
  c: { idempotencyKey: string; workOrderId: string; requestHash: string; createdBy: string },
): Promise<{ created: boolean; requestHash: string }> {
  const conn = em.getConnection();
  const inserted = await conn.execute(
    `insert into work_order_request (idempotency_key, work_order_id, request_hash, created_by) values (?, ?, ?, ?)
     on conflict (idempotency_key) do nothing returning request_hash`,
    [c.idempotencyKey, c.workOrderId, c.requestHash, c.createdBy],
  );
  if (inserted.length) return { created: true, requestHash: c.requestHash };
  const rows = (await conn.execute('select request_hash from work_order_request where idempotency_key = ?', [c.idempotencyKey])) as Array<{
    request_hash: string;
  }>;
  return { created: false, requestHash: rows[0]!.request_hash };
}

/** A customer's open work orders (newest first) visible in the given local networks ('*' = all). */
export async function openWorkOrdersOf(em: EntityManager, customerId: string, localNetworks: '*' | string[]): Promise<OpenWorkOrderRow[]> {
  const scope = localNetworks === '*' ? '' : 'and (handling_local_network = any(?::text[]) or taken_in_local_network = any(?::text[]))';
  const list = localNetworks === '*' ? [] : [`{${localNetworks.join(',')}}`, `{${localNetworks.join(',')}}`];
  return (await em.getConnection().execute(
    `select id, type, state, priority, escalation_level, created_at from work_order
      where customer_id = ? and phase <> all(?::text[]) ${scope}
      order by created_at desc limit 50`,
    [customerId, `{${TERMINAL_PHASES.join(',')}}`, ...list],
  )) as OpenWorkOrderRow[];
}
