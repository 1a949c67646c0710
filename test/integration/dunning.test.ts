// Dunning (issue 14, point 2) on the real stack: the local network's Temporal Schedule (as the worker
// creates it, visible in the Temporal UI) is run on demand (trigger), its dunningRun judges billing's
// arrears, reminds, opens a dunning case whose suspension order runs through orderFulfilment, and the
// payment (or the prepaid top-up) brings the resumption order by itself. Counted against the
// simulators' records and the read model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dunningCaseWorkflowId, dunningScheduleId, getDunningCaseQuery, type DunningCaseView } from '../../contracts/dunning.js';
import type { LocalNetworkId } from '../../domain/local-networks.js';
import {
  billingCall,
  customersWhoseLines,
  customerWithNewLine,
  dunningCaseReaches,
  dunningSchedule,
  POSTPAID_LINES,
  PREPAID_CARDS,
  triggerDunningRun,
} from '../../harness/dunning.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import request from 'supertest';
import { settledOrder, simRecords } from '../../harness/fixtures.js';

let sys: TestSystem;
const NETWORK = 'anshan';
const POSTPAID = customersWhoseLines(POSTPAID_LINES, NETWORK);
// Few customers hold prepaid cards only: taken from any network, whose schedule the test then creates.
const PREPAID = customersWhoseLines(PREPAID_CARDS);

beforeAll(async () => {
  sys = await startTestSystem();
  await dunningSchedule(sys, NETWORK);
});
const created = new Set<LocalNetworkId>([NETWORK]);
afterAll(async () => {
  for (const network of created) {
    await sys?.client.schedule
      .getHandle(dunningScheduleId(network))
      .delete()
      .catch(() => undefined);
  }
  await sys?.stop();
});

const run = `${process.pid}-${Date.now()}`;

const customerWithLine = (offering: string, where: string, offset: number) => customerWithNewLine(sys, where, offset, offering);

const triggerRun = async (network: LocalNetworkId = NETWORK) => (await triggerDunningRun(sys.client, network)).result;
const caseReaches = (accountId: string, state: DunningCaseView['state']) => dunningCaseReaches(sys.client, accountId, state);
const sim = (path: string, body: unknown) => billingCall(sys, path, body);

const db = (sql: string, params: unknown[]) => sys.orm.em.fork().getConnection().execute(sql, params) as Promise<Array<Record<string, unknown>>>;
const subscriptionStatus = async (id: string) => (await db('select status from subscription where id = ?', [id]))[0]!.status;
const effectsOf = async (operation: string, subscriptionId: string) =>
  (await simRecords(sys)).billing.effects.filter((e) => e.operation === operation && e.summary.subscriptionId === subscriptionId).length;

