// The order desk's reads before placing, on real components: the catalog as offered in a local
// network (drafts and withdrawn offerings absent, an agent's contract applied with its reasons) and
// the inventory's free numbers — a page with a pattern search, a hold for an order form that another
// form cannot take, that lapses by itself, that its owner releases, and that the order placed with
// it consumes while another order naming the number is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, orderBody, placeOrder, settledOrder, waitForStep, type SeededCustomer } from '../../harness/fixtures.js';
import type { InventoryViews } from '../../simulators/control.js';

let sys: TestSystem;
let dalian: SeededCustomer;

beforeAll(async () => {
  sys = await startTestSystem();
  dalian = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'");
});
afterAll(async () => {
  await sys?.stop();
});

const PROBLEM = /^application\/problem\+json/;
const clerk = (sub = `clerk-${randomUUID().slice(0, 8)}`, localNetworks: string[] = ['dalian']) => sys.token({ roles: ['order-entry'], sub, localNetworks });
const haiyun = () => sys.token({ roles: ['agent'], sub: `agent-user-${randomUUID().slice(0, 8)}`, agentId: 'agent-dl-haiyun', localNetworks: ['dalian'] });
const get = (path: string, token: string) => request(sys.app).get(path).set('authorization', `Bearer ${token}`);
const hold = (
  number: string,
  token: string,
  key = `hold-${randomUUID()}`,
  body: Record<string, unknown> = { localNetwork: 'dalian', serviceLine: 'fixed_line' },
) => request(sys.app).post(`/inventory/numbers/${number}/hold`).set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(body);
const release = (number: string, holdId: string, token: string) =>
  request(sys.app).delete(`/inventory/numbers/${number}/hold`).query({ localNetwork: 'dalian', holdId }).set('authorization', `Bearer ${token}`);
const freeNumbers = (query: Record<string, string | number>, token = clerk()) =>
  get(`/inventory/numbers?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`, token);
const numbersOf = (res: { body: { numbers: Array<{ number: string }> } }) => res.body.numbers.map((n) => n.number);
const inventoryViews = async () => (await sys.sims.control.inventory.records({ effects: 0 })).views as InventoryViews;

/** A free Dalian fixed-line number no other test of this file uses: ending in a random 4-digit tail. */
async function aFreeNumber(token = clerk()): Promise<string> {
  const tail = String(1000 + Math.floor(Math.random() * 8999));
  const res = await freeNumbers(
    { localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: `*${tail}`, limit: 5, offset: Math.floor(Math.random() * 50) },
    token,
  );
  expect(res.status).toBe(200);
  return numbersOf(res)[0]!;
}

