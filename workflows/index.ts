// The workflows this project's worker runs. Explicit named exports: the bundler must see each one.
export { orderFulfilment } from './order-fulfilment.js';
export { workOrder } from './work-order.js';
export { batchOrder } from './batch-order.js';
export { dunningRun, dunningCase } from './dunning.js';
