// `npm run bench`: performance figures on real components (not part of the test suite).
//
//  1. quote       PricingIndex.quote over 45,000 generated pricing policies (in process).
//  2. orders      POST /productOrder at a fixed 100 requests/s (open loop, latency from the scheduled
//                 send time) against a real system: its own PostgreSQL database, a Temporal dev server,
//                 the simulators, a worker and the API, each in a process of its own as in production.
//                 Every measured run starts from the same point: an empty Temporal dev server, a fresh API
//                 process warmed with 100 orders (see stale-reference). Runs:
//                   api-only   the worker stopped during the load (the workflows start and wait in Temporal):
//                              what the API and Temporal take; then the worker starts and drains;
//                   together   the worker fulfilling orders on the same cores during the load;
//                   stale-reference  a short run once the API's reference data (db/reference.ts, 45,000
//                              policies) is over 60 s old, so it reloads under load;
//                   serial, steps, sweep  one order at a time (and its steps called directly), then lower
//                              rates: the floor, and where the latency knee is on this machine.
//                 After the api-only and together loads: how many orders completed within 60 s.
//  3. worklist    GET /department/:id/worklist with 100,000 open work orders in the read model, through
//                 the API and straight through db/work-orders.ts.
//  4. throughput  orders placed through the API by closed-loop clients, each waiting for its order to
//                 finish (a share with a field installation, answered by a simulated department; the
//                 simulators at a realistic latency), against the floor: as many workflows of as many
//                 no-op activities, on the same server and worker settings. Orders per second, the ratio to
//                 the floor, end-to-end and API latency, where the CPU went.
//  5. replay      the replay corpus (test/replay-corpus/) replayed against the current workflow code:
//                 histories per second.
//
// Medians of several runs are the headline figures (the machine is shared and noisy); every run is in
// the JSON, with where the CPU went. Nothing fails on a missed target: the exit code says only whether
// the benchmark itself ran. Output: a table on stdout, bench-results/<timestamp>.json and
// bench-results/latest.html; the processes' logs in bench-results/logs-<timestamp>/.
//
// Env (all optional): BENCH_ONLY=quote,orders,worklist  BENCH_ADMIN_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_QUOTE_RUNS (5) BENCH_QUOTES_PER_RUN (5000) BENCH_QUOTE_WARMUP (2000)
//   BENCH_ORDER_RATE (100) BENCH_ORDER_SECONDS (20) BENCH_ORDER_RUNS (2 api-only runs) BENCH_ORDER_TOGETHER_RUNS (1)
//   BENCH_COMPLETION_WINDOW_S (60) BENCH_STALE_SECONDS (5: the run with stale reference data, 0 = skip)
//   BENCH_SWEEP_RATES (25,50,75; empty = skip) BENCH_SWEEP_SECONDS (8)
//   BENCH_SIM_LATENCY_MS (2)
//   BENCH_WORKLIST_OPEN (100000) BENCH_WORKLIST_CLOSED (20000) BENCH_WORKLIST_RUNS (3)
//   BENCH_WORKLIST_REQUESTS (1000 per run) BENCH_WORKLIST_RATE (100)  BENCH_BUDGET_S (900: optional parts are skipped past it)  BENCH_LOG_LEVEL (info)
//   BENCH_THROUGHPUT_ORDERS (600 per run) BENCH_THROUGHPUT_CONCURRENCY (40) BENCH_THROUGHPUT_RUNS (3) BENCH_INSTALL_SHARE (0.1)
//   BENCH_INSTALL_DELAY_MS (200) BENCH_THROUGHPUT_SIM_LATENCY_MS (20)  BENCH_REPLAY_ROUNDS (5)
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signToken } from '../api/auth.js';
import { createOrm, migrate, type Orm } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { loadConfig, type Config } from '../platform/config.js';
import { connectClient } from '../platform/temporal.js';
import { bundleWorkflows } from '../workers/worker.js';
import type { ChildStats } from './bench/child.js';
import { activitiesPerOrder, runFloorLoop, runOrderLoop, type LoopResult } from './bench/throughput.js';
import { listHistoryFiles, readHistoryFiles, replayHistories } from './audit/histories.js';
import { OPEN_INSTALLATIONS_SQL, simulateDepartment, type OpenAssignment } from '../harness/department.js';
import { simulatorControl } from '../simulators/control.js';
import { childEnvironment, cpuBreakdown, createDatabase, dropDatabase, freePort, startChild, type BenchChild } from './bench/infra.js';
import { loadCustomers, orderBodies, runOrderLoad, runSerial, waitForCompletion, type BenchCustomer, type OrderRunResult } from './bench/orders.js';
import { probeCreateOrderSteps, type StepTimes } from './bench/probe.js';
import { runQuoteBench, type QuoteBenchResult } from './bench/quote.js';
import { esc, hbars, htmlTable, page, vbars, verdict } from './bench/report.js';
import { fmt, median, medianOfRuns, table, type Summary } from './bench/stats.js';
import {
  departmentToken,
  explainWorklist,
  fillWorklist,
  worklistApiRun,
  worklistDbRun,
  worklistRequests,
  type FillResult,
  type WorklistRunResult,
} from './bench/worklist.js';
import { orderWorkflowId } from '../contracts/order-fulfilment.js';

