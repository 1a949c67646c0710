// The contract of the order-fulfilment workflow: everything the world outside the workflow body
// needs — its type name and id, its input, view and messages, the activities it calls (declared
// here, implemented by activities/order.ts), and its final states. The API, the worker, the read
// model, the scripts and the tests import this, never the workflow file.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FulfilmentTemplate, OrderAction, PlanChangeEffective, ResourceKind, ServiceLine } from '../domain/catalog.js';
import type { ChangeKind } from '../domain/order-changes.js';
import { FINAL_ORDER_STATES, type Characteristic, type ItemProgress, type ItemStep, type OrderState } from '../domain/order.js';
import type { WorkOrderSettings } from './work-order.js';

// ---- Identity ------------------------------------------------------------------------------------

/** The workflow type, as registered by the worker and started by the API. */
export const ORDER_FULFILMENT = 'orderFulfilment';
const PREFIX = 'order-';
/** `order-<orderId>`: what an operator types into the Temporal UI. */
export const orderWorkflowId = (orderId: string) => `${PREFIX}${orderId}`;
/** The order id of an order workflow's id, or undefined for any other workflow. */
export const orderIdOfWorkflowId = (workflowId: string) => (workflowId.startsWith(PREFIX) ? workflowId.slice(PREFIX.length) : undefined);

/** States in which the order's workflow has finished (a read of such an order needs no query). */
export { FINAL_ORDER_STATES };

export type OrderFulfilmentWorkflow = (input: OrderFulfilmentInput) => Promise<OrderView>;

/** An order item as the workflow fulfils it (offering and template resolved by validation). */
export interface FulfilmentItem {
  id: string;
  action: OrderAction;
  offeringId: string;
  serviceLine: ServiceLine;
  template: FulfilmentTemplate;
  characteristic: Characteristic[];
  /** Existing subscription, for modify / delete / move. */
  subscriptionId?: string;
  oneOffCents: number;
  recurringCents: number;
  /**
   * What the item does to its subscription (domain/order-changes.ts); absent in runs validated before
   * change orders (they take the path they took then).
   */
  change?: ChangeKind;
  /** The subscription before the change, as the read model had it at validation (for change items). */
  before?: SubscriptionBefore;
  /** An ownership transfer's new owner and the account it is billed to. */
  newOwner?: { customerId: string; accountId: string };
  /** A plan change's effect in billing: now, or from the next cycle (the new offering's template says). */
  planChangeEffective?: PlanChangeEffective;
  /**
   * The items of the order this one depends on (TMF622 productOrderItemRelationship dependsOn/reliesOn,
   * checked against the templates: domain/order-dependencies.ts): it starts once they are in service.
   * Absent: independent (and in runs validated before dependent items).
   */
  dependsOn?: string[];
}

/** A subscription as it was before a change: what an undo puts back. */
export interface SubscriptionBefore {
  offeringId: string;
  customerId: string;
  accountId: string;
  status: 'active' | 'suspended';
  /** The service's identity on the network: the phone number (with the area code for a seeded fixed line), the line id. */
  serviceId: string;
}

export interface Reservation {
  reservationId: string;
  kind: ResourceKind;
  value: string;
}

/** The domain's item progress plus what the saga needs to undo it. */
export interface ItemFulfilment extends ItemProgress {
  serviceLine: ServiceLine;
  reservations: Reservation[];
  activationId?: string;
  billingId?: string;
  workOrderId?: string;
  /** The service instance (subscription) this item creates or changes. */
  subscriptionId: string;
  /** Bumped by each amendment; part of the idempotency keys of the reservations it re-runs. */
  revision: number;
  failure?: { step: ItemStep; code: string; message: string };
  /** What the item changes on a live subscription (absent: a new connection, or a run from before change orders). */
  change?: ChangeKind;
  /** A disconnection's final bill. */
  finalBill?: { billId: string; amountCents: number };
  /** A disconnected number's quarantine: until when it cannot be sold again. */
  quarantine?: { number: string; until: string };
  /** The items this one waits for (FulfilmentItem.dependsOn), on runs that honour them. */
  dependsOn?: string[];
}

export interface OrderTotals {
  totalOneOffCents: number;
  totalRecurringCents: number;
  currency: string;
}

export interface OrderView {
  orderId: string;
  state: OrderState;
  stateReason?: string;
  customerId: string;
  localNetwork: string;
  items: ItemFulfilment[];
  quote?: OrderTotals;
  /** Monotonic: the read model ignores updates older than what it holds. */
  seq: number;
}

