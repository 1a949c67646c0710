// A service request turned into a product order by the call centre (issue 14, point 7):
// POST /troubleTicket/{id}/productOrder. The order is judged and stored exactly as POST /productOrder
// does (OrderHandlers.placeOrder: the same assessment, idempotency and insert); its fulfilment is
// then started by the work order, as its child workflow, through the work order's placeOrder
// update — so the work order records the order, follows it, and closes when it completes (or goes
// back to the centre when it does not). See workflows/work-order.ts, SERVICE_REQUEST_ORDER.
import { z } from 'zod';
import { inLocalNetworkScope, type Principal } from '../../domain/access.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import { applyEvent, handlingLocalNetwork, type WorkOrderSnapshot } from '../../domain/work-order.js';
import { recordOrderProgress, type OrderRow } from '../../db/orders.js';
import { placeOrderUpdate, workOrderWorkflowId } from '../../contracts/work-order.js';
import type { ApiRoutes, Reply } from '../http.js';
import { fingerprintOf } from '../idempotency.js';
import { forbidden, problemOf, ProblemError, type FieldError } from '../problem.js';
import { presentOrder } from '../presenters/product-order.js';
import { IdempotencyHeaders, ProductOrder, ProductOrderInput } from '../schemas/order.js';
import { TroubleTicketIdParams } from '../schemas/work-order.js';
import { mapUpdateErrors } from '../temporal-errors.js';
import { actorOf, WorkOrderDesk } from '../work-order-desk.js';
import { toOrderRequest, type OrderDeps, type OrderHandlers } from './orders.js';

/** An ordinary order request for the work order's customer, taken by the call centre (channel call_centre, no dealer). */
export const ServiceRequestOrderInput = ProductOrderInput.omit({ channel: true, agentId: true, localNetwork: true })
  .extend({
    localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe("The work order's handling local network (the default; no other is taken)"),
  })
  .meta({ id: 'ServiceRequestOrderInput' });
type ServiceRequestOrderInput = z.infer<typeof ServiceRequestOrderInput>;

const fieldOf = (field: string) => (field === 'customerId' ? 'relatedParty[0].id' : field);

class ServiceRequestOrderHandlers {
  private readonly desk: WorkOrderDesk;

  constructor(
    private readonly deps: OrderDeps,
    private readonly orders: OrderHandlers,
  ) {
    this.desk = new WorkOrderDesk(deps);
  }

