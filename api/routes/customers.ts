// The customer 360 view: one customer record with its accounts, subscriptions, open and recent
// orders, open work orders, and the balance the billing system reports; the customer search that
// finds it (ID numbers masked), and the call centre's callbacks due.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BusinessRefusalError } from '../../adapters/errors.js';
import { dunningCaseWorkflowId, paymentReceivedSignal } from '../../contracts/dunning.js';
import { canReadCustomer, customerSearchNetworks, hasRole, inLocalNetworkScope, localNetworkFilter } from '../../domain/access.js';
import { maskIdNumber, normalizeIdNumber } from '../../domain/id-number.js';
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import type { WorkOrderSnapshot } from '../../domain/work-order.js';
import { allowedActions, DESK_ACTIONS } from '../../domain/work-order-actions.js';
import { accountsOf, CUSTOMER_SEARCH_COUNT_CAP, loadCustomer, searchCustomers, subscriptionsOf } from '../../db/customers.js';
import { openDunningCases } from '../../db/dunning.js';
import { listOrders, type OrderRow } from '../../db/orders.js';
import { callbacksDue, openWorkOrdersOf, type CallbackRow } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, forbidden, notFound, ProblemError } from '../problem.js';
import { actorOf, WORK_ORDER_ROLES } from '../work-order-desk.js';

const customerId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** The criteria of a customer search: at least one (the handler names them all when none is given). */
const CRITERIA = ['serviceNumber', 'customerId', 'name', 'idNumber'] as const;

const CustomerSearchQuery = z.object({
  serviceNumber: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only')
    .optional()
    .describe("A subscription's service id: a phone number (13912345678, 041182345678) or a broadband line id (AD0411…); exact"),
  customerId: customerId.optional().describe('The customer id, exact'),
  name: z.string().trim().min(1).max(100).optional().describe("The name's beginning, case-insensitive"),
  idNumber: z
    .string()
    // Bounded as sent (spaces and all), before normalising: the OpenAPI document shows the input's bound.
    .max(64)
    .transform(normalizeIdNumber)
    .pipe(
      z
        .string()
        .min(6)
        .max(32)
        .regex(/^[0-9A-Z]+$/, 'digits and letters only'),
    )
    .optional()
    .describe('The full ID-card or business-licence number, exact (answers show it masked)'),
  limit: z.coerce.number().int().min(1).max(20).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

const CustomerSearchResult = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    tier: z.string(),
    homeLocalNetwork: z.string(),
    status: z.string(),
    idNumberMasked: z.string().optional().describe('The ID number with its middle hidden (210202********1234); the full number is never answered'),
    serviceIds: z.array(z.string()).describe('Up to 5 of its live service ids, to confirm with the caller'),
  })
  .meta({ id: 'CustomerSearchResult' });