export interface OrderFulfilmentInput {
  orderId: string;
}

export interface ValidatedOrder {
  ok: true;
  customerId: string;
  customerTier: string;
  customerName: string;
  contact: { phone?: string; email?: string };
  accountId: string;
  localNetwork: string;
  items: FulfilmentItem[];
  quote: OrderTotals;
  /** For the field-installation work orders (from configuration). */
  workOrderSettings: WorkOrderSettings;
}

/** What the validate activity returns: the refusals, or everything the steps need. */
export type ValidationResult = { ok: false; refusals: Array<{ code: string; field: string; message: string }> } | ValidatedOrder;

export interface CancelOrderRequest {
  reason: string;
  /** Who asked (the API's principal): for the audit trail, the workflow does not use it. */
  requestedBy?: string;
  requestedByRole?: string;
}

export interface AmendItemRequest {
  itemId: string;
  /** Who asked (the API's principal): for the audit trail, the workflow does not use it. */
  requestedBy?: string;
  requestedByRole?: string;
  productOffering?: { id: string };
  characteristic?: Characteristic[];
}

export interface ReserveCall {
  orderId: string;
  itemId: string;
  kind: ResourceKind;
  localNetwork: string;
  preferred?: string;
  /** The number hold of the order's form (characteristic numberHold), consumed by this reservation; absent when none. */
  hold?: string;
  idempotencyKey: string;
}

export interface NetworkCall {
  orderId: string;
  itemId: string;
  serviceId: string;
  offeringId: string;
  actions: string[];
  resources: Array<{ kind: ResourceKind; value: string }>;
  idempotencyKey: string;
}

export interface BillingCall {
  orderId: string;
  itemId: string;
  action: OrderAction;
  customerId: string;
  accountId: string;
  subscriptionId: string;
  offeringId: string;
  serviceLine: ServiceLine;
  localNetwork: string;
  serviceValue: string;
  oneOffCents: number;
  recurringCents: number;
  idempotencyKey: string;
}

/** What the network step does to a live service (domain/order-changes.ts CHANGE_PLANS). */
export type NetworkChangeKind = 'modify' | 'bar' | 'unbar' | 'remove';

export interface NetworkChangeCall {
  change: NetworkChangeKind;
  orderId: string;
  itemId: string;
  serviceId: string;
  offeringId: string;
  actions: string[];
  /** A relocation's new resources. */
  resources?: Array<{ kind: ResourceKind; value: string }>;
  idempotencyKey: string;
}

/** What the billing step does to a live subscription. */
export type BillingChangeKind = 'changePlan' | 'suspend' | 'resume' | 'close' | 'transfer';

export interface BillingChangeCall {
  change: BillingChangeKind;
  orderId: string;
  itemId: string;
  subscriptionId: string;
  offeringId: string;
  serviceLine: ServiceLine;
  localNetwork: string;
  recurringCents: number;
  effective: PlanChangeEffective;
  before: SubscriptionBefore;
  newOwner?: { customerId: string; accountId: string };
  idempotencyKey: string;
}

// ---- Messages ------------------------------------------------------------------------------------

export const getOrderQuery = defineQuery<OrderView>('getOrder');
/** Accepted while the order is cancellable; answers once it is final (callers may wait only for acceptance). */
export const cancelOrderUpdate = defineUpdate<OrderView, [CancelOrderRequest]>('cancelOrder');
/** Answers with the amended order, or refuses past the point of no return. */
export const amendOrderItemUpdate = defineUpdate<OrderView, [AmendItemRequest]>('amendOrderItem');

// ---- Activities ----------------------------------------------------------------------------------

export interface AmendItemCall {
  orderId: string;
  customerTier: string;
  localNetwork: string;
  item: FulfilmentItem;
  request: AmendItemRequest;
}

export interface UndoNetworkCall {
  call: NetworkCall;
  idempotencyKey: string;
}

export interface UndoBillingCall {
  action: string;
  subscriptionId: string;
  idempotencyKey: string;
}

export interface UndoNetworkChangeCall {
  call: NetworkChangeCall;
  idempotencyKey: string;
}

export interface UndoBillingChangeCall {
  call: BillingChangeCall;
  idempotencyKey: string;
}

export interface QuarantineCall {
  orderId: string;
  subscriptionId: string;
  localNetwork: string;
  serviceId: string;
  idempotencyKey: string;
}

