// Enterprise batch orders (issue 14, point 5) on real components: a batch of mobile lines runs as the
// batch workflow over child orderFulfilment workflows, some lines at a time, continuing as new every
// few lines; per-line results, partial completion, cancelling the remainder, idempotent creation,
// bad input and scope. Effects are counted against the simulators' records.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { systemPerFile } from '../../harness/jest-system.js';
import type { TestSystem } from '../../harness/system.js';
import { findCustomer, simRecords, waitFor, type SeededCustomer } from '../../harness/fixtures.js';
import { batchWorkflowId } from '../../contracts/batch-order.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';

let sys: TestSystem;

systemPerFile((s) => (sys = s));

const db = () => sys.orm.em.fork().getConnection();
let enterpriseOffset = 0;
/** An active enterprise customer no other test of this file uses (the group account is designated by the first batch). */
async function enterprise(): Promise<SeededCustomer> {
  for (;;) {
    const c = await findCustomer(sys, "c.kind = 'enterprise'", enterpriseOffset++);
    const used = (await db().execute('select 1 from batch_order where customer_id = ? limit 1', [c.id])) as unknown[];
    if (!used.length) return c;
  }
}

const entryToken = (localNetworks: string[] | '*' = '*', sub = `batch-entry-${randomUUID().slice(0, 8)}`) =>
  sys.token({ roles: ['order-entry'], localNetworks, sub });
const opsToken = () => sys.token({ roles: ['ops'] });

type Line = { offering: string; characteristic?: Array<{ name: string; value: string }> };
function batchBody(customer: SeededCustomer, lines: Line[], extra: Record<string, unknown> = {}) {
  return {
    channel: 'shop',
    localNetwork: customer.homeLocalNetwork,
    relatedParty: [{ id: customer.id, role: 'customer' }],
    description: 'mobile lines for the staff',
    productOrderLine: lines.map((l) => ({
      productOrderItem: [
        { id: '1', action: 'add', productOffering: { id: l.offering }, ...(l.characteristic ? { product: { characteristic: l.characteristic } } : {}) },
      ],
    })),
    ...extra,
  };
}
const mobileLines = (n: number, offering = 'gsm-enterprise-vpmn'): Line[] => Array.from({ length: n }, () => ({ offering }));

/** `key` null: no Idempotency-Key at all. */
function postBatch(body: unknown, token = entryToken(), key: string | null = randomUUID()) {
  const req = request(sys.app).post('/productOrderBatch').set('authorization', `Bearer ${token}`);
  if (key !== null) req.set('idempotency-key', key);
  return req.send(body as object);
}
const getBatch = (id: string, token = opsToken()) => request(sys.app).get(`/productOrderBatch/${id}`).set('authorization', `Bearer ${token}`);
async function linesOf(id: string) {
  const res = await request(sys.app).get(`/productOrderBatch/${id}/line`).query({ limit: 1000 }).set('authorization', `Bearer ${opsToken()}`);
  expect(res.status).toBe(200);
  return res.body as Array<{ index: number; state: string; productOrder: { id: string; state?: string }; reason?: string }>;
}

/** Waits for every run of the batch to end; the batch as the API shows it. */
async function settledBatch(id: string) {
  await sys.client.workflow.getHandle(batchWorkflowId(id)).result();
  const res = await getBatch(id);
  expect(res.status).toBe(200);
  return res.body;
}

/** The runs of the batch workflow, as visibility lists them. */
async function runsOf(id: string, expected: number) {
  return waitFor(`${expected} runs of ${batchWorkflowId(id)}`, async () => {
    const runs: Array<{ runId: string; status: string; historyLength: number; historySize?: number }> = [];
    for await (const w of sys.client.workflow.list({ query: `WorkflowId = "${batchWorkflowId(id)}"` })) {
      runs.push({ runId: w.runId, status: w.status.name, historyLength: w.historyLength, historySize: w.historySize });
    }
    return runs.length === expected && runs.every((r) => r.status !== 'RUNNING') ? runs : undefined;
  });
}

/** Network activations and billing subscriptions made for each order. */
async function effectsOf(orderIds: string[]) {
  const { network, billing } = await simRecords(sys);
  const activations = Object.values(network.views.activations ?? {});
  return orderIds.map((orderId) => {
    const mine = activations.filter((a) => a.orderId === orderId);
    return {
      orderId,
      activations: mine.length,
      applied: mine.reduce((s, a) => s + a.applied, 0),
      activeOnNetwork: mine.filter((a) => a.status === 'active').length,
      billing: billing.views.subscriptions?.[`${orderId}-1`],
    };
  });
}

