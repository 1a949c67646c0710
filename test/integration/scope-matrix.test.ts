// The scope matrix: every operation of the API (read from /openapi.json, which the route table
// generates, so a new route without an entry here fails this test) × every role × a principal in
// scope and one out of scope of the same resources, with the status each must get — reads, lists
// and writes alike. The resources all live in Dalian; "in scope" principals work there (or in the
// department holding the work order), "out of scope" ones in Shenyang.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Test } from 'supertest';
import { ROLES, type Principal, type Role } from '../../domain/access.js';
import { MAX_TEXT } from '../../domain/work-order.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { answeringDepartment, findCustomer, orderBody, placeOrder, settledOrder, waitFor, type SeededCustomer } from '../../harness/fixtures.js';

let sys: TestSystem;
let stopDepartment: () => Promise<void>;

/** Who asks: each role in and out of scope of the Dalian resources, and nobody (no credential). */
type Who = { role: Role; scope: 'in' | 'out' } | { role: 'anonymous' };
const principals: Record<Role, Record<'in' | 'out', Omit<Principal, 'sub' | 'roles'>>> = {
  'order-entry': { in: { localNetworks: ['dalian'] }, out: { localNetworks: ['shenyang'] } },
  agent: { in: { localNetworks: ['dalian'], agentId: 'agent-dl-haiyun' }, out: { localNetworks: ['shenyang'], agentId: 'agent-sy-huaxin' } },
  department: { in: { localNetworks: [], department: 'dalian-customer-care' }, out: { localNetworks: [], department: 'shenyang-customer-care' } },
  supervisor: {
    in: { localNetworks: ['dalian'], department: 'dalian-service-centre', level: 'city' },
    out: { localNetworks: ['shenyang'], department: 'shenyang-service-centre', level: 'city' },
  },
  ops: { in: { localNetworks: ['dalian'] }, out: { localNetworks: ['shenyang'] } },
  auditor: { in: { localNetworks: ['dalian'] }, out: { localNetworks: ['shenyang'] } },
  // An admin has no "out of scope": both are the same principal.
  admin: { in: { localNetworks: '*' }, out: { localNetworks: '*' } },
};
const tokenOf = (who: Who) =>
  who.role === 'anonymous'
    ? undefined
    : sys.token({ roles: [who.role], sub: `matrix-${who.role}-${who.scope}-${randomUUID().slice(0, 8)}`, ...principals[who.role][who.scope] });

/** The Dalian resources every operation is tried on. */
interface Resources {
  customer: SeededCustomer;
  /** A finished order placed by the in-scope agent (so the agent may see it too). */
  order: { id: string; itemId: string };
  /** A complaint taken in Dalian, held by dalian-customer-care. */
  workOrder: string;
}
let r: Resources;

/**
 * The answer expected: a status, or for lists 'has' / 'hides' (200, the resource listed or not),
 * or for the report 'scoped' (200, only rows of the principal's own groups).
 */
type Outcome = number | 'has' | 'hides' | 'scoped';
/** Per role: one outcome for both scopes, or [in scope, out of scope]. Unlisted roles: 403. */
type Expected = Partial<Record<Role, Outcome | [Outcome, Outcome]>>;

interface Entry {
  call: (token: string | undefined) => Test;
  expect: Expected;
  /** Routes everyone may call: 200 for every role and without a credential. */
  public?: boolean;
}

const api = () => request(sys.app);
const auth = (t: Test, token: string | undefined) => (token ? t.set('authorization', `Bearer ${token}`) : t);
const newOrderBody = () => ({
  ...orderBody(r.customer, [{ offering: 'bb-adsl-2m', characteristic: [{ name: 'installationAddress', value: 'Zhongshan Rd 2' }] }]),
  localNetwork: 'dalian',
});
const ticketBody = () => ({
  type: 'complaint',
  channel: 'phone',
  customer: { id: r.customer.id },
  takenInLocalNetwork: 'dalian',
  serviceLine: 'gsm_mobile',
  description: `matrix ${randomUUID()}`,
});

