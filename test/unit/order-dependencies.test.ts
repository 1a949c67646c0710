import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG, catalogById } from '../../domain/catalog.js';
import type { Customer } from '../../domain/customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../../domain/local-networks.js';
import { validateOrderRequest, type OrderRequestItem } from '../../domain/order.js';
import { checkItemDependencies, dependenciesOf, dependencyGate, findCycle } from '../../domain/order-dependencies.js';

const offeringsById = catalogById(DEFAULT_CATALOG);
const dependsOn = (...ids: string[]) => ids.map((id) => ({ id, relationshipType: 'dependsOn' }));

const line: OrderRequestItem = { id: '1', action: 'add', productOffering: { id: 'gsm-global-58' } };
const pack = (over: Partial<OrderRequestItem> = {}): OrderRequestItem => ({
  id: '2',
  action: 'add',
  productOffering: { id: 'vas-data-5g' },
  productOrderItemRelationship: dependsOn('1'),
  ...over,
});
const codes = (items: OrderRequestItem[]) => checkItemDependencies(items, offeringsById).map((r) => [r.code, r.field]);

describe('dependent items: validation', () => {
  it('accepts a data pack depending on the new mobile line, and IPTV on the new broadband', () => {
    expect(codes([line, pack()])).toEqual([]);
    const bb: OrderRequestItem = { id: 'bb', action: 'add', productOffering: { id: 'bb-ftth-100m' } };
    const tv: OrderRequestItem = {
      id: 'tv',
      action: 'add',
      productOffering: { id: 'bb-iptv' },
      productOrderItemRelationship: [{ id: 'bb', relationshipType: 'reliesOn' }],
    };
    expect(codes([bb, tv])).toEqual([]);
    // IPTV on a broadband line the customer already has: no dependency needed.
    expect(codes([{ ...tv, productOrderItemRelationship: undefined }])).toEqual([]);
  });

  it('refuses a dependency on an item the order does not have, naming the relationship', () => {
    expect(codes([line, pack({ productOrderItemRelationship: dependsOn('9') })])).toEqual([
      ['DEPENDENCY_NOT_FOUND', 'productOrderItem[1].productOrderItemRelationship[0].id'],
    ]);
  });

  it('refuses a dependency the template does not declare (wrong service line, or an offering that depends on nothing)', () => {
    const bb: OrderRequestItem = { id: '1', action: 'add', productOffering: { id: 'bb-ftth-100m' } };
    expect(codes([bb, pack()])).toEqual([['DEPENDENCY_NOT_ALLOWED', 'productOrderItem[1].productOrderItemRelationship[0].id']]);
    const lineOnPack: OrderRequestItem = { ...line, productOrderItemRelationship: dependsOn('2') };
    const freePack = pack({ productOrderItemRelationship: undefined, product: { characteristic: [{ name: 'boundNumber', value: '13900000001' }] } });
    expect(codes([lineOnPack, freePack])).toEqual([['DEPENDENCY_NOT_ALLOWED', 'productOrderItem[0].productOrderItemRelationship[0].id']]);
  });

  it('refuses a dependency on an item that disconnects its service', () => {
    const disconnect: OrderRequestItem = { ...line, action: 'delete', product: { id: 'sub-1' } };
    expect(codes([disconnect, pack()])).toEqual([['DEPENDENCY_NOT_ALLOWED', 'productOrderItem[1].productOrderItemRelationship[0].id']]);
  });

  it('refuses a cycle, and an item depending on itself', () => {
    const a: OrderRequestItem = { id: 'a', action: 'add', productOffering: { id: 'bb-iptv' }, productOrderItemRelationship: dependsOn('b') };
    const b: OrderRequestItem = { id: 'b', action: 'add', productOffering: { id: 'bb-iptv' }, productOrderItemRelationship: dependsOn('a') };
    const refusals = checkItemDependencies([a, b], offeringsById);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['DEPENDENCY_CYCLE', 'productOrderItem[0].productOrderItemRelationship[0].id']]);
    expect(refusals[0]!.message).toContain('a → b → a');
    expect(codes([pack({ productOrderItemRelationship: dependsOn('2') })])).toEqual([
      ['DEPENDENCY_CYCLE', 'productOrderItem[0].productOrderItemRelationship[0].id'],
    ]);
  });

  it('refuses a data pack that neither names its line nor depends on the order’s new one', () => {
    const refusals = checkItemDependencies([line, pack({ productOrderItemRelationship: undefined })], offeringsById);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['DEPENDENCY_REQUIRED', 'productOrderItem[1].productOrderItemRelationship']]);
    expect(refusals[0]!.message).toContain('boundNumber');
    // Naming an existing line is enough; relationships of other types do not count as dependencies.
    expect(codes([pack({ productOrderItemRelationship: undefined, product: { characteristic: [{ name: 'boundNumber', value: '13900000001' }] } })])).toEqual(
      [],
    );
    expect(codes([line, pack({ productOrderItemRelationship: [{ id: '1', relationshipType: 'bundles' }] })])).toEqual([
      ['DEPENDENCY_REQUIRED', 'productOrderItem[1].productOrderItemRelationship'],
    ]);
  });

  it('is part of the order validation', () => {
    const customer: Customer = {
      id: 'cust-1',
      kind: 'individual',
      name: '张伟',
      tier: 'ordinary',
      homeLocalNetwork: 'shenyang',
      status: 'active',
    } as Customer;
    const request = {
      customerId: 'cust-1',
      localNetwork: 'shenyang' as const,
      channel: 'shop' as const,
      productOrderItem: [line, pack({ productOrderItemRelationship: dependsOn('x') })],
    };
    const refusals = validateOrderRequest(request, {
      customer,
      offeringsById,
      localNetworkRules: DEFAULT_LOCAL_NETWORK_RULES,
      at: '2026-03-01T10:00:00+08:00',
    });
    expect(refusals.map((r) => r.code)).toContain('DEPENDENCY_NOT_FOUND');
  });

  it('lists an item’s dependencies once, ignoring other relationship types', () => {
    expect(
      dependenciesOf({
        productOrderItemRelationship: [...dependsOn('1', '1'), { id: '3', relationshipType: 'bundles' }, { id: '4', relationshipType: 'reliesOn' }],
      }),
    ).toEqual(['1', '4']);
    expect(
      findCycle(
        new Map([
          ['1', ['2']],
          ['2', ['3']],
          ['3', []],
        ]),
      ),
    ).toBeUndefined();
    expect(
      findCycle(
        new Map([
          ['1', ['2']],
          ['2', ['3']],
          ['3', ['2']],
        ]),
      ),
    ).toEqual(['2', '3', '2']);
  });
});

