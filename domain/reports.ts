// Daily operations reports (the seeds' 每日运行情况报告): per local network, per department and per
// role, one row per business day in China Standard Time. The order figures are aggregated by the
// database (db/reports.ts); the work-order figures are computed here from the read model's
// snapshots, because SLA compliance and handling time follow the domain's own rules.
import { deadlinesOf } from './sla.js';
import { chinaBusinessDay, toEpochMs } from './instant.js';
import type { CallbackFigures } from './callbacks.js';
import type { QualityCheckFigures } from './quality-checks.js';
import { TERMINAL_PHASES, handlingLocalNetwork, type Assignment, type WorkOrderSnapshot } from './work-order.js';
import { topCategoryOf } from './work-order-categories.js';
import { countUrgingAndSupervision, emptySupervisionFigures, type SupervisionFigures } from './urging.js';

/** The group of a work order taken before categories, or of a type that has none. */
export const UNCATEGORIZED = 'uncategorized';

/**
 * The groupings that attribute the whole work order to one group, as per local network: the handling
 * local network, the top-level branch of its category (投诉分类), or the channel it came in by (接入方式).
 */
const WHOLE_ORDER_GROUP: Partial<Record<ReportGrouping, (s: WorkOrderSnapshot) => string>> = {
  localNetwork: handlingLocalNetwork,
  category: (s) => (s.category === undefined ? UNCATEGORIZED : topCategoryOf(s.category)),
  channel: (s) => s.channel,
};

export const REPORT_GROUPINGS = ['localNetwork', 'department', 'role', 'category', 'channel'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** Longest range one report covers: a month of days. */
export const MAX_REPORT_DAYS = 31;

const DAY_MS = 86_400_000;

/** The business days from `from` to `to`, both included ('YYYY-MM-DD', China time). */
export function reportDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = toEpochMs(from); t <= toEpochMs(to); t += DAY_MS) days.push(chinaBusinessDay(t));
  return days;
}

/** [start, end) of a China business day in epoch ms. */
export function dayBounds(day: string): { start: number; end: number } {
  const start = toEpochMs(day);
  return { start, end: start + DAY_MS };
}

export interface OrderFigures {
  /** Orders received (created) that day. */
  received: number;
  /** Of the orders received that day: their state now. */
  byState: Record<string, number>;
  /** Of the orders received that day: per service line (an order with two lines counts in both). */
  byServiceLine: Record<string, number>;
  /** Orders that reached a final state that day, by that state. */
  finished: Record<string, number>;
  /** Fulfilment lead time (received → completed) of the orders completed that day. */
  leadTimeSeconds: { p50: number | null; p90: number | null };
  /** Orders not in a final state at the end of the day. */
  backlog: number;
}

export interface WorkOrderFigures {
  /** Work orders taken that day (per role: by whom). */
  received: number | null;
  /** Rounds whose last receipt came back that day, within the resolve-by deadline or not. */
  slaMet: number | null;
  slaMissed: number | null;
  /** slaMet / (slaMet + slaMissed); null when nothing was resolved that day. */
  slaCompliance: number | null;
  /** Department receipts returned that day. */
  receipts: number;
  /** Mean of dispatch → receipt over those receipts. */
  avgHandlingSeconds: number | null;
  /** Open at the end of the day (per department: assignments not yet answered). */
  backlog: number | null;
  /** Escalations that day, by the level escalated to. */
  escalations: { total: number; province: number; national: number };
  /** Reopens that day. */
  reopened: number;
  /** Work orders closed that day, and the share of them that had been reopened at least once. */
  closed: number | null;
  reopenRate: number | null;
  /** Per role only: what that role did, by action. */
  actions?: Record<string, number>;
  /**
   * Per department only: of its backlog, the assignments of the current round past their deadline
   * (accept-by until accepted, then resolve-by) at the end of the day, or now for a day not yet over.
   */
  overdue?: number;
  /** Not per role (its actions count urge and supervise): urges by people and supervisions (督办), domain/urging.ts. */
  supervision?: SupervisionFigures;
  /** Per local network only: the call centre's callbacks (domain/callbacks.ts) and quality checks (domain/quality-checks.ts). */
  callbacks?: CallbackFigures;
  qualityChecks?: QualityCheckFigures;
}

