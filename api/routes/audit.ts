// The auditor's API: find orders and work orders (GET /audit/search), read a workflow's history as
// business events (…/auditTrail), download the history itself in the format `npm run audit:replay`
// reads (…/history), and replay it against the workflow code now deployed (POST /audit/replay).
// Every one of them in the auditor's scope: their local networks, as for reading the order or the
// work order itself.
import { z } from 'zod';
import { inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import { findOrder, listOrders, type OrderRow } from '../../db/orders.js';
import { findWorkOrder, listWorkOrders, type WorkOrderRow } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';
import { historyFileText, safeName } from '../../platform/workflow-histories.js';
import { auditTrailOf, type AuditActor } from '../audit-trail.js';
import { replayAgainstDeployedCode } from '../audit-replay.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, forbidden, notFound } from '../problem.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';

const id = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

const AuditTrail = z
  .object({
    workflowId: z.string(),
    runId: z.string().optional(),
    workflowType: z.string().optional(),
    status: z.string(),
    historyEvents: z.number().int(),
    events: z.array(
      z.object({
        eventId: z.number().int().describe('The history event it comes from'),
        at: z.string(),
        who: z.object({ id: z.string(), role: z.string().optional(), department: z.string().optional() }),
        what: z.string(),
        result: z.string().optional(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'AuditTrail' });

const KINDS = ['order', 'workOrder'] as const;
type Kind = (typeof KINDS)[number];

const SearchQuery = z.object({
  kind: z.enum(KINDS).default('order').describe('Orders (the default) or work orders'),
  id: id.optional().describe("The order's or work order's id, or its beginning"),
  customerId: id.optional(),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe("The order's local network; a work order's handling or taking one"),
  from: z.iso.datetime({ offset: true }).optional().describe('created at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('created before'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const AuditSearchHit = z
  .object({
    kind: z.enum(KINDS),
    id: z.string(),
    workflowId: z.string().describe('Its workflow in Temporal'),
    customerId: z.string(),
    localNetwork: z.string().describe("The order's local network; the local network handling a work order"),
    takenInLocalNetwork: z.string().optional().describe('Work orders: where it was taken (another one for a roaming complaint)'),
    state: z.string(),
    type: z.string().describe("An order's service lines; a work order's type"),
    relatedOrderId: z.string().optional().describe('Work orders: the order it belongs to (a field installation)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AuditSearchHit' });

const WorkflowHistory = z
  .object({ events: z.array(z.record(z.string(), z.unknown())) })
  .describe('The standard Temporal JSON history format (as `npm run audit:export` writes it and `npm run audit:replay` reads it)')
  .meta({ id: 'WorkflowHistory' });

const ReplayInput = z.strictObject({ kind: z.enum(KINDS), id }).meta({ id: 'AuditReplayInput' });

const ReplayResult = z
  .object({
    ok: z.boolean().describe('The deployed workflow code replays the history without a nondeterminism'),
    workflowId: z.string(),
    runId: z.string(),
    events: z.number().int().describe('Events of the history replayed'),
    ms: z.number().int().describe('How long the replay took'),
    error: z.string().optional().describe('Why not: the error kind and its details, e.g. DeterminismViolationError: …'),
  })
  .meta({ id: 'AuditReplayResult' });

const orderHit = (r: OrderRow) => ({
  kind: 'order' as const,
  id: r.id,
  workflowId: orderWorkflowId(r.id),
  customerId: r.customer_id,
  localNetwork: r.local_network,
  state: r.state,
  type: r.service_lines.join(', '),
  createdAt: isoOf(r.created_at)!,
  updatedAt: isoOf(r.updated_at)!,
});

const workOrderHit = (r: WorkOrderRow) => ({
  kind: 'workOrder' as const,
  id: r.id,
  workflowId: workOrderWorkflowId(r.id),
  customerId: r.customer_id,
  localNetwork: r.handling_local_network,
  ...(r.taken_in_local_network !== r.handling_local_network ? { takenInLocalNetwork: r.taken_in_local_network } : {}),
  state: r.state,
  type: r.type,
  ...(r.related_order_id ? { relatedOrderId: r.related_order_id } : {}),
  createdAt: isoOf(r.created_at)!,
  updatedAt: isoOf(r.updated_at)!,
});

export function registerAuditRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();

  /** The latest run's history (with its run id); 404 when the engine has no such workflow. */
  const latestHistory = async (workflowId: string) => {
    const info = await deps.client.workflow
      .getHandle(workflowId)
      .describe()
      .catch(() => undefined);
    if (!info) throw notFound(`no workflow history for ${workflowId}`);
    const history = await deps.client.workflow.getHandle(workflowId, info.runId).fetchHistory();
    return { runId: info.runId, history };
  };

  const scoped = (p: Principal, networks: string[], what: string) => {
    if (!networks.some((ln) => inLocalNetworkScope(p, ln))) throw forbidden(`not allowed to audit ${what}`);
  };

  /** The workflow of an order or a work order the principal may audit (403 out of scope, 404 unknown). */
  const auditable = async (kind: Kind, orderOrWorkOrderId: string, p: Principal): Promise<{ workflowId: string; startedBy?: AuditActor }> => {
    if (kind === 'order') {
      const row = await findOrder(em(), orderOrWorkOrderId);
      if (!row) throw notFound(`no order ${orderOrWorkOrderId}`);
      scoped(p, [row.local_network], `order ${orderOrWorkOrderId}`);
      return { workflowId: orderWorkflowId(orderOrWorkOrderId), startedBy: { id: row.created_by, role: row.agent_id ? 'agent' : 'order-entry' } };
    }
    const row = await findWorkOrder(em(), orderOrWorkOrderId);
    // The same rule as reading the work order itself (GET /troubleTicket/{id}).
    if (row) {
      if (!canSeeWorkOrder(p, row.snapshot)) throw forbidden(`not allowed to audit work order ${orderOrWorkOrderId}`);
    }
    // Not in the read model yet: only an auditor of every local network may read it from the engine.
    else if (p.localNetworks !== '*' && !p.roles.includes('admin')) throw notFound(`no work order ${orderOrWorkOrderId}`);
    return { workflowId: workOrderWorkflowId(orderOrWorkOrderId) };
  };

  const trail = async (kind: Kind, orderOrWorkOrderId: string, p: Principal) => {
    const { workflowId, startedBy } = await auditable(kind, orderOrWorkOrderId, p);
    const { runId, history } = await latestHistory(workflowId);
    return auditTrailOf(history, { workflowId, runId, startedBy });
  };

  /** The history as a file: what `npm run audit:export` writes for it, byte for byte, under the same name. */
  const download = async (kind: Kind, orderOrWorkOrderId: string, p: Principal) => {
    const { workflowId } = await auditable(kind, orderOrWorkOrderId, p);
    const { runId, history } = await latestHistory(workflowId);
    return {
      contentType: 'application/json',
      headers: {
        'content-disposition': `attachment; filename="${safeName(workflowId)}.json"`,
        'x-workflow-id': workflowId,
        'x-workflow-run-id': runId,
        'cache-control': 'no-store',
      },
      body: historyFileText(history),
    };
  };

  routes.add({
    method: 'get',
    path: '/audit/search',
    summary: 'Find orders or work orders to audit: by id (or its beginning), customer, local network and creation dates, newest first',
    tags: ['audit'],
    roles: ['auditor'],
    query: SearchQuery,
    responses: { 200: { description: 'a page of orders or work orders; X-Total-Count has the total', schema: z.array(AuditSearchHit) } },
    handler: async ({ query, principal }) => {
      if (query.localNetwork && !inLocalNetworkScope(principal, query.localNetwork))
        throw forbidden(`not allowed to audit local network ${query.localNetwork}`);
      if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to))
        throw badRequest('The request query is not valid', [{ field: 'query.to', message: 'must be after from' }]);
      const filter = {
        idPrefix: query.id,
        customerId: query.customerId,
        localNetwork: query.localNetwork,
        localNetworks: localNetworkFilter(principal),
        from: query.from,
        to: query.to,
        limit: query.limit,
        offset: query.offset,
      };
      const page =
        query.kind === 'order'
          ? await listOrders(em(), filter).then(({ rows, total }) => ({ hits: rows.map(orderHit), total }))
          : // Handling or taking network in scope: for an auditor, canSeeWorkOrder's rule (both sides of a roaming forward).
            await listWorkOrders(em(), filter).then(({ rows, total }) => ({ hits: rows.map(workOrderHit), total }));
      return { headers: { 'x-total-count': String(page.total) }, body: page.hits };
    },
  });

  routes.add({
    method: 'get',
    path: '/productOrder/:id/auditTrail',
    summary: "An order's audit trail: who did what, when, with which result, read from its workflow history",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the audit trail', schema: AuditTrail }, 404: { description: 'no such order' } },
    handler: async ({ params, principal }) => ({ body: await trail('order', params.id, principal) }),
  });

  routes.add({
    method: 'get',
    path: '/troubleTicket/:id/auditTrail',
    summary: "A work order's audit trail: who did what, when, with which result, read from its workflow history",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the audit trail', schema: AuditTrail }, 404: { description: 'no such work order' } },
    handler: async ({ params, principal }) => ({ body: await trail('workOrder', params.id, principal) }),
  });

  routes.add({
    method: 'get',
    path: '/productOrder/:id/history',
    summary: "An order's workflow history as a file (the latest run), in the format `npm run audit:replay` reads",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the history (Content-Disposition: attachment)', schema: WorkflowHistory }, 404: { description: 'no such order' } },
    handler: async ({ params, principal }) => download('order', params.id, principal),
  });

  routes.add({
    method: 'get',
    path: '/troubleTicket/:id/history',
    summary: "A work order's workflow history as a file (the latest run), in the format `npm run audit:replay` reads",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the history (Content-Disposition: attachment)', schema: WorkflowHistory }, 404: { description: 'no such work order' } },
    handler: async ({ params, principal }) => download('workOrder', params.id, principal),
  });

  routes.add({
    method: 'post',
    path: '/audit/replay',
    summary: "Replay an order's or a work order's workflow history (the latest run) against the workflow code now deployed",
    description:
      'The server fetches the history from Temporal and replays it with the bundle its worker runs. ok false with the error when the deployed ' +
      'code would not take the same steps (a nondeterminism). One replay at a time per API process, a few waiting: 429 with Retry-After beyond; ' +
      '503 when a replay takes too long or the code cannot be bundled.',
    tags: ['audit'],
    roles: ['auditor'],
    body: ReplayInput,
    responses: {
      200: { description: 'the outcome of the replay', schema: ReplayResult },
      404: { description: 'no such order or work order' },
      429: { description: 'replays are queued up; see Retry-After' },
      503: { description: 'the replay took too long, or the workflow code could not be bundled' },
    },
    handler: async ({ body, principal }) => {
      const { workflowId } = await auditable(body.kind, body.id, principal);
      const { runId, history } = await latestHistory(workflowId);
      const result = await replayAgainstDeployedCode(workflowId, history, deps.logger);
      return { body: { workflowId, runId, ...result } };
    },
  });
}
