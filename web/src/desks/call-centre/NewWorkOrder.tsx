// A new work order for the customer on the phone, prefilled from their record (the service asked
// about, its service line), validated with the API's own bounds; the roaming location is shown and
// sent when the agent works in another local network than the customer's home. A complaint or fault
// report names its category, picked from the tree the API serves (level 2 or deeper). One Idempotency-Key
// per form: a double click, or a retry after a lost answer, makes one work order. The answer shows
// where it was dispatched and the deadline promised to the customer.
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Cascader, Descriptions, Form, Input, Radio, Select, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, unwrapPage, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { LOCAL_NETWORKS, type LocalNetwork } from '../../shared/api-values';
import { MAX_DESCRIPTION } from '../../shared/customer-query';
import { PageMessage, Panel } from '../../shared/ui';
import { departmentName, SlaCountdown } from '../../shared/work-order';
import { useCategories } from '../../shared/work-order-actions';
import { fetchCustomer } from './CustomerPage';
import { isAccountManagerOnly } from './account-manager';

type Create = Schemas['CreateTroubleTicket'];
type Ticket = Schemas['TroubleTicket'];
type C360 = Schemas['Customer360'];
/** What the form needs of the customer: the 360's, or — for their account manager, who reads no 360 — their own customer list's. */
interface Intake {
  customer: Pick<C360['customer'], 'id' | 'name' | 'homeLocalNetwork'>;
  subscriptions: C360['subscriptions'];
}

/** An account manager's own customer, from their list (no services: the work order names its service line); 403 when not theirs. */
async function fetchManaged(id: string): Promise<Intake> {
  const { rows } = await unwrapPage(api.GET('/accountManager/customers', { params: { query: { limit: 200 } } }));
  const c = rows.find((r) => r.id === id);
  if (!c) throw new ApiError(403, undefined);
  return { customer: { id: c.id, name: c.name, homeLocalNetwork: c.homeLocalNetwork }, subscriptions: [] };
}
type CategoryNode = Schemas['WorkOrderCategoryNode'];

/** What the call centre takes (a suggestion is no work order for a department). */
const TYPES = ['complaint', 'fault_report', 'inquiry', 'service_request'] as const satisfies readonly Create['type'][];
const CHANNELS = ['phone', 'ivr', 'web', 'sms', 'email', 'fax', 'letter', 'walk_in'] as const satisfies readonly Create['channel'][];
const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Create['priority'][];
const SERVICE_LINES = [
  'fixed_line',
  'phs',
  'broadband',
  'gsm_mobile',
  'gsm_prepaid',
  'ip_phone',
  'long_distance',
  'value_added',
] as const satisfies readonly Create['serviceLine'][];

interface Values {
  type: Create['type'];
  channel: Create['channel'];
  priority: Create['priority'];
  subscriptionId?: string;
  serviceLine: Create['serviceLine'];
  takenInLocalNetwork: LocalNetwork;
  /** The path picked in the category tree, top level first; the last id is sent. */
  category?: string[];
  description: string;
}

/** The category tree as the cascader's options, in the reader's language. */
interface CategoryOption {
  value: string;
  label: string;
  children?: CategoryOption[];
}
const categoryOptions = (nodes: readonly CategoryNode[], lang: 'zh-CN' | 'en'): CategoryOption[] =>
  nodes
    .filter((n) => !n.retired)
    .map((n) => ({ value: n.id, label: n.name[lang], ...(n.children?.length ? { children: categoryOptions(n.children, lang) } : {}) }));

/** A key per form, random enough that two agents' never meet (the API scopes it to the caller too). */
function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** The API's field (`description`, `customer.id`, `header.idempotency-key`) as a field of this form, when it is one. */
const FORM_FIELDS: Record<string, keyof Values> = {
  type: 'type',
  channel: 'channel',
  priority: 'priority',
  subscriptionId: 'subscriptionId',
  serviceLine: 'serviceLine',
  takenInLocalNetwork: 'takenInLocalNetwork',
  category: 'category',
  description: 'description',
};
const ISSUE_MESSAGES: Record<string, MessageKey> = { too_big: 'form.tooLong', too_small: 'form.required', invalid_type: 'form.required' };

function Dispatched({ ticket }: { ticket: Ticket }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  return (
    <Panel title={t('callCentre.new.done', { id: ticket.id })} id="dispatch-result">
      <Alert type="success" showIcon title={t('callCentre.new.doneDetail')} />
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'id',
            label: t('callCentre.wo.id'),
            children: (
              <Link to={`../../../work-orders/${encodeURIComponent(ticket.id)}`} relative="path">
                {ticket.id}
              </Link>
            ),
          },
          { key: 'state', label: t('callCentre.wo.state'), children: label('state', ticket.state) },
          {
            key: 'departments',
            label: t('callCentre.new.dispatchedTo'),
            children: <span data-testid="dispatched-to">{ticket.assignees.map((d) => departmentName(d, i18n)).join(t('list.join')) || t('common.none')}</span>,
          },
          ...(ticket.forwardedTo ? [{ key: 'forwarded', label: t('wo.forwardedTo'), children: label('place', ticket.forwardedTo) }] : []),
          {
            key: 'resolveBy',
            label: t('callCentre.new.promised'),
            children: ticket.deadlines.resolveBy ? (
              <span data-testid="promised-deadline">
                {dateTime(ticket.deadlines.resolveBy)} <SlaCountdown deadline={ticket.deadlines.resolveBy} />
              </span>
            ) : (
              t('sla.none')
            ),
          },
        ]}
      />
    </Panel>
  );
}

