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
