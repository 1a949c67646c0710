// Order entry (TMF622-shaped): create (idempotent), get, list, cancel, amend, and quote.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowUpdateStage } from '@temporalio/client';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, localNetworkFilter, organisationOf, type Principal } from '../../domain/access.js';
import { checkAgentScope } from '../../domain/agent.js';
import { orderScopeRefusal, ownOrdersOnly } from '../../domain/order-access.js';
import { chinaBusinessDay } from '../../domain/instant.js';
import type { OrderRequest, Refusal } from '../../domain/order.js';
import type { Quote as PriceQuote } from '../../domain/pricing.js';
import { assessOrder } from '../../services/order-assessment.js';
import { findOrder, findOrderByKeys, insertOrderOnce, listOrders, type OrderFilter, type OrderRow } from '../../db/orders.js';
import { presentOrder, presentOrderForReader } from '../presenters/product-order.js';
import { serveEventStream } from '../event-stream.js';
import type { ReferenceData } from '../../db/reference.js';
import {
  amendOrderItemUpdate,
  cancelOrderUpdate,
  FINAL_ORDER_STATES,
  getOrderQuery,
  ORDER_FULFILMENT,
  orderWorkflowId,
  type OrderFulfilmentWorkflow,
} from '../../contracts/order-fulfilment.js';
import { CustomerIdKey, LocalNetworkKey, OrderIdKey, OrderStateKey } from '../../contracts/search-attributes.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes, Reply } from '../http.js';
import type { Request, Response } from 'express';
import { fingerprintOf, requireSameRequest } from '../idempotency.js';
import { DATA_SOURCE_HEADER, boundedQuery } from '../live.js';
import { ProblemError, forbidden, notFound, problemOf, type FieldError } from '../problem.js';
import { mapUpdateErrors } from '../temporal-errors.js';
import {
  AmendItemInput,
  CancelProductOrderInput,
  IdempotencyHeaders,
  ItemParams,
  ListOrdersQuery,
  OrderIdParams,
  ProductOrder,
  ProductOrderInput,
  Quote,
  QuoteInput,
} from '../schemas/order.js';

/** Which order actions the reader's roles carry (the roles of POST /cancelProductOrder and of the item PATCH below). */
const actionRolesOf = (p: Principal) => ({ cancel: hasRole(p, 'order-entry', 'agent', 'supervisor'), amend: hasRole(p, 'order-entry', 'agent') });

/** Who sends an update, carried in its arguments so the history (and the audit trail) names them. */
const requester = (p: Principal) => ({ requestedBy: p.sub, requestedByRole: p.roles.join(',') });

/** API body → the domain's order request. */
export function toOrderRequest(body: z.infer<typeof ProductOrderInput> | z.infer<typeof QuoteInput>, principal: Principal): OrderRequest {
  const agent = actsAsAgent(principal);
  return {
    externalId: 'externalId' in body ? body.externalId : undefined,
    customerId: body.relatedParty[0]!.id,
    localNetwork: body.localNetwork,
    // An agent's orders are always the agent's own.
    channel: agent ? 'agent' : body.channel,
    agentId: agent ? principal.agentId : body.agentId,
    note: body.description,
    requestedStartDate: body.requestedStartDate,
    depositPaidCents: body.depositPaidCents,
    productOrderItem: body.productOrderItem.map((i) => ({
      id: i.id,
      action: i.action,
      productOffering: i.productOffering,
      quantity: i.quantity,
      product: i.product,
      ...(i.productOrderItemRelationship?.length ? { productOrderItemRelationship: i.productOrderItemRelationship } : {}),
    })),
  };
}

/** An agent's credential (not staff who may also act for agents): its orders are its own. */
export const actsAsAgent = (p: Principal) => p.roles.includes('agent') && !hasRole(p, 'order-entry');

/**
 * Who may attribute an order to an agent: the agent itself, and order-entry staff acting for it in
 * their local networks. An agent naming another agent is refused.
 */
export function checkAttribution(principal: Principal, body: { agentId?: string }, field = 'agentId'): void {
  if (!actsAsAgent(principal)) return;
  if (!principal.agentId) throw forbidden('the agent credential names no agent');
  if (body.agentId !== undefined && body.agentId !== principal.agentId) {
    throw problemOf('FORBIDDEN', 'An agent places orders as itself', [
      { field, message: `this credential is agent ${principal.agentId}`, code: 'AGENT_MISMATCH' },
    ]);
  }
}

