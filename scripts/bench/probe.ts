// Where a create-order request's time goes, unloaded: the steps POST /productOrder takes, one order at
// a time, called from here with the project's own functions (the same the route calls), each timed.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import { createHttpAdapters } from '../../adapters/index.js';
import { assessOrder } from '../../services/order-assessment.js';
import type { Orm } from '../../db/orm.js';
import { findOrderByKeys, insertOrderOnce } from '../../db/orders.js';
import { ReferenceData } from '../../db/reference.js';
import type { OrderRequest } from '../../domain/order.js';
import { CustomerIdKey, LocalNetworkKey, OrderIdKey, OrderStateKey } from '../../contracts/search-attributes.js';
import { summarize, type Summary } from './stats.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';

export type StepTimes = Record<string, Summary>;

/** Mirrors api/routes/orders.ts toOrderRequest for an order-entry caller. */
function toRequest(body: Record<string, unknown>): OrderRequest {
  const b = body as {
    channel: string;
    localNetwork: string;
    relatedParty: Array<{ id: string }>;
    depositPaidCents?: number;
    productOrderItem: OrderRequest['productOrderItem'];
  };
  return {
    customerId: b.relatedParty[0]!.id,
    localNetwork: b.localNetwork as OrderRequest['localNetwork'],
    channel: b.channel as OrderRequest['channel'],
    depositPaidCents: b.depositPaidCents,
    productOrderItem: b.productOrderItem,
  } as OrderRequest;
}

export async function probeCreateOrderSteps(
  orm: Orm,
  client: Client,
  simUrls: Record<'billing' | 'inventory' | 'network' | 'notification', string>,
  bodies: Array<Record<string, unknown>>,
): Promise<StepTimes> {
  const reference = new ReferenceData(() => orm.em.fork());
  await reference.get();
  const adapters = createHttpAdapters(simUrls, { timeoutMs: 5000 });
  const t: Record<string, number[]> = {
    findOrderByKeys: [],
    'billing.getBalance': [],
    assessOrder: [],
    insertOrderOnce: [],
    'workflow.start': [],
    'all steps': [],
  };
  const time = async <T>(k: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    t[k]!.push(performance.now() - s);
    return r;
  };
  for (const [i, body] of bodies.entries()) {
    const request = toRequest(body);
    const started = performance.now();
    const key = `bench-probe:${randomUUID()}`;
    await time('findOrderByKeys', () => findOrderByKeys(orm.em.fork(), key, undefined));
    const a = await time('assessOrder', () => assessOrder(orm.em.fork(), reference, adapters, request, { at: new Date() }));
    const inserted = await time('insertOrderOnce', () =>
      insertOrderOnce(orm.em.fork(), {
        id: `PO-${randomUUID()}`,
        idempotencyKey: key,
        externalOwner: 'sub:bench-probe',
        requestHash: key,
        customerId: request.customerId,
        localNetwork: request.localNetwork,
        channel: request.channel,
        serviceLines: [...new Set(request.productOrderItem.map((it) => a.reference.offerings.get(it.productOffering.id)?.serviceLine ?? 'value_added'))],
        items: [],
        quote: { totalOneOffCents: a.quote.totalOneOffCents, totalRecurringCents: a.quote.totalRecurringCents, currency: a.quote.currency },
        request,
        createdBy: 'bench-probe',
      }),
    );
    if (!('row' in inserted)) throw new Error('the probe has no agent, so no daily limit applies');
    const { row } = inserted;
    // Same options as the route, on a task queue nobody polls (so nothing runs it).
    await time('workflow.start', () =>
      client.workflow.start('orderFulfilment', {
        workflowId: orderWorkflowId(String(row.id)),
        taskQueue: 'bench-probe-unpolled',
        args: [{ orderId: String(row.id) }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        typedSearchAttributes: [
          { key: OrderIdKey, value: String(row.id) },
          { key: OrderStateKey, value: 'acknowledged' },
          { key: CustomerIdKey, value: request.customerId },
          { key: LocalNetworkKey, value: request.localNetwork },
        ],
        staticSummary: `Order ${String(row.id)} — benchmark probe`,
      }),
    );
    t['all steps']!.push(performance.now() - started);
    // The balance call alone (assessOrder makes it in parallel with the account lookup).
    await time('billing.getBalance', () => adapters.billing.getBalance(request.customerId));
    if (i === 0) for (const k of Object.keys(t)) t[k] = []; // the first round warms connections
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v)]));
}
