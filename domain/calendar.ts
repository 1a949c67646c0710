// Business calendars per local network, as data: working days and hours in China Standard Time,
// public holidays and the make-up working days (调休) that come with them. SLAs counted in business
// time use them. Arithmetic is by whole days with binary search, so a year-long span costs a few
// dozen steps, never a loop over hours or minutes.
//
// Holidays come per year, as the State Council's notice for that year publishes them (in the autumn
// before): a year without data is counted as its plain working weekdays, and said so (missingYears).
import { z } from 'zod';
import { LOCAL_NETWORK_IDS, type LocalNetworkId } from './local-networks.js';

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Inclusive range of local dates 'YYYY-MM-DD'. */
export interface HolidayRange {
  name: string;
  from: string;
  to: string;
}

export interface BusinessCalendar {
  id: string;
  /** Fixed offset from UTC: China has one time zone and no daylight saving. */
  utcOffsetMinutes: number;
  workingDays: readonly Weekday[];
  /** Local 'HH:MM'; one window a day, start before end. */
  workingHours: { start: string; end: string };
  holidays: readonly HolidayRange[];
  /** Local dates that are working days although their weekday is not (调休上班). */
  makeUpWorkdays: readonly string[];
  /** Years whose holiday arrangement is in `holidays` and `makeUpWorkdays`; absent: not said. */
  years?: readonly number[];
}

export const CHINA_STANDARD_TIME_OFFSET_MINUTES = 480;

// State Council arrangement for 2026 (国务院办公厅关于2026年部分节假日安排的通知).
export const CHINA_PUBLIC_HOLIDAYS_2026: readonly HolidayRange[] = [
  { name: "New Year's Day 元旦", from: '2026-01-01', to: '2026-01-03' },
  { name: 'Spring Festival 春节', from: '2026-02-15', to: '2026-02-23' },
  { name: 'Qingming 清明节', from: '2026-04-04', to: '2026-04-06' },
  { name: 'Labour Day 劳动节', from: '2026-05-01', to: '2026-05-05' },
  { name: 'Dragon Boat Festival 端午节', from: '2026-06-19', to: '2026-06-21' },
  { name: 'Mid-Autumn Festival 中秋节', from: '2026-09-25', to: '2026-09-27' },
  { name: 'National Day 国庆节', from: '2026-10-01', to: '2026-10-07' },
];
export const CHINA_MAKE_UP_WORKDAYS_2026: readonly string[] = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

// ---- Holiday arrangements per year ---------------------------------------------------------------

/** One year's arrangement, as the State Council's notice for that year publishes it. */
export interface YearHolidays {
  year: number;
  holidays: HolidayRange[];
  makeUpWorkdays: string[];
}

/**
 * The arrangements a calendar counts with, years merged: `years` are those with data; any other
 * year counts as its plain working weekdays (no holidays, no make-up days).
 */
export interface HolidaySchedule {
  years: number[];
  holidays: HolidayRange[];
  makeUpWorkdays: string[];
}

export const CHINA_HOLIDAYS_2026: YearHolidays = {
  year: 2026,
  holidays: [...CHINA_PUBLIC_HOLIDAYS_2026],
  makeUpWorkdays: [...CHINA_MAKE_UP_WORKDAYS_2026],
};

/** The years in one schedule, in year order. */
export function mergeYears(years: readonly YearHolidays[]): HolidaySchedule {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return {
    years: sorted.map((y) => y.year),
    holidays: sorted.flatMap((y) => y.holidays),
    makeUpWorkdays: sorted.flatMap((y) => y.makeUpWorkdays),
  };
}

/** Built into the code: what calendars count with before any year is loaded, and what runs started before years were data keep. */
export const BUILT_IN_HOLIDAYS: HolidaySchedule = mergeYears([CHINA_HOLIDAYS_2026]);

/** The schedule's arrangements of these years only (what a work order keeps: the years its SLA may reach). */
export function scheduleOfYears(schedule: HolidaySchedule, years: readonly number[]): HolidaySchedule {
  const inYears = (date: string) => years.includes(Number(date.slice(0, 4)));
  return {
    years: schedule.years.filter((y) => years.includes(y)),
    holidays: schedule.holidays.filter((h) => inYears(h.from) || inYears(h.to)),
    makeUpWorkdays: schedule.makeUpWorkdays.filter(inYears),
  };
}

/** Of `needed`, the years the schedule has no arrangement for (counted as plain weekdays). */
export function missingYears(schedule: Pick<HolidaySchedule, 'years'>, needed: readonly number[]): number[] {
  return [...new Set(needed)].filter((y) => !schedule.years.includes(y)).sort((a, b) => a - b);
}

/** The local (China Standard Time) year of an instant. */
export function localYearOf(atMs: number): number {
  return new Date(atMs + CHINA_STANDARD_TIME_OFFSET_MINUTES * 60_000).getUTCFullYear();
}

