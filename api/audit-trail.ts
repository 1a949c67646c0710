// The audit trail: a workflow's history (what Temporal recorded, event by event) told as business
// events — who did what, when, with which result. Built from the history alone, so it shows what the
// engine saw, not what the read model says:
//  - people's actions are the Updates they sent (the actor is in the update's arguments);
//  - the system's steps are activities (adapter calls), with attempts, duration and outcome;
//  - state changes are read from what the workflow handed its read-model writer (order views,
//    work-order snapshots whose timeline also names who did what, timers' escalations included),
//    or, where that writer runs as a local activity, from what it answered (its marker keeps that);
//  - the short steps that run as local activities (contracts/order-fulfilment.ts STEP_SHAPES) from
//    their markers: the attempts and the outcome, the idempotency key from the marker's summary (a
//    local activity's input is not in the history), one event per step however many timers its
//    retries waited on;
//  - start, child workflows, cancellation requests and the close.
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import type { TimelineEntry, WorkOrderSnapshot } from '../domain/work-order.js';
import type { OrderView } from '../contracts/order-fulfilment.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

export interface AuditActor {
  id: string;
  role?: string;
  department?: string;
}

export interface AuditEvent {
  /** The history event it comes from (the first, when several make one business event). */
  eventId: number;
  at: string;
  who: AuditActor;
  /** What happened, in business words. */
  what: string;
  /** succeeded / failed / the new state …; absent for a plain fact. */
  result?: string;
  details?: Record<string, unknown>;
}

export interface AuditTrail {
  workflowId: string;
  runId?: string;
  workflowType?: string;
  status: string;
  historyEvents: number;
  events: AuditEvent[];
}

const SYSTEM: AuditActor = { id: 'system', role: 'system' };
/** The marker a local activity leaves in the history (Temporal's core SDK). */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** What core records of a local activity in its marker's data (timestamps and durations as protobuf JSON). */
export interface LocalActivityMarkerData {
  seq?: number;
  attempt?: number;
  activity_type?: string;
  activityType?: string;
  complete_time?: unknown;
  backoff?: unknown;
}

/** The data of a local activity's marker, or an empty object when it cannot be read. */
export function localActivityMarkerData(a: NonNullable<HistoryEvent['markerRecordedEventAttributes']>): LocalActivityMarkerData {
  const [meta] = decode(a.details?.data);
  return meta && typeof meta === 'object' ? (meta as LocalActivityMarkerData) : {};
}

/** Business names of activities; the read-model writers are turned into state changes instead. */
const STEP_NAMES: Record<string, string> = {
  validateOrder: 'validate and price the order',
  amendItem: 'check an item amendment',
  reserveResource: 'reserve a resource (inventory)',
  releaseReservations: 'release reservations (compensation)',
  configureNetwork: 'configure the network',
  undoNetworkConfiguration: 'undo the network configuration (compensation)',
  applyBilling: 'activate billing',
  undoBilling: 'undo billing (compensation)',
  changeNetwork: 'change the service on the network',
  undoNetworkChange: 'undo the network change (compensation)',
  changeBilling: 'change the subscription in billing',
  undoBillingChange: 'undo the billing change (compensation)',
  quarantineNumber: 'put the number in quarantine (inventory)',
  releaseOldResources: 'release the old resources (inventory)',
  notifyOrderCustomer: 'notify the customer',
  notifyDepartments: 'notify departments',
  notifyCustomer: 'notify the customer',
};
const BOOKKEEPING = new Set(['recordOrderProgress', 'recordWorkOrder']);
/** Input fields an auditor wants to see of a step (the rest is bulk). */
const INPUT_FIELDS = [
  'orderId',
  'itemId',
  'kind',
  'action',
  'serviceId',
  'serviceValue',
  'subscriptionId',
  'departments',
  'state',
  'idempotencyKey',
  'workOrderId',
];

/** Output fields an auditor wants to see of a step. */
const STEP_OUTPUT_FIELDS = ['ok', 'reservationId', 'value', 'activationId', 'billingId', 'refusals'];

function decode(payloads: Payloads): unknown[] {
  return (payloads?.payloads ?? []).map((p) => {
    try {
      return defaultPayloadConverter.fromPayload(p);
    } catch {
      return '(undecodable payload)';
    }
  });
}

const iso = (e: HistoryEvent) => new Date(optionalTsToMs(e.eventTime) ?? 0).toISOString();
const num = (v: unknown) => Number(v ?? 0);

