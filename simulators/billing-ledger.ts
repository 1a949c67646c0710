// The billing simulator's ledger (issue 14, point 2): monthly bills per account, payments, prepaid
// top-ups and the account's balance history. Registered on the billing simulator by billing.ts.
//
// Bills follow the simulator's own subscriptions: `POST /accounts/{id}/bills {period}` issues the
// account's bill for a month (what the billing run does at the end of a cycle, asked on demand here)
// with one line per subscription billed to the account and active then (its recurringCents), the
// one-off charge of each subscription not billed before (once), and any one-off charges and
// adjustments given. A period is billed once: asking again answers the bill already issued. Amounts
// are the subscriptions' own, so the same subscriptions give the same bill.
//
// Each account has a ledger balance (cents; negative = owed): a bill debits it, a payment or a
// top-up credits it, and every change is an entry of its balance history. Payments settle the
// account's open bills oldest first (or the bill named). The customer balance the order checks read
// (`GET /customers/{id}/balance`, set by control) is a separate figure and is left as it is.
// Ledgers are kept per simulator state, so /_reset starts them afresh.
import { z } from 'zod';
import { refuse, reply, sequentialId, type Simulator } from './framework.js';

/** What the ledger reads of the billing simulator's state. */
interface BillingStateView {
  subscriptions: Map<string, { accountId: string; customerId: string; offeringId: string; recurringCents: number; oneOffCents: number; status: string }>;
}

export type BillLineKind = 'recurring' | 'oneOff' | 'adjustment';

export interface BillLine {
  kind: BillLineKind;
  description: string;
  amountCents: number;
  subscriptionId?: string;
}

export interface Bill {
  billId: string;
  accountId: string;
  customerId?: string;
  /** The month billed, YYYY-MM. */
  period: string;
  issuedAt: string;
  /** The 20th of the month after the period. */
  dueDate: string;
  lines: BillLine[];
  totalCents: number;
  paidCents: number;
  status: 'open' | 'paid';
  currency: 'CNY';
  /** A disconnection's final bill (the month's rental so far), beside the month's own bill. */
  final?: true;
}

export type PaymentKind = 'payment' | 'topUp';

/** An account's standing for dunning: its balance and its open bills past their due date on a day. */
export interface Standing {
  accountId: string;
  customerId?: string;
  balanceCents: number;
  overdueBills: Array<{ billId: string; dueDate: string; owedCents: number }>;
}

export interface Payment {
  paymentId: string;
  kind: PaymentKind;
  accountId: string;
  amountCents: number;
  /** How it was paid (cash, bank_transfer, card, …) or, for a top-up, the channel. */
  method: string;
  reference?: string;
  at: string;
  /** Bills it settled (in part or whole), oldest first. */
  settled: Array<{ billId: string; amountCents: number }>;
  /** The account's balance after it. */
  balanceCents: number;
  currency: 'CNY';
}

export interface BalanceEntry {
  seq: number;
  at: string;
  kind: 'bill' | PaymentKind | 'usage';
  /** The bill's, the payment's or the usage charge's id. */
  reference: string;
  /** Signed: a bill is negative, a payment or top-up positive. */
  amountCents: number;
  balanceCents: number;
}

interface AccountLedger {
  customerId?: string;
  bills: Bill[];
  payments: Payment[];
  history: BalanceEntry[];
  balanceCents: number;
}

interface Ledger {
  accounts: Map<string, AccountLedger>;
  /** Subscriptions whose one-off charge has been billed. */
  oneOffBilled: Set<string>;
  nextBill: number;
  nextPayment: number;
  nextEntry: number;
  nextUsage: number;
  bills: number;
  payments: number;
  topUps: number;
}

/** Ledger counts, for the records' readers. */
export interface LedgerViews {
  bills: number;
  payments: number;
  topUps: number;
}

const ledgers = new WeakMap<object, Ledger>();
function ledgerOf(state: object): Ledger {
  let l = ledgers.get(state);
  if (!l) {
    l = { accounts: new Map(), oneOffBilled: new Set(), nextBill: 1, nextPayment: 1, nextEntry: 1, nextUsage: 1, bills: 0, payments: 0, topUps: 0 };
    ledgers.set(state, l);
  }
  return l;
}
function accountOf(l: Ledger, accountId: string): AccountLedger {
  let a = l.accounts.get(accountId);
  if (!a) {
    a = { bills: [], payments: [], history: [], balanceCents: 0 };
    l.accounts.set(accountId, a);
  }
  return a;
}