export interface ReportRow {
  day: string;
  group: string;
  orders: OrderFigures | null;
  workOrders: WorkOrderFigures;
}

// ---- work orders ------------------------------------------------------------------------------

/** When the work order left the open phases for good (closed, cancelled, rejected), if it has. */
function terminalAt(s: WorkOrderSnapshot): number | undefined {
  if (!TERMINAL_PHASES.includes(s.phase)) return undefined;
  return s.closedAt ?? s.updatedAt;
}

/** When an assignment stopped being the department's to answer: its receipt, return or transfer. */
function assignmentEndAt(s: WorkOrderSnapshot, a: Assignment): number | undefined {
  if (a.receipt) return a.receipt.at;
  if (a.state === 'returned' || a.state === 'transferred') {
    const hit = s.timeline.find(
      (e) =>
        e.at >= a.dispatchedAt &&
        ((e.action === 'return' && e.actor.department === a.department) || (e.action === 'transfer' && e.details?.from === a.department)),
    );
    return hit?.at ?? s.updatedAt;
  }
  return terminalAt(s);
}

/** The moment the current round's SLA clock stopped: the last receipt, once no department still owes one. */
function roundResolvedAt(s: WorkOrderSnapshot): number | undefined {
  const round = s.assignments.filter((a) => a.state !== 'transferred' && a.state !== 'returned');
  if (round.length === 0 || round.some((a) => !a.receipt)) return undefined;
  return Math.max(...round.map((a) => a.receipt!.at));
}

const allAssignments = (s: WorkOrderSnapshot) => [...s.previousAssignments, ...s.assignments];

interface Tally {
  received: number;
  slaMet: number;
  slaMissed: number;
  receipts: number;
  handlingMs: number;
  backlog: number;
  escalations: { total: number; province: number; national: number };
  reopened: number;
  closed: number;
  closedAfterReopen: number;
  actions: Record<string, number>;
  overdue: number;
  supervision: SupervisionFigures;
}

const emptyTally = (): Tally => ({
  received: 0,
  slaMet: 0,
  slaMissed: 0,
  receipts: 0,
  handlingMs: 0,
  backlog: 0,
  escalations: { total: 0, province: 0, national: 0 },
  reopened: 0,
  closed: 0,
  closedAfterReopen: 0,
  actions: {},
  overdue: 0,
  supervision: emptySupervisionFigures(),
});

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

const countSla = (t: Tally, met: boolean) => {
  if (met) t.slaMet += 1;
  else t.slaMissed += 1;
};
const countReceipt = (t: Tally, handlingMs: number) => {
  t.receipts += 1;
  t.handlingMs += handlingMs;
};
const countClosed = (t: Tally, afterReopen: boolean) => {
  t.closed += 1;
  if (afterReopen) t.closedAfterReopen += 1;
};

/**
 * Work-order figures per (day, group) over `days`. `scope` keeps only the groups a principal may see
 * (undefined = all). Each snapshot is attributed to groups by the grouping:
 *  - localNetwork: the handling local network; category: the top-level branch of its category
 *    (UNCATEGORIZED without one); channel: the channel it was taken by — each the whole work order;
 *  - department: every department it was dispatched to (receipts, handling time and backlog are the
 *    department's own assignments; escalations go to the departments holding it at that moment);
 *  - role: the role of whoever acted (taking, receipts, escalations, reopens, and every action).
 */
