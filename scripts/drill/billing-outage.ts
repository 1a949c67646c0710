// Drill: the billing system answers 503 to everything for DRILL_OUTAGE_MS during the load. Orders wait
// (their activities retry) and complete after it; the API answers throughout, with no 5xx.
import http from 'node:http';
import { simulatorControl } from '../../simulators/control.js';
import { httpRequest } from '../bench/infra.js';
import { loadDrill, num, sleep, type DrillContext, type DrillResult, type DrillSystem, type LoadResult } from './system.js';

export async function billingOutageDrill(ctx: DrillContext): Promise<DrillResult> {
  const outageMs = num('DRILL_OUTAGE_MS', 60_000);
  const atMs = num('DRILL_OUTAGE_AT_MS', 5000);
  const answers: Record<string, number> = {};
  let during5xx = 0;
  let duringUnanswered = 0;
  return loadDrill(ctx, {}, async (sys, load) => {
    await sleep(atMs);
    const billing = simulatorControl(sys.urls.billing);
    await billing.control({ outageForMs: outageMs });
    const ended = Date.now() + outageMs;
    ctx.log(`  billing outage for ${outageMs / 1000} s`);
    // Reads alongside the orders, during the outage: the customer 360 (asks billing for the balance),
    // an order, the order list.
    const probes = probeReads(
      sys,
      () => Date.now() < ended && !ctx.aborted(),
      (s) => {
        answers[s] = (answers[s] ?? 0) + 1;
        if (s >= 500) during5xx++;
        if (s === 0) duringUnanswered++;
      },
    );
    await Promise.all([probes, sleep(Math.max(0, ended - Date.now()))]);
    const rec = await billing.records({ summary: true, effects: 0 });
    const l: LoadResult = await load;
    const post5xx = Object.entries(l.statuses)
      .filter(([k]) => Number(k) >= 500)
      .reduce((a, [, v]) => a + v, 0);
    const postUnanswered = l.statuses.network ?? 0;
    return {
      counts: {
        outageS: outageMs / 1000,
        outageRejections: Number(rec.counters.outageRejections ?? 0),
        reads: Object.entries(answers)
          .map(([k, v]) => `${k === '0' ? 'unanswered' : k}×${v}`)
          .join(' '),
        api5xx: post5xx + during5xx,
        unanswered: postUnanswered + duringUnanswered,
      },
      failures: [
        ...(post5xx + during5xx ? [`${post5xx} order requests and ${during5xx} reads answered 5xx`] : []),
        ...(postUnanswered + duringUnanswered ? [`${postUnanswered} order requests and ${duringUnanswered} reads unanswered within the client's 20 s`] : []),
      ],
    };
  });
}

/** GETs of customers and orders, one every ~100 ms while `go()` holds. */
async function probeReads(sys: DrillSystem, go: () => boolean, on: (status: number) => void) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const token = sys.token(['ops', 'order-entry'], 'drill-reader');
  const auth = { authorization: `Bearer ${token}` };
  try {
    for (let i = 0; go(); i++) {
      const { rows } = await sys.db.query<{ id: string; customer_id: string }>('select id, customer_id from product_order order by created_at desc limit 1');
      const paths = ['/productOrder?limit=20', ...(rows[0] ? [`/productOrder/${rows[0].id}`, `/customer/${rows[0].customer_id}`] : [])];
      const path = paths[i % paths.length]!;
      const status = await httpRequest(agent, sys.apiPort, 'GET', path, auth).then(
        (r) => r.status,
        () => 0,
      );
      on(status);
      await sleep(100);
    }
  } finally {
    agent.destroy();
  }
}