describe('dunning', () => {
  it('the schedule runs on the network’s working days: weekdays, make-up Saturdays and Sundays added, holidays skipped', async () => {
    const { schedule } = await sys.client.schedule
      .getHandle(dunningScheduleId(NETWORK))
      .describe()
      .then((d) => ({ schedule: d }));
    const { spec, action } = schedule;
    expect(action).toMatchObject({ workflowType: 'dunningRun', taskQueue: sys.config.TEMPORAL_TASK_QUEUE, args: [{ localNetwork: NETWORK }] });
    // 09:00 China Standard Time is 01:00 UTC.
    expect(spec.calendars![0]).toMatchObject({ hour: [{ start: 1, end: 1, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
    expect(spec.calendars![0]!.dayOfWeek.map((d) => d.start)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']);
    const dates = (specs: typeof spec.skip) => (specs ?? []).map((c) => `${c.year[0]!.start}-${c.month[0]!.start}-${c.dayOfMonth[0]!.start}`);
    // National Day's working weekdays skipped; the make-up Sunday 2026-09-20 and Saturday 2026-10-10 added.
    expect(dates(spec.skip)).toEqual(expect.arrayContaining(['2026-OCTOBER-1', '2026-OCTOBER-2', '2026-OCTOBER-5', '2026-OCTOBER-6', '2026-OCTOBER-7']));
    expect(dates(spec.skip)).not.toContain('2026-OCTOBER-3');
    expect(dates(spec.calendars!.slice(1))).toEqual(expect.arrayContaining(['2026-SEPTEMBER-20', '2026-OCTOBER-10']));
  });

  it('postpaid: reminder past the grace, suspension after the notice, resumption when the payment comes', async () => {
    const { customer, subscriptionId, accountId } = await customerWithLine('gsm-global-88', POSTPAID, 3);
    // An August bill, due 2026-09-20: long past its ten working days of grace.
    const bill = await sim(`/accounts/${accountId}/bills`, { period: '2026-08' });
    const owed = bill.totalCents as number;
    expect(owed).toBeGreaterThan(0);

    const first = await triggerRun();
    expect(first).toMatchObject({ localNetwork: NETWORK, reminded: 1, suspended: 0 });
    const reminders = (await simRecords(sys)).notification.effects.filter((e) => e.summary.template === 'dunning.reminder');
    expect(reminders).toHaveLength(1);
    expect(await db('select bill_id, owed_cents from dunning_reminder where account_id = ?', [accountId])).toEqual([
      { bill_id: bill.billId, owed_cents: String(owed) },
    ]);

    // The same day again: the notice runs, nothing is sent twice, nothing suspended.
    const second = await triggerRun();
    expect(second).toMatchObject({ reminded: 0, suspended: 0, waiting: 1 });
    expect((await simRecords(sys)).notification.effects.filter((e) => e.summary.template === 'dunning.reminder')).toHaveLength(1);

    // The reminder was a fortnight ago (the notice is three working days).
    await db(`update dunning_reminder set sent_on = sent_on - 14 where account_id = ?`, [accountId]);
    const third = await triggerRun();
    expect(third).toMatchObject({ reminded: 0, suspended: 1 });
    const suspended = await caseReaches(accountId, 'suspended');
    expect(suspended).toMatchObject({ reason: 'overdue', billIds: [bill.billId], owedCents: owed, customerId: customer.id });
    // Every line billed to the account (the seeded ones too) is barred.
    expect(suspended.subscriptionIds).toContain(subscriptionId);
    for (const id of suspended.subscriptionIds) expect(await subscriptionStatus(id)).toBe('suspended');
    expect(await effectsOf('suspendSubscription', subscriptionId)).toBe(1);
    const order = await settledOrder(sys, suspended.suspensionOrderId!);
    expect(order).toMatchObject({ state: 'completed' });

    // A run while suspended opens no second case.
    expect(await triggerRun()).toMatchObject({ suspended: 0, waiting: 1 });

    // The customer 360 says why the lines are barred.
    const view = await request(sys.app)
      .get(`/customer/${customer.id}`)
      .set('authorization', `Bearer ${sys.token({ roles: ['call-centre'] })}`);
    expect(view.body.accounts.find((a: { id: string }) => a.id === accountId).dunning).toMatchObject({
      state: 'suspended',
      reason: 'overdue',
      owedCents: owed,
      suspensionOrderId: suspended.suspensionOrderId,
    });

    // The customer pays at the bank: billing has it, the case sees it and resumes by itself.
    await sys.adapters.billing.recordPayment({ accountId, amountCents: owed, method: 'bank_transfer' }, `${run}-pay-${accountId}`);
    const done = (await sys.client.workflow.getHandle(dunningCaseWorkflowId(accountId)).result()) as DunningCaseView;
    expect(done).toMatchObject({ state: 'resumed' });
    for (const id of suspended.subscriptionIds) expect(await subscriptionStatus(id)).toBe('active');
    expect(await effectsOf('resumeSubscription', subscriptionId)).toBe(1);
    expect(await effectsOf('suspendSubscription', subscriptionId)).toBe(1);
    expect(await db('select state, suspension_order_id, resumption_order_id from dunning_case where account_id = ?', [accountId])).toEqual([
      { state: 'resumed', suspension_order_id: suspended.suspensionOrderId, resumption_order_id: done.resumptionOrderId },
    ]);
    // Paid up: the next run has nothing for the account.
    expect(await triggerRun()).toMatchObject({ reminded: 0, suspended: 0 });
  });

  it('a payment at the counter settles the arrears and the case resumes the lines at once, whatever its check interval', async () => {
    const { customer, accountId } = await customerWithLine('gsm-global-58', POSTPAID, 4);
    const bill = await sim(`/accounts/${accountId}/bills`, { period: '2026-07' });
    await triggerRun();
    await db(`update dunning_reminder set sent_on = sent_on - 14 where account_id = ?`, [accountId]);
    // A case that looks at billing only once an hour by itself: the payment's signal makes it look now.
    await dunningSchedule(sys, NETWORK, 3600);
    try {
      expect((await triggerRun()).suspended).toBe(1);
    } finally {
      await dunningSchedule(sys, NETWORK);
    }
    expect((await caseReaches(accountId, 'suspended')).caseCheckSeconds).toBe(3600);

    const clerk = sys.token({ roles: ['order-entry'], localNetworks: [NETWORK], sub: `counter-${run}` });
    const pay = (key: string, body: Record<string, unknown>) =>
      request(sys.app).post(`/customer/${customer.id}/payment`).set('authorization', `Bearer ${clerk}`).set('idempotency-key', key).send(body);
    // Another customer's account: refused, nothing recorded.
    const other = await pay(`${run}-other`, { accountId: 'acct-0000001', kind: 'payment', amountCents: 100, method: 'cash' });
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatchObject({ field: 'accountId', code: 'NOT_THE_CUSTOMERS_ACCOUNT' });
    const body = { accountId, kind: 'payment', amountCents: bill.totalCents, method: 'cash', reference: 'R-0001' };
    const [first, again] = [await pay(`${run}-counter`, body), await pay(`${run}-counter`, body)];
    expect(first.status).toBe(201);
    // A double click: the same payment, once in billing.
    expect(again.body.paymentId).toBe(first.body.paymentId);
    expect((await simRecords(sys)).billing.effects.filter((e) => e.operation === 'recordPayment' && e.summary.accountId === accountId)).toHaveLength(1);
    const done = (await sys.client.workflow.getHandle(dunningCaseWorkflowId(accountId)).result()) as DunningCaseView;
    expect(done.state).toBe('resumed');
  });

  it('prepaid: below zero is suspended at once, a top-up resumes it', async () => {
    const { customer, subscriptionId, accountId } = await customerWithLine('gsm-prepaid-szx', PREPAID, 0);
    const network = customer.homeLocalNetwork as LocalNetworkId;
    created.add(network);
    await dunningSchedule(sys, network);
    await sim(`/accounts/${accountId}/topups`, { amountCents: 1000, channel: 'card' });
    await sim(`/accounts/${accountId}/usage`, { amountCents: 1500, description: 'calls, November' });

    const result = await triggerRun(network);
    expect(result).toMatchObject({ reminded: 0, suspended: 1 });
    const suspended = await caseReaches(accountId, 'suspended');
    expect(suspended).toMatchObject({ reason: 'prepaidNegative', owedCents: 500 });
    expect(suspended.subscriptionIds).toContain(subscriptionId);
    for (const id of suspended.subscriptionIds) expect(await subscriptionStatus(id)).toBe('suspended');

    // Still below zero after a small top-up: stays suspended.
    await sys.adapters.billing.topUp({ accountId, amountCents: 200, channel: 'wechat' }, `${run}-top1-${accountId}`);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await sys.client.workflow.getHandle(dunningCaseWorkflowId(accountId)).query(getDunningCaseQuery)).state).toBe('suspended');

    await sys.adapters.billing.topUp({ accountId, amountCents: 500, channel: 'wechat' }, `${run}-top2-${accountId}`);
    const done = (await sys.client.workflow.getHandle(dunningCaseWorkflowId(accountId)).result()) as DunningCaseView;
    expect(done.state).toBe('resumed');
    expect(await subscriptionStatus(subscriptionId)).toBe('active');
    expect(await effectsOf('resumeSubscription', subscriptionId)).toBe(1);
  });
});
