// GET /metrics: the API process's Prometheus metrics (platform/metrics.ts). They carry business
// counts per local network, so: with API_METRICS_TOKEN set, only for `Authorization: Bearer <it>`
// (scrapers carry a static bearer token, not a JWT); in production without it, not served at all;
// in development and tests public, like /healthz. API_METRICS_ENABLED=false removes it.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { ApiMetrics } from '../../platform/metrics.js';
import type { ApiRoutes } from '../http.js';
import { ProblemSchema, unauthorized } from '../problem.js';

type MetricsConfig = Pick<Config, 'API_METRICS_ENABLED' | 'API_METRICS_TOKEN' | 'NODE_ENV'>;

/** Whether the API serves /metrics at all: enabled, and in production only with a token. */
export const apiMetricsServed = (config: MetricsConfig) =>
  config.API_METRICS_ENABLED && (config.NODE_ENV !== 'production' || Boolean(config.API_METRICS_TOKEN));

export function registerMetricsRoutes(routes: ApiRoutes, metrics: ApiMetrics, config: MetricsConfig): void {
  const token = config.API_METRICS_TOKEN;
  if (!apiMetricsServed(config)) return;
  // Digests compare in constant time whatever the lengths.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = token ? digest(token) : undefined;
  const metricsText = { description: 'metrics in the Prometheus text format', schema: z.string(), contentType: 'text/plain' };
  routes.add({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of the API process (see the README, section Metrics)',
    description: token ? 'Needs `Authorization: Bearer <API_METRICS_TOKEN>`.' : undefined,
    tags: ['operations'],
    roles: 'public',
    responses: token
      ? { 200: metricsText, 401: { description: 'no or a wrong metrics token', schema: ProblemSchema, contentType: 'application/problem+json' } }
      : { 200: metricsText },
    handler: async ({ req, res }) => {
      const given = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (expected && !timingSafeEqual(digest(given), expected)) {
        res.setHeader('www-authenticate', 'Bearer');
        throw unauthorized('/metrics needs Authorization: Bearer <API_METRICS_TOKEN>');
      }
      return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
    },
  });
}
