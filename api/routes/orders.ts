// Order entry (TMF622-shaped): create (idempotent), get, list, cancel, amend, and quote.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowUpdateStage } from '@temporalio/client';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, localNetworkFilter, organisationOf, type Principal } from '../../domain/access.js';
import { checkAgentScope } from '../../domain/agent.js';
import { chinaBusinessDay } from '../../domain/instant.js';
import type { OrderRequest, Refusal } from '../../domain/order.js';
import { assessOrder } from '../../services/order-assessment.js';
import { findOrder, findOrderByKeys, insertOrderOnce, listOrders, type OrderRow } from '../../db/orders.js';
import { presentOrder } from '../presenters/product-order.js';
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

/** Who sends an update, carried in its arguments so the history (and the audit trail) names them. */
const requester = (p: Principal) => ({ requestedBy: p.sub, requestedByRole: p.roles.join(',') });

/** API body → the domain's order request. */
function toOrderRequest(body: z.infer<typeof ProductOrderInput> | z.infer<typeof QuoteInput>, principal: Principal): OrderRequest {
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
    })),
  };
}

/** An agent's credential (not staff who may also act for agents): its orders are its own. */
const actsAsAgent = (p: Principal) => p.roles.includes('agent') && !hasRole(p, 'order-entry');

/**
 * Who may attribute an order to an agent: the agent itself, and order-entry staff acting for it in
 * their local networks. An agent naming another agent is refused.
 */
function checkAttribution(principal: Principal, body: { agentId?: string }): void {
  if (!actsAsAgent(principal)) return;
  if (!principal.agentId) throw forbidden('the agent credential names no agent');
  if (body.agentId !== undefined && body.agentId !== principal.agentId) {
    throw problemOf('FORBIDDEN', 'An agent places orders as itself', [
      { field: 'agentId', message: `this credential is agent ${principal.agentId}`, code: 'AGENT_MISMATCH' },
    ]);
  }
}

/**
 * Refusals as a problem. An agent's own order outside its contract is not allowed (403); the same
 * refusal for staff naming an agent, an unknown agent included, is a bad request (400).
 */
function refusalProblem(refusals: Refusal[], principal: Principal): ProblemError {
  // The domain names the customer customerId; in the API's body it is the related party.
  const errors: FieldError[] = refusals.map((r) => ({ field: r.field === 'customerId' ? 'relatedParty[0].id' : r.field, message: r.message, code: r.code }));
  const contractOnly = refusals.every((r) => r.code.startsWith('AGENT_') && r.code !== 'AGENT_REQUIRED' && r.code !== 'AGENT_CONTRACT_NOT_FOUND');
  return actsAsAgent(principal) && contractOnly
    ? problemOf('FORBIDDEN', "The order is outside the agent's contract", errors)
    : problemOf('INVALID', 'The order cannot be placed', errors);
}

/** An agent's credential with no wider reading role sees only the agent's own orders (reads and lists alike). */
const ownOrdersOnly = (p: Principal) => p.roles.includes('agent') && !hasRole(p, 'order-entry', 'ops', 'auditor', 'supervisor');

function checkScope(principal: Principal, row: Pick<OrderRow, 'local_network' | 'agent_id'>) {
  if (!inLocalNetworkScope(principal, row.local_network)) throw forbidden(`not allowed in local network ${row.local_network}`);
  if (ownOrdersOnly(principal) && row.agent_id !== principal.agentId) {
    throw forbidden('agents see only their own orders');
  }
}

/** What every handler here needs: the API's dependencies and the reference data. */
type OrderDeps = ApiDeps & { reference: ReferenceData };

/** The handlers of the order routes, one method each; the route table is below. */
class OrderHandlers {
  constructor(private readonly deps: OrderDeps) {}

  private em = () => this.deps.orm.em.fork();

