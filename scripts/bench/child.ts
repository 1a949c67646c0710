// One part of the benchmarked system in a process of its own, as in production (`npm start` runs
// the worker and the API as separate processes): `temporal` (the dev server, so its output goes to a
// log file), `sims` (startSimulators), `worker` (createWorker, with the workflow bundle the parent built
// once) or `api` (createApp on an ephemeral loopback port). Configuration comes from the environment,
// the parent talks to it over the fork IPC channel: it answers {type:'ready'} once up, reports its
// event-loop delay and CPU on {type:'stats'}, and stops on {type:'stop'} or when the parent goes away.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { createHttpAdapters } from '../../adapters/index.js';
import { createApp } from '../../api/app.js';
import { answerClientErrorsWithProblems } from '../../api/problem.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { ReferenceData } from '../../db/reference.js';
import { adapterUrls, loadConfig } from '../../platform/config.js';
import { createLogger, temporalLogger } from '../../platform/logger.js';
import { connectClient, connectWorker } from '../../platform/temporal.js';
import { startDevServer } from '../../platform/temporal-dev-server.js';
import { startTemporalCluster, type ClusterBinaries } from '../../platform/temporal-cluster.js';
import { dropDatabase } from './infra.js';
import { startSimulators } from '../../simulators/index.js';
import { createWorker } from '../../workers/worker.js';
import { EventDeliverer } from '../../events/deliverer.js';
import { createApiMetrics } from '../../platform/metrics.js';

export type ChildRole = 'temporal' | 'sims' | 'worker' | 'api' | 'floor';

export interface ChildStats {
  role: ChildRole;
  /** Event-loop delay since the last reset, in ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  /** CPU time used since the last reset, in ms, and the wall time it was measured over. */
  cpuMs: number;
  wallMs: number;
  rssMb: number;
  /** ReferenceData loads (catalog + 45,000 pricing policies) started since the last reset, and their wall time. */
  referenceLoads: number;
  referenceLoadMs: number;
}

const role = process.argv[2] as ChildRole;
if (!['temporal', 'sims', 'worker', 'api', 'floor'].includes(role) || !process.send) {
  process.stderr.write('usage: forked by scripts/bench.ts with a role: temporal | sims | worker | api | floor\n');
  process.exit(2);
}
const send = (msg: unknown) => process.send!(msg as object);

// The dev server's child needs no application configuration.
const config = loadConfig(role === 'temporal' ? {} : process.env);
const logger = createLogger(config.LOG_LEVEL, `bench-${role}`);
const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
let cpuMark = process.cpuUsage();
let wallMark = Date.now();

// Instrumentation only (behaviour unchanged): count the reference-data loads this process starts.
let referenceLoads = 0;
let referenceLoadMs = 0;
const refProto = ReferenceData.prototype as unknown as { load: () => Promise<unknown> };
const originalLoad = refProto.load;
refProto.load = function (this: unknown) {
  referenceLoads++;
  const started = Date.now();
  const p = originalLoad.call(this);
  p.then(
    () => (referenceLoadMs += Date.now() - started),
    () => undefined,
  );
  return p;
};

function stats(): ChildStats {
  const cpu = process.cpuUsage(cpuMark);
  const ms = (ns: number) => ns / 1e6;
  return {
    role,
    eventLoopDelayMs: { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max), mean: ms(eld.mean) },
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: Date.now() - wallMark,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    referenceLoads,
    referenceLoadMs,
  };
}

let stop: () => Promise<void> = async () => {};
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code), 15_000);
  force.unref();
  await stop().catch((err) => logger.error({ err: String(err) }, 'stop failed'));
  process.exit(code);
}

