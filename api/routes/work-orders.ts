// Electronic work orders (TMF621 troubleTicket-shaped): create from any channel, get, search,
// the department worklist, and every action of the closed loop through one validated door.
import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { SERVICE_LINES } from '../../domain/catalog.js';
import { departmentById, ESCALATION_LEVELS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { CHANNELS, PRIORITIES, WORK_ORDER_STATES, WORK_ORDER_TYPES, WorkOrderEventSchema, type Actor, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import { loadCustomer } from '../../db/customers.js';
import { claimWorkOrderRequest, departmentWorklist, findWorkOrder, listWorkOrders } from '../../db/work-orders.js';
import { workOrderSettings } from '../../platform/config.js';
import { awaitDispatchUpdate, getWorkOrderQuery, WORK_ORDER, workOrderActionUpdate, workOrderWorkflowId, type WorkOrderWorkflow } from '../../contracts/work-order.js';
import { DepartmentKey, LocalNetworkKey, PriorityKey, WorkOrderIdKey, WorkOrderTypeKey } from '../../contracts/search-attributes.js';
import type { ApiDeps } from '../app.js';
import { presentWorklistEntry, presentWorkOrder } from '../presenters/trouble-ticket.js';
import type { ApiRoutes } from '../http.js';
import { fingerprintOf, requireSameRequest } from '../idempotency.js';
import { boundedQuery, DATA_SOURCE_HEADER } from '../live.js';
import { badRequest, forbidden, notFound, ProblemError, temporalUnavailable } from '../problem.js';
import { mapUpdateErrors } from '../temporal-errors.js';

const id = z.string().trim().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

const CreateTroubleTicket = z
  .object({
    type: z.enum(WORK_ORDER_TYPES),
    channel: z.enum(CHANNELS).exclude(['system']),
    priority: z.enum(PRIORITIES).default('medium'),
    customer: z.object({ id }),
    takenInLocalNetwork: z.enum(LOCAL_NETWORK_IDS).describe('Where the work order was taken (a roaming complaint goes to the home network)'),
    serviceLine: z.enum(SERVICE_LINES),
    description: z.string().trim().min(1).max(4000),
    relatedOrderId: id.optional(),
    subscriptionId: id.optional(),
  })
  .meta({ id: 'CreateTroubleTicket' });

const TroubleTicket = z
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

const WorklistEntry = z
  .object({ workOrderId: z.string(), department: z.string(), state: z.string(), deadline: z.string().nullable(), overdue: z.boolean(), type: z.string(), priority: z.string(), customerTier: z.string(), escalationLevel: z.string(), localNetwork: z.string() })
  .meta({ id: 'WorklistEntry' });

const Paging = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };


/** The principal as the work-order rules see it. */
export function actorOf(p: Principal): Actor {
  if (p.roles.includes('department') && p.department) return { id: p.sub, role: 'department', department: p.department };
  if (p.roles.includes('supervisor')) return { id: p.sub, role: 'supervisor', department: p.department, level: p.level ?? 'city' };
  if (p.roles.includes('admin')) return { id: p.sub, role: 'centre' };
  return { id: p.sub, role: 'agent' };
}

export function registerWorkOrderRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  const client = deps.client;
  const settings = workOrderSettings(deps.config);

  /**
   * The snapshot: the read model's, or the workflow's own (bounded, see api/live.ts) while the first
   * write is on its way. A workflow that exists but did not answer in time is a 503 to retry.
   */
  const load = async (workOrderId: string, principal: Principal) => {
    const row = await findWorkOrder(em(), workOrderId);
    let s: WorkOrderSnapshot | undefined = row?.snapshot;
    if (!s) {
      s = await boundedQuery(deps.client, workOrderWorkflowId(workOrderId), getWorkOrderQuery, deps.config.API_QUERY_TIMEOUT_MS);
      if (!s && (await deps.client.workflow.getHandle(workOrderWorkflowId(workOrderId)).describe().then(() => true, () => false))) {
        throw new ProblemError(503, 'Service Unavailable', `work order ${workOrderId} is being set up; try again shortly`, undefined, undefined, { 'retry-after': '1' });
      }
    }
    if (!s) throw notFound(`no work order ${workOrderId}`);
    if (!canSeeWorkOrder(principal, s)) throw forbidden(`not allowed to see work order ${workOrderId}`);
    return { s, row, source: row?.snapshot ? ('read-model' as const) : ('workflow' as const) };
  };

  routes.add({
    method: 'post',
    path: '/troubleTicket',
    summary: 'Take a work order from any channel; it is classified and dispatched by the routing rules',
    tags: ['work orders'],
    roles: ['order-entry', 'supervisor'],
    headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(128).optional() }),
    body: CreateTroubleTicket,
    responses: {
      201: { description: 'taken and dispatched', schema: TroubleTicket },
      202: { description: 'taken; its workflow has not answered yet (workers busy): follow Location', schema: z.object({ id: z.string(), href: z.string(), state: z.literal('acknowledged') }) },
      422: { description: 'the Idempotency-Key was used for a different request' },
    },
    handler: async ({ body, headers, principal }) => {
      if (!inLocalNetworkScope(principal, body.takenInLocalNetwork)) throw forbidden(`not allowed to take work orders in ${body.takenInLocalNetwork}`);
      const customer = await loadCustomer(em(), body.customer.id);
      if (!customer) throw badRequest('The work order cannot be taken', [{ field: 'customer.id', message: `no customer "${body.customer.id}"`, code: 'CUSTOMER_NOT_FOUND' }]);
      // With an Idempotency-Key, a repeat maps to the same work order (and the same workflow) — for
      // the same request only: the key is claimed with the request's fingerprint before the start.
      const key = headers['idempotency-key'];
      const workOrderId = key ? `TT-${createHash('sha256').update(`${principal.sub}:${key}`).digest('hex').slice(0, 24)}` : `TT-${randomUUID()}`;
      let repeat = false;
      if (key) {
        const fingerprint = fingerprintOf(body);
        const claim = await claimWorkOrderRequest(em(), { idempotencyKey: `${principal.sub}:${key}`, workOrderId, requestHash: fingerprint, createdBy: principal.sub });
        repeat = !claim.created;
        requireSameRequest(claim.requestHash, fingerprint, { field: 'header.idempotency-key', value: key, resource: `work order ${workOrderId}` });
      }
      const order = {
        id: workOrderId,
        type: body.type,
        channel: body.channel,
        priority: body.priority,
        customer: { id: customer.id, tier: customer.tier },
        takenInLocalNetwork: body.takenInLocalNetwork,
        homeLocalNetwork: customer.homeLocalNetwork,
        serviceLine: body.serviceLine,
        description: body.description,
        relatedOrderId: body.relatedOrderId,
        subscriptionId: body.subscriptionId,
      };
      // Started with an update that answers once the workflow has classified and dispatched it
      // (Update-with-Start): the taker gets the dispatch result from the start itself. A repeat finds
      // the running workflow (USE_EXISTING), or the read model's row of a finished one. Bounded, as the
      // workers may be backlogged: then 202, taken, its dispatch to follow.
      const s = await client
        .withDeadline(Date.now() + deps.config.API_DISPATCH_WAIT_MS, () =>
          client.workflow.executeUpdateWithStart(awaitDispatchUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation<WorkOrderWorkflow>(WORK_ORDER, {
              workflowId: workOrderWorkflowId(workOrderId),
              taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
              args: [{ order, createdBy: actorOf(principal), ...settings }],
              workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
              // A finished work order's key never starts a second run.
              workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
              typedSearchAttributes: [
                { key: WorkOrderIdKey, value: workOrderId },
                { key: WorkOrderTypeKey, value: body.type },
                { key: PriorityKey, value: body.priority },
                { key: LocalNetworkKey, value: body.takenInLocalNetwork },
                { key: DepartmentKey, value: [] },
              ],
              staticSummary: `Work order ${workOrderId} — ${body.type} by ${body.channel}, ${body.serviceLine}, ${body.takenInLocalNetwork}`,
            }),
          }),
        )
        .catch(async (err: unknown): Promise<WorkOrderSnapshot | undefined> => {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return (await findWorkOrder(em(), workOrderId))?.snapshot;
          // No answer in time: taken if its workflow exists (202 below), else nothing was created.
          if (await client.workflow.getHandle(workOrderWorkflowId(workOrderId)).describe().then(() => true, () => false)) return undefined;
          if (err instanceof Error && temporalUnavailable(err)) throw err;
          throw new ProblemError(503, 'Service Unavailable', 'Temporal did not take the work order in time; try again with the same Idempotency-Key', undefined, undefined, { 'retry-after': '1' });
        });
      if (!repeat) deps.metrics?.workOrderTaken({ type: body.type, channel: body.channel, localNetwork: body.takenInLocalNetwork });
      const location = { location: `/troubleTicket/${workOrderId}` };
      if (!s) return { status: 202, headers: location, body: { id: workOrderId, href: location.location, state: 'acknowledged' } };
      // A repeat answers only what its caller may see (the key is the caller's, but scopes change).
      if (repeat && !canSeeWorkOrder(principal, s)) throw forbidden(`not allowed to see work order ${workOrderId}`);
      return { status: 201, headers: location, body: presentWorkOrder(s) };
    },
  });

  routes.add({
    method: 'get',
    path: '/troubleTicket/:id',
    summary: 'A work order with its assignments, deadlines, escalation level and timeline',
    tags: ['work orders'],
    roles: ['order-entry', 'department', 'supervisor', 'ops', 'auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the work order', schema: TroubleTicket }, 404: { description: 'no such work order' } },
    handler: async ({ params, principal }) => {
      const { s, row, source } = await load(params.id, principal);
      return { headers: { [DATA_SOURCE_HEADER]: source }, body: presentWorkOrder(s, row) };
    },
  });

  routes.add({
    method: 'get',
    path: '/troubleTicket',
    summary: 'Search work orders (newest first)',
    tags: ['work orders'],
    roles: ['order-entry', 'department', 'supervisor', 'ops', 'auditor'],
    query: z.object({
      state: z.enum(WORK_ORDER_STATES).optional(),
      type: z.enum(WORK_ORDER_TYPES).optional(),
      department: id.optional(),
      localNetwork: z.enum(LOCAL_NETWORK_IDS).optional(),
      overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
      escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
      ...Paging,
    }),
    responses: { 200: { description: 'a page of work orders; X-Total-Count has the total', schema: z.array(TroubleTicket) } },
    handler: async ({ query, principal }) => {
      // Department staff search within their department; others within their local networks.
      const ownDepartment = principal.roles.includes('department') && !hasRole(principal, 'supervisor', 'ops', 'auditor');
      if (ownDepartment && query.department && query.department !== principal.department) throw forbidden('department staff see their own department');
      const { rows, total } = await listWorkOrders(em(), {
        ...query,
        department: ownDepartment ? principal.department ?? '-' : query.department,
        // Everyone else within their local networks, ops and auditors included.
        localNetworks: ownDepartment ? '*' : localNetworkFilter(principal),
      });
      return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => presentWorkOrder(r.snapshot, r)) };
    },
  });

  routes.add({
    method: 'get',
    path: '/department/:department/worklist',
    summary: "A department's open work orders, soonest deadline first, with overdue flags",
    tags: ['work orders'],
    roles: ['department', 'supervisor', 'ops'],
    params: z.object({ department: id }),
    query: z.object(Paging),
    responses: { 200: { description: 'a page of the worklist; X-Total-Count has the total', schema: z.array(WorklistEntry) }, 404: { description: 'no such department' } },
    handler: async ({ params, query, principal }) => {
      const department = departmentById(params.department);
      if (!department) throw notFound(`no department ${params.department}`);
      // A department's own staff see its whole worklist; supervisors and ops that of a city department
      // of their local networks, and of a province or national centre only its entries of their
      // networks (a centre's worklist spans every network).
      const own = principal.roles.includes('department') && principal.department === department.id;
      if (!own && !hasRole(principal, 'supervisor', 'ops')) throw forbidden('department staff see their own worklist');
      if (!own && department.localNetwork && !inLocalNetworkScope(principal, department.localNetwork)) throw forbidden(`not allowed to see ${department.id}`);
      const { rows, total } = await departmentWorklist(em(), department.id, query.limit, query.offset, own ? '*' : localNetworkFilter(principal));
      return {
        headers: { 'x-total-count': String(total) },
        body: rows.map(presentWorklistEntry),
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/troubleTicket/:id/event',
    summary: 'Act on a work order: accept, note, receipt, return, transfer, dispatch, sendBack, approve, recordSatisfaction, reopen, waitOnCustomer, customerResponded, cancel, escalate',
    description:
      'Validated by the work order itself and answered synchronously: 409 in a wrong state, 403 from a department it is not assigned to, 400 for a malformed event.',
    tags: ['work orders'],
    roles: ['order-entry', 'department', 'supervisor'],
    params: z.object({ id }),
    body: WorkOrderEventSchema,
    responses: { 200: { description: 'the work order after the action', schema: TroubleTicket }, 409: { description: 'wrong state' } },
    handler: async ({ params, body, principal }) => {
      await load(params.id, principal);
      const handle = deps.client.workflow.getHandle(workOrderWorkflowId(params.id));
      const s = await mapUpdateErrors(`work order ${params.id}`, handle, () =>
        handle.executeUpdate(workOrderActionUpdate, { args: [{ event: body, actor: actorOf(principal) }] }),
      );
      const row = await findWorkOrder(em(), params.id);
      return { body: presentWorkOrder(s, row) };
    },
  });
}
