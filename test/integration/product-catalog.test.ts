// TMF620 Product Catalog Management v5 on real components: the product offerings listed and read in the
// published shape (every answer validated against the TMF620 v5.0.0 document), filtered by local
// network, service line, lifecycle and channel, paged; an offering's lifecycle changed by an admin
// (recorded who and when, forward only), a retired offering refused to new orders while an order taken
// before its retirement completes; and the channel rules (no identity-check, cash or bank-transfer
// offering over the phone or the web), through the root API and TMF622 v5.
// Offerings this file retires or launches are ones no other test orders (the database is shared).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import {
  clearFaults,
  findCustomer,
  freshMobile,
  orderBody,
  placeOrder,
  retryingOnStatusPage,
  settledOrder,
  simRecords,
  type SeededCustomer,
} from '../../harness/fixtures.js';
import { TmfSpec } from '../../harness/tmf-spec.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { seedReferenceData } from '../../db/seed.js';

const BASE = '/tmf-api/productCatalogManagement/v5';
let sys: TestSystem;
let spec: TmfSpec;
let customer: SeededCustomer;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies as TMF620 shapes them, checked by its validator
type Json = Record<string, any>;

beforeAll(async () => {
  spec = TmfSpec.load('TMF620');
  sys = await startTestSystem();
  customer = await findCustomer(sys, "c.kind = 'individual' and c.tier = 'gold' and c.home_local_network = 'shenyang'");
});
afterAll(async () => {
  await clearFaults(sys);
  await sys?.stop();
});

const ops = () => sys.token({ roles: ['ops'], sub: 'ops-catalog' });
const clerk = (localNetworks: string[] | '*' = ['shenyang']) => sys.token({ roles: ['order-entry'], localNetworks });
const admin = (sub = `catalog-admin-${randomUUID().slice(0, 8)}`) => sys.token({ roles: ['admin'], sub, name: '产品经理 李娜' });
const get = (path: string, token = ops()) => request(sys.app).get(`${BASE}${path}`).set('authorization', `Bearer ${token}`);
const patch = (id: string, body: object, token: string) =>
  request(sys.app)
    .patch(`${BASE}/productOffering/${id}`)
    .set('authorization', `Bearer ${token}`)
    .set('content-type', 'application/merge-patch+json')
    .send(body);

function expectValid(body: unknown) {
  expect({ errors: spec.check('ProductOffering', body) }).toEqual({ errors: [] });
}
const ids = (body: Json[]) => body.map((o) => o.id as string);

