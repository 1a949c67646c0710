// What TMF621 v5 needs of the work order, without servers: the priority changed after intake, notes
// given with the ticket, the state each event moved it to, and the v5 presenter's status words and
// history (test/integration/tmf621-v5.test.ts checks the same against the published document).
import { describe, expect, it } from '@jest/globals';
import { admitEvent, applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { presentTroubleTicketV5, statesOfStatus, troubleTicketStatusOf } from '../../api/presenters/trouble-ticket-v5.js';

const T0 = Date.UTC(2026, 2, 2, 1);
const agent: Actor = { id: 'agent-7', role: 'agent' };
const system: Actor = { id: 'system', role: 'system' };
const care: Actor = { id: 'staff-1', role: 'department', department: 'anshan-customer-care' };

const taken = () =>
  createWorkOrder(
    {
      id: 'TT-1',
      type: 'complaint',
      channel: 'web',
      priority: 'medium',
      severity: 'major',
      customer: { id: 'C-1', tier: 'ordinary' },
      takenInLocalNetwork: 'anshan',
      homeLocalNetwork: 'anshan',
      serviceLine: 'broadband',
      description: 'slow in the evenings',
      notes: [{ text: 'since Monday', noteId: 'n-1', author: 'the customer' }],
    },
    agent,
    T0,
  );

function run(s: WorkOrderSnapshot, ...steps: [WorkOrderEvent, Actor][]): WorkOrderSnapshot {
  return steps.reduce((cur, [e, a]) => {
    const r = applyEvent(cur, e, a, cur.updatedAt + 60_000);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.next;
  }, s);
}
const dispatched = () => run(taken(), [{ type: 'classify' }, system], [{ type: 'dispatch', departments: ['anshan-customer-care'] }, system]);

describe('the work order, for TMF621 v5', () => {
  it('keeps the notes given with it as the first notes of its timeline', () => {
    expect(taken().timeline.filter((e) => e.action === 'note')).toEqual([
      { at: T0, actor: agent, action: 'note', details: { text: 'since Monday', noteId: 'n-1', author: 'the customer' } },
    ]);
  });

  it('reprioritize: the centre changes the priority of an open work order; a department may not, nor after it is over', () => {
    const s = dispatched();
    expect(run(s, [{ type: 'reprioritize', priority: 'critical', reason: 'VIP line' }, agent]).priority).toBe('critical');
    expect(admitEvent(s, { type: 'reprioritize', priority: 'low' }, care, s.updatedAt + 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const cancelled = run(s, [{ type: 'cancel', reason: 'duplicate' }, agent]);
    expect(admitEvent(cancelled, { type: 'reprioritize', priority: 'low' }, agent, cancelled.updatedAt + 1)).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(admitEvent(s, { type: 'reprioritize', priority: 'urgent' }, agent, s.updatedAt + 1)).toMatchObject({ ok: false, code: 'INVALID' });
  });

  it('each timeline entry that changed the state says which state it moved to', () => {
    const s = run(dispatched(), [{ type: 'accept' }, care], [{ type: 'note', text: 'checking the port' }, care]);
    expect(s.timeline.map((e) => [e.action, e.state])).toEqual([
      ['created', undefined],
      ['note', undefined],
      ['classify', undefined],
      ['dispatch', undefined],
      ['accept', 'inProgress'],
      ['note', undefined],
    ]);
  });
});

describe('the v5 presenter', () => {
  const baseUrl = 'https://care.example.com';
  const resolved = () =>
    run(
      dispatched(),
      [{ type: 'accept' }, care],
      [{ type: 'receipt', result: 'resolved', resolutionCode: 'PORT_RESET' }, care],
      [{ type: 'approve', notes: 'port reset' }, agent],
      [{ type: 'notifyCustomer' }, system],
      [{ type: 'recordSatisfaction', satisfied: true }, agent],
    );

  it('a reopened work order is inProgress, dispatched anew or not, with the reopen as its reason', () => {
    const reopened = run(resolved(), [{ type: 'reopen', reason: 'slow again' }, agent]);
    expect(troubleTicketStatusOf(reopened)).toBe('inProgress');
    const again = run(reopened, [{ type: 'dispatch', departments: ['anshan-customer-care'] }, system]);
    expect(again.state).toBe('acknowledged');
    const t = presentTroubleTicketV5(again, { baseUrl });
    expect(t).toMatchObject({ status: 'inProgress', statusChangeReason: 'reopened: slow again', priority: 'Medium', severity: 'Major' });
    expect(t.statusChange.map((c) => c.status)).toEqual(['acknowledged', 'inProgress', 'resolved', 'closed', 'inProgress']);
    expect(t.href).toBe(`${baseUrl}/tmf-api/troubleTicket/v5/troubleTicket/TT-1`);
  });

  it('lists filter on the states a status stands for', () => {
    expect(statesOfStatus('acknowledged')).toEqual([{ state: 'acknowledged', reopened: false }]);
    expect(statesOfStatus('inProgress')).toEqual(
      expect.arrayContaining([
        { state: 'acknowledged', reopened: true },
        { state: 'inProgress', reopened: false },
        { state: 'reopened', reopened: true },
      ]),
    );
    expect(statesOfStatus('held')).toEqual([
      { state: 'held', reopened: false },
      { state: 'held', reopened: true },
    ]);
  });

  it('a snapshot recorded before entries carried their state shows its current status as of its last change', () => {
    const legacy = resolved();
    legacy.timeline = legacy.timeline.map(({ state: _state, ...e }) => e);
    const t = presentTroubleTicketV5(legacy, { baseUrl });
    expect(t.statusChange.map((c) => [c.status, c.changeDate])).toEqual([
      ['acknowledged', new Date(T0).toISOString()],
      ['closed', new Date(legacy.updatedAt).toISOString()],
    ]);
  });

  it('a work order taken without a severity has the severity of its priority', () => {
    const { severity: _severity, ...s } = run(dispatched(), [{ type: 'reprioritize', priority: 'high' }, agent]);
    expect(presentTroubleTicketV5(s, { baseUrl })).toMatchObject({ severity: 'Major', priority: 'High' });
  });
});
