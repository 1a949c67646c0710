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
//                 simulators at a realistic latency), on each step shape (BENCH_STEP_SHAPES: the order's
//                 short steps as local activities, or through the task queue as before issue 18; the
//                 worker on a bundle of that shape), against two floors: as many workflows of as many
//                 no-op activities, and of as many no-op local activities, on the same server and worker
//                 settings. Each round runs the orders on each step shape, then each floor. Orders per
//                 second, the ratios to both floors (target ≥ 0.9 of the step shape's own floor), the
//                 speed-up of local steps over the task queue's (target ≥ 2×), end-to-end and API latency, where the CPU went (share of the machine, and ms
//                 per finished workflow by process); and the event notifications of the orders runs, to a
//                 receiver subscribed on both APIs (/hub): events delivered per second, the delay from the
//                 read model's change to the event's arrival (p50/p99). On each shape of Temporal
//                 (BENCH_SHAPES) and with each number of workers (BENCH_WORKERS: with two, two worker
//                 processes serve the orders' task queue and two floor workers the floor's), each run on
//                 a fresh Temporal; Temporal's own figures from its Prometheus metrics (the dev server's
//                 endpoint, or one per service of the cluster), scraped before and after each run: state
//                 transitions per second and per workflow, persistence latency (mean, p50, p99, by operation).
//     sustained   (only when BENCH_ONLY names it: it is long) one closed-loop run of BENCH_SUSTAINED_ORDERS
//                 orders as the throughput benchmark's, on the first shape, one worker, the default
//                 bundle's step shape: orders/s over the run and minute by minute, end-to-end p50/p99,
//                 CPU per order by process, Temporal's figures, the hours 150,000 orders would take.
//  5. replay      the replay corpus (test/replay-corpus/) replayed against the current workflow code:
//                 histories per second.
//  6. browser     the department desk in a real browser (Debian's Chromium via playwright-core), on the
//                 worklist benchmark's read model with one department topped up to 100,000 open work
//                 orders: its worklist's first page visible (fresh profiles; target median < 1 s); a
//                 work order taken by POST /troubleTicket visible on an open desk (the live stream; median
//                 and p95 over 20; target < 2 s); the JavaScript of sign-in + the desk (≤ 300 KB gzipped).
//  7. batch       an enterprise batch order of 1,000 mobile lines (POST /productOrderBatch), each line an
//                 order run as a child of the batch workflow, some at a time, continuing as new every few
//                 lines: time to complete, lines/s, the largest history of the batch's runs (events, bytes).
//
// Medians of several runs are the headline figures (the machine is shared and noisy); every run is in
// the JSON, with where the CPU went. Nothing fails on a missed target: the exit code says only whether
// the benchmark itself ran. Output: a table on stdout, bench-results/<timestamp>.json and
// bench-results/latest.html; the processes' logs in bench-results/logs-<timestamp>/.
//
// Shapes of Temporal: the dev server (in memory; the default), or the production shape, a cluster on
// PostgreSQL with its services as separate processes (platform/temporal-cluster.ts, fresh databases
// per run): `npm run bench -- --cluster` runs everything on the cluster; BENCH_SHAPES=dev,cluster runs
// the throughput benchmark on both, one after the other in the same run (the other benchmarks on the
// first named), e.g. the full comparison:
//   BENCH_ONLY=throughput BENCH_SHAPES=dev,cluster npm run bench
//
// Env (all optional): BENCH_ONLY=quote,orders,worklist  BENCH_ADMIN_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SHAPES (dev; cluster with --cluster) BENCH_WORKERS (1,2: the throughput benchmark with each number of workers)
//   CLUSTER_HISTORY_SHARDS (4, the cluster's) SQL_MAX_CONNS (10) SQL_VIS_MAX_CONNS (4) (its services' pools; see bench/system.ts)
//   BENCH_QUOTE_RUNS (5) BENCH_QUOTES_PER_RUN (5000) BENCH_QUOTE_WARMUP (2000)
//   BENCH_ORDER_RATE (100) BENCH_ORDER_SECONDS (20) BENCH_ORDER_RUNS (2 api-only runs) BENCH_ORDER_TOGETHER_RUNS (1)
//   BENCH_COMPLETION_WINDOW_S (60) BENCH_STALE_SECONDS (5: the run with stale reference data, 0 = skip)
//   BENCH_SWEEP_RATES (25,50,75; empty = skip) BENCH_SWEEP_SECONDS (8)
//   BENCH_SIM_LATENCY_MS (2)
//   BENCH_WORKLIST_OPEN (100000) BENCH_WORKLIST_CLOSED (20000) BENCH_WORKLIST_RUNS (3)
//   BENCH_WORKLIST_REQUESTS (1000 per run) BENCH_WORKLIST_RATE (100)  BENCH_BUDGET_S (900: optional parts are skipped past it)  BENCH_LOG_LEVEL (info)
//   BENCH_THROUGHPUT_ORDERS (600 per run) BENCH_THROUGHPUT_CONCURRENCY (40) BENCH_THROUGHPUT_RUNS (3) BENCH_INSTALL_SHARE (0.1)
//   BENCH_STEP_SHAPES (local,queue: the throughput benchmark's orders on each)  BENCH_SUSTAINED_ORDERS (20000, BENCH_ONLY=sustained)
//   BENCH_INSTALL_DELAY_MS (200) BENCH_THROUGHPUT_SIM_LATENCY_MS (20)  BENCH_REPLAY_ROUNDS (5)
//   BENCH_BROWSER_RUNS (7) BENCH_BROWSER_DISPATCHES (20) BENCH_BROWSER_DEPARTMENT_OPEN (100000)  WEB_DIST (the build served)
//   BENCH_BATCH_RUNS (2) BENCH_BATCH_LINES (1000) BENCH_BATCH_CONCURRENCY (50) BENCH_BATCH_LINES_PER_RUN (250) BENCH_BATCH_SIM_LATENCY_MS (20)
//
// This file runs the parts in order: bench/options.ts (the env above), bench/context.ts (the run: its
// folders, log, time budget, cleanup), bench/system.ts (the system under load), bench/sections/ (one
// module per benchmark), bench/results.ts (what the JSON holds), bench/output.ts and bench/html.ts
// (the JSON, the table and the page).
import { cleanUpOnSignals, createContext } from './bench/context.js';
import { only } from './bench/options.js';
import { report } from './bench/output.js';
import { benchOrders } from './bench/sections/orders.js';
import { benchQuote } from './bench/sections/quote.js';
import { benchReplay } from './bench/sections/replay.js';
import { benchThroughput } from './bench/sections/throughput.js';
import { benchSustained } from './bench/sections/sustained.js';
import { benchWorklist } from './bench/sections/worklist.js';
import { benchBrowser } from './bench/sections/browser.js';
import { benchBatch } from './bench/sections/batch.js';
import { startSystem } from './bench/system.js';

