// Orders, shaped after TM Forum TMF622 Product Ordering: the request, its validation into
// refusals with JSON paths, the order and item state machines, and the amend/cancel rules.
import { checkAgentScope, type AgentContract } from './agent.js';
import { channelRefusal, isActionAllowed, type FulfilmentTemplate, type OfferingLifecycle, type OrderAction, type ProductOffering } from './catalog.js';
import type { Customer, CustomerTier, Subscription } from './customer.js';
import type { Instant } from './instant.js';
import { depositFor, isOfferingSold, rulesFor, type LocalNetworkId, type LocalNetworkRules } from './local-networks.js';
import { numberFormatProblem } from './phone-number.js';
import {
  CHANGE_PLANS,
  SPENDING_CHANGES,
  checkChange,
  changeKindOf,
  OWNER_ID_NUMBER_CHARACTERISTIC,
  type ChangeKind,
  type ChangeRequestProduct,
  type PartyFacts,
} from './order-changes.js';
import { checkItemDependencies, type ItemRelationship } from './order-dependencies.js';
import type { QuoteRequest } from './pricing.js';

// ---- Order states (TMF622) ----------------------------------------------------------------------

export const ORDER_STATES = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'completed',
  'failed',
  'partial',
  'cancelled',
  'assessingCancellation',
  'pendingCancellation',
  'rejected',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const FINAL_ORDER_STATES: readonly OrderState[] = ['completed', 'failed', 'partial', 'cancelled', 'rejected'];

/**
 * TMF622's state machine. A cancel request moves the order to assessingCancellation; if refused it
 * returns to the state it came from, if accepted it goes through pendingCancellation (the saga
 * undoes completed steps) to cancelled.
 */
const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  acknowledged: ['inProgress', 'rejected', 'assessingCancellation'],
  inProgress: ['pending', 'held', 'completed', 'failed', 'partial', 'assessingCancellation'],
  pending: ['inProgress', 'failed', 'assessingCancellation'],
  held: ['inProgress', 'failed', 'assessingCancellation'],
  assessingCancellation: ['pendingCancellation', 'acknowledged', 'inProgress', 'pending', 'held'],
  pendingCancellation: ['cancelled'],
  completed: [],
  failed: [],
  partial: [],
  cancelled: [],
  rejected: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(state: OrderState): boolean {
  return FINAL_ORDER_STATES.includes(state);
}

// ---- Items and their fulfilment steps -----------------------------------------------------------

/** Fulfilment steps of an item, in the order they run. */
export const ITEM_STEPS = ['reserveResources', 'configureNetwork', 'fieldInstallation', 'activateBilling', 'notify'] as const;
export type ItemStep = (typeof ITEM_STEPS)[number];

/**
 * An item can be amended only until configureNetwork starts: reserved resources are simply
 * released and reserved again, but once the network is touched the change is no longer a
 * re-plan of the item (it would need a modify order of its own).
 */
export const POINT_OF_NO_RETURN: ItemStep = 'configureNetwork';

export const STEP_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped', 'compensating', 'compensated'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const ORDER_ITEM_STATES = ['acknowledged', 'inProgress', 'pending', 'held', 'completed', 'failed', 'cancelled'] as const;
export type OrderItemState = (typeof ORDER_ITEM_STATES)[number];
const FINAL_ITEM_STATES: readonly OrderItemState[] = ['completed', 'failed', 'cancelled'];

export interface StepProgress {
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  attempts?: number;
  error?: string;
}

export interface ItemProgress {
  itemId: string;
  offeringId: string;
  action: OrderAction;
  state: OrderItemState;
  steps: Record<ItemStep, StepProgress>;
  error?: string;
}

/**
 * The steps an item runs. Resources and the field visit only matter when something is installed
 * (add, move); for delete the network and billing steps run their "off" variant and the
 * workflow releases the item's resources once billing is closed.
 */
export function planItemSteps(template: FulfilmentTemplate, action: OrderAction, change?: ChangeKind): ItemStep[] {
  if (change !== undefined && change !== 'connection') return planChangeSteps(template, change);
  const installs = action === 'add' || action === 'move';
  return ITEM_STEPS.filter((step) => {
    switch (step) {
      case 'reserveResources':
        return installs && template.resources.length > 0;
      case 'configureNetwork':
        return template.networkActions.length > 0;
      case 'fieldInstallation':
        return installs && template.fieldInstallation;
      case 'activateBilling':
      case 'notify':
        return true;
    }
  });
}

