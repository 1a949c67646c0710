// Benchmark 4: orders per second through the API by closed-loop clients, against the engine's floor on
// the same server and worker settings (../throughput.ts runs the loops, ../floor-workflow.ts is the floor);
// on each shape of Temporal (opts.shapes) with each number of workers (opts.throughputWorkers), with
// Temporal's own figures from its metrics (../temporal-metrics.ts).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
import { opts } from '../options.js';
import { loadCustomers, orderBodies, type BenchCustomer } from '../orders.js';
import type { TemporalShape } from '../options.js';
import { caseName, RATIO_TARGET, type ProcessStats, type TemporalSummary, type ThroughputCase, type ThroughputSection } from '../results.js';
import type { TemporalFigures } from '../temporal-metrics.js';
import { fmt, median } from '../stats.js';
import { coresLine, type System } from '../system.js';
import { activitiesPerOrder, runFloorLoop, runOrderLoop } from '../throughput.js';

export async function benchThroughput(ctx: BenchContext, sys: System): Promise<ThroughputSection> {
  ctx.log(
    `4. throughput: on ${opts.shapes.join(' and ')} with ${opts.throughputWorkers.join(' and ')} worker(s): ${opts.throughputRuns} × ${opts.throughputOrders} orders through the API by ${opts.throughputConcurrency} closed-loop clients (${Math.round(opts.installShare * 100)}% with a field installation), and as many floor workflows, each run on a fresh Temporal; simulators at ${opts.throughputSimLatencyMs} ms`,
  );
  const customers = await loadCustomers(sys.db);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.throughputSimLatencyMs, jitterMs: Math.round(opts.throughputSimLatencyMs / 2) })));
  // The floor's worker has the project worker's settings, on a task queue of its own.
  const floorBundle = join(ctx.logDir, 'floor-bundle.js');
  writeFileSync(floorBundle, await bundleWorkflows(ctx.log, join(ctx.root, 'scripts/bench/floor-workflow.ts')));
  const events = await EventsProbe.start();
  const section: ThroughputSection = {
    concurrency: opts.throughputConcurrency,
    installShare: opts.installShare,
    simLatencyMs: opts.throughputSimLatencyMs,
    activitiesPerOrder: { mean: 0, withChildren: 0, sampled: 0 },
    floorSteps: 0,
    cases: [],
  };
  const primary = sys.shape;
  try {
    for (const shape of opts.shapes) {
      for (const workers of opts.throughputWorkers) {
        sys.shape = shape;
        const runs = new ThroughputRuns(ctx, sys, customers, floorBundle, events, section, newCase(shape, workers));
        try {
          for (let r = 1; r <= opts.throughputRuns; r++) {
            await runs.ordersRound(r);
            await sys.stopWorker();
            await runs.floorRound(r);
          }
        } finally {
          await runs.stopExtras();
        }
        const c = summarise(runs.tc);
        section.cases.push(c);
        ctx.log(
          `  ${caseName(c)}: orders ${c.ordersMedianPerSecond.toFixed(1)}/s vs floor ${c.floorMedianPerSecond.toFixed(1)}/s: ratio ${c.ratio.toFixed(2)} (target ≥ ${RATIO_TARGET}); state transitions ${fmt(c.temporal.orders?.stateTransitionsPerSecond ?? NaN)}/s | ${fmt(c.temporal.floor?.stateTransitionsPerSecond ?? NaN)}/s; persistence p50 ${fmt(c.temporal.orders?.persistenceMs.p50 ?? NaN)} | ${fmt(c.temporal.floor?.persistenceMs.p50 ?? NaN)} ms, p99 ${fmt(c.temporal.orders?.persistenceMs.p99 ?? NaN)} | ${fmt(c.temporal.floor?.persistenceMs.p99 ?? NaN)} ms (orders | floor, medians of the runs)`,
        );
      }
    }
  } finally {
    await events.stop();
    // The benchmarks after this one run on the first shape, with one worker, as they started.
    sys.shape = primary;
    if (sys.temporalShape !== primary) {
      await sys.restartTemporal();
      await sys.restartApi();
    }
    if (!sys.worker) await sys.startWorker();
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
  }
  return section;
}

