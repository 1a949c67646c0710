// The engine's floor for the throughput benchmark: a workflow of the same number of activities as an
// order, each doing nothing, with the order steps' own timeouts and retry policy. What it achieves on
// the same server and worker settings is the most any workflow of that shape can on this machine.
import { proxyActivities } from '@temporalio/workflow';

export interface FloorActivities {
  noop(step: number): Promise<void>;
}

const { noop } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 30 },
});

export async function floorOrder(steps: number): Promise<number> {
  for (let i = 0; i < steps; i++) await noop(i);
  return steps;
}
