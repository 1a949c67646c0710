// The order workflow bundled with either shape of its steps (issue 18), so the benchmark measures both
// in one run and the tests run the one the worker does not: the project's own bundle with
// workflows/step-shape.ts replaced by step-shape-local.ts or step-shape-queue.ts. The workflow's code
// and contract are the same; a bundle of one shape cannot replay the other's new runs, so a worker
// runs one shape only.
import { createRequire } from 'node:module';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions, workflowsPath } from '../../platform/workflow-bundle.js';

const require = createRequire(import.meta.url);
const SHAPES = {
  local: require.resolve('../../workflows/step-shape-local.ts'),
  queue: require.resolve('../../workflows/step-shape-queue.ts'),
} as const;
export type StepShapeName = keyof typeof SHAPES;

/** Bundles made in this process, by shape (a test file's blocks of one shape share one). */
const made = new Map<StepShapeName, Promise<string>>();

/** The workflow bundle's code with the order's short steps as local activities ('local') or through the task queue ('queue'). */
export function bundleWorkflowsWithStepShape(shape: StepShapeName, onError?: (message: string) => void): Promise<string> {
  let code = made.get(shape);
  if (!code) {
    code = bundle(shape, onError);
    made.set(shape, code);
    code.catch(() => made.delete(shape));
  }
  return code;
}

async function bundle(shape: StepShapeName, onError: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<string> {
  const quiet = () => {};
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    ...workflowBundlerOptions,
    // The import as the order workflow writes it (no other module imports it).
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), './step-shape.js$': SHAPES[shape] } },
    }),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: onError, error: onError },
  });
  if (!code.includes(`localSteps: ${shape === 'local'}`)) throw new Error(`the ${shape} bundle does not hold workflows/step-shape-${shape}.ts`);
  return code;
}
