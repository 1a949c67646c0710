// TMF620 Product Catalog Management v5.0.0, productOffering: the list and get queries, the
// merge-patch of an offering's lifecycle (the only attribute this system changes: the catalog is
// otherwise read-only data), and the answer's shape (validated against the published document in the
// tests; loose here). Unknown query parameters and body attributes are refused with 400 naming them.
import { z } from 'zod';
import { OFFERING_LIFECYCLES, SERVICE_LINES } from '../../domain/catalog.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { ORDER_CHANNELS } from '../../domain/order.js';
import { FieldsParam, PagingParams } from '../tmf.js';

export const OfferingId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'an offering id: letters, digits, dot, dash and underscore');

export const ProductOfferingIdParams = z.object({ id: OfferingId });
export const GetProductOfferingQuery = z.object({ fields: FieldsParam });

/** TMF630 paging and attribute selection, and filters by TMF's attribute names. */
export const ListProductOfferingsQuery = z.object({
  fields: FieldsParam,
  ...PagingParams,
  lifecycleStatus: z.enum(OFFERING_LIFECYCLES).optional().describe('draft, active or retired (drafts: for catalog staff — admin, ops, auditor)'),
  'category.id': z.enum(SERVICE_LINES).optional().describe('the service line (the catalog category)'),
  'place.id': z
    .enum(LOCAL_NETWORK_IDS)
    .optional()
    .describe('a local network: only the offerings it sells (its rules: service lines sold, offerings excluded); in the reader’s scope'),
  'channel.id': z.enum(ORDER_CHANNELS).optional().describe('a sales channel: only the offerings sold over it (see the channel rules)'),
});

/** ProductOffering_MVO as merge-patch: the lifecycle (draft → active → retired) and why. */
export const PatchProductOffering = z
  .strictObject({
    lifecycleStatus: z.enum(OFFERING_LIFECYCLES),
    statusReason: z.string().trim().min(1).max(500).optional().describe('why (kept in the lifecycle history)'),
  })
  .meta({ id: 'ProductOffering_MVO' });

const LifecycleChange = z.object({
  fromStatus: z.enum(OFFERING_LIFECYCLES),
  toStatus: z.enum(OFFERING_LIFECYCLES),
  reason: z.string().optional(),
  changedBy: z.object({ id: z.string(), name: z.string().optional() }),
  changedAt: z.string(),
});

/** The answer: ProductOffering with this system's extension attributes (nameZh, serviceLine, saleRequires, lifecycleHistory). */
export const ProductOfferingV5 = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.literal('ProductOffering'),
    name: z.string(),
    lifecycleStatus: z.enum(OFFERING_LIFECYCLES),
    lifecycleHistory: z.array(LifecycleChange).optional().describe('who changed the lifecycle, when, from what to what (on GET by id)'),
  })
  .loose()
  .meta({ id: 'ProductOfferingV5' });
