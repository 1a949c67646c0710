// The electronic work order (工单) and its closed loop as a pure state machine:
//   intake → classified → dispatched (电子派单) → accepted → handling → receipt returned (电子回单)
//   → reviewed (accept, or send back) → customer told → satisfaction recorded → closed
//   and an unsatisfied or later complaint reopens it for another dispatch.
// The workflow keeps a WorkOrderSnapshot and runs every action through applyEvent, which also
// validates Workflow Updates: WRONG_STATE answers 409, FORBIDDEN 403, INVALID 400.
// The customer-facing `state` follows TM Forum TMF621 Trouble Ticket; `phase` is the finer step of
// the closed loop and the only thing transitions decide on — `state` is derived from it.
import { z } from 'zod';
import { SERVICE_LINES, type ServiceLine } from './catalog.js';
import type { FailureKind } from './failures.js';
import { endCallback, openCallback, type CallbackTask } from './callbacks.js';
import { CUSTOMER_TIERS, type CustomerTier } from './customer.js';
import { LOCAL_NETWORK_IDS, type LocalNetworkId } from './local-networks.js';
import type { HolidaySchedule } from './calendar.js';
import { ESCALATION_LEVELS, departmentById, escalationTarget, nextEscalationLevel, supervises, type EscalationLevel } from './departments.js';
import { SLA_ACTIVE_PHASES, slaPolicyOf, type PauseInterval, type SlaPolicy } from './sla.js';
import { MAX_SUPERVISION_DAYS, openSupervision, type Supervision, type Urging } from './urging.js';
import {
  HAND_OVER_TYPES,
  NATIONAL_CENTRE,
  NATIONAL_SERVICES,
  coordinationPolicy,
  handOverSource,
  isNationalServiceComplaint,
  mayHandOver,
  nationalComplaintPolicy,
  type HandOver,
  type NationalService,
} from './national-centre.js';

