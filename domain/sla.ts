// Service-level agreements of work orders, as data per type × customer tier, and the pure clock
// arithmetic the workflow uses to set its next timer.
//
// Each round of the closed loop has SLA windows, all counted from the first dispatch:
//   accept      the accept deadline (ignored once a department has accepted),
//   resolve     the resolve deadline (met when every receipt is in),
//   resolve+1…  further deadlines escalateEvery apart, so an order that stays overdue climbs on.
// Each window has two marks: `<window>:urge` (urgeBefore ahead of the deadline: the department is
// urged and its supervisor warned) and `<window>:deadline` (the order escalates one level: city →
// province → national; at the national level there is nothing to escalate to, so it is urged again).
// The snapshot records the marks acted on, so a mark fires once even when the workflow replays.
//
// Time scale: durations are multiplied by `timeScale` (1 in production; tests use e.g. 1/3600 so
// that hours become seconds). Business hours cannot be scaled meaningfully — eight scaled working
// hours would still wait for Monday morning — so a business-clock SLA with timeScale < 1 is
// counted in real time, scaled.
import { CUSTOMER_TIERS, type CustomerTier } from './customer.js';
import { nextEscalationLevel, type EscalationLevel } from './departments.js';
import { addBusinessTime, businessCalendars, businessTimeBetween, BUSINESS_CALENDARS, type BusinessCalendar } from './calendar.js';
import type { LocalNetworkId } from './local-networks.js';
import { isInCategory } from './work-order-categories.js';
// Types only: work-order.ts imports this module at run time, so a value import back would be a cycle.
import type { WorkOrderPhase, WorkOrderSnapshot, WorkOrderType } from './work-order.js';

export type SlaClockKind = 'business' | 'real';

/** How long before a deadline to urge: a fraction of the window, or a fixed time. */
export type UrgeBefore = { fraction: number } | { ms: number };

export interface SlaPolicy {
  id: string;
  type: WorkOrderType;
  tier: CustomerTier;
  clock: SlaClockKind;
  acceptWithinMs: number;
  resolveWithinMs: number;
  /** Time between further deadlines once the resolve deadline has passed. */
  escalateEveryMs: number;
  urgeBefore: UrgeBefore;
}

/** [from, to) during which the clock is stopped (waiting on the customer); open while `to` is unset. */
export interface PauseInterval {
  from: number;
  to?: number;
}

// ---- Data ---------------------------------------------------------------------------------------

const HOUR = 3_600_000;

interface TypeSla {
  clock: SlaClockKind;
  escalateEveryHours: number;
  urgeBefore: UrgeBefore;
  /** Per tier: [accept within, resolve within] in hours of the clock. */
  hours: Record<CustomerTier, [number, number]>;
}

// Faults are repaired around the clock, so their SLA runs in real time; the rest is office work and
// runs in business hours (a 9-hour working day: 27 business hours are three working days).
const SLA_DATA: Record<WorkOrderType, TypeSla> = {
  fault_report: {
    clock: 'real',
    escalateEveryHours: 4,
    urgeBefore: { fraction: 0.25 },
    hours: { ordinary: [2, 24], silver: [1.5, 16], gold: [1, 8], vip: [0.5, 4] },
  },
  complaint: {
    clock: 'business',
    escalateEveryHours: 9,
    urgeBefore: { fraction: 0.2 },
    hours: { ordinary: [4, 27], silver: [3, 18], gold: [2, 9], vip: [1, 4] },
  },
  inquiry: {
    clock: 'business',
    escalateEveryHours: 4,
    urgeBefore: { fraction: 0.25 },
    hours: { ordinary: [4, 9], silver: [3, 6], gold: [2, 4], vip: [1, 2] },
  },
  service_request: {
    clock: 'business',
    escalateEveryHours: 9,
    urgeBefore: { fraction: 0.2 },
    hours: { ordinary: [9, 27], silver: [6, 18], gold: [4, 9], vip: [2, 4] },
  },
  suggestion: {
    clock: 'business',
    escalateEveryHours: 27,
    urgeBefore: { ms: 2 * HOUR },
    hours: { ordinary: [9, 45], silver: [9, 45], gold: [9, 27], vip: [4.5, 18] },
  },
};

export const SLA_POLICIES: readonly SlaPolicy[] = (Object.keys(SLA_DATA) as WorkOrderType[]).flatMap((type) =>
  CUSTOMER_TIERS.map((tier): SlaPolicy => {
    const d = SLA_DATA[type];
    const [accept, resolve] = d.hours[tier];
    return {
      id: `${type}/${tier}`,
      type,
      tier,
      clock: d.clock,
      acceptWithinMs: accept * HOUR,
      resolveWithinMs: resolve * HOUR,
      escalateEveryMs: d.escalateEveryHours * HOUR,
      urgeBefore: d.urgeBefore,
    };
  }),
);

export function slaPolicyFor(type: WorkOrderType, tier: CustomerTier, policies: readonly SlaPolicy[] = SLA_POLICIES): SlaPolicy {
  const p = policies.find((x) => x.type === type && x.tier === tier);
  if (!p) throw new RangeError(`no SLA policy for ${type}/${tier}`);
  return p;
}