export interface ReleaseOldResourcesCall {
  localNetwork: string;
  resources: Array<{ kind: ResourceKind; value: string }>;
  idempotencyKey: string;
}

export interface OrderNotice {
  orderId: string;
  state: string;
  customerName: string;
  contact: { phone?: string; email?: string };
  reason?: string;
  idempotencyKey: string;
}

// ---- How each step runs (issue 18) ---------------------------------------------------------------
//
// The rule: a step runs as a local activity — in the workflow task that asks for it, with no round trip
// through the task queue (three fewer history events and one fewer task to schedule, dispatch and record
// per call) — when it is a few calls to one back-end system, each bounded by ADAPTER_TIMEOUT_MS and
// idempotent by the key the workflow derived, and it waits on nobody. It keeps its idempotency key
// (also the marker's summary: the audit trail and the Temporal UI show it), its start-to-close timeout,
// its retry policy and its business refusals; past LOCAL_RETRY_THRESHOLD a retry waits on a server timer,
// so a long outage is ridden out as before without holding the worker. The worker bounds what each system
// sees (adapters/limits.ts), as the task queue's slots used to.
// A step that waits on people or long work stays a child workflow (field installation); the check of
// an amendment stays an ordinary activity (rare, and run from an update handler).
// Validation was an ordinary activity until patch local-validation: its p90 of 5.5 s in the recorded
// histories is the tests' injected billing latency (the credit check), its p50 24 ms; it reads the read
// model and the catalog and asks billing once, each bounded, and changes nothing — a local activity like
// the steps, a chain heartbeating past 8 s as theirs does. It was the order's one task-queue round trip
// before its field installation: an activity task and the workflow task after it, 6 of 28 history events
// of a one-item order. While it retries (billing down) /system/status lists it as a local activity.
// Figures: durations (start → close) of each activity in test/replay-corpus (≈ 550 executions, every
// attempt the first): reserveResource p50 13 ms / p90 78 ms, configureNetwork 15 / 250 ms,
// applyBilling 32 / 322 ms, notifyOrderCustomer 14 / 95 ms, releaseReservations 29 / 46 ms,
// undoNetworkConfiguration 18 / 69 ms, undoBilling 15 / 42 ms, changeNetwork 21 / 407 ms; the few
// multi-second ones are the tests' injected simulator latency (3 s to cancel a call in flight).
// Runs started before the patch short-steps-local keep every step an ordinary activity.
// What local steps change for the people around the order: core runs a chain of local activities
// inside one workflow task (heartbeating it at 80 % of its 10 s timeout), and a workflow answers
// queries and takes updates only between tasks. So a cancel or an amendment sent while the steps run
// is heard when the chain ends (typically tens of ms; for an order without field installation that is
// when it is delivered, and the cancel is refused) or, while a step hangs, at a heartbeat: delivered
// with the first heartbeat's new task, accepted with the next (≤ 16 s, measured 17 s from the request
// in short-steps-local.test.ts). A read of the order waits (API_QUERY_TIMEOUT_MS, then the read model
// answers) and never sees a local step 'running'; an order waiting on its field installation is
// between chains and reads and cancels as before. The guarantees hold (a cancel accepted undoes what
// was done, never past the point of no return); the windows shrink. Runs of the queue's shape (those
// started before the patch) keep theirs (the mid-step tests of order-saga and order-api run them).
// workflows/step-shape.ts chooses the shape the worker runs.

/** How a step runs: a local activity, an ordinary activity through the task queue, or a child workflow. */
export type StepShape = 'localActivity' | 'activity' | 'childWorkflow';

export interface StepRule {
  runsAs: StepShape;
  why: string;
}

const SHORT_CALL = 'a few idempotent calls to one system, each within ADAPTER_TIMEOUT_MS';

