// What the department desk reads, on real components: the worklist's filters (type, local network,
// tier, overdue) and what each entry carries for the desk (SLA urge mark, urges, escalation, round,
// summary); a work order's contact, for those who may see it; and the actions allowed now. SLA hours
// pass as 6 s here (SLA_TIME_SCALE 1/600), so a VIP complaint's accept deadline (1 h) passes in the test.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

const CARE = 'dalian-customer-care';
let sys: TestSystem;
let taker: string;
let care: string;
let shenyangCare: string;
let supervisor: string;
const ids: Record<'ordinary' | 'vip' | 'inquiry', string> = { ordinary: '', vip: '', inquiry: '' };
let ordinary: SeededCustomer;

interface Entry {
  workOrderId: string;
  type: string;
  customerTier: string;
  localNetwork: string;
  overdue: boolean;
  deadline: string | null;
  urgeAt: string | null;
  urgeCount: number;
  escalationLevel: string;
  round: number;
  summary: string;
  dispatchedAt: string;
}

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 600) });
  // A supervisor takes them (a role that may take work orders whichever else does).
  supervisor = sys.token({ roles: ['supervisor'], sub: 'desk-supervisor', localNetworks: ['dalian'], department: 'dalian-service-centre', level: 'city' });
  taker = supervisor;
  care = sys.token({ roles: ['department'], sub: 'desk-care', department: CARE, localNetworks: [] });
  shenyangCare = sys.token({ roles: ['department'], sub: 'desk-shenyang', department: 'shenyang-customer-care', localNetworks: [] });
  ordinary = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
  const vip = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'dalian'");
  const gold = await findCustomer(sys, "c.tier = 'gold' and c.home_local_network = 'dalian'");
  const take = async (customer: SeededCustomer, body: Record<string, unknown>) => {
    const res = await takeWorkOrder(sys, taker, customer, body);
    expect(res.status).toBe(201);
    expect(res.body.assignees).toContain(CARE);
    return res.body.id as string;
  };
  ids.ordinary = await take(ordinary, { description: 'ordinary: the line crackles whenever it rains' });
  ids.vip = await take(vip, { description: 'vip: billed twice for the same month' });
  ids.inquiry = await take(gold, { type: 'inquiry', description: 'gold: asks about the new broadband tariff' });
  // The read model follows the workflows a moment later.
  await eventually(async () => {
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from work_order_assignment where department = ? and work_order_id = any(?::text[])', [
        CARE,
        `{${Object.values(ids).join(',')}}`,
      ]);
    return (rows[0] as { n: number }).n === 3 ? true : undefined;
  }, 'the three in the worklist');
});
afterAll(async () => sys?.stop());

