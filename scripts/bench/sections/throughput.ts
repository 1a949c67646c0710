// Benchmark 4: orders per second through the API by closed-loop clients, against the engine's floor on
// the same server and worker settings (../throughput.ts runs the loops, ../floor-workflow.ts is the floor).
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
import type { ThroughputSection } from '../results.js';
import { fmt, median } from '../stats.js';
import { coresLine, type System } from '../system.js';
import { activitiesPerOrder, runFloorLoop, runOrderLoop } from '../throughput.js';

export async function benchThroughput(ctx: BenchContext, sys: System): Promise<ThroughputSection> {
  ctx.log(
    `4. throughput: ${opts.throughputRuns} × ${opts.throughputOrders} orders through the API by ${opts.throughputConcurrency} closed-loop clients (${Math.round(opts.installShare * 100)}% with a field installation), and as many floor workflows, each run on a fresh Temporal server; simulators at ${opts.throughputSimLatencyMs} ms`,
  );
  const customers = await loadCustomers(sys.db);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.throughputSimLatencyMs, jitterMs: Math.round(opts.throughputSimLatencyMs / 2) })));
  // The floor's worker has the project worker's settings, on a task queue of its own.
  const floorBundle = join(ctx.logDir, 'floor-bundle.js');
  writeFileSync(floorBundle, await bundleWorkflows(ctx.log, join(ctx.root, 'scripts/bench/floor-workflow.ts')));
  const events = await EventsProbe.start();
  const runs = new ThroughputRuns(ctx, sys, customers, floorBundle, events);
  try {
    for (let r = 1; r <= opts.throughputRuns; r++) {
      await runs.ordersRound(r);
      await sys.stopWorker();
      await runs.floorRound(r);
    }
  } finally {
    await runs.stopExtras();
    await events.stop();
    if (!sys.worker) await sys.startWorker();
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
  }
  const section = summarise(runs.section);
  ctx.log(
    `  events ${fmt(section.eventsMedianPerSecond ?? NaN)}/s delivered, change → delivery p50 ${fmt(section.eventsDelayMedianMs?.p50 ?? NaN)} ms p99 ${fmt(section.eventsDelayMedianMs?.p99 ?? NaN)} ms (medians of the runs)`,
  );
  ctx.log(
    `  orders ${section.ordersMedianPerSecond.toFixed(1)}/s vs floor ${section.floorMedianPerSecond.toFixed(1)}/s: ratio ${section.ratio.toFixed(2)} (target ≥ 0.8); 150,000 orders would take ${section.hoursFor150k.toFixed(1)} h here`,
  );
  return section;
}

/**
 * The alternating runs, orders then floor, and what each run needs besides the system: a Temporal
 * client, the simulated installation department (orders), the floor's worker (floor).
 */
class ThroughputRuns {
  readonly section: ThroughputSection = {
    concurrency: opts.throughputConcurrency,
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
    events: [],
  };
  private readonly floorQueue = `bench-floor-${randomUUID()}`;
  private readonly token: string;
  /** Each measured run is preceded by a warm-up of this many workflows. */
  private readonly warmUp = Math.min(60, opts.throughputOrders);
  private seed = 1000;
  private client?: Client;
  private department?: SimulatedDepartment;
  private floorWorker?: BenchChild;

