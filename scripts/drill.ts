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
// After each load drill: every accepted order final in the read model, none lost, each with its
// workflow and the same state there; the simulators saw no duplicate billing or network activation and
// hold no reservation for an item that was not delivered. Every client request is retried with its
// Idempotency-Key on a 5xx or no answer, as a real client would.
//
// Usage: npm run drill [-- kill-worker fuzz …]   Env: DRILL_BOUND_S (300 per drill, start-up included)
//   DRILL_ORDERS DRILL_RATE DRILL_SIM_LATENCY_MS (2) DRILL_LOG_LEVEL (info) DRILL_ADMIN_DATABASE_URL
//   (postgres://postgres@127.0.0.1:5432/postgres) and the per-drill ones above.
// Output: the lines on stdout, bench-results/drill-<timestamp>.json, the processes' logs in
// bench-results/drill-logs-<timestamp>/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { billingOutageDrill } from './drill/billing-outage.js';
import { dbRestartDrill } from './drill/db-restart.js';
import { fuzzDrill } from './drill/fuzz.js';
import { killWorkerDrill } from './drill/kill-worker.js';
import { num, type DrillContext, type DrillResult } from './drill/system.js';
import { temporalRestartDrill } from './drill/temporal-restart.js';

const DRILLS: Record<string, (ctx: DrillContext) => Promise<DrillResult>> = {
  'kill-worker': killWorkerDrill,
  'temporal-restart': temporalRestartDrill,
  'billing-outage': billingOutageDrill,
  'db-restart': dbRestartDrill,
  fuzz: fuzzDrill,
};

const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !(a in DRILLS));
if (unknown.length) {
  process.stderr.write(`unknown drill(s): ${unknown.join(', ')}; one or more of: ${Object.keys(DRILLS).join(' ')}\n`);
  process.exit(2);
}
const which = asked.length ? asked : Object.keys(DRILLS);
const boundMs = num('DRILL_BOUND_S', 300) * 1000;
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

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void runCleanups(current?.cleanups ?? []).finally(() => process.exit(130));
  });
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
  const ctx: DrillContext = {
    name,
    logDir,
    deadline: started + boundMs,
    log: (s) => log(`${name}: ${s.trim()}`),
    onCleanup: (f) => void cleanups.push(f),
    aborted: () => timedOut,
  };
  log(`${name}: starting (bound ${boundMs / 1000} s)`);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<DrillResult>((ok) => {
    timer = setTimeout(() => {
      timedOut = true;
      ok({ pass: false, counts: {}, failures: [`exceeded its bound of ${boundMs / 1000} s`] });
    }, boundMs);
  });
  const run = DRILLS[name]!(ctx).catch(
    (err: unknown): DrillResult => ({ pass: false, counts: {}, failures: [`crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`] }),
  );
  const result = await Promise.race([run, bound]);
  clearTimeout(timer);
  const durationS = Math.round((Date.now() - started) / 100) / 10;
  await runCleanups(cleanups);
  const counts = { ...result.counts, durationS };
  const line = result.pass ? `PASS ${name}: ${fmtCounts(counts)}` : `FAIL ${name}: ${fmtCounts(counts)} — ${result.failures.join('; ')}`;
  process.stdout.write(`${line}\n`);
  outcomes.push({ drill: name, ...result, counts, durationS, line });
}
current = undefined;

rmSync(join(logDir, 'workflow-bundle.js'), { force: true });
const file = join(outDir, `drill-${stamp}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      startedAt: new Date(t0).toISOString(),
      durationS: Math.round((Date.now() - t0) / 1000),
      machine: { node: process.version, cpus: cpus().length, loadavgAtEnd: loadavg() },
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
