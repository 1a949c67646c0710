// Dunning (催缴 → 欠费停机 → 缴费复机), contracts/dunning.ts:
//
//   dunningRun (daily, per local network, started by its schedule):
//       for each account in arrears of the network, a page at a time:
//           judge it (domain/dunning.ts) → reminder | open a dunning case | wait
//       every `PAGES_PER_RUN` pages: continue as new with the counts and the cursor
//
//   dunningCase (per account):
//       suspension order (child orderFulfilment) → suspended
//       → wait for the payment (signal, or billing's standing every caseCheckSeconds)
//       → resumption order (child orderFulfilment) → resumed
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  DUNNING_CASE,
  caseIdOf,
  dunningCaseWorkflowId,
  getDunningCaseQuery,
  paymentReceivedSignal,
  type DunningActivities,
  type DunningCaseInput,
  type DunningCaseState,
  type DunningCaseView,
  type DunningOrderKind,
  type DunningRunCounts,
  type DunningRunInput,
  type DunningRunResult,
} from '../contracts/dunning.js';
import { ORDER_FULFILMENT, orderWorkflowId, type OrderFulfilmentWorkflow } from '../contracts/order-fulfilment.js';
import { CustomerIdKey, LocalNetworkKey, OrderIdKey, OrderStateKey } from '../contracts/search-attributes.js';
import { calendarFor, localDateOf } from '../domain/calendar.js';
import { dunningStep, isSettled } from '../domain/dunning.js';

/** Billing and the read model: retried until they answer (a reminder or an order is never skipped for an outage). */
const RETRY_UNTIL_DONE = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
const billing = proxyActivities<DunningActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });
const notification = proxyActivities<DunningActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });
const orderDesk = proxyActivities<DunningActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });
const readModel = proxyActivities<DunningActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });

/** Pages of candidates one run takes before it continues as new: its history stays small however many accounts owe. */
const PAGES_PER_RUN = 20;

export async function dunningRun(input: DunningRunInput): Promise<DunningRunResult> {
  const { localNetwork, caseCheckSeconds, holidays } = input;
  const cal = calendarFor(localNetwork, holidays);
  // A run continued as new judges the same day as its first.
  const today = input.carry?.today ?? localDateOf(Date.now(), cal);
  const counts: DunningRunCounts = input.carry?.counts ?? { examined: 0, reminded: 0, suspended: 0, waiting: 0 };
  let after = input.carry?.after;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const { candidates, rules, next } = await billing.findDunningCandidates({ localNetwork, today, ...(after ? { after } : {}) });
    for (const c of candidates) {
      counts.examined++;
      const step = dunningStep(c.standing, c.terms, c.record, today, rules, cal);
      if (step.kind === 'remind') {
        await notification.sendDunningReminder({ accountId: c.accountId, customerId: c.customerId, localNetwork, today, ...step });
        counts.reminded++;
      } else if (step.kind === 'suspend') {
        const opened = await openCase({
          accountId: c.accountId,
          customerId: c.customerId,
          localNetwork,
          reason: step.reason,
          billIds: step.billIds,
          owedCents: step.owedCents,
          openedOn: today,
          caseCheckSeconds,
          rules,
          ...(holidays ? { holidays } : {}),
        });
        if (opened) counts.suspended++;
        else counts.waiting++;
      } else counts.waiting++;
    }
    if (!next) return { localNetwork, today, ...counts };
    after = next;
  }
  return continueAsNew<typeof dunningRun>({ localNetwork, caseCheckSeconds, ...(holidays ? { holidays } : {}), carry: { today, after: after!, counts } });
}

