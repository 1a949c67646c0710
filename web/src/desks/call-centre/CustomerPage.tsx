// The customer 360 view for the agent on the phone: who they are, their accounts and services, the
// balance (or that billing does not answer), their orders and open work orders; a new work order
// from here, about the whole customer or one of their services.
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Descriptions, Row, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { desksOf, ORDER_DESK } from '../../app/desks';
import { useI18n } from '../../i18n';
import { DataTable, type Column } from '../../shared/DataTable';
import { DunningNotice, money } from '../../shared/DunningNotice';
import { PageMessage, Panel } from '../../shared/ui';

type C360 = Schemas['Customer360'];
type Subscription = C360['subscriptions'][number];
type Order = C360['openOrders'][number];
type OpenWorkOrder = C360['openWorkOrders'][number];
type Account = C360['accounts'][number];
type Bill = NonNullable<Account['bills']>[number];
type Payment = NonNullable<Account['payments']>[number];

/** One account's last six bills and payments (billing's ledger), or that billing did not answer. */
function AccountLedger({ account }: { account: Account }) {
  const { t, label, dateTime } = useI18n();
  const dunning = account.dunning && <DunningNotice account={account} />;
  if (account.billing) {
    return (
      <div data-testid={`ledger-${account.id}`}>
        {dunning}
        <p>{t('callCentre.ledger.unavailable')}</p>
      </div>
    );
  }
  const billColumns: Column<Bill>[] = [
    { key: 'period', title: t('callCentre.ledger.period'), render: (b) => b.period },
    { key: 'total', title: t('callCentre.ledger.total'), render: (b) => money(b.totalCents, b.currency) },
    { key: 'paid', title: t('callCentre.ledger.paid'), render: (b) => money(b.paidCents, b.currency) },
    {
      key: 'status',
      title: t('callCentre.ledger.status'),
      render: (b) => <Tag color={b.status === 'paid' ? '#237804' : '#ad4e00'}>{label('callCentre.billStatus', b.status)}</Tag>,
    },
    { key: 'due', title: t('callCentre.ledger.due'), render: (b) => b.dueDate },
  ];
  const paymentColumns: Column<Payment>[] = [
    { key: 'at', title: t('callCentre.ledger.at'), render: (p) => dateTime(p.at) },
    { key: 'kind', title: t('callCentre.ledger.kind'), render: (p) => label('callCentre.paymentKind', p.kind) },
    { key: 'amount', title: t('callCentre.ledger.amount'), render: (p) => money(p.amountCents, p.currency) },
    { key: 'method', title: t('callCentre.ledger.method'), render: (p) => p.method },
    { key: 'balance', title: t('callCentre.ledger.balanceAfter'), render: (p) => money(p.balanceCents, p.currency) },
  ];
  return (
    <Row gutter={16} data-testid={`ledger-${account.id}`}>
      {dunning && <Col span={24}>{dunning}</Col>}
      <Col xs={24} xl={12}>
        <DataTable<Bill>
          caption={t('callCentre.ledger.bills', { account: account.id })}
          columns={billColumns}
          rows={account.bills ?? []}
          rowKey={(b) => b.billId}
          loading={false}
          empty={t('common.none')}
        />
      </Col>
      <Col xs={24} xl={12}>
        <DataTable<Payment>
          caption={t('callCentre.ledger.payments', { account: account.id })}
          columns={paymentColumns}
          rows={account.payments ?? []}
          rowKey={(p) => p.paymentId}
          loading={false}
          empty={t('common.none')}
        />
      </Col>
    </Row>
  );
}

export const fetchCustomer = (id: string) => unwrap(api.GET('/customer/{id}', { params: { path: { id } } }));

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function BackToSearch() {
  const { t } = useI18n();
  return (
    <Link to="../.." relative="path" className="back-link">
      <ArrowLeftOutlined /> {t('callCentre.backToSearch')}
    </Link>
  );
}

