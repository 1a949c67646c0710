// What several desks do to a work order the same way (issue 15's "work-order depth"): send one of its
// events through the event door and show the API's answer (the work order as it is after, or why not:
// field errors on the fields, a 409 explained with the page refreshed, a 403 said as such); its
// category by name; its urges, supervisions and hand-over; urging it (催办), noting it, and answering a
// supervision (督办回复). Each form shows only when the work order's allowedActions lists its action.
import { useState } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Space, Tag, type FormInstance } from 'antd';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import type { DeskAction, WorkOrderEvent } from './api-values';
import { categoryLabel } from './categories';
import { MAX_TEXT } from './limits';
import { useToasts } from './ui';
import { departmentName, SlaCountdown } from './work-order';

type Ticket = Schemas['TroubleTicket'];
type Supervision = NonNullable<Ticket['supervisions']>[number];

export const fetchWorkOrder = (id: string) => unwrap(api.GET('/troubleTicket/{id}', { params: { path: { id } } }));

/** A zod issue's code as the catalogue words it; other codes keep the API's own message. */
const ISSUE_MESSAGES: Record<string, MessageKey> = { too_big: 'form.tooLong', too_small: 'form.required', invalid_type: 'form.required' };

/** Why an action was not done, shown beside the actions until the next one. */
export interface Refusal {
  title: string;
  lines: string[];
}

/**
 * Sends a work order's events; the answer replaces the work order under `queryKey`. `explainConflict`
 * words a 409 from the work order as it is now (else: it moved on, and its state).
 */
export function useWorkOrderEvent(id: string, queryKey: QueryKey, explainConflict?: (event: WorkOrderEvent, now: Ticket) => string | undefined) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<DeskAction>();
  const [refusal, setRefusal] = useState<Refusal>();
  /** Sends the event; the work order after it when it was taken. Field errors go onto `form`'s fields when it has them. */
  const run = async (event: WorkOrderEvent, form?: FormInstance, fields: readonly string[] = []): Promise<Ticket | undefined> => {
    setBusy(event.type as DeskAction);
    setRefusal(undefined);
    try {
      const after = await unwrap(api.POST('/troubleTicket/{id}/event', { params: { path: { id } }, body: event }));
      queryClient.setQueryData(queryKey, after);
      void queryClient.invalidateQueries({ queryKey: ['worklist'] });
      void toasts.success(t(`wo.done.${event.type}` as MessageKey));
      return after;
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setRefusal({ title: t('wo.failed.title'), lines: [t('error.unavailable')] });
        return undefined;
      }
      const onFields = (err.problem?.errors ?? []).filter((e) => fields.includes(e.field));
      if (err.status === 400 && form && onFields.length) {
        form.setFields(
          onFields.map((e) => ({ name: e.field, errors: [ISSUE_MESSAGES[e.code ?? ''] ? t(ISSUE_MESSAGES[e.code!]!, { max: MAX_TEXT }) : e.message] })),
        );
      } else if (err.status === 409) {
        const now = await queryClient.fetchQuery({ queryKey, queryFn: () => fetchWorkOrder(id), staleTime: 0 });
        const why = explainConflict?.(event, now) ?? t('wo.conflict.moved', { state: label('state', now.state) });
        setRefusal({ title: t('wo.conflict.title'), lines: [why, t('wo.conflict.refreshed'), err.message] });
      } else {
        setRefusal({ title: t('wo.failed.title'), lines: [err.status === 403 ? t('wo.failed.forbidden') : err.message] });
        void queryClient.invalidateQueries({ queryKey });
      }
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };
  return { run, busy, refusal };
}

export type SendEvent = ReturnType<typeof useWorkOrderEvent>['run'];

/** Why the last action was not done. */
export function RefusalNotice({ refusal }: { refusal: Refusal | undefined }) {
  if (!refusal) return null;
  return (
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
  );
}

/** A text field as the work order's events take it: trimmed, at most MAX_TEXT, required or not. */
export function TextField({ name, label, required, rows = 3 }: { name: string; label: string; required: boolean; rows?: number }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('form.required') }] : []),
        { max: MAX_TEXT, message: t('form.tooLong', { max: MAX_TEXT }) },
      ]}
    >
      <Input.TextArea rows={rows} showCount maxLength={MAX_TEXT} />
    </Form.Item>
  );
}

const trimmed = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);

