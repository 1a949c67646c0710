import { describe, expect, it } from '@jest/globals';
import {
  MAX_TEXT,
  admitEvent,
  applyEvent,
  assignees,
  createWorkOrder,
  visibleToLocalNetworks,
  type Actor,
  type NewWorkOrder,
  type WorkOrderEvent,
  type WorkOrderResult,
  type WorkOrderSnapshot,
} from '../../domain/work-order.js';
import { routeWorkOrder, routingInputOf } from '../../domain/routing.js';
import { chinaBusinessDay } from '../../domain/instant.js';
import { workOrderFigures } from '../../domain/reports.js';

// 2026-03-02 is a Monday; times are China Standard Time.
const cst = (m: number, d: number, h: number, min = 0) => Date.UTC(2026, m - 1, d, h - 8, min);
const T0 = cst(3, 2, 9);
const MIN = 60_000;

const agent: Actor = { id: 'agent-7', role: 'agent' };
const centre: Actor = { id: 'centre-1', role: 'centre' };
const system: Actor = { id: 'system', role: 'system' };
const staff = (department: string): Actor => ({ id: `staff-of-${department}`, role: 'department', department });
const supervisorOf = (department: string): Actor => ({ id: `${department}-supervisor`, role: 'supervisor', department });

const MAINT = 'anshan-network-maintenance';
const BROADBAND = 'anshan-broadband-support';
const CARE = 'anshan-customer-care';

