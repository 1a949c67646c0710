// The supervisor board in a real browser, on the real stack: supervisor.dalian sees an overdue and an
// about-to-breach work order (made so in the read model: SLA hours are real here), transfers the
// overdue one to another department with a reason — it leaves the old department's worklist and
// reaches the new one's, and its timeline shows the transfer — escalates the other, is told why a
// transfer someone else made first no longer applies (409), and reads the departments' charts, with
// their tables, in both languages; every page passes the accessibility check.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { eventually, findCustomer, makeDue, takeWorkOrder } from '../../harness/fixtures.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

const CARE = 'dalian-customer-care';
const BILLING = 'dalian-billing-service';
const INSTALL = 'dalian-installation';

let stack: BrowserStack;
let supervisor: string;
const ids = { overdue: '', soon: '', race: '', done: '' };

type Catalogue = typeof zhCN | typeof en;
const fill = (m: string, vars: Record<string, string | number>) => m.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));
/** A department's name as the page writes it. */
const departmentName = (c: Catalogue, id: string) => {
  const dash = id.indexOf('-');
  const labels = c as Record<string, string>;
  return fill(c['department.name'], { place: labels[`place.${id.slice(0, dash)}`]!, fn: labels[`function.${id.slice(dash + 1)}`]! });
};

beforeAll(async () => {
  stack = await startBrowserStack();
  const { sys } = stack;
  const callCentre = sys.token({ roles: ['call-centre'], sub: 'board-browser-call-centre', localNetworks: ['dalian'] });
  supervisor = sys.token({
    roles: ['supervisor'],
    sub: 'board-browser-supervisor',
    localNetworks: ['dalian'],
    department: 'dalian-service-centre',
    level: 'city',
  });
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier = 'ordinary'");
  const take = async (description: string) => {
    const res = await takeWorkOrder(sys, callCentre, customer, { description });
    expect(res.status).toBe(201);
    expect(res.body.assignees).toEqual([CARE]);
    return res.body.id as string;
  };
  ids.overdue = await take('board browser: billed twice, waiting for days');
  ids.soon = await take('board browser: the line drops every evening');
  ids.race = await take('board browser: a transfer someone else makes first');
  ids.done = await take('board browser: answered in time');
  await eventually(async () => {
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from work_order_assignment where open and work_order_id = any(?::text[])', [`{${Object.values(ids).join(',')}}`]);
    return (rows[0] as { n: number }).n === 4 ? true : undefined;
  }, 'the work orders in the read model');
  // Customer care answers one in time: the SLA compliance chart has a figure for it today.
  const care = sys.token({ roles: ['department'], sub: 'board-browser-care', department: CARE, localNetworks: [] });
  for (const event of [{ type: 'accept' }, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED' }]) {
    const res = await request(sys.app).post(`/troubleTicket/${ids.done}/event`).set('authorization', `Bearer ${care}`).send(event);
    expect(res.status).toBe(200);
  }
  await makeDue(sys, ids.overdue, 'overdue');
  await makeDue(sys, ids.race, 'overdue');
  await makeDue(sys, ids.soon, 'soon');
}, 180_000);
afterAll(async () => stack?.stop());

/**
 * The short confirmation at the top of the page. The action goes through the work order's workflow:
 * on a loaded machine its answer has taken longer than the page's 15 s default.
 */
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text, { exact: true }).waitFor({ timeout: 60_000 });
type Dropdown = { classList: { contains(c: string): boolean }; offsetParent: unknown };
/** Until no Select's dropdown is shown (AntD hides one once its leave motion has ended). */
const dropdownsGone = (page: Page, timeout: number) =>
  page.waitForFunction(
    () =>
      Array.from(
        (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Dropdown> } }).document.querySelectorAll('.ant-select-dropdown'),
      ).every((d) => d.classList.contains('ant-select-dropdown-hidden') || d.offsetParent === null),
    undefined,
    { timeout },
  );
/**
 * Picks an option of the open Select in the dialog, checks the Select shows it, and waits for its
 * dropdown to be gone. On a loaded machine (CI, beside other test files) a click has landed while the
 * dropdown re-rendered and not taken (seen in CI: the form then refused, no toast): the pick is tried
 * again, the dropdown opened again if it closed, as a person would. A searchable Select has also been
 * seen to stay open after the pick: a click on the dialog's title blurs and closes it.
 */
