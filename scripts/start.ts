// `npm start`: runs the whole system on one machine. What is not configured is started here:
// the Temporal dev server (with its Web UI), an embedded PostgreSQL, the adapter simulators.
// Then migrations, reference data on first run, the worker and the API as child processes.
// Ctrl-C stops everything, children first.
//
// `npm run cluster` (`--cluster`): the production shape instead of the dev server — a Temporal
// cluster on the same PostgreSQL, its services as separate processes with the Web UI
// (platform/temporal-cluster.ts), then two worker processes and two API processes on their own ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiMetricsServed } from '../api/routes/metrics.js';
import { createOrm, migrate } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { startSimulators } from '../simulators/index.js';
import { loadConfig } from '../platform/config.js';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.js';
import { Runtime } from '@temporalio/worker';
import { createLogger, temporalLogger } from '../platform/logger.js';
import { exitOnConfigError } from '../platform/process.js';
import { startDevServer } from '../platform/temporal-dev-server.js';
import { startTemporalCluster, type ClusterBinaries } from '../platform/temporal-cluster.js';
import { NAMESPACE_RETENTION } from '../platform/temporal-cluster-plan.js';

const config = exitOnConfigError(loadConfig);
const log = createLogger(config.LOG_LEVEL, 'start');
// The SDK's runtime would exit the process on Ctrl-C; we stop things in order ourselves.
Runtime.install({ logger: temporalLogger(log), shutdownSignals: [] });
const dataDir = resolve(config.DATA_DIR);
const clusterMode = process.argv.includes('--cluster');
/** Worker and API processes: one each, or two each in the cluster's shape. */
const replicas = clusterMode ? 2 : 1;

const cleanups: Array<{ name: string; stop: () => Promise<void> }> = [];
const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  log.info('stopping');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          c.once('exit', () => done());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  for (const { name, stop } of cleanups.reverse()) {
    await stop().catch((err) => log.warn({ err: String(err) }, `stopping ${name} failed`));
  }
  log.info('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** One line on what went wrong (the messages say how to fix it); the stack only at LOG_LEVEL=debug. */
function failed(err: unknown) {
  process.stderr.write(
    `${clusterMode ? 'npm run cluster' : 'npm start'}: ${(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim()}\n`,
  );
  log.debug({ err: err instanceof Error ? err.stack : String(err) }, 'start-up failed');
  void stopAll(1);
}
// Whatever a library throws where nothing can catch it (an 'error' event nobody listens to) ends the
// same way, children stopped first.
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);

/**
 * The workbench (web/), built when web/dist is missing or older than its sources, alongside the rest
 * of the start-up. The API runs without it when it cannot be built: that is said, not fatal.
 */
async function buildWorkbench(): Promise<boolean> {
  try {
    const { ensureWebBuild } = await import('./web.js');
    await ensureWebBuild((msg) => log.info(msg));
    return true;
  } catch (err) {
    log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'the workbench could not be built (npm run web:build says why); the API runs without it',
    );
    return false;
  }
}

