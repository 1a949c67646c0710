// Temporal's own figures over a benchmark run, from its Prometheus endpoints (the dev server's one,
// or one per service of the cluster), scraped before and after the run: state transitions per
// second (each mutable-state write of a workflow records `state_transition_count` once, so the
// histogram's count is the number of transitions) and persistence latency (`persistence_latency`, by
// operation: a histogram in seconds, buckets from 1 ms up, on both shapes).

/** One scrape: every series' value, its name and labels as the exposition wrote them. */
export type Scrape = Map<string, { name: string; labels: Record<string, string>; value: number }>;

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The text exposition format, summed over endpoints where the same series appears twice. */
export function parsePrometheus(text: string, into: Scrape = new Map()): Scrape {
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!;
    const key = `${m[1]}{${m[2] ?? ''}}`;
    const prev = into.get(key);
    into.set(key, { name: m[1]!, labels, value: (prev?.value ?? 0) + value });
  }
  return into;
}

/** Every endpoint's metrics; an endpoint that does not answer is left out (the figures say so by their absence). */
export async function scrapeAll(urls: readonly string[]): Promise<Scrape | undefined> {
  if (!urls.length) return undefined;
  const into: Scrape = new Map();
  let answered = 0;
  await Promise.all(
    urls.map(async (u) => {
      try {
        const res = await fetch(u, { signal: AbortSignal.timeout(5_000) });
        if (!res.ok) return;
        parsePrometheus(await res.text(), into);
        answered++;
      } catch {
        // not up (yet), or gone: no figures from it
      }
    }),
  );
  return answered ? into : undefined;
}

export interface LatencyFigures {
  requests: number;
  meanMs: number;
  /** From the histogram's buckets over the run, linear within a bucket (as Prometheus' histogram_quantile). */
  p50Ms: number;
  p99Ms: number;
}

export interface TemporalFigures {
  /** How many endpoints answered (1 for the dev server, one per service of the cluster). */
  endpoints: number;
  stateTransitions: number;
  stateTransitionsPerSecond: number;
  persistence: LatencyFigures;
  /** The operations that took the most time in all, up to 12. */
  persistenceByOperation: Record<string, LatencyFigures>;
}

type Series = { name: string; labels: Record<string, string>; value: number };

/** after − before of the series named `name` whose labels pass `keep`, grouped by `by` (a label value). */
function deltas(before: Scrape, after: Scrape, name: string, keep: (l: Record<string, string>) => boolean, by: (l: Record<string, string>) => string) {
  const out = new Map<string, number>();
  for (const [key, s] of after as Map<string, Series>) {
    if (s.name !== name || !keep(s.labels)) continue;
    const d = s.value - (before.get(key)?.value ?? 0);
    const g = by(s.labels);
    out.set(g, (out.get(g) ?? 0) + d);
  }
  return out;
}

/** histogram_quantile over bucket deltas: linear within the bucket, as Prometheus does. */
export function bucketQuantile(buckets: Map<string, number>, q: number): number {
  const sorted = [...buckets.entries()].map(([le, n]) => [le === '+Inf' ? Infinity : Number(le), n] as const).sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (!total) return NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevN = 0;
  for (const [le, n] of sorted) {
    if (n >= rank) {
      if (le === Infinity) return prevLe;
      return n === prevN ? le : prevLe + ((le - prevLe) * (rank - prevN)) / (n - prevN);
    }
    prevLe = le;
    prevN = n;
  }
  return prevLe;
}

function latency(before: Scrape, after: Scrape, base: string, keep: (l: Record<string, string>) => boolean): LatencyFigures {
  const sum = (name: string) => [...deltas(before, after, name, keep, () => '').values()].reduce((a, b) => a + b, 0);
  const requests = sum(`${base}_count`);
  const seconds = sum(`${base}_sum`);
  const buckets = deltas(before, after, `${base}_bucket`, keep, (l) => l.le ?? '');
  const p50 = bucketQuantile(buckets, 0.5) * 1000;
  const p99 = bucketQuantile(buckets, 0.99) * 1000;
  return { requests, meanMs: requests ? (seconds / requests) * 1000 : NaN, p50Ms: p50, p99Ms: p99 };
}

/** What Temporal did between two scrapes `wallS` seconds apart. */
export function temporalFigures(before: Scrape, after: Scrape, wallS: number, endpoints: number): TemporalFigures {
  const all = () => true;
  const stateTransitions = [...deltas(before, after, 'state_transition_count_count', all, () => '').values()].reduce((a, b) => a + b, 0);
  const ops = deltas(before, after, 'persistence_latency_sum', all, (l) => l.operation ?? '?');
  const top = [...ops.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return {
    endpoints,
    stateTransitions,
    stateTransitionsPerSecond: stateTransitions / wallS,
    persistence: latency(before, after, 'persistence_latency', all),
    persistenceByOperation: Object.fromEntries(top.map(([op]) => [op, latency(before, after, 'persistence_latency', (l) => (l.operation ?? '?') === op)])),
  };
}
