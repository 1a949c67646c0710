import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../domain/access.js';
import { canSeeWorkOrder, type WorkOrderScopeFacts } from '../../domain/work-order-access.js';

const at = 0;
const dalianOrder: WorkOrderScopeFacts = {
  takenInLocalNetwork: 'dalian',
  assignments: [{ department: 'dalian-network-maintenance', state: 'accepted', round: 0, dispatchedAt: at }],
  previousAssignments: [],
  escalationLevel: 'city',
};
// Escalated to the province: the province centre was notified, but no province department holds it.
const provinceHeld: WorkOrderScopeFacts = {
  ...dalianOrder,
  assignments: [{ department: 'liaoning-network-operations', state: 'dispatched', round: 0, dispatchedAt: at }],
};
const p = (o: Partial<Principal> & Pick<Principal, 'roles'>): Principal => ({ sub: 'x', localNetworks: [], ...o });

describe('who may see a work order', () => {
  it('keeps ops and auditors within their local networks', () => {
    expect(canSeeWorkOrder(p({ roles: ['ops'], localNetworks: ['dalian'] }), dalianOrder)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['ops'], localNetworks: ['shenyang'] }), dalianOrder)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['auditor'], localNetworks: ['shenyang'] }), dalianOrder)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['auditor'], localNetworks: '*' }), dalianOrder)).toBe(true);
  });

  it('shows the call centre both sides of a roaming forward', () => {
    const roaming = { ...dalianOrder, forwardedTo: 'anshan' as const };
    expect(canSeeWorkOrder(p({ roles: ['call-centre'], localNetworks: ['anshan'] }), roaming)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['call-centre'], localNetworks: ['dalian'] }), roaming)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['call-centre'], localNetworks: ['shenyang'] }), roaming)).toBe(false);
  });

  it('shows order entry and dealers no work order, even of their own network', () => {
    expect(canSeeWorkOrder(p({ roles: ['order-entry'], localNetworks: ['dalian'] }), dalianOrder)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['agent'], agentId: 'agent-dl-haiyun', localNetworks: ['dalian'] }), dalianOrder)).toBe(false);
  });

  it('shows department staff what their department holds or held, nothing else of their network', () => {
    expect(canSeeWorkOrder(p({ roles: ['department'], department: 'dalian-network-maintenance' }), dalianOrder)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['department'], department: 'dalian-installation', localNetworks: ['dalian'] }), dalianOrder)).toBe(false);
    const moved = { ...dalianOrder, assignments: [], previousAssignments: dalianOrder.assignments };
    expect(canSeeWorkOrder(p({ roles: ['department'], department: 'dalian-network-maintenance' }), moved)).toBe(true);
  });

  it('does not let a supervisor of a province department, or of an unknown one, see every work order such a department held', () => {
    // Both sides of `localNetwork === localNetwork` were undefined for a province department.
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], department: 'liaoning-service-centre', level: 'city' }), provinceHeld)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], department: 'nowhere', level: 'city' }), provinceHeld)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], level: 'city' }), provinceHeld)).toBe(false);
  });

  it('lets a city supervisor follow its network, and higher supervisors the work orders at or below their level', () => {
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], department: 'dalian-service-centre', level: 'city' }), dalianOrder)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], department: 'anshan-service-centre', level: 'city' }), dalianOrder)).toBe(false);
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], level: 'province' }), dalianOrder)).toBe(true);
    expect(canSeeWorkOrder(p({ roles: ['supervisor'], level: 'province' }), { ...dalianOrder, escalationLevel: 'national' })).toBe(false);
  });
});
