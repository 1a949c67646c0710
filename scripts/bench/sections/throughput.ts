// Benchmark 4: orders per second through the API by closed-loop clients, against the engine's floors on
// the same server and worker settings (../throughput.ts runs the loops, ../floor-workflow.ts is the floor);
// on each shape of Temporal (opts.shapes) with each number of workers (opts.throughputWorkers), the
// orders on each step shape (opts.stepShapes: the order's short steps as local activities or through the
// task queue, issue 18; ../step-shape.ts bundles each), against two floors (no-op activities through the
// task queue, and as local activities), with Temporal's own figures from its metrics (../temporal-metrics.ts).
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { signToken } from '../../../api/auth.js';
import { orderWorkflowId } from '../../../contracts/order-fulfilment.js';
import { OPEN_INSTALLATIONS_SQL, simulateDepartment, type OpenAssignment, type SimulatedDepartment } from '../../../harness/department.js';
import { connectClient } from '../../../platform/temporal.js';
import { simulatorControl } from '../../../simulators/control.js';
import { bundleWorkflows } from '../../../workers/worker.js';
import { replayHistories } from '../../audit/histories.js';
import type { BenchContext } from '../context.js';
import { EventsProbe } from '../events.js';
import type { BenchChild } from '../infra.js';
import { opts, type StepShapeName, type TemporalShape } from '../options.js';
import { loadCustomers, orderBodies, type BenchCustomer } from '../orders.js';
import {
  caseName,
  DAY_ORDERS,
  finishedOf,
  kindName,
  OWN_FLOOR,
  RATIO_TARGET,
  RUN_KINDS,
  SPEED_UP_TARGET,
  type ProcessStats,
  type RunKind,
  type TemporalSummary,
  type ThroughputCase,
  type ThroughputSection,
} from '../results.js';
import { bundleWorkflowsWithStepShape } from '../step-shape.js';
import type { TemporalFigures } from '../temporal-metrics.js';
import { fmt, median } from '../stats.js';
import { coresLine, type System } from '../system.js';
import { activitiesPerOrder, runFloorLoop, runOrderLoop } from '../throughput.js';

export async function benchThroughput(ctx: BenchContext, sys: System): Promise<ThroughputSection> {
  ctx.log(
    `4. throughput: on ${opts.shapes.join(' and ')} with ${opts.throughputWorkers.join(' and ')} worker(s), the orders' steps ${opts.stepShapes.join(' and ')}: ${opts.throughputRuns} rounds of ${opts.throughputOrders} orders on each step shape through the API by ${opts.throughputConcurrency} closed-loop clients (${Math.round(opts.installShare * 100)}% with a field installation), and as many workflows of each floor (activities, local activities), each run on a fresh Temporal; simulators at ${opts.throughputSimLatencyMs} ms`,
  );
  const customers = await loadCustomers(sys.db);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.throughputSimLatencyMs, jitterMs: Math.round(opts.throughputSimLatencyMs / 2) })));
  const bundles = await writeBundles(ctx, opts.stepShapes);
  const events = await EventsProbe.start();
  const section: ThroughputSection = {
    concurrency: opts.throughputConcurrency,
    installShare: opts.installShare,
    simLatencyMs: opts.throughputSimLatencyMs,
    activitiesPerOrder: { mean: 0, withChildren: 0, sampled: 0 },
    activitiesPerOrderByStepShape: {},
    floorSteps: 0,
    cases: [],
  };
  const primary = sys.shape;
  try {
    for (const shape of opts.shapes) {
      for (const workers of opts.throughputWorkers) {
        sys.shape = shape;
        const runs = new ThroughputRuns(ctx, sys, customers, bundles, events, section, newCase(shape, workers));
        try {
          for (let r = 1; r <= opts.throughputRuns; r++) {
            for (const step of opts.stepShapes) await runs.ordersRound(r, step);
            await runs.floorRound(r, 'floor');
            await runs.floorRound(r, 'floor-local');
          }
        } finally {
          await runs.stop();
        }
        const c = summarise(runs.tc);
        section.cases.push(c);
        ctx.log(`  ${caseLine(c)}`);
      }
    }
  } finally {
    await events.stop();
    // The benchmarks after this one run on the first shape, with one worker on the default bundle, as they started.
    sys.shape = primary;
    if (sys.temporalShape !== primary) {
      await sys.restartTemporal();
      await sys.restartApi();
    }
    if (!sys.worker) await sys.startWorker();
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
    for (const f of [bundles.floor, ...Object.values(bundles.orders)]) rmSync(f, { force: true });
  }
  return section;
}

