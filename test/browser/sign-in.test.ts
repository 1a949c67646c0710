// Signing in to the workbench in a real browser, on the real stack: a seeded department account, a
// wrong password, the user's name and role in the header, both languages, signing out, and an
// accessibility check of the pages on the way.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { displayNameOf, pageLanguage, seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.stop());

describe('signing in', () => {
  it('refuses a wrong password with a message, on a page that passes the accessibility check', async () => {
    const page = await stack.newPage();
    await signIn(page, 'dept.dalian.care', zhCN, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: zhCN['signIn.wrong'] }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/login');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("lands a department's staff on their desk, with their name and role in the header, and signs them out", async () => {
    const page = await stack.newPage();
    await signIn(page, 'dept.dalian.care', zhCN);
    await page.waitForURL('**/app/department');
    const header = page.locator('header');
    await header.getByText(displayNameOf('dept.dalian.care')).waitFor();
    await header.getByText(zhCN['role.department'], { exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: '大连客户关怀 · 待办工单' }).waitFor();
    expect(await pageLanguage(page)).toBe('zh-CN');

    await page.getByRole('button', { name: zhCN['header.signOut'] }).click();
    await page.waitForURL('**/app/login');
    await page.getByText(zhCN['signIn.signedOut']).waitFor();
    // Signed out means signed out: the desk's address sends back to sign-in.
    await page.goto('/app/department');
    await page.waitForURL('**/app/login');
  });

  it('renders in English from the switch, and remembers the choice', async () => {
    const page = await stack.newPage();
    await page.goto('/app/');
    await page.getByText(en['header.lang.en'], { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en['app.title'] }).waitFor();
    expect(await pageLanguage(page)).toBe('en');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signIn(page, 'dept.dalian.care', en);
    await page.getByRole('heading', { level: 1, name: 'Dalian customer care · open work orders' }).waitFor();
    await page.getByRole('button', { name: en['header.signOut'] }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dalian customer care · open work orders' }).waitFor();
  });

  it('sends someone with a role whose desk is not built yet to a page that says so', async () => {
    // The administrator has no desk of its own (operations now has the system page).
    const page = await stack.newPage();
    await signIn(page, 'admin', zhCN);
    await page.getByRole('heading', { level: 1, name: zhCN['desk.notYet.title'] }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('lands a call-centre agent on the call-centre desk', async () => {
    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.locator('header').getByText(displayNameOf('callcentre.dalian')).waitFor();
    await page.getByRole('heading', { level: 1, name: zhCN['callCentre.search.title'] }).waitFor();
  });
});