function newCase(shape: TemporalShape, workers: number): ThroughputCase {
  return {
    shape,
    workers,
    orders: [],
    floor: [],
    ordersMedianPerSecond: 0,
    floorMedianPerSecond: 0,
    ratio: 0,
    hoursFor150k: 0,
    cpuShare: { orders: {}, floor: {} },
    cpuMsPerWorkflow: { orders: {}, floor: {} },
    temporal: {},
    processStats: [],
    events: [],
  };
}

/**
 * The alternating runs of one case, orders then floor, and what each run needs besides the system: a
 * Temporal client, the simulated installation department (orders), the floor's workers (floor).
 */
class ThroughputRuns {
  private readonly floorQueue = `bench-floor-${randomUUID()}`;
  private readonly token: string;
  /** Each measured run is preceded by a warm-up of this many workflows. */
  private readonly warmUp = Math.min(60, opts.throughputOrders);
  /** Run labels name the case: dev-1w-orders-1, cluster-2w-floor-3. */
  private readonly prefix: string;
  private seed = 1000;
  private client?: Client;
  private department?: SimulatedDepartment;
  private floorWorkers: BenchChild[] = [];

  constructor(
    private readonly ctx: BenchContext,
    private readonly sys: System,
    private readonly customers: BenchCustomer[],
    private readonly floorBundle: string,
    private readonly events: EventsProbe,
    /** The whole section: the order's shape (measured once, in the first case) and the replay check. */
    private readonly section: ThroughputSection,
    readonly tc: ThroughputCase,
  ) {
    // Order entry places the orders; ops may also subscribe to the trouble-ticket hub (order entry may not).
    this.token = signToken({ sub: 'bench-throughput', roles: ['order-entry', 'ops'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
    this.prefix = `${tc.shape}-${tc.workers}w-`;
  }

  /** Run `r` of the orders: a warm-up (the first of the benchmark also counts an order's activities for the floor), then the measured run. */
  async ordersRound(r: number): Promise<void> {
    const { ctx, section, tc } = this;
    await this.freshStack('orders');
    const warm = await this.orderRun(`${this.prefix}orders-warm-up-${r}`, this.warmUp);
    if (!section.floorSteps) {
      // The shape of an order, counted in its histories: the floor workflow gets as many activities.
      section.activitiesPerOrder = await activitiesPerOrder(this.client!, warm.orderIds.slice(0, 40));
      section.floorSteps = Math.max(1, Math.round(section.activitiesPerOrder.withChildren));
      ctx.log(
        `  an order runs ${section.activitiesPerOrder.mean.toFixed(1)} activities (${section.activitiesPerOrder.withChildren.toFixed(1)} with its installation work order's): the floor workflow gets ${section.floorSteps}`,
      );
    }
    const o = await this.orderRun(`${this.prefix}orders-${r}`, opts.throughputOrders);
    tc.orders.push(o.result);
    tc.processStats.push(o.stats);
    if (!section.replayCheck) section.replayCheck = await replayRunHistories(ctx, this.client!, o.orderIds);
  }

  /** Run `r` of the floor: a warm-up, then the measured run. */
  async floorRound(r: number): Promise<void> {
    await this.freshStack('floor');
    await this.floorRun(`${this.prefix}floor-warm-up-${r}`, this.warmUp);
    const f = await this.floorRun(`${this.prefix}floor-${r}`, opts.throughputOrders);
    this.tc.floor.push(f.value);
    this.tc.processStats.push(f.stats);
  }

  async stopExtras(): Promise<void> {
    await this.department?.stop();
    await this.client?.connection.close();
    await Promise.all(this.floorWorkers.splice(0).map((w) => this.sys.stopExtra(w)));
    this.department = this.client = undefined;
  }

  /**
   * Every measured run starts from the same point: an empty Temporal (the dev server's in-memory store
   * grows with every workflow and slows it down; the cluster's databases are new), fresh processes, a short warm-up.
   */
  private async freshStack(kind: 'orders' | 'floor'): Promise<void> {
    const { sys, tc } = this;
    await this.stopExtras();
    await sys.restartTemporal();
    await sys.restartApi();
    if (kind === 'orders') await sys.startWorkers(tc.workers);
    else {
      const env = { ...sys.childEnv, BENCH_FLOOR_BUNDLE: this.floorBundle, BENCH_FLOOR_TASK_QUEUE: this.floorQueue };
      this.floorWorkers = await Promise.all(Array.from({ length: tc.workers }, (_, i) => sys.startExtra('floor', env, i ? `floor-${i + 1}` : 'floor')));
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
  }

  private async orderRun(label: string, count: number) {
    const { ctx, sys } = this;
    const bodies = orderBodies(this.customers, count, this.seed++, { installShare: opts.installShare });
    // A subscriber on both APIs takes every event; after the run the deliverer drains (outside the CPU measurement).
    await this.events.subscribe(sys.apiPort, this.token);
    const {
      value: { value, stats },
      events,
    } = await this.events.measure(label, sys.db, () =>
      sys.measured(label, () =>
        runOrderLoop({
          label,
          client: this.client!,
          port: sys.apiPort,
          token: this.token,
          bodies,
          concurrency: opts.throughputConcurrency,
          idempotencyPrefix: `${label}-${ctx.stamp}`,
        }),
      ),
    );
    if (!label.includes('warm-up')) this.tc.events.push(events);
    const r = value.result;
    ctx.log(
      `  ${label}: ${r.workflows} orders in ${(r.elapsedMs / 1000).toFixed(1)} s = ${r.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(r.endToEnd.p50)} ms p99 ${fmt(r.endToEnd.p99)} ms; API p50 ${fmt(r.api!.p50)} ms p99 ${fmt(r.api!.p99)} ms; ${JSON.stringify(r.outcomes)}${r.errors ? `; ${r.errors} errors, e.g. ${r.errorSamples[0]}` : ''}`,
    );
    ctx.log(
      `    events: ${events.events} delivered, ${fmt(events.perSecond)}/s; change → delivery p50 ${fmt(events.delayMs.p50)} ms p99 ${fmt(events.delayMs.p99)} ms; drained ${events.drainS.toFixed(1)} s after the run; ${JSON.stringify(events.byType)}`,
    );
    ctx.log(`    ${coresLine(stats)}${temporalLine(stats)}`);
    return { ...value, stats };
  }

  private async floorRun(label: string, count: number) {
    const { ctx, sys, section } = this;
    const { value, stats } = await sys.measured(label, () =>
      runFloorLoop({
        label,
        client: this.client!,
        taskQueue: this.floorQueue,
        count,
        steps: section.floorSteps,
        concurrency: opts.throughputConcurrency,
        idPrefix: `${label}-${ctx.stamp}`,
      }),
    );
    ctx.log(
      `  ${label}: ${value.workflows} workflows of ${section.floorSteps} no-op activities in ${(value.elapsedMs / 1000).toFixed(1)} s = ${value.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(value.endToEnd.p50)} ms p99 ${fmt(value.endToEnd.p99)} ms${value.errors ? `; ${value.errors} errors, e.g. ${value.errorSamples[0]}` : ''}`,
    );
    ctx.log(`    ${coresLine(stats)}${temporalLine(stats)}`);
    return { value, stats };
  }
}

const temporalLine = (s: ProcessStats) =>
  s.temporal
    ? `; Temporal: ${fmt(s.temporal.stateTransitionsPerSecond)} state transitions/s, persistence mean ${fmt(s.temporal.persistence.meanMs)} ms p50 ${fmt(s.temporal.persistence.p50Ms)} p99 ${fmt(s.temporal.persistence.p99Ms)} (${s.temporal.persistence.requests} requests)`
    : '; Temporal: no metrics';

/** A case's medians over its runs: rates, their ratio, CPU (share of the machine, ms per workflow), Temporal's own figures. */
function summarise(tc: ThroughputCase): ThroughputCase {
  tc.ordersMedianPerSecond = median(tc.orders.map((r) => r.perSecond));
  tc.floorMedianPerSecond = median(tc.floor.map((r) => r.perSecond));
  tc.ratio = tc.ordersMedianPerSecond / tc.floorMedianPerSecond;
  tc.hoursFor150k = 150_000 / tc.ordersMedianPerSecond / 3600;
  tc.eventsMedianPerSecond = median(tc.events.map((e) => e.perSecond));
  tc.eventsDelayMedianMs = { p50: median(tc.events.map((e) => e.delayMs.p50)), p99: median(tc.events.map((e) => e.delayMs.p99)) };
  const finished = new Map([...tc.orders, ...tc.floor].map((r) => [r.label, Object.values(r.outcomes).reduce((a, b) => a + b, 0)]));
  const runsOf = (kind: 'orders' | 'floor') => tc.processStats.filter((st) => st.run.includes(`-${kind}-`));
  const perGroup = (runs: ProcessStats[], value: (st: ProcessStats, g: string) => number) => {
    const groups = [...new Set(runs.flatMap((st) => Object.keys(st.cores)))];
    return Object.fromEntries(groups.map((g) => [g, median(runs.map((st) => value(st, g)))]));
  };
  const share = (kind: 'orders' | 'floor') => perGroup(runsOf(kind), (st, g) => (st.cores[g] ?? 0) / cpus().length);
  const msPer = (kind: 'orders' | 'floor') => perGroup(runsOf(kind), (st, g) => ((st.cores[g] ?? 0) * st.wallS * 1000) / (finished.get(st.run) || NaN));
  tc.cpuShare = { orders: share('orders'), floor: share('floor') };
  tc.cpuMsPerWorkflow = { orders: msPer('orders'), floor: msPer('floor') };
  const temporal = (kind: 'orders' | 'floor'): TemporalSummary | undefined => {
    const runs = runsOf(kind).filter((st) => st.temporal);
    if (!runs.length) return undefined;
    const m = (f: (t: TemporalFigures, st: ProcessStats) => number) => median(runs.map((st) => f(st.temporal!, st)));
    return {
      stateTransitionsPerSecond: m((t) => t.stateTransitionsPerSecond),
      stateTransitionsPerWorkflow: m((t, st) => t.stateTransitions / (finished.get(st.run) || NaN)),
      persistenceRequestsPerWorkflow: m((t, st) => t.persistence.requests / (finished.get(st.run) || NaN)),
      persistenceMs: { mean: m((t) => t.persistence.meanMs), p50: m((t) => t.persistence.p50Ms), p99: m((t) => t.persistence.p99Ms) },
    };
  };
  tc.temporal = { orders: temporal('orders'), floor: temporal('floor') };
  return tc;
}

/**
 * Determinism under load: the histories of a run's orders (and their installation work orders),
 * written while handlers, timers and local activities interleaved, replayed against the same code.
 */
async function replayRunHistories(ctx: BenchContext, client: Client, orderIds: readonly string[]) {
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
  for await (const o of replayHistories({ workflowBundle: { code: readFileSync(join(ctx.logDir, 'workflow-bundle.js'), 'utf8') } }, histories)) {
    if (!o.ok) failures.push(`${o.id}: ${o.reason}`);
  }
  const ms = performance.now() - started;
  ctx.log(
    `  replayed the run's ${histories.length} histories in ${(ms / 1000).toFixed(1)} s: ${failures.length} failed${failures.length ? `, e.g. ${failures[0]}` : ''}`,
  );
  return { histories: histories.length, failed: failures.length, failures: failures.slice(0, 5), perSecond: histories.length / (ms / 1000) };
}
