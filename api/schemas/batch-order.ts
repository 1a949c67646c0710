// Enterprise batch orders (集团客户批量开通) and group accounts: the single source of request validation
// and of the OpenAPI document for /productOrderBatch and /enterpriseGroup.
import { z } from 'zod';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { BATCH_LINE_STATES, BATCH_SETTING_BOUNDS, MAX_BATCH_LINES } from '../../contracts/batch-order.js';
import { id, ProductOrderItemInput } from './order.js';

export const BatchLineInput = z
  .strictObject({
    productOrderItem: z
      .array(ProductOrderItemInput)
      .min(1, 'a line needs at least one item')
      .max(5)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'item ids must be unique'),
  })
  .meta({ id: 'ProductOrderBatchLineInput', description: "One line: one ordinary order's items (e.g. one mobile line, with its number)" });

export const ProductOrderBatchInput = z
  .strictObject({
    description: z.string().max(500).optional(),
    channel: z.enum(['shop', 'call_centre', 'web', 'agent']),
    localNetwork: z.enum(LOCAL_NETWORK_IDS),
    agentId: id.optional(),
    relatedParty: z.array(z.strictObject({ id, role: z.enum(['customer']) })).length(1, 'exactly one related party with role "customer" (an enterprise)'),
    billingAccount: z
      .strictObject({ id })
      .optional()
      .describe("The enterprise's account every line bills to; default: its group account, else its first account (which then becomes its group account)"),
    productOrderLine: z.array(BatchLineInput).min(1, 'a batch needs at least one line').max(MAX_BATCH_LINES, `at most ${MAX_BATCH_LINES} lines`),
    settings: z
      .strictObject({
        concurrency: z.number().int().min(BATCH_SETTING_BOUNDS.concurrency.min).max(BATCH_SETTING_BOUNDS.concurrency.max).optional(),
        linesPerRun: z.number().int().min(BATCH_SETTING_BOUNDS.linesPerRun.min).max(BATCH_SETTING_BOUNDS.linesPerRun.max).optional(),
      })
      .optional()
      .describe('How the batch runs: lines at a time (default 50) and lines per workflow run before it continues as new (default 250)'),
  })
  .meta({ id: 'ProductOrderBatchInput' });
export type ProductOrderBatchInput = z.infer<typeof ProductOrderBatchInput>;

/** Creating a batch always needs an Idempotency-Key: a repeat is the same batch, never a second run. */
export const BatchIdempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).describe('Required: the same key returns the same batch'),
});

const Counts = z.object({
  total: z.number(),
  pending: z.number(),
  inProgress: z.number(),
  completed: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});

export const ProductOrderBatch = z
  .object({
    id: z.string(),
    href: z.string(),
    state: z.string().describe('acknowledged, inProgress, cancelling, then completed, partial, failed or cancelled'),
    stateReason: z.string().optional(),
    relatedParty: z.array(z.object({ id: z.string(), role: z.string() })),
    billingAccount: z.object({ id: z.string() }),
    localNetwork: z.string(),
    channel: z.string(),
    agentId: z.string().optional(),
    description: z.string().optional(),
    lineCount: Counts,
    settings: z.object({ concurrency: z.number(), linesPerRun: z.number() }),
    run: z.number().describe('The workflow run the batch is in (1, then +1 each continue-as-new)'),
    largestHistory: z.object({ events: z.number(), bytes: z.number() }).describe("The largest history of the batch's runs so far"),
    creationDate: z.string(),
    lastUpdate: z.string(),
    completionDate: z.string().optional(),
  })
  .meta({ id: 'ProductOrderBatch' });

export const ProductOrderBatchLine = z
  .object({
    index: z.number().describe("The line's index in productOrderLine"),
    state: z.enum(BATCH_LINE_STATES),
    productOrder: z.object({ id: z.string(), href: z.string(), state: z.string().optional() }),
    reason: z.string().optional(),
    lastUpdate: z.string(),
  })
  .meta({ id: 'ProductOrderBatchLine' });

export const BatchIdParams = z.object({ id });

export const ListBatchesQuery = z.strictObject({
  customerId: id.optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
  state: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ListBatchLinesQuery = z.strictObject({
  state: z.enum(BATCH_LINE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_BATCH_LINES).default(0),
});

export const CancelRemainderInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'CancelBatchRemainderInput' });

export const GroupParams = z.object({ customerId: id });
export const GroupQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const EnterpriseGroup = z
  .object({
    customer: z.object({ id: z.string(), name: z.string(), tier: z.string(), homeLocalNetwork: z.string() }),
    groupAccount: z.object({ id: z.string(), name: z.string() }).optional().describe('Absent until the first batch order designates it'),
    memberCount: z.number().describe('Subscriptions billed to the group account'),
    members: z.array(
      z.object({
        id: z.string(),
        offeringId: z.string(),
        serviceLine: z.string(),
        serviceId: z.string(),
        status: z.string(),
        orderId: z.string().optional(),
      }),
    ),
    batches: z.array(ProductOrderBatch).describe('The newest batch orders of the customer'),
  })
  .meta({ id: 'EnterpriseGroup' });
