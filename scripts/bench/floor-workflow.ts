// The engine's floor for the throughput benchmark: a workflow of the same number of activities as an
// order, each doing nothing, with the order steps' own timeouts and retry policy. What it achieves on
// the same server and worker settings is the most any workflow of that shape can on this machine.
// Two floors (issue 18): floorOrder's steps go through the task queue, floorOrderLocal's are local
// activities (a marker each in the history), the ceiling for orders whose short steps run locally.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

export interface FloorActivities {
  noop(step: number): Promise<void>;
}

const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 30 },
} as const;

const { noop } = proxyActivities<FloorActivities>(options);
const { noop: noopLocal } = proxyLocalActivities<FloorActivities>(options);

export async function floorOrder(steps: number): Promise<number> {
  for (let i = 0; i < steps; i++) await noop(i);
  return steps;
}

/** The same steps as local activities, with the same timeouts and retry policy. */
export async function floorOrderLocal(steps: number): Promise<number> {
  for (let i = 0; i < steps; i++) await noopLocal(i);
  return steps;
}
