// Prometheus metrics (README, section Metrics): an order placed and a work order taken through the
// API, then /metrics of the API and of the worker scraped and read series by series. The SLA clock
// runs fast (an SLA hour lasts 6 s), so the work order is urged and escalated within seconds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createActivities } from '../../activities/index.js';
import { createLogger } from '../../platform/logger.js';
import { mergeExposition } from '../../platform/metrics.js';
import type { OrderView } from '../../contracts/order-fulfilment.js';
import { getWorkOrderQuery, workOrderWorkflowId } from '../../contracts/work-order.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, freshMobile, orderBody, placeOrder, settledOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';

let sys: TestSystem;
let customer: SeededCustomer;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 600) }, { metrics: true });
  customer = await findCustomer(sys, "c.kind = 'individual'", 7);
});
afterAll(async () => sys?.stop());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one series of `name` whose labels include `labels` (undefined when none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

const apiMetrics = async () => {
  const res = await request(sys.app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return parse(res.text);
};

const workerMetrics = async () => {
  const res = await fetch(sys.metrics.workerUrl!);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return { text: await res.text() };
};

describe('metrics', () => {
  let orderId: string;
  let finalView: OrderView;
  let workOrderId: string;
  let department: string;

  beforeAll(async () => {
    const ops = sys.token({ roles: ['order-entry'], sub: 'metrics-clerk' });
    // An order, placed twice with one Idempotency-Key: placed once.
    const body = orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
    const first = await placeOrder(sys, body, ops, { 'idempotency-key': 'metrics-order-0001' });
    expect(first.status).toBe(201);
    orderId = first.body.id;
    expect((await placeOrder(sys, body, ops, { 'idempotency-key': 'metrics-order-0001' })).status).toBe(200);
    expect((await settledOrder(sys, orderId)).state).toBe('completed');
    finalView = await sys.client.workflow.getHandle(orderWorkflowId(orderId)).result();
    expect((await request(sys.app).get(`/productOrder/${orderId}`).set('authorization', `Bearer ${ops}`)).status).toBe(200);

    // A VIP fault report, taken twice with one Idempotency-Key: accept within 0.5 SLA hours (3 s
    // here, urged at 2.25 s), so it is urged, then escalated city → province.
    const vip = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'anshan'");
    const centre = sys.token({ roles: ['call-centre'], sub: 'metrics-centre', localNetworks: '*' });
    const ticket = {
      type: 'fault_report',
      channel: 'ivr',
      customer: { id: vip.id },
      takenInLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      category: 'network-quality.fixed-line.no-dial-tone',
      description: 'no dial tone',
    };
    const taken = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .set('idempotency-key', 'metrics-ticket-0001')
      .send(ticket);
    expect(taken.status).toBe(201);
    workOrderId = taken.body.id;
    department = taken.body.assignments[0].department;
    const again = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .set('idempotency-key', 'metrics-ticket-0001')
      .send(ticket);
    expect(again.body.id).toBe(workOrderId);
    await eventually(
      async () => {
        const s = await sys.client.workflow.getHandle(workOrderWorkflowId(workOrderId)).query(getWorkOrderQuery);
        return s.escalationLevel === 'province' ? s : undefined;
      },
      'escalation to the province level',
      30_000,
    );
    // The escalation's snapshot reaches the read model right after the workflow's state changes.
    await eventually(async () => {
      const rows = (await sys.orm.em.fork().getConnection().execute('select escalation_level from work_order where id = ?', [workOrderId])) as Array<{
        escalation_level: string;
      }>;
      return rows[0]?.escalation_level === 'province' ? true : undefined;
    }, 'the escalation in the read model');
  }, 90_000);

  it('the API serves process, HTTP and business series at a public /metrics', async () => {
    const m = await apiMetrics();
    expect(value(m, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // Requests by route template, never by raw path.
    expect(value(m, 'http_requests_total', { method: 'POST', route: '/productOrder', status: '201' })).toBe(1);
    expect(value(m, 'http_requests_total', { method: 'POST', route: '/productOrder', status: '200' })).toBe(1);
    expect(value(m, 'http_requests_total', { method: 'GET', route: '/productOrder/:id', status: '200' })).toBe(2);
    expect(value(m, 'http_request_duration_seconds_count', { method: 'GET', route: '/productOrder/:id', status: '200' })).toBe(2);
    expect(value(m, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/productOrder/:id', status: '200', le: '+Inf' })).toBe(2);
    expect(value(m, 'http_requests_total', { method: 'POST', route: '/troubleTicket', status: '201' })).toBe(2);
    const routes = new Set(m.filter((s) => s.name === 'http_requests_total').map((s) => s.labels.route));
    expect([...routes].filter((r) => /PO-|TT-/.test(r!))).toEqual([]);
    await request(sys.app).get('/no/such/thing');
    expect(value(await apiMetrics(), 'http_requests_total', { method: 'GET', route: '(unmatched)', status: '404' })).toBe(1);

    // Business counters: the repeats are not counted again.
    expect(value(m, 'telecom_orders_placed_total', { service_line: 'gsm_mobile', local_network: customer.homeLocalNetwork, channel: 'shop' })).toBe(1);
    expect(value(m, 'telecom_work_orders_taken_total', { type: 'fault_report', channel: 'ivr', local_network: 'anshan' })).toBe(1);
    // The API's own adapter calls: the billing balance, read when judging the order.
    expect(value(m, 'telecom_adapter_calls_total', { system: 'billing', operation: 'getBalance', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value(m, 'telecom_adapter_call_duration_seconds_count', { system: 'billing', operation: 'getBalance', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it("the worker serves business series and the Temporal SDK's own worker metrics", async () => {
    const { text } = await workerMetrics();
    const m = parse(text);
    expect(value(m, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // Orders finished, once.
    expect(value(m, 'telecom_orders_finished_total', { state: 'completed', service_line: 'gsm_mobile', local_network: customer.homeLocalNetwork })).toBe(1);
    // Step durations, one observation per activity execution.
    for (const step of ['validate', 'configureNetwork', 'activateBilling', 'notify']) {
      expect(value(m, 'telecom_order_step_duration_seconds_count', { step, phase: 'forward', outcome: 'ok' })).toBe(1);
    }
    expect(value(m, 'telecom_order_step_duration_seconds_count', { step: 'reserveResources', phase: 'forward', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value(m, 'telecom_order_step_duration_seconds_sum', { step: 'validate', phase: 'forward', outcome: 'ok' })).toBeGreaterThan(0);

    // The work order: dispatched, urged before its accept deadline, escalated when it passed.
    expect(value(m, 'telecom_work_orders_dispatched_total', { department, level: 'city' })).toBe(1);
    expect(value(m, 'telecom_work_orders_urged_total', { department, level: 'city', overdue: 'false' })).toBe(1);
    expect(value(m, 'telecom_work_orders_escalated_total', { department, level: 'province', trigger: 'sla' })).toBe(1);

    // Adapter calls the activities made.
    expect(value(m, 'telecom_adapter_calls_total', { system: 'inventory', operation: 'reserve', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value(m, 'telecom_adapter_calls_total', { system: 'network', operation: 'activateService', outcome: 'ok' })).toBe(1);
    expect(value(m, 'telecom_adapter_calls_total', { system: 'notification', operation: 'send', outcome: 'ok' })).toBeGreaterThanOrEqual(3);

    // The SDK's worker metrics, scraped from its own endpoint and appended.
    expect(value(m, 'telecom_worker_sdk_metrics_up')).toBe(1);
    const sdk = m.filter((s) => s.name.startsWith('temporal_'));
    expect(sdk.length).toBeGreaterThan(0);
    expect(sdk.some((s) => s.labels.task_queue === sys.config.TEMPORAL_TASK_QUEUE)).toBe(true);
    expect(sdk.map((s) => s.name)).toEqual(expect.arrayContaining(['temporal_workflow_completed', 'temporal_activity_execution_latency_count']));
    // One family per name: nothing the SDK serves repeats one of ours.
    const types = text
      .split('\n')
      .filter((l) => l.startsWith('# TYPE '))
      .map((l) => l.split(' ')[2]);
    expect(types.length).toBe(new Set(types).size);
  });

  it('counts an order and a work-order event once, however often the read-model write is retried', async () => {
    const activities = createActivities({
      orm: sys.orm,
      adapters: sys.adapters,
      logger: createLogger('silent', 'test'),
      config: sys.config,
      metrics: sys.metrics.worker,
    });
    // The final write again (a retried activity), and a later write of the same final state.
    await activities.recordOrderProgress(finalView);
    await activities.recordOrderProgress({ ...finalView, seq: finalView.seq + 1 });
    const s = await sys.client.workflow.getHandle(workOrderWorkflowId(workOrderId)).query(getWorkOrderQuery);
    const seq = ((await sys.orm.em.fork().getConnection().execute('select seq from work_order where id = ?', [workOrderId])) as Array<{ seq: number }>)[0]!.seq;
    await activities.recordWorkOrder({ snapshot: s, seq });
    const m = parse((await workerMetrics()).text);
    expect(value(m, 'telecom_orders_finished_total', { state: 'completed', service_line: 'gsm_mobile', local_network: customer.homeLocalNetwork })).toBe(1);
    expect(value(m, 'telecom_work_orders_dispatched_total', { department, level: 'city' })).toBe(1);
    expect(value(m, 'telecom_work_orders_escalated_total', { department, level: 'province', trigger: 'sla' })).toBe(1);
  });

  it('merges the SDK text without repeating a family the registry holds', () => {
    const merged = mergeExposition(
      '# HELP a x\n# TYPE a counter\na 1\n',
      '# HELP a y\n# TYPE a counter\na 2\n# HELP b y\n# TYPE b gauge\nb{x="1"} 3\n',
      new Set(['a']),
    );
    expect(merged).toBe('# HELP a x\n# TYPE a counter\na 1\n# HELP b y\n# TYPE b gauge\nb{x="1"} 3\n');
  });

  it('can be switched off on the API', async () => {
    const { createApp } = await import('../../api/app.js');
    const app = createApp({
      config: { ...sys.config, API_METRICS_ENABLED: false },
      client: sys.client,
      orm: sys.orm,
      logger: createLogger('silent', 'test'),
      adapters: sys.adapters,
    });
    expect((await request(app).get('/metrics')).status).toBe(404);
  });
});