export function NewWorkOrder() {
  const i18n = useI18n();
  const { t, label, locale } = i18n;
  const id = useParams().id!;
  const [params] = useSearchParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  // An account manager takes it for their own customer, by channel account_manager (the API sets it).
  const manager = isAccountManagerOnly(user);
  const customer = useQuery<Intake>({
    queryKey: manager ? ['managedCustomer', id] : ['customer360', id],
    queryFn: () => (manager ? fetchManaged(id) : fetchCustomer(id)),
  });
  const categories = useCategories();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [taken, setTaken] = useState<Ticket | { id: string; pending: true }>();
  const takenIn = Form.useWatch('takenInLocalNetwork', form);
  const type = Form.useWatch('type', form);

  // Where the agent may take work orders: their own local networks.
  const mine = useMemo<LocalNetwork[]>(
    () => (user?.localNetworks === '*' || !user ? LOCAL_NETWORKS : LOCAL_NETWORKS.filter((n) => (user.localNetworks as string[]).includes(n))),
    [user],
  );

  if (customer.isPending) return <Spin className="app__loading" size="large" />;
  if (customer.isError) {
    const status = customer.error instanceof ApiError ? customer.error.status : 500;
    return (
      <PageMessage
        type="warning"
        title={t(status === 403 ? 'callCentre.customer.forbidden' : status === 404 ? 'callCentre.customer.notFound' : 'error.unavailable')}
        detail={id}
      />
    );
  }
  const c = customer.data.customer;
  const live = customer.data.subscriptions.filter((s) => s.status !== 'terminated');
  const asked = live.find((s) => s.id === params.get('subscription'));
  const home = c.homeLocalNetwork as LocalNetwork;
  const initial: Partial<Values> = {
    type: 'complaint',
    channel: 'phone',
    priority: 'medium',
    subscriptionId: asked?.id,
    serviceLine: (asked?.serviceLine ?? live[0]?.serviceLine ?? 'fixed_line') as Values['serviceLine'],
    // Taken where the agent works: the customer's home when it is one of the agent's networks, else roaming.
    takenInLocalNetwork: mine.includes(home) ? home : mine[0],
    description: '',
  };
  // Complaints and fault reports (投诉申告) are forwarded to the home network, and need a category.
  const forwarded = (categories.data?.requiredFor ?? ['complaint', 'fault_report']).includes(type ?? initial.type!);
  const roaming = (takenIn ?? initial.takenInLocalNetwork) !== home && forwarded;
  const minLevel = categories.data?.minLevel ?? 2;

  const submit = async (v: Values) => {
    setSending(true);
    setFailure(undefined);
    const body: Create = {
      type: v.type,
      channel: manager ? 'account_manager' : v.channel,
      priority: v.priority,
      customer: { id: c.id },
      takenInLocalNetwork: v.takenInLocalNetwork,
      serviceLine: v.serviceLine,
      ...(v.category?.length ? { category: v.category[v.category.length - 1]! } : {}),
      description: v.description.trim(),
      ...(v.subscriptionId ? { subscriptionId: v.subscriptionId } : {}),
    };
    try {
      const call = api.POST('/troubleTicket', { params: { header: { 'idempotency-key': key } }, body });
      const { response } = await call;
      const answer = await unwrap(call);
      setTaken(response.status === 202 ? { id: (answer as { id: string }).id, pending: true } : (answer as Ticket));
      void queryClient.invalidateQueries({ queryKey: manager ? ['accountManagerWorkOrders'] : ['customer360', id] });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFailure(t('error.unavailable'));
        return;
      }
      const errors = err.problem?.errors ?? [];
      const onFields = errors.filter((e) => FORM_FIELDS[e.field]);
      if (onFields.length) {
        form.setFields(
          onFields.map((e) => ({
            name: FORM_FIELDS[e.field]!,
            errors: [ISSUE_MESSAGES[e.code ?? ''] ? t(ISSUE_MESSAGES[e.code!]!, { max: MAX_DESCRIPTION }) : e.message],
          })),
        );
      }
      const rest = errors.filter((e) => !FORM_FIELDS[e.field]).map((e) => `${e.field}: ${e.message}`);
      if (!onFields.length || rest.length) setFailure([err.status === 403 ? t('callCentre.new.forbidden') : err.message, ...rest].join('; '));
    } finally {
      setSending(false);
    }
  };

  // An account manager has no customer page: back to their customers.
  const backTo = manager ? '../../..' : '..';
  const backText = manager ? t('depth.am.title') : t('callCentre.backToCustomer', { name: c.name });
  const back = (
    <Link to={backTo} relative="path" className="back-link">
      <ArrowLeftOutlined /> {backText}
    </Link>
  );
  if (taken)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {back}
        <h1 className="page-title">{t('callCentre.new.title', { name: c.name })}</h1>
        {'pending' in taken ? <Alert type="info" showIcon title={t('callCentre.new.pending', { id: taken.id })} /> : <Dispatched ticket={taken} />}
        <Space>
          <Button
            onClick={() => {
              setTaken(undefined);
              setKey(newKey());
              form.resetFields();
            }}
          >
            {t('callCentre.new.another')}
          </Button>
          <Link to={backTo} relative="path">
            {backText}
          </Link>
        </Space>
      </Space>
    );

  return (
    <section aria-labelledby="new-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {back}
        <h1 id="new-title" className="page-title">
          {t('callCentre.new.title', { name: c.name })}
        </h1>
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} style={{ maxWidth: 720 }} disabled={sending}>
          <Form.Item name="type" label={t('callCentre.new.type')} rules={[{ required: true, message: t('form.required') }]}>
            <Radio.Group options={TYPES.map((v) => ({ value: v, label: label('type', v) }))} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="subscriptionId" label={t('callCentre.new.subscription')}>
              <Select
                allowClear
                style={{ width: 280 }}
                placeholder={t('callCentre.new.subscriptionNone')}
                onChange={(sid?: string) => {
                  const s = live.find((x) => x.id === sid);
                  if (s) form.setFieldValue('serviceLine', s.serviceLine);
                }}
                options={live.map((s) => ({ value: s.id, label: `${s.serviceId} · ${label('serviceLine', s.serviceLine)}` }))}
              />
            </Form.Item>
            <Form.Item name="serviceLine" label={t('callCentre.new.serviceLine')} rules={[{ required: true, message: t('form.required') }]}>
              <Select style={{ width: 180 }} options={SERVICE_LINES.map((v) => ({ value: v, label: label('serviceLine', v) }))} />
            </Form.Item>
            <Form.Item name="priority" label={t('callCentre.new.priority')} rules={[{ required: true, message: t('form.required') }]}>
              <Select style={{ width: 120 }} options={PRIORITIES.map((v) => ({ value: v, label: label('priority', v) }))} />
            </Form.Item>
            {manager ? (
              <Form.Item label={t('callCentre.new.channel')}>
                <span data-testid="channel">{label('channel', 'account_manager')}</span>
              </Form.Item>
            ) : (
              <Form.Item name="channel" label={t('callCentre.new.channel')} rules={[{ required: true, message: t('form.required') }]}>
                <Select style={{ width: 140 }} options={CHANNELS.map((v) => ({ value: v, label: label('channel', v) }))} />
              </Form.Item>
            )}
          </Space>
          <Form.Item
            name="takenInLocalNetwork"
            label={t('callCentre.new.takenIn')}
            rules={[{ required: true, message: t('form.required') }]}
            extra={t('callCentre.new.home', { place: label('place', home) })}
          >
            <Select style={{ width: 180 }} disabled={mine.length < 2} options={mine.map((v) => ({ value: v, label: label('place', v) }))} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('callCentre.new.category')}
            required={forwarded}
            extra={t('callCentre.new.categoryHint')}
            rules={[
              {
                validator: (_rule, path?: string[]) => {
                  if (!path?.length) return forwarded ? Promise.reject(new Error(t('form.required'))) : Promise.resolve();
                  return path.length < minLevel ? Promise.reject(new Error(t('callCentre.new.categoryTooCoarse'))) : Promise.resolve();
                },
              },
            ]}
          >
            <Cascader<CategoryOption>
              style={{ width: 420 }}
              changeOnSelect
              allowClear
              loading={categories.isPending}
              placeholder={t('callCentre.new.categoryPlaceholder')}
              options={categoryOptions(categories.data?.categories ?? [], locale === 'en' ? 'en' : 'zh-CN')}
              displayRender={(labels) => labels.join(' / ')}
            />
          </Form.Item>
          {roaming && (
            <Alert
              type="warning"
              showIcon
              data-testid="roaming"
              title={t('callCentre.new.roaming', { taken: label('place', takenIn ?? initial.takenInLocalNetwork), home: label('place', home) })}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item
            name="description"
            label={t('callCentre.new.description')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { max: MAX_DESCRIPTION, message: t('form.tooLong', { max: MAX_DESCRIPTION }) },
            ]}
          >
            <Input.TextArea rows={5} showCount maxLength={MAX_DESCRIPTION} />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={t('callCentre.new.failed')} description={failure} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('callCentre.new.submit')}
          </Button>
        </Form>
      </Space>
    </section>
  );
}
