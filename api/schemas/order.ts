// TMF622-shaped product-order schemas: the single source of request validation and of the
// OpenAPI document for the order endpoints. Request objects are strict: an unknown field is refused
// with 400 naming it, not dropped silently.
import { z } from 'zod';
import { ORDER_ACTIONS, SERVICE_LINES } from '../../domain/catalog.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { OWNER_ID_NUMBER_CHARACTERISTIC, OWNER_ROLES, REQUESTABLE_PRODUCT_STATUSES } from '../../domain/order-changes.js';
import { DEPENDENCY_RELATIONSHIP_TYPES } from '../../domain/order-dependencies.js';

/** An identifier in a path or body: bounded, in a safe alphabet (shared by the root and v5 order schemas). */
export const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const Characteristic = z.strictObject({
  name: z.string().trim().min(1).max(64),
  value: z.union([z.string().max(256), z.number(), z.boolean()]),
});

export const ProductOrderItemInput = z
  .strictObject({
    id: id.describe('Item id, unique within the order (e.g. "1")'),
    action: z.enum(ORDER_ACTIONS),
    quantity: z.number().int().min(1).max(1).default(1).describe('One service instance per item'),
    productOffering: z.strictObject({ id }),
    product: z
      .strictObject({
        id: id.optional().describe('Existing subscription, for modify / delete / move'),
        characteristic: z.array(Characteristic).max(20).optional(),
        status: z
          .enum(REQUESTABLE_PRODUCT_STATUSES)
          .optional()
          .describe('modify only: suspended suspends the subscription (停机), active resumes a suspended one (复机)'),
        relatedParty: z
          .array(z.strictObject({ id, role: z.enum(OWNER_ROLES) }))
          .length(1, 'one new owner')
          .optional()
          .describe(`modify only: the new owner of an ownership transfer (过户); give their ID number as the characteristic ${OWNER_ID_NUMBER_CHARACTERISTIC}`),
        billingAccount: z.strictObject({ id }).optional().describe("modify with a new owner: the new owner's account to bill (default: their first)"),
      })
      .optional(),
    productOrderItemRelationship: z
      .array(z.strictObject({ id, relationshipType: z.enum(DEPENDENCY_RELATIONSHIP_TYPES) }))
      .max(19)
      .optional()
      .describe(
        "Items of this order this one depends on (e.g. a data pack on the order's new mobile line): it starts once they are in service, and is not started when one fails. What an offering may depend on is its template's (see the catalog)",
      ),
  })
  .meta({ id: 'ProductOrderItemInput' });

export const ProductOrderInput = z
  .strictObject({
    externalId: z.string().trim().min(1).max(100).optional().describe('Caller reference; a repeat returns the same order'),
    description: z.string().max(500).optional(),
    channel: z.enum(['shop', 'call_centre', 'web', 'agent']),
    localNetwork: z.enum(LOCAL_NETWORK_IDS),
    agentId: id.optional(),
    relatedParty: z.array(z.strictObject({ id, role: z.enum(['customer']) })).length(1, 'exactly one related party with role "customer"'),
    requestedStartDate: z.iso.datetime({ offset: true }).optional(),
    depositPaidCents: z.number().int().min(0).max(100_000_000).optional().describe('Deposit collected at order entry, where the local network asks for one'),
    productOrderItem: z
      .array(ProductOrderItemInput)
      .min(1, 'an order needs at least one item')
      .max(20)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'item ids must be unique'),
  })
  .meta({ id: 'ProductOrderInput' });
export type ProductOrderInput = z.infer<typeof ProductOrderInput>;

/** Whether the reader may do an action now, and if not, why (the code and reason the API would refuse it with). */
export const ActionCheck = z.object({ allowed: z.boolean(), code: z.string().optional(), reason: z.string().optional() }).meta({ id: 'OrderActionCheck' });

const Step = z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'compensating', 'compensated']);

export const ProductOrderItem = z
  .object({
    id: z.string(),
    action: z.enum(ORDER_ACTIONS),
    productOffering: z.object({ id: z.string() }),
    serviceLine: z.enum(SERVICE_LINES).optional().describe('Known once the order is validated'),
    state: z.string(),
    steps: z.object({ reserveResources: Step, configureNetwork: Step, fieldInstallation: Step, activateBilling: Step }).optional(),
    product: z.object({ id: z.string().optional() }).optional(),
    workOrderId: z.string().optional(),
    failure: z.object({ step: z.string(), code: z.string(), message: z.string() }).optional(),
    productOrderItemRelationship: z
      .array(z.object({ id: z.string(), relationshipType: z.enum(DEPENDENCY_RELATIONSHIP_TYPES) }))
      .optional()
      .describe('The items of the order this one waits for (dependent items): it starts once they are completed'),
    amendment: ActionCheck.optional().describe('GET /productOrder/{id} only: whether the reader may amend this item now, and if not why'),
  })
  .meta({ id: 'ProductOrderItem' });

export const ProductOrder = z
  .object({
    id: z.string(),
    href: z.string(),
    externalId: z.string().optional(),
    state: z.string(),
    stateReason: z.string().optional(),
    channel: z.string(),
    localNetwork: z.string(),
    agentId: z.string().optional(),
    relatedParty: z.array(z.object({ id: z.string(), role: z.string() })),
    orderTotalPrice: z.object({ oneOffCents: z.number(), recurringCents: z.number(), currency: z.string() }).optional(),
    productOrderItem: z.array(ProductOrderItem),
    creationDate: z.string(),
    lastUpdate: z.string(),
    completionDate: z.string().optional(),
    cancellation: ActionCheck.optional().describe('GET /productOrder/{id} only: whether the reader may cancel the order now, and if not why'),
  })
  .meta({ id: 'Order', description: 'An order as the root paths answer it (TMF622-shaped; the v5 API has its own ProductOrder)' });

export const OrderIdParams = z.object({ id });

export const ListOrdersQuery = z.object({
  state: z.string().max(40).optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
  customerId: id.optional(),
  serviceLine: z.enum(SERVICE_LINES).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('creationDate >= from'),
  to: z.iso.datetime({ offset: true }).optional().describe('creationDate < to'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).optional().describe('Repeat a create safely: the same key returns the same order'),
});

export const CancelProductOrderInput = z
  .strictObject({ productOrder: z.strictObject({ id }), cancellationReason: z.string().trim().min(1).max(500) })
  .meta({ id: 'CancelProductOrderInput' });

export const AmendItemInput = z
  .strictObject({
    productOffering: z.strictObject({ id }).optional(),
    product: z.strictObject({ characteristic: z.array(Characteristic).max(20) }).optional(),
  })
  .refine((b) => b.productOffering || b.product, 'give a new productOffering or product.characteristic')
  .meta({ id: 'AmendItemInput' });

export const ItemParams = z.object({ id, itemId: id });

export const QuoteInput = ProductOrderInput.omit({ externalId: true }).meta({ id: 'QuoteInput' });

/** A quote: each item's price lines (which policy gave which amount), and the totals. */
export const Quote = z
  .object({
    items: z.array(
      z.object({
        itemId: z.string().optional(),
        offeringId: z.string(),
        lines: z.array(z.object({ policyId: z.string(), kind: z.string(), description: z.string(), amountCents: z.number() })),
        oneOffCents: z.number(),
        recurringCents: z.number(),
      }),
    ),
    totalOneOffCents: z.number(),
    totalRecurringCents: z.number(),
    currency: z.string(),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'Quote' });
