// Placing an order at the order desk in a real browser, on the real stack: an order-entry clerk in
// Dalian finds the customer, browses the catalog of the customer's local network by service line,
// adds an ADSL line and a fixed line whose number is picked from the free numbers by a pattern (and
// held), sees the quote with its explanation lines, places it with a double click — one order — and
// lands on the order's page. An agent, in English, sees its contract and why an offering outside it
// is refused. Every page passes the accessibility check.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

let stack: BrowserStack;
/** A Dalian individual (not VIP) with a billing account. */
let customer: { id: string; name: string };

beforeAll(async () => {
  stack = await startBrowserStack();
  const rows = (await stack.sys.orm.em
    .fork()
    .getConnection()
    .execute(
      `select c.id, c.name from customer c where c.home_local_network = 'dalian' and c.kind = 'individual' and c.status = 'active' and c.tier <> 'vip'
         and exists (select 1 from account a where a.customer_id = c.id) order by c.id offset 23 limit 1`,
    )) as Array<{ id: string; name: string }>;
  customer = rows[0]!;
});
afterAll(async () => stack?.stop());

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));

async function noSeriousViolations(page: Page, where: string) {
  expect({ where, violations: await seriousAccessibilityViolations(page) }).toEqual({ where, violations: [] });
}

/** The customer's orders as the API counts them. */
async function ordersOf(customerId: string): Promise<number> {
  const res = await request(stack.sys.app)
    .get('/productOrder')
    .query({ customerId, limit: 1 })
    .set('authorization', `Bearer ${stack.sys.token({ roles: ['ops'] })}`);
  return Number(res.headers['x-total-count']);
}

