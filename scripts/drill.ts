// `npm run drill`: fault drills on real components (not part of `npm test`). Each is scripted, bounded
// in time and checks itself; it prints one line, `PASS <drill>: <counts>` or `FAIL <drill>: <counts>
// — <why>`, and the exit code is 0 only if every drill run passed.
//
//   kill-worker       kill -9 the worker DRILL_KILLS (3) times during a load of DRILL_ORDERS (1000) at
//                     DRILL_RATE (40)/s, restarting it each time;
//   temporal-restart  stop the Temporal dev server (state in a SQLite file) during the load, start it
//                     again on the same port and file DRILL_TEMPORAL_DOWN_MS (10000) later;
//   billing-outage    the billing simulator down for DRILL_OUTAGE_MS (60000) during the load, with reads
//                     (customer 360, orders) alongside: no 5xx;
//   db-restart        the read model's PostgreSQL (an embedded one of its own, never the machine's shared
//                     server) stopped during the load and started DRILL_DB_DOWN_MS (10000) later;
//   fuzz              DRILL_FUZZ_RUNS (1000) hostile requests per endpoint of the OpenAPI document (bodies,
//                     headers, path ids; fast-check): zero 5xx, the API alive, nothing written.
//
// `npm run drill -- --cluster [drills…]` (DRILL_TEMPORAL=cluster): the production shape instead — a
// Temporal cluster on PostgreSQL, its services (frontend, history, matching, worker) processes of the
// drill's own (platform/temporal-cluster.ts), with TWO worker processes and the API. Each drill keeps
// Temporal's databases and the read model on an embedded PostgreSQL of its own (never the machine's
// shared server: the four services' pools alone would take tens of its connections), removed after.
// Its drills:
//   kill-history      kill -9 the history service during the load, start it again DRILL_HISTORY_DOWN_MS
//                     (5000) later;
//   kill-one-worker   kill -9 one of the two workers during the load; the other must carry on (orders
//                     become final meanwhile); started again DRILL_KILL_DOWN_MS (15000) later;
//   postgres-restart  db-restart on this shape: the drill's own embedded PostgreSQL holds the read model
//                     AND Temporal's databases, stopped during the load for DRILL_DB_DOWN_MS (10000);
//   rolling-upgrade   the two workers replaced one at a time, DRILL_UPGRADE_AT_MS (10000) into a load
//                     spread over at least DRILL_UPGRADE_LOAD_S (90), by a build whose order workflow has
//                     a patched('drill-rolling-upgrade') change generated at drill time; orders of both
//                     builds finish, some begun on the old one finish on the new, every history replays
//                     on the new build, no non-determinism error in histories or worker logs.
// billing-outage and fuzz run on this shape too when named (they do not depend on it, so they are
// not in its default set); kill-worker, temporal-restart and db-restart are the dev server's
// (kill-one-worker and postgres-restart are their cluster counterparts). The floor that sizes the
// load is measured on a dev server either way (the cluster's start-up counted as 150 s, not 60).
//
// A load drill's fault strikes 8 s into its load (DRILL_<…>_AT_MS), or half way through a shorter one.
//
// After each load drill: every accepted order final in the read model, none lost, each with its
// workflow and the same state there; the simulators saw no duplicate billing or network activation and
// hold no reservation for an item that was not delivered. Every client request is retried with its
// Idempotency-Key on a 5xx or no answer, as a real client would.
//
// The load drills' bound and load follow this machine's speed (scripts/drill/sizing.ts): the engine's
// floor is measured first, and the bound is max(DRILL_BOUND_S, 60 + orders/rate + 4 × orders/floor);
// past DRILL_MAX_BOUND_S the load shrinks instead. Each drill's line says what it used and why.
//
// Usage: npm run drill [-- [--cluster] kill-worker fuzz …]   Env: DRILL_BOUND_S (300 per drill, start-up included;
//   given, it is kept and the load fitted to it) DRILL_ORDERS (1000; given, it is kept) DRILL_RATE (40)
//   DRILL_FLOOR_PER_S (given: not measured) DRILL_FLOOR_WORKFLOWS (300) DRILL_BOUND_FACTOR (4)
//   DRILL_MAX_BOUND_S (900) DRILL_SIM_LATENCY_MS (2) DRILL_LOG_LEVEL (info) DRILL_ADMIN_DATABASE_URL
//   (postgres://postgres@127.0.0.1:5432/postgres) and the per-drill ones above.
// Output: the lines on stdout, bench-results/drill-<timestamp>.json, the processes' logs in
// bench-results/drill-logs-<timestamp>/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { billingOutageDrill } from './drill/billing-outage.js';
import { dbRestartDrill } from './drill/db-restart.js';
import { fuzzDrill } from './drill/fuzz.js';
import { killHistoryDrill } from './drill/kill-history.js';
import { killOneWorkerDrill } from './drill/kill-one-worker.js';
import { killWorkerDrill } from './drill/kill-worker.js';
import { rollingUpgradeDrill } from './drill/rolling-upgrade.js';
import { measureFloor, sizeLoadDrills, FLOOR_STEPS, type FloorMeasure, type Sizing } from './drill/sizing.js';
import { env, num, onCluster, type DrillContext, type DrillResult } from './drill/system.js';
import { temporalRestartDrill } from './drill/temporal-restart.js';

