// The complaint category tree (domain/work-order-categories.ts), read-only: the call centre's form
// offers it, integrators read the ids they must send, and reports name its branches.
import { z } from 'zod';
import { CATEGORIZED_TYPES, MIN_CATEGORY_LEVEL, WORK_ORDER_CATEGORY_TREE, type CategoryNode } from '../../domain/work-order-categories.js';
import type { ApiRoutes } from '../http.js';
import { WORK_ORDER_ROLES } from '../work-order-desk.js';

interface CategoryNodeBody {
  id: string;
  name: { 'zh-CN': string; en: string };
  level: number;
  /** Whether a work order may name it (level MIN_CATEGORY_LEVEL or deeper, not retired). */
  selectable: boolean;
  retired?: true;
  children?: CategoryNodeBody[];
}

const CategoryNodeSchema: z.ZodType<CategoryNodeBody> = z
  .object({
    id: z.string().describe('Stable id: the path, dot-separated'),
    name: z.object({ 'zh-CN': z.string(), en: z.string() }),
    level: z.number().int().describe('1 for a top-level branch'),
    selectable: z.boolean().describe(`Whether a work order may name it (level ${MIN_CATEGORY_LEVEL} or deeper, not retired)`),
    retired: z.literal(true).optional(),
    get children() {
      return z.array(CategoryNodeSchema).optional();
    },
  })
  .meta({ id: 'WorkOrderCategoryNode' });

const WorkOrderCategoryTree = z
  .object({
    requiredFor: z.array(z.string()).describe('Work-order types that must name a category'),
    minLevel: z.number().int(),
    categories: z.array(CategoryNodeSchema),
  })
  .meta({ id: 'WorkOrderCategoryTree' });

function present(nodes: readonly CategoryNode[], level: number): CategoryNodeBody[] {
  return nodes.map((node) => ({
    id: node.id,
    name: node.name,
    level,
    selectable: level >= MIN_CATEGORY_LEVEL && !node.retired,
    ...(node.retired ? { retired: true as const } : {}),
    ...(node.children?.length ? { children: present(node.children, level + 1) } : {}),
  }));
}

// The same for every reader and fixed per release: computed once.
const BODY = { requiredFor: [...CATEGORIZED_TYPES], minLevel: MIN_CATEGORY_LEVEL, categories: present(WORK_ORDER_CATEGORY_TREE, 1) };

export function registerWorkOrderCategoryRoutes(routes: ApiRoutes): void {
  routes.add({
    method: 'get',
    path: '/workOrderCategory',
    summary: 'The complaint category tree (投诉分类): what a complaint or fault report is about',
    description: `Complaints and fault reports name a node at level ${MIN_CATEGORY_LEVEL} or deeper (\`selectable\`) as \`category\` (TMF621 v5: the characteristic \`category\`). Ids are stable; a routing rule or SLA policy naming a node covers its whole branch.`,
    tags: ['work orders'],
    roles: [...new Set([...WORK_ORDER_ROLES.take, ...WORK_ORDER_ROLES.read, ...WORK_ORDER_ROLES.accountManager])],
    responses: { 200: { description: 'the tree, top-level branches first', schema: WorkOrderCategoryTree } },
    handler: async () => ({ body: BODY }),
  });
}
