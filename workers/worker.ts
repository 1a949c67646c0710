// Wiring only: a Temporal worker that runs this project's workflows and activities.
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { adapterLimits, type Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { Orm } from '../db/orm.js';
import type { Adapters } from '../adapters/types.js';
import { limitAdapters } from '../adapters/limits.js';
import type { WorkerMetrics } from '../platform/metrics.js';
import { createActivities } from '../activities/index.js';
import { workflowBundlerOptions, workflowsPath } from '../platform/workflow-bundle.js';

// Where the workflow code is and how it is bundled: platform/workflow-bundle.ts (the API's replay uses it too).
export { bundleWorkflows, workflowBundlerOptions, workflowsPath } from '../platform/workflow-bundle.js';

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
  // Each system's calls under its limits (adapters/limits.ts): steps run as local activities are not
  // bounded by the task queue's slots.
  const { adapters } = limitAdapters(deps.adapters, adapterLimits(config));
  return Worker.create({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    activities: createActivities({ orm: deps.orm, adapters, logger: deps.logger, config, metrics: deps.metrics }),
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  });
}
