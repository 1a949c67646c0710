// Worker process entry point: `npm run worker` (npm start runs it for you).
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createHttpAdapters } from '../adapters/index.js';
import { createOrm } from '../db/orm.js';
import { adapterUrls, loadConfig } from '../platform/config.js';
import { createLogger, temporalLogger } from '../platform/logger.js';
import { connectWorker } from '../platform/temporal.js';
import { exitOnConfigError } from '../platform/process.js';
import { createWorker } from './worker.js';

const config = exitOnConfigError(loadConfig);
const logger = createLogger(config.LOG_LEVEL, 'worker');
Runtime.install({
  logger: temporalLogger(logger),
  // Signals are handled below, once.
  shutdownSignals: [],
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
});

const orm = await createOrm(config.DATABASE_URL ?? '', config.DATABASE_POOL_MAX);
const connection = await connectWorker(config);
const adapters = createHttpAdapters(adapterUrls(config), { timeoutMs: config.ADAPTER_TIMEOUT_MS });
const worker = await createWorker({ config, connection, orm, adapters, logger });
// Ctrl-C reaches every process of the group and `npm start` also sends SIGTERM: stop once.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    worker.shutdown();
  });
}
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
await worker.run();
await connection.close();
await orm.close();
logger.info('worker stopped');
