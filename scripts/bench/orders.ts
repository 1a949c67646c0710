// Benchmark 2: POST /productOrder at a fixed rate over real HTTP, then how many orders complete.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { DEFAULT_CATALOG, type ProductOffering } from '../../domain/catalog.js';
import type { CustomerKind, CustomerTier } from '../../domain/customer.js';
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import { DEFAULT_LOCAL_NETWORK_RULES, depositFor, isOfferingSold, type LocalNetworkRules } from '../../domain/local-networks.js';
import { openLoop, postOrder, type Sample } from './infra.js';
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
/** Broadband installed by a technician: the order waits for the installation department's receipt. */
const BROADBAND_VISIT = DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active' && o.template.fieldInstallation && o.serviceLine === 'broadband');

let numberCounter = 0;
function uniqueMobile(): string {
  // 139 + 2 digits of the pid + a 6-digit counter; never ending in 0000 (held back by the inventory).
  do numberCounter++;
  while (numberCounter % 10_000 === 0);
  return `139${String(process.pid % 100).padStart(2, '0')}${String(numberCounter % 1_000_000).padStart(6, '0')}`;
}

/**
 * Valid TMF622 bodies for seeded customers: mobile, PHS and value-added services, deposits where due;
 * `installShare` of them start with broadband that needs a technician's visit (a field installation).
 */
