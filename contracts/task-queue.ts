// The one task queue both workflows and their activities run on (TEMPORAL_TASK_QUEUE overrides it):
// an order's field installation is a child work order on the same queue as its parent.
export const DEFAULT_TASK_QUEUE = 'telecom-orchestration';
