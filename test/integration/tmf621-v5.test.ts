// TMF621 Trouble Ticket v5 as published, on real components: a ticket goes through its whole life
// over the v5 paths (created, taken by a department through the closed loop's own event endpoint,
// information asked of the customer, resolved with the published merge-patch example, closed,
// reopened twice, closed), and the edge refuses what it does not take, naming it. Every request
// sent and every response is validated against the published TMF621 v5.0.0 document
// (harness/tmf-spec.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, type SeededCustomer } from '../../harness/fixtures.js';
import { TmfSpec } from '../../harness/tmf-spec.js';
import { presentInformationRequiredV5 } from '../../api/presenters/trouble-ticket-v5.js';
import type { WorkOrderSnapshot } from '../../domain/work-order.js';

const BASE = '/tmf-api/troubleTicket/v5';
const MERGE_PATCH = 'application/merge-patch+json';
const PUBLIC_URL = 'https://care.example.com/api';
let sys: TestSystem;
let spec: TmfSpec;
let customer: SeededCustomer;
let subscriptionId: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies as the specification shapes them
type Json = Record<string, any>;

beforeAll(async () => {
  spec = TmfSpec.load('TMF621');
  // SLA hours pass as minutes: no deadline interferes. Behind a proxy: hrefs are the public address's.
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 60), API_PUBLIC_URL: PUBLIC_URL });
  customer = await findCustomer(
    sys,
    "c.tier = 'ordinary' and c.home_local_network = 'dalian' and exists (select 1 from subscription s where s.customer_id = c.id and s.service_line = 'fixed_line')",
  );
  const rows = (await sys.orm.em
    .fork()
    .getConnection()
    .execute(`select id from subscription where customer_id = ? and service_line = 'fixed_line' order by id limit 1`, [customer.id])) as Array<{ id: string }>;
  subscriptionId = rows[0]!.id;
});
afterAll(async () => sys?.stop());

// ---- validation against the published document ---------------------------------------------------

function expectValid(schema: string, body: unknown, allowed: RegExp[] = []) {
  const errors = spec.check(schema, body).filter((e) => !allowed.some((a) => a.test(e)));
  expect({ schema, errors }).toEqual({ schema, errors: [] });
}

/** A `fields` selection leaves out attributes TroubleTicket requires (TMF630 partial representation): only that is allowed. */
const PARTIAL = [/^\/: must have required property '(description|status|severity|ticketType)'$/];

/** The TMF Error fields of a problem (its status is problem+json's number; TMF's Error has a string: not compared). */
function expectTmfError(body: Json) {
  const { status: _status, ...rest } = body;
  expectValid('Error', rest);
  expect(body).toMatchObject({ '@type': 'Error', code: expect.any(String), reason: expect.any(String) });
}

/** Every answer checked: a ticket (or a page of them) against TroubleTicket, a problem's Error fields. */
function checked(res: request.Response, partial = false): request.Response {
  const allowed = partial ? PARTIAL : [];
  if (res.status >= 400) {
    expect(res.type).toBe('application/problem+json');
    expectTmfError(res.body);
  } else if (Array.isArray(res.body)) res.body.forEach((t) => expectValid('TroubleTicket', t, allowed));
  else expectValid('TroubleTicket', res.body, allowed);
  return res;
}

const clerk = (localNetworks: '*' | string[] = ['dalian']) => sys.token({ roles: ['call-centre'], sub: `tt-${randomUUID().slice(0, 8)}`, localNetworks });
const staffOf = (department: string) => sys.token({ roles: ['department'], sub: `staff-${department}`, department, localNetworks: [] });

const api = {
  create: (token: string, body: Json, headers: Record<string, string> = {}) => {
    expectValid('TroubleTicket_FVO', body);
    const req = request(sys.app).post(`${BASE}/troubleTicket`).set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body).then((res) => checked(res));
  },
  get: (token: string, id: string, query: Record<string, string> = {}) =>
    request(sys.app)
      .get(`${BASE}/troubleTicket/${id}`)
      .query(query)
      .set('authorization', `Bearer ${token}`)
      .then((res) => checked(res, 'fields' in query)),
  list: (token: string, query: Record<string, string | number> = {}) =>
    request(sys.app)
      .get(`${BASE}/troubleTicket`)
      .query(query)
      .set('authorization', `Bearer ${token}`)
      .then((res) => checked(res, 'fields' in query)),
  patch: (token: string, id: string, body: Json) => {
    expectValid('TroubleTicket_MVO', body);
    return request(sys.app)
      .patch(`${BASE}/troubleTicket/${id}`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', MERGE_PATCH)
      .send(JSON.stringify(body))
      .then((res) => checked(res));
  },
};