/**
 * The steps a change to a live subscription runs (domain/order-changes.ts CHANGE_PLANS), where the
 * template has what the step works on: resources to reserve, network actions, a technician.
 */
export function planChangeSteps(template: FulfilmentTemplate, change: ChangeKind): ItemStep[] {
  const plan = CHANGE_PLANS[change];
  return ITEM_STEPS.filter((step) => {
    switch (step) {
      case 'reserveResources':
        return plan.reserveResources !== 'skip' && template.resources.some((r) => r === 'port' || r === 'device');
      case 'configureNetwork':
        return plan.configureNetwork !== 'skip' && template.networkActions.length > 0;
      case 'fieldInstallation':
        return plan.fieldInstallation !== 'skip' && template.fieldInstallation;
      case 'activateBilling':
        return plan.activateBilling !== 'skip';
      case 'notify':
        return true;
    }
  });
}

export function newItemProgress(itemId: string, offering: ProductOffering, action: OrderAction, change?: ChangeKind): ItemProgress {
  const planned = planItemSteps(offering.template, action, change);
  const steps = Object.fromEntries(ITEM_STEPS.map((s) => [s, { status: planned.includes(s) ? 'pending' : 'skipped' } satisfies StepProgress])) as Record<
    ItemStep,
    StepProgress
  >;
  return { itemId, offeringId: offering.id, action, state: 'acknowledged', steps };
}

export type RuleCheck = { ok: true } | { ok: false; code: string; reason: string };

export function canAmendItem(item: ItemProgress): RuleCheck {
  if (FINAL_ITEM_STATES.includes(item.state)) {
    return { ok: false, code: 'ITEM_FINAL', reason: `item ${item.itemId} is ${item.state}` };
  }
  const started = ITEM_STEPS.slice(ITEM_STEPS.indexOf(POINT_OF_NO_RETURN)).find(
    (s) => item.steps[s].status !== 'pending' && item.steps[s].status !== 'skipped',
  );
  if (started !== undefined) {
    return {
      ok: false,
      code: 'POINT_OF_NO_RETURN',
      reason: `item ${item.itemId} is past the point of no return: ${started} is ${item.steps[started].status}`,
    };
  }
  return { ok: true };
}

/**
 * An order can be cancelled until it is final and while no item is delivered: a delivered item
 * is a working service the customer was told about, which takes a delete order to remove.
 */
export function canCancelOrder(state: OrderState, items: readonly ItemProgress[]): RuleCheck {
  if (isFinal(state)) return { ok: false, code: 'ORDER_FINAL', reason: `the order is already ${state}` };
  if (state === 'assessingCancellation' || state === 'pendingCancellation') {
    return { ok: false, code: 'CANCEL_ALREADY_REQUESTED', reason: `the order is already being cancelled (${state})` };
  }
  const delivered = items.find((i) => i.state === 'completed');
  if (delivered) {
    return {
      ok: false,
      code: 'ITEM_ALREADY_COMPLETED',
      reason: `item ${delivered.itemId} is already delivered; place a delete order instead`,
    };
  }
  return { ok: true };
}

/** The final state of an order whose items have all settled (not cancelled): all, some or none delivered. */
export function settledOrderState(items: readonly ItemProgress[]): 'completed' | 'partial' | 'failed' {
  const done = items.filter((i) => i.state === 'completed').length;
  return done === items.length && done > 0 ? 'completed' : done > 0 ? 'partial' : 'failed';
}

// ---- The request (TMF622 productOrder) ----------------------------------------------------------

