// The call-centre desk's API on real components: customer search by each criterion (ID numbers
// masked, never answered in full), scoped to the caller's local networks (the call centre finds a
// roaming caller of another network by exact identifiers), with 400s for a missing,
// malformed or unknown criterion; and the callbacks due, from the receipt to the customer's answer
// (satisfied closes, unsatisfied then reopen sends it back to the department).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { maskIdNumber } from '../../domain/id-number.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

const CARE = 'dalian-customer-care';
let sys: TestSystem;
let dalian: string;
let shenyang: string;
let care: string;
/** A Dalian customer with a live subscription and an ID number, as seeded. */
let seeded: { id: string; name: string; idNumber: string; serviceId: string; tier: string };
/** A customer of this test only, with a Latin name (case-insensitive prefix) and an ID ending in X. */
let latin: { id: string; name: string; idNumber: string };

const api = () => request(sys.app);
const search = (token: string, query: Record<string, string | number>) => api().get('/customer').query(query).set('authorization', `Bearer ${token}`);

beforeAll(async () => {
  sys = await startTestSystem();
  dalian = sys.token({ roles: ['call-centre'], sub: `cs-dalian-${randomUUID().slice(0, 8)}`, localNetworks: ['dalian'] });
  shenyang = sys.token({ roles: ['call-centre'], sub: `cs-shenyang-${randomUUID().slice(0, 8)}`, localNetworks: ['shenyang'] });
  care = sys.token({ roles: ['department'], sub: 'cs-care', department: CARE, localNetworks: [] });
  const conn = sys.orm.em.fork().getConnection();
  const rows = (await conn.execute(
    `select c.id, c.name, c.tier, c.data->>'idNumber' as id_number, s.service_id from customer c join subscription s on s.customer_id = c.id
      where c.home_local_network = 'dalian' and c.kind = 'individual' and c.status = 'active' and s.status = 'active' and s.service_line = 'gsm_mobile'
        and s.id like 'sub-%' -- seeded: other tests' orders add subscriptions (and reuse test numbers) on the shared database
        and length(c.data->>'idNumber') = 18
      order by c.id limit 1`,
  )) as Array<{ id: string; name: string; tier: string; id_number: string; service_id: string }>;
  const r = rows[0]!;
  seeded = { id: r.id, name: r.name, tier: r.tier, idNumber: r.id_number, serviceId: r.service_id };
  const tag = randomUUID().slice(0, 8);
  latin = { id: `cust-cs-${tag}`, name: `Ostrander Search ${tag}`, idNumber: `21020219800101${String(Date.now() % 1000).padStart(3, '0')}X` };
  await conn.execute(
    `insert into customer (id, kind, name, tier, home_local_network, status, data) values (?, 'individual', ?, 'gold', 'dalian', 'active', ?::jsonb)`,
    [latin.id, latin.name, JSON.stringify({ idNumber: latin.idNumber, contact: { phone: '13900000000' } })],
  );
});
afterAll(async () => {
  await sys?.orm.em.fork().getConnection().execute('delete from customer where id = ?', [latin?.id]);
  await sys?.stop();
});

