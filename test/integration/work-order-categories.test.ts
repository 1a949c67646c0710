// Complaint categories and roaming fault reports through the API on the real stack (issue 15,
// points 3 and 4): the tree served read-only, the category required on complaints and fault
// reports (root and TMF621 v5), routing and SLA by category, the search by a branch, roaming
// fault reports forwarded home, and the daily report per category and per channel on a seeded
// scenario worked out by hand.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { recordWorkOrder } from '../../db/work-orders.js';
import type { ReportRow } from '../../domain/reports.js';
import { slaPolicyFor, slaPolicyOf } from '../../domain/sla.js';
import { WORK_ORDER_CATEGORY_IDS, categoryById } from '../../domain/work-order-categories.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { AGENT, CENTRE, SYSTEM, build, dispatch, receipt, staff } from '../support/report-scenario.js';

let sys: TestSystem;
let centre: string;
let dalian: SeededCustomer;
let anshan: SeededCustomer;
const prefix = `CAT-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60) });
  centre = sys.token({ roles: ['call-centre'], sub: 'agent-cat', localNetworks: '*' });
  dalian = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
  anshan = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'anshan'");
  const em = sys.orm.em.fork();
  for (const s of reportScenario()) await recordWorkOrder(em, s, 1);
});
afterAll(async () => sys?.stop());

type Ticket = {
  id: string;
  category?: string;
  forwardedTo?: string;
  assignments: Array<{ department: string }>;
  sla: { policy: { id: string; resolveWithinMs: number } };
};

async function take(customer: SeededCustomer, body: Record<string, unknown>) {
  const res = await takeWorkOrder(sys, centre, customer, body);
  if (res.status !== 201) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Ticket;
}
const get = (path: string, token = centre) => request(sys.app).get(path).set('authorization', `Bearer ${token}`);

describe('the category tree', () => {
  it('is served read-only to those who take or read work orders, as the domain holds it', async () => {
    const res = await get('/workOrderCategory');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requiredFor: ['complaint', 'fault_report'], minLevel: 2 });
    type Node = { id: string; level: number; selectable: boolean; name: { 'zh-CN': string; en: string }; children?: Node[] };
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);
    const all = flat(res.body.categories as Node[]);
    expect(all.map((n) => n.id)).toEqual(WORK_ORDER_CATEGORY_IDS);
    expect(all.find((n) => n.id === 'billing-dispute')).toMatchObject({ level: 1, selectable: false, name: { 'zh-CN': '计费争议', en: 'Billing dispute' } });
    expect(all.find((n) => n.id === 'billing-dispute.charges.roaming')).toMatchObject({ level: 3, selectable: true });
    expect(all.every((n) => n.selectable === n.level >= 2)).toBe(true);

    const department = sys.token({ roles: ['department'], sub: 'dep-cat', department: 'dalian-billing-service', localNetworks: [] });
    expect((await get('/workOrderCategory', department)).status).toBe(200);
    const orderEntry = sys.token({ roles: ['order-entry'], sub: 'shop-cat', localNetworks: ['dalian'] });
    expect((await get('/workOrderCategory', orderEntry)).status).toBe(403);
    expect((await request(sys.app).get('/workOrderCategory')).status).toBe(401);
    expect((await request(sys.app).post('/workOrderCategory').set('authorization', `Bearer ${centre}`).send({})).status).toBe(404);
  });
});

describe('the category on a new work order', () => {
  it('is required on complaints and fault reports, a known node at level 2 or deeper: 400 naming the field otherwise', async () => {
    const refused = async (body: Record<string, unknown>, message: RegExp) => {
      const res = await takeWorkOrder(sys, centre, dalian, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'category', message: expect.stringMatching(message) })]);
    };
    await refused({ type: 'complaint', category: undefined }, /a complaint needs a category/);
    await refused({ type: 'fault_report', category: undefined }, /a fault_report needs a category/);
    await refused({ type: 'complaint', category: 'billing-dispute' }, /top-level branch; choose one under it/);
    await refused({ type: 'complaint', category: 'billing-dispute.nonsense' }, /no category "billing-dispute.nonsense"/);
    const tooLong = await takeWorkOrder(sys, centre, dalian, { category: `a.${'b'.repeat(200)}` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('category');
    // Optional on the other types.
    const inquiry = await take(dalian, { type: 'inquiry', category: undefined });
    expect(inquiry.category).toBeUndefined();
  });

  it('routes a billing dispute to billing service and gives a network-quality complaint its shorter SLA', async () => {
    const billing = await take(dalian, { category: 'billing-dispute.charges.long-distance', serviceLine: 'fixed_line' });
    expect(billing.category).toBe('billing-dispute.charges.long-distance');
    expect(billing.assignments.map((a) => a.department)).toEqual(['dalian-billing-service']);
    expect(billing.sla.policy.id).toBe('complaint/ordinary');

    const network = await take(dalian, { category: 'network-quality.mobile-coverage.dropped-calls', serviceLine: 'gsm_mobile' });
    expect(network.assignments.map((a) => a.department)).toEqual(['dalian-customer-care']);
    expect(network.sla.policy).toEqual(slaPolicyOf('complaint', 'ordinary', 'network-quality.mobile-coverage.dropped-calls'));
    expect(network.sla.policy.id).toBe('complaint/ordinary/network-quality');
    expect(network.sla.policy.resolveWithinMs).toBeLessThan(slaPolicyFor('complaint', 'ordinary').resolveWithinMs);

    // The search by a branch of the tree: the billing dispute, not the network complaint.
    await eventually(async () => ((await get(`/troubleTicket/${network.id}`)).headers['x-data-source'] === 'read-model' ? true : undefined), 'read model');
    await eventually(async () => ((await get(`/troubleTicket/${billing.id}`)).headers['x-data-source'] === 'read-model' ? true : undefined), 'read model');
    const found = await get('/troubleTicket?category=billing-dispute.charges&limit=200');
    expect(found.status).toBe(200);
    const ids = (found.body as Ticket[]).map((t) => t.id);
    expect(ids).toContain(billing.id);
    expect(ids).not.toContain(network.id);
    expect((found.body as Ticket[]).every((t) => categoryById(t.category!)!.id.startsWith('billing-dispute.charges'))).toBe(true);
    expect((await get('/troubleTicket?category=Billing%20dispute')).status).toBe(400);
  });
});

describe('TMF621 v5: the category as the characteristic `category`', () => {
  const TT = '/tmf-api/troubleTicket/v5/troubleTicket';
  const body = (characteristics: Array<{ name: string; value: string }>, ticketType = 'faultReport') => ({
    description: `no signal at home (${randomUUID()})`,
    ticketType,
    severity: 'Major',
    channel: { id: 'web' },
    relatedParty: [{ id: dalian.id, role: 'customer' }],
    troubleTicketCharacteristic: [{ name: 'serviceLine', value: 'gsm_mobile' }, { name: 'takenInLocalNetwork', value: 'dalian' }, ...characteristics],
  });

  it('is taken and shown back; missing or a top-level branch on a fault report is a 400 naming troubleTicketCharacteristic', async () => {
    const post = (b: object) => request(sys.app).post(TT).set('authorization', `Bearer ${centre}`).send(b);
    const ok = await post(body([{ name: 'category', value: 'network-quality.mobile-coverage.no-signal' }]));
    expect(ok.status).toBe(201);
    expect(ok.body.troubleTicketCharacteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'category', value: 'network-quality.mobile-coverage.no-signal', '@type': 'StringCharacteristic' }),
      ]),
    );
    const missing = await post(body([]));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'troubleTicketCharacteristic', message: expect.stringMatching(/category: a fault_report needs a category/) }),
    ]);
    const top = await post(body([{ name: 'category', value: 'network-quality' }]));
    expect(top.status).toBe(400);
    expect(top.body.errors[0].message).toMatch(/top-level branch/);
    const twice = await post(
      body(
        [
          { name: 'category', value: 'marketing.promotion' },
          { name: 'category', value: 'marketing.misleading' },
        ],
        'complaint',
      ),
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].message).toMatch(/at most one category/);
    // An inquiry needs none.
    expect((await post(body([], 'inquiry'))).status).toBe(201);
  });
});

describe('roaming fault reports', () => {
  it('are forwarded to the home local network and handled there; both sides follow them', async () => {
    // An Anshan customer reports a fault while in Dalian.
    const wo = await take(anshan, {
      type: 'fault_report',
      takenInLocalNetwork: 'dalian',
      serviceLine: 'gsm_mobile',
      category: 'network-quality.mobile-coverage.no-signal',
    });
    expect(wo.forwardedTo).toBe('anshan');
    expect(wo.assignments.map((a) => a.department)).toEqual(['anshan-network-maintenance']);
    const full = (await get(`/troubleTicket/${wo.id}`)).body as { timeline: Array<{ action: string; details?: unknown }> };
    expect(full.timeline.find((e) => e.action === 'forwarded')?.details).toEqual({ from: 'dalian', to: 'anshan' });
    const dalianCentre = sys.token({ roles: ['call-centre'], sub: 'dl-cat', localNetworks: ['dalian'] });
    const anshanCentre = sys.token({ roles: ['call-centre'], sub: 'as-cat', localNetworks: ['anshan'] });
    const shenyangCentre = sys.token({ roles: ['call-centre'], sub: 'sy-cat', localNetworks: ['shenyang'] });
    await eventually(async () => ((await get(`/troubleTicket/${wo.id}`, dalianCentre)).status === 200 ? true : undefined), 'visible where taken');
    expect((await get(`/troubleTicket/${wo.id}`, anshanCentre)).status).toBe(200);
    expect((await get(`/troubleTicket/${wo.id}`, shenyangCentre)).status).toBe(403);
    // The home network's department works it.
    const staffToken = sys.token({ roles: ['department'], sub: 'as-nm', department: 'anshan-network-maintenance', localNetworks: [] });
    const accepted = await request(sys.app).post(`/troubleTicket/${wo.id}/event`).set('authorization', `Bearer ${staffToken}`).send({ type: 'accept' });
    expect(accepted.status).toBe(200);
  });
});

// ---- The daily report per category and per channel ---------------------------------------------
//
// Fault-report SLA of the scenario (report-scenario.ts): accept within 1 h, resolve within 4 h of the
// dispatch, real time. 8–9 February 2026, China time:
//   K1 Jinzhou complaint, billing-dispute.tariff, phone: dispatched 8th 09:00, receipt 10:00 (in time),
//      closed satisfied 10:30.
//   K2 Jinzhou complaint, billing-dispute.charges.roaming, web: dispatched 8th 11:00, escalated 15:01,
//      receipt 9th 09:00 (22 h, late), still open.
//   K3 Jinzhou fault report, network-quality.broadband.slow, phone: dispatched 8th 12:00, open.
//   K4 Tieling complaint, billing-dispute.bill, sms: dispatched 8th 13:00, open.
//   K5 Jinzhou inquiry, no category, sms: dispatched 9th 10:00, open.
// In Jinzhou and Tieling, where no other test's report scenario runs (the reports test's is in Dalian,
// Shenyang and Anshan, 2–4 March): work orders one leaves open count in the other's backlog. And in
// February, before any of them. 8 February 2026 is a Sunday, as 8 March is.
const FEBRUARY = '02';
function reportScenario() {
  const c = (id: string) => `${prefix}-${id}`;
  return [
    build(
      c('K1'),
      'jinzhou',
      '8T09:00:00',
      [
        ['8T09:00:00', { type: 'classify' }, SYSTEM],
        ['8T09:00:00', dispatch('jinzhou-billing-service'), SYSTEM],
        ['8T09:10:00', { type: 'accept' }, staff('jinzhou-billing-service')],
        ['8T10:00:00', receipt, staff('jinzhou-billing-service')],
        ['8T10:05:00', { type: 'approve' }, CENTRE],
        ['8T10:06:00', { type: 'notifyCustomer' }, SYSTEM],
        ['8T10:30:00', { type: 'recordSatisfaction', satisfied: true, score: 5 }, AGENT],
      ],
      { type: 'complaint', category: 'billing-dispute.tariff', channel: 'phone' },
      FEBRUARY,
    ),
    build(
      c('K2'),
      'jinzhou',
      '8T11:00:00',
      [
        ['8T11:00:00', { type: 'classify' }, SYSTEM],
        ['8T11:00:00', dispatch('jinzhou-billing-service'), SYSTEM],
        ['8T15:01:00', { type: 'escalate', reason: 'resolve deadline passed' }, SYSTEM],
        ['9T08:00:00', { type: 'accept' }, staff('jinzhou-billing-service')],
        ['9T09:00:00', receipt, staff('jinzhou-billing-service')],
      ],
      { type: 'complaint', category: 'billing-dispute.charges.roaming', channel: 'web' },
      FEBRUARY,
    ),
    build(
      c('K3'),
      'jinzhou',
      '8T12:00:00',
      [
        ['8T12:00:00', { type: 'classify' }, SYSTEM],
        ['8T12:00:00', dispatch('jinzhou-broadband-support'), SYSTEM],
      ],
      { category: 'network-quality.broadband.slow', channel: 'phone' },
      FEBRUARY,
    ),
    build(
      c('K4'),
      'tieling',
      '8T13:00:00',
      [
        ['8T13:00:00', { type: 'classify' }, SYSTEM],
        ['8T13:00:00', dispatch('tieling-billing-service'), SYSTEM],
      ],
      { type: 'complaint', category: 'billing-dispute.bill', channel: 'sms' },
      FEBRUARY,
    ),
    build(
      c('K5'),
      'jinzhou',
      '9T10:00:00',
      [
        ['9T10:00:00', { type: 'classify' }, SYSTEM],
        ['9T10:00:00', dispatch('jinzhou-customer-care'), SYSTEM],
      ],
      { type: 'inquiry', channel: 'sms' },
      FEBRUARY,
    ),
  ];
}

describe('the daily report per category and per channel', () => {
  const ops = () => sys.token({ roles: ['ops'], sub: 'ops-cat', localNetworks: '*' });
  const report = async (query: string, token = ops()) => {
    const res = await get(`/reports/daily?from=2026-02-08&to=2026-02-09&${query}`, token);
    expect(res.status).toBe(200);
    return res.body as { groupBy: string; rows: ReportRow[] };
  };
  const row = (rows: ReportRow[], day: string, group: string) => {
    const r = rows.find((x) => x.day === `2026-02-0${day}` && x.group === group);
    if (!r) throw new Error(`no row ${day}/${group} in ${JSON.stringify(rows.map((x) => [x.day, x.group]))}`);
    return r;
  };
  const none = {
    received: 0,
    slaMet: 0,
    slaMissed: 0,
    slaCompliance: null,
    receipts: 0,
    avgHandlingSeconds: null,
    escalations: { total: 0, province: 0, national: 0 },
  };

  it('per category: the top-level branch of each work order’s category, uncategorized without one', async () => {
    const body = await report('groupBy=category');
    expect(body.groupBy).toBe('category');
    const { rows } = body;
    expect(rows.map((r) => `${r.day}/${r.group}`)).toEqual([
      '2026-02-08/billing-dispute',
      '2026-02-08/network-quality',
      '2026-02-09/billing-dispute',
      '2026-02-09/network-quality',
      '2026-02-09/uncategorized',
    ]);
    expect(rows.every((r) => r.orders === null)).toBe(true);
    // 8th: K1, K2, K4 taken; K1 answered in 1 h (in time) and closed; K2 escalated; K2 and K4 open at midnight.
    expect(row(rows, '8', 'billing-dispute').workOrders).toMatchObject({
      received: 3,
      slaMet: 1,
      slaMissed: 0,
      slaCompliance: 1,
      receipts: 1,
      avgHandlingSeconds: 3600,
      backlog: 2,
      escalations: { total: 1, province: 1, national: 0 },
      reopened: 0,
      closed: 1,
      reopenRate: 0,
    });
    expect(row(rows, '8', 'network-quality').workOrders).toMatchObject({ ...none, received: 1, backlog: 1, closed: 0 });
    // 9th: K2 answered 22 h after its dispatch, 18 h late; K2 and K4 still open.
    expect(row(rows, '9', 'billing-dispute').workOrders).toMatchObject({
      received: 0,
      slaMet: 0,
      slaMissed: 1,
      slaCompliance: 0,
      receipts: 1,
      avgHandlingSeconds: 79200,
      backlog: 2,
      closed: 0,
    });
    expect(row(rows, '9', 'network-quality').workOrders).toMatchObject({ ...none, backlog: 1 });
    expect(row(rows, '9', 'uncategorized').workOrders).toMatchObject({ ...none, received: 1, backlog: 1 });
  });

  it('per channel: how each work order came in', async () => {
    const { rows } = await report('groupBy=channel');
    expect(rows.map((r) => `${r.day}/${r.group}`)).toEqual([
      '2026-02-08/phone',
      '2026-02-08/sms',
      '2026-02-08/web',
      '2026-02-09/phone',
      '2026-02-09/sms',
      '2026-02-09/web',
    ]);
    // 8th, phone: K1 (answered in 1 h, closed) and K3 (open).
    expect(row(rows, '8', 'phone').workOrders).toMatchObject({
      received: 2,
      slaMet: 1,
      slaMissed: 0,
      receipts: 1,
      avgHandlingSeconds: 3600,
      backlog: 1,
      closed: 1,
    });
    expect(row(rows, '8', 'web').workOrders).toMatchObject({ ...none, received: 1, backlog: 1, escalations: { total: 1, province: 1, national: 0 } });
    expect(row(rows, '8', 'sms').workOrders).toMatchObject({ ...none, received: 1, backlog: 1 });
    expect(row(rows, '9', 'phone').workOrders).toMatchObject({ ...none, backlog: 1 });
    expect(row(rows, '9', 'web').workOrders).toMatchObject({ received: 0, slaMissed: 1, receipts: 1, avgHandlingSeconds: 79200, backlog: 1 });
    // K4 (Tieling, open since the 8th) and K5 (taken on the 9th).
    expect(row(rows, '9', 'sms').workOrders).toMatchObject({ ...none, received: 1, backlog: 2 });
  });

  it('counts only the work orders handled in the reader’s local networks, and in CSV too', async () => {
    const jinzhouSupervisor = sys.token({ roles: ['supervisor'], sub: 'sup-cat', localNetworks: ['jinzhou'], level: 'city' });
    const byCategory = (await report('groupBy=category', jinzhouSupervisor)).rows;
    // Without Tieling's K4: K1 and K2 taken, only K2 open at midnight.
    expect(row(byCategory, '8', 'billing-dispute').workOrders).toMatchObject({ received: 2, backlog: 1, slaMet: 1 });
    const byChannel = (await report('groupBy=channel', jinzhouSupervisor)).rows;
    expect(byChannel.some((r) => r.day === '2026-02-08' && r.group === 'sms')).toBe(false);
    expect(row(byChannel, '9', 'sms').workOrders).toMatchObject({ received: 1, backlog: 1 });

    const csv = await get('/reports/daily?from=2026-02-08&to=2026-02-09&groupBy=category&format=csv', ops());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('daily-report-category-2026-02-08-2026-02-09.csv');
    const lines = csv.text.trim().split('\n');
    const header = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    expect(first.slice(0, 2)).toEqual(['2026-02-08', 'billing-dispute']);
    expect(first[header.indexOf('workOrders.received')]).toBe('3');
    expect((await get('/reports/daily?from=2026-02-08&to=2026-02-09&groupBy=subcategory', ops())).status).toBe(400);
  });
});
