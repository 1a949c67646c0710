// Order fulfilment (业务开通), one workflow per order:
//
//   validate → price → each item, in parallel:
//       reserve resources → configure the network → field installation (when the template says so)
//       → activate billing
//   → notify the customer → completed
//
// An item that changes a live subscription (domain/order-changes.ts: plan change, relocation,
// disconnection, suspension, resumption, ownership transfer) runs the same steps as its kind's plan
// says (CHANGE_PLANS), each a call of its own on the network and in billing, and is undone by
// reversing them — the previous plan, unbar/bar, restore, the previous owner — never by deactivating
// the service. A disconnection's billing close (with the final bill) is its point of no return: the
// number then goes to quarantine, whatever happens to the order. Runs validated before change orders
// (patch change-orders) take the path they took.
//
// Dependent items (domain/order-dependencies.ts): an item that depends on others of the order (a data
// pack on the order's new mobile line) waits until they are in service (completed); the others run in
// parallel meanwhile. When one of them fails or is cancelled the dependant is never started, and ends
// failed or cancelled with the reason ("depends on item 1, which failed: …"). Runs validated before
// dependent items (patch dependent-items) have no dependencies and take the path they took.
//
// How each step runs (local activity, activity, child workflow) and why: contracts/order-fulfilment.ts
// STEP_SHAPES. Runs started before patch short-steps-local run every step through the task queue.
//
// Saga: when an item's step fails for good, or the order is cancelled in flight, the item's
// started steps are undone in reverse order, each undo retried until it succeeds. The order ends
// completed, partial (some items delivered), failed, cancelled or rejected, with the reason.
import {
  ActivityCancellationType,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  condition,
  type LocalActivityOptions,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { whenHandlersFinished } from './handlers.js';
import { STEP_SHAPE } from './step-shape.js';
import { refusal } from '../contracts/failures.js';
import { canAmendItem, canCancelOrder, isFinal, newItemProgress, settledOrderState, ITEM_STEPS, type ItemStep } from '../domain/order.js';
import { CHANGE_PLANS, RELOCATED_RESOURCES, type ChangeKind } from '../domain/order-changes.js';
import { dependencyGate } from '../domain/order-dependencies.js';
import { fieldInstallationInput } from './field-installation.js';
import {
  amendOrderItemUpdate,
  cancelOrderUpdate,
  getOrderQuery,
  type AmendItemRequest,
  type BillingChangeCall,
  type BillingChangeKind,
  type CancelOrderRequest,
  type NetworkChangeCall,
  type FulfilmentItem,
  type ItemFulfilment,
  type NetworkCall,
  type OrderActivities,
  type OrderFulfilmentInput,
  type OrderFulfilmentWorkflow,
  type OrderView,
  type ReserveCall,
  type ValidatedOrder,
  LOCAL_RETRY_THRESHOLD,
  STEP_SHAPES,
} from '../contracts/order-fulfilment.js';
import { installationWorkOrderId, WORK_ORDER, workOrderWorkflowId, type FieldInstallationResult, type WorkOrderWorkflow } from '../contracts/work-order.js';
import { CustomerIdKey, LocalNetworkKey, OrderIdKey, OrderStateKey, ServiceLineKey } from '../contracts/search-attributes.js';

// ---- Activities, by role ------------------------------------------------------------------------
const TIMEOUT = '30 seconds';
/** Transient adapter errors are retried with backoff, for a while. */
const RETRY_FOR_A_WHILE = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 30 };
/** What must eventually happen (an undo, the read model, the customer's notice) is retried without limit. */
const RETRY_UNTIL_DONE = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' };

/**
 * The order's steps (validate, reserve, configure the network, activate billing) and the check of an
 * amendment. Business refusals come back as non-retryable failures (their code is the failure type)
 * and the saga handles them. On cancellation a call in flight is let finish, so the undo that
 * follows sees its effect.
 */
const steps = proxyActivities<OrderActivities>({
  startToCloseTimeout: TIMEOUT,
  retry: RETRY_FOR_A_WHILE,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
/** The undo of each step, newest first. */
const compensations = proxyActivities<OrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/** Telling the customer how the order ended. */
const customerNotices = proxyActivities<OrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/**
 * The read model's bookkeeping, as a local activity in the workflow task that changed the order: it
 * is the worker's own database write, not a step of the order, so it need not cross the task queue
 * (three fewer activity tasks per order for Temporal to schedule, dispatch and record).
 */
const readModel = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });
/** The same, through the task queue, for runs started before RECORD_PROGRESS_LOCALLY. */
const readModelViaQueue = proxyActivities<OrderActivities>({ startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE });

