// Enterprise batch order (集团客户批量开通), one workflow per batch, `batch-<batchId>`:
//
//   for each line, at most `concurrency` at a time:
//       place the line's order (its row, once) → run it as a child orderFulfilment `order-<orderId>`
//       → record the line's outcome (completed / failed with the reason / cancelled)
//   every `linesPerRun` lines: let the run's lines finish, then continue as new with the counts
//   → completed, partial, failed or cancelled
//
// The per-line results go to the read model (batch_order_line) as they happen; a run carries only
// its counts and its cursor into the next, so each run's history holds at most `linesPerRun` lines'
// events. A line is taken once: the cursor only moves forward, a run ends only when all of its
// lines have finished, and each line's order id and workflow id are fixed (REJECT_DUPLICATE).
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { refusal } from '../contracts/failures.js';
import {
  cancelRemainderUpdate,
  getBatchProgressQuery,
  type BatchActivities,
  type BatchCounts,
  type BatchLineOutcome,
  type BatchOrderInput,
  type BatchOrderWorkflow,
  type BatchView,
  type CancelRemainderRequest,
  type FinalBatchState,
} from '../contracts/batch-order.js';
import { ORDER_FULFILMENT, orderWorkflowId, type OrderFulfilmentWorkflow, type OrderView } from '../contracts/order-fulfilment.js';
import { CustomerIdKey, LocalNetworkKey, OrderIdKey, OrderStateKey } from '../contracts/search-attributes.js';

/** What must eventually happen (the read model, the cancellation of running orders) is retried without limit. */
const RETRY_UNTIL_DONE = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' };
/** Placing a line and the bookkeeping: the worker's own database writes, in the workflow task (no activity task each). */
const readModel = proxyLocalActivities<BatchActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });
/** Asking the running orders to cancel: calls to Temporal, through the task queue. */
const orderCalls = proxyActivities<BatchActivities>({ startToCloseTimeout: '2 minutes', retry: RETRY_UNTIL_DONE });

export async function batchOrder(input: BatchOrderInput): Promise<BatchView> {
  return new BatchRun(input).run();
}
batchOrder satisfies BatchOrderWorkflow;

type Counted = Exclude<keyof BatchCounts, 'total' | 'pending' | 'inProgress'>;

class BatchRun {
  private readonly view: BatchView;
  private cancelRequest?: CancelRemainderRequest;
  /** Lines running now in this run (taken, not yet settled). */
  private inFlight = 0;
  /** Orders of the lines running now, by line: whom a cancellation asks. */
  private readonly running = new Map<number, string>();
  /** What the next record carries. */
  private dirty = false;
  private changedLines: BatchLineOutcome[] = [];
  private unstartedOrders: string[] = [];
  private cancelPending?: string;
  private stopRecording = false;

  constructor(private readonly input: BatchOrderInput) {
    const { carry, total, batchId } = input;
    this.view = {
      batchId,
      state: 'inProgress',
      counts: carry?.counts ?? { total, pending: total, inProgress: 0, completed: 0, failed: 0, cancelled: 0 },
      run: carry?.run ?? 1,
      nextLine: carry?.nextLine ?? 0,
      largestHistory: carry?.largestHistory ?? { events: 0, bytes: 0 },
      seq: carry?.seq ?? 0,
    };
    setHandler(getBatchProgressQuery, () => this.view);
    setHandler(cancelRemainderUpdate, (req) => this.cancelRemainder(req), { validator: (req) => this.admitCancel(req) });
  }

