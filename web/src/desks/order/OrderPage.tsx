// An order as the order desk follows it: the customer, each item's steps live (reserve → network →
// installation → billing → notify) with the installation work order, the undo of started steps as it
// runs, the final state and its reason; cancel with a reason and amend an item, offered exactly when
// the order says the API would accept them (its `cancellation` and each item's `amendment`), and
// otherwise disabled with the reason why. Live: the order's event stream (GET /productOrder/{id}/events)
// makes the page read the order again on each change it records; a slow poll stays as the fallback.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, Spin, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { CALL_CENTRE_DESK, desksOf, SUPERVISOR_BOARD } from '../../app/desks';
import { useI18n } from '../../i18n';
import { PageMessage, Panel, useToasts } from '../../shared/ui';
import { TemporalLink } from '../../shared/TemporalLink';

type Order = Schemas['Order'];
type Item = Order['productOrderItem'][number];
type StepStatus = NonNullable<Item['steps']>['reserveResources'];

/** The stream makes the page current; this poll is only for when the stream is away. */
const FALLBACK_REFRESH_MS = 30_000;
const FINAL_STATES = ['completed', 'failed', 'partial', 'cancelled', 'rejected'];
const STEPS = ['reserveResources', 'configureNetwork', 'fieldInstallation', 'activateBilling', 'notify'] as const;
type Step = (typeof STEPS)[number];
/** A reason is bounded as the API bounds it (CancelProductOrderInput). */
const MAX_REASON = 500;

export const orderQueryKey = (id: string) => ['order', id] as const;

/**
 * Server-sent events of the order (the session cookie authenticates the GET): each `order` event reads
 * the order again. EventSource reconnects by itself after a cut, not after the stream's `expired`.
 */
function useOrderEvents(id: string, final: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined' || final) return;
    const source = new EventSource(`/productOrder/${encodeURIComponent(id)}/events`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: orderQueryKey(id) });
    source.addEventListener('order', refresh);
    // The session's token expired: the order asked again is refused with the expiry, which the
    // session's own handling (any 401) turns into the sign-in page saying why.
    source.addEventListener('expired', () => {
      source.close();
      refresh();
    });
    return () => source.close();
  }, [id, final, queryClient]);
}

/** A step's status: the API's four, and notify — the customer is told as the order ends. */
function statusOf(order: Order, item: Item, step: Step): StepStatus | undefined {
  if (step === 'notify') return FINAL_STATES.includes(order.state) ? 'done' : 'pending';
  return item.steps?.[step];
}

// Dark enough for white text (WCAG AA); not started and not needed in the plain tag.
const STATUS_COLOURS: Record<StepStatus, string> = {
  pending: 'default',
  running: '#0958d9',
  done: '#237804',
  skipped: 'default',
  failed: '#a8071a',
  compensating: '#ad4e00',
  compensated: '#531dab',
};

function StepList({ order, item }: { order: Order; item: Item }) {
  const { t, label } = useI18n();
  return (
    <ol
      aria-label={t('orderDesk.page.steps', { item: item.id })}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px', margin: 0, paddingInlineStart: 20 }}
    >
      {STEPS.map((step) => {
        const status = statusOf(order, item, step);
        return (
          <li key={step} data-step={step} data-status={status ?? 'unknown'}>
            <span>{label('orderDesk.page.step', step)}</span>{' '}
            <Tag color={status ? STATUS_COLOURS[status] : 'default'}>
              {status ? label('orderDesk.page.status', status) : t('orderDesk.page.status.unknown')}
            </Tag>
          </li>
        );
      })}
    </ol>
  );
}

