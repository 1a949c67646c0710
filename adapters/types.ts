// What activities see of the outside systems. Implementations: the HTTP clients in clients.ts
// (talking to the real systems or to the shipped simulators); tests may pass in-memory fakes.
// Every mutating call takes an idempotency key derived from the workflow and the step, so a
// retried activity never applies its effect twice. Failures are AdapterErrors (see errors.ts).

export type ResourceKind = 'number' | 'port' | 'ip' | 'device';

export interface PlanChange {
  changeId: string;
  /** The plan billed before this change. */
  previous: { offeringId: string; recurringCents: number };
  /** ISO date the new plan is billed from. */
  effectiveFrom: string;
}

export interface NetworkChange {
  changeId: string;
  activationId: string;
  /** The configuration before this change (what an undo pushes back). */
  previous: { offeringId?: string; actions: string[]; resources: { kind: ResourceKind; value: string }[] };
}

export interface BillingAdapter {
  createAccount(input: { customerId: string; accountId: string; name: string }, idempotencyKey: string): Promise<{ accountId: string }>;
  /** Refusals: CREDIT_REFUSED. */
  activateSubscription(
    input: {
      subscriptionId: string;
      accountId: string;
      customerId: string;
      offeringId: string;
      recurringCents: number;
      oneOffCents: number;
    },
    idempotencyKey: string,
  ): Promise<{ billingId: string }>;
  /** Refusals: UNKNOWN_SUBSCRIPTION (never activated nor seeded). Deactivating twice is fine. */
  deactivateSubscription(input: { subscriptionId: string }, idempotencyKey: string): Promise<void>;
  /**
   * Moves a live subscription to another plan, now or from the next billing cycle; answers with the plan
   * it had (what an undo restores with `effective: 'now'`). Refusals: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_INACTIVE.
   */
  changePlan(
    input: { subscriptionId: string; offeringId: string; recurringCents: number; effective: 'now' | 'nextCycle' },
    idempotencyKey: string,
  ): Promise<PlanChange>;
  /** Refusals: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_INACTIVE, ALREADY_SUSPENDED. */
  suspendSubscription(input: { subscriptionId: string }, idempotencyKey: string): Promise<void>;
  /** Refusals: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_INACTIVE, NOT_SUSPENDED. */
  resumeSubscription(input: { subscriptionId: string }, idempotencyKey: string): Promise<void>;
  /** Closes a live subscription for good with its final bill. Refusals: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_INACTIVE (closed already). */
  closeSubscription(input: { subscriptionId: string }, idempotencyKey: string): Promise<{ finalBill: { billId: string; amountCents: number } }>;
  /** Moves a live subscription to another customer's account; answers with the one it had. Refusals: UNKNOWN_SUBSCRIPTION, SUBSCRIPTION_INACTIVE. */
  transferOwnership(
    input: { subscriptionId: string; accountId: string; customerId: string },
    idempotencyKey: string,
  ): Promise<{ previous: { accountId: string; customerId: string } }>;
  getBalance(customerId: string): Promise<{ customerId: string; balanceCents: number; currency: string }>;
  /** An account's monthly bills, newest first (billing's ledger: simulators/billing-ledger.ts). */
  listBills(accountId: string, limit: number): Promise<LedgerBill[]>;
  /** An account's payments and prepaid top-ups, newest first. */
  listPayments(accountId: string, limit: number): Promise<LedgerPayment[]>;
  /** A payment, settling the account's open bills oldest first (or `billId` first). Refusals: UNKNOWN_BILL. */
  recordPayment(
    input: {
      accountId: string;
      amountCents: number;
      method: 'cash' | 'bank_transfer' | 'card' | 'wechat' | 'alipay' | 'direct_debit';
      reference?: string;
      billId?: string;
    },
    idempotencyKey: string,
  ): Promise<LedgerPayment>;
  /** A prepaid top-up: credit on the account. */
  topUp(
    input: { accountId: string; amountCents: number; channel: 'card' | 'voucher' | 'wechat' | 'alipay' | 'shop' | 'bank_transfer'; reference?: string },
    idempotencyKey: string,
  ): Promise<LedgerPayment>;
  /** Every change of the account's balance (bills, payments, top-ups), newest first, with the balance after each. */
  balanceHistory(accountId: string, limit: number): Promise<LedgerBalanceEntry[]>;
  /** Accounts in arrears on `asOf` (open bills due before it, or a balance below zero), by account id, a page after `after`. */
  listArrears(q: { asOf: string; after?: string; limit: number }): Promise<{ accounts: ArrearsStanding[]; next?: string }>;
  /** One account's standing on `asOf`: its balance and open bills due before it. */
  accountStanding(accountId: string, asOf: string): Promise<ArrearsStanding>;
}

