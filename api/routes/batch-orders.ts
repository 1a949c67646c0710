// Enterprise batch orders (集团客户批量开通): an enterprise customer's order of up to 1,000 lines, each
// line an ordinary order run by the batch workflow `batch-<id>` (contracts/batch-order.ts); and the
// enterprise's group account with its member subscriptions.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowUpdateStage } from '@temporalio/client';
import { z } from 'zod';
import { canReadCustomer, inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { orderScopeRefusal, ownOrdersOnly } from '../../domain/order-access.js';
import type { OrderRequest, OrderRequestItem } from '../../domain/order.js';
import {
  BATCH_ORDER,
  batchWorkflowId,
  cancelRemainderUpdate,
  DEFAULT_BATCH_SETTINGS,
  type BatchOrderWorkflow,
  type BatchSettings,
} from '../../contracts/batch-order.js';
import { CustomerIdKey, LocalNetworkKey } from '../../contracts/search-attributes.js';
import { assessOrder } from '../../services/order-assessment.js';
import { findAccount, firstAccountOf, loadCustomer } from '../../db/customers.js';
import {
  findBatch,
  findBatchByKey,
  findEnterpriseGroup,
  groupMembers,
  insertBatchOnce,
  listBatches,
  listBatchLines,
  type BatchLineRow,
  type BatchRow,
} from '../../db/batch-orders.js';
import { isoOf } from '../../db/time.js';
import type { ReferenceData } from '../../db/reference.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes, Reply } from '../http.js';
import { fingerprintOf, requireSameRequest } from '../idempotency.js';
import { forbidden, notFound, problemOf, type FieldError } from '../problem.js';
import { mapUpdateErrors } from '../temporal-errors.js';
import { actsAsAgent, checkAttribution } from './orders.js';
import {
  BatchIdempotencyHeaders,
  BatchIdParams,
  CancelRemainderInput,
  EnterpriseGroup,
  GroupParams,
  GroupQuery,
  ListBatchesQuery,
  ListBatchLinesQuery,
  ProductOrderBatch,
  ProductOrderBatchInput,
  ProductOrderBatchLine,
} from '../schemas/batch-order.js';

/** Lines of one batch are judged at entry once per distinct set of offerings and actions; more than this many is refused. */
const MAX_DISTINCT_LINE_KINDS = 20;

const iso = (v: Date | string) => isoOf(v) ?? '';

export function presentBatch(row: BatchRow) {
  return {
    id: row.id,
    href: `/productOrderBatch/${row.id}`,
    state: row.state,
    ...(row.state_reason ? { stateReason: row.state_reason } : {}),
    relatedParty: [{ id: row.customer_id, role: 'customer' }],
    billingAccount: { id: row.account_id },
    localNetwork: row.local_network,
    channel: row.channel,
    ...(row.agent_id ? { agentId: row.agent_id } : {}),
    ...(row.description ? { description: row.description } : {}),
    lineCount: {
      total: row.total,
      pending: row.pending,
      inProgress: row.in_progress,
      completed: row.completed,
      failed: row.failed,
      cancelled: row.cancelled,
    },
    settings: row.settings,
    run: row.run,
    largestHistory: { events: row.largest_history_events, bytes: Number(row.largest_history_bytes) },
    creationDate: iso(row.created_at),
    lastUpdate: iso(row.updated_at),
    ...(row.completed_at ? { completionDate: iso(row.completed_at) } : {}),
  };
}

function presentLine(row: BatchLineRow) {
  return {
    index: row.line_no,
    state: row.state,
    productOrder: { id: row.order_id, href: `/productOrder/${row.order_id}`, ...(row.order_state ? { state: row.order_state } : {}) },
    ...(row.reason ? { reason: row.reason } : {}),
    lastUpdate: iso(row.updated_at),
  };
}

function checkScope(principal: Principal, row: BatchRow): void {
  const refusal = orderScopeRefusal(principal, { localNetwork: row.local_network, agentId: row.agent_id });
  if (refusal) throw forbidden(refusal);
}

/** The lines of a batch that are judged alike at entry: the same offerings with the same actions. */
const lineKind = (items: OrderRequestItem[]) => JSON.stringify(items.map((i) => [i.action, i.productOffering.id]));

type BatchDeps = ApiDeps & { reference: ReferenceData };

class BatchHandlers {
  constructor(private readonly deps: BatchDeps) {}

  private em = () => this.deps.orm.em.fork();

  /** POST /productOrderBatch: judged, stored once per Idempotency-Key with its lines, started. */
  async create({
    body,
    headers,
    principal,
  }: {
    body: ProductOrderBatchInput;
    headers: z.infer<typeof BatchIdempotencyHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, body.localNetwork)) throw forbidden(`not allowed to place orders in local network ${body.localNetwork}`);
    checkAttribution(principal, body);
    const key = `${principal.sub}:${headers['idempotency-key']}`;
    const fingerprint = fingerprintOf(body);
    const repeated = async (row: BatchRow): Promise<Reply> => {
      checkScope(principal, row);
      requireSameRequest(row.request_hash, fingerprint, { field: 'header.idempotency-key', value: headers['idempotency-key'], resource: `batch ${row.id}` });
      await this.ensureWorkflow(row);
      return { status: 200, headers: { location: `/productOrderBatch/${row.id}` }, body: presentBatch(row) };
    };
    const existing = await findBatchByKey(this.em(), key);
    if (existing) return repeated(existing);

    const agent = actsAsAgent(principal);
    const channel = agent ? 'agent' : body.channel;
    const agentId = agent ? principal.agentId : body.agentId;
    const customerId = body.relatedParty[0]!.id;
    const customer = await loadCustomer(this.em(), customerId);
    const customerField = 'relatedParty[0].id';
    if (!customer || !inLocalNetworkScope(principal, customer.homeLocalNetwork)) {
      throw problemOf('INVALID', 'The batch cannot be placed', [{ field: customerField, message: `no customer ${customerId}`, code: 'UNKNOWN_CUSTOMER' }]);
    }
    if (customer.kind !== 'enterprise') {
      throw problemOf('INVALID', 'The batch cannot be placed', [
        {
          field: customerField,
          message: `customer ${customerId} is not an enterprise customer: batch orders are for enterprises (集团客户)`,
          code: 'NOT_ENTERPRISE',
        },
      ]);
    }
    const accountId = await this.accountFor(customerId, body.billingAccount?.id);

    // Judge each kind of line once, on its first line, by the rules of POST /productOrder; each
    // line's order is judged again by its own workflow (its number, its subscription, credit now).
    const lines = body.productOrderLine.map((l) => l.productOrderItem as OrderRequestItem[]);
    const firstOfKind = new Map<string, number>();
    lines.forEach((items, i) => {
      const k = lineKind(items);
      if (!firstOfKind.has(k)) firstOfKind.set(k, i);
    });
    if (firstOfKind.size > MAX_DISTINCT_LINE_KINDS) {
      throw problemOf('INVALID', 'The batch cannot be placed', [
        {
          field: 'productOrderLine',
          message: `at most ${MAX_DISTINCT_LINE_KINDS} different kinds of line (offerings and actions) in one batch; this one has ${firstOfKind.size}`,
          code: 'TOO_MANY_LINE_KINDS',
        },
      ]);
    }
    const at = new Date();
    const errors: FieldError[] = [];
    for (const index of firstOfKind.values()) {
      const request: OrderRequest = {
        customerId,
        localNetwork: body.localNetwork,
        channel,
        agentId,
        billingAccountId: accountId,
        productOrderItem: lines[index]!,
      };
      const a = await assessOrder(this.em(), this.deps.reference, this.deps.adapters, request, {
        at,
        balanceIfBillingDown: 'skip',
        customerVisible: (c) => inLocalNetworkScope(principal, c.homeLocalNetwork),
      });
      for (const r of a.refusals) errors.push({ field: fieldOf(r.field, index), message: r.message, code: r.code });
    }
    if (errors.length) {
      const unique = [...new Map(errors.map((e) => [`${e.field}|${e.code}`, e])).values()];
      // As for an order: an agent's own batch outside its contract is not allowed (403), any other refusal is bad input.
      const contractOnly = unique.every((e) => e.code?.startsWith('AGENT_') && e.code !== 'AGENT_REQUIRED' && e.code !== 'AGENT_CONTRACT_NOT_FOUND');
      if (agent && contractOnly) throw problemOf('FORBIDDEN', "The batch is outside the agent's contract", unique);
      throw problemOf('INVALID', 'The batch cannot be placed', unique);
    }

    const settings: BatchSettings = { ...DEFAULT_BATCH_SETTINGS, ...body.settings };
    const { row, created } = await insertBatchOnce(this.em(), {
      id: `PB-${randomUUID()}`,
      idempotencyKey: key,
      requestHash: fingerprint,
      customerId,
      accountId,
      localNetwork: body.localNetwork,
      channel,
      agentId,
      description: body.description,
      settings,
      createdBy: principal.sub,
      lines: lines.map((productOrderItem) => ({ orderId: `PO-${randomUUID()}`, productOrderItem })),
    });
    if (!created) return repeated(row);
    await this.startWorkflow(row);
    return { status: 201, headers: { location: `/productOrderBatch/${row.id}` }, body: presentBatch(row) };
  }

  /** The account the lines bill to: the one named (the customer's), else the group account, else the first account. */
  private async accountFor(customerId: string, named?: string): Promise<string> {
    if (named) {
      const account = await findAccount(this.em(), named);
      if (account?.customerId !== customerId) {
        throw problemOf('INVALID', 'The batch cannot be placed', [
          { field: 'billingAccount.id', message: `customer ${customerId} has no billing account "${named}"`, code: 'UNKNOWN_BILLING_ACCOUNT' },
        ]);
      }
      return account.id;
    }
    const group = await findEnterpriseGroup(this.em(), customerId);
    if (group) return group.account_id;
    const first = await firstAccountOf(this.em(), customerId);
    if (!first) {
      throw problemOf('INVALID', 'The batch cannot be placed', [
        { field: 'relatedParty[0].id', message: `customer ${customerId} has no billing account`, code: 'NO_ACCOUNT' },
      ]);
    }
    return first.id;
  }

  async get({ params, principal }: { params: z.infer<typeof BatchIdParams>; principal: Principal }): Promise<Reply> {
    return { body: presentBatch(await this.batchFor(params.id, principal)) };
  }

  async list({ query, principal }: { query: z.infer<typeof ListBatchesQuery>; principal: Principal }): Promise<Reply> {
    if (query.localNetwork && !inLocalNetworkScope(principal, query.localNetwork)) throw forbidden(`not allowed in local network ${query.localNetwork}`);
    const { rows, total } = await listBatches(this.em(), {
      ...query,
      localNetworks: localNetworkFilter(principal),
      agentId: ownOrdersOnly(principal) ? (principal.agentId ?? '-') : undefined,
    });
    return { headers: { 'x-total-count': String(total) }, body: rows.map(presentBatch) };
  }

  async lines({
    params,
    query,
    principal,
  }: {
    params: z.infer<typeof BatchIdParams>;
    query: z.infer<typeof ListBatchLinesQuery>;
    principal: Principal;
  }): Promise<Reply> {
    const batch = await this.batchFor(params.id, principal);
    const { rows, total } = await listBatchLines(this.em(), batch.id, query);
    return { headers: { 'x-total-count': String(total) }, body: rows.map(presentLine) };
  }

  /** 202 once the batch has accepted: no line starts after; running orders are asked to cancel. */
  async cancelRemainder({
    params,
    body,
    principal,
  }: {
    params: z.infer<typeof BatchIdParams>;
    body: z.infer<typeof CancelRemainderInput>;
    principal: Principal;
  }): Promise<Reply> {
    const row = await this.batchFor(params.id, principal);
    const handle = this.deps.client.workflow.getHandle(batchWorkflowId(row.id));
    await mapUpdateErrors(
      `batch ${row.id}`,
      handle,
      () =>
        handle.startUpdate(cancelRemainderUpdate, {
          args: [{ reason: body.reason, requestedBy: principal.sub, requestedByRole: principal.roles.join(',') }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        }),
      async () => (await findBatch(this.em(), row.id))?.state,
    );
    const current = (await findBatch(this.em(), row.id)) ?? row;
    return {
      status: 202,
      headers: { location: `/productOrderBatch/${row.id}` },
      body: { ...presentBatch(current), state: 'cancelling', stateReason: `cancelled: ${body.reason}` },
    };
  }

  /** GET /enterpriseGroup/{customerId}: the group account, its member subscriptions, the newest batches. */
  async group({ params, query, principal }: { params: z.infer<typeof GroupParams>; query: z.infer<typeof GroupQuery>; principal: Principal }): Promise<Reply> {
    const customer = await loadCustomer(this.em(), params.customerId);
    if (!customer || customer.kind !== 'enterprise') throw notFound(`no enterprise customer ${params.customerId}`);
    if (!canReadCustomer(principal, customer.homeLocalNetwork)) throw forbidden(`customer ${params.customerId} belongs to ${customer.homeLocalNetwork}`);
    const group = await findEnterpriseGroup(this.em(), customer.id);
    const [members, batches] = await Promise.all([
      group ? groupMembers(this.em(), group.account_id, query) : Promise.resolve({ rows: [], total: 0 }),
      listBatches(this.em(), { localNetworks: '*', customerId: customer.id, limit: 10, offset: 0 }),
    ]);
    return {
      body: {
        customer: { id: customer.id, name: customer.name, tier: customer.tier, homeLocalNetwork: customer.homeLocalNetwork },
        ...(group ? { groupAccount: { id: group.account_id, name: group.account_name } } : {}),
        memberCount: members.total,
        members: members.rows.map((m) => ({
          id: m.id,
          offeringId: m.offering_id,
          serviceLine: m.service_line,
          serviceId: m.service_id,
          status: m.status,
          ...(m.order_id ? { orderId: m.order_id } : {}),
        })),
        batches: batches.rows.map(presentBatch),
      },
    };
  }

  private async batchFor(id: string, principal: Principal): Promise<BatchRow> {
    const row = await findBatch(this.em(), id);
    if (!row) throw notFound(`no batch ${id}`);
    checkScope(principal, row);
    return row;
  }

  private startWorkflow(row: BatchRow) {
    return this.deps.client.workflow.start<BatchOrderWorkflow>(BATCH_ORDER, {
      workflowId: batchWorkflowId(row.id),
      taskQueue: this.deps.config.TEMPORAL_TASK_QUEUE,
      args: [{ batchId: row.id, total: row.total, settings: row.settings }],
      // A repeated create finds the running batch, and never starts a second run of a finished one.
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: CustomerIdKey, value: row.customer_id },
        { key: LocalNetworkKey, value: row.local_network },
      ],
      staticSummary: `Batch ${row.id} — enterprise ${row.customer_id}, ${row.local_network}, ${row.total} lines`,
    });
  }

  /** For a repeated create: starts the batch's workflow if the first request died before it did. */
  private async ensureWorkflow(row: BatchRow): Promise<void> {
    await this.startWorkflow(row).catch((err: unknown) => {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    });
  }
}