describe('the order desk, placing', () => {
  it('a clerk finds the customer, picks a broadband offering and a number by pattern, sees the quote, places once, lands on the order', async () => {
    const m = zhCN;
    const page = await stack.newPage();
    await signIn(page, 'entry.dalian', m);
    await page.waitForURL((url) => !url.pathname.includes('/login'));
    await page.goto('/app/orders');
    await page.getByRole('heading', { level: 1, name: m['orderDesk.find.title'] }).waitFor();
    await page.getByLabel(m['callCentre.search.label']).fill(customer.name);
    await page.getByLabel(m['callCentre.search.label']).press('Enter');
    await page.getByRole('link', { name: customer.name }).first().waitFor();
    await noSeriousViolations(page, 'customer finder');
    await page.getByRole('link', { name: customer.name }).first().click();

    await page.getByRole('heading', { level: 1, name: fill(m['orderDesk.new.title'], { name: customer.name }) }).waitFor();
    // The broadband line of Dalian's catalog: drafts (ADSL2+ 8M) and withdrawn offerings (ADSL 512K) are not offered.
    await page.getByText(/^宽带 \(\d+\)$/).click();
    await page.getByRole('button', { name: `${m['orderDesk.catalog.add']} ${'ADSL宽带2M'}`, exact: true }).click();
    expect(await page.getByText('ADSL2+宽带8M').count()).toBe(0);
    expect(await page.getByText('ADSL宽带512K').count()).toBe(0);
    await page.getByText(/^固定电话 \(\d+\)$/).click();
    await page.getByRole('button', { name: `${m['orderDesk.catalog.add']} ${'住宅固定电话'}` }).click();

    const adsl = page.getByTestId('item-bb-adsl-2m');
    await adsl.getByLabel(m['orderDesk.characteristic.installationAddress']).fill('大连市中山区人民路 18 号 3 单元 502');
    const fixed = page.getByTestId('item-fl-residential');
    await fixed.getByLabel(m['orderDesk.characteristic.installationAddress']).fill('大连市中山区人民路 18 号 3 单元 502');
    await fixed.getByLabel(m['orderDesk.number.pattern']).fill('8888');
    await fixed.getByRole('button', { name: m['orderDesk.number.find'] }).click();
    const free = fixed.getByRole('list', { name: m['orderDesk.number.free'] }).getByRole('button');
    await free.first().waitFor();
    const numbers = await free.allInnerTexts();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => /^\d{8}$/.test(n.trim()) && n.trim().endsWith('8888'))).toBe(true);
    const chosen = numbers[0]!.trim();
    await free.first().click();
    await page.getByTestId('held-number-2').getByText(chosen).waitFor();

    // The quote, explained line by line, before placing.
    await page.getByTestId('quote-totals').waitFor();
    const lines = page.getByRole('table', { name: m['orderDesk.quote.caption'] }).locator('tbody tr');
    expect(await lines.count()).toBeGreaterThanOrEqual(2);
    await lines.filter({ hasText: 'bb-adsl-2m' }).first().waitFor();
    await noSeriousViolations(page, 'new order with its quote');

    const before = await ordersOf(customer.id);
    await page.getByRole('button', { name: m['orderDesk.place.submit'] }).dblclick();
    await page.waitForURL(/\/app\/orders\/orders\/PO-[0-9a-f-]+$/);
    const orderId = decodeURIComponent(page.url().split('/').pop()!);
    expect(await ordersOf(customer.id)).toBe(before + 1);
    const order = await request(stack.sys.app)
      .get(`/productOrder/${orderId}`)
      .set('authorization', `Bearer ${stack.sys.token({ roles: ['ops'] })}`);
    expect(order.body.relatedParty[0].id).toBe(customer.id);
    expect(order.body.productOrderItem.map((i: { productOffering: { id: string } }) => i.productOffering.id)).toEqual(['bb-adsl-2m', 'fl-residential']);
    await page.close();
  });

  it('in English: an agent sees its contract and why an offering outside it is refused', async () => {
    const m = en;
    const page = await stack.newPage('en');
    await signIn(page, 'agent.dalian.haiyun', m);
    await page.waitForURL((url) => !url.pathname.includes('/login'));
    // An agent does not search customers: it starts from the customer id it was given.
    await page.goto('/app/orders');
    await page.getByRole('textbox', { name: m['orderDesk.find.customerId'] }).fill(customer.id);
    await page.getByRole('button', { name: m['orderDesk.find.start'] }).click();
    await page.getByRole('heading', { level: 1, name: fill(m['orderDesk.new.title'], { name: customer.id }) }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: m['orderDesk.agent.title'] }).waitFor();
    await page.getByText(/ of 80 a day$/).waitFor();
    await page.getByText(/^GSM mobile \(\d+\)$/).click();
    const refusal = page.getByTestId('refusal-gsm-global-58');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('may not sell gsm-global-58');
    expect(await page.getByRole('button', { name: `${m['orderDesk.catalog.add']} ${'全球通58套餐'}` }).count()).toBe(0);
    // What its contract allows it may add.
    await page.getByText(/^Broadband \(\d+\)$/).click();
    await page.getByRole('button', { name: `${m['orderDesk.catalog.add']} ${'ADSL宽带2M'}`, exact: true }).waitFor();
    await noSeriousViolations(page, 'new order, agent (en)');
    await page.close();
  });

  it('a clerk takes a payment at the counter: a double click is one payment in billing, the balance after shown', async () => {
    const m = zhCN;
    const page = await stack.newPage();
    await signIn(page, 'entry.dalian', m);
    await page.waitForURL((url) => !url.pathname.includes('/login'));
    await page.goto(`/app/orders/new/${encodeURIComponent(customer.id)}`);
    await page.getByRole('link', { name: m['orderDesk.pay.link'] }).click();
    await page.getByRole('heading', { level: 1, name: fill(m['orderDesk.pay.title'], { name: customer.name }) }).waitFor();
    await page.getByLabel(m['orderDesk.pay.amount']).fill('30.50');
    await page.getByLabel(m['orderDesk.pay.reference']).fill('R-COUNTER-1');
    await noSeriousViolations(page, 'payment form');
    await page.getByRole('button', { name: m['orderDesk.pay.submit'] }).dblclick();
    const done = page.getByTestId('payment-done');
    await done.filter({ hasText: '30.50 CNY' }).waitFor();
    await noSeriousViolations(page, 'payment taken');
    const [{ id: accountId }] = (await stack.sys.orm.em
      .fork()
      .getConnection()
      .execute('select id from account where customer_id = ? order by id limit 1', [customer.id])) as Array<{ id: string }>;
    const payments = (await stack.sys.sims.control.billing.records()).effects.filter(
      (e) => e.operation === 'recordPayment' && e.summary.accountId === accountId,
    );
    expect(payments).toHaveLength(1);
    expect(payments[0]!.summary.amountCents).toBe(3050);
  });
});
