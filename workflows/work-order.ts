// The electronic work order (电子工单), one workflow per work order — the closed loop:
//
//   intake → classify → dispatch (routing rules) → department accepts → handles → receipt (回单)
//   → centre reviews (approve, or send back) → customer told → satisfaction callback → closed
//   unsatisfied → reopen → dispatched again;  no answer from the customer → closed by itself
//
// Alongside, the SLA clock: before a deadline the department is urged (催单) and its supervisor
// warned; when a deadline passes the work order escalates city → province → national and the next
// level is notified. The clock pauses while the work order waits on the customer.
// Every rule lives in domain/work-order.ts and domain/sla.ts; this file only drives them in time.
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { whenHandlersFinished } from './handlers.js';
import { refusal } from '../contracts/failures.js';
import { CITY_DEPARTMENT_FUNCTIONS, type CityDepartmentFunction } from '../domain/departments.js';
import { yearsReached } from '../domain/calendar.js';
import { routeWorkOrder, routingInputOf } from '../domain/routing.js';
import { provinceNotices } from '../domain/national-centre.js';
import { callbackDeadlinePending, callbackDueBy, openCallback } from '../domain/callbacks.js';
import { deadlinesOf, nextSlaEvent } from '../domain/sla.js';
import { DEFAULT_URGE_POLICY, openSupervision, supervisionDueAt, urgesEscalate } from '../domain/urging.js';
import {
  CLOCK_ONLY_EVENTS,
  MAX_TEXT,
  ORDER_EVENTS,
  PLACED_ORDER_OUTCOMES,
  ROAMING_FORWARDED_TYPES_BEFORE_FAULT_REPORTS,
  TERMINAL_PHASES,
  admitEvent,
  applyEvent,
  assignees,
  createWorkOrder,
  handlingLocalNetwork,
  openAssignments,
  type Actor,
  type PlacedOrderOutcome,
  type WorkOrderEvent,
  type WorkOrderSnapshot,
} from '../domain/work-order.js';
import {
  awaitDispatchUpdate,
  getWorkOrderQuery,
  placeOrderUpdate,
  workOrderActionUpdate,
  type PlaceOrderRequest,
  type WorkOrderAction,
  type WorkOrderActivities,
  type WorkOrderInput,
  type WorkOrderResult,
  type WorkOrderView,
  type WorkOrderWorkflow,
} from '../contracts/work-order.js';
import { ORDER_FULFILMENT, orderWorkflowId, type OrderFulfilmentWorkflow } from '../contracts/order-fulfilment.js';
import {
  DepartmentKey,
  EscalationLevelKey,
  LocalNetworkKey,
  PriorityKey,
  WorkOrderIdKey,
  WorkOrderStateKey,
  WorkOrderTypeKey,
  CustomerIdKey,
  OrderIdKey,
  OrderStateKey,
} from '../contracts/search-attributes.js';

// ---- Activities, by role ------------------------------------------------------------------------
const TIMEOUT = '30 seconds';
/** Telling people and keeping the read model must eventually happen: retried without limit. */
const RETRY_UNTIL_DONE = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' };

/** Telling people: departments (dispatch, urging, escalation, another appointment) and the customer. */
const notifications = proxyActivities<WorkOrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/** The read model's bookkeeping, as a local activity (see RECORD_PROGRESS_LOCALLY in order-fulfilment.ts). */
const readModel = proxyLocalActivities<WorkOrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/** Reference data read at intake (the holiday arrangements), as a local activity: its marker keeps the answer for replays. */
const referenceData = proxyLocalActivities<WorkOrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/** The same, through the task queue, for runs started before RECORD_WORK_ORDER_LOCALLY. */
const readModelViaQueue = proxyActivities<WorkOrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });

// ---- Patches (see README, "Versioning policy") ---------------------------------------------------
export const RECORD_WORK_ORDER_LOCALLY = 'record-work-order-locally';
export const RESCHEDULE_INSTALLATION = 'reschedule-installation';
export const CLOSE_INSTALLATION = 'close-installation';
export const ANSWER_DISPATCH_WHEN_RECORDED = 'answer-dispatch-when-recorded';
/** A service request turned into a product order, run as this work order's child (issue 14, point 7). */
export const SERVICE_REQUEST_ORDER = 'service-request-order';
/** Urging by people (催办, issue 15 point 1): counted, priority up, escalated after enough urges in the window. */
export const URGE_BY_PEOPLE = 'urge-by-people';
/** Supervision by people (督办, issue 15 point 1): the department told, the reply to the supervisor, the deadline's timer. */
export const SUPERVISION_BY_PEOPLE = 'supervision-by-people';
/** The customer's account manager told of a new work order (issue 15 point 7). */
export const NOTIFY_ACCOUNT_MANAGER = 'notify-account-manager';
/** A roaming fault report is forwarded to the home local network, as a roaming complaint is (issue 15, point 3). */
export const ROAMING_FAULT_REPORTS = 'roaming-fault-reports';
/** The work order's category picks its routing rule and SLA policy (issue 15, point 4). */
export const WORK_ORDER_CATEGORY = 'work-order-category';
/** The holiday arrangements are data per year, taken once at intake into the snapshot (issue 15, point 6). */
export const CALENDAR_PER_YEAR = 'calendar-per-year';

/** Once the customer is told, the call centre owes a callback by its own deadline (issue 15, point 2). */
export const CALLBACK_TASK = 'callback-task';
/** A complaint about a national service is routed to the national centre under its SLA (issue 15, point 5). */
export const NATIONAL_DISPATCH = 'national-dispatch';
/** The province centre hands a work order over to the national centre; the province is told of each national step (issue 15, point 5). */
export const NATIONAL_HAND_OVER = 'national-hand-over';

const SYSTEM: Actor = { id: 'system', role: 'system' };
const DEFAULT_INSTALLATION_ATTEMPTS = 3;

/** The template's department function, when it is one (orders validated before templates named functions carry other words). */
function installationFunction(name: string | undefined): CityDepartmentFunction | undefined {
  return CITY_DEPARTMENT_FUNCTIONS.find((f) => f === name);
}

export async function workOrder(input: WorkOrderInput): Promise<WorkOrderResult> {
  return new WorkOrderLoop(input).run();
}
workOrder satisfies WorkOrderWorkflow;

/** One work order's closed loop: its snapshot, its handlers, and one method per stage. */
class WorkOrderLoop {
  private s: WorkOrderSnapshot;
  /** Bumped by every event applied: what the loop waits on. */
  private version = 0;
  /** Of the read-model writes: the read model ignores an older one arriving late. */
  private seq = 0;
  /** Timeline entries already handed to the read model. */
  private recordedEntries = 0;
  /** Timeline entries the province that handed the work order over has been told of (NATIONAL_HAND_OVER). */
  private informedEntries = 0;
  /** The highest seq the read model has acknowledged. */
  private recordedSeq = 0;
  /** The product order's workflow, once started (a service request turned into an order). */
  private orderChild: ChildWorkflowHandle<OrderFulfilmentWorkflow> | undefined;
  /** Whether routing may read the category (WORK_ORDER_CATEGORY). */
  private readonly byCategory: boolean;