function pick(o: unknown, fields: readonly string[]): Record<string, unknown> | undefined {
  if (!o || typeof o !== 'object') return o === undefined ? undefined : { value: o };
  const out: Record<string, unknown> = {};
  for (const f of fields) if ((o as Record<string, unknown>)[f] !== undefined) out[f] = (o as Record<string, unknown>)[f];
  return Object.keys(out).length ? out : undefined;
}

function failureMessage(f: temporal.api.failure.v1.IFailure | null | undefined): string {
  const parts: string[] = [];
  for (let x = f; x && parts.length < 4; x = x.cause) if (x.message) parts.push(x.message);
  return parts.join(': ') || 'failed';
}

function actorOf(v: unknown): AuditActor | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const a = v as Record<string, unknown>;
  if (typeof a.id !== 'string') return undefined;
  return { id: a.id, ...(typeof a.role === 'string' ? { role: a.role } : {}), ...(typeof a.department === 'string' ? { department: a.department } : {}) };
}

export interface TrailOptions {
  workflowId: string;
  runId?: string;
  /** Who started the workflow when its input does not say (an order: the read model's creator). */
  startedBy?: AuditActor;
}

export function auditTrailOf(history: { events?: HistoryEvent[] | null }, opts: TrailOptions): AuditTrail {
  const events = history.events ?? [];
  const trail = new TrailBuilder(opts);
  for (const e of events) trail.add(e);
  return {
    workflowId: opts.workflowId,
    runId: opts.runId,
    workflowType: trail.workflowType,
    status: trail.status,
    historyEvents: events.length,
    events: trail.out,
  };
}

type ActivityEnd = NonNullable<
  | HistoryEvent['activityTaskCompletedEventAttributes']
  | HistoryEvent['activityTaskFailedEventAttributes']
  | HistoryEvent['activityTaskTimedOutEventAttributes']
  | HistoryEvent['activityTaskCanceledEventAttributes']
>;
type ChildEnd = NonNullable<
  | HistoryEvent['childWorkflowExecutionCompletedEventAttributes']
  | HistoryEvent['childWorkflowExecutionFailedEventAttributes']
  | HistoryEvent['childWorkflowExecutionCanceledEventAttributes']
  | HistoryEvent['childWorkflowExecutionTimedOutEventAttributes']
  | HistoryEvent['childWorkflowExecutionTerminatedEventAttributes']
>;

/** Folds a history, event by event, into business events: one method per kind of history event. */
class TrailBuilder {
  readonly out: AuditEvent[] = [];
  workflowType: string | undefined;
  status = 'RUNNING';
  private readonly scheduled = new Map<number, { e: HistoryEvent; name: string; input: unknown; attempt: number }>();
  private readonly updates = new Map<string, AuditEvent>();
  private readonly children = new Map<number, AuditEvent>();
  private orderState: string | undefined;
  private timelineSeen = 0;

  constructor(private readonly opts: TrailOptions) {}

