// GET /metrics: the API process's Prometheus metrics (platform/metrics.ts). Public, like /healthz,
// because scrapers carry no token; API_METRICS_ENABLED=false removes it.
import { z } from 'zod';
import type { ApiMetrics } from '../../platform/metrics.js';
import type { ApiRoutes } from '../http.js';

export function registerMetricsRoutes(routes: ApiRoutes, metrics: ApiMetrics): void {
  routes.add({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of the API process (see the README, section Metrics)',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'metrics in the Prometheus text format', schema: z.string(), contentType: 'text/plain' } },
    handler: async () => ({ body: await metrics.registry.metrics(), contentType: metrics.registry.contentType }),
  });
}
