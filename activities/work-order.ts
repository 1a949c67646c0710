// Activities of the work-order workflow: keep the read model in step and tell people (departments,
// supervisors, the next escalation level, the customer) through the notification adapter.
import type { EntityManager } from '@mikro-orm/postgresql';
import { log } from '@temporalio/activity';
import { BusinessRefusalError, type Adapters } from '../adapters/index.js';
import { missingYears, yearsExpectedBy, type HolidaySchedule } from '../domain/calendar.js';
import { departmentById } from '../domain/departments.js';
import { assignees, type WorkOrderSnapshot } from '../domain/work-order.js';
import type { CustomerNotice, DepartmentNotice, RecordedWorkOrder, StaffNotice, WorkOrderActivities } from '../contracts/work-order.js';
import { holidaySchedule } from '../db/calendars.js';
import { loadCustomer } from '../db/customers.js';
import { recordWorkOrder } from '../db/work-orders.js';
import type { WorkerMetrics } from '../platform/metrics.js';

export interface WorkOrderActivityDeps {
  em: () => EntityManager;
  adapters: Adapters;
  metrics?: WorkerMetrics;
}

/** Departments are reached at a mailbox of the dispatch system (the seeds' 电子派单). */
const mailboxOf = (id: string) => `${id}@dispatch.telecom.example`;
/** A member of staff at their own mailbox (user names are lower-case letters, digits, dots, dashes). */
const staffMailboxOf = (username: string) => `${username}@staff.telecom.example`;

export function createWorkOrderActivities({ em, adapters, metrics }: WorkOrderActivityDeps): WorkOrderActivities {
  const send = async (to: string, template: string, params: Record<string, string | number | boolean>, key: string, channel: 'sms' | 'email' = 'email') => {
    try {
      await adapters.notification.send({ channel, to, template, params }, key);
    } catch (err) {
      // An address the gateway refuses will not become valid by retrying: log it in the result.
      if (!(err instanceof BusinessRefusalError)) throw err;
    }
  };

  return {
    /**
     * With `since` (run as a local activity, whose marker keeps only the result), answers with the
     * state and the timeline entries from `since` on — what the workflow recorded, not what the
     * read model already had — so the history still tells who did what.
     */
    async recordWorkOrder({ snapshot, seq, since }: { snapshot: WorkOrderSnapshot; seq: number; since?: number }): Promise<RecordedWorkOrder | void> {
      const write = await recordWorkOrder(em(), snapshot, seq);
      // Counted from what this write added to the read model: once per event, whatever the retries.
      if (write.applied) metrics?.workOrderEvents(write.newEntries, { level: snapshot.escalationLevel, holders: assignees(snapshot) });
      if (since !== undefined) return { state: snapshot.state, entries: snapshot.timeline.slice(since) };
    },

    async notifyDepartments(input: DepartmentNotice): Promise<void> {
      for (const id of input.departments) {
        await send(mailboxOf(id), `workOrder.${input.kind}`, { workOrderId: input.workOrderId, text: input.text }, `${input.idempotencyKey}/${id}`);
        const supervisor = departmentById(id)?.supervisor;
        if (input.warnSupervisors && supervisor) {
          await send(
            mailboxOf(supervisor.id),
            'workOrder.supervisorWarning',
            { workOrderId: input.workOrderId, department: id, text: input.text },
            `${input.idempotencyKey}/${id}/supervisor`,
          );
        }
      }
    },

    /**
     * Years without data count as plain weekdays: said in the log (as /readyz says it) for the work
     * order's own year, and for the next from December on, when its deadlines may well reach it.
     */
    async holidaySchedule({ years }: { years: number[] }): Promise<HolidaySchedule> {
      const schedule = await holidaySchedule(em(), years);
      const expected = yearsExpectedBy(Date.now());
      const missing = missingYears(
        schedule,
        years.filter((y, i) => i === 0 || expected.includes(y)),
      );
      if (missing.length) {
        log.warn(`no holiday arrangement loaded for ${missing.join(', ')}: counted as plain weekdays`, { missingYears: missing });
      }
      return schedule;
    },

    async notifyStaff(input: StaffNotice): Promise<void> {
      await send(staffMailboxOf(input.username), `workOrder.${input.kind}`, { workOrderId: input.workOrderId, text: input.text }, input.idempotencyKey);
    },

    async notifyCustomer(input: CustomerNotice): Promise<void> {
      const customer = await loadCustomer(em(), input.customerId);
      const to = customer?.contact?.phone ?? customer?.contact?.email;
      if (!to) return;
      await send(to, `workOrder.${input.kind}`, { workOrderId: input.workOrderId }, input.idempotencyKey, customer?.contact?.phone ? 'sms' : 'email');
    },
  };
}
