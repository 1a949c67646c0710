// Callbacks (回访) and quality checks (抽查) as pure rules: the callback's deadline by tier on the work
// order's own clock, the task's life through the closed loop, the deterministic sample, and the
// report figures of both.
import { describe, expect, it } from '@jest/globals';
import { CALLBACK_HOURS, callbackDueBy, callbackFigures, openCallback } from '../../domain/callbacks.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../../domain/local-networks.js';
import {
  DEFAULT_QUALITY_CHECK_SHARE,
  dueForQualityCheck,
  isSampled,
  qualityCheckFigures,
  qualityCheckShare,
  samplePoint,
} from '../../domain/quality-checks.js';
import {
  applyEvent,
  createWorkOrder,
  handlingLocalNetwork,
  type Actor,
  type NewWorkOrder,
  type WorkOrderEvent,
  type WorkOrderSnapshot,
} from '../../domain/work-order.js';

// 2026-03-06 is a Friday; times are China Standard Time.
const cst = (m: number, d: number, h: number, min = 0) => Date.UTC(2026, m - 1, d, h - 8, min);
const HOUR = 3_600_000;
const MIN = 60_000;

const agent: Actor = { id: 'agent-7', role: 'agent' };
const centre: Actor = { id: 'centre-1', role: 'centre' };
const system: Actor = { id: 'system', role: 'system' };
const MAINT = 'anshan-network-maintenance';
const staff: Actor = { id: 'staff-1', role: 'department', department: MAINT };