/**
 * Refusals as a problem. An agent's own order outside its contract is not allowed (403); the same
 * refusal for staff naming an agent, an unknown agent included, is a bad request (400).
 */
function refusalProblem(refusals: Refusal[], principal: Principal, fieldOf: (domainField: string) => string): ProblemError {
  // The domain names fields its own way (customerId, …); the problem names them as the caller's body does.
  const errors: FieldError[] = refusals.map((r) => ({ field: fieldOf(r.field), message: r.message, code: r.code }));
  const contractOnly = refusals.every((r) => r.code.startsWith('AGENT_') && r.code !== 'AGENT_REQUIRED' && r.code !== 'AGENT_CONTRACT_NOT_FOUND');
  return actsAsAgent(principal) && contractOnly
    ? problemOf('FORBIDDEN', "The order is outside the agent's contract", errors)
    : problemOf('INVALID', 'The order cannot be placed', errors);
}

export { ownOrdersOnly };

export function checkScope(principal: Principal, row: Pick<OrderRow, 'local_network' | 'agent_id'>) {
  const refusal = orderScopeRefusal(principal, { localNetwork: row.local_network, agentId: row.agent_id });
  if (refusal) throw forbidden(refusal);
}

/** What every handler here needs: the API's dependencies and the reference data. */
export type OrderDeps = ApiDeps & { reference: ReferenceData };

/** The handlers of the order routes, one method each; the route table is below. */
export class OrderHandlers {
  constructor(private readonly deps: OrderDeps) {}

  private em = () => this.deps.orm.em.fork();

