// Who may see a work order. Pure, so the API's reads, searches, worklists, audit trails and the
// customer 360 apply one rule.
import { hasRole, inLocalNetworkScope, type Principal } from './access.js';
import { departmentById, levelRank } from './departments.js';
import { visibleToLocalNetworks, type WorkOrderSnapshot } from './work-order.js';

export type WorkOrderScopeFacts = Pick<WorkOrderSnapshot, 'takenInLocalNetwork' | 'forwardedTo' | 'assignments' | 'previousAssignments' | 'escalationLevel'> &
  Partial<Pick<WorkOrderSnapshot, 'handOver' | 'accountManager'>>;

/**
 * Admins see all; department staff the work orders their department holds or held; supervisors
 * above city level those at or below their level; the call centre, city supervisors, ops and
 * auditors those of their local networks — both sides of a roaming forward (no exception for ops
 * and auditors); order entry and dealers none.
 */
export function canSeeWorkOrder(p: Principal, s: WorkOrderScopeFacts): boolean {
  if (p.roles.includes('admin')) return true;
  // An account manager: the work orders of their own customers (named when each was taken), wherever taken.
  if (p.roles.includes('account-manager') && s.accountManager !== undefined && s.accountManager === p.sub) return true;
  if (visibleToLocalNetworks(s).some((ln) => inLocalNetworkScope(p, ln))) {
    return hasRole(p, 'call-centre', 'supervisor', 'ops', 'auditor') || heldByOwnDepartment(p, s);
  }
  if (heldByOwnDepartment(p, s)) return true;
  if (p.roles.includes('supervisor')) {
    const level = p.level ?? 'city';
    // Handed over to the national centre, the work order stays the province's to follow.
    if (level !== 'city' && levelRank(level) >= levelRank(s.handOver ? 'province' : s.escalationLevel)) return true;
    // A city supervisor also follows the work orders its local network's departments hold.
    const own = p.department ? departmentById(p.department)?.localNetwork : undefined;
    if (own !== undefined && departmentsOf(s).some((d) => departmentById(d)?.localNetwork === own)) return true;
  }
  return false;
}

function heldByOwnDepartment(p: Principal, s: WorkOrderScopeFacts): boolean {
  return p.roles.includes('department') && p.department !== undefined && departmentsOf(s).includes(p.department);
}

/** Departments that hold or held it, and the province department that handed it over to the national centre. */
function departmentsOf(s: WorkOrderScopeFacts): string[] {
  return [...[...s.assignments, ...s.previousAssignments].map((a) => a.department), ...(s.handOver ? [s.handOver.from] : [])];
}