describe('GET /catalog/productOffering', () => {
  it('lists what Dalian sells, active only, with characteristics, number plan and deposits', async () => {
    const res = await get('/catalog/productOffering?localNetwork=dalian', clerk());
    expect(res.status).toBe(200);
    const ids = res.body.productOffering.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['fl-residential', 'bb-adsl-2m', 'bb-lan-10m', 'gsm-global-58']));
    // Draft and withdrawn offerings are absent, and Dalian sells no PHS.
    for (const absent of ['bb-adsl-8m', 'bb-adsl-512k', 'fl-isdn-bri', 'fl-family-numbers', 'phs-basic']) expect(ids).not.toContain(absent);
    expect(res.body.serviceLines.map((l: { id: string }) => l.id)).not.toContain('phs');
    expect(res.body.localNetwork).toMatchObject({ id: 'dalian', fixedNumberDigits: 8 });
    const fixed = res.body.productOffering.find((o: { id: string }) => o.id === 'fl-residential');
    expect(fixed).toMatchObject({ serviceLine: 'fixed_line', numberPlan: 'fixed8', needsInstallationAddress: true, fieldInstallation: true, orderable: true });
    expect(fixed.characteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'requestedNumber', format: 'fixed_number', digits: 8 }),
        expect.objectContaining({ name: 'installationAddress' }),
      ]),
    );
    const gsm = res.body.productOffering.find((o: { id: string }) => o.id === 'gsm-global-58');
    expect(gsm).toMatchObject({ numberPlan: 'mobile', deposit: [expect.objectContaining({ amountCents: 20_000, tiers: ['ordinary'] })] });
    expect(res.body.agent).toBeUndefined();
  });

  it('filters by service line', async () => {
    const res = await get('/catalog/productOffering?localNetwork=dalian&serviceLine=broadband', clerk());
    expect(res.status).toBe(200);
    expect(res.body.productOffering.length).toBeGreaterThan(0);
    expect(res.body.productOffering.every((o: { serviceLine: string }) => o.serviceLine === 'broadband')).toBe(true);
    expect(res.body.productOffering.find((o: { id: string }) => o.id === 'bb-adsl-2m')).not.toHaveProperty('numberPlan');
  });

  it('an agent sees its contract and, for each offering outside it, why it is refused', async () => {
    const res = await get('/catalog/productOffering?localNetwork=dalian', haiyun());
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject({ agentId: 'agent-dl-haiyun', dailyOrderLimit: 80, offeringIds: expect.arrayContaining(['bb-adsl-2m']) });
    const byId = new Map(res.body.productOffering.map((o: { id: string }) => [o.id, o]));
    expect(byId.get('bb-adsl-2m')).toMatchObject({ orderable: true });
    expect(byId.get('gsm-global-58')).toMatchObject({
      orderable: false,
      refusal: { code: 'AGENT_OFFERING_OUT_OF_SCOPE', reason: expect.stringContaining('may not sell gsm-global-58') },
    });
  });

  it('is scoped by local network and refuses bad input with field details', async () => {
    expect((await get('/catalog/productOffering?localNetwork=dalian', clerk(undefined, ['shenyang']))).status).toBe(403);
    expect((await get('/catalog/productOffering?localNetwork=dalian', sys.token({ roles: ['department'], localNetworks: ['dalian'] }))).status).toBe(403);
    for (const [q, field] of [
      ['localNetwork=atlantis', 'query.localNetwork'],
      ['localNetwork=dalian&serviceLine=telegraph', 'query.serviceLine'],
      ['localNetwork=dalian&colour=red', 'query.colour'],
      ['', 'query.localNetwork'],
    ]) {
      const res = await get(`/catalog/productOffering?${q}`, clerk());
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(PROBLEM)]);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });
});