/** Starts the account's dunning case; false when one is running already (the record was behind). */
async function openCase(input: DunningCaseInput): Promise<boolean> {
  try {
    await startChild<typeof dunningCase>(DUNNING_CASE, {
      workflowId: dunningCaseWorkflowId(input.accountId),
      args: [input],
      // The case outlives the day's run: it waits for the customer's payment.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      // A later case of the same account, after the last one ended.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: CustomerIdKey, value: input.customerId },
        { key: LocalNetworkKey, value: input.localNetwork },
      ],
      staticSummary: `Dunning of account ${input.accountId} (customer ${input.customerId}, ${input.localNetwork}): ${input.reason}, ${(input.owedCents / 100).toFixed(2)} CNY`,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

export async function dunningCase(input: DunningCaseInput): Promise<DunningCaseView> {
  const cal = calendarFor(input.localNetwork, input.holidays);
  const view: DunningCaseView = { ...input, caseId: caseIdOf(input.accountId, input.openedOn), state: 'suspending', subscriptionIds: [], seq: 0 };
  let paid = false;
  setHandler(getDunningCaseQuery, () => view);
  setHandler(paymentReceivedSignal, () => {
    paid = true;
  });
  const record = async (state: DunningCaseState, stateReason?: string) => {
    view.state = state;
    if (stateReason) view.stateReason = stateReason;
    view.seq++;
    await readModel.recordDunningCase({ ...view });
  };
  await record('suspending');

  const suspension = await runOrder(view, 'suspension');
  if (!suspension.ok) {
    await record('failed', suspension.reason);
    return view;
  }
  await record('suspended');

  // Until billing says the arrears are paid: a payment's signal asks at once, otherwise every caseCheckSeconds.
  for (;;) {
    await condition(() => paid, `${input.caseCheckSeconds} seconds`);
    paid = false;
    const standing = await billing.dunningStanding({ accountId: input.accountId, today: localDateOf(Date.now(), cal) });
    if (isSettled(standing, input.reason, localDateOf(Date.now(), cal), input.rules, cal)) break;
  }

  await record('resuming');
  const resumption = await runOrder(view, 'resumption');
  await record('resumed', resumption.ok ? undefined : resumption.reason);
  return view;
}

/** Places the case's order and runs it as a child orderFulfilment to its end. */
async function runOrder(view: DunningCaseView, kind: DunningOrderKind): Promise<{ ok: true } | { ok: false; reason: string }> {
  const placed = await orderDesk.placeDunningOrder({
    caseId: view.caseId,
    kind,
    accountId: view.accountId,
    customerId: view.customerId,
    localNetwork: view.localNetwork,
    ...(kind === 'resumption' ? { subscriptionIds: view.subscriptionIds } : {}),
  });
  if ('nothingToDo' in placed) return kind === 'resumption' ? { ok: true } : { ok: false, reason: placed.nothingToDo };
  if (kind === 'suspension') {
    view.suspensionOrderId = placed.orderId;
    view.subscriptionIds = placed.subscriptionIds;
  } else view.resumptionOrderId = placed.orderId;
  const { orderId } = placed;
  try {
    const child = await startChild<OrderFulfilmentWorkflow>(ORDER_FULFILMENT, {
      workflowId: orderWorkflowId(orderId),
      args: [{ orderId }],
      // An order runs to its end whatever happens to the case.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: OrderIdKey, value: orderId },
        { key: OrderStateKey, value: 'acknowledged' },
        { key: CustomerIdKey, value: placed.customerId },
        { key: LocalNetworkKey, value: placed.localNetwork },
      ],
      staticSummary: `Order ${orderId} — ${kind} of account ${view.accountId} for dunning (${workflowInfo().workflowId})`,
    });
    const result = await child.result();
    // partial: some subscriptions changed, which is what the case follows.
    return result.state === 'completed' || result.state === 'partial'
      ? { ok: true }
      : { ok: false, reason: `order ${orderId} ${result.state}: ${result.stateReason ?? ''}`.trim() };
  } catch (err) {
    // A retry of this task after the child started: follow the order already running.
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { ok: false, reason: `order ${orderId} was started already` };
    throw err;
  }
}
