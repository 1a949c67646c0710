// Drill: the read model's PostgreSQL stopped during the load and started again DRILL_DB_DOWN_MS later.
// The machine's shared server must not be restarted, so this drill runs on an embedded PostgreSQL
// of its own (platform/embedded-postgres.ts, as `npm start` uses) on a free port. While it is down
// the API refuses with 503 problem+json (the client retries), never a 500, and must not crash; afterwards
// every order is final in the read model and matches its workflow.
import { rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../platform/embedded-postgres.js';
import { createLogger } from '../../platform/logger.js';
import { freePort, httpRequest } from '../bench/infra.js';
import { loadDrill, num, sleep, type DrillContext, type DrillResult } from './system.js';

export async function dbRestartDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = num('DRILL_DB_AT_MS', 8000);
  const downMs = num('DRILL_DB_DOWN_MS', 10_000);
  const dataDir = join(ctx.logDir, 'db-restart-pg');
  const port = await freePort();
  const log = createLogger('warn', 'drill-pg');
  let pg: RunningPostgres | undefined = await startEmbeddedPostgres(dataDir, port, log);
  ctx.onCleanup(async () => {
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  ctx.log(`  embedded PostgreSQL on port ${port}`);
  return loadDrill(ctx, { databaseUrl: pg.url }, async (sys, load) => {
    await sleep(atMs);
    const stopping = Date.now();
    await pg!.stop();
    pg = undefined;
    ctx.log(`  PostgreSQL stopped (${((Date.now() - stopping) / 1000).toFixed(1)} s); down for ${downMs / 1000} s`);
    // What the API answers meanwhile (readiness and a read), and whether it is problem+json.
    const answers: Record<string, number> = {};
    let nonProblem5xx = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const auth = { authorization: `Bearer ${sys.token(['ops'], 'drill-reader')}` };
    const until = Date.now() + downMs;
    for (let i = 0; Date.now() < until && !ctx.aborted(); i++) {
      const path = i % 2 ? '/readyz' : '/productOrder?limit=5';
      const r = await httpRequest(agent, sys.apiPort, 'GET', path, auth).catch(() => undefined);
      const k = `${path.split('?')[0]} ${r?.status ?? 'network'}`;
      answers[k] = (answers[k] ?? 0) + 1;
      if (r && r.status >= 500 && !String(r.headers['content-type']).startsWith('application/problem+json') && path !== '/readyz') nonProblem5xx++;
      await sleep(200);
    }
    agent.destroy();
    const starting = Date.now();
    pg = await startEmbeddedPostgres(dataDir, port, log);
    const startS = (Date.now() - starting) / 1000;
    const dbDownS = Math.round((Date.now() - stopping) / 100) / 10;
    ctx.log(`  PostgreSQL up again (${startS.toFixed(1)} s)`);
    const apiAlive = sys.api.process.exitCode === null && sys.api.process.signalCode === null;
    const workerAlive = sys.worker?.process.exitCode === null && sys.worker?.process.signalCode === null;
    // A database outage is a 503 (retry), never a 500 (a fault of ours).
    const reads500 = Object.entries(answers)
      .filter(([k]) => k.endsWith(' 500'))
      .reduce((a, [, v]) => a + v, 0);
    const posts500 = (await load).statuses['500'] ?? 0;
    return {
      counts: {
        dbDownS,
        dbStartS: startS.toFixed(1),
        whileDown: Object.entries(answers)
          .map(([k, v]) => `${k}×${v}`)
          .join(', '),
      },
      failures: [
        ...(apiAlive ? [] : ['the API exited']),
        ...(workerAlive ? [] : ['the worker exited']),
        ...(nonProblem5xx ? [`${nonProblem5xx} 5xx reads while down that were not problem+json`] : []),
        ...(reads500 + posts500 ? [`${reads500 + posts500} answers 500 (not 503) while the database was down`] : []),
      ],
    };
  });
}