describe('GET /inventory/numbers', () => {
  it('lists a page of free numbers ending in the pattern, in order, and the next page after it', async () => {
    const first = await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: '8888', limit: 5 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ plan: 'fixed8', hasMore: true, limit: 5, offset: 0 });
    const page1 = numbersOf(first);
    expect(page1).toHaveLength(5);
    expect(page1.every((n) => /^\d{8}$/.test(n) && n.endsWith('8888'))).toBe(true);
    expect(page1).toEqual([...page1].sort());
    const second = await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: '*8888', limit: 5, offset: 5 });
    const page2 = numbersOf(second);
    expect(page2).toHaveLength(5);
    expect(page2[0]! > page1[4]!).toBe(true);
    // Wildcards: ? is one digit, * any digits.
    const wild = numbersOf(await freeNumbers({ localNetwork: 'dalian', serviceLine: 'gsm_mobile', pattern: '*66?66', limit: 10 }));
    expect(wild.length).toBe(10);
    expect(wild.every((n) => /^1\d{10}$/.test(n) && /66\d66$/.test(n))).toBe(true);
    // Numbers ending in 0000 are held back by the operator.
    expect(numbersOf(await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: '0000' }))).toEqual([]);
  });

  it('refuses a bad pattern, a service line without numbers, and out-of-bounds paging, naming the field', async () => {
    for (const [query, field] of [
      [{ pattern: '88a8' }, 'query.pattern'],
      [{ pattern: '*1*2*3*4' }, 'query.pattern'],
      [{ pattern: '12345678901234567' }, 'query.pattern'],
      [{ serviceLine: 'broadband' }, 'query.serviceLine'],
      [{ limit: 101 }, 'query.limit'],
      [{ offset: 10_001 }, 'query.offset'],
    ] as const) {
      const res = await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', ...query });
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(PROBLEM)]);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('is scoped: another network is 403, as is a line the agent may not sell; call-centre may not list', async () => {
    expect((await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line' }, clerk(undefined, ['shenyang']))).status).toBe(403);
    expect((await freeNumbers({ localNetwork: 'dalian', serviceLine: 'gsm_mobile' }, haiyun())).status).toBe(403);
    expect((await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line' }, haiyun())).status).toBe(200);
    expect(
      (await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line' }, sys.token({ roles: ['call-centre'], localNetworks: ['dalian'] }))).status,
    ).toBe(403);
  });
});

describe('holding a number', () => {
  it('holds it once per key, refuses it to another form, hides it from the list, and lets its owner release it', async () => {
    const owner = clerk();
    const other = clerk();
    const number = await aFreeNumber(owner);
    const key = `form-${randomUUID()}`;
    const first = await hold(number, owner, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number, localNetwork: 'dalian', serviceLine: 'fixed_line', holdId: expect.stringMatching(/^HLD-/) });
    const until = Date.parse(first.body.heldUntil);
    expect(until - Date.now()).toBeGreaterThan(60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(300_000);
    // A double click: the same hold.
    const again = await hold(number, owner, key);
    expect([again.status, again.body.holdId]).toEqual([201, first.body.holdId]);
    // The same key for another number is refused.
    const reused = await hold(await aFreeNumber(owner), owner, key);
    expect(reused.status).toBe(422);
    expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'header.idempotency-key' })]);

    const taken = await hold(number, other);
    expect([taken.status, taken.headers['content-type']]).toEqual([409, expect.stringMatching(PROBLEM)]);
    expect(taken.body.errors).toEqual([expect.objectContaining({ field: 'path.number', code: 'NUMBER_HELD', message: expect.stringContaining(number) })]);
    const listed = await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: number, limit: 5 });
    expect(numbersOf(listed)).toEqual([]);

    // Someone else cannot release it; its owner can, twice.
    expect((await release(number, first.body.holdId, other)).status).toBe(403);
    expect((await release(number, first.body.holdId, owner)).status).toBe(204);
    expect((await release(number, first.body.holdId, owner)).status).toBe(204);
    expect(numbersOf(await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: number }))).toEqual([number]);
    expect((await hold(number, other)).status).toBe(201);
  });

  it('refuses bad input and other networks, and needs an Idempotency-Key', async () => {
    const number = await aFreeNumber();
    expect((await hold('1234567', clerk())).body.errors).toEqual([expect.objectContaining({ field: 'path.number', code: 'MALFORMED_NUMBER' })]);
    expect((await hold('12ab5678', clerk())).status).toBe(400);
    expect((await hold(number, clerk(), 'k', { localNetwork: 'dalian', serviceLine: 'fixed_line' })).body.errors).toEqual([
      expect.objectContaining({ field: 'header.idempotency-key' }),
    ]);
    const noKey = await request(sys.app)
      .post(`/inventory/numbers/${number}/hold`)
      .set('authorization', `Bearer ${clerk()}`)
      .send({ localNetwork: 'dalian', serviceLine: 'fixed_line' });
    expect(noKey.status).toBe(400);
    expect((await hold(number, clerk(), undefined, { localNetwork: 'dalian', serviceLine: 'fixed_line', extra: 1 })).body.errors).toEqual([
      expect.objectContaining({ field: 'extra' }),
    ]);
    expect((await hold(number, clerk(undefined, ['shenyang']))).status).toBe(403);
    expect((await release(number, 'HLD-1', clerk(undefined, ['shenyang']))).status).toBe(403);
    expect((await release(number, 'bad id!', clerk())).status).toBe(400);
  });

  it('lapses by itself when no order takes it', async () => {
    const inventory = sys.sims.control.inventory;
    await inventory.control({ numberHoldSeconds: 1 });
    try {
      const number = await aFreeNumber();
      const held = await hold(number, clerk());
      expect(held.status).toBe(201);
      expect(Date.parse(held.body.heldUntil) - Date.now()).toBeLessThanOrEqual(1000);
      expect((await hold(number, clerk())).status).toBe(409);
      await new Promise((r) => setTimeout(r, 1200));
      expect(numbersOf(await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: number }))).toEqual([number]);
      expect((await hold(number, clerk())).status).toBe(201);
    } finally {
      await inventory.control({ numberHoldSeconds: 300 });
    }
  });
});

