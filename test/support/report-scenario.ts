// A small operations scenario with known figures, for the daily-report tests: work orders built by
// the domain's own state machine at fixed times (China Standard Time, 2–4 March 2026), and orders
// as the read model stores them. The expected figures are worked out by hand in the tests.
import type { LocalNetworkId } from '../../domain/local-networks.js';
import { slaPolicyFor } from '../../domain/sla.js';
import { applyEvent, createWorkOrder, type Actor, type NewWorkOrder, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

/** A China-time instant of 2026, `dTHH:MM:SS` of March by default (single-digit days), or of `month`. */
export const at = (local: string, month = '03') => Date.parse(`2026-${month}-0${local}+08:00`);

export const SYSTEM: Actor = { id: 'system', role: 'system' };
export const AGENT: Actor = { id: 'agent-1', role: 'agent' };
export const CENTRE: Actor = { id: 'centre-1', role: 'centre' };
export const staff = (department: string): Actor => ({ id: `${department}-staff`, role: 'department', department });
export const SUPERVISOR: Actor = { id: 'supervisor-1', role: 'supervisor', department: 'liaoning-service-centre', level: 'province' };

/** Faults repaired around the clock: accept within 1 h, resolve within 4 h of the dispatch. */
const POLICY = {
  ...slaPolicyFor('fault_report', 'ordinary'),
  clock: 'real' as const,
  acceptWithinMs: 3_600_000,
  resolveWithinMs: 4 * 3_600_000,
  escalateEveryMs: 4 * 3_600_000,
};

/** A work order (a broadband fault report by phone unless `extra` says otherwise) taken at `taken` and moved by `steps`. */
export function build(
  id: string,
  localNetwork: LocalNetworkId,
  taken: string,
  steps: Array<[string, WorkOrderEvent, Actor]>,
  extra: Partial<NewWorkOrder> = {},
  month = '03',
): WorkOrderSnapshot {
  let s = createWorkOrder(
    {
      id,
      type: 'fault_report',
      channel: 'phone',
      customer: { id: `${id}-customer`, tier: 'ordinary' },
      takenInLocalNetwork: localNetwork,
      homeLocalNetwork: localNetwork,
      serviceLine: 'broadband',
      description: 'no dial tone',
      ...extra,
    },
    AGENT,
    at(taken, month),
    { slaPolicy: POLICY },
  );
  for (const [when, event, actor] of steps) {
    const r = applyEvent(s, event, actor, at(when, month));
    if (!r.ok) throw new Error(`${id}: ${event.type} at ${when} refused: ${r.message}`);
    s = r.next;
  }
  return s;
}

const NM = 'dalian-network-maintenance';
const INST = 'dalian-installation';
export const dispatch = (department: string): WorkOrderEvent => ({ type: 'dispatch', departments: [department], ruleId: 'test', reason: 'scenario' });
export const receipt: WorkOrderEvent = { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' };

/** The work orders; `prefix` keeps each test run's ids apart. */
export function scenarioWorkOrders(prefix: string): WorkOrderSnapshot[] {
  return [
    // A: resolved in 30 minutes, closed satisfied the same day.
    build(`${prefix}-A`, 'dalian', '2T09:00:00', [
      ['2T09:00:00', { type: 'classify' }, SYSTEM],
      ['2T09:00:00', dispatch(NM), SYSTEM],
      ['2T09:05:00', { type: 'accept' }, staff(NM)],
      ['2T09:30:00', receipt, staff(NM)],
      ['2T09:40:00', { type: 'approve' }, CENTRE],
      ['2T09:41:00', { type: 'notifyCustomer' }, SYSTEM],
      // The callback due by 11:41 (the workflow's), answered at 10:00: in time.
      ['2T09:41:00', { type: 'openCallback', dueBy: at('2T11:41:00') }, SYSTEM],
      ['2T10:00:00', { type: 'recordSatisfaction', satisfied: true, score: 5 }, AGENT],
    ]),
    // B: urged twice by the call centre and placed under supervision (reply by 16:00) by the province
    // centre; escalated when its resolve deadline (15:00) passed; the supervision's deadline missed at
    // 16:00; answered the next morning, late, and the written reply after the receipt, late too.
    build(`${prefix}-B`, 'dalian', '2T11:00:00', [
      ['2T11:00:00', { type: 'classify' }, SYSTEM],
      ['2T11:00:00', dispatch(NM), SYSTEM],
      ['2T12:00:00', { type: 'urge', reason: 'the customer called again' }, AGENT],
      ['2T13:00:00', { type: 'urge', reason: 'the customer called a third time' }, AGENT],
      ['2T14:00:00', { type: 'supervise', due: '2026-03-02T16:00:00+08:00', instructions: 'explain the delay in writing' }, SUPERVISOR],
      ['2T15:01:00', { type: 'escalate', reason: 'resolve deadline passed' }, SYSTEM],
      ['2T16:00:00', { type: 'supervisionOverdue', supervision: 1 }, SYSTEM],
      ['3T08:00:00', { type: 'accept' }, staff(NM)],
      ['3T09:00:00', receipt, staff(NM)],
      ['3T09:30:00', { type: 'superviseReply', text: 'no technician free overnight' }, staff(NM)],
    ]),
    // C: resolved, the customer unsatisfied, reopened, resolved again within the new round's deadline, closed.
    build(`${prefix}-C`, 'dalian', '3T10:00:00', [
      ['3T10:00:00', { type: 'classify' }, SYSTEM],
      ['3T10:00:00', dispatch(INST), SYSTEM],
      ['3T10:10:00', { type: 'accept' }, staff(INST)],
      // Supervised by the province centre until 18:00, replied at 10:50: in time.
      ['3T10:20:00', { type: 'supervise', due: '2026-03-03T18:00:00+08:00', instructions: 'report the cause' }, SUPERVISOR],
      ['3T10:50:00', { type: 'superviseReply', text: 'a faulty splitter, replaced' }, staff(INST)],
      ['3T11:00:00', receipt, staff(INST)],
      ['3T11:10:00', { type: 'approve' }, CENTRE],
      ['3T11:11:00', { type: 'notifyCustomer' }, SYSTEM],
      // Due by 11:41, answered at 12:00: overdue first.
      ['3T11:11:00', { type: 'openCallback', dueBy: at('3T11:41:00') }, SYSTEM],
      ['3T11:41:00', { type: 'callbackOverdue' }, SYSTEM],
      ['3T12:00:00', { type: 'recordSatisfaction', satisfied: false, score: 2 }, AGENT],
      ['3T12:05:00', { type: 'reopen', reason: 'still no dial tone' }, AGENT],
      ['3T12:05:00', dispatch(INST), SYSTEM],
      ['3T12:20:00', { type: 'accept' }, staff(INST)],
      ['3T13:05:00', receipt, staff(INST)],
      ['3T13:10:00', { type: 'approve' }, CENTRE],
      ['3T13:11:00', { type: 'notifyCustomer' }, SYSTEM],
      ['3T13:11:00', { type: 'openCallback', dueBy: at('3T15:11:00') }, SYSTEM],
      ['3T14:00:00', { type: 'recordSatisfaction', satisfied: true, score: 4 }, AGENT],
    ]),
    // D: Shenyang, dispatched and still waiting at the end of the range.
    build(`${prefix}-D`, 'shenyang', '3T09:00:00', [
      ['3T09:00:00', { type: 'classify' }, SYSTEM],
      ['3T09:00:00', dispatch('shenyang-network-maintenance'), SYSTEM],
    ]),
    // E: Anshan, resolved on the 4th; nobody answers the callback (due 11:51, overdue), closed by itself at 12:00.
    build(`${prefix}-E`, 'anshan', '4T09:00:00', [
      ['4T09:00:00', { type: 'classify' }, SYSTEM],
      ['4T09:00:00', dispatch('anshan-network-maintenance'), SYSTEM],
      ['4T09:10:00', { type: 'accept' }, staff('anshan-network-maintenance')],
      ['4T09:40:00', receipt, staff('anshan-network-maintenance')],
      ['4T09:50:00', { type: 'approve' }, CENTRE],
      ['4T09:51:00', { type: 'notifyCustomer' }, SYSTEM],
      ['4T09:51:00', { type: 'openCallback', dueBy: at('4T11:51:00') }, SYSTEM],
      ['4T11:51:00', { type: 'callbackOverdue' }, SYSTEM],
      ['4T12:00:00', { type: 'autoClose' }, SYSTEM],
    ]),
  ];
}

export interface ScenarioOrder {
  id: string;
  localNetwork: string;
  agentId?: string;
  state: string;
  serviceLines: string[];
  createdAt: number;
  completedAt?: number;
}

export function scenarioOrders(prefix: string): ScenarioOrder[] {
  return [
    {
      id: `${prefix}-O1`,
      localNetwork: 'dalian',
      state: 'completed',
      serviceLines: ['gsm_mobile'],
      createdAt: at('2T10:00:00'),
      completedAt: at('2T10:30:00'),
    },
    {
      id: `${prefix}-O2`,
      localNetwork: 'dalian',
      agentId: 'agent-7',
      state: 'completed',
      serviceLines: ['broadband', 'fixed_line'],
      createdAt: at('2T12:00:00'),
      completedAt: at('3T12:00:00'),
    },
    { id: `${prefix}-O3`, localNetwork: 'dalian', state: 'failed', serviceLines: ['gsm_mobile'], createdAt: at('2T13:00:00'), completedAt: at('2T13:10:00') },
    { id: `${prefix}-O4`, localNetwork: 'dalian', state: 'inProgress', serviceLines: ['broadband'], createdAt: at('3T09:00:00') },
    {
      id: `${prefix}-O5`,
      localNetwork: 'shenyang',
      state: 'completed',
      serviceLines: ['gsm_mobile'],
      createdAt: at('3T09:00:00'),
      completedAt: at('3T09:20:00'),
    },
    {
      id: `${prefix}-O6`,
      localNetwork: 'dalian',
      state: 'completed',
      serviceLines: ['gsm_mobile'],
      createdAt: at('3T08:00:00'),
      completedAt: at('3T09:00:00'),
    },
  ];
}