/** The workflow bundles the runs' workers start on: the floors', and the project's with each step shape. */
interface Bundles {
  floor: string;
  orders: Partial<Record<StepShapeName, string>>;
}

async function writeBundles(ctx: BenchContext, stepShapes: readonly StepShapeName[]): Promise<Bundles> {
  // The floor's worker has the project worker's settings, on a task queue of its own.
  const floor = join(ctx.logDir, 'floor-bundle.js');
  writeFileSync(floor, await bundleWorkflows(ctx.log, join(ctx.root, 'scripts/bench/floor-workflow.ts')));
  const orders: Bundles['orders'] = {};
  for (const shape of stepShapes) {
    orders[shape] = join(ctx.logDir, `workflow-bundle-${shape}.js`);
    writeFileSync(orders[shape], await bundleWorkflowsWithStepShape(shape, ctx.log));
  }
  return { floor, orders };
}

/** A case's one line in the progress log: each kind's rate, the ratios and speed-up against their targets, Temporal's figures. */
function caseLine(c: ThroughputCase): string {
  const per = (k: RunKind) => `${fmt(c.medianPerSecond[k] ?? NaN)}/s`;
  const ratios = c.stepShapes.map((s) => {
    const r = c.ratio[s]!;
    return `${s} steps ${per(`orders-${s}`)}: ${r.floor.toFixed(2)} of the floor, ${r.localFloor.toFixed(2)} of the local floor (target ≥ ${RATIO_TARGET} of its own); ${fmt(c.hoursFor150k[s] ?? NaN)} h for ${DAY_ORDERS.toLocaleString('en')}`;
  });
  const kinds = RUN_KINDS.filter((k) => c.temporal[k]);
  return (
    `${caseName(c)}: floor ${per('floor')}, local floor ${per('floor-local')}; ${ratios.join('; ')}` +
    (c.speedUp !== undefined ? `; local/queue ${c.speedUp.toFixed(2)}× (target ≥ ${SPEED_UP_TARGET}×)` : '') +
    `; state transitions/s ${kinds.map((k) => fmt(c.temporal[k]!.stateTransitionsPerSecond)).join(' | ')}, per workflow ${kinds.map((k) => fmt(c.temporal[k]!.stateTransitionsPerWorkflow)).join(' | ')}; persistence p50 ${kinds.map((k) => fmt(c.temporal[k]!.persistenceMs.p50)).join(' | ')} ms, p99 ${kinds.map((k) => fmt(c.temporal[k]!.persistenceMs.p99)).join(' | ')} ms (${kinds.map(kindName).join(' | ')}, medians of the runs)`
  );
}

function newCase(shape: TemporalShape, workers: number): ThroughputCase {
  return {
    shape,
    workers,
    stepShapes: [...opts.stepShapes],
    runs: {},
    medianPerSecond: {},
    ratio: {},
    hoursFor150k: {},
    cpuShare: {},
    cpuMsPerWorkflow: {},
    temporal: {},
    processStats: [],
    events: [],
  };
}

/**
 * What a measured run needs besides the system, started fresh for each: a Temporal client and the
 * order's simulated installation department (orders: `workers` workers on `bundle`), or the floor's
 * workers (floor). Every run starts from the same point: an empty Temporal (the dev server's in-memory
 * store grows with every workflow and slows it down; the cluster's databases are new), fresh processes.
 */
export class RunStack {
  readonly floorQueue = `bench-floor-${randomUUID()}`;
  readonly token: string;
  client?: Client;
  private department?: SimulatedDepartment;
  private floorWorkers: BenchChild[] = [];

