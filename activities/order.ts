// Activities of order fulfilment: thin calls to the adapters and the read model. Every mutating
// adapter call carries the idempotency key the workflow derived from the order, item and step.
// Business refusals become non-retryable failures whose type is the refusal code.
import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BusinessRefusalError, type Adapters } from '../adapters/index.js';
import { refusal } from '../contracts/failures.js';
import { changeKindsOf, type OrderRequest } from '../domain/order.js';
import { newOwnerOf } from '../domain/order-changes.js';
import { planChangeEffective } from '../domain/catalog.js';
import { numberQuarantineDays } from '../domain/local-networks.js';
import type { Subscription } from '../domain/customer.js';
import { assessOrder } from '../services/order-assessment.js';
import { dependenciesOf } from '../domain/order-dependencies.js';
import { changeSubscription, terminateSubscription, upsertSubscription } from '../db/customers.js';
import { settleCancelRequests } from '../db/cancel-requests.js';
import { findOrder, recordOrderProgress } from '../db/orders.js';
import { isoOf } from '../db/time.js';
import type { ReferenceData } from '../db/reference.js';
import { timeStep, type StepPhase, type WorkerMetrics } from '../platform/metrics.js';
import type { WorkOrderSettings } from '../contracts/work-order.js';
import type {
  AmendItemCall,
  BillingCall,
  BillingChangeCall,
  NetworkChangeCall,
  QuarantineCall,
  ReleaseOldResourcesCall,
  UndoBillingChangeCall,
  UndoNetworkChangeCall,
  FulfilmentItem,
  NetworkCall,
  OrderActivities,
  OrderNotice,
  OrderView,
  Reservation,
  ReserveCall,
  UndoBillingCall,
  UndoNetworkCall,
  ValidationResult,
} from '../contracts/order-fulfilment.js';

export interface OrderActivityDeps {
  em: () => EntityManager;
  adapters: Adapters;
  reference: ReferenceData;
  workOrderSettings: WorkOrderSettings;
  metrics?: WorkerMetrics;
}

/** Turns an adapter's business refusal into a failure Temporal will not retry. */
async function refusalsAreFinal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof BusinessRefusalError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}

/** For undo: replaying a step that was refused (so did nothing) yields nothing to undo. */
async function unlessRefused<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof BusinessRefusalError) return undefined;
    throw err;
  }
}

/** A network modify call's input: the same each time it is asked (its key's request). */
const modifyInput = (call: NetworkChangeCall) => ({
  serviceId: call.serviceId,
  orderId: call.orderId,
  itemId: call.itemId,
  offeringId: call.offeringId,
  actions: call.actions,
  ...(call.resources ? { resources: call.resources } : {}),
});

