// Urging (催办) and supervision (督办) by people, pure rules (issue 15, point 1), and the account
// manager (客户经理) of a VIP or large customer (point 7).
//   催办: the customer calls again; the call centre (or the customer's account manager) urges the
//   work order: counted, shown to the department, its priority one step up; so many urges within a
//   window escalate it one level (city → province → national).
//   督办: a supervisor or a higher centre places the work order under supervision with its own
//   deadline; the department holding it owes a written reply. The centre cannot accept the receipts
//   (approve) while a supervision awaits its reply; a missed deadline is marked and urged again.
// Types only: work-order.ts applies these rules (no import cycle).
import type { EscalationLevel } from './departments.js';

/** The urge-escalation rule: this many urges by people within the window escalate one level. */
export interface UrgePolicy {
  escalateAfter: number;
  windowMs: number;
}
/** As configured by default (WORKORDER_URGE_ESCALATE_COUNT, WORKORDER_URGE_WINDOW_SECONDS); runs started before carry none. */
export const DEFAULT_URGE_POLICY: UrgePolicy = { escalateAfter: 3, windowMs: 24 * 3600 * 1000 };

/** People's urges of a work order: how many, and the last. */
export interface Urging {
  count: number;
  lastAt: number;
  lastBy: string;
}

interface TimelineFacts {
  timeline: ReadonlyArray<{ at: number; action: string; actor: { role: string } }>;
}

/** An urge entry made by a person (the SLA clock's own urges are the system's). */
const byPeople = (e: TimelineFacts['timeline'][number]) => e.action === 'urge' && e.actor.role !== 'system';

/**
 * How many people's urges count toward the next escalation at `at`: those within the window, since
 * the last escalation or reopen (each escalation by urging starts the count again).
 */
export function urgesTowardEscalation(s: TimelineFacts, at: number, policy: UrgePolicy): number {
  // By position, not time: the escalation an urge calls for may carry the urge's own millisecond.
  const last = s.timeline.findLastIndex((e) => e.action === 'escalate' || e.action === 'reopen');
  return s.timeline.slice(last + 1).filter((e) => byPeople(e) && e.at > at - policy.windowMs && e.at <= at).length;
}

/** Whether the urges by people at `at` call for an escalation (the workflow then escalates, if a level is left). */
export function urgesEscalate(s: TimelineFacts, at: number, policy: UrgePolicy): boolean {
  return urgesTowardEscalation(s, at, policy) >= policy.escalateAfter;
}

// ---- supervision (督办) -----------------------------------------------------------------------------

/** Longest a supervision's deadline may lie ahead. */
export const MAX_SUPERVISION_DAYS = 90;

export interface SupervisionReply {
  text: string;
  at: number;
  by: string;
  department: string;
}

/** One supervision of a work order: who placed it, its deadline, and the department's written reply. */
export interface Supervision {
  /** 1, 2, …: its place among the work order's supervisions. */
  id: number;
  by: string;
  level: EscalationLevel;
  /** The supervisor's own centre, told of the reply and of a missed deadline. */
  centre?: string;
  at: number;
  due: number;
  instructions: string;
  /** The departments holding the work order when it was placed; a reply from one of them answers it. */
  departments: string[];
  reply?: SupervisionReply;
  /** When the deadline passed without a reply (the clock's mark). */
  overdueAt?: number;
}

/** The supervision awaiting its reply, if any (at most one at a time). */
export function openSupervision(s: { supervisions?: readonly Supervision[] }): Supervision | undefined {
  return s.supervisions?.find((x) => x.reply === undefined);
}

/** When the clock must mark the open supervision as overdue: its deadline, unless already marked. */
export function supervisionDueAt(s: { supervisions?: readonly Supervision[] }): number | undefined {
  const open = openSupervision(s);
  return open && open.overdueAt === undefined ? open.due : undefined;
}

/** Replied by its deadline. */
export const repliedInTime = (x: Supervision): boolean => x.reply !== undefined && x.reply.at <= x.due;

// ---- report figures ------------------------------------------------------------------------------

/** The daily report's urging and supervision figures (per local network and per department). */
export interface SupervisionFigures {
  /** Urges by people that day (not the SLA clock's). */
  urged: number;
  /** Supervisions placed that day. */
  placed: number;
  /** Written replies that day, and of them those by their deadline. */
  replied: number;
  repliedInTime: number;
  /** Supervision deadlines missed that day (marked by the clock). */
  overdue: number;
}

export const emptySupervisionFigures = (): SupervisionFigures => ({ urged: 0, placed: 0, replied: 0, repliedInTime: 0, overdue: 0 });

interface SupervisionFacts extends TimelineFacts {
  timeline: ReadonlyArray<{ at: number; action: string; actor: { role: string }; details?: Record<string, unknown> }>;
  supervisions?: readonly Supervision[];
}

/**
 * Counts a work order's urges by people and its supervisions into the figures of the moment each
 * happened: `figuresAt(at, departments)` gives the group's figures for that moment and the
 * departments concerned (the urged, the supervised, the one replying), or undefined to skip it.
 */
export function countUrgingAndSupervision(
  s: SupervisionFacts,
  figuresAt: (at: number, departments: readonly string[]) => SupervisionFigures | undefined,
): void {
  for (const e of s.timeline) {
    if (!byPeople(e)) continue;
    const departments = Array.isArray(e.details?.departments) ? (e.details.departments as string[]) : [];
    const f = figuresAt(e.at, departments);
    if (f) f.urged += 1;
  }
  for (const x of s.supervisions ?? []) {
    const placed = figuresAt(x.at, x.departments);
    if (placed) placed.placed += 1;
    const replied = x.reply && figuresAt(x.reply.at, [x.reply.department]);
    if (replied) {
      replied.replied += 1;
      if (repliedInTime(x)) replied.repliedInTime += 1;
    }
    const overdue = x.overdueAt !== undefined ? figuresAt(x.overdueAt, x.departments) : undefined;
    if (overdue) overdue.overdue += 1;
  }
}

// ---- account managers (客户经理) ------------------------------------------------------------------

/**
 * Why a staff account cannot look after a customer of `homeLocalNetwork`: it must be enabled, hold the
 * account-manager role and have the customer's network in its scope (it takes their work orders there).
 */
export function accountManagerProblem(
  account: { roles: readonly string[]; localNetworks: '*' | readonly string[]; disabled: boolean } | undefined,
  homeLocalNetwork: string,
): string | undefined {
  if (!account) return 'no staff account has this user name';
  if (account.disabled) return 'the staff account is disabled';
  if (!account.roles.includes('account-manager')) return 'the staff account does not have the account-manager role';
  if (account.localNetworks !== '*' && !account.localNetworks.includes(homeLocalNetwork)) return `the staff account does not work in ${homeLocalNetwork}`;
  return undefined;
}
