// The complaint category tree and what reads it: the required category, routing and SLA by
// category, roaming fault reports, and the daily report's grouping by category and by channel.
import { describe, expect, it } from '@jest/globals';
import {
  CATEGORIZED_TYPES,
  WORK_ORDER_CATEGORY_IDS,
  WORK_ORDER_CATEGORY_TREE,
  categoryById,
  categoryPath,
  categoryProblem,
  isInCategory,
  topCategoryOf,
  validateCategoryTree,
} from '../../domain/work-order-categories.js';
import { DEFAULT_ROUTING_RULES, routeWorkOrder, routingInputOf, validateRoutingRules, type RoutingInput } from '../../domain/routing.js';
import { CATEGORY_SLA_POLICIES, slaPolicyFor, slaPolicyOf } from '../../domain/sla.js';
import { UNCATEGORIZED, workOrderFigures } from '../../domain/reports.js';
import {
  ROAMING_FORWARDED_TYPES_BEFORE_FAULT_REPORTS,
  WORK_ORDER_TYPES,
  applyEvent,
  createWorkOrder,
  visibleToLocalNetworks,
  type Actor,
  type NewWorkOrder,
  type WorkOrderEvent,
  type WorkOrderSnapshot,
} from '../../domain/work-order.js';
import { CUSTOMER_TIERS } from '../../domain/customer.js';

const AGENT: Actor = { id: 'agent-1', role: 'agent' };
const SYSTEM: Actor = { id: 'system', role: 'system' };
const HOUR = 3_600_000;

const newOrder = (o: Partial<NewWorkOrder> = {}, at = Date.parse('2026-05-12T09:00:00+08:00'), options = {}) =>
  createWorkOrder(
    {
      id: 'WO-CAT',
      type: 'complaint',
      channel: 'phone',
      customer: { id: 'C-1', tier: 'ordinary' },
      takenInLocalNetwork: 'dalian',
      homeLocalNetwork: 'dalian',
      serviceLine: 'gsm_mobile',
      category: 'service-handling.order-error',
      description: 'd',
      ...o,
    },
    AGENT,
    at,
    options,
  );

describe('the category tree', () => {
  it('is a valid tree of two or three levels, with zh-CN and English names and the branches the issue names', () => {
    expect(validateCategoryTree(WORK_ORDER_CATEGORY_TREE)).toEqual([]);
    const top = WORK_ORDER_CATEGORY_TREE.map((n) => n.id);
    expect(top).toEqual(expect.arrayContaining(['network-quality', 'billing-dispute', 'service-attitude', 'value-added', 'number-account']));
    expect(top.length).toBeGreaterThanOrEqual(6);
    for (const id of top) expect(categoryById(id)!.leaf).toBe(false);
    const levels = new Set(WORK_ORDER_CATEGORY_IDS.map((id) => categoryById(id)!.level));
    expect([...levels].sort()).toEqual([1, 2, 3]);
    expect(new Set(WORK_ORDER_CATEGORY_IDS).size).toBe(WORK_ORDER_CATEGORY_IDS.length);
    expect(categoryPath('billing-dispute.charges.roaming')).toEqual(['计费争议', '话费异议', '漫游费']);
    expect(categoryPath('billing-dispute.charges.roaming', 'en')).toEqual(['Billing dispute', 'Disputed charges', 'Roaming charges']);
  });

  it('finds the mistakes a tree loaded from configuration could have', () => {
    const bad = [
      { id: 'a', name: { 'zh-CN': '甲', en: 'A' }, children: [{ id: 'b.c', name: { 'zh-CN': '乙', en: '' } }] },
      { id: 'a', name: { 'zh-CN': '甲', en: 'A' } },
      {
        id: 'x',
        name: { 'zh-CN': '甲', en: 'A' },
        children: [
          {
            id: 'x.y',
            name: { 'zh-CN': '乙', en: 'B' },
            children: [{ id: 'x.y.z', name: { 'zh-CN': '丙', en: 'C' }, children: [{ id: 'x.y.z.w', name: { 'zh-CN': '丁', en: 'D' } }] }],
          },
        ],
      },
    ];
    const problems = validateCategoryTree(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        "b.c: the id must be its parent's id and one more segment",
        'b.c: needs a zh-CN and an English name',
        'a: id used twice',
        'x.y.z.w: at most three levels',
      ]),
    );
  });

  it('matches a node and everything under it, and nothing that only shares the beginning of a word', () => {
    expect(isInCategory('billing-dispute.charges.roaming', 'billing-dispute')).toBe(true);
    expect(isInCategory('billing-dispute', 'billing-dispute')).toBe(true);
    expect(isInCategory('billing-dispute.charges', 'billing-dispute.charges.roaming')).toBe(false);
    expect(isInCategory('network-quality-extra.x', 'network-quality')).toBe(false);
    expect(isInCategory(undefined, 'network-quality')).toBe(false);
    expect(topCategoryOf('value-added.unrequested.sms')).toBe('value-added');
  });

  it('is required on complaints and fault reports (level 2 or deeper, known, current), optional on the rest', () => {
    expect(CATEGORIZED_TYPES).toEqual(['complaint', 'fault_report']);
    expect(categoryProblem('complaint', undefined)).toMatch(/needs a category/);
    expect(categoryProblem('fault_report', undefined)).toMatch(/needs a category/);
    expect(categoryProblem('complaint', 'billing-dispute')).toMatch(/top-level branch; choose one under it \(billing-dispute.charges, /);
    expect(categoryProblem('complaint', 'billing-dispute.unknown')).toMatch(/no category "billing-dispute.unknown"/);
    expect(categoryProblem('complaint', 'billing-dispute.tariff')).toBeUndefined();
    expect(categoryProblem('fault_report', 'network-quality.broadband.slow')).toBeUndefined();
    for (const type of WORK_ORDER_TYPES.filter((t) => !CATEGORIZED_TYPES.includes(t))) {
      expect(categoryProblem(type, undefined)).toBeUndefined();
      expect(categoryProblem(type, 'marketing.promotion')).toBeUndefined();
      expect(categoryProblem(type, 'marketing')).toMatch(/top-level/);
    }
  });
});

