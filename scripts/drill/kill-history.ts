// Drill (cluster's shape): kill -9 the Temporal history service during the load and start it again
// DRILL_HISTORY_DOWN_MS later. Workflow state lives in PostgreSQL, so nothing of it is lost; while
// history is down the frontend cannot start or advance workflows (creates answer 503, the client
// retries) and afterwards every order carries on and ends as the read model says.
import { exitedProcesses, faultAtMs, loadDrill, num, sleep, untilHistoryServes, type DrillContext, type DrillResult } from './system.js';

export async function killHistoryDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = faultAtMs(ctx, 'DRILL_HISTORY_AT_MS');
  const downMs = num('DRILL_HISTORY_DOWN_MS', 5000);
  return loadDrill(ctx, {}, async (sys) => {
    const cluster = sys.cluster;
    if (!cluster) throw new Error('kill-history runs on the cluster’s shape: npm run drill -- --cluster kill-history');
    await sleep(atMs);
    const history = cluster.processes.get('history')!;
    const gone = new Promise<void>((done) => history.once('exit', () => done()));
    const killedAt = Date.now();
    history.kill('SIGKILL');
    await gone;
    ctx.log(`  kill -9 history ${history.pid}; down for ${downMs / 1000} s`);
    await sleep(downMs);
    const startedAt = Date.now();
    cluster.startService('history');
    // Down until a call that needs history is served again (membership and shard ownership settle first).
    const servedAt = await untilHistoryServes(sys, ctx.deadline - 90_000);
    const historyDownS = servedAt === undefined ? 'never back' : Math.round((servedAt - killedAt) / 100) / 10;
    ctx.log(`  history serving again ${servedAt === undefined ? 'never' : `${((servedAt - startedAt) / 1000).toFixed(1)} s after its start`}`);
    return {
      counts: { historyDownS, historyBackAfterStartS: servedAt === undefined ? 'never' : Math.round((servedAt - startedAt) / 100) / 10 },
      failures: [...(servedAt === undefined ? ['the restarted history service never served a call'] : []), ...exitedProcesses(sys)],
    };
  });
}
