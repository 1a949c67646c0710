// The order's short steps as local activities (issue 18; contracts/order-fulfilment.ts STEP_SHAPES,
// patch short-steps-local), on real components with the worker running that shape (the worker's own
// bundle: workflows/step-shape.ts): the history holds markers, not activity tasks, for the adapter steps;
// the audit trail still lists every step with its attempts and idempotency key; the worker's metrics
// count them; a billing outage longer than the local retry threshold is ridden out on server timers;
// the new path replays; and the worker's limit keeps billing at BILLING_MAX_CONCURRENT calls in flight
// however many orders reach it.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import { defaultPayloadConverter } from '@temporalio/common';
import type { AuditTrail } from '../../api/audit-trail.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import {
  activationsOf,
  activeReservationsOf,
  cancelOrder,
  clearFaults,
  findCustomer,
  fixedLineWithInstallation,
  freshMobile,
  getOrder,
  orderBody,
  placeOrder,
  settledOrder,
  waitFor,
  waitForStep,
} from '../../harness/fixtures.js';
import { DATA_SOURCE_HEADER } from '../../api/live.js';
import { orderWorkflowId, STEP_SHAPES } from '../../contracts/order-fulfilment.js';

let sys: TestSystem;

beforeAll(async () => {
  // The shared bundle is the worker's own: the local shape (workflows/step-shape.ts).
  sys = await startTestSystem({ BILLING_MAX_CONCURRENT: '2', BILLING_MAX_PER_SECOND: '0', ADAPTER_LIMIT_MAX_WAIT_MS: '60000' }, { metrics: true });
});
afterAll(async () => {
  await sys?.stop();
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
    // Validation is local too (patch local-validation): nothing goes through the task queue.
    expect(scheduled).toEqual([]);
    const markers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === LOCAL_MARKER);
    const summaries = markers.map((e) => (e.userMetadata?.summary?.data ? JSON.parse(Buffer.from(e.userMetadata.summary.data).toString()) : undefined));
    expect(summaries).toEqual(
      expect.arrayContaining([`${orderId}/validate`, `${orderId}/1/r0/reserve-number`, `${orderId}/1/network`, `${orderId}/1/billing`, `${orderId}/notify`]),
    );
    const patches = events
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .flatMap((e) =>
        Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => (p.payloads ?? []).map((x) => Buffer.from(x.data!).toString())),
      );
    // One patch marker, and one TemporalChangeVersion upsert, stand for every earlier patch of the workflow.
    expect(patches).toHaveLength(1);
    expect(patches[0]).toContain('local-validation');
    const versions = events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion);
    expect(versions).toHaveLength(1);
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
    expect(step('validate and price the order')).toMatchObject({
      result: 'succeeded',
      details: { local: true, activity: 'validateOrder', attempts: 1, input: { idempotencyKey: `${orderId}/validate` } },
    });
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
    await Worker.runReplayHistory({ workflowBundle: { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') } }, history, orderWorkflowId(orderId));
  });

  it('runs the local calls of a multi-item order one at a time, so its history replays', async () => {
    // Jitter, so that calls in flight together would finish in another order than they were asked.
    for (const system of ['inventory', 'network', 'billing'] as const) await sys.sims.control[system].control({ latencyMs: 20, jitterMs: 40 });
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 43);
    const placed = await placeOrder(
      sys,
      orderBody(customer, [
        { offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
        { offering: 'gsm-prepaid-szx' },
        { offering: 'vas-caller-id', characteristic: [{ name: 'boundNumber', value: freshMobile() }] },
      ]),
    );
    expect(placed.status).toBe(201);
    const order = await settledOrder(sys, placed.body.id);
    await clearFaults(sys);
    expect(order.productOrderItem.map((i: { state: string }) => i.state)).toEqual(['completed', 'completed', 'completed']);
    const history = await historyOf(placed.body.id);
    // Each marker's call was asked after the one before it finished: their sequence numbers ascend.
    const seqs = (history.events ?? []).flatMap((e) => {
      const m = e.markerRecordedEventAttributes;
      if (m?.markerName !== LOCAL_MARKER) return [];
      const [meta] = (m.details?.data?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)) as Array<{ seq: number }>;
      return [meta!.seq];
    });
    expect(seqs.length).toBeGreaterThan(10);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await Worker.runReplayHistory(
      { workflowBundle: { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') } },
      history,
      orderWorkflowId(placed.body.id),
    );
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

// What the people around an order see of a chain of local steps (contracts/order-fulfilment.ts): the
// workflow takes a cancel or a read between workflow tasks, so they are heard when the chain ends or at
// the task's heartbeat, and an order waiting on its field installation is between chains.
describe('a cancel and a live read with the steps local', () => {
  const networkInFlight = () =>
    waitFor('the network step in flight', async () =>
      (await sys.sims.control.network.records({ summary: true, effects: 0 })).counters.inFlight > 0 ? true : undefined,
    );
  afterEach(async () => {
    await clearFaults(sys);
  });

  it('a cancel sent while a short chain runs is answered when it ends: the order delivered, the cancel refused (409), nothing half done', async () => {
    await sys.sims.control.network.control({ latencyMs: 2000 });
    const placed = await placeOrder(sys, await mobileOrder(40));
    expect(placed.status).toBe(201);
    await networkInFlight();
    const asked = Date.now();
    const refused = await cancelOrder(sys, placed.body.id);
    // Heard once the chain (network, billing, the notice) ended, well before the task's heartbeat.
    expect(Date.now() - asked).toBeLessThan(8_000);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const order = await settledOrder(sys, placed.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].steps).toMatchObject({ reserveResources: 'done', configureNetwork: 'done', activateBilling: 'done' });
  });

  it("a cancel sent while a step hangs longer than the task's heartbeat is accepted at a heartbeat: everything undone", async () => {
    // The network hangs past the adapter's 5 s timeout: the step's attempts time out and retry inside
    // the workflow task, which core heartbeats every 8 s (80 % of its 10 s timeout).
    await sys.sims.control.network.control({ latencyMs: 14_000 });
    const placed = await placeOrder(sys, await mobileOrder(41));
    expect(placed.status).toBe(201);
    await networkInFlight();
    const asked = Date.now();
    const accepted = await cancelOrder(sys, placed.body.id);
    expect(accepted.status).toBe(202);
    expect(accepted.body.state).toBe('pendingCancellation');
    // Delivered with the first heartbeat's new task, its acceptance leaves with the next: two heartbeats
    // (16 s; 17–19 s measured here), with slack for a loaded machine — and while the call still hangs.
    expect(Date.now() - asked).toBeLessThan(30_000);
    await sys.sims.control.network.control({ latencyMs: 2 });
    const order = await settledOrder(sys, placed.body.id);
    expect(order.state).toBe('cancelled');
    expect(order.productOrderItem[0].steps).toMatchObject({ reserveResources: 'compensated', configureNetwork: 'compensated', activateBilling: 'pending' });
    // The activation in flight finished after the cancel was heard: it is undone, once.
    expect(await activeReservationsOf(sys, placed.body.id)).toEqual([]);
    expect((await activationsOf(sys, placed.body.id)).map((a) => a.status)).toEqual(['deactivated']);
  });

  it('an order waiting on its field installation is between chains: read live (its steps done, the installation running), cancelled at once', async () => {
    // Nobody answers installation work orders in this file.
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 42);
    const placed = await placeOrder(sys, fixedLineWithInstallation(customer));
    expect(placed.status).toBe(201);
    const live = await waitForStep(sys, placed.body.id, 'fieldInstallation', 'running');
    expect(live.productOrderItem[0].steps).toMatchObject({ reserveResources: 'done', configureNetwork: 'done', activateBilling: 'pending' });
    const read = await getOrder(sys, placed.body.id);
    expect(read.headers[DATA_SOURCE_HEADER]).toBe('workflow');
    const asked = Date.now();
    const accepted = await cancelOrder(sys, placed.body.id);
    expect(accepted.status).toBe(202);
    expect(Date.now() - asked).toBeLessThan(3_000);
    const order = await settledOrder(sys, placed.body.id);
    expect(order.state).toBe('cancelled');
    expect(await activeReservationsOf(sys, placed.body.id)).toEqual([]);
    expect((await activationsOf(sys, placed.body.id)).map((a) => a.status)).toEqual(['deactivated']);
  });
});

describe('the step table', () => {
  it('keeps what waits on people a child workflow and the check of an amendment an ordinary activity; validation is local', () => {
    expect(STEP_SHAPES.fieldInstallation.runsAs).toBe('childWorkflow');
    expect(STEP_SHAPES.amendItem.runsAs).toBe('activity');
    expect(STEP_SHAPES.validateOrder.runsAs).toBe('localActivity');
  });
});
