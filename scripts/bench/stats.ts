// Percentiles and small summaries for the benchmark (nearest-rank on a sorted copy).

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  const s = Float64Array.from(values).sort();
  const arr = Array.from(s);
  const n = arr.length;
  return {
    n,
    min: n ? arr[0]! : NaN,
    mean: n ? arr.reduce((a, b) => a + b, 0) / n : NaN,
    p50: percentile(arr, 50),
    p90: percentile(arr, 90),
    p95: percentile(arr, 95),
    p99: percentile(arr, 99),
    max: n ? arr[n - 1]! : NaN,
  };
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return NaN;
  const s = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Per-field median over several runs' summaries (the headline figure on a noisy machine). */
export function medianOfRuns(runs: readonly Summary[]): Summary {
  const pick = (k: keyof Summary) => median(runs.map((r) => r[k]));
  return {
    n: runs.reduce((a, r) => a + r.n, 0),
    min: pick('min'),
    mean: pick('mean'),
    p50: pick('p50'),
    p90: pick('p90'),
    p95: pick('p95'),
    p99: pick('p99'),
    max: pick('max'),
  };
}

export const round = (v: number, digits = 2) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/** A fixed-width text table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: Array<string | number>) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '-';
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** A deterministic PRNG for request mixes (so runs are comparable): the seed data's own. */
export { mulberry32 as prng } from '../../domain/seed-data.js';
