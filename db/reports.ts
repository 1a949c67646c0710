// The daily operations report's queries: order figures aggregated by PostgreSQL (counts and lead-time
// percentiles per China business day), work-order snapshots for domain/reports.ts to compute from.
import type { EntityManager } from '@mikro-orm/postgresql';
import { dayBounds, emptyWorkOrderFigures, reportDays, workOrderFigures, type OrderFigures, type ReportGrouping, type ReportRow } from '../domain/reports.js';
import { TERMINAL_PHASES, handlingLocalNetwork, type WorkOrderSnapshot } from '../domain/work-order.js';
import { callCentreFigures, callCentreOf } from './quality-checks.js';

export interface ReportRequest {
  from: string;
  to: string;
  groupBy: ReportGrouping;
  /** Local networks the reader may see ('*' = all). */
  localNetworks: '*' | string[];
  /** A department's staff see their own department only: the work orders it held, grouped by department. */
  department?: string;
}

// Orders have no department; per role they go to whoever placed them: an agent, or order entry.
// Per category and per channel: work orders only (orders have no category, and their channels are
// the sales channels, not the contact channels the work orders come in by).
const ORDER_GROUP: Record<ReportGrouping, string | undefined> = {
  localNetwork: 'local_network',
  role: `case when agent_id is not null then 'agent' else 'order-entry' end`,
  department: undefined,
  category: undefined,
  channel: undefined,
};

