// `npm run corpus:record`: records the replay corpus (test/replay-corpus/) from REAL runs.
//
// It starts the same system the integration tests run on (harness/shared-environment.ts: a Temporal dev
// server in memory, a fresh PostgreSQL database with the reference data, the workflow bundle of
// the current code; harness/system.ts: simulators, a worker, the API), drives every workflow
// type through its main paths over the API as clients and departments do, checks that each
// scenario ended as intended, and writes the histories as `<scenario>.<workflowType>.json` with a
// manifest.json. test/integration/replay.test.ts replays them on every `npm test`.
//
//   npm run corpus:record [-- --out test/replay-corpus] [-- --only order-happy-path,workorder-auto-close]
//
// Needs what `npm test` needs: PostgreSQL at TEST_DATABASE_ADMIN_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) and the Temporal CLI (TEMPORAL_CLI_PATH; bootstrap
// finds it). Nothing is written unless every scenario succeeded. Files of scenarios not recorded
// in this run are left alone. Takes about a minute.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { startSharedEnvironment, stopSharedEnvironment } from '../harness/shared-environment.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import {
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
  waitFor,
  waitForStep,
  type SeededCustomer,
  takeWorkOrder,
} from '../harness/fixtures.js';
import { fetchRun, readManifest, writeHistory, writeManifest, type ManifestEntry } from './audit/histories.js';
import { orderWorkflowId } from '../contracts/order-fulfilment.js';
import { batchWorkflowId } from '../contracts/batch-order.js';
import { dunningCaseWorkflowId, type DunningCaseView } from '../contracts/dunning.js';
import {
  billingCall,
  customersWhoseLines,
  customerWithNewLine,
  dunningCaseReaches,
  dunningSchedule,
  POSTPAID_LINES,
  triggerDunningRun,
} from '../harness/dunning.js';
import { installationWorkOrderId, workOrderWorkflowId } from '../contracts/work-order.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'test/replay-corpus' },
    only: { type: 'string' },
  },
});
const outDir = resolve(values.out!);
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;

// ---- scenarios -----------------------------------------------------------------------------------

/** The workflows a scenario produced, by what they are (file name suffix → workflow id, or `<workflow id>@<run id>` for a run that continued as new). */
type Produced = Record<string, string>;

interface Scenario {
  name: string;
  /**
   * Which system: `main` (SLA hours as minutes), `fast` (SLA hours as 3 s, for escalation) or `queue`
   * (main's settings, the order's steps through the task queue as runs started before the patch
   * short-steps-local keep them: a cancel or an amendment lands while a step's call is in flight).
   */
  on: 'main' | 'fast' | 'queue';
  /** Orders share the simulators' fault settings: they run one after another. */
  serial: boolean;
  run(sys: TestSystem): Promise<Produced>;
}

/** Nobody answers this department's work orders (to cancel an order while its installation waits). */
const HELD_DEPARTMENT = 'huludao-installation';
/** This department reports every installation as not done. */
const FAILING_DEPARTMENT = 'chaoyang-installation';
/** This one finds nobody at home at the first appointment, and installs at the second. */
const RESCHEDULING_DEPARTMENT = 'fushun-installation';
const address = { name: 'installationAddress', value: 'Zhongshan Rd 1, flat 3' };

function expectThat(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Error(`scenario did not go as intended: ${what}`);
}

