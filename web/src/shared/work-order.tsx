// What every desk shows of a work order the same way: its SLA countdown, its badges, department names.
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n, type I18n } from '../i18n';
import { useNow } from './clock';
import type { Column } from './DataTable';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as the two largest units, e.g. 2天3小时 / 2d 3h; seconds only under a minute. */
export function formatDuration(ms: number, t: I18n['t']): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  const s = Math.floor((abs % MINUTE) / 1000);
  const parts: string[] =
    d > 0
      ? [t('duration.d', { n: d }), t('duration.h', { n: h })]
      : h > 0
        ? [t('duration.h', { n: h }), t('duration.m', { n: m })]
        : m > 0
          ? [t('duration.m', { n: m }), t('duration.s', { n: s })]
          : [t('duration.s', { n: s })];
  return parts.join(t('duration.join'));
}

export type SlaCloseness = 'ok' | 'close' | 'overdue';

/** How close a deadline is: past it, past its urge mark (the SLA policy's), or neither. */
export function closeness(now: number, deadline: number, urgeAt: number | undefined): SlaCloseness {
  if (now >= deadline) return 'overdue';
  return urgeAt !== undefined && now >= urgeAt ? 'close' : 'ok';
}

const ICONS = { ok: <ClockCircleOutlined />, close: <WarningOutlined />, overdue: <ExclamationCircleOutlined /> };

/** Time left until the deadline (or past it), coloured and marked by how close it is; ticks each second. */
export function SlaCountdown({ deadline, urgeAt }: { deadline: string | null | undefined; urgeAt?: string | null }) {
  const { t, dateTime } = useI18n();
  const now = useNow();
  if (!deadline) return <span className="sla sla--paused">{t('sla.none')}</span>;
  const due = Date.parse(deadline);
  const state = closeness(now, due, urgeAt ? Date.parse(urgeAt) : undefined);
  const text = formatDuration(due - now, t);
  return (
    <Tooltip title={t('sla.due', { at: dateTime(due) })}>
      <span className={`sla sla--${state}`} data-sla={state}>
        {ICONS[state]} {t(state === 'overdue' ? 'sla.overdue' : 'sla.left', { time: text })}
      </span>
    </Tooltip>
  );
}

export interface BadgeFacts {
  urgeCount: number;
  escalationLevel: string;
  round: number;
  tier: string;
}

// Solid tags: white text on dark enough colours for WCAG AA (4.5:1), and a word in each, not colour alone.
const BADGE_COLOURS = { urged: '#ad4e00', escalated: '#a8071a', reopened: '#531dab', vip: '#874d00' } as const;

/** Urged / escalated / reopened / VIP, for whichever applies. */
export function WorkOrderBadges({ facts }: { facts: BadgeFacts }) {
  const { t, label } = useI18n();
  const badges: Array<[keyof typeof BADGE_COLOURS, string]> = [];
  if (facts.urgeCount > 0) badges.push(['urged', facts.urgeCount > 1 ? t('badge.urgedTimes', { n: facts.urgeCount }) : t('badge.urged')]);
  if (facts.escalationLevel !== 'city') badges.push(['escalated', t('badge.escalated', { level: label('level', facts.escalationLevel) })]);
  if (facts.round > 0) badges.push(['reopened', t('badge.reopened')]);
  if (facts.tier === 'vip') badges.push(['vip', t('badge.vip')]);
  return (
    <span className="badges">
      {badges.map(([kind, text]) => (
        <Tag key={kind} color={BADGE_COLOURS[kind]} data-badge={kind}>
          {text}
        </Tag>
      ))}
    </span>
  );
}

/** A department's name from its id (`dalian-customer-care`, `liaoning-service-centre`, `national-service-centre`). */
export function departmentName(id: string, { t, label }: Pick<I18n, 't' | 'label'>): string {
  const dash = id.indexOf('-');
  if (dash < 0) return id;
  const place = id.slice(0, dash);
  const fn = id.slice(dash + 1);
  return t('department.name', { place: label('place', place), fn: label('function', fn) });
}

/** What a list of open assignments (a department's worklist, the supervisor board) says of each. */
interface AssignmentFacts {
  workOrderId: string;
  summary: string;
  state: string;
  deadline: string | null;
  urgeAt: string | null;
  urgeCount: number;
  escalationLevel: string;
  round: number;
  customerTier: string;
}

/** The columns every list of open assignments shows the same way: the work order (linked), its summary, the deadline counting down, the badges. */
export function assignmentColumns<T extends AssignmentFacts>(t: I18n['t']): Record<'id' | 'summary' | 'deadline' | 'badges', Column<T>> {
  return {
    id: { key: 'id', title: t('worklist.col.id'), render: (e) => <Link to={`work-orders/${encodeURIComponent(e.workOrderId)}`}>{e.workOrderId}</Link> },
    summary: { key: 'summary', title: t('worklist.col.summary'), render: (e) => <span title={e.summary}>{e.summary}</span>, ellipsis: true },
    deadline: {
      key: 'deadline',
      title: t('worklist.col.deadline'),
      render: (e) => (
        <>
          <div className="muted">{t(e.state === 'dispatched' ? 'worklist.deadline.accept' : 'worklist.deadline.resolve')}</div>
          <SlaCountdown deadline={e.deadline} urgeAt={e.urgeAt} />
        </>
      ),
    },
    badges: {
      key: 'badges',
      title: t('worklist.col.badges'),
      render: (e) => <WorkOrderBadges facts={{ urgeCount: e.urgeCount, escalationLevel: e.escalationLevel, round: e.round, tier: e.customerTier }} />,
    },
  };
}
