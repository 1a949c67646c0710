// Helpers the integration tests share: seeded customers, order bodies, and a department that
// answers the work orders dispatched to it (the field-installation step needs one).
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestSystem } from './system.js';
import { OPEN_INSTALLATIONS_SQL, simulateDepartment, type OpenAssignment } from './department.js';
import type { ReceiptResult } from '../domain/work-order.js';
import type { BillingViews, InventoryViews, NetworkViews, NotificationViews, SimulatorRecords } from '../simulators/control.js';
import { orderWorkflowId } from '../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../contracts/work-order.js';

export interface SeededCustomer {
  id: string;
  homeLocalNetwork: string;
  tier: string;
}

/** An active individual customer with an account (seeded by global setup). */
export async function findCustomer(sys: TestSystem, where = "c.kind = 'individual'", offset = 0): Promise<SeededCustomer> {
  const rows = (await sys.orm.em
    .fork()
    .getConnection()
    .execute(
      `select c.id, c.home_local_network, c.tier from customer c where c.status = 'active' and ${where}
       and exists (select 1 from account a where a.customer_id = c.id) order by c.id offset ? limit 1`,
      [offset],
    )) as Array<{ id: string; home_local_network: string; tier: string }>;
  if (!rows[0]) throw new Error(`no seeded customer where ${where}`);
  return { id: rows[0].id, homeLocalNetwork: rows[0].home_local_network, tier: rows[0].tier };
}

/**
 * A mobile number no other test takes, the inventory accepts (never ending in 0000, held back) and no
 * seeded customer has (seeded ones start 138): random, as test files in one worker share its pid and a
 * counter restarts with each file — the same numbers on the shared database's subscriptions otherwise.
 */
export function freshMobile(): string {
  const n = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return n.endsWith('0000') ? freshMobile() : `139${n}`;
}

export function orderBody(
  customer: SeededCustomer,
  items: Array<{ offering: string; action?: string; characteristic?: Array<{ name: string; value: string }>; productId?: string }>,
  extra: Record<string, unknown> = {},
) {
  return {
    channel: 'shop',
    localNetwork: customer.homeLocalNetwork,
    relatedParty: [{ id: customer.id, role: 'customer' }],
    depositPaidCents: 1_000_000,
    productOrderItem: items.map((i, n) => ({
      id: String(n + 1),
      action: i.action ?? 'add',
      productOffering: { id: i.offering },
      ...(i.characteristic || i.productId
        ? { product: { ...(i.productId ? { id: i.productId } : {}), ...(i.characteristic ? { characteristic: i.characteristic } : {}) } }
        : {}),
    })),
    ...extra,
  };
}

/**
 * A residential fixed line with an installation (Dalian's plan: 8 digits), as an order body: held at its
 * field installation — between its chains of local steps — where no department answers.
 */
export function fixedLineWithInstallation(customer: SeededCustomer, address = 'Renmin Rd 8, flat 12') {
  return orderBody(customer, [
    {
      offering: 'fl-residential',
      characteristic: [
        { name: 'requestedNumber', value: freshFixed(8) },
        { name: 'installationAddress', value: address },
      ],
    },
  ]);
}

