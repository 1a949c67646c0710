// Reads of running workflows: the workflow's own answer (a query) when it comes quickly, else the
// read model's. A query waits for a worker to run it, so when the workers are backlogged an
// unbounded query would hold the read for as long; the caller is told which answer it got.
import type { Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

/** `workflow`: the live answer; `read-model`: PostgreSQL's, as of the workflow's last recorded step. */
export type DataSource = 'workflow' | 'read-model';
export const DATA_SOURCE_HEADER = 'x-data-source';

/** The query's answer within `timeoutMs`, or undefined (no worker answered in time, or no such workflow). */
export function boundedQuery<T>(client: Client, workflowId: string, query: QueryDefinition<T, []>, timeoutMs: number): Promise<T | undefined> {
  return client.withDeadline(Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).query(query)).catch(() => undefined);
}
