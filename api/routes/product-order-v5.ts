// TMF622 Product Ordering v5 as published, under /tmf-api/productOrderingManagement/v5: the order and
// CancelProductOrder task resources over the same order handling as the root paths (OrderHandlers).
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { z } from 'zod';
import { inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { FINAL_ORDER_STATES } from '../../contracts/order-fulfilment.js';
import { findAccount, loadCustomer } from '../../db/customers.js';
import { findCancelRequest, insertCancelRequest, listCancelRequests, rejectCancelRequest } from '../../db/cancel-requests.js';
import { submitDraftOrder } from '../../db/orders.js';
import type { ApiRoutes, Reply } from '../http.js';
import { fingerprintOf } from '../idempotency.js';
import { DATA_SOURCE_HEADER } from '../live.js';
import { ProblemError, conflict, forbidden, notFound, problemOf } from '../problem.js';
import { TMF622_BASE, absoluteUrl, listHeaders, selectFields } from '../tmf.js';
import { toOrderRequest } from '../tmf622-request.js';
import {
  cancelProductOrderPath,
  presentCancelProductOrderV5,
  presentProductOrderV5,
  productOrderPath,
  type TmfOrderRequest,
} from '../presenters/product-order-v5.js';
import {
  CancelProductOrderV5,
  CancelProductOrderV5Input,
  ListCancelProductOrdersV5Query,
  ListProductOrdersV5Query,
  PatchProductOrderV5Input,
  ProductOrderV5,
  ProductOrderV5Input,
  V5FieldsQuery,
  V5IdParams,
} from '../schemas/product-order-v5.js';
import { IdempotencyHeaders } from '../schemas/order.js';
import { actsAsAgent, checkAttribution, ownOrdersOnly, type OrderDeps, type OrderHandlers } from './orders.js';

/** Attributes a `fields` selection may name (first level of the ProductOrder and CancelProductOrder representations). */
const ORDER_ATTRIBUTES = [
  'id',
  'href',
  '@type',
  '@baseType',
  'state',
  'category',
  'description',
  'priority',
  'notificationContact',
  'externalId',
  'channel',
  'relatedParty',
  'billingAccount',
  'payment',
  'note',
  'requestedStartDate',
  'requestedCompletionDate',
  'orderTotalPrice',
  'productOrderItem',
  'productOrderMilestone',
  'productOrderErrorMessage',
  'creationDate',
  'completionDate',
  'expectedCompletionDate',
  'cancellationReason',
  'cancellationDate',
  'intentSpecification',
] as const;
const TASK_ATTRIBUTES = [
  'id',
  'href',
  '@type',
  '@baseType',
  'state',
  'productOrder',
  'cancellationReason',
  'creationDate',
  'requestedCancellationDate',
  'effectiveCancellationDate',
  'errorMessage',
] as const;

class ProductOrderV5Handlers {
  constructor(
    private readonly deps: OrderDeps,
    private readonly orders: OrderHandlers,
  ) {}

  private em = () => this.deps.orm.em.fork();
  private baseUrl = (req: Request) => absoluteUrl(req, '', this.deps.config.API_PUBLIC_URL);

  /** POST productOrder: the v5 body read into the domain's request, then placed like any order. */
  async create(ctx: {
    req: Request;
    body: ProductOrderV5Input;
    headers: z.infer<typeof IdempotencyHeaders>;
    query: { fields?: string };
    principal: Principal;
  }) {
    const { body, principal } = ctx;
    // A declared local network is checked first, as the root path checks its own.
    if (body.localNetwork && !inLocalNetworkScope(principal, body.localNetwork))
      throw forbidden(`not allowed to place orders in local network ${body.localNetwork}`);
    const reference = await this.deps.reference.get();
    const agent = actsAsAgent(principal);
    const mapping = await toOrderRequest(body, {
      offerings: reference.offerings,
      localNetworks: reference.localNetworks,
      // A customer the caller may not see is one that does not exist (nothing about it leaks).
      customer: async (id) => {
        const c = await loadCustomer(this.em(), id);
        return c && inLocalNetworkScope(principal, c.homeLocalNetwork) ? c : undefined;
      },
      accountOwner: async (id) => (await findAccount(this.em(), id))?.customerId,
      defaultChannel: agent ? 'agent' : 'web',
    });
    if (!mapping.ok) throw problemOf('INVALID', 'The order cannot be placed', mapping.errors);
    const request = agent ? { ...mapping.request, channel: 'agent' as const, agentId: principal.agentId } : mapping.request;
    if (!inLocalNetworkScope(principal, request.localNetwork)) throw forbidden(`not allowed to place orders in local network ${request.localNetwork}`);
    checkAttribution(principal, { agentId: mapping.request.agentId }, mapping.fieldOf('agentId'));
    const { row, created } = await this.orders.placeOrder(principal, request, {
      fingerprint: fingerprintOf(body),
      key: ctx.headers['idempotency-key'],
      fieldOf: mapping.fieldOf,
      initialState: body.requestedInitialState,
      tmfRequest: (quote) =>
        ({
          body,
          itemPrices: Object.fromEntries(quote.items.map((i) => [i.itemId ?? i.offeringId, { oneOffCents: i.oneOffCents, recurringCents: i.recurringCents }])),
        }) satisfies TmfOrderRequest as unknown as Record<string, unknown>,
    });
    const base = this.baseUrl(ctx.req);
    return {
      status: created ? 201 : 200,
      headers: { location: `${base}${productOrderPath(row.id)}` },
      body: selectFields(presentProductOrderV5(row, { baseUrl: base }), ctx.query.fields, ORDER_ATTRIBUTES),
    };
  }

  /** GET productOrder/{id}: live from the workflow while it runs, as the root path does. */
  async get(ctx: { req: Request; params: { id: string }; query: { fields?: string }; principal: Principal }): Promise<Reply> {
    const row = await this.orders.orderFor(ctx.params.id, ctx.principal);
    const running = row.state !== 'draft' && !(FINAL_ORDER_STATES as readonly string[]).includes(row.state);
    const live = running ? await this.orders.liveView(row.id) : undefined;
    return {
      headers: { [DATA_SOURCE_HEADER]: live ? 'workflow' : 'read-model' },
      body: selectFields(presentProductOrderV5(row, { baseUrl: this.baseUrl(ctx.req), live }), ctx.query.fields, ORDER_ATTRIBUTES),
    };
  }

  async list(ctx: { req: Request; query: z.infer<typeof ListProductOrdersV5Query>; principal: Principal }): Promise<Reply> {
    const q = ctx.query;
    const { rows, total } = await this.orders.listRows(
      {
        state: q.state,
        customerId: q['relatedParty.partyOrPartyRole.id'],
        from: q['creationDate.gte'],
        to: q['creationDate.lt'],
        limit: q.limit,
        offset: q.offset,
      },
      ctx.principal,
    );
    const base = this.baseUrl(ctx.req);
    return {
      headers: listHeaders(total, rows.length),
      body: rows.map((r) => selectFields(presentProductOrderV5(r, { baseUrl: base }), q.fields, ORDER_ATTRIBUTES)),
    };
  }

  /** PATCH productOrder/{id} (merge-patch): submits a draft; the rest of an order changes through its items and tasks. */
  async patch(ctx: { req: Request; params: { id: string }; body: z.infer<typeof PatchProductOrderV5Input>; principal: Principal }): Promise<Reply> {
    const row = await this.orders.orderFor(ctx.params.id, ctx.principal);
    if (row.state !== 'draft') throw conflict(`order ${row.id} is ${row.state}: only a draft is submitted`, { state: row.state });
    const submitted = await submitDraftOrder(this.em(), row.id);
    // Two submits at once: one starts it, the other answers what is there.
    if (submitted) await this.orders.startOrder(submitted);
    const now = submitted ?? (await this.orders.orderFor(row.id, ctx.principal));
    return { body: presentProductOrderV5(now, { baseUrl: this.baseUrl(ctx.req) }) };
  }

  /**
   * POST cancelProductOrder: the task is taken (acknowledged) and answered 201 as soon as the order's
   * workflow has accepted the cancellation; it then follows the order (inProgress → done, or
   * terminatedWithError). Refused by the order: 409, and the task ends rejected.
   */
  async cancel(ctx: {
    req: Request;
    body: z.infer<typeof CancelProductOrderV5Input>;
    headers: z.infer<typeof IdempotencyHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    const { body, principal } = ctx;
    const order = await this.orders.orderFor(body.productOrder.id, principal);
    if (order.state === 'draft') throw conflict(`order ${order.id} is a draft: there is nothing to cancel`, { state: order.state });
    const key = ctx.headers['idempotency-key'];
    const { row: task, created } = await insertCancelRequest(this.em(), {
      id: `CPO-${randomUUID()}`,
      orderId: order.id,
      reason: body.cancellationReason,
      requestedCancellationDate: body.requestedCancellationDate,
      idempotencyKey: key ? `${principal.sub}:${key}` : undefined,
      createdBy: principal.sub,
    });
    const base = this.baseUrl(ctx.req);
    const reply = (status: number, row = task) => ({
      status,
      headers: { location: `${base}${cancelProductOrderPath(row.id)}` },
      body: presentCancelProductOrderV5(row, { baseUrl: base }),
    });
    if (!created) {
      if (task.order_id !== order.id)
        throw problemOf('INVALID', 'The Idempotency-Key was used for another order', [
          { field: 'header.idempotency-key', message: `it made ${task.id}`, code: 'IDEMPOTENCY_KEY_REUSED' },
        ]);
      return reply(200);
    }
    try {
      await this.orders.acceptCancellation(order, body.cancellationReason, principal);
    } catch (err) {
      if (!(err instanceof ProblemError && err.status === 409)) throw err;
      await rejectCancelRequest(this.em(), task, err.detail ?? err.title);
      // The task exists, rejected: the problem says where.
      const ref = { id: task.id, href: `${base}${cancelProductOrderPath(task.id)}`, state: 'rejected' };
      throw new ProblemError(409, err.title, err.detail, err.errors, { ...err.extra, cancelProductOrder: ref }, err.headers);
    }
    return reply(201);
  }

  async getTask(ctx: { req: Request; params: { id: string }; query: { fields?: string }; principal: Principal }): Promise<Reply> {
    const task = await findCancelRequest(this.em(), ctx.params.id);
    if (!task) throw notFound(`no cancelProductOrder ${ctx.params.id}`);
    // Visible as its order is: the same scope, the same 404 for what the reader may not see.
    await this.orders.orderFor(task.order_id, ctx.principal).catch((err: unknown) => {
      throw err instanceof ProblemError && err.status === 403 ? notFound(`no cancelProductOrder ${ctx.params.id}`) : err;
    });
    return { body: selectFields(presentCancelProductOrderV5(task, { baseUrl: this.baseUrl(ctx.req) }), ctx.query.fields, TASK_ATTRIBUTES) };
  }

  async listTasks(ctx: { req: Request; query: z.infer<typeof ListCancelProductOrdersV5Query>; principal: Principal }): Promise<Reply> {
    const q = ctx.query;
    const { rows, total } = await listCancelRequests(this.em(), {
      state: q.state,
      orderId: q['productOrder.id'],
      localNetworks: localNetworkFilter(ctx.principal),
      agentId: ownOrdersOnly(ctx.principal) ? (ctx.principal.agentId ?? '-') : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    const base = this.baseUrl(ctx.req);
    return {
      headers: listHeaders(total, rows.length),
      body: rows.map((r) => selectFields(presentCancelProductOrderV5(r, { baseUrl: base }), q.fields, TASK_ATTRIBUTES)),
    };
  }
}

export function registerProductOrderV5Routes(routes: ApiRoutes, deps: OrderDeps, orders: OrderHandlers): void {
  const h = new ProductOrderV5Handlers(deps, orders);
  const readers = ['order-entry', 'agent', 'ops', 'auditor', 'supervisor'] as const;
  const tags = ['TMF622 v5'];
  routes
    .add({
      method: 'post',
      path: `${TMF622_BASE}/productOrder`,
      summary: 'Create a product order (TMF622 v5 ProductOrder_FVO; idempotent by Idempotency-Key or externalId)',
      description:
        'The customer is the related party with role Customer (or the billingAccount owner); salesAgent names the agent; the local network comes from ' +
        'the extension field localNetwork (@type TelecomProductOrder), the Seller party, the installation place or the customer\'s home. requestedInitialState "draft" prices and keeps the order without starting it.',
      tags,
      roles: ['order-entry', 'agent'],
      headers: IdempotencyHeaders,
      query: V5FieldsQuery,
      body: ProductOrderV5Input,
      responses: {
        201: { description: 'created; fulfilment started (a draft is not started)', schema: ProductOrderV5 },
        200: { description: 'the same order, for a repeated request', schema: ProductOrderV5 },
        422: { description: 'the Idempotency-Key or externalId was used for a different request' },
      },
      handler: (ctx) => h.create(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF622_BASE}/productOrder/:id`,
      summary: 'Retrieve a product order (TMF622 v5)',
      tags,
      roles: [...readers],
      params: V5IdParams,
      query: V5FieldsQuery,
      responses: { 200: { description: 'the order', schema: ProductOrderV5 }, 404: { description: 'no such order' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF622_BASE}/productOrder`,
      summary: 'List product orders (TMF622 v5), newest first; X-Total-Count and X-Result-Count',
      tags,
      roles: [...readers],
      query: ListProductOrdersV5Query,
      responses: { 200: { description: 'a page of orders', schema: ProductOrderV5.array() } },
      handler: (ctx) => h.list(ctx),
    })
    .add({
      method: 'patch',
      path: `${TMF622_BASE}/productOrder/:id`,
      summary: 'Submit a draft order: merge-patch {"state": "acknowledged"}',
      // JSON Patch (the other PATCH format TMF630 names) is not taken: 415, not a confusing 400.
      bodyTypes: ['application/merge-patch+json', 'application/json'],
      tags,
      roles: ['order-entry', 'agent'],
      params: V5IdParams,
      body: PatchProductOrderV5Input,
      responses: {
        200: { description: 'the submitted order', schema: ProductOrderV5 },
        404: { description: 'no such order' },
        409: { description: 'not a draft' },
      },
      handler: (ctx) => h.patch(ctx),
    })
    .add({
      method: 'post',
      path: `${TMF622_BASE}/cancelProductOrder`,
      summary: 'Cancel an order (TMF622 v5 CancelProductOrder task): 201 acknowledged once the order accepted it; 409 when too late',
      tags,
      roles: ['order-entry', 'agent', 'supervisor'],
      headers: IdempotencyHeaders,
      body: CancelProductOrderV5Input,
      responses: {
        201: { description: 'the task, acknowledged: the order accepted the cancellation', schema: CancelProductOrderV5 },
        200: { description: 'the same task, for a repeated Idempotency-Key', schema: CancelProductOrderV5 },
        404: { description: 'no such order' },
        409: { description: 'the order can no longer be cancelled (the task is rejected)' },
      },
      handler: (ctx) => h.cancel(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF622_BASE}/cancelProductOrder/:id`,
      summary: 'Retrieve a CancelProductOrder task (TMF622 v5)',
      tags,
      roles: [...readers],
      params: V5IdParams,
      query: V5FieldsQuery,
      responses: { 200: { description: 'the task', schema: CancelProductOrderV5 }, 404: { description: 'no such task' } },
      handler: (ctx) => h.getTask(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF622_BASE}/cancelProductOrder`,
      summary: 'List CancelProductOrder tasks (TMF622 v5)',
      tags,
      roles: [...readers],
      query: ListCancelProductOrdersV5Query,
      responses: { 200: { description: 'a page of tasks', schema: CancelProductOrderV5.array() } },
      handler: (ctx) => h.listTasks(ctx),
    });
}