/** What a call is for: it decides the options (a step gives up after a while; an undo or the notice never). */
type Role = 'step' | 'compensation' | 'notice';
const VIA_QUEUE: Record<Role, OrderActivities> = { step: steps, compensation: compensations, notice: customerNotices };
/**
 * The same options for the short steps run as local activities (contracts/order-fulfilment.ts
 * STEP_SHAPES): past LOCAL_RETRY_THRESHOLD a retry waits on a server timer, so an outage is ridden
 * out as long as before. A local activity's input is not in the history: its summary, the call's
 * idempotency key, is (the audit trail and the Temporal UI show it).
 */
const LOCAL: Record<Role, LocalActivityOptions> = {
  step: {
    startToCloseTimeout: TIMEOUT,
    retry: RETRY_FOR_A_WHILE,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    localRetryThreshold: LOCAL_RETRY_THRESHOLD,
  },
  compensation: { startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE, localRetryThreshold: LOCAL_RETRY_THRESHOLD },
  notice: { startToCloseTimeout: TIMEOUT, retry: RETRY_UNTIL_DONE, localRetryThreshold: LOCAL_RETRY_THRESHOLD },
};

// ---- Patches (see README, "Versioning policy") ---------------------------------------------------
export const RECORD_PROGRESS_LOCALLY = 'record-progress-locally';
export const CANCEL_UNDOES_FINISHED_STEP = 'cancel-undoes-finished-step';
const NOTIFY_ORDER_CUSTOMER = 'notify-order-customer';
/** Items that change a live subscription run their kind's own calls (before: activate/deactivate as for a new one). */
export const CHANGE_ORDERS = 'change-orders';
/** A disconnection also releases its access resources (port, IP, device) after the number's quarantine. */
export const DISCONNECTION_RELEASES_ACCESS = 'disconnection-releases-access';
/** Items that depend on others of the order wait for them to be in service, and are not started when one fails. */
export const DEPENDENT_ITEMS = 'dependent-items';
/** The short adapter steps and their undo run as local activities (contracts/order-fulfilment.ts STEP_SHAPES). */
export const SHORT_STEPS_LOCAL = 'short-steps-local';
/**
 * The validation runs as a local activity too, and the run takes every earlier patch's new path
 * without asking it: a run that records this marker was started by code that has them all, so one
 * marker (and one TemporalChangeVersion upsert) stands for five. Runs without it ask each as before.
 */
export const LOCAL_VALIDATION = 'local-validation';

export async function orderFulfilment(input: OrderFulfilmentInput): Promise<OrderView> {
  const order = new OrderFulfilment(input.orderId);
  const view = await order.run();
  return whenHandlersFinished(view, order.latest);
}
orderFulfilment satisfies OrderFulfilmentWorkflow;

/** One order's fulfilment: its state, its handlers, and one method per stage of the flow above. */
class OrderFulfilment {
  private readonly view: OrderView;
  private order?: ValidatedOrder;
  /** The cancellation scope of each item in flight: a cancel cancels them all. */
  private readonly itemScopes = new Map<string, CancellationScope>();
  private cancelReason?: string;
  /** Amendments being checked: items wait before their point of no return meanwhile. */
  private amendmentsInFlight = 0;
  /** Whether this run takes the change-order path for items that change a live subscription (patch CHANGE_ORDERS). */
  private changeOrders = false;
  /** Whether this run honours items' dependencies (patch DEPENDENT_ITEMS). */
  private dependentItems = false;
  /** Whether this run's short steps are local activities (patch SHORT_STEPS_LOCAL, or LOCAL_VALIDATION). */
  private shortStepsLocal = false;
  /** Whether this run has patch LOCAL_VALIDATION: every earlier patch is then taken without asking (since()). */
  latest = false;
  /** The last local activity asked (oneLocalAtATime): the next waits for it to settle. */
  private localCalls: Promise<unknown> = Promise.resolve();

  constructor(private readonly orderId: string) {
    this.view = { orderId, state: 'acknowledged', customerId: '', localNetwork: '', items: [], seq: 0 };
    setHandler(getOrderQuery, () => this.view);
    setHandler(cancelOrderUpdate, (req) => this.cancel(req), { validator: (req) => this.admitCancel(req) });
    setHandler(amendOrderItemUpdate, (req) => this.amend(req), { validator: (req) => this.admitAmendment(req) });
  }

  async run(): Promise<OrderView> {
    const order = await this.validate();
    if (!order) return this.view;
    await Promise.all(order.items.map((item) => this.fulfilOrUndo(order, item)));
    await this.finish(order);
    return this.view;
  }

  // ---- validate → price ----

