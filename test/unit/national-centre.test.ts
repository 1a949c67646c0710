// The national centre's queue as the pure rules judge it: a complaint about a national service routed
// straight to the national centre under its SLA; the province centre's hand-over for coordination (who
// may, when, once per round; the national centre's own window; the province's read view); and which
// steps the province is told of.
import { describe, expect, it } from '@jest/globals';
import { coordinationPolicy, nationalComplaintPolicy, NATIONAL_CENTRE, provinceNotices } from '../../domain/national-centre.js';
import { routeWorkOrder, routingInputOf } from '../../domain/routing.js';
import { deadlinesOf, nextSlaEvent } from '../../domain/sla.js';
import { allowedActions } from '../../domain/work-order-actions.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import { boardLocalNetworks } from '../../domain/supervision.js';
import { applyEvent, createWorkOrder, type Actor, type NewWorkOrder, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

const T0 = Date.UTC(2026, 2, 2, 1); // a Monday, 09:00 in Liaoning
const agent: Actor = { id: 'agent-7', role: 'agent' };
const billing: Actor = { id: 'staff.fuxin.billing', role: 'department', department: 'fuxin-billing-service' };
const provinceDesk: Actor = { id: 'staff.province', role: 'department', department: 'liaoning-service-centre' };
const provinceSup: Actor = { id: 'sup.province', role: 'supervisor', department: 'liaoning-service-centre', level: 'province' };
const citySup: Actor = { id: 'sup.fuxin', role: 'supervisor', department: 'fuxin-service-centre', level: 'city' };
const nationalSup: Actor = { id: 'sup.national', role: 'supervisor', department: NATIONAL_CENTRE, level: 'national' };
const national: Actor = { id: 'staff.national', role: 'department', department: NATIONAL_CENTRE };

const at = (s: WorkOrderSnapshot) => s.updatedAt + 60_000;
function step(s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor): WorkOrderSnapshot {
  const r = applyEvent(s, event, actor, at(s));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}
const refusal = (s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor) => {
  const r = applyEvent(s, event, actor, at(s));
  return r.ok ? 'accepted' : r.code;
};

const order = (more: Partial<NewWorkOrder> = {}): NewWorkOrder => ({
  id: 'TT-N1',
  type: 'complaint',
  channel: 'phone',
  customer: { id: 'C-1', tier: 'ordinary' },
  takenInLocalNetwork: 'fuxin',
  homeLocalNetwork: 'fuxin',
  serviceLine: 'long_distance',
  description: 'the hotline hung up on me twice',
  ...more,
});

/** Taken and dispatched by the routing rules, as the workflow does. */
function dispatched(more: Partial<NewWorkOrder> = {}): WorkOrderSnapshot {
  const s = step(createWorkOrder(order(more), agent, T0), { type: 'classify' }, { id: 'system', role: 'system' });
  const route = routeWorkOrder(routingInputOf(s));
  return step(s, { type: 'dispatch', departments: route.departments, ruleId: route.ruleId }, { id: 'system', role: 'system' });
}

describe('a complaint about a national service', () => {
  it('goes straight to the national centre, under its SLA', () => {
    const s = dispatched({ nationalService: 'hotline' });
    expect(s.assignments.map((a) => a.department)).toEqual([NATIONAL_CENTRE]);
    expect(s.timeline.at(-1)?.details).toMatchObject({ ruleId: 'national-service-complaint' });
    expect(s.sla.policy).toEqual(nationalComplaintPolicy('ordinary'));
    expect(s.sla.policy.id).toBe('national-complaint/complaint/ordinary');
  });

  it('is routed by its own rules without one, and a national service on another type is not read', () => {
    expect(dispatched().assignments.map((a) => a.department)).toEqual(['fuxin-billing-service']);
    const fault = dispatched({ type: 'fault_report', nationalService: 'roaming' });
    expect(fault.assignments.map((a) => a.department)).not.toContain(NATIONAL_CENTRE);
    expect(fault.sla.policy.id).toBe('fault_report/ordinary');
  });

  it('cannot be handed over: the national centre already holds it', () => {
    const s = dispatched({ nationalService: 'roaming' });
    expect(refusal(s, { type: 'handOver', reason: 'x' }, provinceSup)).toBe('WRONG_STATE');
  });
});

describe("the national centre's scope", () => {
  it('lets a national-level supervisor watch every local network, whatever networks are listed', () => {
    expect(boardLocalNetworks({ sub: 'n', roles: ['supervisor'], localNetworks: [], department: NATIONAL_CENTRE, level: 'national' })).toBe('*');
    expect(boardLocalNetworks({ sub: 'p', roles: ['supervisor'], localNetworks: ['fuxin'], department: 'liaoning-service-centre', level: 'province' })).toEqual(
      ['fuxin'],
    );
    // Its staff are department staff, not supervisors: their own worklist only.
    expect(boardLocalNetworks({ sub: 's', roles: ['department'], localNetworks: [], department: NATIONAL_CENTRE })).toEqual([]);
  });
});

describe('the hand-over for coordination', () => {
  /** The complaint escalated to the province by hand, its city department working on it. */
  const atProvince = () => step(step(dispatched(), { type: 'accept' }, billing), { type: 'escalate', reason: 'the customer asks for the province' }, citySup);

  it('gives the national centre an assignment, its own SLA window from now, and the national level', () => {
    const before = atProvince();
    const s = step(before, { type: 'handOver', reason: 'the other province’s operator must refund' }, provinceSup);
    expect(s.assignments.map((a) => [a.department, a.state, a.handedOverBy])).toEqual([
      ['fuxin-billing-service', 'accepted', undefined],
      [NATIONAL_CENTRE, 'dispatched', 'liaoning-service-centre'],
    ]);
    expect(s.escalationLevel).toBe('national');
    expect(s.handOver).toMatchObject({ from: 'liaoning-service-centre', to: NATIONAL_CENTRE, by: provinceSup.id, round: 0, policyBefore: before.sla.policy });
    expect(s.sla.policy).toEqual(coordinationPolicy('complaint', 'ordinary'));
    expect(s.sla.startedAt).toBe(s.updatedAt);
    expect(s.sla.acceptedAt).toBeUndefined();
    expect(s.sla.marksDone).toEqual([]);
    // Its deadlines are the coordination window's: 9 business hours to accept from the hand-over.
    const d = deadlinesOf(s)!;
    expect(d.acceptBy).toBeGreaterThan(deadlinesOf(before)!.acceptBy!);
    // At the national level a passed deadline urges: there is nothing to escalate to.
    expect(nextSlaEvent(s, s.updatedAt).kind).toBe('urge');
    expect(nextSlaEvent(s, d.resolveBy! + 1)).toMatchObject({ kind: 'urge' });
  });

  it("passes the province department's own assignment to the national centre", () => {
    let s = step(dispatched(), { type: 'transfer', from: 'fuxin-billing-service', to: 'liaoning-service-centre', reason: 'province handles it' }, provinceSup);
    s = step(s, { type: 'accept' }, provinceDesk);
    expect(allowedActions(s, provinceDesk, at(s))).toContain('handOver');
    s = step(s, { type: 'handOver', reason: 'needs headquarters' }, provinceDesk);
    expect(s.assignments.filter((a) => a.round === 0).map((a) => [a.department, a.state])).toEqual([
      ['fuxin-billing-service', 'transferred'],
      ['liaoning-service-centre', 'transferred'],
      [NATIONAL_CENTRE, 'dispatched'],
    ]);
    expect(s.phase).toBe('dispatched');
    expect(s.handOver?.from).toBe('liaoning-service-centre');
  });

  it('is refused to a city, to the national centre, at the city level, twice, and on a closed work order', () => {
    const cityLevel = step(dispatched(), { type: 'accept' }, billing);
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, citySup)).toBe('FORBIDDEN');
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, billing)).toBe('FORBIDDEN');
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, nationalSup)).toBe('FORBIDDEN');
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, agent)).toBe('FORBIDDEN');
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, provinceSup)).toBe('WRONG_STATE');
    expect(refusal(cityLevel, { type: 'handOver', reason: 'x' }, provinceDesk)).toBe('FORBIDDEN');
    expect(allowedActions(cityLevel, citySup, at(cityLevel))).not.toContain('handOver');

    const handed = step(atProvince(), { type: 'handOver', reason: 'x' }, provinceSup);
    expect(refusal(handed, { type: 'handOver', reason: 'again' }, provinceSup)).toBe('WRONG_STATE');

    let closed = step(atProvince(), { type: 'receipt', result: 'resolved', resolutionCode: 'R' }, billing);
    closed = step(step(step(closed, { type: 'approve' }, agent), { type: 'notifyCustomer' }, agent), { type: 'recordSatisfaction', satisfied: true }, agent);
    expect(closed.phase).toBe('closed');
    expect(refusal(closed, { type: 'handOver', reason: 'x' }, provinceSup)).toBe('WRONG_STATE');
    expect(refusal(dispatched({ type: 'inquiry' }), { type: 'handOver', reason: 'x' }, provinceSup)).toBe('WRONG_STATE');
  });

  it('lets the province follow it, and tells it of each national step and of the end', () => {
    let s = step(atProvince(), { type: 'handOver', reason: 'x' }, provinceSup);
    const provinceOnly = { sub: 'p', roles: ['supervisor' as const], localNetworks: [], level: 'province' as const };
    const provinceStaff = { sub: 'd', roles: ['department' as const], localNetworks: [], department: 'liaoning-service-centre' };
    expect(canSeeWorkOrder(provinceOnly, s)).toBe(true);
    expect(canSeeWorkOrder(provinceStaff, s)).toBe(true);
    expect(canSeeWorkOrder({ ...provinceStaff, department: 'liaoning-network-operations' }, s)).toBe(false);
    const handOverAt = s.timeline.length;
    expect(provinceNotices(s, 0)).toEqual([]);
    s = step(s, { type: 'accept' }, national);
    s = step(s, { type: 'note', text: 'asked the other operator' }, national);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'R' }, billing);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' }, national);
    s = step(step(step(s, { type: 'approve' }, agent), { type: 'notifyCustomer' }, agent), { type: 'recordSatisfaction', satisfied: true }, agent);
    const told = provinceNotices(s, 0);
    expect(told.map((n) => s.timeline[n.index]!.action)).toEqual(['accept', 'note', 'receipt', 'recordSatisfaction']);
    expect(told[0]!.text).toMatch(/accept by the national centre/);
    expect(told.at(-1)!.text).toMatch(/now closed/);
    expect(told.every((n) => n.index >= handOverAt)).toBe(true);
    // From an index on: what is left to tell.
    expect(provinceNotices(s, told[2]!.index + 1).map((n) => n.index)).toEqual([told[3]!.index]);
  });

  it("goes back to the order's own policy when reopened, and may be handed over again in the new round", () => {
    let s = step(atProvince(), { type: 'handOver', reason: 'x' }, provinceSup);
    s = step(s, { type: 'accept' }, national);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'R' }, billing);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'R' }, national);
    s = step(step(step(s, { type: 'approve' }, agent), { type: 'notifyCustomer' }, agent), { type: 'recordSatisfaction', satisfied: false }, agent);
    s = step(s, { type: 'reopen', reason: 'not refunded' }, agent);
    expect(s.sla.policy.id).toBe('complaint/ordinary');
    expect(s.escalationLevel).toBe('city');
    s = step(s, { type: 'dispatch', departments: ['fuxin-billing-service'] }, agent);
    s = step(s, { type: 'escalate', reason: 'again' }, citySup);
    expect(refusal(s, { type: 'handOver', reason: 'again' }, provinceSup)).toBe('accepted');
  });
});
