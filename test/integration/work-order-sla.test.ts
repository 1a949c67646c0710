// The SLA clock, run fast: urging before a deadline, escalation city → province → national with
// each level notified, and the clock paused while the work order waits on the customer. The scales
// leave the timers margins of most of a second, so a loaded CI machine does not skip an urge.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer } from '../../harness/fixtures.js';

let sys: TestSystem; // an SLA hour lasts 6 s
let fast: TestSystem; // an SLA hour lasts 1 s
let centre: string;

beforeAll(async () => {
  [sys, fast] = await Promise.all([startTestSystem({ SLA_TIME_SCALE: String(1 / 600) }), startTestSystem({ SLA_TIME_SCALE: String(1 / 3600) })]);
  centre = sys.token({ roles: ['call-centre'], sub: 'agent-sla', localNetworks: '*' });
});
afterAll(async () => Promise.all([sys?.stop(), fast?.stop()]));

async function snapshot(id: string, on = sys) {
  return (await request(on.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre}`)).body;
}

describe('SLA', () => {
  it('urges the department before the deadline, then escalates through all three levels, notifying each', async () => {
    const customer = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'anshan'");
    // A VIP fault report: accept within 0.5 h (urged at 0.375 h) and resolve within 4 h of real
    // time → 3 s (urged at 2.25 s) and 24 s here.
    const created = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({
        type: 'fault_report',
        category: 'network-quality.fixed-line.no-dial-tone',
        channel: 'ivr',
        customer: { id: customer.id },
        takenInLocalNetwork: 'anshan',
        serviceLine: 'fixed_line',
        description: 'no dial tone',
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const department = created.body.assignments[0].department as string;

    const national = await eventually(
      async () => {
        const s = await snapshot(id);
        return s.escalationLevel === 'national' ? s : undefined;
      },
      'escalation to the national level',
      60_000,
    );
    const actions = national.timeline.map((t: { action: string }) => t.action);
    // Urged before the accept deadline, escalated when it passed, and again when the resolve deadline passed.
    expect(actions.indexOf('urge')).toBeGreaterThan(actions.indexOf('dispatch'));
    expect(actions.indexOf('urge')).toBeLessThan(actions.indexOf('escalate'));
    expect(national.escalations.map((e: { from: string; to: string; target: string }) => [e.from, e.to, e.target])).toEqual([
      ['city', 'province', 'liaoning-service-centre'],
      ['province', 'national', 'national-service-centre'],
    ]);
    const sent = JSON.stringify(await sys.sims.control.notification.records());
    expect(sent).toContain(`${department}@dispatch`); // dispatch and urge to the department
    expect(sent).toContain('workOrder.urge');
    expect(sent).toContain('workOrder.supervisorWarning');
    expect(sent).toContain('liaoning-service-centre@dispatch');
    expect(sent).toContain('national-service-centre@dispatch');

    // Escalated and overdue show in search.
    const overdue = await eventually(async () => {
      const res = await request(sys.app).get('/troubleTicket?overdue=true&escalationLevel=national&limit=200').set('authorization', `Bearer ${centre}`);
      return res.body.some((w: { id: string }) => w.id === id) ? res : undefined;
    }, 'overdue search');
    expect(overdue.status).toBe(200);
    // Nothing after national: the order is still workable and the department can still act.
    const staff = sys.token({ roles: ['department'], sub: 'tech', department, localNetworks: [] });
    const accepted = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${staff}`).send({ type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.escalationLevel).toBe('national');
  }, 90_000);

  it('does not escalate while the work order waits on the customer', async () => {
    const customer = await findCustomer(fast, "c.tier = 'ordinary' and c.home_local_network = 'anshan'");
    // An ordinary fault report: accept within 2 h, resolve within 24 h → 2 s and 24 s here.
    const created = await request(fast.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({
        type: 'fault_report',
        category: 'network-quality.fixed-line.no-dial-tone',
        channel: 'phone',
        customer: { id: customer.id },
        takenInLocalNetwork: 'anshan',
        serviceLine: 'fixed_line',
        description: 'crackling',
      });
    const id = created.body.id as string;
    const department = created.body.assignments[0].department as string;
    const staff = fast.token({ roles: ['department'], sub: 'tech2', department, localNetworks: [] });
    await request(fast.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${staff}`).send({ type: 'accept' }).expect(200);
    await request(fast.app)
      .post(`/troubleTicket/${id}/event`)
      .set('authorization', `Bearer ${staff}`)
      .send({ type: 'waitOnCustomer', reason: 'no access to the flat' })
      .expect(200);
    // Well past the 24 s resolve deadline, had the clock been running.
    await new Promise((r) => setTimeout(r, 26_000));
    const s = await snapshot(id, fast);
    expect(s.state).toBe('pending');
    expect(s.escalationLevel).toBe('city');
    expect(s.escalations).toHaveLength(0);
  }, 60_000);
});
