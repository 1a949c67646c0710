// Benchmark 5: the replay corpus (test/replay-corpus/) replayed against the current workflow code.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleWorkflows } from '../../../workers/worker.js';
import { listHistoryFiles, readHistoryFiles, replayHistories } from '../../audit/histories.js';
import type { BenchContext } from '../context.js';
import { opts } from '../options.js';
import type { ReplaySection } from '../results.js';
import { median } from '../stats.js';

export async function benchReplay(ctx: BenchContext): Promise<ReplaySection> {
  const { files, unreadable } = readHistoryFiles(listHistoryFiles([join(ctx.root, 'test/replay-corpus')]));
  if (unreadable.length) throw new Error(`unreadable corpus files: ${unreadable.map((u) => u.path).join(', ')}`);
  ctx.log(`5. replay: ${files.length} corpus histories, ${opts.replayRounds} rounds against the current workflow code`);
  const code = await bundleWorkflows(ctx.log);
  const events = files.reduce((sum, f) => sum + ((f.history as { events?: unknown[] }).events?.length ?? 0), 0);
  const rounds: ReplaySection['rounds'] = [];
  // Round 0 warms the replay worker up (not counted); each round replays the whole corpus in one worker.
  for (let r = 0; r <= opts.replayRounds; r++) {
    const started = performance.now();
    let failed = 0;
    for await (const o of replayHistories(
      { workflowBundle: { code } },
      files.map((f) => ({ workflowId: f.id, history: f.history })),
    ))
      if (!o.ok) failed++;
    const ms = performance.now() - started;
    if (r > 0) rounds.push({ ms, perSecond: files.length / (ms / 1000), failed });
  }
  const replay: ReplaySection = { histories: files.length, events, rounds, medianPerSecond: median(rounds.map((x) => x.perSecond)) };
  ctx.log(
    `  ${files.length} histories (${events} events): median ${replay.medianPerSecond.toFixed(1)} histories/s; ${rounds.reduce((s, x) => s + x.failed, 0)} failed replays`,
  );
  return replay;
}
