// `npm run bench`: performance figures on real components (not part of the test suite).
//
//  1. quote       PricingIndex.quote over 45,000 generated pricing policies (in process).
//  2. orders      POST /productOrder at a fixed 100 requests/s (open loop, latency from the scheduled
//                 send time) against a real system: its own PostgreSQL database, a Temporal dev server,
//                 the simulators, a worker and the API, each in a process of its own as in production;
//                 then how many orders completed within 60 s.
//  3. worklist    GET /department/:id/worklist with 100,000 open work orders in the read model, through
//                 the API and straight through db/work-orders.ts.
//
// Medians of several runs are the headline figures (the machine is shared and noisy); every run is in
// the JSON. Nothing fails on a missed target: the figures are reported, not judged by the exit code.
// Output: a table on stdout, bench-results/<timestamp>.json and bench-results/latest.html.
//
// Env (all optional): BENCH_ONLY=quote,orders,worklist  BENCH_ADMIN_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_QUOTE_RUNS (5) BENCH_QUOTES_PER_RUN (5000) BENCH_QUOTE_WARMUP (2000)
//   BENCH_ORDER_RATE (100) BENCH_ORDER_SECONDS (20) BENCH_ORDER_RUNS (2) BENCH_COMPLETION_WINDOW_S (60)
//   BENCH_SIM_LATENCY_MS (2) BENCH_SLOW_SIM_LATENCY_MS (20; one more order run with slower simulators, 0 = skip)
//   BENCH_WORKLIST_OPEN (100000) BENCH_WORKLIST_CLOSED (20000) BENCH_WORKLIST_RUNS (3)
//   BENCH_WORKLIST_REQUESTS (1000 per run) BENCH_WORKLIST_RATE (100)  BENCH_BUDGET_S (540)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signToken } from '../api/auth.js';
import { createOrm, migrate, type Orm } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { loadConfig } from '../platform/config.js';
import { startDevServer, type DevServer } from '../platform/temporal-dev-server.js';
import { simulatorControl } from '../simulators/control.js';
import type { ChildStats } from './bench/child.js';
import { createDatabase, dropDatabase, freePort, machineCpu, startChild, type BenchChild } from './bench/infra.js';
import { loadCustomers, orderBodies, runOrderLoad, waitForCompletion, type OrderRunResult } from './bench/orders.js';
import { runQuoteBench, type QuoteBenchResult } from './bench/quote.js';
import { hbars, htmlTable, page, vbars, verdict, esc } from './bench/report.js';
import { fmt, median, medianOfRuns, roundSummary, table, type Summary } from './bench/stats.js';
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

