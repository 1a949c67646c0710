// TMF621-shaped work-order (troubleTicket) schemas: the single source of request validation and
// of the OpenAPI document for the work-order endpoints.
import { z } from 'zod';
import { SERVICE_LINES } from '../../domain/catalog.js';
import { ESCALATION_LEVELS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { CHANNELS, PRIORITIES, WORK_ORDER_STATES, WORK_ORDER_TYPES } from '../../domain/work-order.js';

export const id = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const CreateTroubleTicket = z
  .strictObject({
    type: z.enum(WORK_ORDER_TYPES),
    channel: z.enum(CHANNELS).exclude(['system']),
    priority: z.enum(PRIORITIES).default('medium'),
    customer: z.strictObject({ id }),
    takenInLocalNetwork: z.enum(LOCAL_NETWORK_IDS).describe('Where the work order was taken (a roaming complaint goes to the home network)'),
    serviceLine: z.enum(SERVICE_LINES),
    description: z.string().trim().min(1).max(4000),
    relatedOrderId: id.optional(),
    subscriptionId: id.optional(),
  })
  .meta({ id: 'CreateTroubleTicket' });

export const TroubleTicket = z
  .object({
    id: z.string(),
    href: z.string(),
    type: z.string(),
    state: z.string(),
    phase: z.string(),
    priority: z.string(),
    channel: z.string(),
    customer: z.object({ id: z.string(), tier: z.string() }),
    takenInLocalNetwork: z.string(),
    homeLocalNetwork: z.string(),
    forwardedTo: z.string().optional(),
    serviceLine: z.string(),
    description: z.string(),
    escalationLevel: z.string(),
    assignments: z.array(z.object({ department: z.string(), state: z.string(), round: z.number() }).loose()),
    deadlines: z.object({ acceptBy: z.string().optional(), resolveBy: z.string().optional() }),
    timeline: z.array(z.object({ at: z.number(), action: z.string() }).loose()),
    reopenCount: z.number(),
  })
  .loose()
  .meta({ id: 'TroubleTicket' });

export const WorklistEntry = z
  .object({
    workOrderId: z.string(),
    department: z.string(),
    state: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    type: z.string(),
    priority: z.string(),
    customerTier: z.string(),
    escalationLevel: z.string(),
    localNetwork: z.string(),
  })
  .meta({ id: 'WorklistEntry' });

export const Paging = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const TroubleTicketIdParams = z.object({ id });
export const DepartmentParams = z.object({ department: id });
export const TakeHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(128).optional() });
export const SearchTroubleTicketsQuery = z.object({
  state: z.enum(WORK_ORDER_STATES).optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  department: id.optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
  ...Paging,
});
export const WorklistQuery = z.object(Paging);
/** 202: taken, its workflow not answering yet. */
export const TakenTroubleTicket = z.object({ id: z.string(), href: z.string(), state: z.literal('acknowledged') });
