import { describe, expect, it } from '@jest/globals';
import {
  addBusinessTime,
  addWorkingDays,
  BUILT_IN_HOLIDAYS,
  businessCalendars,
  calendarFor,
  CHINA_HOLIDAYS_2026,
  isWorkingDate,
  mergeYears,
  missingYears,
  scheduleOfYears,
  yearHolidaysProblems,
  YearHolidaysBody,
  yearsExpectedBy,
  yearsReached,
} from '../../domain/calendar.js';
import { runDaysOf } from '../../domain/dunning.js';
import { deadlinesOf } from '../../domain/sla.js';
import { applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { dunningScheduleSpec } from '../../platform/dunning-schedules.js';
import { CHINA_HOLIDAYS_2025, SAMPLE_2027 } from '../support/holiday-years.js';

const cst = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const H = 3_600_000;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const both = mergeYears([CHINA_HOLIDAYS_2026, SAMPLE_2027]);

describe('a year’s arrangement: checked before it is loaded', () => {
  it('2026 as built in is valid, and is the State Council’s arrangement', () => {
    expect(yearHolidaysProblems(2026, CHINA_HOLIDAYS_2026)).toEqual([]);
    expect(YearHolidaysBody.safeParse({ holidays: CHINA_HOLIDAYS_2026.holidays, makeUpWorkdays: CHINA_HOLIDAYS_2026.makeUpWorkdays }).success).toBe(true);
    // 国庆节: 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
    expect(CHINA_HOLIDAYS_2026.holidays.find((h) => h.name.includes('国庆'))).toMatchObject({ from: '2026-10-01', to: '2026-10-07' });
    expect(CHINA_HOLIDAYS_2026.makeUpWorkdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
    expect(BUILT_IN_HOLIDAYS.years).toEqual([2026]);
    // The tests' 2025 (the State Council's) and 2027 (a sample) are valid years too.
    expect(yearHolidaysProblems(2025, CHINA_HOLIDAYS_2025)).toEqual([]);
    expect(yearHolidaysProblems(2027, SAMPLE_2027)).toEqual([]);
  });

  it('refuses, naming the field: a date outside the year, one that does not exist, a range backwards or overlapping, a make-up day on a holiday or a weekday, twice', () => {
    const problems = yearHolidaysProblems(2027, {
      holidays: [
        { name: 'A', from: '2027-01-01', to: '2027-01-03' },
        { name: 'B', from: '2027-01-03', to: '2027-01-05' },
        { name: 'C', from: '2027-05-05', to: '2027-05-01' },
        { name: 'D', from: '2028-01-01', to: '2028-01-02' },
        { name: 'E', from: '2027-02-30', to: '2027-03-01' },
      ],
      makeUpWorkdays: ['2027-01-02', '2027-01-06', '2027-01-30', '2027-01-30', '2026-12-27'],
    });
    expect(problems).toEqual([
      { field: 'holidays[1]', message: 'B overlaps A' },
      { field: 'holidays[2].to', message: 'C ends (2027-05-01) before it starts (2027-05-05)' },
      { field: 'holidays[3].from', message: '2028-01-01 is not in 2027' },
      { field: 'holidays[3].to', message: '2028-01-02 is not in 2027' },
      { field: 'holidays[4].from', message: '2027-02-30 is not a date' },
      { field: 'makeUpWorkdays[0]', message: '2027-01-02 is a make-up working day and a holiday (A)' },
      { field: 'makeUpWorkdays[1]', message: '2027-01-06 is a Monday–Friday, a working day already' },
      { field: 'makeUpWorkdays[3]', message: '2027-01-30 is given twice' },
      { field: 'makeUpWorkdays[4]', message: '2026-12-27 is not in 2027' },
    ]);
  });

  it('lets New Year’s Day start in the last days of December, as 2023’s did', () => {
    expect(yearHolidaysProblems(2023, { holidays: [{ name: '元旦', from: '2022-12-31', to: '2023-01-02' }], makeUpWorkdays: [] })).toEqual([]);
    expect(yearHolidaysProblems(2023, { holidays: [{ name: 'x', from: '2022-12-01', to: '2023-01-02' }], makeUpWorkdays: [] })).toHaveLength(1);
  });

  it('the body is bounded: strings, list lengths, no unknown fields', () => {
    expect(YearHolidaysBody.safeParse({ holidays: [{ name: 'x'.repeat(101), from: '2027-01-01', to: '2027-01-01' }], makeUpWorkdays: [] }).success).toBe(false);
    expect(YearHolidaysBody.safeParse({ holidays: [], makeUpWorkdays: [] }).success).toBe(false);
    expect(YearHolidaysBody.safeParse({ holidays: SAMPLE_2027.holidays, makeUpWorkdays: [], extra: 1 }).success).toBe(false);
  });
});

describe('calendars per year: the arithmetic', () => {
  const office = calendarFor('anshan', both);
  const office2026Only = calendarFor('anshan');

  it('counts across New Year with the next year loaded: its holidays skipped', () => {
    // Thursday 31 December 17:00 + 1 h: half an hour that evening, the rest after 1–3 January.
    expect(iso(addBusinessTime(cst(2026, 12, 31, 17), H, office))).toBe(iso(cst(2027, 1, 4, 9)));
    expect(addWorkingDays('2026-12-31', 1, office)).toBe('2027-01-04');
    // The sample's make-up Saturday works; its Spring Festival week does not.
    expect(isWorkingDate('2027-01-30', office)).toBe(true);
    expect(addWorkingDays('2027-02-05', 1, office)).toBe('2027-02-14');
  });

  it('without the next year: its days fall back to plain weekdays, and the year is missing', () => {
    expect(iso(addBusinessTime(cst(2026, 12, 31, 17), H, office2026Only))).toBe(iso(cst(2027, 1, 1, 9)));
    expect(isWorkingDate('2027-01-30', office2026Only)).toBe(false);
    expect(missingYears(BUILT_IN_HOLIDAYS, yearsReached(cst(2026, 12, 31, 17)))).toEqual([2027]);
    expect(missingYears(both, yearsReached(cst(2026, 12, 31, 17)))).toEqual([]);
  });

  it('the years expected: this one, and the next from December on; the years an SLA reaches', () => {
    expect(yearsExpectedBy(cst(2026, 11, 30, 23, 59))).toEqual([2026]);
    // 1 December 00:30 in Beijing is still 30 November in UTC.
    expect(yearsExpectedBy(cst(2026, 12, 1, 0, 30))).toEqual([2026, 2027]);
    expect(yearsReached(cst(2026, 9, 30, 19))).toEqual([2026, 2027]);
    expect(yearsReached(cst(2026, 12, 28, 9), cst(2027, 1, 2, 9))).toEqual([2026, 2027, 2028]);
  });

  it('a work order keeps the years its SLA may reach; one calendar object per schedule', () => {
    const kept = scheduleOfYears(both, [2027, 2028]);
    expect(kept).toEqual({ years: [2027], holidays: SAMPLE_2027.holidays, makeUpWorkdays: SAMPLE_2027.makeUpWorkdays });
    expect(businessCalendars(both)).toBe(businessCalendars(both));
    expect(businessCalendars(BUILT_IN_HOLIDAYS).anshan).toBe(calendarFor('anshan'));
  });
});

describe('a work order counts with the arrangements in its snapshot', () => {
  const system: Actor = { id: 'system', role: 'system' };
  const apply = (s: WorkOrderSnapshot, e: WorkOrderEvent, at: number) => {
    const r = applyEvent(s, e, system, at);
    if (!r.ok) throw new Error(r.message);
    return r.next;
  };
  const complaint = (at: number, extra: { receivedAt?: number } = {}) =>
    createWorkOrder(
      {
        id: 'WO-cal',
        type: 'complaint',
        channel: 'phone',
        customer: { id: 'C-1', tier: 'ordinary' },
        takenInLocalNetwork: 'anshan',
        homeLocalNetwork: 'anshan',
        serviceLine: 'gsm_mobile',
        description: 'billed twice',
        ...extra,
      },
      system,
      at,
    );
  const dispatched = (s: WorkOrderSnapshot, at: number) =>
    apply(apply(s, { type: 'classify' }, at), { type: 'dispatch', departments: ['anshan-customer-care'] }, at);

  it('the evening before National Day: accepted by the first day after it, resolved on the make-up Saturday', () => {
    const s = dispatched(complaint(cst(2026, 9, 30, 19)), cst(2026, 9, 30, 19));
    // Complaint, ordinary tier: 4 business hours to accept, 27 (three working days of 9 h) to resolve.
    expect(iso(deadlinesOf(s)?.acceptBy)).toBe(iso(cst(2026, 10, 8, 12, 30)));
    expect(iso(deadlinesOf(s)?.resolveBy)).toBe(iso(cst(2026, 10, 10, 17, 30)));
    // With no 2026 arrangement kept in it, the same order would count 1–7 October as working days.
    const plain = { ...s, sla: { ...s.sla, holidays: { years: [], holidays: [], makeUpWorkdays: [] } } };
    expect(iso(deadlinesOf(plain)?.resolveBy)).toBe(iso(cst(2026, 10, 5, 17, 30)));
  });

  it('received earlier than entered: the first round’s clock runs from when it was received', () => {
    const received = cst(2026, 9, 30, 19);
    const s = dispatched(complaint(cst(2026, 10, 9, 10), { receivedAt: received }), cst(2026, 10, 9, 10));
    expect(s.receivedAt).toBe(received);
    expect(s.sla.startedAt).toBe(received);
    expect(iso(deadlinesOf(s)?.resolveBy)).toBe(iso(cst(2026, 10, 10, 17, 30)));
    // A reopened round keeps the holiday data; its clock runs from its own dispatch.
    const dept: Actor = { id: 'cc-1', role: 'department', department: 'anshan-customer-care' };
    const centre: Actor = { id: 'centre-1', role: 'centre' };
    const act = (x: WorkOrderSnapshot, e: WorkOrderEvent, who: Actor, at: number) => {
      const r = applyEvent(x, e, who, at);
      if (!r.ok) throw new Error(r.message);
      return r.next;
    };
    let r: WorkOrderSnapshot = { ...s, sla: { ...s.sla, holidays: both } };
    const t = cst(2026, 10, 12, 9);
    r = act(r, { type: 'accept' }, dept, t);
    r = act(r, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' }, dept, t);
    r = act(r, { type: 'approve' }, centre, t);
    r = act(r, { type: 'notifyCustomer' }, system, t);
    r = act(r, { type: 'recordSatisfaction', satisfied: false, score: 2 }, centre, t);
    r = act(r, { type: 'reopen', reason: 'not refunded' }, centre, t + H);
    r = act(r, { type: 'dispatch', departments: ['anshan-customer-care'] }, system, t + 2 * H);
    expect(r.sla.holidays).toBe(both);
    expect(r.sla.startedAt).toBe(t + 2 * H);
    // Never later than the dispatch itself.
    const late = dispatched(complaint(cst(2026, 10, 9, 10), { receivedAt: cst(2026, 10, 9, 11) }), cst(2026, 10, 9, 10));
    expect(late.sla.startedAt).toBe(cst(2026, 10, 9, 10));
  });
});

describe('the dunning schedule: every loaded year', () => {
  it('runs exactly on the working days of both years, for an office and a Saturday network', () => {
    for (const network of ['anshan', 'shenyang'] as const) {
      const cal = calendarFor(network, both);
      const days = runDaysOf(cal);
      for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        const runs = (days.weekdays.includes(new Date(d).getUTCDay() as never) && !days.skipDates.includes(date)) || days.extraDates.includes(date);
        expect({ date, runs }).toEqual({ date, runs: isWorkingDate(date, cal) });
      }
    }
  });

  it('the spec carries the next year’s holidays and make-up days once it is loaded', () => {
    const spec = dunningScheduleSpec('anshan', '09:00', both);
    expect(spec.skip).toContainEqual({ year: 2027, month: 'FEBRUARY', dayOfMonth: 8, hour: 1, minute: 0, comment: 'public holiday' });
    expect(spec.calendars).toContainEqual({ year: 2027, month: 'JANUARY', dayOfMonth: 30, hour: 1, minute: 0, comment: 'make-up working day (调休上班)' });
    expect(JSON.stringify(dunningScheduleSpec('anshan', '09:00'))).not.toContain('2027');
  });
});
