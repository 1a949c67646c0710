// The shape of the order's steps in the worker's bundle (contracts/order-fulfilment.ts STEP_SHAPES):
// the workflow asks patch short-steps-local only when STEP_SHAPE.localSteps is true. A bundle may put
// the other shape in this module's place (scripts/bench/step-shape.ts), so the benchmark measures both
// in one run with the same workflow code.
//
// Through the task queue for now: with the short steps local, an order's steps run in one workflow
// task, and a cancel, an amendment or a read of the order's live progress is answered only when that
// task ends (a step's 'running' is never seen) — the tests that stop an order mid-step must first
// learn that (see contracts/order-fulfilment.ts). Switching is this one line.
export { STEP_SHAPE } from './step-shape-queue.js';
