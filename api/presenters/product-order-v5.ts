// An order as TMF622 v5 writes it: the read model's row (or the workflow's live view), with what the
// v5 client sent echoed back, prices as OrderPrice with Money, step progress as milestones and
// failures as error messages. Pure, so events are rendered with it from stored rows.
import type { OrderView } from '../../contracts/order-fulfilment.js';
import { ITEM_STEPS, type ItemStep, type StepStatus } from '../../domain/order.js';
import type { CancelRequestRow } from '../../db/cancel-requests.js';
import type { OrderRow } from '../../db/orders.js';
import { isoOf } from '../../db/time.js';
import { TMF622_BASE, money, withBaseTypes } from '../tmf.js';
import type { ProductOrderV5Input } from '../schemas/product-order-v5.js';

type Body = Record<string, unknown>;
type V5Item = ProductOrderV5Input['productOrderItem'][number];

/** What the v5 create stored beside the domain request (db: product_order.tmf_request). */
export interface TmfOrderRequest {
  body: ProductOrderV5Input;
  /** Each item's price at order entry, from the quote. */
  itemPrices: Record<string, { oneOffCents: number; recurringCents: number }>;
}

export const productOrderPath = (id: string) => `${TMF622_BASE}/productOrder/${id}`;

/** Lead times for the expected completion when the client asked for none: a field visit takes days, the rest hours. */
const LEAD_TIME_MS = { fieldVisit: 3 * 24 * 3600_000, remote: 4 * 3600_000 };

const MILESTONE_STATUS: Record<StepStatus, 'Yet-To-Reach' | 'Completed' | 'Violated'> = {
  pending: 'Yet-To-Reach',
  running: 'Yet-To-Reach',
  done: 'Completed',
  skipped: 'Completed',
  failed: 'Violated',
  compensating: 'Violated',
  compensated: 'Violated',
};

const FINAL = new Set(['completed', 'failed', 'partial', 'cancelled', 'rejected']);

