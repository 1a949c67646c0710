// The orders the person may see (their local networks; a dealer its own), newest first, with the
// filters GET /productOrder has — state, local network, service line, customer, created from/to —
// and paging, all kept in the address (a filtered page can be bookmarked, and Back returns to it).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, unwrapPage, type Schemas } from '../../api/client';
import type { paths } from '../../api/openapi';
import { ORDER_DESK } from '../../app/desks';
import { useI18n } from '../../i18n';
import { LOCAL_NETWORKS, type LocalNetwork } from '../../shared/api-values';
import { DataTable, TablePages, type Column } from '../../shared/DataTable';
import { PAGE_SIZES } from '../../shared/limits';
import { FilterSelect } from '../../shared/FilterSelect';

type Order = Schemas['Order'];
type ListQuery = NonNullable<paths['/productOrder']['get']['parameters']['query']>;
type ServiceLine = NonNullable<ListQuery['serviceLine']>;

const valuesOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];
const SERVICE_LINES = valuesOf<ServiceLine>({
  fixed_line: true,
  phs: true,
  broadband: true,
  gsm_mobile: true,
  gsm_prepaid: true,
  ip_phone: true,
  long_distance: true,
  value_added: true,
});
/** The order states (domain/order.ts ORDER_STATES); the API takes any bounded string. */
const ORDER_STATES = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'completed',
  'failed',
  'partial',
  'cancelled',
  'assessingCancellation',
  'pendingCancellation',
  'rejected',
];
const REFRESH_MS = 30_000;
/** A customer id as the API takes it (api/schemas/order.ts `id`). */
const CUSTOMER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day of the order desk's calendar (China, UTC+8) as the instant it starts. */
const startOfDay = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The filters and the page, read from and written to the address. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const oneOf = <T extends string>(name: string, values: readonly T[]) => {
    const v = params.get(name);
    return values.includes(v as T) ? (v as T) : undefined;
  };
  const matching = (name: string, re: RegExp) => {
    const v = params.get(name)?.trim();
    return v && re.test(v) ? v : undefined;
  };
  const state = {
    state: oneOf('state', ORDER_STATES),
    localNetwork: oneOf<LocalNetwork>('localNetwork', LOCAL_NETWORKS),
    serviceLine: oneOf<ServiceLine>('serviceLine', SERVICE_LINES),
    customerId: matching('customerId', CUSTOMER_ID),
    from: matching('from', DAY),
    to: matching('to', DAY),
    page: Math.max(1, Math.min(5000, Number(params.get('page')) || 1)),
    size: PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20,
  };
  const update = (change: Partial<typeof state>) => {
    const next = { ...state, page: 1, ...change };
    const out = new URLSearchParams();
    for (const key of ['state', 'localNetwork', 'serviceLine', 'customerId', 'from', 'to'] as const) if (next[key]) out.set(key, next[key]);
    if (next.page > 1) out.set('page', String(next.page));
    if (next.size !== 20) out.set('size', String(next.size));
    setParams(out);
  };
  return [state, update] as const;
}