const ctx = createContext();
const { results } = ctx;
cleanUpOnSignals(ctx);

let failed: unknown;
try {
  if (only.has('quote')) results.quote = benchQuote(ctx);
  if (only.has('replay')) results.replay = await benchReplay(ctx);
  if (only.has('throughput') || only.has('sustained') || only.has('orders') || only.has('worklist') || only.has('browser') || only.has('batch')) {
    const sys = await startSystem(ctx);
    if (only.has('throughput')) results.throughput = await benchThroughput(ctx, sys);
    if (only.has('sustained')) results.sustained = await benchSustained(ctx, sys);
    if (only.has('orders')) results.orders = await benchOrders(ctx, sys);
    if (only.has('worklist') && !ctx.overBudget('the worklist benchmark', -60, false)) {
      await new Promise((ok) => setTimeout(ok, 1000));
      results.worklist = await benchWorklist(ctx, sys);
    }
    if (only.has('browser') && !ctx.overBudget('the browser benchmark', -60, false)) results.browser = await benchBrowser(ctx, sys);
    if (only.has('batch') && !ctx.overBudget('the batch benchmark', 0, false)) results.batch = await benchBatch(ctx, sys);
  }
} catch (err) {
  failed = err;
  ctx.log(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}`);
  results.notes.push(`The benchmark stopped early: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await ctx.cleanup();
}
report(ctx);
process.exit(failed ? 1 : 0);
