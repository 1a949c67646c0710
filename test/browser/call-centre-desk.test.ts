// The call-centre desk in a real browser, on the real stack: an agent finds the customer on the
// phone by service number and by ID number (shown masked), opens their 360 view, takes a complaint
// about one of their services (a double click makes one work order) and sees where it went and the
// deadline promised; it shows live on the department's open desk. The department answers; the agent
// accepts the receipt and records the customer satisfied, which closes it. A second one, in English:
// dissatisfied, which reopens it and puts it back on the department's desk. Every page passes the
// accessibility check.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordDunningCase } from '../../db/dunning.js';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { eventually, takeWorkOrder } from '../../harness/fixtures.js';
import { isSampled } from '../../domain/quality-checks.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

const CARE = 'dalian-customer-care';
let stack: BrowserStack;
let care: string;
let callCentre: string;
/** A Dalian customer (not VIP: a complaint goes to customer care alone) with a live mobile service. */
let customer: { id: string; name: string; idNumber: string; serviceId: string; tier: string };
/** The department's desk, open throughout: work orders appear on it live. */
let desk: Page;

beforeAll(async () => {
  stack = await startBrowserStack();
  care = stack.sys.token({ roles: ['department'], sub: 'browser-cc-care', department: CARE, localNetworks: [] });
  callCentre = stack.sys.token({ roles: ['call-centre'], sub: 'browser-cc-agent', localNetworks: ['dalian'] });
  const rows = (await stack.sys.orm.em
    .fork()
    .getConnection()
    .execute(
      `select c.id, c.name, c.tier, c.data->>'idNumber' as id_number, s.service_id from customer c join subscription s on s.customer_id = c.id
        where c.home_local_network = 'dalian' and c.kind = 'individual' and c.status = 'active' and c.tier <> 'vip'
          and s.status = 'active' and s.service_line = 'gsm_mobile' and length(c.data->>'idNumber') = 18
          -- a seeded line no other service rides on (value-added services share their line's number);
          -- other tests' orders add subscriptions on the shared database, so nothing they add is picked
          and s.id like 'sub-%' and not exists (select 1 from subscription o where o.service_id = s.service_id and o.id <> s.id)
        order by c.id offset 7 limit 1`,
    )) as Array<{ id: string; name: string; tier: string; id_number: string; service_id: string }>;
  const r = rows[0]!;
  customer = { id: r.id, name: r.name, tier: r.tier, idNumber: r.id_number, serviceId: r.service_id };
  desk = await stack.newPage();
  await signIn(desk, 'dept.dalian.care', zhCN);
  await desk.waitForURL('**/app/department');
  // Newest first: a shared database holds other tests' work orders for customer care. The stream
  // awaited is this page's, not the one the sign-in landed on.
  const stream = desk.waitForResponse((res) => res.url().includes('/worklist/events'));
  await desk.goto('/app/department?sort=newest&size=50');
  await stream;
});
afterAll(async () => stack?.stop());

const masked = () => `${customer.idNumber.slice(0, 6)}********${customer.idNumber.slice(14)}`;
const api = () => request(stack.sys.app);
const act = (token: string, id: string, event: Record<string, unknown>) =>
  api().post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
const workOrder = async (id: string) => (await api().get(`/troubleTicket/${id}`).set('authorization', `Bearer ${callCentre}`)).body;

