import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { CUSTOMER_TIERS } from '../../domain/customer.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { PricingIndex, PricingPolicyError, formatCny, type PricingPolicy, type QuoteRequest } from '../../domain/pricing.js';
import { Rng, generatePricingPolicies } from '../../domain/seed-data.js';

const AT = '2008-06-01T10:00:00+08:00';

function policy(p: Partial<PricingPolicy> & Pick<PricingPolicy, 'id'>): PricingPolicy {
  return {
    kind: 'base',
    name: p.id,
    offeringIds: ['fl-residential'],
    actions: ['add'],
    chargeType: 'recurring',
    validFrom: '2002-01-01',
    priority: 0,
    ...p,
  };
}

const BASE: PricingPolicy[] = [
  policy({ id: 'fl-monthly', amountCents: 2500 }),
  policy({ id: 'fl-install', chargeType: 'one_off', amountCents: 20000 }),
  policy({ id: 'bb-monthly', offeringIds: ['bb-adsl-2m'], amountCents: 12000 }),
  policy({ id: 'bb-install', offeringIds: ['bb-adsl-2m'], chargeType: 'one_off', amountCents: 30000 }),
  policy({ id: 'fl-move', chargeType: 'one_off', actions: ['move'], amountCents: 10000 }),
];

function quote(policies: PricingPolicy[], req: Partial<QuoteRequest> = {}, at: string | number = AT) {
  return new PricingIndex(policies).quote(
    { localNetwork: 'shenyang', customerTier: 'ordinary', items: [{ id: '1', offeringId: 'fl-residential', action: 'add' }], ...req },
    at,
  );
}

describe('quote: prices', () => {
  it('prices an item from its base policies, one-off and recurring', () => {
    const q = quote(BASE);
    expect(q.errors).toEqual([]);
    expect(q.items[0]).toMatchObject({ oneOffCents: 20000, recurringCents: 2500 });
    expect(q.items[0]!.lines.map((l) => l.policyId).sort()).toEqual(['fl-install', 'fl-monthly']);
    expect(q).toMatchObject({ totalOneOffCents: 20000, totalRecurringCents: 2500, currency: 'CNY' });
    expect(q.explanation.join('\n')).toMatch(/item 1 \(fl-residential, add\): recurring ¥25\.00: base fl-monthly/);
  });

  it('a local price overrides the base price in its own local network only', () => {
    const policies = [...BASE, policy({ id: 'dl-monthly', kind: 'local_price', localNetwork: 'dalian', amountCents: 2000 })];
    expect(quote(policies).items[0]!.recurringCents).toBe(2500);
    const q = quote(policies, { localNetwork: 'dalian' });
    expect(q.items[0]!.recurringCents).toBe(2000);
    expect(q.explanation.join('\n')).toMatch(/local price dl-monthly .* overrides base price fl-monthly \(¥25\.00\)/);
  });

  it('among prices of one level: tier-specific, then priority, then latest validFrom, then id', () => {
    const local = (p: Partial<PricingPolicy> & Pick<PricingPolicy, 'id'>) => policy({ kind: 'local_price', localNetwork: 'shenyang', ...p });
    const policies = [
      ...BASE,
      local({ id: 'a-high-priority', amountCents: 2100, priority: 50 }),
      local({ id: 'b-low-priority', amountCents: 2200, priority: 10 }),
      local({ id: 'c-gold', amountCents: 1800, priority: 1, tiers: ['gold', 'vip'] }),
    ];
    expect(quote(policies).items[0]!.recurringCents).toBe(2100);
    expect(quote(policies, { customerTier: 'gold' }).items[0]!.recurringCents).toBe(1800);

    const ties = [
      ...BASE,
      local({ id: 'older', amountCents: 2100, validFrom: '2004-01-01' }),
      local({ id: 'newer', amountCents: 2200, validFrom: '2006-01-01' }),
      local({ id: 'newer-b', amountCents: 2300, validFrom: '2006-01-01' }),
    ];
    expect(quote(ties).items[0]!.lines.find((l) => l.chargeType === 'recurring')!.policyId).toBe('newer');
  });

  it('multiplies by quantity and charges other actions only when a policy prices them', () => {
    const q = quote(BASE, {
      items: [
        { id: '1', offeringId: 'fl-residential', action: 'add', quantity: 3 },
        { id: '2', offeringId: 'fl-residential', action: 'move' },
        { id: '3', offeringId: 'fl-residential', action: 'delete' },
      ],
    });
    expect(q.errors).toEqual([]);
    expect(q.items.map((i) => [i.oneOffCents, i.recurringCents])).toEqual([
      [60000, 7500],
      [10000, 0],
      [0, 0],
    ]);
    expect(q.explanation).toContain("item 3 (fl-residential, delete): no charge: no policy prices 'delete'");
  });

  it('reports an added offering that no policy prices', () => {
    const q = quote(BASE, { items: [{ id: 'x', offeringId: 'gsm-global-58', action: 'add' }] });
    expect(q.errors).toEqual([expect.objectContaining({ itemId: 'x', index: 0, offeringId: 'gsm-global-58', code: 'NO_PRICE' })]);
    expect(q.explanation.at(-1)).toMatch(/no price applies to gsm-global-58 \(add\) in shenyang/);
  });
});

