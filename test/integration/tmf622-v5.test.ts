// TMF622 Product Ordering v5 as published, on real components: the published request examples are
// placed (with only their ids replaced by ours) and go through their whole life over the v5 paths;
// sent as they are, they are refused for their unknown ids only, each named. Every request sent and
// every response is validated against the published TMF622 v5.0.0 document (harness/tmf-spec.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, orderBody, waitFor, type SeededCustomer } from '../../harness/fixtures.js';
import { TmfSpec } from '../../harness/tmf-spec.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';

const BASE = '/tmf-api/productOrderingManagement/v5';
let sys: TestSystem;
let spec: TmfSpec;

beforeAll(async () => {
  spec = TmfSpec.load('TMF622');
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies as the published spec shapes them, checked by its validator
type Json = Record<string, any>;
const example = (name: string) => spec.example(name) as Json;

/** Our version of a published example is as valid as the example itself: no error the published one does not have. */
function expectAsValidAsPublished(name: string, ours: Json) {
  const published = new Set(spec.check('ProductOrder_FVO', spec.example(name)));
  expect({ name, errors: spec.check('ProductOrder_FVO', ours).filter((e) => !published.has(e)) }).toEqual({ name, errors: [] });
}

/**
 * Errata of the published v5.0.0 document, allowed where they apply and nowhere else: ProductOrderItem_FVO
 * and Product_FVO list `state` / `status` as required although the server sets them (the published
 * examples omit both); an extension `@type` of Product (the example's "UNI") is not in the
 * discriminator's mapping.
 */
const FVO_ERRATA = [
  /^\/productOrderItem\/\d+: must have required property 'state'$/,
  /^\/productOrderItem\/\d+\/product: must have required property 'status'$/,
  /^\/productOrderItem\/\d+\/product: must match "then" schema$/,
];
const PRODUCT_EXTENSION = [
  /^\/productOrderItem\/\d+\/product\/@type: must be equal to one of the allowed values$/,
  /^\/productOrderItem\/\d+\/product: must match "then" schema$/,
];

function expectValid(schema: string, body: unknown, allowed: RegExp[] = []) {
  const errors = spec.check(schema, body).filter((e) => !allowed.some((a) => a.test(e)));
  expect({ schema, errors }).toEqual({ schema, errors: [] });
}

/** The TMF Error fields every problem carries (status is problem+json's number, TMF's is a string: not compared). */
function expectTmfError(body: Json) {
  const { status: _status, ...rest } = body;
  expectValid('Error', rest);
  expect(body).toMatchObject({ '@type': 'Error', code: expect.any(String), reason: expect.any(String) });
}

const party = (role: string, id: string) => ({ role, partyOrPartyRole: { id, '@type': 'PartyRef' }, '@type': 'RelatedPartyRefOrPartyRoleRef' });
const clerk = (localNetworks: '*' | string[] = '*') => sys.token({ roles: ['order-entry'], sub: `tmf-${randomUUID()}`, localNetworks });
const ops = () => sys.token({ roles: ['ops'] });

function post(path: string, body: unknown, token = clerk(), headers: Record<string, string> = {}) {
  const r = request(sys.app).post(`${BASE}${path}`).set('authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(headers)) r.set(k, v);
  return r.send(body as object);
}
const get = (path: string, token = ops()) => request(sys.app).get(`${BASE}${path}`).set('authorization', `Bearer ${token}`);

async function accountOf(customerId: string): Promise<string> {
  const rows = (await sys.orm.em
    .fork()
    .getConnection()
    .execute('select id from account where customer_id = ? order by created_at limit 1', [customerId])) as Array<{ id: string }>;
  return rows[0]!.id;
}

/** Every object that says its @type also says its @baseType (TMF630), anywhere in a representation. */
function expectBaseTypes(value: unknown, path = ''): void {
  if (Array.isArray(value)) return value.forEach((v, i) => expectBaseTypes(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return;
  const o = value as Json;
  if ('@type' in o) expect({ path, baseType: typeof o['@baseType'] }).toEqual({ path, baseType: 'string' });
  for (const [k, v] of Object.entries(o)) expectBaseTypes(v, `${path}.${k}`);
}

/** Waits for the order's workflow to finish; the order as v5 shows it then. */
async function settled(id: string): Promise<Json> {
  await sys.client.workflow.getHandle(orderWorkflowId(id)).result();
  const res = await get(`/productOrder/${id}`);
  expect(res.status).toBe(200);
  expectValid('ProductOrder', res.body);
  expectBaseTypes(res.body);
  return res.body;
}

describe('the published request examples', () => {
  let gold: SeededCustomer;
  let enterprise: SeededCustomer;

  beforeAll(async () => {
    // No deposit for gold customers: the examples carry none.
    gold = await findCustomer(sys, "c.kind = 'individual' and c.tier = 'gold' and c.home_local_network = 'shenyang'");
    enterprise = await findCustomer(sys, "c.kind = 'enterprise' and c.home_local_network = 'dalian'");
  });

  /**
   * A published B2C example (example 1, or the one with an intent: the same four items) with our ids:
   * the seller is our local network, the customer, offerings, billing account and channel ours.
   */
  async function example1(name = 'CreateProductOrder1_request'): Promise<Json> {
    const ex = example(name);
    ex.relatedParty[0].partyOrPartyRole.id = 'shenyang';
    ex.relatedParty[1].partyOrPartyRole.id = gold.id;
    ex.channel[0].channel.id = 'web';
    const ours = ['gsm-global-58', 'gsm-global-88', 'vas-sms-100', 'vas-caller-id'];
    ex.productOrderItem.forEach((item: Json, n: number) => (item.productOffering.id = ours[n]));
    ex.productOrderItem[2].billingAccount.id = await accountOf(gold.id);
    ex.externalId[0].id = randomUUID();
    return ex;
  }

  it('example 1, with our ids, is placed and completes over the v5 paths', async () => {
    const body = await example1();
    expectAsValidAsPublished('CreateProductOrder1_request', body);
    const res = await post('/productOrder', body);
    expect(res.status).toBe(201);
    expectValid('ProductOrder', res.body);
    expect(res.headers.location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${BASE}/productOrder/PO-`));
    expect(res.body.href).toBe(res.headers.location);
    expect(res.body).toMatchObject({
      '@type': 'ProductOrder',
      state: 'acknowledged',
      category: 'B2C product order',
      priority: '1',
      externalId: [{ owner: 'TMF', externalIdentifierType: 'POnumber', '@type': 'ExternalIdentifier' }],
      relatedParty: expect.arrayContaining([expect.objectContaining({ role: 'Customer', partyOrPartyRole: expect.objectContaining({ id: gold.id }) })]),
      note: [expect.objectContaining({ text: 'This is a TMF product order illustration' })],
      requestedCompletionDate: body.requestedCompletionDate,
    });
    // Prices are ours, as OrderPrice with Money.
    expect(res.body.orderTotalPrice).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ priceType: 'recurring', price: expect.objectContaining({ taxIncludedAmount: { unit: 'CNY', value: expect.any(Number) } }) }),
      ]),
    );
    expect(res.body.productOrderItem.map((i: Json) => i.itemPrice?.length)).toEqual([2, 2, 2, 2]);

    const done = await settled(res.body.id);
    expect(done.state).toBe('completed');
    expect(done.productOrderItem.map((i: Json) => i.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(done.completionDate).toEqual(expect.any(String));
    // Step progress as milestones, per item.
    expect(done.productOrderMilestone).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'activateBilling', status: 'Completed', productOrderItem: [expect.objectContaining({ productOrderItemId: '110' })] }),
      ]),
    );
    // The characteristic our offering does not define is kept as sent.
    expect(done.productOrderItem[1].product.productCharacteristic).toEqual([expect.objectContaining({ name: 'TEL_MSISDN', value: '415 279 7439' })]);
  });

  it('example 1 repeated (same externalId) is the same order; with another body, 422', async () => {
    const body = await example1();
    const first = await post('/productOrder', body);
    expect(first.status).toBe(201);
    const token = clerk();
    // externalId is per caller: another organisation's identical request is its own order.
    const other = await post('/productOrder', body, sys.token({ roles: ['order-entry'], sub: 'x', org: `org-${randomUUID()}` }));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    const again = await post('/productOrder', body, token);
    expect(again.status).toBe(201); // a new caller (sub) without org: its own organisation
    const key = `tmf-${randomUUID()}`;
    const a = await post('/productOrder', { ...body, externalId: [] }, token, { 'idempotency-key': key });
    const b = await post('/productOrder', { ...body, externalId: [] }, token, { 'idempotency-key': key });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
    const c = await post('/productOrder', { ...body, externalId: [], description: 'changed' }, token, { 'idempotency-key': key });
    expect(c.status).toBe(422);
    expectTmfError(c.body);
  });

  it('example 2 (B2B, the offering as product specification), with our ids, is placed and completes', async () => {
    const body = example('CreateProductOrder2_request');
    body.relatedParty[0].partyOrPartyRole.id = 'dalian';
    body.relatedParty[1].partyOrPartyRole.id = enterprise.id;
    body.productOrderItem[0].product.productSpecification.id = 'gsm-enterprise-vpmn';
    body.externalId[0].id = randomUUID();
    expectAsValidAsPublished('CreateProductOrder2_request', body);
    const res = await post('/productOrder', body);
    expect(res.status).toBe(201);
    expectValid('ProductOrder', res.body, PRODUCT_EXTENSION);
    const done = await sys.client.workflow.getHandle(orderWorkflowId(res.body.id)).result();
    expect(done.state).toBe('completed');
  });

  it('the example with an intent specification, with our ids, is placed', async () => {
    const body = await example1('CreateProductOrder_with_intent_specification_request');
    expectAsValidAsPublished('CreateProductOrder_with_intent_specification_request', body);
    const res = await post('/productOrder', body);
    expect(res.status).toBe(201);
    expectValid('ProductOrder', res.body);
    expect(res.body.intentSpecification).toEqual(body.intentSpecification);
  });

  it('sent as they are, each example is refused for its unknown ids only, each named', async () => {
    const cases: Array<[string, string[]]> = [
      [
        'CreateProductOrder1_request',
        [
          'relatedParty[0].partyOrPartyRole.id',
          'channel[0].channel.id',
          'productOrderItem[0].productOffering.id',
          'productOrderItem[1].productOffering.id',
          'productOrderItem[2].productOffering.id',
          'productOrderItem[2].billingAccount.id',
          'productOrderItem[3].productOffering.id',
        ],
      ],
      ['CreateProductOrder2_request', ['relatedParty[0].partyOrPartyRole.id', 'productOrderItem[0].product.productSpecification.id']],
    ];
    for (const [name, fields] of cases) {
      const res = await post('/productOrder', spec.example(name));
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expectTmfError(res.body);
      // The customer is unknown too; with an unknown seller it is reported once the seller is ours.
      const named = res.body.errors.map((e: Json) => e.field).filter((f: string) => !f.startsWith('relatedParty[1]'));
      expect({ name, fields: named.sort() }).toEqual({ name, fields: [...fields].sort() });
      expect(res.body.errors.every((e: Json) => /^(UNKNOWN_|CUSTOMER_NOT_FOUND)/.test(e.code))).toBe(true);
    }
  });
});

describe('conventions and refusals', () => {
  let customer: SeededCustomer;
  beforeAll(async () => {
    customer = await findCustomer(sys, "c.kind = 'individual' and c.tier = 'gold' and c.home_local_network = 'anshan'");
  });

  const minimal = (extra: Json = {}) => ({
    relatedParty: [{ role: 'customer', partyOrPartyRole: { id: customer.id, '@referredType': 'Customer' } }],
    productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' } }],
    ...extra,
  });

  it('an unknown field, an undeclared extension field and an unknown query parameter are refused, named', async () => {
    const unknown = await post('/productOrder', minimal({ colour: 'blue' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'colour', code: 'unrecognized_keys' })]);
    const undeclared = await post('/productOrder', minimal({ localNetwork: 'anshan' }));
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.errors).toEqual([expect.objectContaining({ field: 'localNetwork' })]);
    const declared = await post('/productOrder', minimal({ localNetwork: 'anshan', '@type': 'TelecomProductOrder', '@baseType': 'ProductOrder' }));
    expect(declared.status).toBe(201);
    const query = await get('/productOrder?status=completed');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([expect.objectContaining({ field: 'query.status' })]);
    expectTmfError(query.body);
  });

  it('lists answer X-Total-Count and X-Result-Count, filter by TMF names, and select fields', async () => {
    const placed = await post('/productOrder', minimal());
    expect(placed.status).toBe(201);
    const res = await get(`/productOrder?relatedParty.partyOrPartyRole.id=${customer.id}&limit=1&fields=state,productOrderItem`);
    expect(res.status).toBe(200);
    expect(res.headers['x-result-count']).toBe('1');
    expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(2);
    expect(Object.keys(res.body[0]).sort()).toEqual(['@type', 'href', 'id', 'productOrderItem', 'state']);
    const one = await get(`/productOrder/${placed.body.id}?fields=state`);
    expect(Object.keys(one.body).sort()).toEqual(['@type', 'href', 'id', 'state']);
    const bad = await get(`/productOrder/${placed.body.id}?fields=colour`);
    expect(bad.status).toBe(400);
  });

  it("an order outside the reader's local networks is neither read nor listed", async () => {
    const placed = await post('/productOrder', minimal());
    const outsider = sys.token({ roles: ['order-entry'], sub: 'outsider', localNetworks: ['dalian'] });
    expect((await get(`/productOrder/${placed.body.id}`, outsider)).status).toBe(403);
    const listed = await get(`/productOrder?relatedParty.partyOrPartyRole.id=${customer.id}`, outsider);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
    // Nor placed there.
    const refused = await post('/productOrder', minimal(), outsider);
    expect(refused.status).toBe(400); // the customer is not visible to it: unknown
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'relatedParty[0].partyOrPartyRole.id', code: 'CUSTOMER_NOT_FOUND' })]);
  });

  it('an order taken on the root paths reads in the v5 shape too', async () => {
    const placed = await request(sys.app)
      .post('/productOrder')
      .set('authorization', `Bearer ${clerk()}`)
      .send(orderBody(customer, [{ offering: 'vas-caller-id' }]));
    expect(placed.status).toBe(201);
    const done = await settled(placed.body.id);
    expect(done).toMatchObject({
      state: 'completed',
      channel: [expect.objectContaining({ channel: expect.objectContaining({ id: 'shop' }) })],
      relatedParty: expect.arrayContaining([expect.objectContaining({ role: 'Seller', partyOrPartyRole: expect.objectContaining({ id: 'anshan' }) })]),
      productOrderItem: [expect.objectContaining({ id: '1', action: 'add', state: 'completed' })],
    });
  });

  it('an agent places orders as itself: another salesAgent is refused, named', async () => {
    const dalian = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier = 'gold'");
    const agent = sys.token({ roles: ['agent'], sub: `agent-${randomUUID()}`, agentId: 'agent-dl-haiyun', localNetworks: ['dalian'] });
    const body = {
      relatedParty: [party('Customer', dalian.id), party('salesAgent', 'agent-sy-huaxin')],
      // Within the agent's contract: broadband in Dalian, installed at a place there.
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: 'bb-adsl-2m' },
          product: { place: [{ role: 'installationAddress', place: { '@type': 'GeographicAddress', city: '大连市', streetName: '中山路', streetNr: '2' } }] },
        },
      ],
    };
    const res = await post('/productOrder', body, agent);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'relatedParty[1].partyOrPartyRole.id', code: 'AGENT_MISMATCH' })]);
    const own = await post('/productOrder', { ...body, relatedParty: [party('Customer', dalian.id)] }, agent);
    expect(own.status).toBe(201);
    expect(own.body.relatedParty).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'salesAgent', partyOrPartyRole: expect.objectContaining({ id: 'agent-dl-haiyun' }) })]),
    );
  });

  it('a draft is priced and kept, and started when submitted', async () => {
    const draft = await post('/productOrder', minimal({ requestedInitialState: 'draft' }));
    expect(draft.status).toBe(201);
    expect(draft.body.state).toBe('draft');
    expectValid('ProductOrder', draft.body);
    expect(draft.body.orderTotalPrice).toHaveLength(2);
    await expect(sys.client.workflow.getHandle(orderWorkflowId(draft.body.id)).describe()).rejects.toThrow();
    const submitted = await request(sys.app)
      .patch(`${BASE}/productOrder/${draft.body.id}`)
      .set('authorization', `Bearer ${clerk()}`)
      .set('content-type', 'application/merge-patch+json')
      .send(JSON.stringify({ state: 'acknowledged' }));
    expect(submitted.status).toBe(200);
    expect((await settled(draft.body.id)).state).toBe('completed');
    // JSON Patch is the other PATCH format TMF630 names; it is not taken here: 415, saying which are.
    const jsonPatch = await request(sys.app)
      .patch(`${BASE}/productOrder/${draft.body.id}`)
      .set('authorization', `Bearer ${clerk()}`)
      .set('content-type', 'application/json-patch+json')
      .send(JSON.stringify([{ op: 'replace', path: '/state', value: 'acknowledged' }]));
    expect(jsonPatch.status).toBe(415);
    expect(jsonPatch.body.detail).toMatch(/merge-patch/);
    const again = await request(sys.app)
      .patch(`${BASE}/productOrder/${draft.body.id}`)
      .set('authorization', `Bearer ${clerk()}`)
      .set('content-type', 'application/merge-patch+json')
      .send(JSON.stringify({ state: 'acknowledged' }));
    expect(again.status).toBe(409);
  });

  it('a place gives the installation address and the local network; the order is cancelled by a CancelProductOrder task', async () => {
    const body = {
      relatedParty: [{ role: 'Customer', partyOrPartyRole: { id: customer.id, '@type': 'PartyRoleRef' }, '@type': 'RelatedPartyRefOrPartyRoleRef' }],
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: 'bb-adsl-2m', '@type': 'ProductOfferingRef' },
          product: {
            '@type': 'Product',
            place: [
              {
                role: 'installationAddress',
                place: { '@type': 'GeographicAddress', city: 'Anshan', streetName: 'Renmin Rd', streetNr: '8' },
                '@type': 'RelatedPlaceRefOrValue',
              },
            ],
          },
          '@type': 'ProductOrderItem',
        },
      ],
      '@type': 'ProductOrder',
    };
    expectValid('ProductOrder_FVO', body, FVO_ERRATA);
    const res = await post('/productOrder', body);
    expect(res.status).toBe(201);
    const row = (await sys.orm.em.fork().getConnection().execute('select local_network, request from product_order where id = ?', [res.body.id])) as Json[];
    expect(row[0]!.local_network).toBe('anshan');
    expect(row[0]!.request.productOrderItem[0].product.characteristic).toEqual([{ name: 'installationAddress', value: 'Anshan Renmin Rd 8' }]);
    const unknownCity = await post('/productOrder', {
      ...body,
      productOrderItem: [{ ...body.productOrderItem[0], product: { place: [{ role: 'x', place: { city: 'Atlantis' } }] } }],
    });
    expect(unknownCity.status).toBe(400);
    expect(unknownCity.body.errors).toEqual([expect.objectContaining({ field: 'productOrderItem[0].product.place[0].place.city' })]);
    // The order is cancelled while its field installation waits for a department (none answers here).
    await waitFor('the field installation', async () =>
      (await get(`/productOrder/${res.body.id}`)).body.productOrderMilestone?.some((m: Json) => m.name === 'fieldInstallation' && m.message === 'running'),
    );
    const cancel = { productOrder: { id: res.body.id, '@type': 'ProductOrderRef' }, cancellationReason: 'moved abroad', '@type': 'CancelProductOrder' };
    expectValid('CancelProductOrder_FVO', cancel);
    const task = await post('/cancelProductOrder', cancel);
    expect(task.status).toBe(201);
    expectValid('CancelProductOrder', task.body);
    expect(task.body).toMatchObject({ state: 'acknowledged', productOrder: { id: res.body.id }, cancellationReason: 'moved abroad' });
    expect(task.headers.location).toBe(task.body.href);
    const done = await waitFor('the task done', async () => {
      const t = await get(`/cancelProductOrder/${task.body.id}`);
      return t.body.state === 'done' ? t.body : undefined;
    });
    expectValid('CancelProductOrder', done);
    expect(done.effectiveCancellationDate).toEqual(expect.any(String));
    const order = await settled(res.body.id);
    expect(order).toMatchObject({ state: 'cancelled', cancellationReason: 'moved abroad', cancellationDate: expect.any(String) });
    // Too late now: 409, and the task is rejected.
    const late = await post('/cancelProductOrder', cancel);
    expect(late.status).toBe(409);
    expectTmfError(late.body);
    const tasks = await get(`/cancelProductOrder?productOrder.id=${res.body.id}`);
    expect(tasks.headers['x-total-count']).toBe('2');
    expect(tasks.body.map((t: Json) => t.state).sort()).toEqual(['done', 'rejected']);
    tasks.body.forEach((t: Json) => expectValid('CancelProductOrder', t));
  });
});
