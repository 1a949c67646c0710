// Rules of order and work-order entry found broken by acceptance and a security review, each
// checked through the API on real components: a repeated create is the same request or a 422;
// externalIds belong to the caller's organisation; who may attribute an order to an agent; an
// agent's daily limit under concurrent orders; customers outside the caller's networks.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { AgentContract } from '../../domain/agent.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, freshMobile, orderBody, ordersCreatedBy, placeOrder, waitFor, type SeededCustomer } from '../../harness/fixtures.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';

let sys: TestSystem;
/** An agent of this file only, with a small daily limit (created before the API first reads the agents). */
const LIMITED: AgentContract = {
  agentId: `agent-test-${randomUUID().slice(0, 8)}`,
  name: 'Test agent with a small daily limit',
  status: 'active',
  validFrom: '2024-01-01',
  validTo: '2099-01-01',
  serviceLines: ['gsm_prepaid', 'gsm_mobile'],
  localNetworks: ['shenyang'],
  dailyOrderLimit: 3,
};

beforeAll(async () => {
  sys = await startTestSystem();
  await sys.orm.em
    .fork()
    .getConnection()
    .execute('insert into agent (id, name, contract) values (?, ?, ?::jsonb)', [LIMITED.agentId, LIMITED.name, JSON.stringify(LIMITED)]);
});
afterAll(async () => {
  await sys?.stop();
});

const PROBLEM = /^application\/problem\+json/;
const prepaid = (customer: SeededCustomer, extra: Record<string, unknown> = {}) =>
  orderBody(customer, [{ offering: 'gsm-prepaid-szx', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }], extra);

describe('a repeated create is the same request', () => {
  it('an order: the same Idempotency-Key with another body is 422 naming the key, and changes nothing', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'tieling'");
    const sub = `clerk-${randomUUID()}`;
    const token = sys.token({ roles: ['order-entry'], sub, localNetworks: ['tieling'] });
    const key = { 'idempotency-key': `order-key-${randomUUID()}` };
    const body = prepaid(customer);
    const first = await placeOrder(sys, body, token, key);
    expect(first.status).toBe(201);
    const again = await placeOrder(sys, body, token, key);
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    // Before: 200 with the first order, the second request silently dropped.
    const other = await placeOrder(sys, prepaid(customer), token, key);
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(PROBLEM);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'header.idempotency-key', code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect(other.body.detail).toContain(key['idempotency-key']);
    expect(await ordersCreatedBy(sys, sub)).toBe(1);
  });

  it('a work order: the same Idempotency-Key with another body is 422; with the same body, the same work order', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'tieling'", 1);
    const token = sys.token({ roles: ['call-centre'], sub: `agent-${randomUUID()}`, localNetworks: ['tieling'] });
    const key = `ticket-key-${randomUUID()}`;
    const ticket = (description: string) => ({
      type: 'complaint',
      category: 'network-quality.mobile-coverage.no-signal',
      channel: 'phone',
      customer: { id: customer.id },
      takenInLocalNetwork: 'tieling',
      serviceLine: 'gsm_mobile',
      description,
    });
    const post = (body: unknown) =>
      request(sys.app)
        .post('/troubleTicket')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', key)
        .send(body as object);
    const first = await post(ticket('no signal at home'));
    expect(first.status).toBe(201);
    const again = await post(ticket('no signal at home'));
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    const other = await post(ticket('a different complaint'));
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'header.idempotency-key', code: 'IDEMPOTENCY_KEY_REUSED' })]);
    const wo = await request(sys.app).get(`/troubleTicket/${first.body.id}`).set('authorization', `Bearer ${token}`);
    expect(wo.body.description).toBe('no signal at home');
    // Once its workflow has finished, a repeat answers the finished work order; no second run starts.
    const cancelled = await request(sys.app)
      .post(`/troubleTicket/${first.body.id}/event`)
      .set('authorization', `Bearer ${token}`)
      .send({ type: 'cancel', reason: 'the customer withdrew it' });
    expect(cancelled.status).toBe(200);
    await sys.client.workflow.getHandle(workOrderWorkflowId(first.body.id)).result();
    await waitFor(
      'the read model to hold the cancellation',
      async () => (await request(sys.app).get(`/troubleTicket/${first.body.id}`).set('authorization', `Bearer ${token}`)).body.state === 'cancelled',
    );
    const late = await post(ticket('no signal at home'));
    expect([late.status, late.body.id, late.body.state]).toEqual([201, first.body.id, 'cancelled']);
    const { count } = await sys.client.workflow.count(`WorkflowId = '${workOrderWorkflowId(first.body.id)}'`);
    expect(count).toBe(1);
  });
});

