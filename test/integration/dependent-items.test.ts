// Dependent items inside one order (issue 14, point 4) on the real stack: a data pack that depends on
// the order's new mobile line starts only once the line is in service, an independent item runs
// meanwhile, the line failing leaves the pack never started (with the reason), and the dependencies
// are checked at order entry (root API and TMF622 v5). Counted against the simulators' records.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { stepShapeForBlock, systemPerFile } from '../../harness/jest-system.js';
import type { TestSystem } from '../../harness/system.js';
import { Migration014ItemDependencies } from '../../db/migrations/014-item-dependencies.js';
import {
  activationsOf,
  cancelOrder,
  findCustomer,
  freshMobile,
  getOrder,
  orderBody,
  placeOrder,
  settledOrder,
  simRecords,
  waitForStep,
} from '../../harness/fixtures.js';

let sys: TestSystem;

systemPerFile((s) => (sys = s));

const WHERE = "c.kind = 'individual' and c.home_local_network = 'shenyang'";
const dependsOn = (id: string) => [{ id, relationshipType: 'dependsOn' }];

/** A new mobile line (item 1), a data pack depending on it (item 2) and caller ID on another, existing line (item 3). */
function lineWithPack(customer: Awaited<ReturnType<typeof findCustomer>>, lineOffering = 'gsm-global-58') {
  const body = orderBody(customer, [
    { offering: lineOffering, characteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
    { offering: 'vas-data-5g' },
    { offering: 'vas-caller-id', characteristic: [{ name: 'boundNumber', value: freshMobile() }] },
  ]);
  (body.productOrderItem[1] as Record<string, unknown>).productOrderItemRelationship = dependsOn('1');
  return body;
}

/** When one simulator applied an operation for an item of the order. */
async function effectAt(system: 'network' | 'billing', operation: string, orderId: string, itemId: string, serviceId?: string) {
  const records = (await simRecords(sys))[system];
  const e = records.effects.filter(
    (x) =>
      x.operation === operation &&
      (x.summary.orderId === undefined ? x.summary.subscriptionId === serviceId : x.summary.orderId === orderId && x.summary.itemId === itemId),
  );
  return e.map((x) => Date.parse(x.at));
}

describe('dependent items', () => {
  it('a data pack on the new mobile line starts once the line is in service; an independent item runs meanwhile', async () => {
    const customer = await findCustomer(sys, WHERE, 11);
    const res = await placeOrder(sys, lineWithPack(customer));
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem.map((i: { state: string }) => i.state)).toEqual(['completed', 'completed', 'completed']);
    expect(order.productOrderItem[1].productOrderItemRelationship).toEqual([{ id: '1', relationshipType: 'dependsOn' }]);
    expect(order.productOrderItem[2].productOrderItemRelationship).toBeUndefined();

    const [line, pack, callerId] = order.productOrderItem as Array<{ product: { id: string } }>;
    const lineBilled = await effectAt('billing', 'activateSubscription', order.id, '1', line!.product.id);
    const packOnNetwork = await effectAt('network', 'activateService', order.id, '2');
    const callerIdOnNetwork = await effectAt('network', 'activateService', order.id, '3');
    const lineOnNetwork = await effectAt('network', 'activateService', order.id, '1');
    expect(lineBilled).toHaveLength(1);
    expect(packOnNetwork).toHaveLength(1);
    expect(callerIdOnNetwork).toHaveLength(1);
    // The pack's network activation came after the line was active in billing (in service) ...
    expect(packOnNetwork[0]!).toBeGreaterThanOrEqual(lineBilled[0]!);
    // ... while the independent item did not wait: it was on the network before the line was billed.
    expect(callerIdOnNetwork[0]!).toBeLessThanOrEqual(lineBilled[0]!);
    expect(lineOnNetwork[0]!).toBeLessThanOrEqual(lineBilled[0]!);
    const { billing } = await simRecords(sys);
    for (const item of [line, pack, callerId]) expect(billing.views.subscriptions?.[item!.product.id]).toMatchObject({ status: 'active', activations: 1 });
  });

  it('the line refused by the network: the pack is never started, with the reason; the independent item is delivered', async () => {
    const customer = await findCustomer(sys, WHERE, 12);
    await sys.sims.control.network.control({ failOfferings: ['gsm-global-88'] });
    const res = await placeOrder(sys, lineWithPack(customer, 'gsm-global-88'));
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('partial');
    const [line, pack, callerId] = order.productOrderItem;
    expect(line).toMatchObject({ state: 'failed', failure: { step: 'configureNetwork', code: 'ACTIVATION_REJECTED' } });
    expect(pack).toMatchObject({ state: 'failed', failure: { code: 'DEPENDENCY_FAILED' } });
    expect(pack.failure.message).toMatch(/^depends on item 1, which failed: configureNetwork: /);
    expect(pack.steps).toEqual({ reserveResources: 'skipped', configureNetwork: 'skipped', fieldInstallation: 'skipped', activateBilling: 'skipped' });
    expect(callerId.state).toBe('completed');
    expect(order.stateReason).toContain('item 2: not started (DEPENDENCY_FAILED: depends on item 1, which failed');

    // Nothing of the pack reached the network or billing; the caller ID did.
    const activations = await activationsOf(sys, order.id);
    expect(activations.map((a) => a.itemId).sort()).toEqual(['3']);
    const { billing, network } = await simRecords(sys);
    expect(network.effects.filter((e) => e.summary.orderId === order.id && e.summary.itemId === '2')).toEqual([]);
    expect(billing.views.subscriptions?.[pack.product.id]).toBeUndefined();
    expect(billing.views.subscriptions?.[callerId.product.id]).toMatchObject({ status: 'active', activations: 1 });
  });

  // The cancel lands while the line's network call is in flight: on a run that keeps the task queue's
  // shape (started before the patch short-steps-local; see short-steps-local.test.ts for today's).
  describe("mid-step, on a run that keeps the task queue's shape", () => {
    stepShapeForBlock(
      'queue',
      () => sys,
      (s) => (sys = s),
    );

    it('the order cancelled while the pack waits for its line: the pack ends cancelled, never started', async () => {
      const customer = await findCustomer(sys, WHERE, 15);
      // The network takes 3 s to answer: the cancel arrives while the line's activation is in flight.
      await sys.sims.control.network.control({ latencyMs: 3000 });
      const body = lineWithPack(customer);
      body.productOrderItem.pop(); // no independent item: it could be delivered first, and then the order could not be cancelled
      const res = await placeOrder(sys, body);
      expect(res.status).toBe(201);
      await waitForStep(sys, res.body.id, 'configureNetwork', 'running');
      const waiting = await getOrder(sys, res.body.id);
      expect(waiting.body.productOrderItem[1]).toMatchObject({ state: 'pending', steps: { configureNetwork: 'pending', activateBilling: 'pending' } });
      const accepted = await cancelOrder(sys, res.body.id);
      expect(accepted.status).toBe(202);
      await sys.sims.control.network.control({ latencyMs: 2 });
      const order = await settledOrder(sys, res.body.id);
      expect(order.state).toBe('cancelled');
      expect(order.productOrderItem.map((i: { state: string }) => i.state)).toEqual(['cancelled', 'cancelled']);
      expect(order.productOrderItem[1].steps).toMatchObject({ configureNetwork: 'pending', activateBilling: 'pending' });
      // The line's activation in flight was undone; nothing of the pack reached the network or billing.
      const { billing, network } = await simRecords(sys);
      expect(network.effects.filter((e) => e.summary.orderId === order.id && e.summary.itemId === '2')).toEqual([]);
      expect((await activationsOf(sys, order.id)).map((a) => [a.itemId, a.status])).toEqual([['1', 'deactivated']]);
      expect(billing.views.subscriptions?.[order.productOrderItem[1].product.id]).toBeUndefined();
    });
  });

  it('a database seeded before dependent items gets the templates’ dependencies by migration 014', async () => {
    const em = sys.orm.em.fork();
    const templates = async (conn: ReturnType<typeof em.getConnection>, tx: unknown) =>
      (await conn.execute(
        "select id, template->'dependsOn' as t, data->'template'->'dependsOn' as d from product_offering where id in ('vas-data-5g', 'bb-iptv') order by id",
        [],
        'all',
        tx as never,
      )) as Array<{ id: string; t: unknown; d: unknown }>;
    // In a transaction rolled back at the end: other tests share the database.
    const rollback = new Error('rollback');
    await expect(
      em.transactional(async (tx) => {
        const conn = tx.getConnection();
        const ctx = tx.getTransactionContext();
        await conn.execute("update product_offering set template = template - 'dependsOn', data = data #- '{template,dependsOn}'", [], 'run', ctx);
        expect((await templates(conn, ctx)).map((r) => r.t)).toEqual([null, null]);
        const migration = new Migration014ItemDependencies(sys.orm.em.getDriver(), sys.orm.config);
        await migration.up();
        for (const q of migration.getQueries()) await conn.execute(String(q), [], 'run', ctx);
        const rows = await templates(conn, ctx);
        expect(rows).toEqual([
          { id: 'bb-iptv', t: { serviceLines: ['broadband'] }, d: { serviceLines: ['broadband'] } },
          expect.objectContaining({ id: 'vas-data-5g', t: { serviceLines: ['gsm_mobile', 'gsm_prepaid'], unlessCharacteristic: 'boundNumber' } }),
        ]);
        expect(rows[1]!.d).toEqual(rows[1]!.t);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  describe('validation at order entry (400 naming the field; nothing started)', () => {
    const cases: Array<{ name: string; relate: (items: Array<Record<string, unknown>>) => void; code: string; field: string }> = [
      {
        name: 'a dependency on an item the order does not have',
        relate: (items) => (items[1]!.productOrderItemRelationship = dependsOn('7')),
        code: 'DEPENDENCY_NOT_FOUND',
        field: 'productOrderItem[1].productOrderItemRelationship[0].id',
      },
      {
        name: 'a cycle',
        relate: (items) => {
          items[1]!.productOrderItemRelationship = dependsOn('2');
        },
        code: 'DEPENDENCY_CYCLE',
        field: 'productOrderItem[1].productOrderItemRelationship[0].id',
      },
      {
        name: 'a data pack that neither names its line nor depends on the new one',
        relate: () => undefined,
        code: 'DEPENDENCY_REQUIRED',
        field: 'productOrderItem[1].productOrderItemRelationship',
      },
      {
        name: 'a dependency the template does not declare (the line on the pack)',
        relate: (items) => {
          items[1]!.productOrderItemRelationship = dependsOn('1');
          items[0]!.productOrderItemRelationship = dependsOn('3');
        },
        code: 'DEPENDENCY_NOT_ALLOWED',
        field: 'productOrderItem[0].productOrderItemRelationship[0].id',
      },
    ];
    it.each(cases)('root API: $name', async ({ relate, code, field }) => {
      const customer = await findCustomer(sys, WHERE, 13);
      const body = lineWithPack(customer);
      delete (body.productOrderItem[1] as Record<string, unknown>).productOrderItemRelationship;
      relate(body.productOrderItem as Array<Record<string, unknown>>);
      const res = await placeOrder(sys, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it('TMF622 v5: productOrderItemRelationship dependsOn is taken and checked the same way', async () => {
      const customer = await findCustomer(sys, WHERE, 14);
      const v5 = (relationship: Array<{ id: string; relationshipType: string }>) =>
        request(sys.app)
          .post('/tmf-api/productOrderingManagement/v5/productOrder')
          .set('authorization', `Bearer ${sys.token({ roles: ['order-entry'] })}`)
          .send({
            relatedParty: [{ role: 'Customer', partyOrPartyRole: { id: customer.id } }],
            productOrderItem: [
              {
                id: 'line',
                action: 'add',
                // A prepaid line: no deposit to pay.
                productOffering: { id: 'gsm-prepaid-szx' },
                product: { productCharacteristic: [{ name: 'requestedNumber', value: freshMobile() }] },
              },
              { id: 'pack', action: 'add', productOffering: { id: 'vas-data-500m' }, productOrderItemRelationship: relationship },
            ],
          });
      const missing = await v5([{ id: 'nope', relationshipType: 'reliesOn' }]);
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('productOrderItem[1].productOrderItemRelationship[0].id');
      const ok = await v5([{ id: 'line', relationshipType: 'dependsOn' }]);
      expect({ status: ok.status, body: ok.status === 201 ? undefined : ok.body }).toEqual({ status: 201, body: undefined });
      const order = await settledOrder(sys, ok.body.id);
      expect(order.state).toBe('completed');
      const lineBilled = await effectAt('billing', 'activateSubscription', order.id, 'line', order.productOrderItem[0].product.id);
      const packOnNetwork = await effectAt('network', 'activateService', order.id, 'pack');
      expect(packOnNetwork[0]!).toBeGreaterThanOrEqual(lineBilled[0]!);
    });
  });
});
