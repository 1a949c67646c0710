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
import { answerClientErrorsWithProblems } from './problem.js';
import { EventDeliverer } from '../events/deliverer.js';
import { WorklistFeed } from './worklist-feed.js';

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
// The live desks' event streams: one LISTEN connection for every desk connected to this process.
const worklistFeed = new WorklistFeed({ orm, logger, databaseUrl: config.DATABASE_URL });
const app = createApp({ config, client, orm, logger, adapters, metrics, worklistFeed });
// Event notifications go out from every API process (several share the outbox safely).
const deliverer = config.EVENT_DELIVERY_ENABLED
  ? new EventDeliverer({ orm, config, logger, metrics: metrics.events, databaseUrl: config.DATABASE_URL }).start()
  : undefined;
const server = app.listen(config.API_PORT, config.API_HOST, () => logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'API listening'));
answerClientErrorsWithProblems(server);

let stopping = false;
async function stop() {
  // Ctrl-C reaches every process of the group and `npm start` also sends SIGTERM: stop once.
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections();
  // Open event streams would hold server.close() forever: end them.
  await worklistFeed.stop();
  await deliverer?.stop();
  await client.connection.close();
  await orm.close();
  logger.info('API stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