  /** The validated order, or undefined when it ended here (rejected, or cancelled while validated). */
  private async validate(): Promise<ValidatedOrder | undefined> {
    const { view } = this;
    // Asked first: a run with it validates locally and runs the short steps locally (below); a bundle
    // of the queue's shape (workflows/step-shape.ts) never asks it, nor does a run started before it.
    this.latest = STEP_SHAPE.localSteps && patched(LOCAL_VALIDATION);
    this.shortStepsLocal = this.latest;
    const validated = await this.call('step', 'validateOrder', `${this.orderId}/validate`)(this.orderId);
    if (!validated.ok) {
      view.state = 'rejected';
      view.stateReason = validated.refusals.map((r) => `${r.field}: ${r.message}`).join('; ');
      await this.publish();
      return undefined;
    }
    this.order = validated;
    // Asked once (unless the validation already ran locally), before the first step: a run started before
    // the patch keeps every step on the task queue to its end, as does every run of a bundle whose shape
    // is the queue's (workflows/step-shape.ts).
    this.shortStepsLocal ||= STEP_SHAPE.localSteps && patched(SHORT_STEPS_LOCAL);
    view.customerId = validated.customerId;
    view.localNetwork = validated.localNetwork;
    view.quote = validated.quote;
    // Runs validated before change orders have no change kinds: the patch is asked only when an item has one.
    this.changeOrders = validated.items.some((i) => i.change !== undefined && i.change !== 'connection') && this.since(CHANGE_ORDERS);
    view.items = validated.items.map((i) => newFulfilment(this.orderId, i, this.changeOf(i)));
    // Runs validated before dependent items have none: the patch is asked only when an item depends on another.
    this.dependentItems = validated.items.some((i) => i.dependsOn?.length) && this.since(DEPENDENT_ITEMS);
    if (this.dependentItems) {
      for (const item of validated.items) {
        if (!item.dependsOn?.length) continue;
        const progress = view.items.find((p) => p.itemId === item.id)!;
        progress.dependsOn = item.dependsOn;
        progress.state = 'pending';
      }
    }
    if (this.cancelReason !== undefined) {
      // Cancelled while being validated: nothing was done, so nothing to undo.
      view.state = 'cancelled';
      await this.publish();
      return undefined;
    }
    view.state = 'inProgress';
    await this.publish();
    return validated;
  }

  /** The change an item makes to a live subscription on this run's path, or undefined (a new connection, or the path before change orders). */
  private changeOf(item: FulfilmentItem): Exclude<ChangeKind, 'connection'> | undefined {
    return this.changeOrders && item.change !== undefined && item.change !== 'connection' ? item.change : undefined;
  }

  // ---- each item, in parallel ----

  /** Fulfils one item in a scope of its own; when a step fails for good or the order is cancelled, undoes what it started. */
  private async fulfilOrUndo(order: ValidatedOrder, item: FulfilmentItem): Promise<void> {
    const progress = this.view.items.find((p) => p.itemId === item.id)!;
    const held: HeldReservations = { calls: [] };
    const scope = new CancellationScope();
    this.itemScopes.set(item.id, scope);
    const dependsOn = this.dependentItems ? (item.dependsOn ?? []) : [];
    try {
      if (dependsOn.length) {
        const blocked = await scope.run(async () => {
          const gate = await this.dependenciesInService(dependsOn);
          if (!gate) await this.fulfilItem(order, item, progress, held);
          return gate;
        });
        if (blocked) {
          // Never started: nothing to undo.
          const firstStep = ITEM_STEPS.find((s) => progress.steps[s].status === 'pending') ?? 'configureNetwork';
          progress.state = blocked.cancelled ? 'cancelled' : 'failed';
          progress.error = blocked.reason;
          progress.failure = { step: firstStep, code: blocked.cancelled ? 'DEPENDENCY_CANCELLED' : 'DEPENDENCY_FAILED', message: blocked.reason };
          for (const s of ITEM_STEPS) if (progress.steps[s].status === 'pending') progress.steps[s].status = 'skipped';
          log.info('dependent item not started', { orderId: this.orderId, itemId: item.id, reason: blocked.reason });
        } else progress.state = 'completed';
      } else {
        await scope.run(() => this.fulfilItem(order, item, progress, held));
        progress.state = 'completed';
      }
    } catch (err) {
      const cancelled = isCancellation(err);
      if (!cancelled) progress.failure = failureOf(err, progress);
      await CancellationScope.nonCancellable(() => this.compensate(item, progress, held));
      progress.state = cancelled ? 'cancelled' : 'failed';
      progress.error = cancelled ? this.view.stateReason : `${progress.failure!.step}: ${progress.failure!.message}`;
    } finally {
      this.itemScopes.delete(item.id);
    }
    await this.publish();
  }

  /** Waits until every item this one depends on is in service (undefined), or answers why it will never start. */
  private async dependenciesInService(dependsOn: readonly string[]): Promise<{ reason: string; cancelled: boolean } | undefined> {
    let gate = dependencyGate(dependsOn, this.view.items);
    await condition(() => (gate = dependencyGate(dependsOn, this.view.items)).go !== 'wait');
    return gate.go === 'never' ? { reason: gate.reason, cancelled: gate.cancelled } : undefined;
  }

