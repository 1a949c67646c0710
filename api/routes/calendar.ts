// Business calendars per year (issue 15, point 6): the holiday arrangements loaded, and loading a
// year's when the State Council publishes its notice (admin; `npm run calendar` does the same). New
// work orders take the arrangements at intake; running ones keep theirs.
import { z } from 'zod';
import { YearHolidaysBody } from '../../domain/calendar.js';
import { HolidayCalendars } from '../../services/holiday-calendars.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, notFound } from '../problem.js';

const YearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

const HolidayYear = z
  .object({
    year: z.number().int(),
    holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
    makeUpWorkdays: z.array(z.string()).describe('Working days on a weekend (调休上班)'),
    source: z.string().optional(),
    loadedBy: z.string(),
    loadedAt: z.string(),
  })
  .meta({ id: 'HolidayYear' });

const HolidayYears = z
  .object({
    years: z.array(HolidayYear),
    missing: z
      .array(z.number().int())
      .describe('Years that should be loaded by now (this year, the next from December, any a running SLA reaches): counted as plain weekdays'),
  })
  .meta({ id: 'HolidayYears' });

const Loaded = HolidayYear.extend({
  changed: z.boolean().describe('false: the same data was loaded already (nothing changed)'),
  dunningSchedulesUpdated: z.number().int().describe('Dunning schedules given the new days'),
});

export function registerCalendarRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const calendars = new HolidayCalendars(() => deps.orm.em.fork(), { client: deps.client, config: deps.config });
  routes
    .add({
      method: 'get',
      path: '/calendar/holidays',
      summary: 'The holiday arrangements loaded, by year, and the years missing',
      tags: ['operations'],
      roles: ['admin', 'ops', 'supervisor'],
      responses: { 200: { description: 'every loaded year', schema: HolidayYears } },
      handler: async () => {
        const [years, missing] = await Promise.all([calendars.list(), calendars.missing()]);
        return { body: { years, missing } };
      },
    })
    .add({
      method: 'get',
      path: '/calendar/holidays/:year',
      summary: "A year's holiday arrangement",
      tags: ['operations'],
      roles: ['admin', 'ops', 'supervisor'],
      params: YearParams,
      responses: { 200: { description: 'the year', schema: HolidayYear }, 404: { description: 'not loaded (counted as plain weekdays)' } },
      handler: async ({ params }) => {
        const year = (await calendars.list()).find((y) => y.year === params.year);
        if (!year) throw notFound(`no holiday arrangement is loaded for ${params.year}: it counts as plain weekdays`);
        return { body: year };
      },
    })
    .add({
      method: 'put',
      path: '/calendar/holidays/:year',
      summary: "Load a year's holiday arrangement (the State Council's notice)",
      description:
        'Idempotent: the same data again changes nothing. Work orders taken from now on count with it; running ones keep the arrangements they took. Existing dunning schedules get the new days.',
      tags: ['operations'],
      roles: ['admin'],
      params: YearParams,
      body: YearHolidaysBody,
      responses: {
        200: { description: 'replaced, or unchanged', schema: Loaded },
        201: { description: 'loaded for the first time', schema: Loaded },
      },
      handler: async ({ params, body, principal }) => {
        const outcome = await calendars.load(params.year, body, principal.sub);
        if ('refused' in outcome) throw badRequest(`The holiday arrangement for ${params.year} is not valid`, outcome.problems);
        const { record, created, changed, dunningSchedulesUpdated } = outcome;
        if (changed) deps.logger.info({ year: params.year, by: principal.sub, dunningSchedulesUpdated }, 'holiday arrangement loaded');
        return { status: created ? 201 : 200, body: { ...record, changed, dunningSchedulesUpdated } };
      },
    });
}
