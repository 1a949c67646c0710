import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG, catalogById } from '../../domain/catalog.js';
import type { Customer, Subscription } from '../../domain/customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES, type LocalNetworkId } from '../../domain/local-networks.js';
import {
  ORDER_STATES,
  canAmendItem,
  canCancelOrder,
  canTransition,
  depositDue,
  isFinal,
  newItemProgress,
  planItemSteps,
  quoteRequestFromOrder,
  settledOrderState,
  validateOrderRequest,
  type ItemProgress,
  type OrderRequest,
  type OrderRequestItem,
  type OrderValidationContext,
} from '../../domain/order.js';
import { DEFAULT_AGENTS } from '../../domain/seed-data.js';

const offeringsById = catalogById(DEFAULT_CATALOG);
const customer: Customer = {
  id: 'cust-1',
  kind: 'individual',
  name: '张伟',
  tier: 'ordinary',
  homeLocalNetwork: 'shenyang',
  status: 'active',
  contact: { phone: '13800000001' },
};

const ctx = (over: Partial<OrderValidationContext> = {}): OrderValidationContext => ({
  customer,
  offeringsById,
  localNetworkRules: DEFAULT_LOCAL_NETWORK_RULES,
  at: '2026-03-01T10:00:00+08:00',
  ...over,
});

const fixedLine: OrderRequestItem = {
  id: '1',
  action: 'add',
  productOffering: { id: 'fl-residential' },
  product: {
    characteristic: [
      { name: 'requestedNumber', value: '23456789' },
      { name: 'installationAddress', value: '沈阳市和平区南京北街1号' },
    ],
  },
};
const callerId: OrderRequestItem = { id: '2', action: 'add', productOffering: { id: 'vas-caller-id' } };

const order = (items: OrderRequestItem[], over: Partial<OrderRequest> = {}): OrderRequest => ({
  customerId: 'cust-1',
  localNetwork: 'shenyang',
  channel: 'shop',
  productOrderItem: items,
  ...over,
});
const item = (offeringId: string, over: Partial<OrderRequestItem> = {}): OrderRequestItem => ({
  id: '1',
  action: 'add',
  productOffering: { id: offeringId },
  ...over,
});
const codes = (req: OrderRequest, c = ctx()) => validateOrderRequest(req, c).map((r) => [r.code, r.field]);

