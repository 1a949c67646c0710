// The system page (operations): GET /system/status every 10 seconds — readiness of Temporal, the
// database and each adapter's system; the task queue's pollers and backlog (DescribeTaskQueue); the
// worker's recent failures as Temporal records them (workflows closed failed, timed out or terminated,
// and retrying activities and workflow tasks), each linked to its workflow in the Temporal Web UI.
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Tag } from 'antd';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DataTable } from '../../shared/DataTable';
import { TemporalLink } from '../../shared/TemporalLink';
import { Panel } from '../../shared/ui';

type Status = Schemas['SystemStatus'];
type Component = Status['components'][number];
type QueueSide = NonNullable<Status['taskQueue']['workflow']>;
type Poller = QueueSide['pollers'][number] & { side: 'workflow' | 'activity' };
type Closed = Status['failures']['closed']['latest'][number];
type Retrying = Status['failures']['retrying']['tasks'][number];

const REFRESH_MS = 10_000;

function UpDown({ up }: { up: boolean }) {
  const { t } = useI18n();
  // Green and red that meet AA contrast with white text; the word says it, not the colour.
  return <Tag color={up ? '#237804' : '#a8071a'}>{up ? t('system.up') : t('system.down')}</Tag>;
}

function Readiness({ status }: { status: Status }) {
  const { t, label } = useI18n();
  return (
    <Panel title={t('system.readiness')} id="system-readiness">
      <p data-testid="system-ready">
        <UpDown up={status.ready} /> {status.ready ? t('system.allReady') : t('system.notReady')}
      </p>
      <DataTable<Component>
        caption={t('system.readiness')}
        rows={status.components}
        rowKey={(c) => c.name}
        loading={false}
        empty={t('common.none')}
        columns={[
          { key: 'name', title: t('system.col.component'), render: (c) => <span data-component={c.name}>{label('system.component', c.name)}</span> },
          { key: 'status', title: t('system.col.status'), render: (c) => <UpDown up={c.status === 'up'} /> },
          { key: 'latency', title: t('system.col.latency'), render: (c) => t('system.ms', { n: c.latencyMs }) },
          { key: 'target', title: t('system.col.target'), render: (c) => c.target ?? '', ellipsis: true },
          { key: 'error', title: t('system.col.error'), render: (c) => c.error ?? '', ellipsis: true },
        ]}
      />
    </Panel>
  );
}

const rate = (n: number | null) => (n === null ? '—' : n.toFixed(2));

function TaskQueue({ queue }: { queue: Status['taskQueue'] }) {
  const { t, dateTime } = useI18n();
  const sides = (['workflow', 'activity'] as const).map((side) => ({ side, q: queue[side] }));
  const pollers: Poller[] = sides.flatMap(({ side, q }) => (q?.pollers ?? []).map((p) => ({ ...p, side })));
  return (
    <Panel title={t('system.queue', { name: queue.name })} id="system-queue">
      {queue.error && <p role="alert">{t('system.queueError', { error: queue.error })}</p>}
      <DataTable<(typeof sides)[number]>
        caption={t('system.queue', { name: queue.name })}
        rows={sides}
        rowKey={(s) => s.side}
        loading={false}
        empty={t('common.none')}
        columns={[
          { key: 'side', title: t('system.col.side'), render: (s) => t(s.side === 'workflow' ? 'system.side.workflow' : 'system.side.activity') },
          { key: 'pollers', title: t('system.col.pollers'), render: (s) => <span data-pollers={s.side}>{s.q ? s.q.pollers.length : '—'}</span> },
          { key: 'backlog', title: t('system.col.backlog'), render: (s) => <span data-backlog={s.side}>{s.q?.backlog ?? '—'}</span> },
          {
            key: 'age',
            title: t('system.col.backlogAge'),
            render: (s) => (s.q?.backlogAgeSeconds == null ? '—' : t('system.seconds', { n: Math.round(s.q.backlogAgeSeconds) })),
          },
          { key: 'add', title: t('system.col.addRate'), render: (s) => rate(s.q?.tasksAddRate ?? null) },
          { key: 'dispatch', title: t('system.col.dispatchRate'), render: (s) => rate(s.q?.tasksDispatchRate ?? null) },
        ]}
      />
      <h3 className="panel__subtitle">{t('system.pollers')}</h3>
      <DataTable<Poller>
        caption={t('system.pollers')}
        rows={pollers}
        rowKey={(p) => `${p.side}|${p.identity}`}
        loading={false}
        empty={t('system.noPollers')}
        columns={[
          { key: 'identity', title: t('system.col.identity'), render: (p) => p.identity, ellipsis: true },
          { key: 'side', title: t('system.col.side'), render: (p) => t(p.side === 'workflow' ? 'system.side.workflow' : 'system.side.activity') },
          { key: 'last', title: t('system.col.lastPoll'), render: (p) => (p.lastAccessTime ? dateTime(p.lastAccessTime) : '—') },
        ]}
      />
    </Panel>
  );
}

