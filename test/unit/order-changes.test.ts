// The rules of change orders on a live subscription (domain/order-changes.ts) and how order
// validation applies them (domain/order.ts): the kind of each item, its refusals with the fields
// they name, and the steps each kind runs.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG, catalogById, planChangeEffective } from '../../domain/catalog.js';
import type { Customer, Subscription } from '../../domain/customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES, numberQuarantineDays } from '../../domain/local-networks.js';
import { CHANGE_KINDS, CHANGE_PLANS, changeKindOf, checkChange, type LiveSubscription, type PartyFacts } from '../../domain/order-changes.js';
import { changeKindsOf, planItemSteps, validateOrderRequest, type OrderRequest, type OrderRequestItem } from '../../domain/order.js';

const offeringsById = catalogById(DEFAULT_CATALOG);
const owner: Customer = {
  id: 'cust-1',
  kind: 'individual',
  name: '张伟',
  tier: 'gold',
  homeLocalNetwork: 'shenyang',
  status: 'active',
  contact: {},
};
const buyer: PartyFacts = {
  customer: { id: 'cust-2', kind: 'individual', status: 'active', idNumber: '21010219800101123X' },
  accountIds: ['acct-2'],
};
const closedBuyer: PartyFacts = { customer: { id: 'cust-3', kind: 'individual', status: 'closed', idNumber: '210102198001011234' }, accountIds: ['acct-3'] };
const parties = new Map([
  ['cust-2', buyer],
  ['cust-3', closedBuyer],
]);

const sub = (over: Partial<LiveSubscription> = {}): LiveSubscription => ({
  id: 'sub-1',
  customerId: 'cust-1',
  accountId: 'acct-1',
  offeringId: 'gsm-global-58',
  serviceLine: 'gsm_mobile',
  status: 'active',
  ...over,
});
const modify = (offering: string, product: OrderRequestItem['product'] = {}): OrderRequestItem => ({
  id: '1',
  action: 'modify',
  productOffering: { id: offering },
  product: { id: 'sub-1', ...product },
});
const transfer = (idNumber = '21010219800101123x', party = 'cust-2', more: OrderRequestItem['product'] = {}) =>
  modify('gsm-global-58', { relatedParty: [{ id: party, role: 'owner' }], characteristic: [{ name: 'ownerIdNumber', value: idNumber }], ...more });

