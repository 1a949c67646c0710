// Event notifications through /hub (TMF622 / TMF621 v5), on real components: a receiver on the
// loopback subscribed on both APIs gets every event of an order's, a cancel task's and a ticket's
// life, signed, in the published envelopes, in order; a subscriber outside the local network gets
// none; a receiver that fails and recovers still gets everything in order; and across a kill -9 of
// the worker (running as a process of its own) no event is lost and none comes out of order.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TMF621_BASE, TMF622_BASE } from '../../api/tmf.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { EventDeliverer } from '../../events/deliverer.js';
import { EventReceiver, type ReceivedEvent } from '../../harness/event-receiver.js';
import { findCustomer, freshMobile, orderBody, placeOrder, takeWorkOrder, waitFor, waitForStep, type SeededCustomer } from '../../harness/fixtures.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { TmfSpec } from '../../harness/tmf-spec.js';
import { createLogger } from '../../platform/logger.js';
import { startChild } from '../../scripts/bench/infra.js';

let sys: TestSystem;
let receiver: EventReceiver;
let dalian: SeededCustomer;
const spec = { TMF622: undefined as unknown as TmfSpec, TMF621: undefined as unknown as TmfSpec };
/** Each callback path's subscription: its id and secret. */
const subscriptions = new Map<string, { id: string; secret: string }>();

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60), WORKORDER_AUTO_CLOSE_SECONDS: '30' });
  receiver = await EventReceiver.start();
  dalian = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'");
  spec.TMF622 = TmfSpec.load('TMF622');
  spec.TMF621 = TmfSpec.load('TMF621');
});
afterAll(async () => {
  await sys?.stop();
  await receiver?.stop();
});

const tokenOf = (sub: string, localNetworks: string[] | '*', roles: Array<'ops' | 'order-entry' | 'call-centre' | 'department' | 'agent'> = ['ops']) =>
  sys.token({ roles, sub, localNetworks });
const opsDalian = () => tokenOf('hub-ops-dalian', ['dalian']);
const opsShenyang = () => tokenOf('hub-ops-shenyang', ['shenyang']);
/** A shop clerk places and cancels orders; the call centre takes work orders and closes their loop. */
const clerk = () => tokenOf('hub-clerk', '*', ['order-entry']);
const centre = () => tokenOf('hub-centre', '*', ['call-centre']);

const hub = (base: string, token: string, body: Record<string, unknown>) =>
  request(sys.app).post(`${base}/hub`).set('authorization', `Bearer ${token}`).send(body);

