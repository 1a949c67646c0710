// Benchmark 1: PricingIndex.quote over 45,000 generated pricing policies, in process (../quote.ts).
import type { BenchContext } from '../context.js';
import { opts } from '../options.js';
import { runQuoteBench, type QuoteBenchResult } from '../quote.js';

export function benchQuote(ctx: BenchContext): QuoteBenchResult {
  ctx.log('1. quote: PricingIndex over generated pricing policies');
  return runQuoteBench({ policies: 45_000, runs: opts.quoteRuns, quotesPerRun: opts.quotesPerRun, warmup: opts.quoteWarmup, seed: 7 }, ctx.log);
}
