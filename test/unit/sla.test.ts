import { describe, expect, it } from '@jest/globals';
import {
  computeDeadlines,
  deadlineAfter,
  deadlinesOf,
  isOverdue,
  nextSlaEvent,
  REAL_CLOCK,
  SLA_POLICIES,
  slaPolicyFor,
  type SlaEvent,
} from '../../domain/sla.js';
import { calendarFor } from '../../domain/calendar.js';
import { CUSTOMER_TIERS, type CustomerTier } from '../../domain/customer.js';
import {
  applyEvent,
  createWorkOrder,
  WORK_ORDER_TYPES,
  type Actor,
  type WorkOrderEvent,
  type WorkOrderSnapshot,
  type WorkOrderType,
} from '../../domain/work-order.js';

const cst = (m: number, d: number, h: number, min = 0) => Date.UTC(2026, m - 1, d, h - 8, min);
const H = 3_600_000;
const MIN = 60_000;
const office = calendarFor('anshan');
const system: Actor = { id: 'system', role: 'system' };
const MAINT = 'anshan-network-maintenance';
const staff: Actor = { id: 'tech-1', role: 'department', department: MAINT };

function apply(s: WorkOrderSnapshot, e: WorkOrderEvent, a: Actor, at: number): WorkOrderSnapshot {
  const r = applyEvent(s, e, a, at);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}

/** A work order dispatched to network maintenance at `at`. */
function dispatchedAt(at: number, type: WorkOrderType = 'fault_report', tier: CustomerTier = 'ordinary', timeScale = 1) {
  const s = createWorkOrder(
    {
      id: 'WO-9',
      type,
      channel: 'ivr',
      customer: { id: 'C-9', tier },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      description: 'noise on the line',
    },
    system,
    at,
    { timeScale },
  );
  return apply(apply(s, { type: 'classify' }, system, at), { type: 'dispatch', departments: [MAINT] }, system, at);
}

/** Drives the SLA timers the way the workflow does, until nothing is left to do or `until`. */
function driveTimers(s: WorkOrderSnapshot, until = Infinity): { s: WorkOrderSnapshot; fired: SlaEvent[] } {
  const fired: SlaEvent[] = [];
  for (let now = s.updatedAt; ;) {
    const ev = nextSlaEvent(s, now);
    if (ev.kind === 'none' || ev.at > until) return { s, fired };
    now = Math.max(now, ev.at);
    fired.push(ev);
    s =
      ev.kind === 'escalate'
        ? apply(s, { type: 'escalate', reason: `deadline ${ev.mark} passed`, mark: ev.mark }, system, now)
        : apply(s, { type: 'urge', mark: ev.mark }, system, now);
  }
}

const brief = (t0: number) => (e: SlaEvent) => (e.kind === 'none' ? 'none' : `${e.kind}@${(e.at - t0) / H}h:${e.level}`);

describe('SLA policies', () => {
  it('has a policy for every type and tier, and VIPs get shorter deadlines', () => {
    expect(SLA_POLICIES).toHaveLength(WORK_ORDER_TYPES.length * CUSTOMER_TIERS.length);
    for (const type of WORK_ORDER_TYPES) {
      const ordinary = slaPolicyFor(type, 'ordinary');
      const vip = slaPolicyFor(type, 'vip');
      expect(vip.acceptWithinMs).toBeLessThan(ordinary.acceptWithinMs);
      expect(vip.resolveWithinMs).toBeLessThan(ordinary.resolveWithinMs);
      for (const p of [ordinary, vip]) expect(p.acceptWithinMs).toBeLessThan(p.resolveWithinMs);
    }
    expect(slaPolicyFor('fault_report', 'vip').clock).toBe('real');
    expect(slaPolicyFor('complaint', 'vip').clock).toBe('business');
  });
});

