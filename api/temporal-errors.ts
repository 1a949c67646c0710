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

export async function mapUpdateErrors<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`${what} not found`);
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && cause.type && BY_TYPE[cause.type]) throw BY_TYPE[cause.type]!(cause.message);
    }
    // A workflow that has finished accepts no updates: its state can no longer change.
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) throw conflict(`${what} is already finished`);
    throw err;
  }
}