/** The department accepts and answers with a receipt, over the API as its desk would. */
async function departmentAnswers(id: string) {
  expect((await act(care, id, { type: 'accept' })).status).toBe(200);
  expect((await act(care, id, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED', notes: 'refunded the double charge' })).status).toBe(
    200,
  );
}

async function search(page: Page, messages: typeof zhCN | typeof en, text: string) {
  await page.getByLabel(messages['callCentre.search.label']).fill(text);
  await page.getByLabel(messages['callCentre.search.label']).press('Enter');
}

async function noSeriousViolations(page: Page, where: string) {
  expect({ where, violations: await seriousAccessibilityViolations(page) }).toEqual({ where, violations: [] });
}

/** Answers the callback of `id` on the callbacks page: accepts the receipt, then records the answer. */
async function callBack(page: Page, messages: typeof zhCN | typeof en, id: string, answer: 'satisfied' | 'dissatisfied', note: string) {
  // From the customer's 360 view, their callbacks only (a shared database holds other tests' ones).
  await page.goto(`/app/call-centre/customers/${encodeURIComponent(customer.id)}`);
  await page.getByRole('link', { name: messages['callCentre.customer.callbacks'] }).click();
  await page.getByRole('heading', { level: 1, name: messages['callCentre.callbacks.title'] }).waitFor();
  await page.getByText(messages['callCentre.callbacks.ofCustomer'].replace('{id}', customer.id)).waitFor();
  const approve = page.getByRole('button', { name: messages['callCentre.callbacks.approveFor'].replace('{id}', id), exact: true });
  // The list refreshes by itself: the receipt shows without a reload.
  await approve.waitFor({ timeout: 30_000 });
  await noSeriousViolations(page, `callbacks (${messages === en ? 'en' : 'zh-CN'})`);
  await approve.click();
  const key = answer === 'satisfied' ? 'callCentre.callbacks.satisfiedFor' : 'callCentre.callbacks.dissatisfiedFor';
  // Once the customer has been told (the workflow's step after the review), the callback is due, by its deadline.
  const answerButton = page.getByRole('button', { name: messages[key].replace('{id}', id), exact: true });
  await answerButton.waitFor({ timeout: 30_000 });
  await page.getByRole('row').filter({ has: answerButton }).locator('[data-overdue="false"]').waitFor();
  await answerButton.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(messages[answer === 'satisfied' ? 'callCentre.callbacks.closesIt' : 'callCentre.callbacks.reopensIt']).waitFor();
  await noSeriousViolations(page, 'callback dialog');
  await dialog.getByLabel(messages['callCentre.callbacks.note']).fill(note);
  await dialog.getByRole('button', { name: messages[answer === 'satisfied' ? 'callCentre.callbacks.okClose' : 'callCentre.callbacks.okReopen'] }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('the call-centre desk', () => {
  let complaintId: string;

  it('finds the customer by service number and by ID number (masked), and opens their 360 view', async () => {
    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.getByRole('heading', { level: 1, name: zhCN['callCentre.search.title'] }).waitFor();
    await noSeriousViolations(page, 'search');

    await search(page, zhCN, customer.serviceId);
    await page.getByText(zhCN['callCentre.search.readAs'].replace('{what}', zhCN['callCentre.criterion.serviceNumber'])).waitFor();
    await page.getByRole('link', { name: customer.name }).waitFor();
    await page.getByTestId('id-number-masked').filter({ hasText: masked() }).waitFor();
    await noSeriousViolations(page, 'search results');

    await search(page, zhCN, customer.idNumber);
    await page.getByText(zhCN['callCentre.search.readAs'].replace('{what}', zhCN['callCentre.criterion.idNumber'])).waitFor();
    await page.getByTestId('id-number-masked').filter({ hasText: masked() }).waitFor();
    // Shown masked only: the full number is in the search box the agent typed it into, nowhere else.
    expect(await page.locator('table.data-table').innerText()).not.toContain(customer.idNumber);

    // A bill and a payment on the customer's first account, in billing's ledger (the 360 shows the last six of each).
    const [{ id: accountId }] = (await stack.sys.orm.em
      .fork()
      .getConnection()
      .execute('select id from account where customer_id = ? order by id limit 1', [customer.id])) as Array<{ id: string }>;
    const bill = await fetch(`${stack.sys.sims.urls.billing}/accounts/${encodeURIComponent(accountId!)}/bills`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `browser-bill-${customer.id}-${Date.now()}` },
      body: JSON.stringify({ period: '2026-10', oneOffCharges: [{ description: 'replacement SIM card', amountCents: 2000 }] }),
    });
    expect([200, 201]).toContain(bill.status);
    await stack.sys.adapters.billing.recordPayment({ accountId: accountId!, amountCents: 2000, method: 'wechat' }, `browser-pay-${customer.id}-${Date.now()}`);
    // The account barred for arrears, as its dunning case records it (workflows/dunning.ts): the agent sees why the line is dead.
    const dunningCase = {
      caseId: `${accountId}:2026-11-30`,
      accountId: accountId!,
      customerId: customer.id,
      localNetwork: 'dalian' as const,
      reason: 'overdue' as const,
      billIds: ['BILL-9'],
      owedCents: 12_345,
      openedOn: '2026-11-30',
      caseCheckSeconds: 900,
      rules: { graceDays: 10, noticeDays: 3 },
      state: 'suspended' as const,
      subscriptionIds: [],
      suspensionOrderId: 'PO-dunning-browser',
      seq: 1,
    };
    await recordDunningCase(stack.sys.orm.em.fork(), dunningCase);

    await page.getByRole('link', { name: customer.name }).click();
    await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    await page.getByText(masked()).waitFor();
    await page.getByRole('cell', { name: customer.serviceId, exact: true }).waitFor();
    await page.getByTestId('balance').waitFor();
    const bills = page.getByRole('table', { name: zhCN['callCentre.ledger.bills'].replace('{account}', accountId!) });
    await bills.getByRole('cell', { name: '2026-10', exact: true }).waitFor();
    await bills.getByRole('cell', { name: zhCN['callCentre.billStatus.paid'] }).waitFor();
    const payments = page.getByRole('table', { name: zhCN['callCentre.ledger.payments'].replace('{account}', accountId!) });
    await payments.getByRole('cell', { name: zhCN['callCentre.paymentKind.payment'], exact: true }).first().waitFor();
    const barred = page.getByTestId(`dunning-${accountId}`);
    await barred
      .filter({ hasText: zhCN['callCentre.dunningState.suspended'] })
      .filter({ hasText: '123.45 CNY' })
      .filter({ hasText: 'PO-dunning-browser' })
      .waitFor();
    expect(await page.content()).not.toContain(customer.idNumber);
    await noSeriousViolations(page, 'customer 360');
    await recordDunningCase(stack.sys.orm.em.fork(), { ...dunningCase, state: 'resumed', seq: 2 });
  });

  it('takes a complaint about a service: one work order for a double click, dispatched to customer care, live on its desk', async () => {
    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.goto(`/app/call-centre/customers/${customer.id}`);
    await page.getByRole('link', { name: zhCN['callCentre.sub.newWorkOrderFor'].replace('{service}', customer.serviceId) }).click();
    await page.getByRole('heading', { level: 1, name: zhCN['callCentre.new.title'].replace('{name}', customer.name) }).waitFor();
    // Prefilled from the service: its line, a complaint, taken in the agent's (and the customer's) network — no roaming.
    await page.getByText(`${customer.serviceId} · ${zhCN['serviceLine.gsm_mobile']}`).first().waitFor();
    expect(await page.getByTestId('roaming').count()).toBe(0);
    await noSeriousViolations(page, 'new work order');

    const description = `call-centre desk ${Date.now()}: charged twice for this month's plan`;
    await page.getByLabel(zhCN['callCentre.new.description']).fill(description);
    // A complaint needs its category: the top level alone is refused, a node under it is taken.
    await page.getByRole('button', { name: zhCN['callCentre.new.submit'] }).click();
    await page.getByText(zhCN['form.required']).first().waitFor();
    await page.getByLabel(zhCN['callCentre.new.category']).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '业务办理' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: zhCN['callCentre.new.submit'] }).click();
    await page.getByText(zhCN['callCentre.new.categoryTooCoarse']).waitFor();
    await page.getByLabel(zhCN['callCentre.new.category']).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '受理差错' }).click();
    await page.getByText(zhCN['callCentre.new.categoryTooCoarse']).waitFor({ state: 'detached' });
    const navigations: string[] = [];
    desk.on('framenavigated', (frame) => void (frame === desk.mainFrame() && navigations.push(frame.url())));
    await page.getByRole('button', { name: zhCN['callCentre.new.submit'] }).dblclick();
    await page.getByTestId('dispatched-to').filter({ hasText: '大连客户关怀' }).waitFor();
    await page.getByTestId('promised-deadline').waitFor();
    await noSeriousViolations(page, 'dispatch result');

    const rows = (await stack.sys.orm.em
      .fork()
      .getConnection()
      .execute(`select id from work_order where customer_id = ? and snapshot->>'description' = ?`, [customer.id, description])) as Array<{ id: string }>;
    expect(rows).toHaveLength(1);
    complaintId = rows[0]!.id;
    const taken = await workOrder(complaintId);
    expect(taken).toMatchObject({
      type: 'complaint',
      category: 'service-handling.order-error',
      serviceLine: 'gsm_mobile',
      subscriptionId: expect.any(String),
      takenInLocalNetwork: 'dalian',
      assignees: [CARE],
    });
    expect(taken.deadlines.resolveBy).toEqual(expect.any(String));

    // On the department's open desk, with no reload (its own refresh is every 15 s).
    await desk.getByRole('link', { name: complaintId }).waitFor({ timeout: 12_000 });
    expect(navigations).toEqual([]);
  });

  it('closes the loop: the receipt reviewed, the customer satisfied, the work order closed', async () => {
    await departmentAnswers(complaintId);
    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await callBack(page, zhCN, complaintId, 'satisfied', '客户确认已退款');
    await page.locator('.ant-message').getByText(zhCN['callCentre.callbacks.closed']).waitFor();
    expect((await workOrder(complaintId)).state).toBe('closed');
    // The read-only view shows it closed, with the callback in its timeline.
    await page.goto(`/app/call-centre/work-orders/${complaintId}`);
    await page.getByTestId('wo-state').filter({ hasText: zhCN['state.closed'] }).waitFor();
    await page.locator('[data-action="recordSatisfaction"]').waitFor();
    await noSeriousViolations(page, 'work order view');
  });

  it('records a quality check of a sampled closed work order, from the customer’s callbacks page', async () => {
    // An Idempotency-Key whose work order falls in Dalian's sample (the id is the key's hash: api/work-order-desk.ts).
    const idOf = (key: string) => `TT-${createHash('sha256').update(`browser-cc-agent:${key}`).digest('hex').slice(0, 24)}`;
    let n = 0;
    let key = `qc-${Date.now()}-${n}`;
    while (!isSampled(idOf(key), 0.1)) key = `qc-${Date.now()}-${++n}`;
    const taken = await takeWorkOrder(
      stack.sys,
      callCentre,
      { id: customer.id, homeLocalNetwork: 'dalian', tier: customer.tier },
      { serviceLine: 'gsm_mobile', description: 'charged for roaming at home' },
    ).set('idempotency-key', key);
    expect(taken.status).toBe(201);
    const id = taken.body.id as string;
    await departmentAnswers(id);
    expect((await act(callCentre, id, { type: 'approve' })).status).toBe(200);
    await eventually(async () => ((await workOrder(id)).phase === 'customerNotified' ? true : undefined), `${id} told`, 30_000);
    expect((await act(callCentre, id, { type: 'recordSatisfaction', satisfied: true })).status).toBe(200);

    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.goto(`/app/call-centre/callbacks?customer=${encodeURIComponent(customer.id)}`);
    await page.getByRole('heading', { level: 2, name: zhCN['callCentre.quality.title'] }).waitFor();
    await page.getByRole('button', { name: zhCN['callCentre.quality.recordFor'].replace('{id}', id), exact: true }).click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByText(zhCN['callCentre.quality.result.unsatisfied'], { exact: true }).click();
    await dialog.getByLabel(zhCN['callCentre.quality.note']).fill('退款到账太慢');
    await noSeriousViolations(page, 'quality check dialog');
    await dialog.getByRole('button', { name: zhCN['callCentre.quality.ok'] }).click();
    await page.locator('.ant-message').getByText(zhCN['callCentre.quality.recorded']).waitFor();
    const done = await api().get('/qualityChecks?state=done&limit=200').set('authorization', `Bearer ${callCentre}`);
    expect((done.body as Array<{ workOrderId: string }>).find((c) => c.workOrderId === id)).toMatchObject({ result: 'unsatisfied', note: '退款到账太慢' });
  });

  it('in English: a dissatisfied customer reopens the work order, back on the department desk', async () => {
    const taken = await takeWorkOrder(
      stack.sys,
      callCentre,
      { id: customer.id, homeLocalNetwork: 'dalian', tier: customer.tier },
      {
        serviceLine: 'gsm_mobile',
        description: `call-centre desk ${Date.now()}: no signal at home since Monday`,
      },
    );
    expect(taken.status).toBe(201);
    const id = taken.body.id as string;
    await desk.getByRole('link', { name: id }).waitFor({ timeout: 30_000 });
    await departmentAnswers(id);
    // The receipt took it off the department's desk.
    await eventually(async () => ((await desk.getByRole('link', { name: id }).count()) === 0 ? true : undefined), `${id} off the desk`, 30_000);

    const page = await stack.newPage('en');
    await signIn(page, 'callcentre.dalian', en);
    await page.waitForURL('**/app/call-centre');
    await page.getByRole('heading', { level: 1, name: en['callCentre.search.title'] }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await noSeriousViolations(page, 'search (en)');
    await callBack(page, en, id, 'dissatisfied', 'still no signal in the living room');
    await page.locator('.ant-message').getByText(en['callCentre.callbacks.reopened'].replace('{departments}', 'Dalian customer care')).waitFor();
    const after = await workOrder(id);
    expect(after).toMatchObject({ reopenCount: 1, assignees: [CARE], satisfaction: expect.objectContaining({ satisfied: false }) });
    expect(after.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'reopen', state: 'reopened' })]));
    // Back on the department's desk, live.
    await desk.getByRole('link', { name: id }).waitFor({ timeout: 30_000 });
    await page.goto(`/app/call-centre/work-orders/${id}`);
    await page.locator('[data-badge="reopened"]').waitFor();
    await noSeriousViolations(page, 'work order view (en)');
  });
});
