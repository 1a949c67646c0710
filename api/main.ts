// API process entry point: `npm run api` (npm start runs it for you).
import { createHttpAdapters } from '../adapters/index.js';
import { createOrm } from '../db/orm.js';
import { adapterUrls, loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { createApiMetrics } from '../platform/metrics.js';
import { exitOnConfigError } from '../platform/process.js';
import { connectClient } from '../platform/temporal.js';
import { createApp } from './app.js';

const config = exitOnConfigError(loadConfig);
const logger = createLogger(config.LOG_LEVEL, 'api');
if (!config.AUTH_JWT_SECRET) logger.warn('AUTH_JWT_SECRET is not set: using the development secret (never in production)');
const orm = await createOrm(config.DATABASE_URL ?? '', config.DATABASE_POOL_MAX);
const client = await connectClient(config);
const metrics = createApiMetrics();
const adapters = createHttpAdapters(adapterUrls(config), { timeoutMs: config.ADAPTER_TIMEOUT_MS, onCall: metrics.onAdapterCall });
const app = createApp({ config, client, orm, logger, adapters, metrics });
const server = app.listen(config.API_PORT, config.API_HOST, () => logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'API listening'));

let stopping = false;
async function stop() {
  // Ctrl-C reaches every process of the group and `npm start` also sends SIGTERM: stop once.
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections();
  await client.connection.close();
  await orm.close();
  logger.info('API stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
