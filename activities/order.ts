// Activities of order fulfilment: thin calls to the adapters and the read model. Every mutating
// adapter call carries the idempotency key the workflow derived from the order, item and step.
// Business refusals become non-retryable failures whose type is the refusal code.
import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BusinessRefusalError, type Adapters } from '../adapters/index.js';
import { refusal } from '../contracts/failures.js';
import type { OrderRequest } from '../domain/order.js';
import { assessOrder } from '../services/order-assessment.js';
import { terminateSubscription, upsertSubscription } from '../db/customers.js';
import { findOrder, recordOrderProgress } from '../db/orders.js';
import type { ReferenceData } from '../db/reference.js';
import { timeStep, type StepPhase, type WorkerMetrics } from '../platform/metrics.js';
import type { WorkOrderSettings } from '../contracts/work-order.js';
import type {
  AmendItemCall,
  BillingCall,
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

export function createOrderActivities({ em, adapters, reference, workOrderSettings, metrics }: OrderActivityDeps): OrderActivities {
  /** Each execution of a step's activity is one observation of telecom_order_step_duration_seconds. */
  const timed = <T>(step: string, phase: StepPhase, fn: () => Promise<T>) => timeStep(metrics, step, phase, fn);

  const toItems = (
    request: OrderRequest,
    offerings: Awaited<ReturnType<ReferenceData['get']>>['offerings'],
    quoteItems: Array<{ itemId?: string; oneOffCents: number; recurringCents: number }>,
  ): FulfilmentItem[] =>
    request.productOrderItem.map((i) => {
      const offering = offerings.get(i.productOffering.id)!;
      const priced = quoteItems.find((q) => q.itemId === i.id);
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
      };
    });

  return {
    async validateOrder(orderId: string): Promise<ValidationResult> {
      const validate = async (): Promise<ValidationResult> => {
        const row = await findOrder(em(), orderId);
        if (!row) throw refusal('NOT_FOUND', `order ${orderId} is not in the read model`);
        const request = row.request as OrderRequest;
        // The agent's daily limit was checked when the order was taken; this order counts in it now.
        const a = await assessOrder(em(), reference, adapters, request, { at: new Date() });
        if (a.refusals.length) return { ok: false, refusals: a.refusals };
        return {
          ok: true,
          customerId: a.customer!.id,
          customerTier: a.customer!.tier,
          customerName: a.customer!.name,
          contact: a.customer!.contact ?? {},
          accountId: a.accountId!,
          localNetwork: request.localNetwork,
          items: toItems(request, a.reference.offerings, a.quote.items),
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
      const a = await assessOrder(em(), reference, adapters, { ...request, productOrderItem: [amended] }, { at: new Date() });
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
      // Counted when this write moved the order into its final state: once per order, whatever the retries.
      if (write.finished)
        metrics?.orderFinished({ state: view.state, serviceLines: write.serviceLines ?? [], localNetwork: write.localNetwork ?? view.localNetwork });
      return { state: view.state, ...(view.stateReason ? { stateReason: view.stateReason } : {}), seq: view.seq };
    },
  };
}
