// Wiring only: a Temporal worker that runs this project's workflows and activities.
import { createRequire } from 'node:module';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { Orm } from '../db/orm.js';
import type { Adapters } from '../adapters/types.js';
import type { WorkerMetrics } from '../platform/metrics.js';
import { createActivities } from '../activities/index.js';

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

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  orm: Orm;
  adapters: Adapters;
  logger: Logger;
  /** Business metrics recorded by the activities (platform/metrics.ts); none when absent. */
  metrics?: WorkerMetrics;
  /** A prebuilt bundle (tests build it once per run); otherwise the worker bundles workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  const { config } = deps;
  return Worker.create({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    activities: createActivities({ orm: deps.orm, adapters: deps.adapters, logger: deps.logger, config, metrics: deps.metrics }),
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  });
}
