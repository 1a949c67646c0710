// The contract of the enterprise batch order workflow (集团客户批量开通): an enterprise customer's
// order of up to 1,000 lines (e.g. 500 mobile lines for a company), each line one ordinary order
// fulfilled by its own orderFulfilment workflow `order-<orderId>`, run as a child of the batch in
// bounded concurrency. The batch continues as new every `linesPerRun` lines, carrying only its
// counts and cursor, so no history of the batch grows with the number of lines; the per-line
// results live in the read model (batch_order_line), written by the workflow's bookkeeping.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

// ---- Identity ------------------------------------------------------------------------------------

/** The workflow type, as registered by the worker and started by the API. */
export const BATCH_ORDER = 'batchOrder';
const PREFIX = 'batch-';
/** `batch-<batchId>`: what an operator types into the Temporal UI (every run of the batch has it). */
export const batchWorkflowId = (batchId: string) => `${PREFIX}${batchId}`;
/** The batch id of a batch workflow's id, or undefined for any other workflow. */
export const batchIdOfWorkflowId = (workflowId: string) => (workflowId.startsWith(PREFIX) ? workflowId.slice(PREFIX.length) : undefined);

/** At most this many lines in one batch. */
export const MAX_BATCH_LINES = 1000;

/** How a batch runs: lines at a time, and lines per workflow run before it continues as new. */
export interface BatchSettings {
  /** Lines whose orders run at once (the batch starts the next line as one finishes). */
  concurrency: number;
  /** Lines started per run; then the run drains its lines and continues as new with its counts. */
  linesPerRun: number;
}
export const DEFAULT_BATCH_SETTINGS: BatchSettings = { concurrency: 50, linesPerRun: 250 };
export const BATCH_SETTING_BOUNDS = { concurrency: { min: 1, max: 100 }, linesPerRun: { min: 5, max: 500 } } as const;

// ---- States --------------------------------------------------------------------------------------

/**
 * A line: pending (not started), inProgress (its order placed and running), completed (its order
 * completed), failed (its order ended otherwise — rejected, failed, partial — or it could not be
 * placed, with the reason), cancelled (never started because the remainder was cancelled, or its
 * order cancelled in flight).
 */
export const BATCH_LINE_STATES = ['pending', 'inProgress', 'completed', 'failed', 'cancelled'] as const;
export type BatchLineState = (typeof BATCH_LINE_STATES)[number];

/** completed: every line completed; partial: some did; failed: none did; cancelled: the remainder was cancelled. */
export const FINAL_BATCH_STATES = ['completed', 'partial', 'failed', 'cancelled'] as const;
export type FinalBatchState = (typeof FINAL_BATCH_STATES)[number];
export type BatchState = 'acknowledged' | 'inProgress' | 'cancelling' | FinalBatchState;

export interface BatchCounts {
  total: number;
  pending: number;
  inProgress: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** The largest history of the batch's runs so far, as the workflow saw it (events; bytes). */
export interface HistorySize {
  events: number;
  bytes: number;
}

export interface BatchView {
  batchId: string;
  state: BatchState;
  stateReason?: string;
  counts: BatchCounts;
  /** 1 for the first run, +1 each continue-as-new. */
  run: number;
  /** Lines 0 … nextLine-1 have been started (or cancelled before start). */
  nextLine: number;
  largestHistory: HistorySize;
  /** Monotonic over all runs: the read model ignores older writes. */
  seq: number;
}

/** What one run hands to the next (continue-as-new): the counts and cursor, never the per-line results. */
export interface BatchCarry {
  nextLine: number;
  counts: BatchCounts;
  run: number;
  seq: number;
  largestHistory: HistorySize;
}

export interface BatchOrderInput {
  batchId: string;
  total: number;
  settings: BatchSettings;
  /** Absent on the first run. */
  carry?: BatchCarry;
}

export type BatchOrderWorkflow = (input: BatchOrderInput) => Promise<BatchView>;

/** One line's outcome as the read model keeps it. */
export interface BatchLineOutcome {
  lineNo: number;
  state: BatchLineState;
  orderId?: string;
  /** The order's own final state (completed, rejected, failed, partial, cancelled). */
  orderState?: string;
  reason?: string;
}

export interface CancelRemainderRequest {
  reason: string;
  /** Who asked (the API's principal): for the audit trail. */
  requestedBy?: string;
  requestedByRole?: string;
}

// ---- Messages ------------------------------------------------------------------------------------

export const getBatchProgressQuery = defineQuery<BatchView>('getBatchProgress');
/**
 * Lines not started are never started (counted cancelled); the orders of running lines are asked
 * to cancel (their sagas undo what they did; an order already delivered completes). Accepted while
 * the batch runs and is not already cancelling; answers once the running orders were asked.
 */
export const cancelRemainderUpdate = defineUpdate<BatchView, [CancelRemainderRequest]>('cancelRemainder');

// ---- Activities ----------------------------------------------------------------------------------

/** A line placed as an order (or refused before it could be: e.g. an agent's daily limit). */
export type OpenedLine =
  { orderId: string; customerId: string; localNetwork: string; serviceLines: string[] } | { refused: { code: string; message: string }; orderId?: string };

export interface BatchProgress {
  view: BatchView;
  /** Lines whose state changed since the last record. */
  lines: BatchLineOutcome[];
  /** Set once: every line still pending is cancelled with this reason. */
  cancelPending?: string;
  /** Orders placed for a line but never started (the remainder was cancelled meanwhile): cancelled in the read model. */
  unstartedOrders?: string[];
}

export interface CancelLineOrdersCall {
  batchId: string;
  orderIds: string[];
  reason: string;
  requestedBy?: string;
  requestedByRole?: string;
}

export interface BatchActivities {
  /**
   * Places line `lineNo` as an order: inserts its order row once (the order id was fixed when the
   * batch was taken; the idempotency key is `batch:<batchId>:<lineNo>`), marks the line
   * inProgress. A retry finds the same order.
   */
  openBatchLine(call: { batchId: string; lineNo: number }): Promise<OpenedLine>;
  /** The read model's bookkeeping (a local activity); answers with the seq it holds. */
  recordBatchProgress(progress: BatchProgress): Promise<{ seq: number }>;
  /** Asks each order to cancel (its cancelOrder update, accepted stage); orders past cancelling are left to finish. */
  cancelLineOrders(call: CancelLineOrdersCall): Promise<{ accepted: number; tooLate: number }>;
}