function newOrder(at: number, overrides: Partial<NewWorkOrder> = {}): WorkOrderSnapshot {
  return createWorkOrder(
    {
      id: 'WO-CB-1',
      type: 'complaint',
      channel: 'phone',
      customer: { id: 'C-1', tier: 'vip' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      description: 'billed twice',
      ...overrides,
    },
    agent,
    at,
  );
}

function step(s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor, at = s.updatedAt + MIN): WorkOrderSnapshot {
  const r = applyEvent(s, event, actor, at);
  if (!r.ok) throw new Error(`${event.type}: ${r.code} ${r.message}`);
  return r.next;
}

/** Taken, handled and approved at 14:00–16:25 on Friday 6 March; the customer told at 16:30. */
function told(overrides: Partial<NewWorkOrder> = {}): WorkOrderSnapshot {
  let s = newOrder(cst(3, 6, 14), overrides);
  s = step(s, { type: 'classify' }, system);
  s = step(s, { type: 'dispatch', departments: [MAINT] }, system);
  s = step(s, { type: 'accept' }, staff);
  s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' }, staff);
  s = step(s, { type: 'approve' }, centre, cst(3, 6, 16, 25));
  return step(s, { type: 'notifyCustomer' }, system, cst(3, 6, 16, 30));
}

describe('the callback deadline', () => {
  it('is the tier’s hours on the work order’s business clock: a VIP told at 16:30 on Friday is called back by 09:30 on Monday', () => {
    const s = told();
    expect(CALLBACK_HOURS.vip).toBe(2);
    // One working hour left on Friday (till 17:30), the other from 08:30 on Monday.
    expect(callbackDueBy(s, cst(3, 6, 16, 30))).toBe(cst(3, 9, 9, 30));
  });

  it('runs in real time for faults, and tiers differ', () => {
    const fault = told({ type: 'fault_report', customer: { id: 'C-2', tier: 'ordinary' } });
    expect(callbackDueBy(fault, cst(3, 6, 16, 30))).toBe(cst(3, 6, 16, 30) + 24 * HOUR);
    const gold = told({ type: 'fault_report', customer: { id: 'C-3', tier: 'gold' } });
    expect(callbackDueBy(gold, cst(3, 6, 16, 30))).toBe(cst(3, 6, 16, 30) + 4 * HOUR);
  });

  it('is scaled with the SLA (tests run hours as seconds)', () => {
    const s = told();
    const scaled = { ...s, sla: { ...s.sla, timeScale: 1 / 3600 } };
    expect(callbackDueBy(scaled, cst(3, 6, 16, 30))).toBe(cst(3, 6, 16, 30) + 2000);
  });
});

describe('the callback task through the closed loop', () => {
  const dueBy = cst(3, 9, 9, 30);

  it('opens once the customer is told, by the system only; the answer completes it', () => {
    const s = told();
    expect(applyEvent(s, { type: 'openCallback', dueBy }, agent, s.updatedAt).ok).toBe(false);
    const opened = step(s, { type: 'openCallback', dueBy }, system, s.updatedAt);
    expect(openCallback(opened)).toEqual({ round: 0, openedAt: cst(3, 6, 16, 30), dueBy, state: 'open' });
    const again = applyEvent(opened, { type: 'openCallback', dueBy }, system, opened.updatedAt);
    expect(again).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    const answered = step(opened, { type: 'recordSatisfaction', satisfied: true }, agent, cst(3, 9, 9));
    expect(answered.callbacks).toEqual([{ round: 0, openedAt: cst(3, 6, 16, 30), dueBy, state: 'done', endedAt: cst(3, 9, 9), by: 'agent-7' }]);
    expect(openCallback(answered)).toBeUndefined();
  });

  it('is marked overdue only once its deadline has passed; closing by itself ends it as noAnswer', () => {
    const opened = step(told(), { type: 'openCallback', dueBy }, system);
    expect(applyEvent(opened, { type: 'callbackOverdue' }, system, dueBy - 1)).toMatchObject({ ok: false, code: 'INVALID' });
    expect(applyEvent(opened, { type: 'callbackOverdue' }, centre, dueBy)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const late = step(opened, { type: 'callbackOverdue' }, system, dueBy);
    expect(openCallback(late)?.overdueAt).toBe(dueBy);
    expect(applyEvent(late, { type: 'callbackOverdue' }, system, dueBy + MIN)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    const closed = step(late, { type: 'autoClose' }, system, dueBy + HOUR);
    expect(closed).toMatchObject({ phase: 'closed', closeReason: 'noCustomerAnswer' });
    expect(closed.callbacks?.[0]).toMatchObject({ state: 'noAnswer', endedAt: dueBy + HOUR, overdueAt: dueBy });
  });

  it('an unsatisfied answer completes this round’s task; the next round gets its own', () => {
    let s = step(told(), { type: 'openCallback', dueBy }, system);
    s = step(s, { type: 'recordSatisfaction', satisfied: false }, agent);
    s = step(s, { type: 'reopen', reason: 'still billed twice' }, agent);
    s = step(s, { type: 'dispatch', departments: [MAINT] }, system);
    s = step(s, { type: 'accept' }, staff);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' }, staff);
    s = step(s, { type: 'approve' }, centre);
    s = step(s, { type: 'notifyCustomer' }, system);
    s = step(s, { type: 'openCallback', dueBy: s.updatedAt + HOUR }, system);
    expect(s.callbacks?.map((c) => [c.round, c.state])).toEqual([
      [0, 'done'],
      [1, 'open'],
    ]);
  });

  it('a work order told before callbacks existed closes as before', () => {
    const closed = step(told(), { type: 'recordSatisfaction', satisfied: true }, agent);
    expect(closed.callbacks).toBeUndefined();
    expect(closed.phase).toBe('closed');
  });
});

describe('the quality-check sample', () => {
  it('is a pure function of the id, in [0, 1), near the share over many ids', () => {
    expect(samplePoint('TT-1')).toBe(samplePoint('TT-1'));
    const ids = Array.from({ length: 10_000 }, (_, i) => `TT-${i}-${(i * 7919) % 1000}`);
    for (const id of ids.slice(0, 100)) expect(samplePoint(id)).toBeGreaterThanOrEqual(0);
    const sampled = ids.filter((id) => isSampled(id, 0.1)).length;
    expect(sampled).toBeGreaterThan(800);
    expect(sampled).toBeLessThan(1200);
    expect(ids.filter((id) => isSampled(id, 0)).length).toBe(0);
    expect(ids.filter((id) => isSampled(id, 1)).length).toBe(10_000);
  });

  it('takes each local network’s share from its rules: 0.1 by default, Shenyang 0.2', () => {
    const rules = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id, r]));
    expect(qualityCheckShare(rules.get('shenyang'))).toBe(0.2);
    expect(qualityCheckShare(rules.get('anshan'))).toBe(DEFAULT_QUALITY_CHECK_SHARE);
    expect(qualityCheckShare(undefined)).toBe(0.1);
    expect(qualityCheckShare({ qualityCheckShare: 3 })).toBe(1);
  });

  it('checks closed work orders only, not field installations closed by their order', () => {
    const id = Array.from({ length: 100 }, (_, i) => `TT-q-${i}`).find((x) => isSampled(x, 0.1))!;
    expect(dueForQualityCheck({ id, phase: 'closed', closeReason: 'satisfied' }, 0.1)).toBe(true);
    expect(dueForQualityCheck({ id, phase: 'closed', closeReason: 'noCustomerAnswer' }, 0.1)).toBe(true);
    expect(dueForQualityCheck({ id, phase: 'reopened' }, 0.1)).toBe(false);
    expect(dueForQualityCheck({ id, phase: 'closed', closeReason: 'installationReported' }, 0.1)).toBe(false);
    expect(dueForQualityCheck({ id, phase: 'closed', closeReason: 'satisfied' }, 0)).toBe(false);
  });
});

