// The supervisor board's reads over the work-order read model: open assignments of the watched local
// networks that are overdue, about to breach (past the urge mark, deadline still ahead) or escalated,
// soonest deadline first, and how many of each. Served by the partial indexes of migration 009: the
// page is chosen on the assignment rows alone, and only its rows are joined with their work orders.
import type { EntityManager } from '@mikro-orm/postgresql';
import { handlingLocalNetwork, type WorkOrderSnapshot } from '../domain/work-order.js';
import { executorOf, type Executor } from './transaction.js';
import type { DueFilter } from '../domain/supervision.js';
import type { WorklistRow } from './work-orders.js';

export interface BoardFilter {
  /** Watched local networks ('*' = all). */
  localNetworks: '*' | string[];
  localNetwork?: string;
  department?: string;
  due?: DueFilter;
  /** Above the city level (true), or still at it (false). */
  escalated?: boolean;
  /** Handed over to the national centre for coordination (true), or not (false). */
  handOver?: boolean;
}

/** Whether a page's work order has a supervision awaiting its written reply (primary key of work_order_supervision). */
export const AWAITING_REPLY = 'exists (select 1 from work_order_supervision s where s.work_order_id = page.work_order_id and s.replied_at is null)';

/** A worklist row with the urge mark the board filtered by. */
export type BoardRow = WorklistRow & { urge_at: Date | string | null };

const OVERDUE = 'deadline < now()';
const SOON = 'urge_at <= now() and deadline >= now()';
const ESCALATED = "escalation_level <> 'city'";

function whereOf(f: BoardFilter, withFlags: boolean): { clause: string; params: unknown[] } {
  const where = ['open'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => (where.push(sql), params.push(value));
  if (f.localNetworks !== '*') add('local_network = any(?::text[])', `{${f.localNetworks.join(',')}}`);
  if (f.localNetwork) add('local_network = ?', f.localNetwork);
  if (f.department) add('department = ?', f.department);
  if (withFlags) {
    if (f.due === 'overdue') where.push(OVERDUE);
    if (f.due === 'soon') where.push(SOON);
    if (f.escalated !== undefined) where.push(f.escalated ? ESCALATED : `not (${ESCALATED})`);
    if (f.handOver !== undefined) where.push(f.handOver ? 'hand_over' : 'not hand_over');
  }
  return { clause: where.join(' and '), params };
}

/** A page of the board, soonest deadline first (the most overdue on top), and how many there are. */
export async function boardList(em: EntityManager, f: BoardFilter, limit: number, offset: number): Promise<{ rows: BoardRow[]; total: number }> {
  const { clause, params } = whereOf(f, true);
  // The page and its count in one transaction: both see the same now(), so an assignment crossing its
  // urge mark or deadline in between is in both or in neither (the count never below the page).
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    const rows = await conn.execute(
      `with page as (
         select work_order_id, department, round, state, deadline, urge_at, type, priority, customer_tier, escalation_level, local_network, dispatched_at,
                accepted_by, accepted_at, hand_over, deadline is not null and deadline < now() as overdue
           from work_order_assignment
          where ${clause}
          order by deadline asc nulls last, work_order_id, department
          limit ? offset ?)
       select page.*, w.snapshot->'sla' as sla, left(w.snapshot->>'description', 120) as summary, sa.display_name as accepted_by_name,
              (select count(*)::int from jsonb_array_elements(w.snapshot->'timeline') e
                where e->>'action' = 'urge' and (e->>'at')::bigint >= extract(epoch from page.dispatched_at) * 1000) as urges,
              ${AWAITING_REPLY} as awaiting_reply
         from page join work_order w on w.id = page.work_order_id
         left join staff_account sa on sa.username = page.accepted_by
        order by page.deadline asc nulls last, page.work_order_id, page.department`,
      [...params, limit, offset],
    );
    const count = await conn.execute(`select count(*)::int as n from work_order_assignment where ${clause}`, params);
    return { rows: rows as BoardRow[], total: (count[0] as { n: number }).n };
  });
}

export interface BoardCounts {
  open: number;
  overdue: number;
  soon: number;
  escalated: number;
}

/** How many open assignments the board has in each tab (one scan of the open assignments in scope). */
export async function boardCounts(em: EntityManager, f: BoardFilter): Promise<BoardCounts> {
  const { clause, params } = whereOf(f, false);
  const rows = await em.getConnection().execute(
    `select count(*)::int as open,
            (count(*) filter (where ${OVERDUE}))::int as overdue,
            (count(*) filter (where ${SOON}))::int as soon,
            (count(*) filter (where ${ESCALATED}))::int as escalated
       from work_order_assignment where ${clause}`,
    params,
  );
  return rows[0] as BoardCounts;
}

