// Operations: where each workflow is in the Temporal Web UI (for every signed-in person: the link
// carries nothing the page does not show, and the UI has its own access control), and the system's
// state for operations — readiness of Temporal, the database and each adapter's system, the task
// queue's pollers and backlog (DescribeTaskQueue), and the worker's recent failures as Temporal sees
// them (workflows closed failed / timed out / terminated, and retrying activities or workflow tasks
// of running workflows).
import proto from '@temporalio/proto';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import { z } from 'zod';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';
import { ROLES } from '../../domain/access.js';
import { databaseReachable } from '../../db/orm.js';
import { adapterUrls, temporalUiUrl } from '../../platform/config.js';
import { temporalReachable } from '../../platform/temporal.js';
import { LOCAL_ACTIVITY_MARKER, localActivityMarkerData } from '../audit-trail.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { Check, probe } from './health.js';

// A CommonJS module: its namespace comes as the default export under ESM.
const { temporal } = proto;
const { TaskQueueType, TaskQueueKind, HistoryEventFilterType } = temporal.api.enums.v1;

/** Where `{id}` stands for the (URL-encoded) order or work-order id in the link templates. */
export const ID_PLACEHOLDER = '{id}';

const SystemLinks = z
  .object({
    temporalUi: z.object({
      url: z.string().describe('The Temporal Web UI (TEMPORAL_UI_URL)'),
      namespace: z.string(),
      orderWorkflow: z.string().describe("An order's workflow in the UI: replace {id} with the URL-encoded order id"),
      workOrderWorkflow: z.string().describe("A work order's workflow in the UI: replace {id} with the URL-encoded work-order id"),
    }),
  })
  .meta({ id: 'SystemLinks' });

const Component = Check.extend({ name: z.string(), target: z.string().optional() });

const Poller = z.object({ identity: z.string(), lastAccessTime: z.string().nullable(), ratePerSecond: z.number() });
const QueueSide = z.object({
  pollers: z.array(Poller),
  backlog: z.number().int().nullable().describe('Approximate tasks waiting; null when the server reports no statistics'),
  backlogAgeSeconds: z.number().nullable(),
  tasksAddRate: z.number().nullable(),
  tasksDispatchRate: z.number().nullable(),
});

