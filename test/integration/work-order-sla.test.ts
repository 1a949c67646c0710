// The SLA clock, run fast (SLA_TIME_SCALE 1/3600: an hour of the SLA is a second): urging before
// a deadline, and escalation city → province → national, each level notified.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { findCustomer } from '../support/fixtures.js';

let sys: TestSystem;
let centre: string;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 3600) });
  centre = sys.token({ roles: ['order-entry'], sub: 'agent-sla', localNetworks: '*' });
});
afterAll(async () => sys?.stop());

async function snapshot(id: string) {
  return (await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre}`)).body;
}

async function until<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SLA', () => {
  it('urges the department before the deadline, then escalates through all three levels, notifying each', async () => {
    const customer = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'anshan'");
    // A VIP fault report: accept within 0.5 h and resolve within 4 h of real time → 0.5 s and 4 s here.
    const created = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({ type: 'fault_report', channel: 'ivr', customer: { id: customer.id }, takenInLocalNetwork: 'anshan', serviceLine: 'fixed_line', description: 'no dial tone' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const department = created.body.assignments[0].department as string;

    const national = await until(async () => {
      const s = await snapshot(id);
      return s.escalationLevel === 'national' ? s : undefined;
    }, 'escalation to the national level');
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
    const overdue = await until(async () => {
      const res = await request(sys.app).get('/troubleTicket?overdue=true&escalationLevel=national&limit=200').set('authorization', `Bearer ${centre}`);
      return res.body.some((w: { id: string }) => w.id === id) ? res : undefined;
    }, 'overdue search');
    expect(overdue.status).toBe(200);
    // Nothing after national: the order is still workable and the department can still act.
    const staff = sys.token({ roles: ['department'], sub: 'tech', department, localNetworks: [] });
    const accepted = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${staff}`).send({ type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.escalationLevel).toBe('national');
  });

  it('does not escalate while the work order waits on the customer', async () => {
    const customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'anshan'");
    // An ordinary fault report: accept within 2 h, resolve within 24 h → 2 s and 24 s here.
    const created = await request(sys.app)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${centre}`)
      .send({ type: 'fault_report', channel: 'phone', customer: { id: customer.id }, takenInLocalNetwork: 'anshan', serviceLine: 'fixed_line', description: 'crackling' });
    const id = created.body.id as string;
    const department = created.body.assignments[0].department as string;
    const staff = sys.token({ roles: ['department'], sub: 'tech2', department, localNetworks: [] });
    await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${staff}`).send({ type: 'accept' }).expect(200);
    await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${staff}`).send({ type: 'waitOnCustomer', reason: 'no access to the flat' }).expect(200);
    // Well past the 24 s resolve deadline, had the clock been running.
    await new Promise((r) => setTimeout(r, 26_000));
    const s = await snapshot(id);
    expect(s.state).toBe('pending');
    expect(s.escalationLevel).toBe('city');
    expect(s.escalations).toHaveLength(0);
  }, 60_000);
});