describe('an order and the hold of its form', () => {
  const fixedLine = (number: string, holdId?: string) =>
    orderBody(dalian, [
      {
        offering: 'fl-residential',
        characteristic: [
          { name: 'requestedNumber', value: number },
          ...(holdId ? [{ name: 'numberHold', value: holdId }] : []),
          { name: 'installationAddress', value: '大连市中山区人民路1号' },
        ],
      },
    ]);

  it('the order placed with the hold reserves the number and consumes the hold; another order naming it is refused why', async () => {
    const sub = `clerk-${randomUUID().slice(0, 8)}`;
    const token = clerk(sub);
    const number = await aFreeNumber(token);
    const held = await hold(number, token);
    expect(held.status).toBe(201);
    const before = (await inventoryViews()).holds;

    // Another clerk's order for the held number fails at the reserve step, saying the number is held.
    const intruder = await placeOrder(sys, fixedLine(number), clerk(), { 'idempotency-key': `order-${randomUUID()}` });
    expect(intruder.status).toBe(201);
    const refused = await settledOrder(sys, intruder.body.id);
    expect(refused.state).toBe('failed');
    expect(refused.productOrderItem[0].failure).toMatchObject({ step: 'reserveResources', code: 'NUMBER_HELD', message: expect.stringContaining(number) });

    // The order of the form that held it reserves it.
    const placed = await placeOrder(sys, fixedLine(number, held.body.holdId), token, { 'idempotency-key': `order-${randomUUID()}` });
    expect(placed.status).toBe(201);
    await waitForStep(sys, placed.body.id, 'reserveResources', 'done');
    const after = await inventoryViews();
    expect(after.holds.consumed).toBe(before.consumed + 1);
    expect(Object.values(after.reservations ?? {})).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'number', value: number, orderId: placed.body.id })]),
    );
    // The hold is gone: releasing it now changes nothing.
    expect((await release(number, held.body.holdId, token)).status).toBe(204);
    expect(numbersOf(await freeNumbers({ localNetwork: 'dalian', serviceLine: 'fixed_line', pattern: number }))).toEqual([]);
    await request(sys.app)
      .post('/cancelProductOrder')
      .set('authorization', `Bearer ${token}`)
      .send({ productOrder: { id: placed.body.id }, cancellationReason: 'test done' });
  });

  it('a numberHold needs its requestedNumber and must be a hold id', async () => {
    const body = orderBody(dalian, [
      {
        offering: 'fl-residential',
        characteristic: [
          { name: 'numberHold', value: 'HLD-00000001-abcdefabcdef' },
          { name: 'installationAddress', value: 'x' },
        ],
      },
    ]);
    const res = await placeOrder(sys, body, clerk());
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'MISSING_CHARACTERISTIC' })]));
    const broadband = orderBody(dalian, [
      {
        offering: 'bb-adsl-2m',
        characteristic: [
          { name: 'numberHold', value: 'HLD-1' },
          { name: 'installationAddress', value: 'x' },
        ],
      },
    ]);
    const refused = await placeOrder(sys, broadband, clerk());
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_CHARACTERISTIC' })]);
  });
});
