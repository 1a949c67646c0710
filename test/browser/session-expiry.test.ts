// The end of a session, as the person sees it: when it expires while the desk is open, and when the
// desk is opened with a session that has expired, the sign-in page says the session expired (not
// merely "sign in"), also once reloaded, when only the worklist's live stream tells it. Sessions last 4 s here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESSION_COOKIE, signToken } from '../../api/auth.js';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack({ AUTH_SESSION_TTL_SECONDS: '4' });
});
afterAll(async () => stack?.stop());

describe('an expired session', () => {
  it('sends the person from the open desk to sign-in, saying why', async () => {
    const page = await stack.newPage();
    await signIn(page, 'dept.dalian.care', zhCN);
    await page.waitForURL('**/app/department');
    await page.waitForURL('**/app/login', { timeout: 10_000 });
    await page.getByText(zhCN['signIn.expired']).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("ends the open desk's live stream at expiry, also when the page does not know when the session ends", async () => {
    const page = await stack.newPage();
    await signIn(page, 'dept.dalian.care', zhCN);
    await page.waitForURL('**/app/department');
    // Reloaded, the page no longer has the sign-in's expiry time: only the worklist's stream (its
    // `expired` event) tells it before the 15 s refresh would (measured from the reload, so a slow
    // sign-in on a busy machine does not count).
    const reloadedAt = Date.now();
    await page.reload();
    await page.locator('#worklist-title').waitFor();
    await page.waitForURL('**/app/login', { timeout: 10_000 });
    await page.getByText(zhCN['signIn.expired']).waitFor();
    expect(Date.now() - reloadedAt).toBeLessThan(12_000);
  });

  it('is named as such when the desk is opened with it', async () => {
    const page = await stack.newPage();
    const { config } = stack.sys;
    const now = Math.floor(Date.now() / 1000);
    // Signed an hour ago for a minute, as the sign-in would have signed it.
    const expired = signToken(
      { sub: 'dept.dalian.care', name: '大连客户关怀 · 王芳', roles: ['department'], department: 'dalian-customer-care', localNetworks: [] },
      config.jwtSecret,
      config.AUTH_JWT_ISSUER,
      60,
      now - 3600,
      config.AUTH_JWT_AUDIENCE,
      { jti: 'expired-session', acct: 'dept.dalian.care' },
    );
    await page.context().addCookies([{ name: SESSION_COOKIE, value: expired, url: stack.origin, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto('/app/department');
    await page.waitForURL('**/app/login');
    await page.getByText(zhCN['signIn.expired']).waitFor();
  });
});
