// TMF622 Product Ordering v5.0.0 request schemas, as published (ProductOrder_FVO, CancelProductOrder_FVO):
// the fields of the specification this system acts on or keeps and echoes. Objects are strict: a field
// the specification does not have, or one we do not take, is refused with 400 naming it — never dropped.
// `@type` may name an extension of the base type (TMF630 polymorphism); the only extension fields
// taken are declared below with the type that carries them.
import { z } from 'zod';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { FieldsParam, PagingParams } from '../tmf.js';
import { id } from './order.js';

const text = (max: number) => z.string().max(max);
const url = z.string().max(500);
const dateTime = z.iso.datetime({ offset: true });

/** @type, @baseType, @schemaLocation (TMF630 Extensible); @type is optional on input, as most clients omit it on references. */
const extensible = {
  '@type': text(60).optional(),
  '@baseType': text(60).optional(),
  '@schemaLocation': url.optional(),
};

/** A reference to another entity (EntityRef). */
const ref = z.strictObject({
  id,
  href: url.optional(),
  name: text(200).optional(),
  '@referredType': text(60).optional(),
  version: text(20).optional(),
  ...extensible,
});

export const Money = z.strictObject({
  unit: z
    .string()
    .length(3)
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code'),
  value: z.number().min(-1e9).max(1e9),
});

const Price = z.strictObject({
  dutyFreeAmount: Money.optional(),
  taxIncludedAmount: Money.optional(),
  taxRate: z.number().min(0).max(100).optional(),
  percentage: z.number().min(0).max(100).optional(),
  ...extensible,
});

/** Client-proposed prices are kept and echoed as sent; the order's prices are ours (orderTotalPrice, itemTotalPrice). */
const OrderPrice = z.strictObject({
  name: text(200).optional(),
  description: text(500).optional(),
  priceType: text(40),
  recurringChargePeriod: text(40).optional(),
  unitOfMeasure: text(40).optional(),
  price: Price,
  priceAlteration: z
    .array(
      z.strictObject({
        name: text(200).optional(),
        description: text(500).optional(),
        priceType: text(40),
        priority: z.number().int().min(0).max(100).optional(),
        recurringChargePeriod: text(40).optional(),
        applicationDuration: z.number().int().min(0).max(1000).optional(),
        unitOfMeasure: text(40).optional(),
        price: Price,
        ...extensible,
      }),
    )
    .max(10)
    .optional(),
  productOfferingPrice: ref.optional(),
  billingAccount: ref.optional(),
  ...extensible,
});

const Note = z.strictObject({
  id: text(64).optional(),
  author: text(100).optional(),
  date: dateTime.optional(),
  system: text(100).optional(),
  text: text(2000),
  ...extensible,
});

export const DEPOSIT_PAYMENT_TYPE = 'DepositPaymentRef';
/** PaymentRef; the extension DepositPaymentRef (@baseType PaymentRef) adds the amount paid as deposit at order entry. */
const PaymentRef = z.strictObject({ ...ref.shape, amount: Money.optional() }).refine((p) => p.amount === undefined || p['@type'] === DEPOSIT_PAYMENT_TYPE, {
  message: `"amount" is an extension field: declare it with "@type": "${DEPOSIT_PAYMENT_TYPE}"`,
  path: ['amount'],
});

/**
 * JSON kept as sent and never read by fulfilment: an intent (TMF921 JSON-LD) or an object
 * characteristic's value (its schema is the product specification's @valueSchemaLocation). Open by
 * the specification's design, so marked `x-opaque` in the OpenAPI document; bounded by its size.
 */
export const OPAQUE_MAX_CHARS = 16_000;
const Opaque = z
  .record(z.string().max(200), z.unknown())
  .refine((v) => JSON.stringify(v).length <= OPAQUE_MAX_CHARS, `at most ${OPAQUE_MAX_CHARS} characters of JSON`)
  .meta({ 'x-opaque': `kept as sent, at most ${OPAQUE_MAX_CHARS} characters of JSON` });

const Characteristic = z.strictObject({
  id: text(64).optional(),
  name: z.string().trim().min(1).max(64),
  valueType: text(60).optional(),
  value: z.union([z.string().max(500), z.number(), z.boolean(), Opaque, z.array(Opaque).max(50)]),
  characteristicRelationship: z
    .array(z.strictObject({ id: text(64), relationshipType: text(60), ...extensible }))
    .max(10)
    .optional(),
  ...extensible,
});

/** A place by value (GeographicAddress) or by reference (PlaceRef, id only: we keep no place registry). */
const Place = z.strictObject({
  id: id.optional(),
  href: url.optional(),
  name: text(200).optional(),
  '@referredType': text(60).optional(),
  streetNr: text(20).optional(),
  streetNrSuffix: text(20).optional(),
  streetName: text(200).optional(),
  streetType: text(40).optional(),
  streetSuffix: text(40).optional(),
  postcode: text(20).optional(),
  locality: text(100).optional(),
  city: text(100).optional(),
  stateOrProvince: text(100).optional(),
  country: text(100).optional(),
  countryCode: text(3).optional(),
  ...extensible,
});
const RelatedPlace = z.strictObject({ role: text(60), place: Place, ...extensible });

const RelatedParty = z.strictObject({
  role: text(60),
  partyOrPartyRole: z.strictObject({ ...ref.shape }),
  ...extensible,
});

