// The WRONG way: the new step is simply inserted. A workflow that started before the deploy has
// "validateOrder" as its first command in its history; this code now asks for "screenOrder" first,
// so replaying that history fails with a DeterminismViolation (and a running one would be stuck).
import { orderFulfilment as today } from '../../../workflows/order-fulfilment.js';
import type { OrderFulfilmentInput, OrderView } from '../../../contracts/order-fulfilment.js';
import { screening } from '../screening.js';

export { workOrder } from '../../../workflows/work-order.js';
export { batchOrder } from '../../../workflows/batch-order.js';
export { dunningRun, dunningCase } from '../../../workflows/dunning.js';

export async function orderFulfilment(input: OrderFulfilmentInput): Promise<OrderView> {
  await screening.screenOrder(input.orderId);
  return today(input);
}
