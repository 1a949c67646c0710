// Benchmark 3: the department worklist over 100,000 open work orders, through the API and the db layer.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { signToken } from '../../api/auth.js';
import { departmentWorklist } from '../../db/work-orders.js';
import type { Orm } from '../../db/orm.js';
import { DEPARTMENTS, type CityDepartmentFunction, type Department } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { applyEvent, createWorkOrder, WORK_ORDER_TYPES, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { httpRequest, openLoop } from './infra.js';
import { prng, summarize, type Summary } from './stats.js';

/** The big departments (a busy city's installation team, the province centre ...) and their open counts. */
const BIG: Array<[string, number]> = [
  ['shenyang-installation', 10_000],
  ['dalian-installation', 7_000],
  ['shenyang-network-maintenance', 6_000],
  ['liaoning-service-centre', 5_000],
  ['dalian-broadband-support', 4_000],
];
/** Rough share of work per local network and per department function, for the rest. */
const NETWORK_WEIGHT: Record<string, number> = {
  shenyang: 25,
  dalian: 20,
  anshan: 9,
  fushun: 6,
  benxi: 4,
  dandong: 5,
  jinzhou: 6,
  yingkou: 5,
  fuxin: 4,
  liaoyang: 4,
  panjin: 3,
  tieling: 4,
  chaoyang: 3,
  huludao: 2,
};
// Typed by the department functions, so a new function cannot be left without a weight (a missing
// one made every count NaN).
const FUNCTION_WEIGHT: Record<CityDepartmentFunction, number> = {
  'service-centre': 5,
  installation: 6,
  'network-maintenance': 4,
  'billing-service': 3,
  'customer-care': 2,
  'broadband-support': 3,
  'enterprise-service': 1,
};
/** Province and national departments that are not among the big ones. */
const CENTRE_WEIGHT: Record<string, number> = { 'liaoning-network-operations': 80, 'national-service-centre': 25 };

/** Open work orders per department: exactly `total`, a few big departments, a long tail of small ones. */
export function departmentCounts(total: number): Map<string, number> {
  const counts = new Map<string, number>(BIG.map(([d, n]) => [d, Math.round((n * total) / 100_000)]));
  const bigTotal = [...counts.values()].reduce((a, b) => a + b, 0);
  const rest = DEPARTMENTS.filter((d) => !counts.has(d.id));
  const weight = (d: Department) =>
    d.localNetwork ? NETWORK_WEIGHT[d.localNetwork]! * FUNCTION_WEIGHT[d.function as CityDepartmentFunction] : (CENTRE_WEIGHT[d.id] ?? 10);
  const sum = rest.reduce((s, d) => s + weight(d), 0);
  const left = total - bigTotal;
  const shares = rest.map((d) => ({ id: d.id, exact: (left * weight(d)) / sum }));
  for (const s of shares) counts.set(s.id, Math.floor(s.exact));
  let missing = left - shares.reduce((a, s) => a + Math.floor(s.exact), 0);
  for (const s of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (missing-- <= 0) break;
    counts.set(s.id, counts.get(s.id)! + 1);
  }
  return counts;
}

const SYSTEM: Actor = { id: 'system', role: 'system' };

/** Realistic snapshots (made by the domain's own functions) that the bulk rows are stamped from. */
function templates(): WorkOrderSnapshot[] {
  const out: WorkOrderSnapshot[] = [];
  const t0 = Date.now() - 3_600_000;
  const tiers = ['ordinary', 'silver', 'gold', 'vip'] as const;
  const priorities = ['low', 'medium', 'high', 'critical'] as const;
  const lines = ['fixed_line', 'broadband', 'gsm_mobile', 'phs', 'value_added'] as const;
  let k = 0;
  for (const type of WORK_ORDER_TYPES) {
    for (const accepted of [false, true]) {
      for (const tier of tiers) {
        k++;
        let s = createWorkOrder(
          {
            id: `TT-TEMPLATE-${k}`,
            type,
            channel: (['phone', 'web', 'sms', 'walk_in'] as const)[k % 4]!,
            priority: priorities[k % 4]!,
            customer: { id: 'C-TEMPLATE', tier },
            takenInLocalNetwork: 'shenyang',
            homeLocalNetwork: 'shenyang',
            serviceLine: lines[k % lines.length]!,
            description: `${type} reported by the customer: the service has not worked properly since yesterday evening, please check and call back`,
          },
          { id: 'agent-0001', role: 'agent' },
          t0,
        );
        const step = (e: WorkOrderEvent, actor: Actor, dt: number) => {
          const r = applyEvent(s, e, actor, s.updatedAt + dt);
          if (!r.ok) throw new Error(`template ${k}: ${e.type} refused: ${r.message}`);
          s = r.next;
        };
        step({ type: 'classify' }, SYSTEM, 1000);
        step({ type: 'dispatch', departments: ['shenyang-service-centre'], ruleId: 'bench', reason: 'benchmark fill' }, SYSTEM, 1000);
        if (accepted) {
          const dept: Actor = { id: 'tech-1', role: 'department', department: 'shenyang-service-centre' };
          step({ type: 'accept' }, dept, 60_000);
          step({ type: 'note', text: 'called the customer, visit planned' }, dept, 60_000);
        }
        out.push(s);
      }
    }
  }
  return out;
}

export interface FillResult {
  open: number;
  closed: number;
  departments: number;
  biggest: Array<{ department: string; open: number }>;
  smallest: Array<{ department: string; open: number }>;
  fillMs: number;
  /** VACUUM (ANALYZE) of both tables and a CHECKPOINT. */
  analyzeMs: number;
  tableMb: { workOrder: number; assignment: number; worklistIndex: number };
}

/**
 * Writes `open` open and `closed` closed work orders straight into the read model, then VACUUM (ANALYZE)
 * and CHECKPOINT. `more`: open ones by department instead of the usual spread, with ids of their own
 * (to add to a fill already there: the browser benchmark tops one department up to 100,000).
 */
export async function fillWorklist(
  db: pg.Client,
  open: number,
  closed: number,
  seed: number,
  log: (s: string) => void,
  more?: { counts: Map<string, number>; idPrefix: string },
): Promise<{ fill: FillResult; counts: Map<string, number> }> {
  const rnd = prng(seed);
  const counts = more?.counts ?? departmentCounts(open);
  const idPrefix = more?.idPrefix ?? 'TT-BENCH-';
  const tpl = templates();
  const customers = (await db.query<{ id: string; tier: string; home_local_network: string }>('select id, tier, home_local_network from customer order by id'))
    .rows;
  const byId = new Map(DEPARTMENTS.map((d) => [d.id, d]));
  const now = Date.now();
  const started = performance.now();

  // One row spec per assignment: the open ones by department, then the closed history.
  const spec: Array<Record<string, unknown>> = [];
  let n = 0;
  const row = (dept: Department, isOpen: boolean) => {
    n++;
    const t = Math.floor(rnd() * tpl.length);
    const snap = tpl[t]!;
    const ln = dept.localNetwork ?? LOCAL_NETWORK_IDS[Math.floor(rnd() * LOCAL_NETWORK_IDS.length)]!;
    const c = customers[Math.floor(rnd() * customers.length)]!;
    const created = now - Math.floor(rnd() * 5 * 86_400_000);
    // Deadlines: most in the coming days, ~12% overdue, ~1% without a deadline (no SLA).
    const r = rnd();
    const deadline = r < 0.01 ? null : new Date(r < 0.13 ? now - Math.floor(rnd() * 2 * 86_400_000) : now + Math.floor(rnd() * 5 * 86_400_000)).toISOString();
    spec.push({
      id: `${idPrefix}${String(n).padStart(7, '0')}`,
      t,
      dept: dept.id,
      ln,
      open: isOpen,
      astate: isOpen ? (snap.phase === 'accepted' || snap.phase === 'handling' ? 'accepted' : 'dispatched') : 'receiptReturned',
      level: dept.level,
      deadline,
      cid: c.id,
      tier: snap.customer.tier,
      created: new Date(created).toISOString(),
      updated: new Date(Math.min(now, created + 3_600_000)).toISOString(),
    });
  };
  for (const [id, k] of counts) for (let i = 0; i < k; i++) row(byId.get(id)!, true);
  const depts = [...DEPARTMENTS];
  for (let i = 0; i < closed; i++) row(depts[Math.floor(rnd() * depts.length)]!, false);

  const templatesJson = JSON.stringify(tpl);
  const BATCH = 10_000;
  await db.query('begin');
  for (let i = 0; i < spec.length; i += BATCH) {
    const batch = JSON.stringify(spec.slice(i, i + BATCH));
    await db.query(
      `with r as (
         select * from jsonb_to_recordset($1::jsonb) as r(id text, t int, dept text, ln text, open boolean, astate text, level text, deadline timestamptz, cid text, tier text, created timestamptz, updated timestamptz)
       ), s as (
         select r.*, jsonb_set(
                  ($2::jsonb -> r.t) || jsonb_build_object(
                    'id', r.id, 'takenInLocalNetwork', r.ln, 'homeLocalNetwork', r.ln, 'escalationLevel', r.level,
                    'customer', jsonb_build_object('id', r.cid, 'tier', r.tier),
                    'phase', case when r.open then ($2::jsonb -> r.t ->> 'phase') else 'closed' end,
                    'state', case when r.open then ($2::jsonb -> r.t ->> 'state') else 'closed' end,
                    'createdAt', (extract(epoch from r.created) * 1000)::bigint, 'updatedAt', (extract(epoch from r.updated) * 1000)::bigint),
                  '{assignments,0,department}', to_jsonb(r.dept)) as snap
           from r
       )
       insert into work_order (id, type, channel, priority, state, phase, customer_id, customer_tier, taken_in_local_network, home_local_network,
         handling_local_network, service_line, escalation_level, departments, accept_by, resolve_by, reopen_count, snapshot, seq, created_at, updated_at, closed_at)
       select id, snap->>'type', snap->>'channel', snap->>'priority', snap->>'state', snap->>'phase', cid, tier, ln, ln,
              ln, snap->>'serviceLine', level, array[dept], case when astate = 'dispatched' then deadline end, deadline, 0, snap, 3, created, updated,
              case when open then null else updated end
         from s`,
      [batch, templatesJson],
    );
    await db.query(
      `insert into work_order_assignment (work_order_id, department, round, state, open, deadline, type, priority, customer_tier, escalation_level, local_network, dispatched_at, updated_at)
       select r.id, r.dept, 1, r.astate, r.open, r.deadline, x.tpl->>'type', x.tpl->>'priority', r.tier, r.level, r.ln, r.created, r.updated
         from jsonb_to_recordset($1::jsonb) as r(id text, t int, dept text, ln text, open boolean, astate text, level text, deadline timestamptz, tier text, created timestamptz, updated timestamptz)
         cross join lateral (select $2::jsonb -> r.t as tpl) x`,
      [batch, templatesJson],
    );
    log(`  ${Math.min(i + BATCH, spec.length)} / ${spec.length} work orders written`);
  }
  await db.query('commit');
  const fillMs = performance.now() - started;
  const a = performance.now();
  // What autovacuum would have done to a table that has been live for a while (visibility map, so the
  // count can use an index-only scan; statistics), and the dirty pages written out now rather than by a
  // checkpoint in the middle of the measurement.
  await db.query('vacuum (analyze) work_order');
  await db.query('vacuum (analyze) work_order_assignment');
  await db.query('checkpoint');
  const analyzeMs = performance.now() - a;
  const size = async (rel: string) => Number((await db.query<{ b: string }>(`select pg_total_relation_size($1)::bigint as b`, [rel])).rows[0]!.b) / 2 ** 20;
  const sorted = [...counts.entries()].sort((x, y) => y[1] - x[1]);
  return {
    counts,
    fill: {
      open,
      closed,
      departments: counts.size,
      biggest: sorted.slice(0, 5).map(([department, o]) => ({ department, open: o })),
      smallest: sorted.slice(-3).map(([department, o]) => ({ department, open: o })),
      fillMs,
      analyzeMs,
      tableMb: {
        workOrder: await size('work_order'),
        assignment: await size('work_order_assignment'),
        worklistIndex: await size('work_order_assignment_worklist_idx'),
      },
    },
  };
}

export interface WorklistRequest {
  department: string;
  limit: number;
  offset: number;
  big: boolean;
}

/** Half to the big departments, half spread over the rest; mostly first pages, some deep ones (up to offset 1,000). */
export function worklistRequests(counts: Map<string, number>, n: number, seed: number): WorklistRequest[] {
  const rnd = prng(seed);
  const bigIds = BIG.map(([d]) => d);
  const small = [...counts.keys()].filter((d) => !bigIds.includes(d));
  const out: WorklistRequest[] = [];
  for (let i = 0; i < n; i++) {
    const big = rnd() < 0.5;
    const department = big ? bigIds[Math.floor(rnd() * bigIds.length)]! : small[Math.floor(rnd() * small.length)]!;
    const limit = rnd() < 0.8 ? 50 : 100;
    const r = rnd();
    let offset = r < 0.6 ? 0 : r < 0.85 ? 50 * (1 + Math.floor(rnd() * 8)) : 50 * (9 + Math.floor(rnd() * 12));
    // A person pages through what is there: no page past the end.
    const count = counts.get(department) ?? 0;
    offset = Math.min(offset, Math.max(0, Math.floor((count - 1) / limit) * limit));
    out.push({ department, limit, offset, big });
  }
  return out;
}

export interface WorklistRunResult {
  label: string;
  requests: number;
  ratePerSec?: number;
  latency: Summary;
  big: Summary;
  small: Summary;
  deep: Summary;
  errors: number;
  errorSamples: string[];
}

export function departmentToken(department: string, secret: string, issuer: string): string {
  const d = DEPARTMENTS.find((x) => x.id === department)!;
  return signToken({ sub: `bench-${department}`, roles: ['department'], department, localNetworks: d.localNetwork ? [d.localNetwork] : '*' }, secret, issuer);
}

function split(
  label: string,
  reqs: readonly WorklistRequest[],
  ms: readonly number[],
  errors: number,
  errorSamples: string[],
  ratePerSec?: number,
): WorklistRunResult {
  return {
    label,
    requests: reqs.length,
    ratePerSec,
    latency: summarize(ms),
    big: summarize(ms.filter((_, i) => reqs[i]!.big)),
    small: summarize(ms.filter((_, i) => !reqs[i]!.big)),
    deep: summarize(ms.filter((_, i) => reqs[i]!.offset >= 450)),
    errors,
    errorSamples,
  };
}

/** GET /department/:id/worklist at a fixed rate (open loop), latency from the scheduled time. */
export async function worklistApiRun(
  label: string,
  port: number,
  reqs: readonly WorklistRequest[],
  tokens: Map<string, string>,
  ratePerSec: number,
  counts: Map<string, number>,
): Promise<WorklistRunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const errorSamples: string[] = [];
  let errors = 0;
  const samples = await openLoop(reqs.length, ratePerSec, async (i) => {
    const q = reqs[i]!;
    const res = await httpRequest(agent, port, 'GET', `/department/${q.department}/worklist?limit=${q.limit}&offset=${q.offset}`, {
      authorization: `Bearer ${tokens.get(q.department)!}`,
    });
    // Check the answer, not only the status: the page and the total the department really has.
    const total = Number(res.headers['x-total-count']);
    const expected = Math.min(q.limit, Math.max(0, (counts.get(q.department) ?? 0) - q.offset));
    let ok = res.status === 200 && total === counts.get(q.department);
    if (ok) ok = (JSON.parse(res.body) as unknown[]).length === expected;
    if (!ok) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(`${q.department}?offset=${q.offset}: ${res.status} total=${String(total)} ${res.body.slice(0, 200)}`);
    }
    return res.status;
  });
  agent.destroy();
  for (const s of samples) {
    if (!s.error) continue;
    errors++;
    if (errorSamples.length < 5) errorSamples.push(s.error);
  }
  return split(
    label,
    reqs,
    samples.map((s) => s.latencyMs),
    errors,
    errorSamples,
    ratePerSec,
  );
}

/** The same requests straight through db/work-orders.ts departmentWorklist (its two queries), one at a time. */
export async function worklistDbRun(label: string, orm: Orm, reqs: readonly WorklistRequest[]): Promise<WorklistRunResult> {
  const ms: number[] = [];
  for (const q of reqs) {
    const t = performance.now();
    await departmentWorklist(orm.em.fork(), q.department, q.limit, q.offset);
    ms.push(performance.now() - t);
  }
  return split(label, reqs, ms, 0, []);
}

export async function explainWorklist(db: pg.Client, department: string, limit: number, offset: number): Promise<string[]> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers)
     select work_order_id, department, round, state, deadline, type, priority, customer_tier, escalation_level, local_network, dispatched_at,
            deadline is not null and deadline < now() as overdue
       from work_order_assignment where department = $1 and open order by deadline asc nulls last, work_order_id limit $2 offset $3`,
    [department, limit, offset],
  );
  const count = await db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) select count(*)::int as n from work_order_assignment where department = $1 and open`,
    [department],
  );
  return [...rows.rows.map((r) => r['QUERY PLAN']), '', ...count.rows.map((r) => r['QUERY PLAN'])];
}
