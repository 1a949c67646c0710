// A simulated back-office department: it finds the work orders dispatched to it in the read model
// and answers each one the way staff would — accept, then, after a delay, a receipt — through the
// work-order workflow's own Update. The tests, the replay-corpus recorder and the benchmark use it
// to complete the field-installation step of orders.
import type { Client } from '@temporalio/client';
import type { ReceiptResult } from '../domain/work-order.js';
import { workOrderActionUpdate } from '../workflows/work-order.js';

export interface DepartmentOptions {
  client: Client;
  /** Dispatched, unanswered assignments of the departments matching `departmentLike`. */
  dispatched: (departmentLike: string) => Promise<Array<{ work_order_id: string; department: string }>>;
  /** SQL LIKE pattern of the departments that answer (default: every installation department). */
  departmentLike?: string;
  result?: ReceiptResult;
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
  const handled = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    while (!stopped) {
      const rows = await opts.dispatched(opts.departmentLike ?? '%-installation').catch(() => []);
      for (const r of rows) {
        const key = `${r.work_order_id}/${r.department}`;
        if (handled.has(key)) continue;
        handled.add(key);
        const claimed = opts.claim ? await opts.claim(r.work_order_id, r.department) : true;
        if (claimed !== true) {
          if (claimed === undefined) handled.delete(key);
          continue;
        }
        const handle = opts.client.workflow.getHandle(`workorder-${r.work_order_id}`);
        const actor = { id: `tech-${r.department}`, role: 'department' as const, department: r.department };
        const work = (async () => {
          await handle.executeUpdate(workOrderActionUpdate, { args: [{ event: { type: 'accept' }, actor }] });
          await new Promise((ok) => setTimeout(ok, opts.delayMs ?? 50));
          await handle.executeUpdate(workOrderActionUpdate, {
            args: [{ event: { type: 'receipt', result: opts.result ?? 'resolved', resolutionCode: 'INSTALLED', notes: 'installed on site' }, actor }],
          });
          answered += 1;
        })()
          // Not answered (the workflow was busy or gone): try again at a later poll.
          .catch(() => void handled.delete(key))
          .finally(() => inFlight.delete(work));
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