export function workOrderFigures(
  snapshots: readonly WorkOrderSnapshot[],
  days: readonly string[],
  groupBy: ReportGrouping,
  scope?: (group: string) => boolean,
  now: number = Date.now(),
): Map<string, Map<string, WorkOrderFigures>> {
  const tallies = new Map<string, Map<string, Tally>>(days.map((d) => [d, new Map()]));
  const bounds = days.map((d) => ({ day: d, ...dayBounds(d) }));
  const first = bounds[0]?.start ?? 0;
  const last = bounds[bounds.length - 1]?.end ?? 0;
  const tallyOf = (at: number, group: string | undefined): Tally | undefined => {
    if (group === undefined || at < first || at >= last || (scope && !scope(group))) return undefined;
    const byGroup = tallies.get(chinaBusinessDay(at))!;
    let t = byGroup.get(group);
    if (!t) byGroup.set(group, (t = emptyTally()));
    return t;
  };
  // Backlog is a level, not a flow: every day the item was open at its end adds one.
  const countOpen = (from: number, until: number | undefined, group: string) => {
    if (scope && !scope(group)) return;
    for (const b of bounds) if (from < b.end && (until === undefined || until >= b.end)) tallyOf(b.start, group)!.backlog += 1;
  };

  for (const s of snapshots) {
    const wholeOrderGroup = WHOLE_ORDER_GROUP[groupBy];
    const network = wholeOrderGroup?.(s);
    const resolvedAt = roundResolvedAt(s);
    const resolveBy = deadlinesOf(s)?.resolveBy;
    const closed = s.phase === 'closed' && s.closedAt !== undefined ? s.closedAt : undefined;
    const created = s.timeline.find((e) => e.action === 'created');

    if (network !== undefined) {
      const at = (t: number) => tallyOf(t, network);
      countUrgingAndSupervision(s, (t) => at(t)?.supervision);
      const t0 = at(s.createdAt);
      if (t0) t0.received += 1;
      if (resolvedAt !== undefined && resolveBy !== undefined) {
        const t = at(resolvedAt);
        if (t) countSla(t, resolvedAt <= resolveBy);
      }
      for (const a of allAssignments(s)) {
        const t = a.receipt && at(a.receipt.at);
        if (t) countReceipt(t, a.receipt!.at - a.dispatchedAt);
      }
      countOpen(s.createdAt, terminalAt(s), network);
      for (const e of s.timeline) {
        const t = at(e.at);
        if (!t) continue;
        if (e.action === 'escalate') countEscalation(t, e.details?.to);
        if (e.action === 'reopen') t.reopened += 1;
      }
      const tc = closed !== undefined ? at(closed) : undefined;
      if (tc) countClosed(tc, s.reopenCount > 0);
    } else if (groupBy === 'department') {
      const assignments = allAssignments(s);
      for (const department of new Set(assignments.map((a) => a.department))) {
        const mine = assignments.filter((a) => a.department === department);
        const at = (t: number) => tallyOf(t, department);
        countUrgingAndSupervision(s, (t, concerned) => (concerned.includes(department) ? at(t)?.supervision : undefined));
        const firstDispatch = Math.min(...mine.map((a) => a.dispatchedAt));
        const t0 = at(firstDispatch);
        if (t0) t0.received += 1;
        const current = s.assignments.find((a) => a.department === department && a.receipt && a.state === 'receiptReturned');
        if (current && resolveBy !== undefined) {
          const t = at(current.receipt!.at);
          if (t) countSla(t, current.receipt!.at <= resolveBy);
        }
        for (const a of mine) {
          const t = a.receipt && at(a.receipt.at);
          if (t) countReceipt(t, a.receipt!.at - a.dispatchedAt);
          countOpen(a.dispatchedAt, assignmentEndAt(s, a), department);
        }
        for (const a of s.assignments) {
          if (a.department !== department || (scope && !scope(department))) continue;
          const deadlines = deadlinesOf(s);
          const until = assignmentEndAt(s, a);
          for (const b of bounds) {
            const moment = Math.min(b.end, now);
            if (a.dispatchedAt >= moment || (until !== undefined && until < moment)) continue;
            const accepted = a.acceptedAt !== undefined && a.acceptedAt <= moment;
            const deadline = accepted ? deadlines?.resolveBy : (deadlines?.acceptBy ?? deadlines?.resolveBy);
            if (deadline !== undefined && deadline <= moment) tallyOf(b.start, department)!.overdue += 1;
          }
        }
        for (const e of s.timeline) {
          if (e.action !== 'escalate' && e.action !== 'reopen') continue;
          // Charged to the department when it held the order at that moment (an escalation), or had answered it (a reopen).
          const held = mine.some((a) => a.dispatchedAt <= e.at && (e.action === 'reopen' || (assignmentEndAt(s, a) ?? Infinity) > e.at));
          const t = held ? at(e.at) : undefined;
          if (!t) continue;
          if (e.action === 'escalate') countEscalation(t, e.details?.to);
          else t.reopened += 1;
        }
        const tc = closed !== undefined ? at(closed) : undefined;
        if (tc) countClosed(tc, s.reopenCount > 0);
      }
    } else {
      const t0 = created && tallyOf(created.at, created.actor.role);
      if (t0) t0.received += 1;
      for (const e of s.timeline) {
        const t = tallyOf(e.at, e.actor.role);
        if (!t) continue;
        t.actions[e.action] = (t.actions[e.action] ?? 0) + 1;
        if (e.action === 'escalate') countEscalation(t, e.details?.to);
        if (e.action === 'reopen') t.reopened += 1;
      }
      for (const a of allAssignments(s)) {
        const t = a.receipt && tallyOf(a.receipt.at, 'department');
        if (t) countReceipt(t, a.receipt!.at - a.dispatchedAt);
      }
    }
  }

  const out = new Map<string, Map<string, WorkOrderFigures>>();
  for (const [day, byGroup] of tallies) {
    const figures = new Map<string, WorkOrderFigures>();
    for (const [group, t] of byGroup) figures.set(group, present(t, groupBy));
    out.set(day, figures);
  }
  return out;
}

