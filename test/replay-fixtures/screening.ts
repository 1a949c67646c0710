// The change the versioning test makes to order fulfilment: a new step, "screen the order" (say, a
// fraud check), run BEFORE the existing first step, validation. Test-only: never registered on a
// real worker. The unpatched/ and patched/ folders are two ways of shipping it; each is bundled as
// a complete workflows module, with orderFulfilment under its real workflow type name.
//
// The rest of the workflow is today's code itself (imported, not copied), so this demonstration
// never drifts from workflows/order-fulfilment.ts.
import { proxyActivities } from '@temporalio/workflow';

export interface ScreeningActivities {
  screenOrder(orderId: string): Promise<{ cleared: boolean }>;
}

export const screening = proxyActivities<ScreeningActivities>({ startToCloseTimeout: '30 seconds' });

/** The patch id: recorded in the history of every run that took the new path. */
export const SCREENING_PATCH = 'screen-order-before-validation';
