// The system under benchmark, on real components: its own PostgreSQL database, a Temporal dev server,
// the simulators, a worker and the API, each in a process of its own as in production; and the
// measurement of where the CPU goes while a benchmark runs against it.
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createOrm, migrate, type Orm } from '../../db/orm.js';
import { seedReferenceData } from '../../db/seed.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { bundleWorkflows } from '../../workers/worker.js';
import { ensureTemporalServer } from '../temporal-server.mjs';
import type { ChildRole } from './child.js';
import type { BenchContext } from './context.js';
import { childEnvironment, cpuBreakdown, createDatabase, freePort, startChild, type BenchChild } from './infra.js';
import { opts, type TemporalShape } from './options.js';
import type { ProcessStats } from './results.js';
import { scrapeAll, temporalFigures } from './temporal-metrics.js';

/** The server publishes its counters to the endpoint about once a second: a scrape waits for the last ones. */
const settleMetrics = () => new Promise((ok) => setTimeout(ok, 1_500));

/** Starts `role` with its output in the run's logs (<role>.log, or <logName>.log), known to cleanup until stopTracked. */
async function startTracked(ctx: BenchContext, role: ChildRole, env: NodeJS.ProcessEnv, logName: string = role): Promise<BenchChild> {
  const c = await startChild(role, env, join(ctx.logDir, `${logName}.log`));
  ctx.running.children.push(c);
  return c;
}

async function stopTracked(ctx: BenchContext, c: BenchChild): Promise<void> {
  await c.stop();
  ctx.running.children.splice(ctx.running.children.indexOf(c), 1);
}

/**
 * A Temporal dev server (in memory) on a free port, or the production shape (`npm run bench -- --cluster`,
 * BENCH_SHAPES): a cluster on PostgreSQL with fresh databases of its own (platform/temporal-cluster.ts).
 * Either serves its Prometheus metrics (ready.metricsUrls) for Temporal's own figures.
 */
async function startTemporal(ctx: BenchContext, env: NodeJS.ProcessEnv, shape: TemporalShape): Promise<BenchChild> {
  if (shape === 'dev') {
    return startTracked(ctx, 'temporal', { ...env, BENCH_TEMPORAL_PORT: String(await freePort()), BENCH_TEMPORAL_METRICS_PORT: String(await freePort()) });
  }
  // Its ports stay below 32,748 (membership ports are a smallint in the cluster's schema).
  const port = 20_000 + randomInt(0, 200) * 50;
  return startTracked(ctx, 'temporal', {
    ...env,
    BENCH_TEMPORAL_PORT: String(port),
    BENCH_TEMPORAL: 'cluster',
    TEMPORAL_CLUSTER_BINARIES: process.env.TEMPORAL_CLUSTER_BINARIES,
    BENCH_ADMIN_DATABASE_URL: opts.adminUrl,
    CLUSTER_HISTORY_SHARDS: process.env.CLUSTER_HISTORY_SHARDS ?? '4',
    ...Object.fromEntries(Object.entries(CLUSTER_POOLS).map(([k, v]) => [k, process.env[k] || v])),
  });
}

/**
 * The cluster services' connection pools (its configuration template reads these; 20 + 10 per service by
 * default, 120 in all): bounded as the drills bound them, so the cluster's, the API's and two workers'
 * pools stay within the 100 connections of a default PostgreSQL. The environment may set others.
 */
const CLUSTER_POOLS = { SQL_MAX_CONNS: '10', SQL_MAX_IDLE_CONNS: '10', SQL_VIS_MAX_CONNS: '4', SQL_VIS_MAX_IDLE_CONNS: '4' };

/**
 * The running system: its processes (the worker comes and goes), the configuration the children share,
 * and the benchmark's own connections to its database.
 */
export class System {
  worker?: BenchChild;
  /** Workers besides `worker` on the same task queue (the throughput benchmark's two-worker runs). */
  private readonly extraWorkers: BenchChild[] = [];
  /** The shape the next restartTemporal starts (the throughput benchmark runs on each of opts.shapes). */
  shape: TemporalShape;
  /** The running Temporal's shape and Prometheus endpoints. */
  temporalShape: TemporalShape;
  temporalMetricsUrls: string[];