  constructor(
    private readonly ctx: BenchContext,
    private readonly sys: System,
    private readonly customers: BenchCustomer[],
    private readonly floorBundle: string,
    private readonly events: EventsProbe,
  ) {
    // Order entry places the orders; ops may also subscribe to the trouble-ticket hub (order entry may not).
    this.token = signToken({ sub: 'bench-throughput', roles: ['order-entry', 'ops'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  }

  /** Run `r` of the orders: a warm-up (the first also counts an order's activities for the floor), then the measured run. */
  async ordersRound(r: number): Promise<void> {
    const { ctx, section } = this;
    await this.freshStack('orders');
    const warm = await this.orderRun(`orders-warm-up-${r}`, this.warmUp);
    if (r === 1) {
      // The shape of an order, counted in its histories: the floor workflow gets as many activities.
      section.activitiesPerOrder = await activitiesPerOrder(this.client!, warm.orderIds.slice(0, 40));
      section.floorSteps = Math.max(1, Math.round(section.activitiesPerOrder.withChildren));
      ctx.log(
        `  an order runs ${section.activitiesPerOrder.mean.toFixed(1)} activities (${section.activitiesPerOrder.withChildren.toFixed(1)} with its installation work order's): the floor workflow gets ${section.floorSteps}`,
      );
    }
    const o = await this.orderRun(`orders-${r}`, opts.throughputOrders);
    section.orders.push(o.result);
    section.processStats.push(o.stats);
    if (r === 1) section.replayCheck = await replayRunHistories(ctx, this.client!, o.orderIds);
  }

  /** Run `r` of the floor: a warm-up, then the measured run. */
  async floorRound(r: number): Promise<void> {
    await this.freshStack('floor');
    await this.floorRun(`floor-warm-up-${r}`, this.warmUp);
    const f = await this.floorRun(`floor-${r}`, opts.throughputOrders);
    this.section.floor.push(f.value);
    this.section.processStats.push(f.stats);
  }

  async stopExtras(): Promise<void> {
    await this.department?.stop();
    await this.client?.connection.close();
    if (this.floorWorker) await this.sys.stopExtra(this.floorWorker);
    this.department = this.client = this.floorWorker = undefined;
  }

  /**
   * Every measured run starts from the same point: an empty Temporal dev server (its in-memory
   * store grows with every workflow and slows it down), fresh processes, a short warm-up.
   */
  private async freshStack(kind: 'orders' | 'floor'): Promise<void> {
    const { sys } = this;
    await this.stopExtras();
    await sys.restartTemporal();
    await sys.restartApi();
    if (kind === 'orders') await sys.startWorker();
    else {
      this.floorWorker = await sys.startExtra('floor', { ...sys.childEnv, BENCH_FLOOR_BUNDLE: this.floorBundle, BENCH_FLOOR_TASK_QUEUE: this.floorQueue });
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
    if (!label.includes('warm-up')) this.section.events.push(events);
    const r = value.result;
    ctx.log(
      `  ${label}: ${r.workflows} orders in ${(r.elapsedMs / 1000).toFixed(1)} s = ${r.perSecond.toFixed(1)}/s; end-to-end p50 ${fmt(r.endToEnd.p50)} ms p99 ${fmt(r.endToEnd.p99)} ms; API p50 ${fmt(r.api!.p50)} ms p99 ${fmt(r.api!.p99)} ms; ${JSON.stringify(r.outcomes)}${r.errors ? `; ${r.errors} errors, e.g. ${r.errorSamples[0]}` : ''}`,
    );
    ctx.log(
      `    events: ${events.events} delivered, ${fmt(events.perSecond)}/s; change → delivery p50 ${fmt(events.delayMs.p50)} ms p99 ${fmt(events.delayMs.p99)} ms; drained ${events.drainS.toFixed(1)} s after the run; ${JSON.stringify(events.byType)}`,
    );
    ctx.log(`    ${coresLine(stats)}`);
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
    ctx.log(`    ${coresLine(stats)}`);
    return { value, stats };
  }
}

/** The medians of the runs, their ratio, and the median share of the machine per process group. */
function summarise(section: ThroughputSection): ThroughputSection {
  section.ordersMedianPerSecond = median(section.orders.map((r) => r.perSecond));
  section.floorMedianPerSecond = median(section.floor.map((r) => r.perSecond));
  section.ratio = section.ordersMedianPerSecond / section.floorMedianPerSecond;
  section.hoursFor150k = 150_000 / section.ordersMedianPerSecond / 3600;
  section.eventsMedianPerSecond = median(section.events.map((e) => e.perSecond));
  section.eventsDelayMedianMs = { p50: median(section.events.map((e) => e.delayMs.p50)), p99: median(section.events.map((e) => e.delayMs.p99)) };
  const shareOf = (prefix: string) => {
    const runs = section.processStats.filter((st) => st.run.startsWith(prefix));
    const groups = [...new Set(runs.flatMap((st) => Object.keys(st.cores)))];
    return Object.fromEntries(groups.map((g) => [g, median(runs.map((st) => (st.cores[g] ?? 0) / cpus().length))]));
  };
  section.cpuShare = { orders: shareOf('orders-'), floor: shareOf('floor-') };
  return section;
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