  /** POST /productOrder: a repeat of the same request finds its order; a new one is judged, stored once, started. */
  async place({ body, headers, principal }: { body: ProductOrderInput; headers: z.infer<typeof IdempotencyHeaders>; principal: Principal }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, body.localNetwork)) throw forbidden(`not allowed to place orders in local network ${body.localNetwork}`);
    checkAttribution(principal, body);
    const { row, created } = await this.placeOrder(principal, toOrderRequest(body, principal), {
      fingerprint: fingerprintOf(body),
      key: headers['idempotency-key'],
      fieldOf: (field) => (field === 'customerId' ? 'relatedParty[0].id' : field),
    });
    if (created) return { status: 201, headers: { location: `/productOrder/${row.id}` }, body: presentOrder(row) };
    return { status: 200, headers: { location: `/productOrder/${row.id}` }, body: presentOrder(row) };
  }

  /**
   * Places an order once, whatever API it came through: a repeat of the same request (the caller's
   * idempotency key, or its organisation's externalId) finds its order; a new one is judged, stored
   * once and started (a draft is stored, not started). `fieldOf` names the domain's fields as the
   * caller's body does.
   */
  async placeOrder(
    principal: Principal,
    request: OrderRequest,
    opts: {
      fingerprint: string;
      key?: string;
      fieldOf: (domainField: string) => string;
      tmfRequest?: (quote: PriceQuote) => Record<string, unknown>;
      initialState?: 'acknowledged' | 'draft';
      /** Judged before a new order is assessed and stored (never for a repeat): a refusal is thrown. */
      beforeNew?: () => Promise<void>;
      /**
       * Starts the order's fulfilment instead of the API (a service request's work order starts it as
       * its child); called for a repeat too, which must find what the first request started.
       */
      start?: (row: OrderRow, created: boolean) => Promise<void>;
    },
  ): Promise<{ row: OrderRow; created: boolean }> {
    // Keys are per caller, so two callers' keys never collide; externalIds per organisation.
    const idempotencyKey = opts.key ? `${principal.sub}:${opts.key}` : undefined;
    const owner = organisationOf(principal);
    /** A repeat is the same order only for the same request. */
    const repeated = async (row: OrderRow) => {
      checkScope(principal, row);
      const byKey = idempotencyKey !== undefined && row.idempotency_key === idempotencyKey;
      requireSameRequest(
        row.request_hash,
        opts.fingerprint,
        byKey
          ? { field: 'header.idempotency-key', value: opts.key!, resource: `order ${row.id}` }
          : { field: opts.fieldOf('externalId'), value: request.externalId ?? '', resource: `order ${row.id}` },
      );
      if (row.state !== 'draft') await (opts.start ? opts.start(row, false) : this.ensureWorkflow(row));
      return { row, created: false };
    };

    const existing = await findOrderByKeys(this.em(), idempotencyKey, { owner, id: request.externalId });
    if (existing) return repeated(existing);
    await opts.beforeNew?.();
    const at = new Date();
    const assessment = await this.assess(request, principal, at, opts.fieldOf);
    const offerings = assessment.reference.offerings;
    const contract = request.agentId ? assessment.reference.agents.get(request.agentId) : undefined;
    const inserted = await insertOrderOnce(
      this.em(),
      {
        id: `PO-${randomUUID()}`,
        externalId: request.externalId,
        externalOwner: owner,
        idempotencyKey,
        requestHash: opts.fingerprint,
        customerId: request.customerId,
        localNetwork: request.localNetwork,
        channel: request.channel,
        agentId: request.agentId,
        serviceLines: [...new Set(request.productOrderItem.map((i) => offerings.get(i.productOffering.id)!.serviceLine))],
        items: [],
        quote: {
          totalOneOffCents: assessment.quote.totalOneOffCents,
          totalRecurringCents: assessment.quote.totalRecurringCents,
          currency: assessment.quote.currency,
        },
        request,
        createdBy: principal.sub,
        tmfRequest: opts.tmfRequest?.(assessment.quote),
        initialState: opts.initialState,
      },
      // The agent's daily limit is counted here, under a lock with the insert, so concurrent orders cannot exceed it.
      contract ? { agentId: contract.agentId, limit: contract.dailyOrderLimit, since: `${chinaBusinessDay(at.getTime())}T00:00:00+08:00` } : undefined,
    );
    if ('limitReached' in inserted) {
      const scope = checkAgentScope(contract!, {
        localNetwork: request.localNetwork,
        offeringIds: [],
        at: at.toISOString(),
        ordersToday: inserted.limitReached,
      });
      throw refusalProblem(
        [{ code: 'AGENT_DAILY_LIMIT_REACHED', field: 'agentId', message: scope.ok ? 'daily order limit reached' : scope.reason }],
        principal,
        opts.fieldOf,
      );
    }
    const { row, created } = inserted;
    // Another request with the same key or externalId got there first.
    if (!created) return repeated(row);
    if (row.state !== 'draft') await this.startOrder(row, opts.start);
    return { row, created: true };
  }

  /** Starts an order's fulfilment (a new order, or a submitted draft) and counts it. */
  async startOrder(row: OrderRow, start?: (row: OrderRow, created: boolean) => Promise<void>): Promise<void> {
    await (start ? start(row, true) : this.startWorkflow(row));
    this.deps.metrics?.orderPlaced({ serviceLines: row.service_lines, localNetwork: row.local_network, channel: row.channel });
  }

  /** GET /productOrder/{id}: a running order answers from its workflow, if a worker answers within the bound. */
  async get({ params, principal }: { params: z.infer<typeof OrderIdParams>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(params.id, principal);
    const live = (FINAL_ORDER_STATES as readonly string[]).includes(row.state) ? undefined : await this.liveView(row.id);
    return { headers: { [DATA_SOURCE_HEADER]: live ? 'workflow' : 'read-model' }, body: presentOrderForReader(row, live, actionRolesOf(principal)) };
  }

  /**
   * GET /productOrder/{id}/events: server-sent events, same scope as the order. `event: order` with
   * `{"id", "state"}` on each committed change of the order (its read model: each step recorded, the
   * cancellation, the end); open until the client goes, the process stops, or the caller's token
   * expires (then `event: expired`).
   */
  async events({ req, res, params, principal }: { req: Request; res: Response; params: z.infer<typeof OrderIdParams>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(params.id, principal);
    const feed = this.deps.worklistFeed!;
    await feed.ready();
    serveEventStream(req, res, {
      comment: `listening to ${row.id}`,
      subscribe: (stream) =>
        feed.subscribeOrder({
          orderId: row.id,
          send: () => stream.send('order', { id: row.id }),
          close: stream.end,
        }),
    });
    return { handled: true };
  }

  /** GET /productOrder: the reader's local networks only; an agent its own orders only. */
  async list({ query, principal }: { query: z.infer<typeof ListOrdersQuery>; principal: Principal }): Promise<Reply> {
    const { rows, total } = await this.listRows(query, principal);
    return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => presentOrder(r)) };
  }

  /** A page of the orders the reader may see, whatever API asks. */
  async listRows(filter: Omit<OrderFilter, 'localNetworks' | 'agentId'>, principal: Principal) {
    if (filter.localNetwork && !inLocalNetworkScope(principal, filter.localNetwork)) throw forbidden(`not allowed in local network ${filter.localNetwork}`);
    return listOrders(this.em(), {
      ...filter,
      localNetworks: localNetworkFilter(principal),
      agentId: ownOrdersOnly(principal) ? (principal.agentId ?? '-') : undefined,
    });
  }

  /** POST /cancelProductOrder: 202 once the workflow accepted the cancellation, not after the undo. */
  async cancel({ body, principal }: { body: z.infer<typeof CancelProductOrderInput>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(body.productOrder.id, principal);
    await this.acceptCancellation(row, body.cancellationReason, principal);
    const live = await this.liveView(row.id);
    const order = presentOrder(row, live);
    return {
      status: 202,
      headers: { location: `/productOrder/${row.id}`, [DATA_SOURCE_HEADER]: live ? 'workflow' : 'read-model' },
      // Accepted means pendingCancellation, whatever the read model has caught up with.
      body: live ? order : { ...order, state: 'pendingCancellation', stateReason: `cancelled: ${body.cancellationReason}` },
    };
  }

  /** Returns once the order's workflow has accepted the cancellation (409 when it is too late). */
  async acceptCancellation(row: OrderRow, reason: string, principal: Principal): Promise<void> {
    await this.update(row, (handle) =>
      handle.startUpdate(cancelOrderUpdate, {
        args: [{ reason, ...requester(principal) }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
  }

  /** PATCH /productOrder/{id}/productOrderItem/{itemId}: answered once the workflow has checked and priced it. */
  async amend({ params, body, principal }: { params: z.infer<typeof ItemParams>; body: z.infer<typeof AmendItemInput>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(params.id, principal);
    const view = await this.update(row, (handle) =>
      handle.executeUpdate(amendOrderItemUpdate, {
        args: [{ itemId: params.itemId, productOffering: body.productOffering, characteristic: body.product?.characteristic, ...requester(principal) }],
      }),
    );
    return { body: presentOrder(row, view) };
  }

  /** POST /quote: the price, explained, by the same rules as order entry. */
  async quote({ body, principal }: { body: z.infer<typeof QuoteInput>; principal: Principal }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, body.localNetwork)) throw forbidden(`not allowed in local network ${body.localNetwork}`);
    checkAttribution(principal, body);
    const assessment = await this.assess(toOrderRequest(body, principal), principal, new Date());
    return { body: assessment.quote };
  }

  // ---- helpers ----

  /** The order judged by the domain's rules on the facts of now; a refusal is thrown as a problem. */
  async assess(request: OrderRequest, principal: Principal, at: Date, fieldOf = (field: string) => (field === 'customerId' ? 'relatedParty[0].id' : field)) {
    const assessment = await assessOrder(this.em(), this.deps.reference, this.deps.adapters, request, {
      at,
      balanceIfBillingDown: 'skip',
      customerVisible: (c) => inLocalNetworkScope(principal, c.homeLocalNetwork),
    });
    if (assessment.refusals.length) throw refusalProblem(assessment.refusals, principal, fieldOf);
    return assessment;
  }

  liveView(orderId: string) {
    return boundedQuery(this.deps.client, orderWorkflowId(orderId), getOrderQuery, this.deps.config.API_QUERY_TIMEOUT_MS);
  }

  async orderFor(id: string, principal: Principal): Promise<OrderRow> {
    const row = await findOrder(this.em(), id);
    if (!row) throw notFound(`no order ${id}`);
    checkScope(principal, row);
    return row;
  }

  /** A Workflow Update on the order's workflow; a finished order answers 409 with its state. */
  private update<T>(row: OrderRow, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.deps.client.workflow.getHandle(orderWorkflowId(row.id));
    return mapUpdateErrors(
      `order ${row.id}`,
      handle,
      () => call(handle),
      async () => (await findOrder(this.em(), row.id))?.state ?? row.state,
    );
  }

  private startWorkflow(row: OrderRow) {
    return this.deps.client.workflow.start<OrderFulfilmentWorkflow>(ORDER_FULFILMENT, {
      workflowId: orderWorkflowId(row.id),
      taskQueue: this.deps.config.TEMPORAL_TASK_QUEUE,
      args: [{ orderId: row.id }],
      // A repeated create finds the running workflow instead of failing or starting another, and
      // never starts a second run of an order whose workflow has finished.
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: OrderIdKey, value: row.id },
        { key: OrderStateKey, value: 'acknowledged' },
        { key: CustomerIdKey, value: row.customer_id },
        { key: LocalNetworkKey, value: row.local_network },
      ],
      staticSummary: `Order ${row.id} — customer ${row.customer_id}, ${row.local_network}, ${row.service_lines.join('+')}`,
    });
  }

  /** For a repeated create: starts the order's workflow if the first request died before it did. */
  private async ensureWorkflow(row: OrderRow): Promise<void> {
    await this.startWorkflow(row).catch((err: unknown) => {
      // Its workflow already ran to the end: the order is what it is.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    });
  }
}

type WorkflowHandle = ReturnType<ApiDeps['client']['workflow']['getHandle']>;

/** Registers the root-path order routes; returns their handlers, which the TMF622 v5 routes share. */
export function registerOrderRoutes(routes: ApiRoutes, deps: OrderDeps): OrderHandlers {
  const h = new OrderHandlers(deps);
  const readers = ['order-entry', 'agent', 'ops', 'auditor', 'supervisor'] as const;
  routes
    .add({
      method: 'post',
      path: '/productOrder',
      summary: 'Place an order (idempotent: the same Idempotency-Key or externalId returns the same order)',
      tags: ['orders'],
      roles: ['order-entry', 'agent'],
      headers: IdempotencyHeaders,
      body: ProductOrderInput,
      responses: {
        201: { description: 'order accepted; fulfilment started', schema: ProductOrder },
        200: { description: 'the same order, for a repeated request', schema: ProductOrder },
        422: { description: 'the Idempotency-Key or externalId was used for a different request' },
      },
      handler: (ctx) => h.place(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrder/:id',
      summary: "An order with each item's step progress (live while the order runs; X-Data-Source says from where)",
      tags: ['orders'],
      roles: [...readers],
      params: OrderIdParams,
      responses: { 200: { description: 'the order', schema: ProductOrder }, 404: { description: 'no such order' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrder/:id/events',
      summary: "Server-sent events of an order's progress: the order page reads the order again on each",
      description:
        'text/event-stream, open until the client goes or the caller\'s token expires. `event: order`, `data: {"id": order id}` for each committed change of the order (each step recorded, a cancellation, an amendment, the end); a comment line every 25 s; when the token expires, `event: expired` (`data: {"code": "SESSION_EXPIRED", ...}`) and the stream ends. Same roles and scope as GET /productOrder/{id}.',
      tags: ['orders'],
      roles: [...readers],
      params: OrderIdParams,
      responses: {
        200: { description: 'the event stream', schema: z.string(), contentType: 'text/event-stream' },
        404: { description: 'no such order' },
      },
      handler: (ctx) => h.events(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrder',
      summary: 'List orders with filters and paging (newest first)',
      tags: ['orders'],
      roles: [...readers],
      query: ListOrdersQuery,
      responses: { 200: { description: 'a page of orders; X-Total-Count has the total', schema: z.array(ProductOrder) } },
      handler: (ctx) => h.list(ctx),
    })
    .add({
      method: 'post',
      path: '/cancelProductOrder',
      summary: 'Cancel an order in flight: answered 202 once the order has accepted the cancellation (409 when too late); completed steps are then undone',
      description:
        'The answer comes as soon as the workflow has accepted the cancellation, with the order in pendingCancellation and a Location to follow; ' +
        'the undo of completed steps (billing included) runs after it, and the order ends cancelled.',
      tags: ['orders'],
      roles: ['order-entry', 'agent', 'supervisor'],
      body: CancelProductOrderInput,
      responses: {
        202: { description: 'cancellation accepted; the order is pendingCancellation', schema: ProductOrder },
        404: { description: 'no such order' },
        409: { description: 'the order can no longer be cancelled' },
      },
      handler: (ctx) => h.cancel(ctx),
    })
    .add({
      method: 'patch',
      path: '/productOrder/:id/productOrderItem/:itemId',
      summary: 'Amend an item before it is provisioned (409 past the point of no return)',
      tags: ['orders'],
      roles: ['order-entry', 'agent'],
      params: ItemParams,
      body: AmendItemInput,
      responses: {
        200: { description: 'the amended order', schema: ProductOrder },
        404: { description: 'no such order or item' },
        409: { description: 'too late to amend' },
      },
      handler: (ctx) => h.amend(ctx),
    })
    .add({
      method: 'post',
      path: '/quote',
      summary: 'Price an order without placing it, explained line by line',
      tags: ['orders'],
      roles: ['order-entry', 'agent'],
      body: QuoteInput,
      responses: { 200: { description: 'the quote', schema: Quote } },
      handler: (ctx) => h.quote(ctx),
    });
  return h;
}
