// Urging (催办) and supervision (督办) by people, and the account manager's part, as pure rules:
// who may urge, what an urge changes, when urges escalate, the supervision's life (placed, replied,
// missed), approve held back while a reply is owed, and the report's figures of it all.
import { describe, expect, it } from '@jest/globals';
import {
  admitEvent,
  applyEvent,
  createWorkOrder,
  type Actor,
  type WorkOrderEvent,
  type WorkOrderResult,
  type WorkOrderSnapshot,
} from '../../domain/work-order.js';
import { allowedActions } from '../../domain/work-order-actions.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import {
  countUrgingAndSupervision,
  emptySupervisionFigures,
  openSupervision,
  supervisionDueAt,
  urgesEscalate,
  urgesTowardEscalation,
  accountManagerProblem,
} from '../../domain/urging.js';

const T0 = Date.UTC(2026, 2, 2, 1); // Monday 09:00 in China
const MIN = 60_000;
const HOUR = 60 * MIN;

const agent: Actor = { id: 'agent-7', role: 'agent' };
const system: Actor = { id: 'system', role: 'system' };
const MAINT = 'anshan-network-maintenance';
const dept: Actor = { id: 'maint-1', role: 'department', department: MAINT };
const otherDept: Actor = { id: 'care-1', role: 'department', department: 'anshan-customer-care' };
const supervisor: Actor = { id: 'sup-province', role: 'supervisor', department: 'liaoning-service-centre', level: 'province' };
const manager: Actor = { id: 'am.anshan', role: 'accountManager' };
const strangerManager: Actor = { id: 'am.other', role: 'accountManager' };

function ok(r: WorkOrderResult): WorkOrderSnapshot {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.next;
}
const step = (s: WorkOrderSnapshot, e: WorkOrderEvent, a: Actor, gap = MIN) => ok(applyEvent(s, e, a, s.updatedAt + gap));

