// The callbacks the centre owes, soonest callback deadline first (the overdue marked): a department's
// receipt to review (accept it), then the customer to call and their answer to record — satisfied
// closes the work order, dissatisfied reopens it and sends it back to the department (the
// confirmation says so). `?customer=` narrows it to the customer on the phone (the customer 360
// links here so). Below, the quality checks (抽查) due: sampled closed work orders to call again, each
// with a form for the result.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Pagination, Radio, Space, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, unwrapPage, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import type { WorkOrderEvent } from '../../shared/api-values';
import { useNow } from '../../shared/clock';
import { DataTable, type Column } from '../../shared/DataTable';
import { MAX_TEXT } from '../../shared/limits';
import { useToasts } from '../../shared/ui';
import { departmentName, formatDuration } from '../../shared/work-order';

type Entry = Schemas['CallbackEntry'];
type Check = Schemas['QualityCheckEntry'];
type CheckResult = NonNullable<Check['result']>;
const CHECK_RESULTS: CheckResult[] = ['satisfied', 'unsatisfied', 'unreachable'];
type Answer = 'satisfied' | 'dissatisfied' | 'reopen';

const PAGE = 20;

function Waiting({ since }: { since: string }) {
  const { t, dateTime } = useI18n();
  const now = useNow();
  return <span title={dateTime(since)}>{t('callCentre.callbacks.ago', { time: formatDuration(now - Date.parse(since), t) })}</span>;
}

/** A list of the page: what failed (dismissable), the table, its pages. */
function PagedList<T>(p: {
  caption: string;
  columns: Column<T>[];
  list: { data?: { rows: T[]; total: number }; isPending: boolean; isError: boolean };
  rowKey: (row: T) => string;
  empty: string;
  totalText: (n: number) => string;
  page: number;
  onPage: (page: number) => void;
  failure?: string;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {p.failure && (
        <Alert
          type="error"
          showIcon
          closable
          title={t('callCentre.callbacks.failed')}
          description={p.failure}
          onClose={p.onDismiss}
          style={{ marginBottom: 16 }}
        />
      )}
      <DataTable<T>
        caption={p.caption}
        columns={p.columns}
        rows={p.list.data?.rows}
        rowKey={p.rowKey}
        loading={p.list.isPending}
        empty={p.list.isError ? t('error.unavailable') : p.empty}
      />
      <Pagination
        className="data-table__pages"
        align="end"
        current={p.page}
        pageSize={PAGE}
        total={p.list.data?.total ?? 0}
        showSizeChanger={false}
        showTotal={p.totalText}
        onChange={p.onPage}
      />
    </>
  );
}

/** The callback's deadline, marked when it has passed unanswered. */
function DueBy({ entry }: { entry: Entry }) {
  const { t, dateTime } = useI18n();
  if (!entry.callbackDueBy) return <span className="muted">{t('callCentre.callbacks.noDeadline')}</span>;
  return (
    <Space size={4} wrap data-overdue={entry.overdue}>
      <span>{dateTime(entry.callbackDueBy)}</span>
      {entry.overdue && <Tag color="error">{t('callCentre.callbacks.overdue')}</Tag>}
    </Space>
  );
}

