// Holiday arrangements per year: one procedure for the admin endpoint (PUT /calendar/holidays/{year})
// and the command (`npm run calendar`), so both check a year's data, store it and carry it to the
// dunning schedules the same way; and the years missing, which /readyz shows as a warning.
import type { Client } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { missingYears, yearHolidaysProblems, yearsExpectedBy, type YearHolidaysInput } from '../domain/calendar.js';
import { holidaySchedule, holidayYears, saveHolidayYear, yearsReachedByOpenWorkOrders, type HolidayYearRecord } from '../db/calendars.js';
import { refreshDunningSchedules } from '../platform/dunning-schedules.js';
import type { Config } from '../platform/config.js';
import type { FieldProblem } from './staff-accounts.js';

export type HolidayLoadOutcome =
  { record: HolidayYearRecord; created: boolean; changed: boolean; dunningSchedulesUpdated: number } | { refused: 'INVALID'; problems: FieldProblem[] };

export class HolidayCalendars {
  constructor(
    private readonly em: () => EntityManager,
    /** For the dunning schedules' days; without it they follow at the worker's next start. */
    private readonly temporal?: { client: Client; config: Pick<Config, 'DUNNING_SCHEDULES' | 'DUNNING_RUN_LOCAL_TIME'> },
  ) {}

  list(): Promise<HolidayYearRecord[]> {
    return holidayYears(this.em());
  }

  /**
   * Loads a year's arrangement (again: the same data changes nothing). New work orders take it from
   * then on; running ones keep what they took at intake. The dunning schedules that exist get the
   * new days at once.
   */
  async load(year: number, input: YearHolidaysInput, loadedBy: string): Promise<HolidayLoadOutcome> {
    const problems = yearHolidaysProblems(year, input);
    if (problems.length) return { refused: 'INVALID', problems };
    const saved = await saveHolidayYear(this.em(), { year, holidays: input.holidays, makeUpWorkdays: input.makeUpWorkdays, source: input.source, loadedBy });
    let dunningSchedulesUpdated = 0;
    const t = this.temporal;
    if (saved.changed && t?.config.DUNNING_SCHEDULES) {
      dunningSchedulesUpdated = await refreshDunningSchedules(t.client, t.config.DUNNING_RUN_LOCAL_TIME, await holidaySchedule(this.em()));
    }
    return { ...saved, dunningSchedulesUpdated };
  }

  /**
   * Years without an arrangement that should have one by `nowMs`: this year, the next from December
   * on, and any year a running work order's resolve deadline falls in. They count as plain weekdays.
   */
  async missing(nowMs = Date.now()): Promise<number[]> {
    const [loaded, reached] = await Promise.all([holidayYears(this.em()), yearsReachedByOpenWorkOrders(this.em())]);
    return missingYears({ years: loaded.map((y) => y.year) }, [...yearsExpectedBy(nowMs), ...reached]);
  }
}
