// The browser tests' stack: the whole system of harness/system.ts (Temporal, PostgreSQL, simulators,
// a worker, the API) with the API listening on a loopback port and serving the built workbench, and
// Debian's Chromium driven by playwright-core (never a browser Playwright downloads). Pages sign in
// with the seeded development accounts, as a person would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEVELOPMENT_ACCOUNTS, DEVELOPMENT_PASSWORD } from '../domain/staff.js';
import type { WorklistFeed } from '../api/worklist-feed.js';
import { startTestSystem, type TestSystem } from './system.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A quiet, headless Chromium: no background traffic, no updates, no GPU on these machines; as root it
// needs --no-sandbox.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export type Language = 'zh-CN' | 'en';

export interface BrowserStack {
  sys: TestSystem;
  /** The API's origin, e.g. http://127.0.0.1:41234; the workbench is under /app/. */
  origin: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies) showing the workbench in that language. */
  newPage(language?: Language): Promise<Page>;
  stop(): Promise<void>;
}

export async function startBrowserStack(env: Record<string, string> = {}): Promise<BrowserStack> {
  // Real SLA hours unless a test says otherwise: nothing expires while a person works.
  const sys = await startTestSystem({ SLA_TIME_SCALE: '1', ...env });
  const server: Server = createServer(sys.app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch((err: Error) => {
    throw new Error(`Chromium at ${CHROMIUM} did not start (npm test installs it with apt as root; else apt-get install chromium): ${err.message}`);
  });
  const contexts: BrowserContext[] = [];
  return {
    sys,
    origin,
    browser,
    async newPage(language = 'zh-CN') {
      const context = await browser.newContext({ baseURL: origin, locale: language, viewport: { width: 1440, height: 900 } });
      contexts.push(context);
      // The workbench remembers the chosen language in the browser; a new profile starts with this one.
      await context.addInitScript((lang) => {
        if (!localStorage.getItem('telecom.workbench.locale')) localStorage.setItem('telecom.workbench.locale', lang);
      }, language);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      // Event streams still open (the live desk) would hold server.close(): the feed ends them.
      await (sys.app.locals.worklistFeed as WorklistFeed).stop();
      server.closeAllConnections();
      await closed;
      await sys.stop();
    },
  };
}

/** The display name a seeded account shows in the header. */
export function displayNameOf(username: string): string {
  const account = DEVELOPMENT_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no development account ${username}`);
  return account.displayName;
}

/** Signs in on the sign-in page with the labels of `messages` (the catalogue of the page's language). */
export async function signIn(
  page: Page,
  username: string,
  messages: { 'signIn.username': string; 'signIn.password': string; 'signIn.submit': string },
  password = DEVELOPMENT_PASSWORD,
): Promise<void> {
  await page.goto('/app/');
  await page.getByLabel(messages['signIn.username']).fill(username);
  await page.getByLabel(messages['signIn.password']).fill(password);
  await page.getByRole('button', { name: messages['signIn.submit'] }).click();
}

/** The page's language as it declares it (<html lang>), which screen readers go by. */
export const pageLanguage = (page: Page) => page.locator('html').getAttribute('lang');

/** axe-core's findings on the page as it is now that are serious or critical, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // The page at rest: a pointer left on the button just clicked holds it in its hover colour (and
  // a transition towards it), which is not what a reader sees.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