/** Years an SLA started at `fromMs` and still running at `nowMs` may reach: from its own to the one after now (a deadline over New Year). */
export function yearsReached(fromMs: number, nowMs = fromMs): number[] {
  const years: number[] = [];
  for (let y = localYearOf(fromMs); y <= localYearOf(Math.max(fromMs, nowMs)) + 1; y++) years.push(y);
  return years;
}

/**
 * Years whose arrangement should be loaded by `nowMs`: this year, and from December on the next one
 * (the State Council publishes it in the autumn; work orders of late December reach into it).
 */
export function yearsExpectedBy(nowMs: number): number[] {
  const y = localYearOf(nowMs);
  return new Date(nowMs + CHINA_STANDARD_TIME_OFFSET_MINUTES * 60_000).getUTCMonth() === 11 ? [y, y + 1] : [y];
}

const localDate = z
  .string()
  .length(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date 'YYYY-MM-DD'");

/** One year's arrangement as it is loaded (PUT /calendar/holidays/{year}, `npm run calendar`); the year comes with it. */
export const YearHolidaysBody = z.strictObject({
  holidays: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(100), from: localDate, to: localDate }))
    .min(1)
    .max(40),
  makeUpWorkdays: z.array(localDate).max(40),
  source: z.string().trim().min(1).max(300).optional().describe('Where the data comes from, e.g. the notice’s title and number'),
});
export type YearHolidaysInput = z.infer<typeof YearHolidaysBody>;

const isRealDate = (d: string) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * What is wrong with a year's arrangement, with the field each problem is in: dates that do not
 * exist or lie outside the year (but New Year's Day's may start after 25 December), ranges ending before they start or overlapping, a make-up working
 * day on a holiday, on a Monday–Friday (already a working day everywhere) or given twice.
 */
export function yearHolidaysProblems(year: number, y: Pick<YearHolidays, 'holidays' | 'makeUpWorkdays'>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const check = (field: string, d: string, earliest = `${year}-01-01`): boolean => {
    if (!DATE.test(d) || !isRealDate(d)) problems.push({ field, message: `${d} is not a date` });
    else if (d < earliest || Number(d.slice(0, 4)) > year) problems.push({ field, message: `${d} is not in ${year}` });
    else return true;
    return false;
  };
  const holidayDays = new Map<number, string>();
  y.holidays.forEach((h, i) => {
    // New Year's Day's holiday may start in the last days of December (as 2022-12-31 to 2023-01-02 did).
    const from = check(`holidays[${i}].from`, h.from, `${year - 1}-12-25`);
    const to = check(`holidays[${i}].to`, h.to);
    if (!from || !to) return;
    if (h.from > h.to) return void problems.push({ field: `holidays[${i}].to`, message: `${h.name} ends (${h.to}) before it starts (${h.from})` });
    for (const d of expandRange(h)) {
      const other = holidayDays.get(d);
      if (other !== undefined) return void problems.push({ field: `holidays[${i}]`, message: `${h.name} overlaps ${other}` });
      holidayDays.set(d, h.name);
    }
  });
  const seen = new Set<string>();
  y.makeUpWorkdays.forEach((d, i) => {
    const field = `makeUpWorkdays[${i}]`;
    if (!check(field, d)) return;
    const day = dayNumber(d);
    if (seen.has(d)) problems.push({ field, message: `${d} is given twice` });
    else if (holidayDays.has(day)) problems.push({ field, message: `${d} is a make-up working day and a holiday (${holidayDays.get(day)})` });
    else if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) problems.push({ field, message: `${d} is a Monday–Friday, a working day already` });
    seen.add(d);
  });
  return problems;
}

const MON_FRI: readonly Weekday[] = [1, 2, 3, 4, 5];
const MON_SAT: readonly Weekday[] = [1, 2, 3, 4, 5, 6];

type CalendarShape = Pick<BusinessCalendar, 'workingDays' | 'workingHours'>;
const OFFICE: CalendarShape = { workingDays: MON_FRI, workingHours: { start: '08:30', end: '17:30' } };
// The two big cities run field crews and back offices on Saturdays too, with longer hours.
const EXTENDED: CalendarShape = { workingDays: MON_SAT, workingHours: { start: '08:00', end: '18:00' } };

const CALENDAR_SHAPES: Record<LocalNetworkId, CalendarShape> = {
  shenyang: EXTENDED,
  dalian: EXTENDED,
  anshan: OFFICE,
  fushun: OFFICE,
  benxi: OFFICE,
  dandong: OFFICE,
  jinzhou: OFFICE,
  yingkou: OFFICE,
  fuxin: OFFICE,
  liaoyang: OFFICE,
  panjin: OFFICE,
  tieling: OFFICE,
  chaoyang: OFFICE,
  huludao: OFFICE,
};