export async function placeOrder(sys: TestSystem, body: unknown, token = sys.token({ roles: ['order-entry'] }), headers: Record<string, string> = {}) {
  const req = request(sys.app).post('/productOrder').set('authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body as object);
}

/** Waits for the order's workflow to finish and returns the order as the API shows it. */
export async function settledOrder(sys: TestSystem, orderId: string) {
  await sys.client.workflow.getHandle(orderWorkflowId(orderId)).result();
  const res = await request(sys.app)
    .get(`/productOrder/${orderId}`)
    .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`);
  return res.body;
}

/**
 * A department that answers every work order dispatched to it: accept, then a receipt with the
 * given result after `delayMs` (harness/department.ts). Returns a stop function.
 */
export function answeringDepartment(
  sys: TestSystem,
  opts: {
    result?: ReceiptResult | ((appointment: number) => ReceiptResult);
    delayMs?: number;
    departmentLike?: string;
    /** Answer only the work orders this returns true for (asked again each round). */
    only?: (workOrderId: string, department: string) => boolean;
  } = {},
) {
  const department = simulateDepartment({
    client: sys.client,
    result: opts.result,
    delayMs: opts.delayMs,
    departmentLike: opts.departmentLike,
    open: async (like) => (await sys.orm.em.fork().getConnection().execute(OPEN_INSTALLATIONS_SQL.replace('$1', '?'), [like])) as OpenAssignment[],
    claim: async (workOrderId, dept) => {
      if (opts.only && !opts.only(workOrderId, dept)) return undefined;
      // Test files run in parallel on one database and one Temporal namespace: answer only the
      // work orders of this test system (its task queue), never another file's.
      return sys.client.workflow
        .getHandle(workOrderWorkflowId(workOrderId))
        .describe()
        .then(
          (d) => d.taskQueue === sys.config.TEMPORAL_TASK_QUEUE,
          () => undefined,
        );
    },
  });
  return () => department.stop();
}

// ---- more helpers for the order tests ----------------------------------------------------------

let fixedCounter = 0;
/** A unique local fixed-line / PHS number with the digits of the local network's plan (7 or 8). */
export function freshFixed(digits: 7 | 8): string {
  fixedCounter += 1;
  // Starts with 2-8 (a local number never starts with 0 or 1) and never ends in 0000 (held back).
  const head = digits === 8 ? `6${String(process.pid % 100).padStart(2, '0')}` : `5${String(process.pid % 10)}`;
  return `${head}${String(fixedCounter).padStart(4, '0')}1`.slice(0, digits);
}

export const opsToken = (sys: TestSystem) => sys.token({ roles: ['ops'] });

export function getOrder(sys: TestSystem, id: string, token = opsToken(sys)) {
  return request(sys.app).get(`/productOrder/${id}`).set('authorization', `Bearer ${token}`);
}

export function cancelOrder(sys: TestSystem, id: string, reason = 'customer changed their mind', token = sys.token({ roles: ['order-entry'] })) {
  return request(sys.app).post('/cancelProductOrder').set('authorization', `Bearer ${token}`).send({ productOrder: { id }, cancellationReason: reason });
}

export function amendItem(sys: TestSystem, id: string, itemId: string, body: unknown, token = sys.token({ roles: ['order-entry'] })) {
  return request(sys.app)
    .patch(`/productOrder/${id}/productOrderItem/${itemId}`)
    .set('authorization', `Bearer ${token}`)
    .send(body as object);
}

/** Polls until `probe` returns something truthy; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, { timeoutMs = 30_000, intervalMs = 100 } = {}): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
}

/** A task the status page (GET /system/status) lists as retrying. */
export interface RetryingTask {
  workflowId: string;
  activityType: string;
  kind: string;
  attempt: number;
  lastFailure?: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
}

/**
 * Waits until the status page lists one of the workflow's activities retrying (attempt ≥ 2), as ops
 * see it: an ordinary activity from Temporal's pending activities, a local one from its history (its
 * retries past the local threshold wait on timers), so a test need not know which the step is.
 */
export function retryingOnStatusPage(sys: TestSystem, workflowId: string, activityType?: string, timeoutMs = 60_000): Promise<RetryingTask> {
  return waitFor(
    `${activityType ?? 'an activity'} of ${workflowId} retrying on the status page`,
    async () => {
      const res = await request(sys.app)
        .get('/system/status')
        .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`);
      const tasks = (res.body as { failures?: { retrying?: { tasks?: RetryingTask[] } } }).failures?.retrying?.tasks ?? [];
      return tasks.find((t) => t.workflowId === workflowId && t.attempt >= 2 && (!activityType || t.activityType === activityType));
    },
    { timeoutMs, intervalMs: 1000 },
  );
}

/** Waits until the live order (GET, answered by the workflow's query) shows an item's step in `status`. */
export function waitForStep(sys: TestSystem, orderId: string, step: string, status: string, itemId = '1') {
  return waitFor(`order ${orderId} item ${itemId}: ${step} ${status}`, async () => {
    const res = await getOrder(sys, orderId);
    const item = (res.body.productOrderItem as Array<{ id: string; steps?: Record<string, string> }> | undefined)?.find((i) => i.id === itemId);
    return item?.steps?.[step] === status ? res.body : undefined;
  });
}

/** The simulators' views and effects, typed. */
export async function simRecords(sys: TestSystem) {
  const [billing, inventory, network, notification] = await Promise.all([
    sys.sims.control.billing.records(),
    sys.sims.control.inventory.records(),
    sys.sims.control.network.records(),
    sys.sims.control.notification.records(),
  ]);
  return {
    billing: billing as SimulatorRecords<BillingViews>,
    inventory: inventory as SimulatorRecords<InventoryViews>,
    network: network as SimulatorRecords<NetworkViews>,
    notification: notification as SimulatorRecords<NotificationViews>,
  };
}

