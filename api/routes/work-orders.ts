// Electronic work orders (TMF621 troubleTicket-shaped): create from any channel, get, search,
// the department worklist, and every action of the closed loop through one validated door.
import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { departmentById } from '../../domain/departments.js';
import { WorkOrderEventSchema, type Actor, type NewWorkOrder, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import {
  CreateTroubleTicket,
  DepartmentParams,
  SearchTroubleTicketsQuery,
  TakeHeaders,
  TakenTroubleTicket,
  TroubleTicket,
  TroubleTicketIdParams,
  WorklistEntry,
  WorklistQuery,
} from '../schemas/work-order.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import { loadCustomer } from '../../db/customers.js';
import { claimWorkOrderRequest, departmentWorklist, findWorkOrder, listWorkOrders } from '../../db/work-orders.js';
import { workOrderSettings } from '../../platform/config.js';
import {
  awaitDispatchUpdate,
  getWorkOrderQuery,
  WORK_ORDER,
  workOrderActionUpdate,
  workOrderWorkflowId,
  type WorkOrderSettings,
  type WorkOrderWorkflow,
} from '../../contracts/work-order.js';
import { DepartmentKey, LocalNetworkKey, PriorityKey, WorkOrderIdKey, WorkOrderTypeKey } from '../../contracts/search-attributes.js';
import type { ApiDeps } from '../deps.js';
import { presentWorklistEntry, presentWorkOrder } from '../presenters/trouble-ticket.js';
import type { ApiRoutes, Reply } from '../http.js';
import { fingerprintOf, requireSameRequest } from '../idempotency.js';
import { boundedQuery, DATA_SOURCE_HEADER } from '../live.js';
import { badRequest, forbidden, notFound, ProblemError, temporalUnavailable } from '../problem.js';
import { mapUpdateErrors } from '../temporal-errors.js';

/** The principal as the work-order rules see it. */
export function actorOf(p: Principal): Actor {
  if (p.roles.includes('department') && p.department) return { id: p.sub, role: 'department', department: p.department };
  if (p.roles.includes('supervisor')) return { id: p.sub, role: 'supervisor', department: p.department, level: p.level ?? 'city' };
  if (p.roles.includes('admin')) return { id: p.sub, role: 'centre' };
  return { id: p.sub, role: 'agent' };
}

class WorkOrderHandlers {
  private readonly settings: WorkOrderSettings;

  constructor(private readonly deps: ApiDeps) {
    this.settings = workOrderSettings(deps.config);
  }

  private em = () => this.deps.orm.em.fork();

  /** POST /troubleTicket: started with the update that answers the dispatch (Update-with-Start). */
  async take({
    body,
    headers,
    principal,
  }: {
    body: z.infer<typeof CreateTroubleTicket>;
    headers: z.infer<typeof TakeHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, body.takenInLocalNetwork)) throw forbidden(`not allowed to take work orders in ${body.takenInLocalNetwork}`);
    const customer = await loadCustomer(this.em(), body.customer.id);
    if (!customer)
      throw badRequest('The work order cannot be taken', [{ field: 'customer.id', message: `no customer "${body.customer.id}"`, code: 'CUSTOMER_NOT_FOUND' }]);
    // With an Idempotency-Key, a repeat maps to the same work order (and the same workflow) — for
    // the same request only: the key is claimed with the request's fingerprint before the start.
    const key = headers['idempotency-key'];
    const workOrderId = key ? `TT-${createHash('sha256').update(`${principal.sub}:${key}`).digest('hex').slice(0, 24)}` : `TT-${randomUUID()}`;
    let repeat = false;
    if (key) {
      const fingerprint = fingerprintOf(body);
      const claim = await claimWorkOrderRequest(this.em(), {
        idempotencyKey: `${principal.sub}:${key}`,
        workOrderId,
        requestHash: fingerprint,
        createdBy: principal.sub,
      });
      repeat = !claim.created;
      requireSameRequest(claim.requestHash, fingerprint, { field: 'header.idempotency-key', value: key, resource: `work order ${workOrderId}` });
    }
    const order: NewWorkOrder = {
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
    const s = await this.startAndAwaitDispatch(
      order,
      principal,
      `Work order ${workOrderId} — ${body.type} by ${body.channel}, ${body.serviceLine}, ${body.takenInLocalNetwork}`,
    );
    if (!repeat) this.deps.metrics?.workOrderTaken({ type: body.type, channel: body.channel, localNetwork: body.takenInLocalNetwork });
    const location = { location: `/troubleTicket/${workOrderId}` };
    if (!s) return { status: 202, headers: location, body: { id: workOrderId, href: location.location, state: 'acknowledged' } };
    // A repeat answers only what its caller may see (the key is the caller's, but scopes change).
    if (repeat && !canSeeWorkOrder(principal, s)) throw forbidden(`not allowed to see work order ${workOrderId}`);
    return { status: 201, headers: location, body: presentWorkOrder(s) };
  }

  /** GET /troubleTicket/{id} */
  async get({ params, principal }: { params: z.infer<typeof TroubleTicketIdParams>; principal: Principal }): Promise<Reply> {
    const { s, source } = await this.load(params.id, principal);
    return { headers: { [DATA_SOURCE_HEADER]: source }, body: presentWorkOrder(s) };
  }

  /** GET /troubleTicket: department staff within their department; everyone else within their local networks. */
  async search({ query, principal }: { query: z.infer<typeof SearchTroubleTicketsQuery>; principal: Principal }): Promise<Reply> {
    const ownDepartment = principal.roles.includes('department') && !hasRole(principal, 'supervisor', 'ops', 'auditor');
    if (ownDepartment && query.department && query.department !== principal.department) throw forbidden('department staff see their own department');
    const { rows, total } = await listWorkOrders(this.em(), {
      ...query,
      department: ownDepartment ? (principal.department ?? '-') : query.department,
      // Ops and auditors included: within their local networks.
      localNetworks: ownDepartment ? '*' : localNetworkFilter(principal),
    });
    return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => presentWorkOrder(r.snapshot)) };
  }

  /**
   * GET /department/{department}/worklist. A department's own staff see its whole worklist;
   * supervisors and ops that of a city department of their local networks, and of a province or
   * national centre only its entries of their networks (a centre's worklist spans every network).
   */
  async worklist({
    params,
    query,
    principal,
  }: {
    params: z.infer<typeof DepartmentParams>;
    query: z.infer<typeof WorklistQuery>;
    principal: Principal;
  }): Promise<Reply> {
    const department = departmentById(params.department);
    if (!department) throw notFound(`no department ${params.department}`);
    const own = principal.roles.includes('department') && principal.department === department.id;
    if (!own && !hasRole(principal, 'supervisor', 'ops')) throw forbidden('department staff see their own worklist');
    if (!own && department.localNetwork && !inLocalNetworkScope(principal, department.localNetwork)) throw forbidden(`not allowed to see ${department.id}`);
    const { rows, total } = await departmentWorklist(this.em(), department.id, query.limit, query.offset, own ? '*' : localNetworkFilter(principal));
    return { headers: { 'x-total-count': String(total) }, body: rows.map(presentWorklistEntry) };
  }

  /** POST /troubleTicket/{id}/event: judged by the work order itself (its update's validator). */
  async act({ params, body, principal }: { params: z.infer<typeof TroubleTicketIdParams>; body: WorkOrderEvent; principal: Principal }): Promise<Reply> {
    await this.load(params.id, principal);
    const handle = this.deps.client.workflow.getHandle(workOrderWorkflowId(params.id));
    const s = await mapUpdateErrors(`work order ${params.id}`, handle, () =>
      handle.executeUpdate(workOrderActionUpdate, { args: [{ event: body, actor: actorOf(principal) }] }),
    );
    return { body: presentWorkOrder(s) };
  }

  // ---- helpers ----

  /**
   * The snapshot: the read model's, or the workflow's own (bounded, see api/live.ts) while the first
   * write is on its way. A workflow that exists but did not answer in time is a 503 to retry.
   */
  private async load(workOrderId: string, principal: Principal) {
    const { client, config } = this.deps;
    const row = await findWorkOrder(this.em(), workOrderId);
    let s: WorkOrderSnapshot | undefined = row?.snapshot;
    if (!s) {
      s = await boundedQuery(client, workOrderWorkflowId(workOrderId), getWorkOrderQuery, config.API_QUERY_TIMEOUT_MS);
      if (!s && (await this.exists(workOrderId))) {
        throw new ProblemError(503, 'Service Unavailable', `work order ${workOrderId} is being set up; try again shortly`, undefined, undefined, {
          'retry-after': '1',
        });
      }
    }
    if (!s) throw notFound(`no work order ${workOrderId}`);
    if (!canSeeWorkOrder(principal, s)) throw forbidden(`not allowed to see work order ${workOrderId}`);
    return { s, source: row?.snapshot ? ('read-model' as const) : ('workflow' as const) };
  }

  private exists(workOrderId: string): Promise<boolean> {
    return this.deps.client.workflow
      .getHandle(workOrderWorkflowId(workOrderId))
      .describe()
      .then(
        () => true,
        () => false,
      );
  }

  /**
   * Starts the work order with the update that answers once it is classified and dispatched
   * (Update-with-Start): the dispatch result comes from the start itself. A repeat reaches the
   * running workflow (USE_EXISTING), or the read model's row of a finished one; a finished work
   * order's key never starts a second run. Bounded, as the workers may be backlogged: undefined
   * (taken, its dispatch to follow) when the workflow exists but no worker answered.
   */
  private async startAndAwaitDispatch(order: NewWorkOrder, principal: Principal, summary: string): Promise<WorkOrderSnapshot | undefined> {
    const { client, config } = this.deps;
    try {
      return await client.withDeadline(Date.now() + config.API_DISPATCH_WAIT_MS, () =>
        client.workflow.executeUpdateWithStart(awaitDispatchUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation<WorkOrderWorkflow>(WORK_ORDER, {
            workflowId: workOrderWorkflowId(order.id),
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [{ order, createdBy: actorOf(principal), ...this.settings }],
            workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            typedSearchAttributes: [
              { key: WorkOrderIdKey, value: order.id },
              { key: WorkOrderTypeKey, value: order.type },
              { key: PriorityKey, value: order.priority ?? 'medium' },
              { key: LocalNetworkKey, value: order.takenInLocalNetwork },
              { key: DepartmentKey, value: [] },
            ],
            staticSummary: summary,
          }),
        }),
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return (await findWorkOrder(this.em(), order.id))?.snapshot;
      // No answer in time: taken if its workflow exists, else nothing was created.
      if (await this.exists(order.id)) return undefined;
      if (err instanceof Error && temporalUnavailable(err)) throw err;
      throw new ProblemError(
        503,
        'Service Unavailable',
        'Temporal did not take the work order in time; try again with the same Idempotency-Key',
        undefined,
        undefined,
        { 'retry-after': '1' },
      );
    }
  }
}