  // ---- one item ----

  /** reserve → configure the network → field installation → activate billing, each step skipped where the plan says so. */
  private async fulfilItem(order: ValidatedOrder, item: FulfilmentItem, progress: ItemFulfilment, held: HeldReservations): Promise<void> {
    const { orderId } = this;
    const run = async <T>(s: ItemStep, fn: () => Promise<T>): Promise<T | undefined> => {
      if (progress.steps[s].status === 'skipped') return undefined;
      progress.steps[s].status = 'running';
      const result = await fn().catch((err) => {
        progress.steps[s].status = 'failed';
        throw err;
      });
      progress.steps[s].status = 'done';
      // Cancelled while this step's call was in flight, and the call finished anyway (an adapter call
      // is not interrupted): stop here so the step is undone with the item's others, rather than the
      // item completing — billed, and its customer told — under an order its client cancelled.
      // Patched: runs started before went on to the next step (or completed after the last one).
      if (CancellationScope.current().consideredCancelled && this.since(CANCEL_UNDOES_FINISHED_STEP)) {
        throw new CancelledFailure(`the order was cancelled while ${s} ran`);
      }
      return result;
    };
    progress.state = 'inProgress';
    const change = this.changeOf(item);
    if (change) return this.changeItem(order, item, progress, held, change, run);

    // Reserve; an amendment before the point of no return releases what was reserved and reserves anew.
    let reservedAt = -1;
    for (;;) {
      await condition(() => this.amendmentsInFlight === 0);
      if (reservedAt === progress.revision) break;
      if (reservedAt >= 0) await this.releaseReservations(held, progress);
      reservedAt = progress.revision;
      held.calls = progress.steps.reserveResources.status === 'skipped' ? [] : reserveCalls(orderId, order.localNetwork, item, reservedAt);
      await run('reserveResources', async () => {
        for (const call of held.calls) progress.reservations.push(await this.call('step', 'reserveResource', call.idempotencyKey)(call));
      });
    }

    const activation = await run('configureNetwork', () => {
      const call = networkCall(orderId, item, progress);
      return this.call('step', 'configureNetwork', call.idempotencyKey)(call);
    });
    progress.activationId = activation?.activationId;

    await run('fieldInstallation', () => this.installation(order, item, progress));

    const billingKey = `${orderId}/${item.id}/billing`;
    const billing = await run('activateBilling', () =>
      this.call(
        'step',
        'applyBilling',
        billingKey,
      )({
        orderId,
        itemId: item.id,
        action: item.action,
        customerId: order.customerId,
        accountId: order.accountId,
        subscriptionId: progress.subscriptionId,
        offeringId: item.offeringId,
        serviceLine: item.serviceLine,
        localNetwork: order.localNetwork,
        serviceValue: progress.reservations.find((r) => r.kind === 'number')?.value ?? progress.reservations[0]?.value ?? progress.subscriptionId,
        oneOffCents: item.oneOffCents,
        recurringCents: item.recurringCents,
        idempotencyKey: billingKey,
      }),
    );
    progress.billingId = billing?.billingId;
  }

  /** The field installation (a child work order, answered by the installation department): throws when not done. */
  private async installation(order: ValidatedOrder, item: FulfilmentItem, progress: ItemFulfilment): Promise<void> {
    const { orderId } = this;
    progress.workOrderId = installationWorkOrderId(orderId, item.id);
    const child = await startChild<WorkOrderWorkflow>(WORK_ORDER, {
      workflowId: workOrderWorkflowId(progress.workOrderId),
      args: [
        fieldInstallationInput({
          workOrderId: progress.workOrderId,
          orderId,
          itemId: item.id,
          customerId: order.customerId,
          customerTier: order.customerTier,
          localNetwork: order.localNetwork,
          serviceLine: item.serviceLine,
          installationDepartment: item.template.installationDepartment,
          serviceId: progress.subscriptionId,
          settings: order.workOrderSettings,
        }),
      ],
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
    });
    const result: FieldInstallationResult = await child.result();
    if (!result.installed) throw ApplicationFailure.nonRetryable(`field installation not done: ${result.reason}`, 'INSTALLATION_FAILED');
  }