describe('GET productOffering (TMF620 v5)', () => {
  it('lists the whole catalog in the published shape, with @type and absolute hrefs', async () => {
    const res = await get('/productOffering?limit=200');
    expect(res.status).toBe(200);
    expect(Number(res.headers['x-total-count'])).toBe(DEFAULT_CATALOG.length);
    expect(Number(res.headers['x-result-count'])).toBe(res.body.length);
    expect(res.body.filter((o: Json) => o.lifecycleStatus === 'active').length).toBeGreaterThanOrEqual(70);
    for (const o of res.body as Json[]) {
      expectValid(o);
      expect(o['@type']).toBe('ProductOffering');
      expect(o.href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${BASE}/productOffering/${o.id}$`));
    }
    const gsm = (res.body as Json[]).find((o) => o.id === 'gsm-global-188')!;
    expect(gsm).toMatchObject({
      name: 'GSM postpaid 188',
      nameZh: '全球通188套餐',
      lifecycleStatus: 'active',
      isSellable: true,
      category: [{ id: 'gsm_mobile', '@type': 'CategoryRef' }],
      saleRequires: ['identityCheck'],
      channel: [expect.objectContaining({ id: 'shop' }), expect.objectContaining({ id: 'agent' })],
      allowedAction: expect.arrayContaining([{ action: 'add', '@type': 'AllowedProductAction' }]),
    });
    expect(gsm.place).toHaveLength(14);
  });

  it('filters by local network as sold there, service line, lifecycle and channel', async () => {
    const dalian = await get('/productOffering?place.id=dalian&limit=200');
    expect(dalian.status).toBe(200);
    // Dalian sells no PHS, and never a draft to anyone not catalog staff… but ops sees drafts.
    expect((dalian.body as Json[]).some((o) => o.category[0].id === 'phs')).toBe(false);
    expect((dalian.body as Json[]).every((o) => o.place.some((p: Json) => p.id === 'dalian'))).toBe(true);
    const fuxin = ids((await get('/productOffering?place.id=fuxin&category.id=broadband&limit=200')).body);
    expect(fuxin).not.toContain('bb-lan-10m'); // excluded by Fuxin's rules
    expect(fuxin).toContain('bb-adsl-2m');

    const broadband = (await get('/productOffering?category.id=broadband&lifecycleStatus=active&limit=200')).body as Json[];
    expect(broadband.length).toBeGreaterThanOrEqual(10);
    expect(broadband.every((o) => o.category[0].id === 'broadband' && o.lifecycleStatus === 'active')).toBe(true);

    const retired = ids((await get('/productOffering?lifecycleStatus=retired&limit=200')).body);
    expect(retired).toEqual(expect.arrayContaining(['bb-adsl-512k', 'fl-isdn-bri', 'vas-fetion']));

    const web = ids((await get('/productOffering?channel.id=web&lifecycleStatus=active&limit=200')).body);
    expect(web).toContain('gsm-global-58');
    expect(web).not.toContain('gsm-global-188');
    expect(web).not.toContain('phs-prepaid');
    expect(ids((await get('/productOffering?channel.id=shop&category.id=gsm_mobile&limit=200')).body)).toContain('gsm-global-188');
  });

  it('shows drafts to catalog staff only', async () => {
    expect(ids((await get('/productOffering?lifecycleStatus=draft&limit=200')).body)).toContain('phs-student');
    const res = await get('/productOffering?lifecycleStatus=draft', clerk());
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect((await get('/productOffering/phs-student', clerk())).status).toBe(404);
    expect((await get('/productOffering/phs-student')).status).toBe(200);
  });

  it('pages: offset and limit walk the same sorted list, the total in X-Total-Count', async () => {
    const all = await get('/productOffering?lifecycleStatus=active&limit=200', clerk());
    const pages: string[] = [];
    for (let offset = 0; offset < all.body.length; offset += 20) {
      const page = await get(`/productOffering?lifecycleStatus=active&limit=20&offset=${offset}`, clerk());
      expect(page.headers['x-total-count']).toBe(String(all.body.length));
      expect(page.body.length).toBeLessThanOrEqual(20);
      pages.push(...ids(page.body));
    }
    expect(pages).toEqual(ids(all.body));
    expect((await get('/productOffering?offset=5000', clerk())).body).toEqual([]);
  });

  it('selects fields, and gets one offering with its (empty) history', async () => {
    const some = await get('/productOffering?category.id=ip_phone&fields=name,lifecycleStatus');
    expect(Object.keys(some.body[0]).sort()).toEqual(['@type', 'href', 'id', 'lifecycleStatus', 'name']);
    const one = await get('/productOffering/bb-ftth-1000m', clerk());
    expect(one.status).toBe(200);
    expectValid(one.body);
    expect(one.body).toMatchObject({ id: 'bb-ftth-1000m', nameZh: '千兆光纤宽带', lifecycleStatus: 'active', lifecycleHistory: [] });
    expect(one.body.productOfferingCharacteristic).toEqual([expect.objectContaining({ name: 'installationAddress', minCardinality: 1 })]);
  });

  it('answers 404 for an unknown offering and 400 naming the parameter for bad or unknown ones', async () => {
    const missing = await get('/productOffering/no-such-offering');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    for (const [q, field] of [
      ['colour=blue', 'query.colour'],
      ['localNetwork=dalian', 'query.localNetwork'],
      ['lifecycleStatus=obsolete', 'query.lifecycleStatus'],
      ['place.id=atlantis', 'query.place.id'],
      ['category.id=telegraph', 'query.category.id'],
      ['limit=0', 'query.limit'],
      ['fields=colour', 'query.fields'],
    ]) {
      const res = await get(`/productOffering?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    }
    expect((await get('/productOffering/bad%20id')).status).toBe(400);
  });

  it('is scoped: a local network filter outside the reader’s networks is 403, a department may not read', async () => {
    expect((await get('/productOffering?place.id=dalian', clerk(['shenyang']))).status).toBe(403);
    expect((await get('/productOffering', sys.token({ roles: ['department'], department: 'dalian-installation', localNetworks: [] }))).status).toBe(403);
    expect((await request(sys.app).get(`${BASE}/productOffering`)).status).toBe(401);
  });
});

describe('the lifecycle, by admin', () => {
  it('launches a draft and retires it, recording who and when; never back; 403 for others', async () => {
    const id = 'bb-fttr-2000m';
    expect((await patch(id, { lifecycleStatus: 'active' }, clerk('*'))).status).toBe(403);
    expect((await patch(id, { lifecycleStatus: 'active' }, ops())).status).toBe(403);

    const before = Date.now();
    const launched = await patch(id, { lifecycleStatus: 'active', statusReason: 'FTTR launched in 2026' }, admin('pm-lina'));
    expect(launched.status).toBe(200);
    expectValid(launched.body);
    expect(launched.body).toMatchObject({ lifecycleStatus: 'active', isSellable: true, statusReason: 'FTTR launched in 2026' });
    expect(launched.body.lifecycleHistory).toEqual([
      {
        fromStatus: 'draft',
        toStatus: 'active',
        reason: 'FTTR launched in 2026',
        changedBy: { id: 'pm-lina', name: '产品经理 李娜' },
        changedAt: expect.any(String),
      },
    ]);
    expect(Date.parse(launched.body.lifecycleHistory[0].changedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(launched.body.lastUpdate).toBe(launched.body.lifecycleHistory[0].changedAt);
    // Now visible to the front line, and offered by the order desk (the same reference data).
    expect((await get(`/productOffering/${id}`, clerk())).body.lifecycleStatus).toBe('active');
    const desk = await request(sys.app).get('/catalog/productOffering?localNetwork=shenyang&serviceLine=broadband').set('authorization', `Bearer ${clerk()}`);
    expect(desk.body.productOffering.map((o: Json) => o.id)).toContain(id);

    // The state it has: 200, nothing recorded.
    const again = await patch(id, { lifecycleStatus: 'active' }, admin());
    expect(again.status).toBe(200);
    expect(again.body.lifecycleHistory).toHaveLength(1);

    const retired = await patch(id, { lifecycleStatus: 'retired', statusReason: 'replaced' }, admin('pm-wang'));
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ lifecycleStatus: 'retired', isSellable: false });
    expect(retired.body.lifecycleHistory.map((c: Json) => [c.fromStatus, c.toStatus, c.changedBy.id])).toEqual([
      ['draft', 'active', 'pm-lina'],
      ['active', 'retired', 'pm-wang'],
    ]);

    for (const back of ['active', 'draft']) {
      const res = await patch(id, { lifecycleStatus: back }, admin());
      expect({ back, status: res.status }).toEqual({ back, status: 409 });
      expect(res.body.detail).toMatch(/is retired; it cannot become/);
    }
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select from_status, to_status, changed_by from offering_lifecycle_change where offering_id = ? order by id', [id]);
    expect(rows).toEqual([
      { from_status: 'draft', to_status: 'active', changed_by: 'pm-lina' },
      { from_status: 'active', to_status: 'retired', changed_by: 'pm-wang' },
    ]);
  });

  it('refuses other attributes, unknown states and offerings', async () => {
    const bad = await patch('bb-ftth-300m', { lifecycleStatus: 'retired', name: 'renamed' }, admin());
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/name|^$/)]));
    expect((await patch('bb-ftth-300m', { lifecycleStatus: 'obsolete' }, admin())).status).toBe(400);
    expect((await patch('no-such-offering', { lifecycleStatus: 'retired' }, admin())).status).toBe(404);
    expect((await get('/productOffering/bb-ftth-300m')).body.lifecycleStatus).toBe('active');
  });
});

