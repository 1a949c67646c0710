// The audit trail of one order or work order: its workflow history told as business events (who,
// what, when, with which result; each step's attempts and idempotency key; requests people sent;
// child workflows), with the history itself to download (the file `npm run audit:replay` reads) and
// a replay of it on the server against the workflow code deployed now.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useI18n, type I18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { actorName } from '../../shared/Timeline';
import { TemporalLink } from '../../shared/TemporalLink';
import { PageMessage, Panel } from '../../shared/ui';
import { trailPath } from './SearchPage';

type Kind = Schemas['AuditSearchHit']['kind'];
type Trail = Schemas['AuditTrail'];
type AuditEvent = Trail['events'][number];
type Actor = Parameters<typeof actorName>[0];

function BackToSearch() {
  const { t } = useI18n();
  return (
    <Link to="../.." relative="path" className="back-link">
      <ArrowLeftOutlined /> {t('audit.trail.back')}
    </Link>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Fixed things the API says of a workflow, by their words. */
const WHAT: Record<string, MessageKey> = {
  'order received': 'audit.what.orderReceived',
  'work order taken': 'audit.what.workOrderTaken',
  'workflow completed': 'audit.what.completed',
  'workflow failed': 'audit.what.failed',
  'workflow cancelled': 'audit.what.cancelled',
  'workflow terminated': 'audit.what.terminated',
  'workflow timed out': 'audit.what.timedOut',
  'continued as a new run': 'audit.what.continuedAsNew',
  'workflow cancellation requested': 'audit.what.cancelRequested',
  'requested cancellation': 'audit.what.requestedCancellation',
  'requested an item amendment': 'audit.what.requestedAmendment',
};
const RESULTS = ['succeeded', 'accepted', 'completed', 'started', 'cancelled', 'timed out', 'terminated'];

/** What the event is, in the reader's language where the catalogue names it (the API's words otherwise). */
function whatOf(e: AuditEvent, i18n: I18n): string {
  const { t, label } = i18n;
  const activity = str(e.details?.activity);
  if (activity) return label('audit.step', activity);
  const fixed = WHAT[e.what];
  if (fixed) return t(fixed);
  const state = /^order (?:is|moved to) (.+)$/.exec(e.what);
  if (state) return t('audit.what.orderState', { state: state[1]! });
  const child = /^started (.+)$/.exec(e.what);
  if (child) return t('audit.what.childStarted', { type: child[1]! });
  const request = /^requested (.+)$/.exec(e.what);
  if (request) return t('audit.what.requested', { what: label('action', request[1]) });
  // A work order's own timeline entry: its action, as the desks name it.
  return label('action', e.what);
}

/** The result in the reader's language: the common outcomes and work-order states; failures as the API tells them. */
function resultOf(result: string, i18n: I18n): string {
  return RESULTS.includes(result) ? i18n.label('audit.result', result.replace(' ', '_')) : i18n.label('state', result);
}

/** A step, a person's request, a child workflow, a state: how the line is marked. */
function classOf(e: AuditEvent): string {
  if (e.result?.startsWith('failed') || e.result?.startsWith('timed out') || e.result?.startsWith('refused')) return ' timeline__item--alarm';
  if (e.what.startsWith('order ') || e.what.startsWith('workflow ')) return ' timeline__item--state';
  return '';
}

function detailLines(e: AuditEvent, i18n: I18n): Array<[MessageKey, string, boolean?]> {
  const d = e.details ?? {};
  const input = obj(d.input);
  const lines: Array<[MessageKey, string | undefined, boolean?]> = [
    ['audit.detail.attempts', str(d.attempts)],
    ['audit.detail.duration', d.durationMs === undefined ? undefined : i18n.t('audit.detail.ms', { ms: String(d.durationMs) })],
    ['audit.detail.idempotencyKey', str(input.idempotencyKey), true],
    ['audit.detail.item', str(input.itemId)],
    ['audit.detail.childWorkflow', str(d.workflowId), true],
    ['audit.detail.request', str(d.update)],
    ['audit.detail.reason', str(d.stateReason) ?? str(d.reason)],
  ];
  return lines.filter((l): l is [MessageKey, string, boolean?] => l[1] !== undefined && l[1] !== '');
}

function AuditTimeline({ events }: { events: AuditEvent[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ol className="timeline" aria-label={t('audit.trail.events')}>
      {events.map((e, n) => (
        <li key={n} className={`timeline__item${classOf(e)}`} data-testid="audit-event" data-activity={str(e.details?.activity)}>
          <div className="timeline__time">
            <time dateTime={e.at}>{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss.SSS')}</time> {t('audit.trail.eventId', { id: e.eventId })}
          </div>
          <div>
            <strong>{whatOf(e, i18n)}</strong> <span className="muted">{actorName(e.who as Actor, i18n)}</span>{' '}
            {e.result && <Tag data-testid="audit-result">{resultOf(e.result, i18n)}</Tag>}
          </div>
          {detailLines(e, i18n).map(([key, value, code]) => (
            <div key={key} className="timeline__details" data-detail={key}>
              {t(key)}
              {t('list.colon')}
              {code ? <span className="audit__key">{value}</span> : value}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

/** Saves what the API answered as a file, under the name it gave (Content-Disposition). */
async function downloadHistory(kind: Kind, id: string): Promise<string> {
  const call =
    kind === 'order'
      ? api.GET('/productOrder/{id}/history', { params: { path: { id } }, parseAs: 'blob' })
      : api.GET('/troubleTicket/{id}/history', { params: { path: { id } }, parseAs: 'blob' });
  const { data, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, undefined);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${id}.json`;
  const url = URL.createObjectURL(data as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export function AuditTrailPage({ kind }: { kind: Kind }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const id = useParams().id!;
  const [downloaded, setDownloaded] = useState<string>();
  const trail = useQuery({
    queryKey: ['auditTrail', kind, id],
    queryFn: () =>
      unwrap(
        kind === 'order'
          ? api.GET('/productOrder/{id}/auditTrail', { params: { path: { id } } })
          : api.GET('/troubleTicket/{id}/auditTrail', { params: { path: { id } } }),
      ),
  });
  const download = useMutation({ mutationFn: () => downloadHistory(kind, id), onSuccess: setDownloaded });
  const replay = useMutation({ mutationFn: () => unwrap(api.POST('/audit/replay', { body: { kind, id } })) });

  if (trail.isPending) return <Spin className="app__loading" size="large" />;
  if (trail.isError) {
    const status = trail.error instanceof ApiError ? trail.error.status : 500;
    const key = status === 403 ? 'audit.trail.forbidden' : status === 404 ? 'audit.trail.notFound' : 'error.unavailable';
    return <PageMessage type={status === 403 ? 'warning' : 'error'} title={t(key)} detail={id} extra={<BackToSearch />} />;
  }
  const data = trail.data;
  const children = data.events
    .map((e) => str(e.details?.workflowId))
    .filter((w): w is string => w !== undefined && w.startsWith('workorder-'))
    .map((w) => w.slice('workorder-'.length));
  const replayProblem = replay.error instanceof ApiError ? replay.error : undefined;

  return (
    <section aria-labelledby="audit-trail-title">
      <BackToSearch />
      <h1 id="audit-trail-title" className="page-title">
        {t(kind === 'order' ? 'audit.trail.titleOrder' : 'audit.trail.titleWorkOrder', { id })}
      </h1>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'wf', label: t('audit.trail.workflowId'), children: <span className="audit__key">{data.workflowId}</span> },
          { key: 'run', label: t('audit.trail.runId'), children: <span className="audit__key">{data.runId ?? t('common.none')}</span> },
          { key: 'type', label: t('audit.trail.workflowType'), children: data.workflowType ?? t('common.none') },
          { key: 'status', label: t('audit.trail.status'), children: <span data-testid="audit-status">{label('audit.status', data.status)}</span> },
          { key: 'events', label: t('audit.trail.historyEvents'), children: data.historyEvents },
          { key: 'temporal', label: t('audit.trail.temporal'), children: <TemporalLink kind={kind} id={id} /> },
        ]}
      />
      {children.length > 0 && (
        <p>
          {t('audit.trail.children')}
          {t('list.colon')}
          {children.map((c, n) => (
            <span key={c}>
              {n > 0 && t('list.join')}
              <Link to={`../../${trailPath({ kind: 'workOrder', id: c })}`} relative="path">
                {c}
              </Link>
            </span>
          ))}
        </p>
      )}
      <div className="audit__actions">
        <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
          {t('audit.trail.download')}
        </Button>
        <Button type="primary" icon={<PlayCircleOutlined />} loading={replay.isPending} onClick={() => replay.mutate()}>
          {t('audit.trail.replay')}
        </Button>
      </div>
      <div aria-live="polite" className="audit__result">
        {downloaded && <p className="muted">{t('audit.trail.downloaded', { file: downloaded })}</p>}
        {download.isError && <Alert type="error" showIcon title={t('audit.trail.downloadFailed')} />}
        {replay.isPending && <p className="muted">{t('audit.replay.running')}</p>}
        {replay.data?.ok === true && (
          <Alert
            type="success"
            showIcon
            data-testid="replay-result"
            title={t('audit.replay.ok')}
            description={t('audit.replay.okDetail', { events: replay.data.events, ms: replay.data.ms })}
          />
        )}
        {replay.data?.ok === false && (
          <Alert
            type="error"
            showIcon
            data-testid="replay-result"
            title={t('audit.replay.failed')}
            description={
              <>
                <p>{t('audit.replay.failedDetail', { events: replay.data.events })}</p>
                <p className="audit__key">{replay.data.error}</p>
              </>
            }
          />
        )}
        {replay.isError && (
          <Alert
            type="warning"
            showIcon
            data-testid="replay-result"
            title={t(replayProblem?.status === 429 ? 'audit.replay.busy' : 'audit.replay.unavailable')}
            description={replayProblem?.message}
          />
        )}
      </div>
      <Panel title={t('audit.trail.events')}>
        <AuditTimeline events={data.events} />
      </Panel>
    </section>
  );
}
