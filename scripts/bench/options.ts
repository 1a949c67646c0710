// The benchmark's settings, from the environment (scripts/bench.ts lists them with their defaults).
// Read once when the benchmark starts: a bad value stops it before anything is started.
const env = process.env;
const num = (name: string, dflt: number) => {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a number ≥ 0, got "${v}"`);
  return n;
};

/** The benchmarks to run (BENCH_ONLY). */
export const only = new Set((env.BENCH_ONLY || 'quote,replay,throughput,orders,worklist,browser,batch').split(',').map((s) => s.trim()));

/** The shapes of Temporal the benchmark runs on: the dev server (in memory) and the cluster on PostgreSQL (platform/temporal-cluster.ts). */
export type TemporalShape = 'dev' | 'cluster';

/** The shapes of the order's short steps (workflows/step-shape-*.ts, issue 18): local activities, or through the task queue. */
export type StepShapeName = 'local' | 'queue';

/** A list of numbers ≥ 1 ("1,2"). */
const counts = (name: string, dflt: string) => {
  const list = (env[name] || dflt)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`${name}: expected whole numbers ≥ 1 separated by commas, got "${env[name]}"`);
  return list;
};

/**
 * BENCH_SHAPES=dev,cluster: the throughput benchmark on each; the first is the one every other benchmark
 * runs on. Without it, BENCH_TEMPORAL=cluster (`npm run bench -- --cluster`) means the cluster only, else the dev server.
 */
function shapes(): TemporalShape[] {
  const raw = env.BENCH_SHAPES || (env.BENCH_TEMPORAL === 'cluster' ? 'cluster' : 'dev');
  const list = [...new Set(raw.split(',').map((s) => s.trim()))].filter(Boolean);
  const bad = list.filter((s) => s !== 'dev' && s !== 'cluster');
  if (!list.length || bad.length) throw new Error(`BENCH_SHAPES: expected dev and/or cluster separated by commas, got "${raw}"`);
  return list as TemporalShape[];
}

/** BENCH_STEP_SHAPES=local,queue: the throughput benchmark's orders on each step shape in every round (the worker on a bundle of that shape). */
function stepShapes(): StepShapeName[] {
  const raw = env.BENCH_STEP_SHAPES || 'local,queue';
  const list = [...new Set(raw.split(',').map((s) => s.trim()))].filter(Boolean);
  const bad = list.filter((s) => s !== 'local' && s !== 'queue');
  if (!list.length || bad.length) throw new Error(`BENCH_STEP_SHAPES: expected local and/or queue separated by commas, got "${raw}"`);
  return list as StepShapeName[];
}

export const opts = {
  shapes: shapes(),
  stepShapes: stepShapes(),
  /** The throughput benchmark with each number of worker processes (and as many floor workers). */
  throughputWorkers: counts('BENCH_WORKERS', '1,2'),
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
  /** The sustained run (BENCH_ONLY=sustained): this many orders in one closed-loop run. */
  sustainedOrders: num('BENCH_SUSTAINED_ORDERS', 20_000),
  installShare: num('BENCH_INSTALL_SHARE', 0.1),
  installDelayMs: num('BENCH_INSTALL_DELAY_MS', 200),
  throughputSimLatencyMs: num('BENCH_THROUGHPUT_SIM_LATENCY_MS', 20),
  replayRounds: num('BENCH_REPLAY_ROUNDS', 5),
  browserRuns: num('BENCH_BROWSER_RUNS', 7),
  browserDispatches: num('BENCH_BROWSER_DISPATCHES', 20),
  /** Orders whose page is opened as they are placed, for the order page's figure. */
  browserOrders: num('BENCH_BROWSER_ORDERS', 10),
  browserDepartmentOpen: num('BENCH_BROWSER_DEPARTMENT_OPEN', 100_000),
  batchRuns: num('BENCH_BATCH_RUNS', 2),
  batchLines: num('BENCH_BATCH_LINES', 1000),
  batchConcurrency: num('BENCH_BATCH_CONCURRENCY', 50),
  batchLinesPerRun: num('BENCH_BATCH_LINES_PER_RUN', 250),
  batchSimLatencyMs: num('BENCH_BATCH_SIM_LATENCY_MS', 20),
};

export type BenchOptions = typeof opts;