function Failures({ failures }: { failures: Status['failures'] }) {
  const { t, dateTime, label } = useI18n();
  return (
    <Panel title={t('system.failures', { hours: failures.windowHours })} id="system-failures">
      {failures.error && <p role="alert">{t('system.failuresError', { error: failures.error })}</p>}
      <p>{t('system.failures.closedTotal', { n: failures.closed.total, hours: failures.windowHours })}</p>
      <DataTable<Closed>
        caption={t('system.failures.closed')}
        rows={failures.closed.latest}
        rowKey={(f) => `${f.workflowId}|${f.runId}`}
        loading={false}
        empty={t('system.failures.noneClosed')}
        columns={[
          { key: 'id', title: t('system.col.workflow'), render: (f) => <TemporalLink kind="workflow" workflowId={f.workflowId} label={f.workflowId} /> },
          { key: 'type', title: t('system.col.workflowType'), render: (f) => f.workflowType },
          { key: 'status', title: t('system.col.status'), render: (f) => label('system.closed', f.status) },
          { key: 'at', title: t('system.col.closedAt'), render: (f) => (f.closedAt ? dateTime(f.closedAt) : '—') },
          { key: 'why', title: t('system.col.reason'), render: (f) => f.message ?? '', ellipsis: true },
        ]}
      />
      <h3 className="panel__subtitle">{t('system.failures.retrying')}</h3>
      <p>{t('system.failures.inspected', { n: failures.retrying.inspected })}</p>
      <DataTable<Retrying>
        caption={t('system.failures.retrying')}
        rows={failures.retrying.tasks}
        rowKey={(f) => `${f.workflowId}|${f.kind}|${f.activityType ?? ''}`}
        loading={false}
        empty={t('system.failures.noneRetrying')}
        columns={[
          { key: 'id', title: t('system.col.workflow'), render: (f) => <TemporalLink kind="workflow" workflowId={f.workflowId} label={f.workflowId} /> },
          {
            key: 'task',
            title: t('system.col.task'),
            render: (f) => (f.kind === 'workflowTask' ? t('system.task.workflowTask') : t(`system.task.${f.kind}`, { name: f.activityType ?? '' })),
          },
          { key: 'attempt', title: t('system.col.attempt'), render: (f) => f.attempt },
          { key: 'failure', title: t('system.col.lastFailure'), render: (f) => f.lastFailure ?? '', ellipsis: true },
          { key: 'next', title: t('system.col.nextAttempt'), render: (f) => (f.nextAttemptAt ? dateTime(f.nextAttemptAt) : '—') },
        ]}
      />
    </Panel>
  );
}

export default function SystemPage() {
  const { t, dateTime } = useI18n();
  const status = useQuery({
    queryKey: ['system', 'status'],
    refetchInterval: REFRESH_MS,
    queryFn: () => unwrap(api.GET('/system/status')),
  });
  return (
    <article aria-labelledby="system-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap align="center">
          <h1 id="system-title" className="page-title page-title--inline">
            {t('system.title')}
          </h1>
          <Button onClick={() => void status.refetch()} loading={status.isFetching}>
            {t('common.refresh')}
          </Button>
          {status.data && <span>{t('system.checkedAt', { at: dateTime(status.data.checkedAt), s: REFRESH_MS / 1000 })}</span>}
        </Space>
        {status.isError && <p role="alert">{t('error.unavailable')}</p>}
        {status.data && (
          <>
            <Readiness status={status.data} />
            <TaskQueue queue={status.data.taskQueue} />
            <Failures failures={status.data.failures} />
          </>
        )}
      </Space>
    </article>
  );
}
