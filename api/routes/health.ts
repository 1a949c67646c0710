import { z } from 'zod';
import { databaseReachable } from '../../db/orm.js';
import { temporalReachable } from '../../platform/temporal.js';
import { HolidayCalendars } from '../../services/holiday-calendars.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';

export const Check = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number(), error: z.string().optional() });
const Warning = z.object({
  check: z.string(),
  message: z.string(),
  years: z.array(z.number().int()).optional().describe('calendar: the years without a holiday arrangement'),
});
const Readiness = z
  .object({
    status: z.enum(['ready', 'not ready']),
    checks: z.object({ temporal: Check, database: Check }),
    warnings: z.array(Warning).describe('Still ready, but someone should act: e.g. a year without holidays loaded'),
  })
  .meta({ id: 'Readiness' });

// The calendar's years change once a year at most: asked of the database once a minute, not per probe.
const CALENDAR_CHECK_MS = 60_000;

/** Runs a reachability check within `timeoutMs`: up with its latency, or down with why. */
export async function probe(fn: () => Promise<void>, timeoutMs = 2000): Promise<z.infer<typeof Check>> {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, fail) => setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

export function registerHealthRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const calendars = new HolidayCalendars(() => deps.orm.em.fork());
  let calendarCheck: { at: number; missing: Promise<number[]> } | undefined;
  let warnedOf = '';
  /** Years without holidays loaded (counted as plain weekdays), logged once whenever they change. */
  const missingYears = async (): Promise<number[]> => {
    const now = Date.now();
    if (!calendarCheck || now - calendarCheck.at > CALENDAR_CHECK_MS) calendarCheck = { at: now, missing: calendars.missing(now) };
    const check = calendarCheck;
    const missing = await check.missing.catch(() => {
      if (calendarCheck === check) calendarCheck = undefined;
      return [];
    });
    if (missing.join() !== warnedOf) {
      warnedOf = missing.join();
      if (missing.length) deps.logger.warn({ missingYears: missing }, 'no holiday arrangement loaded: these years count as plain weekdays');
    }
    return missing;
  };
  routes.add({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the API process is up',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: () => ({ body: { status: 'ok' } }),
  });
  routes.add({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: Temporal and the database are reachable; warnings (still ready) such as a year without holidays loaded',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'ready', schema: Readiness }, 503: { description: 'a dependency is down', schema: Readiness } },
    handler: async () => {
      const [temporal, database] = await Promise.all([
        probe(() => temporalReachable(deps.client, deps.config.TEMPORAL_NAMESPACE)),
        probe(() => databaseReachable(deps.orm)),
      ]);
      const ready = temporal.status === 'up' && database.status === 'up';
      const missing = database.status === 'up' ? await missingYears() : [];
      const warnings = missing.length
        ? [
            {
              check: 'calendar',
              years: missing,
              message: `no holiday arrangement loaded for ${missing.join(', ')}: counted as plain weekdays (PUT /calendar/holidays/{year})`,
            },
          ]
        : [];
      return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', checks: { temporal, database }, warnings } };
    },
  });
}
