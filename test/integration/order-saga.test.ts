// The fulfilment saga on real components (API, Temporal dev server, worker, PostgreSQL,
// simulators): the happy path of every service line, transient faults that are retried away,
// permanent refusals compensated in reverse order, cancellation in flight and amendments before
// and after the point of no return. Outcomes are checked against what the simulators recorded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG, type ServiceLine } from '../../domain/catalog.js';
type Characteristic = { name: string; value: string };
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { stepShapeForBlock } from '../../harness/jest-system.js';
import {
  activationsOf,
  activeReservationsOf,
  amendItem,
  answeringDepartment,
  cancelOrder,
  clearFaults,
  findCustomer,
  freshFixed,
  freshMobile,
  getOrder,
  orderBody,
  placeOrder,
  scheduledActivities,
  settledOrder,
  simRecords,
  waitFor,
  waitForStep,
} from '../../harness/fixtures.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { DEFAULT_CAPACITY } from '../../simulators/inventory.js';
import { installationWorkOrderId, workOrderWorkflowId } from '../../contracts/work-order.js';

let sys: TestSystem;
const stops: Array<() => Promise<void>> = [];
/** Nobody answers this department's work orders (to cancel an order while its installation waits). */
const HELD_DEPARTMENT = 'huludao-installation';
/** This department reports every installation as not done. */
const FAILING_DEPARTMENT = 'chaoyang-installation';

beforeAll(async () => {
  sys = await startTestSystem();
  stops.push(answeringDepartment(sys, { delayMs: 50, only: (_wo, dept) => dept !== HELD_DEPARTMENT && dept !== FAILING_DEPARTMENT }));
  stops.push(answeringDepartment(sys, { delayMs: 50, result: 'unresolved', departmentLike: FAILING_DEPARTMENT }));
});
afterEach(async () => {
  await clearFaults(sys);
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await sys?.stop();
});

const catalog = new Map(DEFAULT_CATALOG.map((o) => [o.id, o]));
const opsDb = () => sys.orm.em.fork().getConnection();

async function orderRow(orderId: string) {
  const rows = (await opsDb().execute('select state, state_reason, completed_at, items from product_order where id = ?', [orderId])) as Array<{
    state: string;
    state_reason: string | null;
    completed_at: Date | null;
  }>;
  return rows[0];
}

/** Messages the notification gateway sent about one order. */
async function messagesAbout(orderId: string) {
  const { notification } = await simRecords(sys);
  return (notification.views.messages ?? []).filter((m) => m.params.orderId === orderId);
}

/** Effects one simulator recorded whose summary matches. */
function effectsWhere(
  records: { effects: Array<{ operation: string; at: string; summary: Record<string, unknown> }> },
  operation: string,
  match: (s: Record<string, unknown>) => boolean,
) {
  return records.effects.filter((e) => e.operation === operation && match(e.summary));
}

// ---- happy path, every service line --------------------------------------------------------------

interface LineCase {
  name: string;
  line: ServiceLine;
  offering: string;
  /** SQL condition on the seeded customer (alias c). */
  customer: string;
  characteristic: () => Characteristic[];
}

