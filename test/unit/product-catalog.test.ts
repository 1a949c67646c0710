// The grown catalog's invariants (70+ active offerings over the 8 service lines, each with a usable
// fulfilment template and prices), the lifecycle's one direction, and the channel rules: offerings
// whose sale needs an identity check, cash or a bank transfer are not sold by phone or web.
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CATALOG,
  OFFERING_LIFECYCLES,
  ORDER_ACTIONS,
  RESOURCE_KINDS,
  SALE_REQUIREMENTS,
  SERVICE_LINES,
  canChangeLifecycle,
  catalogById,
  channelRefusal,
} from '../../domain/catalog.js';
import type { Customer, Subscription } from '../../domain/customer.js';
import { CITY_DEPARTMENT_FUNCTIONS } from '../../domain/departments.js';
import { DEFAULT_LOCAL_NETWORK_RULES, isOfferingSold } from '../../domain/local-networks.js';
import { ORDER_CHANNELS, planItemSteps, validateOrderRequest, type OrderRequest, type OrderValidationContext } from '../../domain/order.js';
import { PricingIndex } from '../../domain/pricing.js';
import { generateCustomers, generatePricingPolicies } from '../../domain/seed-data.js';

const active = DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active');
const policies = generatePricingPolicies();

describe('the catalog', () => {
  it('has at least 70 active offerings over all 8 service lines, unique ids', () => {
    expect(active.length).toBeGreaterThanOrEqual(70);
    expect(new Set(DEFAULT_CATALOG.map((o) => o.id)).size).toBe(DEFAULT_CATALOG.length);
    for (const line of SERVICE_LINES) expect({ line, n: active.filter((o) => o.serviceLine === line).length >= 5 }).toEqual({ line, n: true });
    expect(DEFAULT_CATALOG.every((o) => OFFERING_LIFECYCLES.includes(o.lifecycle))).toBe(true);
  });

  it('names every offering in English and Chinese, bounded, ids in the API’s alphabet', () => {
    for (const o of DEFAULT_CATALOG) {
      expect(o.id).toMatch(/^[a-z0-9-]{3,40}$/);
      expect(o.name.length).toBeGreaterThan(2);
      expect(o.name.length).toBeLessThanOrEqual(60);
      expect(o.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(o.nameZh!.length).toBeLessThanOrEqual(30);
    }
  });

  it('gives every offering a valid fulfilment template', () => {
    for (const o of DEFAULT_CATALOG) {
      const t = o.template;
      const where = { offering: o.id };
      expect({ ...where, actions: t.allowedActions.every((a) => ORDER_ACTIONS.includes(a)) && t.allowedActions.includes('add') }).toEqual({
        ...where,
        actions: true,
      });
      expect({ ...where, resources: t.resources.every((r) => RESOURCE_KINDS.includes(r)) }).toEqual({ ...where, resources: true });
      expect({ ...where, network: t.networkActions.length > 0 && t.networkActions.every((a) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(a)) }).toEqual({
        ...where,
        network: true,
      });
      if (t.fieldInstallation) expect(CITY_DEPARTMENT_FUNCTIONS).toContain(t.installationDepartment);
      // A visit installs something at an address the order must give.
      if (t.fieldInstallation) expect((o.characteristics ?? []).some((c) => c.name === 'installationAddress' && c.requiredFor?.includes('add'))).toBe(true);
      expect(planItemSteps(t, 'add')).toEqual(expect.arrayContaining(['configureNetwork', 'activateBilling']));
    }
  });

  it('sells every active offering somewhere, and only the face-to-face requirements it names', () => {
    for (const o of active) expect({ o: o.id, sold: DEFAULT_LOCAL_NETWORK_RULES.some((r) => isOfferingSold(r, o)) }).toEqual({ o: o.id, sold: true });
    const needing = active.filter((o) => o.saleRequires?.length);
    expect(needing.length).toBeGreaterThanOrEqual(10);
    for (const o of needing) expect(o.saleRequires!.every((r) => SALE_REQUIREMENTS.includes(r))).toBe(true);
    for (const r of SALE_REQUIREMENTS) expect(needing.some((o) => o.saleRequires!.includes(r))).toBe(true);
  });
});

describe('pricing of the grown catalog', () => {
  const perOffering = new Map<string, number>();
  for (const p of policies) for (const id of p.offeringIds) perOffering.set(id, (perOffering.get(id) ?? 0) + 1);

  it('spreads the 45,000 policies over every active offering', () => {
    expect(policies).toHaveLength(45_000);
    const counts = active.map((o) => perOffering.get(o.id) ?? 0).sort((a, b) => a - b);
    expect(counts[0]).toBeGreaterThanOrEqual(100);
    // No offering takes the lion's share: the busiest has at most a few times the median.
    expect(counts.at(-1)!).toBeLessThan(counts[Math.floor(counts.length / 2)]! * 4);
  });

  it('prices a new connection of every active offering in every network that sells it, for every tier', () => {
    const index = new PricingIndex(policies);
    for (const o of active) {
      for (const rules of DEFAULT_LOCAL_NETWORK_RULES.filter((r) => isOfferingSold(r, o))) {
        for (const customerTier of ['ordinary', 'vip'] as const) {
          const q = index.quote({ localNetwork: rules.id, customerTier, items: [{ id: '1', offeringId: o.id, action: 'add' }] }, '2026-06-01T10:00:00+08:00');
          expect({ o: o.id, ln: rules.id, errors: q.errors }).toEqual({ o: o.id, ln: rules.id, errors: [] });
          expect(q.totalOneOffCents).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('seeds subscriptions on the new offerings too, never on drafts', () => {
    const { subscriptions } = generateCustomers(3_000);
    const byId = catalogById(DEFAULT_CATALOG);
    expect(subscriptions.every((s) => byId.get(s.offeringId)?.lifecycle !== 'draft')).toBe(true);
    expect(new Set(subscriptions.map((s) => s.offeringId)).size).toBeGreaterThan(70);
  });
});

describe('the offering lifecycle', () => {
  it('goes draft → active → retired, never back', () => {
    expect(canChangeLifecycle('draft', 'active')).toBe(true);
    expect(canChangeLifecycle('active', 'retired')).toBe(true);
    expect(canChangeLifecycle('draft', 'retired')).toBe(true); // dropped before launch
    expect(canChangeLifecycle('retired', 'active')).toBe(false);
    expect(canChangeLifecycle('retired', 'draft')).toBe(false);
    expect(canChangeLifecycle('active', 'draft')).toBe(false);
    expect(canChangeLifecycle('active', 'active')).toBe(false);
  });
});

describe('channel rules', () => {
  const byId = catalogById(DEFAULT_CATALOG);
  const customer: Customer = {
    id: 'cust-1',
    kind: 'enterprise',
    name: '沈阳华信机械制造有限公司',
    tier: 'gold',
    homeLocalNetwork: 'shenyang',
    status: 'active',
    contact: { phone: '13800000001' },
  };
  const ctx = (over: Partial<OrderValidationContext> = {}): OrderValidationContext => ({
    customer,
    offeringsById: byId,
    localNetworkRules: DEFAULT_LOCAL_NETWORK_RULES,
    at: '2026-03-01T10:00:00+08:00',
    ...over,
  });
  const order = (channel: OrderRequest['channel'], offeringId: string, extra: Partial<OrderRequest['productOrderItem'][number]> = {}): OrderRequest => ({
    customerId: 'cust-1',
    localNetwork: 'shenyang',
    channel,
    ...(channel === 'agent' ? { agentId: 'agent-x' } : {}),
    productOrderItem: [{ id: '1', action: 'add', productOffering: { id: offeringId }, ...extra }],
  });
  const channelRefusals = (req: OrderRequest, c = ctx()) => validateOrderRequest(req, c).filter((r) => r.code === 'CHANNEL_NOT_ALLOWED');

  it('refuses an offering needing an identity check, cash or a bank transfer by phone and web, naming the item and why', () => {
    for (const [id, words] of [
      ['gsm-global-188', /identity check/],
      ['phs-prepaid', /cash payment/],
      ['fl-isdn-pri', /bank transfer/],
    ] as const) {
      for (const channel of ['call_centre', 'web'] as const) {
        const refused = channelRefusals(order(channel, id));
        expect(refused).toEqual([{ code: 'CHANNEL_NOT_ALLOWED', field: 'productOrderItem[0].productOffering.id', message: expect.stringMatching(words) }]);
        expect(refused[0]!.message).toMatch(/shop counter or an agent/);
      }
    }
  });

  it('sells them at a shop counter and through an agent, and sells the others everywhere', () => {
    for (const channel of ['shop', 'agent'] as const) expect(channelRefusals(order(channel, 'gsm-global-188'))).toEqual([]);
    for (const channel of ORDER_CHANNELS) expect(channelRefusals(order(channel, 'gsm-global-58'))).toEqual([]);
    expect(channelRefusal(byId.get('gsm-global-58')!, 'web')).toBeUndefined();
    expect(channelRefusal(byId.get('vas-international-roaming')!, 'web')).toMatch(/identity check.*and a cash payment/);
  });

  it('counts a plan change onto such an offering as a sale, not a change that keeps the offering', () => {
    const sub = (offeringId: string): Subscription => ({
      id: 'sub-1',
      customerId: 'cust-1',
      accountId: 'acct-1',
      offeringId,
      serviceLine: 'gsm_mobile',
      serviceId: '13800000001',
      status: 'active',
      localNetwork: 'shenyang',
    });
    const modify = order('web', 'gsm-global-188', { action: 'modify', product: { id: 'sub-1' } });
    expect(channelRefusals(modify, ctx({ subscriptionsById: new Map([['sub-1', sub('gsm-global-58')]]) }))).toHaveLength(1);
    expect(channelRefusals(modify, ctx({ subscriptionsById: new Map([['sub-1', sub('gsm-global-188')]]) }))).toEqual([]);
    const remove = order('web', 'gsm-global-188', { action: 'delete', product: { id: 'sub-1' } });
    expect(channelRefusals(remove, ctx({ subscriptionsById: new Map([['sub-1', sub('gsm-global-188')]]) }))).toEqual([]);
  });
});

describe('a running order judged again', () => {
  const byId = catalogById(DEFAULT_CATALOG);
  const retired = new Map(byId);
  retired.set('gsm-global-58', { ...byId.get('gsm-global-58')!, lifecycle: 'retired' });
  const customer: Customer = { id: 'c', kind: 'individual', name: '王芳', tier: 'gold', homeLocalNetwork: 'shenyang', status: 'active', contact: {} };
  const request: OrderRequest = {
    customerId: 'c',
    localNetwork: 'shenyang',
    channel: 'shop',
    productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'gsm-global-58' } }],
  };
  const base = { customer, localNetworkRules: DEFAULT_LOCAL_NETWORK_RULES, at: '2026-03-01T10:00:00+08:00' };

  it('is refused a retired offering as a new order, with the reason', () => {
    expect(validateOrderRequest(request, { ...base, offeringsById: retired })).toEqual([
      { code: 'OFFERING_NOT_ACTIVE', field: 'productOrderItem[0].productOffering.id', message: expect.stringMatching(/retired/) },
    ]);
  });

  it('is not failed by a retirement after it was taken (lifecycleAt: as when taken)', () => {
    expect(validateOrderRequest(request, { ...base, offeringsById: retired, lifecycleAt: new Map([['gsm-global-58', 'active']]) })).toEqual([]);
    // Still refused when it was not active when taken.
    expect(validateOrderRequest(request, { ...base, offeringsById: retired, lifecycleAt: new Map([['gsm-global-58', 'draft']]) })).toHaveLength(1);
  });
});
