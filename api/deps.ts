// What the API's routes are built from (api/app.ts assembles them).
import type { Client } from '@temporalio/client';
import type { Adapters } from '../adapters/types.js';
import type { Orm } from '../db/orm.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { ApiMetrics } from '../platform/metrics.js';

export interface ApiDeps {
  config: Config;
  client: Client;
  orm: Orm;
  logger: Logger;
  adapters: Adapters;
  /** Prometheus metrics of this process (platform/metrics.ts); the app makes its own when absent. */
  metrics?: ApiMetrics;
}
