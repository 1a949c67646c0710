// An order as the API answers it (TMF622-shaped): the read model's row, with the workflow's live view
// when one was asked for and came in time.
import type { z } from 'zod';
import type { OrderView } from '../../contracts/order-fulfilment.js';
import { orderActionChecks, type ActionRoles } from '../../domain/order-actions.js';
import type { OrderRow } from '../../db/orders.js';
import { isoOf } from '../../db/time.js';
import type { ProductOrder } from '../schemas/order.js';

export type ProductOrderBody = z.infer<typeof ProductOrder>;

export function presentOrder(row: OrderRow, live?: OrderView): ProductOrderBody {
  const items = live?.items ?? row.items;
  const quote = live?.quote ?? row.quote;
  const stateReason = live?.stateReason ?? row.state_reason;
  // Raw queries hand timestamptz back as PostgreSQL text ("2025-01-02 03:04:05.678+00"): answer ISO 8601.
  const iso = (v: Date | string) => isoOf(v) ?? '';
  return {
    id: row.id,
    href: `/productOrder/${row.id}`,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    state: live?.state ?? row.state,
    ...(stateReason ? { stateReason } : {}),
    channel: row.channel,
    localNetwork: row.local_network,
    ...(row.agent_id ? { agentId: row.agent_id } : {}),
    relatedParty: [{ id: row.customer_id, role: 'customer' }],
    ...(quote ? { orderTotalPrice: { oneOffCents: quote.totalOneOffCents, recurringCents: quote.totalRecurringCents, currency: quote.currency } } : {}),
    productOrderItem: items.length
      ? items.map((i) => ({
          id: i.itemId,
          action: i.action,
          productOffering: { id: i.offeringId },
          serviceLine: i.serviceLine,
          state: i.state,
          // The read model outlives code versions and has other writers (seeded data): an item may
          // come without its step progress or its service instance.
          ...(i.steps ? { steps: stepStatuses(i.steps) } : {}),
          ...(i.subscriptionId ? { product: { id: i.subscriptionId } } : {}),
          ...(i.workOrderId ? { workOrderId: i.workOrderId } : {}),
          ...(i.failure ? { failure: i.failure } : {}),
          ...(i.dependsOn?.length ? { productOrderItemRelationship: i.dependsOn.map((id) => ({ id, relationshipType: 'dependsOn' as const })) } : {}),
        }))
      : // Not validated yet: the items as requested.
        row.request.productOrderItem.map((i) => ({ id: i.id, action: i.action, productOffering: { id: i.productOffering.id }, state: 'acknowledged' })),
    creationDate: iso(row.created_at),
    lastUpdate: iso(row.updated_at),
    ...(row.completed_at ? { completionDate: iso(row.completed_at) } : {}),
  };
}

function stepStatuses(steps: OrderView['items'][number]['steps']): ProductOrderBody['productOrderItem'][number]['steps'] {
  return Object.fromEntries(
    Object.entries(steps)
      .filter(([k]) => k !== 'notify')
      .map(([k, v]) => [k, v.status]),
  ) as ProductOrderBody['productOrderItem'][number]['steps'];
}

/**
 * An order with what the reader may do to it now (cancel, amend each item) and why not: the order
 * page offers exactly what the API would accept.
 */
export function presentOrderForReader(row: OrderRow, live: OrderView | undefined, roles: ActionRoles): ProductOrderBody {
  const order = presentOrder(row, live);
  const checks = orderActionChecks(
    { state: order.state, items: live?.items ?? row.items, requestedItemIds: row.request.productOrderItem.map((i) => i.id) },
    roles,
  );
  return {
    ...order,
    cancellation: checks.cancel,
    productOrderItem: order.productOrderItem.map((i) => (checks.amend[i.id] ? { ...i, amendment: checks.amend[i.id] } : i)),
  };
}
