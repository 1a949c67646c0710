// Operations and reports in a real browser, on the real stack: ops lands on the system page and sees
// Temporal, the database and each adapter ready and the worker polling the task queue (in English);
// a department's work order page links to the work order's workflow in the Temporal Web UI; the
// reports page shows supervisor.dalian the figures GET /reports/daily answered for the same filters,
// switches grouping and downloads them as CSV (parsed here); every page passes the accessibility check.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { eventually, findCustomer, takeWorkOrder } from '../../harness/fixtures.js';
import { temporalUiUrl } from '../../platform/config.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { chinaToday, daysBefore } from '../../web/src/desks/reports/report-logic.js';
import type { DailyReport } from '../../web/src/desks/reports/report-logic.js';

const CARE = 'dalian-customer-care';
let stack: BrowserStack;
let workOrderId: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  const { sys } = stack;
  const callCentre = sys.token({ roles: ['call-centre'], sub: 'ops-browser-call-centre', localNetworks: ['dalian'] });
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier = 'ordinary'");
  const res = await takeWorkOrder(sys, callCentre, customer, { description: 'operations browser: a work order to find in Temporal' });
  expect(res.status).toBe(201);
  workOrderId = res.body.id as string;
  await eventually(async () => {
    const rows = await sys.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from work_order_assignment where open and work_order_id = ?', [workOrderId]);
    return (rows[0] as { n: number }).n === 1 ? true : undefined;
  }, 'the work order in the read model');
}, 180_000);
afterAll(async () => stack?.stop());

/** The text of a cell of the reports page's day-by-day table. */
const cell = (page: Page, day: string, group: string, field: string) => page.locator(`[data-row="${day}|${group}"][data-field="${field}"]`).innerText();
const shown = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const reportAnswer = (page: Page, groupBy: string) =>
  page.waitForResponse((r: Response) => r.url().includes('/reports/daily?') && new URL(r.url()).searchParams.get('groupBy') === groupBy && r.ok());

