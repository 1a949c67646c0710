// A work order's timeline: every event, who did it and when, what it carried and the state it led to
// (the department desk's work order page and the supervisor board's).
import { Tag } from 'antd';
import type { Schemas } from '../api/client';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { departmentName } from './work-order';

type Entry = Schemas['TroubleTicket']['timeline'][number];

/** The details worth reading, each as a label and a value in the reader's language. */
function detailLines(e: Entry, i18n: I18n): Array<[MessageKey, string]> {
  const { t, label } = i18n;
  const d = e.details ?? {};
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const dept = (v: unknown) => (typeof v === 'string' ? departmentName(v, i18n) : undefined);
  // from/to name levels on an escalation, local networks on a forward, departments on a transfer, priorities on a reprioritize.
  const endpoint = (v: unknown) =>
    e.action === 'escalate'
      ? label('level', str(v))
      : e.action === 'forwarded'
        ? label('place', str(v))
        : e.action === 'reprioritize'
          ? label('priority', str(v))
          : dept(v);
  const lines: Array<[MessageKey, string | undefined]> = [
    ['detail.text', str(d.text)],
    ['detail.result', d.result === undefined ? undefined : label('result', str(d.result))],
    ['detail.resolutionCode', str(d.resolutionCode)],
    ['detail.notes', str(d.notes)],
    ['detail.reason', str(d.reason)],
    ['detail.departments', Array.isArray(d.departments) ? d.departments.map(dept).join(t('list.join')) : undefined],
    ['detail.from', d.from === undefined ? undefined : endpoint(d.from)],
    ['detail.to', d.to === undefined ? undefined : endpoint(d.to)],
    ['detail.satisfaction', d.satisfied === undefined ? undefined : t(d.satisfied ? 'detail.satisfied' : 'detail.unsatisfied')],
    ['detail.comment', str(d.comment)],
    ['detail.channel', d.channel === undefined ? undefined : label('channel', str(d.channel))],
  ];
  return lines.filter((l): l is [MessageKey, string] => l[1] !== undefined && l[1] !== '');
}

export function actorName(actor: Entry['actor'], i18n: I18n): string {
  const { t, label } = i18n;
  if (actor.role === 'system') return label('actor', 'system');
  const parts = [label('actor', actor.role), actor.department ? departmentName(actor.department, i18n) : undefined, actor.id];
  return parts.filter(Boolean).join(t('list.dot'));
}

export function WorkOrderTimeline({ entries }: { entries: Entry[] }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  return (
    <ol className="timeline">
      {entries.map((e, n) => (
        <li
          key={n}
          className={`timeline__item${e.action === 'escalate' || e.action === 'urge' ? ' timeline__item--alarm' : e.state ? ' timeline__item--state' : ''}`}
          data-action={e.action}
        >
          <div className="timeline__time">{dateTime(e.at)}</div>
          <div>
            <strong>{label('action', e.action)}</strong> <span className="muted">{actorName(e.actor, i18n)}</span>{' '}
            {e.state && <Tag>{t('timeline.stateChange', { state: label('state', e.state) })}</Tag>}
          </div>
          {detailLines(e, i18n).map(([key, value]) => (
            <div key={key} className="timeline__details">
              {t(key)}
              {t('list.colon')}
              {value}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