const DAY = (column: string) => `to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

async function orderFigures(em: EntityManager, r: ReportRequest, start: string, end: string): Promise<Map<string, Map<string, OrderFigures>>> {
  const out = new Map<string, Map<string, OrderFigures>>();
  const group = ORDER_GROUP[r.groupBy];
  if (!group) return out;
  const conn = em.getConnection();
  const scope = r.localNetworks === '*' ? '' : 'and local_network = any(?::text[])';
  const scopeParams = r.localNetworks === '*' ? [] : [`{${r.localNetworks.join(',')}}`];
  const figuresOf = (day: string, key: string): OrderFigures => {
    let byGroup = out.get(day);
    if (!byGroup) out.set(day, (byGroup = new Map()));
    let f = byGroup.get(key);
    if (!f) byGroup.set(key, (f = { received: 0, byState: {}, byServiceLine: {}, finished: {}, leadTimeSeconds: { p50: null, p90: null }, backlog: 0 }));
    return f;
  };

  const [received, lines, finished, backlog] = await Promise.all([
    conn.execute(
      `select ${DAY('created_at')} as day, ${group} as key, state, count(*)::int as n
         from product_order where created_at >= ? and created_at < ? ${scope} group by 1, 2, 3`,
      [start, end, ...scopeParams],
    ),
    conn.execute(
      `select day, key, line, count(*)::int as n from (
         select ${DAY('created_at')} as day, ${group} as key, unnest(service_lines) as line
           from product_order where created_at >= ? and created_at < ? ${scope}) t
        group by 1, 2, 3`,
      [start, end, ...scopeParams],
    ),
    conn.execute(
      `select ${DAY('completed_at')} as day, ${group} as key, state, count(*)::int as n,
              percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)) as p50,
              percentile_cont(0.9) within group (order by extract(epoch from completed_at - created_at)) as p90
         from product_order where completed_at >= ? and completed_at < ? ${scope} group by 1, 2, 3`,
      [start, end, ...scopeParams],
    ),
    // Open at the end of each day: received before it ends, not finished before it ends.
    conn.execute(
      `select ${DAY('d.day_start')} as day, ${group} as key, count(*)::int as n
         from generate_series(?::timestamptz, ?::timestamptz - interval '1 day', interval '1 day') as d(day_start)
         join product_order o on o.created_at < d.day_start + interval '1 day'
                             and (o.completed_at is null or o.completed_at >= d.day_start + interval '1 day')
        where true ${scope}
        group by 1, 2`,
      [start, end, ...scopeParams],
    ),
  ]);
  for (const row of received as Array<{ day: string; key: string; state: string; n: number }>) {
    const f = figuresOf(row.day, row.key);
    f.received += row.n;
    f.byState[row.state] = row.n;
  }
  for (const row of lines as Array<{ day: string; key: string; line: string; n: number }>) figuresOf(row.day, row.key).byServiceLine[row.line] = row.n;
  for (const row of finished as Array<{ day: string; key: string; state: string; n: number; p50: number | null; p90: number | null }>) {
    const f = figuresOf(row.day, row.key);
    f.finished[row.state] = row.n;
    if (row.state === 'completed') f.leadTimeSeconds = { p50: roundSeconds(row.p50), p90: roundSeconds(row.p90) };
  }
  for (const row of backlog as Array<{ day: string; key: string; n: number }>) figuresOf(row.day, row.key).backlog = row.n;
  return out;
}

const roundSeconds = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));

/** Work orders that may count in the range: taken before it ends, and not finished before it starts. */
async function workOrderSnapshots(em: EntityManager, r: ReportRequest, start: string, end: string): Promise<WorkOrderSnapshot[]> {
  const params: unknown[] = [end, `{${TERMINAL_PHASES.join(',')}}`, start, start];
  let scope = '';
  if (r.localNetworks !== '*') {
    scope = 'and (handling_local_network = any(?::text[]) or taken_in_local_network = any(?::text[]))';
    const list = `{${r.localNetworks.join(',')}}`;
    params.push(list, list);
  }
  // A department's report: only the work orders it ever held (every round), not every network's.
  if (r.department) {
    scope += ' and id in (select work_order_id from work_order_assignment where department = ?)';
    params.push(r.department);
  }
  const rows = (await em.getConnection().execute(
    `select snapshot from work_order
      where created_at < ? and (phase <> all(?::text[]) or updated_at >= ? or closed_at >= ?) ${scope}`,
    params,
  )) as Array<{ snapshot: WorkOrderSnapshot }>;
  return rows.map((x) => x.snapshot);
}

/** The report's rows: every (day, group) with anything to say, days in order, groups by name. */
export async function dailyReport(em: EntityManager, r: ReportRequest): Promise<ReportRow[]> {
  const days = reportDays(r.from, r.to);
  const start = new Date(dayBounds(days[0]!).start).toISOString();
  const end = new Date(dayBounds(days[days.length - 1]!).end).toISOString();
  const scope =
    r.groupBy === 'department' && r.department
      ? (g: string) => g === r.department
      : r.groupBy === 'localNetwork' && r.localNetworks !== '*'
        ? (g: string) => (r.localNetworks as string[]).includes(g)
        : undefined;
  const [orders, snapshots] = await Promise.all([orderFigures(em, r, start, end), workOrderSnapshots(em, r, start, end)]);
  // Per category and per channel, as per local network: the work orders handled in the reader's networks.
  const networks = r.localNetworks;
  const handledInScope =
    (r.groupBy === 'category' || r.groupBy === 'channel') && networks !== '*' ? snapshots.filter((s) => networks.includes(handlingLocalNetwork(s))) : snapshots;
  const workOrders = workOrderFigures(handledInScope, days, r.groupBy, scope);
  // Per local network: the call centre's callbacks and quality checks (its work, not a department's).
  const callCentre =
    r.groupBy === 'localNetwork' ? await callCentreFigures(em, snapshots, days, { start, end, localNetworks: r.localNetworks, scope }) : undefined;
  const rows: ReportRow[] = [];
  for (const day of days) {
    const o = orders.get(day) ?? new Map();
    const w = workOrders.get(day) ?? new Map();
    const c = callCentre?.get(day) ?? new Map();
    for (const group of [...new Set([...o.keys(), ...w.keys(), ...c.keys()])].sort()) {
      const figures = w.get(group) ?? emptyWorkOrderFigures(r.groupBy);
      rows.push({
        day,
        group,
        orders: ORDER_GROUP[r.groupBy] ? (o.get(group) ?? null) : null,
        workOrders: callCentre ? { ...figures, ...callCentreOf(c, group) } : figures,
      });
    }
  }
  return rows;
}
