// Drill (cluster's shape): a rolling upgrade while orders run. The two workers are replaced one at a
// time (stopped as a deployment stops them, then started again) with a build whose order workflow
// carries a change behind patched('drill-rolling-upgrade'): right after validation, a run of the new
// build records in its memo that it was started by it (a command the old build never issued). The
// build is generated at drill time into the drill's log folder — a copy of workflows/ with that one
// branch added — so the repository's workflows are untouched.
//
// Orders whose steps are local activities finish within a second or two, before a worker's swap could
// catch them mid-way: some of the load's orders (DRILL_UPGRADE_INSTALL_SHARE, default a quarter) need a
// field installation, and the installation departments answer only once the last old worker is gone —
// as in production, where the orders in flight across an upgrade are those waiting on people.
//
// Besides the load drills' checks: orders of both shapes ran (old: no memo; new: the memo), some
// begun on the old build finished after every old worker was gone, every order's history replays
// against the new build, no workflow task failed on non-determinism (in the histories), and the
// workers' logs hold no non-determinism error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { orderIdOfWorkflowId } from '../../contracts/order-fulfilment.js';
import { bundleWorkflows } from '../../workers/worker.js';
import { OPEN_INSTALLATIONS_SQL, simulateDepartment, type OpenAssignment } from '../../harness/department.js';
import { exitedProcesses, loadDrill, loadSize, num, sleep, type DrillContext, type DrillResult, type DrillSystem } from './system.js';

const PATCH = 'drill-rolling-upgrade';
const MEMO_KEY = 'drillBuild';
/** Where the new build's branch goes: right after validation, in OrderFulfilment.run(). */
const ANCHOR = '    if (!order) return this.view;\n';
/** WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR */
const NDE_CAUSE = 24;

export async function rollingUpgradeDrill(ctx: DrillContext): Promise<DrillResult> {
  const { count, rate } = ctx.load ?? loadSize();
  // Orders keep arriving through the upgrade (each worker's stop and start takes tens of seconds here):
  // the load is spread over at least DRILL_UPGRADE_LOAD_S, and the upgrade begins DRILL_UPGRADE_AT_MS
  // into it, when many orders are mid-way on the old build.
  const spreadRate = Math.min(rate, count / num('DRILL_UPGRADE_LOAD_S', 90));
  const atMs = num('DRILL_UPGRADE_AT_MS', 10_000);
  const bundlePath = await upgradedBundle(ctx);
  ctx.log(`  new build bundled (${bundlePath})`);
  let oldGoneAt = 0;
  const installShare = num('DRILL_UPGRADE_INSTALL_SHARE', 0.25);
  return loadDrill(
    { ...ctx, load: { count, rate: Math.round(spreadRate * 100) / 100 }, installShare },
    {},
    async (sys) => {
      if (sys.workers.length < 2) throw new Error('rolling-upgrade runs on the cluster’s shape (two workers): npm run drill -- --cluster rolling-upgrade');
      await sleep(atMs);
      const swaps: string[] = [];
      for (const slot of [0, 1]) {
        const t = Date.now();
        await sys.stopWorker(slot);
        const stoppedS = (Date.now() - t) / 1000;
        // The last old worker gone: whatever runs from here on runs on the new build.
        if (slot === 1) oldGoneAt = Date.now();
        await sys.startWorker(slot, { BENCH_WORKFLOW_BUNDLE: bundlePath });
        swaps.push(`${stoppedS.toFixed(1)}+${((Date.now() - t) / 1000 - stoppedS).toFixed(1)}`);
        ctx.log(`  worker ${slot + 1} replaced by the new build (stop ${stoppedS.toFixed(1)} s, start ${swaps.at(-1)!.split('+')[1]} s)`);
      }
      // The rate it placed orders at (the line's `load` is the other drills').
      const counts = { spreadRatePerS: Math.round(spreadRate * 100) / 100, upgradeAtS: Math.round(atMs / 1000), swapsStopStartS: swaps.join(' ') };
      return { counts, failures: exitedProcesses(sys) };
    },
    async (sys) => {
      // The installers: accept and answer (installed) each installation, once every old worker is gone.
      const installers = simulateDepartment({
        client: sys.client,
        delayMs: 500,
        open: async (like) => (await sys.db.query<OpenAssignment>(OPEN_INSTALLATIONS_SQL, [like])).rows,
        claim: () => (oldGoneAt > 0 ? true : undefined),
      });
      ctx.onCleanup(() => installers.stop());
    },
    async (sys) => checkUpgrade(ctx, sys, bundlePath, oldGoneAt),
  );
}