export function presentProductOrderV5(row: OrderRow, opts: { baseUrl: string; live?: OrderView }): Body {
  const tmf = row.tmf_request as TmfOrderRequest | null;
  const sent = tmf?.body;
  const items = opts.live?.items ?? row.items;
  const quote = opts.live?.quote ?? row.quote;
  const state = opts.live?.state ?? row.state;
  const stateReason = opts.live?.stateReason ?? row.state_reason ?? undefined;
  const href = `${opts.baseUrl}${productOrderPath(row.id)}`;
  const currency = quote?.currency ?? 'CNY';
  const created = isoOf(row.created_at)!;
  const completed = FINAL.has(state) ? isoOf(row.completed_at ?? row.updated_at) : undefined;
  const itemRef = (itemId: string) => ({
    productOrderId: row.id,
    productOrderItemId: itemId,
    ProductOrderHref: href,
    '@type': 'ProductOrderItemRef',
    '@referredType': 'ProductOrderItem',
  });

  const sentItems: V5Item[] =
    sent?.productOrderItem ??
    row.request.productOrderItem.map((i) => ({
      id: i.id,
      action: i.action === 'move' ? 'modify' : i.action,
      quantity: 1,
      productOffering: { id: i.productOffering.id },
      product: i.product?.id || i.product?.characteristic ? { id: i.product.id, productCharacteristic: i.product.characteristic } : undefined,
    }));
  const progress = new Map(items.map((i) => [i.itemId, i]));

  const productOrderItem = sentItems.map((s) => {
    const p = progress.get(s.id);
    const price = tmf?.itemPrices[s.id];
    const itemState = p?.state ?? (s.action === 'noChange' ? noChangeState(state) : state === 'rejected' ? 'rejected' : 'acknowledged');
    const subscriptionId = p?.subscriptionId ?? s.product?.id;
    return {
      id: s.id,
      action: s.action,
      quantity: s.quantity ?? 1,
      state: itemState,
      ...(s.productOffering ? { productOffering: { ...s.productOffering, '@type': 'ProductOfferingRef' } } : {}),
      ...(s.product || subscriptionId
        ? {
            product: {
              ...stripUndefined(s.product ?? {}),
              ...(subscriptionId ? { id: subscriptionId } : {}),
              '@type': s.product?.['@type'] ?? 'Product',
              ...(s.product?.productCharacteristic
                ? { productCharacteristic: s.product.productCharacteristic.map((c) => ({ ...c, '@type': c['@type'] ?? characteristicType(c.value) })) }
                : {}),
            },
          }
        : {}),
      ...(s.billingAccount ? { billingAccount: { ...s.billingAccount, '@type': 'BillingAccountRef' } } : {}),
      ...(price ? { itemPrice: orderPrices(price.oneOffCents, price.recurringCents, currency) } : {}),
      ...(s.itemTerm ? { itemTerm: s.itemTerm.map((t) => ({ ...t, '@type': t['@type'] ?? 'OrderTerm' })) } : {}),
      ...(s.payment ? { payment: s.payment.map((x) => ({ ...x, '@type': x['@type'] ?? 'PaymentRef' })) } : {}),
      ...(s.note ? { note: s.note.map((n) => ({ ...n, '@type': n['@type'] ?? 'Note' })) } : {}),
      ...(s.productOrderItemRelationship
        ? { productOrderItemRelationship: s.productOrderItemRelationship.map((r) => ({ ...r, '@type': r['@type'] ?? 'OrderItemRelationship' })) }
        : {}),
      '@type': 'ProductOrderItem',
      '@baseType': 'ProductOrderItem',
    };
  });

  // Each planned step is a milestone: Completed when done, Violated when it failed or was undone,
  // Yet-To-Reach until then; the message says where the step is in our words.
  const milestones: Body[] = items.flatMap((i) =>
    ITEM_STEPS.flatMap((step: ItemStep) => {
      const st = i.steps?.[step];
      if (!st || st.status === 'skipped') return [];
      const at = st.endedAt ?? st.startedAt;
      return [
        {
          id: `${i.itemId}.${step}`,
          name: step,
          status: MILESTONE_STATUS[st.status],
          message: st.status,
          ...(at ? { milestoneDate: at } : {}),
          productOrderItem: [itemRef(i.itemId)],
          '@type': 'ProductOrderMilestone',
          '@baseType': 'Milestone',
        },
      ];
    }),
  );
  const errorMessages: Body[] = items.flatMap((i) =>
    i.failure
      ? [
          {
            reason: i.failure.code,
            message: `${i.failure.step}: ${i.failure.message}`,
            status: i.state,
            ...(i.steps?.[i.failure.step]?.endedAt ? { timestamp: i.steps[i.failure.step].endedAt } : {}),
            productOrderItem: [itemRef(i.itemId)],
            '@type': 'ProductOrderErrorMessage',
            '@baseType': 'ErrorMessage',
          },
        ]
      : [],
  );
  if (state === 'rejected' && stateReason) {
    errorMessages.push({
      reason: 'REJECTED',
      message: stateReason,
      status: 'rejected',
      productOrderItem: [],
      '@type': 'ProductOrderErrorMessage',
      '@baseType': 'ErrorMessage',
    });
  }

  const fieldVisit = items.some((i) => i.steps?.fieldInstallation && i.steps.fieldInstallation.status !== 'skipped');
  const expected = sent?.requestedCompletionDate ?? new Date(Date.parse(created) + (fieldVisit ? LEAD_TIME_MS.fieldVisit : LEAD_TIME_MS.remote)).toISOString();
  const cancelled = state === 'cancelled' || state === 'pendingCancellation';

  return withBaseTypes({
    id: row.id,
    href,
    '@type': 'ProductOrder',
    '@baseType': 'ProductOrder',
    state,
    ...(sent?.category ? { category: sent.category } : {}),
    ...(sent?.description ? { description: sent.description } : {}),
    ...(sent?.priority ? { priority: sent.priority } : {}),
    ...(sent?.notificationContact ? { notificationContact: sent.notificationContact } : {}),
    externalId: sent?.externalId
      ? sent.externalId.map((e) => ({ ...e, '@type': 'ExternalIdentifier' }))
      : row.external_id
        ? [{ id: row.external_id, '@type': 'ExternalIdentifier' }]
        : [],
    channel: [
      {
        role: 'orderChannel',
        channel: { id: row.channel, name: row.channel, '@type': 'ChannelRef', '@referredType': 'SalesChannel' },
        '@type': 'RelatedChannel',
      },
    ],
    relatedParty: relatedParties(row, sent),
    ...(sent?.billingAccount ? { billingAccount: { ...sent.billingAccount, '@type': 'BillingAccountRef' } } : {}),
    ...(sent?.payment ? { payment: sent.payment.map((x) => ({ ...x, '@type': x['@type'] ?? 'PaymentRef' })) } : {}),
    note: (sent?.note ?? (row.request.note ? [{ text: row.request.note }] : [])).map((n) => ({ ...n, '@type': 'Note' })),
    ...(sent?.requestedStartDate || row.request.requestedStartDate ? { requestedStartDate: sent?.requestedStartDate ?? row.request.requestedStartDate } : {}),
    ...(sent?.requestedCompletionDate ? { requestedCompletionDate: sent.requestedCompletionDate } : {}),
    ...(quote ? { orderTotalPrice: orderPrices(quote.totalOneOffCents, quote.totalRecurringCents, currency) } : {}),
    productOrderItem,
    productOrderMilestone: milestones,
    productOrderErrorMessage: errorMessages,
    creationDate: created,
    ...(completed ? { completionDate: completed } : { expectedCompletionDate: expected }),
    ...(cancelled && stateReason ? { cancellationReason: stateReason.replace(/^cancelled: /, '') } : {}),
    ...(state === 'cancelled' && completed ? { cancellationDate: completed } : {}),
    ...(sent?.intentSpecification ? { intentSpecification: sent.intentSpecification } : {}),
  });
}