async function option(page: Page, label: string, text: string) {
  const choice = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();
  const picked = dialog(page)
    .locator('.ant-select', { has: page.getByLabel(label) })
    .filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && !(await choice.isVisible())) await dialog(page).getByLabel(label).click();
    await choice.click();
    try {
      await picked.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  try {
    await dropdownsGone(page, 3_000);
  } catch {
    await dialog(page).locator('.ant-modal-title').click();
    await dropdownsGone(page, 15_000);
  }
}
const row = (page: Page, id: string) => page.locator('tr', { has: page.getByRole('link', { name: id, exact: true }) });
const dialog = (page: Page) => page.getByRole('dialog');
const worklistOf = async (department: string) =>
  (
    await request(stack.sys.app)
      .get(`/department/${department}/worklist`)
      .query({ limit: 200 })
      .set('authorization', `Bearer ${stack.sys.token({ roles: ['department'], sub: `board-browser-${department}`, department, localNetworks: [] })}`)
  ).body as Array<{ workOrderId: string }>;
const workOrder = async (id: string) => (await request(stack.sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${supervisor}`)).body;

describe('the supervisor board', () => {
  it('shows the overdue work order; a transfer moves it to the other department, and its timeline shows it', async () => {
    const page = await stack.newPage();
    await signIn(page, 'supervisor.dalian', zhCN);
    await page.waitForURL('**/app/supervisor');
    await page.getByRole('heading', { name: zhCN['board.title'], level: 1 }).waitFor();
    await row(page, ids.overdue).waitFor();
    await expect(row(page, ids.overdue).locator('[data-sla]').getAttribute('data-sla')).resolves.toBe('overdue');
    await expect(row(page, ids.overdue).textContent()).resolves.toContain(departmentName(zhCN, CARE));
    // The about-to-breach one is not in the overdue tab.
    expect(await row(page, ids.soon).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row(page, ids.overdue)
      .getByRole('button', { name: fill(zhCN['board.action.transferOne'], { id: ids.overdue }) })
      .click();
    await dialog(page).waitFor();
    // Nothing chosen, no reason: the form says so on its fields and sends nothing.
    await page.getByRole('button', { name: zhCN['board.transfer.submit'] }).click();
    await dialog(page).getByText(zhCN['form.required']).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog(page).getByLabel(zhCN['board.transfer.to']).click();
    await option(page, zhCN['board.transfer.to'], departmentName(zhCN, BILLING));
    await dialog(page).getByLabel(zhCN['board.transfer.reason']).fill('客户反映的是重复计费问题，应由计费服务处理');
    await page.getByRole('button', { name: zhCN['board.transfer.submit'] }).click();
    await toast(page, fill(zhCN['board.transfer.done'], { department: departmentName(zhCN, BILLING) }));
    // It leaves the overdue tab (its new assignment has deadlines of its own) and care's worklist, and reaches billing's.
    await row(page, ids.overdue).waitFor({ state: 'detached' });
    await eventually(async () => {
      const [billing, care] = await Promise.all([worklistOf(BILLING), worklistOf(CARE)]);
      return billing.some((e) => e.workOrderId === ids.overdue) && !care.some((e) => e.workOrderId === ids.overdue) ? true : undefined;
    }, 'the transfer in both worklists');

    await page.goto(`/app/supervisor/work-orders/${encodeURIComponent(ids.overdue)}`);
    const transfer = page.locator('.timeline li[data-action="transfer"]');
    await transfer.waitFor();
    await expect(transfer.textContent()).resolves.toContain(departmentName(zhCN, BILLING));
    await expect(transfer.textContent()).resolves.toContain('重复计费');
    await expect(page.getByTestId('wo-assignees').textContent()).resolves.toBe(departmentName(zhCN, BILLING));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 180_000);

  it('escalates the one about to breach, from its tab', async () => {
    const page = await stack.newPage();
    await signIn(page, 'supervisor.dalian', zhCN);
    await page.waitForURL('**/app/supervisor');
    await page
      .getByText(fill(zhCN['board.tab.soon'], { n: '' }).replace('（）', ''), { exact: false })
      .first()
      .click();
    await page.waitForURL('**/app/supervisor?tab=soon');
    await row(page, ids.soon).waitFor();
    await expect(row(page, ids.soon).locator('[data-sla]').getAttribute('data-sla')).resolves.toBe('close');
    await row(page, ids.soon)
      .getByRole('button', { name: fill(zhCN['board.action.escalateOne'], { id: ids.soon }) })
      .click();
    await dialog(page).waitFor();
    await dialog(page).getByLabel(zhCN['board.escalate.reason']).fill('客户第三次来电催办');
    await page.getByRole('button', { name: zhCN['board.escalate.submit'] }).click();
    await toast(page, fill(zhCN['board.escalate.done'], { level: zhCN['level.province'] }));
    await expect(workOrder(ids.soon)).resolves.toMatchObject({ escalationLevel: 'province' });
    // In the escalated tab now, with its badge (the board refreshed).
    await page
      .getByText(fill(zhCN['board.tab.escalated'], { n: '' }).replace('（）', ''), { exact: false })
      .first()
      .click();
    await page.waitForURL('**/app/supervisor?tab=escalated');
    // The biggest page: other tests on the shared database escalate Dalian work orders with earlier deadlines.
    await page.goto('/app/supervisor?tab=escalated&size=50');
    await row(page, ids.soon).locator('[data-badge="escalated"]').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`/app/supervisor/work-orders/${encodeURIComponent(ids.soon)}`);
    await expect(page.locator('.timeline li[data-action="escalate"]').textContent()).resolves.toContain('客户第三次来电催办');
  }, 180_000);

  it('explains a transfer someone else made first (409) and refreshes the board', async () => {
    const page = await stack.newPage();
    await signIn(page, 'supervisor.dalian', zhCN);
    await page.waitForURL('**/app/supervisor');
    await row(page, ids.race)
      .getByRole('button', { name: fill(zhCN['board.action.transferOne'], { id: ids.race }) })
      .click();
    await dialog(page).waitFor();
    await dialog(page).getByLabel(zhCN['board.transfer.to']).click();
    await option(page, zhCN['board.transfer.to'], departmentName(zhCN, BILLING));
    await dialog(page).getByLabel(zhCN['board.transfer.reason']).fill('计费问题');
    // Meanwhile another supervisor moves it to installation.
    const first = await request(stack.sys.app)
      .post(`/troubleTicket/${ids.race}/event`)
      .set('authorization', `Bearer ${supervisor}`)
      .send({ type: 'transfer', from: CARE, to: INSTALL, reason: 'installation matter' });
    expect(first.status).toBe(200);
    await page.getByRole('button', { name: zhCN['board.transfer.submit'] }).click();
    const alert = dialog(page).getByRole('alert');
    // The refused transfer goes through the work order's workflow: on a loaded machine (CI runs the
    // integration files beside it) its answer has taken longer than the page's 15 s default.
    await alert.getByText(zhCN['board.conflict.title']).waitFor({ timeout: 60_000 });
    await expect(alert.textContent()).resolves.toContain(fill(zhCN['board.conflict.moved'], { state: zhCN['state.acknowledged'] }).slice(0, 6));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: zhCN['board.cancel'] }).click();
    // The refreshed board no longer lists it as overdue (installation's assignment is new).
    await row(page, ids.race).waitFor({ state: 'detached' });
    expect((await worklistOf(INSTALL)).some((e) => e.workOrderId === ids.race)).toBe(true);
  }, 180_000);

  it("draws the departments' open, overdue and SLA figures with their tables, in English too", async () => {
    for (const [language, c] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      const page = await stack.newPage(language);
      await signIn(page, 'supervisor.dalian', c);
      await page.waitForURL('**/app/supervisor');
      await page.getByRole('heading', { name: c['board.title'], level: 1 }).waitFor();
      const openChart = page.locator(`[role="img"][aria-label^="${c['board.charts.open.title']}"]`);
      await openChart.locator('svg').first().waitFor({ timeout: 30_000 });
      const slaChart = page.locator(`[role="img"][aria-label^="${c['board.charts.sla.title']}"]`);
      await slaChart.locator('svg').first().waitFor();
      // Every figure drawn is in the table under its chart, by department name.
      const openTable = page.locator('table', { has: page.locator('caption', { hasText: c['board.charts.open.title'] }) });
      await openTable.getByText(departmentName(c, BILLING), { exact: true }).waitFor();
      await openTable.getByText(departmentName(c, CARE), { exact: true }).waitFor();
      const slaTable = page.locator('table', { has: page.locator('caption', { hasText: c['board.charts.sla.title'] }) });
      await slaTable.getByText(departmentName(c, CARE), { exact: true }).waitFor();
      await expect(slaTable.textContent()).resolves.toContain(fill(c['board.charts.percent'], { n: 100 }));
      // The chart's own text (axis labels) names the departments too.
      await expect(openChart.textContent()).resolves.toContain(departmentName(c, CARE));
      if (language === 'en') {
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
        await page
          .getByText(fill(en['board.tab.overdue'], { n: '' }).replace(' ()', ''), { exact: false })
          .first()
          .waitFor();
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
  }, 180_000);
});
