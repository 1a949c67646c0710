// Transfer, escalate, urge (催办), supervise (督办) and hand over to the national centre from the
// board: each a small form in a dialog, sent as the work order's own event (POST
// /troubleTicket/{id}/event), which stays the judge. Its field errors land on the fields; a 409 (the
// work order moved on, or someone was quicker) is explained and the board refreshed.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import type { LocalNetwork, WorkOrderEvent } from '../../shared/api-values';
import { MAX_TEXT } from '../../shared/limits';
import { useToasts } from '../../shared/ui';
import { departmentName } from '../../shared/work-order';

/** What the board knows of a work order to act on it. */
export interface BoardTarget {
  workOrderId: string;
  /** The departments holding it (transfer moves one of them). */
  holders: string[];
  localNetwork: string;
  escalationLevel: string;
}

/** A zod issue's code as the catalogue words it; other codes keep the API's own message. */
const ISSUE_MESSAGES: Record<string, MessageKey> = { too_big: 'form.tooLong', too_small: 'form.required', invalid_type: 'form.required' };

type Values = Record<string, string | undefined>;

/** Sends an event from a dialog's form: true when taken; otherwise the reason is in `refusal`. */
function useBoardAction(workOrderId: string) {
  const { t, label } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string[]>();
  const run = async (event: WorkOrderEvent, form: ReturnType<typeof Form.useForm<Values>>[0], fields: string[], done: string) => {
    setBusy(true);
    setRefusal(undefined);
    try {
      const after = await unwrap(api.POST('/troubleTicket/{id}/event', { params: { path: { id: workOrderId } }, body: event }));
      queryClient.setQueryData(['workOrder', workOrderId], after);
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      void toasts.success(done);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setRefusal([t('error.unavailable')]);
        return false;
      }
      const onFields = (err.problem?.errors ?? []).filter((e) => fields.includes(e.field));
      if (err.status === 400 && onFields.length) {
        form.setFields(
          onFields.map((e) => ({ name: e.field, errors: [ISSUE_MESSAGES[e.code ?? ''] ? t(ISSUE_MESSAGES[e.code!]!, { max: MAX_TEXT }) : e.message] })),
        );
      } else if (err.status === 409) {
        // Refreshed: the board and the work order as they are now, and why this no longer applies.
        void queryClient.invalidateQueries({ queryKey: ['board'] });
        const now = await queryClient
          .fetchQuery({
            queryKey: ['workOrder', workOrderId],
            queryFn: () => unwrap(api.GET('/troubleTicket/{id}', { params: { path: { id: workOrderId } } })),
            staleTime: 0,
          })
          .catch(() => undefined);
        setRefusal([t('board.conflict.moved', { state: now ? label('state', now.state) : '?' }), err.message]);
      } else {
        setRefusal([err.status === 403 ? t('board.failed.forbidden') : err.message]);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, refusal };
}

function Refusal({ lines }: { lines: string[] | undefined }) {
  const { t } = useI18n();
  if (!lines) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('board.conflict.title')}
      description={lines.map((line) => (
        <p key={line} className="refusal__line">
          {line}
        </p>
      ))}
      style={{ marginBottom: 16 }}
    />
  );
}

const reasonItem = (t: ReturnType<typeof useI18n>['t'], key: MessageKey, required = true) => (
  <Form.Item
    name="reason"
    label={t(key)}
    rules={[
      ...(required ? [{ required: true, whitespace: true, message: t('form.required') }] : []),
      { max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) },
    ]}
  >
    <Input.TextArea rows={3} showCount maxLength={MAX_TEXT} />
  </Form.Item>
);

