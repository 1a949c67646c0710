// The supervisor board's API on real components: the list's filters (overdue, about to breach,
// escalated, local network, department) on work orders the SLA clock really moves — an hour passes as
// 30 s here (SLA_TIME_SCALE 1/120), so an ordinary fault report passes its urge mark (1.5 h) after
// 45 s and its accept deadline (2 h) after 60 s, escalating to the province, while an ordinary
// service request's urge mark (7.2 h) is over 3 minutes away — the scope across local networks and levels,
// 400 on bad parameters, the counts, the departments to transfer to, and a transfer and a manual
// escalation by a supervisor through POST /troubleTicket/{id}/event. The work orders live in Panjin
// and Dandong, local networks the other test files (same database, in parallel) hardly use.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

const A = 'panjin';
const B = 'dandong';
const MAINT_A = `${A}-network-maintenance`;
const INSTALL_A = `${A}-installation`;
const BILLING_A = `${A}-billing-service`;

interface Entry {
  workOrderId: string;
  department: string;
  localNetwork: string;
  deadline: string | null;
  urgeAt: string | null;
  overdue: boolean;
  escalationLevel: string;
}

let sys: TestSystem;
let supA: string;
let supB: string;
let supProvince: string;
let maintA: string;
let installA: string;
let billingA: string;
const ids = { fastA: '', fastB: '', plainA: '', transfer: '', escalate: '' };

beforeAll(async () => {
  // An hour is a minute: the fault report's accept window (2 h) is "soon" from 90 s to 120 s after it was taken.
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60) });
  supA = sys.token({ roles: ['supervisor'], sub: 'board-sup-a', localNetworks: [A], department: `${A}-service-centre`, level: 'city' });
  supB = sys.token({ roles: ['supervisor'], sub: 'board-sup-b', localNetworks: [B], department: `${B}-service-centre`, level: 'city' });
  supProvince = sys.token({ roles: ['supervisor'], sub: 'board-sup-province', localNetworks: '*', department: 'liaoning-service-centre', level: 'province' });
  maintA = sys.token({ roles: ['department'], sub: 'board-maint-a', department: MAINT_A, localNetworks: [] });
  installA = sys.token({ roles: ['department'], sub: 'board-install-a', department: INSTALL_A, localNetworks: [] });
  billingA = sys.token({ roles: ['department'], sub: 'board-billing-a', department: BILLING_A, localNetworks: [] });
  const customer = (network: string) => findCustomer(sys, `c.home_local_network = '${network}' and c.tier = 'ordinary'`);
  const take = async (c: SeededCustomer, token: string, type: 'fault_report' | 'service_request', description: string) => {
    const res = await takeWorkOrder(sys, token, c, { type, description });
    expect(res.status).toBe(201);
    expect(res.body.assignees).toEqual([type === 'fault_report' ? `${c.homeLocalNetwork}-network-maintenance` : `${c.homeLocalNetwork}-installation`]);
    return res.body.id as string;
  };
  const [a, b] = await Promise.all([customer(A), customer(B)]);
  ids.plainA = await take(a, supA, 'service_request', 'board: a second line, Panjin');
  ids.transfer = await take(a, supA, 'service_request', 'board: to be transferred to billing');
  ids.escalate = await take(a, supA, 'service_request', 'board: to be escalated by hand');
  // The fault reports last: their "soon" window starts counting when they are taken, so the set-up
  // before the first test (slow on a busy machine) eats none of it.
  ids.fastB = await take(b, supB, 'fault_report', 'board: no dial tone in Dandong');
  ids.fastA = await take(a, supA, 'fault_report', 'board: no dial tone in Panjin');
  await eventually(async () => {
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select count(distinct work_order_id)::int as n from work_order_assignment where open and work_order_id = any(?::text[])', [
        `{${Object.values(ids).join(',')}}`,
      ]);
    return (rows[0] as { n: number }).n === 5 ? true : undefined;
  }, 'the five in the read model');
}, 120_000);
afterAll(async () => sys?.stop());