type Drill = (ctx: DrillContext) => Promise<DrillResult>;
const DEV_SERVER_DRILLS: Record<string, Drill> = {
  'kill-worker': killWorkerDrill,
  'temporal-restart': temporalRestartDrill,
  'billing-outage': billingOutageDrill,
  'db-restart': dbRestartDrill,
  fuzz: fuzzDrill,
};
/** The cluster's shape: its own drills first (the default set), then those that run on either shape. */
const CLUSTER_DRILLS: Record<string, Drill> = {
  'kill-history': killHistoryDrill,
  'kill-one-worker': killOneWorkerDrill,
  'postgres-restart': dbRestartDrill,
  'rolling-upgrade': rollingUpgradeDrill,
  'billing-outage': billingOutageDrill,
  fuzz: fuzzDrill,
};
const CLUSTER_DEFAULT = ['kill-history', 'kill-one-worker', 'postgres-restart', 'rolling-upgrade'];

if (process.argv.includes('--cluster')) env.DRILL_TEMPORAL = 'cluster';
const DRILLS = onCluster() ? CLUSTER_DRILLS : DEV_SERVER_DRILLS;
const asked = process.argv.slice(2).filter((a) => a !== '--' && a !== '--cluster');
const unknown = asked.filter((a) => !(a in DRILLS));
if (unknown.length) {
  process.stderr.write(
    `unknown drill(s) ${onCluster() ? 'on the cluster’s shape' : 'on the dev server'}: ${unknown.join(', ')}; one or more of: ${Object.keys(DRILLS).join(' ')}\n`,
  );
  process.exit(2);
}
const which = asked.length ? asked : onCluster() ? CLUSTER_DEFAULT : Object.keys(DRILLS);
const LOAD_DRILLS = new Set(['kill-worker', 'temporal-restart', 'billing-outage', 'db-restart', ...CLUSTER_DEFAULT]);
const given = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : num(name, 0));
const configuredBoundS = num('DRILL_BOUND_S', 300);
const root = resolve(import.meta.dirname, '..');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = join(root, 'bench-results');
const logDir = join(outDir, `drill-logs-${stamp}`);
mkdirSync(logDir, { recursive: true });
const t0 = Date.now();
const log = (s: string) => process.stderr.write(`[drill ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)}s] ${s}\n`);

interface Outcome extends DrillResult {
  drill: string;
  durationS: number;
  line: string;
}
const outcomes: Outcome[] = [];
let current: { cleanups: Array<() => Promise<void>> } | undefined;

async function runCleanups(cleanups: Array<() => Promise<void>>) {
  for (const f of cleanups.splice(0).reverse()) {
    await Promise.race([f(), new Promise((ok) => setTimeout(ok, 30_000))]).catch((e) => log(`  cleanup: ${String(e)}`));
  }
}

// Ctrl-C arrives twice (from the terminal, and forwarded by scripts/bootstrap.mjs): every signal after
// the first is ignored, so the cleanup (processes, databases, servers) is not cut short by the default action.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: cleaning up`);
    void runCleanups(current?.cleanups ?? []).finally(() => process.exit(130));
  });
}

