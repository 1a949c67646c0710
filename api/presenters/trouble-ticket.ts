// A work order as the API answers it (TMF621-shaped), from the read model's snapshot or the
// workflow's live view, and a department's worklist entry.
import { assignees, type WorkOrderSnapshot } from '../../domain/work-order.js';
import type { WorkOrderView } from '../../contracts/work-order.js';
import type { WorklistRow, WorkOrderRow } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';

/** The snapshot with who holds it and its deadlines: the live view's (epoch ms), else the row's. */
export function presentWorkOrder(s: WorkOrderSnapshot | WorkOrderView, row?: Pick<WorkOrderRow, 'accept_by' | 'resolve_by'>) {
  const live = 'deadlines' in s ? s.deadlines : undefined;
  const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    ...s,
    href: `/troubleTicket/${s.id}`,
    assignees: assignees(s),
    deadlines: live ? { acceptBy: at(live.acceptBy), resolveBy: at(live.resolveBy) } : { acceptBy: isoOf(row?.accept_by), resolveBy: isoOf(row?.resolve_by) },
  };
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
  };
}