export const WORK_ORDER_TYPES = ['complaint', 'fault_report', 'inquiry', 'service_request', 'suggestion'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

// 'system': raised by another process, e.g. the field-installation step of order fulfilment;
// 'account_manager': opened by the customer's account manager (客户经理), whatever the channel they gave.
export const CHANNELS = ['phone', 'ivr', 'web', 'sms', 'email', 'fax', 'letter', 'walk_in', 'system', 'account_manager'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The next priority up (a person's urge); critical stays critical. */
export const raisedPriority = (p: Priority): Priority => PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;

/** How badly the service is affected, as the reporter judges it (TMF621 severity); no rule reads it. */
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The severity of a work order taken without one: read off its priority. */
export const SEVERITY_OF_PRIORITY: Record<Priority, Severity> = { critical: 'critical', high: 'major', medium: 'minor', low: 'minor' };
export const severityOf = (s: Pick<WorkOrderSnapshot, 'severity' | 'priority'>): Severity => s.severity ?? SEVERITY_OF_PRIORITY[s.priority];

/** TMF621 ticket status, plus `reopened`. */
export const WORK_ORDER_STATES = ['acknowledged', 'inProgress', 'pending', 'held', 'resolved', 'closed', 'cancelled', 'rejected', 'reopened'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

export const WORK_ORDER_PHASES = [
  'intake',
  'classified',
  'dispatched',
  'accepted',
  'handling',
  /** Every department holding the order has returned its receipt; the centre reviews. */
  'receiptReturned',
  /** No department holds it any more after a return (退单): the centre must dispatch again. */
  'returned',
  /** Waiting on the customer: the SLA clock is paused. */
  'pending',
  /** The centre accepted the receipts. */
  'reviewed',
  /** A service request turned into a product order: the order's fulfilment decides, the SLA clock waits for it. */
  'orderPlaced',
  'customerNotified',
  /** The callback found the customer unsatisfied: to be reopened. */
  'unsatisfied',
  'closed',
  'cancelled',
  'rejected',
  'reopened',
] as const;
export type WorkOrderPhase = (typeof WORK_ORDER_PHASES)[number];

const STATE_OF_PHASE: Record<WorkOrderPhase, WorkOrderState> = {
  intake: 'acknowledged',
  classified: 'acknowledged',
  dispatched: 'acknowledged',
  accepted: 'inProgress',
  handling: 'inProgress',
  receiptReturned: 'inProgress',
  returned: 'held',
  pending: 'pending',
  reviewed: 'resolved',
  orderPlaced: 'inProgress',
  customerNotified: 'resolved',
  unsatisfied: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
  rejected: 'rejected',
  reopened: 'reopened',
};

export function stateOfPhase(phase: WorkOrderPhase): WorkOrderState {
  return STATE_OF_PHASE[phase];
}

/** Phases in which the order is still being worked on: a reopen is refused, a cancel allowed. */
export const OPEN_PHASES: readonly WorkOrderPhase[] = [
  'intake',
  'classified',
  'dispatched',
  'accepted',
  'handling',
  'receiptReturned',
  'returned',
  'pending',
  'reopened',
];
/** Phases in which the work order is over (closed may still be reopened within the reopen window). */
export const TERMINAL_PHASES: readonly WorkOrderPhase[] = ['closed', 'cancelled', 'rejected'];
const WORKING_PHASES: readonly WorkOrderPhase[] = ['dispatched', 'accepted', 'handling'];

export function isOpen(s: Pick<WorkOrderSnapshot, 'phase'>): boolean {
  return OPEN_PHASES.includes(s.phase);
}

export const ACTOR_ROLES = ['agent', 'department', 'supervisor', 'centre', 'system', 'accountManager'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Who acts: a call-centre agent, department staff, a supervisor, centre staff, the system (timers), or
 * a customer's account manager (notes and urges on their own customers' work orders only).
 */
export interface Actor {
  id: string;
  role: ActorRole;
  department?: string;
  level?: EscalationLevel;
}

// Roles of the centre that dispatched the order: they steer it, departments work it.
const CENTRE_ROLES: readonly ActorRole[] = ['agent', 'centre', 'supervisor', 'system'];

export const ASSIGNMENT_STATES = ['dispatched', 'accepted', 'receiptReturned', 'returned', 'transferred'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
/** Assignment states in which the department holds the order and may act on it. */
const HOLDING: readonly AssignmentState[] = ['dispatched', 'accepted', 'receiptReturned'];
/** Assignment states in which the department still owes a receipt. */
const LIVE: readonly AssignmentState[] = ['dispatched', 'accepted'];

export const RECEIPT_RESULTS = ['resolved', 'partially_resolved', 'unresolved', 'no_fault_found'] as const;
export type ReceiptResult = (typeof RECEIPT_RESULTS)[number];

export interface Receipt {
  result: ReceiptResult;
  resolutionCode: string;
  notes?: string;
  at: number;
  by: string;
}

/** One department's share of the order; several at once is co-handling. */
export interface Assignment {
  department: string;
  state: AssignmentState;
  /** reopenCount when dispatched: which round of the closed loop. */
  round: number;
  dispatchedAt: number;
  acceptedAt?: number;
  receipt?: Receipt;
  /** Why it was returned (退单) or transferred. */
  reason?: string;
  /** The province department that handed it over to the national centre for coordination (转全国中心协调). */
  handedOverBy?: string;
}

export interface Satisfaction {
  satisfied: boolean;
  /** 1 (very unsatisfied) … 5 (very satisfied). */
  score?: number;
  comment?: string;
  at: number;
  by: string;
}

export interface Escalation {
  from: EscalationLevel;
  to: EscalationLevel;
  at: number;
  reason: string;
  /** Department id of the centre notified at the new level. */
  target: string;
  /** SLA mark that triggered it; absent for a manual escalation. */
  mark?: string;
}

export interface AttachmentRef {
  id: string;
  href?: string;
  url?: string;
  name?: string;
  description?: string;
}

export interface TimelineEntry {
  at: number;
  actor: Actor;
  /** The event type, or 'created' / 'forwarded' / 'note' at intake. */
  action: string;
  details?: Record<string, unknown>;
  /** The state the event moved the work order to; absent when unchanged (and in entries recorded before states were). */
  state?: WorkOrderState;
}

/** SLA bookkeeping of the current round of the closed loop. */
export interface WorkOrderSla {
  /** Fixed at intake, so a later change of SLA data does not move the deadlines of running orders. */
  policy: SlaPolicy;
  /** Scale applied to the policy's durations (1 in production). */
  timeScale: number;
  /** Business calendar: the handling local network's. */
  calendarId: LocalNetworkId;
  /** First dispatch of the round: the clocks start here. */
  startedAt?: number;
  /** First acceptance of the round: the accept deadline is met. */
  acceptedAt?: number;
  /** While waiting on the customer; the last one is open while pending. */
  pauses: PauseInterval[];
  /** SLA marks already acted on (urged or escalated), see sla.ts. */
  marksDone: string[];
  /** The holiday arrangements taken at intake (calendars per year); absent in older orders: the built-in ones. */
  holidays?: HolidaySchedule;
}

export interface WorkOrderSnapshot {
  id: string;
  type: WorkOrderType;
  channel: Channel;
  priority: Priority;
  customer: { id: string; tier: CustomerTier };
  /** Where the work order was taken. */
  takenInLocalNetwork: LocalNetworkId;
  homeLocalNetwork: LocalNetworkId;
  /** Set for a roaming complaint or fault report: the home local network handles it. */
  forwardedTo?: LocalNetworkId;
  serviceLine: ServiceLine;
  /** What it is about: a node of the category tree (work-order-categories.ts); absent on work orders taken before categories. */
  category?: string;
  description: string;
  relatedOrderId?: string;
  subscriptionId?: string;
  /** When the customer was received (受理时间), when entered later; see NewWorkOrderSchema. */
  receivedAt?: number;
  /** As the reporter told it (TMF621 clients); absent: read off the priority (severityOf). */
  severity?: Severity;
  /** A short title. */
  name?: string;
  /** Who reported it, when not the customer nor the taker (a relative, an enterprise's contact). */
  reporter?: { id: string; name?: string };
  /** References to documents the reporter attached (a photo, a scanned bill); never their content. */
  attachments?: AttachmentRef[];
  state: WorkOrderState;
  phase: WorkOrderPhase;
  /** The phase to return to when the customer responds. */
  resumePhase?: WorkOrderPhase;
  /** Current round; earlier rounds are in previousAssignments. */
  assignments: Assignment[];
  previousAssignments: Assignment[];
  /** Of the current round: reset by a reopen, since the new round has fresh deadlines. */
  escalationLevel: EscalationLevel;
  escalations: Escalation[];
  sla: WorkOrderSla;
  timeline: TimelineEntry[];
  reopenCount: number;
  satisfaction?: Satisfaction;
  createdAt: number;
  updatedAt: number;
  resolvedAt?: number;
  closedAt?: number;
  /**
   * `installationReported`: a field installation, closed once its order took the department's receipt;
   * `orderCompleted`: a service request turned into a product order, closed once the order completed.
   */
  closeReason?: 'satisfied' | 'noCustomerAnswer' | 'installationReported' | 'orderCompleted';
  /** The product order a service request was turned into (the last one, when an earlier one did not complete). */
  placedOrder?: PlacedOrder;
  /** The call centre's callback tasks (回访), one per round in which the customer was told; absent in runs before them. */
  callbacks?: CallbackTask[];
  /** Urges by people (催办): how many, and the last (the SLA clock's own urges are its marks). */
  urging?: Urging;
  /** Supervisions (督办), oldest first; at most one awaits its reply. */
  supervisions?: Supervision[];
  /** The customer's account manager (staff user name) when the work order was taken: told of it, may note and urge. */
  accountManager?: string;
  /** A complaint about this national service: the national centre's own (national-centre.ts). */
  nationalService?: NationalService;
  /** The latest hand-over to the national centre for coordination (one per round). */
  handOver?: HandOver;
}

/** How a product order ended, as the work order records it (the order's final states). */
export const PLACED_ORDER_OUTCOMES = ['completed', 'partial', 'failed', 'cancelled', 'rejected'] as const;
export type PlacedOrderOutcome = (typeof PLACED_ORDER_OUTCOMES)[number];

/** The product order a service request was turned into, and how it ended. */
export interface PlacedOrder {
  id: string;
  at: number;
  by: string;
  outcome?: PlacedOrderOutcome;
  reason?: string;
  finishedAt?: number;
}

/**
 * Phases in which the call centre may turn a service request into a product order: once it has been
 * dispatched, while it is open (a department may hold it: the order takes it over).
 */
export const ORDERABLE_PHASES: readonly WorkOrderPhase[] = ['dispatched', 'accepted', 'handling', 'receiptReturned', 'returned', 'pending', 'reopened'];

// Every string and list of a new event has a bound: events are copied into the snapshot, the
// workflow history and the read model, and an unbounded note could push a workflow past
// Temporal's payload and history limits. New events are also strict: an unknown field is refused,
// not dropped. Events already in a history are re-applied without the bounds (they were accepted
// before the bounds existed), so a replay never refuses what the original run accepted.
export const MAX_TEXT = 2000;
export const MAX_DEPARTMENTS = 10;
const MAX_ID = 80;
const MAX_NAME = 200;

function eventSchema(bounded: boolean) {
  const object = bounded ? z.strictObject : z.object;
  const text = bounded ? z.string().trim().min(1).max(MAX_TEXT) : z.string().trim().min(1);
  const optionalText = (bounded ? z.string().max(MAX_TEXT) : z.string()).optional();
  const id = bounded ? z.string().trim().min(1).max(MAX_ID) : text;
  const departments = bounded ? z.array(id).min(1).max(MAX_DEPARTMENTS) : z.array(id).min(1);
  return z.discriminatedUnion('type', [
    object({
      type: z.literal('classify'),
      workOrderType: z.enum(WORK_ORDER_TYPES).optional(),
      priority: z.enum(PRIORITIES).optional(),
      serviceLine: z.enum(SERVICE_LINES).optional(),
    }),
    object({ type: z.literal('reject'), reason: text }),
    object({ type: z.literal('dispatch'), departments, ruleId: text.optional(), reason: text.optional() }),
    object({ type: z.literal('accept') }),
    // noteId and author: a TMF621 client's own, kept so a repeated PATCH adds the note once.
    object({ type: z.literal('note'), text, noteId: id.optional(), author: (bounded ? z.string().trim().min(1).max(MAX_NAME) : z.string()).optional() }),
    /** The centre changes the priority of an open work order (after intake, classify no longer can). */
    object({ type: z.literal('reprioritize'), priority: z.enum(PRIORITIES), reason: text.optional() }),
    object({ type: z.literal('receipt'), result: z.enum(RECEIPT_RESULTS), resolutionCode: text, notes: optionalText }),
    object({ type: z.literal('return'), reason: text }),
    object({ type: z.literal('transfer'), from: id, to: id, reason: text }),
    /** A department holding the order asks for other departments' help (协办申请): see its handler. */
    object({ type: z.literal('requestCoHandling'), departments, reason: text }),
    object({ type: z.literal('sendBack'), reason: text, departments: departments.optional() }),
    object({ type: z.literal('approve'), notes: optionalText }),
    object({ type: z.literal('notifyCustomer'), channel: z.enum(CHANNELS).optional(), message: optionalText }),
    object({
      type: z.literal('recordSatisfaction'),
      satisfied: z.boolean(),
      score: z.number().int().min(1).max(5).optional(),
      comment: optionalText,
    }),
    object({ type: z.literal('reopen'), reason: text }),
    object({ type: z.literal('waitOnCustomer'), reason: text }),
    object({ type: z.literal('customerResponded'), notes: optionalText }),
    object({ type: z.literal('autoClose') }),
    /** The customer was told: the call centre owes the callback by dueBy (epoch ms; the workflow's, see domain/callbacks.ts). */
    object({ type: z.literal('openCallback'), dueBy: z.number().int().positive() }),
    /** The callback's deadline passed with no answer recorded. */
    object({ type: z.literal('callbackOverdue') }),
    object({ type: z.literal('cancel'), reason: text }),
    object({ type: z.literal('escalate'), reason: text, mark: text.optional() }),
    /** The province centre hands the work order over to the national centre for coordination (转全国中心协调). */
    object({ type: z.literal('handOver'), reason: text }),
    object({ type: z.literal('urge'), mark: text.optional(), reason: text.optional() }),
    /** A supervisor or a higher centre places the work order under supervision (督办): a deadline and what is asked. */
    object({ type: z.literal('supervise'), due: bounded ? z.iso.datetime({ offset: true }) : z.string(), instructions: text }),
    /** The written reply a department holding the work order owes its open supervision. */
    object({ type: z.literal('superviseReply'), text }),
    /** The supervision's deadline passed without a reply (the clock's). */
    object({ type: z.literal('supervisionOverdue'), supervision: z.number().int().min(1) }),
    /** The order that raised a field installation took its receipt: the work order is done. */
    object({ type: z.literal('closeInstallation'), installed: z.boolean() }),
    /** The call centre turned the service request into this product order (sent with the order, never alone: see ORDER_EVENTS). */
    object({ type: z.literal('placeOrder'), orderId: id }),
    /** The product order ended: completed closes the work order, anything else hands it back to the centre. */
    object({ type: z.literal('orderFinished'), orderId: id, outcome: z.enum(PLACED_ORDER_OUTCOMES), reason: optionalText }),
  ]);
}

/**
 * Events and their payloads as a new event must be: the API validates request bodies with it
 * (400 for a malformed one) and the workflow's update validator admits events with it.
 */
export const WorkOrderEventSchema = eventSchema(true);
const RecordedEventSchema = eventSchema(false);
export type WorkOrderEvent = z.infer<typeof WorkOrderEventSchema>;
export type WorkOrderEventType = WorkOrderEvent['type'];

/**
 * Events the work order's own clock sends: people cannot send them (the workflow's update refuses
 * them), whatever roles applyEvent takes them from when they are replayed.
 */
// `urge` is also a person's (催办, issue 15): the SLA checkpoints in it stay the clock's (systemMarkOnly).
export const CLOCK_ONLY_EVENTS = ['autoClose', 'supervisionOverdue'] as const satisfies readonly WorkOrderEventType[];
export type ClockOnlyEvent = (typeof CLOCK_ONLY_EVENTS)[number];

/**
 * Events of a service request's product order: placeOrder comes with the order the API has just
 * stored (POST /troubleTicket/{id}/productOrder, the workflow's placeOrder update), orderFinished from
 * the order's own end; neither is an action people send through the work order's event door.
 */
export const ORDER_EVENTS = ['placeOrder', 'orderFinished'] as const satisfies readonly WorkOrderEventType[];

/** The failure kinds a work-order event can be refused with (domain/failures.ts). */
export type WorkOrderErrorCode = Exclude<FailureKind, 'NOT_FOUND'>;
export type WorkOrderFailure = { ok: false; code: WorkOrderErrorCode; message: string };
export type WorkOrderResult = { ok: true; next: WorkOrderSnapshot } | WorkOrderFailure;

// ---- Intake -------------------------------------------------------------------------------------

/**
 * Types forwarded from the roaming location to the home local network (漫游投诉转归属地): the
 * specification's 投诉申告, complaints and fault reports alike.
 */
export const ROAMING_FORWARDED_TYPES: readonly WorkOrderType[] = ['complaint', 'fault_report'];
/** What was forwarded before fault reports were (runs started then replay with it: see the workflow's patch). */
export const ROAMING_FORWARDED_TYPES_BEFORE_FAULT_REPORTS: readonly WorkOrderType[] = ['complaint'];

// Bounded by the API's create schema; unbounded here, since the workflow re-creates from its recorded input.
const text = z.string().trim().min(1);

export const NewWorkOrderSchema = z.object({
  id: text,
  type: z.enum(WORK_ORDER_TYPES),
  channel: z.enum(CHANNELS),
  priority: z.enum(PRIORITIES).default('medium'),
  customer: z.object({ id: text, tier: z.enum(CUSTOMER_TIERS) }),
  takenInLocalNetwork: z.enum(LOCAL_NETWORK_IDS),
  homeLocalNetwork: z.enum(LOCAL_NETWORK_IDS),
  serviceLine: z.enum(SERVICE_LINES),
  // Not checked against the tree here: the API admits only known nodes, and a replay must not refuse one retired since.
  category: text.optional(),
  description: text,
  relatedOrderId: text.optional(),
  nationalService: z.enum(NATIONAL_SERVICES).optional(),
  subscriptionId: text.optional(),
  severity: z.enum(SEVERITIES).optional(),
  name: text.optional(),
  reporter: z.object({ id: text, name: text.optional() }).optional(),
  attachments: z.array(z.object({ id: text, href: text.optional(), url: text.optional(), name: text.optional(), description: text.optional() })).optional(),
  /** Notes given with it: the timeline's first notes, by whoever took it. */
  notes: z.array(z.object({ text, noteId: text.optional(), author: text.optional() })).optional(),
  /** The customer's account manager (staff user name), looked up when it is taken. */
  accountManager: text.optional(),
  /** When the customer's complaint was received (受理时间, epoch ms), when before it was entered: the first round's SLA runs from it. */
  receivedAt: z.number().int().optional(),
});
export type NewWorkOrder = z.input<typeof NewWorkOrderSchema>;

export interface CreateOptions {
  /** Defaults to 1; tests use e.g. 1/3600 so that SLA hours pass in seconds. */
  timeScale?: number;
  /** Defaults to the policy for the order's type, customer tier and category. */
  slaPolicy?: SlaPolicy;
  /** Types forwarded when taken away from home; defaults to ROAMING_FORWARDED_TYPES. */
  forwardedTypes?: readonly WorkOrderType[];
}

/** Local network that handles the order: the home network for a roaming complaint or fault report, else where it was taken. */
export function handlingLocalNetwork(s: Pick<WorkOrderSnapshot, 'takenInLocalNetwork' | 'forwardedTo'>): LocalNetworkId {
  return s.forwardedTo ?? s.takenInLocalNetwork;
}

/** Local networks whose staff may follow the order: both sides of a roaming forward. */
export function visibleToLocalNetworks(s: Pick<WorkOrderSnapshot, 'takenInLocalNetwork' | 'forwardedTo'>): LocalNetworkId[] {
  return s.forwardedTo && s.forwardedTo !== s.takenInLocalNetwork ? [s.takenInLocalNetwork, s.forwardedTo] : [s.takenInLocalNetwork];
}

/** The SLA policy a work order starts with: the national centre's for a complaint about a national service, else by category, type and tier. */
function intakePolicy(type: WorkOrderType, tier: CustomerTier, category: string | undefined, nationalService: NationalService | undefined): SlaPolicy {
  return isNationalServiceComplaint({ type, nationalService }) ? nationalComplaintPolicy(tier) : slaPolicyOf(type, tier, category);
}

/** A new work order in phase intake; throws a ZodError on bad input (the API parses it first). */
export function createWorkOrder(input: NewWorkOrder, actor: Actor, at: number, options: CreateOptions = {}): WorkOrderSnapshot {
  const { notes, ...o } = NewWorkOrderSchema.parse(input);
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0 && timeScale <= 1)) throw new RangeError(`timeScale must be in (0, 1], got ${timeScale}`);
  const roaming = o.takenInLocalNetwork !== o.homeLocalNetwork && (options.forwardedTypes ?? ROAMING_FORWARDED_TYPES).includes(o.type);
  const forwardedTo = roaming ? o.homeLocalNetwork : undefined;
  const by = actorRef(actor);
  const timeline: TimelineEntry[] = [{ at, actor: by, action: 'created', details: { channel: o.channel } }];
  if (forwardedTo) {
    timeline.push({ at, actor: by, action: 'forwarded', details: { from: o.takenInLocalNetwork, to: forwardedTo } });
  }
  for (const n of notes ?? []) timeline.push({ at, actor: by, action: 'note', details: n });
  return {
    ...o,
    ...(forwardedTo ? { forwardedTo } : {}),
    state: stateOfPhase('intake'),
    phase: 'intake',
    assignments: [],
    previousAssignments: [],
    escalationLevel: ESCALATION_LEVELS[0],
    escalations: [],
    sla: {
      policy: options.slaPolicy ?? intakePolicy(o.type, o.customer.tier, o.category, o.nationalService),
      timeScale,
      calendarId: forwardedTo ?? o.takenInLocalNetwork,
      pauses: [],
      marksDone: [],
    },
    timeline,
    reopenCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

// ---- Transitions --------------------------------------------------------------------------------

/** What a handler changes; applyEvent adds the timeline entry and the derived state. */
interface Change {
  patch: Partial<WorkOrderSnapshot>;
  details?: Record<string, unknown>;
}
type Outcome = Change | WorkOrderFailure;
type Handler<E extends WorkOrderEvent> = (s: WorkOrderSnapshot, e: E, actor: Actor, at: number) => Outcome;

// Only who acted goes into the timeline, whatever else the caller's object carries.
const actorRef = ({ id, role, department, level }: Actor): Actor => ({
  id,
  role,
  ...(department !== undefined ? { department } : {}),
  ...(level !== undefined ? { level } : {}),
});

const fail = (code: WorkOrderErrorCode, message: string): WorkOrderFailure => ({ ok: false, code, message });

function requireRole(actor: Actor, roles: readonly ActorRole[], action: string): WorkOrderFailure | undefined {
  return roles.includes(actor.role) ? undefined : fail('FORBIDDEN', `${action}: not allowed for role ${actor.role}`);
}

function requirePhase(s: WorkOrderSnapshot, phases: readonly WorkOrderPhase[], action: string): WorkOrderFailure | undefined {
  return phases.includes(s.phase) ? undefined : fail('WRONG_STATE', `${action}: work order ${s.id} is ${s.phase} (${s.state}); needs ${phases.join(' or ')}`);
}

/** The actor's department's assignment, when it holds the order; FORBIDDEN otherwise. */
function ownAssignment(s: WorkOrderSnapshot, actor: Actor, action: string): Assignment | WorkOrderFailure {
  if (actor.role !== 'department' || !actor.department) return fail('FORBIDDEN', `${action}: only department staff may do this`);
  const a = s.assignments.find((x) => x.department === actor.department && HOLDING.includes(x.state));
  return a ?? fail('FORBIDDEN', `${action}: work order ${s.id} is not assigned to ${actor.department}`);
}

/**
 * For actions open to the centre and to a department holding the order: the acting department, or
 * undefined when the centre acts.
 */
function centreOrHolder(s: WorkOrderSnapshot, actor: Actor, action: string): string | undefined | WorkOrderFailure {
  if (actor.role !== 'department') return requireRole(actor, CENTRE_ROLES, action);
  const own = ownAssignment(s, actor, action);
  return isFailure(own) ? own : own.department;
}

/**
 * SLA checkpoints are the clock's: a person naming one would mark it as done and so suppress the
 * reminder or escalation the clock owes it.
 */
function systemMarkOnly(mark: string | undefined, actor: Actor, action: string): WorkOrderFailure | undefined {
  return mark === undefined || actor.role === 'system'
    ? undefined
    : fail('FORBIDDEN', `${action}: SLA checkpoints are set by the SLA clock, not by ${actor.role}`);
}

/** An account manager acts only on their own customers' work orders (the one named when it was taken). */
function ownCustomer(s: WorkOrderSnapshot, actor: Actor, action: string): WorkOrderFailure | undefined {
  return s.accountManager !== undefined && s.accountManager === actor.id
    ? undefined
    : fail('FORBIDDEN', `${action}: ${actor.id} is not the account manager of customer ${s.customer.id}`);
}

/**
 * The centre accepts no receipt while a supervision awaits the department's written reply: the
 * supervisor asked for it, and a resolved work order would leave nobody owing it. The system's own
 * approval (a field installation's receipt taken by its order) is not held back.
 */
function requireSupervisionReplied(s: WorkOrderSnapshot, actor: Actor, action: string): WorkOrderFailure | undefined {
  const open = actor.role === 'system' ? undefined : openSupervision(s);
  return open ? fail('WRONG_STATE', `${action}: supervision ${open.id} by ${open.by} awaits the department's written reply (superviseReply) first`) : undefined;
}

const DAY_MS = 86_400_000;

/** Records an SLA mark as acted on; each fires once. */
function markDone(s: WorkOrderSnapshot, mark: string | undefined, action: string): WorkOrderSla | WorkOrderFailure {
  if (mark === undefined) return s.sla;
  if (s.sla.marksDone.includes(mark)) return fail('INVALID', `${action}: SLA mark ${mark} was already acted on`);
  return { ...s.sla, marksDone: [...s.sla.marksDone, mark] };
}

const isFailure = (x: unknown): x is WorkOrderFailure => typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

function replaceAssignment(s: WorkOrderSnapshot, department: string, change: Partial<Assignment>): Assignment[] {
  return s.assignments.map((a) => (a.department === department && a.state !== 'transferred' ? { ...a, ...change } : a));
}

const hasLive = (as: readonly Assignment[]) => as.some((a) => LIVE.includes(a.state));
const firstFailure = (...checks: (WorkOrderFailure | undefined)[]) => checks.find((c) => c !== undefined);

/** New assignments for departments dispatched to; a department that returned the order may get it again. */
function dispatchTo(s: WorkOrderSnapshot, departments: readonly string[], at: number, action: string): Assignment[] | WorkOrderFailure {
  if (new Set(departments).size !== departments.length) return fail('INVALID', `${action}: a department is named twice`);
  const unknown = departments.filter((d) => !departmentById(d));
  if (unknown.length > 0) return fail('INVALID', `${action}: unknown department ${unknown.join(', ')}`);
  const holding = departments.filter((d) => s.assignments.some((a) => a.department === d && HOLDING.includes(a.state)));
  if (holding.length > 0) return fail('INVALID', `${action}: ${holding.join(', ')} already holds work order ${s.id}`);
  const fresh = (department: string): Assignment => ({ department, state: 'dispatched', round: s.reopenCount, dispatchedAt: at });
  // A returned assignment is replaced, so each department has one assignment per round.
  const kept = s.assignments.filter((a) => !(departments.includes(a.department) && a.state === 'returned'));
  return [...kept, ...departments.map(fresh)];
}

/** Closes the open pause, if any. */
function closePauses(pauses: readonly PauseInterval[], at: number): PauseInterval[] {
  return pauses.map((p) => (p.to === undefined ? { ...p, to: at } : p));
}

const HANDLERS: { [K in WorkOrderEventType]: Handler<Extract<WorkOrderEvent, { type: K }>> } = {
  classify(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'classify'), requirePhase(s, ['intake'], 'classify'));
    if (refused) return refused;
    const type = e.workOrderType ?? s.type;
    return {
      patch: {
        phase: 'classified',
        type,
        priority: e.priority ?? s.priority,
        serviceLine: e.serviceLine ?? s.serviceLine,
        // A reclassified type changes which SLA applies.
        sla: type === s.type ? s.sla : { ...s.sla, policy: intakePolicy(type, s.customer.tier, s.category, s.nationalService) },
      },
      details: { type, priority: e.priority ?? s.priority, serviceLine: e.serviceLine ?? s.serviceLine },
    };
  },

  reject(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'reject'), requirePhase(s, ['intake', 'classified'], 'reject'));
    return refused ?? { patch: { phase: 'rejected' }, details: { reason: e.reason } };
  },

  dispatch(s, e, actor, at) {
    const refused = firstFailure(
      requireRole(actor, CENTRE_ROLES, 'dispatch'),
      // In a working phase a dispatch adds departments (co-handling, or replacing one that returned it).
      requirePhase(s, ['classified', 'returned', 'reopened', ...WORKING_PHASES], 'dispatch'),
    );
    if (refused) return refused;
    const assignments = dispatchTo(s, e.departments, at, 'dispatch');
    if (isFailure(assignments)) return assignments;
    return {
      patch: {
        phase: WORKING_PHASES.includes(s.phase) ? s.phase : 'dispatched',
        assignments,
        // The first round's clock runs from when the customer was received, if that was earlier.
        sla: { ...s.sla, startedAt: s.sla.startedAt ?? (s.reopenCount === 0 && s.receivedAt !== undefined ? Math.min(s.receivedAt, at) : at) },
      },
      details: { departments: e.departments, ruleId: e.ruleId, reason: e.reason },
    };
  },

  accept(s, _e, actor, at) {
    const own = ownAssignment(s, actor, 'accept');
    if (isFailure(own)) return own;
    const refused = requirePhase(s, WORKING_PHASES, 'accept');
    if (refused) return refused;
    if (own.state !== 'dispatched') return fail('WRONG_STATE', `accept: ${own.department} has already accepted work order ${s.id}`);
    return {
      patch: {
        phase: s.phase === 'dispatched' ? 'accepted' : s.phase,
        assignments: replaceAssignment(s, own.department, { state: 'accepted', acceptedAt: at }),
        sla: { ...s.sla, acceptedAt: s.sla.acceptedAt ?? at },
      },
      details: { department: own.department },
    };
  },

  note(s, e, actor) {
    const department = actor.role === 'accountManager' ? ownCustomer(s, actor, 'note') : centreOrHolder(s, actor, 'note');
    if (isFailure(department)) return department;
    const refused = requirePhase(
      s,
      WORK_ORDER_PHASES.filter((p) => !TERMINAL_PHASES.includes(p)),
      'note',
    );
    if (refused) return refused;
    // A department's progress note is what turns an accepted order into one being handled.
    const phase = department !== undefined && s.phase === 'accepted' ? 'handling' : s.phase;
    return { patch: { phase }, details: { text: e.text, department, noteId: e.noteId, author: e.author } };
  },

  reprioritize(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'reprioritize'), requirePhase(s, OPEN_PHASES, 'reprioritize'));
    return refused ?? { patch: { priority: e.priority }, details: { from: s.priority, to: e.priority, reason: e.reason } };
  },

  receipt(s, e, actor, at) {
    const own = ownAssignment(s, actor, 'receipt');
    if (isFailure(own)) return own;
    const refused = requirePhase(s, ['accepted', 'handling'], 'receipt');
    if (refused) return refused;
    if (own.state === 'receiptReturned') return fail('WRONG_STATE', `receipt: ${own.department} already returned its receipt`);
    if (own.state !== 'accepted') return fail('WRONG_STATE', `receipt: ${own.department} must accept work order ${s.id} first`);
    const receipt: Receipt = {
      result: e.result,
      resolutionCode: e.resolutionCode,
      ...(e.notes !== undefined ? { notes: e.notes } : {}),
      at,
      by: actor.id,
    };
    const assignments = replaceAssignment(s, own.department, { state: 'receiptReturned', receipt });
    // Co-handling: the centre reviews only when every department holding the order has answered.
    return {
      patch: { phase: hasLive(assignments) ? 'handling' : 'receiptReturned', assignments },
      details: { department: own.department, result: e.result, resolutionCode: e.resolutionCode, notes: e.notes },
    };
  },

  return(s, e, actor) {
    const own = ownAssignment(s, actor, 'return');
    if (isFailure(own)) return own;
    const refused = requirePhase(s, WORKING_PHASES, 'return');
    if (refused) return refused;
    if (own.state === 'receiptReturned') return fail('WRONG_STATE', `return: ${own.department} already returned its receipt`);
    const assignments = replaceAssignment(s, own.department, { state: 'returned', reason: e.reason });
    return {
      patch: { phase: hasLive(assignments) ? s.phase : 'returned', assignments },
      details: { department: own.department, reason: e.reason },
    };
  },

  transfer(s, e, actor, at) {
    if (actor.role !== 'supervisor') return fail('FORBIDDEN', 'transfer: only a supervisor may transfer a work order');
    if (!departmentById(e.from)) return fail('INVALID', `transfer: unknown department ${e.from}`);
    if (!supervises(actor, e.from)) return fail('FORBIDDEN', `transfer: ${actor.id} does not supervise ${e.from}`);
    const refused = requirePhase(s, WORKING_PHASES, 'transfer');
    if (refused) return refused;
    const from = s.assignments.find((a) => a.department === e.from && LIVE.includes(a.state));
    if (!from) return fail('WRONG_STATE', `transfer: ${e.from} has no open assignment on work order ${s.id}`);
    const handedOver = replaceAssignment(s, e.from, { state: 'transferred', reason: e.reason });
    const moved = dispatchTo({ ...s, assignments: handedOver }, [e.to], at, 'transfer');
    if (isFailure(moved)) return moved;
    // Back to dispatched when nobody has taken up the order yet.
    const anyTaken = moved.some((a) => a.state === 'accepted' || a.state === 'receiptReturned');
    return {
      patch: { phase: anyTaken ? s.phase : 'dispatched', assignments: moved },
      details: { from: e.from, to: e.to, reason: e.reason },
    };
  },

  /**
   * The co-handling request (协办申请) of a department that has accepted the order. The seeds say how
   * a work order moves (the centre dispatches it, departments return their receipts to the centre)
   * but not how a department asks for help; co-handling itself is already the centre's dispatch to
   * one more department. So the request is the department's, recorded in the timeline, and decided
   * at once by the rule the dispatching centre's routing follows: a city department of the local
   * network handling the order (the same 本地网) joins as a co-handler, with its own assignment and
   * deadlines as by a dispatch, and is told. Any other department (another local network's, a
   * province or national centre) is refused with the reason: bringing those in is the centre's
   * dispatch or an escalation, not a department's request. The requester keeps its own assignment
   * and still owes its receipt; the centre reviews once every co-handler has returned one.
   */
  requestCoHandling(s, e, actor, at) {
    const own = ownAssignment(s, actor, 'requestCoHandling');
    if (isFailure(own)) return own;
    const refused = requirePhase(s, WORKING_PHASES, 'requestCoHandling');
    if (refused) return refused;
    if (own.state !== 'accepted') return fail('WRONG_STATE', `requestCoHandling: ${own.department} must accept work order ${s.id} first`);
    const network = handlingLocalNetwork(s);
    const unknown = e.departments.filter((d) => !departmentById(d));
    if (unknown.length > 0) return fail('INVALID', `requestCoHandling: unknown department ${unknown.join(', ')}`);
    const elsewhere = e.departments.filter((d) => departmentById(d)!.localNetwork !== network);
    if (elsewhere.length > 0) {
      return fail(
        'INVALID',
        `requestCoHandling: ${elsewhere.join(', ')} is not a department of ${network}, the local network handling work order ${s.id}; only its own local network's departments may be asked, anything further is the dispatching centre's`,
      );
    }
    const assignments = dispatchTo(s, e.departments, at, 'requestCoHandling');
    if (isFailure(assignments)) return assignments;
    return {
      patch: { assignments },
      details: { department: own.department, departments: e.departments, reason: e.reason },
    };
  },

  sendBack(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'sendBack'), requirePhase(s, ['receiptReturned'], 'sendBack'));
    if (refused) return refused;
    const answered = s.assignments.filter((a) => a.state === 'receiptReturned').map((a) => a.department);
    const targets = e.departments ?? answered;
    const notAnswered = targets.filter((d) => !answered.includes(d));
    if (targets.length === 0 || notAnswered.length > 0) {
      return fail('INVALID', `sendBack: no receipt from ${notAnswered.join(', ') || 'any department'} to send back`);
    }
    const assignments = s.assignments.map((a) => {
      if (!targets.includes(a.department) || a.state !== 'receiptReturned') return a;
      const { receipt: _dropped, ...rest } = a;
      return { ...rest, state: 'accepted' as const };
    });
    return {
      patch: { phase: 'handling', assignments },
      // The receipts sent back live on in the timeline.
      details: {
        departments: targets,
        reason: e.reason,
        receipts: s.assignments.filter((a) => targets.includes(a.department)).map((a) => a.receipt),
      },
    };
  },

  approve(s, e, actor, at) {
    const refused = firstFailure(
      requireRole(actor, CENTRE_ROLES, 'approve'),
      requirePhase(s, ['receiptReturned'], 'approve'),
      requireSupervisionReplied(s, actor, 'approve'),
    );
    return refused ?? { patch: { phase: 'reviewed', resolvedAt: at }, details: { notes: e.notes } };
  },

  notifyCustomer(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'notifyCustomer'), requirePhase(s, ['reviewed'], 'notifyCustomer'));
    if (refused) return refused;
    return { patch: { phase: 'customerNotified' }, details: { channel: e.channel, message: e.message } };
  },

  recordSatisfaction(s, e, actor, at) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'recordSatisfaction'), requirePhase(s, ['customerNotified'], 'recordSatisfaction'));
    if (refused) return refused;
    const satisfaction: Satisfaction = {
      satisfied: e.satisfied,
      ...(e.score !== undefined ? { score: e.score } : {}),
      ...(e.comment !== undefined ? { comment: e.comment } : {}),
      at,
      by: actor.id,
    };
    // The answer completes the callback task.
    const callbacks = endCallback(s, 'done', at, actor.id);
    return {
      patch: e.satisfied
        ? { phase: 'closed', satisfaction, closedAt: at, closeReason: 'satisfied', callbacks }
        : { phase: 'unsatisfied', satisfaction, callbacks },
      details: { satisfied: e.satisfied, score: e.score, comment: e.comment },
    };
  },

  reopen(s, e, actor) {
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'reopen'), requirePhase(s, ['unsatisfied', 'closed'], 'reopen'));
    if (refused) return refused;
    if (s.closeReason === 'orderCompleted') {
      return fail('WRONG_STATE', `reopen: work order ${s.id} was closed by its completed order ${s.placedOrder?.id}; a new request is a new work order`);
    }
    return {
      patch: {
        phase: 'reopened',
        reopenCount: s.reopenCount + 1,
        assignments: [],
        previousAssignments: [...s.previousAssignments, ...s.assignments],
        escalationLevel: ESCALATION_LEVELS[0],
        sla: {
          // A hand-over's window was that round's only: the new round goes back to the order's own policy.
          policy: s.handOver?.round === s.reopenCount ? s.handOver.policyBefore : s.sla.policy,
          timeScale: s.sla.timeScale,
          calendarId: s.sla.calendarId,
          pauses: [],
          marksDone: [],
          ...(s.sla.holidays ? { holidays: s.sla.holidays } : {}),
        },
        resolvedAt: undefined,
        closedAt: undefined,
        closeReason: undefined,
      },
      details: { reason: e.reason, round: s.reopenCount + 1 },
    };
  },

  waitOnCustomer(s, e, actor, at) {
    const department = centreOrHolder(s, actor, 'waitOnCustomer');
    if (isFailure(department)) return department;
    const refused = requirePhase(s, WORKING_PHASES, 'waitOnCustomer');
    if (refused) return refused;
    return {
      patch: { phase: 'pending', resumePhase: s.phase, sla: { ...s.sla, pauses: [...s.sla.pauses, { from: at }] } },
      details: { reason: e.reason, department },
    };
  },

  customerResponded(s, e, actor, at) {
    const department = centreOrHolder(s, actor, 'customerResponded');
    if (isFailure(department)) return department;
    const refused = requirePhase(s, ['pending'], 'customerResponded');
    if (refused) return refused;
    return {
      patch: { phase: s.resumePhase ?? 'handling', resumePhase: undefined, sla: { ...s.sla, pauses: closePauses(s.sla.pauses, at) } },
      details: { notes: e.notes, department },
    };
  },

  autoClose(s, _e, actor, at) {
    const refused = firstFailure(
      requireRole(actor, ['system'], 'autoClose'),
      // Only once the customer has been told (or the centre has resolved it) and did not answer.
      requirePhase(s, ['reviewed', 'customerNotified'], 'autoClose'),
    );
    return (
      refused ?? {
        patch: { phase: 'closed', closedAt: at, closeReason: 'noCustomerAnswer', callbacks: endCallback(s, 'noAnswer', at) },
        details: { reason: 'noCustomerAnswer' },
      }
    );
  },

  openCallback(s, e, actor, at) {
    const refused = firstFailure(requireRole(actor, ['system'], 'openCallback'), requirePhase(s, ['customerNotified'], 'openCallback'));
    if (refused) return refused;
    if (openCallback(s)) return fail('WRONG_STATE', `openCallback: work order ${s.id} already has a callback open`);
    const task: CallbackTask = { round: s.reopenCount, openedAt: at, dueBy: e.dueBy, state: 'open' };
    return { patch: { callbacks: [...(s.callbacks ?? []), task] }, details: { dueBy: new Date(e.dueBy).toISOString() } };
  },

  callbackOverdue(s, _e, actor, at) {
    const refused = requireRole(actor, ['system'], 'callbackOverdue');
    if (refused) return refused;
    const open = openCallback(s);
    if (!open || open.overdueAt !== undefined) return fail('WRONG_STATE', `callbackOverdue: work order ${s.id} has no callback open and not yet overdue`);
    if (at < open.dueBy) return fail('INVALID', `callbackOverdue: the callback of work order ${s.id} is due only at ${new Date(open.dueBy).toISOString()}`);
    const callbacks = s.callbacks!.map((c) => (c === open ? { ...c, overdueAt: at } : c));
    return { patch: { callbacks }, details: { dueBy: new Date(open.dueBy).toISOString() } };
  },

  closeInstallation(s, e, actor, at) {
    const refused = firstFailure(requireRole(actor, ['system'], 'closeInstallation'), requirePhase(s, ['reviewed'], 'closeInstallation'));
    return (
      refused ?? {
        patch: { phase: 'closed', closedAt: at, closeReason: 'installationReported' },
        details: { installed: e.installed },
      }
    );
  },

  /**
   * The call centre turned a service request into a product order (issue 14, point 7). The order
   * takes the request over: the departments holding it are relieved (transferred, with the reason),
   * and the SLA clock waits for the order, which has its own progress. One order at a time: another
   * only once the last one ended without completing.
   */
  placeOrder(s, e, actor, at) {
    const refused = firstFailure(
      requireRole(actor, ['agent', 'centre', 'supervisor'], 'placeOrder'),
      s.type === 'service_request' ? undefined : fail('WRONG_STATE', `placeOrder: work order ${s.id} is a ${s.type}; only a service request becomes an order`),
      requirePhase(s, ORDERABLE_PHASES, 'placeOrder'),
    );
    if (refused) return refused;
    const lastEnded = s.placedOrder?.outcome !== undefined && s.placedOrder.outcome !== 'completed';
    if (s.relatedOrderId !== undefined && !lastEnded) {
      return fail('WRONG_STATE', `placeOrder: work order ${s.id} already relates to order ${s.relatedOrderId}`);
    }
    const handedOver = assignees(s);
    const reason = `handed over to order ${e.orderId}`;
    return {
      patch: {
        phase: 'orderPlaced',
        resumePhase: undefined,
        relatedOrderId: e.orderId,
        placedOrder: { id: e.orderId, at, by: actor.id },
        assignments: s.assignments.map((a) => (HOLDING.includes(a.state) ? { ...a, state: 'transferred' as const, reason } : a)),
        sla: { ...s.sla, pauses: [...closePauses(s.sla.pauses, at), { from: at }] },
      },
      details: { orderId: e.orderId, departments: handedOver },
    };
  },

  orderFinished(s, e, actor, at) {
    const refused = firstFailure(requireRole(actor, ['system'], 'orderFinished'), requirePhase(s, ['orderPlaced'], 'orderFinished'));
    if (refused) return refused;
    if (s.placedOrder?.id !== e.orderId) return fail('INVALID', `orderFinished: work order ${s.id} waits on order ${s.placedOrder?.id}, not ${e.orderId}`);
    const placedOrder: PlacedOrder = { ...s.placedOrder, outcome: e.outcome, ...(e.reason !== undefined ? { reason: e.reason } : {}), finishedAt: at };
    const sla = { ...s.sla, pauses: closePauses(s.sla.pauses, at) };
    return {
      patch:
        e.outcome === 'completed'
          ? { phase: 'closed', placedOrder, sla, resolvedAt: at, closedAt: at, closeReason: 'orderCompleted' }
          : // Not (fully) delivered: back to the centre, which may place another order, dispatch it or cancel it.
            { phase: 'returned', placedOrder, sla },
      details: { orderId: e.orderId, outcome: e.outcome, reason: e.reason },
    };
  },

  cancel(s, e, actor, at) {
    // While its product order runs, people cancel the order (the work order then returns to them);
    // only the system's cancel (the workflow cancelled from outside) ends it then.
    const phases = actor.role === 'system' ? [...OPEN_PHASES, 'orderPlaced' as const] : OPEN_PHASES;
    const refused = firstFailure(requireRole(actor, CENTRE_ROLES, 'cancel'), requirePhase(s, phases, 'cancel'));
    if (refused) return refused;
    return {
      patch: { phase: 'cancelled', resumePhase: undefined, closedAt: at, sla: { ...s.sla, pauses: closePauses(s.sla.pauses, at) } },
      details: { reason: e.reason },
    };
  },

  /**
   * The province centre hands a complaint or fault report it holds over to the national centre for
   * coordination (转全国中心协调, national-centre.ts): the province department's own assignment passes to
   * the national centre, whose window starts now by the coordination policy (the round's SLA clock runs
   * on it; at the national level its deadlines urge, nothing is above), and the province follows on.
   * Once per round; never to a work order the national centre already holds.
   */
  handOver(s, e, actor, at) {
    if (!mayHandOver(actor)) return fail('FORBIDDEN', 'handOver: only the province centre hands a work order over to the national centre');
    const stays = firstFailure(
      s.handOver?.round === s.reopenCount
        ? fail('WRONG_STATE', `handOver: work order ${s.id} was already handed over to the national centre by ${s.handOver.from}`)
        : undefined,
      s.assignments.some((a) => a.department === NATIONAL_CENTRE && HOLDING.includes(a.state))
        ? fail('WRONG_STATE', `handOver: the national centre already holds work order ${s.id}`)
        : undefined,
    );
    if (stays) return stays;
    const provinceHolders = s.assignments.filter((a) => LIVE.includes(a.state) && departmentById(a.department)?.level === 'province').map((a) => a.department);
    const source = handOverSource(s, actor, provinceHolders);
    if ('refused' in source) return fail(source.refused, `handOver: ${source.why}`);
    const refused = firstFailure(
      HAND_OVER_TYPES.includes(s.type)
        ? undefined
        : fail('WRONG_STATE', `handOver: work order ${s.id} is a ${s.type}; the national centre coordinates complaints and fault reports`),
      requirePhase(s, WORKING_PHASES, 'handOver'),
    );
    if (refused) return refused;
    const reason = `handed over to the national centre for coordination: ${e.reason}`;
    const released = provinceHolders.includes(source.from) ? replaceAssignment(s, source.from, { state: 'transferred', reason }) : s.assignments;
    const assignments = dispatchTo({ ...s, assignments: released }, [NATIONAL_CENTRE], at, 'handOver');
    if (isFailure(assignments)) return assignments;
    const withSource = assignments.map((a) => (a.department === NATIONAL_CENTRE && a.state === 'dispatched' ? { ...a, handedOverBy: source.from } : a));
    const { acceptedAt: _accepted, ...clock } = s.sla;
    const handOver: HandOver = { from: source.from, to: NATIONAL_CENTRE, by: actor.id, at, reason: e.reason, round: s.reopenCount, policyBefore: s.sla.policy };
    const anyTaken = withSource.some((a) => a.state === 'accepted' || a.state === 'receiptReturned');
    return {
      patch: {
        phase: anyTaken ? s.phase : 'dispatched',
        assignments: withSource,
        escalationLevel: 'national',
        handOver,
        sla: { ...clock, policy: coordinationPolicy(s.type, s.customer.tier), startedAt: at, pauses: [], marksDone: [] },
      },
      details: { from: source.from, to: NATIONAL_CENTRE, reason: e.reason, policy: coordinationPolicy(s.type, s.customer.tier).id },
    };
  },

  escalate(s, e, actor, at) {
    const refused = firstFailure(
      requireRole(actor, ['system', 'supervisor', 'centre'], 'escalate'),
      systemMarkOnly(e.mark, actor, 'escalate'),
      requirePhase(s, OPEN_PHASES, 'escalate'),
    );
    if (refused) return refused;
    const to = nextEscalationLevel(s.escalationLevel);
    if (!to) return fail('WRONG_STATE', `escalate: work order ${s.id} is already at the national level`);
    const sla = markDone(s, e.mark, 'escalate');
    if (isFailure(sla)) return sla;
    const escalation: Escalation = {
      from: s.escalationLevel,
      to,
      at,
      reason: e.reason,
      target: escalationTarget(to, handlingLocalNetwork(s)).id,
      ...(e.mark !== undefined ? { mark: e.mark } : {}),
    };
    return {
      patch: {
        escalationLevel: to,
        escalations: [...s.escalations, escalation],
        sla,
      },
      details: { from: escalation.from, to, target: escalation.target, reason: e.reason, mark: e.mark },
    };
  },

  /**
   * The SLA clock's urge (with its mark), or a person's (催办: the customer called again): the call
   * centre, a supervisor or the centre, or the customer's account manager. A person's urge is
   * counted and raises the priority one step; the workflow escalates when enough urges fall within
   * the window (urging.ts).
   */
  urge(s, e, actor, at) {
    const person = actor.role !== 'system';
    const refused = firstFailure(
      actor.role === 'accountManager' ? ownCustomer(s, actor, 'urge') : requireRole(actor, ['system', 'supervisor', 'centre', 'agent'], 'urge'),
      systemMarkOnly(e.mark, actor, 'urge'),
      requirePhase(s, SLA_ACTIVE_PHASES, 'urge'),
      person && !hasLive(s.assignments) ? fail('WRONG_STATE', `urge: no department owes work order ${s.id} anything now`) : undefined,
    );
    if (refused) return refused;
    const sla = markDone(s, e.mark, 'urge');
    if (isFailure(sla)) return sla;
    const departments = s.assignments.filter((a) => LIVE.includes(a.state)).map((a) => a.department);
    if (!person) return { patch: { sla }, details: { departments, mark: e.mark, reason: e.reason, level: s.escalationLevel } };
    const urging: Urging = { count: (s.urging?.count ?? 0) + 1, lastAt: at, lastBy: actor.id };
    const priority = raisedPriority(s.priority);
    return {
      patch: { urging, priority },
      details: { departments, reason: e.reason, level: s.escalationLevel, count: urging.count, from: s.priority, to: priority },
    };
  },

  supervise(s, e, actor, at) {
    const refused = firstFailure(requireRole(actor, ['supervisor'], 'supervise'), requirePhase(s, OPEN_PHASES, 'supervise'));
    if (refused) return refused;
    const open = openSupervision(s);
    if (open) {
      return fail('WRONG_STATE', `supervise: work order ${s.id} is under supervision ${open.id} by ${open.by}, awaiting its reply; one at a time`);
    }
    const departments = assignees(s);
    if (departments.length === 0) return fail('WRONG_STATE', `supervise: no department holds work order ${s.id} to reply; dispatch it first`);
    const due = Date.parse(e.due);
    if (!(due > at)) return fail('INVALID', 'supervise: due: the deadline must lie ahead');
    if (due - at > MAX_SUPERVISION_DAYS * DAY_MS) return fail('INVALID', `supervise: due: at most ${MAX_SUPERVISION_DAYS} days ahead`);
    const supervision: Supervision = {
      id: (s.supervisions?.length ?? 0) + 1,
      by: actor.id,
      level: actor.level ?? ESCALATION_LEVELS[0],
      ...(actor.department !== undefined ? { centre: actor.department } : {}),
      at,
      due,
      instructions: e.instructions,
      departments,
    };
    return {
      patch: { supervisions: [...(s.supervisions ?? []), supervision] },
      details: { supervision: supervision.id, due, instructions: e.instructions, departments, level: supervision.level },
    };
  },

  superviseReply(s, e, actor, at) {
    const own = ownAssignment(s, actor, 'superviseReply');
    if (isFailure(own)) return own;
    const refused = requirePhase(s, OPEN_PHASES, 'superviseReply');
    if (refused) return refused;
    const open = openSupervision(s);
    if (!open) return fail('WRONG_STATE', `superviseReply: work order ${s.id} has no supervision awaiting a reply`);
    const reply = { text: e.text, at, by: actor.id, department: own.department };
    return {
      patch: { supervisions: (s.supervisions ?? []).map((x) => (x.id === open.id ? { ...x, reply } : x)) },
      details: { supervision: open.id, department: own.department, text: e.text, inTime: at <= open.due },
    };
  },

  supervisionOverdue(s, e, actor, at) {
    const refused = requireRole(actor, ['system'], 'supervisionOverdue');
    if (refused) return refused;
    const open = openSupervision(s);
    if (!open || open.id !== e.supervision || open.overdueAt !== undefined) {
      return fail('WRONG_STATE', `supervisionOverdue: supervision ${e.supervision} of work order ${s.id} is not awaiting its reply unmarked`);
    }
    if (at < open.due) return fail('INVALID', `supervisionOverdue: supervision ${open.id} is due at ${open.due}, not yet`);
    return {
      patch: { supervisions: (s.supervisions ?? []).map((x) => (x.id === open.id ? { ...x, overdueAt: at } : x)) },
      details: { supervision: open.id, due: open.due, departments: assignees(s), by: open.by },
    };
  },
};

