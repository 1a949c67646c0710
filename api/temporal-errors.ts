// Workflow Update refusals → HTTP: the workflow's validators throw ApplicationFailures whose type
// says what went wrong (WrongState → 409, InvalidRequest → 400, NotFound → 404, Forbidden → 403).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ProblemError, badRequest, conflict, forbidden, notFound } from './problem.js';

const BY_TYPE: Record<string, (m: string) => ProblemError> = {
  WrongState: (m) => conflict(m),
  WRONG_STATE: (m) => conflict(m),
  InvalidRequest: (m) => badRequest(m),
  INVALID: (m) => badRequest(m),
  NotFound: (m) => notFound(m),
  Forbidden: (m) => forbidden(m),
  FORBIDDEN: (m) => forbidden(m),
};

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
      const status = await handle.describe().then((d) => d.status.name, () => undefined);
      if (status === undefined) throw notFound(`${what} not found`);
      if (status !== 'RUNNING') throw conflict(`${what} is already ${(await finishedAs?.()) ?? 'finished'}`);
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && cause.type && BY_TYPE[cause.type]) throw BY_TYPE[cause.type]!(cause.message);
    }
    throw err;
  }
}