describe('the kind of a change', () => {
  it('follows the action, the offering, the status, the owner and the place', () => {
    const kind = (item: OrderRequestItem, s = sub()) => {
      const d = changeKindOf(item, s);
      return d.ok ? d.kind : d.code;
    };
    expect(kind({ id: '1', action: 'add', productOffering: { id: 'gsm-global-88' } })).toBe('connection');
    expect(kind(modify('gsm-global-88'))).toBe('planChange');
    expect(kind({ ...modify('gsm-global-58'), action: 'delete' })).toBe('disconnection');
    expect(kind({ ...modify('fl-residential'), action: 'move' })).toBe('relocation');
    expect(kind(modify('fl-residential', { characteristic: [{ name: 'installationAddress', value: 'x' }] }), sub({ offeringId: 'fl-residential' }))).toBe(
      'relocation',
    );
    expect(kind(modify('gsm-global-58', { status: 'suspended' }))).toBe('suspension');
    expect(kind(modify('gsm-global-58', { status: 'active' }), sub({ status: 'suspended' }))).toBe('resumption');
    expect(kind(transfer())).toBe('ownershipTransfer');
  });

  it('refuses what cannot be done to the subscription as it is', () => {
    const code = (item: OrderRequestItem, s = sub()) => {
      const d = changeKindOf(item, s);
      return d.ok ? d.kind : [d.code, d.field];
    };
    expect(code(modify('gsm-global-58', { status: 'suspended' }), sub({ status: 'suspended' }))).toEqual(['ALREADY_SUSPENDED', '.product.status']);
    expect(code(modify('gsm-global-58', { status: 'active' }))).toEqual(['NOT_SUSPENDED', '.product.status']);
    expect(code(modify('gsm-global-58'))).toEqual(['NOTHING_TO_CHANGE', '.productOffering.id']);
    expect(code(modify('gsm-global-88', { status: 'suspended' }))).toEqual(['ONE_CHANGE_PER_ITEM', '']);
    expect(code(modify('gsm-global-58', { relatedParty: [{ id: 'cust-1', role: 'owner' }] }))).toEqual(['SAME_OWNER', '.product.relatedParty[0].id']);
  });

  it('checks the new owner of a transfer: active, the ID number theirs, an account of theirs', () => {
    const codes = (item: OrderRequestItem, s = sub()) => checkChange(item, s, parties).map((r) => [r.code, r.field]);
    expect(codes(transfer())).toEqual([]);
    expect(codes(transfer('210102198001011234'))).toEqual([['IDENTITY_MISMATCH', '.product.characteristic[0].value']]);
    expect(codes(modify('gsm-global-58', { relatedParty: [{ id: 'cust-2', role: 'owner' }] }))).toEqual([['IDENTITY_REQUIRED', '.product.characteristic']]);
    expect(codes(transfer('x', 'cust-3'))).toEqual([['NEW_OWNER_NOT_ACTIVE', '.product.relatedParty[0].id']]);
    expect(codes(transfer('x', 'cust-9'))).toEqual([['NEW_OWNER_NOT_FOUND', '.product.relatedParty[0].id']]);
    expect(codes(transfer(undefined, undefined, { billingAccount: { id: 'acct-1' } }))).toEqual([['UNKNOWN_BILLING_ACCOUNT', '.product.billingAccount.id']]);
    // A suspended line may still be handed on, resumed or given up — not re-planned.
    expect(codes(transfer(), sub({ status: 'suspended' }))).toEqual([]);
    expect(codes(modify('gsm-global-88'), sub({ status: 'suspended' }))).toEqual([['SUBSCRIPTION_SUSPENDED', '.product.id']]);
    expect(codes(modify('gsm-global-88', { billingAccount: { id: 'acct-2' } }))).toEqual([['UNEXPECTED_FIELD', '.product.billingAccount']]);
  });
});