/** One small form sending one event made of its one text field; reset once taken. */
function OneFieldForm(props: {
  name: string;
  field: string;
  fieldLabel: string;
  required: boolean;
  submit: string;
  busy: boolean;
  event: (text: string | undefined) => WorkOrderEvent;
  onDone?: (after: Ticket) => void;
  send: SendEvent;
}) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const finish = async (values: Record<string, string | undefined>) => {
    const after = await props.send(props.event(trimmed(values[props.field])), form, [props.field]);
    if (after) {
      form.resetFields();
      props.onDone?.(after);
    }
  };
  return (
    <Form form={form} layout="vertical" name={props.name} onFinish={(v) => void finish(v)}>
      <TextField name={props.field} label={props.fieldLabel} required={props.required} />
      <Button type="primary" htmlType="submit" loading={props.busy}>
        {props.submit}
      </Button>
    </Form>
  );
}

/** The category tree, the same for everyone and fixed per release: fetched once per session. */
export function useCategories() {
  return useQuery({ queryKey: ['workOrderCategory'], queryFn: () => unwrap(api.GET('/workOrderCategory')), staleTime: Infinity });
}

/** A work order's category by name in the reader's language (its id while the tree loads or if it is not there). */
export function CategoryName({ id }: { id: string | undefined }) {
  const { t, locale } = useI18n();
  const tree = useCategories();
  if (!id) return <span className="muted">{t('common.none')}</span>;
  const name = tree.data ? categoryLabel(tree.data.categories, id, locale === 'en' ? 'en' : 'zh-CN') : undefined;
  return <span data-category={id}>{name ?? id}</span>;
}

/** The supervision awaiting its written reply, if one does. */
export const openSupervision = (wo: Ticket): Supervision | undefined => wo.supervisions?.find((s) => !s.reply);

/** The last hand-over to the national centre, from the timeline (who, when, from which department, why). */
function lastHandOver(wo: Ticket) {
  const e = wo.timeline.filter((x) => x.action === 'handOver').at(-1);
  if (!e) return undefined;
  const d = e.details ?? {};
  return { at: e.at, by: e.actor.id, from: typeof d.from === 'string' ? d.from : undefined, reason: typeof d.reason === 'string' ? d.reason : '' };
}

function supervisionState(s: Supervision): 'awaiting' | 'replied' | 'overdue' {
  if (s.reply) return 'replied';
  return s.overdueAt !== undefined || s.due < Date.now() ? 'overdue' : 'awaiting';
}

const SUPERVISION_COLOURS = { awaiting: '#ad4e00', overdue: '#a8071a', replied: '#237804' } as const;

