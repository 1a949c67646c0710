// Holiday arrangements per year (migration 016): read for the calendars, written when a year's
// notice is loaded.
import type { EntityManager } from '@mikro-orm/postgresql';
import { mergeYears, type HolidayRange, type HolidaySchedule, type YearHolidays } from '../domain/calendar.js';
import { executorOf } from './transaction.js';

export interface HolidayYearRecord extends YearHolidays {
  source?: string;
  loadedBy: string;
  loadedAt: string;
}

interface Row {
  year: number;
  holidays: HolidayRange[];
  make_up_workdays: string[];
  source: string | null;
  loaded_by: string;
  loaded_at: Date | string;
}

const COLUMNS = 'year, holidays, make_up_workdays, source, loaded_by, loaded_at';

const recordOf = (r: Row): HolidayYearRecord => ({
  year: r.year,
  holidays: r.holidays,
  makeUpWorkdays: r.make_up_workdays,
  ...(r.source ? { source: r.source } : {}),
  loadedBy: r.loaded_by,
  loadedAt: new Date(r.loaded_at).toISOString(),
});

/** Every loaded year, in year order. */
export async function holidayYears(em: EntityManager): Promise<HolidayYearRecord[]> {
  const rows = (await executorOf(em).execute(`select ${COLUMNS} from holiday_calendar order by year`, [])) as Row[];
  return rows.map(recordOf);
}

/** The loaded years (all, or those among `years`) as one schedule. */
export async function holidaySchedule(em: EntityManager, years?: readonly number[]): Promise<HolidaySchedule> {
  const all = await holidayYears(em);
  return mergeYears(years ? all.filter((y) => years.includes(y.year)) : all);
}

/**
 * Stores a year's arrangement, replacing the one loaded before. The same data again changes nothing
 * (idempotent): `changed` is false and the earlier loader and time are kept.
 */
export async function saveHolidayYear(
  em: EntityManager,
  y: YearHolidays & { source?: string; loadedBy: string },
): Promise<{ record: HolidayYearRecord; created: boolean; changed: boolean }> {
  const conn = executorOf(em);
  const holidays = JSON.stringify(y.holidays);
  const makeUp = JSON.stringify(y.makeUpWorkdays);
  const rows = (await conn.execute(
    `with before as (select year, holidays, make_up_workdays, source from holiday_calendar where year = ?)
     insert into holiday_calendar as h (year, holidays, make_up_workdays, source, loaded_by)
     values (?, ?::jsonb, ?::jsonb, ?, ?)
     on conflict (year) do update set holidays = excluded.holidays, make_up_workdays = excluded.make_up_workdays,
            source = excluded.source, loaded_by = excluded.loaded_by, loaded_at = now()
      where (h.holidays, h.make_up_workdays, h.source) is distinct from (excluded.holidays, excluded.make_up_workdays, excluded.source)
     returning ${COLUMNS}, (select count(*) from before)::int as existed`,
    [y.year, y.year, holidays, makeUp, y.source ?? null, y.loadedBy],
  )) as Array<Row & { existed: number }>;
  if (rows[0]) return { record: recordOf(rows[0]), created: rows[0].existed === 0, changed: true };
  const same = (await conn.execute(`select ${COLUMNS} from holiday_calendar where year = ?`, [y.year])) as Row[];
  return { record: recordOf(same[0]!), created: false, changed: false };
}

/** The local years of the resolve deadlines of work orders still running (what their SLAs reach). */
export async function yearsReachedByOpenWorkOrders(em: EntityManager): Promise<number[]> {
  const rows = (await executorOf(em).execute(
    `select distinct extract(year from resolve_by at time zone 'Asia/Shanghai')::int as year
       from work_order where phase not in ('closed', 'cancelled', 'rejected') and resolve_by > now()`,
    [],
  )) as Array<{ year: number }>;
  return rows.map((r) => r.year);
}
