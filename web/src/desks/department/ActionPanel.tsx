// Exactly the actions the work order allows this person now (the API's allowedActions), each as a
// form with the rules the API applies. The API stays the judge: its field errors land on the fields,
// and a 409 (someone was quicker, or the work order moved on) is explained and the page refreshed.
import { useState } from 'react';
import { Button, Form, Input, Popconfirm, Radio, Select, Space } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Schemas } from '../../api/client';
import { useI18n, type I18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { RECEIPT_RESULTS, type DeskAction, type WorkOrderEvent } from '../../shared/api-values';
import { MAX_TEXT } from '../../shared/limits';
import { departmentName } from '../../shared/work-order';
import { fetchWorkOrder, RefusalNotice, useWorkOrderEvent } from '../../shared/work-order-actions';
import { actorName } from '../../shared/Timeline';

type Ticket = Schemas['TroubleTicket'];

/** The department desk's actions, in the order the tabs show them; accept is a button of its own. */
const FORMS = ['receipt', 'note', 'waitOnCustomer', 'customerResponded', 'requestCoHandling', 'return', 'handOver'] as const satisfies readonly DeskAction[];
type FormAction = (typeof FORMS)[number];

/** Why the work order refused, in the reader's words, from the work order as it is now. */
function conflictExplanation(event: WorkOrderEvent, now: Ticket, department: string, i18n: I18n): string | undefined {
  const { t, dateTime } = i18n;
  if (event.type === 'accept') {
    const accepted = now.timeline.filter((e) => e.action === 'accept' && e.details?.department === department).at(-1);
    if (accepted) return t('wo.conflict.acceptedBy', { who: actorName(accepted.actor, i18n), at: dateTime(accepted.at) });
  }
  return undefined;
}

function useAct(id: string, department: string) {
  const i18n = useI18n();
  return useWorkOrderEvent(id, ['workOrder', id], (event, now) => conflictExplanation(event, now, department, i18n));
}

export { fetchWorkOrder };

type Values = Record<string, string | string[] | undefined>;

/** The most departments one request names (the work order's MAX_DEPARTMENTS; the API refuses more). */
const MAX_DEPARTMENTS = 10;

/** The fields of each form; each is the event's own field name, so the API's field errors find them. */
function fieldsOf(action: FormAction, i18n: I18n, candidates: readonly string[]) {
  const { t, label } = i18n;
  const text = (name: string, key: MessageKey, required: boolean, rows = 3) => (
    <Form.Item
      key={name}
      name={name}
      label={t(key)}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('form.required') }] : []),
        { max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) },
      ]}
    >
      {rows > 1 ? <Input.TextArea rows={rows} showCount maxLength={MAX_TEXT} /> : <Input maxLength={MAX_TEXT} />}
    </Form.Item>
  );
  switch (action) {
    case 'receipt':
      return [
        <Form.Item key="result" name="result" label={t('form.result')} initialValue="resolved" rules={[{ required: true, message: t('form.required') }]}>
          <Select options={RECEIPT_RESULTS.map((r) => ({ value: r, label: label('result', r) }))} />
        </Form.Item>,
        text('resolutionCode', 'form.resolutionCode', true, 1),
        text('notes', 'form.receiptNotes', false),
      ];
    case 'note':
      return [text('text', 'form.noteText', true)];
    case 'waitOnCustomer':
      return [text('reason', 'form.waitReason', true)];
    case 'customerResponded':
      return [text('notes', 'form.responseNotes', false)];
    case 'return':
      return [text('reason', 'form.returnReason', true)];
    case 'handOver':
      return [text('reason', 'form.handOverReason', true)];
    case 'requestCoHandling':
      return [
        <Form.Item
          key="departments"
          name="departments"
          label={t('form.coHandlingDepartments')}
          rules={[{ required: true, type: 'array', min: 1, max: MAX_DEPARTMENTS, message: t('form.required') }]}
        >
          <Select mode="multiple" maxCount={MAX_DEPARTMENTS} options={candidates.map((d) => ({ value: d, label: departmentName(d, i18n) }))} />
        </Form.Item>,
        text('reason', 'form.coHandlingReason', true),
      ];
  }
}