/** The domain's field of a refusal of line `index`, as the batch body names it. */
function fieldOf(field: string, index: number): string {
  if (field === 'customerId') return 'relatedParty[0].id';
  if (field === 'billingAccountId') return 'billingAccount.id';
  if (field.startsWith('productOrderItem')) return `productOrderLine[${index}].${field}`;
  return field;
}

export function registerBatchOrderRoutes(routes: ApiRoutes, deps: BatchDeps): void {
  const h = new BatchHandlers(deps);
  const readers = ['order-entry', 'agent', 'ops', 'auditor', 'supervisor'] as const;
  routes
    .add({
      method: 'post',
      path: '/productOrderBatch',
      summary: "Place an enterprise customer's batch order of up to 1,000 lines, each an ordinary order (Idempotency-Key required)",
      description:
        'Each line becomes an order of its own (`order-<id>`, visible wherever orders are), run by the batch workflow `batch-<id>` some lines at a time. ' +
        'Each kind of line (its offerings and actions) is judged at entry on its first line; every order is judged again by its own workflow, so a line can still fail with its reason. ' +
        'A repeat with the same Idempotency-Key answers the same batch (200), never a second run.',
      tags: ['orders'],
      roles: ['order-entry', 'agent'],
      headers: BatchIdempotencyHeaders,
      body: ProductOrderBatchInput,
      responses: {
        201: { description: 'batch accepted; its lines start', schema: ProductOrderBatch },
        200: { description: 'the same batch, for a repeated request', schema: ProductOrderBatch },
        422: { description: 'the Idempotency-Key was used for a different request' },
      },
      handler: (ctx) => h.create(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrderBatch/:id',
      summary: "A batch order with its lines counted by state (from the read model the batch's bookkeeping keeps)",
      tags: ['orders'],
      roles: [...readers],
      params: BatchIdParams,
      responses: { 200: { description: 'the batch', schema: ProductOrderBatch }, 404: { description: 'no such batch' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrderBatch/:id/line',
      summary: "A batch's lines in order, each with its order, state and reason (filter by state)",
      tags: ['orders'],
      roles: [...readers],
      params: BatchIdParams,
      query: ListBatchLinesQuery,
      responses: {
        200: { description: 'a page of lines; X-Total-Count has the total', schema: z.array(ProductOrderBatchLine) },
        404: { description: 'no such batch' },
      },
      handler: (ctx) => h.lines(ctx),
    })
    .add({
      method: 'get',
      path: '/productOrderBatch',
      summary: "List batch orders (newest first), of the reader's local networks; an agent its own",
      tags: ['orders'],
      roles: [...readers],
      query: ListBatchesQuery,
      responses: { 200: { description: 'a page of batches; X-Total-Count has the total', schema: z.array(ProductOrderBatch) } },
      handler: (ctx) => h.list(ctx),
    })
    .add({
      method: 'post',
      path: '/productOrderBatch/:id/cancelRemainder',
      summary: "Cancel a batch's remainder: lines not started never start; running lines' orders are cancelled (202; 409 when the batch is over)",
      tags: ['orders'],
      roles: ['order-entry', 'agent', 'supervisor'],
      params: BatchIdParams,
      body: CancelRemainderInput,
      responses: {
        202: { description: 'accepted; the batch is cancelling', schema: ProductOrderBatch },
        404: { description: 'no such batch' },
        409: { description: 'the batch is over, or already cancelling' },
      },
      handler: (ctx) => h.cancelRemainder(ctx),
    })
    .add({
      method: 'get',
      path: '/enterpriseGroup/:customerId',
      summary: "An enterprise customer's group account (集团账户), its member subscriptions (billed to it) and its newest batch orders",
      tags: ['customers'],
      roles: ['order-entry', 'call-centre', 'supervisor', 'ops', 'auditor'],
      params: GroupParams,
      query: GroupQuery,
      responses: { 200: { description: 'the group', schema: EnterpriseGroup }, 404: { description: 'no such enterprise customer' } },
      handler: (ctx) => h.group(ctx),
    });
}
