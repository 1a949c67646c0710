// A work order as the call centre reads it, to answer the customer: what was reported, where it is,
// who holds it, its deadlines, its urges, supervision and hand-over, and its whole timeline. When the
// customer calls again the agent urges it (催办) from here; a customer's account manager reads, urges
// and notes their own customers' work orders here too (each as the work order's allowedActions say).
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Col, Descriptions, Row, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { WorkOrderHeading, WorkOrderUnreadable } from '../../shared/WorkOrderHeading';
import { Panel } from '../../shared/ui';
import { departmentName, SlaCountdown } from '../../shared/work-order';
import { WorkOrderTimeline } from '../../shared/Timeline';
import { categoryItem, UrgeAndNote, UrgingAndSupervision } from '../../shared/work-order-actions';
import { isAccountManagerOnly } from './account-manager';

export function WorkOrderView() {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const id = useParams().id!;
  const { user } = useSession();
  // An account manager reads no customer 360: the customer is named, not linked.
  const manager = isAccountManagerOnly(user);
  const queryKey = ['callCentreWorkOrder', id];
  const query = useQuery({
    queryKey,
    queryFn: () => unwrap(api.GET('/troubleTicket/{id}', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
  const back = (
    <Link to="../.." relative="path" className="back-link">
      <ArrowLeftOutlined /> {t(manager ? 'depth.am.title' : 'callCentre.backToSearch')}
    </Link>
  );
  if (query.isPending) return <Spin className="app__loading" size="large" />;
  if (query.isError) return <WorkOrderUnreadable error={query.error} id={id} back={back} />;
  const wo = query.data;
  return (
    <article aria-labelledby="wo-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {back}
        <WorkOrderHeading wo={wo} />
        <Panel title={t('wo.description')} id="wo-description">
          <p className="work-order__description">{wo.description}</p>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'customer',
                label: t('wo.customer.id'),
                children: manager ? (
                  wo.customer.id
                ) : (
                  <Link to={`../../customers/${encodeURIComponent(wo.customer.id)}`} relative="path">
                    {wo.customer.id}
                  </Link>
                ),
              },
              { key: 'serviceLine', label: t('wo.serviceLine'), children: label('serviceLine', wo.serviceLine) },
              categoryItem(wo, t),
              { key: 'channel', label: t('wo.channel'), children: label('channel', wo.channel) },
              { key: 'priority', label: t('wo.priority'), children: <span data-testid="wo-priority">{label('priority', wo.priority)}</span> },
              { key: 'taken', label: t('wo.takenIn'), children: label('place', wo.takenInLocalNetwork) },
              ...(wo.forwardedTo ? [{ key: 'forwarded', label: t('wo.forwardedTo'), children: label('place', wo.forwardedTo) }] : []),
              {
                key: 'assignees',
                label: t('wo.assignees'),
                children: wo.assignees.map((d) => departmentName(d, i18n)).join(t('list.join')) || t('common.none'),
              },
              { key: 'created', label: t('wo.createdAt'), children: dateTime(wo.createdAt) },
              { key: 'resolveBy', label: t('wo.deadline.resolve'), children: <SlaCountdown deadline={wo.deadlines.resolveBy} /> },
            ]}
          />
        </Panel>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Panel title={t('depth.facts')} id="wo-urging">
              <UrgingAndSupervision wo={wo} />
            </Panel>
          </Col>
          <Col xs={24} lg={10}>
            <Panel title={t('wo.actions')} id="wo-actions">
              <UrgeAndNote wo={wo} queryKey={queryKey} />
            </Panel>
          </Col>
        </Row>
        <Panel title={t('wo.timeline')} id="wo-timeline">
          <WorkOrderTimeline entries={wo.timeline} />
        </Panel>
      </Space>
    </article>
  );
}