const worklist = async (query: Record<string, string | number>, token = care) => {
  const res = await request(sys.app)
    .get(`/department/${CARE}/worklist`)
    .query({ limit: 200, ...query })
    .set('authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as Entry[];
};
const mine = (rows: Entry[]) => rows.filter((r) => Object.values(ids).includes(r.workOrderId)).map((r) => r.workOrderId);

describe('the department worklist', () => {
  it('carries what the desk shows: summary, dispatch time, the urge mark before the deadline, round', async () => {
    const rows = await worklist({ type: 'complaint', tier: 'ordinary' });
    const e = rows.find((r) => r.workOrderId === ids.ordinary)!;
    expect(e.summary).toBe('ordinary: the line crackles whenever it rains');
    expect(e.round).toBe(0);
    expect(Date.parse(e.dispatchedAt)).toBeLessThanOrEqual(Date.now());
    expect(e.urgeAt).not.toBeNull();
    expect(Date.parse(e.urgeAt!)).toBeLessThan(Date.parse(e.deadline!));
    expect(Date.parse(e.urgeAt!)).toBeGreaterThan(Date.parse(e.dispatchedAt));
  });

  it('filters by type, tier and local network', async () => {
    const inquiries = await worklist({ type: 'inquiry' });
    expect(inquiries.every((r) => r.type === 'inquiry')).toBe(true);
    expect(mine(inquiries)).toEqual([ids.inquiry]);
    const vips = await worklist({ tier: 'vip' });
    expect(vips.every((r) => r.customerTier === 'vip')).toBe(true);
    expect(mine(vips)).toEqual([ids.vip]);
    expect(mine(await worklist({ localNetwork: 'shenyang' }))).toEqual([]);
    expect(mine(await worklist({ localNetwork: 'dalian', type: 'complaint' })).sort()).toEqual([ids.ordinary, ids.vip].sort());
    const bad = await request(sys.app).get(`/department/${CARE}/worklist`).query({ tier: 'platinum' }).set('authorization', `Bearer ${care}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.tier');
  });

  it('orders by deadline, or newest dispatch first on request (sort=newest), and refuses an unknown order', async () => {
    const byDeadline = await worklist({});
    const deadlines = byDeadline.map((r) => (r.deadline ? Date.parse(r.deadline) : Infinity));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const newest = await worklist({ sort: 'newest' });
    const dispatched = newest.map((r) => Date.parse(r.dispatchedAt));
    expect(dispatched).toEqual([...dispatched].sort((a, b) => b - a));
    // The three taken in order: the last one taken comes first.
    expect(mine(newest)).toEqual([ids.inquiry, ids.vip, ids.ordinary]);
    // Newest first, a page of one is the latest dispatch of all.
    expect((await worklist({ sort: 'newest', limit: 1 }))[0]!.workOrderId).toBe(newest[0]!.workOrderId);
    const bad = await request(sys.app).get(`/department/${CARE}/worklist`).query({ sort: 'oldest' }).set('authorization', `Bearer ${care}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.sort');
  });

  it('filters overdue ones, which the SLA clock has urged and escalated', async () => {
    // The VIP complaint's accept deadline (1 h, 6 s here) passes; the ordinary one's (4 h) does not.
    const overdue = await eventually(async () => {
      const rows = await worklist({ overdue: 'true', tier: 'vip' });
      const e = rows.find((r) => r.workOrderId === ids.vip);
      return e && e.escalationLevel !== 'city' ? e : undefined;
    }, 'the VIP complaint overdue and escalated');
    expect(overdue.overdue).toBe(true);
    expect(overdue.urgeCount).toBeGreaterThanOrEqual(1);
    // The ordinary complaint's accept deadline (4 h, 24 s here) may have passed too on a slow machine:
    // it is listed overdue exactly when its own deadline lies behind the moment of the query.
    const asked = Date.now();
    const listed = (await worklist({ overdue: 'true', type: 'complaint', tier: 'ordinary' })).find((r) => r.workOrderId === ids.ordinary);
    const answered = Date.now();
    const own = (await worklist({ type: 'complaint', tier: 'ordinary' })).find((r) => r.workOrderId === ids.ordinary)!;
    if (listed) expect(Date.parse(own.deadline!)).toBeLessThanOrEqual(answered);
    else expect(Date.parse(own.deadline!)).toBeGreaterThan(asked);
    expect(mine(await worklist({ overdue: 'false', tier: 'vip' }))).toEqual([]);
  });
});

describe("a work order's contact", () => {
  it('is given to the department holding it', async () => {
    const res = await request(sys.app).get(`/troubleTicket/${ids.ordinary}/contact`).set('authorization', `Bearer ${care}`);
    expect(res.status).toBe(200);
    const row = (await sys.orm.em.fork().getConnection().execute('select name, data from customer where id = ?', [ordinary.id]))[0] as {
      name: string;
      data: { contact?: { phone?: string } };
    };
    expect(res.body).toMatchObject({ id: ordinary.id, name: row.name, tier: 'ordinary', homeLocalNetwork: 'dalian' });
    expect(res.body.phone).toBe(row.data.contact?.phone);
  });

  it('is refused to a department that never held it, as the work order is', async () => {
    expect((await request(sys.app).get(`/troubleTicket/${ids.ordinary}/contact`).set('authorization', `Bearer ${shenyangCare}`)).status).toBe(403);
    expect((await request(sys.app).get('/troubleTicket/TT-none/contact').set('authorization', `Bearer ${care}`)).status).toBe(404);
  });
});

describe('the actions allowed now', () => {
  it("are what the work order's rules allow the caller, on reads and after each action", async () => {
    const read = async (token: string) => (await request(sys.app).get(`/troubleTicket/${ids.ordinary}`).set('authorization', `Bearer ${token}`)).body;
    expect((await read(care)).allowedActions).toEqual(['accept', 'note', 'waitOnCustomer', 'return']);
    // A supervisor steers it (a person never urges: the SLA clock does).
    const steering = (await read(supervisor)).allowedActions;
    expect(steering).toEqual(expect.arrayContaining(['note', 'escalate', 'cancel']));
    expect(steering).not.toContain('accept');
    const accepted = await request(sys.app).post(`/troubleTicket/${ids.ordinary}/event`).set('authorization', `Bearer ${care}`).send({ type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.allowedActions).toEqual(['note', 'waitOnCustomer', 'receipt', 'return', 'requestCoHandling']);
    expect(accepted.body.assignments.find((a: { department: string }) => a.department === CARE).acceptedAt).toEqual(expect.any(Number));
  });
});
