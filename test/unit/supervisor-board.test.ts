// The supervisor board's pure rules: whose work orders a supervisor watches, the urge mark kept beside
// each deadline, and the daily report's overdue figure per department that its charts show.
import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../domain/access.js';
import { workOrderFigures } from '../../domain/reports.js';
import { deadlinesOf } from '../../domain/sla.js';
import { boardLocalNetworks, urgeMarkOf, watchesLocalNetwork } from '../../domain/supervision.js';
import { applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

const H = 3_600_000;
// 10:00 China time on Monday 2 March 2026; a fault report's SLA runs in real time.
const T0 = Date.UTC(2026, 2, 2, 2);
const system: Actor = { id: 'system', role: 'system' };
const MAINT = 'anshan-network-maintenance';
const staff: Actor = { id: 'tech-1', role: 'department', department: MAINT };

function apply(s: WorkOrderSnapshot, e: WorkOrderEvent, a: Actor, at: number): WorkOrderSnapshot {
  const r = applyEvent(s, e, a, at);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}

/** An ordinary customer's fault report dispatched at T0: accept within 2 h (urged at 1.5 h), resolve within 24 h. */
function faultReport(): WorkOrderSnapshot {
  const s = createWorkOrder(
    {
      id: 'WO-board',
      type: 'fault_report',
      channel: 'phone',
      customer: { id: 'C-1', tier: 'ordinary' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      description: 'no dial tone',
    },
    system,
    T0,
  );
  return apply(apply(s, { type: 'classify' }, system, T0), { type: 'dispatch', departments: [MAINT] }, system, T0);
}

const supervisor = (p: Partial<Principal>): Principal => ({ sub: 's', roles: ['supervisor'], localNetworks: [], ...p });

describe('boardLocalNetworks', () => {
  it('is the scope, with the own city department’s local network added', () => {
    expect(boardLocalNetworks(supervisor({ localNetworks: ['dalian'], department: 'dalian-service-centre' }))).toEqual(['dalian']);
    expect(boardLocalNetworks(supervisor({ localNetworks: ['anshan'], department: 'dalian-service-centre' }))).toEqual(['anshan', 'dalian']);
    expect(boardLocalNetworks(supervisor({ localNetworks: [], department: 'dalian-service-centre' }))).toEqual(['dalian']);
    expect(boardLocalNetworks(supervisor({ localNetworks: [] }))).toEqual([]);
  });

  it('is every network for a province supervisor and for admins; a centre adds no network', () => {
    expect(boardLocalNetworks(supervisor({ localNetworks: '*', department: 'liaoning-service-centre', level: 'province' }))).toBe('*');
    expect(boardLocalNetworks({ sub: 'a', roles: ['admin'], localNetworks: [] })).toBe('*');
    expect(boardLocalNetworks(supervisor({ localNetworks: ['fuxin'], department: 'liaoning-service-centre', level: 'province' }))).toEqual(['fuxin']);
  });

  it('answers whether a named network is watched', () => {
    const p = supervisor({ localNetworks: ['dalian'], department: 'dalian-service-centre' });
    expect(watchesLocalNetwork(p, 'dalian')).toBe(true);
    expect(watchesLocalNetwork(p, 'shenyang')).toBe(false);
  });
});

describe('urgeMarkOf', () => {
  it("finds the urge mark of the window whose deadline it is, by the SLA policy's lead", () => {
    const d = deadlinesOf(faultReport())!;
    expect(d.acceptBy).toBe(T0 + 2 * H);
    expect(urgeMarkOf(d, d.acceptBy)).toBe(T0 + 1.5 * H);
    expect(urgeMarkOf(d, d.resolveBy)).toBe(T0 + 18 * H);
  });

  it('has none without deadlines, or for a time that is no deadline', () => {
    const d = deadlinesOf(faultReport())!;
    expect(urgeMarkOf(undefined, T0)).toBeUndefined();
    expect(urgeMarkOf(d, undefined)).toBeUndefined();
    expect(urgeMarkOf(d, T0 + 5 * H)).toBeUndefined();
  });
});

describe("the daily report's overdue figure per department", () => {
  const day = '2026-03-02';
  const figures = (s: WorkOrderSnapshot, now: number, groupBy: 'department' | 'localNetwork' = 'department') =>
    workOrderFigures([s], [day], groupBy, undefined, now).get(day)!;

  it('counts an open assignment past its accept deadline, at the moment asked (now, for today)', () => {
    const s = faultReport();
    expect(figures(s, T0 + 1 * H).get(MAINT)).toMatchObject({ backlog: 1, overdue: 0 });
    expect(figures(s, T0 + 3 * H).get(MAINT)).toMatchObject({ backlog: 1, overdue: 1 });
  });

  it('once accepted, judges by the resolve deadline; a receipt ends it', () => {
    let s = apply(faultReport(), { type: 'accept' }, staff, T0 + H);
    expect(figures(s, T0 + 3 * H).get(MAINT)!.overdue).toBe(0);
    // The day ends at midnight China time, 14 h after T0: the 24 h resolve deadline is still ahead.
    expect(figures(s, T0 + 30 * H).get(MAINT)!.overdue).toBe(0);
    s = apply(s, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' }, staff, T0 + 2 * H);
    expect(figures(s, T0 + 3 * H).get(MAINT)).toMatchObject({ backlog: 0, overdue: 0 });
  });

  it('is a department figure only: per local network the figures are as they were', () => {
    expect(figures(faultReport(), T0 + 3 * H, 'localNetwork').get('anshan')).not.toHaveProperty('overdue');
  });
});
