// Drill: stop the Temporal dev server (state in a SQLite file) during the load and start it again
// on the same port and file: the API and the worker reconnect, every order carries on.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDrill, num, sleep, type DrillContext, type DrillResult } from './system.js';

export async function temporalRestartDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = num('DRILL_TEMPORAL_AT_MS', 8000);
  const downMs = num('DRILL_TEMPORAL_DOWN_MS', 10_000);
  const temporalDb = join(ctx.logDir, 'temporal-restart.sqlite');
  ctx.onCleanup(async () => {
    for (const f of [temporalDb, `${temporalDb}-journal`, `${temporalDb}-wal`, `${temporalDb}-shm`]) rmSync(f, { force: true });
  });
  return loadDrill(ctx, { temporalDb }, async (sys, load) => {
    await sleep(atMs);
    const stopping = Date.now();
    await sys.stopTemporal();
    const stopS = (Date.now() - stopping) / 1000;
    ctx.log(`  Temporal dev server stopped (${stopS.toFixed(1)} s); down for ${downMs / 1000} s`);
    await sleep(downMs);
    const starting = Date.now();
    await sys.startTemporal();
    const startS = (Date.now() - starting) / 1000;
    const temporalDownS = Math.round((Date.now() - stopping) / 100) / 10;
    ctx.log(`  Temporal dev server up again on port ${sys.temporalPort} (${startS.toFixed(1)} s)`);
    const workerAlive = sys.worker?.process.exitCode === null && sys.worker?.process.signalCode === null;
    // Temporal unreachable is a 503 (retry), never a 500 (a fault of ours).
    const answered500 = (await load).statuses['500'] ?? 0;
    return {
      counts: { temporalDownS, temporalStartS: startS.toFixed(1) },
      failures: [
        ...(workerAlive ? [] : ['the worker exited while Temporal was down']),
        ...(answered500 ? [`${answered500} creates answered 500 (not 503) while Temporal was down`] : []),
      ],
    };
  });
}
