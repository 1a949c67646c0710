// A service request turned into a product order by the call centre (issue 14, point 7), on the real
// stack: POST /troubleTicket/{id}/productOrder stores the order as POST /productOrder does, the work
// order starts its fulfilment as its child, follows it and closes when it completes — or returns to
// the call centre when it fails. Counted against the simulators' records.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { systemPerFile } from '../../harness/jest-system.js';
import type { TestSystem } from '../../harness/system.js';
import {
  activationsOf,
  clearFaults,
  findCustomer,
  freshMobile,
  orderBody,
  ordersCreatedBy,
  simRecords,
  takeWorkOrder,
  waitFor,
  type SeededCustomer,
} from '../../harness/fixtures.js';
import { orderWorkflowId, type OrderFulfilmentWorkflow } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId, type WorkOrderWorkflow } from '../../contracts/work-order.js';

let sys: TestSystem;
systemPerFile((s) => (sys = s));

const NETWORK = 'fushun';
const WHERE = `c.kind = 'individual' and c.tier = 'ordinary' and c.home_local_network = '${NETWORK}'`;
let seq = 0;
/** A call-centre agent of the customer's network, with a name of its own (its orders are counted by it). */
const agent = (network = NETWORK) => {
  const sub = `sro-agent-${process.pid}-${Date.now()}-${(seq += 1)}`;
  return { sub, token: sys.token({ roles: ['call-centre'], sub, localNetworks: [network] }) };
};

