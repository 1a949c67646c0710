// What a benchmark run records: the shape of bench-results/<stamp>.json, from which the table on
// stdout and bench-results/latest.html are written.
import type { BrowserFigures } from './browser.js';
import { cpus, loadavg, totalmem } from 'node:os';
import type { ChildStats } from './child.js';
import type { BenchOptions, TemporalShape } from './options.js';
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
/** The throughput benchmark on one shape of Temporal with one number of workers (and as many floor workers). */
export interface ThroughputCase {
  shape: TemporalShape;
  workers: number;
  orders: LoopResult[];
  floor: LoopResult[];
  ordersMedianPerSecond: number;
  floorMedianPerSecond: number;
  ratio: number;
  /** How long 150,000 orders (the seeds' operator's day) take at the median rate. */
  hoursFor150k: number;
  /** Median share of the machine's cores per process group over the runs of each kind. */
  cpuShare: { orders: Record<string, number>; floor: Record<string, number> };
  /** Median CPU milliseconds per finished workflow, per process group (the floor's workers are `floor`). */
  cpuMsPerWorkflow: { orders: Record<string, number>; floor: Record<string, number> };
  temporal: { orders?: TemporalSummary; floor?: TemporalSummary };
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
  /** Activities per order in the project's histories (own; with the field-installation child's). */
  activitiesPerOrder: { mean: number; withChildren: number; sampled: number };
  floorSteps: number;
  /** The first run's histories replayed against the same code: determinism under load. */
  replayCheck?: { histories: number; failed: number; failures: string[]; perSecond: number };
  /** One per shape × number of workers, in the order they ran. */
  cases: ThroughputCase[];
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

/** The throughput benchmark's target: orders per second at least this share of the floor's (issue 16). */
export const RATIO_TARGET = 0.9;

/** The process groups of ProcessStats.cores in the CPU tables' column order, and their short column names. */
export const CPU_GROUPS = ['api', 'worker', 'temporal', 'postgres (all backends)', 'sims', 'bench (load generator)', 'other processes (not this benchmark)'];
export const short = (g: string) => g.replace(' (all backends)', '').replace(' (load generator)', '').replace('other processes (not this benchmark)', 'others');

/** The process groups of the CPU-per-workflow tables: the workers (the floor's under `floor`), API, Temporal, PostgreSQL, simulators, the load generator. */
export const PER_WORKFLOW_GROUPS = ['worker', 'floor', 'api', 'temporal', 'postgres (all backends)', 'sims', 'bench (load generator)'];