export type BusinessCalendars = Readonly<Record<LocalNetworkId, BusinessCalendar>>;

function calendarsWith(schedule: HolidaySchedule): BusinessCalendars {
  return Object.fromEntries(
    LOCAL_NETWORK_IDS.map((ln) => [
      ln,
      {
        id: ln,
        utcOffsetMinutes: CHINA_STANDARD_TIME_OFFSET_MINUTES,
        ...CALENDAR_SHAPES[ln],
        holidays: schedule.holidays,
        makeUpWorkdays: schedule.makeUpWorkdays,
        years: schedule.years,
      },
    ]),
  ) as Record<string, BusinessCalendar> as Record<LocalNetworkId, BusinessCalendar>;
}

/** Every network's calendar with the built-in arrangements. */
export const BUSINESS_CALENDARS: BusinessCalendars = calendarsWith(BUILT_IN_HOLIDAYS);

// One set of calendars per schedule object: compiling is cached per calendar object (see compile).
const calendarsCache = new WeakMap<HolidaySchedule, BusinessCalendars>();

/** Every network's calendar counting with this schedule's arrangements. */
export function businessCalendars(schedule: HolidaySchedule): BusinessCalendars {
  if (schedule === BUILT_IN_HOLIDAYS) return BUSINESS_CALENDARS;
  let cals = calendarsCache.get(schedule);
  if (!cals) calendarsCache.set(schedule, (cals = calendarsWith(schedule)));
  return cals;
}

export function calendarFor(localNetwork: LocalNetworkId, schedule: HolidaySchedule = BUILT_IN_HOLIDAYS): BusinessCalendar {
  return businessCalendars(schedule)[localNetwork];
}

// ---- Arithmetic ---------------------------------------------------------------------------------

const MINUTE = 60_000;
const DAY = 86_400_000;
// 1970-01-01, day 0, was a Thursday.
const EPOCH_WEEKDAY = 4;

