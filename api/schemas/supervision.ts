// The supervisor board's query and answer schemas: the single source of its request validation and
// of its part of the OpenAPI document.
import { z } from 'zod';
import { DEPARTMENTS, ESCALATION_LEVELS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { DUE_FILTERS } from '../../domain/supervision.js';
import { Paging } from './work-order.js';

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