try {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const workbench = buildWorkbench();
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new Error(`DATA_DIR: cannot create ${dataDir} (${err instanceof Error ? err.message : String(err)}): set DATA_DIR to a folder this user may write`, {
      cause: err,
    });
  }

  if (!config.DATABASE_URL) {
    log.info({ port: config.EMBEDDED_PG_PORT }, 'starting the embedded PostgreSQL');
    const pg = await startEmbeddedPostgres(dataDir, config.EMBEDDED_PG_PORT, log);
    cleanups.push({ name: 'PostgreSQL', stop: pg.stop });
    env.DATABASE_URL = pg.url;
  }

  if (clusterMode) {
    if (config.TEMPORAL_ADDRESS) throw new Error('npm run cluster runs its own Temporal cluster: unset TEMPORAL_ADDRESS');
    const binaries = JSON.parse(process.env.TEMPORAL_CLUSTER_BINARIES ?? 'null') as ClusterBinaries | null;
    if (!binaries) throw new Error('run it as `npm run cluster` (which obtains the Temporal server)');
    // Temporal's own databases on the same PostgreSQL server as the read model.
    const url = new URL(env.DATABASE_URL!);
    log.info('starting the Temporal cluster (frontend, history, matching, worker) on PostgreSQL');
    const cluster = await startTemporalCluster({
      binaries,
      cliPath: config.TEMPORAL_CLI_PATH!,
      postgres: { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
      dir: join(dataDir, 'temporal-cluster'),
      basePort: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      historyShards: config.CLUSTER_HISTORY_SHARDS,
      namespace: config.TEMPORAL_NAMESPACE,
      retention: NAMESPACE_RETENTION,
      log,
    });
    cleanups.push({ name: 'Temporal cluster', stop: cluster.stop });
    env.TEMPORAL_ADDRESS = cluster.address;
  } else if (!config.TEMPORAL_ADDRESS) {
    log.info('starting the Temporal dev server');
    const server = await startDevServer({
      cliPath: config.TEMPORAL_CLI_PATH,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFilename: join(dataDir, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
    });
    cleanups.push({ name: 'Temporal', stop: server.stop });
    env.TEMPORAL_ADDRESS = server.address;
  }

  const orm = await createOrm(env.DATABASE_URL!);
  const applied = await migrate(orm);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const seeded = await seedReferenceData(orm.em.fork(), { onlyIfEmpty: true });
  if (seeded) log.info(seeded, 'reference data loaded (first run)');
  await orm.close();

  if (!config.BILLING_URL && !config.INVENTORY_URL && !config.NETWORK_URL && !config.NOTIFICATION_URL) {
    const sims = await startSimulators({
      basePort: config.SIMULATOR_BASE_PORT,
      latencyMs: config.SIMULATOR_LATENCY_MS,
      errorRate: config.SIMULATOR_ERROR_RATE,
    });
    cleanups.push({ name: 'simulators', stop: sims.stop });
    env.BILLING_URL = sims.urls.billing;
    env.INVENTORY_URL = sims.urls.inventory;
    env.NETWORK_URL = sims.urls.network;
    env.NOTIFICATION_URL = sims.urls.notification;
  }

  const workbenchBuilt = await workbench;
  // Each replica on its own ports: the APIs on API_PORT, API_PORT + 1; the workers' metrics likewise.
  const processes = Array.from({ length: replicas }, (_, i) => [
    { name: `worker${replicas > 1 ? ` ${i + 1}` : ''}`, entry: 'workers/main.ts', env: { ...env, METRICS_PORT: String(config.METRICS_PORT + i) } },
    { name: `api${replicas > 1 ? ` ${i + 1}` : ''}`, entry: 'api/main.ts', env: { ...env, API_PORT: String(config.API_PORT + i) } },
  ]).flat();
  for (const { name, entry, env: childEnv } of processes) {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: childEnv, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log.error({ code, signal }, `${name} exited; stopping everything`);
        void stopAll(1);
      }
    });
    children.push(child);
  }

  process.stdout.write(
    `\n  Workbench        ${workbenchBuilt ? `http://${config.API_HOST}:${config.API_PORT}/app/  (sign in with an account of README's "Identity and access")` : 'not built: npm run web:build'}\n` +
      `  API              http://${config.API_HOST}:${config.API_PORT}${replicas > 1 ? ` and :${config.API_PORT + 1}` : ''}  (docs: /docs, health: /readyz)\n` +
      `  Temporal UI      ${config.TEMPORAL_ADDRESS ? "your cluster's UI" : `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`}${clusterMode ? "  (the cluster: its services' logs in DATA_DIR/temporal-cluster/logs)" : ''}\n` +
      `  Temporal         ${env.TEMPORAL_ADDRESS}\n` +
      `  Metrics          ${apiMetricsServed(config) ? `http://${config.API_HOST}:${config.API_PORT}/metrics (API${config.API_METRICS_TOKEN ? ', with API_METRICS_TOKEN' : ''}), ` : ''}http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics (worker)\n` +
      `  Dev token        npm run token -- --role admin\n\n`,
  );
} catch (err) {
  failed(err);
}
