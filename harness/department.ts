// A simulated back-office department: it finds the work orders dispatched to it in the read model
// and answers each one the way staff would — accept, then, after a delay, a receipt — through the
// work-order workflow's own Update. The tests, the replay-corpus recorder and the benchmark use it
// to complete the field-installation step of orders.
import type { Client } from '@temporalio/client';
import type { ReceiptResult } from '../domain/work-order.js';
import { workOrderActionUpdate, workOrderWorkflowId } from '../contracts/work-order.js';

/** An open assignment: dispatched (to accept and answer), or accepted and owing a receipt (sent back for another appointment). */
export interface OpenAssignment {
  work_order_id: string;
  department: string;
  state: string;
  /** Timeline entries of the work order as the read model holds it: tells whether it moved on since our receipt. */
  entries: number;
}

/**
 * The read model's query for the open assignments of field installations (work orders raised by
 * orders) at the departments matching a LIKE pattern ($1): installations go wherever the routing
 * rules send them (installation, broadband support in Dalian, enterprise service).
 */
export const OPEN_INSTALLATIONS_SQL = `select a.work_order_id, a.department, a.state, jsonb_array_length(w.snapshot->'timeline') as entries
  from work_order_assignment a join work_order w on w.id = a.work_order_id
 where a.open and a.department like $1 and a.state in ('dispatched', 'accepted') and w.channel = 'system' and w.related_order_id is not null`;

export interface DepartmentOptions {
  client: Client;
  /** Open field-installation assignments of the departments matching `departmentLike` (OPEN_INSTALLATIONS_SQL). */
  open: (departmentLike: string) => Promise<OpenAssignment[]>;
  /** SQL LIKE pattern of the departments that answer (default: every department). */
  departmentLike?: string;
  /** The receipt's result, or one per appointment (1 = the first) — e.g. not done, then done. */
  result?: ReceiptResult | ((appointment: number) => ReceiptResult);
  /** Between acceptance and receipt. */
  delayMs?: number;
  pollMs?: number;
  /** Whether to answer this one: true, false, or undefined to ask again at the next poll. */
  claim?: (workOrderId: string, department: string) => Promise<boolean | undefined> | boolean | undefined;
}

export interface SimulatedDepartment {
  /** Work orders answered with a receipt so far. */
  answered(): number;
  stop(): Promise<void>;
}

export function simulateDepartment(opts: DepartmentOptions): SimulatedDepartment {
  let stopped = false;
  let answered = 0;
  // Per assignment: answering now, or the work order's timeline length after our last receipt — a
  // row not longer than that is one the read model has not caught up on; a longer one was sent back
  // for another appointment.
  const busy = new Set<string>();
  const declined = new Set<string>();
  const answeredAt = new Map<string, number>();
  const appointments = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    while (!stopped) {
      const rows = await opts.open(opts.departmentLike ?? '%').catch(() => []);
      for (const r of rows) {
        const key = `${r.work_order_id}/${r.department}`;
        if (busy.has(key) || declined.has(key) || Number(r.entries) <= (answeredAt.get(key) ?? -1)) continue;
        busy.add(key);
        const claimed = opts.claim ? await opts.claim(r.work_order_id, r.department) : true;
        if (claimed !== true) {
          busy.delete(key);
          if (claimed === false) declined.add(key);
          continue;
        }
        const handle = opts.client.workflow.getHandle(workOrderWorkflowId(r.work_order_id));
        const actor = { id: `tech-${r.department}`, role: 'department' as const, department: r.department };
        const work = (async () => {
          if (r.state === 'dispatched') await handle.executeUpdate(workOrderActionUpdate, { args: [{ event: { type: 'accept' }, actor }] });
          await new Promise((ok) => setTimeout(ok, opts.delayMs ?? 50));
          const appointment = (appointments.get(key) ?? 0) + 1;
          const result = typeof opts.result === 'function' ? opts.result(appointment) : (opts.result ?? 'resolved');
          const done = result === 'resolved';
          const after = await handle.executeUpdate(workOrderActionUpdate, {
            args: [
              {
                event: {
                  type: 'receipt',
                  result,
                  resolutionCode: done ? 'INSTALLED' : 'CUSTOMER_ABSENT',
                  notes: done ? 'installed on site' : 'customer not at home',
                },
                actor,
              },
            ],
          });
          appointments.set(key, appointment);
          answeredAt.set(key, after.timeline.length);
          answered += 1;
        })()
          // Not answered (the workflow was busy or gone): try again at a later poll.
          .catch(() => undefined)
          .finally(() => {
            busy.delete(key);
            inFlight.delete(work);
          });
        inFlight.add(work);
      }
      await new Promise((ok) => setTimeout(ok, opts.pollMs ?? 100));
    }
  })();
  return {
    answered: () => answered,
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
    },
  };
}