const MATRIX: Record<string, Entry> = {
  'GET /healthz': { call: (t) => auth(api().get('/healthz'), t), expect: {}, public: true },
  'GET /readyz': { call: (t) => auth(api().get('/readyz'), t), expect: {}, public: true },
  'GET /metrics': { call: (t) => auth(api().get('/metrics'), t), expect: {}, public: true },
  'POST /productOrder': {
    call: (t) => auth(api().post('/productOrder'), t).send(newOrderBody()),
    expect: { 'order-entry': [201, 403], agent: [201, 403], admin: 201 },
  },
  'GET /productOrder/{id}': {
    call: (t) => auth(api().get(`/productOrder/${r.order.id}`), t),
    expect: { 'order-entry': [200, 403], agent: [200, 403], supervisor: [200, 403], ops: [200, 403], auditor: [200, 403], admin: 200 },
  },
  'GET /productOrder': {
    call: (t) => auth(api().get('/productOrder').query({ customerId: r.customer.id, limit: 200 }), t),
    expect: {
      'order-entry': ['has', 'hides'],
      agent: ['has', 'hides'],
      supervisor: ['has', 'hides'],
      ops: ['has', 'hides'],
      auditor: ['has', 'hides'],
      admin: 'has',
    },
  },
  'POST /cancelProductOrder': {
    // The order is finished: in scope, the order itself answers 409 (too late); out of scope, 403 first.
    call: (t) => auth(api().post('/cancelProductOrder'), t).send({ productOrder: { id: r.order.id }, cancellationReason: 'matrix' }),
    expect: { 'order-entry': [409, 403], agent: [409, 403], supervisor: [409, 403], admin: 409 },
  },
  'PATCH /productOrder/{id}/productOrderItem/{itemId}': {
    call: (t) => auth(api().patch(`/productOrder/${r.order.id}/productOrderItem/${r.order.itemId}`), t).send({ productOffering: { id: 'bb-adsl-4m' } }),
    expect: { 'order-entry': [409, 403], agent: [409, 403], admin: 409 },
  },
  'POST /quote': {
    call: (t) => auth(api().post('/quote'), t).send(newOrderBody()),
    expect: { 'order-entry': [200, 403], agent: [200, 403], admin: 200 },
  },
  'POST /troubleTicket': {
    call: (t) => auth(api().post('/troubleTicket'), t).send(ticketBody()),
    expect: { 'order-entry': [201, 403], supervisor: [201, 403], admin: 201 },
  },
  'GET /troubleTicket/{id}': {
    call: (t) => auth(api().get(`/troubleTicket/${r.workOrder}`), t),
    expect: { 'order-entry': [200, 403], department: [200, 403], supervisor: [200, 403], ops: [200, 403], auditor: [200, 403], admin: 200 },
  },
  'GET /troubleTicket': {
    call: (t) => auth(api().get('/troubleTicket').query({ limit: 200, type: 'complaint', state: 'acknowledged' }), t),
    expect: {
      'order-entry': ['has', 'hides'],
      department: ['has', 'hides'],
      supervisor: ['has', 'hides'],
      ops: ['has', 'hides'],
      auditor: ['has', 'hides'],
      admin: 'has',
    },
  },
  'GET /department/{department}/worklist': {
    call: (t) => auth(api().get('/department/dalian-customer-care/worklist').query({ limit: 200 }), t),
    expect: { department: ['has', 403], supervisor: ['has', 403], ops: ['has', 403], admin: 'has' },
  },
  'POST /troubleTicket/{id}/event': {
    call: (t) => auth(api().post(`/troubleTicket/${r.workOrder}/event`), t).send({ type: 'note', text: 'matrix note' }),
    expect: { 'order-entry': [200, 403], department: [200, 403], supervisor: [200, 403], admin: 200 },
  },
  'GET /customer/{id}': {
    call: (t) => auth(api().get(`/customer/${r.customer.id}`), t),
    expect: { 'order-entry': [200, 403], supervisor: [200, 403], ops: [200, 403], auditor: [200, 403], admin: 200 },
  },
  'GET /reports/daily': {
    call: (t) => auth(api().get('/reports/daily').query({ from: today(), to: today(), groupBy: 'localNetwork' }), t),
    expect: { department: 'scoped', supervisor: 'scoped', ops: 'scoped', auditor: 'scoped', admin: 200 },
  },
  'GET /productOrder/{id}/auditTrail': {
    call: (t) => auth(api().get(`/productOrder/${r.order.id}/auditTrail`), t),
    expect: { auditor: [200, 403], admin: 200 },
  },
  'GET /troubleTicket/{id}/auditTrail': {
    call: (t) => auth(api().get(`/troubleTicket/${r.workOrder}/auditTrail`), t),
    expect: { auditor: [200, 403], admin: 200 },
  },
};

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sys = await startTestSystem();
  stopDepartment = answeringDepartment(sys, { delayMs: 20 });
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier = 'ordinary'", 40);
  r = { customer } as Resources;
  const agent = tokenOf({ role: 'agent', scope: 'in' })!;
  const placed = await placeOrder(sys, newOrderBody(), agent);
  expect(placed.status).toBe(201);
  expect((await settledOrder(sys, placed.body.id)).state).toBe('completed');
  r.order = { id: placed.body.id, itemId: placed.body.productOrderItem[0].id };
  const taken = await api()
    .post('/troubleTicket')
    .set('authorization', `Bearer ${tokenOf({ role: 'order-entry', scope: 'in' })}`)
    .send(ticketBody());
  expect(taken.status).toBe(201);
  expect(taken.body.assignments.map((a: { department: string }) => a.department)).toEqual(['dalian-customer-care']);
  r.workOrder = taken.body.id;
  // The read model has it (worklists and lists read it).
  await waitFor(
    'the work order in the read model',
    async () => (await sys.orm.em.fork().getConnection().execute('select 1 from work_order where id = ?', [r.workOrder])).length > 0,
  );
});
afterAll(async () => {
  await stopDepartment?.();
  await sys?.stop();
});

