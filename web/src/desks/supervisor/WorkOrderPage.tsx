// A work order as the supervisor sees it: what was reported (its category and channel), who holds
// it, its deadlines, its urges, supervisions (督办) and hand-over to the national centre, and its whole
// timeline (the department desk's timeline); transfer and escalate, and — as its allowedActions say —
// urge, supervise and hand over.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Descriptions, Row, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { WorkOrderHeading, WorkOrderUnreadable } from '../../shared/WorkOrderHeading';
import { WorkOrderTimeline } from '../../shared/Timeline';
import { Panel } from '../../shared/ui';
import { departmentName, SlaCountdown } from '../../shared/work-order';
import { categoryItem, UrgingAndSupervision } from '../../shared/work-order-actions';
import { ReasonModal, SuperviseModal, TransferModal, type ReasonAction } from './ActionModals';

function BackToBoard() {
  const { t } = useI18n();
  return (
    <Link to="../.." relative="path" className="back-link">
      <ArrowLeftOutlined /> {t('board.wo.back')}
    </Link>
  );
}

export function BoardWorkOrderPage() {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const id = useParams().id!;
  const [acting, setActing] = useState<'transfer' | 'supervise' | ReasonAction>();
  const query = useQuery({ queryKey: ['workOrder', id], queryFn: () => unwrap(api.GET('/troubleTicket/{id}', { params: { path: { id } } })) });

  if (query.isPending) return <Spin className="app__loading" size="large" />;
  if (query.isError) return <WorkOrderUnreadable error={query.error} id={id} back={<BackToBoard />} />;
  const wo = query.data;
  const target = { workOrderId: wo.id, holders: wo.assignees, localNetwork: wo.forwardedTo ?? wo.takenInLocalNetwork, escalationLevel: wo.escalationLevel };
  const open = wo.assignees.length > 0;
  const allowed = wo.allowedActions ?? [];
  return (
    <article aria-labelledby="wo-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <BackToBoard />
        <WorkOrderHeading wo={wo} />
        <Space wrap>
          <Button type="primary" disabled={!open} onClick={() => setActing('transfer')}>
            {t('board.action.transfer')}
          </Button>
          <Button danger disabled={!open || wo.escalationLevel === 'national'} onClick={() => setActing('escalate')}>
            {t('board.action.escalate')}
          </Button>
          {allowed.includes('supervise') && <Button onClick={() => setActing('supervise')}>{t('board.action.supervise')}</Button>}
          {allowed.includes('urge') && <Button onClick={() => setActing('urge')}>{t('board.action.urge')}</Button>}
          {allowed.includes('handOver') && <Button onClick={() => setActing('handOver')}>{t('board.action.handOver')}</Button>}
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Panel title={t('wo.timeline')} id="wo-timeline">
              <WorkOrderTimeline entries={wo.timeline} />
            </Panel>
          </Col>
          <Col xs={24} lg={9}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Panel title={t('wo.description')} id="wo-description">
                <p className="work-order__description">{wo.description}</p>
                <Descriptions
                  size="small"
                  column={1}
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
                      children: (
                        <span data-testid="wo-assignees">{wo.assignees.map((d) => departmentName(d, i18n)).join(t('list.join')) || t('common.none')}</span>
                      ),
                    },
                    { key: 'created', label: t('wo.createdAt'), children: dateTime(wo.createdAt) },
                  ]}
                />
              </Panel>
              <Panel title={t('depth.facts')} id="wo-supervision">
                <UrgingAndSupervision wo={wo} />
              </Panel>
              <Panel title={t('wo.deadlines')} id="wo-deadlines">
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'accept', label: t('wo.deadline.accept'), children: <SlaCountdown deadline={wo.deadlines.acceptBy} /> },
                    { key: 'resolve', label: t('wo.deadline.resolve'), children: <SlaCountdown deadline={wo.deadlines.resolveBy} /> },
                  ]}
                />
              </Panel>
            </Space>
          </Col>
        </Row>
      </Space>
      {acting === 'transfer' && <TransferModal target={target} onClose={() => setActing(undefined)} />}
      {acting === 'supervise' && <SuperviseModal target={target} onClose={() => setActing(undefined)} />}
      {(acting === 'escalate' || acting === 'urge' || acting === 'handOver') && (
        <ReasonModal kind={acting} target={target} onClose={() => setActing(undefined)} />
      )}
    </article>
  );
}
