// What activities see of the outside systems. Implementations: the HTTP clients in clients.ts
// (talking to the real systems or to the shipped simulators); tests may pass in-memory fakes.
// Every mutating call takes an idempotency key derived from the workflow and the step, so a
// retried activity never applies its effect twice. Failures are AdapterErrors (see errors.ts).

export type ResourceKind = 'number' | 'port' | 'ip' | 'device';

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
  /** Refusals: UNKNOWN_SUBSCRIPTION (never activated). Deactivating twice is fine. */
  deactivateSubscription(input: { subscriptionId: string }, idempotencyKey: string): Promise<void>;
  getBalance(customerId: string): Promise<{ customerId: string; balanceCents: number; currency: string }>;
}

export interface InventoryAdapter {
  /** Refusals: NUMBER_TAKEN (preferred value in use), INVALID_NUMBER, NO_{NUMBER,PORT,IP,DEVICE}_AVAILABLE. */
  reserve(
    input: { kind: ResourceKind; localNetwork: string; orderId: string; itemId: string; preferred?: string },
    idempotencyKey: string,
  ): Promise<{ reservationId: string; kind: ResourceKind; value: string }>;
  /** Refusals: UNKNOWN_RESERVATION (never reserved). Releasing twice is fine. */
  release(input: { reservationId: string }, idempotencyKey: string): Promise<void>;
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
