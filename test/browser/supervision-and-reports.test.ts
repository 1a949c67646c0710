// Issue 15 on the supervisor board and the reports page, in a real browser on the real stack: the
// province supervisor places a supervision (督办) from a work order's page — the API then holds it —
// and finds it on the board's Supervised tab awaiting its reply; the department replies (through the
// API) and the tab shows the reply, in time; supervisor.dalian urges (催办) another work order from its
// page, which the API counts and raises; the province supervisor hands an escalated work order over to
// the national centre, and the board lists it under its hand-over filter with its badge; the reports
// page grouped by category names the categories in Chinese (and in English) and shows the supervision
// figures the API answered (and has them in its CSV). Every page and dialog passes the accessibility
// check.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { eventually, findCustomer, takeWorkOrder } from '../../harness/fixtures.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { chinaToday, type DailyReport } from '../../web/src/desks/reports/report-logic.js';

const CARE = 'dalian-customer-care';
/** The top-level branch of the category the test work orders name (harness/fixtures: service-handling.order-error). */
const CATEGORY = 'service-handling';

let stack: BrowserStack;
const ids = { supervised: '', urged: '', handedOver: '' };
let province: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  const { sys } = stack;
  const callCentre = sys.token({ roles: ['call-centre'], sub: 'supervision-browser-call-centre', localNetworks: ['dalian'] });
  province = sys.token({
    roles: ['supervisor'],
    sub: 'supervision-browser-province',
    localNetworks: '*',
    department: 'liaoning-service-centre',
    level: 'province',
  });
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier = 'ordinary'");
  for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
    const res = await takeWorkOrder(sys, callCentre, customer, { description: `supervision browser: ${key}` });
    expect(res.status).toBe(201);
    expect(res.body.assignees).toEqual([CARE]);
    ids[key] = res.body.id as string;
  }
  await eventually(async () => {
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from work_order_assignment where open and work_order_id = any(?::text[])', [`{${Object.values(ids).join(',')}}`]);
    return (rows[0] as { n: number }).n === Object.keys(ids).length ? true : undefined;
  }, 'the work orders in the read model');
}, 180_000);
afterAll(async () => stack?.stop());

