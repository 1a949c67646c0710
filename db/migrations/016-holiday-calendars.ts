import { Migration } from '@mikro-orm/migrations';
import { CHINA_HOLIDAYS_2026 } from '../../domain/calendar.js';

// Business calendars per year (issue 15, point 6): each year's holiday arrangement as data, loaded
// when the State Council publishes the next year's notice (PUT /calendar/holidays/{year}, or
// `npm run calendar`). Seeded with 2026 exactly as the code had it (domain/calendar.ts).
export class Migration016HolidayCalendars extends Migration {
  override name = '016-holiday-calendars';

  override async up(): Promise<void> {
    await this.execute(`
      create table if not exists holiday_calendar (
        year integer primary key check (year between 2000 and 2100),
        holidays jsonb not null,
        make_up_workdays jsonb not null,
        source text null,
        loaded_by text not null,
        loaded_at timestamptz not null default now()
      );`);
    await this.execute(
      `insert into holiday_calendar (year, holidays, make_up_workdays, source, loaded_by)
       values (?, ?::jsonb, ?::jsonb, ?, 'migration 016') on conflict (year) do nothing`,
      [
        CHINA_HOLIDAYS_2026.year,
        JSON.stringify(CHINA_HOLIDAYS_2026.holidays),
        JSON.stringify(CHINA_HOLIDAYS_2026.makeUpWorkdays),
        '国务院办公厅关于2026年部分节假日安排的通知',
      ],
    );
  }

  override down(): void {
    this.addSql('drop table if exists holiday_calendar;');
  }
}