export function orderBodies(
  customers: readonly BenchCustomer[],
  count: number,
  seed: number,
  opts: { installShare?: number } = {},
): Array<Record<string, unknown>> {
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
    const visits = BROADBAND_VISIT.filter((o) => isOfferingSold(rules, o) && (!o.customerKinds || o.customerKinds.includes(c.kind)));
    const install = visits.length > 0 && rnd() < (opts.installShare ?? 0);
    const chosen: ProductOffering[] = [install ? pick(visits) : pick(first.length ? first : allowed)];
    while (chosen.length < size) {
      const vas = of('value_added').filter((o) => !chosen.includes(o));
      const rest = allowed.filter((o) => !chosen.includes(o));
      const next = rnd() < 0.7 && vas.length ? pick(vas) : pick(rest);
      chosen.push(next);
    }
    const deposit = chosen.reduce((sum, o) => sum + depositFor(rules, c, o, 'add').amountCents, 0);
    out.push({
      // Channel rules: an offering needing an identity check, cash or a bank transfer is sold face to face only.
      channel: chosen.some((o) => o.saleRequires?.length) ? 'shop' : pick(['shop', 'shop', 'call_centre', 'web'] as const),
      localNetwork: c.homeLocalNetwork,
      relatedParty: [{ id: c.id, role: 'customer' }],
      ...(deposit ? { depositPaidCents: deposit } : {}),
      productOrderItem: chosen.map((o, i) => {
        const characteristic: Array<{ name: string; value: string }> = [];
        if (o.template.fieldInstallation)
          characteristic.push({ name: 'installationAddress', value: `${1 + Math.floor(rnd() * 300)} Zhongshan Road, ${c.homeLocalNetwork}` });
        if ((o.serviceLine === 'gsm_mobile' || o.serviceLine === 'gsm_prepaid') && rnd() < 0.3)
          characteristic.push({ name: 'requestedNumber', value: uniqueMobile() });
        if (o.characteristics?.some((s) => s.name === 'boundNumber')) {
          characteristic.push({
            name: 'boundNumber',
            value: `${rules.areaCode}-${2 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 10 ** (rules.fixedNumberDigits - 1))).padStart(rules.fixedNumberDigits - 1, '0')}`,
          });
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
  /** Orders in state completed when the window closed (or when all were final, if earlier). */
  completedWithinWindow: number;
  finalWithinWindow: number;
  statesAtWindow: Record<string, number>;
  /** ms after the load until every accepted order was final, if that happened before we stopped waiting. */
  allFinalAfterMs: number | null;
  /** How long we waited in all (the window, then up to the drain allowance so the next run starts clean). */
  waitedMs: number;
  states: Record<string, number>;
  /** Order creation to completion, from the read model's timestamps (orders completed by the end of the wait). */
  fulfilment: Summary | null;
}

export async function runOrderLoad(opts: {
  label: string;
  port: number;
  token: string;
  bodies: Array<Record<string, unknown>>;
  ratePerSec: number;
  idempotencyPrefix: string;
  /** Client timeout per request (a timed-out request counts as an error at its full wait). */
  timeoutMs?: number;
}): Promise<{ result: OrderRunResult; samples: Sample[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const errorSamples: string[] = [];
  const started = Date.now();
  const samples = await openLoop(opts.bodies.length, opts.ratePerSec, async (i) => {
    const res = await postOrder(agent, opts, i, opts.bodies[i], opts.timeoutMs);
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
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, v]) => {
      const s = summarize(v);
      return { second, p50: s.p50, p99: s.p99, max: s.max, n: s.n };
    });
}

/**
 * Polls the order read model for the orders of each `createdBy` (one per run): what is completed when
 * `windowMs` has passed since `since` (the end of the load), then keeps waiting (up to `maxMs`) until
 * every one of them is final.
 */
export async function waitForCompletion(
  db: pg.Client,
  runs: Array<{ createdBy: string; accepted: number }>,
  windowMs: number,
  maxMs = windowMs,
  since = Date.now(),
): Promise<CompletionResult[]> {
  const finalOf = (st: Record<string, number>) => FINAL_ORDER_STATES.reduce((s, k) => s + (st[k] ?? 0), 0);
  const who = runs.map((r) => r.createdBy);
  const states = new Map<string, Record<string, number>>(who.map((w) => [w, {}]));
  const atWindow = new Map<string, Record<string, number>>();
  const allFinal = new Map<string, number>();
  for (;;) {
    const { rows } = await db.query<{ created_by: string; state: string; n: number }>(
      'select created_by, state, count(*)::int as n from product_order where created_by = any($1) group by created_by, state',
      [who],
    );
    for (const w of who) states.set(w, {});
    for (const r of rows) states.get(r.created_by)![r.state] = r.n;
    const elapsed = Date.now() - since;
    for (const r of runs) {
      const st = states.get(r.createdBy)!;
      if (!atWindow.has(r.createdBy) && elapsed >= windowMs) atWindow.set(r.createdBy, st);
      if (!allFinal.has(r.createdBy) && finalOf(st) >= r.accepted) allFinal.set(r.createdBy, elapsed);
    }
    if (allFinal.size === runs.length || elapsed >= maxMs) break;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  const waitedMs = Date.now() - since;
  const out: CompletionResult[] = [];
  for (const r of runs) {
    const st = states.get(r.createdBy)!;
    const w = atWindow.get(r.createdBy) ?? st;
    const { rows } = await db.query<{ ms: number }>(
      `select extract(epoch from (completed_at - created_at)) * 1000 as ms from product_order where created_by = $1 and state = 'completed' and completed_at is not null`,
      [r.createdBy],
    );
    out.push({
      windowMs,
      accepted: r.accepted,
      completedWithinWindow: w.completed ?? 0,
      finalWithinWindow: finalOf(w),
      statesAtWindow: w,
      allFinalAfterMs: allFinal.get(r.createdBy) ?? null,
      waitedMs,
      states: st,
      fulfilment: rows.length ? summarize(rows.map((x) => Number(x.ms))) : null,
    });
  }
  return out;
}

/** One request at a time (closed loop): the latency of a create on an otherwise idle API. */
export async function runSerial(opts: {
  port: number;
  token: string;
  bodies: Array<Record<string, unknown>>;
  idempotencyPrefix: string;
}): Promise<{ latency: Summary; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ms: number[] = [];
  let errors = 0;
  for (const [i, body] of opts.bodies.entries()) {
    const s = performance.now();
    const res = await postOrder(agent, opts, i, body);
    ms.push(performance.now() - s);
    if (res.status !== 201) errors++;
  }
  agent.destroy();
  return { latency: summarize(ms), errors };
}