/** An account's balance and its open bills past due (the dunning's facts; domain/dunning.ts AccountStanding). */
export interface ArrearsStanding {
  accountId: string;
  customerId?: string;
  balanceCents: number;
  overdueBills: Array<{ billId: string; dueDate: string; owedCents: number }>;
}

/** A monthly bill of an account, with its lines: recurring charges, one-off charges, adjustments. */
export interface LedgerBill {
  billId: string;
  accountId: string;
  customerId?: string;
  /** YYYY-MM */
  period: string;
  issuedAt: string;
  dueDate: string;
  lines: Array<{ kind: 'recurring' | 'oneOff' | 'adjustment'; description: string; amountCents: number; subscriptionId?: string }>;
  totalCents: number;
  paidCents: number;
  status: 'open' | 'paid';
  currency: string;
}

/** A payment or a prepaid top-up, and the bills it settled. */
export interface LedgerPayment {
  paymentId: string;
  kind: 'payment' | 'topUp';
  accountId: string;
  amountCents: number;
  method: string;
  reference?: string;
  at: string;
  settled: Array<{ billId: string; amountCents: number }>;
  balanceCents: number;
  currency: string;
}

export interface LedgerBalanceEntry {
  seq: number;
  at: string;
  kind: 'bill' | 'payment' | 'topUp' | 'usage';
  reference: string;
  amountCents: number;
  balanceCents: number;
}

/** Numbering blocks free numbers are chosen from: mobile (11 digits), local fixed-line numbers of 7 or 8 digits. */
export type NumberPlan = 'mobile' | 'fixed7' | 'fixed8';

export interface NumberHold {
  holdId: string;
  number: string;
  localNetwork: string;
  /** ISO instant the hold lapses unless an order's reservation consumes it first. */
  heldUntil: string;
}

export type NumberStatus =
  | { number: string; localNetwork: string; status: 'free' | 'taken' }
  | { number: string; localNetwork: string; status: 'quarantined'; until: string }
  | (NumberHold & { status: 'held'; heldBy: string });

