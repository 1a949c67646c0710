// Audit trails read from real workflow histories: an order through a billing outage (the retries
// show), a cancelled order (who asked, what was undone), and a work order through its closed loop.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { AuditEvent, AuditTrail } from '../../api/audit-trail.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import {
  cancelOrder,
  clearFaults,
  eventually,
  findCustomer,
  fixedLineWithInstallation,
  freshMobile,
  orderBody,
  placeOrder,
  retryingOnStatusPage,
  settledOrder,
  waitForStep,
  type SeededCustomer,
} from '../../harness/fixtures.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';

let sys: TestSystem;
let customer: SeededCustomer;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60) });
  customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 3);
});
afterAll(async () => sys?.stop());

const auditor = () => sys.token({ roles: ['auditor'], sub: 'auditor-1', localNetworks: '*' });
const trailOf = async (path: string, token = auditor()) => {
  const res = await request(sys.app).get(path).set('authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as AuditTrail;
};
const find = (trail: AuditTrail, what: string | RegExp): AuditEvent => {
  const hit = trail.events.find((e) => (typeof what === 'string' ? e.what === what : what.test(e.what)));
  if (!hit) throw new Error(`no "${String(what)}" in ${JSON.stringify(trail.events.map((e) => e.what))}`);
  return hit;
};

const mobileOrder = () => orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);