describe('a repeated work-order create never answers with what the caller may not see', () => {
  it('the same subject and key from another network: refused, not answered with the first network’s work order', async () => {
    // Development tokens of one role once shared a subject, so keys collided across networks.
    const sub = `shared-${randomUUID()}`;
    const key = `ticket-${randomUUID()}`;
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 5);
    const take = (ln: string) =>
      request(sys.app)
        .post('/troubleTicket')
        .set('authorization', `Bearer ${sys.token({ roles: ['call-centre'], sub, localNetworks: [ln] })}`)
        .set('idempotency-key', key)
        .send({
          type: 'inquiry',
          channel: 'phone',
          customer: { id: customer.id },
          takenInLocalNetwork: ln,
          serviceLine: 'gsm_mobile',
          description: 'a question',
        });
    const first = await take('dalian');
    expect(first.status).toBe(201);
    const other = await take('anshan');
    expect(other.status).toBe(422);
    expect(other.body.takenInLocalNetwork).toBeUndefined();
    expect(JSON.stringify(other.body)).not.toContain(customer.id);
  });
});

describe('externalId belongs to the caller’s organisation', () => {
  it('two organisations may use the same externalId; neither sees, nor squats, the other’s', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'tieling'", 2);
    const externalId = `EXT-${randomUUID()}`;
    const shopA = sys.token({ roles: ['order-entry'], sub: `shop-a-${randomUUID()}`, org: 'shop-a', localNetworks: ['tieling'] });
    const shopA2 = sys.token({ roles: ['order-entry'], sub: `shop-a-${randomUUID()}`, org: 'shop-a', localNetworks: ['tieling'] });
    const shopB = sys.token({ roles: ['order-entry'], sub: `shop-b-${randomUUID()}`, org: 'shop-b', localNetworks: ['tieling'] });
    const body = prepaid(customer, { externalId });
    const a = await placeOrder(sys, body, shopA);
    expect(a.status).toBe(201);
    // Another clerk of the same organisation: the same order.
    const a2 = await placeOrder(sys, body, shopA2);
    expect([a2.status, a2.body.id]).toEqual([200, a.body.id]);
    // Before: another caller's request with that externalId answered with the first caller's order.
    const b = await placeOrder(sys, body, shopB);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.externalId).toBe(externalId);
    // The same externalId with another body, in the same organisation: 422 naming it.
    const changed = await placeOrder(sys, prepaid(customer, { externalId }), shopA);
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([expect.objectContaining({ field: 'externalId', code: 'IDEMPOTENCY_KEY_REUSED' })]);
  });
});

describe('who attributes an order to an agent', () => {
  it('an order-entry clerk naming an unknown agent gets 400 naming the field, not 403', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'tieling'", 3);
    const res = await placeOrder(
      sys,
      prepaid(customer, { channel: 'agent', agentId: 'agent-nobody' }),
      sys.token({ roles: ['order-entry'], localNetworks: ['tieling'] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'agentId', code: 'AGENT_CONTRACT_NOT_FOUND' })]);
  });

  it('a clerk may enter an order for a known agent within its contract', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 30);
    const res = await placeOrder(
      sys,
      prepaid(customer, { channel: 'agent', agentId: 'agent-sy-huaxin' }),
      sys.token({ roles: ['order-entry'], localNetworks: ['shenyang'] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'agent', agentId: 'agent-sy-huaxin' });
  });

  it('an agent may not attribute its order to another agent (403 naming the field)', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 31);
    const sub = `agent-user-${randomUUID()}`;
    const token = sys.token({ roles: ['agent'], sub, agentId: 'agent-sy-huaxin', localNetworks: ['shenyang'] });
    const res = await placeOrder(sys, prepaid(customer, { agentId: 'agent-dl-haiyun' }), token);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'agentId', code: 'AGENT_MISMATCH' })]);
    expect(await ordersCreatedBy(sys, sub)).toBe(0);
  });
});

