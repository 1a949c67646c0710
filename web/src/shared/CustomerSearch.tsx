// One search box for a customer (the call centre's, and the order desk's): what was typed is read as a
// service number, an ID number, a customer id or a name (or as what the selector says), kept in the
// address so Back returns to the results; ID numbers come back masked. Each desk says where a found
// customer leads.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api, ApiError, unwrapPage, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { classifyCustomerQuery, CRITERION_MAX, CUSTOMER_CRITERIA, type CustomerCriterion } from './customer-query';
import { DataTable, type Column } from './DataTable';

export type CustomerSearchResult = Schemas['CustomerSearchResult'];
type Result = CustomerSearchResult;
type By = CustomerCriterion | 'auto';

/** The search page of a desk: its title, and the link each found customer's name leads to (relative to the page). */
export function CustomerSearch({ title, linkTo }: { title: string; linkTo: (c: CustomerSearchResult) => string }) {
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const byParam = params.get('by');
  const by: By = (CUSTOMER_CRITERIA as readonly string[]).includes(byParam ?? '') ? (byParam as CustomerCriterion) : 'auto';
  const [text, setText] = useState(q);
  const [kind, setKind] = useState<By>(by);
  const criterion = q ? (by === 'auto' ? classifyCustomerQuery(q) : { criterion: by, value: q.trim() }) : undefined;
  const tooLong = text.trim().length > CRITERION_MAX[kind === 'auto' ? classifyCustomerQuery(text).criterion : kind];

  const results = useQuery({
    queryKey: ['customerSearch', criterion],
    enabled: criterion !== undefined,
    queryFn: () => unwrapPage(api.GET('/customer', { params: { query: { [criterion!.criterion]: criterion!.value, limit: 20 } } })),
  });

  const submit = () => {
    if (!text.trim() || tooLong) return;
    const next = new URLSearchParams({ q: text.trim() });
    if (kind !== 'auto') next.set('by', kind);
    setParams(next);
  };

  const columns: Column<Result>[] = [
    { key: 'name', title: t('callCentre.col.name'), render: (c) => <Link to={linkTo(c)}>{c.name}</Link> },
    { key: 'id', title: t('callCentre.col.customerId'), render: (c) => c.id },
    { key: 'idNumber', title: t('callCentre.col.idNumber'), render: (c) => <span data-testid="id-number-masked">{c.idNumberMasked ?? t('common.none')}</span> },
    { key: 'services', title: t('callCentre.col.services'), render: (c) => c.serviceIds.join(t('list.join')) || t('common.none') },
    { key: 'tier', title: t('callCentre.col.tier'), render: (c) => label('tier', c.tier) },
    { key: 'home', title: t('callCentre.col.home'), render: (c) => label('place', c.homeLocalNetwork) },
    { key: 'status', title: t('callCentre.col.status'), render: (c) => label('callCentre.customerStatus', c.status) },
  ];
  const problem = results.error instanceof ApiError ? results.error : undefined;
  const readAs =
    criterion && by === 'auto' ? t('callCentre.search.readAs', { what: t(`callCentre.criterion.${criterion.criterion}` as MessageKey) }) : undefined;

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title" className="page-title">
        {title}
      </h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Space.Compact className="call-centre__search">
          <Select<By>
            aria-label={t('callCentre.search.by')}
            value={kind}
            onChange={setKind}
            style={{ width: 150 }}
            options={(['auto', ...CUSTOMER_CRITERIA] as const).map((v) => ({ value: v, label: t(`callCentre.criterion.${v}` as MessageKey) }))}
          />
          <Input
            aria-label={t('callCentre.search.label')}
            placeholder={t('callCentre.search.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            status={tooLong ? 'error' : undefined}
            allowClear
            style={{ width: 360 }}
          />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} disabled={!text.trim() || tooLong}>
            {t('callCentre.search.submit')}
          </Button>
        </Space.Compact>
      </form>
      {tooLong && (
        <p className="call-centre__field-error">{t('form.tooLong', { max: CRITERION_MAX[kind === 'auto' ? classifyCustomerQuery(text).criterion : kind] })}</p>
      )}
      {readAs && <p className="muted">{readAs}</p>}
      {problem && problem.status === 400 && (
        <Alert
          type="error"
          showIcon
          title={t('callCentre.search.invalid')}
          description={(problem.problem?.errors ?? []).map((e) => e.message).join('; ') || problem.message}
        />
      )}
      {criterion && !(problem && problem.status === 400) && (
        <>
          <DataTable<Result>
            caption={t('callCentre.search.results')}
            columns={columns}
            rows={results.data?.rows}
            rowKey={(c) => c.id}
            loading={results.isFetching}
            empty={results.isError ? t('error.unavailable') : t('callCentre.search.none')}
          />
          {results.data && results.data.total > results.data.rows.length && (
            <p className="muted">{t('callCentre.search.more', { shown: results.data.rows.length, total: results.data.total })}</p>
          )}
        </>
      )}
    </section>
  );
}