const ClosedFailure = z.object({
  workflowId: z.string(),
  runId: z.string(),
  workflowType: z.string(),
  status: z.enum(['FAILED', 'TIMED_OUT', 'TERMINATED']),
  closedAt: z.string().nullable(),
  message: z.string().nullable(),
});
const RetryingTask = z.object({
  workflowId: z.string(),
  runId: z.string(),
  workflowType: z.string(),
  kind: z
    .enum(['activity', 'localActivity', 'workflowTask'])
    .describe("localActivity: a step run in the worker (an order's short steps), waiting on a backoff timer between attempts"),
  activityType: z.string().nullable(),
  attempt: z.number().int(),
  lastFailure: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const SystemStatus = z
  .object({
    checkedAt: z.string(),
    ready: z.boolean().describe('Every component up'),
    components: z.array(Component),
    taskQueue: z.object({ name: z.string(), workflow: QueueSide.nullable(), activity: QueueSide.nullable(), error: z.string().optional() }),
    failures: z.object({
      windowHours: z.number(),
      closed: z.object({ total: z.number().int(), latest: z.array(ClosedFailure) }),
      retrying: z.object({ inspected: z.number().int(), tasks: z.array(RetryingTask) }),
      error: z.string().optional(),
    }),
  })
  .meta({ id: 'SystemStatus' });
type SystemStatus = z.infer<typeof SystemStatus>;

/** Workflows closed in failure within this window are listed; the latest FAILURES_SHOWN of them. */
const FAILURE_WINDOW_HOURS = 24;
const FAILURES_SHOWN = 10;
/** The most recently started running workflows whose pending tasks are looked at. */
const RUNNING_INSPECTED = 25;
/** One answer serves every ops page refreshing within this time. */
const STATUS_CACHE_MS = 3000;
/** Texts from the outside (failure messages, worker identities) are cut to this many characters. */
const TEXT_MAX = 500;

/** A protobuf timestamp or duration as JSON ({ seconds, nanos }, or "8s") in milliseconds. */
function durationMs(v: unknown): number | undefined {
  if (typeof v === 'string') return /^\d+(\.\d+)?s$/.test(v) ? Number(v.slice(0, -1)) * 1000 : Date.parse(v) || undefined;
  if (v && typeof v === 'object' && 'seconds' in v) {
    const { seconds, nanos } = v as { seconds: number | string; nanos?: number };
    return Number(seconds) * 1000 + Math.round((nanos ?? 0) / 1e6);
  }
  return undefined;
}
const cut = (s: string | null | undefined, max = TEXT_MAX) => (s ? (s.length > max ? `${s.slice(0, max - 1)}…` : s) : null);
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const num = (v: { toNumber(): number } | number | null | undefined) => (v === null || v === undefined ? null : typeof v === 'number' ? v : v.toNumber());

async function adapterHealthy(url: string, timeoutMs: number): Promise<void> {
  const res = await fetch(`${url.replace(/\/+$/, '')}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`GET /healthz answered ${res.status}`);
}

export function registerSystemRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const { config, client } = deps;
  const namespace = config.TEMPORAL_NAMESPACE;
  const taskQueue = config.TEMPORAL_TASK_QUEUE;

  routes.add({
    method: 'get',
    path: '/system/links',
    summary: "Where the workbench links to: each order's and work order's workflow in the Temporal Web UI",
    tags: ['operations'],
    roles: [...ROLES],
    responses: { 200: { description: 'the links', schema: SystemLinks } },
    handler: () => {
      const ui = temporalUiUrl(config);
      const workflows = `${ui}/namespaces/${encodeURIComponent(namespace)}/workflows/`;
      return {
        body: {
          temporalUi: {
            url: ui,
            namespace,
            orderWorkflow: `${workflows}${encodeURIComponent(orderWorkflowId(''))}${ID_PLACEHOLDER}`,
            workOrderWorkflow: `${workflows}${encodeURIComponent(workOrderWorkflowId(''))}${ID_PLACEHOLDER}`,
          },
        },
      };
    },
  });

  async function describeQueue(type: number): Promise<z.infer<typeof QueueSide>> {
    const answer = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: type,
      reportStats: true,
    });
    const stats = answer.stats;
    return {
      pollers: (answer.pollers ?? []).slice(0, 100).map((p) => ({
        identity: cut(p.identity, 200) ?? '',
        lastAccessTime: iso(optionalTsToMs(p.lastAccessTime)),
        ratePerSecond: p.ratePerSecond ?? 0,
      })),
      backlog: stats ? (num(stats.approximateBacklogCount) ?? 0) : null,
      backlogAgeSeconds: stats ? (optionalTsToMs(stats.approximateBacklogAge) ?? 0) / 1000 : null,
      tasksAddRate: stats ? (stats.tasksAddRate ?? 0) : null,
      tasksDispatchRate: stats ? (stats.tasksDispatchRate ?? 0) : null,
    };
  }

  async function closeMessage(workflowId: string, runId: string): Promise<string | null> {
    const history = await client.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId, runId },
      historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
    });
    const event = history.history?.events?.[0];
    return cut(
      event?.workflowExecutionFailedEventAttributes?.failure?.message ??
        event?.workflowExecutionTerminatedEventAttributes?.reason ??
        (event?.workflowExecutionTimedOutEventAttributes ? 'timed out' : null),
    );
  }

  async function failures(): Promise<SystemStatus['failures']> {
    const since = new Date(Date.now() - FAILURE_WINDOW_HOURS * 3600_000).toISOString();
    const onQueue = `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
    const closedQuery = `${onQueue} AND ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated') AND CloseTime > '${since}'`;
    const [count, closed, running] = await Promise.all([
      client.workflow.count(closedQuery),
      (async () => {
        const found = [];
        for await (const wf of client.workflow.list({ query: closedQuery, pageSize: FAILURES_SHOWN })) {
          found.push(wf);
          if (found.length >= FAILURES_SHOWN) break;
        }
        return found;
      })(),
      (async () => {
        const found = [];
        for await (const wf of client.workflow.list({ query: `${onQueue} AND ExecutionStatus = 'Running'`, pageSize: RUNNING_INSPECTED })) {
          found.push(wf);
          if (found.length >= RUNNING_INSPECTED) break;
        }
        return found;
      })(),
    ]);
    const latest = await Promise.all(
      closed
        .sort((a, b) => (b.closeTime?.getTime() ?? 0) - (a.closeTime?.getTime() ?? 0))
        .map(async (wf) => ({
          workflowId: wf.workflowId,
          runId: wf.runId,
          workflowType: wf.type,
          status: wf.status.name as 'FAILED' | 'TIMED_OUT' | 'TERMINATED',
          closedAt: wf.closeTime?.toISOString() ?? null,
          message: await closeMessage(wf.workflowId, wf.runId).catch(() => null),
        })),
    );
    const described = await Promise.all(
      running.map((wf) =>
        client.workflowService
          .describeWorkflowExecution({ namespace, execution: { workflowId: wf.workflowId, runId: wf.runId } })
          .then((d) => ({ wf, d }))
          .catch(() => undefined),
      ),
    );
    const tasks: z.infer<typeof RetryingTask>[] = [];
    const locals = await Promise.all(described.map((one) => (one ? localActivityRetrying(one.wf.workflowId, one.wf.runId).catch(() => undefined) : undefined)));
    for (const [i, one] of described.entries()) {
      if (!one) continue;
      const { wf, d } = one;
      const base = { workflowId: wf.workflowId, runId: wf.runId, workflowType: wf.type };
      const local = locals[i];
      if (local) tasks.push({ ...base, kind: 'localActivity', ...local });
      for (const a of d.pendingActivities ?? []) {
        if ((a.attempt ?? 1) <= 1 && !a.lastFailure) continue;
        tasks.push({
          ...base,
          kind: 'activity',
          activityType: a.activityType?.name ?? null,
          attempt: a.attempt ?? 1,
          lastFailure: cut(a.lastFailure?.message),
          lastAttemptAt: iso(optionalTsToMs(a.lastAttemptCompleteTime)),
          nextAttemptAt: iso(optionalTsToMs(a.nextAttemptScheduleTime)),
        });
      }
      const wt = d.pendingWorkflowTask;
      if (wt && (wt.attempt ?? 1) > 1) {
        tasks.push({
          ...base,
          kind: 'workflowTask',
          activityType: null,
          attempt: wt.attempt ?? 1,
          lastFailure: null,
          lastAttemptAt: iso(optionalTsToMs(wt.startedTime)),
          nextAttemptAt: iso(optionalTsToMs(wt.scheduledTime)),
        });
      }
    }
    tasks.sort((a, b) => b.attempt - a.attempt);
    return { windowHours: FAILURE_WINDOW_HOURS, closed: { total: count.count, latest }, retrying: { inspected: running.length, tasks } };
  }

  /**
   * A local activity retrying past its local retry threshold (an order's short step, issue 18): Temporal
   * lists no pending activity for it; the history's newest events are its marker, with the failure and
   * the backoff, and the timer it waits on. Read from the end of the history (a few events).
   */
  async function localActivityRetrying(workflowId: string, runId: string) {
    const { history } = await client.workflowService.getWorkflowExecutionHistoryReverse({ namespace, execution: { workflowId, runId }, maximumPageSize: 6 });
    for (const e of history?.events ?? []) {
      if (e.timerFiredEventAttributes || e.activityTaskScheduledEventAttributes) return undefined;
      const m = e.markerRecordedEventAttributes;
      if (!m) continue;
      if (m.markerName !== LOCAL_ACTIVITY_MARKER) return undefined;
      const meta = localActivityMarkerData(m);
      if (!meta.backoff) return undefined;
      const completed = durationMs(meta.complete_time);
      return {
        activityType: meta.activity_type ?? null,
        attempt: (meta.attempt ?? 1) + 1,
        lastFailure: cut(m.failure?.message),
        lastAttemptAt: iso(completed),
        nextAttemptAt: iso(completed === undefined ? undefined : completed + (durationMs(meta.backoff) ?? 0)),
      };
    }
    return undefined;
  }

  async function status(): Promise<SystemStatus> {
    const urls = adapterUrls(config);
    const timeoutMs = Math.min(2000, config.ADAPTER_TIMEOUT_MS);
    const [temporalCheck, database, ...adapters] = await Promise.all([
      probe(() => temporalReachable(client, namespace)),
      probe(() => databaseReachable(deps.orm)),
      ...Object.values(urls).map((url) => probe(() => adapterHealthy(url, timeoutMs), timeoutMs + 100)),
    ]);
    const components = [
      { name: 'temporal', target: namespace, ...temporalCheck },
      { name: 'database', ...database },
      ...Object.keys(urls).map((name, i) => ({ name, target: urls[name as keyof typeof urls], ...adapters[i]! })),
    ].map((c) => ({ ...c, error: cut(c.error) ?? undefined }));
    const queue: SystemStatus['taskQueue'] = { name: taskQueue, workflow: null, activity: null };
    const failed: SystemStatus['failures'] = { windowHours: FAILURE_WINDOW_HOURS, closed: { total: 0, latest: [] }, retrying: { inspected: 0, tasks: [] } };
    const [wfSide, actSide, recent] = await Promise.allSettled([
      describeQueue(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
      describeQueue(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
      failures(),
    ]);
    if (wfSide.status === 'fulfilled') queue.workflow = wfSide.value;
    if (actSide.status === 'fulfilled') queue.activity = actSide.value;
    const queueError = [wfSide, actSide].find((r) => r.status === 'rejected');
    if (queueError) queue.error = cut(String((queueError as PromiseRejectedResult).reason?.message ?? queueError.reason)) ?? undefined;
    return {
      checkedAt: new Date().toISOString(),
      ready: components.every((c) => c.status === 'up'),
      components,
      taskQueue: queue,
      failures:
        recent.status === 'fulfilled'
          ? recent.value
          : { ...failed, error: cut(recent.reason instanceof Error ? recent.reason.message : String(recent.reason)) ?? undefined },
    };
  }

  let cached: { at: number; answer: Promise<SystemStatus> } | undefined;
  routes.add({
    method: 'get',
    path: '/system/status',
    summary: "System status for operations: readiness of each component, the task queue, the worker's recent failures",
    description:
      "Components: Temporal (the namespace), the database and each adapter's system (GET /healthz of its base URL), each up or down with its " +
      'latency. The task queue (TEMPORAL_TASK_QUEUE): pollers and backlog of its workflow and activity sides (DescribeTaskQueue with statistics). ' +
      `Recent failures, from Temporal's visibility: workflows on the queue closed failed, timed out or terminated in the last ${FAILURE_WINDOW_HOURS} h ` +
      `(count and the latest ${FAILURES_SHOWN}, with the reason), and the retrying activities and workflow tasks of the ${RUNNING_INSPECTED} most recently ` +
      `started running workflows. Always 200 (a component down is in the answer); one answer serves all callers for ${STATUS_CACHE_MS / 1000} s.`,
    tags: ['operations'],
    roles: ['ops'],
    responses: { 200: { description: 'the status', schema: SystemStatus } },
    handler: async () => {
      const now = Date.now();
      if (!cached || now - cached.at > STATUS_CACHE_MS) {
        cached = { at: now, answer: status() };
        cached.answer.catch(() => (cached = undefined));
      }
      return { body: await cached.answer };
    },
  });
}