describe('order audit trail', () => {
  it('tells who placed the order, every step with its attempts and result, the states and the close', async () => {
    // Billing is down until a billing step has been retried (not for a fixed time: on a loaded machine
    // the order may reach billing only after a short outage has passed).
    await sys.sims.control.billing.control({ outageForMs: 120_000 });
    const placed = await placeOrder(sys, mobileOrder(), sys.token({ roles: ['order-entry'], sub: 'clerk-42' }));
    expect(placed.status).toBe(201);
    // The first to meet the outage is the validation's credit check (a local activity, patch local-validation).
    await retryingOnStatusPage(sys, orderWorkflowId(placed.body.id));
    await clearFaults(sys);
    const order = await settledOrder(sys, placed.body.id);
    expect(order.state).toBe('completed');

    const trail = await trailOf(`/productOrder/${placed.body.id}/auditTrail`);
    expect(trail).toMatchObject({ workflowId: orderWorkflowId(placed.body.id), workflowType: 'orderFulfilment', status: 'COMPLETED' });
    expect(trail.historyEvents).toBeGreaterThan(20);
    expect(find(trail, 'order received').who).toEqual({ id: 'clerk-42', role: 'order-entry' });
    expect(find(trail, 'validate and price the order').result).toBe('succeeded');
    const reserve = find(trail, 'reserve a resource (inventory)');
    expect(reserve).toMatchObject({ who: { id: 'system', role: 'system' }, result: 'succeeded', details: { activity: 'reserveResource', attempts: 1 } });
    expect((reserve.details!.input as { idempotencyKey: string }).idempotencyKey).toContain(placed.body.id);
    // The steps that talk to billing (the credit check, the activation) were retried through the outage.
    const billingSteps = [find(trail, 'validate and price the order'), find(trail, 'activate billing')];
    expect(billingSteps.map((e) => e.result)).toEqual(['succeeded', 'succeeded']);
    expect(Math.max(...billingSteps.map((e) => e.details!.attempts as number))).toBeGreaterThan(1);
    expect(find(trail, 'order moved to completed').result).toBe('completed');
    expect(trail.events[trail.events.length - 1]).toMatchObject({ what: 'workflow completed', result: 'completed' });
    // In history order, with times.
    const ids = trail.events.map((e) => e.eventId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(trail.events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('names who cancelled and shows the undo steps', async () => {
    // Held at its field installation (nobody answers in this file), reserved and configured: the cancel
    // comes between the order's chains of local steps, and their undo runs as local steps too.
    const placed = await placeOrder(sys, fixedLineWithInstallation(customer));
    expect(placed.status).toBe(201);
    await waitForStep(sys, placed.body.id, 'fieldInstallation', 'running');
    const res = await cancelOrder(sys, placed.body.id, 'customer moved abroad', sys.token({ roles: ['order-entry'], sub: 'clerk-7' }));
    expect(res.status).toBe(202);
    await clearFaults(sys);
    await settledOrder(sys, placed.body.id);

    const trail = await trailOf(`/productOrder/${placed.body.id}/auditTrail`);
    const cancel = find(trail, 'requested cancellation');
    expect(cancel.who.id).toBe('clerk-7');
    expect(cancel.result).toBe('succeeded (cancelled)');
    expect(cancel.details).toMatchObject({ update: 'cancelOrder', request: { reason: 'customer moved abroad' } });
    expect(find(trail, /^undo the network configuration/).result).toBe('succeeded');
    expect(find(trail, /^release reservations/).result).toBe('succeeded');
    expect(find(trail, 'order moved to cancelled').result).toBe('cancelled');
  });

  it('is for auditors only, in their local networks; unknown orders are 404', async () => {
    const placed = await placeOrder(sys, mobileOrder());
    await settledOrder(sys, placed.body.id);
    const path = `/productOrder/${placed.body.id}/auditTrail`;
    for (const roles of [['ops'], ['order-entry'], ['supervisor']] as const) {
      expect(
        (
          await request(sys.app)
            .get(path)
            .set('authorization', `Bearer ${sys.token({ roles: [...roles] })}`)
        ).status,
      ).toBe(403);
    }
    const elsewhere = sys.token({ roles: ['auditor'], localNetworks: ['shenyang'] });
    expect((await request(sys.app).get(path).set('authorization', `Bearer ${elsewhere}`)).status).toBe(403);
    expect((await request(sys.app).get('/productOrder/no-such-order/auditTrail').set('authorization', `Bearer ${auditor()}`)).status).toBe(404);
    expect((await request(sys.app).get('/productOrder/bad%20id!/auditTrail').set('authorization', `Bearer ${auditor()}`)).status).toBe(400);
  });
});

describe('work-order audit trail', () => {
  it('tells who took it, how the system dispatched it, what the department and the centre did', async () => {
    const centre = sys.token({ roles: ['call-centre'], sub: 'agent-55', localNetworks: '*' });
    const taken = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({
        type: 'complaint',
        channel: 'phone',
        customer: { id: customer.id },
        takenInLocalNetwork: 'dalian',
        serviceLine: 'fixed_line',
        category: 'network-quality.fixed-line.line-noise',
        description: 'noisy line',
      });
    expect(taken.status).toBe(201);
    const id = taken.body.id as string;
    const department = taken.body.assignments[0].department as string;
    const staff = sys.token({ roles: ['department'], sub: 'tech-9', department, localNetworks: [] });
    const act = (token: string, event: Record<string, unknown>) =>
      request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
    expect((await act(staff, { type: 'accept' })).status).toBe(200);
    // A refused action: the centre cannot accept for the department. Refused updates never reach the history.
    expect((await act(centre, { type: 'accept' })).status).toBe(403);
    expect((await act(staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED' })).status).toBe(200);

    const trail = await eventually(async () => {
      const t = await trailOf(`/troubleTicket/${id}/auditTrail`);
      return t.events.some((e) => e.what === 'receipt' && e.who.id === 'tech-9') ? t : undefined;
    }, 'receipt in the audit trail');
    expect(trail).toMatchObject({ workflowId: workOrderWorkflowId(id), workflowType: 'workOrder', status: 'RUNNING' });
    expect(find(trail, 'work order taken')).toMatchObject({
      who: { id: 'agent-55', role: 'agent' },
      details: { type: 'complaint', takenInLocalNetwork: 'dalian' },
    });
    expect(find(trail, 'dispatch')).toMatchObject({ who: { role: 'system' }, details: { departments: [department] } });
    expect(find(trail, 'notify departments')).toMatchObject({ result: 'succeeded', details: { input: { departments: [department] } } });
    expect(find(trail, 'requested accept')).toMatchObject({ who: { id: 'tech-9', role: 'department', department }, result: 'succeeded (inProgress)' });
    expect(find(trail, 'receipt')).toMatchObject({ who: { id: 'tech-9', department }, details: { result: 'resolved', resolutionCode: 'LINE_REPAIRED' } });
    expect(trail.events.filter((e) => e.what === 'requested accept')).toHaveLength(1);
  });
});
