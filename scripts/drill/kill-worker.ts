// Drill: kill -9 the worker several times during the load, restarting it each time.
import { loadDrill, num, sleep, type DrillContext, type DrillResult } from './system.js';

export async function killWorkerDrill(ctx: DrillContext): Promise<DrillResult> {
  const kills = num('DRILL_KILLS', 3);
  const everyMs = num('DRILL_KILL_EVERY_MS', 7000);
  const downMs = num('DRILL_KILL_DOWN_MS', 2000);
  return loadDrill(ctx, {}, async (sys) => {
    const restartS: number[] = [];
    for (let k = 0; k < kills && !ctx.aborted(); k++) {
      await sleep(everyMs);
      const pid = sys.worker?.process.pid;
      sys.killWorker();
      ctx.log(`  kill -9 worker ${pid} (${k + 1}/${kills})`);
      await sleep(downMs);
      const started = Date.now();
      await sys.startWorker();
      restartS.push((Date.now() - started) / 1000);
    }
    return { counts: { kills: restartS.length, workerStartS: restartS.map((s) => s.toFixed(1)).join('/') } };
  });
}