describe('order validation applies the change rules', () => {
  const subscriptionsById = new Map<string, Subscription>([
    ['sub-1', { ...sub(), serviceId: '13800000001', localNetwork: 'shenyang' } as Subscription],
    ['sub-2', { ...sub({ id: 'sub-2', status: 'suspended' }), serviceId: '13800000002', localNetwork: 'shenyang' } as Subscription],
  ]);
  const order = (items: OrderRequestItem[]): OrderRequest => ({ customerId: 'cust-1', localNetwork: 'shenyang', channel: 'shop', productOrderItem: items });
  const judged = (items: OrderRequestItem[], outstandingBalanceCents?: number) =>
    validateOrderRequest(order(items), {
      customer: owner,
      offeringsById,
      localNetworkRules: DEFAULT_LOCAL_NETWORK_RULES,
      at: '2026-11-30T10:00:00+08:00',
      subscriptionsById,
      partiesById: parties,
      ...(outstandingBalanceCents !== undefined ? { outstandingBalanceCents } : {}),
    });
  const refusals = (items: OrderRequestItem[]) => judged(items).map((r) => [r.code, r.field]);

  it('holds only spending changes to the credit limit: a customer in arrears may still suspend, resume, hand on or give up a line', () => {
    const inArrears = (items: OrderRequestItem[]) => judged(items, 100_000_000).map((r) => r.code);
    expect(inArrears([modify('gsm-global-58', { status: 'suspended' })])).toEqual([]);
    expect(inArrears([{ ...modify('gsm-global-58'), product: { id: 'sub-2', status: 'active' } }])).toEqual([]);
    expect(inArrears([transfer()])).toEqual([]);
    expect(inArrears([{ ...modify('gsm-global-58'), action: 'delete' }])).toEqual([]);
    expect(inArrears([modify('gsm-global-88')])).toEqual(['CREDIT_LIMIT_EXCEEDED']);
  });

  it('moves a plan only to an active offering (its subscribers keep a retired one)', () => {
    expect(refusals([modify('gsm-global-legacy')])).toEqual([['OFFERING_NOT_ACTIVE', 'productOrderItem[0].productOffering.id']]);
  });

  it('names the item fields it refuses', () => {
    expect(refusals([modify('gsm-global-58', { status: 'active' })])).toEqual([['NOT_SUSPENDED', 'productOrderItem[0].product.status']]);
    expect(refusals([{ ...modify('gsm-global-58', { status: 'suspended' }), product: { id: 'sub-2', status: 'suspended' } }])).toEqual([
      ['ALREADY_SUSPENDED', 'productOrderItem[0].product.status'],
    ]);
    expect(refusals([transfer('210102198001011234')])).toEqual([['IDENTITY_MISMATCH', 'productOrderItem[0].product.characteristic[0].value']]);
    expect(refusals([{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' }, product: { status: 'suspended' } }])).toEqual([
      ['UNEXPECTED_FIELD', 'productOrderItem[0].product.status'],
    ]);
    expect(refusals([modify('gsm-global-88'), { ...transfer(), id: '2' }, { ...modify('gsm-global-58', { status: 'suspended' }), id: '3' }])).toEqual([]);
  });

  it('gives each accepted item its kind', () => {
    const kinds = changeKindsOf(
      order([modify('gsm-global-88'), { ...modify('gsm-global-58', { status: 'active' }), id: '2', product: { id: 'sub-2', status: 'active' } }]),
      subscriptionsById,
    );
    expect(Object.fromEntries(kinds)).toEqual({ '1': 'planChange', '2': 'resumption' });
  });
});

describe('the steps of each kind', () => {
  const template = (id: string) => offeringsById.get(id)!.template;
  it('run only what the kind needs, where the template has it', () => {
    expect(planItemSteps(template('gsm-global-88'), 'modify', 'planChange')).toEqual(['configureNetwork', 'activateBilling', 'notify']);
    expect(planItemSteps(template('gsm-global-88'), 'modify', 'suspension')).toEqual(['configureNetwork', 'activateBilling', 'notify']);
    expect(planItemSteps(template('gsm-global-88'), 'delete', 'disconnection')).toEqual(['configureNetwork', 'activateBilling', 'notify']);
    expect(planItemSteps(template('gsm-global-88'), 'modify', 'ownershipTransfer')).toEqual(['activateBilling', 'notify']);
    expect(planItemSteps(template('bb-adsl-4m'), 'move', 'relocation')).toEqual(['reserveResources', 'configureNetwork', 'fieldInstallation', 'notify']);
    // A new connection keeps the plan it always had.
    expect(planItemSteps(template('bb-adsl-4m'), 'add', 'connection')).toEqual(planItemSteps(template('bb-adsl-4m'), 'add'));
  });

  it('is written down for every kind, with what its undo does; plan changes and quarantines are data', () => {
    for (const kind of CHANGE_KINDS) expect(CHANGE_PLANS[kind].undo).toEqual(expect.any(String));
    expect(CHANGE_PLANS.planChange.undo).toMatch(/never deactivated/);
    expect(planChangeEffective(offeringsById.get('bb-adsl-4m')!)).toBe('now');
    expect(planChangeEffective(offeringsById.get('gsm-global-88')!)).toBe('nextCycle');
    const rules = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id, r]));
    expect(numberQuarantineDays(rules.get('shenyang'))).toBe(180);
    expect(numberQuarantineDays(rules.get('benxi'))).toBe(90);
  });
});
