// Activities of the enterprise batch order: placing a line as an ordinary order (the same order row
// POST /productOrder writes, so the order is seen, listed, judged and fulfilled like any other), the
// batch's bookkeeping, and asking the orders of running lines to cancel.
import { createHash } from 'node:crypto';
import { Context, sleep } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { refusal } from '../contracts/failures.js';
import type { BatchActivities, BatchProgress, CancelLineOrdersCall, OpenedLine } from '../contracts/batch-order.js';
import { cancelOrderUpdate, orderWorkflowId } from '../contracts/order-fulfilment.js';
import { chinaBusinessDay } from '../domain/instant.js';
import type { OrderChannel, OrderRequest } from '../domain/order.js';
import { findBatchLine, markLineOpened, recordBatchProgress } from '../db/batch-orders.js';
import { insertOrderOnce } from '../db/orders.js';
import type { ReferenceData } from '../db/reference.js';

export interface BatchActivityDeps {
  em: () => EntityManager;
  reference: ReferenceData;
}

/** How long a cancellation waits for an order whose workflow the batch is starting at that moment. */
const ORDER_START_WAIT_MS = 30_000;

/** The idempotency key of a line's order: one order per line, whatever retries. */
export const lineOrderKey = (batchId: string, lineNo: number) => `batch:${batchId}:${lineNo}`;

export function createBatchOrderActivities({ em, reference }: BatchActivityDeps): BatchActivities {
  return {
    async openBatchLine({ batchId, lineNo }): Promise<OpenedLine> {
      const found = await findBatchLine(em(), batchId, lineNo);
      if (!found) throw refusal('NOT_FOUND', `batch ${batchId} has no line ${lineNo}`);
      const { batch, line } = found;
      const request: OrderRequest = {
        customerId: batch.customer_id,
        localNetwork: batch.local_network as OrderRequest['localNetwork'],
        channel: batch.channel as OrderChannel,
        agentId: batch.agent_id ?? undefined,
        note: `line ${lineNo + 1} of batch ${batchId}${batch.description ? `: ${batch.description}` : ''}`,
        billingAccountId: batch.account_id,
        productOrderItem: line.request.productOrderItem,
      };
      const ref = await reference.get();
      const serviceLines = [
        ...new Set(request.productOrderItem.map((i) => ref.offerings.get(i.productOffering.id)?.serviceLine).filter((s) => s !== undefined)),
      ];
      const contract = request.agentId ? ref.agents.get(request.agentId) : undefined;
      const at = new Date();
      const inserted = await insertOrderOnce(
        em(),
        {
          id: line.order_id,
          externalOwner: batch.created_by,
          idempotencyKey: lineOrderKey(batchId, lineNo),
          requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
          customerId: request.customerId,
          localNetwork: request.localNetwork,
          channel: request.channel,
          agentId: request.agentId,
          serviceLines,
          items: [],
          quote: null,
          request,
          createdBy: batch.created_by,
        },
        // An agent's lines count in its daily limit like its other orders: lines past it are refused.
        contract ? { agentId: contract.agentId, limit: contract.dailyOrderLimit, since: `${chinaBusinessDay(at.getTime())}T00:00:00+08:00` } : undefined,
      );
      if ('limitReached' in inserted) {
        return {
          refused: { code: 'AGENT_DAILY_LIMIT_REACHED', message: `agent ${request.agentId}'s daily order limit (${contract!.dailyOrderLimit}) is reached` },
        };
      }
      await markLineOpened(em(), batchId, lineNo);
      return { orderId: inserted.row.id, customerId: request.customerId, localNetwork: request.localNetwork, serviceLines };
    },

    async recordBatchProgress(progress: BatchProgress) {
      return recordBatchProgress(em(), progress);
    },

    async cancelLineOrders(call: CancelLineOrdersCall) {
      const { client } = Context.current();
      let accepted = 0;
      let tooLate = 0;
      await Promise.all(
        call.orderIds.map(async (orderId) => {
          const handle = client.workflow.getHandle(orderWorkflowId(orderId));
          const until = Date.now() + ORDER_START_WAIT_MS;
          for (;;) {
            try {
              await handle.startUpdate(cancelOrderUpdate, {
                args: [{ reason: call.reason, requestedBy: call.requestedBy, requestedByRole: call.requestedByRole }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              accepted += 1;
              return;
            } catch (err) {
              // Refused: already final, an item delivered, or already being cancelled (a retry of this call).
              if (err instanceof WorkflowUpdateFailedError) {
                tooLate += 1;
                return;
              }
              // Temporal answers NotFound for a finished workflow too: then it is too late; for one that does not exist
              // yet, the batch is starting it right now: wait for it, for a while (its start may have failed:
              // the batch records that line as failed).
              if (err instanceof WorkflowNotFoundError || (err instanceof Error && /workflow execution already completed/i.test(err.message))) {
                const status = await handle.describe().then(
                  (d) => d.status.name,
                  () => undefined,
                );
                if ((status !== undefined && status !== 'RUNNING') || Date.now() >= until) {
                  tooLate += 1;
                  return;
                }
                await sleep(250);
                continue;
              }
              throw err;
            }
          }
        }),
      );
      return { accepted, tooLate };
    },
  };
}