  /** POST /productOrder: a repeat of the same request finds its order; a new one is judged, stored once, started. */
  async place({ body, headers, principal }: { body: ProductOrderInput; headers: z.infer<typeof IdempotencyHeaders>; principal: Principal }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, body.localNetwork)) throw forbidden(`not allowed to place orders in local network ${body.localNetwork}`);
    checkAttribution(principal, body);
    // Keys are per caller, so two callers' keys never collide; externalIds per organisation.
    const key = headers['idempotency-key'];
    const idempotencyKey = key ? `${principal.sub}:${key}` : undefined;
    const owner = organisationOf(principal);
    const request = toOrderRequest(body, principal);
    const fingerprint = fingerprintOf(body);
    /** A repeat is the same order only for the same request. */
    const repeated = async (row: OrderRow): Promise<Reply> => {
      checkScope(principal, row);
      const byKey = idempotencyKey !== undefined && row.idempotency_key === idempotencyKey;
      requireSameRequest(
        row.request_hash,
        fingerprint,
        byKey
          ? { field: 'header.idempotency-key', value: key!, resource: `order ${row.id}` }
          : { field: 'externalId', value: request.externalId ?? '', resource: `order ${row.id}` },
      );
      await this.ensureWorkflow(row);
      return { status: 200, headers: { location: `/productOrder/${row.id}` }, body: presentOrder(row) };
    };

    const existing = await findOrderByKeys(this.em(), idempotencyKey, { owner, id: request.externalId });
    if (existing) return repeated(existing);
    const at = new Date();
    const assessment = await this.assess(request, principal, at);
    const offerings = assessment.reference.offerings;
    const contract = request.agentId ? assessment.reference.agents.get(request.agentId) : undefined;
    const inserted = await insertOrderOnce(
      this.em(),
      {
        id: `PO-${randomUUID()}`,
        externalId: request.externalId,
        externalOwner: owner,
        idempotencyKey,
        requestHash: fingerprint,
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
      );
    }
    const { row, created } = inserted;
    // Another request with the same key or externalId got there first.
    if (!created) return repeated(row);
    await this.startWorkflow(row);
    this.deps.metrics?.orderPlaced({ serviceLines: row.service_lines, localNetwork: request.localNetwork, channel: request.channel });
    return { status: 201, headers: { location: `/productOrder/${row.id}` }, body: presentOrder(row) };
  }

  /** GET /productOrder/{id}: a running order answers from its workflow, if a worker answers within the bound. */
  async get({ params, principal }: { params: z.infer<typeof OrderIdParams>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(params.id, principal);
    const live = (FINAL_ORDER_STATES as readonly string[]).includes(row.state) ? undefined : await this.liveView(row.id);
    return { headers: { [DATA_SOURCE_HEADER]: live ? 'workflow' : 'read-model' }, body: presentOrder(row, live) };
  }

  /** GET /productOrder: the reader's local networks only; an agent its own orders only. */
  async list({ query, principal }: { query: z.infer<typeof ListOrdersQuery>; principal: Principal }): Promise<Reply> {
    if (query.localNetwork && !inLocalNetworkScope(principal, query.localNetwork)) throw forbidden(`not allowed in local network ${query.localNetwork}`);
    const { rows, total } = await listOrders(this.em(), {
      ...query,
      localNetworks: localNetworkFilter(principal),
      agentId: ownOrdersOnly(principal) ? (principal.agentId ?? '-') : undefined,
    });
    return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => presentOrder(r)) };
  }

  /** POST /cancelProductOrder: 202 once the workflow accepted the cancellation, not after the undo. */
  async cancel({ body, principal }: { body: z.infer<typeof CancelProductOrderInput>; principal: Principal }): Promise<Reply> {
    const row = await this.orderFor(body.productOrder.id, principal);
    await this.update(row, (handle) =>
      handle.startUpdate(cancelOrderUpdate, {
        args: [{ reason: body.cancellationReason, ...requester(principal) }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    const live = await this.liveView(row.id);
    const order = presentOrder(row, live);
    return {
      status: 202,
      headers: { location: `/productOrder/${row.id}`, [DATA_SOURCE_HEADER]: live ? 'workflow' : 'read-model' },
      // Accepted means pendingCancellation, whatever the read model has caught up with.
      body: live ? order : { ...order, state: 'pendingCancellation', stateReason: `cancelled: ${body.cancellationReason}` },
    };
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
  private async assess(request: OrderRequest, principal: Principal, at: Date) {
    const assessment = await assessOrder(this.em(), this.deps.reference, this.deps.adapters, request, {
      at,
      balanceIfBillingDown: 'skip',
      customerVisible: (c) => inLocalNetworkScope(principal, c.homeLocalNetwork),
    });
    if (assessment.refusals.length) throw refusalProblem(assessment.refusals, principal);
    return assessment;
  }

  private liveView(orderId: string) {
    return boundedQuery(this.deps.client, orderWorkflowId(orderId), getOrderQuery, this.deps.config.API_QUERY_TIMEOUT_MS);
  }

  private async orderFor(id: string, principal: Principal): Promise<OrderRow> {
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

export function registerOrderRoutes(routes: ApiRoutes, deps: OrderDeps): void {
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
}
