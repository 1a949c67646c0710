// What both faces of the work orders do — the root paths of the project's web app and TMF621 v5 —
// with one set of scope checks: take a work order, load one, search them, act on one. The routes
// only translate their shapes to and from these.
import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { hasRole, inLocalNetworkScope, localNetworkFilter, type Principal, type Role } from '../domain/access.js';
import type { Actor, NewWorkOrder, WorkOrderEvent, WorkOrderSnapshot } from '../domain/work-order.js';
import { canSeeWorkOrder } from '../domain/work-order-access.js';
import { loadCustomer } from '../db/customers.js';
import { accountManagerOf } from '../db/account-managers.js';
import { claimWorkOrderRequest, findWorkOrder, listWorkOrders, type WorkOrderFilter } from '../db/work-orders.js';
import { workOrderSettings } from '../platform/config.js';
import {
  awaitDispatchUpdate,
  getWorkOrderQuery,
  WORK_ORDER,
  workOrderActionUpdate,
  workOrderWorkflowId,
  type WorkOrderSettings,
  type WorkOrderView,
  type WorkOrderWorkflow,
} from '../contracts/work-order.js';
import { DepartmentKey, LocalNetworkKey, PriorityKey, WorkOrderIdKey, WorkOrderTypeKey } from '../contracts/search-attributes.js';
import type { ApiDeps } from './deps.js';
import { fingerprintOf, requireSameRequest } from './idempotency.js';
import { boundedQuery, type DataSource } from './live.js';
import { badRequest, forbidden, ProblemError, temporalUnavailable, notFound } from './problem.js';
import { mapUpdateErrors } from './temporal-errors.js';

/**
 * Who may call the work-order routes, whichever face (the work orders' own rules then judge each
 * action). The call centre takes them and closes the loop with the customer; order entry (shops,
 * dealers) has no part in it.
 */