export function Callbacks() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customer')?.slice(0, 64) || undefined;
  const [answering, setAnswering] = useState<{ entry: Entry; answer: Answer }>();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ note?: string }>();

  const list = useQuery({
    queryKey: ['callbacks', customerId, page],
    placeholderData: keepPreviousData,
    // Oftener while the workflow is telling a customer (reviewed → customerNotified takes a moment).
    refetchInterval: (q) => (q.state.data?.rows.some((e) => e.phase === 'reviewed') ? 2000 : 10_000),
    queryFn: () => unwrapPage(api.GET('/callbacks', { params: { query: { customerId, limit: PAGE, offset: (page - 1) * PAGE } } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['callbacks'] });

  const send = (id: string, body: WorkOrderEvent) => unwrap(api.POST('/troubleTicket/{id}/event', { params: { path: { id } }, body }));

  const explain = (err: unknown) =>
    err instanceof ApiError ? (err.status === 409 ? t('callCentre.callbacks.moved', { detail: err.message }) : err.message) : t('error.unavailable');

  const approve = async (e: Entry) => {
    setBusy(e.id);
    setFailure(undefined);
    try {
      await send(e.id, { type: 'approve' });
      void toasts.success(t('callCentre.callbacks.approved'));
    } catch (err) {
      setFailure(explain(err));
    } finally {
      setBusy(undefined);
      refresh();
    }
  };

  const answer = async () => {
    if (!answering) return;
    const { entry, answer: kind } = answering;
    const { note } = await form.validateFields();
    const text = note?.trim() || undefined;
    setBusy(entry.id);
    setFailure(undefined);
    try {
      if (kind !== 'reopen') await send(entry.id, { type: 'recordSatisfaction', satisfied: kind === 'satisfied', ...(text ? { comment: text } : {}) });
      if (kind !== 'satisfied') {
        const after = await send(entry.id, { type: 'reopen', reason: text ?? t('callCentre.callbacks.defaultReason') });
        void toasts.success(t('callCentre.callbacks.reopened', { departments: after.assignees.map((d) => departmentName(d, i18n)).join(t('list.join')) }));
      } else void toasts.success(t('callCentre.callbacks.closed'));
      setAnswering(undefined);
      form.resetFields();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem?.errors?.length)
        form.setFields([{ name: 'note', errors: err.problem.errors.map((x) => (x.code === 'too_big' ? t('form.tooLong', { max: MAX_TEXT }) : x.message)) }]);
      else {
        setFailure(explain(err));
        setAnswering(undefined);
      }
    } finally {
      setBusy(undefined);
      refresh();
    }
  };

  const open = (entry: Entry, kind: Answer) => {
    form.resetFields();
    setAnswering({ entry, answer: kind });
  };

  const actions = (e: Entry) => {
    const may = (a: string) => e.allowedActions.includes(a as Entry['allowedActions'][number]);
    const loading = busy === e.id;
    if (e.phase === 'receiptReturned' && may('approve'))
      return (
        <Button size="small" type="primary" loading={loading} onClick={() => void approve(e)} aria-label={t('callCentre.callbacks.approveFor', { id: e.id })}>
          {t('callCentre.callbacks.approve')}
        </Button>
      );
    if (e.phase === 'customerNotified' && may('recordSatisfaction'))
      return (
        <Space size="small" wrap>
          <Button
            size="small"
            type="primary"
            loading={loading}
            onClick={() => open(e, 'satisfied')}
            aria-label={t('callCentre.callbacks.satisfiedFor', { id: e.id })}
          >
            {t('callCentre.callbacks.satisfied')}
          </Button>
          <Button size="small" loading={loading} onClick={() => open(e, 'dissatisfied')} aria-label={t('callCentre.callbacks.dissatisfiedFor', { id: e.id })}>
            {t('callCentre.callbacks.dissatisfied')}
          </Button>
        </Space>
      );
    if (e.phase === 'unsatisfied' && may('reopen'))
      return (
        <Button size="small" loading={loading} onClick={() => open(e, 'reopen')} aria-label={t('callCentre.callbacks.reopenFor', { id: e.id })}>
          {t('callCentre.callbacks.reopen')}
        </Button>
      );
    return <span className="muted">{t('callCentre.callbacks.nothing')}</span>;
  };

  const columns: Column<Entry>[] = [
    {
      key: 'id',
      title: t('callCentre.wo.id'),
      render: (e) => (
        <Link to={`../work-orders/${encodeURIComponent(e.id)}`} relative="path">
          {e.id}
        </Link>
      ),
    },
    {
      key: 'customer',
      title: t('callCentre.col.name'),
      render: (e) => (
        <Link to={`../customers/${encodeURIComponent(e.customer.id)}`} relative="path">
          {e.customer.name ?? e.customer.id}
        </Link>
      ),
    },
    { key: 'type', title: t('callCentre.wo.type'), render: (e) => label('type', e.type) },
    { key: 'summary', title: t('callCentre.callbacks.summary'), render: (e) => <span title={e.summary}>{e.summary}</span>, ellipsis: true },
    {
      key: 'receipts',
      title: t('callCentre.callbacks.receipt'),
      render: (e) =>
        e.receipts.map((r) => (
          <div key={r.department}>
            {departmentName(r.department, i18n)}
            {t('list.colon')}
            {label('result', r.result)}
            {r.notes ? <span className="muted"> — {r.notes}</span> : null}
          </div>
        )),
    },
    { key: 'stage', title: t('callCentre.callbacks.stage'), render: (e) => <span data-stage={e.phase}>{t(`callCentre.phase.${e.phase}` as MessageKey)}</span> },
    { key: 'waiting', title: t('callCentre.callbacks.waiting'), render: (e) => <Waiting since={e.waitingSince} /> },
    { key: 'dueBy', title: t('callCentre.callbacks.dueBy'), render: (e) => <DueBy entry={e} /> },
    { key: 'actions', title: t('callCentre.callbacks.actions'), render: actions },
  ];

  const confirmTitle: Record<Answer, MessageKey> = {
    satisfied: 'callCentre.callbacks.confirmSatisfied',
    dissatisfied: 'callCentre.callbacks.confirmDissatisfied',
    reopen: 'callCentre.callbacks.confirmReopen',
  };

  return (
    <section aria-labelledby="callbacks-title">
      <h1 id="callbacks-title" className="page-title">
        {t('callCentre.callbacks.title')}
      </h1>
      <Space wrap className="filters">
        {customerId && (
          <Tag
            closable
            closeIcon={<span aria-label={t('callCentre.callbacks.allCustomers')}>×</span>}
            onClose={() => {
              setPage(1);
              setParams({});
            }}
          >
            {t('callCentre.callbacks.ofCustomer', { id: customerId })}
          </Tag>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          {t('common.refresh')}
        </Button>
      </Space>
      <PagedList<Entry>
        caption={t('callCentre.callbacks.title')}
        columns={columns}
        list={list}
        rowKey={(e) => e.id}
        empty={t('callCentre.callbacks.empty')}
        totalText={(n) => t('callCentre.callbacks.total', { n })}
        page={page}
        onPage={setPage}
        failure={failure}
        onDismiss={() => setFailure(undefined)}
      />
      <Modal
        open={answering !== undefined}
        title={answering ? t(confirmTitle[answering.answer], { id: answering.entry.id }) : ''}
        okText={answering ? t(answering.answer === 'satisfied' ? 'callCentre.callbacks.okClose' : 'callCentre.callbacks.okReopen') : ''}
        // Ant Design's red falls short of WCAG AA contrast: the words say what the button does.
        okButtonProps={{ loading: busy !== undefined }}
        cancelText={t('callCentre.callbacks.cancel')}
        onOk={() => void answer()}
        onCancel={() => setAnswering(undefined)}
        destroyOnHidden
      >
        {answering && (
          <>
            <p data-testid="callback-consequence">{t(answering.answer === 'satisfied' ? 'callCentre.callbacks.closesIt' : 'callCentre.callbacks.reopensIt')}</p>
            <Form form={form} layout="vertical">
              <Form.Item
                name="note"
                label={t('callCentre.callbacks.note')}
                rules={[
                  { required: answering.answer !== 'satisfied', whitespace: true, message: t('form.required') },
                  { max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) },
                ]}
              >
                <Input.TextArea rows={3} maxLength={MAX_TEXT} showCount />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      <QualityChecks customerId={customerId} />
    </section>
  );
}

/** The quality checks due in the agent's local networks, oldest close first, each recorded once. */
function QualityChecks({ customerId }: { customerId?: string }) {
  const { t, label, dateTime } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState<Check>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ result: CheckResult; note?: string }>();

  const list = useQuery({
    queryKey: ['qualityChecks', customerId, page],
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    queryFn: () => unwrapPage(api.GET('/qualityChecks', { params: { query: { state: 'due', customerId, limit: PAGE, offset: (page - 1) * PAGE } } })),
  });

  const record = async () => {
    if (!recording) return;
    const { result, note } = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      const text = note?.trim() || undefined;
      await unwrap(
        api.POST('/troubleTicket/{id}/qualityCheck', { params: { path: { id: recording.workOrderId } }, body: { result, ...(text ? { note: text } : {}) } }),
      );
      void toasts.success(t('callCentre.quality.recorded'));
      setRecording(undefined);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : t('error.unavailable'));
      setRecording(undefined);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: ['qualityChecks'] });
    }
  };

  const columns: Column<Check>[] = [
    {
      key: 'id',
      title: t('callCentre.wo.id'),
      render: (c) => (
        <Link to={`../work-orders/${encodeURIComponent(c.workOrderId)}`} relative="path">
          {c.workOrderId}
        </Link>
      ),
    },
    { key: 'customer', title: t('callCentre.col.name'), render: (c) => c.customer.name ?? c.customer.id },
    { key: 'type', title: t('callCentre.wo.type'), render: (c) => label('type', c.type) },
    { key: 'summary', title: t('callCentre.callbacks.summary'), render: (c) => <span title={c.summary}>{c.summary}</span>, ellipsis: true },
    { key: 'closedAt', title: t('callCentre.quality.closedAt'), render: (c) => dateTime(c.sampledAt) },
    {
      key: 'closeReason',
      title: t('callCentre.quality.closeReason'),
      render: (c) => (c.closeReason ? t(`callCentre.quality.closeReason.${c.closeReason}` as MessageKey) : ''),
    },
    {
      key: 'actions',
      title: t('callCentre.callbacks.actions'),
      render: (c) => (
        <Button
          size="small"
          type="primary"
          onClick={() => {
            form.resetFields();
            setRecording(c);
          }}
          aria-label={t('callCentre.quality.recordFor', { id: c.workOrderId })}
        >
          {t('callCentre.quality.record')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-labelledby="quality-title" style={{ marginTop: 32 }}>
      <h2 id="quality-title" className="page-title">
        {t('callCentre.quality.title')}
      </h2>
      <p className="muted">{t('callCentre.quality.intro')}</p>
      <PagedList<Check>
        caption={t('callCentre.quality.title')}
        columns={columns}
        list={list}
        rowKey={(c) => c.workOrderId}
        empty={t('callCentre.quality.empty')}
        totalText={(n) => t('callCentre.quality.total', { n })}
        page={page}
        onPage={setPage}
        failure={failure}
        onDismiss={() => setFailure(undefined)}
      />
      <Modal
        open={recording !== undefined}
        title={recording ? t('callCentre.quality.confirm', { id: recording.workOrderId }) : ''}
        okText={t('callCentre.quality.ok')}
        okButtonProps={{ loading: busy }}
        cancelText={t('callCentre.callbacks.cancel')}
        onOk={() => void record()}
        onCancel={() => setRecording(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ result: 'satisfied' }}>
          <Form.Item name="result" label={t('callCentre.quality.result')} rules={[{ required: true, message: t('form.required') }]}>
            <Radio.Group options={CHECK_RESULTS.map((r) => ({ value: r, label: t(`callCentre.quality.result.${r}` as MessageKey) }))} optionType="button" />
          </Form.Item>
          <Form.Item name="note" label={t('callCentre.quality.note')} rules={[{ max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) }]}>
            <Input.TextArea rows={3} maxLength={MAX_TEXT} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