  add(e: HistoryEvent): void {
    const id = num(e.eventId);
    const at = iso(e);
    if (e.workflowExecutionStartedEventAttributes) this.started(id, at, e.workflowExecutionStartedEventAttributes);
    else if (e.activityTaskScheduledEventAttributes) this.activityScheduled(id, at, e, e.activityTaskScheduledEventAttributes);
    else if (e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER) this.localActivity(id, at, e, e.markerRecordedEventAttributes);
    else if (e.activityTaskStartedEventAttributes) {
      const s = this.scheduled.get(num(e.activityTaskStartedEventAttributes.scheduledEventId));
      if (s) s.attempt = e.activityTaskStartedEventAttributes.attempt ?? 1;
    } else if (
      e.activityTaskCompletedEventAttributes ||
      e.activityTaskFailedEventAttributes ||
      e.activityTaskTimedOutEventAttributes ||
      e.activityTaskCanceledEventAttributes
    ) {
      this.activityEnded(e);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) this.updateAccepted(id, at, e.workflowExecutionUpdateAcceptedEventAttributes);
    else if (e.workflowExecutionUpdateCompletedEventAttributes) this.updateCompleted(e.workflowExecutionUpdateCompletedEventAttributes);
    else if (e.workflowExecutionSignaledEventAttributes) {
      const a = e.workflowExecutionSignaledEventAttributes;
      this.out.push({ eventId: id, at, who: { id: a.identity ?? 'unknown' }, what: `signal ${a.signalName}`, details: { input: decode(a.input)[0] } });
    } else if (e.workflowExecutionCancelRequestedEventAttributes) {
      const a = e.workflowExecutionCancelRequestedEventAttributes;
      this.out.push({
        eventId: id,
        at,
        who: { id: a.identity || 'unknown' },
        what: 'workflow cancellation requested',
        details: a.cause ? { cause: a.cause } : undefined,
      });
    } else if (e.startChildWorkflowExecutionInitiatedEventAttributes) {
      const a = e.startChildWorkflowExecutionInitiatedEventAttributes;
      const item: AuditEvent = {
        eventId: id,
        at,
        who: SYSTEM,
        what: `started ${a.workflowType?.name ?? 'child workflow'}`,
        result: 'started',
        details: { workflowId: a.workflowId },
      };
      this.children.set(id, item);
      this.out.push(item);
    } else if (
      e.childWorkflowExecutionCompletedEventAttributes ||
      e.childWorkflowExecutionFailedEventAttributes ||
      e.childWorkflowExecutionCanceledEventAttributes ||
      e.childWorkflowExecutionTimedOutEventAttributes ||
      e.childWorkflowExecutionTerminatedEventAttributes
    ) {
      this.childEnded(at, e);
    } else this.closed(id, at, e);
  }

  private started(id: number, at: string, a: NonNullable<HistoryEvent['workflowExecutionStartedEventAttributes']>): void {
    this.workflowType = a.workflowType?.name ?? undefined;
    const workflowType = this.workflowType;
    const [input] = decode(a.input);
    const createdBy = actorOf((input as { createdBy?: unknown })?.createdBy);
    this.out.push({
      eventId: id,
      at,
      who: createdBy ?? this.opts.startedBy ?? { id: a.identity ?? 'unknown' },
      what: workflowType === 'workOrder' ? 'work order taken' : workflowType === 'orderFulfilment' ? 'order received' : `${workflowType} started`,
      details: { workflowType, taskQueue: a.taskQueue?.name, ...(pick(input, ['orderId']) ?? {}), ...(workOrderInputSummary(input) ?? {}) },
    });
  }

  private activityScheduled(id: number, at: string, e: HistoryEvent, a: NonNullable<HistoryEvent['activityTaskScheduledEventAttributes']>): void {
    const [input] = decode(a.input);
    const name = a.activityType?.name ?? '';
    this.scheduled.set(id, { e, name: name || 'activity', input, attempt: 0 });
    // What the workflow tells its read-model writer is what changed: report that, once.
    if (name === 'recordOrderProgress') this.orderStateChange(id, at, input as OrderView);
    else if (name === 'recordWorkOrder') {
      const snapshot = (input as { snapshot?: WorkOrderSnapshot })?.snapshot;
      this.timelineEntries(id, (snapshot?.timeline ?? []).slice(this.timelineSeen), snapshot?.state);
    }
  }

  /**
   * A local activity's marker: the bookkeeping's keeps the result, which says what was recorded; a
   * step's keeps its attempts and outcome, and its summary the call's idempotency key. A marker with a
   * backoff is an attempt that failed before a timer: the step's event comes with its last marker.
   */
  private localActivity(id: number, at: string, e: HistoryEvent, a: NonNullable<HistoryEvent['markerRecordedEventAttributes']>): void {
    const meta = localActivityMarkerData(a);
    const name = meta.activity_type ?? meta.activityType ?? 'local activity';
    if (meta.backoff) return;
    const [result] = decode(a.details?.result);
    const [summary] = e.userMetadata?.summary ? decode({ payloads: [e.userMetadata.summary] }) : [];
    const step = (outcome: string) =>
      this.out.push({
        eventId: id,
        at,
        who: SYSTEM,
        what: STEP_NAMES[name] ?? name,
        result: outcome,
        details: {
          activity: name,
          local: true,
          attempts: meta.attempt,
          ...(typeof summary === 'string' ? { input: { idempotencyKey: summary } } : {}),
          ...(result !== undefined && result !== null ? { output: pick(result, STEP_OUTPUT_FIELDS) ?? result } : {}),
        },
      });
    if (a.failure) step(a.failure.canceledFailureInfo ? 'cancelled' : `failed: ${failureMessage(a.failure)}`);
    else if (name === 'recordOrderProgress') this.orderStateChange(id, at, result as { state?: string });
    else if (name === 'recordWorkOrder') {
      const recorded = result as { state?: string; entries?: TimelineEntry[] } | undefined;
      this.timelineEntries(id, recorded?.entries ?? [], recorded?.state);
    } else step('succeeded');
  }