function newOrder(overrides: Partial<NewWorkOrder> = {}): WorkOrderSnapshot {
  return createWorkOrder(
    {
      id: 'WO-1',
      type: 'fault_report',
      channel: 'phone',
      priority: 'medium',
      customer: { id: 'C-1', tier: 'ordinary' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      description: 'no dial tone since this morning',
      ...overrides,
    },
    agent,
    T0,
  );
}

function ok(r: WorkOrderResult): WorkOrderSnapshot {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}

/** Applies the steps one minute apart after the last change. */
function run(s: WorkOrderSnapshot, ...steps: [WorkOrderEvent, Actor][]): WorkOrderSnapshot {
  return steps.reduce((cur, [e, a]) => ok(applyEvent(cur, e, a, cur.updatedAt + MIN)), s);
}

function refuse(s: WorkOrderSnapshot, e: WorkOrderEvent, a: Actor): { code: string; message: string } {
  const r = applyEvent(s, e, a, s.updatedAt + MIN);
  if (r.ok) throw new Error(`expected ${e.type} to be refused in ${s.phase}`);
  return { code: r.code, message: r.message };
}

const dispatched = (departments = [MAINT]) => run(newOrder(), [{ type: 'classify' }, agent], [{ type: 'dispatch', departments }, system]);
const accepted = () => run(dispatched(), [{ type: 'accept' }, staff(MAINT)]);
const receipt: WorkOrderEvent = { type: 'receipt', result: 'resolved', resolutionCode: 'LINE-REPAIRED', notes: 'drop wire replaced' };
const withReceipt = () => run(accepted(), [receipt, staff(MAINT)]);
const notified = () => run(withReceipt(), [{ type: 'approve' }, centre], [{ type: 'notifyCustomer', channel: 'sms' }, system]);
const closed = () => run(notified(), [{ type: 'recordSatisfaction', satisfied: true, score: 5 }, centre]);
const unsatisfied = () => run(notified(), [{ type: 'recordSatisfaction', satisfied: false, score: 2 }, centre]);

describe('work order: the closed loop', () => {
  it('goes from intake to closed through dispatch, receipt, review, callback', () => {
    const start = newOrder();
    const steps: [WorkOrderEvent, Actor, string, string][] = [
      [{ type: 'classify', priority: 'high' }, agent, 'classified', 'acknowledged'],
      [{ type: 'dispatch', departments: [MAINT], ruleId: 'fault', reason: 'line fault' }, system, 'dispatched', 'acknowledged'],
      [{ type: 'accept' }, staff(MAINT), 'accepted', 'inProgress'],
      [{ type: 'note', text: 'technician on the way' }, staff(MAINT), 'handling', 'inProgress'],
      [receipt, staff(MAINT), 'receiptReturned', 'inProgress'],
      [{ type: 'approve' }, centre, 'reviewed', 'resolved'],
      [{ type: 'notifyCustomer', channel: 'sms' }, system, 'customerNotified', 'resolved'],
      [{ type: 'recordSatisfaction', satisfied: true, score: 5 }, centre, 'closed', 'closed'],
    ];
    let s = start;
    for (const [e, a, phase, state] of steps) {
      s = run(s, [e, a]);
      expect([e.type, s.phase, s.state]).toEqual([e.type, phase, state]);
    }
    expect(s.priority).toBe('high');
    expect(s.closeReason).toBe('satisfied');
    expect(s.satisfaction).toMatchObject({ satisfied: true, score: 5, by: centre.id });
    expect(s.resolvedAt).toBeDefined();
    expect(s.assignments[0]).toMatchObject({ department: MAINT, state: 'receiptReturned', receipt: { resolutionCode: 'LINE-REPAIRED', by: staff(MAINT).id } });
    expect(s.timeline.map((t) => t.action)).toEqual(['created', ...steps.map(([e]) => e.type)]);
    expect(s.timeline[2]).toMatchObject({ actor: system, details: { departments: [MAINT], ruleId: 'fault' } });
    // Pure: the starting snapshot is untouched.
    expect(start.phase).toBe('intake');
    expect(start.timeline).toHaveLength(1);
  });

  it('closes by itself when the customer does not answer, recorded as such', () => {
    const s = run(notified(), [{ type: 'autoClose' }, system]);
    expect([s.phase, s.state, s.closeReason]).toEqual(['closed', 'closed', 'noCustomerAnswer']);
    expect(refuse(notified(), { type: 'autoClose' }, centre).code).toBe('FORBIDDEN');
  });

  it('reopens after an unsatisfied callback and is dispatched again in a new round', () => {
    const u = unsatisfied();
    expect([u.phase, u.state]).toEqual(['unsatisfied', 'resolved']);
    const escalated = { ...u, escalationLevel: 'province' as const };
    const r = run(escalated, [{ type: 'reopen', reason: 'still crackling on the line' }, centre]);
    expect([r.phase, r.state, r.reopenCount, r.escalationLevel]).toEqual(['reopened', 'reopened', 1, 'city']);
    expect(r.assignments).toEqual([]);
    expect(r.previousAssignments).toHaveLength(1);
    expect(r.sla.startedAt).toBeUndefined();
    expect(r.resolvedAt).toBeUndefined();
    const again = run(r, [{ type: 'dispatch', departments: [MAINT] }, system]);
    expect(again.assignments).toEqual([expect.objectContaining({ department: MAINT, state: 'dispatched', round: 1 })]);
    expect(again.sla.startedAt).toBe(again.updatedAt);
  });

  it('reopens a closed order, but refuses to reopen an open one', () => {
    expect(run(closed(), [{ type: 'reopen', reason: 'fault is back' }, agent]).phase).toBe('reopened');
    for (const open of [newOrder(), dispatched(), accepted(), withReceipt()]) {
      expect(refuse(open, { type: 'reopen', reason: 'x' }, centre).code).toBe('WRONG_STATE');
    }
  });

  it('rejects an invalid intake', () => {
    const s = run(newOrder(), [{ type: 'reject', reason: 'duplicate of WO-0' }, agent]);
    expect([s.phase, s.state]).toEqual(['rejected', 'rejected']);
  });
});

describe('work order: refusals', () => {
  const cases: [string, () => WorkOrderSnapshot, WorkOrderEvent, Actor][] = [
    ['classify twice', dispatched, { type: 'classify' }, agent],
    ['reject a dispatched order', dispatched, { type: 'reject', reason: 'x' }, agent],
    ['dispatch before classifying', newOrder, { type: 'dispatch', departments: [MAINT] }, system],
    ['dispatch a resolved order', notified, { type: 'dispatch', departments: [CARE] }, system],
    ['accept twice', accepted, { type: 'accept' }, staff(MAINT)],
    ['note on a closed order', closed, { type: 'note', text: 'x' }, centre],
    ['receipt before accepting', dispatched, receipt, staff(MAINT)],
    ['a second receipt', withReceipt, receipt, staff(MAINT)],
    ['return after the receipt', withReceipt, { type: 'return', reason: 'x' }, staff(MAINT)],
    ['transfer after the receipts', withReceipt, { type: 'transfer', from: MAINT, to: CARE, reason: 'x' }, supervisorOf(MAINT)],
    ['send back while handling', accepted, { type: 'sendBack', reason: 'x' }, centre],
    ['approve while handling', accepted, { type: 'approve' }, centre],
    ['notify before review', withReceipt, { type: 'notifyCustomer' }, system],
    ['satisfaction before the customer is told', withReceipt, { type: 'recordSatisfaction', satisfied: true }, centre],
    ['reopen an open order', accepted, { type: 'reopen', reason: 'x' }, centre],
    ['wait on the customer after the receipts', withReceipt, { type: 'waitOnCustomer', reason: 'x' }, centre],
    ['customer responded when not pending', accepted, { type: 'customerResponded' }, centre],
    ['auto-close an open order', accepted, { type: 'autoClose' }, system],
    ['cancel a closed order', closed, { type: 'cancel', reason: 'x' }, agent],
    ['urge a closed order', closed, { type: 'urge' }, system],
    ['escalate a closed order', closed, { type: 'escalate', reason: 'x' }, system],
    ['escalate beyond national', () => ({ ...accepted(), escalationLevel: 'national' }), { type: 'escalate', reason: 'x' }, system],
  ];
  it.each(cases)('refuses to %s with WRONG_STATE', (_name, build, event, actor) => {
    const before = build();
    const copy = structuredClone(before);
    expect(refuse(before, event, actor).code).toBe('WRONG_STATE');
    expect(before).toEqual(copy);
  });

  it('refuses department actions from a department the order is not assigned to', () => {
    const other = staff('anshan-billing-service');
    for (const e of [{ type: 'accept' }, receipt, { type: 'return', reason: 'x' }, { type: 'note', text: 'x' }] as WorkOrderEvent[]) {
      const r = refuse(e.type === 'accept' ? dispatched() : accepted(), e, other);
      expect([e.type, r.code]).toEqual([e.type, 'FORBIDDEN']);
      expect(r.message).toMatch(/not assigned to anshan-billing-service/);
    }
    // The same department of another local network is another department.
    expect(refuse(dispatched(), { type: 'accept' }, staff('dalian-network-maintenance')).code).toBe('FORBIDDEN');
  });

  it('checks who acts before the state, so a stranger learns nothing', () => {
    expect(refuse(closed(), receipt, staff('anshan-billing-service')).code).toBe('FORBIDDEN');
  });

  it('keeps the centre’s actions from departments and autoClose for the system', () => {
    const d = staff(MAINT);
    expect(refuse(withReceipt(), { type: 'approve' }, d).code).toBe('FORBIDDEN');
    expect(refuse(withReceipt(), { type: 'sendBack', reason: 'x' }, d).code).toBe('FORBIDDEN');
    expect(refuse(dispatched(), { type: 'dispatch', departments: [CARE] }, d).code).toBe('FORBIDDEN');
    expect(refuse(notified(), { type: 'recordSatisfaction', satisfied: true }, d).code).toBe('FORBIDDEN');
    expect(refuse(closed(), { type: 'reopen', reason: 'x' }, d).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), { type: 'escalate', reason: 'x' }, d).code).toBe('FORBIDDEN');
  });

  it('refuses bad input as INVALID', () => {
    expect(refuse(newOrder(), { type: 'reject', reason: '  ' }, agent).code).toBe('INVALID');
    const classified = run(newOrder(), [{ type: 'classify' }, agent]);
    expect(refuse(classified, { type: 'dispatch', departments: ['anshan-catering'] }, system).message).toMatch(/unknown department anshan-catering/);
    expect(refuse(classified, { type: 'dispatch', departments: [] }, system).code).toBe('INVALID');
    expect(refuse(classified, { type: 'dispatch', departments: [MAINT, MAINT] }, system).code).toBe('INVALID');
    expect(refuse(dispatched(), { type: 'dispatch', departments: [MAINT] }, system).message).toMatch(/already holds/);
    expect(refuse(accepted(), { type: 'receipt', result: 'resolved', resolutionCode: '' }, staff(MAINT)).code).toBe('INVALID');
    expect(refuse(notified(), { type: 'recordSatisfaction', satisfied: true, score: 9 }, centre).code).toBe('INVALID');
    expect(refuse(accepted(), { type: 'nonsense' } as unknown as WorkOrderEvent, centre).code).toBe('INVALID');
    const s = accepted();
    const back = applyEvent(s, { type: 'note', text: 'x' }, centre, s.updatedAt - 1);
    expect(back.ok ? 'ok' : back.code).toBe('INVALID');
  });

  it('names the bad field of a malformed event', () => {
    const r = refuse(accepted(), { type: 'receipt', result: 'fixed', resolutionCode: 'X' } as unknown as WorkOrderEvent, staff(MAINT));
    expect(r).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/^receipt: result: /) });
  });

  it('records who acted, not whatever else the caller’s object carries', () => {
    const caller = { ...centre, token: 'secret' } as Actor;
    const s = run(accepted(), [{ type: 'note', text: '  called the customer  ' }, caller]);
    expect(s.timeline.at(-1)).toEqual({ at: s.updatedAt, actor: centre, action: 'note', details: { text: 'called the customer' } });
  });

  it('refuses a malformed new work order', () => {
    expect(() => newOrder({ takenInLocalNetwork: 'beijing' as never })).toThrow();
    expect(() => newOrder({ description: '' })).toThrow();
  });
});