export function registerWorkOrderRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const h = new WorkOrderHandlers(deps);
  const readers = ['order-entry', 'department', 'supervisor', 'ops', 'auditor'] as const;
  routes
    .add({
      method: 'post',
      path: '/troubleTicket',
      summary: 'Take a work order from any channel; it is classified and dispatched by the routing rules',
      tags: ['work orders'],
      roles: ['order-entry', 'supervisor'],
      headers: TakeHeaders,
      body: CreateTroubleTicket,
      responses: {
        201: { description: 'taken and dispatched', schema: TroubleTicket },
        202: { description: 'taken; its workflow has not answered yet (workers busy): follow Location', schema: TakenTroubleTicket },
        422: { description: 'the Idempotency-Key was used for a different request' },
      },
      handler: (ctx) => h.take(ctx),
    })
    .add({
      method: 'get',
      path: '/troubleTicket/:id',
      summary: 'A work order with its assignments, deadlines, escalation level and timeline',
      tags: ['work orders'],
      roles: [...readers],
      params: TroubleTicketIdParams,
      responses: { 200: { description: 'the work order', schema: TroubleTicket }, 404: { description: 'no such work order' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: '/troubleTicket',
      summary: 'Search work orders (newest first)',
      tags: ['work orders'],
      roles: [...readers],
      query: SearchTroubleTicketsQuery,
      responses: { 200: { description: 'a page of work orders; X-Total-Count has the total', schema: z.array(TroubleTicket) } },
      handler: (ctx) => h.search(ctx),
    })
    .add({
      method: 'get',
      path: '/department/:department/worklist',
      summary: "A department's open work orders, soonest deadline first, with overdue flags",
      tags: ['work orders'],
      roles: ['department', 'supervisor', 'ops'],
      params: DepartmentParams,
      query: WorklistQuery,
      responses: {
        200: { description: 'a page of the worklist; X-Total-Count has the total', schema: z.array(WorklistEntry) },
        404: { description: 'no such department' },
      },
      handler: (ctx) => h.worklist(ctx),
    })
    .add({
      method: 'post',
      path: '/troubleTicket/:id/event',
      summary:
        'Act on a work order: accept, note, receipt, return, transfer, dispatch, sendBack, approve, recordSatisfaction, reopen, waitOnCustomer, customerResponded, cancel, escalate',
      description:
        'Validated by the work order itself and answered synchronously: 409 in a wrong state, 403 from a department it is not assigned to, 400 for a malformed event.',
      tags: ['work orders'],
      roles: ['order-entry', 'department', 'supervisor'],
      params: TroubleTicketIdParams,
      body: WorkOrderEventSchema,
      responses: { 200: { description: 'the work order after the action', schema: TroubleTicket }, 409: { description: 'wrong state' } },
      handler: (ctx) => h.act(ctx),
    });
}