// The load drills' size from this machine's floor, measured unless given (or unless both the bound and
// the load are).
let floor: FloorMeasure | undefined;
let sizing: Sizing | undefined;
if (which.some((d) => LOAD_DRILLS.has(d))) {
  let floorPerS = given('DRILL_FLOOR_PER_S');
  let floorWhy = floorPerS === undefined ? 'not measured: DRILL_ORDERS and DRILL_BOUND_S given' : 'DRILL_FLOOR_PER_S as given';
  if (floorPerS === undefined && !(given('DRILL_ORDERS') !== undefined && given('DRILL_BOUND_S') !== undefined)) {
    const cleanups: Array<() => Promise<void>> = [];
    current = { cleanups };
    const count = num('DRILL_FLOOR_WORKFLOWS', 300);
    log(`floor: ${count} workflows of ${FLOOR_STEPS} no-op activities by 40 clients on a dev server of its own`);
    try {
      floor = await measureFloor({ logDir, count, onCleanup: (f) => void cleanups.push(f) });
      floorPerS = floor.perSecond;
      floorWhy = `${floor.workflows} workflows of ${FLOOR_STEPS} no-op activities by 40 clients in ${floor.seconds.toFixed(1)} s; the development machine's: 16–18/s`;
    } catch (err) {
      floorWhy = `not measured: ${err instanceof Error ? err.message : String(err)}`;
    }
    await runCleanups(cleanups);
    current = undefined;
  }
  sizing = sizeLoadDrills({
    floorPerS,
    orders: given('DRILL_ORDERS'),
    boundS: given('DRILL_BOUND_S'),
    rate: num('DRILL_RATE', 40),
    defaults: { orders: 1000, boundS: 300 },
    factor: num('DRILL_BOUND_FACTOR', 4),
    // The cluster's start-up (schemas, four services, namespace, two workers) takes longer than a dev server's.
    startupS: onCluster() ? 150 : 60,
    maxBoundS: num('DRILL_MAX_BOUND_S', 900),
  });
  process.stdout.write(`FLOOR ${floorPerS === undefined ? 'unknown' : `${floorPerS.toFixed(1)} workflows/s`} (${floorWhy})\n`);
  process.stdout.write(`SIZE load drills: ${sizing.orders} orders at ${sizing.rate}/s, bound ${sizing.boundS} s (${sizing.why})\n`);
}

const fmtCounts = (c: Record<string, number | string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

for (const name of which) {
  const started = Date.now();
  const cleanups: Array<() => Promise<void>> = [];
  current = { cleanups };
  let timedOut = false;
  const sized = LOAD_DRILLS.has(name) && sizing;
  const boundMs = (sized ? sizing!.boundS : configuredBoundS) * 1000;
  // What the line reports of its size: bound, load, and why.
  const size: Record<string, string> = sized
    ? { bound: `${sizing!.boundS} s`, load: `${sizing!.orders} orders at ${sizing!.rate}/s`, sizing: sizing!.why }
    : { bound: `${configuredBoundS} s`, sizing: 'DRILL_BOUND_S (not a load drill: the floor does not size it)' };
  const ctx: DrillContext = {
    name,
    logDir,
    deadline: started + boundMs,
    ...(sized ? { load: { count: sizing!.orders, rate: sizing!.rate } } : {}),
    log: (s) => log(`${name}: ${s.trim()}`),
    onCleanup: (f) => void cleanups.push(f),
    aborted: () => timedOut,
  };
  log(`${name}: starting (bound ${boundMs / 1000} s${sized ? `, ${sizing!.orders} orders at ${sizing!.rate}/s` : ''})`);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<DrillResult>((ok) => {
    timer = setTimeout(() => {
      timedOut = true;
      ok({ pass: false, counts: {}, failures: [`exceeded its bound of ${boundMs / 1000} s`] });
    }, boundMs);
  });
  const run = DRILLS[name]!(ctx).catch((err: unknown): DrillResult => ({
    pass: false,
    counts: {},
    failures: [`crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`],
  }));
  const result = await Promise.race([run, bound]);
  clearTimeout(timer);
  const durationS = Math.round((Date.now() - started) / 100) / 10;
  await runCleanups(cleanups);
  const counts = { ...result.counts, durationS, ...size };
  const line = result.pass ? `PASS ${name}: ${fmtCounts(counts)}` : `FAIL ${name}: ${fmtCounts(counts)} — ${result.failures.join('; ')}`;
  process.stdout.write(`${line}\n`);
  outcomes.push({ drill: name, ...result, counts, durationS, line });
}
current = undefined;

for (const f of ['workflow-bundle.js', 'floor-bundle.js', join('rolling-upgrade-build', 'workflow-bundle.js')]) rmSync(join(logDir, f), { force: true });
const file = join(outDir, `drill-${stamp}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      startedAt: new Date(t0).toISOString(),
      durationS: Math.round((Date.now() - t0) / 1000),
      machine: { node: process.version, cpus: cpus().length, loadavgAtEnd: loadavg() },
      temporal: onCluster() ? 'cluster (PostgreSQL, services as processes, two workers)' : 'dev server',
      floor,
      sizing,
      options: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DRILL_'))),
      passed: outcomes.filter((o) => o.pass).length,
      failed: outcomes.filter((o) => !o.pass).length,
      drills: outcomes,
    },
    null,
    2,
  ),
);
log(`summary in ${file}; logs in ${logDir}`);
process.exit(outcomes.every((o) => o.pass) ? 0 : 1);