describe('work order: co-handling', () => {
  const both = () => run(dispatched([BROADBAND, MAINT]), [{ type: 'accept' }, staff(BROADBAND)], [{ type: 'accept' }, staff(MAINT)]);

  it('is resolved only when every department’s receipt is in', () => {
    const one = run(both(), [receipt, staff(BROADBAND)]);
    expect([one.phase, one.state]).toEqual(['handling', 'inProgress']);
    expect(refuse(one, { type: 'approve' }, centre).code).toBe('WRONG_STATE');
    const all = run(one, [receipt, staff(MAINT)]);
    expect([all.phase, all.state]).toEqual(['receiptReturned', 'inProgress']);
    expect(run(all, [{ type: 'approve' }, centre]).state).toBe('resolved');
  });

  it('sends back one department’s receipt for rework', () => {
    const all = run(both(), [receipt, staff(BROADBAND)], [receipt, staff(MAINT)]);
    const back = run(all, [{ type: 'sendBack', reason: 'modem not checked', departments: [BROADBAND] }, centre]);
    expect(back.phase).toBe('handling');
    expect(back.assignments.find((a) => a.department === BROADBAND)).toMatchObject({ state: 'accepted' });
    expect(back.assignments.find((a) => a.department === BROADBAND)?.receipt).toBeUndefined();
    expect(back.assignments.find((a) => a.department === MAINT)).toMatchObject({ state: 'receiptReturned' });
    expect(back.timeline.at(-1)?.details).toMatchObject({
      reason: 'modem not checked',
      receipts: [expect.objectContaining({ resolutionCode: 'LINE-REPAIRED' })],
    });
    expect(run(back, [receipt, staff(BROADBAND)]).phase).toBe('receiptReturned');
  });

  it('keeps going when one of two departments returns it', () => {
    const s = run(both(), [{ type: 'return', reason: 'not a network fault' }, staff(MAINT)]);
    expect(s.phase).toBe('accepted');
    expect(assignees(s)).toEqual([BROADBAND]);
    expect(run(s, [receipt, staff(BROADBAND)]).phase).toBe('receiptReturned');
  });
});

