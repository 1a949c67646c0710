// Types shared by the order-fulfilment workflow, its activities and the API. Types only (and
// the domain's pure rules): safe to import from the workflow sandbox.
import type { FulfilmentTemplate, OrderAction, ResourceKind, ServiceLine } from '../domain/catalog.js';
import type { Characteristic, ItemProgress, ItemStep, OrderState } from '../domain/order.js';
import type { WorkOrderSettings } from './field-installation.js';

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
