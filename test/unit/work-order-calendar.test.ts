import { describe, expect, it } from '@jest/globals';
import {
  addBusinessTime,
  BUSINESS_CALENDARS,
  businessTimeBetween,
  calendarFor,
  isBusinessTime,
  validateCalendar,
  type BusinessCalendar,
} from '../../domain/calendar.js';

const cst = (m: number, d: number, h: number, min = 0) => Date.UTC(2026, m - 1, d, h - 8, min);
const H = 3_600_000;
const MIN = 60_000;
// Anshan: Mon–Fri 08:30–17:30. Shenyang: Mon–Sat 08:00–18:00.
const office = calendarFor('anshan');
const extended = calendarFor('shenyang');

describe('business calendar: adding business time', () => {
  it.each([
    ['within a day', cst(3, 2, 9), 2 * H, cst(3, 2, 11)],
    ['before opening', cst(3, 2, 6), 30 * MIN, cst(3, 2, 9)],
    ['ending exactly at closing', cst(3, 2, 8, 30), 9 * H, cst(3, 2, 17, 30)],
    ['overnight', cst(3, 2, 16, 30), 2 * H, cst(3, 3, 9, 30)],
    ['from the evening', cst(3, 2, 20), H, cst(3, 3, 9, 30)],
    ['over a weekend', cst(3, 6, 17), H, cst(3, 9, 9)],
    ['from a Sunday', cst(3, 8, 12), H, cst(3, 9, 9, 30)],
    ['into a make-up Saturday before Spring Festival', cst(2, 13, 17), H, cst(2, 14, 9)],
    ['over Spring Festival', cst(2, 14, 17), H, cst(2, 24, 9)],
    ['over National Day', cst(9, 30, 17), H, cst(10, 8, 9)],
    ['a whole working week', cst(3, 2, 8, 30), 45 * H, cst(3, 6, 17, 30)],
  ])('%s', (_name, start, duration, expected) => {
    expect(new Date(addBusinessTime(start, duration, office)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('works Saturdays where the calendar says so', () => {
    expect(addBusinessTime(cst(3, 6, 17), 2 * H, extended)).toBe(cst(3, 7, 9));
    expect(addBusinessTime(cst(3, 7, 17, 30), H, extended)).toBe(cst(3, 9, 8, 30));
  });

  it('treats zero as no time at all', () => {
    expect(addBusinessTime(cst(3, 7, 3), 0, office)).toBe(cst(3, 7, 3));
  });

  it('handles years of business time without walking through them', () => {
    // 2026: 250 working days on Mon–Fri minus 2026 holidays plus 6 make-up days.
    const start = cst(1, 1, 0);
    const end = addBusinessTime(start, 248 * 9 * H, office);
    expect(end).toBe(cst(12, 31, 17, 30));
    expect(businessTimeBetween(start, cst(12, 31, 23, 59), office)).toBe(248 * 9 * H);
    const far = addBusinessTime(start, 5000 * 9 * H, office);
    expect(businessTimeBetween(start, far, office)).toBe(5000 * 9 * H);
  });
});

describe('business calendar: business time between', () => {
  it('counts only working hours of working days', () => {
    expect(businessTimeBetween(cst(3, 6, 16, 30), cst(3, 9, 9, 30), office)).toBe(2 * H);
    expect(businessTimeBetween(cst(3, 7, 0), cst(3, 8, 23), office)).toBe(0);
    expect(businessTimeBetween(cst(3, 2, 12), cst(3, 2, 13), office)).toBe(H);
    // Fri 8 h + make-up Saturday 9 h + (holiday) + Tue 1 h.
    expect(businessTimeBetween(cst(2, 13, 9, 30), cst(2, 24, 9, 30), office)).toBe(18 * H);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessTimeBetween(cst(3, 2, 12), cst(3, 2, 10), office)).toBe(0);
    expect(businessTimeBetween(cst(3, 2, 12), cst(3, 2, 12), office)).toBe(0);
  });

  it('agrees with a minute-by-minute count', () => {
    const rand = lcg(42);
    for (let i = 0; i < 40; i++) {
      const a = cst(1, 1, 0) + Math.floor(rand() * 300) * 86_400_000 + Math.floor(rand() * 1440) * MIN;
      const b = a + Math.floor(rand() * 12 * 1440) * MIN;
      for (const cal of [office, extended]) expect(businessTimeBetween(a, b, cal)).toBe(naiveBetween(a, b, cal));
    }
  });

  it('is the inverse of adding business time', () => {
    const rand = lcg(7);
    for (let i = 0; i < 500; i++) {
      const a = cst(1, 1, 0) + Math.floor(rand() * 400 * 1440) * MIN + Math.floor(rand() * MIN);
      const d = [0, 1, H, 9 * H, Math.floor(rand() * 2000 * H)][i % 5]!;
      for (const cal of [office, extended]) {
        const end = addBusinessTime(a, d, cal);
        expect(businessTimeBetween(a, end, cal)).toBe(d);
        // And it is the earliest such instant: a millisecond less is not enough.
        if (d > 0) expect(businessTimeBetween(a, end - 1, cal)).toBe(d - 1);
      }
    }
  });
});

describe('business calendar: data', () => {
  it('has a valid calendar for every local network', () => {
    expect(Object.keys(BUSINESS_CALENDARS)).toHaveLength(14);
    for (const cal of Object.values(BUSINESS_CALENDARS)) expect(validateCalendar(cal)).toEqual([]);
  });

  it('knows what is business time', () => {
    expect(isBusinessTime(cst(3, 2, 8, 30), office)).toBe(true);
    expect(isBusinessTime(cst(3, 2, 17, 30), office)).toBe(false);
    expect(isBusinessTime(cst(10, 2, 10), office)).toBe(false);
    expect(isBusinessTime(cst(10, 10, 10), office)).toBe(true);
  });

  it('refuses a broken calendar', () => {
    const broken: BusinessCalendar = {
      ...office,
      id: 'broken',
      workingHours: { start: '18:00', end: '09:00' },
      makeUpWorkdays: ['2026-10-02'],
    };
    expect(validateCalendar(broken)).toEqual([
      'broken: working hours must start before they end',
      'broken: 2026-10-02 is both a holiday and a make-up workday',
    ]);
    expect(() => addBusinessTime(0, H, broken)).toThrow(/working hours/);
    expect(validateCalendar({ ...office, id: 'idle', workingDays: [] })).toEqual(['idle: no working days']);
  });
});

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** Reference implementation: walks minute by minute using Date, independent of the day arithmetic. */
function naiveBetween(a: number, b: number, cal: BusinessCalendar): number {
  const holidays = new Set<string>();
  for (const h of cal.holidays) {
    for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += 86_400_000) {
      holidays.add(new Date(t).toISOString().slice(0, 10));
    }
  }
  const [sh, sm] = cal.workingHours.start.split(':').map(Number) as [number, number];
  const [eh, em] = cal.workingHours.end.split(':').map(Number) as [number, number];
  let total = 0;
  for (let t = a; t < b; t += MIN) {
    const local = new Date(t + cal.utcOffsetMinutes * MIN);
    const date = local.toISOString().slice(0, 10);
    const working = cal.makeUpWorkdays.includes(date) || (cal.workingDays.includes(local.getUTCDay() as 0) && !holidays.has(date));
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (working && minute >= sh * 60 + sm && minute < eh * 60 + em) total += Math.min(MIN, b - t);
  }
  return total;
}
