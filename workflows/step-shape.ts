// The shape of the order's steps in the worker's bundle (contracts/order-fulfilment.ts STEP_SHAPES):
// the workflow asks patch short-steps-local only when STEP_SHAPE.localSteps is true. A bundle may put
// the other shape in this module's place (scripts/bench/step-shape.ts), so the benchmark measures both
// in one run with the same workflow code, and the tests run the queue's shape as the runs started
// before the patch keep it.
//
// Local: an order's short steps run inside the workflow task that asks for them (contracts/order-fulfilment.ts
// says what that changes for a cancel, an amendment or a live read sent while they run).
export { STEP_SHAPE } from './step-shape-local.js';
