// The contract of the work-order workflow (the electronic work order's closed loop): its type name
// and ids, its input, result, view and messages, the activities it calls (declared here,
// implemented by activities/work-order.ts), and how an order's field installation raises one.
// Everything outside the workflow body imports this, never the workflow file.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { HolidaySchedule } from '../domain/calendar.js';
import type { ServiceLine } from '../domain/catalog.js';
import { TERMINAL_PHASES, type Actor, type NewWorkOrder, type WorkOrderEvent, type WorkOrderSnapshot } from '../domain/work-order.js';
import type { UrgePolicy } from '../domain/urging.js';

// ---- Identity ------------------------------------------------------------------------------------

/** The workflow type, as registered by the worker and started by the API and by orders. */
export const WORK_ORDER = 'workOrder';
const PREFIX = 'workorder-';
/** `workorder-<workOrderId>`: what an operator types into the Temporal UI. */
export const workOrderWorkflowId = (workOrderId: string) => `${PREFIX}${workOrderId}`;
/** The work-order id of a work-order workflow's id, or undefined for any other workflow. */
export const workOrderIdOfWorkflowId = (workflowId: string) => (workflowId.startsWith(PREFIX) ? workflowId.slice(PREFIX.length) : undefined);
/** The id of the installation work order an order's item raises: `<orderId>-<itemId>-install`. */
export const installationWorkOrderId = (orderId: string, itemId: string) => `${orderId}-${itemId}-install`;

/** Phases in which the work order is over (closed may still be reopened within the window). */
export { TERMINAL_PHASES };

export type WorkOrderWorkflow = (input: WorkOrderInput) => Promise<WorkOrderResult>;

// ---- Input, result, view -------------------------------------------------------------------------

/** Work-order timing, handed to the workflows (which read no configuration themselves). */
export interface WorkOrderSettings {
  timeScale: number;
  autoCloseAfterMs: number;
  reopenWindowMs: number;
  /** Appointments a field installation gets before the order fails (absent in older runs: 3). */
  installationAttempts?: number;
  /** How many urges by people within how long escalate it (absent in older runs: DEFAULT_URGE_POLICY). */
  urging?: UrgePolicy;
}

export interface WorkOrderInput extends WorkOrderSettings {
  order: NewWorkOrder;
  /** Who took it (a call-centre agent, or the system for field installations). */
  createdBy: Actor;
  /** Dispatch here instead of by the routing rules (runs started before installations were routed). */
  dispatchTo?: string[];
  /**
   * Raised by an order's field-installation step: routed by the rules with the template's
   * department function, and ends with the department's receipt.
   */
  fieldInstallation?: { orderId: string; itemId: string; installationDepartment?: string };
}

export interface WorkOrderResult {
  snapshot: WorkOrderSnapshot;
  /** For a field installation: was the service installed? */
  installed?: boolean;
  reason?: string;
}

/** One person's action: the event, and who sends it. */
export interface WorkOrderAction {
  event: WorkOrderEvent;
  actor: Actor;
}

/** What the query answers: the snapshot, who holds it now, and its current deadlines (epoch ms). */
export interface WorkOrderView extends WorkOrderSnapshot {
  assignees: string[];
  deadlines: { acceptBy?: number; resolveBy?: number };
}

// ---- Messages ------------------------------------------------------------------------------------

export const getWorkOrderQuery = defineQuery<WorkOrderView>('getWorkOrder');
/** Every human action (department, supervisor, centre) is one validated, synchronous update. */
export const workOrderActionUpdate = defineUpdate<WorkOrderSnapshot, [WorkOrderAction]>('workOrderAction');
/**
 * Answers once the work order has been classified and dispatched (at once when it already was):
 * sent with the start (Update-with-Start), it gives the taker the dispatch result.
 */
export const awaitDispatchUpdate = defineUpdate<WorkOrderView, []>('awaitDispatch');

/**
 * A service request turned into a product order (POST /troubleTicket/{id}/productOrder): the API has
 * stored the order (as POST /productOrder does, without starting it); the work order records it,
 * starts its fulfilment as a child workflow (`order-<orderId>`, abandoned, never cancelled with the
 * ticket), and closes when the order completes — or returns to the centre when it does not.
 * Answered once the order's workflow has started; a repeat for the same order answers the work order
 * as it is.
 */
export interface PlaceOrderRequest {
  orderId: string;
  /** The order's local network and a one-line summary, for the order workflow's search attributes and the Temporal UI. */
  localNetwork: string;
  summary?: string;
  actor: Actor;
}
export const placeOrderUpdate = defineUpdate<WorkOrderSnapshot, [PlaceOrderRequest]>('placeOrder');

// ---- Activities ----------------------------------------------------------------------------------

export interface RecordedWorkOrder {
  state: string;
  entries: WorkOrderSnapshot['timeline'];
}

export interface DepartmentNotice {
  workOrderId: string;
  departments: string[];
  /** `handOver`: to the national centre, a case handed over for coordination; `inform`: to the province that handed it over, a step the national centre took. */
  kind: 'dispatch' | 'urge' | 'escalate' | 'supervise' | 'supervisionReply' | 'supervisionOverdue' | 'handOver' | 'inform';
  text: string;
  warnSupervisors?: boolean;
  idempotencyKey: string;
}

/** To one person by their staff account (an account manager, a supervisor), at their mailbox. */
export interface StaffNotice {
  workOrderId: string;
  username: string;
  kind: 'accountManager' | 'supervisionReply' | 'supervisionOverdue';
  text: string;
  idempotencyKey: string;
}

export interface CustomerNotice {
  workOrderId: string;
  customerId: string;
  kind: string;
  idempotencyKey: string;
}

export interface WorkOrderActivities {
  /**
   * Keeps the read model in step. With `since` (run as a local activity, whose marker keeps only the
   * result) it answers with the state and the timeline entries from `since` on.
   */
  recordWorkOrder(input: { snapshot: WorkOrderSnapshot; seq: number; since?: number }): Promise<RecordedWorkOrder | void>;
  /** Tells departments (and, when asked, their supervisors) through the dispatch system. */
  notifyDepartments(notice: DepartmentNotice): Promise<void>;
  notifyCustomer(notice: CustomerNotice): Promise<void>;
  /** Tells one member of staff (an account manager of a new work order, the supervisor of a reply or a missed deadline). */
  notifyStaff(notice: StaffNotice): Promise<void>;
  /** The holiday arrangements loaded for these years (calendars per year), taken once at intake. */
  holidaySchedule(input: { years: number[] }): Promise<HolidaySchedule>;
}

// ---- An order's field installation ---------------------------------------------------------------

export interface FieldInstallationRequest {
  workOrderId: string;
  orderId: string;
  itemId: string;
  customerId: string;
  customerTier: string;
  localNetwork: string;
  serviceLine: ServiceLine;
  /** The template's installation department function, e.g. installation or enterprise-service. */
  installationDepartment?: string;
  serviceId: string;
  settings: WorkOrderSettings;
}

export interface FieldInstallationResult {
  installed?: boolean;
  reason?: string;
}
