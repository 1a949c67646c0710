// The workflow bundle: this project's workflow code (workflows/index.ts) as the worker bundles it.
// One place, so the worker, the tests, the benchmark, `npm run audit:replay` and the API's replay of
// a history (POST /audit/replay) all run the same code the same way. A path for the bundler, not an
// import: nothing outside the worker's sandbox evaluates a workflow file.
import { createRequire } from 'node:module';
import { bundleWorkflowCode } from '@temporalio/worker';

const require = createRequire(import.meta.url);
export const workflowsPath = require.resolve('../workflows/index.ts');

/**
 * Modules the reusable V8 context loads once and shares between workflows, instead of evaluating
 * them again for every workflow it starts: zod and the pure domain modules (rules and constant
 * tables, no per-workflow state). The SDK deep-freezes what shared modules export, and a frozen zod
 * schema cannot be used (zod sets properties on it lazily): domain/work-order.ts, which exports
 * schemas, stays per workflow, and so does domain/routing.ts, which imports it.
 */
const PRELOADED = [
  'zod',
  ...['order', 'sla', 'departments', 'calendar', 'catalog', 'local-networks', 'customer', 'agent', 'instant', 'phone-number'].map((m) =>
    require.resolve(`../domain/${m}.ts`),
  ),
];
export const workflowBundlerOptions = { preloadModules: PRELOADED };

/** A workflow bundle (by default this project's), built the way the worker builds it; tests, benchmarks and replays use it. */
export async function bundleWorkflows(onError: (message: string) => void = (m) => process.stderr.write(`${m}\n`), path = workflowsPath): Promise<string> {
  const quiet = () => {};
  const { code } = await bundleWorkflowCode({
    workflowsPath: path,
    ...(path === workflowsPath ? workflowBundlerOptions : {}),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: onError, error: onError },
  });
  return code;
}