  private activityEnded(e: HistoryEvent): void {
    const a: ActivityEnd = (e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes ??
      e.activityTaskCanceledEventAttributes)!;
    const s = this.scheduled.get(num(a.scheduledEventId));
    if (!s || BOOKKEEPING.has(s.name)) return;
    const result = e.activityTaskCompletedEventAttributes
      ? 'succeeded'
      : e.activityTaskFailedEventAttributes
        ? `failed: ${failureMessage(e.activityTaskFailedEventAttributes.failure)}`
        : e.activityTaskTimedOutEventAttributes
          ? `timed out: ${failureMessage(e.activityTaskTimedOutEventAttributes.failure)}`
          : 'cancelled';
    const [output] = e.activityTaskCompletedEventAttributes ? decode(e.activityTaskCompletedEventAttributes.result) : [];
    this.out.push({
      eventId: num(s.e.eventId),
      at: iso(s.e),
      who: SYSTEM,
      what: STEP_NAMES[s.name] ?? s.name,
      result,
      details: {
        activity: s.name,
        attempts: s.attempt,
        durationMs: (optionalTsToMs(e.eventTime) ?? 0) - (optionalTsToMs(s.e.eventTime) ?? 0),
        ...(pick(s.input, INPUT_FIELDS) ? { input: pick(s.input, INPUT_FIELDS) } : {}),
        ...(output !== undefined ? { output: pick(output, STEP_OUTPUT_FIELDS) ?? output } : {}),
      },
    });
  }

  /** A person's request (a Workflow Update): who sent it, carried in its arguments. */
  private updateAccepted(id: number, at: string, a: NonNullable<HistoryEvent['workflowExecutionUpdateAcceptedEventAttributes']>): void {
    const request = a.acceptedRequest;
    const name = request?.input?.name ?? 'update';
    const [arg] = decode(request?.input?.args);
    const actor =
      actorOf((arg as { actor?: unknown })?.actor) ??
      actorOf({ id: (arg as { requestedBy?: unknown })?.requestedBy, role: (arg as { requestedByRole?: unknown })?.requestedByRole });
    const event = (arg as { event?: { type?: string } })?.event;
    const item: AuditEvent = {
      eventId: id,
      at,
      who: actor ?? { id: request?.meta?.identity ?? 'unknown' },
      what: requestName(name, event?.type),
      result: 'accepted',
      details: { update: name, ...(event ? { event } : typeof arg === 'object' && arg ? { request: { ...(arg as object), actor: undefined } } : {}) },
    };
    this.updates.set(request?.meta?.updateId ?? String(id), item);
    this.out.push(item);
  }

  private updateCompleted(a: NonNullable<HistoryEvent['workflowExecutionUpdateCompletedEventAttributes']>): void {
    const item = this.updates.get(a.meta?.updateId ?? '');
    if (!item) return;
    if (a.outcome?.failure) item.result = `refused: ${failureMessage(a.outcome.failure)}`;
    else {
      const [value] = decode(a.outcome?.success);
      const state = (value as { state?: unknown })?.state;
      item.result = typeof state === 'string' ? `succeeded (${state})` : 'succeeded';
    }
  }

  private childEnded(at: string, e: HistoryEvent): void {
    const a: ChildEnd = (e.childWorkflowExecutionCompletedEventAttributes ??
      e.childWorkflowExecutionFailedEventAttributes ??
      e.childWorkflowExecutionCanceledEventAttributes ??
      e.childWorkflowExecutionTimedOutEventAttributes ??
      e.childWorkflowExecutionTerminatedEventAttributes)!;
    const item = this.children.get(num(a.initiatedEventId));
    if (!item) return;
    if (e.childWorkflowExecutionCompletedEventAttributes) {
      const [r] = decode(e.childWorkflowExecutionCompletedEventAttributes.result);
      item.result = 'completed';
      item.details = { ...item.details, completedAt: at, ...(pick(r, ['installed', 'reason']) ?? {}) };
    } else {
      item.result = e.childWorkflowExecutionFailedEventAttributes
        ? `failed: ${failureMessage(e.childWorkflowExecutionFailedEventAttributes.failure)}`
        : e.childWorkflowExecutionCanceledEventAttributes
          ? 'cancelled'
          : e.childWorkflowExecutionTimedOutEventAttributes
            ? 'timed out'
            : 'terminated';
      item.details = { ...item.details, endedAt: at };
    }
  }