describe("an agent's daily order limit", () => {
  it('holds under concurrent orders placed at limit − 1: exactly one more is accepted', async () => {
    const sub = `agent-user-${randomUUID()}`;
    const token = sys.token({ roles: ['agent'], sub, agentId: LIMITED.agentId, localNetworks: ['shenyang'] });
    const customers = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map((n) => findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'shenyang'", 40 + n)),
    );
    for (const c of customers.slice(0, LIMITED.dailyOrderLimit - 1)) expect((await placeOrder(sys, prepaid(c), token)).status).toBe(201);
    // Five at once: before, each counted 2 < 3 and all five were inserted.
    const results = await Promise.all(customers.slice(2).map((c) => placeOrder(sys, prepaid(c), token)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 403, 403, 403, 403]);
    for (const r of results.filter((x) => x.status === 403))
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'agentId', code: 'AGENT_DAILY_LIMIT_REACHED' })]);
    expect(await ordersCreatedBy(sys, sub)).toBe(LIMITED.dailyOrderLimit);
  });
});

describe('customers outside the caller’s local networks', () => {
  it('are unknown to quote and order alike: nothing about them (existence, tier, credit) is told', async () => {
    const dalian = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 3);
    const tielingClerk = sys.token({ roles: ['order-entry'], localNetworks: ['tieling'] });
    const body = { ...prepaid(dalian), localNetwork: 'tieling' };
    for (const path of ['/quote', '/productOrder']) {
      const res = await request(sys.app).post(path).set('authorization', `Bearer ${tielingClerk}`).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'relatedParty[0].id', code: 'CUSTOMER_NOT_FOUND', message: `no customer "${dalian.id}"` })]),
      );
      // The same answer as for a customer that does not exist.
      const none = await request(sys.app)
        .post(path)
        .set('authorization', `Bearer ${tielingClerk}`)
        .send({ ...body, relatedParty: [{ id: 'cust-9999999', role: 'customer' }] });
      expect(none.body.errors.map((e: { code: string }) => e.code)).toEqual(res.body.errors.map((e: { code: string }) => e.code));
    }
  });
});

describe('unknown fields and query parameters', () => {
  it('are refused with 400 naming them, not dropped (a misspelt filter returned an unfiltered page)', async () => {
    const token = sys.token({ roles: ['ops'] });
    const search = await request(sys.app).get('/troubleTicket').query({ status: 'resolved', limit: 5 }).set('authorization', `Bearer ${token}`);
    expect(search.status).toBe(400);
    expect(search.body.errors).toEqual([{ field: 'query.status', message: 'unknown query parameter "status"', code: 'unrecognized_keys' }]);
    const list = await request(sys.app).get('/productOrder').query({ sate: 'completed' }).set('authorization', `Bearer ${token}`);
    expect([list.status, list.body.errors?.[0]?.field]).toEqual([400, 'query.sate']);

    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'tieling'", 4);
    const sub = `clerk-${randomUUID()}`;
    const body = { ...prepaid(customer), priority: 'urgent' };
    body.productOrderItem = body.productOrderItem.map((i) => ({ ...i, productOfferingId: 'gsm-prepaid-szx' }));
    const res = await placeOrder(sys, body, sys.token({ roles: ['order-entry'], sub, localNetworks: ['tieling'] }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['priority', 'productOrderItem[0].productOfferingId']);
    expect(await ordersCreatedBy(sys, sub)).toBe(0);
  });
});
