// Benchmark 2: POST /productOrder at a fixed rate over real HTTP, then how many orders complete.
import http from 'node:http';
import type pg from 'pg';
import { DEFAULT_CATALOG, type ProductOffering } from '../../domain/catalog.js';
import type { CustomerKind, CustomerTier } from '../../domain/customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES, depositFor, isOfferingSold, type LocalNetworkRules } from '../../domain/local-networks.js';
import { httpRequest, openLoop, type Sample } from './infra.js';
import { prng, summarize, type Summary } from './stats.js';

export interface BenchCustomer {
  id: string;
  kind: CustomerKind;
  tier: CustomerTier;
  homeLocalNetwork: string;
}

/** Active customers with a billing account, as order entry would find them. */
export async function loadCustomers(db: pg.Client): Promise<BenchCustomer[]> {
  const { rows } = await db.query<{ id: string; kind: CustomerKind; tier: CustomerTier; home_local_network: string }>(
    `select c.id, c.kind, c.tier, c.home_local_network from customer c
      where c.status = 'active' and exists (select 1 from account a where a.customer_id = c.id) order by c.id`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, tier: r.tier, homeLocalNetwork: r.home_local_network }));
}

const RULES = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id as string, r]));
/** Offerings fulfilled without a technician's visit (no field-installation work order to answer). */
const NO_VISIT = DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active' && !o.template.fieldInstallation);

let numberCounter = 0;
function uniqueMobile(): string {
  // 139 + 2 digits of the pid + a 6-digit counter; never ending in 0000 (held back by the inventory).
  do numberCounter++;
  while (numberCounter % 10_000 === 0);
  return `139${String(process.pid % 100).padStart(2, '0')}${String(numberCounter % 1_000_000).padStart(6, '0')}`;
}

/** Valid TMF622 bodies for seeded customers: mobile, PHS and value-added services, deposits where due. */
export function orderBodies(customers: readonly BenchCustomer[], count: number, seed: number): Array<Record<string, unknown>> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Array<Record<string, unknown>> = [];
  while (out.length < count) {
    const c = pick(customers);
    const rules = RULES.get(c.homeLocalNetwork) as LocalNetworkRules;
    const allowed = NO_VISIT.filter((o) => isOfferingSold(rules, o) && (!o.customerKinds || o.customerKinds.includes(c.kind)));
    const of = (line: string) => allowed.filter((o) => o.serviceLine === line);
    const size = rnd() < 0.6 ? 1 : rnd() < 0.75 ? 2 : 3;
    const r = rnd();
    const first = r < 0.45 ? of('gsm_mobile') : r < 0.65 ? of('gsm_prepaid') : r < 0.8 ? of('phs') : allowed;
    const chosen: ProductOffering[] = [pick(first.length ? first : allowed)];
    while (chosen.length < size) {
      const vas = of('value_added').filter((o) => !chosen.includes(o));
      const rest = allowed.filter((o) => !chosen.includes(o));
      const next = rnd() < 0.7 && vas.length ? pick(vas) : pick(rest);
      chosen.push(next);
    }
    const deposit = chosen.reduce((sum, o) => sum + depositFor(rules, c, o, 'add').amountCents, 0);
    out.push({
      channel: pick(['shop', 'shop', 'call_centre', 'web'] as const),
      localNetwork: c.homeLocalNetwork,
      relatedParty: [{ id: c.id, role: 'customer' }],
      ...(deposit ? { depositPaidCents: deposit } : {}),
      productOrderItem: chosen.map((o, i) => {
        const characteristic: Array<{ name: string; value: string }> = [];
        if ((o.serviceLine === 'gsm_mobile' || o.serviceLine === 'gsm_prepaid') && rnd() < 0.3) characteristic.push({ name: 'requestedNumber', value: uniqueMobile() });
        if (o.characteristics?.some((s) => s.name === 'boundNumber')) {
          characteristic.push({ name: 'boundNumber', value: `${rules.areaCode}-${2 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 10 ** (rules.fixedNumberDigits - 1))).padStart(rules.fixedNumberDigits - 1, '0')}` });
        }
        return { id: String(i + 1), action: 'add', productOffering: { id: o.id }, ...(characteristic.length ? { product: { characteristic } } : {}) };
      }),
    });
  }
  return out;
}