describe('SLA deadlines', () => {
  it('counts real time for faults, with urges a quarter of the window ahead', () => {
    const t0 = cst(3, 7, 22); // Saturday night: faults are repaired around the clock
    const d = computeDeadlines({ startedAt: t0, policy: slaPolicyFor('fault_report', 'ordinary'), calendar: office });
    expect(d.acceptBy).toBe(t0 + 2 * H);
    expect(d.resolveBy).toBe(t0 + 24 * H);
    expect(d.windows.map((w) => [w.key, (w.urgeAt! - t0) / H, (w.deadline! - t0) / H])).toEqual([
      ['accept', 1.5, 2],
      ['resolve', 18, 24],
      ['resolve+1', 27, 28],
      ['resolve+2', 31, 32],
    ]);
  });

  it('counts business hours for complaints', () => {
    const t0 = cst(3, 6, 16, 30); // Friday afternoon
    const d = computeDeadlines({ startedAt: t0, policy: slaPolicyFor('complaint', 'ordinary'), calendar: office });
    expect(d.acceptBy).toBe(cst(3, 9, 11, 30)); // 1 h on Friday + 3 h on Monday
    expect(d.resolveBy).toBe(cst(3, 11, 16, 30)); // 27 business hours: 1 + 9 + 9 + 8 to Wednesday 16:30
  });

  it('gives VIPs earlier deadlines from the same start', () => {
    const t0 = cst(3, 2, 9);
    for (const type of WORK_ORDER_TYPES) {
      const at = (tier: CustomerTier) => computeDeadlines({ startedAt: t0, policy: slaPolicyFor(type, tier), calendar: office });
      expect(at('vip').resolveBy!).toBeLessThan(at('ordinary').resolveBy!);
      expect(at('vip').acceptBy!).toBeLessThan(at('ordinary').acceptBy!);
    }
  });

  it('moves deadlines by the time paused waiting on the customer', () => {
    const t0 = cst(3, 2, 9);
    const policy = slaPolicyFor('fault_report', 'ordinary');
    const pauses = [{ from: t0 + H, to: t0 + 4 * H }];
    const d = computeDeadlines({ startedAt: t0, policy, calendar: office, pauses });
    expect(d.acceptBy).toBe(t0 + 5 * H);
    expect(d.resolveBy).toBe(t0 + 27 * H);
    // A pause after a deadline does not move it.
    expect(computeDeadlines({ startedAt: t0, policy, calendar: office, pauses: [{ from: t0 + 3 * H, to: t0 + 9 * H }] }).acceptBy).toBe(t0 + 2 * H);
  });

  it('has no deadline while an open pause stops the clock before it', () => {
    const t0 = cst(3, 2, 9);
    const d = computeDeadlines({ startedAt: t0, policy: slaPolicyFor('fault_report', 'ordinary'), calendar: office, pauses: [{ from: t0 + 3 * H }] });
    expect(d.acceptBy).toBe(t0 + 2 * H);
    expect(d.resolveBy).toBeUndefined();
  });

  it('does not extend a business-hours deadline for a pause outside business hours', () => {
    const t0 = cst(3, 6, 16, 30);
    const policy = slaPolicyFor('complaint', 'ordinary');
    const weekend = [{ from: cst(3, 6, 18), to: cst(3, 9, 8) }];
    expect(computeDeadlines({ startedAt: t0, policy, calendar: office, pauses: weekend }).acceptBy).toBe(cst(3, 9, 11, 30));
    const monday = [{ from: cst(3, 9, 9), to: cst(3, 9, 10) }];
    expect(computeDeadlines({ startedAt: t0, policy, calendar: office, pauses: monday }).acceptBy).toBe(cst(3, 9, 12, 30));
  });

  it('scales durations, and runs a scaled business clock in real time', () => {
    const t0 = cst(3, 7, 23); // Saturday night: the business calendar would wait for Monday
    const d = computeDeadlines({ startedAt: t0, policy: slaPolicyFor('complaint', 'ordinary'), calendar: office, timeScale: 1 / 3600 });
    expect(d.acceptBy).toBe(t0 + 4_000);
    expect(d.resolveBy).toBe(t0 + 27_000);
    expect(d.windows[0]?.urgeAt).toBe(t0 + 3_200);
  });

  it('handles several pauses in any order', () => {
    const pauses = [
      { from: 50, to: 60 },
      { from: 10, to: 20 },
    ];
    expect(deadlineAfter(0, 30, REAL_CLOCK, pauses)).toBe(40);
    // Reached just as the second pause starts: the pause does not move it.
    expect(deadlineAfter(0, 40, REAL_CLOCK, pauses)).toBe(50);
    expect(deadlineAfter(0, 45, REAL_CLOCK, pauses)).toBe(65);
    expect(deadlineAfter(15, 10, REAL_CLOCK, pauses)).toBe(30);
  });
});

