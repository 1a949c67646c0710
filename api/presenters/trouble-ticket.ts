// A work order as the API answers it (TMF621-shaped), from the read model's snapshot or the
// workflow's live view, and a department's worklist entry.
import { deadlinesOf } from '../../domain/sla.js';
import { assignees, type WorkOrderSnapshot } from '../../domain/work-order.js';
import type { WorkOrderView } from '../../contracts/work-order.js';
import type { WorklistRow } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';

/** The live view's deadlines, or the snapshot's own by the SLA rules. */
export const deadlinesOfView = (s: WorkOrderSnapshot | WorkOrderView): { acceptBy?: number; resolveBy?: number } | undefined =>
  'deadlines' in s ? s.deadlines : deadlinesOf(s);

/**
 * The snapshot with who holds it and its deadlines — the live view's, or the snapshot's own by the
 * SLA rules (what the read model's accept_by and resolve_by columns hold, so no row is needed).
 */
export function presentWorkOrder(s: WorkOrderSnapshot | WorkOrderView) {
  const d = deadlinesOfView(s);
  const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    ...s,
    href: `/troubleTicket/${s.id}`,
    assignees: assignees(s),
    deadlines: { acceptBy: at(d?.acceptBy), resolveBy: at(d?.resolveBy) },
  };
}

/** When the urge mark of the window whose deadline this is falls (accept or resolve), by the SLA rules. */
function urgeAtOf(r: WorklistRow): string | null {
  const iso = isoOf(r.deadline);
  const deadline = iso === undefined ? undefined : Date.parse(iso);
  const window = deadline === undefined ? undefined : deadlinesOf(r)?.windows.find((w) => w.deadline === deadline);
  return window?.urgeAt === undefined ? null : new Date(window.urgeAt).toISOString();
}

export function presentWorklistEntry(r: WorklistRow) {
  return {
    workOrderId: r.work_order_id,
    department: r.department,
    state: r.state,
    deadline: isoOf(r.deadline) ?? null,
    overdue: r.overdue,
    type: r.type,
    priority: r.priority,
    customerTier: r.customer_tier,
    escalationLevel: r.escalation_level,
    localNetwork: r.local_network,
    round: r.round,
    dispatchedAt: isoOf(r.dispatched_at)!,
    urgeAt: urgeAtOf(r),
    urgeCount: r.urges,
    awaitingSupervisionReply: r.awaiting_reply,
    summary: r.summary ?? '',
    acceptedBy: r.accepted_by ? { id: r.accepted_by, ...(r.accepted_by_name ? { name: r.accepted_by_name } : {}), at: isoOf(r.accepted_at)! } : null,
    handOver: r.hand_over === true,
  };
}