const CallbacksQuery = z.object({
  customerId: customerId.optional().describe("One customer's callbacks (the customer on the phone)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const CallbackEntry = z
  .object({
    id: z.string(),
    type: z.string(),
    state: z.string(),
    phase: z
      .string()
      .describe('receiptReturned: the receipt to review; reviewed: the customer being told; customerNotified: their answer to record; unsatisfied: to reopen'),
    priority: z.string(),
    serviceLine: z.string(),
    customer: z.object({ id: z.string(), name: z.string().optional(), tier: z.string() }),
    takenInLocalNetwork: z.string(),
    homeLocalNetwork: z.string(),
    summary: z.string().describe("The description's beginning"),
    receipts: z.array(z.object({ department: z.string(), result: z.string(), resolutionCode: z.string(), notes: z.string().optional() })),
    reopenCount: z.number().int(),
    resolvedAt: z.string().optional().describe('When the centre accepted the receipt'),
    waitingSince: z.string().describe('When it was resolved, or before the review its last change: the order among those without a callback deadline'),
    callbackDueBy: z.string().optional().describe('The callback task’s deadline, once the customer was told: the list is soonest deadline first'),
    overdue: z.boolean().describe('The callback’s deadline has passed with no answer recorded'),
    allowedActions: z.array(z.enum(DESK_ACTIONS)).describe('What the caller may do to it now'),
  })
  .meta({ id: 'CallbackEntry' });

const presentCallback = (r: CallbackRow, actions: ReturnType<typeof allowedActions>) => {
  const s: WorkOrderSnapshot = r.snapshot;
  return {
    id: r.id,
    type: r.type,
    state: r.state,
    phase: r.phase,
    priority: r.priority,
    serviceLine: r.service_line,
    customer: { id: r.customer_id, ...(r.customer_name ? { name: r.customer_name } : {}), tier: r.customer_tier },
    takenInLocalNetwork: r.taken_in_local_network,
    homeLocalNetwork: r.home_local_network,
    summary: (s.description ?? '').slice(0, 120),
    receipts: s.assignments
      .filter((a) => a.receipt)
      .map((a) => ({
        department: a.department,
        result: a.receipt!.result,
        resolutionCode: a.receipt!.resolutionCode,
        ...(a.receipt!.notes !== undefined ? { notes: a.receipt!.notes } : {}),
      })),
    reopenCount: r.reopen_count,
    ...(r.resolved_at ? { resolvedAt: isoOf(r.resolved_at) } : {}),
    waitingSince: isoOf(r.waiting_since)!,
    ...(r.callback_due_by ? { callbackDueBy: isoOf(r.callback_due_by) } : {}),
    overdue: r.callback_overdue,
    allowedActions: actions,
  };
};

/** Bills and payments as the 360 shows them (billing's ledger, adapters/types.ts). */
const LedgerBill = z
  .object({
    billId: z.string(),
    period: z.string().describe('YYYY-MM'),
    issuedAt: z.string(),
    dueDate: z.string(),
    totalCents: z.number(),
    paidCents: z.number(),
    status: z.enum(['open', 'paid']),
    currency: z.string(),
    lines: z.array(
      z.object({
        kind: z.enum(['recurring', 'oneOff', 'adjustment']),
        description: z.string(),
        amountCents: z.number(),
        subscriptionId: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'CustomerBill' });
const LedgerPayment = z
  .object({
    paymentId: z.string(),
    kind: z.enum(['payment', 'topUp']),
    amountCents: z.number(),
    method: z.string(),
    at: z.string(),
    balanceCents: z.number().describe("The account's balance after it"),
    currency: z.string(),
  })
  .meta({ id: 'CustomerPayment' });
/** A payment or a prepaid top-up taken at the counter (营业厅缴费/充值). */
const PaymentInput = z
  .strictObject({
    accountId: customerId.describe("One of the customer's billing accounts"),
    kind: z.enum(['payment', 'topUp']).describe('payment: settles open bills, oldest first; topUp: prepaid credit'),
    amountCents: z.number().int().min(1).max(100_000_000),
    method: z.enum(['cash', 'card', 'wechat', 'alipay', 'bank_transfer']),
    reference: z.string().trim().min(1).max(128).optional().describe('The receipt or transaction number'),
  })
  .meta({ id: 'CustomerPaymentInput' });
const PaymentHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).describe('One payment per key: a repeat (double click, retry) answers the same payment'),
});
/** A dunning case of the account (suspended for arrears, waiting for the payment, or resumed). */
const DunningCase = z
  .object({
    caseId: z.string(),
    state: z.string(),
    reason: z.string(),
    owedCents: z.number(),
    openedOn: z.string(),
    suspensionOrderId: z.string().optional(),
    resumptionOrderId: z.string().optional(),
  })
  .meta({ id: 'DunningCase' });

/** How many of each the 360 shows per account. */
const LAST_BILLS = 6;

const Customer360 = z
  .object({
    customer: z
      .object({
        id: z.string(),
        kind: z.string(),
        name: z.string(),
        tier: z.string(),
        homeLocalNetwork: z.string(),
        status: z.string(),
        idNumberMasked: z.string().optional().describe('The ID number with its middle hidden; the full number is never answered'),
        contact: z.object({ phone: z.string().optional(), email: z.string().optional() }).optional(),
      })
      .loose(),
    accounts: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          bills: z.array(LedgerBill).optional().describe("The account's last six monthly bills, newest first (billing's; absent when billing did not answer)"),
          payments: z.array(LedgerPayment).optional().describe('Its last six payments and prepaid top-ups, newest first'),
          dunning: DunningCase.optional().describe('The open dunning case: the lines barred for arrears until the payment'),
          billing: z.object({ unavailable: z.string() }).optional().describe('Billing did not answer for the bills and payments'),
        })
        .loose(),
    ),
    subscriptions: z.array(z.object({ id: z.string(), offeringId: z.string(), serviceLine: z.string(), serviceId: z.string(), status: z.string() }).loose()),
    openOrders: z.array(z.object({ id: z.string(), state: z.string() }).loose()),
    recentOrders: z.array(z.object({ id: z.string(), state: z.string() }).loose()),
    openWorkOrders: z.array(z.object({ id: z.string(), type: z.string(), state: z.string() }).loose()),
    balance: z.union([z.object({ balanceCents: z.number(), currency: z.string() }), z.object({ unavailable: z.string() })]),
  })
  .meta({ id: 'Customer360' });