  constructor(private readonly input: WorkOrderInput) {
    const { order } = input;
    // Asked only of the work orders the change concerns, so other histories get no marker. Without
    // it (a run started by a worker before the change), the run goes on as it began: a roaming fault
    // report stays where it was taken, and the category picks neither route nor SLA.
    const roamingFault = order.type === 'fault_report' && order.takenInLocalNetwork !== order.homeLocalNetwork;
    const forwardFaults = !roamingFault || patched(ROAMING_FAULT_REPORTS);
    this.byCategory = order.category !== undefined && patched(WORK_ORDER_CATEGORY);
    // Likewise: without the marker a national service is not read (neither route nor SLA).
    const { nationalService: _national, ...local } = order;
    const intake = order.nationalService === undefined || patched(NATIONAL_DISPATCH) ? order : local;
    const { category, ...uncategorized } = intake;
    this.s = createWorkOrder(this.byCategory || category === undefined ? intake : uncategorized, input.createdBy, Date.now(), {
      timeScale: input.timeScale,
      ...(forwardFaults ? {} : { forwardedTypes: ROAMING_FORWARDED_TYPES_BEFORE_FAULT_REPORTS }),
    });
    // Without the marker the category chose nothing, but the reports still count by it.
    if (category !== undefined && !this.byCategory) this.s = { ...this.s, category };
    setHandler(getWorkOrderQuery, () => this.view());
    // Adds no command to a history that never receives it: runs started before it replay unchanged.
    setHandler(awaitDispatchUpdate, async () => {
      // Answered once the dispatch is in the read model too (patched: earlier runs answered before):
      // the creator's next action could otherwise be recorded first, and the ticket's first write and
      // its hub Create event would show it already past acknowledged.
      const afterRecord = patched(ANSWER_DISPATCH_WHEN_RECORDED);
      await condition(() => this.s.phase !== 'intake' && this.s.phase !== 'classified' && (!afterRecord || this.recordedSeq > 0));
      return this.view();
    });
    setHandler(workOrderActionUpdate, (action) => this.act(action), { validator: (action) => this.admit(action) });
    // Adds no command to a history that never receives it (and marks those that do: SERVICE_REQUEST_ORDER).
    setHandler(placeOrderUpdate, (request) => this.placeOrder(request), { validator: (request) => this.admitOrder(request) });
  }

  async run(): Promise<WorkOrderResult> {
    try {
      return await whenHandlersFinished(await this.closedLoop());
    } catch (err) {
      // Cancelled from outside (the order it serves was cancelled): record it as cancelled.
      if (!isCancellation(err)) throw err;
      await CancellationScope.nonCancellable(async () => {
        if (!TERMINAL_PHASES.includes(this.s.phase)) {
          this.apply({ type: 'cancel', reason: 'cancelled by the process that raised it' }, SYSTEM);
          await this.record();
        }
      });
      throw err;
    }
  }

  private async closedLoop(): Promise<WorkOrderResult> {
    // ---- intake → classify → dispatch ----
    if (this.s.forwardedTo) log.info(`roaming ${this.s.type} forwarded to the home local network`, { workOrderId: this.s.id, to: this.s.forwardedTo });
    await this.takeHolidays();
    this.apply({ type: 'classify' }, SYSTEM);
    await this.dispatchByRules();
    await this.record();
    // Runs started before account managers were named carry none: they replay unchanged.
    if (this.s.accountManager !== undefined && patched(NOTIFY_ACCOUNT_MANAGER)) {
      await notifications.notifyStaff({
        workOrderId: this.s.id,
        username: this.s.accountManager,
        kind: 'accountManager',
        text: `${this.s.type} of your customer ${this.s.customer.id} (${this.s.customer.tier}): ${this.s.description}`.slice(0, 1000),
        idempotencyKey: `${this.s.id}/account-manager`,
      });
    }

    // ---- the loop: wait for people or for the next SLA mark ----
    let closedAt: number | undefined;
    for (;;) {
      const { s } = this;
      // A field installation ends with the department's receipt: the order takes it from there.
      if (this.input.fieldInstallation && s.phase === 'receiptReturned') {
        const settled = await this.settleInstallation();
        if (settled) return settled;
        continue;
      }
      // A service request turned into a product order: the order's end decides.
      if (s.phase === 'orderPlaced') {
        await this.settleOrder();
        continue;
      }
      // The centre approved the receipts: tell the customer, then wait for the callback.
      if (s.phase === 'reviewed') {
        await this.tellCustomer();
        continue;
      }
      if (TERMINAL_PHASES.includes(s.phase)) {
        closedAt ??= Date.now();
        // Closed by its completed order: nothing to reopen (a new request is a new work order).
        if (s.phase !== 'closed' || s.closeReason === 'orderCompleted') break;
        // A closed work order may still be reopened for a while.
        const seen = this.version;
        const reopened = await condition(
          () => this.version !== seen && this.s.phase !== 'closed',
          Math.max(1, closedAt + this.input.reopenWindowMs - Date.now()),
        );
        if (!reopened) break;
        closedAt = undefined;
        continue;
      }
      await this.waitForPeopleOrTheClock();
    }
    return { snapshot: this.s };
  }

