// The auditor's view in a real browser, on the real stack: the seeded auditor (all local networks)
// finds an order placed through the API, reads its trail — the steps with their attempts and
// idempotency keys — downloads its workflow history (a file with events, which the replay of
// `npm run audit:replay` accepts) and has the server replay it against the deployed code; a work
// order's trail too; in Chinese and in English; every page passes the accessibility check.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { findCustomer, freshMobile, orderBody, placeOrder, settledOrder, takeWorkOrder } from '../../harness/fixtures.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';
import { parseHistoryText, replayHistory } from '../../platform/workflow-histories.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

let stack: BrowserStack;
let orderId: string;
let customerId: string;
let workOrderId: string;

type Catalogue = typeof zhCN | typeof en;
const fill = (m: string, vars: Record<string, string | number>) => m.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));

/** The serious findings, with the pointer moved off the button just clicked (a hovered button is lighter for a moment). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  return seriousAccessibilityViolations(page);
}

beforeAll(async () => {
  stack = await startBrowserStack();
  const { sys } = stack;
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 7);
  customerId = customer.id;
  const placed = await placeOrder(
    sys,
    orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    sys.token({ roles: ['order-entry'], sub: 'audit-browser-clerk', localNetworks: ['dalian'] }),
  );
  expect(placed.status).toBe(201);
  orderId = placed.body.id;
  expect((await settledOrder(sys, orderId)).state).toBe('completed');
  const taken = await takeWorkOrder(sys, sys.token({ roles: ['call-centre'], sub: 'audit-browser-agent', localNetworks: ['dalian'] }), customer, {
    description: 'audit browser: the bill is wrong',
  });
  expect(taken.status).toBe(201);
  workOrderId = taken.body.id;
}, 180_000);
afterAll(async () => stack?.stop());

/** Searches on the search page: what, and the id. */
async function search(page: Page, c: Catalogue, kind: 'order' | 'workOrder', id: string) {
  await page.getByRole('heading', { name: c['audit.search.title'], level: 1 }).waitFor();
  if (kind === 'workOrder') {
    await page.getByRole('combobox', { name: c['audit.search.kind'] }).click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: c['audit.kind.workOrder'] }).first().click();
  }
  await page.getByLabel(c['audit.search.id']).fill(id);
  await page.getByRole('button', { name: c['audit.search.submit'] }).click();
}

describe("the auditor's view", () => {
  it('finds the order, reads its trail, downloads the history and the replay succeeds (zh-CN)', async () => {
    const page = await stack.newPage('zh-CN');
    await signIn(page, 'auditor', zhCN);
    await page.waitForURL('**/app/audit');
    await search(page, zhCN, 'order', orderId);
    const hit = page.getByTestId('audit-hit').filter({ hasText: orderId });
    await hit.waitFor();
    expect(await page.getByTestId('audit-hit').count()).toBe(1);
    await expect(page.locator('tbody tr').first().textContent()).resolves.toContain(customerId);
    expect(await accessibilityProblems(page)).toEqual([]);

    await hit.click();
    await page.getByRole('heading', { name: fill(zhCN['audit.trail.titleOrder'], { id: orderId }), level: 1 }).waitFor();
    await expect(page.getByTestId('audit-status').textContent()).resolves.toBe(zhCN['audit.status.COMPLETED']);
    // The steps the system ran, with their attempts and the idempotency key each adapter call carried.
    const reserve = page.locator('[data-testid="audit-event"][data-activity="reserveResource"]');
    await reserve.first().waitFor();
    await expect(reserve.first().textContent()).resolves.toContain(zhCN['audit.step.reserveResource']);
    await expect(reserve.first().locator('[data-detail="audit.detail.attempts"]').textContent()).resolves.toMatch(/\d+$/);
    const key = await page.locator('[data-detail="audit.detail.idempotencyKey"] .audit__key').first().textContent();
    expect(key).toContain(orderId);
    await expect(page.locator('[data-testid="audit-event"][data-activity="applyBilling"]').first().textContent()).resolves.toContain(
      zhCN['audit.result.succeeded'],
    );
    await page.getByText(zhCN['audit.what.orderReceived'], { exact: true }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // The history as a file: a workflow history with events, which the replay accepts.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: zhCN['audit.trail.download'] }).click()]);
    expect(download.suggestedFilename()).toBe(`${orderWorkflowId(orderId)}.json`);
    const text = readFileSync((await download.path())!, 'utf8');
    const history = parseHistoryText(text);
    expect(history.events!.length).toBeGreaterThan(10);
    expect((JSON.parse(text) as { events: Array<{ eventType: string }> }).events[0]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const bundle = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    await expect(replayHistory({ workflowBundle: { code: bundle } }, orderWorkflowId(orderId), history)).resolves.toEqual({
      id: orderWorkflowId(orderId),
      ok: true,
    });
    await page.getByText(fill(zhCN['audit.trail.downloaded'], { file: `${orderWorkflowId(orderId)}.json` })).waitFor();

    // The server replays it against the code deployed now (its first replay bundles the code: seconds).
    await page.getByRole('button', { name: zhCN['audit.trail.replay'] }).click();
    const result = page.getByTestId('replay-result');
    await result.waitFor({ timeout: 90_000 });
    await expect(result.textContent()).resolves.toContain(zhCN['audit.replay.ok']);
    await expect(result.textContent()).resolves.toContain(fill(zhCN['audit.replay.okDetail'], { events: history.events!.length, ms: '|' }).split('|')[0]!);
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 240_000);

  it("reads a work order's trail, in English", async () => {
    const page = await stack.newPage('en');
    await signIn(page, 'auditor', en);
    await page.waitForURL('**/app/audit');
    await search(page, en, 'workOrder', workOrderId);
    const hit = page.getByTestId('audit-hit').filter({ hasText: workOrderId });
    await hit.waitFor();
    await hit.click();
    await page.getByRole('heading', { name: fill(en['audit.trail.titleWorkOrder'], { id: workOrderId }), level: 1 }).waitFor();
    await expect(page.getByText(workOrderWorkflowId(workOrderId), { exact: true }).count()).resolves.toBeGreaterThan(0);
    // Who took it (the call-centre agent), and the work order's own timeline as the workflow recorded it.
    const events = page.getByTestId('audit-event');
    await expect(events.first().textContent()).resolves.toContain('audit-browser-agent');
    expect(await events.count()).toBeGreaterThan(2);
    await page.getByText(en['audit.what.workOrderTaken'], { exact: true }).waitFor();
    await page.getByText(en['action.dispatch'], { exact: true }).first().waitFor();
    await page.getByRole('button', { name: en['audit.trail.replay'] }).click();
    const result = page.getByTestId('replay-result');
    await result.waitFor({ timeout: 90_000 });
    await expect(result.textContent()).resolves.toContain(en['audit.replay.ok']);
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 240_000);
});
