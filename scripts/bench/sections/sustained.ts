// The sustained run (BENCH_ONLY=sustained, issue 18): one long closed-loop run of orders through the
// API (BENCH_SUSTAINED_ORDERS, 20,000 by default), as the throughput benchmark's orders run (same
// clients, installation share, simulated department, simulator latency, event subscriber) on the first
// shape of Temporal, fresh, with one worker on the default bundle (its step shape is
// workflows/step-shape.ts's). What a day's load looks like: the rate over the whole run and minute by
// minute (does it sag as Temporal's store grows?), latency, CPU per order, the time 150,000 would take.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import { EventsProbe } from '../events.js';
import { opts, type StepShapeName } from '../options.js';
import { loadCustomers, orderBodies } from '../orders.js';
import { caseName, DAY_ORDERS, finishedOf, PER_WORKFLOW_GROUPS, short, type SustainedSection } from '../results.js';
import { fmt } from '../stats.js';
import type { System } from '../system.js';
import { perMinuteRates } from '../throughput.js';
import { simulatorControl } from '../../../simulators/control.js';
import { cpuMsPer, measuredOrderLoop, RunStack, temporalSummary } from './throughput.js';

export async function benchSustained(ctx: BenchContext, sys: System): Promise<SustainedSection> {
  const shape = opts.shapes[0]!;
  const bundle = join(ctx.logDir, 'workflow-bundle.js');
  // The default bundle's shape, as bench/step-shape.ts recognises a bundle's.
  const stepShape: StepShapeName = readFileSync(bundle, 'utf8').includes('localSteps: true') ? 'local' : 'queue';
  const where = caseName({ shape, workers: 1 });
  ctx.log(
    `sustained: ${opts.sustainedOrders} orders through the API by ${opts.throughputConcurrency} closed-loop clients (${Math.round(opts.installShare * 100)}% with a field installation) on a fresh ${where}, ${stepShape} steps (the default bundle); simulators at ${opts.throughputSimLatencyMs} ms`,
  );
  const customers = await loadCustomers(sys.db);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.throughputSimLatencyMs, jitterMs: Math.round(opts.throughputSimLatencyMs / 2) })));
  const events = await EventsProbe.start();
  const stack = new RunStack(sys);
  const primary = sys.shape;
  sys.shape = shape;
  try {
    await stack.fresh('orders', 1, bundle);
    const warmUp = Math.min(60, opts.sustainedOrders);
    await measuredOrderLoop(ctx, sys, events, stack, `sustained-warm-up`, orderBodies(customers, warmUp, 1, { installShare: opts.installShare }));
    // Progress once a minute: a 20,000-order run takes the better part of an hour.
    let done = 0;
    let lastDone = 0;
    const started = Date.now();
    const progress = setInterval(() => {
      ctx.log(
        `  sustained: ${done} of ${opts.sustainedOrders} orders after ${((Date.now() - started) / 60_000).toFixed(0)} min; ${fmt((done - lastDone) / 60)}/s in the last minute`,
      );
      lastDone = done;
    }, 60_000);
    const bodies = orderBodies(customers, opts.sustainedOrders, 2, { installShare: opts.installShare });
    let measured;
    try {
      measured = await measuredOrderLoop(ctx, sys, events, stack, 'sustained', bodies, () => done++);
    } finally {
      clearInterval(progress);
    }
    const { value, stats, events: eventsRun } = measured;
    const run = value.result;
    const finished = finishedOf(run);
    const perMinute = perMinuteRates(value.finishedAtMs, run.elapsedMs);
    const full = Math.floor(run.elapsedMs / 60_000);
    const section: SustainedSection = {
      shape,
      workers: 1,
      stepShape,
      concurrency: opts.throughputConcurrency,
      installShare: opts.installShare,
      simLatencyMs: opts.throughputSimLatencyMs,
      run,
      perMinute,
      ...(full >= 2 ? { lastOverFirstMinute: perMinute[full - 1]! / perMinute[0]! } : {}),
      hoursFor150k: DAY_ORDERS / run.perSecond / 3600,
      cpuMsPerOrder: Object.fromEntries(Object.keys(stats.cores).map((g) => [g, cpuMsPer(stats, g, finished)])),
      processStats: stats,
      events: eventsRun,
    };
    const t = temporalSummary([stats], () => finished);
    if (t) section.temporal = t;
    const cpu = PER_WORKFLOW_GROUPS.filter((g) => g !== 'floor')
      .map((g) => `${short(g)} ${fmt(section.cpuMsPerOrder[g] ?? 0)}`)
      .join(', ');
    const sag = section.lastOverFirstMinute ? ` (last full minute ${fmt(section.lastOverFirstMinute)}× the first)` : '';
    const temporal = t
      ? `; Temporal ${fmt(t.stateTransitionsPerSecond)} state transitions/s, ${fmt(t.stateTransitionsPerWorkflow)} per order, persistence p50 ${fmt(t.persistenceMs.p50)} ms p99 ${fmt(t.persistenceMs.p99)} ms`
      : '; Temporal: no metrics';
    ctx.log(
      `  sustained: ${finished} orders in ${fmt(run.elapsedMs / 60_000)} min = ${fmt(run.perSecond)}/s (${fmt(section.hoursFor150k)} h for ${DAY_ORDERS.toLocaleString('en')}); per minute ${perMinute.map(fmt).join(', ')}/s${sag}; end-to-end p50 ${fmt(run.endToEnd.p50)} ms p99 ${fmt(run.endToEnd.p99)} ms; ${run.errors} errors; CPU ms per order ${cpu}${temporal}`,
    );
    return section;
  } finally {
    await stack.stop();
    await events.stop();
    // The benchmarks after this one run on the first shape with one worker on the default bundle, as they started.
    sys.shape = primary;
    if (!sys.worker) await sys.startWorker();
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
  }
}