/**
 * Policies for a category (prefix match on its path: `network-quality` covers every node under it):
 * they replace the type × tier hours of the work orders in it. The first that matches applies.
 */
export interface CategorySlaPolicy {
  id: string;
  type: WorkOrderType;
  category: string;
  /** Per tier: [accept within, resolve within] in hours of the type's clock. */
  hours: Record<CustomerTier, [number, number]>;
}

export const CATEGORY_SLA_POLICIES: readonly CategorySlaPolicy[] = [
  {
    // A network-quality complaint usually means a fault the customer has already suffered for a while
    // (the fault report went unanswered, or keeps coming back): two working days, not three.
    id: 'complaint-network-quality',
    type: 'complaint',
    category: 'network-quality',
    hours: { ordinary: [2, 18], silver: [2, 12], gold: [1, 6], vip: [0.5, 3] },
  },
];

/** The policy of a work order: its category's, when one names it, else its type × tier policy. */
export function slaPolicyOf(
  type: WorkOrderType,
  tier: CustomerTier,
  category: string | undefined,
  byCategory: readonly CategorySlaPolicy[] = CATEGORY_SLA_POLICIES,
): SlaPolicy {
  const base = slaPolicyFor(type, tier);
  const c = byCategory.find((x) => x.type === type && isInCategory(category, x.category));
  if (!c) return base;
  const [accept, resolve] = c.hours[tier];
  return { ...base, id: `${type}/${tier}/${c.category}`, acceptWithinMs: accept * HOUR, resolveWithinMs: resolve * HOUR };
}

/** Phases in which departments work on the order and its SLA runs (or is paused, while pending). */
export const SLA_ACTIVE_PHASES: readonly WorkOrderPhase[] = ['dispatched', 'accepted', 'handling', 'returned', 'pending'];

// ---- Clocks -------------------------------------------------------------------------------------

/** Elapsed-time arithmetic of one SLA: real time, or business time of a calendar. */
export interface SlaClock {
  add(startMs: number, durationMs: number): number;
  between(aMs: number, bMs: number): number;
}

export const REAL_CLOCK: SlaClock = {
  add: (startMs, durationMs) => startMs + Math.max(0, durationMs),
  between: (aMs, bMs) => Math.max(0, bMs - aMs),
};

export function businessClock(calendar: BusinessCalendar): SlaClock {
  return {
    add: (startMs, durationMs) => addBusinessTime(startMs, durationMs, calendar),
    between: (aMs, bMs) => businessTimeBetween(aMs, bMs, calendar),
  };
}

/** The clock an SLA runs on; see the header for why a scaled business clock runs in real time. */
export function slaClock(kind: SlaClockKind, calendar: BusinessCalendar, timeScale: number): SlaClock {
  return kind === 'business' && timeScale === 1 ? businessClock(calendar) : REAL_CLOCK;
}

export function scaleDuration(ms: number, timeScale: number): number {
  return Math.round(ms * timeScale);
}

/**
 * When `durationMs` of clock time has run since `startMs`, not counting the pauses; undefined while
 * an open pause stops the clock before that point.
 */
export function deadlineAfter(startMs: number, durationMs: number, clock: SlaClock, pauses: readonly PauseInterval[] = []): number | undefined {
  let cursor = startMs;
  let remaining = Math.max(0, durationMs);
  for (const p of [...pauses].sort((a, b) => a.from - b.from)) {
    if (p.to !== undefined && p.to <= cursor) continue;
    const runs = clock.between(cursor, Math.max(cursor, p.from));
    if (runs >= remaining) return clock.add(cursor, remaining);
    remaining -= runs;
    if (p.to === undefined) return undefined;
    cursor = p.to;
  }
  return clock.add(cursor, remaining);
}

// ---- Deadlines and marks ------------------------------------------------------------------------

export interface SlaWindow {
  /** 'accept', 'resolve', 'resolve+1', … */
  key: string;
  /** Undefined while a pause stops the clock before it. */
  urgeAt?: number;
  deadline?: number;
}

export interface SlaDeadlines {
  acceptBy?: number;
  resolveBy?: number;
  windows: SlaWindow[];
}

export interface DeadlineInput {
  startedAt: number;
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  pauses?: readonly PauseInterval[];
  timeScale?: number;
}

// Enough further windows to climb from city to national even when the accept deadline was met.
const FURTHER_WINDOWS = 2;

function urgeLead(urgeBefore: UrgeBefore, windowMs: number): number {
  const lead = 'fraction' in urgeBefore ? urgeBefore.fraction * windowMs : urgeBefore.ms;
  return Math.min(windowMs, Math.max(0, lead));
}