  /** How the run ended, if this event ends it. */
  private closed(id: number, at: string, e: HistoryEvent): void {
    const end = (status: string, event: Omit<AuditEvent, 'eventId' | 'at'>) => {
      this.status = status;
      this.out.push({ eventId: id, at, ...event });
    };
    if (e.workflowExecutionCompletedEventAttributes) {
      const [r] = decode(e.workflowExecutionCompletedEventAttributes.result);
      const state = (r as { state?: unknown; snapshot?: { state?: unknown } })?.state ?? (r as { snapshot?: { state?: unknown } })?.snapshot?.state;
      end('COMPLETED', { who: SYSTEM, what: 'workflow completed', result: typeof state === 'string' ? state : 'completed' });
    } else if (e.workflowExecutionFailedEventAttributes) {
      end('FAILED', { who: SYSTEM, what: 'workflow failed', result: failureMessage(e.workflowExecutionFailedEventAttributes.failure) });
    } else if (e.workflowExecutionCanceledEventAttributes) {
      end('CANCELLED', { who: SYSTEM, what: 'workflow cancelled', result: 'cancelled' });
    } else if (e.workflowExecutionTerminatedEventAttributes) {
      const a = e.workflowExecutionTerminatedEventAttributes;
      end('TERMINATED', { who: { id: a.identity || 'unknown' }, what: 'workflow terminated', result: a.reason || 'terminated' });
    } else if (e.workflowExecutionTimedOutEventAttributes) {
      end('TIMED_OUT', { who: SYSTEM, what: 'workflow timed out', result: 'timed out' });
    } else if (e.workflowExecutionContinuedAsNewEventAttributes) {
      end('CONTINUED_AS_NEW', {
        who: SYSTEM,
        what: 'continued as a new run',
        result: e.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunId ?? undefined,
      });
    }
  }

  private orderStateChange(eventId: number, at: string, view: { state?: string; stateReason?: string; seq?: number } | undefined): void {
    if (!view?.state || view.state === this.orderState) return;
    this.out.push({
      eventId,
      at,
      who: SYSTEM,
      what: `order ${this.orderState === undefined ? 'is' : 'moved to'} ${view.state}`,
      result: view.state,
      details: pick(view, ['stateReason', 'seq']),
    });
    this.orderState = view.state;
  }

  /** New entries of the work order's own timeline; the state after the batch belongs to its last entry only. */
  private timelineEntries(eventId: number, fresh: TimelineEntry[], stateAfter: string | undefined): void {
    fresh.forEach((entry, i) => this.out.push(timelineEvent(eventId, entry, i === fresh.length - 1 ? stateAfter : undefined)));
    this.timelineSeen += fresh.length;
  }
}

/** What a person's request is called in the trail. */
function requestName(update: string, eventType: string | undefined): string {
  if (update === 'workOrderAction' && eventType) return `requested ${eventType}`;
  if (update === 'cancelOrder') return 'requested cancellation';
  if (update === 'amendOrderItem') return 'requested an item amendment';
  return `requested ${update}`;
}

function workOrderInputSummary(input: unknown): Record<string, unknown> | undefined {
  const o = (input as { order?: Record<string, unknown>; fieldInstallation?: unknown })?.order;
  if (!o) return undefined;
  return {
    ...pick(o, ['id', 'type', 'channel', 'priority', 'takenInLocalNetwork', 'serviceLine', 'relatedOrderId']),
    ...(pick(input, ['fieldInstallation', 'dispatchTo']) ?? {}),
  };
}

/** One entry of the work order's own timeline, as the workflow recorded it. */
function timelineEvent(eventId: number, entry: TimelineEntry, stateAfter: string | undefined): AuditEvent {
  return {
    eventId,
    at: new Date(entry.at).toISOString(),
    who: actorOf(entry.actor) ?? SYSTEM,
    what: entry.action,
    ...(stateAfter ? { result: stateAfter } : {}),
    ...(entry.details ? { details: entry.details } : {}),
  };
}
