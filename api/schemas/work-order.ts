// TMF621-shaped work-order (troubleTicket) schemas: the single source of request validation and
// of the OpenAPI document for the work-order endpoints.
import { z } from 'zod';
import { SERVICE_LINES } from '../../domain/catalog.js';
import { CUSTOMER_TIERS } from '../../domain/customer.js';
import { ESCALATION_LEVELS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { CHANNELS, PRIORITIES, WORK_ORDER_STATES, WORK_ORDER_TYPES, WORKLIST_SORTS } from '../../domain/work-order.js';
import { DESK_ACTIONS } from '../../domain/work-order-actions.js';
import { NATIONAL_DIRECT_TYPES, NATIONAL_SERVICES } from '../../domain/national-centre.js';
import { CATEGORIZED_TYPES, MIN_CATEGORY_LEVEL, categoryProblem } from '../../domain/work-order-categories.js';

export const id = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** A node of the category tree (GET /workOrderCategory); which one is acceptable is categoryProblem's. */
export const categoryId = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .describe(`What it is about: the id of a node at level ${MIN_CATEGORY_LEVEL} or deeper of the category tree (GET /workOrderCategory)`);

export const CreateTroubleTicket = z
  .strictObject({
    type: z.enum(WORK_ORDER_TYPES),
    channel: z.enum(CHANNELS).exclude(['system']),
    priority: z.enum(PRIORITIES).default('medium'),
    customer: z.strictObject({ id }),
    takenInLocalNetwork: z.enum(LOCAL_NETWORK_IDS).describe('Where the work order was taken (a roaming complaint goes to the home network)'),
    serviceLine: z.enum(SERVICE_LINES),
    category: categoryId.optional().describe(`Required on ${CATEGORIZED_TYPES.join(' and ')}`),
    description: z.string().trim().min(1).max(4000),
    relatedOrderId: id.optional(),
    subscriptionId: id.optional(),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'When the customer was received (受理时间), if before now (a letter, a call taken during an outage): the SLA runs from it. Not in the future, nor older than WORK_ORDER_RECEIVED_MAX_AGE_DAYS',
      ),
    nationalService: z
      .enum(NATIONAL_SERVICES)
      .optional()
      .describe("A complaint about this national service goes straight to the national centre's queue (national-service-centre), under its SLA"),
  })
  .superRefine((b, ctx) => {
    if (b.nationalService !== undefined && WORK_ORDER_TYPES.includes(b.type) && !NATIONAL_DIRECT_TYPES.includes(b.type)) {
      ctx.addIssue({ code: 'custom', path: ['nationalService'], message: `only a ${NATIONAL_DIRECT_TYPES.join(' or ')} names a national service` });
    }
  })
  .superRefine((b, ctx) => {
    // zod runs this even when fields failed their own checks: judge a known type and a string only.
    if (!WORK_ORDER_TYPES.includes(b.type) || (b.category !== undefined && typeof b.category !== 'string')) return;
    const problem = categoryProblem(b.type, b.category);
    if (problem) ctx.addIssue({ code: 'custom', path: ['category'], message: problem });
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
    category: z.string().optional().describe('The category tree node it is about (absent on work orders taken before categories)'),
    description: z.string(),
    escalationLevel: z.string(),
    assignments: z.array(
      z
        .object({
          department: z.string(),
          state: z.string(),
          round: z.number(),
          dispatchedAt: z.number(),
          acceptedAt: z.number().optional(),
          reason: z.string().optional(),
        })
        .loose(),
    ),
    assignees: z.array(z.string()).describe('Departments holding it now'),
    deadlines: z.object({ acceptBy: z.string().optional(), resolveBy: z.string().optional() }),
    timeline: z.array(
      z
        .object({
          at: z.number().describe('epoch ms'),
          action: z.string(),
          actor: z.object({ id: z.string(), role: z.string(), department: z.string().optional(), level: z.string().optional() }),
          details: z.record(z.string(), z.unknown()).optional(),
          state: z.string().optional().describe('The state it moved the work order to, when it changed'),
        })
        .loose(),
    ),
    reopenCount: z.number(),
    receivedAt: z.number().optional().describe('When the customer was received (受理时间, epoch ms), when given at intake: the first round’s SLA runs from it'),
    relatedOrderId: z.string().optional().describe('The product order it belongs to (a field installation) or was turned into (a service request)'),
    placedOrder: z
      .object({
        id: z.string(),
        at: z.number().describe('epoch ms'),
        by: z.string(),
        outcome: z.enum(['completed', 'partial', 'failed', 'cancelled', 'rejected']).optional().describe('How the order ended; absent while it runs'),
        reason: z.string().optional(),
        finishedAt: z.number().optional().describe('epoch ms'),
      })
      .optional()
      .describe('A service request turned into a product order (POST /troubleTicket/{id}/productOrder): the order and how it ended'),
    closeReason: z.string().optional(),
    callbacks: z
      .array(
        z.object({
          round: z.number().int(),
          openedAt: z.number().describe('epoch ms: when the customer was told'),
          dueBy: z.number().describe('epoch ms: the callback’s deadline (per customer tier, on the work order’s SLA clock)'),
          state: z.enum(['open', 'done', 'noAnswer']).describe('done: the answer was recorded; noAnswer: closed by itself'),
          endedAt: z.number().optional().describe('epoch ms'),
          by: z.string().optional(),
          overdueAt: z.number().optional().describe('When the deadline passed unanswered (the call centre was urged)'),
        }),
      )
      .optional()
      .describe('The call centre’s callback tasks (回访), one per round in which the customer was told'),
    urging: z
      .object({ count: z.number().int(), lastAt: z.number().describe('epoch ms'), lastBy: z.string() })
      .optional()
      .describe('Urges by people (催办): how many, and the last; each raised the priority one step'),
    supervisions: z
      .array(
        z
          .object({
            id: z.number().int(),
            by: z.string(),
            level: z.string(),
            at: z.number().describe('epoch ms'),
            due: z.number().describe('epoch ms: the deadline of the written reply'),
            instructions: z.string(),
            departments: z.array(z.string()),
            reply: z.object({ text: z.string(), at: z.number(), by: z.string(), department: z.string() }).optional(),
            overdueAt: z.number().optional().describe('When the deadline passed without a reply'),
          })
          .loose(),
      )
      .optional()
      .describe('Supervisions (督办), oldest first; at most one awaits its reply, and the centre approves no receipt until it has one'),
    accountManager: z.string().optional().describe("The customer's account manager (客户经理) when it was taken: told of it, may note and urge it"),
    createdAt: z.number().describe('epoch ms'),
    updatedAt: z.number().describe('epoch ms'),
    allowedActions: z
      .array(z.enum(DESK_ACTIONS))
      .optional()
      .describe(
        'What the caller may do to it now, judged by the rules the work order itself applies (transfer and dispatch depend on their departments: not listed)',
      ),
    coHandlingCandidates: z
      .array(z.string())
      .optional()
      .describe('With requestCoHandling allowed: the departments the caller may ask for help (those of its local network that do not hold it)'),
  })
  .loose()
  .meta({ id: 'TroubleTicket' });