describe('work order: return (退单) and transfer', () => {
  it('is held after a return and dispatched again', () => {
    expect(refuse(accepted(), { type: 'return', reason: '' }, staff(MAINT)).code).toBe('INVALID');
    const held = run(accepted(), [{ type: 'return', reason: 'customer’s own equipment: not ours' }, staff(MAINT)]);
    expect([held.phase, held.state]).toEqual(['returned', 'held']);
    expect(held.assignments[0]).toMatchObject({ state: 'returned', reason: 'customer’s own equipment: not ours' });
    expect(refuse(held, receipt, staff(MAINT)).code).toBe('FORBIDDEN');
    const again = run(held, [{ type: 'dispatch', departments: [CARE], reason: 'returned by maintenance' }, centre]);
    expect([again.phase, assignees(again)]).toEqual(['dispatched', [CARE]]);
    const done = run(again, [{ type: 'accept' }, staff(CARE)], [receipt, staff(CARE)]);
    expect(done.phase).toBe('receiptReturned');
  });

  it('may give the order back to a department that returned it', () => {
    const held = run(dispatched(), [{ type: 'return', reason: 'wrong area' }, staff(MAINT)]);
    const again = run(held, [{ type: 'dispatch', departments: [MAINT] }, centre]);
    expect(again.assignments).toEqual([expect.objectContaining({ department: MAINT, state: 'dispatched' })]);
  });

  it('is transferred by a supervisor only', () => {
    const t: WorkOrderEvent = { type: 'transfer', from: MAINT, to: BROADBAND, reason: 'fault is in the DSLAM' };
    expect(refuse(accepted(), t, staff(MAINT)).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), t, centre).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), t, supervisorOf('dalian-network-maintenance')).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), t, supervisorOf('anshan-billing-service')).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), { ...t, to: 'anshan-nowhere' }, supervisorOf(MAINT)).code).toBe('INVALID');

    const s = run(accepted(), [t, supervisorOf(MAINT)]);
    expect(s.phase).toBe('dispatched');
    expect(s.assignments).toEqual([
      expect.objectContaining({ department: MAINT, state: 'transferred', reason: 'fault is in the DSLAM' }),
      expect.objectContaining({ department: BROADBAND, state: 'dispatched' }),
    ]);
    expect(refuse(s, receipt, staff(MAINT)).code).toBe('FORBIDDEN');
    expect(run(s, [{ type: 'accept' }, staff(BROADBAND)]).phase).toBe('accepted');
  });

  it('lets the city centre’s and higher-level supervisors transfer too', () => {
    const t: WorkOrderEvent = { type: 'transfer', from: MAINT, to: CARE, reason: 'x' };
    expect(run(accepted(), [t, supervisorOf('anshan-service-centre')]).phase).toBe('dispatched');
    expect(run(accepted(), [t, { id: 'p-1', role: 'supervisor', level: 'province' }]).phase).toBe('dispatched');
  });
});