process.on('message', (msg: { type: string; id?: number; body?: unknown }) => {
  if (msg.type === 'stats') send({ type: 'reply', id: msg.id, body: stats() });
  else if (msg.type === 'stats-reset') {
    eld.reset();
    referenceLoads = 0;
    referenceLoadMs = 0;
    cpuMark = process.cpuUsage();
    wallMark = Date.now();
    send({ type: 'reply', id: msg.id, body: null });
  } else if (msg.type === 'stop') void shutdown(0);
});
// The parent died or let go: never outlive it.
process.on('disconnect', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  if (role === 'temporal' && process.env.BENCH_TEMPORAL === 'cluster') {
    // The production shape: the cluster on PostgreSQL, in databases of this child's own, dropped when it stops.
    const admin = new URL(process.env.BENCH_ADMIN_DATABASE_URL!);
    const databases = { temporal: `bench_temporal_${process.pid}`, visibility: `bench_temporal_vis_${process.pid}` };
    const cluster = await startTemporalCluster({
      binaries: JSON.parse(process.env.TEMPORAL_CLUSTER_BINARIES!) as ClusterBinaries,
      cliPath: process.env.TEMPORAL_CLI_PATH!,
      postgres: {
        host: admin.hostname,
        port: Number(admin.port || 5432),
        user: decodeURIComponent(admin.username),
        password: decodeURIComponent(admin.password),
      },
      databases,
      dir: join(tmpdir(), `bench-cluster-${process.pid}`),
      basePort: Number(process.env.BENCH_TEMPORAL_PORT),
      historyShards: Number(process.env.CLUSTER_HISTORY_SHARDS),
      // Temporal's own figures for the benchmark (state transitions, persistence latency).
      metrics: true,
      namespace: 'default',
      retention: '24h',
      log: logger,
    });
    stop = async () => {
      await cluster.stop();
      for (const db of Object.values(databases)) await dropDatabase(admin.toString(), db);
    };
    send({ type: 'ready', body: { address: cluster.address, metricsUrls: cluster.metricsUrls ?? [] } });
  } else if (role === 'temporal') {
    // BENCH_TEMPORAL_DB: a SQLite file, so a restarted server finds its workflows again (fault drills).
    const server = await startDevServer({
      cliPath: process.env.TEMPORAL_CLI_PATH,
      port: Number(process.env.BENCH_TEMPORAL_PORT),
      namespace: 'default',
      dbFilename: process.env.BENCH_TEMPORAL_DB || undefined,
      metricsPort: Number(process.env.BENCH_TEMPORAL_METRICS_PORT) || undefined,
    });
    stop = server.stop;
    send({ type: 'ready', body: { address: server.address, metricsUrls: server.metricsUrl ? [server.metricsUrl] : [] } });
  } else if (role === 'sims') {
    const sims = await startSimulators({
      basePort: 0,
      latencyMs: config.SIMULATOR_LATENCY_MS,
      jitterMs: Number(process.env.SIMULATOR_JITTER_MS || 0),
      errorRate: config.SIMULATOR_ERROR_RATE,
    });
    stop = sims.stop;
    send({ type: 'ready', body: { urls: sims.urls } });
  } else if (role === 'floor') {
    // The floor's worker: the worker's own settings (concurrency, connection), no-op activities.
    Runtime.install({
      logger: temporalLogger(logger),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
    });
    const connection = await connectWorker(config);
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: process.env.BENCH_FLOOR_TASK_QUEUE!,
      workflowBundle: { code: readFileSync(process.env.BENCH_FLOOR_BUNDLE!, 'utf8') },
      activities: { noop: async () => {} },
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    });
    const running = worker.run();
    stop = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
    send({ type: 'ready', body: { taskQueue: process.env.BENCH_FLOOR_TASK_QUEUE } });
  } else if (role === 'worker') {
    Runtime.install({
      logger: temporalLogger(logger),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
    });
    const orm: Orm = await createOrm(config.DATABASE_URL!, config.DATABASE_POOL_MAX);
    const connection = await connectWorker(config);
    const adapters = createHttpAdapters(adapterUrls(config), { timeoutMs: config.ADAPTER_TIMEOUT_MS });
    const bundle = process.env.BENCH_WORKFLOW_BUNDLE;
    const worker: Worker = await createWorker({
      config,
      connection,
      orm,
      adapters,
      logger,
      ...(bundle ? { workflowBundle: { code: readFileSync(bundle, 'utf8') } } : {}),
    });
    const running = worker.run();
    stop = async () => {
      worker.shutdown();
      await running;
      await connection.close();
      await orm.close();
    };
    send({ type: 'ready', body: { taskQueue: config.TEMPORAL_TASK_QUEUE } });
    running.catch((err) => {
      logger.error({ err: String(err) }, 'worker failed');
      void shutdown(1);
    });
  } else {
    const orm = await createOrm(config.DATABASE_URL!, config.DATABASE_POOL_MAX);
    const client = await connectClient(config);
    const adapters = createHttpAdapters(adapterUrls(config), { timeoutMs: config.ADAPTER_TIMEOUT_MS });
    const metrics = createApiMetrics();
    const app = createApp({ config, client, orm, logger, adapters, metrics });
    // The API process sends the event notifications too, as api/main.ts does.
    const deliverer = config.EVENT_DELIVERY_ENABLED
      ? new EventDeliverer({ orm, config, logger, metrics: metrics.events, databaseUrl: config.DATABASE_URL }).start()
      : undefined;
    const server: Server = await new Promise((ok, fail) => {
      const s = app.listen(0, '127.0.0.1');
      answerClientErrorsWithProblems(s);
      s.once('listening', () => ok(s));
      s.once('error', fail);
    });
    stop = async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      await deliverer?.stop();
      await client.connection.close();
      await orm.close();
    };
    send({ type: 'ready', body: { port: (server.address() as AddressInfo).port } });
  }
} catch (err) {
  logger.error({ err: err instanceof Error ? err.stack : String(err) }, 'start-up failed');
  send({ type: 'failed', body: err instanceof Error ? err.message : String(err) });
  await shutdown(1);
}