/** A work order's urges, its latest supervision and its hand-over to the national centre, as one block of facts. */
export function UrgingAndSupervision({ wo }: { wo: Ticket }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const s = wo.supervisions?.at(-1);
  const handOver = lastHandOver(wo);
  const state = s && supervisionState(s);
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="urging-and-supervision"
      items={[
        {
          key: 'urging',
          label: t('depth.urging'),
          children: wo.urging ? (
            <span data-testid="urge-count" data-count={wo.urging.count}>
              {t('depth.urging.value', { n: wo.urging.count, at: dateTime(wo.urging.lastAt), by: wo.urging.lastBy })}
            </span>
          ) : (
            <span data-testid="urge-count" data-count={0}>
              {t('depth.urging.none')}
            </span>
          ),
        },
        {
          key: 'supervision',
          label: t('depth.supervision'),
          children:
            s && state ? (
              <div data-supervision={state}>
                <Tag color={SUPERVISION_COLOURS[state]}>{t(`depth.supervision.${state}`)}</Tag>
                {t('depth.supervision.summary', { by: s.by, level: label('level', s.level), due: dateTime(s.due) })}
                {!s.reply && (
                  <div>
                    <SlaCountdown deadline={new Date(s.due).toISOString()} />
                  </div>
                )}
                <div className="timeline__details">
                  {t('depth.supervision.instructions')}
                  {t('list.colon')}
                  {s.instructions}
                </div>
                {s.reply && (
                  <div className="timeline__details">
                    {t('depth.supervision.reply')}
                    {t('list.colon')}
                    {s.reply.text} ({departmentName(s.reply.department, i18n)}
                    {t('list.dot')}
                    {dateTime(s.reply.at)})
                  </div>
                )}
              </div>
            ) : (
              t('depth.supervision.none')
            ),
        },
        ...(handOver
          ? [
              {
                key: 'handOver',
                label: t('depth.handOver'),
                children: (
                  <span data-testid="hand-over">
                    {t('depth.handOver.value', {
                      from: handOver.from ? departmentName(handOver.from, i18n) : handOver.by,
                      at: dateTime(handOver.at),
                      by: handOver.by,
                      reason: handOver.reason,
                    })}
                  </span>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/**
 * The urge (催办, the customer called again) and the note a caller may add — each only when the work
 * order allows it them. After an urge, a line says the new count and priority.
 */
export function UrgeAndNote({ wo, queryKey }: { wo: Ticket; queryKey: QueryKey }) {
  const { t, label } = useI18n();
  const { run, busy, refusal } = useWorkOrderEvent(wo.id, queryKey);
  const [urged, setUrged] = useState<Ticket>();
  const allowed = new Set(wo.allowedActions ?? []);
  if (!allowed.has('urge') && !allowed.has('note')) return <p className="muted">{t('wo.actions.none')}</p>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {refusal && <RefusalNotice refusal={refusal} />}
      {urged?.urging && (
        <Alert
          type="success"
          showIcon
          data-testid="urged"
          title={t('depth.urge.done', { n: urged.urging.count, priority: label('priority', urged.priority) })}
        />
      )}
      {allowed.has('urge') && (
        <OneFieldForm
          name="action-urge"
          field="reason"
          fieldLabel={t('depth.urge.reason')}
          required={false}
          submit={t('depth.urge.submit')}
          busy={busy === 'urge'}
          send={run}
          event={(reason) => ({ type: 'urge', ...(reason ? { reason } : {}) })}
          onDone={setUrged}
        />
      )}
      {allowed.has('note') && (
        <OneFieldForm
          name="action-note"
          field="text"
          fieldLabel={t('form.noteText')}
          required
          submit={t('action.submit.note')}
          busy={busy === 'note'}
          send={run}
          event={(text) => ({ type: 'note', text: text! })}
        />
      )}
    </Space>
  );
}

/**
 * A supervision awaiting the department's written reply: the supervisor's instructions and deadline,
 * and — when the work order allows it this person — the reply form.
 */
export function SupervisionNotice({ wo, queryKey }: { wo: Ticket; queryKey: QueryKey }) {
  const { t, label, dateTime } = useI18n();
  const { run, busy, refusal } = useWorkOrderEvent(wo.id, queryKey);
  const s = openSupervision(wo);
  if (!s) return null;
  const canReply = (wo.allowedActions ?? []).includes('superviseReply');
  return (
    <section aria-labelledby="supervision-notice" className="supervision-notice" data-testid="supervision-notice">
      <Alert
        type="warning"
        showIcon
        title={
          <span id="supervision-notice">
            {t('depth.notice.title', { due: dateTime(s.due) })} <SlaCountdown deadline={new Date(s.due).toISOString()} />
          </span>
        }
        description={
          <>
            <p>{t('depth.notice.by', { by: s.by, level: label('level', s.level) })}</p>
            <p>
              {t('depth.supervision.instructions')}
              {t('list.colon')}
              <strong>{s.instructions}</strong>
            </p>
          </>
        }
      />
      {canReply && (
        <div className="supervision-notice__form" style={{ marginTop: 16 }}>
          <RefusalNotice refusal={refusal} />
          <OneFieldForm
            name="action-superviseReply"
            field="text"
            fieldLabel={t('depth.reply.label')}
            required
            submit={t('depth.reply.submit')}
            busy={busy === 'superviseReply'}
            send={run}
            event={(text) => ({ type: 'superviseReply', text: text! })}
          />
        </div>
      )}
    </section>
  );
}

/** The worklist's own marks of issue 15: a supervision awaiting the reply, a hand-over to the national centre. */
export function SupervisionBadges({ awaitingReply, handOver }: { awaitingReply: boolean; handOver: boolean }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      {awaitingReply && (
        <Tag color="#a8071a" data-badge="awaitingReply">
          {t('depth.badge.awaitingReply')}
        </Tag>
      )}
      {handOver && (
        <Tag color="#0958d9" data-badge="handOver">
          {t('depth.badge.handOver')}
        </Tag>
      )}
    </span>
  );
}

/** For Descriptions: the category line every work order page shows. */
export const categoryItem = (wo: Ticket, t: I18n['t']) => ({ key: 'category', label: t('depth.category'), children: <CategoryName id={wo.category} /> });