function malformed(event: unknown, error: z.ZodError): WorkOrderFailure {
  const issues = error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  return fail('INVALID', `${String((event as { type?: unknown } | undefined)?.type)}: ${issues.join('; ')}`);
}

/**
 * Whether a new event (a person's request) may be applied: within every bound and with no unknown
 * field (WorkOrderEventSchema), then as applyEvent judges it. The workflow's update validator asks
 * this; applyEvent alone re-applies events a history already holds.
 */
export function admitEvent(s: WorkOrderSnapshot, event: unknown, actor: Actor, at: number): WorkOrderResult {
  const parsed = WorkOrderEventSchema.safeParse(event);
  return parsed.success ? applyEvent(s, parsed.data, actor, at) : malformed(event, parsed.error);
}

/**
 * Applies one event at `at` (epoch ms, the workflow's time): the next snapshot, or why it is refused.
 * Authorisation is checked before state, so another department learns nothing about the order.
 * Pure: `s` is not modified.
 */
export function applyEvent(s: WorkOrderSnapshot, event: WorkOrderEvent, actor: Actor, at: number): WorkOrderResult {
  if (!Number.isFinite(at)) return fail('INVALID', 'the time of the event is not a number');
  if (at < s.updatedAt) return fail('INVALID', `the event at ${at} is earlier than the last change at ${s.updatedAt}`);
  if (!actor || typeof actor.id !== 'string' || actor.id === '' || !ACTOR_ROLES.includes(actor.role)) {
    return fail('INVALID', 'the actor needs an id and a known role');
  }
  const parsed = RecordedEventSchema.safeParse(event);
  if (!parsed.success) return malformed(event, parsed.error);
  const e = parsed.data;
  const outcome = (HANDLERS[e.type] as Handler<WorkOrderEvent>)(s, e, actor, at);
  if (isFailure(outcome)) return outcome;
  const next: WorkOrderSnapshot = { ...s, ...outcome.patch, updatedAt: at };
  next.state = stateOfPhase(next.phase);
  // Patches clear optional fields with undefined; drop the keys so snapshots stay plain JSON.
  for (const key of Object.keys(next) as (keyof WorkOrderSnapshot)[]) if (next[key] === undefined) delete next[key];
  const details = outcome.details && Object.fromEntries(Object.entries(outcome.details).filter(([, v]) => v !== undefined));
  const entry: TimelineEntry = { at, actor: actorRef(actor), action: e.type };
  if (details && Object.keys(details).length > 0) entry.details = details;
  // The status history (TMF621 statusChange) is read off the timeline.
  if (next.state !== s.state) entry.state = next.state;
  next.timeline = [...s.timeline, entry];
  return { ok: true, next };
}