  constructor(
    private readonly ctx: BenchContext,
    public config: Config,
    readonly childEnv: NodeJS.ProcessEnv,
    public api: BenchChild,
    readonly sims: BenchChild,
    readonly urls: Record<string, string>,
    /** The benchmark's own connections to the database. */
    readonly db: pg.Client,
    readonly orm: Orm,
    temporal: BenchChild,
    shape: TemporalShape,
  ) {
    this.shape = this.temporalShape = shape;
    this.temporalMetricsUrls = (temporal.ready.metricsUrls as string[] | undefined) ?? [];
  }

  get apiPort(): number {
    return this.api.ready.port as number;
  }

  /**
   * Starts the worker; resolves with the milliseconds it took to come up. `env` may name another
   * workflow bundle (BENCH_WORKFLOW_BUNDLE: the throughput benchmark's step shapes).
   */
  async startWorker(env: NodeJS.ProcessEnv = this.childEnv): Promise<number> {
    const started = performance.now();
    this.worker = await startTracked(this.ctx, 'worker', env);
    return performance.now() - started;
  }

  /** `n` workers on the task queue, side by side: `worker` and n − 1 more (worker-2.log, …); `env` as startWorker's. */
  async startWorkers(n: number, env: NodeJS.ProcessEnv = this.childEnv): Promise<void> {
    if (!this.worker) await this.startWorker(env);
    const more = Array.from({ length: n - 1 - this.extraWorkers.length }, (_, i) =>
      startTracked(this.ctx, 'worker', env, `worker-${this.extraWorkers.length + i + 2}`),
    );
    this.extraWorkers.push(...(await Promise.all(more)));
  }

  /** Stops every worker. */
  async stopWorker(): Promise<void> {
    const all = [...(this.worker ? [this.worker] : []), ...this.extraWorkers.splice(0)];
    this.worker = undefined;
    await Promise.all(all.map((w) => stopTracked(this.ctx, w)));
  }

  /** A fresh API process: db/reference.ts reloads its snapshot once it is 60 s old (see the stale run). */
  async restartApi(): Promise<void> {
    await stopTracked(this.ctx, this.api);
    this.api = await startTracked(this.ctx, 'api', this.childEnv);
  }

  /** A new, empty Temporal of `shape` (the dev server in memory, or a cluster on fresh databases), so each run starts from the same state; API and worker follow. */
  async restartTemporal(): Promise<void> {
    await this.stopWorker();
    await stopTracked(
      this.ctx,
      this.ctx.running.children.find((c) => c.role === 'temporal')!,
    );
    const env = process.env;
    const t = await startTemporal(this.ctx, { PATH: env.PATH, HOME: env.HOME, TEMPORAL_CLI_PATH: env.TEMPORAL_CLI_PATH }, this.shape);
    this.temporalShape = this.shape;
    this.temporalMetricsUrls = (t.ready.metricsUrls as string[] | undefined) ?? [];
    this.childEnv.TEMPORAL_ADDRESS = t.ready.address as string;
    this.config = loadConfig(this.childEnv);
  }

  /** A child of the run besides the system's own (the throughput benchmark's floor worker). */
  startExtra(role: ChildRole, env: NodeJS.ProcessEnv, logName?: string): Promise<BenchChild> {
    return startTracked(this.ctx, role, env, logName);
  }

  stopExtra(c: BenchChild): Promise<void> {
    return stopTracked(this.ctx, c);
  }

  /**
   * Measures CPU per process group, the children's event loops and Temporal's own figures (its metrics
   * scraped before and after, each time once the server has published what came before) over `f`.
   */
  async measured<T>(run: string, f: () => Promise<T>): Promise<{ value: T; stats: ProcessStats }> {
    const live = () => [this.api, this.sims, ...(this.worker ? [this.worker] : []), ...this.extraWorkers];
    await Promise.all(live().map((c) => c.resetStats()));
    const urls = this.temporalMetricsUrls;
    const before = urls.length ? (await settleMetrics(), await scrapeAll(urls)) : undefined;
    const cpu = cpuBreakdown(() => this.rolesByPid());
    const value = await f();
    const c = cpu.stop();
    const stats: ProcessStats = {
      run,
      wallS: c.wallS,
      machineBusy: c.machineBusy,
      cores: c.cores,
      children: await Promise.all(live().map((x) => x.stats())),
      loadavg: loadavg(),
    };
    if (before) {
      await settleMetrics();
      const after = await scrapeAll(urls);
      if (after) stats.temporal = temporalFigures(before, after, c.wallS, urls.length);
    }
    return { value, stats };
  }

