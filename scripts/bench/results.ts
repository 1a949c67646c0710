// What a benchmark run records: the shape of bench-results/<stamp>.json, from which the table on
// stdout and bench-results/latest.html are written.
import type { BrowserFigures } from './browser.js';
import { cpus, loadavg, totalmem } from 'node:os';
import type { ChildStats } from './child.js';
import type { BenchOptions, StepShapeName, TemporalShape } from './options.js';
import type { EventsRun } from './events.js';
import type { OrderRunResult } from './orders.js';
import type { StepTimes } from './probe.js';
import type { QuoteBenchResult } from './quote.js';
import type { Summary } from './stats.js';
import type { TemporalFigures } from './temporal-metrics.js';
import type { LoopResult } from './throughput.js';
import type { FillResult, WorklistRunResult } from './worklist.js';
import type { BatchSection } from './sections/batch.js';

export interface ProcessStats {
  run: string;
  wallS: number;
  machineBusy?: number;
  /** Cores used per process group over the run. */
  cores: Record<string, number>;
  /** Event-loop delay and CPU of the Node children. */
  children: ChildStats[];
  loadavg: number[];
  /** Temporal's own figures over the run, from its metrics (when its endpoints answered). */
  temporal?: TemporalFigures;
}
export type OrderRun = OrderRunResult & { mode: 'api-only' | 'together' | 'stale-reference' | 'sweep' };
export interface OrdersSection {
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
export interface WorklistSection {
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
/** Medians over a case's runs of one kind of Temporal's own figures. */
export interface TemporalSummary {
  stateTransitionsPerSecond: number;
  stateTransitionsPerWorkflow: number;
  persistenceRequestsPerWorkflow: number;
  /** Percentiles from the histogram's buckets (1, 2, 5, 10, 20, 50 ms …), linear within a bucket. */
  persistenceMs: { mean: number; p50: number; p99: number };
}
/**
 * The kinds of measured run in a round of the throughput benchmark: the orders on each step shape (the
 * worker on a bundle of that shape), the floor (no-op activities through the task queue) and the local
 * floor (as many no-op local activities). Run labels are `<shape>-<n>w-<kind>-<round>`.
 */
export type RunKind = `orders-${StepShapeName}` | 'floor' | 'floor-local';
export const RUN_KINDS: readonly RunKind[] = ['orders-local', 'orders-queue', 'floor', 'floor-local'];
/** Each step shape's own floor: the one whose steps go where the shape's short steps go. */
export const OWN_FLOOR: Record<StepShapeName, 'floor' | 'floor-local'> = { local: 'floor-local', queue: 'floor' };
/** Workflows a loop finished (whatever their outcome). */
export const finishedOf = (r: LoopResult) => Object.values(r.outcomes).reduce((a, b) => a + b, 0);
/** A case's measured runs, kind by kind. */
export const caseRuns = (c: ThroughputCase): LoopResult[] => RUN_KINDS.flatMap((k) => c.runs[k] ?? []);
/** "orders, local steps", "local floor". */
export const kindName = (k: RunKind) => (k === 'floor' ? 'floor' : k === 'floor-local' ? 'local floor' : `orders, ${k.slice('orders-'.length)} steps`);

/** The throughput benchmark on one shape of Temporal with one number of workers (and as many floor workers). */
export interface ThroughputCase {
  shape: TemporalShape;
  workers: number;
  /** The step shapes the orders ran on, in each round's order. */
  stepShapes: StepShapeName[];
  /** The measured runs of each kind, one per round. */
  runs: Partial<Record<RunKind, LoopResult[]>>;
  /** Median finished workflows per second of each kind. */
  medianPerSecond: Partial<Record<RunKind, number>>;
  /** Each step shape's orders/s over the floor's and over the local floor's (medians); `own` is the one its target applies to (OWN_FLOOR). */
  ratio: Partial<Record<StepShapeName, { floor: number; localFloor: number; own: number }>>;
  /** Orders/s with local steps over orders/s through the task queue, in the same run (both medians); when both ran. */
  speedUp?: number;
  /** How long 150,000 orders (the seeds' operator's day) take at each step shape's median rate. */
  hoursFor150k: Partial<Record<StepShapeName, number>>;
  /** Median share of the machine's cores per process group over the runs of each kind. */
  cpuShare: Partial<Record<RunKind, Record<string, number>>>;
  /** Median CPU milliseconds per finished workflow, per process group (the floors' workers are `floor`). */
  cpuMsPerWorkflow: Partial<Record<RunKind, Record<string, number>>>;
  temporal: Partial<Record<RunKind, TemporalSummary>>;
  processStats: ProcessStats[];
  /** Event notifications of each measured orders run, to a subscriber of both APIs. */
  events: EventsRun[];
  eventsMedianPerSecond?: number;
  /** Medians over the runs of each run's p50 and p99 delay from change to delivery. */
  eventsDelayMedianMs?: { p50: number; p99: number };
}
export interface ThroughputSection {
  concurrency: number;
  installShare: number;
  simLatencyMs: number;
  /** Activities per order in the project's histories (own; with the field-installation child's), on the first step shape measured: activity tasks and local-activity markers. */
  activitiesPerOrder: { mean: number; withChildren: number; sampled: number };
  /** The same, counted on each step shape (in the first case). */
  activitiesPerOrderByStepShape: Partial<Record<StepShapeName, { mean: number; withChildren: number; sampled: number }>>;
  /** Steps of both floor workflows: the first step shape's activities per order, with the installation's. */
  floorSteps: number;
  /** The first run's histories on each step shape replayed against the same code (that shape's bundle): determinism under load. */
  replayCheck?: Partial<Record<StepShapeName, { histories: number; failed: number; failures: string[]; perSecond: number }>>;
  /** One per shape × number of workers, in the order they ran. */
  cases: ThroughputCase[];
}
/**
 * The sustained run (BENCH_ONLY=sustained): one long closed-loop run of orders on the first shape of
 * Temporal, one worker, the default bundle's step shape.
 */
export interface SustainedSection {
  shape: TemporalShape;
  workers: number;
  /** The step shape of the default bundle (workflows/step-shape.ts) the worker ran. */
  stepShape: StepShapeName;
  concurrency: number;
  installShare: number;
  simLatencyMs: number;
  run: LoopResult;
  /** Orders finished per second in each minute of the run (the last, partial one over its own length). */
  perMinute: number[];
  /** Last full minute's rate over the first's (below 1: the rate sagged). */
  lastOverFirstMinute?: number;
  hoursFor150k: number;
  /** CPU milliseconds per finished order, per process group. */
  cpuMsPerOrder: Record<string, number>;
  temporal?: TemporalSummary;
  processStats: ProcessStats;
  /** Event notifications during the run, to a subscriber of both APIs. */
  events: EventsRun;
}
export interface ReplaySection {
  histories: number;
  events: number;
  rounds: Array<{ ms: number; perSecond: number; failed: number }>;
  medianPerSecond: number;
}
export interface BrowserSection {
  /** The department whose first page is measured, its open work orders and all open ones. */
  department: string;
  departmentOpen: number;
  totalOpen: number;
  /** Where the complaints taken for the dispatch figure went. */
  dispatchDepartment: string;
  firstPageColdMs: number[];
  firstPageWarmMs: number[];
  /** NaN: not seen on the desk within the wait. */
  dispatchMs: number[];
  /** Each order change shown on its open page: ms from the record to the page. */
  orderStepMs: number[];
  figures: BrowserFigures;
  processStats: ProcessStats[];
}
export interface BenchResults {
  startedAt: string;
  machine: Record<string, unknown>;
  options: BenchOptions;
  durationS?: number;
  startupS?: Record<string, number>;
  quote?: QuoteBenchResult;
  orders?: OrdersSection;
  worklist?: WorklistSection;
  throughput?: ThroughputSection;
  sustained?: SustainedSection;
  replay?: ReplaySection;
  browser?: BrowserSection;
  batch?: BatchSection;
  notes: string[];
}

/** The record of a run starting now: the machine it runs on and the options; each benchmark adds its section. */
export function newResults(options: BenchOptions): BenchResults {
  return {
    startedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavgAtStart: loadavg() },
    options,
    notes: [],
  };
}

/** "dev server, 1 worker", "cluster, 2 workers". */
export const caseName = (c: { shape: TemporalShape; workers: number }) =>
  `${c.shape === 'dev' ? 'dev server' : 'cluster'}, ${c.workers} worker${c.workers === 1 ? '' : 's'}`;

/**
 * The throughput benchmark's target: each step shape's orders per second at least this share of its own
 * floor's (OWN_FLOOR): the local steps' of the local-activity floor (issue 18), the task queue's of the
 * ordinary floor (issue 16).
 */
export const RATIO_TARGET = 0.9;
/** Issue 18's other target: orders/s with local steps at least this many times the task queue's, in the same run. */
export const SPEED_UP_TARGET = 2;
/** The seeds' operator's day in under an hour (issue 18): 150,000 orders. */
export const DAY_ORDERS = 150_000;

/** The process groups of ProcessStats.cores in the CPU tables' column order, and their short column names. */
export const CPU_GROUPS = ['api', 'worker', 'temporal', 'postgres (all backends)', 'sims', 'bench (load generator)', 'other processes (not this benchmark)'];
export const short = (g: string) => g.replace(' (all backends)', '').replace(' (load generator)', '').replace('other processes (not this benchmark)', 'others');

/** The process groups of the CPU-per-workflow tables: the workers (the floor's under `floor`), API, Temporal, PostgreSQL, simulators, the load generator. */
export const PER_WORKFLOW_GROUPS = ['worker', 'floor', 'api', 'temporal', 'postgres (all backends)', 'sims', 'bench (load generator)'];
