// Helpers the integration tests share: seeded customers, order bodies, and a department that
// answers the work orders dispatched to it (the field-installation step needs one).
import request from 'supertest';
import type { TestSystem } from './system.js';
import { workOrderActionUpdate } from '../../workflows/work-order.js';
import type { ReceiptResult } from '../../domain/work-order.js';

export interface SeededCustomer {
  id: string;
  homeLocalNetwork: string;
  tier: string;
}

/** An active individual customer with an account (seeded by global setup). */
export async function findCustomer(sys: TestSystem, where = "c.kind = 'individual'", offset = 0): Promise<SeededCustomer> {
  const rows = (await sys.orm.em.fork().getConnection().execute(
    `select c.id, c.home_local_network, c.tier from customer c where c.status = 'active' and ${where}
       and exists (select 1 from account a where a.customer_id = c.id) order by c.id offset ? limit 1`,
    [offset],
  )) as Array<{ id: string; home_local_network: string; tier: string }>;
  if (!rows[0]) throw new Error(`no seeded customer where ${where}`);
  return { id: rows[0].id, homeLocalNetwork: rows[0].home_local_network, tier: rows[0].tier };
}

let counter = 0;
/** A unique mobile number the inventory will accept. */
export function freshMobile(): string {
  counter += 1;
  return `139${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(5, '0')}`.slice(0, 11);
}

export function orderBody(customer: SeededCustomer, items: Array<{ offering: string; action?: string; characteristic?: Array<{ name: string; value: string }>; productId?: string }>, extra: Record<string, unknown> = {}) {
  return {
    channel: 'shop',
    localNetwork: customer.homeLocalNetwork,
    relatedParty: [{ id: customer.id, role: 'customer' }],
    depositPaidCents: 1_000_000,
    productOrderItem: items.map((i, n) => ({
      id: String(n + 1),
      action: i.action ?? 'add',
      productOffering: { id: i.offering },
      ...(i.characteristic || i.productId ? { product: { ...(i.productId ? { id: i.productId } : {}), ...(i.characteristic ? { characteristic: i.characteristic } : {}) } } : {}),
    })),
    ...extra,
  };
}

export async function placeOrder(sys: TestSystem, body: unknown, token = sys.token({ roles: ['order-entry'] }), headers: Record<string, string> = {}) {
  const req = request(sys.app).post('/productOrder').set('authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body as object);
}

/** Waits for the order's workflow to finish and returns the order as the API shows it. */
export async function settledOrder(sys: TestSystem, orderId: string) {
  await sys.client.workflow.getHandle(`order-${orderId}`).result();
  const res = await request(sys.app).get(`/productOrder/${orderId}`).set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`);
  return res.body;
}

/**
 * A department that answers every work order dispatched to it: accept, then a receipt with the
 * given result after `delayMs`. Returns a stop function.
 */
export function answeringDepartment(sys: TestSystem, opts: { result?: ReceiptResult; delayMs?: number; departmentLike?: string } = {}) {
  let stopped = false;
  const handled = new Set<string>();
  const loop = (async () => {
    while (!stopped) {
      const rows = (await sys.orm.em.fork().getConnection().execute(
        `select work_order_id, department from work_order_assignment where open and department like ? and state = 'dispatched'`,
        [opts.departmentLike ?? '%-installation'],
      )) as Array<{ work_order_id: string; department: string }>;
      for (const r of rows) {
        const key = `${r.work_order_id}/${r.department}`;
        if (handled.has(key)) continue;
        handled.add(key);
        const handle = sys.client.workflow.getHandle(`workorder-${r.work_order_id}`);
        const actor = { id: `tech-${r.department}`, role: 'department' as const, department: r.department };
        void (async () => {
          await handle.executeUpdate(workOrderActionUpdate, { args: [{ event: { type: 'accept' }, actor }] });
          await new Promise((ok) => setTimeout(ok, opts.delayMs ?? 50));
          await handle.executeUpdate(workOrderActionUpdate, {
            args: [{ event: { type: 'receipt', result: opts.result ?? 'resolved', resolutionCode: 'INSTALLED', notes: 'installed on site' }, actor }],
          });
        })().catch(() => handled.delete(key));
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