  /**
   * A change to a live subscription, as its kind's plan says (domain/order-changes.ts CHANGE_PLANS):
   * [reserve the relocation's new resources] → the network's change → [field installation at the new
   * place] → billing's change → a disconnected number to quarantine / a relocated line's old resources
   * released. A disconnection's billing close and what follows run shielded from a cancel: once billing
   * has closed the subscription with its final bill there is nothing to go back to.
   */
  private async changeItem(
    order: ValidatedOrder,
    item: FulfilmentItem,
    progress: ItemFulfilment,
    held: HeldReservations,
    change: Exclude<ChangeKind, 'connection'>,
    run: <T>(s: ItemStep, fn: () => Promise<T>) => Promise<T | undefined>,
  ): Promise<void> {
    const { orderId } = this;
    const plan = CHANGE_PLANS[change];
    await condition(() => this.amendmentsInFlight === 0);
    if (progress.steps.reserveResources.status !== 'skipped') {
      held.calls = reserveCalls(orderId, order.localNetwork, item, 0).filter((c) => (RELOCATED_RESOURCES as readonly string[]).includes(c.kind));
      await run('reserveResources', async () => {
        for (const call of held.calls) progress.reservations.push(await this.call('step', 'reserveResource', call.idempotencyKey)(call));
      });
    }
    const network = networkChangeCall(orderId, item, progress, change);
    const changed = network ? await run('configureNetwork', () => this.call('step', 'changeNetwork', network.idempotencyKey)(network)) : undefined;
    if (plan.fieldInstallation !== 'skip') await run('fieldInstallation', () => this.installation(order, item, progress));

    const billing = billingChangeCall(orderId, order, item, change);
    if (change === 'disconnection') {
      await CancellationScope.nonCancellable(async () => {
        const closed = await run('activateBilling', () => this.call('step', 'changeBilling', billing!.idempotencyKey)(billing!));
        progress.finalBill = closed?.finalBill;
        // Past the point of no return: the number goes to quarantine whatever happens (retried until done).
        if (item.template.resources.includes('number') && item.before) {
          const q = await this.call(
            'compensation',
            'quarantineNumber',
            `${orderId}/${item.id}/quarantine`,
          )({
            orderId,
            subscriptionId: progress.subscriptionId,
            localNetwork: order.localNetwork,
            serviceId: item.before.serviceId,
            idempotencyKey: `${orderId}/${item.id}/quarantine`,
          });
          if (q) progress.quarantine = q;
        }
        // The access side the network configuration used (a service this system connected; a seeded one's is not known) back to the inventory.
        const access = (changed?.previousResources ?? []).filter((r) => r.kind !== 'number');
        if (access.length && this.since(DISCONNECTION_RELEASES_ACCESS)) {
          await this.call(
            'compensation',
            'releaseOldResources',
            `${orderId}/${item.id}/release-access`,
          )({
            localNetwork: order.localNetwork,
            resources: access,
            idempotencyKey: `${orderId}/${item.id}/release-access`,
          });
        }
      });
      return;
    }
    if (billing) await run('activateBilling', () => this.call('step', 'changeBilling', billing.idempotencyKey)(billing));
    if (plan.afterBilling === 'releaseOldResources') {
      // The new port works (configured, installed): the old one goes back to the inventory.
      const old = (changed?.previousResources ?? []).filter((r) => (RELOCATED_RESOURCES as readonly string[]).includes(r.kind));
      if (old.length)
        await this.call(
          'compensation',
          'releaseOldResources',
          `${orderId}/${item.id}/release-old`,
        )({
          localNetwork: order.localNetwork,
          resources: old,
          idempotencyKey: `${orderId}/${item.id}/release-old`,
        });
    }
  }

  /**
   * Undo what was started, newest first; each undo is retried until it succeeds. A step whose
   * answer was never seen (cancelled in flight, worker died) is undone as well: the undo activity
   * replays the step's call with the same idempotency key, which returns what the step did without
   * doing it again, and then reverses that.
   */
  private async compensate(item: FulfilmentItem, progress: ItemFulfilment, held: HeldReservations): Promise<void> {
    const { orderId } = this;
    const started = (s: ItemStep) => !['pending', 'skipped'].includes(progress.steps[s].status);
    const undo = async (s: ItemStep, fn: () => Promise<unknown>) => {
      progress.steps[s].status = 'compensating';
      await this.publish();
      await fn();
      progress.steps[s].status = 'compensated';
    };
    const change = this.changeOf(item);
    if (change) {
      // A change is undone by reversing it (the previous plan, unbar/bar, the previous owner, restore), never by deactivating.
      // A disconnection never gets here once billing closed: that is its point of no return.
      const billing = billingChangeCall(orderId, this.order!, item, change);
      if (billing && started('activateBilling')) {
        const key = `${orderId}/${item.id}/billing-undo`;
        await undo('activateBilling', () => this.call('compensation', 'undoBillingChange', key)({ call: billing, idempotencyKey: key }));
      }
      const network = networkChangeCall(orderId, item, progress, change);
      if (network && started('configureNetwork')) {
        const key = `${orderId}/${item.id}/network-undo`;
        await undo('configureNetwork', () => this.call('compensation', 'undoNetworkChange', key)({ call: network, idempotencyKey: key }));
      }
      if (started('reserveResources')) await undo('reserveResources', () => this.releaseReservations(held, progress));
      return;
    }
    if (started('activateBilling')) {
      const key = `${orderId}/${item.id}/billing-undo`;
      await undo('activateBilling', () =>
        this.call('compensation', 'undoBilling', key)({ action: item.action, subscriptionId: progress.subscriptionId, idempotencyKey: key }),
      );
    }
    // An open installation work order was cancelled with the item's scope: nothing to undo on site.
    if (started('configureNetwork')) {
      const key = `${orderId}/${item.id}/network-undo`;
      await undo('configureNetwork', () =>
        this.call('compensation', 'undoNetworkConfiguration', key)({ call: networkCall(orderId, item, progress), idempotencyKey: key }),
      );
    }
    if (started('reserveResources')) await undo('reserveResources', () => this.releaseReservations(held, progress));
  }

