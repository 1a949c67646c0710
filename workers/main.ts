// Worker process entry point: `npm run worker` (npm start runs it for you).
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createHttpAdapters } from '../adapters/index.js';
import { holidaySchedule } from '../db/calendars.js';
import { createOrm } from '../db/orm.js';
import { adapterUrls, loadConfig } from '../platform/config.js';
import { createLogger, temporalLogger } from '../platform/logger.js';
import { createWorkerMetrics, startMetricsServer } from '../platform/metrics.js';
import { freePort } from '../platform/net.js';
import { ensureDunningSchedules } from '../platform/dunning-schedules.js';
import { connectClient, connectWorker } from '../platform/temporal.js';
import { exitOnConfigError } from '../platform/process.js';
import { createWorker } from './worker.js';

const config = exitOnConfigError(loadConfig);
const logger = createLogger(config.LOG_LEVEL, 'worker');
// The SDK serves its own worker metrics on a loopback port; our /metrics appends them (platform/metrics.ts).
const sdkMetricsPort = await freePort();
Runtime.install({
  logger: temporalLogger(logger),
  // Signals are handled below, once.
  shutdownSignals: [],
  telemetryOptions: {
    logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
    metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } },
  },
});
const metrics = createWorkerMetrics();

const orm = await createOrm(config.DATABASE_URL ?? '', config.DATABASE_POOL_MAX);
const connection = await connectWorker(config);
const adapters = createHttpAdapters(adapterUrls(config), { timeoutMs: config.ADAPTER_TIMEOUT_MS, onCall: metrics.onAdapterCall });
const worker = await createWorker({ config, connection, orm, adapters, logger, metrics });
const metricsServer = await startMetricsServer({
  metrics,
  host: config.METRICS_HOST,
  port: config.METRICS_PORT,
  sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
}).catch((err: Error) => {
  logger.fatal({ err: err.message }, `cannot serve metrics on ${config.METRICS_HOST}:${config.METRICS_PORT} (set METRICS_PORT)`);
  process.exit(1);
});
logger.info({ url: metricsServer.url }, 'worker metrics');
// Ctrl-C reaches every process of the group and `npm start` also sends SIGTERM: stop once.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    worker.shutdown();
  });
}
if (config.DUNNING_SCHEDULES) {
  // The schedules start this worker's workflows: kept in line with its code; a failure is not fatal to the worker.
  const client = await connectClient(config);
  await ensureDunningSchedules(client, {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    localTime: config.DUNNING_RUN_LOCAL_TIME,
    caseCheckSeconds: config.DUNNING_CASE_CHECK_SECONDS,
    // Every loaded year's holidays and make-up days (PUT /calendar/holidays/{year} updates them since).
    holidays: await holidaySchedule(orm.em.fork()),
  }).then(
    () => logger.info({ localTime: config.DUNNING_RUN_LOCAL_TIME }, 'dunning schedules in place (dunning-<local network>)'),
    (err: Error) => logger.warn({ err: err.message }, 'could not create the dunning schedules; set DUNNING_SCHEDULES=false to run without them'),
  );
  await client.connection.close();
}
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
await worker.run();
await metricsServer.close();
await connection.close();
await orm.close();
logger.info('worker stopped');