const env = process.env;
const num = (name: string, dflt: number) => {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a number ≥ 0, got "${v}"`);
  return n;
};
const only = new Set((env.BENCH_ONLY || 'quote,replay,throughput,orders,worklist').split(',').map((s) => s.trim()));
const opts = {
  adminUrl: env.BENCH_ADMIN_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  quoteRuns: num('BENCH_QUOTE_RUNS', 5),
  quotesPerRun: num('BENCH_QUOTES_PER_RUN', 5000),
  quoteWarmup: num('BENCH_QUOTE_WARMUP', 2000),
  orderRate: num('BENCH_ORDER_RATE', 100),
  orderSeconds: num('BENCH_ORDER_SECONDS', 20),
  orderRuns: num('BENCH_ORDER_RUNS', 2),
  orderTogetherRuns: num('BENCH_ORDER_TOGETHER_RUNS', 1),
  completionWindowS: num('BENCH_COMPLETION_WINDOW_S', 60),
  simLatencyMs: num('BENCH_SIM_LATENCY_MS', 2),
  staleSeconds: num('BENCH_STALE_SECONDS', 5),
  sweepRates: (env.BENCH_SWEEP_RATES ?? '25,50,75')
    .split(',')
    .filter(Boolean)
    .map(Number)
    .filter((n) => n > 0),
  sweepSeconds: num('BENCH_SWEEP_SECONDS', 8),
  serialRequests: num('BENCH_SERIAL_REQUESTS', 100),
  worklistOpen: num('BENCH_WORKLIST_OPEN', 100_000),
  worklistClosed: num('BENCH_WORKLIST_CLOSED', 20_000),
  worklistRuns: num('BENCH_WORKLIST_RUNS', 3),
  worklistRequests: num('BENCH_WORKLIST_REQUESTS', 1000),
  worklistRate: num('BENCH_WORKLIST_RATE', 100),
  budgetS: num('BENCH_BUDGET_S', 900),
  throughputOrders: num('BENCH_THROUGHPUT_ORDERS', 600),
  throughputConcurrency: num('BENCH_THROUGHPUT_CONCURRENCY', 40),
  throughputRuns: num('BENCH_THROUGHPUT_RUNS', 3),
  installShare: num('BENCH_INSTALL_SHARE', 0.1),
  installDelayMs: num('BENCH_INSTALL_DELAY_MS', 200),
  throughputSimLatencyMs: num('BENCH_THROUGHPUT_SIM_LATENCY_MS', 20),
  replayRounds: num('BENCH_REPLAY_ROUNDS', 5),
};

const root = resolve(import.meta.dirname, '..');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = join(root, 'bench-results');
const logDir = join(outDir, `logs-${stamp}`);
mkdirSync(logDir, { recursive: true });
const t0 = performance.now();
const elapsedS = () => (performance.now() - t0) / 1000;
const log = (s: string) => process.stderr.write(`[bench ${elapsedS().toFixed(0).padStart(3)}s] ${s}\n`);
/**
 * True (and says so) when `what`, expected to take `needS` seconds, would overrun the budget; the order
 * benchmark's optional parts also leave time for the worklist (`keepForWorklist`).
 */
const overBudget = (what: string, needS = 0, keepForWorklist = true) => {
  const reserve = keepForWorklist && only.has('worklist') ? 90 : 0;
  if (elapsedS() + needS + reserve <= opts.budgetS) return false;
  log(`time budget (${opts.budgetS} s, ${reserve} s of it kept for the worklist): skipping ${what}`);
  results.notes.push(`Skipped ${what} to stay within the time budget.`);
  return true;
};
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// ---- what runs, and its cleanup ------------------------------------------------------------------

const dbName = `telecom_bench_${process.pid}`;
let dbCreated = false;
let orm: Orm | undefined;
let db: pg.Client | undefined;
const children: BenchChild[] = [];
const rolesByPid = () => new Map(children.filter((c) => c.process.exitCode === null).map((c) => [c.process.pid!, c.role] as [number, string]));

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    log('cleaning up: stopping the API, the worker, the simulators, Temporal; dropping the database');
    // The API first (no new work), then the worker, then what they call.
    for (const role of ['api', 'worker', 'sims', 'temporal'] as const) {
      for (const c of children.filter((x) => x.role === role)) await c.stop().catch((e) => log(`stopping ${role}: ${String(e)}`));
    }
    await orm?.close().catch(() => {});
    await db?.end().catch(() => {});
    if (dbCreated) await dropDatabase(opts.adminUrl, dbName).catch((e) => log(`dropping ${dbName}: ${String(e)}`));
    rmSync(join(logDir, 'workflow-bundle.js'), { force: true });
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- results ---------------------------------------------------------------------------------------

interface ProcessStats {
  run: string;
  wallS: number;
  machineBusy?: number;
  /** Cores used per process group over the run. */
  cores: Record<string, number>;
  /** Event-loop delay and CPU of the Node children. */
  children: ChildStats[];
  loadavg: number[];
}
type OrderRun = OrderRunResult & { mode: 'api-only' | 'together' | 'stale-reference' | 'sweep' };
interface OrdersSection {
  simLatencyMs: number;
  ratePerSec: number;
  runs: OrderRun[];
  sweep: OrderRun[];
  /** One request at a time on a fresh API. */
  serial?: { latency: Summary; errors: number };
  /** The route's steps called directly, one order at a time. */
  steps?: StepTimes;
  apiOnlyMedian?: Summary;
  togetherMedian?: Summary;
  processStats: ProcessStats[];
  idempotencyLookupPlan: string[];
  /** CPU the API process used per request of each run (ms), and the Temporal server's. */
  apiCpuMsPerRequest: Record<string, number>;
  temporalCpuMsPerRequest: Record<string, number>;
}
interface WorklistSection {
  fill: FillResult;
  ratePerSec: number;
  api: WorklistRunResult[];
  db: WorklistRunResult[];
  apiMedian: Summary;
  dbMedian: Summary;
  apiSplit: { big: Summary; small: Summary; deep: Summary };
  plans: Record<string, string[]>;
  processStats: ProcessStats[];
}
interface ThroughputSection {
  concurrency: number;
  installShare: number;
  simLatencyMs: number;
  /** Activities per order in the project's histories (own; with the field-installation child's). */
  activitiesPerOrder: { mean: number; withChildren: number; sampled: number };
  floorSteps: number;
  orders: LoopResult[];
  floor: LoopResult[];
  ordersMedianPerSecond: number;
  floorMedianPerSecond: number;
  ratio: number;
  /** How long 150,000 orders (the seeds' operator's day) take at the median rate. */
  hoursFor150k: number;
  /** The first run's histories replayed against the same code: determinism under load. */
  replayCheck?: { histories: number; failed: number; failures: string[]; perSecond: number };
  /** Median share of the machine's cores per process group over the runs of each kind. */
  cpuShare: { orders: Record<string, number>; floor: Record<string, number> };
  processStats: ProcessStats[];
}
interface ReplaySection {
  histories: number;
  events: number;
  rounds: Array<{ ms: number; perSecond: number; failed: number }>;
  medianPerSecond: number;
}
const results: {
  startedAt: string;
  machine: Record<string, unknown>;
  options: typeof opts;
  durationS?: number;
  startupS?: Record<string, number>;
  quote?: QuoteBenchResult;
  orders?: OrdersSection;
  worklist?: WorklistSection;
  throughput?: ThroughputSection;
  replay?: ReplaySection;
  notes: string[];
} = {
  startedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavgAtStart: loadavg() },
  options: opts,
  notes: [],
};

// ---- 1. quote ------------------------------------------------------------------------------------

async function benchQuote() {
  log('1. quote: PricingIndex over generated pricing policies');
  results.quote = runQuoteBench({ policies: 45_000, runs: opts.quoteRuns, quotesPerRun: opts.quotesPerRun, warmup: opts.quoteWarmup, seed: 7 }, log);
}

// ---- the system ------------------------------------------------------------------------------------

interface System {
  config: Config;
  childEnv: NodeJS.ProcessEnv;
  api: BenchChild;
  sims: BenchChild;
  worker?: BenchChild;
  urls: Record<string, string>;
  apiPort: number;
}

async function startWorker(sys: System) {
  const started = performance.now();
  sys.worker = await startChild('worker', sys.childEnv, join(logDir, 'worker.log'));
  children.push(sys.worker);
  return performance.now() - started;
}

async function stopWorker(sys: System) {
  const w = sys.worker;
  if (!w) return;
  sys.worker = undefined;
  await w.stop();
  children.splice(children.indexOf(w), 1);
}

async function startSystem(): Promise<System> {
  const cliPath = env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm run bench` (it provides the Temporal CLI)');
  log(`starting the system: database ${dbName}, Temporal dev server, simulators, worker, API (logs in bench-results/logs-${stamp}/)`);
  const startup: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    startup[name] = (performance.now() - s) / 1000;
    return r;
  };
  const databaseUrl = await createDatabase(opts.adminUrl, dbName);
  dbCreated = true;
  const bundlePath = join(logDir, 'workflow-bundle.js');
  const baseEnv: NodeJS.ProcessEnv = { PATH: env.PATH, HOME: env.HOME, LOG_LEVEL: env.BENCH_LOG_LEVEL || 'info' };
  const [temporal] = await Promise.all([
    timed('temporal', async () => {
      const port = await freePort();
      const c = await startChild('temporal', { ...baseEnv, TEMPORAL_CLI_PATH: cliPath, BENCH_TEMPORAL_PORT: String(port) }, join(logDir, 'temporal.log'));
      children.push(c);
      return c;
    }),
    timed('database (migrate + seed)', async () => {
      orm = await createOrm(databaseUrl, 4);
      await migrate(orm);
      const seeded = await seedReferenceData(orm.em.fork(), {});
      log(`  database migrated and seeded: ${JSON.stringify(seeded)}`);
    }),
    timed('workflow bundle', async () => {
      writeFileSync(bundlePath, await bundleWorkflows(log));
    }),
  ]);
  db = new pg.Client(databaseUrl);
  await db.connect();

  const childEnv = childEnvironment({
    base: baseEnv,
    databaseUrl,
    temporalAddress: temporal.ready.address as string,
    queuePrefix: 'bench',
    simLatencyMs: opts.simLatencyMs,
    bundlePath,
  });
  const sims = await timed('simulators', () => startChild('sims', childEnv, join(logDir, 'sims.log')));
  children.push(sims);
  const urls = sims.ready.urls as Record<string, string>;
  Object.assign(childEnv, { BILLING_URL: urls.billing, INVENTORY_URL: urls.inventory, NETWORK_URL: urls.network, NOTIFICATION_URL: urls.notification });
  const api = await timed('api', () => startChild('api', childEnv, join(logDir, 'api.log')));
  children.push(api);
  const sys: System = { config: loadConfig(childEnv), childEnv, api, sims, urls, apiPort: api.ready.port as number };
  startup.worker = (await startWorker(sys)) / 1000;
  results.startupS = startup;
  log(
    `  up: ${Object.entries(startup)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}; API on 127.0.0.1:${sys.apiPort}`,
  );
  return sys;
}