async function subscribe(base: string, token: string, path: string, query?: string) {
  const res = await hub(base, token, { callback: receiver.url(path), ...(query ? { query } : {}) });
  if (res.status !== 201) throw new Error(`subscribe ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  subscriptions.set(path, { id: res.body.id, secret: res.body.secret });
  return res;
}

/** The events a path accepted about one resource, in arrival order. */
const about = (path: string, resourceId: string) => receiver.received(path).filter((e) => e.body.correlationId === resourceId);

/** What the outbox made for a path's subscription about a resource, in delivery order, with each delivery's status. */
async function outboxEvents(path: string, resourceId: string): Promise<Array<{ eventId: string; status: string }>> {
  const rows = (await sys.orm.em
    .fork()
    .getConnection()
    .execute(
      `select d.event_id, d.status from event_delivery d
        where d.subscription_id = ? and d.resource_key like ? order by d.change_id, d.ordinal`,
      [subscriptions.get(path)!.id, `%/${resourceId}`],
    )) as Array<{ event_id: string; status: string }>;
  return rows.map((r) => ({ eventId: r.event_id, status: r.status }));
}

/** Waits until every change of the resource so far was made into events, each delivered and arrived; returns the arrivals. */
async function allDelivered(path: string, resourceId: string, timeoutMs = 30_000): Promise<ReceivedEvent[]> {
  return waitFor(
    `every event about ${resourceId} delivered to ${path}`,
    async () => {
      const waiting = (await sys.orm.em
        .fork()
        .getConnection()
        .execute('select count(*)::int as n from resource_change where resource_id = ? and dispatched_at is null', [resourceId])) as Array<{ n: number }>;
      if (waiting[0]!.n) return undefined;
      const made = await outboxEvents(path, resourceId);
      if (!made.length || made.some((m) => m.status !== 'delivered')) return undefined;
      const got = about(path, resourceId);
      return made.every((m) => got.some((e) => e.body.eventId === m.eventId)) ? got : undefined;
    },
    { timeoutMs },
  );
}

/** Checks the signature as a receiver would, from the documented scheme alone (not the project's code). */
function signed(e: ReceivedEvent, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(e.headers['x-event-signature']));
  if (!m) return false;
  const fresh = Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
  return fresh && createHmac('sha256', secret).update(`${m[1]}.${e.raw}`).digest('hex') === m[2];
}

/** An event against the published document of its API: the envelope with the resource in it. */
function specErrors(e: ReceivedEvent): string[] {
  const type = String(e.body['@type']);
  const errors = (type.startsWith('TroubleTicket') ? spec.TMF621 : spec.TMF622).check(type, e.body);
  // The published payload schema spells the key `canccelProductOrder` (v5.0.0's typo), so the task in
  // the payload would go unchecked: it is checked against CancelProductOrder itself.
  if (type.startsWith('CancelProductOrder')) {
    const task = (e.body.event as { cancelProductOrder?: unknown }).cancelProductOrder;
    errors.push(...spec.TMF622.check('CancelProductOrder', task).map((l) => `/event/cancelProductOrder${l}`));
  }
  return errors;
}

/** Every arrival signed, in the published shape, its headers agreeing with its body. */
function expectWellFormed(events: ReceivedEvent[], path: string) {
  const { secret } = subscriptions.get(path)!;
  for (const e of events) {
    expect({ eventId: e.body.eventId, signed: signed(e, secret), errors: specErrors(e) }).toEqual({ eventId: e.body.eventId, signed: true, errors: [] });
    expect(e.headers['x-event-id']).toBe(e.body.eventId);
    expect(e.headers['x-event-type']).toBe(e.body.eventType);
    expect(e.body).toMatchObject({ eventType: e.body['@type'], eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), correlationId: expect.any(String) });
  }
}

const gsmOrder = () => orderBody(dalian, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);

async function placed(body = gsmOrder()): Promise<string> {
  const res = await placeOrder(sys, body, clerk());
  if (res.status !== 201) throw new Error(`order → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const finished = (orderId: string) => sys.client.workflow.getHandle(orderWorkflowId(orderId)).result();

describe('subscriptions (POST and DELETE /hub)', () => {
  it('answer the published Hub with an absolute Location and the secret once; only the subscriber may delete it (others: 404)', async () => {
    const res = await hub(TMF622_BASE, opsDalian(), { callback: receiver.url('shape'), query: 'eventType=ProductOrderStateChangeEvent' });
    expect(res.status).toBe(201);
    expect(spec.TMF622.check('Hub', res.body)).toEqual([]);
    expect(res.body).toMatchObject({ '@type': 'Hub', callback: receiver.url('shape'), query: 'eventType=ProductOrderStateChangeEvent' });
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.location).toBe(res.body.href);
    expect(res.body.href).toMatch(new RegExp(`^http://[^/]+${TMF622_BASE}/hub/${res.body.id}$`));

    const del = (base: string, token: string) => request(sys.app).delete(`${base}/hub/${res.body.id}`).set('authorization', `Bearer ${token}`);
    expect((await del(TMF622_BASE, opsShenyang())).status).toBe(404);
    expect((await del(TMF622_BASE, tokenOf('hub-ops-dalian-2', ['dalian']))).status).toBe(404);
    expect((await del(TMF621_BASE, opsDalian())).status).toBe(404);
    expect((await del(TMF622_BASE, opsDalian())).status).toBe(204);
    expect((await del(TMF622_BASE, opsDalian())).status).toBe(404);
  });

  it.each([
    ['a host not allowed', { callback: 'http://10.1.2.3/events' }, 'callback'],
    ['a private address over https', { callback: 'https://192.168.1.20/events' }, 'callback'],
    ['not http', { callback: 'ftp://127.0.0.1/events' }, 'callback'],
    ['credentials in the URL', { callback: 'http://user:pw@127.0.0.1/events' }, 'callback'],
    ['no callback', { query: 'eventType=ProductOrderCreateEvent' }, 'callback'],
    ['a filter other than eventType', { callback: 'http://127.0.0.1/x', query: 'state=completed' }, 'query'],
    ['an event type of the other API', { callback: 'http://127.0.0.1/x', query: 'eventType=TroubleTicketCreateEvent' }, 'query'],
    ['an unknown field', { callback: 'http://127.0.0.1/x', subscriber: 'me' }, 'subscriber'],
    ['a 3,000-character callback', { callback: `http://127.0.0.1/${'x'.repeat(3000)}` }, 'callback'],
  ])('refuse %s with a 400 naming the field', async (_what, body, field) => {
    const res = await hub(TMF622_BASE, opsDalian(), body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('are for whoever may read the API', async () => {
    const body = { callback: receiver.url('roles') };
    expect((await request(sys.app).post(`${TMF622_BASE}/hub`).send(body)).status).toBe(401);
    expect((await hub(TMF622_BASE, tokenOf('hub-dept', [], ['department']), body)).status).toBe(403);
    const ticketsOfDepartment = await hub(TMF621_BASE, sys.token({ roles: ['department'], sub: 'hub-dept', department: 'dalian-customer-care' }), body);
    expect(ticketsOfDepartment.status).toBe(201);
  });
});

describe('the events of a whole life', () => {
  beforeAll(async () => {
    await subscribe(TMF622_BASE, opsDalian(), 'orders');
    await subscribe(TMF622_BASE, opsDalian(), 'order-states', 'eventType=ProductOrderStateChangeEvent');
    await subscribe(TMF622_BASE, opsShenyang(), 'orders-elsewhere');
    await subscribe(TMF621_BASE, opsDalian(), 'tickets');
    await subscribe(TMF621_BASE, opsShenyang(), 'tickets-elsewhere');
  });

  it('an order: created, then each state change with its items, ending completed — signed, published shapes, in order', async () => {
    const id = await placed();
    await finished(id);
    const got = await allDelivered('orders', id);
    const made = await outboxEvents('orders', id);
    expect(got.map((e) => e.body.eventId)).toEqual(made.map((m) => m.eventId));
    expectWellFormed(got, 'orders');
    const types = got.map((e) => e.body.eventType);
    expect(types[0]).toBe('ProductOrderCreateEvent');
    expect(types.slice(1).every((t) => t === 'ProductOrderStateChangeEvent')).toBe(true);
    const orders = got.map((e) => (e.body.event as { productOrder: { state: string; productOrderItem: Array<{ state: string }> } }).productOrder);
    expect(orders[0]!.state).toBe('acknowledged');
    expect(orders.at(-1)).toMatchObject({ id, state: 'completed', productOrderItem: [{ state: 'completed' }] });
    // Each state change changed the order's state or an item's.
    const states = orders.map((o) => JSON.stringify([o.state, o.productOrderItem.map((i) => i.state)]));
    expect(new Set(states).size).toBe(states.length);

    const filtered = await allDelivered('order-states', id);
    expect(filtered.map((e) => e.body.eventId)).toEqual(got.filter((e) => e.body.eventType === 'ProductOrderStateChangeEvent').map((e) => e.body.eventId));
    // Outside Dalian: nothing of it, not even a delivery waiting.
    expect(about('orders-elsewhere', id)).toEqual([]);
    expect(await outboxEvents('orders-elsewhere', id)).toEqual([]);
  });

  it('a ticket: created, status changes, information required, resolved, closed', async () => {
    const taken = await takeWorkOrder(sys, centre(), dalian);
    expect(taken.status).toBe(201);
    const id = taken.body.id as string;
    const staff = sys.token({ roles: ['department'], sub: 'hub-staff', department: taken.body.assignments[0].department, localNetworks: [] });
    const act = async (token: string, event: Record<string, unknown>) => {
      const res = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
      if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await act(staff, { type: 'accept' });
    await act(staff, { type: 'waitOnCustomer', reason: 'the customer must say when the technician may come' });
    await act(staff, { type: 'customerResponded', notes: 'any morning' });
    await act(staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED' });
    await act(centre(), { type: 'approve' });
    await waitFor(
      'customer told',
      async () => (await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre()}`)).body.phase === 'customerNotified',
    );
    await act(centre(), { type: 'recordSatisfaction', satisfied: true, score: 5 });

    const got = await waitFor('the ticket closed, told', async () => {
      const events = await allDelivered('tickets', id);
      const last = events.at(-1)!.body.event as { troubleTicket: { status: string } };
      return last.troubleTicket.status === 'closed' ? events : undefined;
    });
    expect(got.map((e) => e.body.eventId)).toEqual((await outboxEvents('tickets', id)).map((m) => m.eventId));
    expectWellFormed(got, 'tickets');
    const seen = got.map((e) => {
      const ticket = (e.body.event as { troubleTicket: { status: string } }).troubleTicket;
      return `${String(e.body.eventType).replace(/^TroubleTicket|Event$/g, '')}:${ticket.status}`;
    });
    expect(seen[0]).toBe('Create:acknowledged');
    expect(seen).toEqual(
      expect.arrayContaining(['StatusChange:inProgress', 'InformationRequired:pending', 'StatusChange:pending', 'StatusChange:resolved', 'Resolved:resolved']),
    );
    expect(seen.at(-1)).toBe('StatusChange:closed');
    // What the customer is asked for, as the schema has it.
    const asked = got.find((e) => e.body.eventType === 'TroubleTicketInformationRequiredEvent')!.body.event as Record<
      string,
      { informationRequiredPath?: unknown }
    >;
    expect(asked.troubleTicketInformationRequired?.informationRequiredPath).toEqual([{ op: 'add', path: '/note/-' }]);
    expect(about('tickets-elsewhere', id)).toEqual([]);
    expect(await outboxEvents('tickets-elsewhere', id)).toEqual([]);
  });

  it('a cancel task: created, then inProgress and done; the order tells its own states', async () => {
    // A broadband order waits for its field installation (nobody answers it here): time to cancel.
    const id = await placed(orderBody(dalian, [{ offering: 'bb-lan-10m', characteristic: [{ name: 'installationAddress', value: 'Jiefang Rd 5' }] }]));
    await waitForStep(sys, id, 'fieldInstallation', 'running');
    const cancel = await request(sys.app)
      .post(`${TMF622_BASE}/cancelProductOrder`)
      .set('authorization', `Bearer ${clerk()}`)
      .send({ productOrder: { id }, cancellationReason: 'moved abroad' });
    expect(cancel.status).toBe(201);
    const taskId = cancel.body.id as string;
    expect((await finished(id)).state).toBe('cancelled');
    const task = await waitFor('the task done, told', async () => {
      const events = await allDelivered('orders', taskId);
      const last = events.at(-1)!.body.event as { cancelProductOrder: { state: string } };
      return last.cancelProductOrder.state === 'done' ? events : undefined;
    });
    expectWellFormed(task, 'orders');
    expect(task.map((e) => `${String(e.body.eventType)}:${(e.body.event as { cancelProductOrder: { state: string } }).cancelProductOrder.state}`)).toEqual([
      'CancelProductOrderCreateEvent:acknowledged',
      'CancelProductOrderStateChangeEvent:inProgress',
      'CancelProductOrderStateChangeEvent:done',
    ]);
    const order = await allDelivered('orders', id);
    expect(order.map((e) => (e.body.event as { productOrder: { state: string } }).productOrder.state)).toEqual(
      expect.arrayContaining(['pendingCancellation', 'cancelled']),
    );
    expect(about('orders-elsewhere', taskId)).toEqual([]);
  });
});

describe('delivery', () => {
  it('to a receiver that fails, then recovers: everything arrives, in order', async () => {
    await subscribe(TMF622_BASE, opsDalian(), 'flaky');
    receiver.failing.add('flaky');
    const id = await placed();
    await finished(id);
    await waitFor('three refused attempts', async () => receiver.refusedCount('flaky') >= 3);
    expect(about('flaky', id)).toEqual([]);
    receiver.failing.delete('flaky');
    const got = await allDelivered('flaky', id);
    expect(got.map((e) => e.body.eventId)).toEqual((await outboxEvents('flaky', id)).map((m) => m.eventId));
    expect((got.at(-1)!.body.event as { productOrder: { state: string } }).productOrder.state).toBe('completed');
    expectWellFormed(got, 'flaky');
  });

  it('that fails for good is marked failed, with the last answer, and counted', async () => {
    await subscribe(TMF622_BASE, opsDalian(), 'dead');
    receiver.failing.add('dead');
    const id = await placed();
    const failed = await waitFor(
      'a delivery given up',
      async () => {
        const rows = (await sys.orm.em
          .fork()
          .getConnection()
          // The queue's first given up: those behind it wait for it, so under load they may be given up
          // at their first attempt (their retries end EVENT_RETRY_FOR_SECONDS after they were made).
          .execute(
            `select status, last_status, attempts from event_delivery where subscription_id = ? and status = 'failed' order by change_id, ordinal limit 1`,
            [subscriptions.get('dead')!.id],
          )) as Array<{ status: string; last_status: number; attempts: number }>;
        return rows[0];
      },
      { timeoutMs: 60_000 },
    );
    expect(failed).toMatchObject({ status: 'failed', last_status: 500 });
    expect(failed.attempts).toBeGreaterThan(1);
    await finished(id);
    const metrics = (await request(sys.app).get('/metrics')).text;
    for (const name of [
      'telecom_events_pending{stage="delivery"}',
      'telecom_events_delivered_total{',
      '# TYPE telecom_events_failed_total counter',
      'telecom_event_delivery_delay_seconds_bucket{',
    ]) {
      expect(metrics).toContain(name);
    }
    // Deleting it ends its deliveries.
    const del = await request(sys.app)
      .delete(`${TMF622_BASE}/hub/${subscriptions.get('dead')!.id}`)
      .set('authorization', `Bearer ${opsDalian()}`);
    expect(del.status).toBe(204);
  }, 90_000);

  it('across a kill -9 of the worker, with two deliverers: no event lost, none out of order per order', async () => {
    await subscribe(TMF622_BASE, opsDalian(), 'kill');
    // The worker as a process of its own (the benchmark's and the drills' child), on this system's task queue.
    sys.worker.shutdown();
    await waitFor('the in-process worker stopped', async () => sys.worker.getState() === 'STOPPED');
    const logDir = mkdtempSync(join(tmpdir(), 'hub-kill-'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      DATABASE_POOL_MAX: '5',
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: sys.config.TEMPORAL_TASK_QUEUE,
      BENCH_WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE,
      SLA_TIME_SCALE: String(sys.config.SLA_TIME_SCALE),
      BILLING_URL: sys.sims.urls.billing,
      INVENTORY_URL: sys.sims.urls.inventory,
      NETWORK_URL: sys.sims.urls.network,
      NOTIFICATION_URL: sys.sims.urls.notification,
    };
    let worker = await startChild('worker', env, join(logDir, 'worker.log'));
    // A second deliverer beside the system's: they share the outbox as two API processes would.
    const second = new EventDeliverer({
      orm: sys.orm,
      config: sys.config,
      logger: createLogger('silent', 'test'),
      databaseUrl: process.env.TEST_DATABASE_URL,
    }).start();
    try {
      // Slow steps, so the kill lands while orders are in flight.
      await sys.sims.control.network.control({ latencyMs: 150 });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push(await placed());
        await new Promise((r) => setTimeout(r, 100));
      }
      const inFlight = (await sys.orm.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from product_order where id = any(?::text[]) and state not in ('completed', 'failed', 'partial', 'cancelled')`, [
          `{${ids.join(',')}}`,
        ])) as Array<{ n: number }>;
      expect(inFlight[0]!.n).toBeGreaterThan(0);
      worker.process.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      worker = await startChild('worker', env, join(logDir, 'worker.log'));
      await sys.sims.control.network.control({ latencyMs: 2 });
      const states = await Promise.all(ids.map(async (id) => (await finished(id)).state));
      expect(new Set(states)).toEqual(new Set(['completed']));
      for (const id of ids) {
        const got = await allDelivered('kill', id, 60_000);
        const made = (await outboxEvents('kill', id)).map((m) => m.eventId);
        // Every event made arrived, once, in the order of the changes.
        expect({ id, arrived: got.map((e) => e.body.eventId) }).toEqual({ id, arrived: made });
        expect((got.at(-1)!.body.event as { productOrder: { state: string } }).productOrder.state).toBe('completed');
      }
      expectWellFormed(receiver.received('kill'), 'kill');
    } finally {
      await sys.sims.control.network.control({ latencyMs: 2 });
      await second.stop();
      await worker.stop();
    }
  }, 240_000);
});