export function TransferModal({ target, onClose }: { target: BoardTarget; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const { run, busy, refusal } = useBoardAction(target.workOrderId);
  const departments = useQuery({
    queryKey: ['departments', target.localNetwork],
    staleTime: 10 * 60_000,
    queryFn: () => unwrap(api.GET('/department', { params: { query: { localNetwork: target.localNetwork as LocalNetwork } } })),
  });
  const from = Form.useWatch('from', form) ?? target.holders[0];
  const submit = async (v: Values) => {
    const to = v.to!;
    const event: WorkOrderEvent = { type: 'transfer', from: v.from ?? target.holders[0]!, to, reason: v.reason!.trim() };
    if (await run(event, form, ['from', 'to', 'reason'], t('board.transfer.done', { department: departmentName(to, i18n) }))) onClose();
  };
  return (
    <Modal
      open
      title={t('board.transfer.title', { id: target.workOrderId })}
      okText={t('board.transfer.submit')}
      cancelText={t('board.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Refusal lines={refusal} />
      <Form form={form} layout="vertical" name="board-transfer" onFinish={submit} initialValues={{ from: target.holders[0] }}>
        <Form.Item name="from" label={t('board.transfer.from')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            disabled={target.holders.length < 2}
            options={target.holders.map((d) => ({ value: d, label: departmentName(d, i18n) }))}
            aria-label={t('board.transfer.from')}
          />
        </Form.Item>
        <Form.Item name="to" label={t('board.transfer.to')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            placeholder={t('board.transfer.toPlaceholder')}
            aria-label={t('board.transfer.to')}
            options={(departments.data ?? [])
              .filter((d) => d.id !== from && !target.holders.includes(d.id))
              .map((d) => ({ value: d.id, label: departmentName(d.id, i18n) }))}
          />
        </Form.Item>
        {reasonItem(t, 'board.transfer.reason')}
      </Form>
    </Modal>
  );
}

/** The actions taken with a reason alone, each its own words: escalate, urge (催办), hand over to the national centre. */
const REASON_ACTIONS = {
  escalate: { title: 'board.escalate.title', submit: 'board.escalate.submit', reason: 'board.escalate.reason', optional: false },
  urge: { title: 'board.urge.title', submit: 'board.urge.submit', reason: 'board.urge.reason', optional: true },
  handOver: { title: 'board.handOver.title', submit: 'board.handOver.submit', reason: 'board.handOver.reason', optional: false },
} as const satisfies Record<string, { title: MessageKey; submit: MessageKey; reason: MessageKey; optional: boolean }>;
export type ReasonAction = keyof typeof REASON_ACTIONS;

/** Escalate, urge or hand over: a reason (an urge's may be left out), sent as the work order's event. */
export function ReasonModal({ kind, target, onClose }: { kind: ReasonAction; target: BoardTarget; onClose: () => void }) {
  const { t, label } = useI18n();
  const words = REASON_ACTIONS[kind];
  const [form] = Form.useForm<Values>();
  const { run, busy, refusal } = useBoardAction(target.workOrderId);
  const next = target.escalationLevel === 'city' ? 'province' : 'national';
  const submit = async (v: Values) => {
    const reason = v.reason?.trim();
    const event: WorkOrderEvent =
      kind === 'urge'
        ? { type: 'urge', ...(reason ? { reason } : {}) }
        : kind === 'handOver'
          ? { type: 'handOver', reason: reason! }
          : { type: 'escalate', reason: reason! };
    const done =
      kind === 'escalate' ? t('board.escalate.done', { level: label('level', next) }) : t(kind === 'urge' ? 'board.urge.done' : 'board.handOver.done');
    if (await run(event, form, ['reason'], done)) onClose();
  };
  return (
    <Modal
      open
      title={t(words.title, { id: target.workOrderId })}
      okText={t(words.submit)}
      cancelText={t('board.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Refusal lines={refusal} />
      {kind === 'escalate' && <p>{t('board.escalate.from', { level: label('level', target.escalationLevel) })}</p>}
      {kind === 'urge' && <p>{t('board.urge.explain')}</p>}
      {kind === 'handOver' && <p>{t('board.handOver.explain')}</p>}
      <Form form={form} layout="vertical" name={`board-${kind}`} onFinish={submit}>
        {reasonItem(t, words.reason, !words.optional)}
      </Form>
    </Modal>
  );
}

/** `datetime-local`'s value (the browser's own time zone) for an instant. */
function localInput(at: number): string {
  const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Supervise (督办): the written reply's deadline and the instructions to the departments holding it. */
export function SuperviseModal({ target, onClose }: { target: BoardTarget; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy, refusal } = useBoardAction(target.workOrderId);
  const submit = async (v: Values) => {
    const event: WorkOrderEvent = { type: 'supervise', due: new Date(v.due!).toISOString(), instructions: v.instructions!.trim() };
    if (await run(event, form, ['due', 'instructions'], t('board.supervise.done'))) onClose();
  };
  return (
    <Modal
      open
      title={t('board.supervise.title', { id: target.workOrderId })}
      okText={t('board.supervise.submit')}
      cancelText={t('board.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Refusal lines={refusal} />
      <p>{t('board.supervise.explain')}</p>
      <Form form={form} layout="vertical" name="board-supervise" onFinish={submit} initialValues={{ due: localInput(Date.now() + 24 * 3_600_000) }}>
        <Form.Item
          name="due"
          label={t('board.supervise.due')}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: (_, v: string | undefined) =>
                !v || Date.parse(v) > Date.now() ? Promise.resolve() : Promise.reject(new Error(t('board.supervise.dueAhead'))),
            },
          ]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="instructions"
          label={t('board.supervise.instructions')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={MAX_TEXT} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
