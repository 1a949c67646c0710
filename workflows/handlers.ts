// What every workflow does before it completes.
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';

/**
 * Lets the update handlers still running finish first, then answers `result`. A workflow that
 * completes while a handler is running (a department's receipt still recording when the order's
 * installation ends, a cancellation answering with the final order) gives Temporal the handler's
 * answer after the completion, which it refuses: the task fails and is retried, and the caller may
 * get an error instead of its answer. Patched: runs started before complete as they did; `taken` when
 * the run has a later patch that stands for this one (the order's LOCAL_VALIDATION).
 */
export async function whenHandlersFinished<T>(result: T, taken = false): Promise<T> {
  if (taken || patched('wait-for-handlers')) await condition(allHandlersFinished);
  return result;
}