const FIELDS: Record<FormAction, readonly string[]> = {
  receipt: ['result', 'resolutionCode', 'notes'],
  note: ['text'],
  waitOnCustomer: ['reason'],
  customerResponded: ['notes'],
  return: ['reason'],
  handOver: ['reason'],
  requestCoHandling: ['departments', 'reason'],
};

/** The event a form's values make: empty optional texts are left out, as the API expects. */
function eventOf(action: FormAction, values: Values): WorkOrderEvent {
  const v = values as Record<string, string | undefined>;
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  switch (action) {
    case 'receipt':
      return {
        type: 'receipt',
        result: v.result as Extract<WorkOrderEvent, { type: 'receipt' }>['result'],
        resolutionCode: v.resolutionCode!.trim(),
        notes: opt(v.notes),
      };
    case 'note':
      return { type: 'note', text: v.text!.trim() };
    case 'waitOnCustomer':
      return { type: 'waitOnCustomer', reason: v.reason!.trim() };
    case 'customerResponded':
      return { type: 'customerResponded', notes: opt(v.notes) };
    case 'return':
      return { type: 'return', reason: v.reason!.trim() };
    case 'handOver':
      return { type: 'handOver', reason: v.reason!.trim() };
    case 'requestCoHandling':
      return { type: 'requestCoHandling', departments: values.departments as string[], reason: v.reason!.trim() };
  }
}

function ActionForm({
  action,
  act,
  busy,
  candidates,
}: {
  action: FormAction;
  act: ReturnType<typeof useAct>['run'];
  busy: boolean;
  candidates: readonly string[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    if (await act(eventOf(action, values), form, FIELDS[action])) form.resetFields();
  };
  const button = (
    <Button type="primary" htmlType={action === 'handOver' ? 'button' : 'submit'} loading={busy} danger={action === 'return' || action === 'handOver'}>
      {t(`action.submit.${action}` as MessageKey)}
    </Button>
  );
  return (
    <Form form={form} layout="vertical" onFinish={submit} name={`action-${action}`}>
      {fieldsOf(action, i18n, candidates)}
      {action === 'handOver' ? (
        // The department lets the work order go: asked once more before it is sent.
        <Popconfirm title={t('depth.handOver.confirm')} okText={t('depth.handOver.ok')} cancelText={t('depth.cancel')} onConfirm={() => form.submit()}>
          {button}
        </Popconfirm>
      ) : (
        button
      )}
    </Form>
  );
}

export function ActionPanel({ ticket, department }: { ticket: Ticket; department: string }) {
  const { t } = useI18n();
  const { run, busy, refusal } = useAct(ticket.id, department);
  const allowed = new Set(ticket.allowedActions ?? []);
  const forms = FORMS.filter((a) => allowed.has(a));
  const [chosen, setChosen] = useState<FormAction>();
  const action = chosen && forms.includes(chosen) ? chosen : forms[0];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {refusal && <RefusalNotice refusal={refusal} />}
      {!allowed.has('accept') && forms.length === 0 && <p className="muted">{t('wo.actions.none')}</p>}
      {allowed.has('accept') && (
        <>
          <p>{t('wo.actions.acceptFirst')}</p>
          <Button type="primary" size="large" icon={<CheckOutlined />} loading={busy === 'accept'} onClick={() => void run({ type: 'accept' })}>
            {t('action.submit.accept')}
          </Button>
        </>
      )}
      {action && (
        <>
          <Radio.Group
            aria-label={t('wo.actions')}
            optionType="button"
            value={action}
            onChange={(e) => setChosen(e.target.value as FormAction)}
            options={forms.map((a) => ({ value: a, label: t(`action.${a}` as MessageKey) }))}
          />
          {/* A form of its own per action (key): nothing typed for one is sent with another. */}
          <ActionForm key={action} action={action} act={run} busy={busy === action} candidates={ticket.coHandlingCandidates ?? []} />
        </>
      )}
    </Space>
  );
}
