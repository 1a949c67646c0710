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

/** The workflows a scenario produced, by what they are (file name suffix → workflow id). */
type Produced = Record<string, string>;

interface Scenario {
  name: string;
  /** Which system: `main` (SLA hours as minutes) or `fast` (SLA hours as 3 s, for escalation). */
  on: 'main' | 'fast';
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
    on: 'main',
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
    on: 'main',
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
    on: 'main',
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
  const centre = sys.token({ roles: ['order-entry'], sub: 'corpus-agent', localNetworks: '*' });
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
];

// ---- run -----------------------------------------------------------------------------------------

const scenarios = [...orderScenarios, ...workOrderScenarios].filter((s) => !only || only.has(s.name));
if (only && scenarios.length !== only.size) {
  process.stderr.write(`unknown scenario in --only; known: ${[...orderScenarios, ...workOrderScenarios].map((s) => s.name).join(', ')}\n`);
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
  const [main, fast] = await Promise.all([
    startTestSystem({ SLA_TIME_SCALE: String(1 / 60), ...timing }),
    startTestSystem({ SLA_TIME_SCALE: String(1 / 1200), ...timing }),
  ]);
  systems.push(main, fast);
  const stopDepartments = [
    answeringDepartment(main, { delayMs: 50, only: (_wo, dept) => ![HELD_DEPARTMENT, FAILING_DEPARTMENT, RESCHEDULING_DEPARTMENT].includes(dept) }),
    answeringDepartment(main, { delayMs: 50, result: 'unresolved', departmentLike: FAILING_DEPARTMENT }),
    answeringDepartment(main, { delayMs: 50, result: (n) => (n === 1 ? 'unresolved' : 'resolved'), departmentLike: RESCHEDULING_DEPARTMENT }),
  ];
  const produced = new Map<string, Produced>();
  const runOne = async (s: Scenario) => {
    const t = Date.now();
    produced.set(s.name, await s.run(s.on === 'main' ? main : fast));
    log(`${s.name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await Promise.all([
      (async () => {
        for (const s of scenarios.filter((x) => x.serial)) {
          await runOne(s);
          await clearFaults(main);
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
      const sys = s.on === 'main' ? main : fast;
      const { info, history } = await fetchRun(sys.client, workflowId);
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
