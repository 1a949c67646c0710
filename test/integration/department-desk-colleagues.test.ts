// The department desk among colleagues, on real components: the worklist says who took a work order
// (a staff account's display name, else the actor's id) and when, from the read model; and a department
// holding a work order asks another department of its local network for help (协办申请) through
// POST /troubleTicket/{id}/event — taken, recorded in the timeline and the helper's worklist, or refused
// with the reason when the department is of another local network.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { DEVELOPMENT_ACCOUNTS } from '../../domain/staff.js';

const CARE = 'dalian-customer-care';
const BROADBAND = 'dalian-broadband-support';
let sys: TestSystem;
let supervisor: string;
/** A seeded staff account's token (its display name is known) and a colleague without an account. */
let wangFang: string;
let colleague: string;
let broadband: string;
let customer: SeededCustomer;

interface Entry {
  workOrderId: string;
  acceptedBy: { id: string; name?: string; at: string } | null;
}

beforeAll(async () => {
  sys = await startTestSystem();
  supervisor = sys.token({
    roles: ['supervisor'],
    sub: 'colleagues-supervisor',
    localNetworks: ['dalian'],
    department: 'dalian-service-centre',
    level: 'city',
  });
  wangFang = sys.token({ roles: ['department'], sub: 'dept.dalian.care', name: '王芳', department: CARE, localNetworks: [] });
  colleague = sys.token({ roles: ['department'], sub: 'care-colleague-7', department: CARE, localNetworks: [] });
  broadband = sys.token({ roles: ['department'], sub: 'broadband-colleague', department: BROADBAND, localNetworks: [] });
  customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
});
afterAll(async () => sys?.stop());

async function take(description: string): Promise<string> {
  const res = await takeWorkOrder(sys, supervisor, customer, { description });
  expect(res.status).toBe(201);
  expect(res.body.assignees).toEqual([CARE]);
  return res.body.id as string;
}

const act = (id: string, token: string, event: Record<string, unknown>) =>
  request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);

/** The worklist entry of a work order, as the department's desk reads it. */
async function entryOf(department: string, token: string, id: string): Promise<Entry | undefined> {
  const res = await request(sys.app).get(`/department/${department}/worklist?limit=200`).set('authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return (res.body as Entry[]).find((e) => e.workOrderId === id);
}

describe('who took it', () => {
  it('shows the name of the colleague who accepted, else their id, with when; nobody before', async () => {
    const byAccount = await take('colleagues: taken by a staff account');
    const byColleague = await take('colleagues: taken by a colleague without an account');
    const untaken = await take('colleagues: nobody has taken it yet');
    expect((await act(byAccount, wangFang, { type: 'accept' })).status).toBe(200);
    const accepted = await act(byColleague, colleague, { type: 'accept' });
    expect(accepted.status).toBe(200);

    const name = DEVELOPMENT_ACCOUNTS.find((a) => a.username === 'dept.dalian.care')!.displayName;
    const first = await eventually(async () => (await entryOf(CARE, colleague, byAccount))?.acceptedBy ?? undefined, 'the taker in the worklist');
    expect(first).toEqual({ id: 'dept.dalian.care', name, at: expect.any(String) });
    const second = await eventually(async () => (await entryOf(CARE, wangFang, byColleague))?.acceptedBy ?? undefined, 'the taker in the worklist');
    expect(second).toEqual({ id: 'care-colleague-7', at: expect.any(String) });
    // When: the accept's own time, as the work order's timeline has it.
    const timeline = (accepted.body as { timeline: Array<{ action: string; at: number }> }).timeline;
    expect(Date.parse(second.at)).toBe(timeline.filter((e) => e.action === 'accept').at(-1)!.at);
    expect((await entryOf(CARE, wangFang, untaken))?.acceptedBy).toBeNull();
  });
});

describe('the co-handling request', () => {
  it('adds a department of the same local network as a co-handler: in the timeline, the answer and its worklist', async () => {
    const id = await take('colleagues: the broadband drops every evening, the exchange must look at it');
    // Offered only once accepted, with whom it may ask.
    let got = await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${wangFang}`);
    expect(got.body.allowedActions).not.toContain('requestCoHandling');
    expect((await act(id, wangFang, { type: 'accept' })).status).toBe(200);
    got = await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${wangFang}`);
    expect(got.body.allowedActions).toContain('requestCoHandling');
    expect(got.body.coHandlingCandidates).toContain(BROADBAND);
    expect(got.body.coHandlingCandidates).not.toContain(CARE);
    expect((got.body.coHandlingCandidates as string[]).every((d) => d.startsWith('dalian-'))).toBe(true);

    const res = await act(id, wangFang, { type: 'requestCoHandling', departments: [BROADBAND], reason: 'the line tests bad at the exchange' });
    expect(res.status).toBe(200);
    expect(res.body.assignees).toEqual([CARE, BROADBAND]);
    expect(res.body.timeline.at(-1)).toMatchObject({
      action: 'requestCoHandling',
      actor: { id: 'dept.dalian.care', role: 'department', department: CARE },
      details: { department: CARE, departments: [BROADBAND], reason: 'the line tests bad at the exchange' },
    });
    // The helper has it on its worklist, to accept as any dispatch, and may act on it.
    await eventually(async () => entryOf(BROADBAND, broadband, id), "the helper's worklist");
    expect((await act(id, broadband, { type: 'accept' })).status).toBe(200);
  });

  it('refuses a department of another local network with the reason (400), a malformed request with its fields, and before accepting (409)', async () => {
    const id = await take('colleagues: asks too far');
    const early = await act(id, wangFang, { type: 'requestCoHandling', departments: [BROADBAND], reason: 'help' });
    expect(early.status).toBe(409);
    expect((await act(id, wangFang, { type: 'accept' })).status).toBe(200);
    const far = await act(id, wangFang, { type: 'requestCoHandling', departments: ['shenyang-network-maintenance'], reason: 'help from Shenyang' });
    expect(far.status).toBe(400);
    expect(far.headers['content-type']).toMatch(/problem\+json/);
    expect(far.body.detail).toMatch(/shenyang-network-maintenance is not a department of dalian/);
    const malformed = await act(id, wangFang, { type: 'requestCoHandling', departments: [], reason: 'x'.repeat(2001) });
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['departments', 'reason']);
    // Nothing of it in the work order.
    const after = await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${wangFang}`);
    expect(after.body.assignees).toEqual([CARE]);
    expect((after.body.timeline as Array<{ action: string }>).some((e) => e.action === 'requestCoHandling')).toBe(false);
  });
});