describe('work order: waiting on the customer', () => {
  it('pauses in pending and resumes where it was', () => {
    const p = run(accepted(), [{ type: 'waitOnCustomer', reason: 'customer not at home' }, staff(MAINT)]);
    expect([p.phase, p.state]).toEqual(['pending', 'pending']);
    expect(p.sla.pauses).toEqual([{ from: p.updatedAt }]);
    expect(refuse(p, receipt, staff(MAINT)).code).toBe('WRONG_STATE');
    expect(run(p, [{ type: 'note', text: 'called twice' }, staff(MAINT)]).phase).toBe('pending');
    const r = run(p, [{ type: 'customerResponded' }, agent]);
    expect([r.phase, r.resumePhase]).toEqual(['accepted', undefined]);
    expect(r.sla.pauses).toEqual([{ from: p.updatedAt, to: r.updatedAt }]);
  });

  it('closes the pause when cancelled while pending', () => {
    const p = run(accepted(), [{ type: 'waitOnCustomer', reason: 'x' }, centre], [{ type: 'cancel', reason: 'customer withdrew' }, agent]);
    expect([p.phase, p.state]).toEqual(['cancelled', 'cancelled']);
    expect(p.sla.pauses[0]?.to).toBe(p.updatedAt);
  });
});

describe('work order: escalation and urging', () => {
  it('climbs one level at a time and names the centre notified', () => {
    const p = run(accepted(), [{ type: 'escalate', reason: 'accept deadline missed', mark: 'accept:deadline' }, system]);
    expect(p.escalationLevel).toBe('province');
    expect(p.escalations[0]).toMatchObject({ from: 'city', to: 'province', target: 'liaoning-service-centre', mark: 'accept:deadline' });
    expect(refuse(p, { type: 'escalate', reason: 'again', mark: 'accept:deadline' }, system).code).toBe('INVALID');
    const n = run(p, [{ type: 'escalate', reason: 'supervisor decision' }, supervisorOf(MAINT)]);
    expect(n.escalations[1]).toMatchObject({ to: 'national', target: 'national-service-centre' });
  });

  it('leaves SLA checkpoints to the clock: a person naming one would suppress its reminder', () => {
    // A supervisor escalating by hand with the resolve deadline's mark would mark it as done, so the
    // clock would never escalate (or urge) for it.
    expect(refuse(accepted(), { type: 'escalate', reason: 'by hand', mark: 'resolve:deadline' }, supervisorOf(MAINT))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/SLA clock/),
    });
    expect(refuse(accepted(), { type: 'urge', mark: 'resolve:urge' }, centre).code).toBe('FORBIDDEN');
    expect(run(accepted(), [{ type: 'escalate', reason: 'by hand' }, supervisorOf(MAINT)]).sla.marksDone).toEqual([]);
  });

  it('records an urge once per mark, naming the departments urged', () => {
    const u = run(accepted(), [{ type: 'urge', mark: 'resolve:urge' }, system]);
    expect(u.sla.marksDone).toEqual(['resolve:urge']);
    expect(u.timeline.at(-1)).toMatchObject({ action: 'urge', details: { departments: [MAINT], level: 'city' } });
    expect(refuse(u, { type: 'urge', mark: 'resolve:urge' }, system).code).toBe('INVALID');
  });
});

