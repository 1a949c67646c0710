// Electronic work orders (TMF621 troubleTicket-shaped): create from any channel, get, search,
// the department worklist, and every action of the closed loop through one validated door.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { departmentById } from '../../domain/departments.js';
import { watchesEveryNetwork } from '../../domain/supervision.js';
import { WorkOrderEventSchema, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { allowedActions, coHandlingCandidates } from '../../domain/work-order-actions.js';
import {
  CreateTroubleTicket,
  DepartmentParams,
  SearchTroubleTicketsQuery,
  TakeHeaders,
  TakenTroubleTicket,
  TroubleTicket,
  TroubleTicketContact,
  TroubleTicketIdParams,
  WorklistEntry,
  WorklistQuery,
} from '../schemas/work-order.js';
import { loadCustomer, subscriptionsOf } from '../../db/customers.js';
import { departmentWorklist } from '../../db/work-orders.js';
import type { ApiDeps } from '../deps.js';
import { presentWorklistEntry, presentWorkOrder } from '../presenters/trouble-ticket.js';
import type { ApiRoutes, Reply } from '../http.js';
import { DATA_SOURCE_HEADER } from '../live.js';
import { badRequest, forbidden, notFound } from '../problem.js';
import { actorOf, WORK_ORDER_ROLES, WorkOrderDesk } from '../work-order-desk.js';
import { serveEventStream } from '../event-stream.js';

/**
 * The work order with what the caller may do to it now: the web desk offers exactly those actions,
 * and for a co-handling request exactly the departments it may ask.
 */
const presentForCaller = (s: WorkOrderSnapshot, principal: Principal) => {
  const allowed = allowedActions(s, actorOf(principal), Date.now());
  return {
    ...presentWorkOrder(s),
    allowedActions: allowed,
    ...(allowed.includes('requestCoHandling') ? { coHandlingCandidates: coHandlingCandidates(s) } : {}),
  };
};

/**
 * Whose worklist the caller may see: a department's own staff its whole worklist; supervisors and ops
 * that of a city department of their local networks, and of a province or national centre only its
 * entries of their networks (a centre's worklist spans every network); a national-level supervisor every
 * worklist whole.
 */
function worklistScope(id: string, principal: Principal) {
  const department = departmentById(id);
  if (!department) throw notFound(`no department ${id}`);
  const own = principal.roles.includes('department') && principal.department === department.id;
  if (!own && !hasRole(principal, 'supervisor', 'ops')) throw forbidden('department staff see their own worklist');
  // A national-level supervisor watches every network, as they may open every work order (the national centre's queue spans them all).
  const everyNetwork = own || watchesEveryNetwork(principal);
  if (!everyNetwork && department.localNetwork && !inLocalNetworkScope(principal, department.localNetwork))
    throw forbidden(`not allowed to see ${department.id}`);
  const localNetworks = everyNetwork ? ('*' as const) : localNetworkFilter(principal);
  return { department, localNetworks };
}

class WorkOrderHandlers {
  private readonly desk: WorkOrderDesk;

  constructor(private readonly deps: ApiDeps) {
    this.desk = new WorkOrderDesk(deps);
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
    const { customer, receivedAt, ...rest } = body;
    const received = receivedAt === undefined ? undefined : this.receivedAtOf(receivedAt);
    const { id, snapshot } = await this.desk.take(
      { ...rest, ...(received !== undefined ? { receivedAt: received } : {}), customerId: customer.id },
      principal,
      {
        body,
        idempotencyKey: headers['idempotency-key'],
        customerField: 'customer.id',
      },
    );
    const location = { location: `/troubleTicket/${id}` };
    if (!snapshot) return { status: 202, headers: location, body: { id, href: location.location, state: 'acknowledged' } };
    return { status: 201, headers: location, body: presentWorkOrder(snapshot) };
  }

  /** The received time (受理时间) as epoch ms: not in the future (a minute of clock skew aside), nor older than the configured days. */
  private receivedAtOf(iso: string): number {
    const at = Date.parse(iso);
    const now = Date.now();
    const maxDays = this.deps.config.WORK_ORDER_RECEIVED_MAX_AGE_DAYS;
    const problem =
      at > now + 60_000
        ? `${iso} is in the future`
        : at < now - maxDays * 86_400_000
          ? `${iso} is more than ${maxDays} days ago (WORK_ORDER_RECEIVED_MAX_AGE_DAYS)`
          : undefined;
    if (problem) throw badRequest('The work order cannot be taken', [{ field: 'receivedAt', message: problem, code: 'RECEIVED_AT_OUT_OF_RANGE' }]);
    return Math.min(at, now);
  }

  /** GET /troubleTicket/{id} */
  async get({ params, principal }: { params: z.infer<typeof TroubleTicketIdParams>; principal: Principal }): Promise<Reply> {
    const { s, source } = await this.desk.load(params.id, principal);
    return { headers: { [DATA_SOURCE_HEADER]: source }, body: presentForCaller(s, principal) };
  }

  /**
   * GET /troubleTicket/{id}/contact: whom to call about it, for whoever may see the work order — a
   * department gets the contact of the customers whose work orders it holds, not their customer 360.
   */
  async contact({ params, principal }: { params: z.infer<typeof TroubleTicketIdParams>; principal: Principal }): Promise<Reply> {
    const { s } = await this.desk.load(params.id, principal);
    const customer = await loadCustomer(this.em(), s.customer.id);
    if (!customer) throw notFound(`no customer ${s.customer.id}`);
    const subscription = s.subscriptionId ? (await subscriptionsOf(this.em(), customer.id)).find((x) => x.id === s.subscriptionId) : undefined;
    return {
      body: {
        id: customer.id,
        name: customer.name,
        kind: customer.kind,
        tier: customer.tier,
        homeLocalNetwork: customer.homeLocalNetwork,
        ...(customer.contact?.phone ? { phone: customer.contact.phone } : {}),
        ...(customer.contact?.email ? { email: customer.contact.email } : {}),
        ...(subscription ? { subscription: { id: subscription.id, serviceLine: subscription.serviceLine, serviceId: subscription.serviceId } } : {}),
      },
    };
  }

  /** GET /troubleTicket: department staff within their department; everyone else within their local networks. */
  async search({ query, principal }: { query: z.infer<typeof SearchTroubleTicketsQuery>; principal: Principal }): Promise<Reply> {
    const { rows, total } = await this.desk.search(query, principal);
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
    const { department, localNetworks } = worklistScope(params.department, principal);
    const { limit, offset, ...filter } = query;
    const { rows, total } = await departmentWorklist(this.em(), department.id, limit, offset, localNetworks, filter);
    return { headers: { 'x-total-count': String(total) }, body: rows.map(presentWorklistEntry) };
  }

  /**
   * GET /department/{department}/worklist/events: server-sent events, same scope as the worklist.
   * `event: worklist` with `{"ids": [...]}`, the work orders of the department that changed (dispatched
   * or transferred to it, taken away, acted on); a comment line every 25 s keeps proxies from closing
   * it. Open until the client goes, the process stops, or the caller's token expires: then
   * `event: expired` and the end (every other request would be refused from then on, so the desk
   * lets its session end as on any 401).
   */
  async worklistEvents({
    req,
    res,
    params,
    principal,
  }: {
    req: Request;
    res: Response;
    params: z.infer<typeof DepartmentParams>;
    principal: Principal;
  }): Promise<Reply> {
    const { department, localNetworks } = worklistScope(params.department, principal);
    const feed = this.deps.worklistFeed!;
    await feed.ready();
    serveEventStream(req, res, {
      comment: `listening to ${department.id}`,
      subscribe: (stream) =>
        feed.subscribe({
          department: department.id,
          localNetworks,
          send: (ids) => stream.send('worklist', { ids }),
          close: stream.end,
        }),
    });
    return { handled: true };
  }

  /** POST /troubleTicket/{id}/event: judged by the work order itself (its update's validator). */
  async act({ params, body, principal }: { params: z.infer<typeof TroubleTicketIdParams>; body: WorkOrderEvent; principal: Principal }): Promise<Reply> {
    return { body: presentForCaller(await this.desk.act(params.id, body, principal), principal) };
  }
}

export function registerWorkOrderRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const h = new WorkOrderHandlers(deps);
  routes
    .add({
      method: 'post',
      path: '/troubleTicket',
      summary: 'Take a work order from any channel; it is classified and dispatched by the routing rules',
      tags: ['work orders'],
      roles: [...WORK_ORDER_ROLES.take, ...WORK_ORDER_ROLES.accountManager],
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
      roles: [...WORK_ORDER_ROLES.read, ...WORK_ORDER_ROLES.accountManager],
      params: TroubleTicketIdParams,
      responses: { 200: { description: 'the work order', schema: TroubleTicket }, 404: { description: 'no such work order' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: '/troubleTicket/:id/contact',
      summary: "The work order's customer and how to reach them",
      tags: ['work orders'],
      roles: [...WORK_ORDER_ROLES.read],
      params: TroubleTicketIdParams,
      responses: { 200: { description: 'the customer and their contact', schema: TroubleTicketContact }, 404: { description: 'no such work order' } },
      handler: (ctx) => h.contact(ctx),
    })
    .add({
      method: 'get',
      path: '/troubleTicket',
      summary: 'Search work orders (newest first); an account manager finds those of their own customers',
      tags: ['work orders'],
      roles: [...WORK_ORDER_ROLES.read, ...WORK_ORDER_ROLES.accountManager],
      query: SearchTroubleTicketsQuery,
      responses: { 200: { description: 'a page of work orders; X-Total-Count has the total', schema: z.array(TroubleTicket) } },
      handler: (ctx) => h.search(ctx),
    })
    .add({
      method: 'get',
      path: '/department/:department/worklist',
      summary: "A department's open work orders, soonest deadline first, with overdue flags and SLA urge marks; filters by type, local network, tier, overdue",
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
      method: 'get',
      path: '/department/:department/worklist/events',
      summary: "Server-sent events of a department's worklist changes: the live desk refreshes its worklist on each",
      description:
        'text/event-stream, open until the client goes or the caller\'s token expires. `event: worklist`, `data: {"ids": [work order ids]}` for each committed change of work orders the department holds or held; a comment line every 25 s; when the token expires, `event: expired` (`data: {"code": "SESSION_EXPIRED", ...}`) and the stream ends. Same roles and scope as the worklist.',
      tags: ['work orders'],
      roles: ['department', 'supervisor', 'ops'],
      params: DepartmentParams,
      responses: {
        200: { description: 'the event stream', schema: z.string(), contentType: 'text/event-stream' },
        404: { description: 'no such department' },
      },
      handler: (ctx) => h.worklistEvents(ctx),
    })
    .add({
      method: 'post',
      path: '/troubleTicket/:id/event',
      summary:
        'Act on a work order: accept, note, receipt, return, requestCoHandling, transfer, dispatch, sendBack, approve, recordSatisfaction, reopen, waitOnCustomer, customerResponded, cancel, escalate, urge, supervise, superviseReply',
      description:
        'Validated by the work order itself and answered synchronously: 409 in a wrong state, 403 from a department it is not assigned to, 400 for a malformed event. ' +
        "urge (催办): the call centre, a supervisor or the customer's account manager, while a department owes the work order something: counted, priority one step up, " +
        'escalated one level after WORKORDER_URGE_ESCALATE_COUNT urges within WORKORDER_URGE_WINDOW_SECONDS. supervise (督办): a supervisor, with `due` and `instructions`; ' +
        'the department holding it answers with superviseReply (`text`); approve is refused (409) until it has.',
      tags: ['work orders'],
      roles: [...WORK_ORDER_ROLES.act, ...WORK_ORDER_ROLES.accountManager],
      params: TroubleTicketIdParams,
      body: WorkOrderEventSchema,
      responses: { 200: { description: 'the work order after the action', schema: TroubleTicket }, 409: { description: 'wrong state' } },
      handler: (ctx) => h.act(ctx),
    });
}