describe('order validation', () => {
  it('accepts a well-formed order', () => {
    expect(validateOrderRequest(order([fixedLine, callerId]), ctx())).toEqual([]);
  });

  it('refuses an empty order, and more items than the local network allows', () => {
    expect(codes(order([]))).toEqual([['EMPTY_ORDER', 'productOrderItem']]);
    const many = Array.from({ length: 9 }, (_, i) => ({ ...callerId, id: String(i + 1) }));
    expect(codes(order(many, { localNetwork: 'chaoyang' }))).toEqual([['TOO_MANY_ITEMS', 'productOrderItem']]);
    expect(codes(order(many))).toEqual([]);
  });

  it('refuses a missing or inactive customer, and an unknown local network', () => {
    expect(codes(order([callerId]), ctx({ customer: undefined }))).toEqual([['CUSTOMER_NOT_FOUND', 'customerId']]);
    expect(codes(order([callerId]), ctx({ customer: { ...customer, status: 'suspended' } }))).toEqual([['CUSTOMER_NOT_ACTIVE', 'customerId']]);
    expect(codes(order([callerId], { localNetwork: 'beijing' as LocalNetworkId }))).toEqual([['UNKNOWN_LOCAL_NETWORK', 'localNetwork']]);
  });

  it('refuses unknown, draft and retired offerings with the item path', () => {
    expect(codes(order([callerId, { ...callerId, id: '3', productOffering: { id: 'nope' } }]))).toEqual([
      ['UNKNOWN_OFFERING', 'productOrderItem[1].productOffering.id'],
    ]);
    expect(codes(order([item('phs-student')]))).toEqual([['OFFERING_NOT_ACTIVE', 'productOrderItem[0].productOffering.id']]);
    expect(codes(order([item('bb-adsl-512k', { product: { characteristic: [{ name: 'installationAddress', value: 'x' }] } })]))).toEqual([
      ['OFFERING_NOT_ACTIVE', 'productOrderItem[0].productOffering.id'],
    ]);
    // Existing subscribers of a retired offering may still end it.
    expect(codes(order([item('bb-adsl-512k', { action: 'delete', product: { id: 'sub-9' } })]))).toEqual([]);
  });

  it('refuses offerings the local network does not sell or the customer may not order', () => {
    const phs = item('phs-basic');
    expect(codes(order([phs], { localNetwork: 'dalian' }))).toEqual([['OFFERING_NOT_SOLD_IN_LOCAL_NETWORK', 'productOrderItem[0].productOffering.id']]);
    expect(codes(order([phs], { localNetwork: 'anshan' }))).toEqual([]);
    const asMap = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id, r]));
    expect(codes(order([phs], { localNetwork: 'dalian' }), ctx({ localNetworkRules: asMap }))).toHaveLength(1);
    expect(codes(order([item('gsm-enterprise-vpmn')], { localNetwork: 'anshan' }))).toEqual([
      ['OFFERING_NOT_FOR_CUSTOMER', 'productOrderItem[0].productOffering.id'],
    ]);
    expect(codes(order([item('gsm-enterprise-vpmn')]), ctx({ customer: { ...customer, kind: 'enterprise' } }))).toEqual([]);
  });

  it('refuses an action the offering template does not allow', () => {
    expect(codes(order([item('gsm-prepaid-szx', { action: 'modify', product: { id: 'sub-1' } })]))).toEqual([
      ['ACTION_NOT_ALLOWED', 'productOrderItem[0].action'],
    ]);
    // Barring and unbarring (停机/复机, as dunning asks) changes no product: a prepaid card takes it.
    expect(codes(order([item('gsm-prepaid-szx', { action: 'modify', product: { id: 'sub-1', status: 'suspended' } })]))).toEqual([]);
    expect(codes(order([item('gsm-prepaid-szx', { action: 'modify', product: { id: 'sub-1', status: 'active' } })]))).toEqual([]);
    // …but not with another change in the same item.
    expect(
      codes(
        order([item('gsm-prepaid-szx', { action: 'modify', product: { id: 'sub-1', status: 'suspended', relatedParty: [{ id: 'cust-2', role: 'owner' }] } })]),
      ),
    ).toContainEqual(['ACTION_NOT_ALLOWED', 'productOrderItem[0].action']);
  });

  it('refuses malformed requested numbers, per format and local numbering plan', () => {
    const number = (offeringId: string, value: string) => item(offeringId, { product: { characteristic: [{ name: 'requestedNumber', value }] } });
    const path = 'productOrderItem[0].product.characteristic[0].value';
    expect(codes(order([number('gsm-prepaid-szx', '13912345678')]))).toEqual([]);
    expect(codes(order([number('gsm-prepaid-szx', '1391234567')]))).toEqual([['MALFORMED_NUMBER', path]]);
    expect(codes(order([number('gsm-prepaid-szx', '23912345678')]))).toEqual([['MALFORMED_NUMBER', path]]);
    expect(codes(order([number('phs-basic', '2345678')]), ctx())).toEqual([['MALFORMED_NUMBER', path]]); // Shenyang: 8 digits
    expect(codes(order([number('phs-basic', '2345678')], { localNetwork: 'anshan' }))).toEqual([]); // Anshan: 7 digits
    expect(codes(order([number('phs-basic', '02423456789')]))).toEqual([['MALFORMED_NUMBER', path]]);
    const msg = validateOrderRequest(order([number('phs-basic', '2345678')]), ctx())[0]!.message;
    expect(msg).toBe('"2345678" has 7 digits; local numbers here have 8');
  });

  it('refuses missing, unknown and mistyped characteristics', () => {
    expect(codes(order([item('bb-adsl-2m')]))).toEqual([['MISSING_CHARACTERISTIC', 'productOrderItem[0].product.characteristic']]);
    expect(codes(order([item('vas-caller-id', { product: { characteristic: [{ name: 'colour', value: 'red' }] } })]))).toEqual([
      ['UNKNOWN_CHARACTERISTIC', 'productOrderItem[0].product.characteristic[0].name'],
    ]);
    const dedicated = item('bb-enterprise-line', {
      product: {
        characteristic: [
          { name: 'installationAddress', value: 'x' },
          { name: 'bandwidth', value: '3M' },
        ],
      },
    });
    expect(codes(order([dedicated]), ctx({ customer: { ...customer, kind: 'enterprise' } }))).toEqual([
      ['INVALID_CHARACTERISTIC', 'productOrderItem[0].product.characteristic[1].value'],
    ]);
  });

  it('refuses duplicate item ids', () => {
    expect(codes(order([callerId, { ...callerId }]))).toEqual([['DUPLICATE_ITEM_ID', 'productOrderItem[1].id']]);
  });

  it('checks the subscription a modify, delete or move item acts on', () => {
    const subs = new Map<string, Subscription>([
      [
        'sub-1',
        {
          id: 'sub-1',
          customerId: 'cust-1',
          accountId: 'a',
          offeringId: 'gsm-global-58',
          serviceLine: 'gsm_mobile',
          serviceId: '13900000000',
          status: 'active',
          localNetwork: 'shenyang',
        },
      ],
      [
        'sub-2',
        {
          id: 'sub-2',
          customerId: 'cust-2',
          accountId: 'b',
          offeringId: 'gsm-global-58',
          serviceLine: 'gsm_mobile',
          serviceId: '13900000001',
          status: 'active',
          localNetwork: 'shenyang',
        },
      ],
    ]);
    const c = ctx({ subscriptionsById: subs });
    expect(codes(order([item('gsm-global-88', { action: 'modify' })]), c)).toEqual([['PRODUCT_REQUIRED', 'productOrderItem[0].product.id']]);
    expect(codes(order([item('gsm-global-88', { action: 'modify', product: { id: 'sub-1' } })]), c)).toEqual([]);
    expect(codes(order([item('gsm-global-58', { action: 'delete', product: { id: 'sub-2' } })]), c)).toEqual([
      ['SUBSCRIPTION_NOT_FOUND', 'productOrderItem[0].product.id'],
    ]);
    expect(codes(order([item('gsm-global-88', { action: 'delete', product: { id: 'sub-1' } })]), c)).toEqual([
      ['SUBSCRIPTION_MISMATCH', 'productOrderItem[0].product.id'],
    ]);
    expect(codes(order([item('gsm-global-58', { action: 'delete', quantity: 2, product: { id: 'sub-1' } })]), c)).toEqual([
      ['INVALID_QUANTITY', 'productOrderItem[0].quantity'],
    ]);
  });

  it('applies the agent contract: channel, scope and daily limit', () => {
    const huaxin = DEFAULT_AGENTS.find((a) => a.agentId === 'agent-sy-huaxin')!;
    const prepaid = item('gsm-prepaid-szx');
    expect(codes(order([prepaid], { channel: 'agent' }))).toEqual([['AGENT_REQUIRED', 'agentId']]);
    expect(codes(order([prepaid], { channel: 'agent', agentId: 'agent-x' }), ctx({ agentContract: huaxin }))).toEqual([
      ['AGENT_CONTRACT_NOT_FOUND', 'agentId'],
    ]);
    const viaAgent = { channel: 'agent' as const, agentId: huaxin.agentId };
    expect(codes(order([prepaid], viaAgent), ctx({ agentContract: huaxin }))).toEqual([]);
    expect(codes(order([prepaid, { ...fixedLine, id: '2' }], viaAgent), ctx({ agentContract: huaxin }))).toEqual([
      ['AGENT_OFFERING_OUT_OF_SCOPE', 'productOrderItem[1].productOffering.id'],
    ]);
    expect(codes(order([prepaid], viaAgent), ctx({ agentContract: huaxin, ordersTodayForAgent: 200 }))).toEqual([['AGENT_DAILY_LIMIT_REACHED', 'agentId']]);
    expect(codes(order([prepaid], { ...viaAgent, localNetwork: 'dalian' }), ctx({ agentContract: huaxin }))).toEqual([
      ['AGENT_LOCAL_NETWORK_OUT_OF_SCOPE', 'agentId'],
    ]);
  });

  it('refuses an order that takes the customer over its credit limit, but never a pure delete', () => {
    // Shenyang: ¥1,000 for ordinary customers.
    expect(codes(order([callerId]), ctx({ outstandingBalanceCents: 95_000, orderChargesCents: 5_000 }))).toEqual([]);
    expect(codes(order([callerId]), ctx({ outstandingBalanceCents: 95_000, orderChargesCents: 5_001 }))).toEqual([['CREDIT_LIMIT_EXCEEDED', 'customerId']]);
    expect(codes(order([callerId]), ctx({ outstandingBalanceCents: 95_000, customer: { ...customer, tier: 'gold' } }))).toEqual([]);
    expect(codes(order([item('vas-caller-id', { action: 'delete', product: { id: 's' } })]), ctx({ outstandingBalanceCents: 1e9 }))).toEqual([]);
  });

  it('requires the local network deposit before accepting the order', () => {
    const postpaid = item('gsm-global-58');
    expect(codes(order([postpaid]))).toEqual([['DEPOSIT_REQUIRED', 'depositPaidCents']]);
    expect(validateOrderRequest(order([postpaid]), ctx())[0]!.message).toMatch(
      /20000 cents is required \(ordinary-tier individuals pay a deposit for postpaid mobile\); 0 paid/,
    );
    expect(codes(order([postpaid], { depositPaidCents: 20_000 }))).toEqual([]);
    expect(codes(order([postpaid], { localNetwork: 'anshan' }))).toEqual([]); // no deposit rule there
    expect(codes(order([postpaid]), ctx({ customer: { ...customer, tier: 'silver' } }))).toEqual([]);
    const rules = DEFAULT_LOCAL_NETWORK_RULES.find((r) => r.id === 'shenyang')!;
    expect(depositDue(order([postpaid, { ...postpaid, id: '2', quantity: 2 }]), customer, offeringsById, rules).amountCents).toBe(60_000);
  });

  it('reports every problem at once', () => {
    const bad = order([item('nope'), { ...item('gsm-prepaid-szx', { action: 'move', product: { id: 's' } }), id: '2' }]);
    expect(codes(bad, ctx({ customer: undefined }))).toEqual([
      ['CUSTOMER_NOT_FOUND', 'customerId'],
      ['UNKNOWN_OFFERING', 'productOrderItem[0].productOffering.id'],
      ['ACTION_NOT_ALLOWED', 'productOrderItem[1].action'],
    ]);
  });
});

