// An account manager's page at the call-centre desk: the customers they look after, and those
// customers' work orders (the API lists theirs only), newest first; a work order opens its view, where
// they urge or note it; a new work order for one of their customers (channel account_manager).
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pagination, Space } from 'antd';
import { useState } from 'react';
import { api, unwrapPage, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DataTable, type Column } from '../../shared/DataTable';
import { Panel } from '../../shared/ui';

type Managed = Schemas['ManagedCustomer'];
type Ticket = Schemas['TroubleTicket'];

const PAGE = 20;

export function AccountManagerHome() {
  const { t, label, dateTime } = useI18n();
  const [page, setPage] = useState(1);
  const customers = useQuery({
    queryKey: ['accountManagerCustomers'],
    queryFn: () => unwrapPage(api.GET('/accountManager/customers', { params: { query: { limit: 100 } } })),
  });
  const workOrders = useQuery({
    queryKey: ['accountManagerWorkOrders', page],
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    queryFn: () => unwrapPage(api.GET('/troubleTicket', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE } } })),
  });
  const names = new Map((customers.data?.rows ?? []).map((c) => [c.id, c.name]));

  const customerColumns: Column<Managed>[] = [
    { key: 'name', title: t('callCentre.col.name'), render: (c) => c.name },
    { key: 'id', title: t('callCentre.col.customerId'), render: (c) => c.id },
    { key: 'kind', title: t('callCentre.customer.kind'), render: (c) => label('callCentre.customerKind', c.kind) },
    { key: 'tier', title: t('callCentre.col.tier'), render: (c) => label('tier', c.tier) },
    { key: 'home', title: t('callCentre.col.home'), render: (c) => label('place', c.homeLocalNetwork) },
    { key: 'since', title: t('depth.am.since'), render: (c) => dateTime(c.assignedAt) },
    {
      key: 'new',
      title: t('callCentre.sub.action'),
      render: (c) => (
        <Link to={`customers/${encodeURIComponent(c.id)}/new-work-order`} aria-label={t('depth.am.newFor', { name: c.name })}>
          {t('callCentre.customer.newWorkOrder')}
        </Link>
      ),
    },
  ];
  const workOrderColumns: Column<Ticket>[] = [
    { key: 'id', title: t('callCentre.wo.id'), render: (w) => <Link to={`work-orders/${encodeURIComponent(w.id)}`}>{w.id}</Link> },
    { key: 'customer', title: t('depth.am.col.customer'), render: (w) => names.get(w.customer.id) ?? w.customer.id },
    { key: 'type', title: t('callCentre.wo.type'), render: (w) => label('type', w.type) },
    { key: 'state', title: t('callCentre.wo.state'), render: (w) => label('state', w.state) },
    { key: 'priority', title: t('callCentre.wo.priority'), render: (w) => label('priority', w.priority) },
    { key: 'urges', title: t('depth.am.col.urges'), render: (w) => w.urging?.count ?? 0 },
    { key: 'created', title: t('callCentre.wo.created'), render: (w) => dateTime(w.createdAt) },
  ];

  return (
    <section aria-labelledby="am-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <h1 id="am-title" className="page-title">
          {t('depth.am.title')}
        </h1>
        <Panel title={t('depth.am.workOrders')} id="am-work-orders">
          <DataTable<Ticket>
            caption={t('depth.am.workOrders')}
            columns={workOrderColumns}
            rows={workOrders.data?.rows}
            rowKey={(w) => w.id}
            loading={workOrders.isPending}
            empty={workOrders.isError ? t('error.unavailable') : t('common.none')}
          />
          <Pagination
            className="data-table__pages"
            align="end"
            current={page}
            pageSize={PAGE}
            total={workOrders.data?.total ?? 0}
            showSizeChanger={false}
            onChange={setPage}
          />
        </Panel>
        <Panel title={t('depth.am.customers')} id="am-customers">
          <DataTable<Managed>
            caption={t('depth.am.customers')}
            columns={customerColumns}
            rows={customers.data?.rows}
            rowKey={(c) => c.id}
            loading={customers.isPending}
            empty={customers.isError ? t('error.unavailable') : t('common.none')}
          />
        </Panel>
      </Space>
    </section>
  );
}
