// The whole system in one process, on real components, for the integration tests and for
// npm run corpus:record: the run's Temporal dev server and PostgreSQL database (see
// shared-environment.ts), simulators of its own, a worker built by the project's own worker code on
// a task queue of its own, and the API app.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Runtime, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { createHttpAdapters } from '../adapters/index.js';
import type { Adapters } from '../adapters/types.js';
import { createApp } from '../api/app.js';
import { signToken } from '../api/auth.js';
import { createOrm, type Orm } from '../db/orm.js';
import type { Principal } from '../domain/access.js';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger, temporalLogger } from '../platform/logger.js';
import { createApiMetrics, createWorkerMetrics, startMetricsServer, type ApiMetrics, type WorkerMetrics } from '../platform/metrics.js';
import { freePort } from '../platform/net.js';
import { connectClient, connectWorker } from '../platform/temporal.js';
import { startSimulators } from '../simulators/index.js';
import { simulatorControl } from '../simulators/control.js';
import { createWorker } from '../workers/worker.js';
import { EventDeliverer } from '../events/deliverer.js';
import { TEST_SEED } from './seed.js';
import { bundleWorkflowsWithStepShape, type StepShapeName } from '../scripts/bench/step-shape.js';
import { WorklistFeed } from '../api/worklist-feed.js';

let runtimeInstalled = false;
const TEST_JWT_SECRET = randomBytes(32).toString('hex');

export interface TestSystem {
  config: Config;
  client: Client;
  orm: Orm;
  app: Express;
  adapters: Adapters;
  worker: Worker;
  /** The event notifications' deliverer, as the API process runs it. */
  deliverer: EventDeliverer;
  /** The API's and the worker's metrics; `workerUrl` is the worker's /metrics, served when started with `{ metrics: true }`. */
  metrics: { api: ApiMetrics; worker: WorkerMetrics; workerUrl?: string };
  sims: {
    urls: Record<'billing' | 'inventory' | 'network' | 'notification', string>;
    control: Record<'billing' | 'inventory' | 'network' | 'notification', ReturnType<typeof simulatorControl>>;
  };
  token(p: Partial<Principal> & Pick<Principal, 'roles'>): string;
  /** Another API app on this system's Temporal, database and simulators, configured as it is with `env` on top (limits, lifetimes). */
  appWith(env: Record<string, string>): { app: Express; config: Config };
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /** Serve the worker's metrics. */
  metrics?: boolean;
  /**
   * The order's steps in this system's worker as the other shape than the shared bundle's (issue 18,
   * workflows/step-shape.ts): 'queue' runs every step through the task queue, as runs started before
   * the patch short-steps-local do. Bundled for this system (some seconds).
   */
  stepShape?: StepShapeName;
}

export async function startTestSystem(env: Record<string, string> = {}, opts: TestSystemOptions = {}): Promise<TestSystem> {
  const dbUrl = process.env.TEST_DATABASE_URL;
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!dbUrl || !address) throw new Error('run integration tests through jest (global setup provides the server and database)');
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test');
  // With metrics, the SDK serves its worker metrics on a loopback port, as in workers/main.ts.
  const sdkMetricsPort = opts.metrics && !runtimeInstalled ? await freePort() : undefined;
  if (!runtimeInstalled) {
    Runtime.install({
      logger: temporalLogger(logger),
      ...(sdkMetricsPort ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } } } : {}),
    });
    runtimeInstalled = true;
  }
  // The simulators know the seeded estate of the run's database (harness/seed.ts).
  const sims = await startSimulators({ basePort: 0, latencyMs: 2, estate: { ...TEST_SEED } });
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    TEMPORAL_ADDRESS: address,
    DATABASE_URL: dbUrl,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    BILLING_URL: sims.urls.billing,
    INVENTORY_URL: sims.urls.inventory,
    NETWORK_URL: sims.urls.network,
    NOTIFICATION_URL: sims.urls.notification,
    SLA_TIME_SCALE: String(1 / 3600),
    // A secret of the test process (nothing written into the repository's .data; one for all its
    // systems, so a test's token works on each of them); no rate limits: tests fire bursts.
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_PRINCIPAL: '0',
    RATE_LIMIT_AUTH_FAILURES: '0',
    // Test receivers listen on the loopback; retries come quickly (seconds are minutes here).
    EVENT_CALLBACK_HOSTS: '127.0.0.1,localhost',
    EVENT_RETRY_BASE_SECONDS: '0.1',
    EVENT_RETRY_MAX_SECONDS: '1',
    EVENT_RETRY_FOR_SECONDS: '15',
    EVENT_POLL_MS: '100',
    // Tests expect a new work order's dispatch in the answer (201): on a machine busy with the whole
    // suite its first workflow task can take longer than production's 5 s. The 202 path keeps its
    // own test (live-reads, with a short wait).
    API_DISPATCH_WAIT_MS: '20000',
    ...env,
  };
  const config = loadConfig(baseEnv);
  const orm = await createOrm(dbUrl, 5);
  const client = await connectClient(config);
  const metrics = { api: createApiMetrics({ defaultMetrics: Boolean(opts.metrics) }), worker: createWorkerMetrics({ defaultMetrics: Boolean(opts.metrics) }) };
  // The worker's adapters and the API's, each counted by its own process's metrics.
  const adapters = createHttpAdapters(sims.urls, { timeoutMs: config.ADAPTER_TIMEOUT_MS, onCall: metrics.worker.onAdapterCall });
  const apiAdapters = createHttpAdapters(sims.urls, { timeoutMs: config.ADAPTER_TIMEOUT_MS, onCall: metrics.api.onAdapterCall });
  const connection = await connectWorker(config);
  const worker = await createWorker({
    config,
    connection,
    orm,
    adapters,
    logger,
    metrics: metrics.worker,
    workflowBundle: { code: opts.stepShape ? await bundleWorkflowsWithStepShape(opts.stepShape) : readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') },
  });
  const running = worker.run();
  const worklistFeed = new WorklistFeed({ orm, logger, databaseUrl: dbUrl });
  const app = createApp({ config, client, orm, logger, adapters: apiAdapters, metrics: metrics.api, worklistFeed });
  const deliverer = new EventDeliverer({ orm, config, logger, metrics: metrics.api.events, databaseUrl: dbUrl });
  if (config.EVENT_DELIVERY_ENABLED) deliverer.start();
  const metricsServer = opts.metrics
    ? await startMetricsServer({
        metrics: metrics.worker,
        host: '127.0.0.1',
        port: 0,
        sdkMetricsUrl: sdkMetricsPort ? `http://127.0.0.1:${sdkMetricsPort}/metrics` : undefined,
      })
    : undefined;
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
    deliverer,
    metrics: { ...metrics, workerUrl: metricsServer?.url },
    sims: { urls: sims.urls, control },
    token: (p) =>
      signToken(
        { sub: p.sub ?? `test-${p.roles.join('-')}`, localNetworks: p.localNetworks ?? '*', ...p },
        config.jwtSecret,
        config.AUTH_JWT_ISSUER,
        undefined,
        undefined,
        config.AUTH_JWT_AUDIENCE,
      ),
    appWith(more) {
      const c = loadConfig({ ...baseEnv, ...more });
      return { config: c, app: createApp({ config: c, client, orm, logger, adapters: apiAdapters, worklistFeed }) };
    },
    async stop() {
      // A test may have stopped the worker itself (to see the API without one).
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await metricsServer?.close();
      await deliverer.stop();
      await worklistFeed.stop();
      await connection.close();
      await client.connection.close();
      await orm.close();
      await sims.stop();
    },
  };
}
