// Benchmark 1: PricingIndex.quote over the 45,000 generated pricing policies, in process.
import { performance } from 'node:perf_hooks';
import { DEFAULT_CATALOG, type OrderAction, type ProductOffering, type ServiceLine } from '../../domain/catalog.js';
import type { CustomerTier } from '../../domain/customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES, isOfferingSold, type LocalNetworkId } from '../../domain/local-networks.js';
import { PricingIndex, type QuoteRequest } from '../../domain/pricing.js';
import { generatePricingPolicies } from '../../domain/seed-data.js';
import { medianOfRuns, prng, summarize, type Summary } from './stats.js';

export interface QuoteBenchOptions {
  policies: number;
  runs: number;
  quotesPerRun: number;
  warmup: number;
  seed: number;
}

export interface QuoteBenchResult {
  policies: number;
  generateMs: number;
  indexBuildMs: number;
  warmup: number;
  quotesPerRun: number;
  runs: Summary[];
  median: Summary;
  all: Summary;
  itemsPerQuote: Record<string, number>;
  avgLinesPerQuote: number;
  quotesWithBundle: number;
  quotesWithDiscount: number;
  errors: number;
  targetP99Ms: number;
}

const TIER_WEIGHTS: Array<[CustomerTier, number]> = [
  ['ordinary', 70],
  ['silver', 15],
  ['gold', 10],
  ['vip', 5],
];
/** Baskets people actually buy together (fixed + broadband, mobile + value-added, ...). */
const BASKETS: ServiceLine[][] = [
  ['fixed_line', 'broadband'],
  ['fixed_line', 'long_distance'],
  ['fixed_line', 'ip_phone', 'value_added'],
  ['fixed_line', 'broadband', 'value_added'],
  ['gsm_mobile', 'value_added'],
  ['gsm_mobile', 'value_added', 'value_added'],
  ['phs', 'value_added'],
  ['broadband', 'value_added'],
  ['fixed_line', 'broadband', 'value_added', 'long_distance'],
];

/** Realistic quote requests: 1-4 items of offerings sold (and so priced) in the order's local network. */
export function quoteRequests(count: number, seed: number): QuoteRequest[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T>(xs: ReadonlyArray<[T, number]>) => {
    let r = rnd() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1]![0];
  };
  const sold = new Map<LocalNetworkId, ProductOffering[]>(
    DEFAULT_LOCAL_NETWORK_RULES.map((n) => [n.id, DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active' && isOfferingSold(n, o))]),
  );
  const out: QuoteRequest[] = [];
  while (out.length < count) {
    const network = pick(DEFAULT_LOCAL_NETWORK_RULES);
    const offerings = sold.get(network.id)!;
    const tier = weighted(TIER_WEIGHTS);
    const size = weighted<number>([
      [1, 45],
      [2, 30],
      [3, 17],
      [4, 8],
    ]);
    const lines = rnd() < 0.6 ? pick(BASKETS).slice(0, size) : [];
    const chosen: ProductOffering[] = [];
    for (const line of lines) {
      const candidates = offerings.filter((o) => o.serviceLine === line && !chosen.includes(o));
      if (candidates.length) chosen.push(pick(candidates));
    }
    while (chosen.length < size) {
      const o = pick(offerings);
      if (!chosen.includes(o)) chosen.push(o);
    }
    out.push({
      localNetwork: network.id,
      customerTier: tier,
      items: chosen.map((o, i) => {
        // Mostly new services; some plan changes of an existing one (priced by monthly-fee policies).
        const action: OrderAction = rnd() < 0.12 && o.template.allowedActions.includes('modify') ? 'modify' : 'add';
        return { id: String(i + 1), offeringId: o.id, action, ...(rnd() < 0.05 && action === 'add' ? { quantity: 2 } : {}) };
      }),
    });
  }
  return out;
}

export function runQuoteBench(opts: QuoteBenchOptions, log: (s: string) => void): QuoteBenchResult {
  let t = performance.now();
  const policies = generatePricingPolicies(opts.policies);
  const generateMs = performance.now() - t;
  t = performance.now();
  const index = new PricingIndex(policies);
  const indexBuildMs = performance.now() - t;
  log(`  ${policies.length} policies generated in ${generateMs.toFixed(0)} ms, index built in ${indexBuildMs.toFixed(0)} ms`);

  const requests = quoteRequests(opts.warmup + opts.runs * opts.quotesPerRun, opts.seed);
  const itemsPerQuote: Record<string, number> = {};
  for (const r of requests.slice(opts.warmup)) itemsPerQuote[r.items.length] = (itemsPerQuote[r.items.length] ?? 0) + 1;
  let errors = 0;
  let lines = 0;
  let withBundle = 0;
  let withDiscount = 0;
  // Warm-up: JIT, inline caches, the first GCs.
  for (const r of requests.slice(0, opts.warmup)) index.quote(r, new Date().toISOString());

  const runs: Summary[] = [];
  const all: number[] = [];
  for (let run = 0; run < opts.runs; run++) {
    const batch = requests.slice(opts.warmup + run * opts.quotesPerRun, opts.warmup + (run + 1) * opts.quotesPerRun);
    const times = new Array<number>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const started = performance.now();
      // The instant is taken per quote, as the API does (new Date() per request).
      const q = index.quote(batch[i]!, new Date().toISOString());
      times[i] = performance.now() - started;
      if (q.errors.length) errors++;
      const ls = q.items.flatMap((it) => it.lines);
      lines += ls.length;
      if (ls.some((l) => l.kind === 'bundle')) withBundle++;
      if (ls.some((l) => l.kind === 'discount')) withDiscount++;
    }
    const s = summarize(times);
    runs.push(s);
    all.push(...times);
    log(`  run ${run + 1}/${opts.runs}: ${batch.length} quotes  p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  max ${s.max.toFixed(2)} ms`);
  }
  const measured = opts.runs * opts.quotesPerRun;
  return {
    policies: policies.length,
    generateMs,
    indexBuildMs,
    warmup: opts.warmup,
    quotesPerRun: opts.quotesPerRun,
    runs,
    median: medianOfRuns(runs),
    all: summarize(all),
    itemsPerQuote,
    avgLinesPerQuote: lines / measured,
    quotesWithBundle: withBundle,
    quotesWithDiscount: withDiscount,
    errors,
    targetP99Ms: 5,
  };
}