/** Waits until the workflow is closed, whatever its ending. */
async function closed(sys: TestSystem, workflowId: string, timeoutMs = 60_000): Promise<string> {
  return waitFor(
    `${workflowId} to close`,
    async () => {
      const d = await sys.client.workflow.getHandle(workflowId).describe();
      return d.status.name === 'RUNNING' ? undefined : d.status.name;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/** Places an order and waits for its workflow to finish; returns the order as the API shows it. */
async function order(sys: TestSystem, customer: SeededCustomer, items: Parameters<typeof orderBody>[1]) {
  const res = await placeOrder(sys, orderBody(customer, items));
  expectThat(res.status === 201, `order accepted (got ${res.status}: ${JSON.stringify(res.body)})`);
  return res.body as { id: string };
}

/**
 * Cancels an order in flight: accepted at once (202, pendingCancellation), then, once `release` has
 * let the slow step finish, the order ends cancelled.
 */
async function cancelled(sys: TestSystem, orderId: string, release?: () => Promise<unknown>) {
  const accepted = await cancelOrder(sys, orderId);
  expectThat(accepted.status === 202 && accepted.body.state === 'pendingCancellation', `cancellation accepted (got ${accepted.status} ${accepted.body.state})`);
  await release?.();
  const o = await finalOrder(sys, orderId);
  expectThat(o.state === 'cancelled', `cancelled (got ${o.state})`);
  return o;
}

/** Until a call to the network simulator is in flight (an order's network step, with its latency raised). */
const networkInFlight = (sys: TestSystem) =>
  waitFor('the network step in flight', async () =>
    (await sys.sims.control.network.records({ summary: true, effects: 0 })).counters.inFlight > 0 ? true : undefined,
  );

async function finalOrder(sys: TestSystem, orderId: string) {
  await closed(sys, orderWorkflowId(orderId));
  return (await getOrder(sys, orderId)).body as {
    id: string;
    state: string;
    stateReason?: string;
    productOrderItem: Array<{ state: string; steps: Record<string, string>; failure?: { code: string } }>;
  };
}

const orderScenarios: Scenario[] = [
  {
    name: 'order-happy-path',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual'");
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed' && o.productOrderItem[0]!.steps.fieldInstallation === 'skipped', `completed without installation (got ${o.state})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    name: 'order-field-installation',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network not in ('fuxin', 'huludao', 'chaoyang', 'fushun')", 1);
      const { id } = await order(sys, customer, [{ offering: 'bb-adsl-2m', characteristic: [address] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed' && o.productOrderItem[0]!.steps.fieldInstallation === 'done', `completed with the installation done (got ${o.state})`);
      const child = workOrderWorkflowId(installationWorkOrderId(id, '1'));
      await closed(sys, child);
      return { orderFulfilment: orderWorkflowId(id), workOrder: child };
    },
  },
  {
    name: 'order-field-installation-not-done',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'chaoyang'");
      const { id } = await order(sys, customer, [{ offering: 'bb-adsl-2m', characteristic: [address] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'failed' && o.productOrderItem[0]!.failure?.code === 'INSTALLATION_FAILED', `failed with INSTALLATION_FAILED (got ${o.state})`);
      expectThat(o.productOrderItem[0]!.steps.configureNetwork === 'compensated', 'network configuration undone');
      const child = workOrderWorkflowId(installationWorkOrderId(id, '1'));
      await closed(sys, child);
      return { orderFulfilment: orderWorkflowId(id), workOrder: child };
    },
  },
  {
    // The technician finds nobody at home: another appointment, and the installation is done then.
    name: 'order-field-installation-rescheduled',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, `c.kind = 'individual' and c.home_local_network = '${RESCHEDULING_DEPARTMENT.split('-')[0]}'`);
      const { id } = await order(sys, customer, [{ offering: 'fl-residential', characteristic: [{ name: 'requestedNumber', value: freshFixed(7) }, address] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed', `completed at the second appointment (got ${o.state}: ${o.stateReason})`);
      const child = workOrderWorkflowId(installationWorkOrderId(id, '1'));
      await closed(sys, child);
      const wo = (
        await request(sys.app)
          .get(`/troubleTicket/${installationWorkOrderId(id, '1')}`)
          .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`)
      ).body as { state: string; timeline: Array<{ action: string }> };
      expectThat(
        wo.state === 'closed' && wo.timeline.filter((e) => e.action === 'receipt').length === 2,
        `closed after two receipts (got ${wo.state}, ${wo.timeline.map((e) => e.action).join(', ')})`,
      );
      return { orderFulfilment: orderWorkflowId(id), workOrder: child };
    },
  },
  {
    name: 'order-compensation-credit-refused',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 3);
      await sys.sims.control.billing.control({ refuseCustomers: [customer.id] });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'failed' && o.stateReason?.includes('CREDIT_REFUSED'), `failed with CREDIT_REFUSED (got ${o.state}: ${o.stateReason})`);
      expectThat(
        o.productOrderItem[0]!.steps.reserveResources === 'compensated' && o.productOrderItem[0]!.steps.configureNetwork === 'compensated',
        'network and reservations undone',
      );
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    name: 'order-partial-one-item-refused',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 4);
      await sys.sims.control.network.control({ failOfferings: ['vas-caller-id'] });
      const { id } = await order(sys, customer, [
        { offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
        { offering: 'vas-caller-id', characteristic: [{ name: 'boundNumber', value: freshMobile() }] },
      ]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'partial', `partial (got ${o.state})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    name: 'order-cancel-during-network',
    on: 'queue',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 5);
      // The network takes 3 s to answer: the cancel arrives while the activation is in flight.
      await sys.sims.control.network.control({ latencyMs: 3000 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      await waitForStep(sys, id, 'configureNetwork', 'running');
      await cancelled(sys, id, () => sys.sims.control.network.control({ latencyMs: 2 }));
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // The cancel arrives while billing, the last step, is activated: billing is undone too.
    name: 'order-cancel-during-billing',
    on: 'queue',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 6);
      await sys.sims.control.billing.control({ latencyMs: 3000 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-prepaid-szx', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      await waitForStep(sys, id, 'activateBilling', 'running');
      const o = await cancelled(sys, id, () => sys.sims.control.billing.control({ latencyMs: 2 }));
      expectThat(o.productOrderItem[0]!.steps.activateBilling === 'compensated', `billing undone (got ${o.productOrderItem[0]!.steps.activateBilling})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // The steps local (patch short-steps-local): billing down 12 s, past the local retry threshold, so
    // the retries wait on server timers after markers of the failed attempts.
    name: 'order-local-steps-billing-outage',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 3);
      await sys.sims.control.network.control({ latencyMs: 1500 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      await networkInFlight(sys);
      await sys.sims.control.billing.control({ outageForMs: 12_000 });
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed', `completed after the outage (got ${o.state})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // The validation local too (patch local-validation): billing down 12 s from before the order is
    // placed (order entry takes it, the balance unknown), so the validation's credit check retries past
    // the local retry threshold on server timers, then the order runs to the end.
    name: 'order-local-validation-billing-outage',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 5);
      await sys.sims.control.billing.control({ outageForMs: 12_000 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed', `completed after the outage (got ${o.state})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // The steps local: the network hangs past the adapter's timeout, the cancel is accepted at a
    // heartbeat of the workflow task, and what was done is undone once the call returns.
    name: 'order-local-steps-cancel-at-heartbeat',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 4);
      await sys.sims.control.network.control({ latencyMs: 14_000 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      await networkInFlight(sys);
      await cancelled(sys, id, () => sys.sims.control.network.control({ latencyMs: 2 }));
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    name: 'order-cancel-during-installation',
    on: 'main',
    serial: true,
    async run(sys) {
      // Nobody answers Huludao's installation work orders.
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'huludao'");
      const { id } = await order(sys, customer, [{ offering: 'fl-residential', characteristic: [{ name: 'requestedNumber', value: freshFixed(7) }, address] }]);
      await waitForStep(sys, id, 'fieldInstallation', 'running');
      const child = workOrderWorkflowId(installationWorkOrderId(id, '1'));
      await waitFor(
        'the installation work order to be dispatched',
        async () => (await sys.client.workflow.getHandle(child).describe()).status.name === 'RUNNING',
      );
      // Let the work order record its dispatch before it is cancelled.
      await waitFor(
        'the work order to be dispatched',
        async () =>
          (
            await request(sys.app)
              .get(`/troubleTicket/${installationWorkOrderId(id, '1')}`)
              .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`)
          ).body.phase === 'dispatched',
      );
      await cancelled(sys, id);
      expectThat((await closed(sys, child)) === 'CANCELLED', 'the installation work order cancelled with the order');
      return { orderFulfilment: orderWorkflowId(id), workOrder: child };
    },
  },
  {
    name: 'order-amend-before-point-of-no-return',
    on: 'queue',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 8);
      // Reserving the number and the device takes 2 × 3 s: time to amend before the network step.
      await sys.sims.control.inventory.control({ latencyMs: 3000 });
      const { id } = await order(sys, customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
      await waitForStep(sys, id, 'reserveResources', 'running');
      const amended = await amendItem(sys, id, '1', {
        productOffering: { id: 'gsm-global-128' },
        product: { characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
      });
      expectThat(amended.status === 200, `amendment accepted (got ${amended.status}: ${JSON.stringify(amended.body)})`);
      await sys.sims.control.inventory.control({ latencyMs: 2 });
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed', `completed (got ${o.state})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
];

// ---- work orders: the closed loop, over the API as the call centre and the departments use it ----

function workOrderClient(sys: TestSystem) {
  const centre = sys.token({ roles: ['call-centre'], sub: 'corpus-agent', localNetworks: '*' });
  const dept = (department: string) => sys.token({ roles: ['department'], sub: `staff-${department}`, department, localNetworks: [] });
  const get = async (id: string) => (await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre}`)).body;
  return {
    centre,
    dept,
    get,
    async take(customer: SeededCustomer, body: Record<string, unknown> = {}) {
      const res = await takeWorkOrder(sys, centre, customer, body);
      expectThat(res.status === 201, `work order taken (got ${res.status}: ${JSON.stringify(res.body)})`);
      return res.body as { id: string; assignments: Array<{ department: string }> };
    },
    async ok(id: string, token: string, event: Record<string, unknown>) {
      const res = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
      expectThat(res.status === 200, `${String(event.type)} accepted (got ${res.status}: ${JSON.stringify(res.body)})`);
      return res.body as { phase: string; state: string; closeReason?: string; reopenCount: number; escalationLevel: string };
    },
    phase: (id: string, phase: string, timeoutMs = 30_000) =>
      waitFor(`work order ${id} in phase ${phase}`, async () => ((await get(id)).phase === phase ? true : undefined), { timeoutMs }),
  };
}

/** Accept, receipt, approve: up to the customer being told. */
async function resolveAndTell(w: ReturnType<typeof workOrderClient>, id: string, department: string) {
  const staff = w.dept(department);
  await w.ok(id, staff, { type: 'accept' });
  await w.ok(id, staff, { type: 'note', text: 'technician booked for tomorrow' });
  await w.ok(id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED', notes: 'replaced the drop wire' });
  await w.ok(id, w.centre, { type: 'approve', notes: 'receipt checked' });
  await w.phase(id, 'customerNotified');
}

/**
 * A TMF621 v5 client's ticket: taken with its notes and severity, reprioritized and noted by
 * merge-patch (events only this release has: reprioritize, notes with the client's ids), then the
 * closed loop with the status changes a TMF client asks for — the customer's answer while pending,
 * resolved, closed, reopened — and closed again.
 */
const TMF621 = '/tmf-api/troubleTicket/v5/troubleTicket';
const tmf621Scenario: Scenario = {
  name: 'workorder-tmf621-v5',
  on: 'main',
  serial: false,
  async run(sys) {
    const w = workOrderClient(sys);
    const customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'", 3);
    const patch = async (id: string, body: Record<string, unknown>) => {
      const res = await request(sys.app)
        .patch(`${TMF621}/${id}`)
        .set('authorization', `Bearer ${w.centre}`)
        .set('content-type', 'application/merge-patch+json')
        .send(JSON.stringify(body));
      expectThat(res.status === 200, `PATCH ${JSON.stringify(body)} (got ${res.status}: ${JSON.stringify(res.body)})`);
      return res.body as { status: string };
    };
    const created = await request(sys.app)
      .post(TMF621)
      .set('authorization', `Bearer ${w.centre}`)
      .send({
        '@type': 'TroubleTicket',
        description: 'the line crackles when it rains',
        ticketType: 'complaint',
        severity: 'Major',
        status: 'acknowledged',
        channel: { id: 'web' },
        relatedParty: [{ id: customer.id, role: 'customer', '@referredType': 'Customer' }],
        note: [{ id: 'n-1', author: 'the customer', text: 'worst in the evening' }],
        attachment: [{ id: 'photo-1', url: 'https://files.example.com/photo-1.jpg', '@type': 'AttachmentRef' }],
        troubleTicketCharacteristic: [
          { name: 'serviceLine', value: 'fixed_line' },
          { name: 'takenInLocalNetwork', value: 'dalian' },
          { name: 'category', value: 'network-quality.fixed-line.line-noise' },
        ],
      });
    expectThat(created.status === 201, `ticket created (got ${created.status}: ${JSON.stringify(created.body)})`);
    const id = created.body.id as string;
    await patch(id, { priority: 'Critical', note: [{ id: 'n-2', author: 'agent', text: 'customer called again' }] });
    const department = ((await w.get(id)).assignments as Array<{ department: string }>)[0]!.department;
    const staff = w.dept(department);
    await w.ok(id, staff, { type: 'accept' });
    await w.ok(id, staff, { type: 'waitOnCustomer', reason: 'which socket is affected?' });
    await patch(id, { status: 'inProgress', statusChangeReason: 'the one in the hall' });
    await w.ok(id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED' });
    await patch(id, { status: 'resolved', statusChangeReason: 'drop wire replaced' });
    await w.phase(id, 'customerNotified');
    await patch(id, { status: 'closed' });
    // Within the reopen window (2 s here).
    const reopened = await patch(id, { status: 'inProgress', statusChangeReason: 'crackling again' });
    expectThat(reopened.status === 'inProgress', `reopened (got ${reopened.status})`);
    const again = ((await w.get(id)).assignments as Array<{ department: string; state: string }>).find((a) => a.state === 'dispatched')!;
    await resolveAndTell(w, id, again.department);
    await patch(id, { status: 'closed' });
    await closed(sys, workOrderWorkflowId(id));
    return { workOrder: workOrderWorkflowId(id) };
  },
};

/**
 * A department asks another of its local network for help (协办申请, an event only this release has):
 * the helper joins as a co-handler and is told, both accept and return receipts, the centre reviews
 * once both are in, and the loop closes.
 */
const coHandlingScenario: Scenario = {
  name: 'workorder-co-handling',
  on: 'main',
  serial: false,
  async run(sys) {
    const w = workOrderClient(sys);
    const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'", 4), {
      description: 'the line drops every evening; the exchange must look at it',
    });
    const first = wo.assignments[0]!.department;
    const staff = w.dept(first);
    await w.ok(wo.id, staff, { type: 'accept' });
    const offered = (await request(sys.app).get(`/troubleTicket/${wo.id}`).set('authorization', `Bearer ${staff}`)).body as { coHandlingCandidates?: string[] };
    const helper = offered.coHandlingCandidates?.find((d) => d.endsWith('-network-maintenance'));
    expectThat(helper, `a department of the local network to ask (got ${JSON.stringify(offered.coHandlingCandidates)})`);
    await w.ok(wo.id, staff, { type: 'requestCoHandling', departments: [helper], reason: 'the line tests bad at the exchange' });
    const helperStaff = w.dept(helper);
    await w.ok(wo.id, helperStaff, { type: 'accept' });
    const mine = await w.ok(wo.id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED' });
    expectThat(mine.phase === 'handling', `still handled by the helper (got ${mine.phase})`);
    await w.ok(wo.id, helperStaff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED', notes: 'exchange port replaced' });
    await w.ok(wo.id, w.centre, { type: 'approve', notes: 'both receipts checked' });
    await w.phase(wo.id, 'customerNotified');
    await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
    await closed(sys, workOrderWorkflowId(wo.id));
    return { workOrder: workOrderWorkflowId(wo.id) };
  },
};

/**
 * A service request turned into a product order by the call centre (POST /troubleTicket/{id}/productOrder,
 * patch service-request-order): the first order fails (billing refuses the customer) and hands the
 * work order back to the centre; a second order completes and closes it. Serial: it sets a billing fault.
 */
const serviceRequestOrderScenario: Scenario = {
  name: 'workorder-service-request-order',
  on: 'main',
  serial: true,
  async run(sys) {
    const w = workOrderClient(sys);
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.tier = 'ordinary' and c.home_local_network = 'fushun'", 9);
    const wo = await w.take(customer, { type: 'service_request', serviceLine: 'gsm_mobile', description: 'the customer asks for a new GSM line' });
    const {
      channel: _c,
      localNetwork: _l,
      ...body
    } = orderBody(customer, [{ offering: 'gsm-global-88', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
    const place = async (key: string) => {
      const res = await request(sys.app)
        .post(`/troubleTicket/${wo.id}/productOrder`)
        .set('authorization', `Bearer ${w.centre}`)
        .set('idempotency-key', key)
        .send({
          ...body,
          productOrderItem: [{ ...body.productOrderItem[0]!, product: { characteristic: [{ name: 'requestedNumber', value: freshMobile() }] } }],
        });
      expectThat(res.status === 201, `order placed from the work order (got ${res.status}: ${JSON.stringify(res.body)})`);
      return res.body.id as string;
    };
    await sys.sims.control.billing.control({ refuseCustomers: [customer.id] });
    const failed = await place(`corpus-sro-1-${wo.id}`);
    expectThat((await finalOrder(sys, failed)).state === 'failed', 'the first order failed');
    await w.phase(wo.id, 'returned');
    await sys.sims.control.billing.control({ refuseCustomers: [] });
    const completed = await place(`corpus-sro-2-${wo.id}`);
    expectThat((await finalOrder(sys, completed)).state === 'completed', 'the second order completed');
    expectThat((await closed(sys, workOrderWorkflowId(wo.id))) === 'COMPLETED', 'the work order closed');
    const done = await w.get(wo.id);
    expectThat(done.closeReason === 'orderCompleted', `closed by its order (got ${JSON.stringify(done.closeReason)})`);
    return { workOrder: workOrderWorkflowId(wo.id), orderFulfilment: orderWorkflowId(failed), completedOrder: orderWorkflowId(completed) };
  },
};

// ---- change orders on live subscriptions (patch change-orders) ------------------------------------

/** Seeded subscriptions a change scenario took already (each changes its own). */
const changedSubscriptions = new Set<string>();

let claiming: Promise<unknown> = Promise.resolve();

/** A seeded subscription of an active customer (not made by an order), with its customer; one claim at a time (scenarios run at once). */
function seededSubscription(sys: TestSystem, where: string, status = 'active') {
  const next = claiming.then(() => claimSubscription(sys, where, status));
  claiming = next.catch(() => undefined);
  return next;
}

async function claimSubscription(sys: TestSystem, where: string, status: string) {
  const rows = (await sys.orm.em
    .fork()
    .getConnection()
    .execute(
      `select s.id, s.offering_id, c.id as customer_id, c.home_local_network, c.tier from subscription s join customer c on c.id = s.customer_id
        where s.order_id is null and s.status = ? and c.status = 'active' and s.local_network = c.home_local_network and ${where}
          and not (s.id = any(?::text[])) order by s.id desc limit 1`,
      [status, `{${[...changedSubscriptions].join(',')}}`],
    )) as Array<{ id: string; offering_id: string; customer_id: string; home_local_network: string; tier: string }>;
  const r = rows[0];
  expectThat(r, `a seeded ${status} subscription where ${where}`);
  changedSubscriptions.add(r.id);
  return { id: r.id, offeringId: r.offering_id, customer: { id: r.customer_id, homeLocalNetwork: r.home_local_network, tier: r.tier } };
}

/** Places an order of one item changing a subscription (the body as domain/order-changes.ts reads it). */
async function changeOrder(
  sys: TestSystem,
  sub: Awaited<ReturnType<typeof seededSubscription>>,
  action: string,
  offering: string,
  product: Record<string, unknown> = {},
) {
  const res = await placeOrder(sys, {
    channel: 'shop',
    localNetwork: sub.customer.homeLocalNetwork,
    relatedParty: [{ id: sub.customer.id, role: 'customer' }],
    productOrderItem: [{ id: '1', action, productOffering: { id: offering }, product: { id: sub.id, ...product } }],
  });
  expectThat(res.status === 201, `change order accepted (got ${res.status}: ${JSON.stringify(res.body)})`);
  return res.body as { id: string };
}

async function completedChange(sys: TestSystem, id: string) {
  const o = await finalOrder(sys, id);
  expectThat(o.state === 'completed', `change completed (got ${o.state}: ${o.stateReason})`);
  return o;
}

const changeOrderScenarios: Scenario[] = [
  {
    // 套餐变更: the network's settings and billing's plan (from the next cycle for GSM).
    name: 'order-change-plan',
    on: 'main',
    serial: false,
    async run(sys) {
      const sub = await seededSubscription(sys, "s.offering_id = 'gsm-global-58'");
      const { id } = await changeOrder(sys, sub, 'modify', 'gsm-global-88');
      await completedChange(sys, id);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // 停机 then 复机 of one line: barred and suspended, then unbarred and resumed.
    name: 'order-change-suspend-resume',
    on: 'main',
    serial: false,
    async run(sys) {
      const sub = await seededSubscription(sys, "s.service_line = 'gsm_mobile'");
      const suspension = await changeOrder(sys, sub, 'modify', sub.offeringId, { status: 'suspended' });
      await completedChange(sys, suspension.id);
      const resumption = await changeOrder(sys, sub, 'modify', sub.offeringId, { status: 'active' });
      await completedChange(sys, resumption.id);
      return { suspension: orderWorkflowId(suspension.id), resumption: orderWorkflowId(resumption.id) };
    },
  },
  {
    // 拆机: network removal, billing closed with a final bill, the number into quarantine.
    name: 'order-change-disconnect',
    on: 'main',
    serial: false,
    async run(sys) {
      const sub = await seededSubscription(sys, "s.offering_id = 'fl-residential'");
      const { id } = await changeOrder(sys, sub, 'delete', sub.offeringId);
      await completedChange(sys, id);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // 过户: the line to another customer (its ID number checked), billing's account changed.
    name: 'order-change-transfer',
    on: 'main',
    serial: false,
    async run(sys) {
      const sub = await seededSubscription(sys, "s.service_line = 'gsm_mobile'");
      const rows = (await sys.orm.em
        .fork()
        .getConnection()
        .execute(
          `select c.id, c.data->>'idNumber' as id_number from customer c where c.status = 'active' and c.kind = 'individual' and c.id <> ?
            and exists (select 1 from account a where a.customer_id = c.id) and c.data->>'idNumber' is not null order by c.id limit 1`,
          [sub.customer.id],
        )) as Array<{ id: string; id_number: string }>;
      const to = rows[0]!;
      const { id } = await changeOrder(sys, sub, 'modify', sub.offeringId, {
        relatedParty: [{ id: to.id, role: 'owner' }],
        characteristic: [{ name: 'ownerIdNumber', value: to.id_number }],
      });
      await completedChange(sys, id);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // 移机: a new port reserved and configured, installed at the new address, the old port released.
    name: 'order-change-relocation',
    on: 'main',
    serial: false,
    async run(sys) {
      const sub = await seededSubscription(
        sys,
        `s.offering_id in ('bb-adsl-2m', 'bb-adsl-4m') and c.home_local_network not in ('${HELD_DEPARTMENT.split('-')[0]}', '${FAILING_DEPARTMENT.split('-')[0]}', '${RESCHEDULING_DEPARTMENT.split('-')[0]}')`,
      );
      const { id } = await changeOrder(sys, sub, 'move', sub.offeringId, { characteristic: [{ name: 'installationAddress', value: 'Beiling St 12' }] });
      const o = await completedChange(sys, id);
      expectThat(o.productOrderItem[0]!.steps.fieldInstallation === 'done', 'installed at the new address');
      const child = workOrderWorkflowId(installationWorkOrderId(id, '1'));
      await closed(sys, child);
      return { orderFulfilment: orderWorkflowId(id), workOrder: child };
    },
  },
  {
    // A plan change cancelled while billing changes the plan: billing back to the old plan, the network too.
    name: 'order-change-cancel-undo',
    on: 'queue',
    serial: true,
    async run(sys) {
      const sub = await seededSubscription(sys, "s.offering_id = 'gsm-global-58'");
      await sys.sims.control.billing.control({ latencyMs: 3000 });
      const { id } = await changeOrder(sys, sub, 'modify', 'gsm-global-128');
      await waitForStep(sys, id, 'activateBilling', 'running');
      const o = await cancelled(sys, id, () => sys.sims.control.billing.control({ latencyMs: 2 }));
      const steps = o.productOrderItem[0]!.steps;
      expectThat(
        steps.activateBilling === 'compensated' && steps.configureNetwork === 'compensated',
        `billing and network undone (got ${JSON.stringify(steps)})`,
      );
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
];

const workOrderScenarios: Scenario[] = [
  {
    name: 'workorder-closed-loop-satisfied',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'"));
      await resolveAndTell(w, wo.id, wo.assignments[0]!.department);
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
      expectThat(done.state === 'closed' && done.closeReason === 'satisfied', `closed satisfied (got ${done.state} ${done.closeReason})`);
      // The workflow ends when the reopen window (2 s here) has passed.
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  {
    name: 'workorder-reopen-after-unsatisfied',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'", 1));
      await resolveAndTell(w, wo.id, wo.assignments[0]!.department);
      const unsatisfied = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: false, score: 1, comment: 'still noisy' });
      expectThat(unsatisfied.phase === 'unsatisfied', `unsatisfied (got ${unsatisfied.phase})`);
      const reopened = await w.ok(wo.id, w.centre, { type: 'reopen', reason: 'still noisy' });
      expectThat(reopened.reopenCount === 1 && reopened.phase === 'dispatched', `reopened and dispatched again (got ${reopened.phase})`);
      const again = await w.get(wo.id);
      await resolveAndTell(w, wo.id, (again.assignments as Array<{ department: string; state: string }>).find((a) => a.state === 'dispatched')!.department);
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      expectThat(done.state === 'closed', `closed after the second round (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  {
    name: 'workorder-auto-close',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'", 2));
      await resolveAndTell(w, wo.id, wo.assignments[0]!.department);
      // No answer from the customer: closes by itself after WORKORDER_AUTO_CLOSE_SECONDS (2 s here).
      const body = await waitFor('auto close', async () => {
        const b = await w.get(wo.id);
        return b.state === 'closed' ? b : undefined;
      });
      expectThat(body.closeReason === 'noCustomerAnswer', `closed for no customer answer (got ${body.closeReason})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  {
    name: 'workorder-sla-escalation',
    on: 'fast',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      // A VIP fault report: accept within 0.5 h (urged at 0.375 h), resolve within 4 h → 1.5 s and 12 s here.
      const wo = await w.take(await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'anshan'"), {
        type: 'fault_report',
        channel: 'ivr',
        takenInLocalNetwork: 'anshan',
        description: 'no dial tone',
      });
      const national = await waitFor(
        'escalation to the national level',
        async () => {
          const s = await w.get(wo.id);
          return s.escalationLevel === 'national' ? s : undefined;
        },
        { timeoutMs: 60_000 },
      );
      const actions = (national.timeline as Array<{ action: string }>).map((t) => t.action);
      expectThat(actions.includes('urge') && actions.filter((a) => a === 'escalate').length === 2, `urged, then escalated twice (got ${actions.join(', ')})`);
      // Worked at last: the loop still closes.
      await resolveAndTell(w, wo.id, wo.assignments[0]!.department);
      await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 3 });
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  tmf621Scenario,
  coHandlingScenario,
  serviceRequestOrderScenario,
];

// ---- enterprise batch orders (contracts/batch-order.ts) -------------------------------------------

/** Places an enterprise batch of mobile lines; its id. */
async function batch(sys: TestSystem, customer: SeededCustomer, offerings: string[], settings: { concurrency: number; linesPerRun: number }) {
  const res = await request(sys.app)
    .post('/productOrderBatch')
    .set('authorization', `Bearer ${sys.token({ roles: ['order-entry'], sub: 'corpus-batch' })}`)
    .set('idempotency-key', `corpus-batch-${customer.id}-${offerings.length}`)
    .send({
      channel: 'shop',
      localNetwork: customer.homeLocalNetwork,
      relatedParty: [{ id: customer.id, role: 'customer' }],
      productOrderLine: offerings.map((offering) => ({ productOrderItem: [{ id: '1', action: 'add', productOffering: { id: offering } }] })),
      settings,
    });
  expectThat(res.status === 201, `batch placed (got ${res.status}: ${JSON.stringify(res.body)})`);
  return res.body.id as string;
}

/** The runs of a batch, oldest first, once all have ended. */
async function batchRuns(sys: TestSystem, batchId: string) {
  await sys.client.workflow.getHandle(batchWorkflowId(batchId)).result();
  const runs: Array<{ runId: string; status: string; startTime: Date }> = [];
  await waitFor('every run of the batch listed, closed', async () => {
    runs.length = 0;
    for await (const w of sys.client.workflow.list({ query: `WorkflowId = "${batchWorkflowId(batchId)}"` }))
      runs.push({ runId: w.runId, status: w.status.name, startTime: w.startTime });
    return runs.length > 0 && runs.every((r) => r.status !== 'RUNNING') && runs.some((r) => r.status === 'COMPLETED') ? true : undefined;
  });
  return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

const batchScenarios: Scenario[] = [
  {
    // 7 lines, 5 per run: the first run continues as new; one kind of line refused by the network (partial).
    name: 'batch-order-partial-continue-as-new',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'enterprise'");
      await sys.sims.control.network.control({ failOfferings: ['gsm-global-88'] });
      const id = await batch(sys, customer, ['gsm-enterprise-vpmn', 'gsm-global-88', ...Array<string>(5).fill('gsm-enterprise-vpmn')], {
        concurrency: 3,
        linesPerRun: 5,
      });
      const runs = await batchRuns(sys, id);
      expectThat(runs.length === 2 && runs[0]!.status === 'CONTINUED_AS_NEW', `two runs, the first continued as new (got ${JSON.stringify(runs)})`);
      const view = (
        await request(sys.app)
          .get(`/productOrderBatch/${id}`)
          .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`)
      ).body;
      expectThat(
        view.state === 'partial' && view.lineCount.completed === 6 && view.lineCount.failed === 1,
        `partial, 6 + 1 (got ${JSON.stringify(view.lineCount)})`,
      );
      return {
        firstRun: `${batchWorkflowId(id)}@${runs[0]!.runId}`,
        lastRun: `${batchWorkflowId(id)}@${runs[1]!.runId}`,
      };
    },
  },
  {
    // The remainder cancelled while lines run (slow network): running orders cancelled, the rest never started.
    name: 'batch-order-cancel-remainder',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'enterprise'", 1);
      await sys.sims.control.network.control({ latencyMs: 700, jitterMs: 0 });
      const id = await batch(sys, customer, Array<string>(12).fill('gsm-enterprise-vpmn'), { concurrency: 2, linesPerRun: 20 });
      const ops = sys.token({ roles: ['ops'] });
      await waitFor(
        'a line completed',
        async () => {
          const b = (await request(sys.app).get(`/productOrderBatch/${id}`).set('authorization', `Bearer ${ops}`)).body;
          return b.lineCount?.completed >= 1 ? true : undefined;
        },
        { timeoutMs: 60_000 },
      );
      const cancel = await request(sys.app)
        .post(`/productOrderBatch/${id}/cancelRemainder`)
        .set('authorization', `Bearer ${sys.token({ roles: ['order-entry'], sub: 'corpus-batch' })}`)
        .send({ reason: 'the company changed its plans' });
      expectThat(cancel.status === 202, `cancel accepted (got ${cancel.status})`);
      const runs = await batchRuns(sys, id);
      const view = (await request(sys.app).get(`/productOrderBatch/${id}`).set('authorization', `Bearer ${ops}`)).body;
      expectThat(view.state === 'cancelled' && view.lineCount.cancelled >= 6, `cancelled (got ${JSON.stringify(view.lineCount)})`);
      return { batchOrder: `${batchWorkflowId(id)}@${runs[runs.length - 1]!.runId}` };
    },
  },
];

// ---- dependent items (patch dependent-items) -----------------------------------------------------

/** A new mobile line (item 1), a data pack depending on it (item 2), caller ID on an existing line (item 3, independent). */
async function lineWithPack(sys: TestSystem, customer: SeededCustomer, lineOffering: string) {
  const body = orderBody(customer, [
    { offering: lineOffering, characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
    { offering: 'vas-data-5g' },
    { offering: 'vas-caller-id', characteristic: [{ name: 'boundNumber', value: freshMobile() }] },
  ]);
  (body.productOrderItem[1] as Record<string, unknown>).productOrderItemRelationship = [{ id: '1', relationshipType: 'dependsOn' }];
  const res = await placeOrder(sys, body);
  expectThat(res.status === 201, `order accepted (got ${res.status}: ${JSON.stringify(res.body)})`);
  return res.body as { id: string };
}

const dependentItemScenarios: Scenario[] = [
  {
    // The pack waits for the line to be in service; caller ID runs meanwhile.
    name: 'order-dependent-items',
    on: 'main',
    serial: false,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 21);
      const { id } = await lineWithPack(sys, customer, 'gsm-global-58');
      const o = await finalOrder(sys, id);
      expectThat(o.state === 'completed', `completed (got ${o.state}: ${o.stateReason})`);
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
  {
    // The line refused by the network: the pack is never started (DEPENDENCY_FAILED), caller ID delivered.
    name: 'order-dependent-items-blocked',
    on: 'main',
    serial: true,
    async run(sys) {
      const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 22);
      await sys.sims.control.network.control({ failOfferings: ['gsm-global-38'] });
      const { id } = await lineWithPack(sys, customer, 'gsm-global-38');
      const o = await finalOrder(sys, id);
      expectThat(
        o.state === 'partial' && o.productOrderItem[1]!.failure?.code === 'DEPENDENCY_FAILED',
        `partial, the pack not started (got ${o.state}: ${o.stateReason})`,
      );
      return { orderFulfilment: orderWorkflowId(id) };
    },
  },
];

// ---- dunning (workflows new in this release) ------------------------------------------------------

const dunningScenarios: Scenario[] = [
  {
    // A postpaid bill past its grace: a reminder run; after the notice, the run that opens the case;
    // the case's suspension order, the payment, its resumption order.
    name: 'dunning-postpaid',
    on: 'main',
    serial: true,
    async run(sys) {
      await dunningSchedule(sys, 'anshan');
      const { accountId } = await customerWithNewLine(sys, customersWhoseLines(POSTPAID_LINES, 'anshan'), 6, 'gsm-global-58');
      const bill = await billingCall(sys, `/accounts/${accountId}/bills`, { period: '2026-08' });
      const remind = await triggerDunningRun(sys.client, 'anshan');
      expectThat(remind.result.reminded === 1, `reminded (got ${JSON.stringify(remind.result)})`);
      await sys.orm.em.fork().getConnection().execute('update dunning_reminder set sent_on = sent_on - 14 where account_id = ?', [accountId]);
      const suspend = await triggerDunningRun(sys.client, 'anshan');
      expectThat(suspend.result.suspended === 1, `suspended (got ${JSON.stringify(suspend.result)})`);
      const suspended = await dunningCaseReaches(sys.client, accountId, 'suspended');
      await sys.adapters.billing.recordPayment({ accountId, amountCents: bill.totalCents as number, method: 'bank_transfer' }, `corpus-pay-${accountId}`);
      const done = (await sys.client.workflow.getHandle(dunningCaseWorkflowId(accountId)).result()) as DunningCaseView;
      expectThat(done.state === 'resumed', `resumed (got ${done.state})`);
      return {
        reminderRun: `${remind.workflowId}@${remind.runId}`,
        suspensionRun: `${suspend.workflowId}@${suspend.runId}`,
        dunningCase: dunningCaseWorkflowId(accountId),
        suspension: orderWorkflowId(suspended.suspensionOrderId!),
        resumption: orderWorkflowId(done.resumptionOrderId!),
      };
    },
  },
];

// ---- issue 15: work-order depth (each list filled by its own slice) ---------------------------------

/**
 * Calendars per year (issue 15, point 6): a complaint entered half a minute after it was received
 * (受理时间), taking the holiday data of its years at intake (calendar-per-year); unsatisfied,
 * reopened (the second round keeps the holiday data, its clock from the new dispatch), closed.
 */
const calendarScenarios: Scenario[] = [
  {
    name: 'calendar-received-earlier-reopened',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const receivedAt = new Date(Date.now() - 30_000).toISOString();
      const wo = (await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.kind = 'individual' and c.home_local_network = 'jinzhou'"), {
        takenInLocalNetwork: 'jinzhou',
        description: 'a letter: billed for a package never ordered',
        receivedAt,
      })) as { id: string; assignments: Array<{ department: string }>; sla: { startedAt: number; holidays?: { years: number[] } } };
      expectThat(wo.sla.startedAt === Date.parse(receivedAt), `the clock runs from the received time (got ${wo.sla.startedAt})`);
      expectThat((wo.sla.holidays?.years ?? []).includes(2026), `the holiday data taken at intake (got ${JSON.stringify(wo.sla.holidays?.years)})`);
      await resolveAndTell(w, wo.id, wo.assignments[0]!.department);
      await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: false, score: 2, comment: 'not refunded yet' });
      await w.ok(wo.id, w.centre, { type: 'reopen', reason: 'not refunded yet' });
      const again = await w.get(wo.id);
      expectThat(
        again.sla.holidays?.years?.includes(2026) && again.sla.startedAt > Date.parse(receivedAt),
        'the second round keeps the holiday data, its own start',
      );
      await resolveAndTell(w, wo.id, (again.assignments as Array<{ department: string; state: string }>).find((a) => a.state === 'dispatched')!.department);
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      expectThat(done.state === 'closed', `closed after the second round (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
];
const intakeScenarios: Scenario[] = [
  {
    // A billing dispute routed by its category (patch work-order-category) to billing service, the
    // customer unsatisfied, reopened and routed by the category again, closed.
    name: 'intake-billing-dispute-reopened',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const customer = await findCustomer(sys, "c.tier = 'ordinary' and c.kind = 'individual' and c.home_local_network = 'fushun'");
      const wo = (await w.take(customer, { category: 'billing-dispute.charges.long-distance', description: 'charged for 193 calls never made' })) as {
        id: string;
        assignments: Array<{ department: string }>;
      };
      expectThat(wo.assignments[0]?.department === 'fushun-billing-service', `routed to billing by the category (got ${wo.assignments[0]?.department})`);
      await resolveAndTell(w, wo.id, 'fushun-billing-service');
      await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: false, score: 2, comment: 'not refunded yet' });
      await w.ok(wo.id, w.centre, { type: 'reopen', reason: 'not refunded yet' });
      const again = await w.get(wo.id);
      const next = (again.assignments as Array<{ department: string; state: string }>).find((a) => a.state === 'dispatched')?.department;
      expectThat(next === 'fushun-billing-service', `the reopen routed by the category again (got ${next})`);
      await resolveAndTell(w, wo.id, next!);
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      expectThat(done.state === 'closed', `closed after the second round (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  {
    // A fault report taken where the customer roams, forwarded home (patch roaming-fault-reports),
    // repaired there, closed.
    name: 'intake-roaming-fault-report',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const customer = await findCustomer(sys, "c.tier = 'ordinary' and c.kind = 'individual' and c.home_local_network = 'benxi'");
      const wo = (await w.take(customer, {
        type: 'fault_report',
        takenInLocalNetwork: 'dandong',
        serviceLine: 'gsm_mobile',
        category: 'network-quality.mobile-coverage.no-signal',
        description: 'no signal at home since yesterday',
      })) as { id: string; forwardedTo?: string; assignments: Array<{ department: string }> };
      expectThat(wo.forwardedTo === 'benxi', `forwarded to the home network (got ${wo.forwardedTo})`);
      expectThat(wo.assignments[0]?.department === 'benxi-network-maintenance', `handled at home (got ${wo.assignments[0]?.department})`);
      await resolveAndTell(w, wo.id, 'benxi-network-maintenance');
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
      expectThat(done.state === 'closed', `closed (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
];
/**
 * Urging and supervision by people, account managers (issue 15, points 1 and 7): a VIP's fault report
 * opened by their account manager (channel account_manager, the manager told: notify-account-manager);
 * urged twice by the call centre and once by the manager, so escalated to the province
 * (urge-by-people); placed under supervision by the province centre with a deadline seconds ahead,
 * missed (the workflow's timer marks it), answered late in writing, then approved and closed
 * satisfied (supervision-by-people).
 */
const supervisionScenarios: Scenario[] = [
  {
    name: 'supervision-urge-supervise-account-manager',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const manager = sys.token({ roles: ['account-manager'], sub: 'am.dalian', localNetworks: ['dalian'] });
      const province = sys.token({
        roles: ['supervisor'],
        sub: 'corpus-sup-province',
        localNetworks: '*',
        department: 'liaoning-service-centre',
        level: 'province',
      });
      const vip = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'dalian'");
      const taken = await takeWorkOrder(sys, manager, vip, { type: 'fault_report', description: 'the hospital switchboard has no dial tone' });
      expectThat(taken.status === 201, `taken by the account manager (got ${taken.status}: ${JSON.stringify(taken.body)})`);
      const wo = taken.body as { id: string; channel: string; accountManager?: string; assignments: Array<{ department: string }> };
      expectThat(
        wo.channel === 'account_manager' && wo.accountManager === 'am.dalian',
        `the account manager's channel (got ${wo.channel}, ${wo.accountManager})`,
      );
      const staff = w.dept(wo.assignments[0]!.department);
      await w.ok(wo.id, staff, { type: 'accept' });
      await w.ok(wo.id, w.centre, { type: 'urge', reason: 'the customer called again' });
      await w.ok(wo.id, w.centre, { type: 'urge' });
      const urged = await w.ok(wo.id, manager, { type: 'urge', reason: 'the hospital called me' });
      expectThat(urged.escalationLevel === 'province', `escalated after three urges (got ${urged.escalationLevel})`);
      await w.ok(wo.id, province, { type: 'supervise', due: new Date(Date.now() + 3_000).toISOString(), instructions: 'explain the delay in writing' });
      await waitFor('the supervision marked overdue', async () => ((await w.get(wo.id)).supervisions?.[0]?.overdueAt !== undefined ? true : undefined), {
        timeoutMs: 30_000,
      });
      await w.ok(wo.id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED' });
      await w.ok(wo.id, staff, { type: 'superviseReply', text: 'the exchange card failed; replaced' });
      await w.ok(wo.id, w.centre, { type: 'approve', notes: 'reply and receipt checked' });
      await w.phase(wo.id, 'customerNotified');
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      expectThat(done.state === 'closed', `closed (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
];
/**
 * Callbacks as tracked work (issue 15, point 2; patch callback-task): once the customer is told, a
 * callback task with its deadline. `answered`: unsatisfied, reopened, told again, satisfied — two
 * tasks, both done. `noAnswer`: nobody answers, the work order closes by itself and the task ends
 * as noAnswer. (The overdue mark needs a deadline before the auto-close, 2 s here: the integration
 * test callbacks-and-quality.test.ts replays that path.)
 */
const callbackScenarios: Scenario[] = [
  {
    name: 'callback-tasks',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const customer = (offset: number) => findCustomer(sys, "c.tier = 'silver' and c.kind = 'individual' and c.home_local_network = 'anshan'", offset);
      const answered = await w.take(await customer(0), { takenInLocalNetwork: 'anshan', description: 'billed for a call I never made' });
      const silent = await w.take(await customer(1), { takenInLocalNetwork: 'anshan', description: 'billed for a call I never made' });
      await resolveAndTell(w, answered.id, answered.assignments[0]!.department);
      await resolveAndTell(w, silent.id, silent.assignments[0]!.department);
      const told = await w.get(answered.id);
      expectThat(told.callbacks?.[0]?.state === 'open', `a callback task open once told (got ${JSON.stringify(told.callbacks)})`);
      await w.ok(answered.id, w.centre, { type: 'recordSatisfaction', satisfied: false, score: 2, comment: 'not refunded' });
      await w.ok(answered.id, w.centre, { type: 'reopen', reason: 'not refunded' });
      const again = await w.get(answered.id);
      await resolveAndTell(
        w,
        answered.id,
        (again.assignments as Array<{ department: string; state: string }>).find((a) => a.state === 'dispatched')!.department,
      );
      await w.ok(answered.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      const done = await w.get(answered.id);
      expectThat(
        (done.callbacks as Array<{ state: string }>).map((c) => c.state).join() === 'done,done',
        `two callbacks, both done (got ${JSON.stringify(done.callbacks)})`,
      );
      const closedByItself = await waitFor('auto close', async () => {
        const b = await w.get(silent.id);
        return b.state === 'closed' ? b : undefined;
      });
      expectThat(closedByItself.callbacks?.[0]?.state === 'noAnswer', `the callback ended noAnswer (got ${JSON.stringify(closedByItself.callbacks)})`);
      await closed(sys, workOrderWorkflowId(answered.id));
      await closed(sys, workOrderWorkflowId(silent.id));
      return { answered: workOrderWorkflowId(answered.id), noAnswer: workOrderWorkflowId(silent.id) };
    },
  },
];
/**
 * The national centre's queue (issue 15, point 5): a complaint about a national service dispatched to
 * the national centre directly (national-dispatch), and a complaint the province centre hands over for
 * coordination, the province told of each national step (national-hand-over); both closed satisfied.
 */
const nationalScenarios: Scenario[] = [
  {
    name: 'national-complaint-direct',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.kind = 'individual' and c.home_local_network = 'tieling'"), {
        takenInLocalNetwork: 'tieling',
        category: 'service-attitude.call-centre',
        nationalService: 'hotline',
        description: 'the national hotline kept me waiting, then hung up',
      });
      expectThat(wo.assignments[0]?.department === 'national-service-centre', `dispatched to the national centre (got ${wo.assignments[0]?.department})`);
      await resolveAndTell(w, wo.id, 'national-service-centre');
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 4 });
      expectThat(done.state === 'closed', `closed (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
  {
    name: 'national-hand-over',
    on: 'main',
    serial: false,
    async run(sys) {
      const w = workOrderClient(sys);
      const citySup = sys.token({
        roles: ['supervisor'],
        sub: 'corpus-sup-tieling',
        localNetworks: ['tieling'],
        department: 'tieling-service-centre',
        level: 'city',
      });
      const provinceSup = sys.token({
        roles: ['supervisor'],
        sub: 'corpus-sup-province',
        localNetworks: '*',
        department: 'liaoning-service-centre',
        level: 'province',
      });
      const wo = await w.take(await findCustomer(sys, "c.tier = 'ordinary' and c.kind = 'individual' and c.home_local_network = 'tieling'", 1), {
        takenInLocalNetwork: 'tieling',
        category: 'billing-dispute.charges.roaming',
        description: 'charged twice for roaming in another province',
      });
      const billing = w.dept(wo.assignments[0]!.department);
      await w.ok(wo.id, billing, { type: 'accept' });
      await w.ok(wo.id, citySup, { type: 'escalate', reason: 'the customer asks for the province' });
      const handed = await w.ok(wo.id, provinceSup, { type: 'handOver', reason: "the other province's operator must refund" });
      expectThat(handed.escalationLevel === 'national', `handed over to the national level (got ${handed.escalationLevel})`);
      const national = w.dept('national-service-centre');
      await w.ok(wo.id, national, { type: 'accept' });
      await w.ok(wo.id, national, { type: 'note', text: 'the other operator agreed to refund' });
      await w.ok(wo.id, billing, { type: 'receipt', result: 'resolved', resolutionCode: 'CHARGES_CHECKED' });
      await w.ok(wo.id, national, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' });
      await w.ok(wo.id, w.centre, { type: 'approve', notes: 'refund confirmed' });
      await w.phase(wo.id, 'customerNotified');
      const done = await w.ok(wo.id, w.centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
      expectThat(done.state === 'closed', `closed (got ${done.state})`);
      await closed(sys, workOrderWorkflowId(wo.id));
      return { workOrder: workOrderWorkflowId(wo.id) };
    },
  },
];

// ---- run -----------------------------------------------------------------------------------------

const allScenarios = [
  ...orderScenarios,
  ...changeOrderScenarios,
  ...dependentItemScenarios,
  ...workOrderScenarios,
  ...batchScenarios,
  ...dunningScenarios,
  ...calendarScenarios,
  ...intakeScenarios,
  ...supervisionScenarios,
  ...callbackScenarios,
  ...nationalScenarios,
];
const scenarios = allScenarios.filter((s) => !only || only.has(s.name));
if (only && scenarios.length !== only.size) {
  process.stderr.write(`unknown scenario in --only; known: ${allScenarios.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}

const began = Date.now();
const log = (msg: string) => process.stderr.write(`[corpus ${((Date.now() - began) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
let exitCode = 0;
let written = 0;
await startSharedEnvironment();
const systems: TestSystem[] = [];
try {
  // Work orders close themselves 2 s after they are resolved and told, and can be reopened for 2 s:
  // their workflows end within the run. SLA hours last a minute (main) or 3 s (fast).
  const timing = { WORKORDER_AUTO_CLOSE_SECONDS: '2', WORKORDER_REOPEN_WINDOW_SECONDS: '2' };
  const mainEnv = { SLA_TIME_SCALE: String(1 / 60), ...timing };
  const [main, fast, queue] = await Promise.all([
    startTestSystem(mainEnv),
    startTestSystem({ SLA_TIME_SCALE: String(1 / 1200), ...timing }),
    scenarios.some((s) => s.on === 'queue') ? startTestSystem(mainEnv, { stepShape: 'queue' }) : undefined,
  ]);
  systems.push(main, fast, ...(queue ? [queue] : []));
  const systemOf = (s: Scenario) => ({ main, fast, queue })[s.on]!;
  const stopDepartments = [
    answeringDepartment(main, { delayMs: 50, only: (_wo, dept) => ![HELD_DEPARTMENT, FAILING_DEPARTMENT, RESCHEDULING_DEPARTMENT].includes(dept) }),
    answeringDepartment(main, { delayMs: 50, result: 'unresolved', departmentLike: FAILING_DEPARTMENT }),
    answeringDepartment(main, { delayMs: 50, result: (n) => (n === 1 ? 'unresolved' : 'resolved'), departmentLike: RESCHEDULING_DEPARTMENT }),
  ];
  const produced = new Map<string, Produced>();
  const runOne = async (s: Scenario) => {
    const t = Date.now();
    produced.set(s.name, await s.run(systemOf(s)));
    log(`${s.name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await Promise.all([
      (async () => {
        for (const s of scenarios.filter((x) => x.serial)) {
          await runOne(s);
          await clearFaults(systemOf(s));
        }
      })(),
      ...scenarios.filter((x) => !x.serial).map(runOne),
    ]);
  } finally {
    for (const stop of stopDepartments) await stop();
  }

  // Everything went as intended: write the histories.
  const entries: ManifestEntry[] = [];
  for (const s of scenarios) {
    for (const [kind, workflowId] of Object.entries(produced.get(s.name)!)) {
      const sys = systemOf(s);
      const [id, runId] = workflowId.split('@');
      const { info, history } = await fetchRun(sys.client, id!, runId);
      const entry = writeHistory(outDir, `${s.name}.${kind}.json`, info, history, s.name);
      entries.push(entry);
      written += 1;
      log(`${entry.file}: ${entry.events} events, ${info.status.name}`);
    }
  }
  const previous = readManifest(outDir);
  const files = new Set(entries.map((e) => e.file));
  writeManifest(outDir, {
    exportedAt: new Date().toISOString(),
    namespace: main.config.TEMPORAL_NAMESPACE,
    selection: 'recorded by scripts/record-replay-corpus.ts (npm run corpus:record)',
    workflows: [...(previous?.workflows.filter((w) => !files.has(w.file)) ?? []), ...entries].sort((a, b) => a.file.localeCompare(b.file)),
  });
  log(`${entries.length} histories written to ${outDir}`);
} catch (err) {
  process.stderr.write(
    `recording failed${written ? ` after writing ${written} files (no manifest update)` : ', nothing written'}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  exitCode = 1;
} finally {
  for (const sys of systems) await sys.stop().catch(() => {});
  await stopSharedEnvironment();
}
process.exit(exitCode);
