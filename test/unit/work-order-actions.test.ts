// What a desk offers (allowedActions) is what the work order's own rules take, through a department's
// whole part of the closed loop, and nothing to a department that does not hold it.
import { describe, expect, it } from '@jest/globals';
import { allowedActions } from '../../domain/work-order-actions.js';
import { applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

const T0 = Date.UTC(2026, 2, 2, 1);
const agent: Actor = { id: 'agent-7', role: 'agent' };
const care: Actor = { id: 'dept.dalian.care', role: 'department', department: 'dalian-customer-care' };
const other: Actor = { id: 'dept.shenyang.care', role: 'department', department: 'shenyang-customer-care' };

function step(s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor): WorkOrderSnapshot {
  const r = applyEvent(s, event, actor, s.updatedAt + 60_000);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}

const dispatched = () =>
  step(
    step(
      createWorkOrder(
        {
          id: 'TT-1',
          type: 'complaint',
          channel: 'phone',
          customer: { id: 'C-1', tier: 'ordinary' },
          takenInLocalNetwork: 'dalian',
          homeLocalNetwork: 'dalian',
          serviceLine: 'fixed_line',
          description: 'the bill is wrong',
        },
        agent,
        T0,
      ),
      { type: 'classify' },
      agent,
    ),
    { type: 'dispatch', departments: ['dalian-customer-care'] },
    agent,
  );

describe('allowedActions', () => {
  it('follows a department through its part: accept first, then work and answer; after the receipt only notes', () => {
    let s = dispatched();
    expect(allowedActions(s, care, s.updatedAt)).toEqual(['accept', 'note', 'waitOnCustomer', 'return']);
    s = step(s, { type: 'accept' }, care);
    expect(allowedActions(s, care, s.updatedAt)).toEqual(['note', 'waitOnCustomer', 'receipt', 'return', 'requestCoHandling']);
    s = step(s, { type: 'waitOnCustomer', reason: 'customer abroad until Friday' }, care);
    expect(allowedActions(s, care, s.updatedAt)).toEqual(['note', 'customerResponded']);
    s = step(s, { type: 'customerResponded' }, care);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED' }, care);
    expect(allowedActions(s, care, s.updatedAt)).toEqual(['note']);
  });

  it('offers nothing to a department that does not hold the work order', () => {
    const s = dispatched();
    expect(allowedActions(s, other, s.updatedAt)).toEqual([]);
  });

  it("offers the centre its own actions, never a department's", () => {
    const s = dispatched();
    // urge: the customer calling again (催办) while the department owes its acceptance.
    expect(allowedActions(s, agent, s.updatedAt)).toEqual(['note', 'waitOnCustomer', 'reprioritize', 'cancel', 'urge']);
  });

  it('is not fooled by a clock behind the workflow', () => {
    const s = dispatched();
    expect(allowedActions(s, care, s.updatedAt - 5_000)).toContain('accept');
  });
});