const env = process.env;
const num = (name: string, dflt: number) => {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a number ≥ 0, got "${v}"`);
  return n;
};
const only = new Set((env.BENCH_ONLY || 'quote,orders,worklist').split(',').map((s) => s.trim()));
const opts = {
  adminUrl: env.BENCH_ADMIN_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  quoteRuns: num('BENCH_QUOTE_RUNS', 5),
  quotesPerRun: num('BENCH_QUOTES_PER_RUN', 5000),
  quoteWarmup: num('BENCH_QUOTE_WARMUP', 2000),
  orderRate: num('BENCH_ORDER_RATE', 100),
  orderSeconds: num('BENCH_ORDER_SECONDS', 20),
  orderRuns: num('BENCH_ORDER_RUNS', 2),
  completionWindowS: num('BENCH_COMPLETION_WINDOW_S', 60),
  simLatencyMs: num('BENCH_SIM_LATENCY_MS', 2),
  slowSimLatencyMs: num('BENCH_SLOW_SIM_LATENCY_MS', 20),
  worklistOpen: num('BENCH_WORKLIST_OPEN', 100_000),
  worklistClosed: num('BENCH_WORKLIST_CLOSED', 20_000),
  worklistRuns: num('BENCH_WORKLIST_RUNS', 3),
  worklistRequests: num('BENCH_WORKLIST_REQUESTS', 1000),
  worklistRate: num('BENCH_WORKLIST_RATE', 100),
  budgetS: num('BENCH_BUDGET_S', 540),
};

const root = resolve(import.meta.dirname, '..');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = join(root, 'bench-results');
const logDir = join(outDir, `logs-${stamp}`);
mkdirSync(logDir, { recursive: true });
const t0 = performance.now();
const elapsedS = () => (performance.now() - t0) / 1000;
const log = (s: string) => process.stderr.write(`[bench ${elapsedS().toFixed(0).padStart(3)}s] ${s}\n`);
const overBudget = (what: string) => {
  if (elapsedS() < opts.budgetS) return false;
  log(`time budget of ${opts.budgetS} s spent: skipping ${what}`);
  return true;
};

// ---- what runs, and its cleanup ------------------------------------------------------------------

const dbName = `telecom_bench_${process.pid}`;
let dbCreated = false;
let temporal: DevServer | undefined;
let orm: Orm | undefined;
let db: pg.Client | undefined;
const children: BenchChild[] = [];

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    log('cleaning up: stopping the API, the worker, the simulators, Temporal; dropping the database');
    // The API first (no new work), then the worker, then what they call.
    for (const role of ['api', 'worker', 'sims'] as const) {
      for (const c of children.filter((x) => x.role === role)) await c.stop().catch((e) => log(`stopping ${role}: ${String(e)}`));
    }
    await orm?.close().catch(() => {});
    await db?.end().catch(() => {});
    await temporal?.stop().catch((e) => log(`stopping Temporal: ${String(e)}`));
    if (dbCreated) await dropDatabase(opts.adminUrl, dbName).catch((e) => log(`dropping ${dbName}: ${String(e)}`));
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

interface OrdersSection {
  simLatencyMs: number;
  ratePerSec: number;
  runs: OrderRunResult[];
  median: Summary;
  slow?: OrderRunResult & { simLatencyMs: number };
  warmup: { requests: number; errors: number };
  processStats: Array<{ run: string; machineCpuBusy?: number; children: ChildStats[] }>;
  referenceReloadNote: string;
}
interface WorklistSection {
  fill: FillResult;
  ratePerSec: number;
  api: WorklistRunResult[];
  db: WorklistRunResult[];
  apiMedian: Summary;
  dbMedian: Summary;
  apiAll: { big: Summary; small: Summary; deep: Summary };
  plans: Record<string, string[]>;
  apiProcess?: ChildStats;
}
const results: {
  startedAt: string;
  machine: Record<string, unknown>;
  options: typeof opts;
  durationS?: number;
  quote?: QuoteBenchResult;
  orders?: OrdersSection;
  worklist?: WorklistSection;
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

async function startSystem() {
  const cliPath = env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm run bench` (it provides the Temporal CLI)');
  log(`starting the system: database ${dbName}, Temporal dev server, simulators, worker, API (logs in ${logDir})`);
  const databaseUrl = await createDatabase(opts.adminUrl, dbName);
  dbCreated = true;
  const [port] = await Promise.all([freePort()]);
  const seedStarted = performance.now();
  const [server] = await Promise.all([
    startDevServer({ cliPath, port, namespace: 'default' }),
    (async () => {
      orm = await createOrm(databaseUrl, 4);
      await migrate(orm);
      const seeded = await seedReferenceData(orm.em.fork(), {});
      log(`  database migrated and seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${JSON.stringify(seeded)}`);
    })(),
  ]);
  temporal = server;
  db = new pg.Client(databaseUrl);
  await db.connect();

  const childEnv: NodeJS.ProcessEnv = {
    PATH: env.PATH,
    HOME: env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: env.BENCH_LOG_LEVEL || 'info',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SIMULATOR_LATENCY_MS: String(opts.simLatencyMs),
  };
  const sims = await startChild('sims', childEnv, join(logDir, 'sims.log'));
  children.push(sims);
  const urls = sims.ready.urls as Record<string, string>;
  Object.assign(childEnv, { BILLING_URL: urls.billing, INVENTORY_URL: urls.inventory, NETWORK_URL: urls.network, NOTIFICATION_URL: urls.notification });
  const started = performance.now();
  const [worker, api] = await Promise.all([startChild('worker', childEnv, join(logDir, 'worker.log')), startChild('api', childEnv, join(logDir, 'api.log'))]);
  children.push(worker, api);
  log(`  worker (bundled workflows) and API up in ${((performance.now() - started) / 1000).toFixed(1)} s; API on 127.0.0.1:${String(api.ready.port)}`);
  const config = loadConfig(childEnv);
  return { config, api, worker, sims, urls, apiPort: api.ready.port as number };
}