/** A VIP's fault report, dispatched to network maintenance and accepted. */
function accepted(): WorkOrderSnapshot {
  let s = createWorkOrder(
    {
      id: 'WO-U',
      type: 'fault_report',
      channel: 'phone',
      priority: 'low',
      customer: { id: 'C-VIP', tier: 'vip' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'fixed_line',
      description: 'no dial tone',
      accountManager: 'am.anshan',
    },
    agent,
    T0,
  );
  s = step(s, { type: 'classify' }, system);
  s = step(s, { type: 'dispatch', departments: [MAINT] }, system);
  return step(s, { type: 'accept' }, dept);
}

describe('urging by people (催办)', () => {
  it('counts each urge, raises the priority one step up to critical, and tells who urged last', () => {
    let s = accepted();
    s = step(s, { type: 'urge', reason: 'the customer called again' }, agent);
    expect(s.priority).toBe('medium');
    expect(s.urging).toEqual({ count: 1, lastAt: s.updatedAt, lastBy: 'agent-7' });
    expect(s.timeline.at(-1)).toMatchObject({ action: 'urge', details: { departments: [MAINT], count: 1, from: 'low', to: 'medium' } });
    s = step(s, { type: 'urge' }, manager);
    s = step(s, { type: 'urge' }, supervisor);
    s = step(s, { type: 'urge' }, agent);
    expect(s.priority).toBe('critical');
    expect(s.urging).toMatchObject({ count: 4, lastBy: 'agent-7' });
  });

  it("keeps the SLA clock's urge as it was: its mark done, the priority unchanged, nothing counted", () => {
    const s = step(accepted(), { type: 'urge', mark: 'resolve:0.8', reason: 'deadline soon' }, system);
    expect(s.priority).toBe('low');
    expect(s.urging).toBeUndefined();
    expect(s.sla.marksDone).toEqual(['resolve:0.8']);
  });

  it('refuses a department, a person naming an SLA mark, another customer’s account manager, and an urge with nobody owing anything', () => {
    const s = accepted();
    expect(applyEvent(s, { type: 'urge' }, dept, s.updatedAt + MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(applyEvent(s, { type: 'urge', mark: 'resolve:0.8' }, agent, s.updatedAt + MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(applyEvent(s, { type: 'urge' }, strangerManager, s.updatedAt + MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const answered = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE-FIXED' }, dept);
    expect(applyEvent(answered, { type: 'urge' }, agent, answered.updatedAt + MIN)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
  });

  it('escalates when the urges within the window reach the count, and counts afresh after an escalation', () => {
    const policy = { escalateAfter: 3, windowMs: 24 * HOUR };
    let s = accepted();
    s = step(s, { type: 'urge' }, agent);
    // The second urge a day and more later: the first has left the window.
    s = step(s, { type: 'urge' }, agent, 25 * HOUR);
    s = step(s, { type: 'urge' }, agent, HOUR);
    expect(urgesTowardEscalation(s, s.updatedAt, policy)).toBe(2);
    expect(urgesEscalate(s, s.updatedAt, policy)).toBe(false);
    s = step(s, { type: 'urge' }, manager, HOUR);
    expect(urgesEscalate(s, s.updatedAt, policy)).toBe(true);
    // The workflow escalates in the same millisecond: the urges before it no longer count.
    s = ok(applyEvent(s, { type: 'escalate', reason: 'urged 3 times within 24 h' }, system, s.updatedAt));
    expect(s.escalationLevel).toBe('province');
    expect(urgesTowardEscalation(s, s.updatedAt, policy)).toBe(0);
    s = step(s, { type: 'urge' }, agent);
    expect(urgesTowardEscalation(s, s.updatedAt, policy)).toBe(1);
  });
});

describe('supervision (督办)', () => {
  const due = (s: WorkOrderSnapshot, hours: number) => new Date(s.updatedAt + MIN + hours * HOUR).toISOString();

  it('is placed by a supervisor on a work order a department holds, with a deadline ahead, one at a time', () => {
    const s = accepted();
    const at = s.updatedAt + MIN;
    expect(applyEvent(s, { type: 'supervise', due: due(s, 4), instructions: 'reply in writing' }, agent, at)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(applyEvent(s, { type: 'supervise', due: due(s, -1), instructions: 'x' }, supervisor, at)).toMatchObject({ ok: false, code: 'INVALID' });
    expect(applyEvent(s, { type: 'supervise', due: due(s, 24 * 91), instructions: 'x' }, supervisor, at)).toMatchObject({ ok: false, code: 'INVALID' });
    expect(admitEvent(s, { type: 'supervise', due: 'next friday', instructions: 'x' }, supervisor, at)).toMatchObject({ ok: false, code: 'INVALID' });
    const placed = step(s, { type: 'supervise', due: due(s, 4), instructions: 'reply in writing' }, supervisor);
    expect(openSupervision(placed)).toMatchObject({ id: 1, by: 'sup-province', level: 'province', centre: 'liaoning-service-centre', departments: [MAINT] });
    expect(supervisionDueAt(placed)).toBe(Date.parse(due(s, 4)));
    const again = applyEvent(placed, { type: 'supervise', due: due(placed, 4), instructions: 'again' }, supervisor, placed.updatedAt + MIN);
    expect(again).toMatchObject({ ok: false, code: 'WRONG_STATE' });
  });

  it('holds back approve until the department holding it replies in writing; another department cannot reply', () => {
    let s = accepted();
    s = step(s, { type: 'supervise', due: due(s, 4), instructions: 'reply in writing' }, supervisor);
    s = step(s, { type: 'receipt', result: 'resolved', resolutionCode: 'LINE-FIXED' }, dept);
    expect(applyEvent(s, { type: 'approve' }, agent, s.updatedAt + MIN)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(allowedActions(s, agent, s.updatedAt)).not.toContain('approve');
    expect(allowedActions(s, dept, s.updatedAt)).toContain('superviseReply');
    expect(applyEvent(s, { type: 'superviseReply', text: 'not ours' }, otherDept, s.updatedAt + MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    s = step(s, { type: 'superviseReply', text: 'the cable was cut; spliced at 14:00' }, dept);
    expect(s.supervisions![0]!.reply).toMatchObject({ department: MAINT, by: 'maint-1', text: 'the cable was cut; spliced at 14:00' });
    expect(s.timeline.at(-1)!.details).toMatchObject({ supervision: 1, inTime: true });
    expect(openSupervision(s)).toBeUndefined();
    s = step(s, { type: 'approve' }, agent);
    expect(s.phase).toBe('reviewed');
  });

  it('marks a missed deadline once, by the clock only, and not before it', () => {
    let s = accepted();
    s = step(s, { type: 'supervise', due: due(s, 1), instructions: 'reply within the hour' }, supervisor);
    const dueAt = s.supervisions![0]!.due;
    expect(applyEvent(s, { type: 'supervisionOverdue', supervision: 1 }, system, dueAt - 1)).toMatchObject({ ok: false, code: 'INVALID' });
    expect(admitEvent(s, { type: 'supervisionOverdue', supervision: 1 }, supervisor, dueAt)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    s = ok(applyEvent(s, { type: 'supervisionOverdue', supervision: 1 }, system, dueAt));
    expect(s.supervisions![0]!.overdueAt).toBe(dueAt);
    expect(supervisionDueAt(s)).toBeUndefined();
    expect(applyEvent(s, { type: 'supervisionOverdue', supervision: 1 }, system, dueAt + 1)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    // Late, but still owed and still taken.
    s = step(s, { type: 'superviseReply', text: 'late: waiting for a spare part' }, dept);
    expect(s.timeline.at(-1)!.details).toMatchObject({ inTime: false });
  });

  it('counts urges, supervisions placed, replies (in time or not) and missed deadlines on the day and for the departments concerned', () => {
    let s = accepted();
    s = step(s, { type: 'urge' }, agent);
    s = step(s, { type: 'urge', mark: 'resolve:0.8' }, system);
    s = step(s, { type: 'supervise', due: due(s, 1), instructions: 'reply' }, supervisor);
    s = ok(applyEvent(s, { type: 'supervisionOverdue', supervision: 1 }, system, s.supervisions![0]!.due));
    s = step(s, { type: 'superviseReply', text: 'late' }, dept);
    const all = emptySupervisionFigures();
    countUrgingAndSupervision(s, () => all);
    expect(all).toEqual({ urged: 1, placed: 1, replied: 1, repliedInTime: 0, overdue: 1 });
    const care = emptySupervisionFigures();
    countUrgingAndSupervision(s, (_at, departments) => (departments.includes('anshan-customer-care') ? care : undefined));
    expect(care).toEqual(emptySupervisionFigures());
  });
});

describe("the account manager's part (客户经理)", () => {
  it("notes and urges their own customer's work order, nothing else", () => {
    const s = accepted();
    expect(allowedActions(s, manager, s.updatedAt)).toEqual(['note', 'urge']);
    expect(allowedActions(s, strangerManager, s.updatedAt)).toEqual([]);
    const noted = step(s, { type: 'note', text: 'the customer is a hospital: please hurry' }, manager);
    expect(noted.timeline.at(-1)).toMatchObject({ action: 'note', actor: { id: 'am.anshan', role: 'accountManager' } });
  });

  it('sees their own customers’ work orders wherever taken, and no one else’s', () => {
    const s = accepted();
    const p = (sub: string) => ({ sub, roles: ['account-manager' as const], localNetworks: ['anshan'] });
    expect(canSeeWorkOrder(p('am.anshan'), s)).toBe(true);
    expect(canSeeWorkOrder(p('am.other'), s)).toBe(false);
    const { accountManager: _none, ...unmanaged } = s;
    expect(canSeeWorkOrder(p('am.anshan'), unmanaged)).toBe(false);
  });
});

describe('who may be an account manager', () => {
  const account = { roles: ['account-manager'], localNetworks: ['anshan'], disabled: false };
  it('an enabled account with the role, working in the customer’s network', () => {
    expect(accountManagerProblem(account, 'anshan')).toBeUndefined();
    expect(accountManagerProblem({ ...account, localNetworks: '*' }, 'dalian')).toBeUndefined();
    expect(accountManagerProblem(account, 'dalian')).toMatch(/does not work in dalian/);
    expect(accountManagerProblem({ ...account, roles: ['call-centre'] }, 'anshan')).toMatch(/role/);
    expect(accountManagerProblem({ ...account, disabled: true }, 'anshan')).toMatch(/disabled/);
    expect(accountManagerProblem(undefined, 'anshan')).toMatch(/no staff account/);
  });
});