describe('quote: validity windows', () => {
  const policies = [
    policy({ id: 'old', amountCents: 3000, validFrom: '2002-01-01', validTo: '2006-01-01', priority: 9 }),
    policy({ id: 'current', amountCents: 2500, validFrom: '2006-01-01', priority: 1 }),
    policy({ id: 'announced', amountCents: 2000, validFrom: '2009-01-01', priority: 9 }),
  ];
  const price = (at: string) => quote(policies, {}, at).items[0]!.recurringCents;

  it('uses only policies valid at the quote instant, windows ending exclusive', () => {
    expect(price('2005-12-31T23:59:59+08:00')).toBe(3000);
    expect(price('2006-01-01')).toBe(2500);
    expect(price('2008-12-31T23:59:59+08:00')).toBe(2500);
    expect(price('2009-01-01')).toBe(2000);
    expect(quote(policies, {}, '2001-06-01').errors[0]?.code).toBe('NO_PRICE');
  });

  it('accepts epoch milliseconds', () => {
    expect(quote(policies, {}, Date.parse('2007-01-01T00:00:00Z')).items[0]!.recurringCents).toBe(2500);
  });
});

describe('quote: discounts and bundles', () => {
  const goldDiscount = policy({ id: 'gold-10', kind: 'discount', tiers: ['gold', 'vip'], percent: 10, priority: 5 });

  it('applies a tier discount only to the tiers it names', () => {
    expect(quote([...BASE, goldDiscount]).items[0]!.recurringCents).toBe(2500);
    const q = quote([...BASE, goldDiscount], { customerTier: 'gold' });
    expect(q.items[0]!.recurringCents).toBe(2250);
    expect(q.items[0]!.lines).toContainEqual(expect.objectContaining({ policyId: 'gold-10', kind: 'discount', amountCents: -250 }));
    expect(q.explanation.join('\n')).toMatch(/recurring -¥2\.50: discount gold-10 .*tier gold\/vip, 10% off/);
  });

  it('takes one discount per charge type (no stacking) and never goes below zero', () => {
    const policies = [...BASE, goldDiscount, policy({ id: 'local-big', kind: 'discount', localNetwork: 'shenyang', amountCents: 99999, priority: 1 })];
    // The local-network discount is more specific, so it wins over the higher-priority provincial one.
    const q = quote(policies, { customerTier: 'gold' });
    expect(q.items[0]!.recurringCents).toBe(0);
    expect(q.items[0]!.lines.filter((l) => l.kind === 'discount')).toEqual([expect.objectContaining({ policyId: 'local-big', amountCents: -2500 })]);
  });

  const bundle = policy({
    id: 'fl+bb',
    kind: 'bundle',
    offeringIds: ['fl-residential', 'bb-adsl-2m'],
    percent: 20,
    priority: 3,
  });
  const both = {
    items: [
      { id: '1', offeringId: 'fl-residential', action: 'add' as const },
      { id: '2', offeringId: 'bb-adsl-2m', action: 'add' as const },
    ],
  };

  it('applies a bundle when all its offerings are ordered together, instead of item discounts', () => {
    expect(quote([...BASE, bundle]).items[0]!.recurringCents).toBe(2500);
    const q = quote([...BASE, bundle, goldDiscount], { ...both, customerTier: 'gold' });
    expect(q.items.map((i) => i.recurringCents)).toEqual([2000, 9600]);
    expect(q.items.flatMap((i) => i.lines).filter((l) => l.kind === 'discount')).toEqual([]);
    expect(q.explanation.join('\n')).toMatch(/item 2 \(bb-adsl-2m, add\): recurring -¥24\.00: bundle fl\+bb .*ordered with fl-residential/);
  });

  it('shares a fixed bundle reduction in proportion to the members, once per bundle', () => {
    const fixed = { ...bundle, percent: undefined, amountCents: 2900 };
    const q = quote([...BASE, fixed], {
      items: [...both.items, { id: '3', offeringId: 'fl-residential', action: 'add' }],
    });
    // 2,500 and 12,000 share 2,900: 500 and 2,400; the second fixed line is outside the bundle.
    expect(q.items.map((i) => i.recurringCents)).toEqual([2000, 9600, 2500]);
  });

  it('ignores a bundle whose action or charge type the order does not have', () => {
    const onMove = { ...bundle, actions: ['move' as const] };
    expect(quote([...BASE, onMove], both).totalRecurringCents).toBe(14500);
  });

  it('rejects malformed policies when indexing', () => {
    expect(() => new PricingIndex([policy({ id: 'x', kind: 'local_price', amountCents: 1 })])).toThrow(PricingPolicyError);
    expect(() => new PricingIndex([policy({ id: 'y', kind: 'bundle', percent: 10 })])).toThrow(/at least two/);
    expect(() => new PricingIndex([policy({ id: 'z', kind: 'discount', percent: 10, amountCents: 5 })])).toThrow(/exactly one/);
  });

  it('formats money', () => {
    expect(formatCny(2505)).toBe('¥25.05');
    expect(formatCny(-7)).toBe('-¥0.07');
  });
});