/** A copy of workflows/ whose order workflow has the new build's branch, bundled; returns the bundle's path. */
async function upgradedBundle(ctx: DrillContext): Promise<string> {
  const workflowsDir = resolve(import.meta.dirname, '../../workflows');
  // Inside the repository's tree (the log folder), so the bundler finds node_modules from there.
  const dir = join(ctx.logDir, `${ctx.name}-build`);
  mkdirSync(dir, { recursive: true });
  // Relative imports made absolute: the copies import the repository's modules, not copies of them.
  const absolute = (src: string) => src.replace(/(from\s+|import\()'(\.\.?\/[^']+)'/g, (_m, kw: string, rel: string) => `${kw}'${resolve(workflowsDir, rel)}'`);
  let order = absolute(readFileSync(join(workflowsDir, 'order-fulfilment.ts'), 'utf8'));
  if (order.split(ANCHOR).length !== 2) throw new Error(`workflows/order-fulfilment.ts no longer has one "${ANCHOR.trim()}": move the drill's anchor`);
  order =
    `import { patched as drillPatched, upsertMemo as drillUpsertMemo } from '@temporalio/workflow';\n` +
    order.replace(ANCHOR, `${ANCHOR}    if (drillPatched('${PATCH}')) drillUpsertMemo({ ${MEMO_KEY}: 'upgraded' });\n`);
  writeFileSync(join(dir, 'order-fulfilment.ts'), order);
  const original = `'${join(workflowsDir, 'order-fulfilment.js')}'`;
  const index = absolute(readFileSync(join(workflowsDir, 'index.ts'), 'utf8'));
  if (!index.includes(original)) throw new Error('workflows/index.ts no longer exports orderFulfilment from ./order-fulfilment.js');
  writeFileSync(join(dir, 'index.ts'), index.replace(original, `'./order-fulfilment.js'`));
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, await bundleWorkflows((m) => ctx.log(`  bundler: ${m}`), join(dir, 'index.ts')));
  return path;
}

async function checkUpgrade(ctx: DrillContext, sys: DrillSystem, bundlePath: string, oldGoneAt: number) {
  const failures: string[] = [];
  // The shapes: a run of the new build has the memo; "crossed": a run of the old build that closed
  // after the last old worker was gone (its last workflow tasks ran on the new build).
  const runs: Array<{ workflowId: string; runId: string; upgraded: boolean; crossed: boolean; closed: boolean }> = [];
  for await (const wf of sys.client.workflow.list({ query: `WorkflowType = 'orderFulfilment'`, pageSize: 1000 })) {
    if (orderIdOfWorkflowId(wf.workflowId) === undefined) continue;
    const closed = wf.closeTime?.getTime();
    runs.push({
      workflowId: wf.workflowId,
      runId: wf.runId,
      upgraded: wf.memo?.[MEMO_KEY] === 'upgraded',
      crossed: wf.memo?.[MEMO_KEY] !== 'upgraded' && closed !== undefined && oldGoneAt > 0 && closed > oldGoneAt,
      closed: closed !== undefined,
    });
  }
  const upgraded = runs.filter((r) => r.upgraded).length;
  const crossed = runs.filter((r) => r.crossed).length;
  const old = runs.length - upgraded;
  if (!upgraded) failures.push('no order ran on the new build');
  if (!old) failures.push('no order ran on the old build');
  if (!crossed) failures.push('no order begun on the old build finished on the new one');

  // Every closed run's history (one still running is a failure already, and its replay would run past
  // the history's end): workflow tasks failed on non-determinism, and a replay against the new build.
  const limit = num('DRILL_REPLAY_MAX', 2000);
  const histories: Array<{ workflowId: string; history: temporal.api.history.v1.IHistory }> = [];
  let ndeTasks = 0;
  let failedTasks = 0;
  const queue = runs.filter((r) => r.closed).slice(0, limit);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const history = await sys.client.workflow.getHandle(r.workflowId, r.runId).fetchHistory();
        for (const e of history.events ?? []) {
          const failed = e.workflowTaskFailedEventAttributes;
          if (!failed) continue;
          failedTasks++;
          if (Number(failed.cause) === NDE_CAUSE) ndeTasks++;
        }
        histories.push({ workflowId: r.workflowId, history });
      }
    }),
  );
  if (ndeTasks) failures.push(`${ndeTasks} workflow tasks failed on non-determinism`);
  let replayed = 0;
  const replayFailures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath }, replayName: 'drill-rolling-upgrade' }, histories)) {
    replayed++;
    if (result.error) replayFailures.push(`${result.workflowId}: ${result.error.message.split('\n')[0]}`);
  }
  if (replayFailures.length) failures.push(`${replayFailures.length} histories do not replay on the new build (${replayFailures.slice(0, 3).join('; ')})`);

  // The workers' own word: any non-determinism error in their logs (TMPRL1100 is the SDK's code for it).
  let ndeLogLines = 0;
  for (const file of sys.workerLogs) {
    ndeLogLines += readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /nondetermin|non-determin|TMPRL1100/i.test(l)).length;
  }
  if (ndeLogLines) failures.push(`${ndeLogLines} non-determinism lines in the workers' logs`);
  ctx.log(
    `  ${old} orders of the old build (${crossed} finished on the new), ${upgraded} of the new; ${replayed} histories replayed, ${replayFailures.length} failed`,
  );
  return {
    counts: {
      oldBuild: old,
      newBuild: upgraded,
      crossed,
      replayed,
      replayFailures: replayFailures.length,
      failedWorkflowTasks: failedTasks,
      ndeTasks,
      ndeLogLines,
    },
    failures,
  };
}