/** Reservations the inventory holds now for one order. */
export async function activeReservationsOf(sys: TestSystem, orderId: string) {
  const { inventory } = await simRecords(sys);
  return Object.entries(inventory.views.reservations ?? {})
    .filter(([, r]) => r.orderId === orderId)
    .map(([reservationId, r]) => ({ reservationId, ...r }));
}

/** Network activations (active or deactivated) made for one order. */
export async function activationsOf(sys: TestSystem, orderId: string) {
  const { network } = await simRecords(sys);
  return Object.entries(network.views.activations ?? {})
    .filter(([, a]) => a.orderId === orderId)
    .map(([activationId, a]) => ({ activationId, ...a }));
}

/** Puts every simulator's faults back to the test system's start settings. */
export async function clearFaults(sys: TestSystem) {
  const common = { latencyMs: 2, jitterMs: 0, errorRate: 0, lostResponseRate: 0, outageUntil: null };
  await Promise.all([
    sys.sims.control.billing.control({ ...common, refuseCustomers: [] }),
    sys.sims.control.inventory.control({ ...common }),
    sys.sims.control.network.control({ ...common, failOfferings: [], failActions: [] }),
    sys.sims.control.notification.control({ ...common, blockRecipients: [] }),
  ]);
}

/** Rows of product_order a principal created (by its token's sub). */
export async function ordersCreatedBy(sys: TestSystem, sub: string): Promise<number> {
  const rows = (await sys.orm.em.fork().getConnection().execute(`select count(*)::int as n from product_order where created_by = ?`, [sub])) as Array<{
    n: number;
  }>;
  return rows[0]!.n;
}

/**
 * Names of the activities a workflow ran, in order (from its event history): those scheduled through the
 * task queue and the local ones (their marker's activity type; a marker with a backoff is an attempt that
 * failed before a timer, the same call again, counted once).
 */
export async function scheduledActivities(sys: TestSystem, workflowId: string): Promise<string[]> {
  const history = await sys.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (scheduled) return [scheduled];
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    const [meta] = (marker.details?.data?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)) as Array<{
      activity_type?: string;
      backoff?: unknown;
    }>;
    return meta?.activity_type && !meta.backoff ? [meta.activity_type] : [];
  });
}

/** Polls `fn` until it returns something other than undefined. */
export async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Takes a work order over the API as the call centre does: a complaint about the customer's fixed line, unless `body` says otherwise. */
/**
 * The category a test's complaint or fault report gets unless it names one (or `category: undefined`):
 * nodes no example routing rule or SLA policy names, so routes and deadlines stay the type's.
 */
export const DEFAULT_TEST_CATEGORY: Partial<Record<string, string>> = {
  complaint: 'service-handling.order-error',
  fault_report: 'network-quality.fixed-line.line-noise',
};

export function takeWorkOrder(sys: TestSystem, token: string, customer: SeededCustomer, body: Record<string, unknown> = {}) {
  const type = (body.type as string | undefined) ?? 'complaint';
  return request(sys.app)
    .post('/troubleTicket')
    .set('authorization', `Bearer ${token}`)
    .send({
      type,
      channel: 'phone',
      customer: { id: customer.id },
      takenInLocalNetwork: customer.homeLocalNetwork,
      serviceLine: 'fixed_line',
      ...(DEFAULT_TEST_CATEGORY[type] ? { category: DEFAULT_TEST_CATEGORY[type] } : {}),
      description: 'line is noisy and the bill is wrong',
      ...body,
    });
}

/**
 * Makes a work order's open assignments overdue, or about to breach (past the urge mark, deadline an
 * hour ahead), in the read model only — for tests that run at real SLA hours (nothing rewrites the
 * rows until the work order's next event) and need the supervisor board to show it now.
 */
export async function makeDue(sys: TestSystem, workOrderId: string, due: 'overdue' | 'soon'): Promise<void> {
  const [deadline, urgeAt] =
    // Overdue by days: it heads its tab (soonest deadline first) whatever other tests on the shared database left overdue.
    due === 'overdue' ? ["now() - interval '3 days'", "now() - interval '3 days 30 minutes'"] : ["now() + interval '1 hour'", "now() - interval '5 minutes'"];
  const rows = await sys.orm.em
    .fork()
    .getConnection()
    .execute(`update work_order_assignment set deadline = ${deadline}, urge_at = ${urgeAt} where work_order_id = ? and open returning 1`, [workOrderId]);
  if (!rows.length) throw new Error(`work order ${workOrderId} has no open assignment`);
}
