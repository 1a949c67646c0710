import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG, SERVICE_LINES, isActionAllowed } from '../../domain/catalog.js';
import { DEFAULT_LOCAL_NETWORK_RULES, LOCAL_NETWORK_IDS, isOfferingSold } from '../../domain/local-networks.js';
import { PricingIndex } from '../../domain/pricing.js';
import { DEFAULT_AGENTS, generateCustomers, generatePricingPolicies, idNumberCheckDigit } from '../../domain/seed-data.js';

const active = DEFAULT_CATALOG.filter((o) => o.lifecycle === 'active');

describe('catalog data', () => {
  it('has dozens of offerings with unique ids, including draft and retired ones', () => {
    expect(DEFAULT_CATALOG.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEFAULT_CATALOG.map((o) => o.id)).size).toBe(DEFAULT_CATALOG.length);
    expect(DEFAULT_CATALOG.some((o) => o.lifecycle === 'draft')).toBe(true);
    expect(DEFAULT_CATALOG.some((o) => o.lifecycle === 'retired')).toBe(true);
  });

  it('sells every service line through active offerings', () => {
    for (const line of SERVICE_LINES) expect(active.filter((o) => o.serviceLine === line).length).toBeGreaterThan(0);
  });

  it('has consistent templates: every offering allows add, field installations name their department', () => {
    for (const o of DEFAULT_CATALOG) {
      expect(isActionAllowed(o, 'add')).toBe(true);
      if (o.template.fieldInstallation) expect(o.template.installationDepartment).toBeTruthy();
      const names = (o.characteristics ?? []).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('local network rules', () => {
  it('covers the 14 local networks of Liaoning once each, with their own rules', () => {
    expect(DEFAULT_LOCAL_NETWORK_RULES.map((r) => r.id)).toEqual([...LOCAL_NETWORK_IDS]);
    expect(new Set(DEFAULT_LOCAL_NETWORK_RULES.map((r) => r.areaCode)).size).toBe(14);
    const phs = DEFAULT_CATALOG.find((o) => o.id === 'phs-basic')!;
    expect(DEFAULT_LOCAL_NETWORK_RULES.filter((r) => !isOfferingSold(r, phs)).map((r) => r.id)).toEqual(['dalian', 'panjin']);
    expect(DEFAULT_LOCAL_NETWORK_RULES.filter((r) => r.deposits.length > 0).length).toBeGreaterThan(3);
  });

  it('only excludes offerings that exist', () => {
    const ids = new Set(DEFAULT_CATALOG.map((o) => o.id));
    for (const r of DEFAULT_LOCAL_NETWORK_RULES) for (const id of r.excludedOfferingIds) expect(ids.has(id)).toBe(true);
  });
});

describe('generated pricing policies', () => {
  const policies = generatePricingPolicies(45_000, 1);

  it('are deterministic, 45,000 with unique ids, over known offerings', () => {
    expect(policies).toHaveLength(45_000);
    expect(new Set(policies.map((p) => p.id)).size).toBe(45_000);
    expect(generatePricingPolicies(2_000, 1)).toEqual(policies.slice(0, 2_000));
    const ids = new Set(DEFAULT_CATALOG.map((o) => o.id));
    expect(policies.every((p) => p.offeringIds.every((id) => ids.has(id)))).toBe(true);
    const kinds = new Set(policies.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['base', 'bundle', 'discount', 'local_price']);
  });

  it('give every active offering an open-ended base price for add', () => {
    for (const o of active) {
      const base = policies.filter((p) => p.kind === 'base' && p.offeringIds.includes(o.id) && p.actions.includes('add') && p.validTo === undefined);
      expect({ offering: o.id, priced: base.length > 0 }).toEqual({ offering: o.id, priced: true });
    }
    expect(() => new PricingIndex(policies)).not.toThrow();
  });

  it('include expired and future validity windows', () => {
    const at = Date.parse('2026-01-01');
    expect(policies.some((p) => p.validTo !== undefined && Date.parse(p.validTo) < at)).toBe(true);
    expect(policies.some((p) => Date.parse(p.validFrom) > at)).toBe(true);
  });
});

describe('generated customers', () => {
  const seed = generateCustomers(2_000, 3);

  it('are deterministic and consistent', () => {
    expect(generateCustomers(50, 3).customers).toEqual(seed.customers.slice(0, 50));
    const customers = new Map(seed.customers.map((c) => [c.id, c]));
    const accounts = new Map(seed.accounts.map((a) => [a.id, a]));
    expect(customers.size).toBe(2_000);
    for (const s of seed.subscriptions) {
      expect(customers.has(s.customerId)).toBe(true);
      expect(accounts.get(s.accountId)?.customerId).toBe(s.customerId);
    }
    expect(new Set(seed.customers.map((c) => c.kind))).toEqual(new Set(['individual', 'enterprise']));
    expect(new Set(seed.customers.map((c) => c.tier)).size).toBe(4);
  });

  it('never subscribe to drafts, or individuals to enterprise offerings', () => {
    const byId = new Map(DEFAULT_CATALOG.map((o) => [o.id, o]));
    const kind = new Map(seed.customers.map((c) => [c.id, c.kind]));
    for (const s of seed.subscriptions) {
      const o = byId.get(s.offeringId)!;
      expect(o.lifecycle).not.toBe('draft');
      if (o.customerKinds) expect(o.customerKinds).toContain(kind.get(s.customerId));
    }
  });

  it('give each line its own number and valid identity numbers', () => {
    const lines = seed.subscriptions.filter((s) => ['fixed_line', 'phs', 'gsm_mobile', 'gsm_prepaid', 'broadband'].includes(s.serviceLine));
    expect(new Set(lines.map((s) => s.serviceId)).size).toBe(lines.length);
    for (const c of seed.customers.filter((c) => c.kind === 'individual')) {
      expect(c.idNumber).toMatch(/^21\d{15}[\dX]$/);
      expect(c.idNumber!.at(-1)).toBe(idNumberCheckDigit(c.idNumber!.slice(0, 17)));
    }
    expect(idNumberCheckDigit('11010519491231002')).toBe('X'); // the GB 11643 example
  });

  it('agents name known offerings and local networks', () => {
    const ids = new Set(DEFAULT_CATALOG.map((o) => o.id));
    for (const a of DEFAULT_AGENTS) {
      for (const id of a.offeringIds ?? []) expect(ids.has(id)).toBe(true);
      for (const ln of a.localNetworks) expect(LOCAL_NETWORK_IDS).toContain(ln);
    }
  });
});