describe('orders and the lifecycle', () => {
  const prepaid = (offering: string) => orderBody(customer, [{ offering, characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);

  it('a new order is refused a retired offering, naming the item and why', async () => {
    expect((await placeOrder(sys, prepaid('gsm-prepaid-music'))).status).toBe(201);
    expect((await patch('gsm-prepaid-music', { lifecycleStatus: 'retired' }, admin())).status).toBe(200);
    const res = await placeOrder(sys, prepaid('gsm-prepaid-music'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'productOrderItem[0].productOffering.id', code: 'OFFERING_NOT_ACTIVE', message: expect.stringMatching(/retired/) }),
    ]);
    // A draft too.
    const draft = await placeOrder(sys, orderBody(customer, [{ offering: 'gsm-prepaid-tourist' }]));
    expect(draft.body.errors).toEqual([expect.objectContaining({ code: 'OFFERING_NOT_ACTIVE', message: expect.stringMatching(/draft/) })]);
  });

  it('an order taken before the retirement completes, though its validation runs after it', async () => {
    const offering = 'gsm-prepaid-campus';
    // Billing down: the order is taken (the credit check waits for the workflow), whose validation retries.
    await sys.sims.control.billing.control({ outageForMs: 120_000 });
    const placed = await placeOrder(sys, prepaid(offering));
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    // The validation is a local activity (patch local-validation): the status page reads its retries from the history.
    expect(await retryingOnStatusPage(sys, orderWorkflowId(orderId), 'validateOrder')).toMatchObject({ kind: 'localActivity' });
    expect((await patch(offering, { lifecycleStatus: 'retired', statusReason: 'campus season over' }, admin())).status).toBe(200);
    await clearFaults(sys);

    const order = await settledOrder(sys, orderId);
    expect(order.state).toBe('completed');
    const subscriptionId = order.productOrderItem[0].product.id as string;
    const { billing } = await simRecords(sys);
    expect(billing.views.subscriptions?.[subscriptionId]).toMatchObject({ offeringId: offering, status: 'active', activations: 1 });
    // …and a new one is refused.
    expect((await placeOrder(sys, prepaid(offering))).status).toBe(400);
  });
});