  // ---- outcome → notify the customer ----

  private async finish(order: ValidatedOrder): Promise<void> {
    const { view, orderId } = this;
    if (this.cancelReason !== undefined && !view.items.some((i) => i.state === 'completed')) {
      view.state = 'cancelled';
    } else {
      view.state = settledOrderState(view.items);
      if (view.state !== 'completed') {
        view.stateReason = view.items
          .filter((i) => i.failure)
          .map((i) =>
            i.failure!.code.startsWith('DEPENDENCY_')
              ? `item ${i.itemId}: not started (${i.failure!.code}: ${i.failure!.message})`
              : `item ${i.itemId}: ${i.failure!.step} failed (${i.failure!.code}: ${i.failure!.message})`,
          )
          .join('; ');
      }
    }
    const notice = {
      orderId,
      state: view.state,
      customerName: order.customerName,
      contact: order.contact,
      reason: view.stateReason,
      idempotencyKey: `${orderId}/notify`,
    };
    // The activity was first called notifyCustomer, a name the work-order activities also register
    // (theirs won, so nobody was told); histories recorded before the rename replay as they ran.
    if (this.since(NOTIFY_ORDER_CUSTOMER)) await this.call('notice', 'notifyOrderCustomer', notice.idempotencyKey)(notice);
    else await (customerNotices as unknown as Record<'notifyCustomer', typeof customerNotices.notifyOrderCustomer>).notifyCustomer(notice);
    for (const i of view.items) if (i.steps.notify.status === 'pending') i.steps.notify.status = i.state === 'completed' ? 'done' : 'skipped';
    await this.publish();
    log.info('order finished', { orderId, state: view.state });
  }

  // ---- messages ----

  private admitCancel(req: CancelOrderRequest): void {
    if (typeof req?.reason !== 'string' || !req.reason.trim()) throw refusal('INVALID', 'a cancellation needs a reason');
    if (this.cancelReason !== undefined) throw refusal('WRONG_STATE', 'the order is already being cancelled');
    const check = canCancelOrder(this.view.state, this.view.items);
    if (!check.ok) throw refusal('WRONG_STATE', check.reason);
    // A disconnection whose billing close has begun is past its point of no return.
    const closing = this.view.items.find((i) => i.change === 'disconnection' && ['running', 'done'].includes(i.steps.activateBilling.status));
    if (closing) throw refusal('WRONG_STATE', `item ${closing.itemId} is past the point of no return: billing is closing the subscription`);
  }

  /** Stops every item (their started steps are undone); answers once the order is final. */
  private async cancel({ reason }: CancelOrderRequest): Promise<OrderView> {
    this.cancelReason = reason.trim();
    this.view.state = 'pendingCancellation';
    this.view.stateReason = `cancelled: ${this.cancelReason}`;
    for (const scope of this.itemScopes.values()) scope.cancel();
    await condition(() => isFinal(this.view.state));
    return this.view;
  }

  private admitAmendment(req: AmendItemRequest): void {
    const progress = this.view.items.find((i) => i.itemId === req?.itemId);
    if (!progress || !this.order) throw refusal('NOT_FOUND', `no item ${String(req?.itemId)} in this order`);
    if (!req.productOffering && !req.characteristic) throw refusal('INVALID', 'nothing to amend');
    if (this.cancelReason !== undefined || isFinal(this.view.state)) throw refusal('WRONG_STATE', `the order is ${this.view.state}`);
    if (progress.change)
      throw refusal('WRONG_STATE', `item ${progress.itemId} changes a live subscription (${progress.change}): cancel the order and place another`);
    const check = canAmendItem(progress);
    if (!check.ok) throw refusal('WRONG_STATE', check.reason);
  }