describe('order to quote', () => {
  it('turns an order into a quote request', () => {
    expect(quoteRequestFromOrder(order([fixedLine, { ...callerId, quantity: 2 }]), 'gold')).toEqual({
      localNetwork: 'shenyang',
      customerTier: 'gold',
      items: [
        { id: '1', offeringId: 'fl-residential', action: 'add' },
        { id: '2', offeringId: 'vas-caller-id', action: 'add', quantity: 2 },
      ],
    });
  });
});

describe('order state machine', () => {
  it('follows TMF622', () => {
    expect(canTransition('acknowledged', 'inProgress')).toBe(true);
    expect(canTransition('acknowledged', 'rejected')).toBe(true);
    expect(canTransition('acknowledged', 'completed')).toBe(false);
    expect(canTransition('inProgress', 'partial')).toBe(true);
    expect(canTransition('held', 'assessingCancellation')).toBe(true);
    expect(canTransition('assessingCancellation', 'inProgress')).toBe(true);
    expect(canTransition('pendingCancellation', 'cancelled')).toBe(true);
    expect(canTransition('pendingCancellation', 'inProgress')).toBe(false);
    for (const s of ORDER_STATES.filter(isFinal)) expect(ORDER_STATES.some((t) => canTransition(s, t))).toBe(false);
    expect(ORDER_STATES.filter(isFinal)).toEqual(['completed', 'failed', 'partial', 'cancelled', 'rejected']);
  });

  it('plans item steps from the template and the action', () => {
    const steps = (id: string, action: Parameters<typeof planItemSteps>[1]) => planItemSteps(offeringsById.get(id)!.template, action);
    expect(steps('fl-residential', 'add')).toEqual(['reserveResources', 'configureNetwork', 'fieldInstallation', 'activateBilling', 'notify']);
    expect(steps('gsm-global-58', 'add')).toEqual(['reserveResources', 'configureNetwork', 'activateBilling', 'notify']);
    expect(steps('vas-caller-id', 'add')).toEqual(['configureNetwork', 'activateBilling', 'notify']);
    expect(steps('bb-adsl-2m', 'delete')).toEqual(['configureNetwork', 'activateBilling', 'notify']);
    expect(steps('bb-adsl-2m', 'move')).toEqual(['reserveResources', 'configureNetwork', 'fieldInstallation', 'activateBilling', 'notify']);
    expect(newItemProgress('1', offeringsById.get('vas-caller-id')!, 'add').steps.reserveResources.status).toBe('skipped');
  });
});

