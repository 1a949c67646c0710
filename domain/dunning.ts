// Dunning (催缴 → 欠费停机 → 缴费复机) as pure rules, used by the dunning workflows (workflows/dunning.ts)
// and the schedules that start them (platform/dunning-schedules.ts):
//
//   postpaid: a bill unpaid past its due date plus the local network's grace (working days)
//             → a reminder; still unpaid `noticeDays` working days after the reminder → a suspension
//             order; the overdue bills paid → a resumption order.
//   prepaid:  the balance below zero → a suspension order at once; a top-up that brings it back to
//             zero or above → a resumption order.
//
// Days are local dates 'YYYY-MM-DD' of the network's business calendar (domain/calendar.ts).
import { addWorkingDays, isWorkingDate, type BusinessCalendar, type Weekday } from './calendar.js';

export interface DunningRules {
  /** Working days after a bill's due date before it counts as overdue for dunning. */
  graceDays: number;
  /** Working days between the reminder and the suspension order. */
  noticeDays: number;
}

export const DEFAULT_DUNNING_RULES: DunningRules = { graceDays: 10, noticeDays: 3 };

/** A local network's dunning rules (LocalNetworkRules.dunning), defaults filled in. */
export function dunningRulesOf(rules: { dunning?: Partial<DunningRules> } | undefined): DunningRules {
  return { ...DEFAULT_DUNNING_RULES, ...rules?.dunning };
}

/** How an account pays: monthly bills (postpaid) or from a balance topped up in advance (prepaid). */
export type PaymentTerms = 'postpaid' | 'prepaid';

export interface OverdueBill {
  billId: string;
  dueDate: string;
  /** What is still owed on it. */
  owedCents: number;
}

/** What billing says of an account: its balance (negative = owed) and its open bills past their due date. */
export interface AccountStanding {
  accountId: string;
  balanceCents: number;
  overdueBills: OverdueBill[];
}

/** What the system has done about the account so far. */
export interface DunningRecord {
  /** The dates of the reminders sent, by bill id. */
  reminders: Readonly<Record<string, string>>;
  /** A dunning case (suspended, waiting for the payment) is open for the account. */
  caseOpen: boolean;
}

export type SuspensionReason = 'overdue' | 'prepaidNegative';

export type DunningStep =
  | { kind: 'none'; why: string }
  | { kind: 'remind'; billIds: string[]; owedCents: number; suspensionFrom: string }
  | { kind: 'suspend'; reason: SuspensionReason; billIds: string[]; owedCents: number };

/** The last day of a bill's grace: the `graceDays`-th working day after its due date. */
export function graceEndsOn(dueDate: string, rules: DunningRules, cal: BusinessCalendar): string {
  return addWorkingDays(dueDate, rules.graceDays, cal);
}

/** The account's open bills past their grace on `today`. */
export function billsPastGrace(standing: AccountStanding, today: string, rules: DunningRules, cal: BusinessCalendar): OverdueBill[] {
  return standing.overdueBills.filter((b) => b.owedCents > 0 && today > graceEndsOn(b.dueDate, rules, cal));
}

/** What the dunning run does about one account on `today`. */
export function dunningStep(
  standing: AccountStanding,
  terms: PaymentTerms,
  record: DunningRecord,
  today: string,
  rules: DunningRules,
  cal: BusinessCalendar,
): DunningStep {
  if (record.caseOpen) return { kind: 'none', why: 'suspended already, waiting for the payment' };
  if (terms === 'prepaid') {
    return standing.balanceCents < 0
      ? { kind: 'suspend', reason: 'prepaidNegative', billIds: [], owedCents: -standing.balanceCents }
      : { kind: 'none', why: 'prepaid balance not below zero' };
  }
  const overdue = billsPastGrace(standing, today, rules, cal);
  if (overdue.length === 0) return { kind: 'none', why: 'nothing unpaid past its grace' };
  const billIds = overdue.map((b) => b.billId);
  const owedCents = overdue.reduce((sum, b) => sum + b.owedCents, 0);
  // The notice runs from the first reminder about any of these bills.
  const reminded = billIds
    .map((id) => record.reminders[id])
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  if (reminded === undefined) return { kind: 'remind', billIds, owedCents, suspensionFrom: suspensionFrom(today, rules, cal) };
  const from = suspensionFrom(reminded, rules, cal);
  if (today < from) return { kind: 'none', why: `reminded on ${reminded}; suspension from ${from}` };
  return { kind: 'suspend', reason: 'overdue', billIds, owedCents };
}

/** The first day a suspension may follow a reminder sent on `reminded`. */
export function suspensionFrom(reminded: string, rules: DunningRules, cal: BusinessCalendar): string {
  return addWorkingDays(reminded, rules.noticeDays, cal);
}

/** Whether a suspended account has paid what suspended it: the resumption order may follow. */
export function isSettled(standing: AccountStanding, reason: SuspensionReason, today: string, rules: DunningRules, cal: BusinessCalendar): boolean {
  if (reason === 'prepaidNegative') return standing.balanceCents >= 0;
  return billsPastGrace(standing, today, rules, cal).length === 0;
}

// ---- When the daily run runs ---------------------------------------------------------------------

/** The days a daily run of a calendar runs, in the shape of a schedule: regular weekdays, plus and minus dates. */
export interface RunDays {
  weekdays: Weekday[];
  /** Make-up working days (调休上班) on regular days off: run then too. */
  extraDates: string[];
  /** Holidays on regular working weekdays: no run then. */
  skipDates: string[];
}

/** The days of the calendar's working days, as weekdays and exceptions; the same days isWorkingDate says. */
export function runDaysOf(cal: BusinessCalendar): RunDays {
  const weekdays = [...new Set(cal.workingDays)].sort();
  const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday;
  const skipDates: string[] = [];
  for (const h of cal.holidays) {
    for (let d = h.from; d <= h.to; d = nextDate(d)) if (weekdays.includes(weekdayOf(d)) && !isWorkingDate(d, cal)) skipDates.push(d);
  }
  const extraDates = cal.makeUpWorkdays.filter((d) => !weekdays.includes(weekdayOf(d)));
  return { weekdays, extraDates: [...extraDates].sort(), skipDates: [...new Set(skipDates)].sort() };
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
