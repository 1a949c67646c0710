// The supervisor board: the open work orders of the supervisor's local networks that are overdue,
// about to breach or escalated, soonest deadline first, with how many of each; and the departments a
// work order can be transferred to. Transfer and manual escalation are actions of the work order
// itself (POST /troubleTicket/{id}/event), judged by its own rules.
import { z } from 'zod';
import type { Principal } from '../../domain/access.js';
import { DEPARTMENTS, departmentById } from '../../domain/departments.js';
import { boardLocalNetworks, watchesLocalNetwork } from '../../domain/supervision.js';
import { boardCounts, boardList, supervisedList, type BoardFilter, type SupervisedRow } from '../../db/supervision.js';
import { isoOf } from '../../db/time.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { presentWorklistEntry } from '../presenters/trouble-ticket.js';
import { forbidden } from '../problem.js';
import { WorklistEntry } from '../schemas/work-order.js';
import { BoardCounts, BoardCountsQuery, BoardQuery, DepartmentEntry, DepartmentsQuery, SupervisedEntry, SupervisedQuery } from '../schemas/supervision.js';

const ROLES = ['supervisor', 'ops'] as const;

/**
 * The board's scope: the watched local networks, narrowed to the one asked for. A list is filtered to
 * the scope; asking by name for a local network (or a city department) outside it is a 403.
 */
function scopeOf(principal: Principal, q: { localNetwork?: string; department?: string }): Pick<BoardFilter, 'localNetworks' | 'localNetwork' | 'department'> {
  if (q.localNetwork && !watchesLocalNetwork(principal, q.localNetwork)) throw forbidden(`not allowed to watch ${q.localNetwork}`);
  const network = q.department ? departmentById(q.department)?.localNetwork : undefined;
  if (network && !watchesLocalNetwork(principal, network)) throw forbidden(`not allowed to watch ${q.department}`);
  return { localNetworks: boardLocalNetworks(principal), localNetwork: q.localNetwork, department: q.department };
}

/** A supervision as the supervised list shows it. */
const presentSupervised = (r: SupervisedRow) => ({
  workOrderId: r.work_order_id,
  supervision: r.supervision_id,
  localNetwork: r.local_network,
  supervisedBy: r.supervised_by,
  level: r.level,
  centre: r.centre,
  placedAt: isoOf(r.placed_at)!,
  due: isoOf(r.due)!,
  instructions: r.instructions,
  departments: r.departments,
  overdue: r.overdue,
  overdueMarkedAt: isoOf(r.overdue_at) ?? null,
  reply:
    r.replied_at === null
      ? null
      : {
          text: r.reply!,
          at: isoOf(r.replied_at)!,
          by: r.reply_by!,
          department: r.reply_department!,
          inTime: Date.parse(String(isoOf(r.replied_at))) <= Date.parse(String(isoOf(r.due))),
        },
  workOrder: { state: r.work_order_state, priority: r.priority, type: r.type, summary: r.summary },
});

export function registerSupervisionRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  routes
    .add({
      method: 'get',
      path: '/supervision/worklist',
      summary: "The supervisor board: open work orders of the supervisor's local networks, soonest deadline first; overdue, about to breach, escalated",
      description:
        'One entry per open assignment (a work order held by two departments is listed twice). Filters combine: due=overdue|soon, escalated, handOver, ' +
        'localNetwork, department. Without due or escalated, every open assignment in scope. X-Total-Count has the total.',
      tags: ['supervision'],
      roles: [...ROLES],
      query: BoardQuery,
      responses: { 200: { description: 'a page of the board; X-Total-Count has the total', schema: z.array(WorklistEntry) } },
      handler: async ({ query, principal }) => {
        const { limit, offset, due, escalated, handOver, ...asked } = query;
        const { rows, total } = await boardList(em(), { ...scopeOf(principal, asked), due, escalated, handOver }, limit, offset);
        // The urge mark the list was filtered by (the read model's), so an entry's colour agrees with its tab.
        return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => ({ ...presentWorklistEntry(r), urgeAt: isoOf(r.urge_at) ?? null })) };
      },
    })
    .add({
      method: 'get',
      path: '/supervision/supervised',
      summary: "Supervised work orders (督办) of the supervisor's local networks: those awaiting the department's written reply first, soonest deadline first",
      description:
        'One entry per supervision. Filters combine: status=awaiting|overdue|replied, level (of the supervisor who placed it), mine (placed by the caller), ' +
        'localNetwork (403 outside the watched networks). X-Total-Count has the total.',
      tags: ['supervision'],
      roles: [...ROLES],
      query: SupervisedQuery,
      responses: { 200: { description: 'a page of supervisions; X-Total-Count has the total', schema: z.array(SupervisedEntry) } },
      handler: async ({ query, principal }) => {
        const { limit, offset, status, level, mine, localNetwork } = query;
        const { localNetworks } = scopeOf(principal, { localNetwork });
        const filter = { localNetworks, localNetwork, status, level, ...(mine ? { supervisedBy: principal.sub } : {}) };
        const { rows, total } = await supervisedList(em(), filter, limit, offset);
        return { headers: { 'x-total-count': String(total) }, body: rows.map(presentSupervised) };
      },
    })
    .add({
      method: 'get',
      path: '/supervision/counts',
      summary: "How many open work orders of the supervisor's local networks are overdue, about to breach and escalated (the board's tabs)",
      tags: ['supervision'],
      roles: [...ROLES],
      query: BoardCountsQuery,
      responses: { 200: { description: 'the counts', schema: BoardCounts } },
      handler: async ({ query, principal }) => ({ body: await boardCounts(em(), scopeOf(principal, query)) }),
    })
    .add({
      method: 'get',
      path: '/department',
      summary: "Departments in the caller's scope: the city departments of their local networks, and the province and national centres",
      description:
        "What a work order can be transferred to. With localNetwork (403 outside the scope), only that local network's city departments and the centres.",
      tags: ['supervision'],
      roles: [...ROLES],
      query: DepartmentsQuery,
      responses: { 200: { description: 'the departments, city ones first', schema: z.array(DepartmentEntry) } },
      handler: ({ query, principal }) => {
        if (query.localNetwork && !watchesLocalNetwork(principal, query.localNetwork)) throw forbidden(`not allowed to watch ${query.localNetwork}`);
        const networks = boardLocalNetworks(principal);
        const shown = DEPARTMENTS.filter((d) =>
          d.localNetwork === undefined
            ? true
            : query.localNetwork
              ? d.localNetwork === query.localNetwork
              : networks === '*' || networks.includes(d.localNetwork),
        );
        return { body: shown.map(({ supervisor: _s, ...d }) => d) };
      },
    });
}