/** Departments that currently owe the order something (accept or receipt). */
export function openAssignments(s: WorkOrderSnapshot): Assignment[] {
  return s.assignments.filter((a) => LIVE.includes(a.state));
}

/** Departments holding the order in the current round (including those whose receipt is in). */
export function assignees(s: WorkOrderSnapshot): string[] {
  return s.assignments.filter((a) => HOLDING.includes(a.state)).map((a) => a.department);
}

/** Who accepted an assignment, and when. */
export interface Acceptance {
  department: string;
  round: number;
  by: string;
  at: number;
}

/**
 * Who accepted each assignment (current and earlier rounds) and when: the assignment keeps only the
 * time, its accept entry in the timeline (the department's, at that time) says who.
 */
export function acceptancesOf(s: Pick<WorkOrderSnapshot, 'assignments' | 'previousAssignments' | 'timeline'>): Acceptance[] {
  const out: Acceptance[] = [];
  for (const a of [...s.previousAssignments, ...s.assignments]) {
    if (a.acceptedAt === undefined) continue;
    const entry = s.timeline.find((e) => e.action === 'accept' && e.at === a.acceptedAt && e.actor.department === a.department);
    if (entry) out.push({ department: a.department, round: a.round, by: entry.actor.id, at: a.acceptedAt });
  }
  return out;
}

/** How a department's worklist is ordered: soonest deadline first (what is due), or latest dispatch first (what just came in). */
export const WORKLIST_SORTS = ['deadline', 'newest'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];