function countEscalation(t: Tally, to: unknown): void {
  t.escalations.total += 1;
  if (to === 'province') t.escalations.province += 1;
  if (to === 'national') t.escalations.national += 1;
}

function present(t: Tally, groupBy: ReportGrouping): WorkOrderFigures {
  const perRole = groupBy === 'role';
  return {
    received: t.received,
    slaMet: perRole ? null : t.slaMet,
    slaMissed: perRole ? null : t.slaMissed,
    slaCompliance: perRole ? null : ratio(t.slaMet, t.slaMet + t.slaMissed),
    receipts: t.receipts,
    avgHandlingSeconds: t.receipts === 0 ? null : Math.round(t.handlingMs / t.receipts / 1000),
    backlog: perRole ? null : t.backlog,
    escalations: t.escalations,
    reopened: t.reopened,
    closed: perRole ? null : t.closed,
    reopenRate: perRole ? null : ratio(t.closedAfterReopen, t.closed),
    ...(perRole ? { actions: t.actions } : {}),
    ...(groupBy === 'department' ? { overdue: t.overdue } : {}),
    ...(perRole ? {} : { supervision: t.supervision }),
  };
}

export const emptyWorkOrderFigures = (groupBy: ReportGrouping): WorkOrderFigures => present(emptyTally(), groupBy);

// ---- CSV ----------------------------------------------------------------------------------------

/** One line per (day, group); nested figures become dotted columns, the same set on every line. */
export function reportToCsv(rows: readonly ReportRow[]): string {
  const flat = rows.map((r) => flatten({ day: r.day, group: r.group, orders: r.orders ?? {}, workOrders: r.workOrders }));
  const columns = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const fixed = ['day', 'group'];
  const rest = columns.filter((c) => !fixed.includes(c)).sort();
  const header = [...fixed, ...rest];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [
      header.join(','),
      ...flat.map((f) => header.map((c) => cell(f[c] ?? (c.includes('.by') || c.includes('.finished.') || c.includes('.actions.') ? 0 : ''))).join(',')),
    ].join('\n') + '\n'
  );
}

function flatten(o: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, into);
    else into[key] = v;
  }
  return into;
}
