// Holiday arrangements per year from the command line (PUT /calendar/holidays/{year} does the same):
//   npm run calendar -- list
//   npm run calendar -- load --year 2027 --file notice-2027.json [--by <who>]
// The file holds { "holidays": [{ "name", "from", "to" }], "makeUpWorkdays": [...], "source": "..." },
// dates 'YYYY-MM-DD', as the State Council's notice for the year gives them. Loading the same file
// again changes nothing. Existing dunning schedules get the new days (with DUNNING_SCHEDULES on and
// Temporal reachable; else at the worker's next start).
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { YearHolidaysBody } from '../domain/calendar.js';
import { createOrm, migrate } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';
import { connectClient } from '../platform/temporal.js';
import { refreshDunningSchedules } from '../platform/dunning-schedules.js';
import { holidaySchedule } from '../db/calendars.js';
import { HolidayCalendars } from '../services/holiday-calendars.js';

const USAGE = 'usage: npm run calendar -- list | load --year <YYYY> --file <notice.json> [--by <who>]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { year: { type: 'string' }, file: { type: 'string' }, by: { type: 'string' } },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [command] = positionals;
if (command !== 'list' && command !== 'load') fail(USAGE);
const config = exitOnConfigError(loadConfig);
if (!config.DATABASE_URL) fail('holiday arrangements are stored in the database: set DATABASE_URL (npm start prints it)');

/** The year and the file's arrangement, or the exit naming what is wrong. */
function loadInput(): { year: number; body: z.infer<typeof YearHolidaysBody> } {
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(`--year: a year from 2000 to 2100. ${USAGE}`);
  if (!values.file) fail(`--file: the arrangement as JSON. ${USAGE}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(values.file, 'utf8'));
  } catch (err) {
    fail(`${values.file}: ${(err as Error).message}`);
  }
  const r = YearHolidaysBody.safeParse(json);
  if (!r.success) fail(z.prettifyError(r.error));
  return { year, body: r.data };
}

const say = (s: string) => process.stdout.write(`${s}\n`);

/** The existing dunning schedules given every loaded year's days; Temporal unreachable: the worker's next start does it. */
async function refreshSchedules(): Promise<string> {
  const client = await connectClient(config).catch(() => undefined);
  if (!client) return "not updated now (Temporal not reachable); the worker's next start does it";
  try {
    return `${await refreshDunningSchedules(client, config.DUNNING_RUN_LOCAL_TIME, await holidaySchedule(orm.em.fork()))} updated`;
  } finally {
    await client.connection.close();
  }
}
const orm = await createOrm(config.DATABASE_URL);
try {
  await migrate(orm);
  if (command === 'list') {
    const calendars = new HolidayCalendars(() => orm.em.fork());
    for (const y of await calendars.list()) {
      say(
        `${y.year}  ${y.holidays.length} holidays, ${y.makeUpWorkdays.length} make-up working days  loaded ${y.loadedAt} by ${y.loadedBy}${y.source ? `  (${y.source})` : ''}`,
      );
    }
    const missing = await calendars.missing();
    if (missing.length) say(`missing (counted as plain weekdays): ${missing.join(', ')}`);
  } else {
    const { year, body } = loadInput();
    const calendars = new HolidayCalendars(() => orm.em.fork());
    const outcome = await calendars.load(year, body, values.by ?? `cli:${userInfo().username}`);
    if ('refused' in outcome) fail(outcome.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    const what = outcome.created ? 'loaded' : outcome.changed ? 'replaced' : 'unchanged (the same data was loaded already)';
    say(`${year}: ${what}; ${outcome.record.holidays.length} holidays, ${outcome.record.makeUpWorkdays.length} make-up working days`);
    if (outcome.changed && config.DUNNING_SCHEDULES) say(`dunning schedules: ${await refreshSchedules()}`);
  }
} finally {
  await orm.close();
}