  /** Checks and prices the amendment; the item re-plans before its point of no return. */
  private async amend(req: AmendItemRequest): Promise<OrderView> {
    const order = this.order!;
    const item = order.items.find((i) => i.id === req.itemId)!;
    const progress = this.view.items.find((i) => i.itemId === req.itemId)!;
    this.amendmentsInFlight += 1;
    let amended: FulfilmentItem;
    try {
      amended = await steps.amendItem({ orderId: this.orderId, customerTier: order.customerTier, localNetwork: order.localNetwork, item, request: req });
    } catch (err) {
      // The activity's refusal arrives wrapped in an ActivityFailure: reject the update with the
      // refusal itself, so the caller gets its kind and message.
      throw refusalOf(err);
    } finally {
      this.amendmentsInFlight -= 1;
    }
    Object.assign(item, amended);
    progress.offeringId = amended.offeringId;
    progress.serviceLine = amended.serviceLine;
    progress.revision += 1;
    this.view.quote = {
      ...this.view.quote!,
      totalOneOffCents: order.items.reduce((s, i) => s + i.oneOffCents, 0),
      totalRecurringCents: order.items.reduce((s, i) => s + i.recurringCents, 0),
    };
    await this.publish();
    return this.view;
  }

  // ---- calls ----

  /** Whether this run takes an earlier patch's new path: always with LOCAL_VALIDATION, else as the patch answers. */
  private since(patch: string): boolean {
    return this.latest || patched(patch);
  }

  /**
   * An order activity for one call: a local activity where this run's shape and STEP_SHAPES say so
   * (with the call's idempotency key as its summary), otherwise through the task queue as before.
   */
  private call<K extends keyof OrderActivities>(role: Role, name: K, key: string): OrderActivities[K] {
    if (!this.shortStepsLocal || STEP_SHAPES[name].runsAs !== 'localActivity') return VIA_QUEUE[role][name];
    const local = proxyLocalActivities<OrderActivities>({ ...LOCAL[role], summary: key })[name] as (...args: unknown[]) => Promise<unknown>;
    return ((...args: unknown[]) => this.oneLocalAtATime(() => local(...args))) as OrderActivities[K];
  }

