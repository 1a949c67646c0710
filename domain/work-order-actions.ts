// Which actions a person may take on a work order now, for a desk that shows exactly those: each is
// tried on the snapshot with applyEvent, the very rules the workflow judges the real request by, so
// the desk can never offer what the work order would refuse (nor hide what it would take).
import { departmentsOfLocalNetwork } from './departments.js';
import {
  applyEvent,
  assignees,
  handlingLocalNetwork,
  type Actor,
  type ClockOnlyEvent,
  type WorkOrderEvent,
  type WorkOrderEventType,
  type WorkOrderSnapshot,
} from './work-order.js';

/**
 * The actions people take from a desk, each with a stand-in payload: the rules decide on who acts
 * and on the state, never on the text given. Actions whose outcome depends on the payload itself
 * (dispatch and transfer name departments) and the SLA clock's and the system's own are left out —
 * but for the co-handling request, probed with a stand-in department the rules would take (one of
 * the order's own local network that does not hold it): when there is none, nobody is left to ask.
 */
const PROBES: {
  [K in DeskAction]: Extract<WorkOrderEvent, { type: K }> | ((s: WorkOrderSnapshot, at: number) => Extract<WorkOrderEvent, { type: K }> | undefined);
} = {
  accept: { type: 'accept' },
  note: { type: 'note', text: '-' },
  waitOnCustomer: { type: 'waitOnCustomer', reason: '-' },
  customerResponded: { type: 'customerResponded' },
  receipt: { type: 'receipt', result: 'resolved', resolutionCode: '-' },
  return: { type: 'return', reason: '-' },
  approve: { type: 'approve' },
  sendBack: { type: 'sendBack', reason: '-' },
  notifyCustomer: { type: 'notifyCustomer' },
  recordSatisfaction: { type: 'recordSatisfaction', satisfied: true },
  reopen: { type: 'reopen', reason: '-' },
  reprioritize: { type: 'reprioritize', priority: 'high' },
  cancel: { type: 'cancel', reason: '-' },
  escalate: { type: 'escalate', reason: '-' },
  urge: { type: 'urge' },
  // A deadline a day ahead: the rules judge who may supervise and when, not the deadline given.
  supervise: (_s, at) => ({ type: 'supervise', due: new Date(at + 86_400_000).toISOString(), instructions: '-' }),
  superviseReply: { type: 'superviseReply', text: '-' },
  handOver: { type: 'handOver', reason: '-' },
  requestCoHandling: (s) => {
    const standIn = coHandlingCandidates(s)[0];
    return standIn === undefined ? undefined : { type: 'requestCoHandling', departments: [standIn], reason: '-' };
  },
};

/** The departments a co-handling request may name now: those of the order's local network that do not hold it. */
export function coHandlingCandidates(s: WorkOrderSnapshot): string[] {
  const holding = new Set(assignees(s));
  return departmentsOfLocalNetwork(handlingLocalNetwork(s))
    .map((d) => d.id)
    .filter((id) => !holding.has(id));
}

export const DESK_ACTIONS = [
  'accept',
  'note',
  'waitOnCustomer',
  'customerResponded',
  'receipt',
  'return',
  'approve',
  'sendBack',
  'notifyCustomer',
  'recordSatisfaction',
  'reopen',
  'reprioritize',
  'cancel',
  'escalate',
  'handOver',
  'requestCoHandling',
  'urge',
  'supervise',
  'superviseReply',
] as const satisfies readonly Exclude<WorkOrderEventType, ClockOnlyEvent>[];
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** The desk actions this actor may take on the work order at `at` (epoch ms). */
export function allowedActions(s: WorkOrderSnapshot, actor: Actor, at: number): DeskAction[] {
  // An event may not predate the last change (applyEvent refuses it): a clock a little behind the workflow's must not hide every action.
  const when = Math.max(at, s.updatedAt);
  return DESK_ACTIONS.filter((type) => {
    const probe = PROBES[type];
    const event = typeof probe === 'function' ? probe(s, when) : probe;
    return event !== undefined && applyEvent(s, event, actor, when).ok;
  });
}
