// Benchmark 4: throughput against the engine's own floor. Closed loops of `concurrency` clients:
//  - orders: each client places an order through the API and waits for its workflow to finish, then
//    places the next (field installations are answered by a simulated department);
//  - floor:  each client starts a workflow of the same number of no-op activities (floor-workflow.ts:
//    through the task queue, or as local activities) and waits for it, on the same server and the
//    same worker settings.
// Throughput is finished workflows per second of the loop; the ratio orders / floor says how much of
// what the engine allows here the project's own work (API, database, adapters, saga) leaves.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { OrderView } from '../../contracts/order-fulfilment.js';
import { postOrder } from './infra.js';
import { summarize, type Summary } from './stats.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';

export interface LoopResult {
  label: string;
  workflows: number;
  concurrency: number;
  elapsedMs: number;
  perSecond: number;
  /** Start (the API request, or the client's start) to the workflow's result. */
  endToEnd: Summary;
  /** Orders only: the POST /productOrder round trip. */
  api?: Summary;
  outcomes: Record<string, number>;
  errors: number;
  errorSamples: string[];
}

/** Runs `count` jobs with `concurrency` in flight; `one` returns its outcome label. */
async function closedLoop(count: number, concurrency: number, one: (i: number) => Promise<string>, onDone?: () => void) {
  let next = 0;
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  /** When each job finished, in ms since the loop started (a long run's rate minute by minute). */
  const finishedAtMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        try {
          const outcome = await one(i);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          latencies.push(performance.now() - t);
          finishedAtMs.push(performance.now() - started);
          onDone?.();
        } catch (err) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(err instanceof Error ? err.message : String(err));
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return { elapsedMs, latencies, finishedAtMs, outcomes, errors, errorSamples };
}

export async function runOrderLoop(opts: {
  label: string;
  client: Client;
  port: number;
  token: string;
  bodies: Array<Record<string, unknown>>;
  concurrency: number;
  idempotencyPrefix: string;
  /** Called as each order finishes (a long run's progress). */
  onDone?: () => void;
}): Promise<{ result: LoopResult; orderIds: string[]; finishedAtMs: number[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const api: number[] = [];
  const orderIds: string[] = [];
  const loop = await closedLoop(
    opts.bodies.length,
    opts.concurrency,
    async (i) => {
      const t = performance.now();
      const res = await postOrder(agent, opts, i, opts.bodies[i]);
      api.push(performance.now() - t);
      if (res.status !== 201) throw new Error(`POST /productOrder → ${res.status}: ${res.body.slice(0, 300)}`);
      const { id } = JSON.parse(res.body) as { id: string };
      orderIds.push(id);
      const view = (await opts.client.workflow.getHandle(orderWorkflowId(id)).result()) as OrderView;
      return view.state;
    },
    opts.onDone,
  );
  agent.destroy();
  return { result: present(opts.label, opts.bodies.length, opts.concurrency, loop, summarize(api)), orderIds, finishedAtMs: loop.finishedAtMs };
}

export async function runFloorLoop(opts: {
  label: string;
  client: Client;
  taskQueue: string;
  count: number;
  steps: number;
  concurrency: number;
  idPrefix: string;
  /** floorOrder (through the task queue, the default) or floorOrderLocal (local activities). */
  workflowType?: 'floorOrder' | 'floorOrderLocal';
}): Promise<LoopResult> {
  const loop = await closedLoop(opts.count, opts.concurrency, async (i) => {
    const handle = await opts.client.workflow.start(opts.workflowType ?? 'floorOrder', {
      taskQueue: opts.taskQueue,
      workflowId: `${opts.idPrefix}-${i}`,
      args: [opts.steps],
    });
    await handle.result();
    return 'completed';
  });
  return present(opts.label, opts.count, opts.concurrency, loop);
}

function present(label: string, workflows: number, concurrency: number, loop: Awaited<ReturnType<typeof closedLoop>>, api?: Summary): LoopResult {
  const done = Object.values(loop.outcomes).reduce((a, b) => a + b, 0);
  return {
    label,
    workflows,
    concurrency,
    elapsedMs: loop.elapsedMs,
    perSecond: done / (loop.elapsedMs / 1000),
    endToEnd: summarize(loop.latencies),
    ...(api ? { api } : {}),
    outcomes: loop.outcomes,
    errors: loop.errors,
    errorSamples: loop.errorSamples,
  };
}

/**
 * Activities an order runs, counted in the histories of a sample of orders (their field-installation
 * child workflows' activities included): the floor workflow gets that many.
 */
export async function activitiesPerOrder(client: Client, orderIds: readonly string[]): Promise<{ mean: number; withChildren: number; sampled: number }> {
  let own = 0;
  let children = 0;
  for (const id of orderIds) {
    const history = await client.workflow.getHandle(orderWorkflowId(id)).fetchHistory();
    for (const e of history.events ?? []) {
      // Local activities (the read-model bookkeeping) count as activities too: the floor gets as many.
      if (e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity') own++;
      const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (child) {
        const h = await client.workflow.getHandle(child).fetchHistory();
        children += (h.events ?? []).filter(
          (x) => x.activityTaskScheduledEventAttributes || x.markerRecordedEventAttributes?.markerName === 'core_local_activity',
        ).length;
      }
    }
  }
  const n = Math.max(1, orderIds.length);
  return { mean: own / n, withChildren: (own + children) / n, sampled: orderIds.length };
}

/**
 * Finished workflows per second in each whole minute of a run (the last, partial minute over its own
 * length when it lasted at least 10 s): whether a long run's rate sags as Temporal's store grows.
 */
export function perMinuteRates(finishedAtMs: readonly number[], elapsedMs: number): number[] {
  const minutes = Math.floor(elapsedMs / 60_000);
  const rest = elapsedMs - minutes * 60_000;
  const counts = new Array<number>(minutes + (rest >= 10_000 ? 1 : 0)).fill(0);
  for (const t of finishedAtMs) {
    const m = Math.floor(t / 60_000);
    if (m < counts.length) counts[m]!++;
  }
  return counts.map((n, m) => n / (m < minutes ? 60 : rest / 1000));
}