  /**
   * Runs the order's local activities one at a time, in the order its items ask for them. Within a
   * workflow task the items' local calls resolve in the order they finish, but on replay as soon as they
   * are asked: two in flight at once would let a replay ask the next ones in another order (a
   * non-determinism error the benchmark's replay check found with multi-item orders). One at a time, the
   * order asked is the order finished, live and on replay. Costs only overlap: the calls take tens of ms.
   */
  private oneLocalAtATime<T>(f: () => Promise<T>): Promise<T> {
    const run = this.localCalls.then(f);
    this.localCalls = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Releases what an item holds: each reserve call replayed by its key, then released (`<key>/release`). */
  private async releaseReservations(held: HeldReservations, progress: ItemFulfilment): Promise<void> {
    if (held.calls.length) {
      const keys = held.calls.map((c) => `${c.idempotencyKey}/release`).join(' ');
      await this.call('compensation', 'releaseReservations', keys)({ calls: held.calls });
    }
    held.calls = [];
    progress.reservations = [];
  }

  // ---- the read model and the Temporal UI ----

  private async publish(): Promise<void> {
    const { view } = this;
    view.seq += 1;
    upsertSearchAttributes([
      { key: OrderIdKey, value: this.orderId },
      { key: OrderStateKey, value: view.state },
      ...(view.customerId ? [{ key: CustomerIdKey, value: view.customerId }] : []),
      ...(view.localNetwork ? [{ key: LocalNetworkKey, value: view.localNetwork }] : []),
      ...(view.items.length ? [{ key: ServiceLineKey, value: [...new Set(view.items.map((i) => i.serviceLine))] }] : []),
    ]);
    // With the steps local the bookkeeping is one of the order's local activities, one at a time with them.
    if (this.shortStepsLocal) await this.oneLocalAtATime(() => readModel.recordOrderProgress(view));
    else if (patched(RECORD_PROGRESS_LOCALLY)) await readModel.recordOrderProgress(view);
    else await readModelViaQueue.recordOrderProgress(view);
  }
}

/** The reserve calls whose reservations an item holds (made for the revision it reserved at). */
interface HeldReservations {
  calls: ReserveCall[];
}

/** The reserve calls of one revision of an item: the same arguments and keys each time asked. */
function reserveCalls(orderId: string, localNetwork: string, item: FulfilmentItem, rev: number): ReserveCall[] {
  const requestedNumber = item.characteristic.find((c) => c.name === 'requestedNumber')?.value;
  const numberHold = item.characteristic.find((c) => c.name === 'numberHold')?.value;
  return item.template.resources.map((kind) => ({
    orderId,
    itemId: item.id,
    kind,
    localNetwork,
    preferred: kind === 'number' && typeof requestedNumber === 'string' ? requestedNumber : undefined,
    // Data of the activity's input only (no new command): absent, as in histories before holds, unless the form held the number.
    ...(kind === 'number' && typeof requestedNumber === 'string' && typeof numberHold === 'string' ? { hold: numberHold } : {}),
    idempotencyKey: `${orderId}/${item.id}/r${rev}/reserve-${kind}`,
  }));
}

/** Add and move switch the service on; modify and delete send the template's actions' variants. */
function networkCall(orderId: string, item: FulfilmentItem, progress: ItemFulfilment): NetworkCall {
  const suffix = item.action === 'modify' ? '.modify' : item.action === 'delete' ? '.remove' : '';
  return {
    orderId,
    itemId: item.id,
    serviceId: progress.subscriptionId,
    offeringId: item.offeringId,
    actions: item.template.networkActions.map((a) => a + suffix),
    resources: progress.reservations.map(({ kind, value }) => ({ kind, value })),
    idempotencyKey: `${orderId}/${item.id}/network`,
  };
}

/** The network step's call of a change (none when the kind or the template has no network step). */
function networkChangeCall(orderId: string, item: FulfilmentItem, progress: ItemFulfilment, change: ChangeKind): NetworkChangeCall | undefined {
  const what = CHANGE_PLANS[change].configureNetwork;
  if (what === 'skip' || what === 'activate' || progress.steps.configureNetwork.status === 'skipped') return undefined;
  const suffix = change === 'relocation' ? '.relocate' : '.modify';
  return {
    change: what,
    orderId,
    itemId: item.id,
    serviceId: progress.subscriptionId,
    offeringId: item.offeringId,
    actions: what === 'modify' ? item.template.networkActions.map((a) => a + suffix) : [],
    ...(change === 'relocation' ? { resources: progress.reservations.map(({ kind, value }) => ({ kind, value })) } : {}),
    idempotencyKey: `${orderId}/${item.id}/network`,
  };
}

const BILLING_CHANGES: Partial<Record<(typeof CHANGE_PLANS)[ChangeKind]['activateBilling'], BillingChangeKind>> = {
  changePlan: 'changePlan',
  suspend: 'suspend',
  resume: 'resume',
  closeWithFinalBill: 'close',
  transferOwnership: 'transfer',
};

/** The billing step's call of a change (none when the kind has no billing step). */
function billingChangeCall(orderId: string, order: ValidatedOrder, item: FulfilmentItem, change: ChangeKind): BillingChangeCall | undefined {
  const what = BILLING_CHANGES[CHANGE_PLANS[change].activateBilling];
  if (!what) return undefined;
  const subscriptionId = item.subscriptionId!;
  return {
    change: what,
    orderId,
    itemId: item.id,
    subscriptionId,
    offeringId: item.offeringId,
    serviceLine: item.serviceLine,
    localNetwork: order.localNetwork,
    recurringCents: item.recurringCents,
    effective: item.planChangeEffective ?? 'now',
    before: item.before ?? {
      offeringId: item.offeringId,
      customerId: order.customerId,
      accountId: order.accountId,
      status: 'active',
      serviceId: subscriptionId,
    },
    ...(item.newOwner ? { newOwner: item.newOwner } : {}),
    idempotencyKey: `${orderId}/${item.id}/billing`,
  };
}

// ---- helpers -----------------------------------------------------------------------------------

function newFulfilment(orderId: string, item: FulfilmentItem, change?: ChangeKind): ItemFulfilment {
  // newItemProgress needs only the offering's id and template to plan the item's steps.
  const base = newItemProgress(item.id, { id: item.offeringId, template: item.template } as Parameters<typeof newItemProgress>[1], item.action, change);
  return {
    ...base,
    ...(change ? { change } : {}),
    serviceLine: item.serviceLine,
    reservations: [],
    // A new service instance gets an id derived from the order; the others change an existing one.
    subscriptionId: item.subscriptionId ?? `${orderId}-${item.id}`,
    revision: 0,
  };
}

function failureOf(err: unknown, progress: ItemFulfilment): ItemFulfilment['failure'] {
  const failedStep = ITEM_STEPS.find((s) => progress.steps[s].status === 'failed') ?? 'reserveResources';
  const cause = applicationFailureIn(err);
  if (cause) return { step: failedStep, code: cause.type ?? 'FAILED', message: cause.message };
  return { step: failedStep, code: 'FAILED', message: err instanceof Error ? err.message : String(err) };
}

/** Activity and child failures wrap the ApplicationFailure that carries the refusal code. */
function applicationFailureIn(err: unknown): ApplicationFailure | undefined {
  let cause: unknown = err;
  while (cause && !(cause instanceof ApplicationFailure) && (cause as { cause?: unknown }).cause) cause = (cause as { cause?: unknown }).cause;
  return cause instanceof ApplicationFailure ? cause : undefined;
}

/** The refusal an activity failure carries, as the update's own rejection (or the error itself). */
function refusalOf(err: unknown): unknown {
  const cause = applicationFailureIn(err);
  return cause ? ApplicationFailure.create({ type: cause.type ?? undefined, message: cause.message, nonRetryable: true }) : err;
}