/** Rows of a CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cur);
      cur = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
      i++;
    } else {
      cur += ch;
    }
  }
  if (cur || row.length) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}

describe('operations', () => {
  it('ops lands on the system page (in English): every component ready and the worker polling the task queue', async () => {
    const page = await stack.newPage('en');
    await signIn(page, 'ops', en);
    await page.waitForURL('**/app/system');
    await page.getByRole('heading', { level: 1, name: en['system.title'] }).waitFor();
    for (const name of ['temporal', 'database', 'billing', 'inventory', 'network', 'notification']) {
      const row = page.locator('tr', { has: page.locator(`[data-component="${name}"]`) });
      // Waited for, not counted at once: the status may still be on its way when the heading shows
      // (and the page asks again every 10 s should a check have been slow on a busy machine).
      await row.getByText(en['system.up'], { exact: true }).waitFor({ timeout: 25_000 });
    }
    await page.getByText(en['system.allReady']).waitFor();
    await page.getByRole('heading', { level: 2, name: en['system.queue'].replace('{name}', stack.sys.config.TEMPORAL_TASK_QUEUE) }).waitFor();
    expect(Number(await page.locator('[data-pollers="workflow"]').innerText())).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-pollers="activity"]').innerText())).toBeGreaterThan(0);
    expect(await page.locator('[data-backlog="activity"]').innerText()).toMatch(/^\d+$/);
    await page.getByRole('heading', { level: 2, name: en['system.failures'].replace('{hours}', '24') }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("a department's work order page links to its workflow in the Temporal Web UI, in a new tab", async () => {
    const page = await stack.newPage();
    await signIn(page, 'dept.dalian.care', zhCN);
    await page.waitForURL('**/app/department**');
    await page.goto(`/app/department/work-orders/${workOrderId}`);
    const link = page.getByRole('link', { name: zhCN['system.temporalLink'] });
    await link.waitFor();
    const { config } = stack.sys;
    expect(await link.getAttribute('href')).toBe(`${temporalUiUrl(config)}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows/workorder-${workOrderId}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});

describe('the reports page', () => {
  it('shows supervisor.dalian the figures GET /reports/daily answers, by local network and by department, and downloads them as CSV', async () => {
    const { sys } = stack;
    const today = chinaToday(Date.now());
    const from = daysBefore(today, 2);
    const page = await stack.newPage();
    await signIn(page, 'supervisor.dalian', zhCN);
    await page.waitForURL('**/app/supervisor**');

    // By local network: the page's table holds what the API answered it.
    const byNetwork = reportAnswer(page, 'localNetwork');
    await page.goto(`/app/reports?from=${from}&to=${today}&groupBy=localNetwork`);
    const answer = (await (await byNetwork).json()) as DailyReport;
    await page.getByRole('heading', { level: 1, name: zhCN['reports.title'] }).waitFor();
    expect(answer).toMatchObject({ from, to: today, groupBy: 'localNetwork' });
    // A supervisor of Dalian reads Dalian only; today has at least the work order taken above.
    expect([...new Set(answer.rows.map((r) => r.group))]).toEqual(['dalian']);
    // One row per day with figures, within the range asked.
    expect(answer.rows.map((r) => r.day)).toContain(today);
    expect(answer.rows.every((r) => r.day >= from && r.day <= today)).toBe(true);
    const todayDalian = answer.rows.find((r) => r.day === today)!;
    expect(todayDalian.workOrders.received).toBeGreaterThanOrEqual(1);
    for (const r of answer.rows) {
      expect(await cell(page, r.day, r.group, 'wo.received')).toBe(shown(r.workOrders.received));
      expect(await cell(page, r.day, r.group, 'wo.slaMet')).toBe(shown(r.workOrders.slaMet));
      expect(await cell(page, r.day, r.group, 'wo.escalated')).toBe(shown(r.workOrders.escalations.total));
      expect(await cell(page, r.day, r.group, 'orders.received')).toBe(shown(r.orders?.received));
    }
    // The same filters asked of the API directly give the same rows (figures may move meanwhile in a shared run).
    const supervisor = sys.token({
      roles: ['supervisor'],
      sub: 'ops-browser-supervisor',
      localNetworks: ['dalian'],
      department: 'dalian-service-centre',
      level: 'city',
    });
    const direct = await request(sys.app)
      .get('/reports/daily')
      .query({ from, to: today, groupBy: 'localNetwork' })
      .set('authorization', `Bearer ${supervisor}`);
    expect(direct.status).toBe(200);
    expect(direct.body.rows.map((r: { day: string; group: string }) => `${r.day}|${r.group}`)).toEqual(answer.rows.map((r) => `${r.day}|${r.group}`));
    await page.getByRole('img', { name: new RegExp(`^${zhCN['reports.workOrders.title']}`) }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // By department.
    const byDepartment = reportAnswer(page, 'department');
    await page.locator('label.ant-radio-button-wrapper', { hasText: zhCN['reports.groupBy.department'] }).click();
    const perDepartment = (await (await byDepartment).json()) as DailyReport;
    expect(perDepartment.groupBy).toBe('department');
    const care = perDepartment.rows.find((r) => r.day === today && r.group === CARE);
    expect(care).toBeDefined();
    await page.locator(`[data-row="${today}|${CARE}"]`).first().waitFor();
    for (const r of perDepartment.rows.filter((x) => x.day === today)) {
      expect(await cell(page, r.day, r.group, 'wo.slaMet')).toBe(shown(r.workOrders.slaMet));
      expect(await cell(page, r.day, r.group, 'wo.backlog')).toBe(shown(r.workOrders.backlog));
    }
    expect(page.url()).toContain('groupBy=department');

    // The CSV of what the page shows: a byte order mark, the page's headings, one line per row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: zhCN['reports.csv'] }).click()]);
    expect(download.suggestedFilename()).toBe(`daily-report-department-${from}-${today}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = parseCsv(text.slice(1));
    expect(header!.slice(0, 4)).toEqual([zhCN['reports.col.day'], zhCN['reports.col.group'], zhCN['reports.col.groupId'], zhCN['reports.col.ordersReceived']]);
    expect(lines).toHaveLength(perDepartment.rows.length);
    const careLine = lines.find((l) => l[0] === today && l[2] === CARE)!;
    expect(careLine[1]).toBe('大连客户关怀');
    expect(careLine[header!.indexOf(zhCN['reports.col.slaMet'])]).toBe(String(care!.workOrders.slaMet ?? ''));
    expect(careLine[header!.indexOf(zhCN['reports.col.woBacklog'])]).toBe(String(care!.workOrders.backlog ?? ''));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
