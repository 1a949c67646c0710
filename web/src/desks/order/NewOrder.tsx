// A new order for one customer: who they are (the 360), the catalog as offered in their local network
// by service line (for an agent: its contract, and why an offering is refused), the items with their
// characteristics — a number chosen from the free numbers and held, the installation address —, the
// deposit paid, the quote with its explanation lines, then Place with one Idempotency-Key per form
// (a double click or a retry makes one order). Numbers held and not placed are released on leaving.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Input, InputNumber, Segmented, Select, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { LocalNetwork } from '../../shared/api-values';
import { DataTable, type Column } from '../../shared/DataTable';
import { PageMessage, Panel } from '../../shared/ui';
import { useSession } from '../../auth/session';
import { NumberPicker, releaseHold } from './NumberPicker';
import { depositDue, forCustomer, missingFields, orderBody, placeOfError, type FormItem } from './order-form';

type Offering = Schemas['CatalogOffering'];
type QuoteItem = Schemas['Quote']['items'][number];
type QuoteLine = QuoteItem['lines'][number] & { key: string; offeringId: string };

const yuan = (cents: number) => (cents / 100).toFixed(2);

export function NewOrder() {
  const { t, label } = useI18n();
  const customerId = useParams().customerId!;
  const navigate = useNavigate();
  const { user } = useSession();
  // An agent does not read the customer 360: it orders for the customer id it was given, in its own local network.
  const agentOnly = (user?.roles.includes('agent') ?? false) && !user?.roles.includes('order-entry');
  const customer360 = useQuery({
    queryKey: ['customer360', customerId],
    enabled: !agentOnly,
    queryFn: () => unwrap(api.GET('/customer/{id}', { params: { path: { id: customerId } } })),
  });
  const agentNetwork = Array.isArray(user?.localNetworks) ? user.localNetworks[0] : undefined;
  const customer = agentOnly
    ? {
        isPending: user === undefined,
        isError: agentNetwork === undefined,
        error: undefined as unknown,
        data: { customer: { id: customerId, name: customerId, tier: '', kind: '', homeLocalNetwork: agentNetwork ?? '', status: 'active' } },
      }
    : customer360;
  const localNetwork = (customer.data?.customer.homeLocalNetwork || undefined) as LocalNetwork | undefined;
  const catalog = useQuery({
    queryKey: ['offeredCatalog', localNetwork],
    enabled: localNetwork !== undefined,
    queryFn: () => unwrap(api.GET('/catalog/productOffering', { params: { query: { localNetwork: localNetwork! } } })),
  });

  // One key per form: a double click or a retry of the same order is one order; a changed form after a refusal gets a new one.
  const [formKey, setFormKey] = useState(() => crypto.randomUUID());
  const [line, setLine] = useState<string>();
  const [items, setItems] = useState<FormItem[]>([]);
  const [depositYuan, setDepositYuan] = useState<number | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ byItem: Record<string, Record<string, string>>; deposit?: string; form: string[] }>({
    byItem: {},
    form: [],
  });
  const nextItem = useRef(1);

  // Numbers held by this form and not placed are released when it is left (they would lapse by themselves).
  const held = useRef<{ localNetwork?: string; items: FormItem[]; placed: boolean }>({ items: [], placed: false });
  held.current.items = items;
  held.current.localNetwork = localNetwork;
  useEffect(() => {
    const releaseAll = () => {
      const h = held.current;
      if (h.placed || !h.localNetwork) return;
      for (const i of h.items) if (i.number) void releaseHold(h.localNetwork, i.number);
    };
    window.addEventListener('pagehide', releaseAll);
    return () => {
      window.removeEventListener('pagehide', releaseAll);
      releaseAll();
    };
  }, []);

  const c = customer.data?.customer;
  const due = c ? depositDue(c, items) : { amountCents: 0, reasons: [] };
  const depositPaidCents = depositYuan === null ? due.amountCents : Math.round(depositYuan * 100);
  const isAgent = catalog.data?.agent !== undefined;
  const body = useMemo(
    () => (c ? orderBody(c, items, { channel: isAgent ? 'agent' : 'shop', depositPaidCents }) : undefined),
    [c, items, isAgent, depositPaidCents],
  );
  const missing = missingFields(items);
  const ready = body !== undefined && items.length > 0 && Object.keys(missing).length === 0;

  const quote = useQuery({
    queryKey: ['quote', body],
    enabled: ready,
    retry: false,
    queryFn: () => unwrap(api.POST('/quote', { body: body as Schemas['QuoteInput'] })),
  });

  const place = useMutation({
    mutationFn: () => unwrap(api.POST('/productOrder', { params: { header: { 'idempotency-key': formKey } }, body: body as Schemas['ProductOrderInput'] })),
    onSuccess: (order) => {
      held.current.placed = true;
      navigate(`/orders/orders/${encodeURIComponent(order.id)}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) setFormKey(crypto.randomUUID());
    },
  });

  // The API's field errors, from the quote or from placing, on the fields they name.
  const problem = (place.error ?? quote.error) as unknown;
  useEffect(() => {
    const errors = problem instanceof ApiError ? (problem.problem?.errors ?? []) : [];
    const next: typeof fieldErrors = { byItem: {}, form: [] };
    for (const e of errors) {
      const where = placeOfError(e.field, items);
      if ('item' in where) (next.byItem[where.item] ??= {})[where.field] = e.message;
      else if (where.field === 'depositPaidCents') next.deposit = e.message;
      else next.form.push(e.message);
    }
    if (problem instanceof ApiError && !errors.length) next.form.push(problem.message);
    setFieldErrors(next);
  }, [problem]);

  if (customer.isPending) return <Spin className="app__loading" size="large" />;
  if (customer.isError || !customer.data) {
    const status = customer.error instanceof ApiError ? customer.error.status : 500;
    return (
      <PageMessage
        type={status === 403 ? 'warning' : 'error'}
        title={t(status === 403 ? 'orderDesk.customer.forbidden' : status === 404 ? 'orderDesk.customer.notFound' : 'error.unavailable')}
        detail={customerId}
        extra={<BackToFinder />}
      />
    );
  }
  const { customer: who } = customer.data;
  const offerings = catalog.data?.productOffering ?? [];
  const lines = catalog.data?.serviceLines ?? [];
  const shownLine = line ?? lines[0]?.id;
  const agent = catalog.data?.agent;

  const addItem = (o: Offering) => {
    const id = String(nextItem.current++);
    setItems((xs) => [...xs, { id, offering: o, values: {} }]);
  };
  const updateItem = (id: string, change: (i: FormItem) => FormItem) => setItems((xs) => xs.map((i) => (i.id === id ? change(i) : i)));
  const removeItem = (item: FormItem) => {
    if (item.number && localNetwork) void releaseHold(localNetwork, item.number);
    setItems((xs) => xs.filter((i) => i.id !== item.id));
  };
  const refusalOf = (o: Offering) =>
    o.refusal?.reason ??
    (!who.kind || forCustomer(o, who.kind) ? undefined : t('orderDesk.catalog.notForCustomer', { kinds: (o.customerKinds ?? []).join(', ') }));

  const offeringColumns: Column<Offering>[] = [
    { key: 'name', title: t('orderDesk.catalog.offering'), render: (o) => <span lang={o.nameZh ? 'zh-CN' : undefined}>{o.nameZh ?? o.name}</span> },
    { key: 'id', title: t('orderDesk.catalog.id'), render: (o) => <code>{o.id}</code> },
    {
      key: 'needs',
      title: t('orderDesk.catalog.needs'),
      render: (o) => (
        <Space wrap size={4}>
          {o.numberPlan && <Tag>{t('orderDesk.catalog.needsNumber')}</Tag>}
          {o.needsInstallationAddress && <Tag>{t('orderDesk.catalog.needsAddress')}</Tag>}
          {o.fieldInstallation && <Tag>{t('orderDesk.catalog.visit')}</Tag>}
          {o.deposit.length > 0 && <Tag>{t('orderDesk.catalog.deposit')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'add',
      title: t('orderDesk.catalog.action'),
      render: (o) => {
        const refusal = refusalOf(o);
        return refusal ? (
          <span className="order-desk__refusal" data-testid={`refusal-${o.id}`}>
            {t('orderDesk.catalog.refused', { reason: refusal })}
          </span>
        ) : (
          <Button size="small" icon={<PlusOutlined />} onClick={() => addItem(o)} aria-label={`${t('orderDesk.catalog.add')} ${o.nameZh ?? o.name}`}>
            {t('orderDesk.catalog.add')}
          </Button>
        );
      },
    },
  ];

  const quoteLines: QuoteLine[] =
    quote.data?.items.flatMap((qi) => qi.lines.map((l, n) => ({ ...l, key: `${qi.itemId ?? qi.offeringId}-${n}`, offeringId: qi.offeringId }))) ?? [];
  const quoteColumns: Column<QuoteLine>[] = [
    { key: 'offering', title: t('orderDesk.quote.offering'), render: (l) => <code>{l.offeringId}</code> },
    { key: 'policy', title: t('orderDesk.quote.policy'), render: (l) => <code>{l.policyId}</code> },
    { key: 'kind', title: t('orderDesk.quote.kind'), render: (l) => label('orderDesk.quote.kind', l.kind) },
    { key: 'description', title: t('orderDesk.quote.description'), render: (l) => l.description },
    { key: 'amount', title: t('orderDesk.quote.amount'), render: (l) => yuan(l.amountCents) },
  ];

  return (
    <section aria-labelledby="new-order-title" className="order-desk">
      <BackToFinder />
      <h1 id="new-order-title" className="page-title">
        {t('orderDesk.new.title', { name: who.name })}
      </h1>

      <Panel title={t('orderDesk.customer.title')} id="order-customer">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('orderDesk.customer.name')}>{who.name}</Descriptions.Item>
          <Descriptions.Item label={t('orderDesk.customer.id')}>{who.id}</Descriptions.Item>
          {who.tier && <Descriptions.Item label={t('orderDesk.customer.tier')}>{label('tier', who.tier)}</Descriptions.Item>}
          {who.kind && <Descriptions.Item label={t('orderDesk.customer.kind')}>{label('orderDesk.customerKind', who.kind)}</Descriptions.Item>}
          <Descriptions.Item label={t('orderDesk.customer.network')}>{label('place', who.homeLocalNetwork)}</Descriptions.Item>
          <Descriptions.Item label={t('orderDesk.customer.status')}>{label('callCentre.customerStatus', who.status)}</Descriptions.Item>
        </Descriptions>
        {who.status !== 'active' && <Alert type="warning" showIcon title={t('orderDesk.customer.notActive')} />}
        {/* The counter takes payments (order entry only: an agent neither reads the 360 nor takes money). */}
        {!agentOnly && (
          <Link to={`../../pay/${encodeURIComponent(customerId)}`} relative="path">
            {t('orderDesk.pay.link')}
          </Link>
        )}
      </Panel>

      {agent && (
        <Panel title={t('orderDesk.agent.title')} id="order-agent">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('orderDesk.agent.name')}>{agent.name}</Descriptions.Item>
            <Descriptions.Item label={t('orderDesk.agent.valid')}>
              {t('orderDesk.agent.validRange', { from: agent.validFrom, to: agent.validTo })}
            </Descriptions.Item>
            <Descriptions.Item label={t('orderDesk.agent.networks')}>
              {agent.localNetworks.map((n) => label('place', n)).join(t('list.join'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('orderDesk.agent.scope')}>
              {[...agent.serviceLines.map((s) => label('serviceLine', s)), ...agent.offeringIds].join(t('list.join')) || t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('orderDesk.agent.limit')}>
              {t('orderDesk.agent.limitValue', { today: agent.ordersToday, limit: agent.dailyOrderLimit })}
            </Descriptions.Item>
          </Descriptions>
          {agent.refusal && <Alert type="warning" showIcon title={agent.refusal.reason} />}
        </Panel>
      )}

      <Panel title={t('orderDesk.catalog.title', { network: label('place', who.homeLocalNetwork) })} id="order-catalog">
        {catalog.isError && <Alert type="error" showIcon title={catalog.error instanceof ApiError ? catalog.error.message : t('error.unavailable')} />}
        {lines.length > 0 && (
          <Segmented
            aria-label={t('orderDesk.catalog.serviceLine')}
            value={shownLine}
            onChange={(v) => setLine(String(v))}
            options={lines.map((l) => ({ value: l.id, label: `${label('serviceLine', l.id)} (${l.offerings})` }))}
            className="order-desk__lines"
          />
        )}
        <DataTable<Offering>
          caption={t('orderDesk.catalog.caption')}
          columns={offeringColumns}
          rows={catalog.data ? offerings.filter((o) => o.serviceLine === shownLine) : undefined}
          rowKey={(o) => o.id}
          loading={catalog.isFetching}
          empty={t('orderDesk.catalog.none')}
        />
      </Panel>

      <Panel title={t('orderDesk.items.title')} id="order-items">
        {items.length === 0 && <p className="muted">{t('orderDesk.items.none')}</p>}
        {items.map((item) => {
          const errs = fieldErrors.byItem[item.id] ?? {};
          return (
            <div key={item.id} className="order-desk__item" data-testid={`item-${item.offering.id}`}>
              <h3 className="order-desk__item-title">
                {t('orderDesk.items.item', { n: item.id, name: item.offering.id })}
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => removeItem(item)}
                  aria-label={`${t('orderDesk.items.remove')} ${item.offering.id}`}
                >
                  {t('orderDesk.items.remove')}
                </Button>
              </h3>
              {errs.offering && <p className="order-desk__field-error">{errs.offering}</p>}
              {item.offering.numberPlan && localNetwork && (
                <NumberPicker
                  itemId={item.id}
                  formKey={formKey}
                  localNetwork={localNetwork}
                  serviceLine={item.offering.serviceLine}
                  held={item.number}
                  onHeld={(number) => updateItem(item.id, (i) => ({ ...i, number }))}
                  error={errs.requestedNumber}
                />
              )}
              {item.offering.characteristic
                .filter((ch) => ch.name !== 'requestedNumber')
                .map((ch) => {
                  const id = `item-${item.id}-${ch.name}`;
                  const required = ch.requiredFor?.includes('add') ?? false;
                  const error = errs[ch.name] ?? (missing[item.id]?.includes(ch.name) && item.values[ch.name] !== undefined ? t('form.required') : undefined);
                  return (
                    <div key={ch.name} className="order-desk__field">
                      <label htmlFor={id} className="order-desk__label">
                        {label('orderDesk.characteristic', ch.name)}
                        {required && <span aria-hidden="true"> *</span>}
                      </label>
                      {ch.allowedValues ? (
                        <Select
                          id={id}
                          value={item.values[ch.name]}
                          onChange={(v: string) => updateItem(item.id, (i) => ({ ...i, values: { ...i.values, [ch.name]: v } }))}
                          options={ch.allowedValues.map((v) => ({ value: v, label: v }))}
                          style={{ width: 200 }}
                          aria-required={required}
                        />
                      ) : (
                        <Input
                          id={id}
                          value={item.values[ch.name] ?? ''}
                          maxLength={256}
                          onChange={(e) => updateItem(item.id, (i) => ({ ...i, values: { ...i.values, [ch.name]: e.target.value } }))}
                          status={error ? 'error' : undefined}
                          aria-required={required}
                          aria-invalid={error ? true : undefined}
                          placeholder={ch.description}
                        />
                      )}
                      {error && <p className="order-desk__field-error">{error}</p>}
                    </div>
                  );
                })}
            </div>
          );
        })}
        <div className="order-desk__field">
          <label htmlFor="deposit-paid" className="order-desk__label">
            {t('orderDesk.deposit.paid')}
          </label>
          <InputNumber
            id="deposit-paid"
            min={0}
            max={1_000_000}
            step={10}
            precision={2}
            value={depositPaidCents / 100}
            onChange={(v) => setDepositYuan(v === null ? 0 : Number(v))}
            status={fieldErrors.deposit ? 'error' : undefined}
          />
          <p className="muted">
            {due.amountCents > 0 ? t('orderDesk.deposit.due', { amount: yuan(due.amountCents), reasons: due.reasons.join('; ') }) : t('orderDesk.deposit.none')}
          </p>
          {fieldErrors.deposit && <p className="order-desk__field-error">{fieldErrors.deposit}</p>}
        </div>
      </Panel>

      <Panel title={t('orderDesk.quote.title')} id="order-quote">
        {!ready && <p className="muted">{items.length ? t('orderDesk.quote.incomplete') : t('orderDesk.items.none')}</p>}
        {ready && quote.isFetching && !quote.data && <Spin />}
        {quote.data && (
          <>
            <DataTable<QuoteLine>
              caption={t('orderDesk.quote.caption')}
              columns={quoteColumns}
              rows={quoteLines}
              rowKey={(l) => l.key}
              loading={quote.isFetching}
              empty={t('orderDesk.quote.noLines')}
            />
            <p className="order-desk__totals" data-testid="quote-totals">
              {t('orderDesk.quote.totals', {
                oneOff: yuan(quote.data.totalOneOffCents),
                recurring: yuan(quote.data.totalRecurringCents),
                currency: quote.data.currency,
              })}
              {due.amountCents > 0 && ` ${t('orderDesk.quote.deposit', { amount: yuan(due.amountCents) })}`}
            </p>
            {quote.data.explanation.length > 0 && (
              <ul className="order-desk__explanation">
                {quote.data.explanation.map((e, n) => (
                  <li key={n}>{e}</li>
                ))}
              </ul>
            )}
          </>
        )}
        {fieldErrors.form.length > 0 && (
          <Alert type="error" showIcon title={t('orderDesk.place.refused')} description={fieldErrors.form.join('; ')} data-testid="order-problem" />
        )}
        <Space className="order-desk__actions">
          <Button type="primary" size="large" disabled={!ready || !quote.data} loading={place.isPending} onClick={() => place.mutate()}>
            {t('orderDesk.place.submit')}
          </Button>
          {place.isError && !(place.error instanceof ApiError && place.error.status < 500) && <span>{t('error.unavailable')}</span>}
        </Space>
      </Panel>
    </section>
  );
}

function BackToFinder() {
  const { t } = useI18n();
  return (
    <Link to="/orders" className="back-link">
      <ArrowLeftOutlined /> {t('orderDesk.backToFinder')}
    </Link>
  );
}