async function serviceRequest(token: string, customer: SeededCustomer, body: Record<string, unknown> = {}) {
  const res = await takeWorkOrder(sys, token, customer, {
    type: 'service_request',
    serviceLine: 'gsm_mobile',
    description: 'the customer asks for a new GSM line on the Global 88 plan',
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; phase: string; assignees: string[] };
}

/** The order body an agent sends for the work order's customer (no channel, no dealer: it is the call centre's). */
function mobileOrder(customer: SeededCustomer) {
  const {
    channel: _c,
    localNetwork: _l,
    ...body
  } = orderBody(customer, [{ offering: 'gsm-global-88', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
  return body;
}

const placeFromTicket = (id: string, token: string, body: unknown, key?: string) => {
  const req = request(sys.app).post(`/troubleTicket/${id}/productOrder`).set('authorization', `Bearer ${token}`);
  if (key) req.set('idempotency-key', key);
  return req.send(body as object);
};
const ticket = (id: string, token: string) => request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${token}`);
const ticketEnded = (id: string) => sys.client.workflow.getHandle<WorkOrderWorkflow>(workOrderWorkflowId(id)).result();
const orderEnded = (id: string) => sys.client.workflow.getHandle<OrderFulfilmentWorkflow>(orderWorkflowId(id)).result();

describe('a service request turned into a product order', () => {
  it('happy path: the order runs as the work order’s child, activates once, and the work order closes with it', async () => {
    const customer = await findCustomer(sys, WHERE, 11);
    const { sub, token } = agent();
    const wo = await serviceRequest(token, customer);
    expect(wo.assignees.length).toBeGreaterThan(0);
    const key = `sro-happy-${Date.now()}`;

    const res = await placeFromTicket(wo.id, token, mobileOrder(customer), key);
    expect(res.status).toBe(201);
    const orderId = res.body.id as string;
    expect(res.headers.location).toBe(`/productOrder/${orderId}`);
    expect(res.body).toMatchObject({ channel: 'call_centre', localNetwork: NETWORK, relatedParty: [{ id: customer.id }] });

    // The order's workflow is the work order's child, abandoned on close (never killed with the ticket).
    const child = await sys.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
    expect(child.parentExecution?.workflowId).toBe(workOrderWorkflowId(wo.id));

    // A repeat while it runs: the same order, no second workflow.
    const again = await placeFromTicket(wo.id, token, mobileOrder(customer), key);
    expect(again.status).toBe(422); // another number drawn: another body under the same key
    const orderView = await orderEnded(orderId);
    expect(orderView.state).toBe('completed');
    const result = await ticketEnded(wo.id);
    expect(result.snapshot).toMatchObject({ phase: 'closed', state: 'closed', closeReason: 'orderCompleted', relatedOrderId: orderId });

    const read = await waitFor('the closed work order in the read model', async () => {
      const r = await ticket(wo.id, token);
      return r.body.state === 'closed' ? r.body : undefined;
    });
    expect(read.placedOrder).toMatchObject({ id: orderId, by: sub, outcome: 'completed' });
    expect(read.relatedOrderId).toBe(orderId);
    // The departments were relieved when the order took the request over.
    expect(read.assignees).toEqual([]);
    expect(read.assignments.every((a: { state: string; reason?: string }) => a.state === 'transferred' && a.reason === `handed over to order ${orderId}`)).toBe(
      true,
    );
    const actions = (read.timeline as Array<{ action: string; details?: Record<string, unknown> }>).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['placeOrder', 'orderFinished']);
    expect(read.timeline.at(-1).details).toMatchObject({ orderId, outcome: 'completed' });
    // Closed by its order: nothing to reopen.
    expect(read.allowedActions).not.toContain('reopen');

    // TMF621 v5 shows the order as a related entity.
    const v5 = await request(sys.app).get(`/tmf-api/troubleTicket/v5/troubleTicket/${wo.id}`).set('authorization', `Bearer ${token}`);
    expect(v5.status).toBe(200);
    expect(v5.body.relatedEntity).toEqual(expect.arrayContaining([expect.objectContaining({ id: orderId, '@referredType': 'ProductOrder' })]));

    // Counted against the simulators: one network activation, one billing activation, no duplicates.
    const activations = await activationsOf(sys, orderId);
    expect(activations).toHaveLength(1);
    expect(activations[0]!.status).not.toBe('deactivated');
    const { billing } = await simRecords(sys);
    const subscriptionId = orderView.items[0]!.subscriptionId;
    expect(billing.effects.filter((e) => e.operation === 'activateSubscription' && e.summary.subscriptionId === subscriptionId)).toHaveLength(1);
    expect(billing.views.duplicateActivations).toBe(0);
    expect(await ordersCreatedBy(sys, sub)).toBe(1);

    // Once closed, no other order for it (409), and nothing stored.
    const late = await placeFromTicket(wo.id, token, mobileOrder(customer), `sro-late-${Date.now()}`);
    expect(late.status).toBe(409);
    expect(await ordersCreatedBy(sys, sub)).toBe(1);
  });

  it('idempotent: the same key and body give the same order and one workflow, before and after it ended', async () => {
    const customer = await findCustomer(sys, WHERE, 12);
    const { sub, token } = agent();
    const wo = await serviceRequest(token, customer);
    const body = mobileOrder(customer);
    const key = `sro-repeat-${Date.now()}`;
    const [a, b] = await Promise.all([placeFromTicket(wo.id, token, body, key), placeFromTicket(wo.id, token, body, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    await ticketEnded(wo.id);
    const c = await placeFromTicket(wo.id, token, body, key);
    expect(c.status).toBe(200);
    expect(c.body.id).toBe(a.body.id);
    expect(await ordersCreatedBy(sys, sub)).toBe(1);
    const runs = await sys.client.workflow.count(`WorkflowId = '${orderWorkflowId(a.body.id)}'`);
    expect(runs.count).toBe(1);
    expect(await activationsOf(sys, a.body.id)).toHaveLength(1);
  });

  it('a failed order (billing refuses the customer) returns the work order to the call centre, which may place another', async () => {
    const customer = await findCustomer(sys, WHERE, 13);
    const { sub, token } = agent();
    const wo = await serviceRequest(token, customer);
    await sys.sims.control.billing.control({ refuseCustomers: [customer.id] });
    const first = await placeFromTicket(wo.id, token, mobileOrder(customer), `sro-fail-${Date.now()}`);
    expect(first.status).toBe(201);
    const failed = await orderEnded(first.body.id);
    expect(failed.state).toBe('failed');

    const returned = await waitFor('the work order back with the call centre', async () => {
      const r = await ticket(wo.id, token);
      return r.body.placedOrder?.outcome ? r.body : undefined;
    });
    expect(returned).toMatchObject({ phase: 'returned', state: 'held', placedOrder: { id: first.body.id, outcome: 'failed' } });
    expect(returned.placedOrder.reason).toContain('CREDIT_REFUSED');
    expect(returned.timeline.at(-1)).toMatchObject({ action: 'orderFinished', details: { outcome: 'failed' } });
    // The ticket waits for the centre: its workflow runs on, and the cancel is offered.
    expect((await sys.client.workflow.getHandle(workOrderWorkflowId(wo.id)).describe()).status.name).toBe('RUNNING');
    expect(returned.allowedActions).toContain('cancel');
    // Nothing was billed, the network configuration was undone.
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[failed.items[0]!.subscriptionId]?.status ?? 'none').not.toBe('active');
    expect((await activationsOf(sys, first.body.id)).every((x) => x.status === 'deactivated')).toBe(true);

    // The customer's credit is sorted out: another order, and this one completes the request.
    await clearFaults(sys);
    const second = await placeFromTicket(wo.id, token, mobileOrder(customer), `sro-retry-${Date.now()}`);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    const result = await ticketEnded(wo.id);
    expect(result.snapshot).toMatchObject({ phase: 'closed', closeReason: 'orderCompleted', relatedOrderId: second.body.id });
    expect(result.snapshot.timeline.filter((e) => e.action === 'placeOrder')).toHaveLength(2);
    expect(await ordersCreatedBy(sys, sub)).toBe(2);
  });

  it('refusals: not a service request 409, another network 403, a bad body 400 naming the fields, a cancelled one 409; nothing stored', async () => {
    const customer = await findCustomer(sys, WHERE, 14);
    const { sub, token } = agent();

    const complaint = (await takeWorkOrder(sys, token, customer)).body as { id: string };
    const notRequest = await placeFromTicket(complaint.id, token, mobileOrder(customer), `sro-complaint-${Date.now()}`);
    expect(notRequest.status).toBe(409);
    expect(notRequest.body.detail).toContain('service request');

    const wo = await serviceRequest(token, customer);
    const elsewhere = agent('dalian');
    const foreign = await placeFromTicket(wo.id, elsewhere.token, mobileOrder(customer), `sro-foreign-${Date.now()}`);
    expect(foreign.status).toBe(403);
    const orderEntry = sys.token({ roles: ['order-entry'], sub: `${sub}-oe`, localNetworks: [NETWORK] });
    expect((await placeFromTicket(wo.id, orderEntry, mobileOrder(customer))).status).toBe(403);

    const bad = await placeFromTicket(wo.id, token, { relatedParty: [{ id: customer.id, role: 'customer' }], productOrderItem: [], channel: 'shop' });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['productOrderItem', 'channel']));
    const otherCustomer = await findCustomer(sys, WHERE, 10);
    const wrongParty = await placeFromTicket(wo.id, token, mobileOrder(otherCustomer));
    expect(wrongParty.status).toBe(400);
    expect(wrongParty.body.errors).toEqual([expect.objectContaining({ field: 'relatedParty[0].id', code: 'NOT_THE_WORK_ORDERS_CUSTOMER' })]);
    const wrongNetwork = await placeFromTicket(wo.id, token, { ...mobileOrder(customer), localNetwork: 'dalian' });
    expect(wrongNetwork.status).toBe(400);
    expect(wrongNetwork.body.errors).toEqual([expect.objectContaining({ field: 'localNetwork' })]);

    // The event door does not take an order id: only this route places one.
    const sneaked = await request(sys.app)
      .post(`/troubleTicket/${wo.id}/event`)
      .set('authorization', `Bearer ${token}`)
      .send({ type: 'placeOrder', orderId: 'PO-made-up' });
    expect(sneaked.status).toBe(403);

    const cancelled = await request(sys.app)
      .post(`/troubleTicket/${wo.id}/event`)
      .set('authorization', `Bearer ${token}`)
      .send({ type: 'cancel', reason: 'customer withdrew' });
    expect(cancelled.status).toBe(200);
    await waitFor('the cancel in the read model', async () => (await ticket(wo.id, token)).body.state === 'cancelled');
    const tooLate = await placeFromTicket(wo.id, token, mobileOrder(customer), `sro-cancelled-${Date.now()}`);
    expect(tooLate.status).toBe(409);

    expect(await ordersCreatedBy(sys, sub)).toBe(0);
  });
});