/** Measures CPU per process group and the children's event loops over `f`. */
async function measured<T>(sys: System, run: string, f: () => Promise<T>): Promise<{ value: T; stats: ProcessStats }> {
  const live = () => [sys.api, sys.sims, ...(sys.worker ? [sys.worker] : [])];
  await Promise.all(live().map((c) => c.resetStats()));
  const cpu = cpuBreakdown(rolesByPid);
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
  return { value, stats };
}

const coresLine = (s: ProcessStats) =>
  `machine ${s.machineBusy === undefined ? '?' : Math.round(s.machineBusy * 100)}% busy; cores: ${Object.entries(s.cores)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}`;

// ---- 2. orders -------------------------------------------------------------------------------------

/** A fresh API process: db/reference.ts reloads its snapshot once it is 60 s old (see the stale run). */
async function restartApi(sys: System) {
  const old = sys.api;
  await old.stop();
  children.splice(children.indexOf(old), 1);
  sys.api = await startChild('api', sys.childEnv, join(logDir, 'api.log'));
  children.push(sys.api);
  sys.apiPort = sys.api.ready.port as number;
}

/** A new, empty Temporal dev server (in memory), so each run starts from the same state; API and worker follow. */
async function restartTemporal(sys: System) {
  await stopWorker(sys);
  const old = children.find((c) => c.role === 'temporal')!;
  await old.stop();
  children.splice(children.indexOf(old), 1);
  const port = await freePort();
  const t = await startChild(
    'temporal',
    { PATH: env.PATH, HOME: env.HOME, TEMPORAL_CLI_PATH: env.TEMPORAL_CLI_PATH, BENCH_TEMPORAL_PORT: String(port) },
    join(logDir, 'temporal.log'),
  );
  children.push(t);
  sys.childEnv.TEMPORAL_ADDRESS = t.ready.address as string;
  sys.config = loadConfig(sys.childEnv);
}