describe('customer search', () => {
  it('finds a customer by service number, with the ID number masked and never in full', async () => {
    const res = await search(dalian, { serviceNumber: seeded.serviceId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: seeded.id,
        name: seeded.name,
        tier: seeded.tier,
        homeLocalNetwork: 'dalian',
        idNumberMasked: `${seeded.idNumber.slice(0, 6)}********${seeded.idNumber.slice(14)}`,
        serviceIds: expect.arrayContaining([seeded.serviceId]),
      }),
    ]);
    expect(res.headers['x-total-count']).toBe('1');
    expect(JSON.stringify(res.body)).not.toContain(seeded.idNumber);
  });

  it('finds a customer by customer id', async () => {
    const res = await search(dalian, { customerId: seeded.id });
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([seeded.id]);
  });

  it('finds by the full ID number, exact, the check character in either case; a part of it finds nobody', async () => {
    const byId = await search(dalian, { idNumber: seeded.idNumber });
    expect(byId.status).toBe(200);
    expect(byId.body.map((c: { id: string }) => c.id)).toEqual([seeded.id]);
    const lower = await search(dalian, { idNumber: latin.idNumber.toLowerCase() });
    expect(lower.body).toEqual([expect.objectContaining({ id: latin.id, idNumberMasked: maskIdNumber(latin.idNumber) })]);
    expect(JSON.stringify(lower.body)).not.toContain(latin.idNumber);
    const part = await search(dalian, { idNumber: seeded.idNumber.slice(0, 12) });
    expect(part.status).toBe(200);
    expect(part.body).toEqual([]);
  });

  it('finds by the beginning of the name, case-insensitive; LIKE characters are taken literally', async () => {
    const res = await search(dalian, { name: latin.name.slice(0, 20).toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([latin.id]);
    const chinese = await search(dalian, { name: seeded.name });
    expect(chinese.body.map((c: { id: string }) => c.id)).toContain(seeded.id);
    expect(Number(chinese.headers['x-total-count'])).toBeGreaterThanOrEqual(1);
    // Not a substring search, and % is no wildcard.
    expect((await search(dalian, { name: latin.name.slice(3) })).body).toEqual([]);
    expect((await search(dalian, { name: '%' })).body).toEqual([]);
  });

  it('pages by 20 at most, with the total in X-Total-Count', async () => {
    const first = seeded.name.slice(0, 1);
    const page = await search(dalian, { name: first, limit: 20 });
    expect(page.status).toBe(200);
    expect(page.body.length).toBeLessThanOrEqual(20);
    expect(Number(page.headers['x-total-count'])).toBeGreaterThanOrEqual(page.body.length);
    expect(page.body.every((c: { homeLocalNetwork: string; name: string }) => c.homeLocalNetwork === 'dalian' && c.name.startsWith(first))).toBe(true);
  });

  it('combines criteria: each must hold', async () => {
    expect((await search(dalian, { customerId: seeded.id, serviceNumber: seeded.serviceId })).body).toHaveLength(1);
    expect((await search(dalian, { customerId: latin.id, serviceNumber: seeded.serviceId })).body).toEqual([]);
  });

  it('never finds a customer of another local network for order entry: Shenyang finds nobody in Dalian, and may not open them', async () => {
    const shenyangEntry = sys.token({ roles: ['order-entry'], sub: `cs-entry-${randomUUID().slice(0, 8)}`, localNetworks: ['shenyang'] });
    const queries: Array<Record<string, string>> = [
      { serviceNumber: seeded.serviceId },
      { customerId: seeded.id },
      { idNumber: seeded.idNumber },
      { name: latin.name },
    ];
    for (const query of queries) {
      const res = await search(shenyangEntry, query);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.headers['x-total-count']).toBe('0');
    }
    const open = await api().get(`/customer/${seeded.id}`).set('authorization', `Bearer ${shenyangEntry}`);
    expect(open.status).toBe(403);
    // In scope, the customer 360 masks it too.
    const own = await api().get(`/customer/${seeded.id}`).set('authorization', `Bearer ${dalian}`);
    expect(own.status).toBe(200);
    expect(own.body.customer.idNumberMasked).toBe(maskIdNumber(seeded.idNumber));
    expect(JSON.stringify(own.body)).not.toContain(seeded.idNumber);
    // A province-level principal finds them.
    const province = sys.token({ roles: ['supervisor'], sub: 'cs-province', localNetworks: '*', level: 'province' });
    expect((await search(province, { customerId: seeded.id })).body).toHaveLength(1);
  });

  it("finds a roaming caller for the call centre of another network by exact identifiers, never by name, and opens their 360 without their other networks' orders", async () => {
    for (const query of [{ serviceNumber: seeded.serviceId }, { customerId: seeded.id }, { idNumber: seeded.idNumber }] as Array<Record<string, string>>) {
      const res = await search(shenyang, query);
      expect(res.status).toBe(200);
      expect(res.body.map((c: { id: string }) => c.id)).toEqual([seeded.id]);
      expect(res.body[0].homeLocalNetwork).toBe('dalian');
      expect(JSON.stringify(res.body)).not.toContain(seeded.idNumber);
    }
    // Browsing by name stays within the caller's own networks.
    expect((await search(shenyang, { name: latin.name })).body).toEqual([]);
    expect((await search(shenyang, { name: latin.name, customerId: latin.id })).body).toEqual([]);
    const open = await api().get(`/customer/${seeded.id}`).set('authorization', `Bearer ${shenyang}`);
    expect(open.status).toBe(200);
    expect(open.body.customer.idNumberMasked).toBe(maskIdNumber(seeded.idNumber));
    // Orders taken in Dalian stay out of a Shenyang agent's view, and so do work orders taken there.
    for (const o of [...open.body.openOrders, ...open.body.recentOrders]) expect(o.localNetwork).toBe('shenyang');
    const customer = { id: seeded.id, homeLocalNetwork: 'dalian', tier: seeded.tier };
    const home = await takeWorkOrder(sys, dalian, customer, { description: 'roaming test: taken at home' });
    expect(home.status).toBe(201);
    const ids = async (token: string) =>
      ((await api().get(`/customer/${seeded.id}`).set('authorization', `Bearer ${token}`)).body.openWorkOrders as Array<{ id: string }>).map((w) => w.id);
    await eventually(async () => ((await ids(dalian)).includes(home.body.id) ? true : undefined), "the home complaint in Dalian's view");
    expect(await ids(shenyang)).not.toContain(home.body.id);
    // And the Shenyang agent takes the roaming caller's complaint where it was made: forwarded home.
    const roaming = await takeWorkOrder(sys, shenyang, customer, { takenInLocalNetwork: 'shenyang', description: 'roaming test: no signal in Shenyang' });
    expect(roaming.status).toBe(201);
    expect(roaming.body.assignees.every((d: string) => d.startsWith('dalian-'))).toBe(true);
  });

  it('refuses a search without a criterion, naming every criterion', async () => {
    const res = await search(dalian, { limit: 5 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.serviceNumber', 'query.customerId', 'query.name', 'query.idNumber']);
  });

  it('refuses unknown, malformed and unbounded parameters with 400 naming the field', async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ phone: '13900000000' }, 'query.phone'],
      [{ serviceNumber: "1390'; drop table customer" }, 'query.serviceNumber'],
      [{ serviceNumber: '1'.repeat(33) }, 'query.serviceNumber'],
      [{ customerId: 'cust 1' }, 'query.customerId'],
      [{ name: 'x'.repeat(101) }, 'query.name'],
      [{ name: '   ' }, 'query.name'],
      [{ idNumber: '2102-0219' }, 'query.idNumber'],
      [{ idNumber: '1'.repeat(33) }, 'query.idNumber'],
      [{ name: 'a', limit: 21 }, 'query.limit'],
      [{ name: 'a', offset: -1 }, 'query.offset'],
    ];
    for (const [query, field] of cases) {
      const res = await search(dalian, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Repeated parameters are no string either.
    const twice = await api().get(`/customer?name=a&name=b`).set('authorization', `Bearer ${dalian}`);
    expect(twice.status).toBe(400);
  });

  it('answers the roles that find customers, and only those', async () => {
    for (const role of ['order-entry', 'agent', 'supervisor', 'ops', 'auditor'] as const) {
      const token = sys.token({ roles: [role], sub: `cs-${role}`, localNetworks: ['dalian'] });
      expect({ role, status: (await search(token, { customerId: seeded.id })).status }).toEqual({ role, status: 200 });
    }
    expect((await search(care, { customerId: seeded.id })).status).toBe(403);
    expect((await api().get('/customer').query({ customerId: seeded.id })).status).toBe(401);
  });
});

