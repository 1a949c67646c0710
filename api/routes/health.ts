import { z } from 'zod';
import { databaseReachable } from '../../db/orm.js';
import { temporalReachable } from '../../platform/temporal.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';

export const Check = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number(), error: z.string().optional() });
const Readiness = z.object({ status: z.enum(['ready', 'not ready']), checks: z.object({ temporal: Check, database: Check }) }).meta({ id: 'Readiness' });

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
    summary: 'Readiness: Temporal and the database are reachable',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'ready', schema: Readiness }, 503: { description: 'a dependency is down', schema: Readiness } },
    handler: async () => {
      const [temporal, database] = await Promise.all([
        probe(() => temporalReachable(deps.client, deps.config.TEMPORAL_NAMESPACE)),
        probe(() => databaseReachable(deps.orm)),
      ]);
      const ready = temporal.status === 'up' && database.status === 'up';
      return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', checks: { temporal, database } } };
    },
  });
}
