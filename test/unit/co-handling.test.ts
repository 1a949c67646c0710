// The co-handling request (协办申请), as the work order's own rules judge it: a department that has
// accepted the order asks departments of the same local network, which join as co-handlers with an
// assignment of their own; anything else is refused with the reason. The desk offers the request, with
// exactly the departments the rules would take, only when there is one to ask.
import { describe, expect, it } from '@jest/globals';
import { allowedActions, coHandlingCandidates } from '../../domain/work-order-actions.js';
import { departmentsOfLocalNetwork } from '../../domain/departments.js';
import { applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

const T0 = Date.UTC(2026, 2, 2, 1);
const agent: Actor = { id: 'agent-7', role: 'agent' };
const care: Actor = { id: 'dept.dalian.care', role: 'department', department: 'dalian-customer-care' };

const at = (s: WorkOrderSnapshot) => s.updatedAt + 60_000;
function step(s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor): WorkOrderSnapshot {
  const r = applyEvent(s, event, actor, at(s));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}

const dispatched = (takenIn: 'dalian' | 'shenyang' = 'dalian', home: 'dalian' | 'shenyang' = 'dalian') =>
  step(
    step(
      createWorkOrder(
        {
          id: 'TT-9',
          type: 'complaint',
          channel: 'phone',
          customer: { id: 'C-9', tier: 'ordinary' },
          takenInLocalNetwork: takenIn,
          homeLocalNetwork: home,
          serviceLine: 'broadband',
          description: 'broadband drops every evening and the bill charges the outage',
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

describe('requestCoHandling', () => {
  it('adds a department of the same local network as a co-handler, recorded in the timeline', () => {
    const s = step(dispatched(), { type: 'accept' }, care);
    const r = applyEvent(
      s,
      { type: 'requestCoHandling', departments: ['dalian-broadband-support'], reason: 'the line tests bad at the exchange' },
      care,
      at(s),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.next.assignments.map((a) => [a.department, a.state])).toEqual([
      ['dalian-customer-care', 'accepted'],
      ['dalian-broadband-support', 'dispatched'],
    ]);
    expect(r.next.phase).toBe(s.phase);
    expect(r.next.timeline.at(-1)).toMatchObject({
      action: 'requestCoHandling',
      actor: { id: care.id, department: 'dalian-customer-care' },
      details: { department: 'dalian-customer-care', departments: ['dalian-broadband-support'], reason: 'the line tests bad at the exchange' },
    });
    // The centre reviews only when both have answered.
    const mine = step(r.next, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED' }, care);
    expect(mine.phase).toBe('handling');
  });

  it('refuses a department of another local network, a centre, one already holding it, and before accepting', () => {
    const s = step(dispatched(), { type: 'accept' }, care);
    const ask = (departments: string[], state = s) => applyEvent(state, { type: 'requestCoHandling', departments, reason: 'help' }, care, at(state));
    expect(ask(['shenyang-network-maintenance'])).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/not a department of dalian/) });
    expect(ask(['liaoning-network-operations'])).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/dispatching centre/) });
    expect(ask(['dalian-customer-care'])).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/already holds/) });
    expect(ask(['nowhere-care'])).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/unknown department/) });
    expect(ask(['dalian-installation'], dispatched())).toMatchObject({ ok: false, code: 'WRONG_STATE', message: expect.stringMatching(/accept/) });
    // The centre, and a department not holding it, may not ask this way.
    expect(applyEvent(s, { type: 'requestCoHandling', departments: ['dalian-installation'], reason: 'x' }, agent, at(s))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it("is offered after accepting, with the order's own local network's departments that do not hold it", () => {
    const s0 = dispatched();
    expect(allowedActions(s0, care, s0.updatedAt)).not.toContain('requestCoHandling');
    const s = step(s0, { type: 'accept' }, care);
    expect(allowedActions(s, care, s.updatedAt)).toContain('requestCoHandling');
    const candidates = coHandlingCandidates(s);
    expect(candidates).not.toContain('dalian-customer-care');
    expect(candidates.every((d) => d.startsWith('dalian-'))).toBe(true);
    expect(candidates).toHaveLength(departmentsOfLocalNetwork('dalian').length - 1);
    // A roaming complaint is handled at home: the home network's departments.
    const roaming = dispatched('shenyang', 'dalian');
    expect(coHandlingCandidates(roaming).every((d) => d.startsWith('dalian-'))).toBe(true);
  });
});