describe('amend and cancel rules', () => {
  const progress = (
    offeringId: string,
    statuses: Partial<Record<keyof ItemProgress['steps'], ItemProgress['steps']['notify']['status']>>,
    state: ItemProgress['state'] = 'inProgress',
  ): ItemProgress => {
    const p = newItemProgress('1', offeringsById.get(offeringId)!, 'add');
    for (const [step, status] of Object.entries(statuses)) p.steps[step as keyof typeof p.steps] = { status };
    return { ...p, state };
  };

  it('allows amending an item until configureNetwork starts', () => {
    expect(canAmendItem(progress('bb-adsl-2m', {}, 'acknowledged'))).toEqual({ ok: true });
    expect(canAmendItem(progress('bb-adsl-2m', { reserveResources: 'done' })).ok).toBe(true);
    expect(canAmendItem(progress('bb-adsl-2m', { reserveResources: 'done', configureNetwork: 'running' }))).toEqual({
      ok: false,
      code: 'POINT_OF_NO_RETURN',
      reason: 'item 1 is past the point of no return: configureNetwork is running',
    });
    expect(canAmendItem(progress('bb-adsl-2m', { configureNetwork: 'skipped', activateBilling: 'done' })).ok).toBe(false);
    expect(canAmendItem(progress('bb-adsl-2m', {}, 'cancelled'))).toMatchObject({ ok: false, code: 'ITEM_FINAL' });
  });

  it('allows cancelling until the order is final or an item is delivered; a second cancel is refused', () => {
    const running = progress('bb-adsl-2m', { reserveResources: 'done', configureNetwork: 'done', fieldInstallation: 'running' });
    expect(canCancelOrder('inProgress', [running])).toEqual({ ok: true });
    expect(canCancelOrder('completed', [])).toMatchObject({ ok: false, code: 'ORDER_FINAL' });
    expect(canCancelOrder('assessingCancellation', [running])).toMatchObject({ ok: false, code: 'CANCEL_ALREADY_REQUESTED' });
    expect(canCancelOrder('pendingCancellation', [running])).toMatchObject({ ok: false, code: 'CANCEL_ALREADY_REQUESTED' });
    const delivered = { ...running, itemId: '2', state: 'completed' as const };
    expect(canCancelOrder('inProgress', [running, delivered])).toMatchObject({ ok: false, code: 'ITEM_ALREADY_COMPLETED' });
  });

  it('settles an order from its items', () => {
    const done = progress('vas-caller-id', {}, 'completed');
    const failed = progress('vas-caller-id', {}, 'failed');
    expect(settledOrderState([done, done])).toBe('completed');
    expect(settledOrderState([done, failed])).toBe('partial');
    expect(settledOrderState([failed])).toBe('failed');
  });
});