export const WORK_ORDER_ROLES = {
  take: ['call-centre', 'supervisor'],
  read: ['call-centre', 'department', 'supervisor', 'ops', 'auditor'],
  act: ['call-centre', 'department', 'supervisor'],
  /** An account manager's part, on the root paths only: their own customers' work orders (take, get, search, note and urge). */
  accountManager: ['account-manager'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * The principal as the work-order rules see it. The workflows' actor `agent` is a call-centre agent
 * (a seat), not a dealer: the name is in every recorded history, so it stays.
 */
export function actorOf(p: Principal): Actor {
  if (p.roles.includes('department') && p.department) return { id: p.sub, role: 'department', department: p.department };
  if (p.roles.includes('supervisor')) return { id: p.sub, role: 'supervisor', department: p.department, level: p.level ?? 'city' };
  if (p.roles.includes('admin')) return { id: p.sub, role: 'centre' };
  if (p.roles.includes('account-manager') && !p.roles.includes('call-centre')) return { id: p.sub, role: 'accountManager' };
  return { id: p.sub, role: 'agent' };
}

/** A work order to take: the new work order less what the desk fills in (id, the customer's tier and home). */
export type WorkOrderRequest = Omit<NewWorkOrder, 'id' | 'customer' | 'homeLocalNetwork'> & { customerId: string };

export interface Taken {
  id: string;
  /** Classified and dispatched; undefined when its workflow has not answered yet (workers busy). */
  snapshot?: WorkOrderSnapshot | WorkOrderView;
  /** What was started (or found), for an answer before the workflow's own. */
  order: NewWorkOrder;
}

export class WorkOrderDesk {
  private readonly settings: WorkOrderSettings;

  constructor(private readonly deps: ApiDeps) {
    this.settings = workOrderSettings(deps.config);
  }

  private em = () => this.deps.orm.em.fork();

  /**
   * Takes a work order, started with the update that answers its dispatch (Update-with-Start).
   * `body` is the request as validated (its fingerprint guards the Idempotency-Key); `customerField`
   * names the customer's id in it for a 400.
   */
  async take(request: WorkOrderRequest, principal: Principal, opts: { body: unknown; idempotencyKey?: string; customerField: string }): Promise<Taken> {
    if (!inLocalNetworkScope(principal, request.takenInLocalNetwork)) throw forbidden(`not allowed to take work orders in ${request.takenInLocalNetwork}`);
    const customer = await loadCustomer(this.em(), request.customerId);
    if (!customer)
      throw badRequest('The work order cannot be taken', [
        { field: opts.customerField, message: `no customer "${request.customerId}"`, code: 'CUSTOMER_NOT_FOUND' },
      ]);
    // The customer's account manager is named in the work order (told of it; may follow, note, urge it).
    // One opening it marks it as their channel, and opens only their own customers' (FORBIDDEN otherwise).
    const accountManager = await accountManagerOf(this.em(), customer.id);
    const openedByAccountManager = actorOf(principal).role === 'accountManager';
    if (openedByAccountManager && accountManager !== principal.sub) throw forbidden(`${principal.sub} is not the account manager of customer ${customer.id}`);
    if (!openedByAccountManager && request.channel === 'account_manager') {
      throw badRequest('The work order cannot be taken', [
        { field: 'channel', message: "only an account manager's own work orders come by channel account_manager" },
      ]);
    }
    // With an Idempotency-Key, a repeat maps to the same work order (and the same workflow) — for
    // the same request only: the key is claimed with the request's fingerprint before the start.
    const key = opts.idempotencyKey;
    const workOrderId = key ? `TT-${createHash('sha256').update(`${principal.sub}:${key}`).digest('hex').slice(0, 24)}` : `TT-${randomUUID()}`;
    let repeat = false;
    if (key) {
      const fingerprint = fingerprintOf(opts.body);
      const claim = await claimWorkOrderRequest(this.em(), {
        idempotencyKey: `${principal.sub}:${key}`,
        workOrderId,
        requestHash: fingerprint,
        createdBy: principal.sub,
      });
      repeat = !claim.created;
      requireSameRequest(claim.requestHash, fingerprint, { field: 'header.idempotency-key', value: key, resource: `work order ${workOrderId}` });
    }
    const { customerId: _id, ...rest } = request;
    const order: NewWorkOrder = {
      ...rest,
      ...(accountManager !== undefined ? { accountManager } : {}),
      ...(openedByAccountManager ? { channel: 'account_manager' as const } : {}),
      id: workOrderId,
      customer: { id: customer.id, tier: customer.tier },
      homeLocalNetwork: customer.homeLocalNetwork,
    };
    const s = await this.startAndAwaitDispatch(
      order,
      principal,
      `Work order ${workOrderId} — ${order.type} by ${order.channel}, ${order.serviceLine}, ${order.takenInLocalNetwork}`,
    );
    if (!repeat) this.deps.metrics?.workOrderTaken({ type: order.type, channel: order.channel, localNetwork: order.takenInLocalNetwork });
    // A repeat answers only what its caller may see (the key is the caller's, but scopes change).
    if (s && repeat && !canSeeWorkOrder(principal, s)) throw forbidden(`not allowed to see work order ${workOrderId}`);
    return { id: workOrderId, snapshot: s, order };
  }

  /**
   * The snapshot: the read model's, or the workflow's own (bounded, see api/live.ts) while the first
   * write is on its way. A workflow that exists but did not answer in time is a 503 to retry.
   */
  async load(workOrderId: string, principal: Principal): Promise<{ s: WorkOrderSnapshot | WorkOrderView; source: DataSource }> {
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
    return { s, source: row?.snapshot ? 'read-model' : 'workflow' };
  }

  /**
   * Work orders the principal may list: department staff within their department (`department`, when
   * given, must be theirs); everyone else — ops and auditors included — within their local networks.
   */
  search(filter: Omit<WorkOrderFilter, 'localNetworks'>, principal: Principal) {
    // An account manager lists the work orders naming them, wherever taken.
    if (actorOf(principal).role === 'accountManager') return listWorkOrders(this.em(), { ...filter, accountManager: principal.sub, localNetworks: '*' });
    const ownDepartment = principal.roles.includes('department') && !hasRole(principal, 'supervisor', 'ops', 'auditor');
    if (ownDepartment && filter.department && filter.department !== principal.department) throw forbidden('department staff see their own department');
    return listWorkOrders(this.em(), {
      ...filter,
      department: ownDepartment ? (principal.department ?? '-') : filter.department,
      localNetworks: ownDepartment ? '*' : localNetworkFilter(principal),
    });
  }

  /** One action, judged by the work order itself (its update's validator), after the principal's read scope. */
  async act(workOrderId: string, event: WorkOrderEvent, principal: Principal): Promise<WorkOrderSnapshot> {
    await this.load(workOrderId, principal);
    return this.send(workOrderId, event, principal);
  }

  /** The action alone, for a caller that has just loaded the work order in the principal's scope. */
  send(workOrderId: string, event: WorkOrderEvent, principal: Principal): Promise<WorkOrderSnapshot> {
    const handle = this.deps.client.workflow.getHandle(workOrderWorkflowId(workOrderId));
    return mapUpdateErrors(`work order ${workOrderId}`, handle, () =>
      handle.executeUpdate(workOrderActionUpdate, { args: [{ event, actor: actorOf(principal) }] }),
    );
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
  private async startAndAwaitDispatch(order: NewWorkOrder, principal: Principal, summary: string): Promise<WorkOrderSnapshot | WorkOrderView | undefined> {
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
