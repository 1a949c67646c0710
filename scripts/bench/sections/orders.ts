// Benchmark 2: POST /productOrder at a fixed rate (open loop) against the whole system, run after run
// from the same starting point, then how many of the orders complete (../orders.ts sends the load).
import type pg from 'pg';
import { signToken } from '../../../api/auth.js';
import { connectClient } from '../../../platform/temporal.js';
import type { BenchContext } from '../context.js';
import { opts } from '../options.js';
import { loadCustomers, orderBodies, runOrderLoad, runSerial, waitForCompletion, type BenchCustomer } from '../orders.js';
import { probeCreateOrderSteps, type StepTimes } from '../probe.js';
import type { OrderRun, OrdersSection, ProcessStats } from '../results.js';
import { fmt, medianOfRuns, type Summary } from '../stats.js';
import { coresLine, type System } from '../system.js';

/** The runs of the order benchmark on one system: their order bodies (seeded in turn) and their CPU figures. */
class OrderLoads {
  readonly processStats: ProcessStats[] = [];
  private seed = 1;

  constructor(
    private readonly ctx: BenchContext,
    private readonly sys: System,
    private readonly customers: BenchCustomer[],
  ) {}

  token(label: string): string {
    const { config } = this.sys;
    return signToken({ sub: `bench-${label}`, roles: ['order-entry'], localNetworks: '*' }, config.jwtSecret, config.AUTH_JWT_ISSUER);
  }

  /** The next `count` order bodies (each call a seed of its own). */
  bodies(count: number) {
    return orderBodies(this.customers, count, this.seed++);
  }

  /**
   * The same starting point for every run: an empty Temporal, a fresh API process (its reference data
   * loads on the first request, see stale-reference), the worker running or not, 100 warm-up orders at 25/s.
   */
  async freshStack(worker: boolean): Promise<void> {
    const { sys } = this;
    await sys.restartTemporal();
    await sys.restartApi();
    if (worker) await sys.startWorker();
    const w = await runOrderLoad({
      label: 'prewarm',
      port: sys.apiPort,
      token: this.token('prewarm'),
      bodies: this.bodies(100),
      ratePerSec: 25,
      idempotencyPrefix: `prewarm-${this.seed}-${this.ctx.stamp}`,
    });
    if (w.result.errors) this.ctx.log(`    warm-up: ${w.result.errors} errors, e.g. ${w.result.errorSamples[0] ?? ''}`);
  }

  /** `rate` orders a second for `seconds`, measured. */
  async load(mode: OrderRun['mode'], label: string, rate: number, seconds: number, timeoutMs?: number): Promise<OrderRun> {
    const { ctx, sys } = this;
    const bodies = this.bodies(Math.round(rate * seconds));
    const { value, stats } = await sys.measured(label, () =>
      runOrderLoad({ label, port: sys.apiPort, token: this.token(label), bodies, ratePerSec: rate, idempotencyPrefix: `${label}-${ctx.stamp}`, timeoutMs }),
    );
    const result: OrderRun = { ...value.result, mode };
    this.processStats.push(stats);
    const apiStats = stats.children.find((c) => c.role === 'api');
    ctx.log(
      `  ${label} (${rate}/s): ${result.requests} requests, ${result.errors} errors, p50 ${fmt(result.latency.p50)} ms, p95 ${fmt(result.latency.p95)} ms, p99 ${fmt(result.latency.p99)} ms, max ${fmt(result.latency.max)} ms`,
    );
    ctx.log(
      `    ${coresLine(stats)}; API event loop max ${fmt(apiStats?.eventLoopDelayMs.max ?? NaN)} ms; API reference loads ${apiStats?.referenceLoads ?? '?'}`,
    );
    if (result.errorSamples.length) ctx.log(`    errors, e.g.: ${result.errorSamples.slice(0, 2).join(' | ')}`);
    return result;
  }

  /** After the load: the worker running, how many of the run's orders complete within the window. */
  async completion(run: OrderRun, loadEnded: number): Promise<void> {
    const { ctx, sys } = this;
    const window = opts.completionWindowS * 1000;
    const { value, stats } = await sys.measured(`${run.label} drain`, async () => {
      if (!sys.worker) {
        const ms = await sys.startWorker();
        ctx.log(`    worker started ${(ms / 1000).toFixed(1)} s after the load`);
      }
      return waitForCompletion(sys.db, [{ createdBy: `bench-${run.label}`, accepted: run.statuses['201'] ?? 0 }], window, window, loadEnded);
    });
    this.processStats.push(stats);
    const c = (run.completion = value[0]!);
    ctx.log(
      `    ${c.completedWithinWindow}/${c.accepted} completed within ${opts.completionWindowS} s after the load` +
        (c.allFinalAfterMs !== null ? `; all final after ${(c.allFinalAfterMs / 1000).toFixed(1)} s` : `; then ${JSON.stringify(c.states)}`) +
        (c.fulfilment ? `; creation → completed p50 ${(c.fulfilment.p50 / 1000).toFixed(1)} s` : ''),
    );
    ctx.log(`    drain: ${coresLine(stats)}; worker reference loads ${stats.children.find((x) => x.role === 'worker')?.referenceLoads ?? '?'}`);
  }
}