  private rolesByPid(): Map<number, string> {
    return new Map(this.ctx.running.children.filter((c) => c.process.exitCode === null).map((c) => [c.process.pid!, c.role] as [number, string]));
  }
}

/** The machine's busy share and the cores each process group used, for the progress log. */
export const coresLine = (s: ProcessStats) =>
  `machine ${s.machineBusy === undefined ? '?' : Math.round(s.machineBusy * 100)}% busy; cores: ${Object.entries(s.cores)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}`;

type Timed = <T>(name: string, f: () => Promise<T>) => Promise<T>;

/** Starts the whole system, the worker last; the startup times go to results.startupS. */
export async function startSystem(ctx: BenchContext): Promise<System> {
  const cliPath = process.env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm run bench` (it provides the Temporal CLI)');
  // `npm run bench -- --cluster` has bootstrap.mjs build the cluster's binaries; BENCH_SHAPES naming the cluster, here.
  if (opts.shapes.includes('cluster') && !process.env.TEMPORAL_CLUSTER_BINARIES) {
    const cacheDir = process.env.TELECOM_CACHE_DIR ?? join(homedir(), '.cache', 'telecom-orch');
    process.env.TEMPORAL_CLUSTER_BINARIES = JSON.stringify(ensureTemporalServer({ cacheDir, log: ctx.log }));
  }
  ctx.log(
    `starting the system: database ${ctx.running.dbName}, Temporal (${opts.shapes[0] === 'dev' ? 'dev server' : 'cluster on PostgreSQL'}), simulators, worker, API (logs in bench-results/logs-${ctx.stamp}/)`,
  );
  const startup: Record<string, number> = {};
  const timed: Timed = async (name, f) => {
    const s = performance.now();
    const r = await f();
    startup[name] = (performance.now() - s) / 1000;
    return r;
  };
  const { childEnv, db, orm, temporal } = await startFoundations(ctx, cliPath, timed);
  const sims = await timed('simulators', () => startTracked(ctx, 'sims', childEnv));
  const urls = sims.ready.urls as Record<string, string>;
  Object.assign(childEnv, { BILLING_URL: urls.billing, INVENTORY_URL: urls.inventory, NETWORK_URL: urls.network, NOTIFICATION_URL: urls.notification });
  const api = await timed('api', () => startTracked(ctx, 'api', childEnv));
  const sys = new System(ctx, loadConfig(childEnv), childEnv, api, sims, urls, db, orm, temporal, opts.shapes[0]!);
  startup.worker = (await sys.startWorker()) / 1000;
  ctx.results.startupS = startup;
  ctx.log(
    `  up: ${Object.entries(startup)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}; API on 127.0.0.1:${sys.apiPort}`,
  );
  return sys;
}

/**
 * What the simulators, API and worker need, the slow parts side by side: the run's database (migrated,
 * seeded, connected), a Temporal dev server and the workflow bundle; and the environment the children run with.
 */
async function startFoundations(ctx: BenchContext, cliPath: string, timed: Timed) {
  const databaseUrl = await createDatabase(opts.adminUrl, ctx.running.dbName);
  ctx.running.dbCreated = true;
  const bundlePath = join(ctx.logDir, 'workflow-bundle.js');
  const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info' };
  const [temporal, orm] = await Promise.all([
    timed('temporal', () => startTemporal(ctx, { ...baseEnv, TEMPORAL_CLI_PATH: cliPath }, opts.shapes[0]!)),
    timed('database (migrate + seed)', () => prepareDatabase(ctx, databaseUrl)),
    timed('workflow bundle', async () => {
      writeFileSync(bundlePath, await bundleWorkflows(ctx.log));
    }),
  ]);
  const db = (ctx.running.db = new pg.Client(databaseUrl));
  await db.connect();
  const childEnv = childEnvironment({
    base: baseEnv,
    databaseUrl,
    temporalAddress: temporal.ready.address as string,
    queuePrefix: 'bench',
    simLatencyMs: opts.simLatencyMs,
    bundlePath,
  });
  return { childEnv, db, orm, temporal };
}

/** The schema and the seeds' reference data (45,000 pricing policies) in the run's database. */
async function prepareDatabase(ctx: BenchContext, databaseUrl: string): Promise<Orm> {
  const orm = (ctx.running.orm = await createOrm(databaseUrl, 4));
  await migrate(orm);
  const seeded = await seedReferenceData(orm.em.fork(), {});
  ctx.log(`  database migrated and seeded: ${JSON.stringify(seeded)}`);
  return orm;
}