  async run(): Promise<BatchView> {
    const { total, settings } = this.input;
    const { view } = this;
    let recorder = this.recordLoop();
    this.changed();
    for (;;) {
      // Start lines while there is room, up to this run's share.
      const lines: Array<Promise<void>> = [];
      let startedThisRun = 0;
      while (view.nextLine < total && this.cancelRequest === undefined && startedThisRun < settings.linesPerRun) {
        await condition(() => this.inFlight < settings.concurrency || this.cancelRequest !== undefined);
        if (this.cancelRequest !== undefined) break;
        const lineNo = view.nextLine++;
        startedThisRun += 1;
        this.inFlight += 1;
        view.counts.pending -= 1;
        view.counts.inProgress += 1;
        lines.push(this.runLine(lineNo));
      }
      // A run ends only when every line it started has finished: nothing is left running across runs.
      await Promise.all(lines);
      if (this.cancelRequest !== undefined && view.nextLine < total) {
        // The remainder: never started.
        this.cancelPending = `the batch's remainder was cancelled: ${this.cancelRequest.reason}`;
        view.counts.cancelled += view.counts.pending;
        view.counts.pending = 0;
        view.nextLine = total;
        this.changed();
      }
      if (view.nextLine >= total) break;
      // Continue as new: the counts and the cursor go on; this run's history stays behind.
      this.noteHistorySize();
      this.changed();
      await this.finishRecording(recorder);
      await condition(allHandlersFinished);
      if (this.cancelRequest !== undefined) {
        // Cancelled while the run was closing: the remainder is cancelled by the next pass.
        recorder = this.recordLoop();
        continue;
      }
      log.info('batch continues as new', { batchId: view.batchId, run: view.run, nextLine: view.nextLine });
      return continueAsNew<BatchOrderWorkflow>({
        ...this.input,
        carry: { nextLine: view.nextLine, counts: view.counts, run: view.run + 1, seq: view.seq, largestHistory: view.largestHistory },
      });
    }
    view.state = this.finalState();
    view.stateReason = this.finalReason(view.state);
    this.noteHistorySize();
    this.changed();
    await this.finishRecording(recorder);
    await condition(allHandlersFinished);
    log.info('batch finished', { batchId: view.batchId, state: view.state, counts: view.counts });
    return view;
  }

  // ---- one line ----