describe('report figures', () => {
  it('callbacks opened, done, overdue (on the deadline’s day) and closed with no answer, per day and group', () => {
    const dueBy = cst(3, 9, 9, 30);
    const answeredLate = step(step(told(), { type: 'openCallback', dueBy }, system), { type: 'recordSatisfaction', satisfied: true }, agent, cst(3, 9, 10));
    const unanswered = step(step(told({ id: 'WO-CB-2' }), { type: 'openCallback', dueBy }, system), { type: 'autoClose' }, system, cst(3, 10, 9));
    const figures = callbackFigures([answeredLate, unanswered], ['2026-03-06', '2026-03-09', '2026-03-10'], handlingLocalNetwork, undefined, cst(3, 11, 0));
    expect(figures.get('2026-03-06')?.get('anshan')).toEqual({ opened: 2, done: 0, overdue: 0, noAnswer: 0 });
    expect(figures.get('2026-03-09')?.get('anshan')).toEqual({ opened: 0, done: 1, overdue: 2, noAnswer: 0 });
    expect(figures.get('2026-03-10')?.get('anshan')).toEqual({ opened: 0, done: 0, overdue: 0, noAnswer: 1 });
    // Not yet past its deadline: not counted overdue.
    const early = callbackFigures([unanswered], ['2026-03-09'], handlingLocalNetwork, undefined, cst(3, 9, 9));
    expect(early.get('2026-03-09')?.get('anshan')).toBeUndefined();
  });

  it('quality checks sampled on the close’s day, done and their results on the day recorded, within the scope', () => {
    const checks = [
      { localNetwork: 'dalian', sampledAt: cst(3, 2, 10), result: 'satisfied' as const, recordedAt: cst(3, 3, 10) },
      { localNetwork: 'dalian', sampledAt: cst(3, 3, 11), result: 'unreachable' as const, recordedAt: cst(3, 3, 15) },
      { localNetwork: 'dalian', sampledAt: cst(3, 3, 12) },
      { localNetwork: 'anshan', sampledAt: cst(3, 3, 12) },
    ];
    const figures = qualityCheckFigures(checks, ['2026-03-02', '2026-03-03'], (g) => g === 'dalian');
    expect(figures.get('2026-03-02')?.get('dalian')).toEqual({ sampled: 1, done: 0, satisfied: 0, unsatisfied: 0, unreachable: 0 });
    expect(figures.get('2026-03-03')?.get('dalian')).toEqual({ sampled: 2, done: 2, satisfied: 1, unsatisfied: 0, unreachable: 1 });
    expect(figures.get('2026-03-03')?.has('anshan')).toBe(false);
  });
});
