// The RIGHT way: the new step behind patched(). A new run takes it and records the patch marker;
// a run that started before the deploy replays its history without the marker, patched() answers
// false and the workflow goes on exactly as it did. Once no such run is left, the next release
// swaps patched() for deprecatePatch() and the one after removes the check (see README.md,
// "Audit and versioning").
import { patched } from '@temporalio/workflow';
import { orderFulfilment as today } from '../../../workflows/order-fulfilment.js';
import type { OrderFulfilmentInput, OrderView } from '../../../contracts/order-fulfilment.js';
import { screening, SCREENING_PATCH } from '../screening.js';

export { workOrder } from '../../../workflows/work-order.js';
export { batchOrder } from '../../../workflows/batch-order.js';
export { dunningRun, dunningCase } from '../../../workflows/dunning.js';

export async function orderFulfilment(input: OrderFulfilmentInput): Promise<OrderView> {
  if (patched(SCREENING_PATCH)) await screening.screenOrder(input.orderId);
  return today(input);
}
