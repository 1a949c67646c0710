// The work-order read model, kept in step by the workflow's recordWorkOrder activity: the search
// and list endpoints, the department worklist and the reports read it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { openCallback } from '../domain/callbacks.js';
import { deadlinesOf } from '../domain/sla.js';
import { urgeMarkOf } from '../domain/supervision.js';
import {
  SEVERITY_OF_PRIORITY,
  TERMINAL_PHASES,
  acceptancesOf,
  assignees,
  handlingLocalNetwork,
  type WorkOrderSnapshot,
  type WorklistSort,
} from '../domain/work-order.js';
import { appendResourceChange } from './resource-changes.js';
import { sampleForQualityCheck } from './quality-checks.js';
import { AWAITING_REPLY, recordSupervisions } from './supervision.js';
import { executorOf } from './transaction.js';

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
  /** The work order's SLA bookkeeping: when the deadline's urge mark falls (api/presenters). */
  sla: WorkOrderSnapshot['sla'];
  /** The description's beginning, for a list. */
  summary: string;
  /** Urges of this assignment since its dispatch, by the SLA clock or by a person. */
  urges: number;
  /** Under supervision (督办), its written reply not in yet. */
  awaiting_reply: boolean;
  /** Who accepted it (the actor id), when, and their display name when they have a staff account. */
  accepted_by: string | null;
  accepted_at: Timestamp | null;
  accepted_by_name: string | null;
  /** The national centre got it by the province centre's hand-over for coordination (migration 020). */
  hand_over: boolean;
}

