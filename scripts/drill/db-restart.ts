// Drill: the read model's PostgreSQL stopped during the load and started again DRILL_DB_DOWN_MS later.
// The machine's shared server must not be restarted, so this drill runs on an embedded PostgreSQL
// of its own (platform/embedded-postgres.ts, as `npm start` uses) on a free port. While it is down
// the API refuses with 503 problem+json (the client retries), never a 500, and must not crash; afterwards
// every order is final in the read model and matches its workflow.
// On the cluster's shape it is `postgres-restart`: that PostgreSQL holds Temporal's state too (the
// cluster's databases on it, as in every drill of that shape), so the Temporal services lose their
// store as well and must carry on.
import http from 'node:http';
import { httpRequest } from '../bench/infra.js';
import {
  CLUSTER_PG_CONNECTIONS,
  exitedProcesses,
  faultAtMs,
  loadDrill,
  num,
  onCluster,
  sleep,
  startPrivatePostgres,
  untilHistoryServes,
  type DrillContext,
  type DrillResult,
} from './system.js';

export async function dbRestartDrill(ctx: DrillContext): Promise<DrillResult> {
  const atMs = faultAtMs(ctx, 'DRILL_DB_AT_MS');
  const downMs = num('DRILL_DB_DOWN_MS', 10_000);
  const pg = await startPrivatePostgres(ctx, onCluster() ? CLUSTER_PG_CONNECTIONS : undefined);
  return loadDrill(ctx, { databaseUrl: pg.url }, async (sys, load) => {
    await sleep(atMs);
    const stopping = Date.now();
    await pg.stop();
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
    await pg.start();
    const startS = (Date.now() - starting) / 1000;
    const dbDownS = Math.round((Date.now() - stopping) / 100) / 10;
    ctx.log(`  PostgreSQL up again (${startS.toFixed(1)} s)`);
    // On the cluster: when Temporal serves again (its services reconnect to their store).
    const servedAt = sys.cluster ? await untilHistoryServes(sys, ctx.deadline - 90_000) : undefined;
    const temporalBack: Record<string, number | string> = sys.cluster
      ? { temporalServesAfterS: servedAt === undefined ? 'never' : Math.round((servedAt - starting) / 100) / 10 }
      : {};
    // A database outage is a 503 (retry), never a 500 (a fault of ours).
    const reads500 = Object.entries(answers)
      .filter(([k]) => k.endsWith(' 500'))
      .reduce((a, [, v]) => a + v, 0);
    const posts500 = (await load).statuses['500'] ?? 0;
    return {
      counts: {
        dbDownS,
        dbStartS: startS.toFixed(1),
        ...temporalBack,
        whileDown: Object.entries(answers)
          .map(([k, v]) => `${k}×${v}`)
          .join(', '),
      },
      failures: [
        ...exitedProcesses(sys),
        ...(sys.cluster && servedAt === undefined ? ['Temporal never served again after PostgreSQL came back'] : []),
        ...(nonProblem5xx ? [`${nonProblem5xx} 5xx reads while down that were not problem+json`] : []),
        ...(reads500 + posts500 ? [`${reads500 + posts500} answers 500 (not 503) while the database was down`] : []),
      ],
    };
  });
}