describe('channel rules', () => {
  const v5Body = (channel: string, offering: string) => ({
    '@type': 'TelecomProductOrder',
    '@baseType': 'ProductOrder',
    localNetwork: customer.homeLocalNetwork,
    channel: [{ role: 'sales channel', channel: { id: channel } }],
    relatedParty: [{ role: 'Customer', partyOrPartyRole: { id: customer.id } }],
    payment: [{ id: 'DEP-1', '@type': 'DepositPaymentRef', amount: { unit: 'CNY', value: 10_000 } }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        productOffering: { id: offering },
        product: { productCharacteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
      },
    ],
  });

  it('refuses an identity-check offering by phone and web with the reason; sells it at the counter', async () => {
    for (const channel of ['call_centre', 'web']) {
      const res = await placeOrder(sys, { ...prepaid188(), channel });
      expect({ channel, status: res.status }).toEqual({ channel, status: 400 });
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'productOrderItem[0].productOffering.id',
          code: 'CHANNEL_NOT_ALLOWED',
          message: expect.stringMatching(/identity check.*shop counter or an agent/),
        }),
      ]);
    }
    const { billing: before } = await simRecords(sys);
    const shop = await placeOrder(sys, { ...prepaid188(), channel: 'shop' });
    expect(shop.status).toBe(201);
    const done = await settledOrder(sys, shop.body.id);
    expect(done.state).toBe('completed');
    const { billing } = await simRecords(sys);
    expect(billing.views.activeSubscriptions).toBe(before.views.activeSubscriptions + 1);
    expect(billing.views.subscriptions?.[done.productOrderItem[0].product.id]).toMatchObject({ offeringId: 'gsm-global-188', status: 'active' });
    // An offering without requirements goes over the web.
    expect((await placeOrder(sys, { ...orderBody(customer, [{ offering: 'vas-call-waiting', characteristic: [] }]), channel: 'web' })).status).toBe(201);
  });

  it('refuses it over TMF622 v5 when the order names the web channel', async () => {
    const token = sys.token({ roles: ['order-entry'] });
    const post = (body: object) =>
      request(sys.app).post('/tmf-api/productOrderingManagement/v5/productOrder').set('authorization', `Bearer ${token}`).send(body);
    const web = await post(v5Body('web', 'gsm-global-288'));
    expect(web.status).toBe(400);
    expect(JSON.stringify(web.body)).toMatch(/CHANNEL_NOT_ALLOWED|identity check/);
    expect(JSON.stringify(web.body)).toContain('productOrderItem[0].productOffering.id');
    const counter = await post(v5Body('shop', 'gsm-global-288'));
    expect(counter.status).toBe(201);
  });

  function prepaid188() {
    return orderBody(customer, [{ offering: 'gsm-global-188', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]);
  }
});

describe('a database seeded with an earlier catalog', () => {
  it('gets the offerings added since, with their base prices, on the next start (seed onlyIfEmpty)', async () => {
    const em = sys.orm.em.fork();
    const conn = em.getConnection();
    const count = async (sql: string) => ((await conn.execute(sql, ['ip-calling-card'])) as Array<{ n: number }>)[0]!.n;
    const offeringRows = 'select count(*)::int as n from product_offering where id = ?';
    const basePrices = "select count(*)::int as n from pricing_policy where id like 'base-' || ? || '-%'";
    expect(await count(basePrices)).toBeGreaterThan(0);
    // As if the database predated the offering (nobody else orders it).
    await conn.execute("delete from pricing_policy where id like 'base-ip-calling-card-%'");
    await conn.execute("delete from product_offering where id = 'ip-calling-card'");
    expect(await seedReferenceData(em, { onlyIfEmpty: true, developmentAccounts: false })).toEqual({ offeringsAdded: 1 });
    expect(await count(offeringRows)).toBe(1);
    expect(await count(basePrices)).toBe(1); // its connection fee (a card has no monthly fee)
    // Nothing more to add: the next start changes nothing.
    expect(await seedReferenceData(em, { onlyIfEmpty: true, developmentAccounts: false })).toBeUndefined();
  });
});