/** Narrowing a worklist: each criterion given must hold. */
export interface WorklistFilter {
  type?: string;
  localNetwork?: string;
  tier?: string;
  /** Past its deadline (true), or not (false). */
  overdue?: boolean;
  /** Soonest deadline first (default), or latest dispatch first. */
  sort?: WorklistSort;
  /** Handed over for coordination (true), or not (false): the national centre's two queues. */
  handOver?: boolean;
}
/** Each sort's order on the assignment rows, their columns prefixed (partial indexes work_order_assignment_worklist_idx and …_newest_idx). */
const WORKLIST_ORDER: Record<WorklistSort, (t: string) => string> = {
  deadline: (t) => `${t}deadline asc nulls last, ${t}work_order_id`,
  newest: (t) => `${t}dispatched_at desc, ${t}work_order_id`,
};

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
  // Its SLA urge mark, kept beside it: the supervisor board's "about to breach" is then one comparison.
  const urgeAtOf = (accepted: boolean) => iso(urgeMarkOf(d, accepted ? d?.resolveBy : (d?.acceptBy ?? d?.resolveBy)));
  return em.transactional(async (tx): Promise<WorkOrderWrite> => {
    const conn = executorOf(tx);
    // One writer per work order at a time, even before its row exists (a row lock cannot cover an
    // insert): the stored snapshot read under it tells what this write adds, and the changes of one
    // work order enter the outbox in their order.
    await conn.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`work_order:${s.id}`]);
    const previous = ((await conn.execute(`select snapshot from work_order where id = ?`, [s.id])) as Array<{ snapshot: WorkOrderSnapshot }>)[0]?.snapshot;
    const updated = await conn.execute(
      `insert into work_order (id, type, channel, priority, state, phase, customer_id, customer_tier, taken_in_local_network, home_local_network,
         handling_local_network, service_line, escalation_level, departments, related_order_id, accept_by, resolve_by, reopen_count, snapshot, seq,
         created_at, updated_at, resolved_at, closed_at, category, callback_due_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set type = excluded.type, priority = excluded.priority, state = excluded.state, phase = excluded.phase,
         escalation_level = excluded.escalation_level, departments = excluded.departments, accept_by = excluded.accept_by,
         resolve_by = excluded.resolve_by, reopen_count = excluded.reopen_count, snapshot = excluded.snapshot, seq = excluded.seq,
         updated_at = excluded.updated_at, resolved_at = excluded.resolved_at, closed_at = excluded.closed_at,
         callback_due_by = excluded.callback_due_by
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
        s.category ?? null,
        // The open callback's deadline: the callbacks due list sorts by it.
        iso(openCallback(s)?.dueBy),
      ],
    );
    if (!updated.length) return { applied: false, newEntries: [] }; // a newer snapshot is already there
    await sampleForQualityCheck(conn, s);
    await recordSupervisions(conn, s);
    for (const a of [...s.previousAssignments, ...s.assignments]) {
      const live = open && s.assignments.includes(a) && (a.state === 'dispatched' || a.state === 'accepted');
      await conn.execute(
        `insert into work_order_assignment (work_order_id, department, round, state, open, deadline, urge_at, type, priority, customer_tier, escalation_level, local_network, dispatched_at, updated_at, hand_over)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (work_order_id, department, round) do update set state = excluded.state, open = excluded.open, deadline = excluded.deadline, urge_at = excluded.urge_at,
           priority = excluded.priority, escalation_level = excluded.escalation_level, updated_at = excluded.updated_at`,
        [
          s.id,
          a.department,
          a.round,
          a.state,
          live,
          deadlineOf(a.state === 'accepted'),
          urgeAtOf(a.state === 'accepted'),
          s.type,
          s.priority,
          s.customer.tier,
          s.escalationLevel,
          handling,
          iso(a.dispatchedAt),
          iso(s.updatedAt),
          a.handedOverBy !== undefined,
        ],
      );
    }
    // Who took each assignment (the worklist's "taken by"), read off the timeline: one statement for all.
    const taken = acceptancesOf(s);
    if (taken.length)
      await conn.execute(
        `update work_order_assignment wa set accepted_by = t.by, accepted_at = t.at
           from jsonb_to_recordset(?::jsonb) as t(department text, round int, by text, at timestamptz)
          where wa.work_order_id = ? and wa.department = t.department and wa.round = t.round and wa.accepted_by is distinct from t.by`,
        [JSON.stringify(taken.map((t) => ({ ...t, at: iso(t.at) }))), s.id],
      );
    // The ticket's event goes out with the read model, in its transaction (the outbox); its first write creates it.
    await appendResourceChange(tx, { resourceType: 'troubleTicket', resourceId: s.id, change: previous ? 'update' : 'create', previous, current: s });
    return { applied: true, newEntries: s.timeline.slice(previous?.timeline.length ?? 0) };
  });
}

export async function findWorkOrder(em: EntityManager, id: string): Promise<WorkOrderRow | undefined> {
  const rows = await em.getConnection().execute('select * from work_order where id = ?', [id]);
  return rows[0] as WorkOrderRow | undefined;
}

export interface WorkOrderFilter {
  state?: string;
  /** Any of these states, each optionally only before (reopened false) or after (true) a reopen. */
  states?: Array<{ state: string; reopened?: boolean }>;
  type?: string;
  priority?: string;
  /** The stated severity, or for a work order taken without one the severity of its priority (severityOf). */
  severity?: string;
  department?: string;
  localNetwork?: string;
  /** Principal scope: only these handling or taking local networks ('*' = all). */
  localNetworks: '*' | string[];
  overdue?: boolean;
  escalationLevel?: string;
  customerId?: string;
  /** Those naming this account manager (staff user name). */
  accountManager?: string;
  /** A node of the category tree: the work orders in it or under it. */
  category?: string;
  /** An id's beginning, and creation dates (the auditor's search). */
  idPrefix?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listWorkOrders(em: EntityManager, f: WorkOrderFilter): Promise<{ rows: WorkOrderRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (f.state) add('state = ?', f.state);
  if (f.states) {
    const one = (c: { reopened?: boolean }) => (c.reopened === undefined ? 'state = ?' : `(state = ? and reopen_count ${c.reopened ? '>' : '='} 0)`);
    add(`(${f.states.map(one).join(' or ') || 'false'})`, ...f.states.map((c) => c.state));
  }
  if (f.type) add('type = ?', f.type);
  if (f.priority) add('priority = ?', f.priority);
  if (f.severity) {
    const byPriority = Object.entries(SEVERITY_OF_PRIORITY);
    add(`coalesce(snapshot->>'severity', case priority ${byPriority.map(() => 'when ? then ?').join(' ')} end) = ?`, ...byPriority.flat(), f.severity);
  }
  if (f.department) add('? = any(departments)', f.department);
  if (f.localNetwork) add('(handling_local_network = ? or taken_in_local_network = ?)', f.localNetwork, f.localNetwork);
  if (f.localNetworks !== '*') {
    const list = `{${f.localNetworks.join(',')}}`;
    add('(handling_local_network = any(?::text[]) or taken_in_local_network = any(?::text[]))', list, list);
  }
  if (f.escalationLevel) add('escalation_level = ?', f.escalationLevel);
  if (f.customerId) add('customer_id = ?', f.customerId);
  if (f.accountManager) add(`snapshot->>'accountManager' = ?`, f.accountManager);
  // A like-prefix, so work_order_category_idx serves it (ids are lower-case words, - and . only: nothing to escape).
  if (f.category) add(`(category = ? or category like ?)`, f.category, `${f.category}.%`);
  if (f.idPrefix) add('starts_with(id, ?)', f.idPrefix);
  if (f.from) add('created_at >= ?', f.from);
  if (f.to) add('created_at < ?', f.to);
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
 * of the given local networks only ('*' = all), narrowed by the filter. The page is chosen on the
 * assignment rows alone; only its rows are joined with their work orders for what a desk shows.
 */
export async function departmentWorklist(
  em: EntityManager,
  department: string,
  limit: number,
  offset: number,
  localNetworks: '*' | string[] = '*',
  filter: WorklistFilter = {},
): Promise<{ rows: WorklistRow[]; total: number }> {
  const where = ['department = ?', 'open'];
  const params: unknown[] = [department];
  const add = (sql: string, value: unknown) => (where.push(sql), params.push(value));
  if (localNetworks !== '*') add('local_network = any(?::text[])', `{${localNetworks.join(',')}}`);
  if (filter.type) add('type = ?', filter.type);
  if (filter.localNetwork) add('local_network = ?', filter.localNetwork);
  if (filter.tier) add('customer_tier = ?', filter.tier);
  if (filter.overdue !== undefined) where.push(filter.overdue ? 'deadline < now()' : '(deadline is null or deadline >= now())');
  if (filter.handOver !== undefined) where.push(filter.handOver ? 'hand_over' : 'not hand_over');
  const clause = where.join(' and ');
  const order = WORKLIST_ORDER[filter.sort ?? 'deadline'];
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `with page as (
         select work_order_id, department, round, state, deadline, type, priority, customer_tier, escalation_level, local_network, dispatched_at,
                accepted_by, accepted_at, hand_over, deadline is not null and deadline < now() as overdue
           from work_order_assignment
          where ${clause}
          order by ${order('')}
          limit ? offset ?)
       select page.*, w.snapshot->'sla' as sla, left(w.snapshot->>'description', 120) as summary, sa.display_name as accepted_by_name,
              (select count(*)::int from jsonb_array_elements(w.snapshot->'timeline') e
                where e->>'action' = 'urge' and (e->>'at')::bigint >= extract(epoch from page.dispatched_at) * 1000) as urges,
              ${AWAITING_REPLY} as awaiting_reply
         from page join work_order w on w.id = page.work_order_id
         left join staff_account sa on sa.username = page.accepted_by
        order by ${order('page.')}`,
      [...params, limit, offset],
    ),
    conn.execute(`select count(*)::int as n from work_order_assignment where ${clause}`, params),
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

/**
 * The phases in which the centre owes the customer a callback: the receipt to review, the customer
 * being told, the customer's answer to record, and an unsatisfied answer to reopen.
 */
export const CALLBACK_PHASES = ['receiptReturned', 'reviewed', 'customerNotified', 'unsatisfied'] as const;

export type CallbackRow = WorkOrderRow & {
  customer_name: string | null;
  waiting_since: Timestamp;
  callback_due_by: Timestamp | null;
  callback_overdue: boolean;
};

/**
 * Callbacks due in the given local networks ('*' = all; the handling or the taking network): those
 * with a callback task soonest deadline first (the overdue at the head), then the rest oldest
 * resolution first (or, before the receipt was reviewed, oldest last change): partial index
 * work_order_callbacks_due_idx of migration 019.
 */
export async function callbacksDue(
  em: EntityManager,
  f: { localNetworks: '*' | string[]; customerId?: string; limit: number; offset: number },
): Promise<{ rows: CallbackRow[]; total: number }> {
  const where = [`w.phase in (${CALLBACK_PHASES.map((p) => `'${p}'`).join(', ')})`];
  const params: unknown[] = [];
  if (f.customerId !== undefined) {
    where.push('w.customer_id = ?');
    params.push(f.customerId);
  }
  if (f.localNetworks !== '*') {
    const list = `{${f.localNetworks.join(',')}}`;
    where.push('(w.handling_local_network = any(?::text[]) or w.taken_in_local_network = any(?::text[]))');
    params.push(list, list);
  }
  const clause = where.join(' and ');
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select w.*, coalesce(w.resolved_at, w.updated_at) as waiting_since, c.name as customer_name,
              coalesce(w.callback_due_by < now(), false) as callback_overdue
         from work_order w left join customer c on c.id = w.customer_id
        where ${clause}
        order by w.callback_due_by asc nulls last, coalesce(w.resolved_at, w.updated_at), w.id limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    conn.execute(`select count(*)::int as n from work_order w where ${clause}`, params),
  ]);
  return { rows: rows as CallbackRow[], total: (count[0] as { n: number }).n };
}