/** The department's side of the closed loop: the root path's event endpoint (TMF has no words for it). */
async function loop(id: string, token: string, event: Json) {
  const res = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
  if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as WorkOrderSnapshot & { assignments: Array<{ department: string; state: string }> };
}

/** The work order behind a ticket, as the project's web app reads it. */
const workOrder = async (id: string) =>
  (
    await request(sys.app)
      .get(`/troubleTicket/${id}`)
      .set('authorization', `Bearer ${clerk('*')}`)
  ).body as WorkOrderSnapshot & {
    assignments: Array<{ department: string; state: string }>;
  };

/** A ticket as a TMF client creates it: a complaint about the customer's fixed line, taken by phone in Dalian. */
function ticketBody(extra: Json = {}): Json {
  return {
    '@type': 'TroubleTicket',
    name: 'Noisy line',
    description: `the line crackles when it rains (${randomUUID()})`,
    ticketType: 'complaint',
    severity: 'Major',
    status: 'acknowledged',
    channel: { id: 'phone', name: 'call centre', '@type': 'ChannelRef', '@referredType': 'Channel' },
    relatedParty: [
      { id: customer.id, role: 'Customer', '@type': 'RelatedParty', '@referredType': 'Customer' },
      { id: 'contact-42', name: 'Wang Fang', role: 'reporter', '@type': 'RelatedParty', '@referredType': 'Individual' },
    ],
    relatedEntity: [{ id: subscriptionId, role: 'affectedSubscription', '@type': 'RelatedEntity', '@referredType': 'Product' }],
    note: [{ id: 'n-1', author: 'Wang Fang', text: 'worst in the evening', '@type': 'Note' }],
    attachment: [{ id: 'photo-1', name: 'junction box', url: 'https://files.example.com/photo-1.jpg', '@type': 'AttachmentRef' }],
    troubleTicketCharacteristic: [
      { name: 'serviceLine', value: 'fixed_line', valueType: 'string', '@type': 'StringCharacteristic' },
      { name: 'takenInLocalNetwork', value: 'dalian', valueType: 'string', '@type': 'StringCharacteristic' },
      { name: 'category', value: 'network-quality.fixed-line.line-noise', valueType: 'string', '@type': 'StringCharacteristic' },
    ],
    ...extra,
  };
}

async function created(token = clerk(), extra: Json = {}) {
  const res = await api.create(token, ticketBody(extra));
  expect(res.status).toBe(201);
  return res.body as Json;
}

const statuses = (t: Json) => (t.statusChange as Json[]).map((c) => c.status);

/** Resolves the ticket by the published merge-patch example, sent as it is, once its department has answered. */
async function resolveByTheDepartment(id: string, centre: string) {
  const [{ department }] = (await workOrder(id)).assignments.filter((a) => a.state === 'dispatched');
  const staff = staffOf(department!);
  await loop(id, staff, { type: 'accept' });
  await loop(id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED', notes: 'replaced the drop wire' });
  const example = spec.example('updateTroubleTicket_using_merge-patch_json_request');
  const resolved = await api.patch(centre, id, example);
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ status: 'resolved', statusChangeReason: example.statusChangeReason, resolutionDate: expect.any(String) });
  // The customer is told the result, then the callback can record the answer.
  await eventually(async () => ((await workOrder(id)).phase === 'customerNotified' ? true : undefined), 'the customer told');
  return resolved.body as Json;
}