const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text, { exact: true }).waitFor();
const dialog = (page: Page) => page.getByRole('dialog');
const row = (page: Page, id: string) => page.locator('tr', { has: page.getByRole('link', { name: id, exact: true }) });
const workOrder = async (id: string) => (await request(stack.sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${province}`)).body;
const supervisedEntries = async () =>
  (await request(stack.sys.app).get('/supervision/supervised').query({ localNetwork: 'dalian', limit: 200 }).set('authorization', `Bearer ${province}`))
    .body as Array<{ workOrderId: string; reply: { text: string; inTime: boolean } | null }>;
const reportAnswer = (page: Page, groupBy: string) =>
  page.waitForResponse((r: Response) => r.url().includes('/reports/daily?') && new URL(r.url()).searchParams.get('groupBy') === groupBy && r.ok());

describe('supervision (督办) on the board', () => {
  it('the province supervisor supervises from the work order page; the Supervised tab shows it awaiting, then replied', async () => {
    const page = await stack.newPage();
    await signIn(page, 'supervisor.province', zhCN);
    await page.waitForURL('**/app/supervisor**');
    await page.goto(`/app/supervisor/work-orders/${encodeURIComponent(ids.supervised)}`);
    // The category by name and the channel, in the page's language.
    await page.getByText('业务办理 / 受理差错').waitFor();
    await page.getByRole('button', { name: zhCN['board.action.supervise'], exact: true }).click();
    await dialog(page).waitFor();
    // Instructions are required: nothing is sent without them.
    await page.getByRole('button', { name: zhCN['board.supervise.submit'] }).click();
    await dialog(page).getByText(zhCN['form.required']).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The deadline comes filled in (a day ahead); the instructions are the supervisor's.
    expect(await dialog(page).getByLabel(zhCN['board.supervise.due']).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await dialog(page).getByLabel(zhCN['board.supervise.instructions']).fill('请今天内联系客户核实受理差错，并书面回复处理进展');
    await page.getByRole('button', { name: zhCN['board.supervise.submit'] }).click();
    await toast(page, zhCN['board.supervise.done']);
    const placed = await workOrder(ids.supervised);
    expect(placed.supervisions).toHaveLength(1);
    expect(placed.supervisions[0]).toMatchObject({ level: 'province', instructions: '请今天内联系客户核实受理差错，并书面回复处理进展', departments: [CARE] });
    expect(placed.supervisions[0].reply).toBeUndefined();
    expect(placed.supervisions[0].due - Date.now()).toBeGreaterThan(23 * 3_600_000);
    // The page shows it awaiting its reply; one at a time: supervise is no longer offered.
    await page.locator('[data-supervision="awaiting"]').first().waitFor();
    await page.getByRole('button', { name: zhCN['board.action.supervise'], exact: true }).waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The Supervised tab: awaiting, with the instructions and the department asked.
    await page.goto('/app/supervisor');
    await page.locator('label.ant-radio-button-wrapper', { hasText: zhCN['board.tab.supervised'] }).click();
    await page.waitForURL('**/app/supervisor?tab=supervised');
    await eventually(async () => ((await supervisedEntries()).some((e) => e.workOrderId === ids.supervised) ? true : undefined), 'the supervision listed');
    await page.goto('/app/supervisor?tab=supervised&status=awaiting&mine=true&size=50');
    const entry = row(page, ids.supervised);
    await entry.locator('[data-supervision="awaiting"]').waitFor();
    await expect(entry.textContent()).resolves.toContain('请今天内联系客户核实受理差错');
    await expect(entry.textContent()).resolves.toContain('大连客户关怀');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Customer care replies in writing (its desk's form is the other desk's; here through the API).
    const care = stack.sys.token({ roles: ['department'], sub: 'supervision-browser-care', department: CARE, localNetworks: [] });
    const reply = await request(stack.sys.app)
      .post(`/troubleTicket/${ids.supervised}/event`)
      .set('authorization', `Bearer ${care}`)
      .send({ type: 'superviseReply', text: '已联系客户，差错已更正' });
    expect(reply.status).toBe(200);
    await eventually(async () => ((await supervisedEntries()).find((e) => e.workOrderId === ids.supervised)?.reply ? true : undefined), 'the reply listed');
    // No longer awaiting: gone from that filter, shown replied (in time) under its own.
    await page.getByRole('button', { name: zhCN['common.refresh'] }).click();
    await entry.waitFor({ state: 'detached' });
    await page.goto('/app/supervisor?tab=supervised&status=replied&mine=true&size=50');
    await entry.locator('[data-supervision="replied"]').waitFor();
    await entry.locator('[data-reply="inTime"]').waitFor();
    await expect(entry.textContent()).resolves.toContain('已联系客户，差错已更正');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Its link leads to the work order's page, which shows the reply.
    await entry.getByRole('link', { name: ids.supervised, exact: true }).click();
    await page.waitForURL(`**/app/supervisor/work-orders/${ids.supervised}`);
    await page.locator('[data-supervision="replied"]').first().waitFor();
  }, 180_000);

  it('supervisor.dalian urges (催办) a work order from its page: the API counts it and raises its priority', async () => {
    const before = await workOrder(ids.urged);
    const page = await stack.newPage();
    await signIn(page, 'supervisor.dalian', zhCN);
    await page.waitForURL('**/app/supervisor**');
    await page.goto(`/app/supervisor/work-orders/${encodeURIComponent(ids.urged)}`);
    await page.getByRole('button', { name: zhCN['board.action.urge'], exact: true }).click();
    await dialog(page).waitFor();
    await dialog(page).getByLabel(zhCN['board.urge.reason']).fill('客户再次来电询问进展');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: zhCN['board.urge.submit'] }).click();
    await toast(page, zhCN['board.urge.done']);
    const after = await workOrder(ids.urged);
    expect(after.urging).toMatchObject({ count: 1 });
    expect(after.priority).not.toBe(before.priority);
    const urge = after.timeline.filter((e: { action: string }) => e.action === 'urge').at(-1);
    expect(urge.details).toMatchObject({ reason: '客户再次来电询问进展', count: 1 });
    await page.locator('[data-testid="urge-count"][data-count="1"]').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 120_000);
});

describe('hand-over to the national centre (转全国中心协调)', () => {
  it('the province supervisor hands an escalated work order over; the board marks it and lists it under the hand-over filter', async () => {
    const city = stack.sys.token({
      roles: ['supervisor'],
      sub: 'supervision-browser-city',
      localNetworks: ['dalian'],
      department: 'dalian-service-centre',
      level: 'city',
    });
    const escalated = await request(stack.sys.app)
      .post(`/troubleTicket/${ids.handedOver}/event`)
      .set('authorization', `Bearer ${city}`)
      .send({ type: 'escalate', reason: 'the city cannot solve it' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.escalationLevel).toBe('province');

    const page = await stack.newPage();
    await signIn(page, 'supervisor.province', zhCN);
    await page.waitForURL('**/app/supervisor**');
    await page.goto(`/app/supervisor/work-orders/${encodeURIComponent(ids.handedOver)}`);
    await page.getByRole('button', { name: zhCN['board.action.handOver'], exact: true }).click();
    await dialog(page).waitFor();
    // A reason is required.
    await page.getByRole('button', { name: zhCN['board.handOver.submit'] }).click();
    await dialog(page).getByText(zhCN['form.required']).first().waitFor();
    await dialog(page).getByLabel(zhCN['board.handOver.reason']).fill('涉及跨省网络，需全国中心协调');
    await page.getByRole('button', { name: zhCN['board.handOver.submit'] }).click();
    await toast(page, zhCN['board.handOver.done']);
    const after = await workOrder(ids.handedOver);
    expect(after.assignees).toContain('national-service-centre');
    expect(after.handOver).toMatchObject({ to: 'national-service-centre', reason: '涉及跨省网络，需全国中心协调' });
    await page.getByTestId('hand-over').waitFor();
    await page.getByRole('button', { name: zhCN['board.action.handOver'], exact: true }).waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The board: under the hand-over filter, with its badge.
    await eventually(async () => {
      const res = await request(stack.sys.app).get('/supervision/worklist').query({ handOver: 'true', limit: 200 }).set('authorization', `Bearer ${province}`);
      return (res.body as Array<{ workOrderId: string }>).some((e) => e.workOrderId === ids.handedOver) ? true : undefined;
    }, 'the hand-over on the board');
    await page.goto('/app/supervisor?tab=all&handOver=true&size=50');
    await row(page, ids.handedOver).locator('[data-badge="handOver"]').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 120_000);
});

describe('the reports page by category', () => {
  it('names the categories in Chinese and shows the supervision figures the API answered; in English too', async () => {
    const today = chinaToday(Date.now());
    // The urge and the supervision above are in the report's figures (the read model has them).
    await eventually(async () => {
      const res = await request(stack.sys.app)
        .get('/reports/daily')
        .query({ from: today, to: today, groupBy: 'category' })
        .set('authorization', `Bearer ${province}`);
      const s = (res.body as DailyReport).rows?.find((r) => r.group === CATEGORY)?.workOrders.supervision;
      return s && s.placed >= 1 && s.urged >= 1 && s.replied >= 1 ? true : undefined;
    }, 'the supervision figures in the report');
    for (const [language, c, name] of [
      ['zh-CN', zhCN, '业务办理'],
      ['en', en, 'Service handling'],
    ] as const) {
      const page = await stack.newPage(language);
      await signIn(page, 'supervisor.province', c);
      await page.waitForURL('**/app/supervisor**');
      const answered = reportAnswer(page, 'category');
      await page.goto(`/app/reports?from=${today}&to=${today}&groupBy=category`);
      const report = (await (await answered).json()) as DailyReport;
      expect(report.groupBy).toBe('category');
      const mine = report.rows.find((r) => r.day === today && r.group === CATEGORY)!;
      expect(mine).toBeDefined();
      expect(mine.workOrders.supervision).toBeDefined();
      expect(mine.workOrders.supervision!.placed).toBeGreaterThanOrEqual(1);
      expect(mine.workOrders.supervision!.urged).toBeGreaterThanOrEqual(1);
      // The day-by-day table names the category.
      await expect(page.locator(`[data-row="${today}|${CATEGORY}"][data-field="group"]`).innerText()).resolves.toBe(name);
      // The supervision block (one day: its totals are the day's figures): a chart with a name and the table of its figures, by category name.
      await page.getByRole('img', { name: new RegExp(`^${c['reports.supervision.title']}`) }).waitFor();
      const table = page.locator('table', { has: page.locator('caption', { hasText: c['reports.supervision.title'] }) });
      await table.getByText(name, { exact: true }).waitFor();
      for (const k of ['urged', 'placed', 'replied', 'repliedInTime', 'overdue'] as const) {
        const figure = table.locator(`[data-total="supervision.${k}"][data-group="${CATEGORY}"]`);
        await expect(figure.innerText()).resolves.toBe(String(mine.workOrders.supervision![k]));
      }
      await expect(table.locator('th', { hasText: c['reports.supervision.repliedInTime'] }).count()).resolves.toBe(1);
      // Callbacks and quality checks are per local network only: no block for them here.
      expect(await page.locator('[data-total^="callbacks."], [data-total^="qualityChecks."]').count()).toBe(0);
      // The CSV has the supervision figures as columns, the category by name.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: c['reports.csv'] }).click()]);
      const lines = readFileSync((await download.path())!, 'utf8')
        .slice(1)
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      const header = lines[0]!;
      const line = lines.find((l) => l[0] === today && l[2] === CATEGORY)!;
      expect(line[1]).toBe(name);
      expect(line[header.indexOf(c['reports.supervision.placed'])]).toBe(String(mine.workOrders.supervision!.placed));
      expect(line[header.indexOf(c['reports.callbacks.opened'])]).toBe('');
      await expect(page.getByTestId('reports-range').innerText()).resolves.toContain(c['reports.groupBy.category']);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
  }, 180_000);
});