export interface OrderRunResult {
  label: string;
  ratePerSec: number;
  requests: number;
  durationMs: number;
  /** From the scheduled send time (no coordinated omission). */
  latency: Summary;
  /** From the actual send time. */
  service: Summary;
  sendLag: Summary;
  statuses: Record<string, number>;
  errors: number;
  errorSamples: string[];
  /** p99 / max of latency per second of the run (for the chart). */
  perSecond: Array<{ second: number; p50: number; p99: number; max: number; n: number }>;
  completion?: CompletionResult;
}

export interface CompletionResult {
  windowMs: number;
  accepted: number;
  completedWithinWindow: number;
  finalWithinWindow: number;
  /** ms after the last response until every accepted order was final, when that happened in the window. */
  allFinalAfterMs: number | null;
  states: Record<string, number>;
  /** Order creation to completion, from the read model's timestamps. */
  fulfilment: Summary | null;
}

export async function runOrderLoad(opts: {
  label: string;
  port: number;
  token: string;
  bodies: Array<Record<string, unknown>>;
  ratePerSec: number;
  idempotencyPrefix: string;
}): Promise<{ result: OrderRunResult; samples: Sample[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const errorSamples: string[] = [];
  const started = Date.now();
  const samples = await openLoop(opts.bodies.length, opts.ratePerSec, async (i) => {
    const res = await httpRequest(
      agent,
      opts.port,
      'POST',
      '/productOrder',
      { authorization: `Bearer ${opts.token}`, 'idempotency-key': `${opts.idempotencyPrefix}-${i}` },
      JSON.stringify(opts.bodies[i]),
    );
    if (res.status !== 201 && errorSamples.length < 10) errorSamples.push(`${res.status}: ${res.body.slice(0, 400)}`);
    return res.status;
  });
  const durationMs = Date.now() - started;
  agent.destroy();
  for (const s of samples) if (s.error && errorSamples.length < 10) errorSamples.push(s.error);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.error ? 'network-error' : String(s.status)] = (statuses[s.error ? 'network-error' : String(s.status)] ?? 0) + 1;
  return {
    samples,
    result: {
      label: opts.label,
      ratePerSec: opts.ratePerSec,
      requests: samples.length,
      durationMs,
      latency: summarize(samples.map((s) => s.latencyMs)),
      service: summarize(samples.map((s) => s.serviceMs)),
      sendLag: summarize(samples.map((s) => s.sendLagMs)),
      statuses,
      errors: samples.filter((s) => s.status !== 201).length,
      errorSamples,
      perSecond: perSecond(samples),
    },
  };
}

function perSecond(samples: readonly Sample[]) {
  const buckets = new Map<number, number[]>();
  for (const s of samples) {
    const k = Math.floor(s.scheduledMs / 1000);
    if (!buckets.has(k)) buckets.set(k, []);
    buckets.get(k)!.push(s.latencyMs);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([second, v]) => {
    const s = summarize(v);
    return { second, p50: s.p50, p99: s.p99, max: s.max, n: s.n };
  });
}

/** Polls the order read model until every order of `createdBy` is final or the window ends. */
export async function waitForCompletion(db: pg.Client, createdBy: string, accepted: number, windowMs: number): Promise<CompletionResult> {
  const FINAL = ['completed', 'failed', 'partial', 'cancelled', 'rejected'];
  const started = Date.now();
  let states: Record<string, number> = {};
  let allFinalAfterMs: number | null = null;
  for (;;) {
    const { rows } = await db.query<{ state: string; n: number }>('select state, count(*)::int as n from product_order where created_by = $1 group by state', [createdBy]);
    states = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    const final = FINAL.reduce((s, k) => s + (states[k] ?? 0), 0);
    if (final >= accepted) {
      allFinalAfterMs = Date.now() - started;
      break;
    }
    if (Date.now() - started >= windowMs) break;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  const { rows } = await db.query<{ ms: number }>(
    `select extract(epoch from (completed_at - created_at)) * 1000 as ms from product_order where created_by = $1 and state = 'completed' and completed_at is not null`,
    [createdBy],
  );
  return {
    windowMs,
    accepted,
    completedWithinWindow: states.completed ?? 0,
    finalWithinWindow: FINAL.reduce((s, k) => s + (states[k] ?? 0), 0),
    allFinalAfterMs,
    states,
    fulfilment: rows.length ? summarize(rows.map((r) => Number(r.ms))) : null,
  };
}