describe('quote over 45,000 generated policies', () => {
  it('prices every active offering and stays fast (figures printed, not asserted)', () => {
    const policies = generatePricingPolicies(45_000, 7);
    let t = performance.now();
    const index = new PricingIndex(policies);
    const buildMs = performance.now() - t;
    expect(index.size).toBe(45_000);

    const rng = new Rng(42);
    const active = DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active');
    const times: number[] = [];
    // The first 500 quotes warm the JIT up (the API is long-running) and are not measured.
    for (let n = -500; n < 2_000; n++) {
      const request: QuoteRequest = {
        localNetwork: rng.pick(LOCAL_NETWORK_IDS),
        customerTier: rng.pick(CUSTOMER_TIERS),
        items: Array.from({ length: rng.int(1, 4) }, (_, i) => ({ id: String(i + 1), offeringId: rng.pick(active).id, action: 'add' })),
      };
      const at = Date.parse('2003-01-01') + rng.int(0, 25 * 365) * 86_400_000;
      t = performance.now();
      const q = index.quote(request, at);
      if (n >= 0) times.push(performance.now() - t);
      if (q.errors.length > 0) throw new Error(JSON.stringify(q.errors));
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
    console.log(`pricing: index of 45,000 policies built in ${buildMs.toFixed(0)} ms; 2,000 quotes p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);
  });
});
