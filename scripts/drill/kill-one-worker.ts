// Drill (cluster's shape): kill -9 one of the two workers during the load; the other keeps going
// (orders advance in the read model while the first is down), and the first is started again
// DRILL_KILL_DOWN_MS later.
// Its workflows move to the other worker once their sticky queue times out; its activities are retried
// after their timeouts; nothing is done twice.
import { isFinal, type OrderState } from '../../domain/order.js';
import { exitedProcesses, faultAtMs, loadDrill, num, sleep, type DrillContext, type DrillResult, type DrillSystem } from './system.js';

export async function killOneWorkerDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = faultAtMs(ctx, 'DRILL_KILL_AT_MS');
  const downMs = num('DRILL_KILL_DOWN_MS', 15_000);
  return loadDrill(ctx, {}, async (sys) => {
    if (sys.workers.length < 2) throw new Error('kill-one-worker runs on the cluster’s shape (two workers): npm run drill -- --cluster kill-one-worker');
    await sleep(atMs);
    const pid = sys.workers[0]?.process.pid;
    const before = await progress(sys);
    sys.killWorker(0);
    ctx.log(`  kill -9 worker 1 (${pid}); worker 2 (${sys.workers[1]?.process.pid}) goes on alone for ${downMs / 1000} s`);
    await sleep(downMs);
    const after = await progress(sys);
    // Orders whose workflow published a step (their seq grew) while one worker was down, and orders that became final.
    const advancedWhileDown = [...after.seq].filter(([id, seq]) => seq > (before.seq.get(id) ?? 0)).length;
    const finalWhileDown = after.final - before.final;
    const started = Date.now();
    await sys.startWorker(0);
    const workerStartS = (Date.now() - started) / 1000;
    ctx.log(`  worker 1 started again (${workerStartS.toFixed(1)} s); while it was down ${advancedWhileDown} orders advanced, ${finalWhileDown} became final`);
    return {
      counts: { workerDownS: downMs / 1000, advancedWhileDown, finalWhileDown, workerStartS: workerStartS.toFixed(1) },
      failures: [...(advancedWhileDown > 0 ? [] : ['no order advanced while one worker was down: the other did not carry on']), ...exitedProcesses(sys)],
    };
  });
}

/** Each order's seq (it grows with every step its workflow publishes) and how many are final. */
async function progress(sys: DrillSystem): Promise<{ seq: Map<string, number>; final: number }> {
  const { rows } = await sys.db.query<{ id: string; seq: number; state: string }>('select id, seq, state from product_order');
  return { seq: new Map(rows.map((r) => [r.id, r.seq])), final: rows.filter((r) => isFinal(r.state as OrderState)).length };
}