const board = async (token: string, query: Record<string, string | number> = {}) => {
  const res = await request(sys.app)
    .get('/supervision/worklist')
    .query({ limit: 200, ...query })
    .set('authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(res.body.length);
  return res.body as Entry[];
};
const mine = (rows: Entry[]) => [...new Set(rows.map((r) => r.workOrderId).filter((id) => Object.values(ids).includes(id)))].sort();
const listed = (rows: Entry[], id: string) => rows.find((r) => r.workOrderId === id);
const act = (token: string, id: string, event: Record<string, unknown>) =>
  request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);

describe('the board follows the SLA clock', () => {
  it('lists a work order past its urge mark as about to breach, then as overdue and escalated', async () => {
    const soon = await eventually(
      async () => listed(await board(supA, { due: 'soon', localNetwork: A }), ids.fastA),
      'the fault report about to breach',
      150_000,
    );
    expect(Date.parse(soon.urgeAt!)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(soon.deadline!)).toBeGreaterThan(Date.parse(soon.urgeAt!));
    expect(soon.overdue).toBe(false);
    // The service request's urge mark (minutes away) has not passed: in neither tab.
    expect(listed(await board(supA, { due: 'soon' }), ids.plainA)).toBeUndefined();

    const overdue = await eventually(
      async () => {
        const e = listed(await board(supA, { due: 'overdue', escalated: 'true' }), ids.fastA);
        return e?.escalationLevel === 'province' ? e : undefined;
      },
      'the fault report overdue and escalated by the SLA clock',
      120_000,
    );
    expect(overdue.overdue).toBe(true);
    expect(Date.parse(overdue.deadline!)).toBeLessThan(Date.now());
    expect(listed(await board(supA, { due: 'soon' }), ids.fastA)).toBeUndefined();
    expect(listed(await board(supA, { escalated: 'false' }), ids.fastA)).toBeUndefined();
    expect(listed(await board(supA, { due: 'overdue' }), ids.plainA)).toBeUndefined();
  }, 300_000);

  it("keeps each assignment's urge mark in the read model, the same as the entry shows", async () => {
    const entry = listed(await board(supA, { department: INSTALL_A }), ids.plainA)!;
    const rows = (await sys.orm.em
      .fork()
      .getConnection()
      .execute('select urge_at, deadline from work_order_assignment where work_order_id = ? and open', [ids.plainA])) as Array<{
      urge_at: Date;
      deadline: Date;
    }>;
    expect(new Date(rows[0]!.urge_at).toISOString()).toBe(entry.urgeAt);
    expect(new Date(rows[0]!.deadline).toISOString()).toBe(entry.deadline);
  });

  it('orders by deadline, the most overdue first', async () => {
    const rows = await board(supA, { localNetwork: A });
    const deadlines = rows.map((r) => (r.deadline === null ? Infinity : Date.parse(r.deadline)));
    expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
  });

  it('counts each tab as its list does', async () => {
    await eventually(async () => {
      const counts = await request(sys.app).get('/supervision/counts').query({ localNetwork: A }).set('authorization', `Bearer ${supA}`);
      expect(counts.status).toBe(200);
      const total = async (query: Record<string, string>) =>
        Number(
          (
            await request(sys.app)
              .get('/supervision/worklist')
              .query({ localNetwork: A, limit: 1, ...query })
              .set('authorization', `Bearer ${supA}`)
          ).headers['x-total-count'],
        );
      const lists = {
        open: await total({}),
        overdue: await total({ due: 'overdue' }),
        soon: await total({ due: 'soon' }),
        escalated: await total({ escalated: 'true' }),
      };
      // A deadline may pass between two reads: asked again until both agree.
      return JSON.stringify(lists) === JSON.stringify(counts.body) ? true : undefined;
    }, 'counts and lists agreeing');
  });
});

