// Dunning's pure rules (domain/dunning.ts), the schedule's days built from them
// (platform/dunning-schedules.ts), and the barring modify every offering takes (domain/order.ts).
import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, calendarFor, isWorkingDate } from '../../domain/calendar.js';
import {
  DEFAULT_DUNNING_RULES,
  dunningRulesOf,
  dunningStep,
  graceEndsOn,
  isSettled,
  runDaysOf,
  type AccountStanding,
  type DunningRecord,
} from '../../domain/dunning.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../../domain/local-networks.js';
import { dunningScheduleSpec } from '../../platform/dunning-schedules.js';

const anshan = calendarFor('anshan');
const shenyang = calendarFor('shenyang');
const rules = DEFAULT_DUNNING_RULES;
const none: DunningRecord = { reminders: {}, caseOpen: false };
const owing = (dueDate: string, owedCents = 5800, billId = 'BILL-1'): AccountStanding => ({
  accountId: 'acct-1',
  balanceCents: -owedCents,
  overdueBills: [{ billId, dueDate, owedCents }],
});

describe('dunning rules', () => {
  it('the grace is counted in the network’s working days: over National Day it lasts past the holiday', () => {
    // Due Friday 2026-09-25 (Mid-Autumn from that day): ten working days, the make-up Saturday 2026-10-10 among them.
    expect(graceEndsOn('2026-09-25', rules, anshan)).toBe('2026-10-15');
    expect(addWorkingDays('2026-09-30', 1, anshan)).toBe('2026-10-08');
    expect(graceEndsOn('2026-11-20', rules, anshan)).toBe('2026-12-04');
  });

  it('the networks’ own rules: Shenyang gives fifteen working days and five of notice, others the defaults', () => {
    const byId = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id, r]));
    expect(dunningRulesOf(byId.get('shenyang'))).toEqual({ graceDays: 15, noticeDays: 5 });
    expect(dunningRulesOf(byId.get('anshan'))).toEqual(DEFAULT_DUNNING_RULES);
  });

  it.each([
    ['within the grace', owing('2026-11-20'), none, '2026-12-04', { kind: 'none', why: 'nothing unpaid past its grace' }],
    [
      'past the grace, not yet reminded: remind',
      owing('2026-11-20'),
      none,
      '2026-12-07',
      { kind: 'remind', billIds: ['BILL-1'], owedCents: 5800, suspensionFrom: '2026-12-10' },
    ],
    ['reminded, notice running', owing('2026-11-20'), { reminders: { 'BILL-1': '2026-12-07' }, caseOpen: false }, '2026-12-09', { kind: 'none' }],
    [
      'reminded, notice over: suspend',
      owing('2026-11-20'),
      { reminders: { 'BILL-1': '2026-12-07' }, caseOpen: false },
      '2026-12-10',
      { kind: 'suspend', reason: 'overdue', billIds: ['BILL-1'], owedCents: 5800 },
    ],
    ['a case open: nothing more', owing('2026-11-20'), { reminders: { 'BILL-1': '2026-12-07' }, caseOpen: true }, '2026-12-20', { kind: 'none' }],
    ['a bill partly paid counts for what is left', owing('2026-11-20', 0), none, '2026-12-20', { kind: 'none' }],
  ] as const)('postpaid: %s', (_what, standing, record, today, expected) => {
    expect(dunningStep(standing, 'postpaid', record, today, rules, anshan)).toMatchObject(expected);
  });

  it('a new bill past its grace after an old one was reminded: the notice runs from the first reminder of these bills', () => {
    const standing: AccountStanding = {
      accountId: 'acct-1',
      balanceCents: -9000,
      overdueBills: [
        { billId: 'BILL-1', dueDate: '2026-10-20', owedCents: 4000 },
        { billId: 'BILL-2', dueDate: '2026-11-20', owedCents: 5000 },
      ],
    };
    const step = dunningStep(standing, 'postpaid', { reminders: { 'BILL-1': '2026-11-05' }, caseOpen: false }, '2026-12-07', rules, anshan);
    expect(step).toEqual({ kind: 'suspend', reason: 'overdue', billIds: ['BILL-1', 'BILL-2'], owedCents: 9000 });
  });

  it('prepaid: suspended as soon as the balance is below zero, no reminder, no grace', () => {
    const below = { accountId: 'acct-2', balanceCents: -1, overdueBills: [] };
    expect(dunningStep(below, 'prepaid', none, '2026-12-01', rules, anshan)).toEqual({ kind: 'suspend', reason: 'prepaidNegative', billIds: [], owedCents: 1 });
    expect(dunningStep({ ...below, balanceCents: 0 }, 'prepaid', none, '2026-12-01', rules, anshan)).toMatchObject({ kind: 'none' });
  });

  it('settled: prepaid back at zero or above; postpaid with nothing left past its grace', () => {
    expect(isSettled({ accountId: 'a', balanceCents: 0, overdueBills: [] }, 'prepaidNegative', '2026-12-01', rules, anshan)).toBe(true);
    expect(isSettled({ accountId: 'a', balanceCents: -10, overdueBills: [] }, 'prepaidNegative', '2026-12-01', rules, anshan)).toBe(false);
    expect(isSettled(owing('2026-09-20'), 'overdue', '2026-12-01', rules, anshan)).toBe(false);
    // A bill still within its grace does not keep the line barred.
    expect(isSettled(owing('2026-11-25'), 'overdue', '2026-12-01', rules, anshan)).toBe(true);
  });
});

describe('the schedule’s days', () => {
  it('are exactly the calendar’s working days through the year, for a Monday–Friday and a Monday–Saturday network', () => {
    for (const cal of [anshan, shenyang]) {
      const days = runDaysOf(cal);
      for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        const weekday = new Date(d).getUTCDay();
        const runs = (days.weekdays.includes(weekday as never) && !days.skipDates.includes(date)) || days.extraDates.includes(date);
        expect({ date, runs }).toEqual({ date, runs: isWorkingDate(date, cal) });
      }
    }
  });

  it('in UTC: 09:00 China Standard Time is 01:00, on the same dates; a time before 08:00 is refused', () => {
    const spec = dunningScheduleSpec('shenyang', '09:00');
    expect(spec.calendars![0]).toMatchObject({ hour: 1, minute: 0, dayOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] });
    // Shenyang works Saturdays: the make-up Saturday is no extra day there, the make-up Sunday is.
    expect(spec.calendars!.slice(1).map((c) => `${c.year}-${c.month}-${c.dayOfMonth}`)).toEqual(['2026-JANUARY-4', '2026-SEPTEMBER-20']);
    expect(spec.skip).toContainEqual({ year: 2026, month: 'OCTOBER', dayOfMonth: 3, hour: 1, minute: 0, comment: 'public holiday' });
    expect(() => dunningScheduleSpec('shenyang', '07:30')).toThrow(/from 08:00/);
  });
});