/** A noChange item does nothing: it ends with the order. */
const noChangeState = (orderState: string) => (orderState === 'cancelled' ? 'cancelled' : FINAL.has(orderState) ? 'completed' : 'acknowledged');

function orderPrices(oneOffCents: number, recurringCents: number, currency: string) {
  const price = (name: string, priceType: string, cents: number, period?: string) => ({
    name,
    priceType,
    ...(period ? { recurringChargePeriod: period } : {}),
    price: { taxIncludedAmount: money(cents, currency), '@type': 'Price' },
    '@type': 'OrderPrice',
  });
  return [price('One-off charges', 'nonRecurring', oneOffCents), price('Monthly charges', 'recurring', recurringCents, 'month')];
}

function relatedParties(row: OrderRow, sent: ProductOrderV5Input | undefined) {
  const customer = {
    role: 'Customer',
    partyOrPartyRole: { id: row.customer_id, '@type': 'PartyRoleRef', '@referredType': 'Customer' },
    '@type': 'RelatedPartyRefOrPartyRoleRef',
  };
  const others = (sent?.relatedParty ?? [])
    .filter((p) => p.role.toLowerCase() !== 'customer')
    .map((p) => ({
      ...p,
      partyOrPartyRole: { ...p.partyOrPartyRole, '@type': p.partyOrPartyRole['@type'] ?? 'PartyRef' },
      '@type': 'RelatedPartyRefOrPartyRoleRef',
    }));
  const agent =
    row.agent_id && !others.some((p) => p.role.toLowerCase() === 'salesagent')
      ? [
          {
            role: 'salesAgent',
            partyOrPartyRole: { id: row.agent_id, '@type': 'PartyRoleRef', '@referredType': 'SalesAgent' },
            '@type': 'RelatedPartyRefOrPartyRoleRef',
          },
        ]
      : [];
  const seller = others.some((p) => p.role.toLowerCase() === 'seller')
    ? []
    : [
        {
          role: 'Seller',
          partyOrPartyRole: { id: row.local_network, '@type': 'PartyRef', '@referredType': 'Organization' },
          '@type': 'RelatedPartyRefOrPartyRoleRef',
        },
      ];
  return [customer, ...others, ...agent, ...seller];
}

function characteristicType(value: unknown): string {
  if (typeof value === 'number') return 'NumberCharacteristic';
  if (typeof value === 'boolean') return 'BooleanCharacteristic';
  if (Array.isArray(value)) return 'ObjectArrayCharacteristic';
  if (value && typeof value === 'object') return 'ObjectCharacteristic';
  return 'StringCharacteristic';
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const cancelProductOrderPath = (id: string) => `${TMF622_BASE}/cancelProductOrder/${id}`;

/** A CancelProductOrder task (TMF622) from its row. */
export function presentCancelProductOrderV5(row: CancelRequestRow, opts: { baseUrl: string }): Body {
  const at = (v: Date | string | null) => (v ? isoOf(v) : undefined);
  const requested = at(row.requested_cancellation_date);
  const effective = at(row.effective_cancellation_date);
  return withBaseTypes({
    id: row.id,
    href: `${opts.baseUrl}${cancelProductOrderPath(row.id)}`,
    '@type': 'CancelProductOrder',
    '@baseType': 'CancelProductOrder',
    state: row.state,
    productOrder: {
      id: row.order_id,
      href: `${opts.baseUrl}${productOrderPath(row.order_id)}`,
      '@type': 'ProductOrderRef',
      '@referredType': 'ProductOrder',
    },
    cancellationReason: row.cancellation_reason,
    creationDate: at(row.created_at),
    ...(requested ? { requestedCancellationDate: requested } : {}),
    ...(effective ? { effectiveCancellationDate: effective } : {}),
    ...(row.error_message ? { errorMessage: row.error_message } : {}),
  });
}
