// Operations on the real stack: GET /system/status (each component's readiness, the task queue's
// pollers and backlog as Temporal reports them for this system's own queue, recent failures from
// Temporal's visibility) and GET /system/links (the Temporal Web UI address the workbench links to).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { loadConfig, temporalUiUrl } from '../../platform/config.js';
import { clearFaults, findCustomer, freshMobile, orderBody, placeOrder, waitFor } from '../../harness/fixtures.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await clearFaults(sys);
  await sys?.stop();
});

const ops = () => sys.token({ roles: ['ops'], localNetworks: '*' });
const statusOf = async (app = sys.app) => {
  const res = await request(app).get('/system/status').set('authorization', `Bearer ${ops()}`);
  expect(res.status).toBe(200);
  return res.body as {
    ready: boolean;
    components: Array<{ name: string; status: string; latencyMs: number; error?: string; target?: string }>;
    taskQueue: {
      name: string;
      workflow: { pollers: Array<{ identity: string }>; backlog: number | null } | null;
      activity: { pollers: Array<{ identity: string }>; backlog: number | null } | null;
      error?: string;
    };
    failures: {
      closed: { total: number; latest: Array<{ workflowId: string; status: string; message: string | null }> };
      retrying: {
        inspected: number;
        tasks: Array<{
          workflowId: string;
          kind: string;
          activityType: string | null;
          attempt: number;
          lastFailure: string | null;
          lastAttemptAt: string | null;
          nextAttemptAt: string | null;
        }>;
      };
      error?: string;
    };
  };
};

describe('GET /system/status', () => {
  it('shows Temporal, the database and each adapter up, and the pollers of the running worker on its own task queue', async () => {
    const s = await statusOf();
    expect(s.components.map((c) => [c.name, c.status])).toEqual([
      ['temporal', 'up'],
      ['database', 'up'],
      ['billing', 'up'],
      ['inventory', 'up'],
      ['network', 'up'],
      ['notification', 'up'],
    ]);
    expect(s.ready).toBe(true);
    expect(s.components.find((c) => c.name === 'billing')!.target).toBe(sys.sims.urls.billing);
    expect(s.taskQueue.error).toBeUndefined();
    expect(s.taskQueue.name).toBe(sys.config.TEMPORAL_TASK_QUEUE);
    // The harness worker polls both sides of this system's queue (a queue of its own, so nobody else's).
    expect(s.taskQueue.workflow!.pollers.length).toBeGreaterThan(0);
    expect(s.taskQueue.activity!.pollers.length).toBeGreaterThan(0);
    // The server reports statistics (DescribeTaskQueue with reportStats): a number, not null.
    expect(typeof s.taskQueue.workflow!.backlog).toBe('number');
    expect(typeof s.taskQueue.activity!.backlog).toBe('number');
    expect(s.failures.error).toBeUndefined();
  });

  it('shows an adapter whose system does not answer as down, with the reason, and the system as not ready', async () => {
    const { app } = sys.appWith({ BILLING_URL: 'http://127.0.0.1:9/' });
    const s = await statusOf(app);
    const billing = s.components.find((c) => c.name === 'billing')!;
    expect(billing).toMatchObject({ status: 'down', target: 'http://127.0.0.1:9/' });
    expect(billing.error).toBeTruthy();
    expect(s.components.find((c) => c.name === 'network')!.status).toBe('up');
    expect(s.ready).toBe(false);
  });

  it('lists a retrying activity with its attempts and last failure, then the workflow terminated among the recent failures', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 3);
    await sys.sims.control.network.control({ outageForMs: 120_000 });
    const placed = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    );
    expect(placed.status).toBe(201);
    const workflowId = orderWorkflowId(placed.body.id);
    const retrying = await waitFor(
      'the configure step retrying on the status page',
      async () => (await statusOf()).failures.retrying.tasks.find((t) => t.workflowId === workflowId && t.attempt >= 2),
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    // The order's network step is a local activity (issue 18): read from its marker and the timer it waits on.
    expect(retrying).toMatchObject({ kind: 'localActivity', activityType: 'configureNetwork' });
    expect(retrying.lastFailure).toBeTruthy();
    expect(Date.parse(retrying.nextAttemptAt!)).toBeGreaterThan(Date.parse(retrying.lastAttemptAt!));

    await sys.client.workflow.getHandle(workflowId).terminate('status page test: stuck order given up');
    await clearFaults(sys);
    const closed = await waitFor(
      'the terminated workflow among the recent failures',
      async () => {
        const s = await statusOf();
        const hit = s.failures.closed.latest.find((f) => f.workflowId === workflowId);
        return hit ? { hit, total: s.failures.closed.total } : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    expect(closed.hit).toMatchObject({ status: 'TERMINATED', message: 'status page test: stuck order given up' });
    expect(closed.total).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /system/links', () => {
  it("gives the Temporal Web UI's workflow links with the namespace and the workflow id builders' prefixes", async () => {
    const res = await request(sys.app)
      .get('/system/links')
      .set('authorization', `Bearer ${sys.token({ roles: ['department'], department: 'dalian-customer-care' })}`);
    expect(res.status).toBe(200);
    const ui = temporalUiUrl(sys.config);
    expect(res.body.temporalUi).toEqual({
      url: ui,
      namespace: sys.config.TEMPORAL_NAMESPACE,
      orderWorkflow: `${ui}/namespaces/${sys.config.TEMPORAL_NAMESPACE}/workflows/order-{id}`,
      workOrderWorkflow: `${ui}/namespaces/${sys.config.TEMPORAL_NAMESPACE}/workflows/workorder-{id}`,
    });
  });

  it('takes TEMPORAL_UI_URL as configured (no trailing slash), and otherwise the Temporal host with TEMPORAL_UI_PORT', async () => {
    const { app } = sys.appWith({ TEMPORAL_UI_URL: 'https://temporal-ui.example.com/', TEMPORAL_NAMESPACE: 'telecom prod' });
    const res = await request(app).get('/system/links').set('authorization', `Bearer ${ops()}`);
    expect(res.body.temporalUi.workOrderWorkflow).toBe('https://temporal-ui.example.com/namespaces/telecom%20prod/workflows/workorder-{id}');
    expect(temporalUiUrl(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_UI_PORT: '8080' }))).toBe('http://temporal.internal:8080');
    expect(temporalUiUrl(loadConfig({}))).toBe('http://127.0.0.1:8233');
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'ftp://x' })).toThrow(/TEMPORAL_UI_URL/);
  });
});