describe('SLA timers: urging and escalation', () => {
  it('urges before each deadline and escalates city → province → national, then only urges', () => {
    const t0 = cst(3, 2, 9);
    const { s, fired } = driveTimers(dispatchedAt(t0));
    expect(fired.map(brief(t0))).toEqual([
      'urge@1.5h:city',
      'escalate@2h:province',
      'urge@18h:province',
      'escalate@24h:national',
      'urge@27h:national',
      'urge@28h:national',
      'urge@31h:national',
      'urge@32h:national',
    ]);
    expect(s.escalations.map((e) => [e.to, e.target])).toEqual([
      ['province', 'liaoning-service-centre'],
      ['national', 'national-service-centre'],
    ]);
    expect(nextSlaEvent(s, t0 + 100 * H)).toEqual({ kind: 'none' });
  });

  it('climbs through all three levels on the resolve deadlines when accepted in time', () => {
    const t0 = cst(3, 2, 9);
    const urged = driveTimers(dispatchedAt(t0), t0 + 1.5 * H);
    const accepted = apply(urged.s, { type: 'accept' }, staff, t0 + 1.6 * H);
    const { fired } = driveTimers(accepted);
    expect([...urged.fired, ...fired].map(brief(t0))).toEqual([
      'urge@1.5h:city',
      'urge@18h:city',
      'escalate@24h:province',
      'urge@27h:province',
      'escalate@28h:national',
      'urge@31h:national',
      'urge@32h:national',
    ]);
  });

  it('works in seconds with a time scale', () => {
    const t0 = cst(3, 7, 23);
    const { fired } = driveTimers(dispatchedAt(t0, 'complaint', 'vip', 1 / 3600));
    // VIP complaint: accept 1 h, resolve 4 h, then every 9 h — as seconds, on a Saturday night.
    expect(fired.map((e) => (e.kind === 'none' ? 0 : (e.at - t0) / 1000))).toEqual([0.8, 1, 3.2, 4, 11.2, 13, 20.2, 22]);
    expect(fired.filter((e) => e.kind === 'escalate')).toHaveLength(2);
  });

  it('skips an urge whose deadline has already passed', () => {
    const t0 = cst(3, 2, 9);
    const s = dispatchedAt(t0);
    expect(nextSlaEvent(s, t0 + 3 * H)).toMatchObject({ kind: 'escalate', at: t0 + 2 * H, mark: 'accept:deadline', level: 'province' });
  });

  it('stops while waiting on the customer and resumes with later deadlines', () => {
    const t0 = cst(3, 2, 9);
    let s = apply(dispatchedAt(t0), { type: 'accept' }, staff, t0 + 10 * MIN);
    s = apply(s, { type: 'waitOnCustomer', reason: 'customer abroad until tomorrow' }, staff, t0 + H);
    expect(nextSlaEvent(s, t0 + H)).toEqual({ kind: 'none' });
    expect(isOverdue(s, t0 + 30 * H)).toBe(false);
    s = apply(s, { type: 'customerResponded' }, system, t0 + 21 * H);
    expect(deadlinesOf(s)?.resolveBy).toBe(t0 + 44 * H);
    expect(nextSlaEvent(s, t0 + 21 * H)).toMatchObject({ kind: 'urge', at: t0 + 38 * H, mark: 'resolve:urge' });
  });

  it('stops once every receipt is in, and is overdue only while running past a deadline', () => {
    const t0 = cst(3, 2, 9);
    const s = apply(dispatchedAt(t0), { type: 'accept' }, staff, t0 + 10 * MIN);
    expect(isOverdue(s, t0 + 23 * H)).toBe(false);
    expect(isOverdue(s, t0 + 24 * H)).toBe(true);
    expect(isOverdue(dispatchedAt(t0), t0 + 2 * H)).toBe(true);
    const done = apply(s, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' }, staff, t0 + 25 * H);
    expect(nextSlaEvent(done, t0 + 25 * H)).toEqual({ kind: 'none' });
    expect(isOverdue(done, t0 + 30 * H)).toBe(false);
  });

  it('starts afresh after a reopen', () => {
    const t0 = cst(3, 2, 9);
    let s = driveTimers(dispatchedAt(t0), t0 + 2 * H).s;
    expect(s.escalationLevel).toBe('province');
    const steps: [WorkOrderEvent, Actor][] = [
      [{ type: 'accept' }, staff],
      [{ type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' }, staff],
      [{ type: 'approve' }, system],
      [{ type: 'notifyCustomer' }, system],
      [{ type: 'recordSatisfaction', satisfied: false }, system],
      [{ type: 'reopen', reason: 'unsatisfied' }, system],
      [{ type: 'dispatch', departments: [MAINT] }, system],
    ];
    const t1 = t0 + 3 * H;
    for (const [e, a] of steps) s = apply(s, e, a, t1);
    expect([s.escalationLevel, s.sla.marksDone, s.sla.startedAt]).toEqual(['city', [], t1]);
    expect(nextSlaEvent(s, t1)).toMatchObject({ kind: 'urge', at: t1 + 1.5 * H, level: 'city' });
  });
});
