// What the API's routes are built from (api/app.ts assembles them).
import type { Client } from '@temporalio/client';
import type { Adapters } from '../adapters/types.js';
import type { Orm } from '../db/orm.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { ApiMetrics } from '../platform/metrics.js';
import type { WorklistFeed } from './worklist-feed.js';

export interface ApiDeps {
  config: Config;
  client: Client;
  orm: Orm;
  logger: Logger;
  adapters: Adapters;
  /** Prometheus metrics of this process (platform/metrics.ts); the app makes its own when absent. */
  metrics?: ApiMetrics;
  /**
   * The live desks' feed (one LISTEN connection per process); whoever starts the process stops it
   * (`app.locals.worklistFeed`). The app makes its own, on DATABASE_URL, when absent.
   */
  worklistFeed?: WorklistFeed;
}