// ---- supervised work orders (督办, issue 15 point 1): table work_order_supervision of migration 018 ----

/** Writes the work order's supervisions beside it (recordWorkOrder, in its transaction). */
export async function recordSupervisions(conn: Executor, s: WorkOrderSnapshot): Promise<void> {
  if (!s.supervisions?.length) return;
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const rows = s.supervisions.map((x) => ({
    supervision_id: x.id,
    supervised_by: x.by,
    level: x.level,
    centre: x.centre ?? null,
    placed_at: iso(x.at),
    due: iso(x.due),
    instructions: x.instructions,
    departments: x.departments,
    replied_at: iso(x.reply?.at),
    reply_by: x.reply?.by ?? null,
    reply_department: x.reply?.department ?? null,
    reply: x.reply?.text ?? null,
    overdue_at: iso(x.overdueAt),
  }));
  await conn.execute(
    `insert into work_order_supervision (work_order_id, local_network, work_order_state, supervision_id, supervised_by, level, centre, placed_at, due,
       instructions, departments, replied_at, reply_by, reply_department, reply, overdue_at)
     select ?, ?, ?, r.supervision_id, r.supervised_by, r.level, r.centre, r.placed_at, r.due, r.instructions,
            array(select jsonb_array_elements_text(r.departments)), r.replied_at, r.reply_by, r.reply_department, r.reply, r.overdue_at
       from jsonb_to_recordset(?::jsonb) as r(supervision_id int, supervised_by text, level text, centre text, placed_at timestamptz, due timestamptz,
            instructions text, departments jsonb, replied_at timestamptz, reply_by text, reply_department text, reply text, overdue_at timestamptz)
     on conflict (work_order_id, supervision_id) do update set local_network = excluded.local_network, work_order_state = excluded.work_order_state,
       replied_at = excluded.replied_at, reply_by = excluded.reply_by, reply_department = excluded.reply_department, reply = excluded.reply,
       overdue_at = excluded.overdue_at`,
    [s.id, handlingLocalNetwork(s), s.state, JSON.stringify(rows)],
  );
}

/** awaiting: no reply yet (overdue or not); overdue: no reply and past its deadline; replied: answered. */
export const SUPERVISION_STATUSES = ['awaiting', 'overdue', 'replied'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export interface SupervisedFilter {
  /** Watched local networks ('*' = all). */
  localNetworks: '*' | string[];
  localNetwork?: string;
  status?: SupervisionStatus;
  /** The level that placed it. */
  level?: string;
  /** Placed by this supervisor (user name). */
  supervisedBy?: string;
}

export interface SupervisedRow {
  work_order_id: string;
  supervision_id: number;
  local_network: string;
  supervised_by: string;
  level: string;
  centre: string | null;
  placed_at: Date | string;
  due: Date | string;
  instructions: string;
  departments: string[];
  replied_at: Date | string | null;
  reply_by: string | null;
  reply_department: string | null;
  reply: string | null;
  overdue_at: Date | string | null;
  work_order_state: string;
  overdue: boolean;
  priority: string;
  type: string;
  summary: string;
}

/** Supervised work orders in scope: those awaiting their reply first, soonest deadline first. */
export async function supervisedList(em: EntityManager, f: SupervisedFilter, limit: number, offset: number): Promise<{ rows: SupervisedRow[]; total: number }> {
  const where = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => (where.push(sql), params.push(value));
  if (f.localNetworks !== '*') add('s.local_network = any(?::text[])', `{${f.localNetworks.join(',')}}`);
  if (f.localNetwork) add('s.local_network = ?', f.localNetwork);
  if (f.level) add('s.level = ?', f.level);
  if (f.supervisedBy) add('s.supervised_by = ?', f.supervisedBy);
  if (f.status === 'awaiting') where.push('s.replied_at is null');
  if (f.status === 'overdue') where.push('s.replied_at is null and s.due < now()');
  if (f.status === 'replied') where.push('s.replied_at is not null');
  const clause = where.join(' and ');
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select s.*, s.replied_at is null and s.due < now() as overdue, w.priority, w.type, left(w.snapshot->>'description', 120) as summary
         from work_order_supervision s join work_order w on w.id = s.work_order_id
        where ${clause}
        order by (s.replied_at is null) desc, s.due asc, s.work_order_id, s.supervision_id
        limit ? offset ?`,
      [...params, limit, offset],
    ),
    conn.execute(`select count(*)::int as n from work_order_supervision s where ${clause}`, params),
  ]);
  return { rows: rows as SupervisedRow[], total: (count[0] as { n: number }).n };
}
