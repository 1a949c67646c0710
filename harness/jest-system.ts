// One test system per test file, as most integration tests want it: started before the file's
// tests, the simulators' faults cleared after each test (one test's outage never leaks into the
// next), stopped after the file. Jest only (the corpus recorder starts its systems itself).
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { clearFaults } from './fixtures.js';
import { startTestSystem, type TestSystem, type TestSystemOptions } from './system.js';
import type { StepShapeName } from '../scripts/bench/step-shape.js';

/** Registers the file's system; `use` receives it once started. */
export function systemPerFile(use: (sys: TestSystem) => void, env: Record<string, string> = {}, opts: TestSystemOptions = {}): void {
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    sys = await startTestSystem(env, opts);
    use(sys);
  });
  afterEach(async () => {
    if (sys) await clearFaults(sys);
  });
  afterAll(async () => {
    await sys?.stop();
  });
}

/**
 * Within a describe block: a system of its own whose worker runs the order's steps in `shape` (issue 18,
 * workflows/step-shape.ts), put in the file's variable (`get`/`set`) for the block's tests and the file's
 * own put back after; `around` starts what the block needs beside it (an answering department) and
 * returns how to stop that.
 */
export function stepShapeForBlock(
  shape: StepShapeName,
  get: () => TestSystem,
  set: (sys: TestSystem) => void,
  around?: (sys: TestSystem) => () => Promise<void>,
): void {
  let own: TestSystem | undefined;
  let saved: TestSystem | undefined;
  let stopAround: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    own = await startTestSystem({}, { stepShape: shape });
    stopAround = around?.(own);
    saved = get();
    set(own);
  });
  afterEach(async () => {
    if (own) await clearFaults(own);
  });
  afterAll(async () => {
    if (saved) set(saved);
    await stopAround?.();
    await own?.stop();
  });
}
