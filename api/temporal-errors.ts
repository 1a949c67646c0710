// Workflow Update refusals → HTTP: the workflow's validators (and handlers) refuse with an
// ApplicationFailure whose type is a failure kind of domain/failures.ts, mapped by problemOf.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isFailureKind } from '../domain/failures.js';
import { conflict, notFound, problemOf } from './problem.js';

/**
 * Runs a Workflow Update and maps its refusals. Temporal answers NotFound for an update to a
 * workflow that has finished; when the workflow exists that means it is too late: 409.
 */
export async function mapUpdateErrors<T>(
  what: string,
  handle: { describe(): Promise<{ status: { name: string } }> },
  call: () => Promise<T>,
  finishedAs?: () => Promise<string | undefined>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err instanceof Error && /workflow execution already completed/i.test(err.message))) {
      const status = await handle.describe().then(
        (d) => d.status.name,
        () => undefined,
      );
      if (status === undefined) throw notFound(`${what} not found`);
      if (status !== 'RUNNING') throw conflict(`${what} is already ${(await finishedAs?.()) ?? 'finished'}`);
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && isFailureKind(cause.type)) throw problemOf(cause.type, cause.message);
    }
    throw err;
  }
}
