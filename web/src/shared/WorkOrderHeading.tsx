// The head of every desk's work order page — its id, type, state, badges and its workflow in the
// Temporal UI — and what the page says when the work order cannot be read.
import type { ReactNode } from 'react';
import { Space, Tag } from 'antd';
import { ApiError, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { TemporalLink } from './TemporalLink';
import { PageMessage } from './ui';
import { WorkOrderBadges } from './work-order';

type Ticket = Schemas['TroubleTicket'];

/**
 * The page's title line. `urgeSince` (epoch ms): count only the urges from then on (a department's
 * own assignment); else all of them. `children` go between the state and the badges.
 */
export function WorkOrderHeading({ wo, urgeSince, children }: { wo: Ticket; urgeSince?: number; children?: ReactNode }) {
  const { t, label } = useI18n();
  return (
    <Space wrap align="center">
      <h1 id="wo-title" className="page-title page-title--inline">
        {t('wo.title', { id: wo.id })}
      </h1>
      <Tag>{label('type', wo.type)}</Tag>
      <Tag color="#0958d9" data-testid="wo-state">
        {label('state', wo.state)}
      </Tag>
      {children}
      <WorkOrderBadges
        facts={{
          urgeCount: wo.timeline.filter((e) => e.action === 'urge' && (urgeSince === undefined || e.at >= urgeSince)).length,
          escalationLevel: wo.escalationLevel,
          round: wo.reopenCount,
          tier: wo.customer.tier,
        }}
      />
      <TemporalLink kind="workOrder" id={wo.id} />
    </Space>
  );
}

/** A work order the reader may not see (403), that does not exist (404), or that could not be read now. */
export function WorkOrderUnreadable({ error, id, back }: { error: unknown; id: string; back: ReactNode }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : 500;
  const key = status === 403 ? 'wo.forbidden' : status === 404 ? 'wo.notFound' : 'error.unavailable';
  return <PageMessage type={status === 403 ? 'warning' : 'error'} title={t(key)} detail={id} extra={back} />;
}
