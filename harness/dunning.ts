// Dunning in tests and in the corpus recorder: a network's schedule created as the worker creates it,
// its action run on demand (as ops do from the Temporal UI), a dunning case followed to a state, and
// the billing simulator's own calls (the billing run's bills, prepaid usage) made directly.
import type { Client } from '@temporalio/client';
import { dunningCaseWorkflowId, dunningScheduleId, getDunningCaseQuery, type DunningCaseView, type DunningRunResult } from '../contracts/dunning.js';
import type { LocalNetworkId } from '../domain/local-networks.js';
import { ensureDunningSchedules } from '../platform/dunning-schedules.js';
import { findCustomer, freshMobile, orderBody, placeOrder, settledOrder, simRecords } from './fixtures.js';
import type { TestSystem } from './system.js';

/** Individuals (one account) of a network whose seeded subscriptions are all active and match `cond` (SQL on `s`). */
export const customersWhoseLines = (cond: string, network?: LocalNetworkId) =>
  `c.kind = 'individual'${network ? ` and c.home_local_network = '${network}'` : ''} and not exists (select 1 from subscription s where s.customer_id = c.id and not (s.status = 'active' and ${cond}))`;
/** Postpaid lines only (value-added services aside). */
export const POSTPAID_LINES = "s.service_line not in ('gsm_prepaid', 'value_added')";
export const PREPAID_CARDS = "s.service_line = 'gsm_prepaid'";

/** A customer found by `where` with a new mobile line of this system's making: the line's subscription and account. */
export async function customerWithNewLine(sys: TestSystem, where: string, offset: number, offering: string) {
  const customer = await findCustomer(sys, where, offset);
  const placed = await placeOrder(sys, orderBody(customer, [{ offering, characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]));
  if (placed.status !== 201) throw new Error(`order not accepted: ${placed.status} ${JSON.stringify(placed.body)}`);
  const order = await settledOrder(sys, placed.body.id);
  if (order.state !== 'completed') throw new Error(`order ${placed.body.id} ${order.state}: ${order.stateReason}`);
  const subscriptionId = order.productOrderItem[0].product.id as string;
  const accountId = (await simRecords(sys)).billing.views.subscriptions![subscriptionId]!.accountId;
  return { customer, subscriptionId, accountId };
}

/** The network's schedule as the worker makes it, its cases checking billing every second unless told otherwise. */
export function dunningSchedule(sys: TestSystem, network: LocalNetworkId, caseCheckSeconds = 1): Promise<void> {
  return ensureDunningSchedules(sys.client, { taskQueue: sys.config.TEMPORAL_TASK_QUEUE, localTime: '09:00', caseCheckSeconds }, [network]);
}

/** Runs the schedule's action now and waits for that run's result. */
export async function triggerDunningRun(client: Client, network: LocalNetworkId): Promise<{ workflowId: string; runId: string; result: DunningRunResult }> {
  const handle = client.schedule.getHandle(dunningScheduleId(network));
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  for (let i = 0; i < 300; i++) {
    const actions = (await handle.describe()).info.recentActions;
    if (actions.length > before) {
      const { workflowId, firstExecutionRunId: runId } = actions.at(-1)!.action.workflow;
      return { workflowId, runId, result: await client.workflow.getHandle(workflowId, runId).result() };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the triggered run of ${dunningScheduleId(network)} did not start`);
}

/** Waits for the account's dunning case to reach a state; says where it stood otherwise. */
export async function dunningCaseReaches(client: Client, accountId: string, state: DunningCaseView['state']): Promise<DunningCaseView> {
  const handle = client.workflow.getHandle(dunningCaseWorkflowId(accountId));
  let view: DunningCaseView | undefined;
  for (let i = 0; i < 300; i++) {
    view = await handle.query(getDunningCaseQuery).catch(() => undefined);
    if (view?.state === state) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dunning case of ${accountId} did not reach ${state}: ${JSON.stringify(view)}`);
}

let calls = 0;
/** A call of the billing simulator's own (a bill of the billing run, prepaid usage, a top-up), with a key of its own. */
export async function billingCall(sys: TestSystem, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sys.sims.urls.billing}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `harness-${process.pid}-${Date.now()}-${++calls}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`billing ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