const address = { name: 'installationAddress', value: 'Zhongshan Rd 1, flat 3' };
const CASES: LineCase[] = [
  {
    name: 'fixed line with field installation (Shenyang, 8-digit number)',
    line: 'fixed_line',
    offering: 'fl-residential',
    customer: "c.kind = 'individual' and c.home_local_network = 'shenyang'",
    characteristic: () => [{ name: 'requestedNumber', value: freshFixed(8) }, address],
  },
  {
    name: 'enterprise trunk line, enterprise only (Anshan, VIP enterprise for the credit limit)',
    line: 'fixed_line',
    offering: 'fl-enterprise-trunk',
    customer: "c.kind = 'enterprise' and c.tier = 'vip' and c.home_local_network = 'anshan'",
    characteristic: () => [{ name: 'requestedNumber', value: freshFixed(7) }, address],
  },
  {
    name: 'PHS (Anshan, 7-digit number)',
    line: 'phs',
    offering: 'phs-monthly-50',
    customer: "c.kind = 'individual' and c.home_local_network = 'anshan'",
    characteristic: () => [{ name: 'requestedNumber', value: freshFixed(7) }],
  },
  {
    name: 'broadband LAN with field installation (Dalian)',
    line: 'broadband',
    offering: 'bb-lan-10m',
    customer: "c.kind = 'individual' and c.home_local_network = 'dalian'",
    characteristic: () => [address],
  },
  {
    name: 'enterprise dedicated line, enterprise only (Liaoyang, VIP enterprise)',
    line: 'broadband',
    offering: 'bb-enterprise-line',
    customer: "c.kind = 'enterprise' and c.tier = 'vip' and c.home_local_network = 'liaoyang'",
    characteristic: () => [address, { name: 'bandwidth', value: '10M' }],
  },
  {
    name: 'GSM postpaid with a deposit (Fushun, ordinary individual)',
    line: 'gsm_mobile',
    offering: 'gsm-global-88',
    customer: "c.kind = 'individual' and c.tier = 'ordinary' and c.home_local_network = 'fushun'",
    characteristic: () => [{ name: 'requestedNumber', value: freshMobile() }],
  },
  {
    name: 'GSM enterprise virtual network, enterprise only (Yingkou)',
    line: 'gsm_mobile',
    offering: 'gsm-enterprise-vpmn',
    customer: "c.kind = 'enterprise' and c.home_local_network = 'yingkou'",
    characteristic: () => [{ name: 'requestedNumber', value: freshMobile() }],
  },
  {
    name: 'GSM prepaid with a number from the pool (Jinzhou)',
    line: 'gsm_prepaid',
    offering: 'gsm-prepaid-dgdd',
    customer: "c.kind = 'individual' and c.home_local_network = 'jinzhou'",
    characteristic: () => [],
  },
  {
    name: 'IP phone attached to a fixed line (Tieling)',
    line: 'ip_phone',
    offering: 'ip-17909',
    customer: "c.kind = 'individual' and c.home_local_network = 'tieling'",
    characteristic: () => [{ name: 'boundNumber', value: '0410-2345671' }],
  },
  {
    name: '193 international long distance with a deposit (Dandong)',
    line: 'long_distance',
    offering: 'ld-193-international',
    customer: "c.kind = 'individual' and c.tier = 'ordinary' and c.home_local_network = 'dandong'",
    characteristic: () => [{ name: 'boundNumber', value: freshMobile() }],
  },
  {
    name: 'ringback tone on a mobile (Liaoyang)',
    line: 'value_added',
    offering: 'vas-ringback',
    customer: "c.kind = 'individual' and c.home_local_network = 'liaoyang'",
    characteristic: () => [
      { name: 'boundNumber', value: freshMobile() },
      { name: 'toneId', value: 'TONE-0042' },
    ],
  },
];

