// Change orders on a live subscription (业务变更): what an order item asks of the service it names.
// Pure: the kind of change an item is (from its action, offering, product status, owner and place
// against the subscription as it is now), the refusals where it cannot be done, and which of the
// item's fulfilment steps each kind runs and what each step does — the rule, as data, that the saga
// (workflows/order-fulfilment.ts) and its contract follow.
//
//   add                                   → connection        (新装)
//   modify, another offering, same line   → planChange        (套餐变更)
//   move, or modify with a new place      → relocation        (移机)
//   delete                                → disconnection     (拆机/销户)
//   modify with product.status suspended  → suspension        (停机)
//   modify with product.status active     → resumption        (复机)
//   modify naming a new owner             → ownershipTransfer (过户)
import type { OrderAction } from './catalog.js';
import type { Customer, SubscriptionStatus } from './customer.js';
import { normalizeIdNumber } from './id-number.js';

export const CHANGE_KINDS = ['connection', 'planChange', 'relocation', 'disconnection', 'suspension', 'resumption', 'ownershipTransfer'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The product status a modify item asks for (TMF622 product.status): suspend or resume the service. */
export const REQUESTABLE_PRODUCT_STATUSES = ['active', 'suspended'] as const;
export type RequestableProductStatus = (typeof REQUESTABLE_PRODUCT_STATUSES)[number];

/** Roles of the product's related party that name its new owner in an ownership transfer. */
export const OWNER_ROLES = ['owner', 'customer'] as const;

/**
 * The characteristic carrying the new owner's identity document number (ID card, business licence),
 * checked against the owner's record: any offering accepts it on an ownership transfer.
 */
export const OWNER_ID_NUMBER_CHARACTERISTIC = 'ownerIdNumber';

/** What a change item carries besides its offering (the domain's shape of TMF622 product). */
export interface ChangeRequestProduct {
  id?: string;
  status?: RequestableProductStatus;
  relatedParty?: Array<{ id: string; role: string }>;
  billingAccount?: { id: string };
  characteristic?: Array<{ name: string; value: string | number | boolean }>;
}

export interface ChangeRequestItem {
  action: OrderAction;
  productOffering: { id: string };
  product?: ChangeRequestProduct;
}

/** The subscription as it is now (the read model's row). */
export interface LiveSubscription {
  id: string;
  customerId: string;
  accountId: string;
  offeringId: string;
  serviceLine: string;
  status: SubscriptionStatus;
}

/** The new owner of an ownership transfer, as far as the rules need it. */
export interface PartyFacts {
  customer: Pick<Customer, 'id' | 'status' | 'idNumber' | 'kind'>;
  accountIds: readonly string[];
}

export interface ChangeRefusal {
  code: string;
  /** Path inside the item, e.g. '.product.status'. */
  field: string;
  message: string;
}

export type ChangeDecision = { ok: true; kind: ChangeKind } | ({ ok: false } & ChangeRefusal);

/** The new owner an item names, if any: the related party of role owner/customer other than the subscriber. */
export function newOwnerOf(item: ChangeRequestItem): { id: string; index: number } | undefined {
  const parties = item.product?.relatedParty ?? [];
  const index = parties.findIndex((p) => (OWNER_ROLES as readonly string[]).includes(p.role));
  return index >= 0 ? { id: parties[index]!.id, index } : undefined;
}

const hasNewPlace = (item: ChangeRequestItem) => (item.product?.characteristic ?? []).some((c) => c.name === 'installationAddress');

/**
 * The kind of change an item is, judged against its subscription (undefined for add, or when the
 * caller has no subscription facts: then only the request's own shape decides).
 */
export function changeKindOf(item: ChangeRequestItem, sub?: LiveSubscription): ChangeDecision {
  const refuse = (code: string, field: string, message: string): ChangeDecision => ({ ok: false, code, field, message });
  if (item.action === 'add') return { ok: true, kind: 'connection' };
  if (item.action === 'delete') return { ok: true, kind: 'disconnection' };
  if (item.action === 'move') return { ok: true, kind: 'relocation' };

  // modify: exactly one thing changes.
  const status = item.product?.status;
  const owner = newOwnerOf(item);
  const offeringChanges = sub !== undefined && sub.offeringId !== item.productOffering.id;
  const asked = [
    status !== undefined && 'product.status',
    owner !== undefined && 'a new owner',
    offeringChanges && 'another offering',
    hasNewPlace(item) && 'a new place',
  ].filter((x): x is string => Boolean(x));
  if (asked.length > 1) return refuse('ONE_CHANGE_PER_ITEM', '', `one change per item: this one asks for ${asked.join(' and ')}`);

  if (status === 'suspended') {
    if (sub?.status === 'suspended') return refuse('ALREADY_SUSPENDED', '.product.status', `subscription ${sub.id} is already suspended`);
    return { ok: true, kind: 'suspension' };
  }
  if (status === 'active') {
    if (sub && sub.status !== 'suspended')
      return refuse('NOT_SUSPENDED', '.product.status', `subscription ${sub.id} is ${sub.status}, not suspended: nothing to resume`);
    return { ok: true, kind: 'resumption' };
  }
  if (owner) {
    if (sub && owner.id === sub.customerId) {
      return refuse('SAME_OWNER', `.product.relatedParty[${owner.index}].id`, `${owner.id} already owns subscription ${sub.id}`);
    }
    return { ok: true, kind: 'ownershipTransfer' };
  }
  if (hasNewPlace(item)) return { ok: true, kind: 'relocation' };
  if (sub && !offeringChanges) {
    return refuse(
      'NOTHING_TO_CHANGE',
      '.productOffering.id',
      `subscription ${sub.id} is already ${sub.offeringId}: name another offering, a status, a new owner or a new place`,
    );
  }
  return { ok: true, kind: 'planChange' };
}

/** Kinds that add spending: only orders with one of them are held to the customer's credit limit. */
export const SPENDING_CHANGES: readonly ChangeKind[] = ['connection', 'planChange', 'relocation'];

/** Kinds a suspended subscription still takes: it is resumed, given up, or handed on as it is. */
const WHILE_SUSPENDED: readonly ChangeKind[] = ['resumption', 'disconnection', 'ownershipTransfer'];

/**
 * Every refusal of a change to a live subscription: the kind's own (above), a suspended service
 * taking only what it can, and the new owner of a transfer — an active customer whose identity
 * document number matches the one given, billed to one of its own accounts.
 */
export function checkChange(item: ChangeRequestItem, sub: LiveSubscription, parties: ReadonlyMap<string, PartyFacts> | undefined): ChangeRefusal[] {
  const decision = changeKindOf(item, sub);
  if (!decision.ok) return [{ code: decision.code, field: decision.field, message: decision.message }];
  const out: ChangeRefusal[] = [];
  if (sub.status === 'suspended' && !WHILE_SUSPENDED.includes(decision.kind)) {
    out.push({ code: 'SUBSCRIPTION_SUSPENDED', field: '.product.id', message: `subscription ${sub.id} is suspended: resume it first` });
  }
  if (decision.kind === 'ownershipTransfer') out.push(...checkNewOwner(item, parties));
  else {
    if (item.product?.billingAccount)
      out.push({ code: 'UNEXPECTED_FIELD', field: '.product.billingAccount', message: 'a billing account is given only with a new owner' });
    if ((item.product?.characteristic ?? []).some((c) => c.name === OWNER_ID_NUMBER_CHARACTERISTIC)) {
      out.push({ code: 'UNEXPECTED_FIELD', field: '.product.characteristic', message: `${OWNER_ID_NUMBER_CHARACTERISTIC} is given only with a new owner` });
    }
  }
  return out;
}

function checkNewOwner(item: ChangeRequestItem, parties: ReadonlyMap<string, PartyFacts> | undefined): ChangeRefusal[] {
  const owner = newOwnerOf(item)!;
  const field = `.product.relatedParty[${owner.index}].id`;
  if (!parties) return [];
  const party = parties.get(owner.id);
  if (!party) return [{ code: 'NEW_OWNER_NOT_FOUND', field, message: `no customer "${owner.id}"` }];
  if (party.customer.status !== 'active') return [{ code: 'NEW_OWNER_NOT_ACTIVE', field, message: `customer ${owner.id} is ${party.customer.status}` }];
  const out: ChangeRefusal[] = [];
  const chars = item.product?.characteristic ?? [];
  const j = chars.findIndex((c) => c.name === OWNER_ID_NUMBER_CHARACTERISTIC);
  if (j < 0) {
    out.push({
      code: 'IDENTITY_REQUIRED',
      field: '.product.characteristic',
      message: `an ownership transfer gives the new owner's ID number (${OWNER_ID_NUMBER_CHARACTERISTIC})`,
    });
  } else {
    const given = normalizeIdNumber(String(chars[j]!.value));
    const known = party.customer.idNumber === undefined ? undefined : normalizeIdNumber(party.customer.idNumber);
    if (!given || known === undefined || given !== known) {
      out.push({ code: 'IDENTITY_MISMATCH', field: `.product.characteristic[${j}].value`, message: `the ID number does not match customer ${owner.id}'s` });
    }
  }
  const account = item.product?.billingAccount?.id;
  if (account !== undefined && !party.accountIds.includes(account)) {
    out.push({ code: 'UNKNOWN_BILLING_ACCOUNT', field: '.product.billingAccount.id', message: `customer ${owner.id} has no billing account "${account}"` });
  } else if (account === undefined && party.accountIds.length === 0) {
    out.push({ code: 'NO_ACCOUNT', field, message: `customer ${owner.id} has no billing account` });
  }
  return out;
}

// ---- What each kind runs ------------------------------------------------------------------------

/** What one step of an item does for a kind of change ('skip': the step does not run). */
export type StepEffect =
  | 'skip'
  // reserveResources
  | 'reserve'
  // configureNetwork
  | 'activate'
  | 'modify'
  | 'bar'
  | 'unbar'
  | 'remove'
  // fieldInstallation
  | 'install'
  // activateBilling
  | 'activateBilling'
  | 'changePlan'
  | 'suspend'
  | 'resume'
  | 'closeWithFinalBill'
  | 'transferOwnership';

export interface ChangePlan {
  reserveResources: 'reserve' | 'skip';
  configureNetwork: 'activate' | 'modify' | 'bar' | 'unbar' | 'remove' | 'skip';
  fieldInstallation: 'install' | 'skip';
  activateBilling: 'activateBilling' | 'changePlan' | 'suspend' | 'resume' | 'closeWithFinalBill' | 'transferOwnership' | 'skip';
  /**
   * After billing: a disconnected number goes to quarantine and its access resources (port, IP, device) back to
   * the inventory; a relocation's old port is released once the new one works.
   */
  afterBilling: 'quarantineNumber' | 'releaseOldResources' | 'none';
  /** Undo of each step (newest first), in words: the saga's compensation for this kind. */
  undo: string;
}

/**
 * The steps of each kind. Resource reservation and the field visit apply only where the template has
 * them (resources, a technician); the network step only where it has network actions.
 */
export const CHANGE_PLANS: Record<ChangeKind, ChangePlan> = {
  connection: {
    reserveResources: 'reserve',
    configureNetwork: 'activate',
    fieldInstallation: 'install',
    activateBilling: 'activateBilling',
    afterBilling: 'none',
    undo: 'billing deactivated, network configuration removed, reservations released',
  },
  planChange: {
    reserveResources: 'skip',
    configureNetwork: 'modify',
    fieldInstallation: 'skip',
    activateBilling: 'changePlan',
    afterBilling: 'none',
    undo: 'billing back to the previous plan, network back to the previous settings; never deactivated',
  },
  relocation: {
    reserveResources: 'reserve',
    configureNetwork: 'modify',
    fieldInstallation: 'install',
    activateBilling: 'skip',
    afterBilling: 'releaseOldResources',
    undo: 'network back to the old port and address, the new reservations released',
  },
  disconnection: {
    reserveResources: 'skip',
    configureNetwork: 'remove',
    fieldInstallation: 'skip',
    activateBilling: 'closeWithFinalBill',
    afterBilling: 'quarantineNumber',
    undo: 'before billing closed (the point of no return): the network configuration restored',
  },
  suspension: {
    reserveResources: 'skip',
    configureNetwork: 'bar',
    fieldInstallation: 'skip',
    activateBilling: 'suspend',
    afterBilling: 'none',
    undo: 'billing resumed, network unbarred',
  },
  resumption: {
    reserveResources: 'skip',
    configureNetwork: 'unbar',
    fieldInstallation: 'skip',
    activateBilling: 'resume',
    afterBilling: 'none',
    undo: 'billing suspended again, network barred again',
  },
  ownershipTransfer: {
    reserveResources: 'skip',
    configureNetwork: 'skip',
    fieldInstallation: 'skip',
    activateBilling: 'transferOwnership',
    afterBilling: 'none',
    undo: 'billing account (and owner) back to the previous one',
  },
};

/** Resources a relocation reserves anew: the access side (port, device) — the number stays with the subscriber. */
export const RELOCATED_RESOURCES = ['port', 'device'] as const;

/** The subscription status after a change that completed. */
export function statusAfter(kind: ChangeKind): 'active' | 'suspended' | 'terminated' | undefined {
  switch (kind) {
    case 'connection':
    case 'resumption':
      return 'active';
    case 'suspension':
      return 'suspended';
    case 'disconnection':
      return 'terminated';
    default:
      return undefined;
  }
}
