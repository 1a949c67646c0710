// A work order's page: who the customer is and how to reach them, what they reported, the deadlines,
// the timeline, and the actions the person may take now.
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Col, Descriptions, Row, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { WorkOrderHeading, WorkOrderUnreadable } from '../../shared/WorkOrderHeading';
import { Panel } from '../../shared/ui';
import { departmentName, SlaCountdown } from '../../shared/work-order';
import { categoryItem, SupervisionNotice, UrgingAndSupervision } from '../../shared/work-order-actions';
import { ActionPanel, fetchWorkOrder } from './ActionPanel';
import { WorkOrderTimeline } from '../../shared/Timeline';

type Ticket = Schemas['TroubleTicket'];

function BackToList() {
  const { t } = useI18n();
  return (
    <Link to=".." relative="path" className="back-link">
      <ArrowLeftOutlined /> {t('wo.back')}
    </Link>
  );
}

function CustomerCard({ id }: { id: string }) {
  const { t, label } = useI18n();
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => unwrap(api.GET('/troubleTicket/{id}/contact', { params: { path: { id } } })) });
  const c = contact.data;
  return (
    <Panel title={t('wo.customer')} id="wo-customer">
      {contact.isPending && <Spin />}
      {contact.isError && <p>{t('error.unavailable')}</p>}
      {c && (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('wo.customer.name'), children: c.name },
            { key: 'tier', label: t('wo.customer.tier'), children: label('tier', c.tier) },
            { key: 'phone', label: t('wo.customer.phone'), children: c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : t('common.none') },
            ...(c.email ? [{ key: 'email', label: t('wo.customer.email'), children: c.email }] : []),
            ...(c.subscription
              ? [
                  {
                    key: 'service',
                    label: t('wo.customer.service'),
                    children: `${label('serviceLine', c.subscription.serviceLine)} ${c.subscription.serviceId}`,
                  },
                ]
              : []),
            { key: 'home', label: t('wo.customer.home'), children: label('place', c.homeLocalNetwork) },
            { key: 'id', label: t('wo.customer.id'), children: c.id },
          ]}
        />
      )}
    </Panel>
  );
}

function Deadlines({ ticket, department }: { ticket: Ticket; department: string }) {
  const { t } = useI18n();
  const mine = ticket.assignments.find((a) => a.department === department && a.round === ticket.reopenCount);
  const accepted = mine !== undefined && mine.state !== 'dispatched';
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        ...(accepted ? [] : [{ key: 'accept', label: t('wo.deadline.accept'), children: <SlaCountdown deadline={ticket.deadlines.acceptBy} /> }]),
        { key: 'resolve', label: t('wo.deadline.resolve'), children: <SlaCountdown deadline={ticket.deadlines.resolveBy} /> },
      ]}
    />
  );
}

export function WorkOrderPage({ department }: { department: string }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const id = useParams().id!;
  const query = useQuery({ queryKey: ['workOrder', id], queryFn: () => fetchWorkOrder(id) });

  if (query.isPending) return <Spin className="app__loading" size="large" />;
  if (query.isError) return <WorkOrderUnreadable error={query.error} id={id} back={<BackToList />} />;
  const wo = query.data;
  const mine = wo.assignments.find((a) => a.department === department && a.round === wo.reopenCount);
  return (
    <article aria-labelledby="wo-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <BackToList />
        <WorkOrderHeading wo={wo} urgeSince={mine?.dispatchedAt ?? Infinity}>
          {mine && <Tag>{label('assignment', mine.state)}</Tag>}
        </WorkOrderHeading>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Panel title={t('wo.description')} id="wo-description">
                <p className="work-order__description">{wo.description}</p>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'serviceLine', label: t('wo.serviceLine'), children: label('serviceLine', wo.serviceLine) },
                    categoryItem(wo, t),
                    { key: 'channel', label: t('wo.channel'), children: label('channel', wo.channel) },
                    { key: 'priority', label: t('wo.priority'), children: label('priority', wo.priority) },
                    { key: 'taken', label: t('wo.takenIn'), children: label('place', wo.takenInLocalNetwork) },
                    ...(wo.forwardedTo ? [{ key: 'forwarded', label: t('wo.forwardedTo'), children: label('place', wo.forwardedTo) }] : []),
                    { key: 'level', label: t('wo.escalationLevel'), children: label('level', wo.escalationLevel) },
                    {
                      key: 'assignees',
                      label: t('wo.assignees'),
                      children: wo.assignees.map((d) => departmentName(d, i18n)).join(t('list.join')) || t('common.none'),
                    },
                    { key: 'created', label: t('wo.createdAt'), children: dateTime(wo.createdAt) },
                  ]}
                />
              </Panel>
              <Panel title={t('depth.facts')} id="wo-urging">
                <UrgingAndSupervision wo={wo} />
              </Panel>
              <Panel title={t('wo.timeline')} id="wo-timeline">
                <WorkOrderTimeline entries={wo.timeline} />
              </Panel>
            </Space>
          </Col>
          <Col xs={24} lg={9}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <SupervisionNotice wo={wo} queryKey={['workOrder', wo.id]} />
              <Panel title={t('wo.actions')} id="wo-actions">
                <ActionPanel ticket={wo} department={department} />
              </Panel>
              <Panel title={t('wo.deadlines')} id="wo-deadlines">
                <Deadlines ticket={wo} department={department} />
              </Panel>
              <CustomerCard id={wo.id} />
            </Space>
          </Col>
        </Row>
      </Space>
    </article>
  );
}
