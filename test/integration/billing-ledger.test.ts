// Bills, payments and prepaid top-ups (issue 14, point 2, first half) on the real stack: the billing
// simulator's ledger (simulators/billing-ledger.ts) bills an account's subscriptions — activated by a
// real order — month by month, the adapter records payments and top-ups idempotently, and the
// customer 360 shows each account's last six bills and payments as billing has them. Counted against
// the simulator's records.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BusinessRefusalError } from '../../adapters/index.js';
import type { LedgerBill } from '../../adapters/types.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, freshMobile, orderBody, placeOrder, settledOrder, simRecords, type SeededCustomer } from '../../harness/fixtures.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const run = `${process.pid}-${Date.now()}`;

/** What the billing run does at the end of a cycle, asked of the simulator directly. */
async function issueBill(accountId: string, period: string, extra: Record<string, unknown> = {}, key = `bill-${run}-${accountId}-${period}`) {
  const res = await fetch(`${sys.sims.urls.billing}/accounts/${encodeURIComponent(accountId)}/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ period, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as LedgerBill & { error?: { code: string } } };
}

/** A customer with a live mobile line of this system's making: its account, the subscription and the order's prices. */
async function customerWithLine(where: string, offset: number) {
  const customer: SeededCustomer = await findCustomer(sys, where, offset);
  const placed = await placeOrder(
    sys,
    orderBody(customer, [{ offering: 'gsm-global-88', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
  );
  expect(placed.status).toBe(201);
  const order = await settledOrder(sys, placed.body.id);
  expect(order.state).toBe('completed');
  const subscriptionId = order.productOrderItem[0].product.id as string;
  const { billing } = await simRecords(sys);
  const accountId = billing.views.subscriptions![subscriptionId]!.accountId;
  return {
    customer,
    subscriptionId,
    accountId,
    recurringCents: order.orderTotalPrice.recurringCents as number,
    oneOffCents: order.orderTotalPrice.oneOffCents as number,
  };
}

const effects = async (operation: string, accountId: string) =>
  (await simRecords(sys)).billing.effects.filter((e) => e.operation === operation && e.summary.accountId === accountId);

describe('billing ledger: bills, payments, top-ups', () => {
  it('bills follow the subscriptions month by month, once per period; the 360 shows the last six bills and payments', async () => {
    const { customer, subscriptionId, accountId, recurringCents, oneOffCents } = await customerWithLine(
      "c.kind = 'individual' and c.tier = 'ordinary' and c.home_local_network = 'dandong'",
      7,
    );
    expect(recurringCents).toBeGreaterThan(0);
    const periods = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
    const bills: LedgerBill[] = [];
    for (const period of periods) {
      const adjustments = period === '2026-09' ? [{ description: 'goodwill credit for an outage', amountCents: -500 }] : undefined;
      const res = await issueBill(accountId, period, adjustments ? { adjustments } : {});
      expect(res.status).toBe(201);
      bills.push(res.body);
    }
    // The first bill has the line's rental and its one-off charge; later ones the rental only, and September its credit.
    expect(bills[0]!.lines).toEqual([
      { kind: 'recurring', subscriptionId, description: 'gsm-global-88 monthly', amountCents: recurringCents },
      ...(oneOffCents > 0 ? [{ kind: 'oneOff', subscriptionId, description: 'gsm-global-88 one-off', amountCents: oneOffCents }] : []),
    ]);
    expect(bills[0]!.totalCents).toBe(recurringCents + oneOffCents);
    expect(bills[1]!.lines).toEqual([{ kind: 'recurring', subscriptionId, description: 'gsm-global-88 monthly', amountCents: recurringCents }]);
    expect(bills[4]!.lines.at(-1)).toEqual({ kind: 'adjustment', description: 'goodwill credit for an outage', amountCents: -500 });
    expect(bills[4]!.totalCents).toBe(recurringCents - 500);
    expect(bills[0]).toMatchObject({ accountId, customerId: customer.id, period: '2026-05', dueDate: '2026-06-20', status: 'open', paidCents: 0 });

    // A period is billed once: asked again (another key) it answers the same bill, and nothing is recorded.
    const again = await issueBill(accountId, '2026-11', {}, `bill-again-${run}`);
    expect(again.status).toBe(200);
    expect(again.body.billId).toBe(bills[6]!.billId);
    expect(await effects('issueBill', accountId)).toHaveLength(7);

    // Payments and a top-up through the adapter: the first pays the oldest bill, the second part of the next.
    const { billing } = sys.adapters;
    const first = await billing.recordPayment({ accountId, amountCents: bills[0]!.totalCents, method: 'wechat' }, `pay-1-${run}`);
    expect(first.settled).toEqual([{ billId: bills[0]!.billId, amountCents: bills[0]!.totalCents }]);
    const second = await billing.recordPayment({ accountId, amountCents: 1000, method: 'cash', reference: 'shop receipt 17' }, `pay-2-${run}`);
    expect(second.settled).toEqual([{ billId: bills[1]!.billId, amountCents: Math.min(1000, bills[1]!.totalCents) }]);
    const topUp = await billing.topUp({ accountId, amountCents: 5000, channel: 'voucher' }, `top-1-${run}`);
    expect(topUp).toMatchObject({ kind: 'topUp', settled: [] });

    // The balance history: seven bills, then the three credits, each with the balance after it.
    const total = bills.reduce((sum, b) => sum + b.totalCents, 0);
    const history = await billing.balanceHistory(accountId, 50);
    expect(history.map((e) => e.kind)).toEqual(['topUp', 'payment', 'payment', 'bill', 'bill', 'bill', 'bill', 'bill', 'bill', 'bill']);
    expect(history[0]!.balanceCents).toBe(-total + bills[0]!.totalCents + 1000 + 5000);
    expect(history.at(-1)).toMatchObject({
      kind: 'bill',
      reference: bills[0]!.billId,
      amountCents: -bills[0]!.totalCents,
      balanceCents: -bills[0]!.totalCents,
    });
    expect(await effects('recordPayment', accountId)).toHaveLength(2);
    expect(await effects('topUp', accountId)).toHaveLength(1);

    // The customer 360: this account's last six bills (newest first) and its payments, as billing has them.
    const token = sys.token({ roles: ['call-centre'], sub: 'ledger-agent', localNetworks: ['dandong'] });
    const res = await request(sys.app).get(`/customer/${customer.id}`).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const account = (
      res.body.accounts as Array<{ id: string; bills?: LedgerBill[]; payments?: Array<{ paymentId: string; kind: string; amountCents: number }> }>
    ).find((a) => a.id === accountId)!;
    expect(account.bills!.map((b) => b.period)).toEqual(['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06']);
    expect(account.bills!.map((b) => b.totalCents)).toEqual(
      bills
        .slice(1)
        .reverse()
        .map((b) => b.totalCents),
    );
    expect(account.bills!.find((b) => b.period === '2026-06')).toMatchObject({ paidCents: Math.min(1000, bills[1]!.totalCents) });
    expect(account.payments!.map((p) => [p.paymentId, p.kind, p.amountCents])).toEqual([
      [topUp.paymentId, 'topUp', 5000],
      [second.paymentId, 'payment', 1000],
      [first.paymentId, 'payment', bills[0]!.totalCents],
    ]);
  });

  it('the adapter is idempotent: the same key twice is one payment; the same key for another payment is refused', async () => {
    const accountId = `ACC-ledger-${run}`;
    const { billing } = sys.adapters;
    const before = (await simRecords(sys)).billing.counters.duplicatesSuppressed;
    const a = await billing.recordPayment({ accountId, amountCents: 2500, method: 'bank_transfer' }, `idem-${run}`);
    const b = await billing.recordPayment({ accountId, amountCents: 2500, method: 'bank_transfer' }, `idem-${run}`);
    expect(b.paymentId).toBe(a.paymentId);
    expect(await billing.listPayments(accountId, 10)).toHaveLength(1);
    expect(await effects('recordPayment', accountId)).toHaveLength(1);
    expect((await simRecords(sys)).billing.counters.duplicatesSuppressed).toBe(before + 1);
    expect((await billing.balanceHistory(accountId, 10)).map((e) => e.balanceCents)).toEqual([2500]);

    const t1 = await billing.topUp({ accountId, amountCents: 3000, channel: 'alipay' }, `idem-top-${run}`);
    const t2 = await billing.topUp({ accountId, amountCents: 3000, channel: 'alipay' }, `idem-top-${run}`);
    expect(t2.paymentId).toBe(t1.paymentId);
    expect(await effects('topUp', accountId)).toHaveLength(1);
    await expect(billing.recordPayment({ accountId, amountCents: 9999, method: 'cash' }, `idem-${run}`)).rejects.toBeInstanceOf(BusinessRefusalError);
    // A bill it does not have is refused by name; nothing to bill is refused too.
    await expect(billing.recordPayment({ accountId, amountCents: 100, method: 'cash', billId: 'BILL-nope' }, `idem-nobill-${run}`)).rejects.toMatchObject({
      code: 'UNKNOWN_BILL',
    });
    expect((await issueBill(accountId, '2026-11')).body.error?.code).toBe('NOTHING_TO_BILL');
    expect(await billing.listPayments(accountId, 10)).toHaveLength(2);
    expect(await billing.listBills(accountId, 10)).toEqual([]);
  });
});