describe('happy path of each service line', () => {
  it.each(CASES)('$name', async ({ line, offering, customer: where, characteristic }) => {
    const template = catalog.get(offering)!.template;
    const customer = await findCustomer(sys, where);
    const chars = characteristic();
    const res = await placeOrder(sys, orderBody(customer, [{ offering, characteristic: chars }]));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/productOrder/${res.body.id}`);
    expect(res.body).toMatchObject({ state: 'acknowledged', localNetwork: customer.homeLocalNetwork, relatedParty: [{ id: customer.id, role: 'customer' }] });

    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.stateReason).toBeUndefined();
    expect(order.completionDate).toEqual(expect.any(String));
    const item = order.productOrderItem[0];
    expect(item).toMatchObject({ state: 'completed', serviceLine: line, productOffering: { id: offering } });
    expect(item.steps).toEqual({
      reserveResources: template.resources.length ? 'done' : 'skipped',
      configureNetwork: 'done',
      fieldInstallation: template.fieldInstallation ? 'done' : 'skipped',
      activateBilling: 'done',
    });
    const subscriptionId: string = item.product.id;

    // Inventory: one reservation per resource of the template, still held; the requested number.
    const reservations = await activeReservationsOf(sys, order.id);
    expect(reservations.map((r) => r.kind).sort()).toEqual([...template.resources].sort());
    const requested = chars.find((c) => c.name === 'requestedNumber')?.value;
    if (requested) expect(reservations.find((r) => r.kind === 'number')?.value).toBe(requested);
    if (!requested && template.resources.includes('number')) expect(reservations.find((r) => r.kind === 'number')?.value).toMatch(/^13\d{9}$/);

    // Network: one activation with the template's actions on the reserved resources.
    const activations = await activationsOf(sys, order.id);
    expect(activations).toHaveLength(1);
    expect(activations[0]).toMatchObject({ status: 'active', applied: 1, serviceId: subscriptionId, offeringId: offering, actions: template.networkActions });
    expect(activations[0]!.resources.map((r) => `${r.kind}=${r.value}`).sort()).toEqual(reservations.map((r) => `${r.kind}=${r.value}`).sort());

    // Billing: the subscription is active, activated exactly once.
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[subscriptionId]).toMatchObject({
      status: 'active',
      activations: 1,
      deactivations: 0,
      offeringId: offering,
      customerId: customer.id,
    });
    expect(billing.views.duplicateActivations).toBe(0);

    // The customer was told, once.
    const messages = await messagesAbout(order.id);
    expect(messages).toEqual([expect.objectContaining({ template: 'order.completed' })]);

    // Read model: the order and the new subscription.
    expect(await orderRow(order.id)).toMatchObject({ state: 'completed', completed_at: expect.anything() });
    const subs = (await opsDb().execute('select status, offering_id, customer_id, order_id from subscription where id = ?', [subscriptionId])) as unknown[];
    expect(subs).toEqual([{ status: 'active', offering_id: offering, customer_id: customer.id, order_id: order.id }]);

    // The field installation was a real work order, answered by the department.
    if (template.fieldInstallation) {
      expect(item.workOrderId).toBe(installationWorkOrderId(order.id, '1'));
      const wo = await sys.client.workflow.getHandle(workOrderWorkflowId(item.workOrderId)).describe();
      expect(wo.status.name).toBe('COMPLETED');
    } else {
      expect(item.workOrderId).toBeUndefined();
    }
  });
});

// ---- transient faults -------------------------------------------------------------------------------

describe('transient failures are retried until they succeed', () => {
  it('rides out a network outage: the order completes and the network records exactly one activation', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 1);
    await sys.sims.control.network.control({ outageForMs: 120_000 });
    const res = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    );
    expect(res.status).toBe(201);
    // The configure step is being retried against the outage…
    await waitForStep(sys, res.body.id, 'configureNetwork', 'running');
    await waitFor('the network to turn a request away', async () => (await sys.sims.control.network.records()).counters.outageRejections >= 2);
    expect((await getOrder(sys, res.body.id)).body.state).toBe('inProgress');
    // …and succeeds once the network is back.
    await sys.sims.control.network.control({ outageForMs: 0 });
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');

    const { network } = await simRecords(sys);
    expect(effectsWhere(network, 'activateService', (s) => s.orderId === order.id)).toHaveLength(1);
    const activations = await activationsOf(sys, order.id);
    expect(activations).toHaveLength(1);
    expect(activations[0]).toMatchObject({ status: 'active', applied: 1 });
    expect(network.views.duplicateActivations).toBe(0);
  });

  it('survives lost billing responses: the retried activation is recognised by its idempotency key, not charged twice', async () => {
    const { order, records, lost, suppressed } = await completedThroughLostAnswers('billing', 2);
    const { billing } = records;
    const subscriptionId = order.productOrderItem[0].product.id;
    expect(lost).toBeGreaterThanOrEqual(1);
    expect(suppressed).toBeGreaterThanOrEqual(1);
    expect(effectsWhere(billing, 'activateSubscription', (s) => s.subscriptionId === subscriptionId)).toHaveLength(1);
    expect(billing.views.subscriptions?.[subscriptionId]).toMatchObject({ status: 'active', activations: 1 });
    expect(billing.views.duplicateActivations).toBe(0);
  });

  it("survives lost inventory responses: each of the item's reserve calls, retried by its key, reserves once", async () => {
    const { order, records, lost, suppressed } = await completedThroughLostAnswers('inventory', 5);
    // Two reservations (number, device), each answer lost once.
    expect(lost).toBeGreaterThanOrEqual(2);
    expect(suppressed).toBeGreaterThanOrEqual(2);
    const reserved = effectsWhere(records.inventory, 'reserve', (s) => s.orderId === order.id);
    expect(reserved.map((e) => e.summary.kind).sort()).toEqual(['device', 'number']);
    expect((await activeReservationsOf(sys, order.id)).length).toBe(2);
  });
});

/**
 * Places a one-line mobile order while `system` loses every first answer of a mutating call after the
 * effect happened, and waits for it to complete; answers the order, the simulators' records and how
 * many answers were lost and how many repeats recognised by their idempotency keys meanwhile.
 */
async function completedThroughLostAnswers(system: 'billing' | 'inventory', nth: number) {
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", nth);
  await sys.sims.control[system].control({ lostResponseRate: 1 });
  const before = (await sys.sims.control[system].records()).counters;
  const res = await placeOrder(sys, orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]));
  expect(res.status).toBe(201);
  const order = await settledOrder(sys, res.body.id);
  expect(order.state).toBe('completed');
  const records = await simRecords(sys);
  const after = records[system].counters;
  return { order, records, lost: after.lostResponses - before.lostResponses, suppressed: after.duplicatesSuppressed - before.duplicatesSuppressed };
}

// ---- permanent failures and compensation --------------------------------------------------------

describe('permanent failures are compensated in reverse order', () => {
  it('credit refused at activateBilling: network deactivated, then reservations released; the order fails with the reason', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 3);
    await sys.sims.control.billing.control({ refuseCustomers: [customer.id] });
    const number = freshMobile();
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: number }] }]));
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);

    expect(order.state).toBe('failed');
    expect(order.stateReason).toContain('CREDIT_REFUSED');
    expect(order.stateReason).toContain('activateBilling');
    const item = order.productOrderItem[0];
    expect(item.state).toBe('failed');
    expect(item.failure).toMatchObject({ step: 'activateBilling', code: 'CREDIT_REFUSED' });
    expect(item.steps).toMatchObject({ reserveResources: 'compensated', configureNetwork: 'compensated', fieldInstallation: 'skipped' });

    // Nothing is left: the network configuration is off, no reservation is held, nothing is billed.
    const activations = await activationsOf(sys, order.id);
    expect(activations).toHaveLength(1);
    expect(activations[0]!.status).toBe('deactivated');
    expect(await activeReservationsOf(sys, order.id)).toEqual([]);
    const { billing, inventory, network } = await simRecords(sys);
    expect(billing.views.subscriptions?.[item.product.id]?.status ?? 'none').not.toBe('active');
    expect(billing.refusalCodes.CREDIT_REFUSED).toBeGreaterThanOrEqual(1);

    // The order of the undo, from the simulators' clocks: deactivate before the first release…
    const reserved = effectsWhere(inventory, 'reserve', (s) => s.orderId === order.id);
    expect(reserved.map((e) => e.summary.kind).sort()).toEqual(['device', 'number']);
    const ids = new Set(reserved.map((e) => e.summary.reservationId));
    const released = effectsWhere(inventory, 'release', (s) => ids.has(s.reservationId));
    expect(released).toHaveLength(2);
    const deactivated = effectsWhere(network, 'deactivateService', (s) => s.activationId === activations[0]!.activationId);
    expect(deactivated).toHaveLength(1);
    for (const r of released) expect(Date.parse(deactivated[0]!.at)).toBeLessThanOrEqual(Date.parse(r.at));
    // …and from the workflow's history: billing, then network, then resources, then the customer.
    const steps = (await scheduledActivities(sys, orderWorkflowId(order.id))).filter((a) => a !== 'recordOrderProgress');
    expect(steps).toEqual([
      'validateOrder',
      'reserveResource',
      'reserveResource',
      'configureNetwork',
      'applyBilling',
      'undoBilling',
      'undoNetworkConfiguration',
      'releaseReservations',
      'notifyOrderCustomer',
    ]);

    // The customer hears why; the read model says failed with the reason.
    expect(await messagesAbout(order.id)).toEqual([
      expect.objectContaining({ template: 'order.failed', params: expect.objectContaining({ reason: expect.stringContaining('CREDIT_REFUSED') }) }),
    ]);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ state: 'failed', state_reason: expect.stringContaining('CREDIT_REFUSED') });
    const subs = (await opsDb().execute(`select status from subscription where id = ? and status = 'active'`, [item.product.id])) as unknown[];
    expect(subs).toEqual([]);
  });

  it("no device left: the item's number, reserved before the refusal, is released", async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 6);
    await sys.sims.control.inventory.control({ capacity: { device: 0 } });
    try {
      const res = await placeOrder(
        sys,
        orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
      );
      expect(res.status).toBe(201);
      const order = await settledOrder(sys, res.body.id);
      expect(order.state).toBe('failed');
      expect(order.productOrderItem[0].failure).toMatchObject({ step: 'reserveResources', code: 'NO_DEVICE_AVAILABLE' });
      expect(order.productOrderItem[0].steps).toMatchObject({ reserveResources: 'compensated', configureNetwork: 'pending' });
      const { inventory } = await simRecords(sys);
      const reserved = effectsWhere(inventory, 'reserve', (s) => s.orderId === order.id);
      expect(reserved.map((e) => e.summary.kind)).toEqual(['number']);
      expect(effectsWhere(inventory, 'release', (s) => s.reservationId === reserved[0]!.summary.reservationId)).toHaveLength(1);
      expect(await activeReservationsOf(sys, order.id)).toEqual([]);
      expect(await activationsOf(sys, order.id)).toEqual([]);
    } finally {
      await sys.sims.control.inventory.control({ capacity: { device: DEFAULT_CAPACITY.device } });
    }
  });

  it('network rejects the activation: the reservations are released and billing is never asked', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'anshan'", 1);
    await sys.sims.control.network.control({ failOfferings: ['phs-basic'] });
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'phs-basic', characteristic: [{ name: 'requestedNumber', value: freshFixed(7) }] }]));
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);

    expect(order.state).toBe('failed');
    expect(order.productOrderItem[0].failure).toMatchObject({ step: 'configureNetwork', code: 'ACTIVATION_REJECTED' });
    expect(order.productOrderItem[0].steps).toMatchObject({ reserveResources: 'compensated', activateBilling: 'pending' });
    expect(await activationsOf(sys, order.id)).toEqual([]);
    expect(await activeReservationsOf(sys, order.id)).toEqual([]);
    const steps = await scheduledActivities(sys, orderWorkflowId(order.id));
    expect(steps).not.toContain('applyBilling');
    expect(steps.indexOf('releaseReservations')).toBeGreaterThan(steps.indexOf('configureNetwork'));
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[order.productOrderItem[0].product.id]).toBeUndefined();
  });

  it('field installation not done: the network is deconfigured and the resources released', async () => {
    // Chaoyang's installation department answers "unresolved".
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'chaoyang'");
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'bb-adsl-2m', characteristic: [address] }]));
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);

    expect(order.state).toBe('failed');
    const item = order.productOrderItem[0];
    expect(item.failure).toMatchObject({ step: 'fieldInstallation', code: 'INSTALLATION_FAILED' });
    expect(item.steps).toMatchObject({ reserveResources: 'compensated', configureNetwork: 'compensated', activateBilling: 'pending' });
    expect((await activationsOf(sys, order.id)).map((a) => a.status)).toEqual(['deactivated']);
    expect(await activeReservationsOf(sys, order.id)).toEqual([]);
    const steps = (await scheduledActivities(sys, orderWorkflowId(order.id))).filter((a) => a !== 'recordOrderProgress');
    expect(steps.slice(-3)).toEqual(['undoNetworkConfiguration', 'releaseReservations', 'notifyOrderCustomer']);
  });

  it('one item of two refused: the other is delivered and the order ends partial', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 4);
    await sys.sims.control.network.control({ failOfferings: ['vas-caller-id'] });
    const res = await placeOrder(
      sys,
      orderBody(customer, [
        { offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
        { offering: 'vas-caller-id', characteristic: [{ name: 'boundNumber', value: freshMobile() }] },
      ]),
    );
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('partial');
    expect(order.stateReason).toContain('item 2');
    expect(order.productOrderItem.map((i: { state: string }) => i.state)).toEqual(['completed', 'failed']);
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[order.productOrderItem[0].product.id]?.status).toBe('active');
    expect(billing.views.subscriptions?.[order.productOrderItem[1].product.id]).toBeUndefined();
    expect((await activeReservationsOf(sys, order.id)).length).toBe(2);
  });
});

// ---- cancel in flight ---------------------------------------------------------------------------

describe('cancel during provisioning', () => {
  async function expectAllUndone(orderId: string, subscriptionId: string) {
    expect(await activeReservationsOf(sys, orderId)).toEqual([]);
    for (const a of await activationsOf(sys, orderId)) expect(a.status).toBe('deactivated');
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[subscriptionId]?.status ?? 'none').not.toBe('active');
    await sys.client.workflow.getHandle(orderWorkflowId(orderId)).result();
    expect(await orderRow(orderId)).toMatchObject({ state: 'cancelled', state_reason: expect.stringContaining('customer changed their mind') });
    expect(await messagesAbout(orderId)).toEqual([expect.objectContaining({ template: 'order.cancelled' })]);
  }

  /** The order once its workflow has finished, as the API shows it. */
  const finished = (orderId: string) => settledOrder(sys, orderId);

  // A cancel that lands while a step's call is in flight: runs started before the patch short-steps-local
  // keep every step on the task queue (tested here); a run of today's shape hears it when the chain of
  // local steps ends or at the task's heartbeat (short-steps-local.test.ts).
  describe("mid-step, on a run that keeps the task queue's shape", () => {
    stepShapeForBlock(
      'queue',
      () => sys,
      (s) => (sys = s),
    );

    it('while the network is being configured: 202 at once, then everything undone; a second cancel is 409', async () => {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 5);
      // The network takes 3 s to answer: the cancel arrives while the activation is in flight.
      await sys.sims.control.network.control({ latencyMs: 3000 });
      const res = await placeOrder(
        sys,
        orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
      );
      expect(res.status).toBe(201);
      await waitForStep(sys, res.body.id, 'configureNetwork', 'running');

      // Answered once the workflow accepted the cancellation — not after the undo, which still waits on
      // the slow network (so a client with a short timeout is not told it failed).
      const accepted = await cancelOrder(sys, res.body.id);
      expect(accepted.status).toBe(202);
      expect(accepted.headers.location).toBe(`/productOrder/${res.body.id}`);
      expect(accepted.body).toMatchObject({
        id: res.body.id,
        state: 'pendingCancellation',
        stateReason: expect.stringContaining('customer changed their mind'),
      });
      expect((await sys.client.workflow.getHandle(orderWorkflowId(res.body.id)).describe()).status.name).toBe('RUNNING');
      expect((await cancelOrder(sys, res.body.id)).status).toBe(409);
      // The undo need not wait as long.
      await sys.sims.control.network.control({ latencyMs: 2 });
      const cancelled = await finished(res.body.id);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.productOrderItem[0].state).toBe('cancelled');
      // The activation in flight finished after the cancel landed: it is undone, and billing never reached.
      expect(cancelled.productOrderItem[0].steps).toMatchObject({
        reserveResources: 'compensated',
        configureNetwork: 'compensated',
        activateBilling: 'pending',
      });
      await expectAllUndone(res.body.id, cancelled.productOrderItem[0].product.id);

      const again = await cancelOrder(sys, res.body.id);
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('while billing, the last step, is being activated: accepted, billing undone, the order cancelled and the customer told so', async () => {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 6);
      // Billing takes 4 s: the cancel arrives while the activation is in flight.
      await sys.sims.control.billing.control({ latencyMs: 4000 });
      const res = await placeOrder(
        sys,
        orderBody(customer, [{ offering: 'gsm-prepaid-szx', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
      );
      expect(res.status).toBe(201);
      await waitForStep(sys, res.body.id, 'activateBilling', 'running');

      const accepted = await cancelOrder(sys, res.body.id);
      expect(accepted.status).toBe(202);
      expect(accepted.body.state).toBe('pendingCancellation');
      await sys.sims.control.billing.control({ latencyMs: 2 });
      const cancelled = await finished(res.body.id);
      // Before: "completed" with a reason saying cancelled, billing active, an "order completed" SMS.
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.productOrderItem[0]).toMatchObject({
        state: 'cancelled',
        steps: { activateBilling: 'compensated', configureNetwork: 'compensated', reserveResources: 'compensated' },
      });
      const subscriptionId = cancelled.productOrderItem[0].product.id;
      const { billing } = await simRecords(sys);
      expect(billing.views.subscriptions?.[subscriptionId]).toMatchObject({ status: 'inactive', deactivations: 1 });
      await expectAllUndone(res.body.id, subscriptionId);
    });
  });

  it('while the field installation work order is open: the work order is cancelled with the order', async () => {
    // Nobody answers Huludao's installation work orders.
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'huludao'");
    const res = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'fl-residential', characteristic: [{ name: 'requestedNumber', value: freshFixed(7) }, address] }]),
    );
    expect(res.status).toBe(201);
    const live = await waitForStep(sys, res.body.id, 'fieldInstallation', 'running');
    const workOrderId = workOrderWorkflowId(installationWorkOrderId(res.body.id, '1'));
    await waitFor(
      'the installation work order to be dispatched',
      async () => (await sys.client.workflow.getHandle(workOrderId).describe()).status.name === 'RUNNING',
    );
    expect(live.productOrderItem[0].steps).toMatchObject({ reserveResources: 'done', configureNetwork: 'done' });

    expect((await cancelOrder(sys, res.body.id)).status).toBe(202);
    const cancelled = await finished(res.body.id);
    expect(cancelled.state).toBe('cancelled');
    await expectAllUndone(res.body.id, cancelled.productOrderItem[0].product.id);
    expect((await activationsOf(sys, res.body.id)).map((a) => a.status)).toEqual(['deactivated']);
    const wo = await sys.client.workflow.getHandle(workOrderId).describe();
    expect(wo.status.name).not.toBe('RUNNING');

    expect((await cancelOrder(sys, res.body.id)).status).toBe(409);
  });

  it('a delivered order cannot be cancelled (409) and stays completed', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 7);
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'ip-17909', characteristic: [{ name: 'boundNumber', value: freshMobile() }] }]));
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    const refused = await cancelOrder(sys, order.id);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await getOrder(sys, order.id)).body.state).toBe('completed');
  });
});

// ---- amend --------------------------------------------------------------------------------------

// An amendment that lands while a step's call is in flight, on runs that keep the task queue's shape (see above).
describe('amend an item', () => {
  stepShapeForBlock(
    'queue',
    () => sys,
    (s) => (sys = s),
  );

  it('before the point of no return: the order completes with the new offering and number, the old reservation released', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 8);
    const [oldNumber, newNumber] = [freshMobile(), freshMobile()];
    // Reserving the number and the device takes 2 × 3 s: time to amend before the network step.
    await sys.sims.control.inventory.control({ latencyMs: 3000 });
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: oldNumber }] }]));
    expect(res.status).toBe(201);
    await waitForStep(sys, res.body.id, 'reserveResources', 'running');

    const amended = await amendItem(sys, res.body.id, '1', {
      productOffering: { id: 'gsm-global-128' },
      product: { characteristic: [{ name: 'requestedNumber', value: newNumber }] },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.productOrderItem[0].productOffering.id).toBe('gsm-global-128');
    await sys.sims.control.inventory.control({ latencyMs: 2 });

    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].productOffering.id).toBe('gsm-global-128');
    const held = await activeReservationsOf(sys, order.id);
    expect(held.map((r) => `${r.kind}`).sort()).toEqual(['device', 'number']);
    expect(held.find((r) => r.kind === 'number')!.value).toBe(newNumber);
    // The first revision's number was reserved, then released.
    const { inventory, billing } = await simRecords(sys);
    const oldReservation = effectsWhere(inventory, 'reserve', (s) => s.orderId === order.id && s.value === oldNumber);
    expect(oldReservation).toHaveLength(1);
    expect(effectsWhere(inventory, 'release', (s) => s.reservationId === oldReservation[0]!.summary.reservationId)).toHaveLength(1);
    expect(billing.views.subscriptions?.[order.productOrderItem[0].product.id]).toMatchObject({
      status: 'active',
      offeringId: 'gsm-global-128',
      activations: 1,
    });
    const [activation] = await activationsOf(sys, order.id);
    expect(activation).toMatchObject({ offeringId: 'gsm-global-128', status: 'active' });
    expect(activation!.resources).toContainEqual({ kind: 'number', value: newNumber });
  });

  it('an invalid amendment is refused with 400 and changes nothing', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 9);
    const number = freshMobile();
    // Slow enough that every refusal below arrives while the item is still reserving.
    await sys.sims.control.inventory.control({ latencyMs: 3000 });
    const res = await placeOrder(sys, orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: number }] }]));
    expect(res.status).toBe(201);
    await waitForStep(sys, res.body.id, 'reserveResources', 'running');

    const refusals: Array<[object, RegExp]> = [
      [{ productOffering: { id: 'bb-adsl-2m' } }, /keeps the service line \(gsm_mobile\)/],
      [{ productOffering: { id: 'no-such-offering' } }, /no product offering "no-such-offering"/],
      [{ productOffering: { id: 'gsm-enterprise-vpmn' } }, /enterprise customers only/],
      [{ productOffering: { id: 'gsm-global-legacy' } }, /retired/],
      [{ product: { characteristic: [{ name: 'requestedNumber', value: '12345' }] } }, /not a mobile number/],
      [{ product: { characteristic: [{ name: 'colour', value: 'red' }] } }, /not "colour"/],
      [{}, /give a new productOffering or product.characteristic/],
    ];
    for (const [body, reason] of refusals) {
      const p = await amendItem(sys, res.body.id, '1', body);
      // The reason is in the detail, or in the field errors of a body the schema refuses.
      expect({
        body,
        status: p.status,
        type: p.headers['content-type'],
        problem: [p.body.detail, ...(p.body.errors ?? []).map((e: { message: string }) => e.message)].join(' | '),
      }).toEqual({
        body,
        status: 400,
        type: expect.stringMatching(/application\/problem\+json/),
        problem: expect.stringMatching(reason),
      });
    }
    const unknownItem = await amendItem(sys, res.body.id, '9', { productOffering: { id: 'gsm-global-88' } });
    expect(unknownItem.status).toBe(404);
    await sys.sims.control.inventory.control({ latencyMs: 2 });

    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].productOffering.id).toBe('gsm-global-58');
    expect((await activeReservationsOf(sys, order.id)).find((r) => r.kind === 'number')!.value).toBe(number);
  });

  it('after the point of no return: 409, and the order completes unchanged', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 10);
    await sys.sims.control.network.control({ latencyMs: 3000 });
    const res = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    );
    expect(res.status).toBe(201);
    await waitForStep(sys, res.body.id, 'configureNetwork', 'running');

    const tooLate = await amendItem(sys, res.body.id, '1', { productOffering: { id: 'gsm-global-128' } });
    expect(tooLate.status).toBe(409);
    expect(tooLate.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooLate.body.detail).toMatch(/point of no return/);
    await sys.sims.control.network.control({ latencyMs: 2 });

    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].productOffering.id).toBe('gsm-global-58');
    // Once the order is finished, amending it is just as late.
    expect((await amendItem(sys, order.id, '1', { productOffering: { id: 'gsm-global-128' } })).status).toBe(409);
  });
});