/** Deadlines of one round, counted from `startedAt` with the pauses taken out. */
export function computeDeadlines(input: DeadlineInput): SlaDeadlines {
  const timeScale = input.timeScale ?? 1;
  const { policy } = input;
  const clock = slaClock(policy.clock, input.calendar, timeScale);
  const at = (ms: number) => deadlineAfter(input.startedAt, scaleDuration(ms, timeScale), clock, input.pauses);
  // Each window: [key, clock time to its deadline, its own length (what urgeBefore's fraction is of)].
  const spans: [string, number, number][] = [
    ['accept', policy.acceptWithinMs, policy.acceptWithinMs],
    ['resolve', policy.resolveWithinMs, policy.resolveWithinMs],
  ];
  for (let k = 1; k <= FURTHER_WINDOWS; k++) {
    spans.push([`resolve+${k}`, policy.resolveWithinMs + k * policy.escalateEveryMs, policy.escalateEveryMs]);
  }
  const windows = spans.map(([key, total, length]): SlaWindow => {
    const deadline = at(total);
    const urgeAt = at(total - urgeLead(policy.urgeBefore, length));
    return { key, ...(urgeAt !== undefined ? { urgeAt } : {}), ...(deadline !== undefined ? { deadline } : {}) };
  });
  return { acceptBy: windows[0]!.deadline, resolveBy: windows[1]!.deadline, windows };
}

/**
 * The work order's calendar: the given calendars', or with the holiday arrangements it took at intake
 * (calendars per year: a year loaded later never moves a running order's deadlines), or the built-in ones.
 */
export function calendarOf(s: Pick<WorkOrderSnapshot, 'sla'>, calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>): BusinessCalendar {
  return (calendars ?? (s.sla.holidays ? businessCalendars(s.sla.holidays) : BUSINESS_CALENDARS))[s.sla.calendarId];
}

/** The current round's deadlines, or undefined before the first dispatch. */
export function deadlinesOf(s: Pick<WorkOrderSnapshot, 'sla'>, calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>): SlaDeadlines | undefined {
  if (s.sla.startedAt === undefined) return undefined;
  return computeDeadlines({
    startedAt: s.sla.startedAt,
    policy: s.sla.policy,
    calendar: calendarOf(s, calendars),
    pauses: s.sla.pauses,
    timeScale: s.sla.timeScale,
  });
}

export interface SlaMark {
  /** `<window>:urge` or `<window>:deadline`: pass it back in the urge / escalate event. */
  key: string;
  kind: 'urge' | 'deadline';
  at: number;
  deadline: number;
}

/** Marks of the current round not yet acted on, in time order; none while the SLA is not running. */
export function pendingMarks(s: WorkOrderSnapshot, calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>): SlaMark[] {
  if (!SLA_ACTIVE_PHASES.includes(s.phase)) return [];
  const d = deadlinesOf(s, calendars);
  if (!d) return [];
  const marks: SlaMark[] = [];
  for (const w of d.windows) {
    // Accepted: the accept window no longer applies.
    if (w.key === 'accept' && s.sla.acceptedAt !== undefined) continue;
    if (w.deadline === undefined) continue;
    if (w.urgeAt !== undefined) marks.push({ key: `${w.key}:urge`, kind: 'urge', at: w.urgeAt, deadline: w.deadline });
    marks.push({ key: `${w.key}:deadline`, kind: 'deadline', at: w.deadline, deadline: w.deadline });
  }
  const done = new Set(s.sla.marksDone);
  return marks.filter((m) => !done.has(m.key)).sort((a, b) => a.at - b.at || (a.kind === 'urge' ? -1 : 1));
}

export type SlaEvent =
  | { kind: 'none' }
  /** Urge the departments and warn the supervisor at `level` (the current level). */
  | { kind: 'urge'; at: number; level: EscalationLevel; mark: string; deadline: number }
  /** Escalate to `level` (one above the current level) and notify it. */
  | { kind: 'escalate'; at: number; level: EscalationLevel; mark: string; deadline: number };

/**
 * What the workflow's next SLA timer is for. `at` may be in the past (e.g. after a pause made a
 * deadline overdue): act at once. An urge whose deadline has already passed is skipped, since the
 * escalation is due instead.
 */
export function nextSlaEvent(s: WorkOrderSnapshot, now: number, calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>): SlaEvent {
  const mark = pendingMarks(s, calendars).find((m) => !(m.kind === 'urge' && m.deadline <= now));
  if (!mark) return { kind: 'none' };
  const up = mark.kind === 'deadline' ? nextEscalationLevel(s.escalationLevel) : undefined;
  return up
    ? { kind: 'escalate', at: mark.at, level: up, mark: mark.key, deadline: mark.deadline }
    : { kind: 'urge', at: mark.at, level: s.escalationLevel, mark: mark.key, deadline: mark.deadline };
}

/** Overdue: a running SLA whose accept (not yet accepted) or resolve deadline has passed. */
export function isOverdue(s: WorkOrderSnapshot, now: number, calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>): boolean {
  if (!SLA_ACTIVE_PHASES.includes(s.phase)) return false;
  const d = deadlinesOf(s, calendars);
  if (!d) return false;
  const acceptMissed = s.sla.acceptedAt === undefined && d.acceptBy !== undefined && d.acceptBy <= now;
  return acceptMissed || (d.resolveBy !== undefined && d.resolveBy <= now);
}