describe('routing by category', () => {
  const input = (o: Partial<RoutingInput>): RoutingInput => ({
    type: 'complaint',
    serviceLine: 'fixed_line',
    localNetwork: 'anshan',
    tier: 'ordinary',
    priority: 'medium',
    ...o,
  });

  it('sends a billing dispute (any node of the branch) to billing service, whatever the service line', () => {
    expect(validateRoutingRules(DEFAULT_ROUTING_RULES)).toEqual([]);
    for (const category of ['billing-dispute.tariff', 'billing-dispute.charges.roaming']) {
      expect(routeWorkOrder(input({ category }))).toMatchObject({ ruleId: 'billing-dispute', departments: ['anshan-billing-service'] });
    }
    // Without a category, or in another branch: the rules as before (a fixed-line complaint goes to customer care).
    expect(routeWorkOrder(input({}))).toMatchObject({ ruleId: 'default', departments: ['anshan-customer-care'] });
    expect(routeWorkOrder(input({ category: 'service-attitude.call-centre' }))).toMatchObject({ ruleId: 'default' });
    // A VIP's complaint keeps its co-handling rule, which comes first.
    expect(routeWorkOrder(input({ category: 'billing-dispute.tariff', tier: 'vip' })).ruleId).toBe('vip-complaint');
    // Fault reports are routed by their own rules.
    expect(routeWorkOrder(input({ type: 'fault_report', category: 'billing-dispute.tariff' })).ruleId).toBe('fault');
  });

  it('takes the category from the work order, and refuses a rule naming an unknown one', () => {
    expect(routingInputOf(newOrder({ category: 'billing-dispute.bill' })).category).toBe('billing-dispute.bill');
    expect(validateRoutingRules([{ id: 'x', priority: 1, match: { categories: ['no-such'] }, targets: [{ function: 'customer-care' }], reason: 'r' }])).toEqual(
      ['rule x: unknown category no-such'],
    );
  });
});

describe('SLA by category', () => {
  it('gives network-quality complaints their shorter hours, per tier, on the type’s clock', () => {
    expect(CATEGORY_SLA_POLICIES.map((p) => p.id)).toEqual(['complaint-network-quality']);
    for (const tier of CUSTOMER_TIERS) {
      const base = slaPolicyFor('complaint', tier);
      const p = slaPolicyOf('complaint', tier, 'network-quality.mobile-coverage.dropped-calls');
      expect(p.id).toBe(`complaint/${tier}/network-quality`);
      expect(p.clock).toBe('business');
      expect(p.resolveWithinMs).toBeLessThan(base.resolveWithinMs);
      expect(p.escalateEveryMs).toBe(base.escalateEveryMs);
    }
    expect(slaPolicyOf('complaint', 'ordinary', 'network-quality.broadband')).toMatchObject({ acceptWithinMs: 2 * HOUR, resolveWithinMs: 18 * HOUR });
    expect(slaPolicyOf('complaint', 'ordinary', 'billing-dispute.tariff')).toEqual(slaPolicyFor('complaint', 'ordinary'));
    expect(slaPolicyOf('complaint', 'ordinary', undefined)).toEqual(slaPolicyFor('complaint', 'ordinary'));
    // A network-quality fault report keeps the fault SLA (real time, already short).
    expect(slaPolicyOf('fault_report', 'ordinary', 'network-quality.broadband.slow')).toEqual(slaPolicyFor('fault_report', 'ordinary'));
  });

  it('is fixed on the work order at intake', () => {
    expect(newOrder({ category: 'network-quality.voice-quality.noise' }).sla.policy.id).toBe('complaint/ordinary/network-quality');
    expect(newOrder({ category: 'service-attitude.agent' }).sla.policy.id).toBe('complaint/ordinary');
    expect(newOrder({ category: undefined }).category).toBeUndefined();
  });
});

