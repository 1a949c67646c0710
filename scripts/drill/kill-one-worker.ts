// Drill (cluster's shape): kill -9 one of the two workers during the load; the other keeps going
// (orders become final while the first is down), and the first is started again DRILL_KILL_DOWN_MS later.
// Its workflows move to the other worker once their sticky queue times out; its activities are retried
// after their timeouts; nothing is done twice.
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import { exitedProcesses, loadDrill, num, sleep, type DrillContext, type DrillResult, type DrillSystem } from './system.js';

export async function killOneWorkerDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = num('DRILL_KILL_AT_MS', 8000);
  const downMs = num('DRILL_KILL_DOWN_MS', 15_000);
  return loadDrill(ctx, {}, async (sys) => {
    if (sys.workers.length < 2) throw new Error('kill-one-worker runs on the cluster’s shape (two workers): npm run drill -- --cluster kill-one-worker');
    await sleep(atMs);
    const pid = sys.workers[0]?.process.pid;
    const finalBefore = await finalOrders(sys);
    sys.killWorker(0);
    ctx.log(`  kill -9 worker 1 (${pid}); worker 2 (${sys.workers[1]?.process.pid}) goes on alone for ${downMs / 1000} s`);
    await sleep(downMs);
    const finalWhileDown = (await finalOrders(sys)) - finalBefore;
    const started = Date.now();
    await sys.startWorker(0);
    const workerStartS = (Date.now() - started) / 1000;
    ctx.log(`  worker 1 started again (${workerStartS.toFixed(1)} s); ${finalWhileDown} orders became final while it was down`);
    return {
      counts: { workerDownS: downMs / 1000, finalWhileDown, workerStartS: workerStartS.toFixed(1) },
      failures: [...(finalWhileDown > 0 ? [] : ['no order became final while one worker was down: the other did not carry on']), ...exitedProcesses(sys)],
    };
  });
}

async function finalOrders(sys: DrillSystem): Promise<number> {
  const { rows } = await sys.db.query<{ n: string }>('select count(*) as n from product_order where state = any($1)', [FINAL_ORDER_STATES]);
  return Number(rows[0]?.n ?? 0);
}