describe('callbacks due', () => {
  interface Callback {
    id: string;
    phase: string;
    state: string;
    customer: { id: string; name?: string };
    receipts: Array<{ department: string; result: string; notes?: string }>;
    waitingSince: string;
    callbackDueBy?: string;
    allowedActions: string[];
  }
  /** The whole list as the token sees it (other test files add theirs to the same database). */
  const callbacks = async (token: string): Promise<Callback[]> => {
    const all: Callback[] = [];
    for (let offset = 0; ; offset += 200) {
      const res = await api().get('/callbacks').query({ limit: 200, offset }).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      all.push(...res.body);
      if (res.body.length < 200) return all;
    }
  };
  const act = (token: string, id: string, event: Record<string, unknown>) =>
    api().post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
  const inCallbacks = (id: string, phase: string) =>
    eventually(async () => (await callbacks(dalian)).find((c) => c.id === id && c.phase === phase), `${id} ${phase} in the callbacks due`);

  /** A complaint taken by the Dalian call centre, accepted by customer care and answered with a receipt. */
  async function resolvedComplaint(description: string): Promise<string> {
    const customer: SeededCustomer = { id: seeded.id, homeLocalNetwork: 'dalian', tier: seeded.tier };
    const taken = await takeWorkOrder(sys, dalian, customer, { description });
    expect(taken.status).toBe(201);
    expect(taken.body.assignees).toEqual([CARE]);
    const id = taken.body.id as string;
    expect((await act(care, id, { type: 'accept' })).status).toBe(200);
    expect((await act(care, id, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_FIXED', notes: 'replaced the drop cable' })).status).toBe(200);
    return id;
  }

  it('lists a receipt to review, then the customer to call; satisfied closes the work order', async () => {
    const id = await resolvedComplaint('callbacks: the line drops every evening');
    const review = await inCallbacks(id, 'receiptReturned');
    expect(review).toMatchObject({
      state: 'inProgress',
      customer: { id: seeded.id, name: seeded.name },
      receipts: [{ department: CARE, result: 'resolved', notes: 'replaced the drop cable' }],
    });
    expect(review.allowedActions).toEqual(expect.arrayContaining(['approve', 'sendBack']));
    // Another local network's call centre does not see it.
    expect((await callbacks(shenyang)).map((c) => c.id)).not.toContain(id);
    // The customer on the phone's callbacks only: theirs, and nobody else's.
    const ofCustomer = async (customerId: string) =>
      (await api().get('/callbacks').query({ customerId }).set('authorization', `Bearer ${dalian}`)).body as Callback[];
    const theirs = await ofCustomer(seeded.id);
    expect(theirs.map((c) => c.id)).toContain(id);
    expect(theirs.every((c) => c.customer.id === seeded.id)).toBe(true);
    expect((await ofCustomer(latin.id)).map((c) => c.id)).not.toContain(id);
    const bad = await api().get('/callbacks').query({ customerId: 'no such id!' }).set('authorization', `Bearer ${dalian}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.customerId');
    expect((await act(dalian, id, { type: 'approve', notes: 'receipt checked' })).status).toBe(200);
    const call = await inCallbacks(id, 'customerNotified');
    expect(call.state).toBe('resolved');
    expect(call.allowedActions).toContain('recordSatisfaction');
    // Callbacks with a task first, soonest deadline first; then the others, oldest resolution first.
    const list = await callbacks(dalian);
    expect(list.find((c) => c.id === id)?.callbackDueBy).toBeDefined();
    const tasks = list.findIndex((c) => c.callbackDueBy === undefined);
    const [due, rest] = tasks < 0 ? [list, []] : [list.slice(0, tasks), list.slice(tasks)];
    expect(rest.every((c) => c.callbackDueBy === undefined)).toBe(true);
    const deadlines = due.map((c) => Date.parse(c.callbackDueBy!));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const since = rest.map((c) => Date.parse(c.waitingSince));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    const done = await act(dalian, id, { type: 'recordSatisfaction', satisfied: true, comment: 'works now' });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('closed');
    await eventually(async () => ((await callbacks(dalian)).some((c) => c.id === id) ? undefined : true), `${id} off the callbacks`);
  });

  it('an unsatisfied answer stays due until reopened, which sends it back to the department', async () => {
    const id = await resolvedComplaint('callbacks: billed for a service never ordered');
    await inCallbacks(id, 'receiptReturned');
    expect((await act(dalian, id, { type: 'approve' })).status).toBe(200);
    await inCallbacks(id, 'customerNotified');
    const answer = await act(dalian, id, { type: 'recordSatisfaction', satisfied: false, comment: 'still billed' });
    expect(answer.status).toBe(200);
    const unsatisfied = await inCallbacks(id, 'unsatisfied');
    expect(unsatisfied.allowedActions).toContain('reopen');
    const reopened = await act(dalian, id, { type: 'reopen', reason: 'customer dissatisfied: still billed' });
    expect(reopened.status).toBe(200);
    // Reopened, and at once dispatched again (round 1 of the closed loop).
    expect(reopened.body.reopenCount).toBe(1);
    expect(reopened.body.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'reopen', state: 'reopened' })]));
    expect(reopened.body.state).toBe('acknowledged');
    expect(reopened.body.assignees).toEqual([CARE]);
    await eventually(async () => ((await callbacks(dalian)).some((c) => c.id === id) ? undefined : true), `${id} off the callbacks`);
    // Back on the department's worklist (its open assignment rows), in round 1 of the closed loop.
    const open = await eventually(async () => {
      const rows = (await sys.orm.em
        .fork()
        .getConnection()
        .execute('select department, round from work_order_assignment where work_order_id = ? and open', [id])) as Array<{ department: string; round: number }>;
      return rows.length ? rows : undefined;
    }, `${id} back on the worklist`);
    expect(open).toEqual([{ department: CARE, round: 1 }]);
  });

  it('is for the call centre and supervisors only, with bounded paging', async () => {
    expect((await api().get('/callbacks').set('authorization', `Bearer ${care}`)).status).toBe(403);
    const ops = sys.token({ roles: ['order-entry'], sub: 'cs-order-entry', localNetworks: ['dalian'] });
    expect((await api().get('/callbacks').set('authorization', `Bearer ${ops}`)).status).toBe(403);
    const bad = await api().get('/callbacks').query({ limit: 500, state: 'resolved' }).set('authorization', `Bearer ${dalian}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.state']);
  });
});