  /**
   * The installation's receipts are in: another appointment when it was not done and attempts
   * remain (undefined: the loop goes on), else approved and closed, with the result for the order.
   */
  private async settleInstallation(): Promise<WorkOrderResult | undefined> {
    // The receipt's handler is still recording it: let it finish and answer first, so the two
    // never interleave (whenHandlersFinished's patch: older runs went on at once).
    await whenHandlersFinished(undefined);
    const { s } = this;
    const receipts = s.assignments.filter((a) => a.receipt).map((a) => a.receipt!);
    const installed = receipts.length > 0 && receipts.every((r) => r.result === 'resolved');
    const why = receipts.map((r) => `${r.result}: ${r.notes ?? r.resolutionCode}`).join('; ');
    const attempt = 1 + s.timeline.filter((e) => e.action === 'sendBack' && e.actor.role === 'system').length;
    // Not done (the customer was not at home, say): another appointment, as a real installation
    // is rescheduled, until the attempts run out. Patched: earlier runs gave up at once.
    if (!installed && patched(RESCHEDULE_INSTALLATION)) {
      const attempts = this.input.installationAttempts ?? DEFAULT_INSTALLATION_ATTEMPTS;
      if (attempt < attempts) {
        const departments = s.assignments.filter((a) => a.receipt && a.receipt.result !== 'resolved').map((a) => a.department);
        const reason = `not installed (${why}): another appointment, attempt ${attempt + 1} of ${attempts}`;
        this.apply({ type: 'sendBack', reason, departments }, SYSTEM);
        await notifications.notifyDepartments({
          workOrderId: s.id,
          departments,
          kind: 'dispatch',
          text: reason,
          idempotencyKey: `${s.id}/${this.version}/reschedule`,
        });
        await this.record();
        return undefined;
      }
    }
    this.apply({ type: 'approve', notes: 'receipt accepted by the order fulfilment' }, SYSTEM);
    await this.record();
    // The order has its answer: nothing is left to do here, so the work order closes (no customer
    // callback, nothing to reopen). Patched: earlier runs ended reviewed, open for ever.
    if (patched(CLOSE_INSTALLATION)) {
      this.apply({ type: 'closeInstallation', installed }, SYSTEM);
      await this.record();
    }
    return { snapshot: this.s, installed, reason: installed ? undefined : `${why}${attempt > 1 ? ` (after ${attempt} appointments)` : ''}` };
  }

  /**
   * The product order's end: completed closes the work order; partial, failed, cancelled or rejected
   * hand it back to the centre with the order's reason (another order, a dispatch, or a cancel).
   */
  private async settleOrder(): Promise<void> {
    await condition(() => this.orderChild !== undefined || this.s.phase !== 'orderPlaced');
    const child = this.orderChild;
    const orderId = this.s.placedOrder?.id;
    if (!child || !orderId || this.s.phase !== 'orderPlaced') return;
    let outcome: PlacedOrderOutcome;
    let reason: string | undefined;
    try {
      const view = await child.result();
      outcome = PLACED_ORDER_OUTCOMES.find((o) => o === view.state) ?? 'failed';
      reason = view.stateReason ?? (outcome === view.state ? undefined : `the order ended ${view.state}`);
    } catch (err) {
      // The work order itself cancelled from outside: the order runs on (abandoned), run() records the cancel.
      if (isCancellation(err)) throw err;
      outcome = 'failed';
      reason = `the order's workflow ended without a result: ${err instanceof Error ? err.message : String(err)}`;
    }
    this.orderChild = undefined;
    this.apply({ type: 'orderFinished', orderId, outcome, ...(reason ? { reason: reason.slice(0, MAX_TEXT) } : {}) }, SYSTEM);
    await this.record();
  }

  /**
   * The holiday arrangements of the years its SLA may reach, as loaded now: kept in the snapshot, so a
   * year loaded later never moves this order's deadlines, on replay or in the read model. Patched:
   * earlier runs count with the built-in ones.
   */
  private async takeHolidays(): Promise<void> {
    if (!patched(CALENDAR_PER_YEAR)) return;
    const years = yearsReached(this.s.receivedAt ?? this.s.createdAt, this.s.createdAt);
    const holidays = await referenceData.holidaySchedule({ years });
    this.s = { ...this.s, sla: { ...this.s.sla, holidays } };
  }