describe("the board's scope", () => {
  it('shows a city supervisor the work orders of their own local network only', async () => {
    expect(mine(await board(supA))).toEqual([ids.escalate, ids.plainA, ids.transfer, ids.fastA].sort());
    expect(mine(await board(supB))).toEqual([ids.fastB]);
    expect((await board(supB)).every((r) => r.localNetwork === B)).toBe(true);
  });

  it('shows a province supervisor every local network, and one when asked', async () => {
    expect(mine(await board(supProvince, { localNetwork: A }))).toEqual([ids.escalate, ids.plainA, ids.transfer, ids.fastA].sort());
    expect(mine(await board(supProvince, { localNetwork: B }))).toEqual([ids.fastB]);
    expect(mine(await board(supProvince, { localNetwork: B, department: MAINT_A }))).toEqual([]);
  });

  it("a city supervisor with no local network listed watches their own department's", async () => {
    const own = sys.token({ roles: ['supervisor'], sub: 'board-sup-own', localNetworks: [], department: `${A}-service-centre`, level: 'city' });
    expect(mine(await board(own))).toEqual([ids.escalate, ids.plainA, ids.transfer, ids.fastA].sort());
  });

  it('refuses, 403, a local network or a city department asked for outside the scope', async () => {
    for (const [path, query] of [
      ['/supervision/worklist', { localNetwork: B }],
      ['/supervision/worklist', { department: `${B}-customer-care` }],
      ['/supervision/counts', { localNetwork: B }],
      ['/department', { localNetwork: B }],
    ] as const) {
      const res = await request(sys.app).get(path).query(query).set('authorization', `Bearer ${supA}`);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('is for supervisors and ops only', async () => {
    for (const token of [maintA, sys.token({ roles: ['call-centre'], localNetworks: [A] })]) {
      expect((await request(sys.app).get('/supervision/worklist').set('authorization', `Bearer ${token}`)).status).toBe(403);
    }
  });

  it('lists the departments a work order can be transferred to: those in scope and the centres', async () => {
    const res = await request(sys.app).get('/department').set('authorization', `Bearer ${supA}`);
    expect(res.status).toBe(200);
    const departments = res.body as Array<{ id: string; level: string; localNetwork?: string }>;
    expect(departments.map((d) => d.id)).toEqual(expect.arrayContaining([MAINT_A, BILLING_A, 'liaoning-service-centre', 'national-service-centre']));
    expect(departments.filter((d) => d.level === 'city').every((d) => d.localNetwork === A)).toBe(true);
    const province = await request(sys.app).get('/department').query({ localNetwork: B }).set('authorization', `Bearer ${supProvince}`);
    expect((province.body as Array<{ id: string; localNetwork?: string }>).filter((d) => d.localNetwork).every((d) => d.localNetwork === B)).toBe(true);
  });
});

describe('bad parameters', () => {
  it.each([
    [{ due: 'late' }, 'query.due'],
    [{ escalated: 'yes' }, 'query.escalated'],
    [{ localNetwork: 'atlantis' }, 'query.localNetwork'],
    [{ department: 'atlantis-care' }, 'query.department'],
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 201 }, 'query.limit'],
    [{ offset: -1 }, 'query.offset'],
    [{ overdue: 'true' }, 'query'],
  ])('%j is a 400 naming %s', async (query, field) => {
    const res = await request(sys.app).get('/supervision/worklist').query(query).set('authorization', `Bearer ${supA}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).some((f) => f.startsWith(field))).toBe(true);
  });

  it('a department or local network that does not exist is a 400 on the counts and departments too', async () => {
    expect((await request(sys.app).get('/supervision/counts').query({ department: 'x' }).set('authorization', `Bearer ${supA}`)).status).toBe(400);
    expect((await request(sys.app).get('/department').query({ localNetwork: 'x' }).set('authorization', `Bearer ${supA}`)).status).toBe(400);
    expect((await request(sys.app).get('/department').query({ what: 'x' }).set('authorization', `Bearer ${supA}`)).status).toBe(400);
  });
});

describe('acting from the board', () => {
  it('a supervisor transfers a work order: it leaves the old department and reaches the new one', async () => {
    const missing = await act(supA, ids.transfer, { type: 'transfer', from: INSTALL_A, to: BILLING_A });
    expect(missing.status).toBe(400);
    // Another network's supervisor may not even see it.
    expect((await act(supB, ids.transfer, { type: 'transfer', from: INSTALL_A, to: BILLING_A, reason: 'billing matter' })).status).toBe(403);

    const res = await act(supA, ids.transfer, { type: 'transfer', from: INSTALL_A, to: BILLING_A, reason: 'a billing matter, not customer care' });
    expect(res.status).toBe(200);
    expect(res.body.assignees).toEqual([BILLING_A]);
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'transfer', details: { from: INSTALL_A, to: BILLING_A } });
    await eventually(async () => {
      const [from, to] = await Promise.all([board(supA, { department: INSTALL_A }), board(supA, { department: BILLING_A })]);
      return !listed(from, ids.transfer) && listed(to, ids.transfer) ? true : undefined;
    }, 'the board following the transfer');
    const worklist = async (department: string, token: string) =>
      (await request(sys.app).get(`/department/${department}/worklist`).query({ limit: 200 }).set('authorization', `Bearer ${token}`)).body as Entry[];
    expect(listed(await worklist(BILLING_A, billingA), ids.transfer)).toBeDefined();
    expect(listed(await worklist(INSTALL_A, installA), ids.transfer)).toBeUndefined();

    // Again from the department that no longer holds it: the work order refuses, 409.
    const again = await act(supA, ids.transfer, { type: 'transfer', from: INSTALL_A, to: BILLING_A, reason: 'once more' });
    expect(again.status).toBe(409);
  });

  it('a supervisor escalates a work order by hand: it moves up a level and into the escalated tab', async () => {
    expect((await act(supA, ids.escalate, { type: 'escalate', reason: '' })).status).toBe(400);
    const res = await act(supA, ids.escalate, { type: 'escalate', reason: 'the customer called a third time' });
    expect(res.status).toBe(200);
    expect(res.body.escalationLevel).toBe('province');
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'escalate', details: { from: 'city', to: 'province' } });
    const entry = await eventually(async () => listed(await board(supA, { escalated: 'true', localNetwork: A }), ids.escalate), 'escalated on the board');
    expect(entry.escalationLevel).toBe('province');
    expect(listed(await board(supA, { escalated: 'false' }), ids.escalate)).toBeUndefined();
  });
});

describe('the daily report the charts read', () => {
  it('gives each department its backlog, the overdue part of it, and SLA compliance', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await request(sys.app).get('/reports/daily').query({ from: today, to: today, groupBy: 'department' }).set('authorization', `Bearer ${supA}`);
    expect(res.status).toBe(200);
    const rows = res.body.rows as Array<{ group: string; workOrders: { backlog: number; overdue?: number; slaCompliance: number | null } }>;
    // Network maintenance holds the overdue fault report; installation the two service requests not
    // yet due (the transferred one left it).
    const maint = rows.find((r) => r.group === MAINT_A)!.workOrders;
    expect(maint.overdue).toBeGreaterThanOrEqual(1);
    expect(maint.backlog).toBeGreaterThanOrEqual(maint.overdue!);
    const install = rows.find((r) => r.group === INSTALL_A)!.workOrders;
    expect(install.backlog).toBeGreaterThanOrEqual(2);
    expect(install.overdue).toBeLessThan(install.backlog);
    expect(rows.find((r) => r.group === BILLING_A)!.workOrders.backlog).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.group.startsWith(`${B}-`))).toBe(false);
    // Per local network: no overdue figure (the grouping's figures stay as they were).
    const perNetwork = await request(sys.app).get('/reports/daily').query({ from: today, to: today }).set('authorization', `Bearer ${supA}`);
    expect(perNetwork.body.rows.every((r: { workOrders: object }) => !('overdue' in r.workOrders))).toBe(true);
  });
});