export const TroubleTicketContact = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    tier: z.string(),
    homeLocalNetwork: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    subscription: z
      .object({ id: z.string(), serviceLine: z.string(), serviceId: z.string() })
      .optional()
      .describe('The service the work order is about, when it names one'),
  })
  .meta({ id: 'TroubleTicketContact' });

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
    round: z.number().int().describe('0 in the first round of the closed loop; more after a reopen'),
    dispatchedAt: z.string(),
    urgeAt: z.string().nullable().describe("When the deadline's urge mark falls (the SLA policy's): from then on the deadline is close"),
    urgeCount: z.number().int().describe('Urges since it was dispatched here, by the SLA clock or by a person'),
    awaitingSupervisionReply: z.boolean().describe('Under supervision (督办), the written reply (superviseReply) not in yet'),
    summary: z.string().describe("The description's beginning"),
    acceptedBy: z
      .object({
        id: z.string().describe("The accepting person's id (a staff account's user name)"),
        name: z.string().optional().describe('Their display name, when they have a staff account'),
        at: z.string(),
      })
      .nullable()
      .describe('Who accepted it and when; null while nobody has'),
    handOver: z.boolean().describe("The national centre got it by the province centre's hand-over for coordination (转全国中心协调)"),
  })
  .meta({ id: 'WorklistEntry' });

export const Paging = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const TroubleTicketIdParams = z.object({ id });
export const DepartmentParams = z.object({ department: id });
export const TakeHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(128).optional() });
/** A yes/no query parameter (`true` or `false`), optional. */
export const QueryFlag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const overdue = QueryFlag;
export const SearchTroubleTicketsQuery = z.object({
  state: z.enum(WORK_ORDER_STATES).optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  department: id.optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
  overdue,
  escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
  category: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'a category id (GET /workOrderCategory)')
    .optional()
    .describe('A node of the category tree: the work orders in it or under it'),
  ...Paging,
});
export const WorklistQuery = z.object({
  type: z.enum(WORK_ORDER_TYPES).optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional().describe("The customer's tier"),
  overdue,
  handOver: QueryFlag.describe(
    "true: only the work orders the province centre handed over for coordination (the national centre's coordination queue); false: only the others",
  ),
  sort: z
    .enum(WORKLIST_SORTS)
    .default('deadline')
    .describe('deadline: soonest deadline first (the default, what is due); newest: latest dispatch first (what just came in, on a busy desk)'),
  ...Paging,
});
/** 202: taken, its workflow not answering yet. */
export const TakenTroubleTicket = z.object({ id: z.string(), href: z.string(), state: z.literal('acknowledged') });
