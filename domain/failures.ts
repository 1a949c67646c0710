// One failure vocabulary. Every refusal — by a workflow's update validator, an activity, the domain's
// rules or the API — is of one of these kinds; a more specific code may go with it (a business
// refusal such as CREDIT_REFUSED or AGENT_DAILY_LIMIT_REACHED). The API maps kinds to HTTP in one
// place (api/problem.ts); workflows and activities carry the kind as the failure's type.
export const FAILURE_KINDS = ['NOT_FOUND', 'WRONG_STATE', 'INVALID', 'FORBIDDEN'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export function isFailureKind(x: unknown): x is FailureKind {
  return (FAILURE_KINDS as readonly unknown[]).includes(x);
}