  /** POST /troubleTicket/{id}/productOrder */
  async place({
    params,
    body,
    headers,
    principal,
  }: {
    params: z.infer<typeof TroubleTicketIdParams>;
    body: ServiceRequestOrderInput;
    headers: z.infer<typeof IdempotencyHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    // The work order in the caller's scope (404, 403), before anything is stored.
    const { s } = await this.desk.load(params.id, principal);
    const network = handlingLocalNetwork(s);
    const localNetwork = body.localNetwork ?? network;
    const errors: FieldError[] = [];
    if (body.relatedParty[0]!.id !== s.customer.id) {
      errors.push({ field: 'relatedParty[0].id', message: `work order ${s.id} is customer ${s.customer.id}'s`, code: 'NOT_THE_WORK_ORDERS_CUSTOMER' });
    }
    if (localNetwork !== network) {
      errors.push({ field: 'localNetwork', message: `work order ${s.id} is handled in ${network}`, code: 'NOT_THE_WORK_ORDERS_NETWORK' });
    }
    if (errors.length) throw problemOf('INVALID', 'The order cannot be placed for this work order', errors);
    if (!inLocalNetworkScope(principal, localNetwork)) throw forbidden(`not allowed to place orders in local network ${localNetwork}`);
    const { row, created } = await this.orders.placeOrder(principal, toOrderRequest({ ...body, channel: 'call_centre', localNetwork }, principal), {
      // The same key for another work order is another request (422).
      fingerprint: fingerprintOf({ troubleTicket: s.id, ...body }),
      key: headers['idempotency-key'],
      fieldOf,
      // Refused by the rule the work order itself applies (not a service request, closed, an order
      // already running: 409), before the order is judged and stored.
      beforeNew: async () => this.mayPlace(s, principal),
      start: (order, isNew) => this.attach(s.id, order, isNew, principal),
    });
    const location = { location: `/productOrder/${row.id}` };
    return { status: created ? 201 : 200, headers: location, body: presentOrder(row) };
  }

  private async mayPlace(s: WorkOrderSnapshot, principal: Principal): Promise<void> {
    const r = applyEvent(s, { type: 'placeOrder', orderId: 'PO-new' }, actorOf(principal), Math.max(Date.now(), s.updatedAt));
    if (!r.ok) throw problemOf(r.code, r.message);
  }

  /**
   * Hands the stored order to the work order, which starts its fulfilment as its child. A repeat
   * whose order the work order already holds (or that ended) has nothing to do. An order the work
   * order refuses after all (it changed since it was read) is marked rejected with the reason, so
   * no order is left acknowledged without a workflow.
   */
  private async attach(workOrderId: string, row: OrderRow, isNew: boolean, principal: Principal): Promise<void> {
    if ((FINAL_ORDER_STATES as readonly string[]).includes(row.state)) return;
    if (!isNew) {
      const { s } = await this.desk.load(workOrderId, principal);
      if (s.placedOrder?.id === row.id) return;
    }
    const handle = this.deps.client.workflow.getHandle(workOrderWorkflowId(workOrderId));
    try {
      await mapUpdateErrors(`work order ${workOrderId}`, handle, () =>
        handle.executeUpdate(placeOrderUpdate, {
          args: [
            {
              orderId: row.id,
              localNetwork: row.local_network,
              summary: `Order ${row.id} — customer ${row.customer_id}, ${row.local_network}, ${row.service_lines.join('+')} (work order ${workOrderId})`,
              actor: actorOf(principal),
            },
          ],
        }),
      );
    } catch (err) {
      if (err instanceof ProblemError && err.status >= 400 && err.status < 500) {
        await recordOrderProgress(this.deps.orm.em.fork(), {
          orderId: row.id,
          state: 'rejected',
          stateReason: `work order ${workOrderId} did not take it: ${err.detail ?? err.title}`,
          customerId: row.customer_id,
          localNetwork: row.local_network,
          items: [],
          seq: 1,
        });
      }
      throw err;
    }
  }
}

/** Registers POST /troubleTicket/{id}/productOrder over the order routes' handlers. */
export function registerServiceRequestOrderRoutes(routes: ApiRoutes, deps: OrderDeps, orders: OrderHandlers): void {
  const h = new ServiceRequestOrderHandlers(deps, orders);
  routes.add({
    method: 'post',
    path: '/troubleTicket/:id/productOrder',
    summary: 'Turn a service request into a product order for its customer: the work order follows the order and closes when it completes',
    description:
      "The body is an ordinary order request (as POST /productOrder, taken over the call_centre channel) for the work order's customer in its handling local network; " +
      "it is judged, priced and stored once per Idempotency-Key exactly as POST /productOrder does, and its fulfilment runs as the work order's child workflow. " +
      "The work order records the order (relatedOrderId, placedOrder), hands its departments' assignments over to it, and closes when the order completes; " +
      'a partial, failed, cancelled or rejected order sends it back to the call centre (phase returned) with the reason, which may place another order, dispatch it or cancel it. ' +
      '409 when the work order is not a service request, is not open (or not yet dispatched), or already follows an order.',
    tags: ['work orders'],
    roles: ['call-centre'],
    params: TroubleTicketIdParams,
    headers: IdempotencyHeaders,
    body: ServiceRequestOrderInput,
    responses: {
      201: { description: 'order accepted; its fulfilment started by the work order', schema: ProductOrder },
      200: { description: 'the same order, for a repeated request', schema: ProductOrder },
      404: { description: 'no such work order' },
      409: { description: 'the work order cannot become an order now' },
      422: { description: 'the Idempotency-Key was used for a different request' },
    },
    handler: (ctx) => h.place(ctx),
  });
}
