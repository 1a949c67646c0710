// The whole system in one test process, on real components: the run's Temporal dev server and
// PostgreSQL database (see global-setup.ts), this file's own simulators, a worker built by the
// project's own worker code on a task queue of its own, and the API app.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Runtime, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { createHttpAdapters } from '../../adapters/index.js';
import type { Adapters } from '../../adapters/types.js';
import { createApp } from '../../api/app.js';
import { signToken } from '../../api/auth.js';
import { createOrm, type Orm } from '../../db/orm.js';
import type { Principal } from '../../domain/access.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { createLogger, temporalLogger } from '../../platform/logger.js';
import { connectClient, connectWorker } from '../../platform/temporal.js';
import { startSimulators } from '../../simulators/index.js';
import { simulatorControl } from '../../simulators/control.js';
import { createWorker } from '../../workers/worker.js';

let runtimeInstalled = false;

export interface TestSystem {
  config: Config;
  client: Client;
  orm: Orm;
  app: Express;
  adapters: Adapters;
  worker: Worker;
  sims: { urls: Record<'billing' | 'inventory' | 'network' | 'notification', string>; control: Record<'billing' | 'inventory' | 'network' | 'notification', ReturnType<typeof simulatorControl>> };
  token(p: Partial<Principal> & Pick<Principal, 'roles'>): string;
  stop(): Promise<void>;
}

export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  const dbUrl = process.env.TEST_DATABASE_URL;
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!dbUrl || !address) throw new Error('run integration tests through jest (global setup provides the server and database)');
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test');
  if (!runtimeInstalled) {
    Runtime.install({ logger: temporalLogger(logger) });
    runtimeInstalled = true;
  }
  const sims = await startSimulators({ basePort: 0, latencyMs: 2 });
  const config = loadConfig({
    NODE_ENV: 'test',
    TEMPORAL_ADDRESS: address,
    DATABASE_URL: dbUrl,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    BILLING_URL: sims.urls.billing,
    INVENTORY_URL: sims.urls.inventory,
    NETWORK_URL: sims.urls.network,
    NOTIFICATION_URL: sims.urls.notification,
    SLA_TIME_SCALE: String(1 / 3600),
    ...env,
  });
  const orm = await createOrm(dbUrl, 5);
  const client = await connectClient(config);
  const adapters = createHttpAdapters(sims.urls, { timeoutMs: config.ADAPTER_TIMEOUT_MS });
  const connection = await connectWorker(config);
  const worker = await createWorker({
    config,
    connection,
    orm,
    adapters,
    logger,
    workflowBundle: { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') },
  });
  const running = worker.run();
  const app = createApp({ config, client, orm, logger, adapters });
  const control = {
    billing: simulatorControl(sims.urls.billing),
    inventory: simulatorControl(sims.urls.inventory),
    network: simulatorControl(sims.urls.network),
    notification: simulatorControl(sims.urls.notification),
  };
  return {
    config,
    client,
    orm,
    app,
    adapters,
    worker,
    sims: { urls: sims.urls, control },
    token: (p) =>
      signToken({ sub: p.sub ?? `test-${p.roles.join('-')}`, localNetworks: p.localNetworks ?? '*', ...p }, config.jwtSecret, config.AUTH_JWT_ISSUER),
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await orm.close();
      await sims.stop();
    },
  };
}