const Product = z.strictObject({
  id: id.optional().describe('The existing product (our subscription), for modify / delete / noChange'),
  href: url.optional(),
  name: text(200).optional(),
  description: text(500).optional(),
  isBundle: z.boolean().optional(),
  isCustomerVisible: z.boolean().optional(),
  status: text(40).optional().describe('modify: suspended suspends the product (停机), active resumes a suspended one (复机)'),
  productCharacteristic: z.array(Characteristic).max(20).optional(),
  productSpecification: ref.optional(),
  place: z.array(RelatedPlace).max(5).optional(),
  relatedParty: z.array(RelatedParty).max(5).optional().describe('modify: a party of role Owner names the new owner of an ownership transfer (过户)'),
  billingAccount: ref.optional().describe("modify with a new owner: the new owner's account to bill (default: their first)"),
  intent: Opaque.optional(),
  ...extensible,
});

export const ITEM_ACTIONS_V5 = ['add', 'modify', 'delete', 'noChange'] as const;

export const ProductOrderItemV5Input = z.strictObject({
  id: id.describe('Item id, unique within the order'),
  action: z.enum(ITEM_ACTIONS_V5),
  quantity: z.number().int().min(1).max(1).default(1).describe('One service instance per item'),
  // ProductOrderItem_FVO lists state as required (an erratum of v5.0.0: the server sets it); only the initial one is taken.
  state: z.enum(['acknowledged']).optional(),
  productOffering: ref.optional(),
  product: Product.optional(),
  billingAccount: ref.optional(),
  appointment: ref.optional(),
  itemPrice: z.array(OrderPrice).max(10).optional(),
  itemTotalPrice: z.array(OrderPrice).max(10).optional(),
  itemTerm: z
    .array(
      z.strictObject({
        name: text(200).optional(),
        description: text(500).optional(),
        duration: z.strictObject({ amount: z.number().min(0).max(1000), units: text(40), ...extensible }).optional(),
        ...extensible,
      }),
    )
    .max(5)
    .optional(),
  payment: z.array(PaymentRef).max(5).optional(),
  note: z.array(Note).max(20).optional(),
  productOrderItemRelationship: z
    .array(z.strictObject({ id, relationshipType: text(60), ...extensible }))
    .max(20)
    .optional(),
  ...extensible,
});

export const LOCAL_NETWORK_EXTENSION = 'TelecomProductOrder';
export const ProductOrderV5Input = z
  .strictObject({
    ...extensible,
    category: text(100).optional(),
    description: text(500).optional(),
    priority: z
      .string()
      .length(1)
      .regex(/^[0-4]$/, 'from 0 (highest) to 4 (lowest)')
      .optional(),
    notificationContact: text(200).optional(),
    requestedInitialState: z.enum(['acknowledged', 'draft']).optional().describe('draft: priced and kept, not started until PATCHed to acknowledged'),
    requestedStartDate: dateTime.optional(),
    requestedCompletionDate: dateTime.optional(),
    externalId: z
      .array(z.strictObject({ id: z.string().trim().min(1).max(100), owner: text(100).optional(), externalIdentifierType: text(60).optional(), ...extensible }))
      .max(5)
      .optional(),
    channel: z
      .array(z.strictObject({ role: text(100), channel: ref, ...extensible }))
      .max(5)
      .optional(),
    relatedParty: z.array(RelatedParty).max(10).optional(),
    billingAccount: ref.optional(),
    note: z.array(Note).max(20).optional(),
    payment: z.array(PaymentRef).max(5).optional(),
    intentSpecification: Opaque.optional(),
    productOrderItem: z
      .array(ProductOrderItemV5Input)
      .min(1, 'an order needs at least one item')
      .max(20)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'item ids must be unique'),
    localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe(`Extension field: declare it with "@type": "${LOCAL_NETWORK_EXTENSION}"`),
  })
  .refine((o) => o.localNetwork === undefined || o['@type'] === LOCAL_NETWORK_EXTENSION, {
    message: `"localNetwork" is an extension field: declare it with "@type": "${LOCAL_NETWORK_EXTENSION}" and "@baseType": "ProductOrder"`,
    path: ['localNetwork'],
  })
  .meta({ id: 'ProductOrder_FVO' });
export type ProductOrderV5Input = z.infer<typeof ProductOrderV5Input>;

/** The representation (TMF622 ProductOrder); documented loosely here, validated against the published document in tests. */
export const ProductOrderV5 = z
  .object({ id: z.string(), href: z.string(), '@type': z.string(), state: z.string(), productOrderItem: z.array(z.object({ id: z.string() }).loose()) })
  .loose()
  .meta({ id: 'ProductOrder' });

export const CancelProductOrderV5Input = z
  .strictObject({
    ...extensible,
    productOrder: z.strictObject({ ...ref.shape }),
    cancellationReason: z.string().trim().min(1).max(500),
    requestedCancellationDate: dateTime.optional(),
  })
  .meta({ id: 'CancelProductOrder_FVO' });

export const CancelProductOrderV5 = z
  .object({ id: z.string(), href: z.string(), '@type': z.string(), state: z.string(), productOrder: z.object({ id: z.string() }).loose() })
  .loose()
  .meta({ id: 'CancelProductOrder' });

export const V5IdParams = z.object({ id });
export const V5FieldsQuery = z.object({ fields: FieldsParam });
export const ListProductOrdersV5Query = z.object({
  fields: FieldsParam,
  state: z.string().max(40).optional(),
  'relatedParty.partyOrPartyRole.id': id.optional().describe('the customer'),
  'productOrderItem.product.productSpecification.id': z.string().max(64).optional(),
  'creationDate.gte': dateTime.optional(),
  'creationDate.lt': dateTime.optional(),
  ...PagingParams,
});
export const ListCancelProductOrdersV5Query = z.object({
  fields: FieldsParam,
  state: z.string().max(40).optional(),
  'productOrder.id': id.optional(),
  ...PagingParams,
});
export const PatchProductOrderV5Input = z
  .strictObject({ state: z.enum(['acknowledged']).describe('Submit a draft'), ...extensible })
  .meta({ id: 'ProductOrder_MVO' });
