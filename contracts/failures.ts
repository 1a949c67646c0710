// Refusals as Temporal failures, for workflows (update validators and handlers) and activities
// alike: the failure's type is the domain's failure kind, so the API maps it without knowing who
// refused.
import { ApplicationFailure } from '@temporalio/common';
import type { FailureKind } from '../domain/failures.js';

/** A refusal of the given kind; never retried (a refusal does not become right by trying again). */
export function refusal(kind: FailureKind, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: kind, message, nonRetryable: true });
}