describe('dependent items: when a dependant may start', () => {
  it('waits while what it needs runs, starts once all of it is in service', () => {
    expect(
      dependencyGate(
        ['1', '3'],
        [
          { itemId: '1', state: 'completed' },
          { itemId: '3', state: 'inProgress' },
        ],
      ),
    ).toEqual({ go: 'wait' });
    expect(
      dependencyGate(
        ['1', '3'],
        [
          { itemId: '1', state: 'completed' },
          { itemId: '3', state: 'completed' },
        ],
      ),
    ).toEqual({ go: 'start' });
  });

  it('never starts when what it needs failed or was cancelled, with that reason', () => {
    const failed = dependencyGate(['1'], [{ itemId: '1', state: 'failed', error: 'configureNetwork: offering refused' }]);
    expect(failed).toEqual({ go: 'never', reason: 'depends on item 1, which failed: configureNetwork: offering refused', cancelled: false });
    const cancelled = dependencyGate(
      ['1', '2'],
      [
        { itemId: '1', state: 'inProgress' },
        { itemId: '2', state: 'cancelled' },
      ],
    );
    expect(cancelled).toMatchObject({ go: 'never', cancelled: true });
    expect((cancelled as { reason: string }).reason).toMatch(/^depends on item 2, which was cancelled/);
  });
});
