// Find what to audit: orders or work orders by id (or its beginning), customer, local network and
// creation dates (business days in Beijing time), in the auditor's own local networks. The criteria
// live in the address, so Back returns to the results.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api, ApiError, unwrapPage, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { LOCAL_NETWORKS, type LocalNetwork } from '../../shared/api-values';
import { DataTable, type Column } from '../../shared/DataTable';

type Hit = Schemas['AuditSearchHit'];
type Kind = Hit['kind'];
const PAGE = 20;
const ID_MAX = 80;
const ID_PATTERN = /^[A-Za-z0-9._:-]*$/;
/** A business day's start in Beijing time, as the API takes it. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const trailPath = (h: { kind: Kind; id: string }) => `${h.kind === 'order' ? 'orders' : 'work-orders'}/${encodeURIComponent(h.id)}`;

export function AuditSearchPage() {
  const { t, label, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const read = (k: string) => params.get(k) ?? '';
  const kind: Kind = read('kind') === 'workOrder' ? 'workOrder' : 'order';
  const [form, setForm] = useState({
    kind,
    id: read('id'),
    customerId: read('customerId'),
    localNetwork: read('localNetwork'),
    from: read('from'),
    to: read('to'),
  });
  const offset = Math.max(0, Number(read('offset')) || 0);
  const searched = params.has('kind');

  const bad = (v: string) => v.length > ID_MAX || !ID_PATTERN.test(v);
  const invalid = bad(form.id.trim()) || bad(form.customerId.trim()) || (form.from !== '' && form.to !== '' && form.from > form.to);

  const query = {
    kind,
    ...(read('id') ? { id: read('id') } : {}),
    ...(read('customerId') ? { customerId: read('customerId') } : {}),
    ...(read('localNetwork') ? { localNetwork: read('localNetwork') as LocalNetwork } : {}),
    ...(read('from') ? { from: dayStart(read('from')) } : {}),
    ...(read('to') ? { to: dayStart(nextDay(read('to'))) } : {}),
    limit: PAGE,
    offset,
  };
  const results = useQuery({
    queryKey: ['auditSearch', query],
    enabled: searched,
    queryFn: () => unwrapPage(api.GET('/audit/search', { params: { query } })),
  });

  const submit = (at = 0) => {
    if (invalid) return;
    const next = new URLSearchParams({ kind: form.kind });
    for (const k of ['id', 'customerId', 'localNetwork', 'from', 'to'] as const) if (form[k].trim()) next.set(k, form[k].trim());
    if (at) next.set('offset', String(at));
    setParams(next);
  };
  const page = (at: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(at));
    setParams(next);
  };

  const columns: Column<Hit>[] = [
    {
      key: 'id',
      title: t('audit.col.id'),
      render: (h) => (
        <Link to={trailPath(h)} data-testid="audit-hit">
          {h.id}
        </Link>
      ),
    },
    { key: 'kind', title: t('audit.col.kind'), render: (h) => t(h.kind === 'order' ? 'audit.kind.order' : 'audit.kind.workOrder') },
    { key: 'type', title: t('audit.col.type'), render: (h) => (h.kind === 'workOrder' ? label('type', h.type) : h.type) },
    { key: 'customer', title: t('audit.col.customer'), render: (h) => h.customerId },
    { key: 'network', title: t('audit.col.localNetwork'), render: (h) => label('place', h.localNetwork) },
    { key: 'state', title: t('audit.col.state'), render: (h) => (h.kind === 'workOrder' ? label('state', h.state) : h.state) },
    { key: 'created', title: t('audit.col.created'), render: (h) => dateTime(h.createdAt) },
  ];
  const problem = results.error instanceof ApiError ? results.error : undefined;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <section aria-labelledby="audit-search-title">
      <h1 id="audit-search-title" className="page-title">
        {t('audit.search.title')}
      </h1>
      <p className="muted">{t('audit.search.intro')}</p>
      <form
        role="search"
        aria-label={t('audit.search.title')}
        className="audit__filters"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="audit__field">
          <span>{t('audit.search.kind')}</span>
          <Select<Kind>
            aria-label={t('audit.search.kind')}
            value={form.kind}
            onChange={(v) => setForm((f) => ({ ...f, kind: v }))}
            style={{ width: 140 }}
            options={[
              { value: 'order', label: t('audit.kind.order') },
              { value: 'workOrder', label: t('audit.kind.workOrder') },
            ]}
          />
        </label>
        <label className="audit__field">
          <span>{t('audit.search.id')}</span>
          <Input
            name="id"
            value={form.id}
            onChange={(e) => set('id')(e.target.value)}
            status={bad(form.id.trim()) ? 'error' : undefined}
            maxLength={ID_MAX + 1}
            allowClear
            style={{ width: 300 }}
          />
        </label>
        <label className="audit__field">
          <span>{t('audit.search.customerId')}</span>
          <Input
            name="customerId"
            value={form.customerId}
            onChange={(e) => set('customerId')(e.target.value)}
            status={bad(form.customerId.trim()) ? 'error' : undefined}
            maxLength={ID_MAX + 1}
            allowClear
            style={{ width: 180 }}
          />
        </label>
        <label className="audit__field">
          <span>{t('audit.search.localNetwork')}</span>
          <Select<string>
            aria-label={t('audit.search.localNetwork')}
            value={form.localNetwork}
            onChange={set('localNetwork')}
            style={{ width: 140 }}
            options={[{ value: '', label: t('audit.search.anyNetwork') }, ...LOCAL_NETWORKS.map((ln) => ({ value: ln, label: label('place', ln) }))]}
          />
        </label>
        <label className="audit__field">
          <span>{t('audit.search.from')}</span>
          <Input type="date" name="from" value={form.from} onChange={(e) => set('from')(e.target.value)} style={{ width: 160 }} />
        </label>
        <label className="audit__field">
          <span>{t('audit.search.to')}</span>
          <Input type="date" name="to" value={form.to} onChange={(e) => set('to')(e.target.value)} style={{ width: 160 }} />
        </label>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} disabled={invalid}>
          {t('audit.search.submit')}
        </Button>
      </form>
      {invalid && <p className="call-centre__field-error">{t('audit.search.invalidInput', { max: ID_MAX })}</p>}
      {problem && (problem.status === 400 || problem.status === 403) && (
        <Alert
          type="error"
          showIcon
          title={t(problem.status === 403 ? 'audit.search.forbidden' : 'audit.search.invalid')}
          description={(problem.problem?.errors ?? []).map((e) => e.message).join('; ') || problem.message}
        />
      )}
      {searched && !(problem && (problem.status === 400 || problem.status === 403)) && (
        <>
          <DataTable<Hit>
            caption={t('audit.search.results')}
            columns={columns}
            rows={results.data?.rows}
            rowKey={(h) => `${h.kind}:${h.id}`}
            loading={results.isFetching}
            empty={results.isError ? t('error.unavailable') : t('audit.search.none')}
          />
          {results.data && results.data.total > 0 && (
            <div className="data-table__pages">
              <span className="muted">
                {t('audit.search.range', { first: offset + 1, last: offset + results.data.rows.length, total: results.data.total })}
              </span>{' '}
              <Button size="small" disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE))}>
                {t('audit.search.previous')}
              </Button>{' '}
              <Button size="small" disabled={offset + PAGE >= results.data.total} onClick={() => page(offset + PAGE)}>
                {t('audit.search.next')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