async function benchOrders(sys: System) {
  const count = Math.round(opts.orderRate * opts.orderSeconds);
  log(
    `2. orders: POST /productOrder at ${opts.orderRate}/s for ${opts.orderSeconds} s (${count} orders): ${opts.orderRuns} api-only run(s), ${opts.orderTogetherRuns} with the worker running; simulators at ${opts.simLatencyMs} ms`,
  );
  const customers: BenchCustomer[] = await loadCustomers(db!);
  const token = (label: string) =>
    signToken({ sub: `bench-${label}`, roles: ['order-entry'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  const window = opts.completionWindowS * 1000;
  let seed = 1;

  /**
   * The same starting point for every run: an empty Temporal, a fresh API process (its reference data
   * loads on the first request, see stale-reference), the worker running or not, 100 warm-up orders at 25/s.
   */
  const freshStack = async (worker: boolean) => {
    await restartTemporal(sys);
    await restartApi(sys);
    if (worker) await startWorker(sys);
    const w = await runOrderLoad({
      label: 'prewarm',
      port: sys.apiPort,
      token: token('prewarm'),
      bodies: orderBodies(customers, 100, seed++),
      ratePerSec: 25,
      idempotencyPrefix: `prewarm-${seed}-${stamp}`,
    });
    if (w.result.errors) log(`    warm-up: ${w.result.errors} errors, e.g. ${w.result.errorSamples[0] ?? ''}`);
  };

  const runs: OrderRun[] = [];
  const sweep: OrderRun[] = [];
  const processStats: ProcessStats[] = [];
  const load = async (mode: OrderRun['mode'], label: string, rate: number, seconds: number, timeoutMs?: number) => {
    const bodies = orderBodies(customers, Math.round(rate * seconds), seed++);
    const { value, stats } = await measured(sys, label, () =>
      runOrderLoad({ label, port: sys.apiPort, token: token(label), bodies, ratePerSec: rate, idempotencyPrefix: `${label}-${stamp}`, timeoutMs }),
    );
    const result: OrderRun = { ...value.result, mode };
    processStats.push(stats);
    const apiStats = stats.children.find((c) => c.role === 'api');
    log(
      `  ${label} (${rate}/s): ${result.requests} requests, ${result.errors} errors, p50 ${fmt(result.latency.p50)} ms, p95 ${fmt(result.latency.p95)} ms, p99 ${fmt(result.latency.p99)} ms, max ${fmt(result.latency.max)} ms`,
    );
    log(`    ${coresLine(stats)}; API event loop max ${fmt(apiStats?.eventLoopDelayMs.max ?? NaN)} ms; API reference loads ${apiStats?.referenceLoads ?? '?'}`);
    if (result.errorSamples.length) log(`    errors, e.g.: ${result.errorSamples.slice(0, 2).join(' | ')}`);
    return result;
  };
  /** After the load: the worker running, how many of the run's orders complete within the window. */
  const completion = async (run: OrderRun, loadEnded: number) => {
    const { value, stats } = await measured(sys, `${run.label} drain`, async () => {
      if (!sys.worker) {
        const ms = await startWorker(sys);
        log(`    worker started ${(ms / 1000).toFixed(1)} s after the load`);
      }
      return waitForCompletion(db!, [{ createdBy: `bench-${run.label}`, accepted: run.statuses['201'] ?? 0 }], window, window, loadEnded);
    });
    processStats.push(stats);
    const c = (run.completion = value[0]!);
    log(
      `    ${c.completedWithinWindow}/${c.accepted} completed within ${opts.completionWindowS} s after the load` +
        (c.allFinalAfterMs !== null ? `; all final after ${(c.allFinalAfterMs / 1000).toFixed(1)} s` : `; then ${JSON.stringify(c.states)}`) +
        (c.fulfilment ? `; creation → completed p50 ${(c.fulfilment.p50 / 1000).toFixed(1)} s` : ''),
    );
    log(`    drain: ${coresLine(stats)}; worker reference loads ${stats.children.find((x) => x.role === 'worker')?.referenceLoads ?? '?'}`);
  };

  // a. api-only: the worker stopped during the load; the workflows start and wait in Temporal. Then the
  //    worker is started and the last run's orders are followed for the completion window.
  const apiOnly: OrderRun[] = [];
  for (let r = 1; r <= opts.orderRuns; r++) {
    if (r > 1 && overBudget(`api-only order run ${r}`, 50)) break;
    await freshStack(false);
    apiOnly.push(await load('api-only', `api-only-${r}`, opts.orderRate, opts.orderSeconds));
  }
  runs.push(...apiOnly);
  if (apiOnly.length) await completion(apiOnly[apiOnly.length - 1]!, Date.now());

  // b. together: the worker fulfilling orders on the same cores during the load.
  const together: OrderRun[] = [];
  for (let r = 1; r <= opts.orderTogetherRuns; r++) {
    if (overBudget(`together order run ${r}`, 125)) break;
    await freshStack(true);
    const run = await load('together', `together-${r}`, opts.orderRate, opts.orderSeconds);
    await completion(run, Date.now());
    together.push(run);
  }
  runs.push(...together);

  // c. The API has now run for over a minute since its reference data loaded: the next requests find
  //    the snapshot stale and reload it under load.
  if (opts.staleSeconds > 0 && !overBudget('the stale-reference run', 25)) {
    runs.push(await load('stale-reference', 'stale-reference', opts.orderRate, opts.staleSeconds, 15_000));
  }

  // d. One order at a time, each step timed, then lower rates: the floor, and where the knee is here.
  let serial: { latency: Summary; errors: number } | undefined;
  let steps: StepTimes | undefined;
  if (!overBudget('the unloaded probe and the rate sweep', 20 + opts.sweepRates.length * (opts.sweepSeconds + 3))) {
    await freshStack(false);
    serial = await runSerial({
      port: sys.apiPort,
      token: token('serial'),
      bodies: orderBodies(customers, opts.serialRequests, seed++),
      idempotencyPrefix: `serial-${stamp}`,
    });
    log(
      `  one at a time: ${serial.latency.n} orders, p50 ${fmt(serial.latency.p50)} ms, p95 ${fmt(serial.latency.p95)} ms, p99 ${fmt(serial.latency.p99)} ms (${serial.errors} errors)`,
    );
    const client = await connectClient(sys.config);
    try {
      steps = await probeCreateOrderSteps(orm!, client, sys.urls as Parameters<typeof probeCreateOrderSteps>[2], orderBodies(customers, 51, seed++));
    } finally {
      await client.connection.close();
    }
    log(
      `  its steps, called directly (p50 / p99 ms): ${Object.entries(steps)
        .map(([k, v]) => `${k} ${fmt(v.p50)} / ${fmt(v.p99)}`)
        .join(', ')}`,
    );
    for (const rate of opts.sweepRates) sweep.push(await load('sweep', `sweep-${rate}`, rate, opts.sweepSeconds));
  }

  const plan = await db!.query<{ 'QUERY PLAN': string }>(
    `explain (analyze) select * from product_order where (idempotency_key = $1 and $1 is not null) or (external_id = $2 and $2 is not null) order by created_at limit 1`,
    ['bench-api-only-1:api-only-1-x', null],
  );
  const all = [...runs, ...sweep];
  const perRequest = (f: (st: ProcessStats, run: OrderRun) => number) =>
    Object.fromEntries(
      processStats.flatMap((st) => {
        const run = all.find((r) => r.label === st.run);
        return run ? [[st.run, f(st, run)]] : [];
      }),
    );
  results.orders = {
    simLatencyMs: opts.simLatencyMs,
    ratePerSec: opts.orderRate,
    runs,
    sweep,
    serial,
    steps,
    apiOnlyMedian: apiOnly.length ? medianOfRuns(apiOnly.map((r) => r.latency)) : undefined,
    togetherMedian: together.length ? medianOfRuns(together.map((r) => r.latency)) : undefined,
    processStats,
    idempotencyLookupPlan: plan.rows.map((r) => r['QUERY PLAN']),
    apiCpuMsPerRequest: perRequest((st, run) => (st.children.find((c) => c.role === 'api')?.cpuMs ?? NaN) / run.requests),
    temporalCpuMsPerRequest: perRequest((st, run) => ((st.cores.temporal ?? 0) * st.wallS * 1000) / run.requests),
  };
}

// ---- 3. worklist -----------------------------------------------------------------------------------

async function benchWorklist(sys: System) {
  log(`3. worklist: ${opts.worklistOpen} open (+${opts.worklistClosed} closed) work orders in the read model`);
  // A clean API process (the order runs may have left reference reloads running in the old one), and no
  // worker: the order runs' backlog would keep the cores busy, and the worklist needs none.
  if (results.orders) {
    await stopWorker(sys);
    await restartApi(sys);
  }
  const { fill, counts } = await fillWorklist(db!, opts.worklistOpen, opts.worklistClosed, 11, log);
  log(
    `  filled in ${(fill.fillMs / 1000).toFixed(1)} s, VACUUM (ANALYZE) + CHECKPOINT ${(fill.analyzeMs / 1000).toFixed(1)} s; biggest ${fill.biggest.map((b) => `${b.department} ${b.open}`).join(', ')}; smallest ${fill.smallest.map((b) => b.open).join(', ')}`,
  );
  const biggest = fill.biggest[0]!.department;
  const plans = {
    [`${biggest}, limit 50 offset 0`]: await explainWorklist(db!, biggest, 50, 0),
    [`${biggest}, limit 50 offset 1000`]: await explainWorklist(db!, biggest, 50, 1000),
  };
  const tokens = new Map([...counts.keys()].map((d) => [d, departmentToken(d, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER)]));
  // Warm-up: plans, connections, the buffer cache.
  await worklistApiRun('warmup', sys.apiPort, worklistRequests(counts, 300, 3), tokens, opts.worklistRate, counts);
  await worklistDbRun('warmup', orm!, worklistRequests(counts, 300, 4));
  const api: WorklistRunResult[] = [];
  const dbRuns: WorklistRunResult[] = [];
  const processStats: ProcessStats[] = [];
  for (let r = 1; r <= opts.worklistRuns; r++) {
    if (r > 1 && overBudget(`worklist run ${r}`, -60, false)) break;
    const reqs = worklistRequests(counts, opts.worklistRequests, 20 + r);
    const { value: a, stats } = await measured(sys, `worklist api run${r}`, () =>
      worklistApiRun(`api run${r}`, sys.apiPort, reqs, tokens, opts.worklistRate, counts),
    );
    processStats.push(stats);
    const d = await worklistDbRun(`db run${r}`, orm!, reqs);
    api.push(a);
    dbRuns.push(d);
    log(
      `  run ${r}: API p50 ${fmt(a.latency.p50)} p95 ${fmt(a.latency.p95)} p99 ${fmt(a.latency.p99)} max ${fmt(a.latency.max)} ms (${a.errors} wrong answers); db p50 ${fmt(d.latency.p50)} p99 ${fmt(d.latency.p99)} ms`,
    );
    log(`    ${coresLine(stats)}`);
    if (a.errorSamples.length) log(`    wrong answers, e.g.: ${a.errorSamples.join(' | ')}`);
  }
  results.worklist = {
    fill,
    ratePerSec: opts.worklistRate,
    api,
    db: dbRuns,
    apiMedian: medianOfRuns(api.map((r) => r.latency)),
    dbMedian: medianOfRuns(dbRuns.map((r) => r.latency)),
    apiSplit: { big: medianOfRuns(api.map((r) => r.big)), small: medianOfRuns(api.map((r) => r.small)), deep: medianOfRuns(api.map((r) => r.deep)) },
    plans,
    processStats,
  };
}

// ---- output ----------------------------------------------------------------------------------------

function printTable() {
  const rows: Array<Array<string | number>> = [];
  const mark = (v: number, target: number) => (v < target ? 'under' : 'OVER');
  const q = results.quote;
  if (q) {
    for (const [i, r] of q.runs.entries()) rows.push([`  quote run ${i + 1}`, r.n, r.p50, r.p95, r.p99, r.max, '', '']);
    rows.push([
      `quote, ${q.policies} policies (median of ${q.runs.length})`,
      q.median.n,
      q.median.p50,
      q.median.p95,
      q.median.p99,
      q.median.max,
      '< 5',
      mark(q.median.p99, 5),
    ]);
  }
  const o = results.orders;
  if (o) {
    if (o.serial)
      rows.push([
        `  create order one at a time`,
        o.serial.latency.n,
        o.serial.latency.p50,
        o.serial.latency.p95,
        o.serial.latency.p99,
        o.serial.latency.max,
        '',
        '',
      ]);
    for (const r of [...o.sweep, ...o.runs])
      rows.push([
        `  create order ${r.label} @${r.ratePerSec}/s`,
        r.requests,
        r.latency.p50,
        r.latency.p95,
        r.latency.p99,
        r.latency.max,
        '',
        r.errors ? `${r.errors} errors` : '',
      ]);
    if (o.apiOnlyMedian)
      rows.push([
        `create order @${o.ratePerSec}/s, api-only (median)`,
        o.apiOnlyMedian.n,
        o.apiOnlyMedian.p50,
        o.apiOnlyMedian.p95,
        o.apiOnlyMedian.p99,
        o.apiOnlyMedian.max,
        '< 30',
        mark(o.apiOnlyMedian.p99, 30),
      ]);
    if (o.togetherMedian)
      rows.push([
        `create order @${o.ratePerSec}/s, worker running`,
        o.togetherMedian.n,
        o.togetherMedian.p50,
        o.togetherMedian.p95,
        o.togetherMedian.p99,
        o.togetherMedian.max,
        '< 30',
        mark(o.togetherMedian.p99, 30),
      ]);
  }
  const w = results.worklist;
  if (w) {
    for (const r of w.api) rows.push([`  worklist ${r.label}`, r.requests, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, '', '']);
    rows.push([
      `worklist API @${w.ratePerSec}/s (median of ${w.api.length})`,
      w.apiMedian.n,
      w.apiMedian.p50,
      w.apiMedian.p95,
      w.apiMedian.p99,
      w.apiMedian.max,
      '< 50',
      mark(w.apiMedian.p99, 50),
    ]);
    rows.push([`  big departments`, w.apiSplit.big.n, w.apiSplit.big.p50, w.apiSplit.big.p95, w.apiSplit.big.p99, w.apiSplit.big.max, '', '']);
    rows.push([`  deep pages (offset ≥ 450)`, w.apiSplit.deep.n, w.apiSplit.deep.p50, w.apiSplit.deep.p95, w.apiSplit.deep.p99, w.apiSplit.deep.max, '', '']);
    rows.push([`worklist db, departmentWorklist (median)`, w.dbMedian.n, w.dbMedian.p50, w.dbMedian.p95, w.dbMedian.p99, w.dbMedian.max, '', '']);
  }
  process.stdout.write(`\nLatency in ms\n${table(['benchmark', 'n', 'p50', 'p95', 'p99', 'max', 'target p99', ''], rows)}\n`);
  if (o) {
    const comp = o.runs
      .filter((r) => r.completion)
      .map((r) => {
        const c = r.completion!;
        return [
          r.label,
          r.requests,
          r.errors,
          c.accepted,
          c.completedWithinWindow,
          c.allFinalAfterMs === null ? `> ${(c.waitedMs / 1000).toFixed(0)}` : (c.allFinalAfterMs / 1000).toFixed(1),
          (c.fulfilment?.p50 ?? NaN) / 1000,
          (c.fulfilment?.p99 ?? NaN) / 1000,
        ] as Array<string | number>;
      });
    process.stdout.write(
      `\nOrders: completion after the load (window ${opts.completionWindowS} s; api-only: the worker starts after the last load)\n${table(['run', 'sent', 'errors', 'accepted', `completed ≤ ${opts.completionWindowS} s`, 'all final after s', 'creation→completed p50 s', 'p99 s'], comp)}\n`,
    );
    if (o.steps) {
      process.stdout.write(
        `\nCreate order, its steps called directly one order at a time (ms)\n${table(
          ['step', 'n', 'p50', 'p95', 'p99', 'max'],
          Object.entries(o.steps).map(([k, v]) => [k, v.n, v.p50, v.p95, v.p99, v.max]),
        )}\n`,
      );
    }
    const cpuRows = o.processStats.map((st) => {
      const api = st.children.find((c) => c.role === 'api');
      return [
        st.run,
        `${Math.round((st.machineBusy ?? NaN) * 100)}%`,
        ...CPU_GROUPS.map((g) => st.cores[g] ?? 0),
        o.apiCpuMsPerRequest[st.run] ?? NaN,
        o.temporalCpuMsPerRequest[st.run] ?? NaN,
        api?.eventLoopDelayMs.max ?? NaN,
        api?.referenceLoads ?? NaN,
      ];
    });
    process.stdout.write(
      `\nWhere the CPU went during the order loads (cores; the machine has ${cpus().length})\n${table(['run', 'busy', ...CPU_GROUPS.map(short), 'API ms/req', 'Temporal ms/req', 'API loop max ms', 'API ref loads'], cpuRows)}\n`,
    );
  }
  const t = results.throughput;
  if (t) {
    const loopRows = [...t.orders, ...t.floor].map((r) => [
      r.label,
      r.workflows,
      (r.elapsedMs / 1000).toFixed(1),
      r.perSecond,
      r.endToEnd.p50,
      r.endToEnd.p95,
      r.endToEnd.p99,
      r.api?.p50 ?? '',
      r.api?.p99 ?? '',
      r.errors,
    ]);
    process.stdout.write(
      `\nThroughput: ${t.concurrency} closed-loop clients; an order runs ${t.activitiesPerOrder.withChildren.toFixed(1)} activities, the floor workflow ${t.floorSteps} no-ops\n${table(['run', 'workflows', 's', 'per s', 'e2e p50 ms', 'e2e p95', 'e2e p99', 'API p50', 'API p99', 'errors'], loopRows)}\n` +
        `orders ${fmt(t.ordersMedianPerSecond)}/s, floor ${fmt(t.floorMedianPerSecond)}/s (medians): ratio ${t.ratio.toFixed(2)} (target ≥ 0.8); 150,000 orders take ${t.hoursFor150k.toFixed(1)} h on this machine\n` +
        `CPU share of the machine (orders | floor): ${CPU_GROUPS.map((g) => `${short(g)} ${pct(t.cpuShare.orders[g])} | ${pct(t.cpuShare.floor[g])}`).join(', ')}, floor worker ${pct(t.cpuShare.floor.floor)}\n` +
        (t.replayCheck ? `The first run's ${t.replayCheck.histories} histories replayed against the same code: ${t.replayCheck.failed} failed\n` : ''),
    );
  }
  const rp = results.replay;
  if (rp)
    process.stdout.write(
      `\nReplay: ${rp.histories} corpus histories (${rp.events} events), median ${fmt(rp.medianPerSecond)} histories/s over ${rp.rounds.length} rounds\n`,
    );
  process.stdout.write(`\nTotal ${elapsedS().toFixed(0)} s. Results: bench-results/${stamp}.json, bench-results/latest.html\n`);
}

const pct = (v: number | undefined) => `${Math.round((v ?? 0) * 100)}%`;
const CPU_GROUPS = ['api', 'worker', 'temporal', 'postgres (all backends)', 'sims', 'bench (load generator)', 'other processes (not this benchmark)'];
const short = (g: string) => g.replace(' (all backends)', '').replace(' (load generator)', '').replace('other processes (not this benchmark)', 'others');

function cpuTable(stats: ProcessStats[]): string {
  return htmlTable(
    ['run', 'machine busy', ...CPU_GROUPS.map(short), 'API event loop p99 / max ms', 'reference loads (API / worker)', 'loadavg'],
    stats.map((s) => {
      const apiStats = s.children.find((c) => c.role === 'api');
      return [
        s.run,
        s.machineBusy === undefined ? '-' : `${Math.round(s.machineBusy * 100)}%`,
        ...CPU_GROUPS.map((g) => s.cores[g] ?? 0),
        apiStats ? `${fmt(apiStats.eventLoopDelayMs.p99)} / ${fmt(apiStats.eventLoopDelayMs.max)}` : '-',
        `${apiStats?.referenceLoads ?? '-'} / ${s.children.find((c) => c.role === 'worker')?.referenceLoads ?? '-'}`,
        s.loadavg.map((x) => x.toFixed(1)).join(' '),
      ];
    }),
  );
}

function writeHtml(): string {
  const sections: Array<{ heading: string; html: string }> = [];
  const m = results.machine;
  sections.push({
    heading: 'Run',
    html: `<p>${esc(results.startedAt)} · Node ${esc(String(m.node))} · ${esc(String(m.cpus))} cores (${esc(String(m.cpuModel))}) · load average at start ${esc((m.loadavgAtStart as number[]).map((x) => x.toFixed(2)).join(' '))} · ${results.durationS?.toFixed(0)} s in all.
    The machine is shared and noisy: headline figures are medians over runs; single runs are shown lighter; the CPU tables show how much of the machine other processes took.</p>`,
  });
  const q = results.quote;
  if (q) {
    sections.push({
      heading: `1. Quote over ${q.policies.toLocaleString('en')} pricing policies (target p99 < 5 ms)`,
      html:
        `<p>p99 ${fmt(q.median.p99)} ms: ${verdict(q.median.p99, 5)}. ${q.runs.length} runs × ${q.quotesPerRun} quotes after ${q.warmup} warm-up quotes; index built in ${fmt(q.indexBuildMs)} ms;
        ${Object.entries(q.itemsPerQuote)
          .map(([k, v]) => `${v} with ${k} item(s)`)
          .join(', ')}; ${q.quotesWithBundle} with a bundle, ${q.quotesWithDiscount} with a discount; ${q.errors} unpriced.</p>` +
        hbars(
          'Median of runs (ms)',
          [
            { label: 'p50', value: q.median.p50 },
            { label: 'p95', value: q.median.p95 },
            { label: 'p99', value: q.median.p99 },
            { label: 'max', value: q.median.max },
          ],
          { unit: 'ms', target: 5, scaleMax: 10 },
        ) +
        hbars(
          'p99 of each run (ms)',
          q.runs.map((r, i) => ({ label: `run ${i + 1}`, value: r.p99, muted: true })),
          { unit: 'ms', target: 5, scaleMax: 10 },
        ) +
        htmlTable(
          ['run', 'n', 'p50', 'p95', 'p99', 'max'],
          [
            ...q.runs.map((r, i) => [`run ${i + 1}`, r.n, r.p50, r.p95, r.p99, r.max]),
            ['median', q.median.n, q.median.p50, q.median.p95, q.median.p99, q.median.max],
          ],
        ),
    });
  }
  const o = results.orders;
  if (o) {
    const withCompletion = o.runs.filter((r) => r.completion);
    const sweepBars = [
      ...(o.serial
        ? [
            { label: 'one at a time p50', value: o.serial.latency.p50, muted: true },
            { label: 'one at a time p99', value: o.serial.latency.p99 },
          ]
        : []),
      ...o.sweep.flatMap((r) => [
        { label: `${r.ratePerSec}/s p50`, value: r.latency.p50, muted: true },
        { label: `${r.ratePerSec}/s p99`, value: r.latency.p99 },
      ]),
      ...(o.apiOnlyMedian
        ? [
            { label: `${o.ratePerSec}/s p50 (median)`, value: o.apiOnlyMedian.p50, muted: true },
            { label: `${o.ratePerSec}/s p99 (median)`, value: o.apiOnlyMedian.p99 },
          ]
        : []),
    ];
    sections.push({
      heading: `2. Create order at ${o.ratePerSec} requests/s (target p99 < 30 ms)`,
      html:
        `<p>${o.apiOnlyMedian ? `API only (worker stopped during the load): median p99 ${fmt(o.apiOnlyMedian.p99)} ms, ${verdict(o.apiOnlyMedian.p99, 30)}. ` : ''}${o.togetherMedian ? `With the worker fulfilling orders on the same cores: p99 ${fmt(o.togetherMedian.p99)} ms, ${verdict(o.togetherMedian.p99, 30)}. ` : ''}
        Open loop: each request is sent at its scheduled instant and timed from it (no coordinated omission). Each run gets a fresh API process, warmed with 100 orders.
        Simulators answer after ${o.simLatencyMs} ms; the API asks billing for the balance on every order.
        The API, worker, simulators and the Temporal dev server run in separate processes on the same ${esc(String(m.cpus))} cores as PostgreSQL.</p>` +
        (sweepBars.length ? hbars('Latency by request rate, API only (ms)', sweepBars, { unit: 'ms', target: 30, scaleMax: 300 }) : '') +
        hbars(
          'p99 per run (ms)',
          [...o.sweep, ...o.runs].map((r) => ({ label: `${r.label} @${r.ratePerSec}/s`, value: r.latency.p99, muted: true })),
          { unit: 'ms', target: 30, scaleMax: 300 },
        ) +
        o.runs
          .map((r) =>
            vbars(
              `${r.label}: p99 per second of the load (ms)`,
              r.perSecond.map((p) => ({ x: String(p.second), value: p.p99 })),
              { unit: 'ms', target: 30 },
            ),
          )
          .join('') +
        (withCompletion.length
          ? hbars(
              `Orders completed within ${opts.completionWindowS} s after the load`,
              withCompletion.map((r) => ({ label: `${r.label} (of ${r.completion?.accepted ?? 0})`, value: r.completion?.completedWithinWindow ?? 0 })),
              { unit: 'orders', scaleMax: Math.max(1, ...withCompletion.map((r) => r.requests)) },
            )
          : '') +
        htmlTable(
          [
            'run',
            'rate/s',
            'sent',
            'errors',
            'p50',
            'p95',
            'p99',
            'max',
            'service p99',
            'send lag p99',
            `completed ≤ ${opts.completionWindowS} s`,
            'all final after s',
            'creation→completed p50 s',
          ],
          [...o.sweep, ...o.runs].map((r) => [
            r.label,
            r.ratePerSec,
            r.requests,
            r.errors,
            r.latency.p50,
            r.latency.p95,
            r.latency.p99,
            r.latency.max,
            r.service.p99,
            r.sendLag.p99,
            r.completion?.completedWithinWindow ?? '-',
            r.completion?.allFinalAfterMs == null ? '-' : r.completion.allFinalAfterMs / 1000,
            r.completion?.fulfilment ? r.completion.fulfilment.p50 / 1000 : '-',
          ]),
        ) +
        (o.steps
          ? `<p>The route's steps called directly, one order at a time (what an unloaded create spends, before HTTP, JSON and auth):</p>` +
            htmlTable(
              ['step', 'n', 'p50', 'p95', 'p99', 'max'],
              Object.entries(o.steps).map(([k, v]) => [k, v.n, v.p50, v.p95, v.p99, v.max]),
            )
          : '') +
        `<p>Where the CPU went during each load, in cores ("others" is the rest of the machine's busy time: other users' processes, kernel work) (CPU per request: API ${Object.entries(
          o.apiCpuMsPerRequest,
        )
          .map(([k, v]) => `${esc(k)} ${fmt(v)} ms`)
          .join(', ')}; Temporal server ${Object.entries(o.temporalCpuMsPerRequest)
          .map(([k, v]) => `${esc(k)} ${fmt(v)} ms`)
          .join(', ')}):</p>` +
        cpuTable(o.processStats) +
        `<p>Idempotency lookup (findOrderByKeys) plan:</p><pre>${esc(o.idempotencyLookupPlan.join('\n'))}</pre>` +
        (o.runs.some((r) => r.errorSamples.length)
          ? `<p>Errors, first few:</p><pre>${esc(o.runs.flatMap((r) => r.errorSamples.slice(0, 3).map((e) => `${r.label}: ${e}`)).join('\n'))}</pre>`
          : ''),
    });
  }
  const w = results.worklist;
  if (w) {
    sections.push({
      heading: `3. Department worklist with ${w.fill.open.toLocaleString('en')} open work orders (target p99 < 50 ms)`,
      html:
        `<p>API median p99 ${fmt(w.apiMedian.p99)} ms: ${verdict(w.apiMedian.p99, 50)}. ${w.fill.departments} departments (biggest: ${w.fill.biggest.map((b) => `${esc(b.department)} ${b.open}`).join(', ')}),
        plus ${w.fill.closed.toLocaleString('en')} closed ones; ${w.api.length} runs × ${w.api[0]?.requests ?? 0} requests at ${w.ratePerSec}/s, half to the five big departments, 40% past the first page (offsets up to 1,000); every answer checked (page size, X-Total-Count).
        The db rows time db/work-orders.ts departmentWorklist (its two queries) for the same requests, one at a time.
        Tables: work_order ${fmt(w.fill.tableMb.workOrder)} MB, work_order_assignment ${fmt(w.fill.tableMb.assignment)} MB, worklist index ${fmt(w.fill.tableMb.worklistIndex)} MB.</p>` +
        hbars(
          'Median of runs (ms)',
          [
            { label: 'API p50', value: w.apiMedian.p50 },
            { label: 'API p95', value: w.apiMedian.p95 },
            { label: 'API p99', value: w.apiMedian.p99 },
            { label: 'API p99, big departments', value: w.apiSplit.big.p99 },
            { label: 'API p99, deep pages', value: w.apiSplit.deep.p99 },
            { label: 'db p50', value: w.dbMedian.p50 },
            { label: 'db p99', value: w.dbMedian.p99 },
          ],
          { unit: 'ms', target: 50, scaleMax: 100 },
        ) +
        htmlTable(
          ['run', 'n', 'p50', 'p95', 'p99', 'max', 'wrong answers'],
          [...w.api, ...w.db].map((r) => [r.label, r.requests, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, r.errors]),
        ) +
        `<p>Where the CPU went during each API run, in cores:</p>` +
        cpuTable(w.processStats) +
        Object.entries(w.plans)
          .map(([k, v]) => `<p>Plan, ${esc(k)}:</p><pre>${esc(v.join('\n'))}</pre>`)
          .join(''),
    });
  }
  const t = results.throughput;
  if (t) {
    sections.push({
      heading: `4. Throughput against the engine's floor (target ≥ 0.8 of the floor)`,
      html:
        `<p>Orders ${fmt(t.ordersMedianPerSecond)}/s against a floor of ${fmt(t.floorMedianPerSecond)}/s: ratio <b>${t.ratio.toFixed(2)}</b>, ${t.ratio >= 0.8 ? '<span class="pass">meets the target</span>' : '<span class="fail">below the target</span>'}.
        150,000 orders (the seeds' operator's day) take ${t.hoursFor150k.toFixed(1)} h at that rate on this machine.
        ${t.concurrency} closed-loop clients each place an order through the API and wait for its workflow to finish; ${Math.round(t.installShare * 100)}% of the orders include broadband with a field installation,
        answered by a simulated installation department after ${opts.installDelayMs} ms; the simulators answer after ${t.simLatencyMs} ms ± ${Math.round(t.simLatencyMs / 2)} ms.
        The floor: the same number of workflows, each of ${t.floorSteps} no-op activities (an order's ${t.activitiesPerOrder.mean.toFixed(1)} plus its installation work order's, ${t.activitiesPerOrder.withChildren.toFixed(1)} in all, counted in ${t.activitiesPerOrder.sampled} histories),
        started by the same number of clients, run by a worker with the project worker's settings. Each measured run starts on a fresh Temporal dev server and fresh processes, after a warm-up of 60; the runs alternate (orders, floor, orders, …).</p>` +
        hbars(
          'Finished workflows per second',
          [...t.orders, ...t.floor].map((r) => ({ label: r.label, value: r.perSecond, muted: r.label.startsWith('floor') })),
          { unit: '/s', scaleMax: Math.max(1, ...t.floor.map((r) => r.perSecond)) * 1.1 },
        ) +
        hbars(
          'End-to-end latency p50 / p99 (ms)',
          [...t.orders, ...t.floor].flatMap((r) => [
            { label: `${r.label} p50`, value: r.endToEnd.p50, muted: true },
            { label: `${r.label} p99`, value: r.endToEnd.p99 },
          ]),
          { unit: 'ms' },
        ) +
        htmlTable(
          ['run', 'workflows', 'seconds', 'per second', 'e2e p50', 'e2e p95', 'e2e p99', 'API p50', 'API p99', 'errors', 'outcomes'],
          [...t.orders, ...t.floor].map((r) => [
            r.label,
            r.workflows,
            r.elapsedMs / 1000,
            r.perSecond,
            r.endToEnd.p50,
            r.endToEnd.p95,
            r.endToEnd.p99,
            r.api?.p50 ?? '-',
            r.api?.p99 ?? '-',
            r.errors,
            JSON.stringify(r.outcomes),
          ]),
        ) +
        (t.replayCheck
          ? `<p>Determinism under load: the first run's ${t.replayCheck.histories} histories (orders and their installation work orders) replayed against the same code, ${t.replayCheck.failed} failed${t.replayCheck.failures.length ? `: ${esc(t.replayCheck.failures.join('; '))}` : ''}.</p>`
          : '') +
        `<p>Where the CPU went, in cores of the machine's ${esc(String(m.cpus))}:</p>` +
        cpuTable(t.processStats),
    });
  }
  const rp = results.replay;
  if (rp) {
    sections.push({
      heading: '5. Replay of the audit corpus',
      html:
        `<p>${rp.histories} histories (${rp.events} events) from test/replay-corpus/, replayed against the current workflow code by one replay worker: median <b>${fmt(rp.medianPerSecond)} histories/s</b> over ${rp.rounds.length} rounds (a warm-up round first, not counted).</p>` +
        htmlTable(
          ['round', 'ms', 'histories/s', 'failed'],
          rp.rounds.map((r, i) => [i + 1, r.ms, r.perSecond, r.failed]),
        ),
    });
  }
  if (results.notes.length) sections.push({ heading: 'Notes', html: `<ul>${results.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` });
  return page(
    'Telecom orchestration — benchmarks',
    sections,
    `bench-results/${stamp}.json has every run; the processes' logs are in bench-results/logs-${stamp}/.`,
  );
}

function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

// ---- 4. throughput against the floor ---------------------------------------------------------------

async function benchThroughput(sys: System) {
  const n = opts.throughputOrders;
  const c = opts.throughputConcurrency;
  log(
    `4. throughput: ${opts.throughputRuns} × ${n} orders through the API by ${c} closed-loop clients (${Math.round(opts.installShare * 100)}% with a field installation), and as many floor workflows, each run on a fresh Temporal server; simulators at ${opts.throughputSimLatencyMs} ms`,
  );
  const customers = await loadCustomers(db!);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.throughputSimLatencyMs, jitterMs: Math.round(opts.throughputSimLatencyMs / 2) })));
  // The floor's worker has the project worker's settings, on a task queue of its own.
  const floorBundle = join(logDir, 'floor-bundle.js');
  writeFileSync(floorBundle, await bundleWorkflows(log, join(root, 'scripts/bench/floor-workflow.ts')));
  const floorQueue = `bench-floor-${randomUUID()}`;
  const token = signToken({ sub: 'bench-throughput', roles: ['order-entry'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  const section: ThroughputSection = {
    concurrency: c,
    installShare: opts.installShare,
    simLatencyMs: opts.throughputSimLatencyMs,
    activitiesPerOrder: { mean: 0, withChildren: 0, sampled: 0 },
    floorSteps: 0,
    orders: [],
    floor: [],
    ordersMedianPerSecond: 0,
    floorMedianPerSecond: 0,
    ratio: 0,
    hoursFor150k: 0,
    cpuShare: { orders: {}, floor: {} },
    processStats: [],
  };

  // Every measured run starts from the same point: an empty Temporal dev server (its in-memory
  // store grows with every workflow and slows it down), fresh processes, a short warm-up.
  let client: Awaited<ReturnType<typeof connectClient>> | undefined;
  let department: ReturnType<typeof simulateDepartment> | undefined;
  let floorWorker: BenchChild | undefined;
  const stopExtras = async () => {
    await department?.stop();
    await client?.connection.close();
    if (floorWorker) {
      await floorWorker.stop();
      children.splice(children.indexOf(floorWorker), 1);
    }
    department = client = floorWorker = undefined;
  };
  const freshStack = async (kind: 'orders' | 'floor') => {
    await stopExtras();
    await restartTemporal(sys);
    await restartApi(sys);
    if (kind === 'orders') await startWorker(sys);
    else {
      floorWorker = await startChild(
        'floor',
        { ...sys.childEnv, BENCH_FLOOR_BUNDLE: floorBundle, BENCH_FLOOR_TASK_QUEUE: floorQueue },
        join(logDir, 'floor.log'),
      );
      children.push(floorWorker);
    }
    client = await connectClient(sys.config);
    if (kind === 'orders') {
      department = simulateDepartment({
        client,
        delayMs: opts.installDelayMs,
        pollMs: 200,
        open: async (like) => (await db!.query<OpenAssignment>(OPEN_INSTALLATIONS_SQL, [like])).rows,
      });
    }
  };
  let seed = 1000;
  const orderRun = async (label: string, count: number) => {
    const bodies = orderBodies(customers, count, seed++, { installShare: opts.installShare });
    const { value, stats } = await measured(sys, label, () =>
      runOrderLoop({ label, client: client!, port: sys.apiPort, token, bodies, concurrency: c, idempotencyPrefix: `${label}-${stamp}` }),
    );
    log(
      `  ${label}: ${value.result.workflows} orders in ${(value.result.elapsedMs / 1000).toFixed(1)} s = ${value.result.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(value.result.endToEnd.p50)} ms p99 ${fmt(value.result.endToEnd.p99)} ms; API p50 ${fmt(value.result.api!.p50)} ms p99 ${fmt(value.result.api!.p99)} ms; ${JSON.stringify(value.result.outcomes)}${value.result.errors ? `; ${value.result.errors} errors, e.g. ${value.result.errorSamples[0]}` : ''}`,
    );
    log(`    ${coresLine(stats)}`);
    return { ...value, stats };
  };
  const floorRun = async (label: string, count: number) => {
    const { value, stats } = await measured(sys, label, () =>
      runFloorLoop({ label, client: client!, taskQueue: floorQueue, count, steps: section.floorSteps, concurrency: c, idPrefix: `${label}-${stamp}` }),
    );
    log(
      `  ${label}: ${value.workflows} workflows of ${section.floorSteps} no-op activities in ${(value.elapsedMs / 1000).toFixed(1)} s = ${value.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(value.endToEnd.p50)} ms p99 ${fmt(value.endToEnd.p99)} ms${value.errors ? `; ${value.errors} errors, e.g. ${value.errorSamples[0]}` : ''}`,
    );
    log(`    ${coresLine(stats)}`);
    return { value, stats };
  };
  const warmUp = Math.min(60, n);
  try {
    for (let r = 1; r <= opts.throughputRuns; r++) {
      await freshStack('orders');
      const warm = await orderRun(`orders-warm-up-${r}`, warmUp);
      if (r === 1) {
        // The shape of an order, counted in its histories: the floor workflow gets as many activities.
        section.activitiesPerOrder = await activitiesPerOrder(client!, warm.orderIds.slice(0, 40));
        section.floorSteps = Math.max(1, Math.round(section.activitiesPerOrder.withChildren));
        log(
          `  an order runs ${section.activitiesPerOrder.mean.toFixed(1)} activities (${section.activitiesPerOrder.withChildren.toFixed(1)} with its installation work order's): the floor workflow gets ${section.floorSteps}`,
        );
      }
      const o = await orderRun(`orders-${r}`, n);
      section.orders.push(o.result);
      section.processStats.push(o.stats);
      if (r === 1) section.replayCheck = await replayRunHistories(client!, o.orderIds);
      await stopWorker(sys);
      await freshStack('floor');
      await floorRun(`floor-warm-up-${r}`, warmUp);
      const f = await floorRun(`floor-${r}`, n);
      section.floor.push(f.value);
      section.processStats.push(f.stats);
    }
  } finally {
    await stopExtras();
    if (!sys.worker) await startWorker(sys);
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
  }
  section.ordersMedianPerSecond = median(section.orders.map((r) => r.perSecond));
  section.floorMedianPerSecond = median(section.floor.map((r) => r.perSecond));
  section.ratio = section.ordersMedianPerSecond / section.floorMedianPerSecond;
  section.hoursFor150k = 150_000 / section.ordersMedianPerSecond / 3600;
  const shareOf = (prefix: string) => {
    const runs = section.processStats.filter((st) => st.run.startsWith(prefix));
    const groups = [...new Set(runs.flatMap((st) => Object.keys(st.cores)))];
    return Object.fromEntries(groups.map((g) => [g, median(runs.map((st) => (st.cores[g] ?? 0) / cpus().length))]));
  };
  section.cpuShare = { orders: shareOf('orders-'), floor: shareOf('floor-') };
  log(
    `  orders ${section.ordersMedianPerSecond.toFixed(1)}/s vs floor ${section.floorMedianPerSecond.toFixed(1)}/s: ratio ${section.ratio.toFixed(2)} (target ≥ 0.8); 150,000 orders would take ${section.hoursFor150k.toFixed(1)} h here`,
  );
  results.throughput = section;
}

/**
 * Determinism under load: the histories of a run's orders (and their installation work orders),
 * written while handlers, timers and local activities interleaved, replayed against the same code.
 */
async function replayRunHistories(client: Awaited<ReturnType<typeof connectClient>>, orderIds: readonly string[]) {
  const histories: Array<{ workflowId: string; history: unknown }> = [];
  for (const id of orderIds) {
    const history = await client.workflow.getHandle(orderWorkflowId(id)).fetchHistory();
    histories.push({ workflowId: orderWorkflowId(id), history });
    for (const e of history.events ?? []) {
      const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (child) histories.push({ workflowId: child, history: await client.workflow.getHandle(child).fetchHistory() });
    }
  }
  const started = performance.now();
  const failures: string[] = [];
  for await (const o of replayHistories({ workflowBundle: { code: readFileSync(join(logDir, 'workflow-bundle.js'), 'utf8') } }, histories)) {
    if (!o.ok) failures.push(`${o.id}: ${o.reason}`);
  }
  const ms = performance.now() - started;
  log(
    `  replayed the run's ${histories.length} histories in ${(ms / 1000).toFixed(1)} s: ${failures.length} failed${failures.length ? `, e.g. ${failures[0]}` : ''}`,
  );
  return { histories: histories.length, failed: failures.length, failures: failures.slice(0, 5), perSecond: histories.length / (ms / 1000) };
}

// ---- 5. replay speed of the audit corpus -------------------------------------------------------------

async function benchReplay() {
  const { files, unreadable } = readHistoryFiles(listHistoryFiles([join(root, 'test/replay-corpus')]));
  if (unreadable.length) throw new Error(`unreadable corpus files: ${unreadable.map((u) => u.path).join(', ')}`);
  log(`5. replay: ${files.length} corpus histories, ${opts.replayRounds} rounds against the current workflow code`);
  const code = await bundleWorkflows(log);
  const events = files.reduce((sum, f) => sum + ((f.history as { events?: unknown[] }).events?.length ?? 0), 0);
  const rounds: ReplaySection['rounds'] = [];
  // Round 0 warms the replay worker up (not counted); each round replays the whole corpus in one worker.
  for (let r = 0; r <= opts.replayRounds; r++) {
    const started = performance.now();
    let failed = 0;
    for await (const o of replayHistories(
      { workflowBundle: { code } },
      files.map((f) => ({ workflowId: f.id, history: f.history })),
    ))
      if (!o.ok) failed++;
    const ms = performance.now() - started;
    if (r > 0) rounds.push({ ms, perSecond: files.length / (ms / 1000), failed });
  }
  results.replay = { histories: files.length, events, rounds, medianPerSecond: median(rounds.map((x) => x.perSecond)) };
  log(
    `  ${files.length} histories (${events} events): median ${results.replay.medianPerSecond.toFixed(1)} histories/s; ${rounds.reduce((s, x) => s + x.failed, 0)} failed replays`,
  );
}

// ---- main ------------------------------------------------------------------------------------------

let failed: unknown;
try {
  if (only.has('quote')) await benchQuote();
  if (only.has('replay')) await benchReplay();
  if (only.has('throughput') || only.has('orders') || only.has('worklist')) {
    const sys = await startSystem();
    if (only.has('throughput')) await benchThroughput(sys);
    if (only.has('orders')) await benchOrders(sys);
    if (only.has('worklist') && !overBudget('the worklist benchmark', -60, false)) {
      await sleep(1000);
      await benchWorklist(sys);
    }
  }
} catch (err) {
  failed = err;
  log(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}`);
  results.notes.push(`The benchmark stopped early: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await cleanup();
}
results.durationS = elapsedS();
const others = [...(results.orders?.processStats ?? []), ...(results.worklist?.processStats ?? []), ...(results.throughput?.processStats ?? [])].map(
  (s) => s.cores['other processes (not this benchmark)'] ?? 0,
);
if (others.length && median(others) > 0.3) {
  results.notes.push(
    `Other processes on the machine used a median of ${median(others).toFixed(2)} cores during the measured runs: the figures are pessimistic.`,
  );
}
writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(roundDeep(results), null, 2)}\n`);
writeFileSync(join(outDir, 'latest.html'), writeHtml());
printTable();
for (const n of results.notes) process.stdout.write(`Note: ${n}\n`);
process.exit(failed ? 1 : 0);