type System = Awaited<ReturnType<typeof startSystem>>;

async function snapshotStats(sys: System): Promise<ChildStats[]> {
  return Promise.all([sys.api, sys.worker, sys.sims].map((c) => c.stats()));
}
async function resetStats(sys: System) {
  await Promise.all([sys.api, sys.worker, sys.sims].map((c) => c.resetStats()));
}

// ---- 2. orders -------------------------------------------------------------------------------------

async function benchOrders(sys: System) {
  log(`2. orders: POST /productOrder at ${opts.orderRate}/s for ${opts.orderSeconds} s, ${opts.orderRuns} run(s), simulators at ${opts.simLatencyMs} ms`);
  const customers = await loadCustomers(db!);
  const token = (label: string) => signToken({ sub: `bench-${label}`, roles: ['order-entry'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  const count = Math.round(opts.orderRate * opts.orderSeconds);

  // Warm-up: connections, JIT, the reference data (45,000 policies indexed on first use), the worker.
  const warm = await runOrderLoad({ label: 'warmup', port: sys.apiPort, token: token('warmup'), bodies: orderBodies(customers, 200, 1), ratePerSec: 40, idempotencyPrefix: `warm-${stamp}` });
  log(`  warm-up: ${warm.result.requests} orders at 40/s, ${warm.result.errors} errors, p50 ${fmt(warm.result.latency.p50)} ms${warm.result.errorSamples.length ? `; e.g. ${warm.result.errorSamples[0]}` : ''}`);
  await waitForCompletion(db!, 'bench-warmup', warm.result.requests - warm.result.errors, 30_000);

  const runs: OrderRunResult[] = [];
  const processStats: OrdersSection['processStats'] = [];
  const one = async (label: string, seed: number) => {
    await resetStats(sys);
    const cpu = machineCpu();
    const { result } = await runOrderLoad({ label, port: sys.apiPort, token: token(label), bodies: orderBodies(customers, count, seed), ratePerSec: opts.orderRate, idempotencyPrefix: `${label}-${stamp}` });
    const busy = cpu.busy();
    processStats.push({ run: label, machineCpuBusy: busy, children: await snapshotStats(sys) });
    log(`  ${label}: ${result.requests} requests, ${result.errors} errors, p50 ${fmt(result.latency.p50)} ms, p95 ${fmt(result.latency.p95)} ms, p99 ${fmt(result.latency.p99)} ms, max ${fmt(result.latency.max)} ms; machine CPU ${busy === undefined ? '?' : Math.round(busy * 100)}%`);
    if (result.errorSamples.length) log(`    errors, e.g.: ${result.errorSamples.slice(0, 3).join(' | ')}`);
    const accepted = result.statuses['201'] ?? 0;
    result.completion = await waitForCompletion(db!, `bench-${label}`, accepted, opts.completionWindowS * 1000);
    const c = result.completion;
    log(`    completion: ${c.completedWithinWindow}/${accepted} completed within ${opts.completionWindowS} s${c.allFinalAfterMs !== null ? ` (all final ${(c.allFinalAfterMs / 1000).toFixed(1)} s after the load)` : ''}; states ${JSON.stringify(c.states)}`);
    return result;
  };
  for (let r = 1; r <= opts.orderRuns; r++) {
    if (r > 1 && overBudget(`order run ${r}`)) break;
    runs.push(await one(`run${r}`, 100 + r));
  }
  let slow: OrdersSection['slow'];
  if (opts.slowSimLatencyMs > 0 && !overBudget('the slow-simulator order run')) {
    await Promise.all(Object.values(sys.urls).map((u) => simulatorControl(u).control({ latencyMs: opts.slowSimLatencyMs })));
    log(`  simulators now answer after ${opts.slowSimLatencyMs} ms (the project's default SIMULATOR_LATENCY_MS): one more run`);
    slow = { ...(await one(`slow-sims-${opts.slowSimLatencyMs}ms`, 999)), simLatencyMs: opts.slowSimLatencyMs };
    await Promise.all(Object.values(sys.urls).map((u) => simulatorControl(u).control({ latencyMs: opts.simLatencyMs })));
  }
  results.orders = {
    simLatencyMs: opts.simLatencyMs,
    ratePerSec: opts.orderRate,
    runs,
    median: medianOfRuns(runs.map((r) => r.latency)),
    slow,
    warmup: { requests: warm.result.requests, errors: warm.result.errors },
    processStats,
    referenceReloadNote:
      'db/reference.ts reloads the 45,000 pricing policies every 60 s in the API process (query, JSON, index build): a run that crosses a reload shows it in its max / p99.',
  };
}

// ---- 3. worklist -----------------------------------------------------------------------------------

async function benchWorklist(sys: System) {
  log(`3. worklist: ${opts.worklistOpen} open (+${opts.worklistClosed} closed) work orders in the read model`);
  const { fill, counts } = await fillWorklist(db!, opts.worklistOpen, opts.worklistClosed, 11, log);
  log(`  filled in ${(fill.fillMs / 1000).toFixed(1)} s, ANALYZE ${(fill.analyzeMs / 1000).toFixed(1)} s; biggest ${fill.biggest.map((b) => `${b.department} ${b.open}`).join(', ')}; smallest ${fill.smallest.map((b) => b.open).join(', ')}`);
  const biggest = fill.biggest[0]!.department;
  const plans = {
    [`${biggest} offset 0`]: await explainWorklist(db!, biggest, 50, 0),
    [`${biggest} offset 1000`]: await explainWorklist(db!, biggest, 50, 1000),
  };
  const tokens = new Map([...counts.keys()].map((d) => [d, departmentToken(d, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER)]));
  // Warm-up: plans, connections, the buffer cache.
  await worklistApiRun('warmup', sys.apiPort, worklistRequests(counts, 300, 3), tokens, opts.worklistRate, counts);
  await worklistDbRun('warmup', orm!, worklistRequests(counts, 300, 4));
  const api: WorklistRunResult[] = [];
  const dbRuns: WorklistRunResult[] = [];
  await sys.api.resetStats();
  for (let r = 1; r <= opts.worklistRuns; r++) {
    if (r > 1 && overBudget(`worklist run ${r}`)) break;
    const reqs = worklistRequests(counts, opts.worklistRequests, 20 + r);
    const a = await worklistApiRun(`api run${r}`, sys.apiPort, reqs, tokens, opts.worklistRate, counts);
    const d = await worklistDbRun(`db run${r}`, orm!, reqs);
    api.push(a);
    dbRuns.push(d);
    log(`  run ${r}: API p50 ${fmt(a.latency.p50)} p95 ${fmt(a.latency.p95)} p99 ${fmt(a.latency.p99)} max ${fmt(a.latency.max)} ms (${a.errors} errors); db p50 ${fmt(d.latency.p50)} p99 ${fmt(d.latency.p99)} ms`);
    if (a.errorSamples.length) log(`    errors, e.g.: ${a.errorSamples.join(' | ')}`);
  }
  const apiProcess = await sys.api.stats();
  results.worklist = {
    fill,
    ratePerSec: opts.worklistRate,
    api,
    db: dbRuns,
    apiMedian: medianOfRuns(api.map((r) => r.latency)),
    dbMedian: medianOfRuns(dbRuns.map((r) => r.latency)),
    apiAll: { big: medianOfRuns(api.map((r) => r.big)), small: medianOfRuns(api.map((r) => r.small)), deep: medianOfRuns(api.map((r) => r.deep)) },
    plans,
    apiProcess,
  };
}

// ---- output ----------------------------------------------------------------------------------------

function printTable() {
  const rows: Array<Array<string | number>> = [];
  const q = results.quote;
  if (q) rows.push([`quote (${q.policies} policies), median of ${q.runs.length} runs`, q.median.n, q.median.p50, q.median.p95, q.median.p99, q.median.max, '< 5', q.median.p99 < 5 ? 'under' : 'OVER']);
  const o = results.orders;
  if (o) {
    for (const r of o.runs) rows.push([`  create order ${r.label} @${r.ratePerSec}/s`, r.requests, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, '', '']);
    rows.push([`create order @${o.ratePerSec}/s, sims ${o.simLatencyMs} ms, median`, o.median.n, o.median.p50, o.median.p95, o.median.p99, o.median.max, '< 30', o.median.p99 < 30 ? 'under' : 'OVER']);
    if (o.slow) rows.push([`create order @${o.ratePerSec}/s, sims ${o.slow.simLatencyMs} ms`, o.slow.requests, o.slow.latency.p50, o.slow.latency.p95, o.slow.latency.p99, o.slow.latency.max, '< 30', o.slow.latency.p99 < 30 ? 'under' : 'OVER']);
  }
  const w = results.worklist;
  if (w) {
    rows.push([`worklist API @${w.ratePerSec}/s, median of ${w.api.length}`, w.apiMedian.n, w.apiMedian.p50, w.apiMedian.p95, w.apiMedian.p99, w.apiMedian.max, '< 50', w.apiMedian.p99 < 50 ? 'under' : 'OVER']);
    rows.push([`  big departments`, w.apiAll.big.n, w.apiAll.big.p50, w.apiAll.big.p95, w.apiAll.big.p99, w.apiAll.big.max, '', '']);
    rows.push([`  deep pages (offset ≥ 450)`, w.apiAll.deep.n, w.apiAll.deep.p50, w.apiAll.deep.p95, w.apiAll.deep.p99, w.apiAll.deep.max, '', '']);
    rows.push([`worklist db (departmentWorklist), median`, w.dbMedian.n, w.dbMedian.p50, w.dbMedian.p95, w.dbMedian.p99, w.dbMedian.max, '', '']);
  }
  process.stdout.write(`\nLatency in ms\n${table(['benchmark', 'n', 'p50', 'p95', 'p99', 'max', 'target p99', ''], rows)}\n`);
  if (o) {
    const comp = [...o.runs, ...(o.slow ? [o.slow] : [])].map((r) => {
      const c = r.completion!;
      return [r.label, r.requests, r.errors, c.accepted, c.completedWithinWindow, c.allFinalAfterMs === null ? `> ${c.windowMs / 1000}` : (c.allFinalAfterMs / 1000).toFixed(1), c.fulfilment?.p50 ?? NaN, c.fulfilment?.p99 ?? NaN] as Array<string | number>;
    });
    process.stdout.write(`\nOrders: errors and completion within ${opts.completionWindowS} s after the load\n${table(['run', 'sent', 'errors', 'accepted', 'completed', 'all final after s', 'fulfil p50 ms', 'fulfil p99 ms'], comp)}\n`);
  }
  process.stdout.write(`\nTotal ${elapsedS().toFixed(0)} s. Results: bench-results/${stamp}.json, bench-results/latest.html\n`);
}

function writeHtml(): string {
  const sections: Array<{ heading: string; html: string }> = [];
  const m = results.machine;
  sections.push({
    heading: 'Run',
    html: `<p>${esc(results.startedAt)} · Node ${esc(String(m.node))} · ${esc(String(m.cpus))} cores (${esc(String(m.cpuModel))}) · load average at start ${esc((m.loadavgAtStart as number[]).map((x) => x.toFixed(2)).join(' '))} · ${results.durationS?.toFixed(0)} s in all.
    The machine is shared and noisy: headline figures are medians over runs; single runs are shown lighter.</p>`,
  });
  const q = results.quote;
  if (q) {
    sections.push({
      heading: `1. Quote over ${q.policies.toLocaleString('en')} pricing policies (target p99 < 5 ms)`,
      html:
        `<p>p99 ${fmt(q.median.p99)} ms: ${verdict(q.median.p99, 5)}. ${q.runs.length} runs × ${q.quotesPerRun} quotes after ${q.warmup} warm-up quotes; index built in ${fmt(q.indexBuildMs)} ms;
        ${Object.entries(q.itemsPerQuote).map(([k, v]) => `${v} with ${k} item(s)`).join(', ')}; ${q.quotesWithBundle} with a bundle, ${q.quotesWithDiscount} with a discount; ${q.errors} unpriced.</p>` +
        hbars('Median of runs (ms)', [
          { label: 'p50', value: q.median.p50 },
          { label: 'p95', value: q.median.p95 },
          { label: 'p99', value: q.median.p99 },
          { label: 'max', value: q.median.max },
        ], { unit: 'ms', target: 5, scaleMax: 10 }) +
        hbars('p99 of each run (ms)', q.runs.map((r, i) => ({ label: `run ${i + 1}`, value: r.p99, muted: true })), { unit: 'ms', target: 5, scaleMax: 10 }) +
        htmlTable(['run', 'n', 'p50', 'p95', 'p99', 'max'], [...q.runs.map((r, i) => [`run ${i + 1}`, r.n, r.p50, r.p95, r.p99, r.max]), ['median', q.median.n, q.median.p50, q.median.p95, q.median.p99, q.median.max]]),
    });
  }
  const o = results.orders;
  if (o) {
    const all = [...o.runs, ...(o.slow ? [o.slow] : [])];
    sections.push({
      heading: `2. Create order at ${o.ratePerSec} requests/s (target p99 < 30 ms)`,
      html:
        `<p>Median p99 ${fmt(o.median.p99)} ms with simulators at ${o.simLatencyMs} ms: ${verdict(o.median.p99, 30)}. Open loop: each request is sent at its scheduled instant and timed from it (no coordinated omission).
        The API, worker and simulators run in separate processes on the same ${esc(String(m.cpus))} cores as Temporal and PostgreSQL.</p>` +
        hbars('Median of runs (ms)', [
          { label: 'p50', value: o.median.p50 },
          { label: 'p95', value: o.median.p95 },
          { label: 'p99', value: o.median.p99 },
          { label: 'max', value: o.median.max },
        ], { unit: 'ms', target: 30, scaleMax: 120 }) +
        hbars('p99 per run (ms)', all.map((r) => ({ label: r.label, value: r.latency.p99, muted: true })), { unit: 'ms', target: 30, scaleMax: 120 }) +
        all.map((r) => vbars(`${r.label}: p99 per second of the run (ms)`, r.perSecond.map((p) => ({ x: String(p.second), value: p.p99 })), { unit: 'ms', target: 30 })).join('') +
        hbars(`Orders completed within ${opts.completionWindowS} s after the load`, all.map((r) => ({ label: `${r.label} (of ${r.completion?.accepted ?? 0})`, value: r.completion?.completedWithinWindow ?? 0 })), { unit: 'orders', scaleMax: Math.max(...all.map((r) => r.requests)) }) +
        htmlTable(
          ['run', 'sent', 'errors', 'p50', 'p95', 'p99', 'max', 'service p99', 'send lag p99', 'completed', 'all final after s', 'fulfil p50 ms', 'fulfil p99 ms'],
          all.map((r) => [r.label, r.requests, r.errors, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, r.service.p99, r.sendLag.p99, r.completion?.completedWithinWindow ?? 0, r.completion?.allFinalAfterMs == null ? '-' : r.completion.allFinalAfterMs / 1000, r.completion?.fulfilment?.p50 ?? NaN, r.completion?.fulfilment?.p99 ?? NaN]),
        ) +
        htmlTable(
          ['run', 'machine CPU busy', 'API CPU', 'API event-loop delay p99 / max ms', 'worker CPU', 'worker event-loop p99 / max ms', 'sims CPU'],
          o.processStats.map((p) => {
            const by = Object.fromEntries(p.children.map((c) => [c.role, c]));
            const pct = (c?: ChildStats) => (c ? `${Math.round((100 * c.cpuMs) / Math.max(1, c.wallMs))}%` : '-');
            const eld = (c?: ChildStats) => (c ? `${fmt(c.eventLoopDelayMs.p99)} / ${fmt(c.eventLoopDelayMs.max)}` : '-');
            return [p.run, p.machineCpuBusy === undefined ? '-' : `${Math.round(p.machineCpuBusy * 100)}%`, pct(by.api), eld(by.api), pct(by.worker), eld(by.worker), pct(by.sims)];
          }),
        ) +
        `<p class="note">CPU percentages are of one core over the run (100% = one core busy). ${esc(o.referenceReloadNote)}</p>` +
        (all.some((r) => r.errorSamples.length) ? `<pre>${esc(all.flatMap((r) => r.errorSamples.map((e) => `${r.label}: ${e}`)).join('\n'))}</pre>` : ''),
    });
  }
  const w = results.worklist;
  if (w) {
    sections.push({
      heading: `3. Department worklist with ${w.fill.open.toLocaleString('en')} open work orders (target p99 < 50 ms)`,
      html:
        `<p>API median p99 ${fmt(w.apiMedian.p99)} ms: ${verdict(w.apiMedian.p99, 50)}. ${w.fill.departments} departments (biggest: ${w.fill.biggest.map((b) => `${esc(b.department)} ${b.open}`).join(', ')}),
        plus ${w.fill.closed.toLocaleString('en')} closed ones; ${w.api.length} runs × ${w.api[0]?.requests ?? 0} requests at ${w.ratePerSec}/s, half to the big departments, 40% past the first page (offsets up to 1,000).
        Tables: work_order ${fmt(w.fill.tableMb.workOrder)} MB, work_order_assignment ${fmt(w.fill.tableMb.assignment)} MB, worklist index ${fmt(w.fill.tableMb.worklistIndex)} MB.</p>` +
        hbars('Median of runs (ms)', [
          { label: 'API p50', value: w.apiMedian.p50 },
          { label: 'API p95', value: w.apiMedian.p95 },
          { label: 'API p99', value: w.apiMedian.p99 },
          { label: 'API p99, big departments', value: w.apiAll.big.p99 },
          { label: 'API p99, deep pages', value: w.apiAll.deep.p99 },
          { label: 'db p50', value: w.dbMedian.p50 },
          { label: 'db p99', value: w.dbMedian.p99 },
        ], { unit: 'ms', target: 50, scaleMax: 100 }) +
        htmlTable(['run', 'n', 'p50', 'p95', 'p99', 'max', 'errors'], [...w.api, ...w.db].map((r) => [r.label, r.requests, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, r.errors])) +
        Object.entries(w.plans).map(([k, v]) => `<p>Plan, ${esc(k)}:</p><pre>${esc(v.join('\n'))}</pre>`).join(''),
    });
  }
  if (results.notes.length) sections.push({ heading: 'Notes', html: `<ul>${results.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` });
  return page('Telecom orchestration — benchmarks', sections, `bench-results/${stamp}.json has every run; logs of the processes in bench-results/logs-${stamp}/.`);
}

function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

// ---- main ------------------------------------------------------------------------------------------

let failed: unknown;
try {
  if (only.has('quote')) await benchQuote();
  if (only.has('orders') || only.has('worklist')) {
    const sys = await startSystem();
    if (only.has('orders')) await benchOrders(sys);
    if (only.has('worklist') && !overBudget('the worklist benchmark')) await benchWorklist(sys);
  }
} catch (err) {
  failed = err;
  log(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}`);
  results.notes.push(`The benchmark stopped early: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await cleanup();
}
results.durationS = elapsedS();
if (results.orders && results.orders.runs.length) {
  const p99s = results.orders.runs.map((r) => r.latency.p99);
  if (Math.max(...p99s) > 2 * median(p99s)) results.notes.push('Order runs disagree by more than 2× in p99: the machine was noisy, look at the single runs.');
}
writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(roundDeep(results), null, 2)}\n`);
writeFileSync(join(outDir, 'latest.html'), writeHtml());
printTable();
void roundSummary;
process.exit(failed ? 1 : 0);