/** The installation work order: its id, and a read-only view where the person's desks have one. */
function InstallationWorkOrder({ id, status }: { id: string; status: StepStatus | undefined }) {
  const { t } = useI18n();
  const { user } = useSession();
  const desks = user ? desksOf(user) : [];
  const view = desks.includes(CALL_CENTRE_DESK)
    ? `${CALL_CENTRE_DESK}/work-orders/`
    : desks.includes(SUPERVISOR_BOARD)
      ? `${SUPERVISOR_BOARD}/work-orders/`
      : undefined;
  return (
    <div data-testid="installation-work-order">
      <span>{t('orderDesk.page.workOrder')}: </span>
      {view ? <Link to={`${view}${encodeURIComponent(id)}`}>{id}</Link> : <code>{id}</code>}{' '}
      <span className="muted">
        {status === 'running'
          ? t('orderDesk.page.workOrder.waiting')
          : status === 'done'
            ? t('orderDesk.page.workOrder.done')
            : status === 'failed' || status === 'compensated'
              ? t('orderDesk.page.workOrder.stopped')
              : ''}
      </span>
    </div>
  );
}

function CancelDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string) => unwrap(api.POST('/cancelProductOrder', { body: { productOrder: { id: order.id }, cancellationReason: reason } })),
    onSuccess: (answer) => {
      queryClient.setQueryData(orderQueryKey(order.id), (old: Order | undefined) => ({
        ...(old ?? {}),
        ...answer,
        cancellation: { allowed: false, code: 'CANCEL_ALREADY_REQUESTED' },
      }));
      void queryClient.invalidateQueries({ queryKey: orderQueryKey(order.id) });
      toasts.success(t('orderDesk.page.cancel.accepted'));
      onClose();
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: orderQueryKey(order.id) }),
  });
  return (
    <Modal
      open
      title={t('orderDesk.page.cancel.title', { id: order.id })}
      okText={t('orderDesk.page.cancel.confirm')}
      cancelText={t('orderDesk.page.dialog.close')}
      okButtonProps={{ loading: cancel.isPending }}
      onOk={() => void form.validateFields().then((v) => cancel.mutate(v.reason.trim()))}
      onCancel={onClose}
      destroyOnHidden
    >
      {cancel.error && <Alert type="error" showIcon title={cancel.error instanceof ApiError ? cancel.error.message : t('error.unavailable')} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('orderDesk.page.cancel.reason')}
          rules={[
            { required: true, whitespace: true, message: t('orderDesk.page.cancel.reasonRequired') },
            { max: MAX_REASON, message: t('orderDesk.page.tooLong', { max: MAX_REASON }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={MAX_REASON} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AmendDialog({ order, item, onClose }: { order: Order; item: Item; onClose: () => void }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ offering?: string; address?: string }>();
  const amend = useMutation({
    mutationFn: (v: { offering?: string; address?: string }) =>
      unwrap(
        api.PATCH('/productOrder/{id}/productOrderItem/{itemId}', {
          params: { path: { id: order.id, itemId: item.id } },
          body: {
            ...(v.offering?.trim() ? { productOffering: { id: v.offering.trim() } } : {}),
            ...(v.address?.trim() ? { product: { characteristic: [{ name: 'installationAddress', value: v.address.trim() }] } } : {}),
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderQueryKey(order.id) });
      toasts.success(t('orderDesk.page.amend.done'));
      onClose();
    },
    onError: (err) => {
      void queryClient.invalidateQueries({ queryKey: orderQueryKey(order.id) });
      const fields = err instanceof ApiError ? (err.problem?.errors ?? []) : [];
      const onOffering = fields.filter((e) => e.field.includes('productOffering'));
      if (onOffering.length) form.setFields([{ name: 'offering', errors: onOffering.map((e) => e.message) }]);
    },
  });
  return (
    <Modal
      open
      title={t('orderDesk.page.amend.title', { item: item.id })}
      okText={t('orderDesk.page.amend.confirm')}
      cancelText={t('orderDesk.page.dialog.close')}
      okButtonProps={{ loading: amend.isPending }}
      onOk={() => void form.validateFields().then((v) => amend.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      {amend.error && <Alert type="error" showIcon title={amend.error instanceof ApiError ? amend.error.message : t('error.unavailable')} />}
      <p className="muted">{t('orderDesk.page.amend.hint')}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="offering"
          label={t('orderDesk.page.amend.offering')}
          rules={[
            { max: 64, message: t('orderDesk.page.tooLong', { max: 64 }) },
            { pattern: /^[A-Za-z0-9._:-]*$/, message: t('orderDesk.page.amend.offeringFormat') },
          ]}
        >
          <Input placeholder={item.productOffering.id} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('orderDesk.page.amend.address')}
          dependencies={['offering']}
          rules={[
            { max: 256, message: t('orderDesk.page.tooLong', { max: 256 }) },
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                value?.trim() || (getFieldValue('offering') as string | undefined)?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orderDesk.page.amend.nothing'))),
            }),
          ]}
        >
          <Input maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An action button, disabled with the order's reason why when the API would refuse it. */
function ActionButton({ check, text, onClick }: { check: Order['cancellation']; text: string; onClick: () => void }) {
  const { t, label } = useI18n();
  const allowed = check?.allowed === true;
  // The refusal in the page's language by its code; the API's own words for a code the page does not know.
  const known = check?.code ? label('orderDesk.page.refused', check.code) : undefined;
  const reason = check && !check.allowed ? (known && known !== check.code ? known : (check.reason ?? check.code ?? '')) : '';
  const button = (
    <Button disabled={!allowed} onClick={onClick}>
      {text}
    </Button>
  );
  return (
    <Space wrap>
      {allowed ? button : <Tooltip title={reason}>{button}</Tooltip>}
      {!allowed && reason && (
        <span className="muted" data-testid="action-refused">
          {t('orderDesk.page.notNow', { reason })}
        </span>
      )}
    </Space>
  );
}

function ItemPanel({ order, item }: { order: Order; item: Item }) {
  const { t, label } = useI18n();
  const [amending, setAmending] = useState(false);
  const undoing = STEPS.some((s) => ['compensating', 'compensated'].includes(statusOf(order, item, s) ?? ''));
  return (
    <Panel title={t('orderDesk.page.item', { item: item.id, offering: item.productOffering.id })} id={`item-${item.id}`}>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Space wrap>
          <Tag>{label('orderDesk.page.action', item.action)}</Tag>
          {item.serviceLine && <Tag>{label('serviceLine', item.serviceLine)}</Tag>}
          <Tag color="#0958d9" data-testid={`item-state-${item.id}`}>
            {label('callCentre.orderState', item.state)}
          </Tag>
        </Space>
        <StepList order={order} item={item} />
        {undoing && (
          <Alert
            type="warning"
            showIcon
            data-testid={`compensation-${item.id}`}
            title={t('orderDesk.page.compensation')}
            description={STEPS.filter((s) => ['compensating', 'compensated'].includes(statusOf(order, item, s) ?? ''))
              .map((s) => `${label('orderDesk.page.step', s)}: ${label('orderDesk.page.status', statusOf(order, item, s))}`)
              .join(t('list.join'))}
          />
        )}
        {item.failure && (
          <Alert
            type="error"
            showIcon
            title={t('orderDesk.page.failure', { step: label('orderDesk.page.step', item.failure.step) })}
            description={`${item.failure.code}: ${item.failure.message}`}
          />
        )}
        {item.workOrderId && <InstallationWorkOrder id={item.workOrderId} status={item.steps?.fieldInstallation} />}
        {item.product?.id && (
          <div>
            {t('orderDesk.page.product')}: <code>{item.product.id}</code>
          </div>
        )}
        {item.amendment && item.amendment.code !== 'ROLE' && (
          <ActionButton check={item.amendment} text={t('orderDesk.page.amend.open')} onClick={() => setAmending(true)} />
        )}
      </Space>
      {amending && <AmendDialog order={order} item={item} onClose={() => setAmending(false)} />}
    </Panel>
  );
}

function CustomerName({ id }: { id: string }) {
  const { user } = useSession();
  // Dealers have no customer view: the id is all they are shown.
  const mayRead = !!user && user.roles.some((r) => ['order-entry', 'call-centre', 'supervisor', 'ops', 'auditor'].includes(r));
  const customer = useQuery({
    queryKey: ['orderCustomer', id],
    enabled: mayRead,
    retry: false,
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/customer/{id}', { params: { path: { id } } })),
  });
  return (
    <span>
      {customer.data ? `${customer.data.customer.name} ` : ''}
      <code>{id}</code>
    </span>
  );
}

export function OrderPage() {
  const { t, label, dateTime } = useI18n();
  const id = useParams().id!;
  const [cancelling, setCancelling] = useState(false);
  const query = useQuery({
    queryKey: orderQueryKey(id),
    queryFn: () => unwrap(api.GET('/productOrder/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && FINAL_STATES.includes(q.state.data.state) ? false : FALLBACK_REFRESH_MS),
  });
  const final = !!query.data && FINAL_STATES.includes(query.data.state);
  useOrderEvents(id, final);

  const back = (
    <Link to="../../list" relative="path" className="back-link">
      <ArrowLeftOutlined /> {t('orderDesk.page.back')}
    </Link>
  );
  if (query.isPending) return <Spin className="app__loading" size="large" />;
  if (query.isError) {
    const status = query.error instanceof ApiError ? query.error.status : 500;
    return (
      <PageMessage
        type="warning"
        title={t(status === 403 ? 'orderDesk.page.forbidden' : status === 404 ? 'orderDesk.page.notFound' : 'error.unavailable')}
        detail={id}
        extra={back}
      />
    );
  }
  const order = query.data;
  const price = order.orderTotalPrice;
  const money = (cents: number) => `${(cents / 100).toFixed(2)} ${price?.currency ?? ''}`;
  return (
    <article aria-labelledby="order-title" data-last-update={order.lastUpdate} data-order-state={order.state}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {back}
        <Space wrap align="center">
          <h1 id="order-title" className="page-title page-title--inline">
            {t('orderDesk.page.title', { id: order.id })}
          </h1>
          <Tag color="#0958d9" data-testid="order-state">
            {label('callCentre.orderState', order.state)}
          </Tag>
          <TemporalLink kind="order" id={order.id} />
          {order.cancellation && order.cancellation.code !== 'ROLE' && (
            <ActionButton check={order.cancellation} text={t('orderDesk.page.cancel.open')} onClick={() => setCancelling(true)} />
          )}
        </Space>
        {order.stateReason && (
          <Alert
            type={order.state === 'completed' ? 'success' : FINAL_STATES.includes(order.state) ? 'warning' : 'info'}
            showIcon
            data-testid="order-reason"
            title={t('orderDesk.page.reason', { reason: order.stateReason })}
          />
        )}
        {final && !order.stateReason && (
          <Alert type={order.state === 'completed' ? 'success' : 'warning'} showIcon data-testid="order-reason" title={t('orderDesk.page.finished')} />
        )}
        <Panel title={t('orderDesk.page.details')} id="order-details">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'customer', label: t('orderDesk.page.customer'), children: <CustomerName id={order.relatedParty[0]?.id ?? ''} /> },
              { key: 'localNetwork', label: t('orderDesk.page.localNetwork'), children: label('place', order.localNetwork) },
              { key: 'channel', label: t('orderDesk.page.channel'), children: label('orderDesk.page.channel', order.channel) },
              ...(order.agentId ? [{ key: 'agent', label: t('orderDesk.page.agent'), children: order.agentId }] : []),
              ...(order.externalId ? [{ key: 'externalId', label: t('orderDesk.page.externalId'), children: order.externalId }] : []),
              ...(price
                ? [
                    { key: 'oneOff', label: t('orderDesk.page.oneOff'), children: money(price.oneOffCents) },
                    { key: 'recurring', label: t('orderDesk.page.recurring'), children: money(price.recurringCents) },
                  ]
                : []),
              { key: 'created', label: t('orderDesk.page.created'), children: dateTime(order.creationDate) },
              { key: 'updated', label: t('orderDesk.page.updated'), children: dateTime(order.lastUpdate) },
              ...(order.completionDate ? [{ key: 'completed', label: t('orderDesk.page.completed'), children: dateTime(order.completionDate) }] : []),
            ]}
          />
        </Panel>
        {order.productOrderItem.map((item) => (
          <ItemPanel key={item.id} order={order} item={item} />
        ))}
      </Space>
      {cancelling && <CancelDialog order={order} onClose={() => setCancelling(false)} />}
    </article>
  );
}