describe('a trouble ticket through its whole life over the v5 paths', () => {
  it('created → taken by a department → information asked → resolved → closed → reopened twice → closed', async () => {
    const centre = clerk();
    // ---- created: 201, an absolute Location, the v5 shape of what was sent ----
    const res = await api.create(centre, ticketBody());
    expect(res.status).toBe(201);
    const t = res.body as Json;
    expect(res.headers.location).toMatch(new RegExp(`^${PUBLIC_URL}/tmf-api/troubleTicket/v5/troubleTicket/TT-`));
    expect(t.href).toBe(res.headers.location);
    expect(t).toMatchObject({
      '@type': 'TroubleTicket',
      name: 'Noisy line',
      status: 'acknowledged',
      ticketType: 'complaint',
      severity: 'Major',
      // No priority given: the ticket system sets it from the severity.
      priority: 'High',
      channel: { id: 'phone', '@type': 'ChannelRef' },
      relatedEntity: [{ id: subscriptionId, '@referredType': 'Product' }],
      attachment: [{ id: 'photo-1', url: 'https://files.example.com/photo-1.jpg', '@type': 'AttachmentRef' }],
      note: [{ id: 'n-1', author: 'Wang Fang', text: 'worst in the evening' }],
      statusChange: [{ status: 'acknowledged', changeDate: t.creationDate }],
    });
    expect(t.relatedParty).toEqual([
      expect.objectContaining({ id: customer.id, role: 'customer', '@referredType': 'Customer' }),
      expect.objectContaining({ id: 'contact-42', name: 'Wang Fang', role: 'reporter' }),
    ]);
    expect(t.troubleTicketCharacteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'serviceLine', value: 'fixed_line' }),
        expect.objectContaining({ name: 'takenInLocalNetwork', value: 'dalian' }),
      ]),
    );
    expect(Date.parse(t.expectedResolutionDate)).toBeGreaterThan(Date.parse(t.creationDate));
    const id = t.id as string;

    // ---- priority and a note by merge-patch; the same patch again adds nothing ----
    const raise = { priority: 'Critical', note: [{ id: 'n-2', author: 'agent', text: 'customer called again' }] };
    for (let n = 0; n < 2; n++) {
      const raised = await api.patch(centre, id, raise);
      expect(raised.status).toBe(200);
      expect(raised.body.priority).toBe('Critical');
      expect((raised.body.note as Json[]).map((x) => x.id)).toEqual(['n-1', 'n-2']);
    }

    // ---- taken by the department it was dispatched to, through the closed loop's own endpoint ----
    const { assignments } = await workOrder(id);
    const staff = staffOf(assignments[0]!.department);
    await loop(id, staff, { type: 'accept' });
    expect((await api.get(staff, id)).body.status).toBe('inProgress');

    // ---- the department needs information from the customer: pending, and what the deliverer would say ----
    const asked = await loop(id, staff, { type: 'waitOnCustomer', reason: 'which socket is affected?' });
    const pending = (await api.get(centre, id)).body;
    expect(pending).toMatchObject({ status: 'pending', statusChangeReason: 'which socket is affected?' });
    expectValid('InformationRequiredEvent', presentInformationRequiredV5(asked, { baseUrl: 'https://api.example.com' }));
    const answered = await api.patch(centre, id, { status: 'inProgress', statusChangeReason: 'the one in the hall' });
    expect(answered.body.status).toBe('inProgress');

    // ---- resolved (the published merge-patch example, as it is), then closed by the customer's answer ----
    await loop(id, staff, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE_REPAIRED', notes: 'replaced the drop wire' });
    const example = spec.example('updateTroubleTicket_using_merge-patch_json_request');
    const resolved = await api.patch(centre, id, example);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', statusChangeReason: example.statusChangeReason, resolutionDate: expect.any(String) });
    await eventually(async () => ((await workOrder(id)).phase === 'customerNotified' ? true : undefined), 'the customer told');
    const closed = await api.patch(centre, id, { status: 'closed', statusChangeReason: 'the customer confirmed it works' });
    expect(closed.body).toMatchObject({ status: 'closed', statusChangeReason: 'the customer confirmed it works' });

    // ---- reopened once closed: inProgress again, the reason saying so; dispatched anew ----
    const reopened = await api.patch(centre, id, { status: 'inProgress', statusChangeReason: 'crackling again' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'inProgress', statusChangeReason: 'reopened: crackling again' });
    expect(reopened.body.resolutionDate).toBeUndefined();

    // ---- resolved again, the customer not satisfied: reopened from resolved ----
    await resolveByTheDepartment(id, centre);
    const again = await api.patch(centre, id, { status: 'inProgress', statusChangeReason: 'still crackling' });
    expect(again.body).toMatchObject({ status: 'inProgress', statusChangeReason: 'reopened: still crackling' });
    expect((await workOrder(id)).reopenCount).toBe(2);

    // ---- third round: resolved and closed ----
    await resolveByTheDepartment(id, centre);
    const done = (await api.patch(centre, id, { status: 'closed' })).body;
    expect(statuses(done)).toEqual([
      'acknowledged',
      'inProgress',
      'pending',
      'inProgress',
      'resolved',
      'closed',
      'inProgress',
      'resolved',
      'inProgress',
      'resolved',
      'closed',
    ]);
    expect((done.note as Json[]).map((x) => x.id)).toEqual(['n-1', 'n-2']);
    // Over the list too, by TMF's filter names.
    const list = await api.list(centre, { status: 'closed', ticketType: 'complaint', priority: 'critical', severity: 'major', limit: 200 });
    expect((list.body as Json[]).map((x) => x.id)).toContain(id);
  });
});

