// Quality checks (抽查) in the read model: kept by the work order's own write (recordWorkOrder, in its
// transaction) when a closed work order falls in its local network's sample, then recorded by the
// call centre through the API; and the call centre's report figures (callbacks and checks).
import type { EntityManager } from '@mikro-orm/postgresql';
import { callbackFigures, emptyCallbackFigures, type CallbackFigures } from '../domain/callbacks.js';
import {
  dueForQualityCheck,
  emptyQualityCheckFigures,
  qualityCheckFigures,
  qualityCheckShare,
  type QualityCheckFigures,
  type QualityCheckRecord,
  type QualityCheckResult,
  type QualityCheckState,
} from '../domain/quality-checks.js';
import { handlingLocalNetwork, type WorkOrderSnapshot } from '../domain/work-order.js';
import { isoOf } from './time.js';
import type { Executor } from './transaction.js';

type Timestamp = Date | string;

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** A quality_check row, with what a list shows of its work order. */
export interface QualityCheckRow {
  work_order_id: string;
  local_network: string;
  taken_in_local_network: string;
  customer_id: string;
  round: number;
  share: string | number;
  sampled_at: Timestamp;
  result: QualityCheckResult | null;
  note: string | null;
  recorded_by: string | null;
  recorded_by_role: string | null;
  recorded_at: Timestamp | null;
}

export type QualityCheckListRow = QualityCheckRow & {
  type: string;
  phase: string;
  close_reason: string | null;
  customer_name: string | null;
  customer_tier: string;
  summary: string;
};

/**
 * The quality-check sample, after the work order's write (same transaction): a closed work order in
 * its local network's sample gets its check. A recorded check is kept; a later close (after a
 * reopen) moves an unrecorded one to that close.
 */
export async function sampleForQualityCheck(conn: Executor, s: WorkOrderSnapshot): Promise<void> {
  if (s.phase !== 'closed') return;
  const network = handlingLocalNetwork(s);
  const rows = (await conn.execute(`select rules->'qualityCheckShare' as share from local_network where id = ?`, [network])) as Array<{ share: unknown }>;
  const share = qualityCheckShare({ qualityCheckShare: typeof rows[0]?.share === 'number' ? rows[0].share : undefined });
  if (!dueForQualityCheck(s, share)) return;
  await conn.execute(
    `insert into quality_check (work_order_id, local_network, taken_in_local_network, customer_id, round, share, sampled_at)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (work_order_id) do update set round = excluded.round, sampled_at = excluded.sampled_at
       where quality_check.result is null and quality_check.round < excluded.round`,
    [s.id, network, s.takenInLocalNetwork, s.customer.id, s.reopenCount, share, iso(s.closedAt ?? s.updatedAt)],
  );
}

export async function findQualityCheck(em: EntityManager, workOrderId: string): Promise<QualityCheckRow | undefined> {
  const rows = await em.getConnection().execute('select * from quality_check where work_order_id = ?', [workOrderId]);
  return rows[0] as QualityCheckRow | undefined;
}

export interface QualityCheckFilter {
  /** due: sampled, its work order closed, no result yet (oldest close first); done: recorded (latest first); all. */
  state: QualityCheckState;
  /** The reader's local networks, handling or taking ('*' = all). */
  localNetworks: '*' | string[];
  localNetwork?: string;
  customerId?: string;
  limit: number;
  offset: number;
}

const DUE = `q.result is null and w.phase = 'closed'`;

export async function listQualityChecks(em: EntityManager, f: QualityCheckFilter): Promise<{ rows: QualityCheckListRow[]; total: number }> {
  const where: string[] = [f.state === 'due' ? DUE : f.state === 'done' ? 'q.result is not null' : 'true'];
  const params: unknown[] = [];
  if (f.localNetworks !== '*') {
    const list = `{${f.localNetworks.join(',')}}`;
    where.push('(q.local_network = any(?::text[]) or q.taken_in_local_network = any(?::text[]))');
    params.push(list, list);
  }
  if (f.localNetwork) {
    where.push('(q.local_network = ? or q.taken_in_local_network = ?)');
    params.push(f.localNetwork, f.localNetwork);
  }
  if (f.customerId) {
    where.push('q.customer_id = ?');
    params.push(f.customerId);
  }
  const clause = where.join(' and ');
  const order = f.state === 'done' ? 'q.recorded_at desc, q.work_order_id' : 'q.sampled_at, q.work_order_id';
  const from = 'quality_check q join work_order w on w.id = q.work_order_id';
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select q.*, w.type, w.phase, w.snapshot->>'closeReason' as close_reason, w.customer_tier, left(w.snapshot->>'description', 120) as summary,
              c.name as customer_name
         from ${from} left join customer c on c.id = q.customer_id
        where ${clause} order by ${order} limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    conn.execute(`select count(*)::int as n from ${from} where ${clause}`, params),
  ]);
  return { rows: rows as QualityCheckListRow[], total: (count[0] as { n: number }).n };
}