export interface InventoryAdapter {
  /**
   * Refusals: NUMBER_TAKEN (preferred value in use), NUMBER_HELD (held for another order form; `hold`
   * names this order's own hold, which the reservation consumes), INVALID_NUMBER, NO_{NUMBER,PORT,IP,DEVICE}_AVAILABLE.
   */
  reserve(
    input: { kind: ResourceKind; localNetwork: string; orderId: string; itemId: string; preferred?: string; hold?: string },
    idempotencyKey: string,
  ): Promise<{ reservationId: string; kind: ResourceKind; value: string }>;
  /** Refusals: UNKNOWN_RESERVATION (never reserved). Releasing twice is fine. */
  release(input: { reservationId: string }, idempotencyKey: string): Promise<void>;
  /** A page of free numbers of a block matching a pattern (domain/number-pattern.ts). Refusals: INVALID_PATTERN. */
  listFreeNumbers(query: {
    localNetwork: string;
    plan: NumberPlan;
    pattern?: string;
    limit: number;
    offset: number;
  }): Promise<{ numbers: string[]; hasMore: boolean }>;
  /** Whether a number is free, held (by whom, until when) or taken. */
  numberStatus(input: { localNetwork: string; number: string }): Promise<NumberStatus>;
  /** Holds a free number for an order form. Refusals: NUMBER_TAKEN, NUMBER_HELD, INVALID_NUMBER. */
  holdNumber(input: { localNetwork: string; number: string; heldBy: string }, idempotencyKey: string): Promise<NumberHold>;
  /** Refusals: UNKNOWN_HOLD (never issued), HOLD_NOT_YOURS. A hold expired, consumed or released already is fine. */
  releaseHold(input: { holdId: string; heldBy: string }, idempotencyKey: string): Promise<void>;
  /**
   * A disconnected service's number into quarantine for `quarantineDays` (its local network's): not listed
   * free nor reservable until then. Refusals: NUMBER_NOT_IN_USE, INVALID_NUMBER. Asked again, nothing changes.
   */
  quarantineNumber(
    input: { localNetwork: string; number: string; subscriptionId: string; quarantineDays: number },
    idempotencyKey: string,
  ): Promise<{ number: string; status: 'quarantined'; until: string }>;
  /** Releases a resource by its value (a relocated line's old port). Refusals: NOT_RESERVED. */
  releaseValue(input: { localNetwork: string; kind: ResourceKind; value: string }, idempotencyKey: string): Promise<void>;
}

export interface NetworkAdapter {
  /** Refusals: ACTIVATION_REJECTED. `offeringId` is optional context (the simulator can be told to reject by offering). */
  activateService(
    input: {
      serviceId: string;
      orderId: string;
      itemId: string;
      offeringId?: string;
      actions: string[];
      resources: { kind: ResourceKind; value: string }[];
    },
    idempotencyKey: string,
  ): Promise<{ activationId: string }>;
  /** Refusals: UNKNOWN_ACTIVATION (never activated). Deactivating twice is fine. */
  deactivateService(input: { activationId: string }, idempotencyKey: string): Promise<void>;
  /**
   * Pushes another configuration to a live service (another plan's settings, a relocated line's new
   * resources); answers with the one it had. Refusals: UNKNOWN_SERVICE, CHANGE_REJECTED.
   */
  modifyService(
    input: {
      serviceId: string;
      orderId: string;
      itemId: string;
      offeringId?: string;
      actions: string[];
      /** Replace the configuration's resources of these kinds (all of them with replaceResources: an undo). */
      resources?: { kind: ResourceKind; value: string }[];
      replaceResources?: boolean;
    },
    idempotencyKey: string,
  ): Promise<NetworkChange>;
  /** Bars (停机) or unbars a live service; a no-op when it already is. Refusals: UNKNOWN_SERVICE, CHANGE_REJECTED. */
  barService(input: { serviceId: string }, idempotencyKey: string): Promise<void>;
  unbarService(input: { serviceId: string }, idempotencyKey: string): Promise<void>;
  /** Removes a live service's configuration (disconnection); answers with the resources it used. Refusals: UNKNOWN_SERVICE, CHANGE_REJECTED. */
  removeService(input: { serviceId: string }, idempotencyKey: string): Promise<{ resources: { kind: ResourceKind; value: string }[] }>;
  /** Brings back the configuration removeService removed (its undo). Refusals: UNKNOWN_SERVICE, CHANGE_REJECTED. */
  restoreService(input: { serviceId: string }, idempotencyKey: string): Promise<void>;
}

export type NotificationChannel = 'sms' | 'email';

export interface NotificationAdapter {
  /** Refusals: INVALID_RECIPIENT. */
  send(
    input: { channel: NotificationChannel; to: string; template: string; params: Record<string, string | number | boolean> },
    idempotencyKey: string,
  ): Promise<{ messageId: string }>;
}

export interface Adapters {
  billing: BillingAdapter;
  inventory: InventoryAdapter;
  network: NetworkAdapter;
  notification: NotificationAdapter;
}

export interface AdapterUrls {
  billing: string;
  inventory: string;
  network: string;
  notification: string;
}
