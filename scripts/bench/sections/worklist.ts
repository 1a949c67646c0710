// Benchmark 3: GET /department/:id/worklist over a large read model, through the API and straight
// through db/work-orders.ts (../worklist.ts fills the read model and sends the requests).
import type { BenchContext } from '../context.js';
import { opts } from '../options.js';
import type { ProcessStats, WorklistSection } from '../results.js';
import { fmt, medianOfRuns } from '../stats.js';
import { coresLine, type System } from '../system.js';
import { departmentToken, explainWorklist, fillWorklist, worklistApiRun, worklistDbRun, worklistRequests, type WorklistRunResult } from '../worklist.js';

export async function benchWorklist(ctx: BenchContext, sys: System): Promise<WorklistSection> {
  ctx.log(`3. worklist: ${opts.worklistOpen} open (+${opts.worklistClosed} closed) work orders in the read model`);
  // A clean API process (the order runs may have left reference reloads running in the old one), and no
  // worker: the order runs' backlog would keep the cores busy, and the worklist needs none.
  if (ctx.results.orders) {
    await sys.stopWorker();
    await sys.restartApi();
  }
  const { fill, counts } = await fillWorklist(sys.db, opts.worklistOpen, opts.worklistClosed, 11, ctx.log);
  ctx.log(
    `  filled in ${(fill.fillMs / 1000).toFixed(1)} s, VACUUM (ANALYZE) + CHECKPOINT ${(fill.analyzeMs / 1000).toFixed(1)} s; biggest ${fill.biggest.map((b) => `${b.department} ${b.open}`).join(', ')}; smallest ${fill.smallest.map((b) => b.open).join(', ')}`,
  );
  const biggest = fill.biggest[0]!.department;
  const plans = {
    [`${biggest}, limit 50 offset 0`]: await explainWorklist(sys.db, biggest, 50, 0),
    [`${biggest}, limit 50 offset 1000`]: await explainWorklist(sys.db, biggest, 50, 1000),
  };
  const { api, db, processStats } = await worklistRuns(ctx, sys, counts);
  return {
    fill,
    ratePerSec: opts.worklistRate,
    api,
    db,
    apiMedian: medianOfRuns(api.map((r) => r.latency)),
    dbMedian: medianOfRuns(db.map((r) => r.latency)),
    apiSplit: { big: medianOfRuns(api.map((r) => r.big)), small: medianOfRuns(api.map((r) => r.small)), deep: medianOfRuns(api.map((r) => r.deep)) },
    plans,
    processStats,
  };
}

/** After a warm-up, each run's requests through the API (measured) and then the same straight to the database. */
async function worklistRuns(ctx: BenchContext, sys: System, counts: Map<string, number>) {
  const tokens = new Map([...counts.keys()].map((d) => [d, departmentToken(d, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER)]));
  // Warm-up: plans, connections, the buffer cache.
  await worklistApiRun('warmup', sys.apiPort, worklistRequests(counts, 300, 3), tokens, opts.worklistRate, counts);
  await worklistDbRun('warmup', sys.orm, worklistRequests(counts, 300, 4));
  const api: WorklistRunResult[] = [];
  const db: WorklistRunResult[] = [];
  const processStats: ProcessStats[] = [];
  for (let r = 1; r <= opts.worklistRuns; r++) {
    if (r > 1 && ctx.overBudget(`worklist run ${r}`, -60, false)) break;
    const reqs = worklistRequests(counts, opts.worklistRequests, 20 + r);
    const { value: a, stats } = await sys.measured(`worklist api run${r}`, () =>
      worklistApiRun(`api run${r}`, sys.apiPort, reqs, tokens, opts.worklistRate, counts),
    );
    processStats.push(stats);
    const d = await worklistDbRun(`db run${r}`, sys.orm, reqs);
    api.push(a);
    db.push(d);
    ctx.log(
      `  run ${r}: API p50 ${fmt(a.latency.p50)} p95 ${fmt(a.latency.p95)} p99 ${fmt(a.latency.p99)} max ${fmt(a.latency.max)} ms (${a.errors} wrong answers); db p50 ${fmt(d.latency.p50)} p99 ${fmt(d.latency.p99)} ms`,
    );
    ctx.log(`    ${coresLine(stats)}`);
    if (a.errorSamples.length) ctx.log(`    wrong answers, e.g.: ${a.errorSamples.join(' | ')}`);
  }
  return { api, db, processStats };
}