export const ORDER_CHANNELS = ['shop', 'call_centre', 'web', 'agent'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
/** Orders the system places itself (dunning's suspensions and resumptions); never a client's channel. */
export const SYSTEM_CHANNEL = 'system';
export type RequestChannel = OrderChannel | typeof SYSTEM_CHANNEL;

export interface Characteristic {
  name: string;
  value: string | number | boolean;
}

export interface OrderRequestItem {
  id: string;
  action: OrderAction;
  productOffering: { id: string };
  quantity?: number;
  /**
   * For modify, delete and move: the existing subscription (product.id); and the item's characteristics.
   * A modify may ask for a status (suspended / active) or name a new owner (relatedParty of role owner,
   * billingAccount): see domain/order-changes.ts.
   */
  product?: ChangeRequestProduct & { characteristic?: Characteristic[] };
  /** Items of the same order this one depends on (type dependsOn / reliesOn): see domain/order-dependencies.ts. */
  productOrderItemRelationship?: ItemRelationship[];
}

export interface OrderRequest {
  externalId?: string;
  customerId: string;
  localNetwork: LocalNetworkId;
  channel: RequestChannel;
  agentId?: string;
  note?: string;
  requestedStartDate?: string;
  /** Deposit collected at order entry, when the local network's rules ask for one. */
  depositPaidCents?: number;
  /** The customer's billing account to bill; the customer's first account when not given. */
  billingAccountId?: string;
  productOrderItem: OrderRequestItem[];
}

export interface Refusal {
  code: string;
  /** JSON path of the offending field, e.g. 'productOrderItem[1].productOffering.id'. */
  field: string;
  message: string;
}

// ---- Validation ---------------------------------------------------------------------------------

export interface OrderValidationContext {
  /** Undefined when no customer has the request's id. */
  customer: Customer | undefined;
  offeringsById: ReadonlyMap<string, ProductOffering>;
  localNetworkRules: readonly LocalNetworkRules[] | ReadonlyMap<string, LocalNetworkRules>;
  agentContract?: AgentContract;
  at: Instant;
  ordersTodayForAgent?: number;
  /** What the customer owes now (from billing); the credit check is skipped when unknown. */
  outstandingBalanceCents?: number;
  /** The order's one-off charges, from the quote, counted against the credit limit. */
  orderChargesCents?: number;
  /** When given, modify/delete/move items must name one of the customer's live subscriptions. */
  subscriptionsById?: ReadonlyMap<string, Subscription>;
  /**
   * A running order judged again (the workflow's validate step): each offering's lifecycle when the
   * order was taken. An offering retired since does not fail an order already accepted.
   */
  lifecycleAt?: ReadonlyMap<string, OfferingLifecycle>;
  /** The customers an ownership transfer names as new owners, with their accounts (by customer id). */
  partiesById?: ReadonlyMap<string, PartyFacts>;
}

const itemPath = (i: number, rest: string) => `productOrderItem[${i}]${rest}`;

/** Deposit the order needs under its local network's rules, with the rules' reasons. */
export function depositDue(
  request: OrderRequest,
  customer: Customer,
  offeringsById: ReadonlyMap<string, ProductOffering>,
  rules: LocalNetworkRules,
): { amountCents: number; reasons: string[] } {
  let amountCents = 0;
  const reasons = new Set<string>();
  for (const item of request.productOrderItem) {
    const offering = offeringsById.get(item.productOffering.id);
    if (!offering) continue;
    const d = depositFor(rules, customer, offering, item.action, item.quantity ?? 1);
    amountCents += d.amountCents;
    d.reasons.forEach((r) => reasons.add(r));
  }
  return { amountCents, reasons: [...reasons] };
}

/** Every reason to refuse the order; an empty list means it may be placed. */
export function validateOrderRequest(request: OrderRequest, ctx: OrderValidationContext): Refusal[] {
  const refusals: Refusal[] = [];
  const refuse = (code: string, field: string, message: string) => refusals.push({ code, field, message });
  const items = request.productOrderItem;

  const rules = rulesFor(ctx.localNetworkRules, request.localNetwork);
  if (!rules) refuse('UNKNOWN_LOCAL_NETWORK', 'localNetwork', `no local network "${request.localNetwork}"`);

  if (items.length === 0) refuse('EMPTY_ORDER', 'productOrderItem', 'the order has no items');
  else if (rules && items.length > rules.maxItemsPerOrder) {
    refuse('TOO_MANY_ITEMS', 'productOrderItem', `${rules.name} accepts at most ${rules.maxItemsPerOrder} items per order (got ${items.length})`);
  }

  const customer = ctx.customer?.id === request.customerId ? ctx.customer : undefined;
  if (!customer) refuse('CUSTOMER_NOT_FOUND', 'customerId', `no customer "${request.customerId}"`);
  else if (customer.status !== 'active') refuse('CUSTOMER_NOT_ACTIVE', 'customerId', `customer ${customer.id} is ${customer.status}`);

  checkAgent(request, ctx, refuse);

  const seenIds = new Set<string>();
  items.forEach((item, i) => {
    if (seenIds.has(item.id)) refuse('DUPLICATE_ITEM_ID', itemPath(i, '.id'), `item id "${item.id}" is used twice`);
    seenIds.add(item.id);
    checkItem(item, i, ctx, rules, customer, refuse);
    checkChannel(request, item, i, ctx, refuse);
  });
  for (const r of checkItemDependencies(items, ctx.offeringsById)) refuse(r.code, r.field, r.message);

  if (customer && rules) {
    // A customer in arrears may still give up, suspend, resume or hand on services (dunning suspends
    // them by order): only orders that add spending — a connection, a plan change, a move — are checked.
    const spends = items.some((i) => {
      const d = changeKindOf(i);
      return !d.ok || SPENDING_CHANGES.includes(d.kind);
    });
    if (spends && ctx.outstandingBalanceCents !== undefined) {
      const owed = ctx.outstandingBalanceCents + (ctx.orderChargesCents ?? 0);
      const limit = rules.creditLimitCents[customer.tier];
      if (owed > limit) {
        const why = `customer would owe ${owed} cents; the ${customer.tier} limit in ${rules.name} is ${limit} cents`;
        refuse('CREDIT_LIMIT_EXCEEDED', 'customerId', why);
      }
    }
    const due = depositDue(request, customer, ctx.offeringsById, rules);
    const paid = request.depositPaidCents ?? 0;
    if (due.amountCents > paid) {
      refuse('DEPOSIT_REQUIRED', 'depositPaidCents', `a deposit of ${due.amountCents} cents is required (${due.reasons.join('; ')}); ${paid} paid`);
    }
  }
  return refusals;
}

type Refuse = (code: string, field: string, message: string) => void;

function checkAgent(request: OrderRequest, ctx: OrderValidationContext, refuse: Refuse): void {
  if (request.channel !== 'agent' && request.agentId === undefined) return;
  if (request.agentId === undefined) return refuse('AGENT_REQUIRED', 'agentId', 'an agent-channel order names its agent');
  const contract = ctx.agentContract;
  if (!contract || contract.agentId !== request.agentId) {
    return refuse('AGENT_CONTRACT_NOT_FOUND', 'agentId', `no contract for agent "${request.agentId}"`);
  }
  const result = checkAgentScope(contract, {
    localNetwork: request.localNetwork,
    offeringIds: [...new Set(request.productOrderItem.map((i) => i.productOffering.id))],
    at: ctx.at,
    ordersToday: ctx.ordersTodayForAgent ?? 0,
    catalog: ctx.offeringsById,
  });
  if (result.ok) return;
  const index = result.offeringId === undefined ? -1 : request.productOrderItem.findIndex((i) => i.productOffering.id === result.offeringId);
  refuse(result.code, index < 0 ? 'agentId' : itemPath(index, '.productOffering.id'), result.reason);
}

/**
 * Barring and unbarring a live line (停机/复机) changes no product: every offering takes it, also one
 * that takes no other modify (a prepaid card is not re-planned, but it is barred when its balance runs out).
 */
function isBarring(item: OrderRequestItem, ctx: OrderValidationContext): boolean {
  if (item.action !== 'modify' || item.product?.status === undefined) return false;
  const decision = changeKindOf(item, ctx.subscriptionsById?.get(item.product.id ?? ''));
  return decision.ok && (decision.kind === 'suspension' || decision.kind === 'resumption');
}

function checkItem(
  item: OrderRequestItem,
  i: number,
  ctx: OrderValidationContext,
  rules: LocalNetworkRules | undefined,
  customer: Customer | undefined,
  refuse: Refuse,
): void {
  const offeringField = itemPath(i, '.productOffering.id');
  const offering = ctx.offeringsById.get(item.productOffering.id);
  if (!offering) return refuse('UNKNOWN_OFFERING', offeringField, `no product offering "${item.productOffering.id}"`);

  // Retired offerings are no longer sold, but their existing subscribers may still change or end them.
  const lifecycle = ctx.lifecycleAt?.get(offering.id) ?? offering.lifecycle;
  if (lifecycle === 'draft' || (lifecycle === 'retired' && item.action === 'add')) {
    const why = lifecycle === 'draft' ? 'not yet launched' : 'retired: no longer sold to new customers';
    refuse('OFFERING_NOT_ACTIVE', offeringField, `${offering.id} is ${lifecycle} (${why})`);
  } else if (item.action === 'add' && rules && !isOfferingSold(rules, offering)) {
    refuse('OFFERING_NOT_SOLD_IN_LOCAL_NETWORK', offeringField, `${rules.name} does not sell ${offering.id}`);
  } else if (item.action === 'add' && customer && offering.customerKinds && !offering.customerKinds.includes(customer.kind)) {
    refuse('OFFERING_NOT_FOR_CUSTOMER', offeringField, `${offering.id} is for ${offering.customerKinds.join(', ')} customers only`);
  }
  if (!isActionAllowed(offering, item.action) && !isBarring(item, ctx)) {
    refuse('ACTION_NOT_ALLOWED', itemPath(i, '.action'), `${offering.id} allows ${offering.template.allowedActions.join(', ')}, not ${item.action}`);
  }

  if (item.action !== 'add') {
    if ((item.quantity ?? 1) !== 1) refuse('INVALID_QUANTITY', itemPath(i, '.quantity'), `a ${item.action} item acts on one subscription`);
    checkSubscription(item, i, offering, ctx, customer, refuse);
  } else {
    const p = item.product;
    const extra =
      p?.status !== undefined
        ? '.product.status'
        : p?.relatedParty?.length
          ? '.product.relatedParty'
          : p?.billingAccount
            ? '.product.billingAccount'
            : undefined;
    if (extra) refuse('UNEXPECTED_FIELD', itemPath(i, extra), 'a new connection has no status, owner or account of its own to change');
  }
  checkCharacteristics(item, i, offering, rules, refuse);
}

/**
 * Channel rules (customer-service spec): an offering whose sale needs an identity check, cash or a
 * bank transfer is not sold by phone or on the web. A new connection is a sale, and so is a plan
 * change onto such an offering; a change that keeps the subscription's offering is not.
 */
function checkChannel(request: OrderRequest, item: OrderRequestItem, i: number, ctx: OrderValidationContext, refuse: Refuse): void {
  const offering = ctx.offeringsById.get(item.productOffering.id);
  if (!offering || (item.action !== 'add' && item.action !== 'modify')) return;
  if (item.action === 'modify') {
    const sub = item.product?.id === undefined ? undefined : ctx.subscriptionsById?.get(item.product.id);
    if (!sub || sub.offeringId === offering.id) return;
  }
  const why = channelRefusal(offering, request.channel);
  if (why) refuse('CHANNEL_NOT_ALLOWED', itemPath(i, '.productOffering.id'), why);
}

function checkSubscription(
  item: OrderRequestItem,
  i: number,
  offering: ProductOffering,
  ctx: OrderValidationContext,
  customer: Customer | undefined,
  refuse: Refuse,
): void {
  const field = itemPath(i, '.product.id');
  const subscriptionId = item.product?.id;
  if (subscriptionId === undefined) return refuse('PRODUCT_REQUIRED', field, `a ${item.action} item names the subscription it changes (product.id)`);
  const shape = changeKindOf(item);
  if (!shape.ok) return refuse(shape.code, itemPath(i, shape.field), shape.message);
  if (!ctx.subscriptionsById || !customer) return;
  const sub = ctx.subscriptionsById.get(subscriptionId);
  if (!sub || sub.customerId !== customer.id) {
    return refuse('SUBSCRIPTION_NOT_FOUND', field, `customer ${customer.id} has no subscription "${subscriptionId}"`);
  }
  if (sub.status === 'terminated') return refuse('SUBSCRIPTION_TERMINATED', field, `subscription ${sub.id} is terminated`);
  // A modify may move the subscription to another plan of the same service line; delete and move keep the offering.
  const mismatch = item.action === 'modify' ? sub.serviceLine !== offering.serviceLine : sub.offeringId !== offering.id;
  if (mismatch) return refuse('SUBSCRIPTION_MISMATCH', field, `subscription ${sub.id} is ${sub.offeringId}, not compatible with ${offering.id}`);
  for (const r of checkChange(item, sub, ctx.partiesById)) refuse(r.code, itemPath(i, r.field), r.message);
  // Existing subscribers keep a retired offering, but nobody moves to one.
  const kind = changeKindOf(item, sub);
  if (kind.ok && kind.kind === 'planChange' && offering.lifecycle === 'retired') {
    refuse('OFFERING_NOT_ACTIVE', itemPath(i, '.productOffering.id'), `${offering.id} is retired: a plan change moves to an active offering`);
  }
}

/** The kind of change each item of a validated order is (its subscription as the read model has it). */
export function changeKindsOf(request: OrderRequest, subscriptionsById: ReadonlyMap<string, Subscription> | undefined): Map<string, ChangeKind> {
  const out = new Map<string, ChangeKind>();
  for (const item of request.productOrderItem) {
    const sub = item.product?.id === undefined ? undefined : subscriptionsById?.get(item.product.id);
    const d = changeKindOf(item, sub);
    if (d.ok) out.set(item.id, d.kind);
  }
  return out;
}

/** The characteristic naming the hold an order form placed on its requestedNumber; accepted wherever requestedNumber is. */
export const NUMBER_HOLD_CHARACTERISTIC = 'numberHold';
const NUMBER_HOLD_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function checkCharacteristics(item: OrderRequestItem, i: number, offering: ProductOffering, rules: LocalNetworkRules | undefined, refuse: Refuse): void {
  const given = item.product?.characteristic ?? [];
  const specs = offering.characteristics ?? [];
  given.forEach((c, j) => {
    const base = itemPath(i, `.product.characteristic[${j}]`);
    // The new owner's ID number of an ownership transfer: checked with the change (domain/order-changes.ts).
    if (c.name === OWNER_ID_NUMBER_CHARACTERISTIC && item.action === 'modify') return;
    if (c.name === NUMBER_HOLD_CHARACTERISTIC && specs.some((s) => s.name === 'requestedNumber')) {
      // The hold the order form placed on its requestedNumber (GET /inventory/numbers): the reserve step consumes it.
      if (typeof c.value !== 'string' || !NUMBER_HOLD_ID.test(c.value)) return refuse('INVALID_CHARACTERISTIC', `${base}.value`, `${c.name} is a hold id`);
      if (!given.some((g) => g.name === 'requestedNumber')) {
        return refuse('MISSING_CHARACTERISTIC', itemPath(i, '.product.characteristic'), `${c.name} holds a requestedNumber: give the number too`);
      }
      return;
    }
    const spec = specs.find((s) => s.name === c.name);
    if (!spec) {
      const accepted = specs.map((s) => s.name).join(', ') || 'no characteristics';
      return refuse('UNKNOWN_CHARACTERISTIC', `${base}.name`, `${offering.id} accepts ${accepted}, not "${c.name}"`);
    }
    if (typeof c.value !== spec.valueType) return refuse('INVALID_CHARACTERISTIC', `${base}.value`, `${c.name} is a ${spec.valueType}`);
    if (spec.allowedValues && !spec.allowedValues.includes(String(c.value))) {
      return refuse('INVALID_CHARACTERISTIC', `${base}.value`, `${c.name} is one of ${spec.allowedValues.join(', ')}`);
    }
    const problem = spec.format && numberFormatProblem(spec.format, String(c.value), rules?.fixedNumberDigits);
    if (problem) refuse('MALFORMED_NUMBER', `${base}.value`, problem);
  });
  for (const spec of specs) {
    if (spec.requiredFor?.includes(item.action) && !given.some((c) => c.name === spec.name)) {
      const why = `${offering.id} needs "${spec.name}" for ${item.action}: ${spec.description}`;
      refuse('MISSING_CHARACTERISTIC', itemPath(i, '.product.characteristic'), why);
    }
  }
}

/** The quote request for an order: the pricing needs only offerings, actions and quantities. */
export function quoteRequestFromOrder(request: OrderRequest, customerTier: CustomerTier): QuoteRequest {
  return {
    localNetwork: request.localNetwork,
    customerTier,
    items: request.productOrderItem.map((i) => ({
      id: i.id,
      offeringId: i.productOffering.id,
      action: i.action,
      ...(i.quantity === undefined ? {} : { quantity: i.quantity }),
    })),
  };
}