/** Open: not in a final state (domain's FINAL_ORDER_STATES). */
const isOpenOrder = (r: OrderRow) => !(FINAL_ORDER_STATES as readonly string[]).includes(r.state);

export function registerCustomerRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  routes.add({
    method: 'get',
    path: '/customer',
    summary: 'Find customers by service number, customer id, name prefix or ID number, in the caller’s local networks (ID numbers masked)',
    description: `At least one criterion; several must all hold. Customers of other home local networks are not found, except by the call centre with exact identifiers only (no name): a roaming customer calls from another network. At most 20 a page, by id; X-Total-Count counts up to ${CUSTOMER_SEARCH_COUNT_CAP}.`,
    tags: ['customers'],
    // The call centre for the customer on the phone; order entry and dealers for whom they order for.
    roles: ['call-centre', 'order-entry', 'agent', 'supervisor', 'ops', 'auditor'],
    query: CustomerSearchQuery,
    responses: { 200: { description: 'the customers found, by id', schema: z.array(CustomerSearchResult) } },
    handler: async ({ query, principal }) => {
      if (CRITERIA.every((c) => query[c] === undefined)) {
        throw badRequest(
          `Say whom to find: one of ${CRITERIA.join(', ')}`,
          CRITERIA.map((c) => ({ field: `query.${c}`, message: 'one search criterion is required', code: 'CRITERION_REQUIRED' })),
        );
      }
      const { rows, total } = await searchCustomers(em(), { ...query, localNetworks: customerSearchNetworks(principal, query) });
      return {
        headers: { 'x-total-count': String(total) },
        body: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          name: r.name,
          tier: r.tier,
          homeLocalNetwork: r.home_local_network,
          status: r.status,
          ...(r.id_number ? { idNumberMasked: maskIdNumber(r.id_number) } : {}),
          serviceIds: r.service_ids,
        })),
      };
    },
  });
  routes.add({
    method: 'get',
    path: '/callbacks',
    summary: 'Callbacks due: work orders whose receipt the centre reviews and whose customer it calls back, soonest callback deadline first',
    description:
      'In the caller’s local networks (handling or taking), phases receiptReturned, reviewed, customerNotified and unsatisfied; each with the actions the caller may take now (approve or sendBack, recordSatisfaction, reopen) through POST /troubleTicket/{id}/event. A callback task (once the customer was told) has its deadline (per customer tier, on the work order’s SLA clock) and an overdue flag: those first, soonest deadline first, then the rest oldest resolution first. X-Total-Count has the total.',
    tags: ['work orders'],
    roles: ['call-centre', 'supervisor'],
    query: CallbacksQuery,
    responses: { 200: { description: 'a page of callbacks due', schema: z.array(CallbackEntry) } },
    handler: async ({ query, principal }) => {
      const { rows, total } = await callbacksDue(em(), { ...query, localNetworks: localNetworkFilter(principal) });
      const actor = actorOf(principal);
      const now = Date.now();
      return { headers: { 'x-total-count': String(total) }, body: rows.map((r) => presentCallback(r, allowedActions(r.snapshot, actor, now))) };
    },
  });
  routes.add({
    method: 'get',
    path: '/customer/:id',
    summary: 'Customer 360: accounts with their last six bills and payments, subscriptions, open and recent orders, open work orders, balance',
    tags: ['customers'],
    // Order entry for the customer it orders for; the call centre for the customer on the phone.
    roles: ['order-entry', 'call-centre', 'supervisor', 'ops', 'auditor'],
    params: z.object({ id: customerId }),
    responses: { 200: { description: 'the customer', schema: Customer360 }, 404: { description: 'no such customer' } },
    handler: async ({ params, principal }) => {
      const customer = await loadCustomer(em(), params.id);
      if (!customer) throw notFound(`no customer ${params.id}`);
      if (!canReadCustomer(principal, customer.homeLocalNetwork)) throw forbidden(`customer ${params.id} belongs to ${customer.homeLocalNetwork}`);
      const [accounts, subscriptions, orders, workOrders, balance, dunning] = await Promise.all([
        accountsOf(em(), customer.id),
        subscriptionsOf(em(), customer.id),
        // The customer's orders and work orders in the reader's local networks only: a customer of
        // this network may have ordered, or complained, in another.
        listOrders(em(), { customerId: customer.id, localNetworks: localNetworkFilter(principal), limit: 50, offset: 0 }),
        // Work orders only for those who may read them (not order entry).
        hasRole(principal, ...WORK_ORDER_ROLES.read) ? openWorkOrdersOf(em(), customer.id, localNetworkFilter(principal)) : [],
        // The 360 view still answers when billing does not: the balance says it is unavailable.
        deps.adapters.billing.getBalance(customer.id).then(
          (b) => ({ balanceCents: b.balanceCents, currency: b.currency }),
          (err: Error) => ({ unavailable: err.message }),
        ),
        openDunningCases(em(), customer.id),
      ]);
      const order = (r: OrderRow) => ({
        id: r.id,
        state: r.state,
        localNetwork: r.local_network,
        serviceLines: r.service_lines,
        creationDate: isoOf(r.created_at),
      });
      // Each account's last six bills and payments; the 360 still answers when billing does not.
      const ledgers = await Promise.all(
        accounts.map((a) =>
          Promise.all([deps.adapters.billing.listBills(a.id, LAST_BILLS), deps.adapters.billing.listPayments(a.id, LAST_BILLS)]).then(
            ([bills, payments]) => ({
              bills: bills.map(({ billId, period, issuedAt, dueDate, totalCents, paidCents, status, currency, lines }) => ({
                billId,
                period,
                issuedAt,
                dueDate,
                totalCents,
                paidCents,
                status,
                currency,
                lines,
              })),
              payments: payments.map(({ paymentId, kind, amountCents, method, at, balanceCents, currency }) => ({
                paymentId,
                kind,
                amountCents,
                method,
                at,
                balanceCents,
                currency,
              })),
            }),
            (err: Error) => ({ billing: { unavailable: err.message } }),
          ),
        ),
      );
      // The ID number masked here too: a full one is a search key, never an answer.
      const { idNumber, ...shown } = customer;
      return {
        body: {
          customer: { ...shown, ...(idNumber ? { idNumberMasked: maskIdNumber(idNumber) } : {}) },
          accounts: accounts.map((a, i) => {
            const d = dunning.find((c) => c.account_id === a.id);
            return {
              id: a.id,
              name: a.name,
              ...ledgers[i],
              ...(d
                ? {
                    dunning: {
                      caseId: d.case_id,
                      state: d.state,
                      reason: d.reason,
                      owedCents: Number(d.owed_cents),
                      openedOn: d.opened_on,
                      ...(d.suspension_order_id ? { suspensionOrderId: d.suspension_order_id } : {}),
                      ...(d.resumption_order_id ? { resumptionOrderId: d.resumption_order_id } : {}),
                    },
                  }
                : {}),
            };
          }),
          subscriptions: subscriptions.map((s) => ({
            id: s.id,
            offeringId: s.offeringId,
            serviceLine: s.serviceLine,
            serviceId: s.serviceId,
            localNetwork: s.localNetwork,
            status: s.status,
          })),
          openOrders: orders.rows.filter(isOpenOrder).map(order),
          recentOrders: orders.rows
            .filter((r) => !isOpenOrder(r))
            .slice(0, 20)
            .map(order),
          openWorkOrders: workOrders.map((w) => ({
            id: w.id,
            type: w.type,
            state: w.state,
            priority: w.priority,
            escalationLevel: w.escalation_level,
            creationDate: isoOf(w.created_at),
          })),
          balance,
        },
      };
    },
  });
  routes.add({
    method: 'post',
    path: '/customer/:id/payment',
    summary: 'Take a payment or a prepaid top-up at the counter; a line barred for arrears is resumed when it settles them',
    description:
      "Recorded by billing once per Idempotency-Key (a repeat answers the same payment). A payment settles the account's open bills, oldest first; " +
      'a top-up is prepaid credit. When the account has a dunning case open (its lines barred for arrears), the case is told at once and places the ' +
      'resumption order as soon as billing says the arrears are paid (otherwise it sees the payment at its next check).',
    tags: ['customers'],
    // The shop counter; in the customer's home local network.
    roles: ['order-entry'],
    params: z.object({ id: customerId }),
    headers: PaymentHeaders,
    body: PaymentInput,
    responses: {
      201: { description: 'the payment as billing recorded it', schema: LedgerPayment },
      404: { description: 'no such customer' },
      409: { description: 'billing refused it' },
      422: { description: 'the account is not the customer’s' },
    },
    handler: async ({ params, headers, body, principal }) => {
      const customer = await loadCustomer(em(), params.id);
      if (!customer) throw notFound(`no customer ${params.id}`);
      if (!inLocalNetworkScope(principal, customer.homeLocalNetwork)) throw forbidden(`customer ${params.id} belongs to ${customer.homeLocalNetwork}`);
      if (!(await accountsOf(em(), customer.id)).some((a) => a.id === body.accountId)) {
        throw new ProblemError(422, 'Unprocessable Content', `account ${body.accountId} is not customer ${customer.id}'s`, [
          { field: 'accountId', message: `not an account of customer ${customer.id}`, code: 'NOT_THE_CUSTOMERS_ACCOUNT' },
        ]);
      }
      // Keys are the caller's: billing sees one of its own, per caller and key.
      const key = `counter/payment/${createHash('sha256').update(`${principal.sub}\n${headers['idempotency-key']}`).digest('hex').slice(0, 40)}`;
      const { accountId, amountCents, method, reference } = body;
      const ref = reference ? { reference } : {};
      const payment = await (
        body.kind === 'payment'
          ? deps.adapters.billing.recordPayment({ accountId, amountCents, method, ...ref }, key)
          : deps.adapters.billing.topUp({ accountId, amountCents, channel: method === 'cash' ? 'shop' : method, ...ref }, key)
      ).catch((err: unknown) => {
        if (!(err instanceof BusinessRefusalError)) throw err;
        const message = err.message.replace(/^.*?: /, '');
        if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
          throw new ProblemError(422, 'Unprocessable Content', 'This Idempotency-Key was used for another payment; use a new key', [
            { field: 'header.idempotency-key', message: 'already used with a different request', code: err.code },
          ]);
        }
        throw new ProblemError(409, 'Conflict', message, [{ field: 'accountId', message, code: err.code }]);
      });
      // No case open, or it ended: nothing to tell. Temporal unreachable: the case's own check sees the payment later.
      await deps.client.workflow
        .getHandle(dunningCaseWorkflowId(accountId))
        .signal(paymentReceivedSignal, { paymentId: payment.paymentId })
        .catch(() => undefined);
      const { paymentId, kind, method: how, at, balanceCents, currency } = payment;
      return { status: 201, body: { paymentId, kind, amountCents: payment.amountCents, method: how, at, balanceCents, currency } };
    },
  });
}