export async function benchOrders(ctx: BenchContext, sys: System): Promise<OrdersSection> {
  const count = Math.round(opts.orderRate * opts.orderSeconds);
  ctx.log(
    `2. orders: POST /productOrder at ${opts.orderRate}/s for ${opts.orderSeconds} s (${count} orders): ${opts.orderRuns} api-only run(s), ${opts.orderTogetherRuns} with the worker running; simulators at ${opts.simLatencyMs} ms`,
  );
  const loads = new OrderLoads(ctx, sys, await loadCustomers(sys.db));
  const apiOnly = await apiOnlyRuns(ctx, loads);
  const together = await togetherRuns(ctx, loads);
  const runs = [...apiOnly, ...together];
  // c. The API has now run for over a minute since its reference data loaded: the next requests find
  //    the snapshot stale and reload it under load.
  if (opts.staleSeconds > 0 && !ctx.overBudget('the stale-reference run', 25)) {
    runs.push(await loads.load('stale-reference', 'stale-reference', opts.orderRate, opts.staleSeconds, 15_000));
  }
  const unloaded = await unloadedAndSweep(ctx, sys, loads);
  const all = [...runs, ...unloaded.sweep];
  const perRequest = (f: (st: ProcessStats, run: OrderRun) => number) =>
    Object.fromEntries(
      loads.processStats.flatMap((st) => {
        const run = all.find((r) => r.label === st.run);
        return run ? [[st.run, f(st, run)]] : [];
      }),
    );
  return {
    simLatencyMs: opts.simLatencyMs,
    ratePerSec: opts.orderRate,
    runs,
    sweep: unloaded.sweep,
    serial: unloaded.serial,
    steps: unloaded.steps,
    apiOnlyMedian: apiOnly.length ? medianOfRuns(apiOnly.map((r) => r.latency)) : undefined,
    togetherMedian: together.length ? medianOfRuns(together.map((r) => r.latency)) : undefined,
    processStats: loads.processStats,
    idempotencyLookupPlan: await idempotencyLookupPlan(sys.db),
    apiCpuMsPerRequest: perRequest((st, run) => (st.children.find((c) => c.role === 'api')?.cpuMs ?? NaN) / run.requests),
    temporalCpuMsPerRequest: perRequest((st, run) => ((st.cores.temporal ?? 0) * st.wallS * 1000) / run.requests),
  };
}

/**
 * a. api-only: the worker stopped during the load; the workflows start and wait in Temporal. Then the
 *    worker is started and the last run's orders are followed for the completion window.
 */
async function apiOnlyRuns(ctx: BenchContext, loads: OrderLoads): Promise<OrderRun[]> {
  const apiOnly: OrderRun[] = [];
  for (let r = 1; r <= opts.orderRuns; r++) {
    if (r > 1 && ctx.overBudget(`api-only order run ${r}`, 50)) break;
    await loads.freshStack(false);
    apiOnly.push(await loads.load('api-only', `api-only-${r}`, opts.orderRate, opts.orderSeconds));
  }
  if (apiOnly.length) await loads.completion(apiOnly[apiOnly.length - 1]!, Date.now());
  return apiOnly;
}

/** b. together: the worker fulfilling orders on the same cores during the load. */
async function togetherRuns(ctx: BenchContext, loads: OrderLoads): Promise<OrderRun[]> {
  const together: OrderRun[] = [];
  for (let r = 1; r <= opts.orderTogetherRuns; r++) {
    if (ctx.overBudget(`together order run ${r}`, 125)) break;
    await loads.freshStack(true);
    const run = await loads.load('together', `together-${r}`, opts.orderRate, opts.orderSeconds);
    await loads.completion(run, Date.now());
    together.push(run);
  }
  return together;
}

/** d. One order at a time, each step timed, then lower rates: the floor, and where the knee is here. */
async function unloadedAndSweep(
  ctx: BenchContext,
  sys: System,
  loads: OrderLoads,
): Promise<{ serial?: { latency: Summary; errors: number }; steps?: StepTimes; sweep: OrderRun[] }> {
  const sweep: OrderRun[] = [];
  if (ctx.overBudget('the unloaded probe and the rate sweep', 20 + opts.sweepRates.length * (opts.sweepSeconds + 3))) return { sweep };
  await loads.freshStack(false);
  const serial = await runSerial({
    port: sys.apiPort,
    token: loads.token('serial'),
    bodies: loads.bodies(opts.serialRequests),
    idempotencyPrefix: `serial-${ctx.stamp}`,
  });
  ctx.log(
    `  one at a time: ${serial.latency.n} orders, p50 ${fmt(serial.latency.p50)} ms, p95 ${fmt(serial.latency.p95)} ms, p99 ${fmt(serial.latency.p99)} ms (${serial.errors} errors)`,
  );
  const client = await connectClient(sys.config);
  let steps: StepTimes;
  try {
    steps = await probeCreateOrderSteps(sys.orm, client, sys.urls as Parameters<typeof probeCreateOrderSteps>[2], loads.bodies(51));
  } finally {
    await client.connection.close();
  }
  ctx.log(
    `  its steps, called directly (p50 / p99 ms): ${Object.entries(steps)
      .map(([k, v]) => `${k} ${fmt(v.p50)} / ${fmt(v.p99)}`)
      .join(', ')}`,
  );
  for (const rate of opts.sweepRates) sweep.push(await loads.load('sweep', `sweep-${rate}`, rate, opts.sweepSeconds));
  return { serial, steps, sweep };
}

/** How PostgreSQL finds an order by its idempotency key (db/orders.ts findOrderByKeys). */
async function idempotencyLookupPlan(db: pg.Client): Promise<string[]> {
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze) select * from product_order where (idempotency_key = $1 and $1 is not null) or (external_id = $2 and $2 is not null) order by created_at limit 1`,
    ['bench-api-only-1:api-only-1-x', null],
  );
  return plan.rows.map((r) => r['QUERY PLAN']);
}