export function OrderList() {
  const { t, label, dateTime } = useI18n();
  const [filter, setFilter] = useListParams();
  const { state, localNetwork, serviceLine, customerId, from, to, page, size } = filter;
  const [customerText, setCustomerText] = useState(customerId ?? '');
  const [customerError, setCustomerError] = useState(false);

  const list = useQuery({
    queryKey: ['orders', { state, localNetwork, serviceLine, customerId, from, to, page, size }],
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    queryFn: () =>
      unwrapPage(
        api.GET('/productOrder', {
          params: {
            query: {
              state,
              localNetwork,
              serviceLine,
              customerId,
              ...(from ? { from: startOfDay(from) } : {}),
              ...(to ? { to: startOfDay(nextDay(to)) } : {}),
              limit: size,
              offset: (page - 1) * size,
            },
          },
        }),
      ),
  });

  const columns: Column<Order>[] = [
    {
      key: 'id',
      title: t('orderDesk.list.col.id'),
      render: (o) => <Link to={`${ORDER_DESK}/orders/${encodeURIComponent(o.id)}`}>{o.id}</Link>,
    },
    { key: 'customer', title: t('orderDesk.list.col.customer'), render: (o) => o.relatedParty[0]?.id ?? '' },
    { key: 'state', title: t('orderDesk.list.col.state'), render: (o) => <span title={o.stateReason}>{label('callCentre.orderState', o.state)}</span> },
    {
      key: 'items',
      title: t('orderDesk.list.col.items'),
      render: (o) => o.productOrderItem.map((i) => (i.serviceLine ? label('serviceLine', i.serviceLine) : i.productOffering.id)).join(t('list.join')),
    },
    { key: 'localNetwork', title: t('orderDesk.list.col.localNetwork'), render: (o) => label('place', o.localNetwork) },
    { key: 'channel', title: t('orderDesk.list.col.channel'), render: (o) => label('orderDesk.page.channel', o.channel) },
    { key: 'created', title: t('orderDesk.list.col.created'), render: (o) => dateTime(o.creationDate) },
  ];
  const title = t('orderDesk.list.title');

  const searchCustomer = (value: string) => {
    const v = value.trim();
    if (v && !CUSTOMER_ID.test(v)) {
      setCustomerError(true);
      return;
    }
    setCustomerError(false);
    setFilter({ customerId: v || undefined });
  };

  return (
    <section aria-labelledby="order-list-title">
      <h1 id="order-list-title" className="page-title">
        {title}
      </h1>
      <Space wrap className="worklist__filters" style={{ marginBottom: 12 }}>
        <FilterSelect
          name={t('orderDesk.list.filter.state')}
          values={ORDER_STATES}
          group="callCentre.orderState"
          value={state}
          onChange={(v) => setFilter({ state: v })}
          width={170}
        />
        <FilterSelect<LocalNetwork>
          name={t('orderDesk.list.filter.localNetwork')}
          values={LOCAL_NETWORKS}
          group="place"
          value={localNetwork}
          onChange={(v) => setFilter({ localNetwork: v })}
        />
        <FilterSelect<ServiceLine>
          name={t('orderDesk.list.filter.serviceLine')}
          values={SERVICE_LINES}
          group="serviceLine"
          value={serviceLine}
          onChange={(v) => setFilter({ serviceLine: v })}
          width={170}
        />
        <Input.Search
          aria-label={t('orderDesk.list.filter.customer')}
          placeholder={t('orderDesk.list.filter.customer')}
          allowClear
          maxLength={64}
          status={customerError ? 'error' : undefined}
          style={{ width: 220 }}
          value={customerText}
          onChange={(e) => setCustomerText(e.target.value)}
          onSearch={searchCustomer}
        />
        <label>
          {t('orderDesk.list.filter.from')}{' '}
          <input
            type="date"
            className="ant-input"
            style={{ width: 150 }}
            value={from ?? ''}
            onChange={(e) => setFilter({ from: e.target.value || undefined })}
          />
        </label>
        <label>
          {t('orderDesk.list.filter.to')}{' '}
          <input type="date" className="ant-input" style={{ width: 150 }} value={to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </label>
        <Button
          onClick={() => {
            setCustomerText('');
            setCustomerError(false);
            setFilter({ state: undefined, localNetwork: undefined, serviceLine: undefined, customerId: undefined, from: undefined, to: undefined });
          }}
        >
          {t('orderDesk.list.filter.reset')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          {t('common.refresh')}
        </Button>
      </Space>
      {customerError && (
        <p role="alert" className="field-error">
          {t('orderDesk.list.filter.customerFormat')}
        </p>
      )}
      <DataTable<Order>
        caption={title}
        columns={columns}
        rows={list.data?.rows}
        rowKey={(o) => o.id}
        loading={list.isPending}
        empty={list.isError ? t('error.unavailable') : t('orderDesk.list.empty')}
      />
      <TablePages page={page} size={size} total={list.data?.total ?? 0} totalText={(total) => t('orderDesk.list.total', { n: total })} onChange={setFilter} />
    </section>
  );
}