  private async runLine(lineNo: number): Promise<void> {
    const { batchId } = this.input;
    try {
      let opened: Awaited<ReturnType<typeof readModel.openBatchLine>>;
      try {
        opened = await readModel.openBatchLine({ batchId, lineNo });
      } catch (err) {
        // Not retried: a refusal (its line missing from the read model). The line fails; the batch goes on.
        return this.settle({ lineNo, state: 'failed', reason: messageOf(err) });
      }
      if ('refused' in opened) {
        return this.settle({ lineNo, state: 'failed', orderId: opened.orderId, reason: `${opened.refused.code}: ${opened.refused.message}` });
      }
      const { orderId } = opened;
      if (this.cancelRequest !== undefined) {
        // Placed, but the remainder was cancelled before its workflow started: it never starts.
        this.unstartedOrders.push(orderId);
        return this.settle({
          lineNo,
          state: 'cancelled',
          orderId,
          orderState: 'cancelled',
          reason: `the batch's remainder was cancelled: ${this.cancelRequest.reason}`,
        });
      }
      // Known as running from here: a cancellation now asks this order too (it waits for its start).
      this.running.set(lineNo, orderId);
      let result: OrderView;
      try {
        const child = await startChild<OrderFulfilmentWorkflow>(ORDER_FULFILMENT, {
          workflowId: orderWorkflowId(orderId),
          args: [{ orderId }],
          // An order is the customer's: it runs to its end whatever happens to the batch.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // Never a second run of a line's order.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: OrderIdKey, value: orderId },
            { key: OrderStateKey, value: 'acknowledged' },
            { key: CustomerIdKey, value: opened.customerId },
            { key: LocalNetworkKey, value: opened.localNetwork },
          ],
          staticSummary: `Order ${orderId} — line ${lineNo + 1} of batch ${batchId}, customer ${opened.customerId}, ${opened.localNetwork}, ${opened.serviceLines.join('+')}`,
        });
        result = await child.result();
      } catch (err) {
        return this.settle({ lineNo, state: 'failed', orderId, reason: messageOf(err) });
      }
      const state = result.state === 'completed' ? 'completed' : result.state === 'cancelled' ? 'cancelled' : 'failed';
      this.settle({ lineNo, state, orderId, orderState: result.state, reason: result.stateReason });
    } finally {
      this.running.delete(lineNo);
      this.inFlight -= 1;
    }
  }

  private settle(outcome: BatchLineOutcome & { state: Counted }): void {
    const { counts } = this.view;
    counts.inProgress -= 1;
    counts[outcome.state] += 1;
    this.changedLines.push(outcome);
    this.changed();
  }

  // ---- cancelling the remainder ----

  private admitCancel(req: CancelRemainderRequest): void {
    if (typeof req?.reason !== 'string' || !req.reason.trim()) throw refusal('INVALID', 'a cancellation needs a reason');
    if (this.cancelRequest !== undefined) throw refusal('WRONG_STATE', "the batch's remainder is already being cancelled");
    if (this.view.state !== 'inProgress') throw refusal('WRONG_STATE', `the batch is ${this.view.state}`);
  }

  private async cancelRemainder(req: CancelRemainderRequest): Promise<BatchView> {
    const reason = req.reason.trim();
    this.cancelRequest = { ...req, reason };
    this.view.state = 'cancelling';
    this.view.stateReason = `cancelled: ${reason}`;
    this.changed();
    const orderIds = [...this.running.values()];
    if (orderIds.length) {
      await orderCalls.cancelLineOrders({
        batchId: this.input.batchId,
        orderIds,
        reason: `batch ${this.input.batchId} cancelled: ${reason}`,
        requestedBy: req.requestedBy,
        requestedByRole: req.requestedByRole,
      });
    }
    return this.view;
  }

  // ---- outcome ----

  private finalState(): FinalBatchState {
    const { counts } = this.view;
    if (this.cancelRequest !== undefined) return 'cancelled';
    if (counts.completed === counts.total) return 'completed';
    return counts.completed === 0 ? 'failed' : 'partial';
  }

  private finalReason(state: FinalBatchState): string | undefined {
    const { completed, failed, cancelled, total } = this.view.counts;
    if (state === 'completed') return undefined;
    const tally = `${completed} of ${total} lines completed, ${failed} failed, ${cancelled} cancelled`;
    return state === 'cancelled' ? `cancelled: ${this.cancelRequest!.reason} (${tally})` : tally;
  }

  /** The largest history of the batch's runs, as far as this run has seen (the figure ops and the benchmark watch). */
  private noteHistorySize(): void {
    const info = workflowInfo();
    const largest = this.view.largestHistory;
    largest.events = Math.max(largest.events, info.historyLength);
    largest.bytes = Math.max(largest.bytes, info.historySize);
  }

  // ---- the read model ----

  private changed(): void {
    this.dirty = true;
  }

  /**
   * One record at a time, each carrying every change since the last: lines that finish in the same
   * workflow task share one local activity, so the bookkeeping does not grow the history per line
   * more than it must.
   */
  private async recordLoop(): Promise<void> {
    this.stopRecording = false;
    for (;;) {
      await condition(() => this.dirty || this.stopRecording);
      if (!this.dirty) return;
      this.dirty = false;
      const lines = this.changedLines;
      const unstartedOrders = this.unstartedOrders;
      const cancelPending = this.cancelPending;
      this.changedLines = [];
      this.unstartedOrders = [];
      this.cancelPending = undefined;
      this.view.seq += 1;
      await readModel.recordBatchProgress({
        view: { ...this.view, counts: { ...this.view.counts }, largestHistory: { ...this.view.largestHistory } },
        lines,
        ...(cancelPending ? { cancelPending } : {}),
        ...(unstartedOrders.length ? { unstartedOrders } : {}),
      });
    }
  }

  private async finishRecording(recorder: Promise<void>): Promise<void> {
    this.stopRecording = true;
    await recorder;
  }
}

function messageOf(err: unknown): string {
  let cause: unknown = err;
  while ((cause as { cause?: unknown })?.cause) cause = (cause as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : String(cause);
}
