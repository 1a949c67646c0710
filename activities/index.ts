// All activities the worker registers, built from their dependencies.
import type { Adapters } from '../adapters/types.js';
import type { Orm } from '../db/orm.js';
import { ReferenceData } from '../db/reference.js';
import { workOrderSettings, type Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { WorkerMetrics } from '../platform/metrics.js';
import { createBatchOrderActivities } from './batch-order.js';
import { createDunningActivities } from './dunning.js';
import { createOrderActivities } from './order.js';
import { createWorkOrderActivities } from './work-order.js';

export interface ActivityDeps {
  orm: Orm;
  adapters: Adapters;
  logger: Logger;
  config: Config;
  /** Business metrics of the worker (platform/metrics.ts); none when absent. */
  metrics?: WorkerMetrics;
}

export function createActivities(deps: ActivityDeps) {
  const em = () => deps.orm.em.fork();
  const reference = new ReferenceData(em);
  return merge(
    merge(
      createOrderActivities({ em, adapters: deps.adapters, reference, workOrderSettings: workOrderSettings(deps.config), metrics: deps.metrics }),
      createWorkOrderActivities({ em, adapters: deps.adapters, metrics: deps.metrics }),
    ),
    merge(createBatchOrderActivities({ em, reference }), createDunningActivities({ em, adapters: deps.adapters, reference })),
  );
}

/** Activities share one namespace on the task queue: two with the same name must not shadow each other. */
function merge<A extends object, B extends object>(a: A, b: B): A & B {
  const clash = Object.keys(a).filter((k) => k in b);
  if (clash.length) throw new Error(`activity names defined twice: ${clash.join(', ')}`);
  return { ...a, ...b };
}
