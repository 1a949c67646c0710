// Instants passed into the domain: the caller supplies the time (workflow time or request time),
// so the domain never reads a clock and stays deterministic inside Temporal workflows.

/**
 * An ISO-8601 string ('2008-06-01T09:30:00+08:00') or epoch milliseconds. A date alone
 * ('2008-06-01') means midnight China Standard Time, the start of that business day.
 */
export type Instant = string | number;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function toEpochMs(at: Instant): number {
  const ms = typeof at === 'number' ? at : Date.parse(DATE_ONLY.test(at) ? `${at}T00:00:00+08:00` : at);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return ms;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The business day ('YYYY-MM-DD') in China Standard Time: agents' daily limits and daily reports count by it. */
export function chinaBusinessDay(at: Instant): string {
  return new Date(toEpochMs(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when `at` lies in [from, to): windows end exclusive; an undefined `to` means open-ended. */
export function inWindow(atMs: number, fromMs: number, toMs: number | undefined): boolean {
  return atMs >= fromMs && (toMs === undefined || atMs < toMs);
}