describe('work order: roaming complaint', () => {
  it('is forwarded to the home local network, which handles it, and both sides follow it', () => {
    const s = newOrder({ type: 'complaint', takenInLocalNetwork: 'dalian', homeLocalNetwork: 'anshan', serviceLine: 'gsm_mobile' });
    expect(s.forwardedTo).toBe('anshan');
    expect(s.timeline.map((t) => t.action)).toEqual(['created', 'forwarded']);
    expect(s.timeline[1]?.details).toEqual({ from: 'dalian', to: 'anshan' });
    expect(s.sla.calendarId).toBe('anshan');
    expect(visibleToLocalNetworks(s)).toEqual(['dalian', 'anshan']);
    const route = routeWorkOrder(routingInputOf(s));
    expect(route.departments.every((d) => d.startsWith('anshan-'))).toBe(true);
  });

  it('is not forwarded when taken in the home network, nor for other types', () => {
    expect(newOrder({ type: 'complaint' }).forwardedTo).toBeUndefined();
    // Fault reports are forwarded too (issue 15): see work-order-categories.test.ts.
    const inquiry = newOrder({ type: 'inquiry', takenInLocalNetwork: 'dalian', homeLocalNetwork: 'anshan' });
    expect(inquiry.forwardedTo).toBeUndefined();
    expect(visibleToLocalNetworks(inquiry)).toEqual(['dalian']);
  });
});

describe('work order: a field installation closes when its order has the answer', () => {
  const reviewed = () => run(withReceipt(), [{ type: 'approve' }, system]);

  it('closes a reviewed installation for the system only, recording whether it was installed', () => {
    const c = run(reviewed(), [{ type: 'closeInstallation', installed: true }, system]);
    expect([c.phase, c.state, c.closeReason]).toEqual(['closed', 'closed', 'installationReported']);
    expect(c.closedAt).toBe(c.updatedAt);
    expect(c.timeline.at(-1)).toMatchObject({ action: 'closeInstallation', details: { installed: true } });
    expect(refuse(reviewed(), { type: 'closeInstallation', installed: true }, centre).code).toBe('FORBIDDEN');
    expect(refuse(accepted(), { type: 'closeInstallation', installed: false }, system).code).toBe('WRONG_STATE');
  });

  it('leaves the daily report’s backlog when closed; a reviewed one (as such work orders used to end) stayed in it', () => {
    const day = chinaBusinessDay(T0);
    const figures = (s: WorkOrderSnapshot) => workOrderFigures([s], [day], 'localNetwork').get(day)!.get('anshan')!;
    expect(figures(reviewed())).toMatchObject({ backlog: 1, closed: 0 });
    expect(figures(run(reviewed(), [{ type: 'closeInstallation', installed: true }, system]))).toMatchObject({ backlog: 0, closed: 1 });
  });
});

describe('work order: bounds of new events', () => {
  const at = (s: WorkOrderSnapshot) => s.updatedAt + MIN;

  it('admits notes up to the bound and refuses a longer one, naming the field', () => {
    const s = accepted();
    expect(admitEvent(s, { type: 'note', text: 'x'.repeat(MAX_TEXT) }, staff(MAINT), at(s)).ok).toBe(true);
    const r = admitEvent(s, { type: 'note', text: 'x'.repeat(200_000) }, staff(MAINT), at(s));
    expect(r).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/^note: text: /) });
  });

  it('refuses an unknown field and too many departments', () => {
    const s = accepted();
    expect(admitEvent(s, { type: 'accept', sneaky: true }, staff(MAINT), at(s))).toMatchObject({ ok: false, code: 'INVALID' });
    const many = Array.from({ length: 11 }, (_, i) => `dept-${i}`);
    expect(admitEvent(s, { type: 'dispatch', departments: many }, centre, at(s))).toMatchObject({
      ok: false,
      code: 'INVALID',
      message: expect.stringMatching(/departments/),
    });
  });

  it('re-applies an event a history already holds, however long (accepted before the bounds)', () => {
    const s = accepted();
    expect(applyEvent(s, { type: 'note', text: 'y'.repeat(MAX_TEXT + 1) }, staff(MAINT), at(s)).ok).toBe(true);
  });
});