/**
 * Records the check's result, once: undefined when it had already been recorded (or is not due: its
 * work order was reopened and is not closed again).
 */
export async function recordQualityCheck(
  em: EntityManager,
  r: { workOrderId: string; result: QualityCheckResult; note?: string; by: string; role: string; at?: number },
): Promise<QualityCheckRow | undefined> {
  const rows = await em.getConnection().execute(
    `update quality_check q set result = ?, note = ?, recorded_by = ?, recorded_by_role = ?, recorded_at = coalesce(?::timestamptz, now())
      where q.work_order_id = ? and q.result is null and exists (select 1 from work_order w where w.id = q.work_order_id and w.phase = 'closed')
      returning *`,
    [r.result, r.note ?? null, r.by, r.role, iso(r.at), r.workOrderId],
  );
  return rows[0] as QualityCheckRow | undefined;
}

/** The quality checks sampled or recorded in [start, end), of the given local networks (handling; '*' = all), for the daily report. */
export async function qualityChecksBetween(em: EntityManager, start: string, end: string, localNetworks: '*' | string[]): Promise<QualityCheckRecord[]> {
  const scope = localNetworks === '*' ? '' : 'and local_network = any(?::text[])';
  const rows = (await em.getConnection().execute(
    `select local_network, sampled_at, result, recorded_at from quality_check
      where ((sampled_at >= ? and sampled_at < ?) or (recorded_at >= ? and recorded_at < ?)) ${scope}`,
    [start, end, start, end, ...(localNetworks === '*' ? [] : [`{${localNetworks.join(',')}}`])],
  )) as Array<{ local_network: string; sampled_at: Timestamp; result: QualityCheckResult | null; recorded_at: Timestamp | null }>;
  return rows.map((r) => ({
    localNetwork: r.local_network,
    sampledAt: Date.parse(isoOf(r.sampled_at)!),
    ...(r.result && r.recorded_at ? { result: r.result, recordedAt: Date.parse(isoOf(r.recorded_at)!) } : {}),
  }));
}

/** A day's callback and quality-check figures per local network. */
export type CallCentreFigures = Map<string, { callbacks: CallbackFigures; qualityChecks: QualityCheckFigures }>;

/**
 * The call centre's figures per (day, handling local network) for the daily report: callbacks from
 * the work orders' snapshots, quality checks from their table.
 */
export async function callCentreFigures(
  em: EntityManager,
  snapshots: readonly WorkOrderSnapshot[],
  days: readonly string[],
  r: { start: string; end: string; localNetworks: '*' | string[]; scope?: (group: string) => boolean },
): Promise<Map<string, CallCentreFigures>> {
  const callbacks = callbackFigures(snapshots, days, handlingLocalNetwork, r.scope);
  const checks = qualityCheckFigures(await qualityChecksBetween(em, r.start, r.end, r.localNetworks), days, r.scope);
  const out = new Map<string, CallCentreFigures>();
  for (const day of days) {
    const cb = callbacks.get(day)!;
    const qc = checks.get(day)!;
    const byGroup: CallCentreFigures = new Map();
    for (const group of new Set([...cb.keys(), ...qc.keys()])) {
      byGroup.set(group, { callbacks: cb.get(group) ?? emptyCallbackFigures(), qualityChecks: qc.get(group) ?? emptyQualityCheckFigures() });
    }
    out.set(day, byGroup);
  }
  return out;
}

/** A group's figures of the day, zero where nothing happened. */
export function callCentreOf(day: CallCentreFigures, group: string): { callbacks: CallbackFigures; qualityChecks: QualityCheckFigures } {
  const f = day.get(group);
  return { callbacks: f?.callbacks ?? emptyCallbackFigures(), qualityChecks: f?.qualityChecks ?? emptyQualityCheckFigures() };
}
