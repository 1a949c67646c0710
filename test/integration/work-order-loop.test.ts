// The electronic work order's closed loop through the API, on real components. SLA hours pass
// as minutes here (SLA_TIME_SCALE 1/60), so no deadline interferes; work-order-sla.test.ts runs
// the clock fast.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

let sys: TestSystem;
let centre: string;
let ordinary: SeededCustomer;
let vip: SeededCustomer;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60), WORKORDER_AUTO_CLOSE_SECONDS: '2' });
  centre = sys.token({ roles: ['call-centre'], sub: 'agent-007', localNetworks: '*' });
  ordinary = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
  vip = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'dalian'");
});
afterAll(async () => sys?.stop());

const dept = (department: string) => sys.token({ roles: ['department'], sub: `staff-${department}`, department, localNetworks: [] });

async function take(customer: SeededCustomer, body: Record<string, unknown> = {}) {
  const res = await takeWorkOrder(sys, centre, customer, body);
  expect(res.status).toBe(201);
  return res.body as { id: string; phase: string; state: string; assignments: Array<{ department: string; state: string }>; forwardedTo?: string };
}

async function act(workOrderId: string, token: string, event: Record<string, unknown>) {
  return request(sys.app).post(`/troubleTicket/${workOrderId}/event`).set('authorization', `Bearer ${token}`).send(event);
}

