// The supervisor board's query and answer schemas: the single source of its request validation and
// of its part of the OpenAPI document.
import { z } from 'zod';
import { DEPARTMENTS, ESCALATION_LEVELS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { DUE_FILTERS } from '../../domain/supervision.js';
import { Paging, QueryFlag } from './work-order.js';

const DEPARTMENT_IDS = DEPARTMENTS.map((d) => d.id) as [string, ...string[]];

const scope = {
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe('Only this local network (403 when it is not one the supervisor watches)'),
  department: z.enum(DEPARTMENT_IDS).optional().describe('Only the work orders this department holds'),
};

export const BoardQuery = z.object({
  due: z.enum(DUE_FILTERS).optional().describe('overdue: past the deadline; soon: past the SLA urge mark, deadline still ahead. Unset: either or neither'),
  escalated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Escalated above the city level (true) or not (false)'),
  handOver: QueryFlag.describe(
    "Handed over to the national centre for coordination by the province centre (true: the national centre's assignments of those), or not (false)",
  ),
  ...scope,
  ...Paging,
});

export const BoardCountsQuery = z.object(scope);

export const BoardCounts = z
  .object({
    open: z.number().int().describe('Open assignments in scope'),
    overdue: z.number().int(),
    soon: z.number().int().describe('Past the urge mark, deadline still ahead'),
    escalated: z.number().int().describe('Above the city level'),
  })
  .meta({ id: 'BoardCounts' });

export const DepartmentsQuery = z.object({
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe("Only this local network's city departments, with the province and national centres"),
});

export const DepartmentEntry = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string(),
    level: z.enum(ESCALATION_LEVELS),
    localNetwork: z.string().optional().describe('City departments only: province and national centres serve every local network'),
    function: z.string(),
  })
  .meta({ id: 'Department' });

// ---- supervised work orders (督办) ----

export const SupervisedQuery = z.object({
  status: z
    .enum(['awaiting', 'overdue', 'replied'])
    .optional()
    .describe("awaiting: the department's written reply not in yet; overdue: not in and past its deadline; replied. Unset: all"),
  level: z.enum(ESCALATION_LEVELS).optional().describe('Placed by a supervisor of this level (city, province or national centre)'),
  mine: QueryFlag.describe('Only those the caller placed'),
  localNetwork: scope.localNetwork,
  ...Paging,
});

export const SupervisedEntry = z
  .object({
    workOrderId: z.string(),
    supervision: z.number().int().describe("Its place among the work order's supervisions (1, 2, …)"),
    localNetwork: z.string().describe('The local network handling the work order'),
    supervisedBy: z.string(),
    level: z.enum(ESCALATION_LEVELS),
    centre: z.string().nullable().describe("The supervisor's own centre"),
    placedAt: z.string(),
    due: z.string().describe('The deadline of the written reply'),
    instructions: z.string(),
    departments: z.array(z.string()).describe('The departments holding the work order when it was placed: a reply from one answers it'),
    overdue: z.boolean().describe('No reply and past the deadline'),
    overdueMarkedAt: z.string().nullable().describe("When the work order's clock marked the deadline missed (and urged the department again)"),
    reply: z
      .object({ text: z.string(), at: z.string(), by: z.string(), department: z.string(), inTime: z.boolean() })
      .nullable()
      .describe("The department's written reply"),
    workOrder: z.object({ state: z.string(), priority: z.string(), type: z.string(), summary: z.string() }),
  })
  .meta({ id: 'SupervisedEntry' });