describe('the edge refuses what it does not take, naming it', () => {
  it('an unknown body field, and a field of the specification this API does not take: 400 naming each', async () => {
    const res = await api.create(clerk(), ticketBody({ colour: 'red', externalIdentifier: [{ id: 'crm-1', owner: 'crm' }] }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'colour', message: 'unknown field "colour"' }),
        expect.objectContaining({ field: 'externalIdentifier', message: 'not supported by this API' }),
      ]),
    );
  });

  it('what the ticket needs and the client got wrong: 400 naming the field', async () => {
    const cases: Array<[Json, string]> = [
      [{ severity: 'Urgent' }, 'severity'],
      [{ channel: { id: 'carrier-pigeon' } }, 'channel.id'],
      [{ relatedParty: [{ id: customer.id, role: 'owner', '@referredType': 'Customer' }] }, 'relatedParty[0].role'],
      [{ relatedParty: [{ id: 'no-such-customer', role: 'customer', '@referredType': 'Customer' }] }, 'relatedParty[0].id'],
      [{ troubleTicketCharacteristic: [{ name: 'serviceLine', value: 'fixed_line' }] }, 'troubleTicketCharacteristic'],
      [{ attachment: [{ id: 'a', name: 'photo', '@type': 'Attachment' }] }, 'attachment[0].@type'],
      [{ expectedResolutionDate: '2030-01-01T00:00:00Z' }, 'expectedResolutionDate'],
    ];
    for (const [extra, field] of cases) {
      const res = await api.create(clerk(), ticketBody(extra));
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    }
  });

  it('an unknown query parameter, or an unknown attribute in fields: 400 naming it', async () => {
    // The root path's old filter name: a TMF list filters by status.
    const res = await api.list(clerk(), { state: 'resolved' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.state', message: 'unknown query parameter "state"' })]);
    const t = await created();
    const bad = await api.get(clerk(), t.id, { fields: 'status,colour' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'query.fields' })]);
  });

  it('a merge-patch of what cannot change, a status only the ticket system sets, a reopen without a reason: 400 naming it', async () => {
    const t = await created();
    const cases: Array<[Json, string]> = [
      [{ severity: 'Minor' }, 'severity'],
      [{ status: 'held' }, 'status'],
      [{ statusChangeReason: 'because' }, 'statusChangeReason'],
      [{ status: 'cancelled' }, 'statusChangeReason'],
      [{ note: [{ id: 'n-1', text: 'rewritten' }] }, 'note[0].text'],
    ];
    for (const [patch, field] of cases) {
      const res = await api.patch(clerk(), t.id, patch);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    }
    // JSON Patch, the other format TMF630 names, is not taken: 415 saying which are.
    const jsonPatch = await request(sys.app)
      .patch(`${BASE}/troubleTicket/${t.id}`)
      .set('authorization', `Bearer ${clerk()}`)
      .set('content-type', 'application/json-patch+json')
      .send(JSON.stringify([{ op: 'replace', path: '/priority', value: 'Low' }]));
    expect(jsonPatch.status).toBe(415);
    expect(jsonPatch.body.detail).toMatch(/merge-patch/);
  });

  it('a status the work order is not ready for: 409, and nothing of the patch is done', async () => {
    const t = await created();
    const res = await api.patch(clerk(), t.id, { priority: 'Low', note: [{ text: 'not yet' }], status: 'resolved' });
    expect(res.status).toBe(409);
    const after = (await api.get(clerk(), t.id)).body;
    expect(after).toMatchObject({ priority: 'High', status: 'acknowledged' });
    expect(after.note).toHaveLength(1);
  });
});