/** The ledger's counts for a simulator state (bills issued, payments, top-ups). */
export function ledgerViews(state: object): LedgerViews {
  const { bills, payments, topUps } = ledgerOf(state);
  return { bills, payments, topUps };
}

const id = z.string().min(1).max(128);
const description = z.string().trim().min(1).max(200);
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export const IssueBill = z.strictObject({
  period: z.string().regex(PERIOD, 'YYYY-MM'),
  oneOffCharges: z
    .array(z.strictObject({ description, amountCents: z.number().int().min(0).max(100_000_000) }))
    .max(50)
    .optional(),
  /** Credits (negative) or debits (positive) the operator grants or adds. */
  adjustments: z
    .array(z.strictObject({ description, amountCents: z.number().int().min(-100_000_000).max(100_000_000) }))
    .max(50)
    .optional(),
});

export const RecordPayment = z.strictObject({
  amountCents: z.number().int().min(1).max(100_000_000),
  method: z.enum(['cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'direct_debit']),
  reference: z.string().max(128).optional(),
  /** Settle this bill first (otherwise the oldest open bills). */
  billId: id.optional(),
});

/** Prepaid usage rated against the balance (calls, data), what drives a prepaid account below zero. */
export const UsageCharge = z.strictObject({
  amountCents: z.number().int().min(1).max(100_000_000),
  description,
  customerId: id.optional(),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The account's standing on `asOf`: open bills due before that day are overdue. */
function standingOf(accountId: string, a: AccountLedger | undefined, asOf: string): Standing {
  const overdueBills = (a?.bills ?? [])
    .filter((b) => b.status === 'open' && b.dueDate < asOf)
    .map((b) => ({ billId: b.billId, dueDate: b.dueDate, owedCents: b.totalCents - b.paidCents }));
  return { accountId, ...(a?.customerId ? { customerId: a.customerId } : {}), balanceCents: a?.balanceCents ?? 0, overdueBills };
}

export const TopUp = z.strictObject({
  amountCents: z.number().int().min(1).max(100_000_000),
  channel: z.enum(['card', 'voucher', 'wechat', 'alipay', 'shop', 'bank_transfer']),
  reference: z.string().max(128).optional(),
});

const limitOf = (q: Record<string, unknown>) => {
  const n = Number(q.limit ?? 50);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
};

/** The 20th of the month after `period`. */
function dueDateOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 20)).toISOString().slice(0, 10);
}

/** Credits an amount to the account's open bills (the named one first, then oldest first); what each got. */
function settle(a: AccountLedger, amountCents: number, billId?: string): Array<{ billId: string; amountCents: number }> {
  const open = a.bills
    .filter((b) => b.status === 'open')
    .sort((x, y) => (x.billId === billId ? -1 : y.billId === billId ? 1 : x.period.localeCompare(y.period)));
  const settled: Array<{ billId: string; amountCents: number }> = [];
  let left = amountCents;
  for (const b of open) {
    if (left <= 0) break;
    const part = Math.min(left, b.totalCents - b.paidCents);
    if (part <= 0) continue;
    b.paidCents += part;
    if (b.paidCents >= b.totalCents) b.status = 'paid';
    left -= part;
    settled.push({ billId: b.billId, amountCents: part });
  }
  return settled;
}

/** Puts an issued bill on the account: its balance debited, credit already there (a prepayment, a top-up) paying it as far as it goes. */
function addBill(l: Ledger, a: AccountLedger, bill: Bill): void {
  const credit = Math.max(0, a.balanceCents);
  a.bills.push(bill);
  a.customerId ??= bill.customerId;
  if (credit > 0 && bill.status === 'open') settle(a, Math.min(credit, bill.totalCents), bill.billId);
  a.balanceCents -= bill.totalCents;
  a.history.push({ seq: l.nextEntry++, at: bill.issuedAt, kind: 'bill', reference: bill.billId, amountCents: -bill.totalCents, balanceCents: a.balanceCents });
  l.bills++;
}

/** A disconnection's final bill on the subscription's account, when billing closes it (billing.ts closeSubscription). */
export function postFinalBill(
  state: object,
  f: { billId: string; accountId: string; customerId: string; subscriptionId: string; offeringId: string; amountCents: number },
): void {
  const l = ledgerOf(state);
  const now = new Date();
  const period = now.toISOString().slice(0, 7);
  addBill(l, accountOf(l, f.accountId), {
    billId: f.billId,
    accountId: f.accountId,
    customerId: f.customerId,
    period,
    issuedAt: now.toISOString(),
    dueDate: dueDateOf(period),
    lines: [{ kind: 'recurring', subscriptionId: f.subscriptionId, description: `${f.offeringId} final bill`, amountCents: f.amountCents }],
    totalCents: f.amountCents,
    paidCents: 0,
    status: f.amountCents <= 0 ? 'paid' : 'open',
    currency: 'CNY',
    final: true,
  });
}

/** Adds the bill, payment and top-up routes to the billing simulator. */
export function registerBillingLedger<S extends BillingStateView>(sim: Simulator<S>): void {
  sim.command('post', '/accounts/:accountId/bills', 'issueBill', IssueBill, ({ state, params, body, record }) => {
    const l = ledgerOf(state);
    const a = accountOf(l, params.accountId!);
    const existing = a.bills.find((b) => b.period === body.period && !b.final);
    if (existing) return reply(existing);
    const subs = [...state.subscriptions].filter(([, s]) => s.accountId === params.accountId && s.status === 'active');
    const lines: BillLine[] = [
      ...subs.map(([sid, s]) => ({ kind: 'recurring' as const, subscriptionId: sid, description: `${s.offeringId} monthly`, amountCents: s.recurringCents })),
      ...subs
        .filter(([sid, s]) => s.oneOffCents > 0 && !l.oneOffBilled.has(sid))
        .map(([sid, s]) => ({ kind: 'oneOff' as const, subscriptionId: sid, description: `${s.offeringId} one-off`, amountCents: s.oneOffCents })),
      ...(body.oneOffCharges ?? []).map((c) => ({ kind: 'oneOff' as const, description: c.description, amountCents: c.amountCents })),
      ...(body.adjustments ?? []).map((c) => ({ kind: 'adjustment' as const, description: c.description, amountCents: c.amountCents })),
    ];
    if (lines.length === 0) return refuse(409, 'NOTHING_TO_BILL', `account ${params.accountId} has no active subscription nor charge for ${body.period}`);
    for (const line of lines) if (line.kind === 'oneOff' && line.subscriptionId) l.oneOffBilled.add(line.subscriptionId);
    const totalCents = lines.reduce((sum, x) => sum + x.amountCents, 0);
    const bill: Bill = {
      billId: sequentialId('BILL', l.nextBill++),
      accountId: params.accountId!,
      ...(subs[0] ? { customerId: subs[0][1].customerId } : {}),
      period: body.period,
      issuedAt: new Date().toISOString(),
      dueDate: dueDateOf(body.period),
      lines,
      totalCents,
      paidCents: 0,
      status: totalCents <= 0 ? 'paid' : 'open',
      currency: 'CNY',
    };
    addBill(l, a, bill);
    record({ accountId: bill.accountId, billId: bill.billId, period: bill.period, totalCents, lines: lines.length });
    return reply(bill, 201);
  });

  const credit = (kind: PaymentKind, state: S, accountId: string, body: { amountCents: number; reference?: string; billId?: string }, method: string) => {
    const l = ledgerOf(state);
    const a = accountOf(l, accountId);
    if (body.billId && !a.bills.some((b) => b.billId === body.billId)) return undefined;
    // A top-up is credit for what comes; a payment settles the open bills.
    const settled = kind === 'payment' ? settle(a, body.amountCents, body.billId) : [];
    a.balanceCents += body.amountCents;
    const payment: Payment = {
      paymentId: sequentialId(kind === 'payment' ? 'PAY' : 'TOP', l.nextPayment++),
      kind,
      accountId,
      amountCents: body.amountCents,
      method,
      ...(body.reference ? { reference: body.reference } : {}),
      at: new Date().toISOString(),
      settled,
      balanceCents: a.balanceCents,
      currency: 'CNY',
    };
    a.payments.push(payment);
    a.history.push({ seq: l.nextEntry++, at: payment.at, kind, reference: payment.paymentId, amountCents: body.amountCents, balanceCents: a.balanceCents });
    if (kind === 'payment') l.payments++;
    else l.topUps++;
    return payment;
  };

  sim.command('post', '/accounts/:accountId/payments', 'recordPayment', RecordPayment, ({ state, params, body, record }) => {
    const p = credit('payment', state, params.accountId!, body, body.method);
    if (!p) return refuse(404, 'UNKNOWN_BILL', `account ${params.accountId} has no bill ${body.billId}`);
    record({ accountId: p.accountId, paymentId: p.paymentId, amountCents: p.amountCents, settled: p.settled.map((s) => s.billId) });
    return reply(p, 201);
  });

  sim.command('post', '/accounts/:accountId/topups', 'topUp', TopUp, ({ state, params, body, record }) => {
    const p = credit('topUp', state, params.accountId!, body, body.channel)!;
    record({ accountId: p.accountId, paymentId: p.paymentId, amountCents: p.amountCents });
    return reply(p, 201);
  });

  sim.command('post', '/accounts/:accountId/usage', 'chargeUsage', UsageCharge, ({ state, params, body, record }) => {
    const l = ledgerOf(state);
    const a = accountOf(l, params.accountId!);
    a.customerId ??= body.customerId;
    a.balanceCents -= body.amountCents;
    const usageId = sequentialId('USE', l.nextUsage++);
    const entry: BalanceEntry = {
      seq: l.nextEntry++,
      at: new Date().toISOString(),
      kind: 'usage',
      reference: usageId,
      amountCents: -body.amountCents,
      balanceCents: a.balanceCents,
    };
    a.history.push(entry);
    record({ accountId: params.accountId, usageId, amountCents: body.amountCents });
    return reply({ usageId, accountId: params.accountId, amountCents: body.amountCents, description: body.description, balanceCents: a.balanceCents }, 201);
  });

  // Dunning's questions: the accounts in arrears on a day (open bills past due, or a balance below
  // zero without a bill: prepaid usage), by account id, a page at a time; and one account's standing.
  sim.query('/arrears', ({ state, query }) => {
    const limit = limitOf(query);
    const asOf = String(query.asOf ?? '');
    if (limit === undefined || !DATE.test(asOf)) return refuse(400, 'BAD_QUERY', 'asOf is a date YYYY-MM-DD, limit an integer from 1 to 200');
    const after = typeof query.after === 'string' ? query.after : '';
    const page: Standing[] = [];
    for (const accountId of [...ledgerOf(state).accounts.keys()].filter((k) => k > after).sort()) {
      const standing = standingOf(accountId, ledgerOf(state).accounts.get(accountId), asOf);
      if (standing.overdueBills.length === 0 && standing.balanceCents >= 0) continue;
      if (page.length === limit) return reply({ accounts: page, next: page.at(-1)!.accountId });
      page.push(standing);
    }
    return reply({ accounts: page });
  });
  sim.query('/accounts/:accountId/standing', ({ state, params, query }) => {
    const asOf = String(query.asOf ?? '');
    if (!DATE.test(asOf)) return refuse(400, 'BAD_QUERY', 'asOf is a date YYYY-MM-DD');
    return reply(standingOf(params.accountId!, ledgerOf(state).accounts.get(params.accountId!), asOf));
  });

  const newestFirst = <T>(list: T[], limit: number) => list.slice(-limit).reverse();
  const read = (path: string, pick: (a: AccountLedger) => unknown[], key: string) =>
    sim.query(path, ({ state, params, query }) => {
      const limit = limitOf(query);
      if (limit === undefined) return refuse(400, 'BAD_LIMIT', 'limit is an integer from 1 to 200');
      const a = ledgerOf(state).accounts.get(params.accountId!);
      return reply({ accountId: params.accountId, balanceCents: a?.balanceCents ?? 0, [key]: a ? newestFirst(pick(a), limit) : [] });
    });
  read('/accounts/:accountId/bills', (a) => a.bills, 'bills');
  read('/accounts/:accountId/payments', (a) => a.payments, 'payments');
  read('/accounts/:accountId/balance-history', (a) => a.history, 'entries');
}