describe('a batch of mobile lines', () => {
  it('completes: every line one order, run as a child, activated exactly once; the batch continues as new every few lines; the group account lists the members', async () => {
    const customer = await enterprise();
    const key = randomUUID();
    const token = entryToken([customer.homeLocalNetwork]);
    const body = batchBody(customer, mobileLines(12), { settings: { concurrency: 4, linesPerRun: 5 } });
    const created = await postBatch(body, token, key);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/productOrderBatch/${created.body.id}`);
    expect(created.body).toMatchObject({ state: 'acknowledged', lineCount: { total: 12, pending: 12 }, settings: { concurrency: 4, linesPerRun: 5 } });
    const id = created.body.id as string;

    // The same request again (same key): the same batch, never a second run; another body with that key is a 422.
    const again = await postBatch(body, token, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    const otherBody = await postBatch(batchBody(customer, mobileLines(3)), token, key);
    expect(otherBody.status).toBe(422);

    const batch = await settledBatch(id);
    expect(batch).toMatchObject({ state: 'completed', lineCount: { total: 12, pending: 0, inProgress: 0, completed: 12, failed: 0, cancelled: 0 }, run: 3 });
    expect(batch.completionDate).toEqual(expect.any(String));
    expect(batch.largestHistory.events).toBeGreaterThan(0);

    // Continued as new twice (12 lines, 5 per run), each run's history bounded by its 5 lines.
    const runs = await runsOf(id, 3);
    expect(runs.filter((r) => r.status === 'CONTINUED_AS_NEW')).toHaveLength(2);
    expect(runs.filter((r) => r.status === 'COMPLETED')).toHaveLength(1);
    expect(Math.max(...runs.map((r) => r.historyLength))).toBeLessThan(200);
    expect(batch.largestHistory.events).toBeLessThanOrEqual(Math.max(...runs.map((r) => r.historyLength)));

    const lines = await linesOf(id);
    expect(lines.map((l) => l.index)).toEqual([...Array(12).keys()]);
    expect(lines.every((l) => l.state === 'completed' && l.productOrder.state === 'completed')).toBe(true);
    const orderIds = lines.map((l) => l.productOrder.id);
    expect(new Set(orderIds).size).toBe(12);

    // Each line is an ordinary order: in the read model, listed for the customer, its workflow `order-<id>` run once.
    const rows = (await db().execute(`select id, state, customer_id, request from product_order where id = any(?::text[])`, [
      `{${orderIds.join(',')}}`,
    ])) as Array<{
      id: string;
      state: string;
      request: { billingAccountId?: string };
    }>;
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.state === 'completed' && r.request.billingAccountId === batch.billingAccount.id)).toBe(true);
    for (const orderId of orderIds.slice(0, 3)) {
      const d = await sys.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
      expect(d.status.name).toBe('COMPLETED');
      const order = await request(sys.app).get(`/productOrder/${orderId}`).set('authorization', `Bearer ${opsToken()}`);
      expect(order.body).toMatchObject({ id: orderId, state: 'completed', relatedParty: [{ id: customer.id }] });
    }

    // The simulators: one network activation applied once and one active billing subscription per line, on the group account.
    const effects = await effectsOf(orderIds);
    for (const e of effects) {
      expect(e).toMatchObject({ activations: 1, applied: 1, activeOnNetwork: 1 });
      expect(e.billing).toMatchObject({ status: 'active', activations: 1, accountId: batch.billingAccount.id });
    }

    // The group account (designated by this first batch) and its member subscriptions.
    const group = await request(sys.app).get(`/enterpriseGroup/${customer.id}`).query({ limit: 200 }).set('authorization', `Bearer ${opsToken()}`);
    expect(group.status).toBe(200);
    expect(group.body.groupAccount.id).toBe(batch.billingAccount.id);
    const memberOrders = (group.body.members as Array<{ orderId?: string; status: string }>).filter((m) => m.orderId && orderIds.includes(m.orderId));
    expect(memberOrders).toHaveLength(12);
    expect(memberOrders.every((m) => m.status === 'active')).toBe(true);
    expect(group.body.batches.map((b: { id: string }) => b.id)).toContain(id);

    // The list: the reader's networks, filtered by customer.
    const list = await request(sys.app).get('/productOrderBatch').query({ customerId: customer.id }).set('authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    expect(list.body.map((b: { id: string }) => b.id)).toEqual([id]);
    expect(list.headers['x-total-count']).toBe('1');
  });

  it('completes partially: lines the network refuses fail with their reason and are undone; the others complete', async () => {
    const customer = await enterprise();
    await sys.sims.control.network.control({ failOfferings: ['gsm-global-88'] });
    const lines: Line[] = Array.from({ length: 6 }, (_, i) => ({ offering: i % 2 === 0 ? 'gsm-enterprise-vpmn' : 'gsm-global-88' }));
    const created = await postBatch(batchBody(customer, lines, { settings: { concurrency: 3, linesPerRun: 50 } }));
    expect(created.status).toBe(201);
    const batch = await settledBatch(created.body.id);
    expect(batch).toMatchObject({ state: 'partial', lineCount: { total: 6, completed: 3, failed: 3, cancelled: 0, pending: 0, inProgress: 0 }, run: 1 });
    expect(batch.stateReason).toBe('3 of 6 lines completed, 3 failed, 0 cancelled');

    const result = await linesOf(created.body.id);
    const failed = result.filter((l) => l.index % 2 === 1);
    const completed = result.filter((l) => l.index % 2 === 0);
    expect(completed.every((l) => l.state === 'completed')).toBe(true);
    for (const l of failed) {
      expect(l).toMatchObject({ state: 'failed', productOrder: { state: 'failed' } });
      expect(l.reason).toMatch(/configureNetwork failed \(ACTIVATION_REJECTED/);
    }
    // The refused lines left nothing behind: no active configuration, never billed; the others billed once.
    for (const e of await effectsOf(failed.map((l) => l.productOrder.id))) {
      expect(e.activeOnNetwork).toBe(0);
      expect(e.billing).toBeUndefined();
    }
    for (const e of await effectsOf(completed.map((l) => l.productOrder.id)))
      expect(e).toMatchObject({ applied: 1, billing: { status: 'active', activations: 1 } });

    // Lines by state.
    const onlyFailed = await request(sys.app)
      .get(`/productOrderBatch/${created.body.id}/line`)
      .query({ state: 'failed' })
      .set('authorization', `Bearer ${opsToken()}`);
    expect(onlyFailed.body.map((l: { index: number }) => l.index)).toEqual([1, 3, 5]);
    expect(onlyFailed.headers['x-total-count']).toBe('3');
  });

  it('cancels the remainder in flight: lines not started never start, running orders are cancelled and undone, the counts add up', async () => {
    const customer = await enterprise();
    // Slow network: each order spends a while configuring, so lines are in flight when the cancel comes.
    await sys.sims.control.network.control({ latencyMs: 700, jitterMs: 0 });
    const created = await postBatch(batchBody(customer, mobileLines(30), { settings: { concurrency: 3, linesPerRun: 10 } }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await waitFor('two lines completed', async () => ((await getBatch(id)).body.lineCount.completed >= 2 ? true : undefined), { timeoutMs: 60_000 });

    const cancel = await request(sys.app)
      .post(`/productOrderBatch/${id}/cancelRemainder`)
      .set('authorization', `Bearer ${entryToken()}`)
      .send({ reason: 'the company changed its plans' });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ id, state: 'cancelling' });
    const twice = await request(sys.app)
      .post(`/productOrderBatch/${id}/cancelRemainder`)
      .set('authorization', `Bearer ${entryToken()}`)
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);

    const batch = await settledBatch(id);
    const counts = batch.lineCount;
    expect(batch.state).toBe('cancelled');
    expect(batch.stateReason).toMatch(/^cancelled: the company changed its plans \(\d+ of 30 lines completed/);
    expect(counts.pending).toBe(0);
    expect(counts.inProgress).toBe(0);
    expect(counts.completed + counts.failed + counts.cancelled).toBe(30);
    expect(counts.completed).toBeGreaterThanOrEqual(2);
    expect(counts.cancelled).toBeGreaterThanOrEqual(15);

    const lines = await linesOf(id);
    const byState = (s: string) => lines.filter((l) => l.state === s);
    expect(byState('completed')).toHaveLength(counts.completed);
    expect(byState('cancelled')).toHaveLength(counts.cancelled);
    const orderIds = lines.map((l) => l.productOrder.id);
    const rows = (await db().execute(`select id, state from product_order where id = any(?::text[])`, [`{${orderIds.join(',')}}`])) as Array<{
      id: string;
      state: string;
    }>;
    const orderState = new Map(rows.map((r) => [r.id, r.state]));
    // Never started: no order row at all, or an order cancelled before its workflow started; no workflow either way.
    const neverStarted = byState('cancelled').filter((l) => l.productOrder.state === undefined || !orderState.has(l.productOrder.id));
    expect(neverStarted.length).toBeGreaterThanOrEqual(15);
    for (const l of neverStarted.slice(0, 5)) {
      await expect(sys.client.workflow.getHandle(orderWorkflowId(l.productOrder.id)).describe()).rejects.toThrow();
    }
    // Cancelled in flight: the order's saga cancelled and undid it.
    const cancelledInFlight = byState('cancelled').filter((l) => orderState.get(l.productOrder.id) === 'cancelled');
    for (const l of cancelledInFlight) expect(l.productOrder.state).toBe('cancelled');
    // Against the simulators: every completed line activated once and billed once; no cancelled line left active anywhere.
    for (const e of await effectsOf(byState('completed').map((l) => l.productOrder.id))) expect(e).toMatchObject({ applied: 1, billing: { status: 'active' } });
    for (const e of await effectsOf(byState('cancelled').map((l) => l.productOrder.id))) {
      expect(e.activeOnNetwork).toBe(0);
      expect(e.applied).toBeLessThanOrEqual(1);
      expect(e.billing?.status ?? 'never').not.toBe('active');
    }
    // The orders the batch placed: exactly those of the lines that started.
    expect(rows.length).toBe(lines.length - neverStarted.filter((l) => !orderState.has(l.productOrder.id)).length);
  });
});

describe('creating a batch', () => {
  it('refuses bad input with problem+json 400s naming the field', async () => {
    const customer = await enterprise();
    const individual = await findCustomer(sys, `c.kind = 'individual' and c.home_local_network = '${customer.homeLocalNetwork}'`);
    const other = await enterprise();
    const [{ id: otherAccount }] = (await db().execute('select id from account where customer_id = ? limit 1', [other.id])) as Array<{ id: string }>;
    const cases: Array<{ name: string; body: unknown; key?: string | null; field: string; code?: string }> = [
      { name: 'an individual customer', body: batchBody(individual, mobileLines(2)), field: 'relatedParty[0].id', code: 'NOT_ENTERPRISE' },
      { name: 'more than 1,000 lines', body: batchBody(customer, mobileLines(1001)), field: 'productOrderLine' },
      { name: 'no lines', body: batchBody(customer, []), field: 'productOrderLine' },
      { name: 'no Idempotency-Key', body: batchBody(customer, mobileLines(2)), key: null, field: 'header.idempotency-key' },
      { name: 'an unknown field', body: { ...batchBody(customer, mobileLines(2)), priority: 'high' }, field: '' },
      {
        name: 'an unknown offering (second kind of line)',
        body: batchBody(customer, [{ offering: 'gsm-enterprise-vpmn' }, { offering: 'no-such-offering' }]),
        field: 'productOrderLine[1].productOrderItem[0].productOffering.id',
      },
      {
        name: "another customer's account",
        body: batchBody(customer, mobileLines(2), { billingAccount: { id: otherAccount } }),
        field: 'billingAccount.id',
        code: 'UNKNOWN_BILLING_ACCOUNT',
      },
      { name: 'a concurrency out of bounds', body: batchBody(customer, mobileLines(2), { settings: { concurrency: 1000 } }), field: 'settings.concurrency' },
      { name: 'an overlong description', body: batchBody(customer, mobileLines(2), { description: 'x'.repeat(501) }), field: 'description' },
    ];
    for (const c of cases) {
      const res = await postBatch(c.body, entryToken(), c.key === null ? null : randomUUID());
      expect([c.name, res.status]).toEqual([c.name, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const errors = res.body.errors as Array<{ field: string; code?: string }>;
      expect([c.name, errors.some((e) => e.field.startsWith(c.field) && (!c.code || e.code === c.code))]).toEqual([c.name, true]);
    }
    // None of them left a batch behind.
    const left = (await db().execute('select count(*)::int as n from batch_order where customer_id = any(?::text[])', [
      `{${customer.id},${individual.id}}`,
    ])) as Array<{
      n: number;
    }>;
    expect(left[0]!.n).toBe(0);
  });

  it('is scoped: order entry of another local network may neither place nor see a batch; an agent sees only its own', async () => {
    const customer = await enterprise();
    const elsewhere = customer.homeLocalNetwork === 'shenyang' ? 'dalian' : 'shenyang';
    const outside = entryToken([elsewhere]);
    expect((await postBatch(batchBody(customer, mobileLines(1)), outside)).status).toBe(403);
    const created = await postBatch(batchBody(customer, mobileLines(1)));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await getBatch(id, outside)).status).toBe(403);
    expect((await request(sys.app).get(`/productOrderBatch/${id}/line`).set('authorization', `Bearer ${outside}`)).status).toBe(403);
    const listed = await request(sys.app).get('/productOrderBatch').query({ customerId: customer.id }).set('authorization', `Bearer ${outside}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
    const agent = sys.token({
      roles: ['agent'],
      localNetworks: [customer.homeLocalNetwork],
      agentId: 'agent-dl-haiyun',
      sub: `batch-agent-${randomUUID().slice(0, 8)}`,
    });
    expect((await getBatch(id, agent)).status).toBe(403);
    expect(
      (await request(sys.app).post(`/productOrderBatch/${id}/cancelRemainder`).set('authorization', `Bearer ${outside}`).send({ reason: 'x' })).status,
    ).toBe(403);
    const callCentre = sys.token({ roles: ['call-centre'], localNetworks: [customer.homeLocalNetwork] });
    expect((await postBatch(batchBody(customer, mobileLines(1)), callCentre)).status).toBe(403);
    await settledBatch(id);
  });
});
