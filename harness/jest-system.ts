// One test system per test file, as most integration tests want it: started before the file's
// tests, the simulators' faults cleared after each test (one test's outage never leaks into the
// next), stopped after the file. Jest only (the corpus recorder starts its systems itself).
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { clearFaults } from './fixtures.js';
import { startTestSystem, type TestSystem } from './system.js';

/** Registers the file's system; `use` receives it once started. */
export function systemPerFile(use: (sys: TestSystem) => void, env: Record<string, string> = {}): void {
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    sys = await startTestSystem(env);
    use(sys);
  });
  afterEach(async () => {
    if (sys) await clearFaults(sys);
  });
  afterAll(async () => {
    await sys?.stop();
  });
}