/** What the answer was, in the vocabulary of Outcome (lists and the report looked into). */
function outcomeOf(expected: Outcome, res: request.Response, who: Who): Outcome {
  if (res.status !== 200 || typeof expected === 'number') return res.status;
  const ids = (res.body as Array<{ id?: string; workOrderId?: string }>).map?.((x) => x.id ?? x.workOrderId) ?? [];
  if (expected === 'has' || expected === 'hides') return ids.includes(r.order.id) || ids.includes(r.workOrder) ? 'has' : 'hides';
  // The report: rows only of the groups the principal may see.
  const groups = new Set((res.body.rows as Array<{ group: string }>).map((x) => x.group));
  if (who.role === 'anonymous') return 200;
  const own = principals[who.role][who.scope].localNetworks;
  const allowed = (g: string) => own === '*' || own.includes(g) || (who.role === 'department' && g === principals.department[who.scope].department);
  return [...groups].every(allowed) ? 'scoped' : 200;
}

describe('the scope matrix', () => {
  let operations: string[];
  beforeAll(async () => {
    const doc = (await api().get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  });

  it('has an entry for every operation the API serves, and no stale one', () => {
    expect(operations.length).toBeGreaterThanOrEqual(18);
    expect(operations.filter((o) => !MATRIX[o])).toEqual([]);
    expect(Object.keys(MATRIX).filter((o) => !operations.includes(o))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s: every role, in and out of scope, gets what it must', async (operation) => {
    const entry = MATRIX[operation]!;
    const wrong: string[] = [];
    const whos: Who[] = [{ role: 'anonymous' }, ...ROLES.flatMap((role) => (['in', 'out'] as const).map((scope) => ({ role, scope })))];
    for (const who of whos) {
      const e = who.role === 'anonymous' ? undefined : entry.expect[who.role];
      const expected: Outcome = entry.public ? 200 : who.role === 'anonymous' ? 401 : Array.isArray(e) ? e[who.scope === 'in' ? 0 : 1] : (e ?? 403);
      const res = await entry.call(tokenOf(who));
      const got = outcomeOf(expected, res, who);
      if (got !== expected)
        wrong.push(
          `${who.role}${'scope' in who ? ` (${who.scope})` : ''}: expected ${expected}, got ${got}${res.status >= 400 ? ` — ${res.body?.detail ?? ''}` : ''}`,
        );
    }
    expect(wrong).toEqual([]);
  });
});

describe('bounds, through the API', () => {
  it('a 200,000-character note is refused with 400 naming the field, and changes nothing', async () => {
    const token = tokenOf({ role: 'department', scope: 'in' });
    const res = await api()
      .post(`/troubleTicket/${r.workOrder}/event`)
      .set('authorization', `Bearer ${token}`)
      .send({ type: 'note', text: 'x'.repeat(200_000) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'text', code: 'too_big' })]);
    const ok = await api()
      .post(`/troubleTicket/${r.workOrder}/event`)
      .set('authorization', `Bearer ${token}`)
      .send({ type: 'note', text: 'x'.repeat(MAX_TEXT) });
    expect(ok.status).toBe(200);
    // (The SLA clock adds its own entries meanwhile: count the notes by their length.)
    const notes = (ok.body.timeline as Array<{ action: string; details?: { text?: string } }>)
      .filter((e) => e.action === 'note')
      .map((e) => e.details?.text?.length);
    expect(notes.filter((n) => n === 200_000)).toEqual([]);
    expect(notes.filter((n) => n === MAX_TEXT)).toEqual([MAX_TEXT]);
  });
});