export function CustomerPage() {
  const { t, label, dateTime } = useI18n();
  const id = useParams().id!;
  const navigate = useNavigate();
  const { user } = useSession();
  // An order opens on the order desk, for those who have it.
  const orderDesk = !!user && desksOf(user).includes(ORDER_DESK);
  const query = useQuery({ queryKey: ['customer360', id], queryFn: () => fetchCustomer(id) });

  if (query.isPending) return <Spin className="app__loading" size="large" />;
  if (query.isError) {
    const status = query.error instanceof ApiError ? query.error.status : 500;
    const key = status === 403 ? 'callCentre.customer.forbidden' : status === 404 ? 'callCentre.customer.notFound' : 'error.unavailable';
    return <PageMessage type={status === 403 ? 'warning' : 'error'} title={t(key)} detail={id} extra={<BackToSearch />} />;
  }
  const { customer, accounts, subscriptions, openOrders, recentOrders, openWorkOrders, balance } = query.data;
  const newWorkOrder = (subscription?: string) => `new-work-order${subscription ? `?subscription=${encodeURIComponent(subscription)}` : ''}`;

  const subscriptionColumns: Column<Subscription>[] = [
    { key: 'serviceId', title: t('callCentre.sub.serviceId'), render: (s) => s.serviceId },
    { key: 'serviceLine', title: t('callCentre.sub.serviceLine'), render: (s) => label('serviceLine', s.serviceLine) },
    { key: 'offering', title: t('callCentre.sub.offering'), render: (s) => s.offeringId },
    { key: 'status', title: t('callCentre.sub.status'), render: (s) => label('callCentre.subscriptionStatus', s.status) },
    {
      key: 'action',
      title: t('callCentre.sub.action'),
      render: (s) =>
        s.status === 'terminated' ? null : (
          <Link to={newWorkOrder(s.id)} aria-label={t('callCentre.sub.newWorkOrderFor', { service: s.serviceId })}>
            {t('callCentre.sub.newWorkOrder')}
          </Link>
        ),
    },
  ];
  const orderColumns: Column<Order>[] = [
    {
      key: 'id',
      title: t('callCentre.order.id'),
      render: (o) => (orderDesk ? <Link to={`${ORDER_DESK}/orders/${encodeURIComponent(o.id)}`}>{o.id}</Link> : o.id),
    },
    { key: 'state', title: t('callCentre.order.state'), render: (o) => label('callCentre.orderState', o.state) },
    {
      key: 'lines',
      title: t('callCentre.order.serviceLines'),
      render: (o) => (Array.isArray(o.serviceLines) ? o.serviceLines.map((l) => label('serviceLine', String(l))).join(t('list.join')) : ''),
    },
    { key: 'created', title: t('callCentre.order.created'), render: (o) => dateTime(str(o.creationDate)) },
  ];
  const workOrderColumns: Column<OpenWorkOrder>[] = [
    {
      key: 'id',
      title: t('callCentre.wo.id'),
      render: (w) => (
        <Link to={`../../work-orders/${encodeURIComponent(w.id)}`} relative="path">
          {w.id}
        </Link>
      ),
    },
    { key: 'type', title: t('callCentre.wo.type'), render: (w) => label('type', w.type) },
    { key: 'state', title: t('callCentre.wo.state'), render: (w) => label('state', w.state) },
    { key: 'priority', title: t('callCentre.wo.priority'), render: (w) => label('priority', str(w.priority)) },
    { key: 'created', title: t('callCentre.wo.created'), render: (w) => dateTime(str(w.creationDate)) },
  ];
  const contact = (customer.contact ?? {}) as { phone?: string; email?: string };

  return (
    <article aria-labelledby="customer-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <BackToSearch />
        <Space wrap align="center">
          <h1 id="customer-title" className="page-title page-title--inline">
            {customer.name}
          </h1>
          <Tag>{label('tier', customer.tier)}</Tag>
          <Tag>{label('callCentre.customerStatus', customer.status)}</Tag>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newWorkOrder())}>
            {t('callCentre.customer.newWorkOrder')}
          </Button>
          <Link to={`../../callbacks?customer=${encodeURIComponent(customer.id)}`} relative="path">
            {t('callCentre.customer.callbacks')}
          </Link>
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Panel title={t('callCentre.customer.details')} id="customer-details">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'id', label: t('callCentre.col.customerId'), children: customer.id },
                  { key: 'kind', label: t('callCentre.customer.kind'), children: label('callCentre.customerKind', customer.kind) },
                  { key: 'idNumber', label: t('callCentre.col.idNumber'), children: customer.idNumberMasked ?? t('common.none') },
                  { key: 'home', label: t('callCentre.col.home'), children: label('place', customer.homeLocalNetwork) },
                  {
                    key: 'phone',
                    label: t('wo.customer.phone'),
                    children: contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : t('common.none'),
                  },
                  ...(contact.email ? [{ key: 'email', label: t('wo.customer.email'), children: contact.email }] : []),
                ]}
              />
            </Panel>
          </Col>
          <Col xs={24} lg={12}>
            <Panel title={t('callCentre.customer.accounts')} id="customer-accounts">
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'balance',
                    label: t('callCentre.customer.balance'),
                    children:
                      'balanceCents' in balance ? (
                        <span data-testid="balance">
                          {t('callCentre.customer.balanceValue', { amount: (balance.balanceCents / 100).toFixed(2), currency: balance.currency })}
                        </span>
                      ) : (
                        <span data-testid="balance">{t('callCentre.customer.balanceUnavailable')}</span>
                      ),
                  },
                  ...accounts.map((a) => ({ key: a.id, label: a.id, children: a.name })),
                ]}
              />
            </Panel>
          </Col>
        </Row>
        <Panel title={t('callCentre.customer.subscriptions')} id="customer-subscriptions">
          <DataTable<Subscription>
            caption={t('callCentre.customer.subscriptions')}
            columns={subscriptionColumns}
            rows={subscriptions}
            rowKey={(s) => s.id}
            loading={false}
            empty={t('common.none')}
          />
        </Panel>
        <Panel title={t('callCentre.ledger.title')} id="customer-bills">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {accounts.map((a) => (
              <AccountLedger key={a.id} account={a} />
            ))}
          </Space>
        </Panel>
        <Panel title={t('callCentre.customer.openWorkOrders')} id="customer-work-orders">
          <DataTable<OpenWorkOrder>
            caption={t('callCentre.customer.openWorkOrders')}
            columns={workOrderColumns}
            rows={openWorkOrders}
            rowKey={(w) => w.id}
            loading={false}
            empty={t('common.none')}
          />
        </Panel>
        <Panel title={t('callCentre.customer.openOrders')} id="customer-open-orders">
          <DataTable<Order>
            caption={t('callCentre.customer.openOrders')}
            columns={orderColumns}
            rows={openOrders}
            rowKey={(o) => o.id}
            loading={false}
            empty={t('common.none')}
          />
        </Panel>
        <Panel title={t('callCentre.customer.recentOrders')} id="customer-recent-orders">
          <DataTable<Order>
            caption={t('callCentre.customer.recentOrders')}
            columns={orderColumns}
            rows={recentOrders}
            rowKey={(o) => o.id}
            loading={false}
            empty={t('common.none')}
          />
        </Panel>
      </Space>
    </article>
  );
}
