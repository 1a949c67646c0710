// Quality checks (抽查): a share of the closed work orders of each local network (data, see
// LocalNetworkRules.qualityCheckShare) is called again by the call centre to check how it was
// handled, and the result recorded. The sample is a pure function of the work order's id, so it is
// the same on every write, replay and test run (a test can pick an id known to be sampled), and the
// call centre cannot choose which work orders get checked.
//
// The check lives in the read model, not in the work order's workflow: it is an audit of work that is
// over, made after the customer's callback, often after the reopen window has ended the workflow.
// An unsatisfied result is for people to act on (a reopen while the window lasts, or a new complaint).
import { chinaBusinessDay } from './instant.js';
import type { LocalNetworkRules } from './local-networks.js';
import type { WorkOrderSnapshot } from './work-order.js';

/** The share sampled where a local network's rules say nothing. */
export const DEFAULT_QUALITY_CHECK_SHARE = 0.1;

export const QUALITY_CHECK_RESULTS = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type QualityCheckResult = (typeof QUALITY_CHECK_RESULTS)[number];

export const QUALITY_CHECK_STATES = ['due', 'done', 'all'] as const;
export type QualityCheckState = (typeof QUALITY_CHECK_STATES)[number];

/** The local network's share, within [0, 1]. */
export function qualityCheckShare(rules: Pick<LocalNetworkRules, 'qualityCheckShare'> | undefined): number {
  const share = rules?.qualityCheckShare ?? DEFAULT_QUALITY_CHECK_SHARE;
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : DEFAULT_QUALITY_CHECK_SHARE;
}

/**
 * Where the work order's id falls in [0, 1): FNV-1a (32 bits) of its UTF-16 code units, then
 * MurmurHash3's finaliser, since ids differing in their last characters only (TT-…-1, TT-…-2) would
 * otherwise fall close together.
 */
export function samplePoint(workOrderId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < workOrderId.length; i++) {
    h ^= workOrderId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

export function isSampled(workOrderId: string, share: number): boolean {
  return samplePoint(workOrderId) < share;
}

/**
 * Whether a work order is to be checked now: closed (a field installation closed by its order's
 * receipt has no customer call of its own to check) and its id in the sample.
 */
export function dueForQualityCheck(s: Pick<WorkOrderSnapshot, 'id' | 'phase' | 'closeReason'>, share: number): boolean {
  return s.phase === 'closed' && s.closeReason !== 'installationReported' && isSampled(s.id, share);
}

// ---- Report figures -----------------------------------------------------------------------------

/** A quality check as the read model keeps it (epoch ms). */
export interface QualityCheckRecord {
  localNetwork: string;
  sampledAt: number;
  result?: QualityCheckResult;
  recordedAt?: number;
}

export interface QualityCheckFigures {
  /** Work orders closed that day and sampled. */
  sampled: number;
  /** Checks recorded that day, and their results. */
  done: number;
  satisfied: number;
  unsatisfied: number;
  unreachable: number;
}

export const emptyQualityCheckFigures = (): QualityCheckFigures => ({ sampled: 0, done: 0, satisfied: 0, unsatisfied: 0, unreachable: 0 });

/** Figures per (day, local network) over `days`; local networks `scope` refuses are left out. */
export function qualityCheckFigures(
  checks: readonly QualityCheckRecord[],
  days: readonly string[],
  scope?: (group: string) => boolean,
): Map<string, Map<string, QualityCheckFigures>> {
  const out = new Map<string, Map<string, QualityCheckFigures>>(days.map((d) => [d, new Map()]));
  const figuresOf = (at: number, group: string) => {
    const byGroup = out.get(chinaBusinessDay(at));
    if (!byGroup || (scope && !scope(group))) return undefined;
    let f = byGroup.get(group);
    if (!f) byGroup.set(group, (f = emptyQualityCheckFigures()));
    return f;
  };
  for (const c of checks) {
    const sampled = figuresOf(c.sampledAt, c.localNetwork);
    if (sampled) sampled.sampled += 1;
    const done = c.result && c.recordedAt !== undefined ? figuresOf(c.recordedAt, c.localNetwork) : undefined;
    if (done) {
      done.done += 1;
      done[c.result!] += 1;
    }
  }
  return out;
}
