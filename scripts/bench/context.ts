// One benchmark run: where it writes, its log, its time budget, its results, and what it has started
// (so that cleanup() can stop it however the run ends).
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Orm } from '../../db/orm.js';
import { dropDatabase, type BenchChild } from './infra.js';
import { only, opts } from './options.js';
import { newResults, type BenchResults } from './results.js';

/** What the run has started and cleanup() undoes: the child processes, the database and connections to it. */
export interface Running {
  children: BenchChild[];
  /** The benchmark's own database, created by startSystem. */
  dbName: string;
  dbCreated: boolean;
  orm?: Orm;
  db?: pg.Client;
}

export interface BenchContext {
  /** The repository's root. */
  root: string;
  /** The run's timestamp: bench-results/<stamp>.json, bench-results/logs-<stamp>/. */
  stamp: string;
  outDir: string;
  /** The processes' logs and the workflow bundles. */
  logDir: string;
  /** Seconds since the run started. */
  elapsedS(): number;
  /** A progress line on stderr, with the time since the start. */
  log(s: string): void;
  /**
   * True (and says so) when `what`, expected to take `needS` seconds, would overrun the budget; the order
   * benchmark's optional parts also leave time for the worklist (`keepForWorklist`).
   */
  overBudget(what: string, needS?: number, keepForWorklist?: boolean): boolean;
  results: BenchResults;
  running: Running;
  /** Stops what the run started and drops its database; once, however often it is called. */
  cleanup(): Promise<void>;
}

/** A run starting now; creates its log folder. */
export function createContext(): BenchContext {
  const root = resolve(import.meta.dirname, '../..');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(root, 'bench-results');
  const logDir = join(outDir, `logs-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  const t0 = performance.now();
  const elapsedS = () => (performance.now() - t0) / 1000;
  const log = (s: string) => process.stderr.write(`[bench ${elapsedS().toFixed(0).padStart(3)}s] ${s}\n`);
  const results = newResults(opts);
  const overBudget = (what: string, needS = 0, keepForWorklist = true) => {
    const reserve = keepForWorklist && only.has('worklist') ? 90 : 0;
    if (elapsedS() + needS + reserve <= opts.budgetS) return false;
    log(`time budget (${opts.budgetS} s, ${reserve} s of it kept for the worklist): skipping ${what}`);
    results.notes.push(`Skipped ${what} to stay within the time budget.`);
    return true;
  };
  const running: Running = { children: [], dbName: `telecom_bench_${process.pid}`, dbCreated: false };
  let cleaning: Promise<void> | undefined;
  const cleanup = () => (cleaning ??= stopAll(running, logDir, log));
  return { root, stamp, outDir, logDir, elapsedS, log, overBudget, results, running, cleanup };
}

async function stopAll(running: Running, logDir: string, log: (s: string) => void): Promise<void> {
  log('cleaning up: stopping the API, the worker, the simulators, Temporal; dropping the database');
  // The API first (no new work), then the worker, then what they call.
  for (const role of ['api', 'worker', 'sims', 'temporal'] as const) {
    for (const c of running.children.filter((x) => x.role === role)) await c.stop().catch((e) => log(`stopping ${role}: ${String(e)}`));
  }
  await running.orm?.close().catch(() => {});
  await running.db?.end().catch(() => {});
  if (running.dbCreated) await dropDatabase(opts.adminUrl, running.dbName).catch((e) => log(`dropping ${running.dbName}: ${String(e)}`));
  rmSync(join(logDir, 'workflow-bundle.js'), { force: true });
}

/** Ctrl-C or a kill stops what the run started before the process exits. */
export function cleanUpOnSignals(ctx: BenchContext): void {
  // Ctrl-C arrives twice (from the terminal, and forwarded by scripts/bootstrap.mjs): every signal
  // after the first is ignored, so the cleanup (processes, database, bundle) is not cut short.
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      ctx.log(`${sig}: stopping`);
      void ctx.cleanup().finally(() => process.exit(130));
    });
  }
}
