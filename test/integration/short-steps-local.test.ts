// The order's short steps as local activities (issue 18; contracts/order-fulfilment.ts STEP_SHAPES,
// patch short-steps-local), on real components with the worker running that shape (a bundle with
// workflows/step-shape-local.ts): the history holds markers, not activity tasks, for the adapter steps;
// the audit trail still lists every step with its attempts and idempotency key; the worker's metrics
// count them; a billing outage longer than the local retry threshold is ridden out on server timers;
// the new path replays; and the worker's limit keeps billing at BILLING_MAX_CONCURRENT calls in flight
// however many orders reach it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import type { AuditTrail } from '../../api/audit-trail.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { clearFaults, findCustomer, freshMobile, orderBody, placeOrder, settledOrder, waitFor } from '../../harness/fixtures.js';
import { orderWorkflowId, STEP_SHAPES } from '../../contracts/order-fulfilment.js';
import { bundleWorkflowsWithStepShape } from '../../scripts/bench/step-shape.js';

let sys: TestSystem;
let bundle: string;
const dir = mkdtempSync(join(tmpdir(), 'short-steps-local-'));

beforeAll(async () => {
  bundle = await bundleWorkflowsWithStepShape('local');
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, bundle);
  // startTestSystem's worker runs the bundle TEST_WORKFLOW_BUNDLE names: this file's, the local shape.
  const shared = process.env.TEST_WORKFLOW_BUNDLE;
  process.env.TEST_WORKFLOW_BUNDLE = path;
  try {
    sys = await startTestSystem({ BILLING_MAX_CONCURRENT: '2', BILLING_MAX_PER_SECOND: '0', ADAPTER_LIMIT_MAX_WAIT_MS: '60000' }, { metrics: true });
  } finally {
    process.env.TEST_WORKFLOW_BUNDLE = shared;
  }
});
afterAll(async () => {
  await sys?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const mobileOrder = async (offset: number) => {
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", offset);
  return orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
};
const historyOf = (orderId: string) => sys.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
const trailOf = async (orderId: string) => {
  const token = sys.token({ roles: ['auditor'], sub: 'auditor-1', localNetworks: '*' });
  const res = await request(sys.app).get(`/productOrder/${orderId}/auditTrail`).set('authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as AuditTrail;
};
const LOCAL_MARKER = 'core_local_activity';

describe('short steps as local activities', () => {
  let orderId: string;

  it('runs reserve, network, billing and the notice as local activities: no activity tasks for them, a marker each, the patch marked', async () => {
    const placed = await placeOrder(sys, await mobileOrder(0));
    expect(placed.status).toBe(201);
    orderId = placed.body.id;
    const order = await settledOrder(sys, orderId);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].steps).toMatchObject({ reserveResources: 'done', configureNetwork: 'done', activateBilling: 'done' });

    const events = (await historyOf(orderId)).events ?? [];
    const scheduled = events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    // Validation stays an ordinary activity (STEP_SHAPES); nothing else goes through the task queue.
    expect(scheduled).toEqual(['validateOrder']);
    const markers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === LOCAL_MARKER);
    const summaries = markers.map((e) => (e.userMetadata?.summary?.data ? JSON.parse(Buffer.from(e.userMetadata.summary.data).toString()) : undefined));
    expect(summaries).toEqual(expect.arrayContaining([`${orderId}/1/r0/reserve-number`, `${orderId}/1/network`, `${orderId}/1/billing`, `${orderId}/notify`]));
    const patches = events
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .flatMap((e) =>
        Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => (p.payloads ?? []).map((x) => Buffer.from(x.data!).toString())),
      );
    expect(patches.join(' ')).toContain('short-steps-local');
  });

  it('the audit trail lists every step with its attempts and idempotency key', async () => {
    const trail = await trailOf(orderId);
    const step = (what: string) => trail.events.find((e) => e.what === what);
    for (const [what, key] of [
      ['reserve a resource (inventory)', `${orderId}/1/r0/reserve-number`],
      ['configure the network', `${orderId}/1/network`],
      ['activate billing', `${orderId}/1/billing`],
      ['notify the customer', `${orderId}/notify`],
    ] as const) {
      expect(step(what)).toMatchObject({ who: { id: 'system' }, result: 'succeeded', details: { local: true, attempts: 1, input: { idempotencyKey: key } } });
    }
    expect(step('validate and price the order')).toMatchObject({ result: 'succeeded', details: { activity: 'validateOrder', attempts: 1 } });
    const ids = trail.events.map((e) => e.eventId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it("the worker's metrics count the local steps", async () => {
    const text = await (await fetch(sys.metrics.workerUrl!)).text();
    for (const step of ['reserveResources', 'configureNetwork', 'activateBilling', 'notify']) {
      const line = text
        .split('\n')
        .find((l) => l.startsWith('telecom_order_step_duration_seconds_count{') && l.includes(`step="${step}"`) && l.includes('phase="forward"'));
      expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(1);
    }
    // The SDK's own series of local activities (temporal_local_activity_*), next to those of activity tasks.
    expect(text.split('\n').filter((l) => l.startsWith('temporal_local_activity')).length).toBeGreaterThan(0);
  });

  it('replays: the new path is deterministic', async () => {
    const history = await historyOf(orderId);
    await Worker.runReplayHistory({ workflowBundle: { code: bundle } }, history, orderWorkflowId(orderId));
  });

  it('rides out a billing outage longer than the local retry threshold on server timers', async () => {
    // The network answers slowly, so billing goes down while the order is on its way to it.
    await sys.sims.control.network.control({ latencyMs: 1500 });
    const placed = await placeOrder(sys, await mobileOrder(1));
    expect(placed.status).toBe(201);
    await waitFor('the network step in flight', async () =>
      (await sys.sims.control.network.records({ summary: true, effects: 0 })).counters.inFlight > 0 ? true : undefined,
    );
    await sys.sims.control.billing.control({ outageForMs: 12_000 });
    const order = await settledOrder(sys, placed.body.id);
    await clearFaults(sys);
    expect(order.state).toBe('completed');
    const events = (await historyOf(placed.body.id)).events ?? [];
    // Past the threshold the retries waited on timers, each after a marker of the failed attempts.
    expect(events.filter((e) => e.timerStartedEventAttributes).length).toBeGreaterThanOrEqual(1);
    const billing = (await trailOf(placed.body.id)).events.filter((e) => e.what === 'activate billing');
    expect(billing).toHaveLength(1);
    expect(billing[0]).toMatchObject({ result: 'succeeded', details: { local: true, input: { idempotencyKey: `${placed.body.id}/1/billing` } } });
    expect(billing[0]!.details!.attempts as number).toBeGreaterThan(4);
    // One activation however many attempts (the idempotency key).
    const records = await sys.sims.control.billing.records({ effects: 1000 });
    expect(records.effects.filter((e) => e.key === `${placed.body.id}/1/billing`)).toHaveLength(1);
  });

  it('billing sees at most BILLING_MAX_CONCURRENT calls in flight however many orders reach it', async () => {
    const ORDERS = 10;
    const customers = await Promise.all(Array.from({ length: ORDERS }, (_, i) => findCustomer(sys, "c.kind = 'individual'", 20 + i)));
    // The orders are held at their reservation (the inventory is down) while they are placed: the API's
    // own billing calls (the credit check when an order is taken) are over before billing slows down.
    await sys.sims.control.inventory.control({ outageForMs: 120_000 });
    const placed: string[] = [];
    for (const c of customers) {
      const res = await placeOrder(sys, orderBody(c, [{ offering: 'gsm-prepaid-szx' }]));
      expect(res.status).toBe(201);
      placed.push(res.body.id as string);
    }
    await waitFor('every order held at its reservation', async () =>
      (await sys.sims.control.inventory.records({ summary: true, effects: 0 })).counters.outageRejections >= ORDERS ? true : undefined,
    );
    // Billing slow: without the limit, the released orders would have about ten calls in flight at once.
    await sys.sims.control.billing.control({ latencyMs: 300, resetPeakInFlight: true });
    await sys.sims.control.inventory.control({ outageUntil: null });
    const orders = await Promise.all(placed.map((id) => settledOrder(sys, id)));
    await clearFaults(sys);
    expect(orders.map((o: { state: string }) => o.state)).toEqual(placed.map(() => 'completed'));
    const billing = await sys.sims.control.billing.records({ summary: true, effects: 0 });
    // The limit held, and was reached (the orders did compete for billing).
    expect(billing.counters.peakInFlight).toBe(2);
  });
});

describe('the step table', () => {
  it('keeps what waits on people a child workflow and validation an ordinary activity', () => {
    expect(STEP_SHAPES.fieldInstallation.runsAs).toBe('childWorkflow');
    expect(STEP_SHAPES.validateOrder.runsAs).toBe('activity');
  });
});