  constructor(private readonly sys: System) {
    // Order entry places the orders; ops may also subscribe to the trouble-ticket hub (order entry may not).
    this.token = signToken({ sub: 'bench-throughput', roles: ['order-entry', 'ops'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  }

  async fresh(kind: 'orders' | 'floor', workers: number, bundle: string): Promise<Client> {
    const { sys } = this;
    await this.stop();
    await sys.restartTemporal();
    await sys.restartApi();
    // After the restart: the children's environment names the new Temporal.
    if (kind === 'orders') await sys.startWorkers(workers, { ...sys.childEnv, BENCH_WORKFLOW_BUNDLE: bundle });
    else {
      const env = { ...sys.childEnv, BENCH_FLOOR_BUNDLE: bundle, BENCH_FLOOR_TASK_QUEUE: this.floorQueue };
      this.floorWorkers = await Promise.all(Array.from({ length: workers }, (_, i) => sys.startExtra('floor', env, i ? `floor-${i + 1}` : 'floor')));
    }
    const client = (this.client = await connectClient(sys.config));
    if (kind === 'orders') {
      this.department = simulateDepartment({
        client,
        delayMs: opts.installDelayMs,
        pollMs: 200,
        open: async (like) => (await sys.db.query<OpenAssignment>(OPEN_INSTALLATIONS_SQL, [like])).rows,
      });
    }
    return client;
  }

  async stop(): Promise<void> {
    await this.department?.stop();
    await this.client?.connection.close();
    await Promise.all(this.floorWorkers.splice(0).map((w) => this.sys.stopExtra(w)));
    this.department = this.client = undefined;
  }
}

/** The runs of one case, round by round: the orders on each step shape, then each floor. */
class ThroughputRuns {
  private readonly stack: RunStack;
  /** Each measured run is preceded by a warm-up of this many workflows. */
  private readonly warmUp = Math.min(60, opts.throughputOrders);
  /** Run labels name the case and the kind: dev-1w-orders-local-1, cluster-2w-floor-local-3. */
  private readonly prefix: string;
  private seed = 1000;

  constructor(
    private readonly ctx: BenchContext,
    private readonly sys: System,
    private readonly customers: BenchCustomer[],
    private readonly bundles: Bundles,
    private readonly events: EventsProbe,
    /** The whole section: the order's shape (measured in the first case) and the replay check. */
    private readonly section: ThroughputSection,
    readonly tc: ThroughputCase,
  ) {
    this.stack = new RunStack(sys);
    this.prefix = `${tc.shape}-${tc.workers}w-`;
  }

  /**
   * Round `r` of the orders on step shape `step`: a warm-up (the first of the benchmark on each step
   * shape also counts an order's activities; the first step shape's count is the floors'), then the measured run.
   */
  async ordersRound(r: number, step: StepShapeName): Promise<void> {
    const { ctx, section, tc } = this;
    const kind: RunKind = `orders-${step}`;
    const client = await this.stack.fresh('orders', tc.workers, this.bundles.orders[step]!);
    const warm = await this.orderRun(`${this.prefix}${kind}-warm-up-${r}`, this.warmUp);
    if (!section.activitiesPerOrderByStepShape[step]) {
      // The shape of an order, counted in its histories (activity tasks and local-activity markers).
      const counted = (section.activitiesPerOrderByStepShape[step] = await activitiesPerOrder(client, warm.orderIds.slice(0, 40)));
      if (!section.floorSteps) {
        section.activitiesPerOrder = counted;
        section.floorSteps = Math.max(1, Math.round(counted.withChildren));
      }
      ctx.log(
        `  an order with ${step} steps runs ${counted.mean.toFixed(1)} activities and local activities (${counted.withChildren.toFixed(1)} with its installation work order's): the floor workflows get ${section.floorSteps}`,
      );
    }
    const o = await this.orderRun(`${this.prefix}${kind}-${r}`, opts.throughputOrders);
    (tc.runs[kind] ??= []).push(o.result);
    tc.processStats.push(o.stats);
    section.replayCheck ??= {};
    section.replayCheck[step] ??= await replayRunHistories(ctx, client, o.orderIds, this.bundles.orders[step]!, step);
  }

  /** Round `r` of a floor (through the task queue, or local activities): a warm-up, then the measured run. */
  async floorRound(r: number, kind: 'floor' | 'floor-local'): Promise<void> {
    await this.stack.fresh('floor', this.tc.workers, this.bundles.floor);
    await this.floorRun(kind, `${this.prefix}${kind}-warm-up-${r}`, this.warmUp);
    const f = await this.floorRun(kind, `${this.prefix}${kind}-${r}`, opts.throughputOrders);
    (this.tc.runs[kind] ??= []).push(f.value);
    this.tc.processStats.push(f.stats);
  }

  stop(): Promise<void> {
    return this.stack.stop();
  }

  private async orderRun(label: string, count: number) {
    const { ctx, sys } = this;
    const bodies = orderBodies(this.customers, count, this.seed++, { installShare: opts.installShare });
    const { value, stats, events } = await measuredOrderLoop(ctx, sys, this.events, this.stack, label, bodies);
    if (!label.includes('warm-up')) this.tc.events.push(events);
    return { ...value, stats };
  }

  private async floorRun(kind: 'floor' | 'floor-local', label: string, count: number) {
    const { ctx, sys, section } = this;
    const { value, stats } = await sys.measured(label, () =>
      runFloorLoop({
        label,
        client: this.stack.client!,
        taskQueue: this.stack.floorQueue,
        count,
        steps: section.floorSteps,
        concurrency: opts.throughputConcurrency,
        idPrefix: `${label}-${ctx.stamp}`,
        workflowType: kind === 'floor' ? 'floorOrder' : 'floorOrderLocal',
      }),
    );
    ctx.log(
      `  ${label}: ${value.workflows} workflows of ${section.floorSteps} no-op ${kind === 'floor' ? 'activities' : 'local activities'} in ${(value.elapsedMs / 1000).toFixed(1)} s = ${value.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(value.endToEnd.p50)} ms p99 ${fmt(value.endToEnd.p99)} ms${value.errors ? `; ${value.errors} errors, e.g. ${value.errorSamples[0]}` : ''}`,
    );
    ctx.log(`    ${coresLine(stats)}${temporalLine(stats)}`);
    return { value, stats };
  }
}

/**
 * One closed-loop run of `bodies` through the API on a fresh stack, measured (CPU by process, Temporal's
 * figures), with a subscriber on both APIs taking every event (after the run the deliverer drains,
 * outside the CPU measurement); `onDone` hears of each finished order. Logs the run's lines.
 */
export async function measuredOrderLoop(
  ctx: BenchContext,
  sys: System,
  events: EventsProbe,
  stack: RunStack,
  label: string,
  bodies: Array<Record<string, unknown>>,
  onDone?: () => void,
) {
  await events.subscribe(sys.apiPort, stack.token);
  const {
    value: { value, stats },
    events: run,
  } = await events.measure(label, sys.db, () =>
    sys.measured(label, () =>
      runOrderLoop({
        label,
        client: stack.client!,
        port: sys.apiPort,
        token: stack.token,
        bodies,
        concurrency: opts.throughputConcurrency,
        idempotencyPrefix: `${label}-${ctx.stamp}`,
        onDone,
      }),
    ),
  );
  const r = value.result;
  ctx.log(
    `  ${label}: ${r.workflows} orders in ${(r.elapsedMs / 1000).toFixed(1)} s = ${r.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(r.endToEnd.p50)} ms p99 ${fmt(r.endToEnd.p99)} ms; API p50 ${fmt(r.api!.p50)} ms p99 ${fmt(r.api!.p99)} ms; ${JSON.stringify(r.outcomes)}${r.errors ? `; ${r.errors} errors, e.g. ${r.errorSamples[0]}` : ''}`,
  );
  ctx.log(
    `    events: ${run.events} delivered, ${fmt(run.perSecond)}/s; change → delivery p50 ${fmt(run.delayMs.p50)} ms p99 ${fmt(run.delayMs.p99)} ms; drained ${run.drainS.toFixed(1)} s after the run; ${JSON.stringify(run.byType)}`,
  );
  ctx.log(`    ${coresLine(stats)}${temporalLine(stats)}`);
  return { value, stats, events: run };
}

export const temporalLine = (s: ProcessStats) =>
  s.temporal
    ? `; Temporal: ${fmt(s.temporal.stateTransitionsPerSecond)} state transitions/s, persistence mean ${fmt(s.temporal.persistence.meanMs)} ms p50 ${fmt(s.temporal.persistence.p50Ms)} p99 ${fmt(s.temporal.persistence.p99Ms)} (${s.temporal.persistence.requests} requests)`
    : '; Temporal: no metrics';

/** CPU ms per finished workflow of one measured run, by process group. */
export const cpuMsPer = (st: ProcessStats, g: string, finished: number) => ((st.cores[g] ?? 0) * st.wallS * 1000) / (finished || NaN);

/** Medians over runs of Temporal's own figures, per finished workflow where it says so; undefined without metrics. */
export function temporalSummary(runs: ProcessStats[], finished: (st: ProcessStats) => number): TemporalSummary | undefined {
  const withMetrics = runs.filter((st) => st.temporal);
  if (!withMetrics.length) return undefined;
  const m = (f: (t: TemporalFigures, st: ProcessStats) => number) => median(withMetrics.map((st) => f(st.temporal!, st)));
  return {
    stateTransitionsPerSecond: m((t) => t.stateTransitionsPerSecond),
    stateTransitionsPerWorkflow: m((t, st) => t.stateTransitions / (finished(st) || NaN)),
    persistenceRequestsPerWorkflow: m((t, st) => t.persistence.requests / (finished(st) || NaN)),
    persistenceMs: { mean: m((t) => t.persistence.meanMs), p50: m((t) => t.persistence.p50Ms), p99: m((t) => t.persistence.p99Ms) },
  };
}

/**
 * A case's medians over its runs of each kind: rates, the ratios (each step shape against both floors),
 * the speed-up of local steps, CPU (share of the machine, ms per workflow), Temporal's own figures.
 */
export function summarise(tc: ThroughputCase): ThroughputCase {
  const kinds = RUN_KINDS.filter((k) => tc.runs[k]?.length);
  for (const k of kinds) tc.medianPerSecond[k] = median(tc.runs[k]!.map((r) => r.perSecond));
  const floor = tc.medianPerSecond.floor ?? NaN;
  const localFloor = tc.medianPerSecond['floor-local'] ?? NaN;
  for (const s of tc.stepShapes) {
    const orders = tc.medianPerSecond[`orders-${s}`] ?? NaN;
    tc.ratio[s] = { floor: orders / floor, localFloor: orders / localFloor, own: orders / (OWN_FLOOR[s] === 'floor' ? floor : localFloor) };
    tc.hoursFor150k[s] = DAY_ORDERS / orders / 3600;
  }
  if (tc.stepShapes.includes('local') && tc.stepShapes.includes('queue'))
    tc.speedUp = (tc.medianPerSecond['orders-local'] ?? NaN) / (tc.medianPerSecond['orders-queue'] ?? NaN);
  tc.eventsMedianPerSecond = median(tc.events.map((e) => e.perSecond));
  tc.eventsDelayMedianMs = { p50: median(tc.events.map((e) => e.delayMs.p50)), p99: median(tc.events.map((e) => e.delayMs.p99)) };
  const results = new Map(kinds.flatMap((k) => tc.runs[k]!.map((r) => [r.label, { kind: k, finished: finishedOf(r) }] as const)));
  const finished = (st: ProcessStats) => results.get(st.run)?.finished ?? NaN;
  const runsOf = (kind: RunKind) => tc.processStats.filter((st) => results.get(st.run)?.kind === kind);
  const perGroup = (runs: ProcessStats[], value: (st: ProcessStats, g: string) => number) => {
    const groups = [...new Set(runs.flatMap((st) => Object.keys(st.cores)))];
    return Object.fromEntries(groups.map((g) => [g, median(runs.map((st) => value(st, g)))]));
  };
  for (const k of kinds) {
    tc.cpuShare[k] = perGroup(runsOf(k), (st, g) => (st.cores[g] ?? 0) / cpus().length);
    tc.cpuMsPerWorkflow[k] = perGroup(runsOf(k), (st, g) => cpuMsPer(st, g, finished(st)));
    const t = temporalSummary(runsOf(k), finished);
    if (t) tc.temporal[k] = t;
  }
  return tc;
}

/**
 * Determinism under load: the histories of a run's orders (and their installation work orders),
 * written while handlers, timers and local activities interleaved, replayed against the same code
 * (the bundle of the step shape they ran on: the other shape's cannot replay them).
 */
async function replayRunHistories(ctx: BenchContext, client: Client, orderIds: readonly string[], bundle: string, step: StepShapeName) {
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
  for await (const o of replayHistories({ workflowBundle: { code: readFileSync(bundle, 'utf8') } }, histories)) {
    if (o.ok) continue;
    failures.push(`${o.id}: ${o.reason}`);
    // The first few failing histories kept with the run's logs, to replay and study (Temporal's store is gone after the run).
    if (failures.length <= 5) {
      const h = histories.find((x) => x.workflowId === o.id);
      if (h) writeFileSync(join(ctx.logDir, `replay-failed-${step}-${o.id}.json`), JSON.stringify(h.history));
    }
  }
  const ms = performance.now() - started;
  ctx.log(
    `  replayed the ${step}-step run's ${histories.length} histories (on its bundle) in ${(ms / 1000).toFixed(1)} s: ${failures.length} failed${failures.length ? `, e.g. ${failures[0]} (the first few histories in replay-failed-${step}-*.json with the logs)` : ''}`,
  );
  return { histories: histories.length, failed: failures.length, failures: failures.slice(0, 5), perSecond: histories.length / (ms / 1000) };
}