describe('TMF630 conventions', () => {
  it('fields selects first-level attributes (id, href and @type always come), on a ticket and on a list', async () => {
    const t = await created();
    const one = await api.get(clerk(), t.id, { fields: 'status,priority' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: t.id, href: t.href, '@type': 'TroubleTicket', status: 'acknowledged', priority: 'High' });
    const page = await api.list(clerk(), { fields: 'status', limit: 5 });
    expect(page.status).toBe(200);
    for (const x of page.body as Json[]) expect(Object.keys(x).sort()).toEqual(['@type', 'href', 'id', 'status']);
  });

  it('lists by TMF filter names with offset and limit, X-Total-Count beside X-Result-Count', async () => {
    const minor = await created(clerk(), { severity: 'minor', ticketType: 'inquiry', priority: 'low' });
    // Lists read the read model, written just after the dispatch was answered.
    const res = await eventually(async () => {
      // Other test files take tickets at the same time: this customer's only.
      const r = await api.list(clerk(), {
        'relatedParty.id': customer.id,
        severity: 'Minor',
        ticketType: 'Inquiry',
        priority: 'LOW',
        status: 'acknowledged',
        limit: 1,
      });
      return r.body.length ? r : undefined;
    }, 'the ticket listed');
    expect(res.body[0]).toMatchObject({ id: minor.id, severity: 'Minor', ticketType: 'inquiry', priority: 'Low' });
    expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(1);
    expect(res.headers['x-result-count']).toBe('1');
    // The same filters past the total: nothing (fewer filters would count other test files' tickets of this customer).
    const next = await api.list(clerk(), {
      'relatedParty.id': customer.id,
      severity: 'minor',
      ticketType: 'inquiry',
      priority: 'low',
      status: 'acknowledged',
      offset: Number(res.headers['x-total-count']),
      limit: 5,
    });
    expect(next.body).toEqual([]);
    expect(next.headers['x-result-count']).toBe('0');
  });

  it('the published document has no create example (its TroubleTicket_FVO request body carries none)', () => {
    // Were one published, it would have to be accepted with only its party and ids replaced by ours.
    const body = (spec.document.components as Json).requestBodies.TroubleTicket_FVO.content['application/json'];
    expect(body.examples ?? body.example).toBeUndefined();
  });
});

describe('scope, as on the root paths', () => {
  it('out of scope: reading, patching and taking refused (403), the list hides the ticket', async () => {
    const t = await created();
    const shenyang = clerk(['shenyang']);
    expect((await api.get(shenyang, t.id)).status).toBe(403);
    expect((await api.patch(shenyang, t.id, { priority: 'Low' })).status).toBe(403);
    expect((await api.get(staffOf('shenyang-customer-care'), t.id)).status).toBe(403);
    const listed = await api.list(shenyang, { limit: 200 });
    expect(listed.status).toBe(200);
    expect((listed.body as Json[]).map((x) => x.id)).not.toContain(t.id);
    // The department holding it sees it, in its list too.
    const [{ department }] = (await workOrder(t.id)).assignments;
    const own = await api.list(staffOf(department!), { limit: 200 });
    expect((own.body as Json[]).map((x) => x.id)).toContain(t.id);
    expect((await api.create(shenyang, ticketBody())).status).toBe(403);
    // Roles: an auditor reads, but may not create or patch.
    const auditor = sys.token({ roles: ['auditor'], sub: 'tt-auditor', localNetworks: ['dalian'] });
    expect((await api.get(auditor, t.id)).status).toBe(200);
    expect((await api.patch(auditor, t.id, { priority: 'Low' })).status).toBe(403);
  });
});
