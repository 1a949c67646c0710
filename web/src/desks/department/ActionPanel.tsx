// Exactly the actions the work order allows this person now (the API's allowedActions), each as a
// form with the rules the API applies. The API stays the judge: its field errors land on the fields,
// and a 409 (someone was quicker, or the work order moved on) is explained and the page refreshed.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Space, type FormInstance } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useI18n, type I18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { RECEIPT_RESULTS, type DeskAction, type WorkOrderEvent } from '../../shared/api-values';
import { MAX_TEXT } from '../../shared/limits';
import { departmentName } from '../../shared/work-order';
import { useToasts } from '../../shared/ui';
import { actorName } from '../../shared/Timeline';

type Ticket = Schemas['TroubleTicket'];

/** The department desk's actions, in the order the tabs show them; accept is a button of its own. */
const FORMS = ['receipt', 'note', 'waitOnCustomer', 'customerResponded', 'requestCoHandling', 'return'] as const satisfies readonly DeskAction[];
type FormAction = (typeof FORMS)[number];

/** A zod issue's code as the catalogue words it; other codes keep the API's own message. */
const ISSUE_MESSAGES: Record<string, MessageKey> = { too_big: 'form.tooLong', too_small: 'form.required', invalid_type: 'form.required' };

/** Why the work order refused, in the reader's words, from the work order as it is now. */
function conflictExplanation(event: WorkOrderEvent, now: Ticket, department: string, i18n: I18n): string {
  const { t, label, dateTime } = i18n;
  if (event.type === 'accept') {
    const accepted = now.timeline.filter((e) => e.action === 'accept' && e.details?.department === department).at(-1);
    if (accepted) return t('wo.conflict.acceptedBy', { who: actorName(accepted.actor, i18n), at: dateTime(accepted.at) });
  }
  return t('wo.conflict.moved', { state: label('state', now.state) });
}

/** Why an action was not done, shown beside the actions until the next one. */
interface Refusal {
  title: string;
  lines: string[];
}

function useAct(id: string, department: string) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<DeskAction>();
  const [refusal, setRefusal] = useState<Refusal>();
  /** Sends the event; true when it was taken. Field errors go onto `form`'s fields when it has them. */
  const run = async (event: WorkOrderEvent, form?: FormInstance, fields: readonly string[] = []): Promise<boolean> => {
    setBusy(event.type as DeskAction);
    setRefusal(undefined);
    try {
      const after = await unwrap(api.POST('/troubleTicket/{id}/event', { params: { path: { id } }, body: event }));
      queryClient.setQueryData(['workOrder', id], after);
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
      void toasts.success(t(`wo.done.${event.type}` as MessageKey));
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setRefusal({ title: t('wo.failed.title'), lines: [t('error.unavailable')] });
        return false;
      }
      const onFields = (err.problem?.errors ?? []).filter((e) => fields.includes(e.field));
      if (err.status === 400 && form && onFields.length) {
        form.setFields(
          onFields.map((e) => ({ name: e.field, errors: [ISSUE_MESSAGES[e.code ?? ''] ? t(ISSUE_MESSAGES[e.code!]!, { max: MAX_TEXT }) : e.message] })),
        );
      } else if (err.status === 409) {
        const now = await queryClient.fetchQuery({ queryKey: ['workOrder', id], queryFn: () => fetchWorkOrder(id), staleTime: 0 });
        setRefusal({ title: t('wo.conflict.title'), lines: [conflictExplanation(event, now, department, i18n), t('wo.conflict.refreshed'), err.message] });
      } else {
        setRefusal({ title: t('wo.failed.title'), lines: [err.status === 403 ? t('wo.failed.forbidden') : err.message] });
        void queryClient.invalidateQueries({ queryKey: ['workOrder', id] });
      }
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  return { run, busy, refusal };
}

export const fetchWorkOrder = (id: string) => unwrap(api.GET('/troubleTicket/{id}', { params: { path: { id } } }));

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
  return (
    <Form form={form} layout="vertical" onFinish={submit} name={`action-${action}`}>
      {fieldsOf(action, i18n, candidates)}
      <Button type="primary" htmlType="submit" loading={busy} danger={action === 'return'}>
        {t(`action.submit.${action}` as MessageKey)}
      </Button>
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
      {refusal && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={refusal.title}
          description={refusal.lines.map((line) => (
            <p key={line} className="refusal__line">
              {line}
            </p>
          ))}
        />
      )}
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