async function ok(workOrderId: string, token: string, event: Record<string, unknown>) {
  const res = await act(workOrderId, token, event);
  if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const get = (id: string, token = centre) => request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${token}`);

describe('the closed loop', () => {
  it('intake → dispatch → accept → note → receipt → review → customer told → satisfied → closed', async () => {
    const wo = await take(ordinary);
    expect(wo.phase).toBe('dispatched');
    expect(wo.state).toBe('acknowledged');
    const [{ department }] = wo.assignments;
    expect(department).toMatch(/^dalian-/);
    const staff = dept(department!);
    // Answered once the read model holds it: the department's worklist shows it at once, as dispatched.
    const listed = await request(sys.app).get(`/department/${department}/worklist?sort=newest&limit=200`).set('authorization', `Bearer ${staff}`);
    expect((listed.body as Array<{ workOrderId: string }>).find((e) => e.workOrderId === wo.id)).toMatchObject({ state: 'dispatched' });

    expect((await ok(wo.id, staff, { type: 'accept' })).state).toBe('inProgress');
    await ok(wo.id, staff, { type: 'note', text: 'technician booked for tomorrow' });
    const afterReceipt = await ok(wo.id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED', notes: 'replaced the drop wire' });
    expect(afterReceipt.phase).toBe('receiptReturned');

    await ok(wo.id, centre, { type: 'approve', notes: 'receipt checked' });
    // The workflow tells the customer through the notification gateway, then waits for the callback.
    await eventually(async () => ((await get(wo.id)).body.phase === 'customerNotified' ? true : undefined), 'customer notified');
    const closed = await ok(wo.id, centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
    expect(closed.state).toBe('closed');
    expect(closed.closeReason).toBe('satisfied');
    expect(closed.timeline.map((t: { action: string }) => t.action)).toEqual(
      expect.arrayContaining(['created', 'classify', 'dispatch', 'accept', 'note', 'receipt', 'approve', 'notifyCustomer', 'recordSatisfaction']),
    );
    const sent = JSON.stringify(await sys.sims.control.notification.records());
    expect(sent).toContain(`${department}@dispatch`);
    expect(sent).toContain('workOrder.resolved');
  });

  it('a resolved work order with no customer answer closes by itself, recorded as such', async () => {
    const wo = await take(ordinary);
    const staff = dept(wo.assignments[0]!.department);
    await ok(wo.id, staff, { type: 'accept' });
    await ok(wo.id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    await ok(wo.id, centre, { type: 'approve' });
    const body = await eventually(async () => {
      const b = (await get(wo.id)).body;
      return b.state === 'closed' ? b : undefined;
    }, 'auto close');
    expect(body.closeReason).toBe('noCustomerAnswer');
  });

  it('a department returns (退单) a work order it does not own, and the centre dispatches it again', async () => {
    const wo = await take(ordinary);
    const first = wo.assignments[0]!.department;
    const returned = await ok(wo.id, dept(first), { type: 'return', reason: 'not our area: a billing matter' });
    expect(returned.phase).toBe('returned');
    expect(returned.state).toBe('held');
    const again = await ok(wo.id, centre, { type: 'dispatch', departments: ['dalian-billing-service'] });
    expect(again.assignments.find((a: { department: string }) => a.department === 'dalian-billing-service').state).toBe('dispatched');
    await ok(wo.id, dept('dalian-billing-service'), { type: 'accept' });
  });

  it('a supervisor transfers a work order; the department cannot', async () => {
    const wo = await take(ordinary);
    const from = wo.assignments[0]!.department;
    const denied = await act(wo.id, dept(from), { type: 'transfer', from, to: 'dalian-network-maintenance', reason: 'not ours' });
    expect(denied.status).toBe(403);
    const supervisor = sys.token({ roles: ['supervisor'], sub: 'sup-dalian', department: 'dalian-service-centre', level: 'city', localNetworks: ['dalian'] });
    const moved = await ok(wo.id, supervisor, { type: 'transfer', from, to: 'dalian-network-maintenance', reason: 'a line fault after all' });
    expect(moved.assignments.find((a: { department: string }) => a.department === 'dalian-network-maintenance').state).toBe('dispatched');
  });

  it('co-handling: two departments at once; resolved only when every receipt is in', async () => {
    const wo = await take(vip);
    expect(wo.assignments.map((a) => a.department).sort()).toEqual(['dalian-billing-service', 'dalian-customer-care']);
    for (const d of ['dalian-billing-service', 'dalian-customer-care']) await ok(wo.id, dept(d), { type: 'accept' });
    const one = await ok(wo.id, dept('dalian-customer-care'), { type: 'receipt', result: 'resolved', resolutionCode: 'APOLOGISED' });
    expect(one.phase).not.toBe('receiptReturned');
    expect((await act(wo.id, centre, { type: 'approve' })).status).toBe(409);
    const both = await ok(wo.id, dept('dalian-billing-service'), { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' });
    expect(both.phase).toBe('receiptReturned');
    await ok(wo.id, centre, { type: 'approve' });
  });

  it('an unsatisfied customer reopens it and it is dispatched again', async () => {
    const wo = await take(ordinary);
    const staff = dept(wo.assignments[0]!.department);
    await ok(wo.id, staff, { type: 'accept' });
    await ok(wo.id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    // A reopen of an open work order is refused.
    expect((await act(wo.id, centre, { type: 'reopen', reason: 'still noisy' })).status).toBe(409);
    await ok(wo.id, centre, { type: 'approve' });
    await eventually(async () => ((await get(wo.id)).body.phase === 'customerNotified' ? true : undefined), 'customer notified');
    const unsatisfied = await ok(wo.id, centre, { type: 'recordSatisfaction', satisfied: false, score: 1, comment: 'still noisy' });
    expect(unsatisfied.phase).toBe('unsatisfied');
    const reopened = await ok(wo.id, centre, { type: 'reopen', reason: 'still noisy' });
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.phase).toBe('dispatched');
    expect(reopened.assignments[0].round).toBe(1);
  });

  it('a roaming complaint is forwarded to the home local network; both sides can follow it', async () => {
    const wo = await take(ordinary, { takenInLocalNetwork: 'shenyang' });
    expect(wo.forwardedTo).toBe('dalian');
    expect(wo.assignments.every((a) => a.department.startsWith('dalian-'))).toBe(true);
    const shenyangCentre = sys.token({ roles: ['call-centre'], sub: 'sy-agent', localNetworks: ['shenyang'] });
    const dalianCentre = sys.token({ roles: ['call-centre'], sub: 'dl-agent', localNetworks: ['dalian'] });
    const anshanCentre = sys.token({ roles: ['call-centre'], sub: 'as-agent', localNetworks: ['anshan'] });
    await eventually(async () => ((await get(wo.id, shenyangCentre)).status === 200 ? true : undefined), 'read model');
    expect((await get(wo.id, dalianCentre)).status).toBe(200);
    expect((await get(wo.id, anshanCentre)).status).toBe(403);
  });

  it('the clock pauses while the work order waits on the customer', async () => {
    const wo = await take(ordinary);
    const staff = dept(wo.assignments[0]!.department);
    await ok(wo.id, staff, { type: 'accept' });
    const before = await eventually(async () => {
      const b = (await get(wo.id)).body;
      return b.deadlines.resolveBy ? b : undefined;
    }, 'deadline');
    const paused = await ok(wo.id, staff, { type: 'waitOnCustomer', reason: 'customer abroad until next week' });
    expect(paused.state).toBe('pending');
    await new Promise((r) => setTimeout(r, 1500));
    const resumed = await ok(wo.id, staff, { type: 'customerResponded', notes: 'back home' });
    expect(resumed.phase).toBe('accepted');
    const after = await eventually(async () => {
      const b = (await get(wo.id)).body;
      return b.deadlines.resolveBy && b.deadlines.resolveBy !== before.deadlines.resolveBy ? b : undefined;
    }, 'moved deadline');
    // The deadline moved by (at least) the paused time.
    expect(Date.parse(after.deadlines.resolveBy) - Date.parse(before.deadlines.resolveBy)).toBeGreaterThanOrEqual(1400);
  });
});

describe('refusals change nothing', () => {
  it('wrong department → 403, second receipt → 409, unknown department → 400, malformed event → 400', async () => {
    const wo = await take(ordinary);
    const owner = wo.assignments[0]!.department;
    const other = owner === 'dalian-network-maintenance' ? 'dalian-billing-service' : 'dalian-network-maintenance';
    const wrong = await act(wo.id, dept(other), { type: 'accept' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    await ok(wo.id, dept(owner), { type: 'accept' });
    await ok(wo.id, dept(owner), { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    const second = await act(wo.id, dept(owner), { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    expect(second.status).toBe(409);
    const unknown = await act(wo.id, centre, { type: 'sendBack', reason: 'incomplete', departments: ['atlantis-care'] });
    expect(unknown.status).toBe(400);
    const malformed = await act(wo.id, dept(owner), { type: 'receipt', result: 'maybe' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.length).toBeGreaterThan(0);
    const state = (await get(wo.id)).body;
    expect(state.phase).toBe('receiptReturned');
    expect(state.timeline.filter((t: { action: string }) => t.action === 'receipt')).toHaveLength(1);
  });

  it('bad create bodies and unknown customers are 400s; unknown work orders 404', async () => {
    const bad = await request(sys.app).post('/troubleTicket').set('authorization', `Bearer ${centre}`).send({ type: 'grumble', channel: 'pigeon' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['type', 'channel', 'customer', 'description']));
    const nobody = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({ type: 'inquiry', channel: 'web', customer: { id: 'C-NOBODY' }, takenInLocalNetwork: 'dalian', serviceLine: 'broadband', description: 'speed?' });
    expect(nobody.status).toBe(400);
    expect((await get('TT-does-not-exist')).status).toBe(404);
  });
});

describe('the department worklist', () => {
  it('lists open work orders by deadline with overdue flags, filtered to the department, paged', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await take(ordinary, { type: 'fault_report', serviceLine: 'fixed_line', priority: 'high' })).id);
    const department = 'dalian-network-maintenance';
    const staff = dept(department);
    const list = await eventually(async () => {
      const res = await request(sys.app).get(`/department/${department}/worklist?limit=200`).set('authorization', `Bearer ${staff}`);
      const mine = (res.body as Array<{ workOrderId: string }>).filter((e) => ids.includes(e.workOrderId));
      return mine.length === 3 ? res : undefined;
    }, 'worklist');
    const deadlines = (list.body as Array<{ deadline: string | null }>).map((e) => e.deadline ?? '9999');
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(list.body.every((e: { department: string; overdue: boolean }) => e.department === department && typeof e.overdue === 'boolean')).toBe(true);
    expect(Number(list.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
    const page = await request(sys.app).get(`/department/${department}/worklist?limit=1&offset=1`).set('authorization', `Bearer ${staff}`);
    expect(page.body).toHaveLength(1);
    expect(page.body[0].workOrderId).toBe(list.body[1].workOrderId);
    // Another department's staff cannot read it; an unknown department is a 404.
    expect(
      (
        await request(sys.app)
          .get(`/department/${department}/worklist`)
          .set('authorization', `Bearer ${dept('dalian-billing-service')}`)
      ).status,
    ).toBe(403);
    expect((await request(sys.app).get('/department/nowhere/worklist').set('authorization', `Bearer ${staff}`)).status).toBe(404);
    // Accepted work orders stay on the list; once the receipt is in they leave it.
    await ok(ids[0]!, staff, { type: 'accept' });
    await ok(ids[0]!, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    await eventually(async () => {
      const res = await request(sys.app).get(`/department/${department}/worklist?limit=200`).set('authorization', `Bearer ${staff}`);
      return res.body.some((e: { workOrderId: string }) => e.workOrderId === ids[0]) ? undefined : true;
    }, 'receipted work order to leave the worklist');
    // Search by department and type.
    const found = await request(sys.app).get(`/troubleTicket?department=${department}&type=fault_report&limit=200`).set('authorization', `Bearer ${centre}`);
    expect(found.status).toBe(200);
    expect(found.body.filter((w: { id: string }) => ids.includes(w.id)).length).toBeGreaterThanOrEqual(2);
  });
});