describe('roaming fault reports', () => {
  it('are forwarded to the home local network, as complaints are', () => {
    const s = newOrder({
      type: 'fault_report',
      category: 'network-quality.mobile-coverage.no-signal',
      takenInLocalNetwork: 'dalian',
      homeLocalNetwork: 'anshan',
    });
    expect(s.forwardedTo).toBe('anshan');
    expect(s.timeline.map((e) => e.action)).toEqual(['created', 'forwarded']);
    expect(s.sla.calendarId).toBe('anshan');
    expect(visibleToLocalNetworks(s)).toEqual(['dalian', 'anshan']);
    expect(routeWorkOrder(routingInputOf(s)).departments).toEqual(['anshan-network-maintenance']);
  });

  it('stay where they were taken for runs started before (the workflow passes the earlier types)', () => {
    const s = newOrder({ type: 'fault_report', takenInLocalNetwork: 'dalian', homeLocalNetwork: 'anshan' }, undefined, {
      forwardedTypes: ROAMING_FORWARDED_TYPES_BEFORE_FAULT_REPORTS,
    });
    expect(s.forwardedTo).toBeUndefined();
    expect(routeWorkOrder(routingInputOf(s)).departments).toEqual(['dalian-network-maintenance']);
    // Inquiries are answered where they are asked.
    expect(newOrder({ type: 'inquiry', category: undefined, takenInLocalNetwork: 'dalian', homeLocalNetwork: 'anshan' }).forwardedTo).toBeUndefined();
  });
});

describe('the daily report by category and by channel', () => {
  const at = (local: string) => Date.parse(`2026-05-${local}+08:00`);
  const run = (s: WorkOrderSnapshot, steps: Array<[string, WorkOrderEvent, Actor]>) =>
    steps.reduce((acc, [when, e, actor]) => {
      const r = applyEvent(acc, e, actor, at(when));
      if (!r.ok) throw new Error(r.message);
      return r.next;
    }, s);
  const dept = (d: string): Actor => ({ id: `${d}-staff`, role: 'department', department: d });
  const handled = (id: string, o: Partial<NewWorkOrder>, department: string, receiptAt: string) =>
    run(newOrder({ id, ...o }, at('12T09:00:00')), [
      ['12T09:00:00', { type: 'classify' }, SYSTEM],
      ['12T09:00:00', { type: 'dispatch', departments: [department] }, SYSTEM],
      ['12T09:10:00', { type: 'accept' }, dept(department)],
      [receiptAt, { type: 'receipt', result: 'resolved', resolutionCode: 'OK' }, dept(department)],
    ]);

  it('attributes each work order to the top-level branch of its category (uncategorized without one), or to its channel', () => {
    const orders = [
      // Billing disputes by phone and by web, answered after 1 h and 3 h (well within the deadline), not yet closed.
      handled('R1', { category: 'billing-dispute.tariff', channel: 'phone' }, 'dalian-billing-service', '12T10:00:00'),
      handled('R2', { category: 'billing-dispute.charges.roaming', channel: 'web' }, 'dalian-billing-service', '12T12:00:00'),
      // A network-quality fault report by phone, still open at the end of the day.
      run(newOrder({ id: 'R3', type: 'fault_report', category: 'network-quality.broadband.slow', channel: 'phone' }, at('12T11:00:00')), [
        ['12T11:00:00', { type: 'classify' }, SYSTEM],
        ['12T11:00:00', { type: 'dispatch', departments: ['dalian-broadband-support'] }, SYSTEM],
      ]),
      // An inquiry without a category, by SMS.
      newOrder({ id: 'R4', type: 'inquiry', category: undefined, channel: 'sms' }, at('12T15:00:00')),
    ];
    const byCategory = workOrderFigures(orders, ['2026-05-12'], 'category', undefined, at('13T00:00:00')).get('2026-05-12')!;
    expect([...byCategory.keys()].sort()).toEqual(['billing-dispute', 'network-quality', UNCATEGORIZED]);
    // Two received, both answered in time (1 h and 3 h from dispatch: mean 7200 s), still open at midnight (not closed).
    expect(byCategory.get('billing-dispute')).toMatchObject({ received: 2, slaMet: 2, slaMissed: 0, receipts: 2, avgHandlingSeconds: 7200, backlog: 2 });
    expect(byCategory.get('network-quality')).toMatchObject({ received: 1, receipts: 0, backlog: 1 });
    expect(byCategory.get(UNCATEGORIZED)).toMatchObject({ received: 1, backlog: 1 });

    const byChannel = workOrderFigures(orders, ['2026-05-12'], 'channel', undefined, at('13T00:00:00')).get('2026-05-12')!;
    expect([...byChannel.keys()].sort()).toEqual(['phone', 'sms', 'web']);
    // Phone: R1 (answered after 1 h) and R3 (waiting), both open at midnight.
    expect(byChannel.get('phone')).toMatchObject({ received: 2, slaMet: 1, receipts: 1, avgHandlingSeconds: 3600, backlog: 2 });
    expect(byChannel.get('web')).toMatchObject({ received: 1, slaMet: 1, receipts: 1, avgHandlingSeconds: 10800, backlog: 1 });
    expect(byChannel.get('sms')).toMatchObject({ received: 1, receipts: 0, backlog: 1 });
  });
});