interface Compiled {
  offsetMs: number;
  openMs: number;
  closeMs: number;
  dayLengthMs: number;
  weekly: boolean[];
  /** perWeekPrefix[r] = working weekdays among the first r days of a week that starts on a Thursday. */
  perWeekPrefix: number[];
  /** Sorted local day numbers: holidays on regular working weekdays, make-up days on regular days off. */
  removed: number[];
  added: number[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date 'YYYY-MM-DD': ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY;
}

function minutesOfDay(time: string): number {
  const m = TIME.exec(time);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new RangeError(`not a time 'HH:MM': ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function weekdayOf(day: number): number {
  return (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

/** Problems with a calendar, empty when it is usable. */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  try {
    if (minutesOfDay(cal.workingHours.start) >= minutesOfDay(cal.workingHours.end)) {
      problems.push(`${cal.id}: working hours must start before they end`);
    }
    for (const h of cal.holidays) if (dayNumber(h.from) > dayNumber(h.to)) problems.push(`${cal.id}: ${h.name} ends before it starts`);
    const holidayDays = new Set(cal.holidays.flatMap(expandRange));
    for (const d of cal.makeUpWorkdays) {
      if (holidayDays.has(dayNumber(d))) problems.push(`${cal.id}: ${d} is both a holiday and a make-up workday`);
    }
  } catch (e) {
    problems.push(`${cal.id}: ${(e as Error).message}`);
  }
  // Without a regular working weekday, "the next working day" could be unbounded.
  if (new Set(cal.workingDays).size === 0) problems.push(`${cal.id}: no working days`);
  return problems;
}

function expandRange(h: HolidayRange): number[] {
  const days: number[] = [];
  for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) days.push(d);
  return days;
}

// Calendars are immutable data; compiling one per call would repeat the sorting on every SLA check.
const compiledCache = new WeakMap<BusinessCalendar, Compiled>();

function compile(cal: BusinessCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  const problems = validateCalendar(cal);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const weekly = Array.from({ length: 7 }, (_, wd) => cal.workingDays.includes(wd as Weekday));
  const perWeekPrefix = [0];
  for (let r = 0; r < 7; r++) perWeekPrefix.push(perWeekPrefix[r]! + (weekly[(EPOCH_WEEKDAY + r) % 7] ? 1 : 0));
  const holidays = [...new Set(cal.holidays.flatMap(expandRange))];
  const openMs = minutesOfDay(cal.workingHours.start) * MINUTE;
  const closeMs = minutesOfDay(cal.workingHours.end) * MINUTE;
  const compiled: Compiled = {
    offsetMs: cal.utcOffsetMinutes * MINUTE,
    openMs,
    closeMs,
    dayLengthMs: closeMs - openMs,
    weekly,
    perWeekPrefix,
    removed: holidays.filter((d) => weekly[weekdayOf(d)]).sort((a, b) => a - b),
    added: cal.makeUpWorkdays
      .map(dayNumber)
      .filter((d) => !weekly[weekdayOf(d)])
      .sort((a, b) => a - b),
  };
  compiledCache.set(cal, compiled);
  return compiled;
}

/** Index of the first element >= x. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countIn(sorted: number[], fromDay: number, toDay: number): number {
  return lowerBound(sorted, toDay) - lowerBound(sorted, fromDay);
}

function isWorkingDay(c: Compiled, day: number): boolean {
  const has = (sorted: number[]) => sorted[lowerBound(sorted, day)] === day;
  return (c.weekly[weekdayOf(day)]! && !has(c.removed)) || has(c.added);
}

/** Regular working weekdays in [0, day), also for negative days. */
function regularBefore(c: Compiled, day: number): number {
  const weeks = Math.floor(day / 7);
  return weeks * c.perWeekPrefix[7]! + c.perWeekPrefix[day - weeks * 7]!;
}

/** Working days in [fromDay, toDay). */
function workingDaysIn(c: Compiled, fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  return regularBefore(c, toDay) - regularBefore(c, fromDay) - countIn(c.removed, fromDay, toDay) + countIn(c.added, fromDay, toDay);
}

/** Business time of local day `day` that falls inside local [from, to). */
function overlapOfDay(c: Compiled, day: number, from: number, to: number): number {
  if (!isWorkingDay(c, day)) return 0;
  const open = day * DAY + c.openMs;
  const close = day * DAY + c.closeMs;
  return Math.max(0, Math.min(to, close) - Math.max(from, open));
}

/** The k-th working day (k >= 1) after `day`. */
function nthWorkingDayAfter(c: Compiled, day: number, k: number): number {
  const countUpTo = (d: number) => workingDaysIn(c, day + 1, d + 1);
  let lo = day + 1;
  let hi = day + Math.ceil((k * 7) / c.perWeekPrefix[7]!) + 7;
  // Holidays can push past the estimate: widen until the answer is inside.
  while (countUpTo(hi) < k) hi = day + 2 * (hi - day);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (countUpTo(mid) >= k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function isBusinessTime(atMs: number, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  const local = atMs + c.offsetMs;
  const day = Math.floor(local / DAY);
  return overlapOfDay(c, day, local, local + 1) > 0;
}

/** Business time in [aMs, bMs); 0 when b is not after a. */
export function businessTimeBetween(aMs: number, bMs: number, cal: BusinessCalendar): number {
  if (bMs <= aMs) return 0;
  const c = compile(cal);
  const la = aMs + c.offsetMs;
  const lb = bMs + c.offsetMs;
  const da = Math.floor(la / DAY);
  const db = Math.floor(lb / DAY);
  if (da === db) return overlapOfDay(c, da, la, lb);
  return overlapOfDay(c, da, la, (da + 1) * DAY) + workingDaysIn(c, da + 1, db) * c.dayLengthMs + overlapOfDay(c, db, db * DAY, lb);
}

/**
 * The instant when `durationMs` of business time has passed since `startMs`. A duration that ends
 * exactly at closing time ends then, not at the next opening, so that
 * businessTimeBetween(a, addBusinessTime(a, d)) === d.
 */
export function addBusinessTime(startMs: number, durationMs: number, cal: BusinessCalendar): number {
  if (durationMs <= 0) return startMs;
  const c = compile(cal);
  const local = startMs + c.offsetMs;
  const day = Math.floor(local / DAY);
  let remaining = durationMs;
  if (isWorkingDay(c, day)) {
    const from = Math.max(local, day * DAY + c.openMs);
    const available = day * DAY + c.closeMs - from;
    if (available > 0) {
      if (remaining <= available) return from + remaining - c.offsetMs;
      remaining -= available;
    }
  }
  const k = Math.ceil(remaining / c.dayLengthMs);
  const target = nthWorkingDayAfter(c, day, k);
  return target * DAY + c.openMs + (remaining - (k - 1) * c.dayLengthMs) - c.offsetMs;
}

// ---- Whole days ---------------------------------------------------------------------------------

/** Whether the local date 'YYYY-MM-DD' is a working day of the calendar (make-up days included, holidays not). */
export function isWorkingDate(date: string, cal: BusinessCalendar): boolean {
  return isWorkingDay(compile(cal), dayNumber(date));
}

/** The local date that is the k-th working day after `date` (k >= 1); `date` itself when k is 0. */
export function addWorkingDays(date: string, k: number, cal: BusinessCalendar): string {
  if (k <= 0) return date;
  return new Date(nthWorkingDayAfter(compile(cal), dayNumber(date), k) * DAY).toISOString().slice(0, 10);
}

/** The local date (calendar's offset) of an instant. */
export function localDateOf(atMs: number, cal: BusinessCalendar): string {
  return new Date(atMs + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}
