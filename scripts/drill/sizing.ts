// How long the load drills may take, and how many orders they place, on this machine. The defaults
// (1,000 orders at 40/s, 300 s per drill) were set on the development machine, whose engine floor is
// 16–18 workflows/s; on a machine of half that floor the same drill needs about twice as long to
// finish its orders (temporal-restart: 397 s at 8.8/s, nothing lost). So `npm run drill` first
// measures the floor as the benchmark does — workflows of as many no-op activities as an order runs,
// by 40 closed-loop clients, on a fresh dev server, run by a worker with the project's settings — and
// scales the bound with it. Values given in the environment win.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../platform/config.js';
import { connectClient } from '../../platform/temporal.js';
import { bundleWorkflows } from '../../workers/worker.js';
import { childEnvironment, freePort, startChild } from '../bench/infra.js';
import { runFloorLoop } from '../bench/throughput.js';

/** Activities of an order with its installation work order's, counted in histories (README, Benchmarks). */
export const FLOOR_STEPS = 11;
const FLOOR_CLIENTS = 40;

export interface SizingInput {
  /** Measured floor, workflows/s; undefined when not measured. */
  floorPerS?: number;
  /** DRILL_ORDERS, DRILL_BOUND_S when given. */
  orders?: number;
  boundS?: number;
  rate: number;
  defaults: { orders: number; boundS: number };
  /** Seconds of drill per second of floor work for its orders (DRILL_BOUND_FACTOR). */
  factor: number;
  /** Start-up of a drill's system (database, seed, Temporal, simulators, API, worker) and its fault. */
  startupS: number;
  /** Beyond this the load shrinks instead (DRILL_MAX_BOUND_S), unless DRILL_ORDERS is given. */
  maxBoundS: number;
}

export interface Sizing {
  orders: number;
  rate: number;
  boundS: number;
  /** One phrase: where the bound and the order count came from. */
  why: string;
}

const MIN_ORDERS = 100;

/** The load drills' bound and order count: bound = max(configured, start-up + load + factor × orders / floor). */
export function sizeLoadDrills(i: SizingInput): Sizing {
  const { rate, factor, startupS } = i;
  if (i.orders !== undefined && i.boundS !== undefined) return { orders: i.orders, rate, boundS: i.boundS, why: 'DRILL_ORDERS and DRILL_BOUND_S as given' };
  if (!i.floorPerS) return { orders: i.orders ?? i.defaults.orders, rate, boundS: i.boundS ?? i.defaults.boundS, why: 'floor not measured: configured values' };
  const floor = i.floorPerS;
  const need = (orders: number) => Math.ceil(startupS + orders / rate + (factor * orders) / floor);
  /** The most orders that fit in `boundS`. */
  const fit = (boundS: number) => Math.max(MIN_ORDERS, Math.floor((boundS - startupS) / (1 / rate + factor / floor)));
  const formula = (orders: number) => `${startupS} + ${orders}/${rate} + ${factor}×${orders}/${floor.toFixed(1)}`;
  if (i.boundS !== undefined) {
    const orders = need(i.defaults.orders) <= i.boundS ? i.defaults.orders : fit(i.boundS);
    return {
      orders,
      rate,
      boundS: i.boundS,
      why:
        orders === i.defaults.orders
          ? `DRILL_BOUND_S as given; ${formula(orders)} = ${need(orders)} s fits`
          : `DRILL_BOUND_S as given: ${orders} orders fit it at a floor of ${floor.toFixed(1)}/s (${formula(orders)} = ${need(orders)} s)`,
    };
  }
  if (i.orders !== undefined) {
    const boundS = Math.max(i.defaults.boundS, need(i.orders));
    return { orders: i.orders, rate, boundS, why: `max(${i.defaults.boundS}, ${formula(i.orders)} = ${need(i.orders)}) s for DRILL_ORDERS as given` };
  }
  const wanted = need(i.defaults.orders);
  if (wanted <= i.maxBoundS) {
    return {
      orders: i.defaults.orders,
      rate,
      boundS: Math.max(i.defaults.boundS, wanted),
      why: `max(${i.defaults.boundS}, ${formula(i.defaults.orders)} = ${wanted}) s from the floor`,
    };
  }
  const orders = fit(i.maxBoundS);
  return {
    orders,
    rate,
    boundS: Math.max(i.maxBoundS, need(orders)),
    why: `${i.defaults.orders} orders would need ${wanted} s > DRILL_MAX_BOUND_S ${i.maxBoundS}: ${orders} orders (${formula(orders)} = ${need(orders)} s)`,
  };
}

export interface FloorMeasure {
  perSecond: number;
  workflows: number;
  seconds: number;
}

/**
 * The engine's floor here: `count` workflows of FLOOR_STEPS no-op activities by 40 closed-loop clients
 * after a warm-up, on a Temporal dev server of its own (in memory, as the benchmark's), run by the
 * benchmark's floor worker (the project worker's settings).
 */
export async function measureFloor(o: { logDir: string; count: number; onCleanup(f: () => Promise<void>): void }): Promise<FloorMeasure> {
  const cliPath = process.env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm run drill` (it provides the Temporal CLI)');
  const logFile = join(o.logDir, 'floor.log');
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: process.env.DRILL_LOG_LEVEL || 'info' };
  const bundlePath = join(o.logDir, 'floor-bundle.js');
  const [temporal] = await Promise.all([
    startChild('temporal', { ...base, TEMPORAL_CLI_PATH: cliPath, BENCH_TEMPORAL_PORT: String(await freePort()) }, logFile),
    bundleWorkflows(undefined, fileURLToPath(new URL('../bench/floor-workflow.ts', import.meta.url))).then((code) => writeFileSync(bundlePath, code)),
  ]);
  o.onCleanup(() => temporal.stop());
  // The floor worker needs no database.
  const env = childEnvironment({
    base,
    databaseUrl: '',
    temporalAddress: temporal.ready.address as string,
    queuePrefix: 'drill-floor',
    simLatencyMs: 0,
    bundlePath: '',
  });
  const worker = await startChild('floor', { ...env, BENCH_FLOOR_BUNDLE: bundlePath, BENCH_FLOOR_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE }, logFile);
  o.onCleanup(() => worker.stop());
  const client = await connectClient(loadConfig(env));
  o.onCleanup(() => client.connection.close());
  const run = (label: string, count: number) =>
    runFloorLoop({
      label,
      client,
      taskQueue: env.TEMPORAL_TASK_QUEUE!,
      count,
      steps: FLOOR_STEPS,
      concurrency: FLOOR_CLIENTS,
      idPrefix: `${label}-${process.pid}`,
    });
  await run('floor-warm-up', FLOOR_CLIENTS);
  const r = await run('floor', o.count);
  if (r.errors) throw new Error(`${r.errors} floor workflows failed, e.g. ${r.errorSamples[0]}`);
  return { perSecond: r.perSecond, workflows: r.workflows, seconds: r.elapsedMs / 1000 };
}
