// The supervisor board's rules, pure: whose work orders a supervisor watches, and the SLA urge mark
// of an assignment's deadline (what the read model keeps beside the deadline, so "about to breach"
// is one indexed comparison).
import { localNetworkFilter, type Principal } from './access.js';
import { departmentById } from './departments.js';
import type { SlaDeadlines } from './sla.js';

/** The board's tabs: past the deadline, or past the SLA policy's urge mark with the deadline still ahead. */
export const DUE_FILTERS = ['overdue', 'soon'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/**
 * The local networks whose work orders a supervisor watches ('*' = all): those of their scope (a
 * province or national supervisor usually has every one), and the local network of their own city
 * department — the same networks canSeeWorkOrder lets them open.
 */
export function boardLocalNetworks(p: Principal): '*' | string[] {
  // The national centre serves every local network: its supervisors watch them all, as they may open them all.
  if (watchesEveryNetwork(p)) return '*';
  const scope = localNetworkFilter(p);
  if (scope === '*') return '*';
  const own = p.department ? departmentById(p.department)?.localNetwork : undefined;
  return own && !scope.includes(own) ? [...scope, own] : [...scope];
}

/** A supervisor at the national level (canSeeWorkOrder lets them open every work order). */
export function watchesEveryNetwork(p: Principal): boolean {
  return p.roles.includes('supervisor') && p.level === 'national';
}

/** Whether an explicitly asked local network is one the supervisor watches. */
export function watchesLocalNetwork(p: Principal, localNetwork: string): boolean {
  const networks = boardLocalNetworks(p);
  return networks === '*' || networks.includes(localNetwork);
}

/**
 * When the urge mark of the SLA window ending at `deadline` falls (the accept or a resolve window),
 * or undefined when no window ends there (no deadline, or the clock is paused before it).
 */
export function urgeMarkOf(deadlines: SlaDeadlines | undefined, deadline: number | undefined): number | undefined {
  if (deadline === undefined || !deadlines) return undefined;
  return deadlines.windows.find((w) => w.deadline === deadline)?.urgeAt;
}
