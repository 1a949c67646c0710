// The rules of a service request turned into a product order (issue 14, point 7), as the work
// order's state machine applies them: who may place it, when, what it does to the departments and
// the SLA clock, and what each way the order ends does to the work order.
import { describe, expect, it } from '@jest/globals';
import { deadlinesOf, nextSlaEvent } from '../../domain/sla.js';
import {
  applyEvent,
  assignees,
  createWorkOrder,
  type Actor,
  type NewWorkOrder,
  type WorkOrderEvent,
  type WorkOrderResult,
  type WorkOrderSnapshot,
} from '../../domain/work-order.js';
import { allowedActions } from '../../domain/work-order-actions.js';

const T0 = Date.UTC(2026, 2, 2, 1); // Monday 09:00 in China
const MIN = 60_000;
const agent: Actor = { id: 'agent-7', role: 'agent' };
const system: Actor = { id: 'system', role: 'system' };
const CARE = 'anshan-customer-care';
const staff: Actor = { id: 'staff-1', role: 'department', department: CARE };

function ok(r: WorkOrderResult): WorkOrderSnapshot {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}
const step = (s: WorkOrderSnapshot, e: WorkOrderEvent, a: Actor) => applyEvent(s, e, a, s.updatedAt + MIN);
const run = (s: WorkOrderSnapshot, ...steps: [WorkOrderEvent, Actor][]) => steps.reduce((cur, [e, a]) => ok(step(cur, e, a)), s);

function request(overrides: Partial<NewWorkOrder> = {}): WorkOrderSnapshot {
  const s = createWorkOrder(
    {
      id: 'TT-1',
      type: 'service_request',
      channel: 'phone',
      customer: { id: 'C-1', tier: 'ordinary' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'gsm_mobile',
      description: 'a new mobile line',
      ...overrides,
    },
    agent,
    T0,
  );
  return run(s, [{ type: 'classify' }, system], [{ type: 'dispatch', departments: [CARE] }, system], [{ type: 'accept' }, staff]);
}

describe('placeOrder', () => {
  it('hands the request over to the order: departments relieved, the SLA clock stopped, the order recorded', () => {
    const s = ok(step(request(), { type: 'placeOrder', orderId: 'PO-1' }, agent));
    expect(s).toMatchObject({ phase: 'orderPlaced', state: 'inProgress', relatedOrderId: 'PO-1', placedOrder: { id: 'PO-1', by: 'agent-7' } });
    expect(assignees(s)).toEqual([]);
    expect(s.assignments[0]).toMatchObject({ department: CARE, state: 'transferred', reason: 'handed over to order PO-1' });
    expect(s.timeline.at(-1)).toMatchObject({ action: 'placeOrder', details: { orderId: 'PO-1', departments: [CARE] } });
    expect(nextSlaEvent(s, s.updatedAt + 1000 * 3_600_000).kind).toBe('none');
    expect(deadlinesOf(s)?.resolveBy).toBeUndefined();
    // People may only add notes while the order runs: no cancel (cancel the order), no escalation.
    expect(allowedActions(s, agent, s.updatedAt)).toEqual(['note']);
  });

  it('is refused: not a service request, not dispatched yet, already following an order, by a department, when closed', () => {
    expect(step(request({ type: 'complaint', serviceLine: 'fixed_line' }), { type: 'placeOrder', orderId: 'PO-1' }, agent)).toMatchObject({
      ok: false,
      code: 'WRONG_STATE',
    });
    const fresh = createWorkOrder(
      {
        id: 'TT-2',
        type: 'service_request',
        channel: 'phone',
        customer: { id: 'C-1', tier: 'ordinary' },
        takenInLocalNetwork: 'anshan',
        homeLocalNetwork: 'anshan',
        serviceLine: 'gsm_mobile',
        description: 'x',
      },
      agent,
      T0,
    );
    expect(step(fresh, { type: 'placeOrder', orderId: 'PO-1' }, agent)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(step(request({ relatedOrderId: 'PO-0' }), { type: 'placeOrder', orderId: 'PO-1' }, agent)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(step(request(), { type: 'placeOrder', orderId: 'PO-1' }, staff)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const placed = ok(step(request(), { type: 'placeOrder', orderId: 'PO-1' }, agent));
    expect(step(placed, { type: 'placeOrder', orderId: 'PO-2' }, agent)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(step(placed, { type: 'cancel', reason: 'x' }, agent)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    // The workflow cancelled from outside still records it.
    expect(ok(step(placed, { type: 'cancel', reason: 'x' }, system)).phase).toBe('cancelled');
  });
});

describe('orderFinished', () => {
  const placed = () => ok(step(request(), { type: 'placeOrder', orderId: 'PO-1' }, agent));

  it('completed closes the work order, for good', () => {
    const s = ok(step(placed(), { type: 'orderFinished', orderId: 'PO-1', outcome: 'completed' }, system));
    expect(s).toMatchObject({ phase: 'closed', state: 'closed', closeReason: 'orderCompleted', placedOrder: { id: 'PO-1', outcome: 'completed' } });
    expect(s.resolvedAt).toBe(s.closedAt);
    expect(s.sla.pauses.every((p) => p.to !== undefined)).toBe(true);
    expect(step(s, { type: 'reopen', reason: 'again' }, agent)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
  });

  it.each(['partial', 'failed', 'cancelled', 'rejected'] as const)('%s returns it to the centre, which may place another order', (outcome) => {
    const s = ok(step(placed(), { type: 'orderFinished', orderId: 'PO-1', outcome, reason: 'CREDIT_REFUSED' }, system));
    expect(s).toMatchObject({ phase: 'returned', state: 'held', placedOrder: { outcome, reason: 'CREDIT_REFUSED' } });
    expect(allowedActions(s, agent, s.updatedAt)).toEqual(expect.arrayContaining(['cancel', 'note']));
    expect(ok(step(s, { type: 'placeOrder', orderId: 'PO-2' }, agent))).toMatchObject({
      phase: 'orderPlaced',
      relatedOrderId: 'PO-2',
      placedOrder: { id: 'PO-2' },
    });
  });

  it('is the system’s, for the order it follows', () => {
    expect(step(placed(), { type: 'orderFinished', orderId: 'PO-1', outcome: 'completed' }, agent)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(step(placed(), { type: 'orderFinished', orderId: 'PO-9', outcome: 'completed' }, system)).toMatchObject({ ok: false, code: 'INVALID' });
    expect(step(request(), { type: 'orderFinished', orderId: 'PO-1', outcome: 'completed' }, system)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
  });
});
