// The electronic work order (电子工单), one workflow per work order — the closed loop:
//
//   intake → classify → dispatch (routing rules) → department accepts → handles → receipt (回单)
//   → centre reviews (approve, or send back) → customer told → satisfaction callback → closed
//   unsatisfied → reopen → dispatched again;  no answer from the customer → closed by itself
//
// Alongside, the SLA clock: before a deadline the department is urged (催单) and its supervisor
// warned; when a deadline passes the work order escalates city → province → national and the next
// level is notified. The clock pauses while the work order waits on the customer.
// Every rule lives in domain/work-order.ts and domain/sla.ts; this file only drives them in time.
import { ApplicationFailure, CancellationScope, condition, isCancellation, log, patched, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { whenHandlersFinished } from './handlers.js';
import { refusal } from '../contracts/failures.js';
import { CITY_DEPARTMENT_FUNCTIONS, type CityDepartmentFunction } from '../domain/departments.js';
import { routeWorkOrder, routingInputOf } from '../domain/routing.js';
import { deadlinesOf, nextSlaEvent } from '../domain/sla.js';
import { TERMINAL_PHASES, admitEvent, applyEvent, assignees, createWorkOrder, type Actor, type WorkOrderEvent } from '../domain/work-order.js';
import { awaitDispatchUpdate, getWorkOrderQuery, workOrderActionUpdate, type WorkOrderActivities, type WorkOrderInput, type WorkOrderResult, type WorkOrderWorkflow } from '../contracts/work-order.js';
import { DepartmentKey, EscalationLevelKey, LocalNetworkKey, PriorityKey, WorkOrderIdKey, WorkOrderStateKey, WorkOrderTypeKey, CustomerIdKey } from '../contracts/search-attributes.js';

// ---- Activities ---------------------------------------------------------------------------------
const act = proxyActivities<WorkOrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// The read model's bookkeeping as a local activity (see RECORD_PROGRESS_LOCALLY in order-fulfilment.ts).
const bookkeeping = proxyLocalActivities<WorkOrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
export const RECORD_WORK_ORDER_LOCALLY = 'record-work-order-locally';

const SYSTEM: Actor = { id: 'system', role: 'system' };
export const RESCHEDULE_INSTALLATION = 'reschedule-installation';
export const CLOSE_INSTALLATION = 'close-installation';
const DEFAULT_INSTALLATION_ATTEMPTS = 3;

/** The template's department function, when it is one (orders validated before templates named functions carry other words). */
function installationFunction(name: string | undefined): CityDepartmentFunction | undefined {
  return CITY_DEPARTMENT_FUNCTIONS.find((f) => f === name);
}

export async function workOrder(input: WorkOrderInput): Promise<WorkOrderResult> {
  let s = createWorkOrder(input.order, input.createdBy, Date.now(), { timeScale: input.timeScale });
  let version = 0;
  let seq = 0;
  let recordedEntries = 0;

  const record = async () => {
    seq += 1;
    upsertSearchAttributes([
      { key: WorkOrderIdKey, value: s.id },
      { key: WorkOrderTypeKey, value: s.type },
      { key: WorkOrderStateKey, value: s.state },
      { key: CustomerIdKey, value: s.customer.id },
      { key: LocalNetworkKey, value: s.forwardedTo ?? s.takenInLocalNetwork },
      { key: PriorityKey, value: s.priority },
      { key: EscalationLevelKey, value: s.escalationLevel },
      { key: DepartmentKey, value: assignees(s) },
    ]);
    if (patched(RECORD_WORK_ORDER_LOCALLY)) {
      // A local activity's marker keeps its result, not its input: it answers with the timeline
      // entries it recorded, so the history (and the audit trail) still says who did what.
      // Taken before awaiting: a handler's write and the main loop's may be in flight together.
      const since = recordedEntries;
      recordedEntries = s.timeline.length;
      await bookkeeping.recordWorkOrder({ snapshot: s, seq, since });
    } else await act.recordWorkOrder({ snapshot: s, seq });
  };

  /** Applies an event; a refusal here is a bug in the driving code, so it fails loudly. */
  const apply = (event: WorkOrderEvent, actor: Actor) => {
    const r = applyEvent(s, event, actor, Math.max(Date.now(), s.updatedAt));
    if (!r.ok) throw ApplicationFailure.nonRetryable(`${event.type} refused: ${r.message}`, r.code);
    s = r.next;
    version += 1;
  };

  /** Side effects that follow an event: who must be told. */
  const notifyAfter = async (event: WorkOrderEvent) => {
    if (event.type === 'dispatch') {
      await act.notifyDepartments({ workOrderId: s.id, departments: event.departments, kind: 'dispatch', text: s.description, idempotencyKey: `${s.id}/${version}/dispatch` });
    } else if (event.type === 'transfer') {
      await act.notifyDepartments({ workOrderId: s.id, departments: [event.to], kind: 'dispatch', text: `transferred: ${event.reason}`, idempotencyKey: `${s.id}/${version}/transfer` });
    }
  };

  const dispatchByRules = async () => {
    const route = input.dispatchTo
      ? { departments: input.dispatchTo, ruleId: 'explicit', reason: 'dispatched to the given department' }
      : routeWorkOrder(routingInputOf(s, installationFunction(input.fieldInstallation?.installationDepartment)));
    const event: WorkOrderEvent = { type: 'dispatch', departments: route.departments, ruleId: route.ruleId, reason: route.reason };
    apply(event, SYSTEM);
    await notifyAfter(event);
  };

  const view = () => {
    const d = deadlinesOf(s);
    return { ...s, assignees: assignees(s), deadlines: { acceptBy: d?.acceptBy, resolveBy: d?.resolveBy } };
  };
  setHandler(getWorkOrderQuery, view);
  // Adds no command to a history that never receives it: runs started before it replay unchanged.
  setHandler(awaitDispatchUpdate, async () => {
    await condition(() => s.phase !== 'intake' && s.phase !== 'classified');
    return view();
  });
  setHandler(
    workOrderActionUpdate,
    async ({ event, actor }) => {
      apply(event, actor);
      if (event.type === 'reopen') await dispatchByRules();
      else await notifyAfter(event);
      await record();
      return s;
    },
    {
      validator: (a) => {
        if (!a || typeof a !== 'object' || !a.actor || !a.event) throw refusal('INVALID', 'an action needs an event and an actor');
        // Timers are the system's: people cannot urge, escalate or auto-close through this door… except
        // supervisors and the centre, who may escalate by hand (the domain checks who).
        if (a.event.type === 'autoClose' || a.event.type === 'urge') throw refusal('FORBIDDEN', `${a.event.type} is done by the system`);
        // Admitted as a new event: within its bounds, no unknown field, then by the rules.
        const r = admitEvent(s, a.event, a.actor, Math.max(Date.now(), s.updatedAt));
        if (!r.ok) throw refusal(r.code, r.message);
      },
    },
  );

  try {
    return await whenHandlersFinished(await closedLoop());
  } catch (err) {
    // Cancelled from outside (the order it serves was cancelled): record it as cancelled.
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      if (!TERMINAL_PHASES.includes(s.phase)) {
        apply({ type: 'cancel', reason: 'cancelled by the process that raised it' }, SYSTEM);
        await record();
      }
    });
    throw err;
  }

  async function closedLoop(): Promise<WorkOrderResult> {
    // ---- intake → classify → dispatch ----
    if (s.forwardedTo) log.info('roaming complaint forwarded to the home local network', { workOrderId: s.id, to: s.forwardedTo });
    apply({ type: 'classify' }, SYSTEM);
    await dispatchByRules();
    await record();

    // ---- the loop: wait for people or for the next SLA mark ----
    let closedAt: number | undefined;
    for (;;) {
      // A field installation ends with the department's receipt: the order takes it from there.
      if (input.fieldInstallation && s.phase === 'receiptReturned') {
        // The receipt's handler is still recording it: let it finish and answer first, so the two
        // never interleave (whenHandlersFinished's patch: older runs went on at once).
        await whenHandlersFinished(undefined);
        const receipts = s.assignments.filter((a) => a.receipt).map((a) => a.receipt!);
        const installed = receipts.length > 0 && receipts.every((r) => r.result === 'resolved');
        const why = receipts.map((r) => `${r.result}: ${r.notes ?? r.resolutionCode}`).join('; ');
        const attempt = 1 + s.timeline.filter((e) => e.action === 'sendBack' && e.actor.role === 'system').length;
        // Not done (the customer was not at home, say): another appointment, as a real installation
        // is rescheduled, until the attempts run out. Patched: earlier runs gave up at once.
        if (!installed && patched(RESCHEDULE_INSTALLATION)) {
          const attempts = input.installationAttempts ?? DEFAULT_INSTALLATION_ATTEMPTS;
          if (attempt < attempts) {
            const departments = s.assignments.filter((a) => a.receipt && a.receipt.result !== 'resolved').map((a) => a.department);
            const reason = `not installed (${why}): another appointment, attempt ${attempt + 1} of ${attempts}`;
            apply({ type: 'sendBack', reason, departments }, SYSTEM);
            await act.notifyDepartments({ workOrderId: s.id, departments, kind: 'dispatch', text: reason, idempotencyKey: `${s.id}/${version}/reschedule` });
            await record();
            continue;
          }
        }
        apply({ type: 'approve', notes: 'receipt accepted by the order fulfilment' }, SYSTEM);
        await record();
        // The order has its answer: nothing is left to do here, so the work order closes (no customer
        // callback, nothing to reopen). Patched: earlier runs ended reviewed, open for ever.
        if (patched(CLOSE_INSTALLATION)) {
          apply({ type: 'closeInstallation', installed }, SYSTEM);
          await record();
        }
        return { snapshot: s, installed, reason: installed ? undefined : `${why}${attempt > 1 ? ` (after ${attempt} appointments)` : ''}` };
      }
      // The centre approved the receipts: tell the customer, then wait for the callback.
      if (s.phase === 'reviewed') {
        await act.notifyCustomer({ workOrderId: s.id, customerId: s.customer.id, kind: 'resolved', idempotencyKey: `${s.id}/${s.reopenCount}/resolved` });
        apply({ type: 'notifyCustomer', message: 'the customer was told the result' }, SYSTEM);
        await record();
        continue;
      }
      if (TERMINAL_PHASES.includes(s.phase)) {
        closedAt ??= Date.now();
        if (s.phase !== 'closed') break;
        // A closed work order may still be reopened for a while.
        const seen = version;
        const reopened = await condition(() => version !== seen && s.phase !== 'closed', Math.max(1, closedAt + input.reopenWindowMs - Date.now()));
        if (!reopened) break;
        closedAt = undefined;
        continue;
      }
      const seen = version;
      const now = Date.now();
      const sla = nextSlaEvent(s, now);
      // Resolved and told: the customer's answer, or closing by itself.
      const autoCloseAt = s.phase === 'customerNotified' ? s.updatedAt + input.autoCloseAfterMs : undefined;
      const wakeAt = Math.min(sla.kind === 'none' ? Infinity : sla.at, autoCloseAt ?? Infinity);
      const changed = await (wakeAt === Infinity ? condition(() => version !== seen).then(() => true) : condition(() => version !== seen, Math.max(1, wakeAt - now)));
      if (changed) continue;
      if (autoCloseAt !== undefined && Date.now() >= autoCloseAt && s.phase === 'customerNotified') {
        apply({ type: 'autoClose' }, SYSTEM);
        await record();
        continue;
      }
      if (sla.kind === 'urge') {
        apply({ type: 'urge', mark: sla.mark, reason: `deadline at ${new Date(sla.deadline).toISOString()}` }, SYSTEM);
        await act.notifyDepartments({ workOrderId: s.id, departments: assignees(s), kind: 'urge', text: `deadline ${new Date(sla.deadline).toISOString()}`, warnSupervisors: true, idempotencyKey: `${s.id}/${sla.mark}/urge` });
      } else if (sla.kind === 'escalate') {
        apply({ type: 'escalate', mark: sla.mark, reason: `deadline ${sla.mark} passed` }, SYSTEM);
        const target = s.escalations[s.escalations.length - 1]!.target;
        await act.notifyDepartments({ workOrderId: s.id, departments: [target], kind: 'escalate', text: `escalated to ${sla.level}: deadline ${sla.mark} passed`, idempotencyKey: `${s.id}/${sla.mark}/escalate` });
      }
      await record();
    }
    return { snapshot: s };
  }
}
workOrder satisfies WorkOrderWorkflow;