export function createOrderActivities({ em, adapters, reference, workOrderSettings, metrics }: OrderActivityDeps): OrderActivities {
  /** Each execution of a step's activity is one observation of telecom_order_step_duration_seconds. */
  const timed = <T>(step: string, phase: StepPhase, fn: () => Promise<T>) => timeStep(metrics, step, phase, fn);

  const toItems = (
    request: OrderRequest,
    offerings: Awaited<ReturnType<ReferenceData['get']>>['offerings'],
    quoteItems: Array<{ itemId?: string; oneOffCents: number; recurringCents: number }>,
    subscriptionsById?: ReadonlyMap<string, Subscription>,
    partiesById?: ReadonlyMap<string, { accountIds: readonly string[] }>,
  ): FulfilmentItem[] => {
    const kinds = changeKindsOf(request, subscriptionsById);
    return request.productOrderItem.map((i) => {
      const offering = offerings.get(i.productOffering.id)!;
      const priced = quoteItems.find((q) => q.itemId === i.id);
      const change = kinds.get(i.id);
      const sub = i.product?.id === undefined ? undefined : subscriptionsById?.get(i.product.id);
      const owner = change === 'ownershipTransfer' ? newOwnerOf(i) : undefined;
      return {
        id: i.id,
        action: i.action,
        offeringId: offering.id,
        serviceLine: offering.serviceLine,
        template: offering.template,
        characteristic: i.product?.characteristic ?? [],
        subscriptionId: i.product?.id,
        oneOffCents: priced?.oneOffCents ?? 0,
        recurringCents: priced?.recurringCents ?? 0,
        ...(change ? { change } : {}),
        ...(change && change !== 'connection' && sub
          ? {
              before: {
                offeringId: sub.offeringId,
                customerId: sub.customerId,
                accountId: sub.accountId,
                status: sub.status === 'suspended' ? ('suspended' as const) : ('active' as const),
                serviceId: sub.serviceId,
              },
            }
          : {}),
        ...(owner ? { newOwner: { customerId: owner.id, accountId: i.product?.billingAccount?.id ?? partiesById?.get(owner.id)?.accountIds[0] ?? '' } } : {}),
        ...(change === 'planChange' ? { planChangeEffective: planChangeEffective(offering) } : {}),
        ...(dependenciesOf(i).length ? { dependsOn: dependenciesOf(i) } : {}),
      };
    });
  };

  return {
    async validateOrder(orderId: string): Promise<ValidationResult> {
      const validate = async (): Promise<ValidationResult> => {
        const row = await findOrder(em(), orderId);
        if (!row) throw refusal('NOT_FOUND', `order ${orderId} is not in the read model`);
        const request = row.request as OrderRequest;
        // The agent's daily limit was checked when the order was taken; this order counts in it now.
        // Judged as when it was taken where the catalog is concerned: an offering retired since does not fail it.
        const a = await assessOrder(em(), reference, adapters, request, { at: new Date(), takenAt: new Date(isoOf(row.created_at)!) });
        if (a.refusals.length) return { ok: false, refusals: a.refusals };
        return {
          ok: true,
          customerId: a.customer!.id,
          customerTier: a.customer!.tier,
          customerName: a.customer!.name,
          contact: a.customer!.contact ?? {},
          accountId: a.accountId!,
          localNetwork: request.localNetwork,
          items: toItems(request, a.reference.offerings, a.quote.items, a.subscriptionsById, a.partiesById),
          quote: { totalOneOffCents: a.quote.totalOneOffCents, totalRecurringCents: a.quote.totalRecurringCents, currency: a.quote.currency },
          workOrderSettings,
        };
      };
      return timeStep(metrics, 'validate', 'forward', validate, (r) => (r.ok ? 'ok' : 'refused'));
    },

    /**
     * Checks an amendment with the same rules as order entry (offering active and sold in the local
     * network, for this kind of customer, within the agent's contract, the action allowed, the
     * characteristics and number formats, credit and deposit) and prices the changed item.
     */
    async amendItem(input: AmendItemCall): Promise<FulfilmentItem> {
      const row = await findOrder(em(), input.orderId);
      if (!row) throw refusal('NOT_FOUND', `order ${input.orderId} is not in the read model`);
      const request = row.request as OrderRequest;
      const original = request.productOrderItem.find((i) => i.id === input.item.id);
      const offeringId = input.request.productOffering?.id ?? input.item.offeringId;
      const characteristic = input.request.characteristic ?? input.item.characteristic;
      const line = (await reference.get()).offerings.get(offeringId)?.serviceLine;
      if (line !== undefined && line !== input.item.serviceLine) {
        throw refusal('INVALID', `an amendment keeps the service line (${input.item.serviceLine}); ${offeringId} is ${line}`);
      }
      const amended = {
        id: input.item.id,
        action: input.item.action,
        productOffering: { id: offeringId },
        ...(original?.quantity === undefined ? {} : { quantity: original.quantity }),
        product: { ...(input.item.subscriptionId ? { id: input.item.subscriptionId } : {}), characteristic },
      };
      // Only the amended item is judged: the others were accepted with the order.
      // The item's own offering is judged as when the order was taken (retired since is no reason to refuse); another one as now.
      const takenAt = offeringId === input.item.offeringId ? { takenAt: new Date(isoOf(row.created_at)!) } : {};
      const a = await assessOrder(em(), reference, adapters, { ...request, productOrderItem: [amended] }, { at: new Date(), ...takenAt });
      // Judged alone, the item has none of the order's other items: its dependencies were judged with the order, and an amendment keeps them.
      a.refusals = a.refusals.filter((r) => !r.code.startsWith('DEPENDENCY_'));
      if (a.refusals.length) {
        const outsideContract = a.refusals.every((r) => r.code.startsWith('AGENT_') && r.code !== 'AGENT_REQUIRED');
        const message = a.refusals.map((r) => `${r.field.replace(/^productOrderItem\[0\]\.?/, '') || 'item'}: ${r.message}`).join('; ');
        throw refusal(outsideContract ? 'FORBIDDEN' : 'INVALID', message);
      }
      const offering = a.reference.offerings.get(offeringId)!;
      const priced = a.quote.items[0];
      return {
        ...input.item,
        offeringId,
        template: offering.template,
        characteristic,
        oneOffCents: priced?.oneOffCents ?? 0,
        recurringCents: priced?.recurringCents ?? 0,
      };
    },

    async reserveResource(call: ReserveCall): Promise<Reservation> {
      const { idempotencyKey, ...input } = call;
      return timed('reserveResources', 'forward', () => refusalsAreFinal(() => adapters.inventory.reserve(input, idempotencyKey)));
    },

    /** Replays each reserve call by its key (no new effect) to learn the reservation, then releases it. */
    async releaseReservations({ calls }: { calls: ReserveCall[] }): Promise<void> {
      await timed('reserveResources', 'compensation', async () => {
        for (const { idempotencyKey, ...input } of calls) {
          const r = await unlessRefused(() => adapters.inventory.reserve(input, idempotencyKey));
          if (r) await unlessRefused(() => adapters.inventory.release({ reservationId: r.reservationId }, `${idempotencyKey}/release`));
        }
      });
    },

    async configureNetwork(call: NetworkCall): Promise<{ activationId: string }> {
      const { idempotencyKey, ...input } = call;
      return timed('configureNetwork', 'forward', () => refusalsAreFinal(() => adapters.network.activateService(input, idempotencyKey)));
    },

    async undoNetworkConfiguration({ call, idempotencyKey }: UndoNetworkCall): Promise<void> {
      const { idempotencyKey: stepKey, ...input } = call;
      await timed('configureNetwork', 'compensation', async () => {
        const a = await unlessRefused(() => adapters.network.activateService(input, stepKey));
        if (a) await unlessRefused(() => adapters.network.deactivateService({ activationId: a.activationId }, idempotencyKey));
      });
    },

    /** Add, move and modify (re)activate the subscription in billing; delete deactivates it. */
    async applyBilling(call: BillingCall): Promise<{ billingId: string }> {
      return timed('activateBilling', 'forward', async () => {
        await refusalsAreFinal(() =>
          adapters.billing.createAccount({ customerId: call.customerId, accountId: call.accountId, name: call.accountId }, `account/${call.accountId}`),
        );
        let billingId = call.subscriptionId;
        if (call.action === 'delete') {
          await refusalsAreFinal(() => adapters.billing.deactivateSubscription({ subscriptionId: call.subscriptionId }, call.idempotencyKey));
        } else {
          const r = await refusalsAreFinal(() =>
            adapters.billing.activateSubscription(
              {
                subscriptionId: call.subscriptionId,
                accountId: call.accountId,
                customerId: call.customerId,
                offeringId: call.offeringId,
                recurringCents: call.recurringCents,
                oneOffCents: call.oneOffCents,
              },
              call.idempotencyKey,
            ),
          );
          billingId = r.billingId;
        }
        await upsertSubscription(em(), {
          subscriptionId: call.subscriptionId,
          customerId: call.customerId,
          accountId: call.accountId,
          offeringId: call.offeringId,
          serviceLine: call.serviceLine,
          serviceValue: call.serviceValue,
          localNetwork: call.localNetwork,
          orderId: call.orderId,
          status: call.action === 'delete' ? 'terminated' : 'active',
        });
        return { billingId };
      });
    },

    async undoBilling({ action, subscriptionId, idempotencyKey }: UndoBillingCall): Promise<void> {
      // Billing is an item's last step: only an add or move that reached it has a charge to stop.
      if (action !== 'add' && action !== 'move') return;
      await timed('activateBilling', 'compensation', async () => {
        await unlessRefused(() => adapters.billing.deactivateSubscription({ subscriptionId }, idempotencyKey));
        await terminateSubscription(em(), subscriptionId);
      });
    },

    /** A change to a live service on the network, by its service id (the subscription id). */
    async changeNetwork(call: NetworkChangeCall) {
      const { idempotencyKey: key, serviceId } = call;
      return timed('configureNetwork', 'forward', () =>
        refusalsAreFinal(async () => {
          switch (call.change) {
            case 'modify': {
              const r = await adapters.network.modifyService(modifyInput(call), key);
              return { previousResources: r.previous.resources };
            }
            case 'bar':
              return adapters.network.barService({ serviceId }, key).then(() => ({}));
            case 'unbar':
              return adapters.network.unbarService({ serviceId }, key).then(() => ({}));
            case 'remove':
              // The resources it used: a disconnection releases the access side (port, IP, device) once billing closed.
              return adapters.network.removeService({ serviceId }, key).then((r) => ({ previousResources: r.resources }));
          }
        }),
      );
    },

    /** Replays the change by its key (no new effect, or the effect a lost answer hid) and reverses it. */
    async undoNetworkChange({ call, idempotencyKey }: UndoNetworkChangeCall): Promise<void> {
      const { serviceId } = call;
      await timed('configureNetwork', 'compensation', async () => {
        switch (call.change) {
          case 'modify': {
            const r = await unlessRefused(() => adapters.network.modifyService(modifyInput(call), call.idempotencyKey));
            if (r) {
              await unlessRefused(() =>
                adapters.network.modifyService(
                  {
                    serviceId,
                    orderId: call.orderId,
                    itemId: call.itemId,
                    offeringId: r.previous.offeringId,
                    actions: r.previous.actions,
                    resources: r.previous.resources,
                    replaceResources: true,
                  },
                  idempotencyKey,
                ),
              );
            }
            return;
          }
          case 'bar':
            if (await unlessRefused(() => adapters.network.barService({ serviceId }, call.idempotencyKey).then(() => true))) {
              await unlessRefused(() => adapters.network.unbarService({ serviceId }, idempotencyKey));
            }
            return;
          case 'unbar':
            if (await unlessRefused(() => adapters.network.unbarService({ serviceId }, call.idempotencyKey).then(() => true))) {
              await unlessRefused(() => adapters.network.barService({ serviceId }, idempotencyKey));
            }
            return;
          case 'remove':
            if (await unlessRefused(() => adapters.network.removeService({ serviceId }, call.idempotencyKey).then(() => true))) {
              await unlessRefused(() => adapters.network.restoreService({ serviceId }, idempotencyKey));
            }
            return;
        }
      });
    },

    /** A change to a live subscription in billing; the read model's row follows it. */
    async changeBilling(call: BillingChangeCall) {
      const { idempotencyKey: key, subscriptionId } = call;
      return timed('activateBilling', 'forward', async () => {
        let finalBill: { billId: string; amountCents: number } | undefined;
        await refusalsAreFinal(async () => {
          switch (call.change) {
            case 'changePlan':
              await adapters.billing.changePlan(
                { subscriptionId, offeringId: call.offeringId, recurringCents: call.recurringCents, effective: call.effective },
                key,
              );
              return;
            case 'suspend':
              return adapters.billing.suspendSubscription({ subscriptionId }, key);
            case 'resume':
              return adapters.billing.resumeSubscription({ subscriptionId }, key);
            case 'close':
              finalBill = (await adapters.billing.closeSubscription({ subscriptionId }, key)).finalBill;
              return;
            case 'transfer':
              await adapters.billing.transferOwnership({ subscriptionId, ...call.newOwner! }, key);
              return;
          }
        });
        const status = call.change === 'suspend' ? 'suspended' : call.change === 'resume' ? 'active' : call.change === 'close' ? 'terminated' : undefined;
        await changeSubscription(em(), {
          subscriptionId,
          orderId: call.orderId,
          ...(status ? { status } : {}),
          ...(call.change === 'changePlan' ? { offeringId: call.offeringId } : {}),
          ...(call.change === 'transfer' ? call.newOwner! : {}),
        });
        return finalBill ? { finalBill } : {};
      });
    },

    /** Replays the change by its key and reverses it; the row goes back to what it was before the change. */
    async undoBillingChange({ call, idempotencyKey }: UndoBillingChangeCall): Promise<void> {
      const { subscriptionId, before } = call;
      await timed('activateBilling', 'compensation', async () => {
        switch (call.change) {
          case 'changePlan': {
            const r = await unlessRefused(() =>
              adapters.billing.changePlan(
                { subscriptionId, offeringId: call.offeringId, recurringCents: call.recurringCents, effective: call.effective },
                call.idempotencyKey,
              ),
            );
            if (r) await unlessRefused(() => adapters.billing.changePlan({ subscriptionId, ...r.previous, effective: 'now' }, idempotencyKey));
            break;
          }
          case 'suspend':
            if (await unlessRefused(() => adapters.billing.suspendSubscription({ subscriptionId }, call.idempotencyKey).then(() => true))) {
              await unlessRefused(() => adapters.billing.resumeSubscription({ subscriptionId }, idempotencyKey));
            }
            break;
          case 'resume':
            if (await unlessRefused(() => adapters.billing.resumeSubscription({ subscriptionId }, call.idempotencyKey).then(() => true))) {
              await unlessRefused(() => adapters.billing.suspendSubscription({ subscriptionId }, idempotencyKey));
            }
            break;
          case 'transfer': {
            const r = await unlessRefused(() => adapters.billing.transferOwnership({ subscriptionId, ...call.newOwner! }, call.idempotencyKey));
            if (r) await unlessRefused(() => adapters.billing.transferOwnership({ subscriptionId, ...r.previous }, idempotencyKey));
            break;
          }
          case 'close':
            // Past the point of no return: a closed subscription is not reopened (the saga never asks).
            return;
        }
        await changeSubscription(em(), {
          subscriptionId,
          orderId: call.orderId,
          status: before.status,
          offeringId: before.offeringId,
          customerId: before.customerId,
          accountId: before.accountId,
        });
      });
    },

    /** The disconnected number into quarantine for its local network's period (a line without a number has none). */
    async quarantineNumber(call: QuarantineCall) {
      return timed('activateBilling', 'forward', async () => {
        const rules = (await reference.get()).localNetworks.get(call.localNetwork);
        const area = rules?.areaCode ?? '';
        // A seeded fixed line's service id carries its area code; the inventory knows local numbers.
        const number = area && call.serviceId.startsWith(area) ? call.serviceId.slice(area.length) : call.serviceId;
        const r = await unlessRefused(() =>
          adapters.inventory.quarantineNumber(
            { localNetwork: call.localNetwork, number, subscriptionId: call.subscriptionId, quarantineDays: numberQuarantineDays(rules) },
            call.idempotencyKey,
          ),
        );
        return r ? { number: r.number, until: r.until } : undefined;
      });
    },

    /** A relocated line's old resources back to the inventory (nothing held them: nothing to release). */
    async releaseOldResources({ localNetwork, resources, idempotencyKey }: ReleaseOldResourcesCall): Promise<void> {
      await timed('reserveResources', 'compensation', async () => {
        for (const r of resources) await unlessRefused(() => adapters.inventory.releaseValue({ localNetwork, ...r }, `${idempotencyKey}/${r.kind}`));
      });
    },

    /**
     * Tells the customer how the order ended. Not named notifyCustomer: the worker registers the
     * order and work-order activities in one namespace, and the work-order activity of that name
     * would take this one's place (order customers were never told).
     */
    async notifyOrderCustomer(input: OrderNotice): Promise<void> {
      await timed('notify', 'forward', async () => {
        const to = input.contact.phone ?? input.contact.email;
        if (!to) return;
        await unlessRefused(() =>
          adapters.notification.send(
            {
              channel: input.contact.phone ? 'sms' : 'email',
              to,
              template: `order.${input.state}`,
              params: { orderId: input.orderId, name: input.customerName, ...(input.reason ? { reason: input.reason } : {}) },
            },
            input.idempotencyKey,
          ),
        );
      });
    },

    /** Answers with the state it recorded: a local activity's marker keeps only the result (the audit trail reads it). */
    async recordOrderProgress(view: OrderView): Promise<{ state: string; stateReason?: string; seq: number }> {
      const write = await recordOrderProgress(em(), view);
      // The order's cancellation tasks follow it (TMF622 CancelProductOrder): inProgress, then done or terminatedWithError.
      // Idempotent, so a retried write settles them too; other orders only when they first finish.
      if (view.state === 'pendingCancellation' || view.state === 'cancelled' || write.finished) await settleCancelRequests(em(), view.orderId, view.state);
      // Counted when this write moved the order into its final state: once per order, whatever the retries.
      if (write.finished)
        metrics?.orderFinished({ state: view.state, serviceLines: write.serviceLines ?? [], localNetwork: write.localNetwork ?? view.localNetwork });
      return { state: view.state, ...(view.stateReason ? { stateReason: view.stateReason } : {}), seq: view.seq };
    },
  };
}