/** Which step runs how and why (the activities by name, and the field installation). */
export const STEP_SHAPES = {
  validateOrder: {
    runsAs: 'localActivity',
    why: 'the read model, the catalog and one credit check at billing, each bounded; it changes nothing (patch local-validation)',
  },
  amendItem: { runsAs: 'activity', why: 'rare, asked from an update handler; its length depends on the read model' },
  reserveResource: { runsAs: 'localActivity', why: `inventory: ${SHORT_CALL}` },
  releaseReservations: { runsAs: 'localActivity', why: `inventory (undo): ${SHORT_CALL}` },
  configureNetwork: { runsAs: 'localActivity', why: `network: ${SHORT_CALL}` },
  undoNetworkConfiguration: { runsAs: 'localActivity', why: `network (undo): ${SHORT_CALL}` },
  applyBilling: { runsAs: 'localActivity', why: `billing and the subscription row: ${SHORT_CALL}` },
  undoBilling: { runsAs: 'localActivity', why: `billing (undo): ${SHORT_CALL}` },
  changeNetwork: { runsAs: 'localActivity', why: `network (change orders): ${SHORT_CALL}` },
  undoNetworkChange: { runsAs: 'localActivity', why: `network (undo of a change): ${SHORT_CALL}` },
  changeBilling: { runsAs: 'localActivity', why: `billing (change orders): ${SHORT_CALL}` },
  undoBillingChange: { runsAs: 'localActivity', why: `billing (undo of a change): ${SHORT_CALL}` },
  quarantineNumber: { runsAs: 'localActivity', why: `inventory (a disconnection): ${SHORT_CALL}` },
  releaseOldResources: { runsAs: 'localActivity', why: `inventory (a relocation, a disconnection): ${SHORT_CALL}` },
  notifyOrderCustomer: { runsAs: 'localActivity', why: `notification gateway: ${SHORT_CALL}` },
  recordOrderProgress: { runsAs: 'localActivity', why: "the worker's own database write (patch record-progress-locally)" },
  fieldInstallation: { runsAs: 'childWorkflow', why: 'waits on the installation department and the customer: hours to days' },
} as const satisfies Record<keyof OrderActivities | 'fieldInstallation', StepRule>;

/**
 * Past this a local activity's retry waits on a server timer instead of in the worker. With the steps'
 * backoff (0.5 s doubling) the first four retries — ≈ 7.5 s, a blip, a 429, a system restarting — stay
 * in the worker and leave no trace in the history; from the fifth (8 s, then up to 30 s) each waits on a
 * timer, holding no worker slot, lost by no worker restart: a 60 s billing outage costs about four timers.
 */
export const LOCAL_RETRY_THRESHOLD = '4 seconds';

/**
 * The activities the workflow calls. Business refusals come back as non-retryable failures whose
 * type is the refusal code; every mutating call carries the idempotency key the workflow derived.
 */
export interface OrderActivities {
  /** Judges the order again with the facts of now and prices it; the refusals, or what the steps need. */
  validateOrder(orderId: string): Promise<ValidationResult>;
  /** Checks an amendment with the rules of order entry and prices the changed item. */
  amendItem(input: AmendItemCall): Promise<FulfilmentItem>;
  reserveResource(call: ReserveCall): Promise<Reservation>;
  /** Replays each reserve call by its key (no new effect) to learn the reservation, then releases it. */
  releaseReservations(input: { calls: ReserveCall[] }): Promise<void>;
  configureNetwork(call: NetworkCall): Promise<{ activationId: string }>;
  undoNetworkConfiguration(input: UndoNetworkCall): Promise<void>;
  /** Add, move and modify (re)activate the subscription in billing; delete deactivates it. */
  applyBilling(call: BillingCall): Promise<{ billingId: string }>;
  undoBilling(input: UndoBillingCall): Promise<void>;
  /** A change to a live service on the network: modify (answers with the configuration it had), bar, unbar, remove. */
  changeNetwork(call: NetworkChangeCall): Promise<{ previousResources?: Array<{ kind: ResourceKind; value: string }> }>;
  /** Replays the change by its key (no new effect) and reverses it: the previous configuration, unbar/bar, restore. */
  undoNetworkChange(input: UndoNetworkChangeCall): Promise<void>;
  /** A change to a live subscription in billing, and the read model's subscription row after it. */
  changeBilling(call: BillingChangeCall): Promise<{ finalBill?: { billId: string; amountCents: number } }>;
  /** Replays the change by its key and reverses it (the previous plan, resume/suspend, the previous owner); the row as it was. Never a close. */
  undoBillingChange(input: UndoBillingChangeCall): Promise<void>;
  /** A disconnected number into quarantine for its local network's period; answers with it (none for a line without a number). */
  quarantineNumber(call: QuarantineCall): Promise<{ number: string; until: string } | undefined>;
  /** A relocated line's old resources back to the inventory, once the new ones work. */
  releaseOldResources(call: ReleaseOldResourcesCall): Promise<void>;
  notifyOrderCustomer(notice: OrderNotice): Promise<void>;
  /** The read model's bookkeeping; answers with what it recorded (a local activity's marker keeps only that). */
  recordOrderProgress(view: OrderView): Promise<{ state: string; stateReason?: string; seq: number }>;
}