  private async tellCustomer(): Promise<void> {
    const { s } = this;
    await notifications.notifyCustomer({ workOrderId: s.id, customerId: s.customer.id, kind: 'resolved', idempotencyKey: `${s.id}/${s.reopenCount}/resolved` });
    this.apply({ type: 'notifyCustomer', message: 'the customer was told the result' }, SYSTEM);
    // The callback as tracked work, with its deadline. Patched: earlier runs only waited for the answer.
    if (patched(CALLBACK_TASK)) this.apply({ type: 'openCallback', dueBy: callbackDueBy(this.s, Math.max(Date.now(), this.s.updatedAt)) }, SYSTEM);
    await this.record();
  }

  /** Until someone acts, or the SLA clock's next mark (urge, escalate), or closing by itself. */
  private async waitForPeopleOrTheClock(): Promise<void> {
    const { s } = this;
    const seen = this.version;
    const now = Date.now();
    const sla = nextSlaEvent(s, now);
    // Resolved and told: the customer's answer, or closing by itself — counted from the telling when a
    // callback task records it (marking the callback overdue must not put the closing off).
    const told = s.phase === 'customerNotified' ? (openCallback(s)?.openedAt ?? s.updatedAt) : undefined;
    const autoCloseAt = told !== undefined ? told + this.input.autoCloseAfterMs : undefined;
    // The callback's deadline, until marked overdue.
    const callbackDue = s.phase === 'customerNotified' ? callbackDeadlinePending(s) : undefined;
    // A supervision's deadline (only histories holding a supervise event have one).
    const supervisionDue = supervisionDueAt(s);
    const wakeAt = Math.min(sla.kind === 'none' ? Infinity : sla.at, autoCloseAt ?? Infinity, callbackDue ?? Infinity, supervisionDue ?? Infinity);
    const changed = await (wakeAt === Infinity
      ? condition(() => this.version !== seen).then(() => true)
      : condition(() => this.version !== seen, Math.max(1, wakeAt - now)));
    if (changed) return;
    if (autoCloseAt !== undefined && Date.now() >= autoCloseAt && this.s.phase === 'customerNotified') {
      this.apply({ type: 'autoClose' }, SYSTEM);
      await this.record();
      return;
    }
    if (callbackDue !== undefined && Date.now() >= callbackDue && this.s.phase === 'customerNotified') {
      await this.callbackOverdue();
      return;
    }
    if (supervisionDue !== undefined && Date.now() >= supervisionDue) {
      await this.supervisionMissed();
      return;
    }
    if (sla.kind === 'urge') {
      this.apply({ type: 'urge', mark: sla.mark, reason: `deadline at ${new Date(sla.deadline).toISOString()}` }, SYSTEM);
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: assignees(this.s),
        kind: 'urge',
        text: `deadline ${new Date(sla.deadline).toISOString()}`,
        warnSupervisors: true,
        idempotencyKey: `${s.id}/${sla.mark}/urge`,
      });
    } else if (sla.kind === 'escalate') {
      this.apply({ type: 'escalate', mark: sla.mark, reason: `deadline ${sla.mark} passed` }, SYSTEM);
      const target = this.s.escalations[this.s.escalations.length - 1]!.target;
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: [target],
        kind: 'escalate',
        text: `escalated to ${sla.level}: deadline ${sla.mark} passed`,
        idempotencyKey: `${s.id}/${sla.mark}/escalate`,
      });
    }
    await this.record();
  }

  /** The callback's deadline passed unanswered: marked, and the local network's call centre and its supervisor urged. */
  private async callbackOverdue(): Promise<void> {
    const { s } = this;
    this.apply({ type: 'callbackOverdue' }, SYSTEM);
    const task = openCallback(this.s)!;
    await notifications.notifyDepartments({
      workOrderId: s.id,
      departments: [`${handlingLocalNetwork(s)}-service-centre`],
      kind: 'urge',
      text: `callback overdue since ${new Date(task.dueBy).toISOString()}`,
      warnSupervisors: true,
      idempotencyKey: `${s.id}/${task.round}/callback-overdue`,
    });
    await this.record();
  }

  // ---- people's actions ----

  private admit(a: WorkOrderAction): void {
    if (!a || typeof a !== 'object' || !a.actor || !a.event) throw refusal('INVALID', 'an action needs an event and an actor');
    // Timers are the system's: people cannot urge, escalate or auto-close through this door… except
    // supervisors and the centre, who may escalate by hand (the domain checks who).
    if ((CLOCK_ONLY_EVENTS as readonly string[]).includes(a.event.type)) throw refusal('FORBIDDEN', `${a.event.type} is done by the system`);
    // An order is placed with the order itself (POST /troubleTicket/{id}/productOrder), and ends by itself.
    if ((ORDER_EVENTS as readonly string[]).includes(a.event.type)) {
      throw refusal('FORBIDDEN', `${a.event.type} comes with the product order (POST /troubleTicket/{id}/productOrder), not as an action`);
    }
    // Admitted as a new event: within its bounds, no unknown field, then by the rules.
    const r = admitEvent(this.s, a.event, a.actor, Math.max(Date.now(), this.s.updatedAt));
    if (!r.ok) throw refusal(r.code, r.message);
  }

  /** A repeat for the order already placed is answered as it is; a new one is judged by the rules. */
  private admitOrder(r: PlaceOrderRequest): void {
    if (!r || typeof r !== 'object' || typeof r.orderId !== 'string' || typeof r.localNetwork !== 'string' || !r.actor) {
      throw refusal('INVALID', 'placing an order needs the order id, its local network and an actor');
    }
    if (this.s.placedOrder?.id === r.orderId) return;
    const res = admitEvent(this.s, { type: 'placeOrder', orderId: r.orderId }, r.actor, Math.max(Date.now(), this.s.updatedAt));
    if (!res.ok) throw refusal(res.code, res.message);
  }

  /**
   * Records the order and starts its fulfilment as a child: `order-<orderId>`, abandoned when this
   * work order closes and never cancelled with it (the order is the customer's, whatever the ticket).
   * Answers once the order's workflow has started (or, if it could not be, with the order failed).
   */
  private async placeOrder({ orderId, localNetwork, summary, actor }: PlaceOrderRequest): Promise<WorkOrderSnapshot> {
    if (this.s.placedOrder?.id === orderId) return this.s;
    // A new path: only histories that received this update reach it; the marker says which code placed the order.
    patched(SERVICE_REQUEST_ORDER);
    this.apply({ type: 'placeOrder', orderId }, actor);
    try {
      this.orderChild = await startChild<OrderFulfilmentWorkflow>(ORDER_FULFILMENT, {
        workflowId: orderWorkflowId(orderId),
        args: [{ orderId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        cancellationType: ChildWorkflowCancellationType.ABANDON,
        typedSearchAttributes: [
          { key: OrderIdKey, value: orderId },
          { key: OrderStateKey, value: 'acknowledged' },
          { key: CustomerIdKey, value: this.s.customer.id },
          { key: LocalNetworkKey, value: localNetwork },
        ],
        ...(summary ? { staticSummary: summary } : {}),
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      const reason = `its fulfilment could not be started: ${err instanceof Error ? err.message : String(err)}`;
      this.apply({ type: 'orderFinished', orderId, outcome: 'failed', reason: reason.slice(0, MAX_TEXT) }, SYSTEM);
    }
    await this.record();
    return this.s;
  }

  private async act({ event, actor }: WorkOrderAction): Promise<WorkOrderSnapshot> {
    // New paths, reached only by histories holding these people's events: the markers say which code ran them.
    if (event.type === 'urge') patched(URGE_BY_PEOPLE);
    if (event.type === 'supervise' || event.type === 'superviseReply') patched(SUPERVISION_BY_PEOPLE);
    if (event.type === 'handOver') patched(NATIONAL_HAND_OVER);
    this.apply(event, actor);
    if (event.type === 'reopen') await this.dispatchByRules();
    else await this.notifyAfter(event);
    if (event.type === 'urge') await this.escalateOnUrges();
    await this.record();
    return this.s;
  }

  /** Enough urges by people within the window: one level up, the next level told (not beyond national). */
  private async escalateOnUrges(): Promise<void> {
    const policy = this.input.urging ?? DEFAULT_URGE_POLICY;
    const at = Math.max(Date.now(), this.s.updatedAt);
    if (this.s.escalationLevel === 'national' || !urgesEscalate(this.s, at, policy)) return;
    const hours = Math.round((policy.windowMs / 3_600_000) * 100) / 100;
    this.apply({ type: 'escalate', reason: `urged ${policy.escalateAfter} times within ${hours} h` }, SYSTEM);
    const escalation = this.s.escalations.at(-1)!;
    await notifications.notifyDepartments({
      workOrderId: this.s.id,
      departments: [escalation.target],
      kind: 'escalate',
      text: `escalated to ${escalation.to}: ${escalation.reason}`,
      idempotencyKey: `${this.s.id}/${this.version}/urge-escalate`,
    });
  }

  /** The open supervision's deadline passed without a reply: marked, the department urged again, the supervisor told. */
  private async supervisionMissed(): Promise<void> {
    const supervision = openSupervision(this.s)!;
    this.apply({ type: 'supervisionOverdue', supervision: supervision.id }, SYSTEM);
    const text = `supervision ${supervision.id} by ${supervision.by} passed its deadline ${new Date(supervision.due).toISOString()} without a reply`;
    await notifications.notifyDepartments({
      workOrderId: this.s.id,
      departments: assignees(this.s),
      kind: 'supervisionOverdue',
      text,
      warnSupervisors: true,
      idempotencyKey: `${this.s.id}/supervision-${supervision.id}/overdue`,
    });
    await notifications.notifyStaff({
      workOrderId: this.s.id,
      username: supervision.by,
      kind: 'supervisionOverdue',
      text,
      idempotencyKey: `${this.s.id}/supervision-${supervision.id}/overdue/supervisor`,
    });
    await this.record();
  }

  // ---- helpers ----

  /** Applies an event; a refusal here is a bug in the driving code, so it fails loudly. */
  private apply(event: WorkOrderEvent, actor: Actor): void {
    const r = applyEvent(this.s, event, actor, Math.max(Date.now(), this.s.updatedAt));
    if (!r.ok) throw ApplicationFailure.nonRetryable(`${event.type} refused: ${r.message}`, r.code);
    this.s = r.next;
    this.version += 1;
  }

  private async dispatchByRules(): Promise<void> {
    const { input } = this;
    const route = input.dispatchTo
      ? { departments: input.dispatchTo, ruleId: 'explicit', reason: 'dispatched to the given department' }
      : routeWorkOrder({
          ...routingInputOf(this.s, installationFunction(input.fieldInstallation?.installationDepartment)),
          ...(this.byCategory ? {} : { category: undefined }),
        });
    const event: WorkOrderEvent = { type: 'dispatch', departments: route.departments, ruleId: route.ruleId, reason: route.reason };
    this.apply(event, SYSTEM);
    await this.notifyAfter(event);
  }

  /** Side effects that follow an event: who must be told. */
  private async notifyAfter(event: WorkOrderEvent): Promise<void> {
    const { s, version } = this;
    if (event.type === 'dispatch') {
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: event.departments,
        kind: 'dispatch',
        text: s.description,
        idempotencyKey: `${s.id}/${version}/dispatch`,
      });
    } else if (event.type === 'transfer') {
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: [event.to],
        kind: 'dispatch',
        text: `transferred: ${event.reason}`,
        idempotencyKey: `${s.id}/${version}/transfer`,
      });
    } else if (event.type === 'urge') {
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: openAssignments(s).map((a) => a.department),
        kind: 'urge',
        text: `urged by ${s.urging?.lastBy} (${s.urging?.count} in all), priority ${s.priority}${event.reason ? `: ${event.reason}` : ''}`,
        idempotencyKey: `${s.id}/${version}/urge`,
      });
    } else if (event.type === 'supervise') {
      const supervision = s.supervisions!.at(-1)!;
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: supervision.departments,
        kind: 'supervise',
        text: `under supervision by ${supervision.by} (${supervision.level}), reply by ${new Date(supervision.due).toISOString()}: ${supervision.instructions}`,
        idempotencyKey: `${s.id}/supervision-${supervision.id}/placed`,
      });
    } else if (event.type === 'superviseReply') {
      // The one just answered: the last with a reply (one awaits its reply at a time).
      const supervision = s.supervisions!.findLast((x) => x.reply !== undefined)!;
      await notifications.notifyStaff({
        workOrderId: s.id,
        username: supervision.by,
        kind: 'supervisionReply',
        text: `${supervision.reply!.department}: ${event.text}`.slice(0, 1000),
        idempotencyKey: `${s.id}/supervision-${supervision.id}/reply`,
      });
    } else if (event.type === 'handOver') {
      const h = s.handOver!;
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: [h.to],
        kind: 'handOver',
        text: `handed over for coordination by ${h.from}: ${h.reason}`,
        warnSupervisors: true,
        idempotencyKey: `${s.id}/${version}/hand-over`,
      });
    } else if (event.type === 'requestCoHandling') {
      // No patched(): only a history holding this (new) event reaches here, and none recorded before it
      // does, so the runs in flight replay as they ran.
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: event.departments,
        kind: 'dispatch',
        text: `co-handling requested by ${s.timeline.at(-1)?.actor.department ?? 'a department'}: ${event.reason}`,
        idempotencyKey: `${s.id}/${version}/co-handling`,
      });
    }
  }

  private view(): WorkOrderView {
    const d = deadlinesOf(this.s);
    return { ...this.s, assignees: assignees(this.s), deadlines: { acceptBy: d?.acceptBy, resolveBy: d?.resolveBy } };
  }

  /** The read model and the Temporal UI's search attributes follow every change. */
  private async record(): Promise<void> {
    const { s } = this;
    const seq = (this.seq += 1);
    // Taken before awaiting, as recordedEntries is: each step is told once however the writes interleave.
    const notices = this.dueProvinceNotices();
    upsertSearchAttributes([
      { key: WorkOrderIdKey, value: s.id },
      { key: WorkOrderTypeKey, value: s.type },
      { key: WorkOrderStateKey, value: s.state },
      { key: CustomerIdKey, value: s.customer.id },
      { key: LocalNetworkKey, value: s.forwardedTo ?? s.takenInLocalNetwork },
      { key: PriorityKey, value: s.priority },
      { key: EscalationLevelKey, value: s.escalationLevel },
      { key: DepartmentKey, value: assignees(s) },
    ]);
    if (patched(RECORD_WORK_ORDER_LOCALLY)) {
      // A local activity's marker keeps its result, not its input: it answers with the timeline
      // entries it recorded, so the history (and the audit trail) still says who did what.
      // Taken before awaiting: a handler's write and the main loop's may be in flight together.
      const since = this.recordedEntries;
      this.recordedEntries = s.timeline.length;
      await readModel.recordWorkOrder({ snapshot: s, seq, since });
    } else await readModelViaQueue.recordWorkOrder({ snapshot: s, seq });
    this.recordedSeq = Math.max(this.recordedSeq, seq);
    for (const n of notices) {
      await notifications.notifyDepartments({
        workOrderId: s.id,
        departments: [s.handOver!.from],
        kind: 'inform',
        text: n.text,
        idempotencyKey: `${s.id}/inform/${n.index}`,
      });
    }
  }

  /**
   * Handed over to the national centre: the steps since the last notice that the province is told of
   * (national-centre.ts), once it is in the read model. Only a history holding a hand-over gets here.
   */
  private dueProvinceNotices(): { index: number; text: string }[] {
    const { s } = this;
    if (s.handOver === undefined || s.timeline.length <= this.informedEntries) return [];
    const notices = provinceNotices(s, this.informedEntries);
    this.informedEntries = s.timeline.length;
    return notices.length > 0 && patched(NATIONAL_HAND_OVER) ? notices : [];
  }
}
