// The supervisor board's reads over the work-order read model: open assignments of the watched local
// networks that are overdue, about to breach (past the urge mark, deadline still ahead) or escalated,
// soonest deadline first, and how many of each. Served by the partial indexes of migration 009: the
// page is chosen on the assignment rows alone, and only its rows are joined with their work orders.
import type { EntityManager } from '@mikro-orm/postgresql';
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
}

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
  }
  return { clause: where.join(' and '), params };
}

/** A page of the board, soonest deadline first (the most overdue on top), and how many there are. */
export async function boardList(em: EntityManager, f: BoardFilter, limit: number, offset: number): Promise<{ rows: BoardRow[]; total: number }> {
  const { clause, params } = whereOf(f, true);
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `with page as (
         select work_order_id, department, round, state, deadline, urge_at, type, priority, customer_tier, escalation_level, local_network, dispatched_at,
                accepted_by, accepted_at, deadline is not null and deadline < now() as overdue
           from work_order_assignment
          where ${clause}
          order by deadline asc nulls last, work_order_id, department
          limit ? offset ?)
       select page.*, w.snapshot->'sla' as sla, left(w.snapshot->>'description', 120) as summary, sa.display_name as accepted_by_name,
              (select count(*)::int from jsonb_array_elements(w.snapshot->'timeline') e
                where e->>'action' = 'urge' and (e->>'at')::bigint >= extract(epoch from page.dispatched_at) * 1000) as urges
         from page join work_order w on w.id = page.work_order_id
         left join staff_account sa on sa.username = page.accepted_by
        order by page.deadline asc nulls last, page.work_order_id, page.department`,
      [...params, limit, offset],
    ),
    conn.execute(`select count(*)::int as n from work_order_assignment where ${clause}`, params),
  ]);
  return { rows: rows as BoardRow[], total: (count[0] as { n: number }).n };
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
