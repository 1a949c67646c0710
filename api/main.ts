// API process entry point: `npm run api` (npm start runs it for you).
import { createHttpAdapters } from '../adapters/index.js';
import { createOrm } from '../db/orm.js';
import { adapterUrls, loadConfig } from '../platform/config.js';
import { jwtSecretFile } from '../platform/jwt-secret.js';
import { createLogger } from '../platform/logger.js';
import { createApiMetrics } from '../platform/metrics.js';
import { exitOnConfigError } from '../platform/process.js';
import { connectClient } from '../platform/temporal.js';
import { createApp } from './app.js';

const config = exitOnConfigError(loadConfig);
const logger = createLogger(config.LOG_LEVEL, 'api');
// Resolved now, so an unusable secret file stops start-up with its one-line reason.
exitOnConfigError(() => config.jwtSecret);
if (!config.AUTH_JWT_SECRET)
  logger.info(
    { file: jwtSecretFile(config.DATA_DIR) },
    'AUTH_JWT_SECRET is not set: tokens are signed with the secret generated in the data directory (npm run token uses it too)',
  );
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
