// Callbacks (回访) as tracked work: once the customer has been told the result, the call centre owes
// them a call to ask whether they are satisfied, by a deadline of its own. The deadline is data per
// customer tier, counted on the work order's SLA clock (business hours for office work, real time
// for faults) with its calendar and time scale. Recording the customer's answer completes the task;
// closing by itself when nobody answers ends it as `noAnswer`; a deadline that passes first marks it
// overdue (the workflow then urges the local network's call centre and its supervisor).
import type { BusinessCalendar } from './calendar.js';
import type { CustomerTier } from './customer.js';
import type { LocalNetworkId } from './local-networks.js';
import { calendarOf, deadlineAfter, scaleDuration, slaClock } from './sla.js';
import { chinaBusinessDay } from './instant.js';
// Types only: work-order.ts imports this module at run time, so a value import back would be a cycle.
import type { WorkOrderSnapshot } from './work-order.js';

export const CALLBACK_STATES = ['open', 'done', 'noAnswer'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

/** One round's callback task, opened when the customer was told. */
export interface CallbackTask {
  /** The work order's reopenCount when opened: which round of the closed loop. */
  round: number;
  openedAt: number;
  dueBy: number;
  state: CallbackState;
  /** When the answer was recorded (done) or the work order closed by itself (noAnswer). */
  endedAt?: number;
  /** Who recorded the answer. */
  by?: string;
  /** When the deadline passed with the task still open (the call centre was urged). */
  overdueAt?: number;
}

const HOUR = 3_600_000;

/** Hours of the SLA clock within which the customer is called back, by tier: the better the tier, the sooner. */
export const CALLBACK_HOURS: Readonly<Record<CustomerTier, number>> = { vip: 2, gold: 4, silver: 8, ordinary: 24 };

/** When the callback opened at `at` is due: the tier's hours on the work order's own SLA clock and calendar. */
export function callbackDueBy(
  s: Pick<WorkOrderSnapshot, 'customer' | 'sla'>,
  at: number,
  calendars?: Readonly<Record<LocalNetworkId, BusinessCalendar>>,
): number {
  const clock = slaClock(s.sla.policy.clock, calendarOf(s, calendars), s.sla.timeScale);
  return deadlineAfter(at, scaleDuration(CALLBACK_HOURS[s.customer.tier] * HOUR, s.sla.timeScale), clock)!;
}

/** The callback task still open, if any (the last one: one per round). */
export function openCallback(s: Pick<WorkOrderSnapshot, 'callbacks'>): CallbackTask | undefined {
  const last = s.callbacks?.at(-1);
  return last?.state === 'open' ? last : undefined;
}

/** The callbacks with the open one ended as `state` at `at` (unchanged when none is open). */
export function endCallback(
  s: Pick<WorkOrderSnapshot, 'callbacks'>,
  state: Exclude<CallbackState, 'open'>,
  at: number,
  by?: string,
): CallbackTask[] | undefined {
  if (!openCallback(s)) return s.callbacks;
  return s.callbacks!.map((c, i) => (i === s.callbacks!.length - 1 ? { ...c, state, endedAt: at, ...(by !== undefined ? { by } : {}) } : c));
}

/** When the open callback's deadline should be acted on (marked overdue), if it has not been. */
export function callbackDeadlinePending(s: Pick<WorkOrderSnapshot, 'callbacks'>): number | undefined {
  const open = openCallback(s);
  return open && open.overdueAt === undefined ? open.dueBy : undefined;
}

/** Late: the deadline passed (by `now`) before the answer was recorded or the work order closed by itself. */
export function isCallbackOverdue(c: CallbackTask, now: number): boolean {
  return c.dueBy <= now && (c.endedAt === undefined || c.endedAt > c.dueBy);
}

// ---- Report figures -----------------------------------------------------------------------------

export interface CallbackFigures {
  /** Callbacks opened that day (customers told). */
  opened: number;
  /** Answers recorded that day. */
  done: number;
  /** Callbacks whose deadline fell that day before any answer (counted once it has passed). */
  overdue: number;
  /** Work orders closed by themselves that day with the callback unanswered. */
  noAnswer: number;
}

export const emptyCallbackFigures = (): CallbackFigures => ({ opened: 0, done: 0, overdue: 0, noAnswer: 0 });

/**
 * Callback figures per (day, group) over `days` (China business days), each work order in the group
 * `groupOf` names (its handling local network, say); groups `scope` refuses are left out.
 */
export function callbackFigures(
  snapshots: readonly Pick<WorkOrderSnapshot, 'callbacks' | 'takenInLocalNetwork' | 'forwardedTo'>[],
  days: readonly string[],
  groupOf: (s: Pick<WorkOrderSnapshot, 'takenInLocalNetwork' | 'forwardedTo'>) => string,
  scope?: (group: string) => boolean,
  now: number = Date.now(),
): Map<string, Map<string, CallbackFigures>> {
  const out = new Map<string, Map<string, CallbackFigures>>(days.map((d) => [d, new Map()]));
  const add = (at: number, group: string, key: keyof CallbackFigures) => {
    const byGroup = out.get(chinaBusinessDay(at));
    if (!byGroup || (scope && !scope(group))) return;
    let f = byGroup.get(group);
    if (!f) byGroup.set(group, (f = emptyCallbackFigures()));
    f[key] += 1;
  };
  for (const s of snapshots) {
    const group = groupOf(s);
    for (const c of s.callbacks ?? []) {
      add(c.openedAt, group, 'opened');
      if (c.state === 'done' && c.endedAt !== undefined) add(c.endedAt, group, 'done');
      if (c.state === 'noAnswer' && c.endedAt !== undefined) add(c.endedAt, group, 'noAnswer');
      if (isCallbackOverdue(c, now)) add(c.dueBy, group, 'overdue');
    }
  }
  return out;
}
