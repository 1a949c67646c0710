// Benchmark 6: the department desk in a real browser (Debian's Chromium driven by playwright-core, as
// harness/browser.ts does for the browser tests), on the benchmark's system:
//   first page   from the navigation's start to the worklist's first row on screen, for a department with
//                100,000 open work orders (a fresh profile each time: nothing cached; then reloads);
//   dispatch     from just before POST /troubleTicket to its row on an open desk (the live stream), for
//                each of a series of work orders taken one after another;
//   JavaScript   sign-in + the department desk, gzipped, from the build the API serves (as npm run web:size);
//   order page   from the read model's record of an order's change (its lastUpdate) to the order page
//                showing it, for the changes of orders opened right after POST /productOrder (issue 13).
// The figures and their targets (issues 12 and 13) are computed by browserFigures, a pure function.
import http from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_COOKIE, signToken } from '../../api/auth.js';
import type { Principal } from '../../domain/access.js';
import { httpRequest } from './infra.js';
import { median, percentile, summarize, type Summary } from './stats.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The targets of issue 12: medians, not timed tests. */
export const BROWSER_TARGETS = { firstPageMs: 1000, dispatchMs: 2000, jsGzKb: 300, orderStepMs: 1000 } as const;

export interface BrowserFigures {
  firstPage: { cold: Summary; warm: Summary; medianMs: number; target: number; under: boolean };
  dispatch: { all: Summary; medianMs: number; p95Ms: number; target: number; under: boolean; notSeen: number };
  js: { signInKb: number; deskKb: number; totalKb: number; target: number; under: boolean };
  orderStep: { all: Summary; medianMs: number; p95Ms: number; target: number; under: boolean };
}

/**
 * The headline figures from the raw measurements: the median of the cold first-page loads (the warm
 * ones beside it), the median and p95 of the dispatches seen (NaN: not seen within the wait, counted
 * apart and never in the median), and the JavaScript in KB; each against its target.
 */
export function browserFigures(m: {
  firstPageColdMs: number[];
  firstPageWarmMs: number[];
  dispatchMs: number[];
  signInGz: number;
  deskGz: number;
  /** Each change of an order shown on its open page: ms from its record to the page. */
  orderStepMs: number[];
}): BrowserFigures {
  const seen = m.dispatchMs.filter((v) => Number.isFinite(v));
  const sorted = [...seen].sort((a, b) => a - b);
  const firstPageMedian = median(m.firstPageColdMs);
  const dispatchMedian = median(seen);
  const kb = (n: number) => n / 1024;
  const totalKb = kb(m.signInGz + m.deskGz);
  return {
    firstPage: {
      cold: summarize(m.firstPageColdMs),
      warm: summarize(m.firstPageWarmMs),
      medianMs: firstPageMedian,
      target: BROWSER_TARGETS.firstPageMs,
      under: firstPageMedian < BROWSER_TARGETS.firstPageMs,
    },
    dispatch: {
      all: summarize(seen),
      medianMs: dispatchMedian,
      p95Ms: percentile(sorted, 95),
      target: BROWSER_TARGETS.dispatchMs,
      under: dispatchMedian < BROWSER_TARGETS.dispatchMs && seen.length === m.dispatchMs.length,
      notSeen: m.dispatchMs.length - seen.length,
    },
    js: { signInKb: kb(m.signInGz), deskKb: kb(m.deskGz), totalKb, target: BROWSER_TARGETS.jsGzKb, under: totalKb <= BROWSER_TARGETS.jsGzKb },
    orderStep: {
      all: summarize(m.orderStepMs),
      medianMs: median(m.orderStepMs),
      p95Ms: percentile(
        [...m.orderStepMs].sort((a, b) => a - b),
        95,
      ),
      target: BROWSER_TARGETS.orderStepMs,
      under: m.orderStepMs.length > 0 && median(m.orderStepMs) < BROWSER_TARGETS.orderStepMs,
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch((err: Error) => {
    throw new Error(`Chromium at ${CHROMIUM} did not start (apt-get install chromium): ${err.message}`);
  });
}

/** A session cookie for a department's desk, as the sign-in would set it (the desk only reads here). */
export function deskSession(department: string, secret: string, issuer: string, audience?: string) {
  const principal: Principal = { sub: `bench-desk-${department}`, name: 'bench desk', roles: ['department'], department, localNetworks: [] };
  return signToken(principal, secret, issuer, 3600, undefined, audience);
}

// Runs in the page (from its first script on): when each work order's link first shows in the worklist,
// by the page's own clock (performance.now(): from the navigation's start; Date.now(): the machine's).
// A string, not a function: tsx wraps named functions in a helper the page does not have.
const WATCH_ROWS = `
  window.__rows = {};
  const note = () => {
    for (const a of document.querySelectorAll('table a[href*="work-orders/"]')) {
      const id = decodeURIComponent((a.getAttribute('href') || '').split('/').pop() || '');
      if (id && !window.__rows[id]) window.__rows[id] = { perf: performance.now(), epoch: Date.now() };
    }
  };
  // The document itself: its element may not exist yet when this runs.
  new MutationObserver(note).observe(document, { childList: true, subtree: true });
`;

const rowsSeen = (page: Page) => page.evaluate(() => (globalThis as unknown as { __rows: Record<string, { perf: number; epoch: number }> }).__rows);

async function deskPage(browser: Browser, origin: string, cookie: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  await context.addInitScript({ content: WATCH_ROWS });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Time to the first row of the worklist: `cold` loads in fresh profiles, then as many reloads of the last. */
export async function firstPageRuns(browser: Browser, origin: string, cookie: string, runs: number): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  const firstRow = async (page: Page) => {
    await page.locator('table a[href*="work-orders/"]').first().waitFor();
    const seen = Object.values(await rowsSeen(page));
    return Math.min(...seen.map((s) => s.perf));
  };
  let page: Page | undefined;
  for (let i = 0; i < runs; i++) {
    await page?.context().close();
    page = await deskPage(browser, origin, cookie);
    await page.goto('/app/department');
    cold.push(await firstRow(page));
  }
  for (let i = 0; i < runs && page; i++) {
    await page.reload();
    warm.push(await firstRow(page));
  }
  await page?.context().close();
  return { cold, warm };
}

/**
 * An open desk at `path`; then `n` work orders taken one after another by `take` (which answers the
 * new id): for each, from just before the take to its row on the desk, or NaN when not seen within `waitMs`.
 */
export async function dispatchRuns(
  browser: Browser,
  origin: string,
  cookie: string,
  path: string,
  n: number,
  take: () => Promise<string>,
  waitMs = 10_000,
): Promise<number[]> {
  const page = await deskPage(browser, origin, cookie);
  const stream = page.waitForResponse((r) => r.url().includes('/worklist/events'));
  await page.goto(path);
  await stream;
  await page.locator('table a[href*="work-orders/"]').first().waitFor();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = Date.now();
    const id = await take();
    const seen = await page
      .locator(`table a[href$="/${encodeURIComponent(id)}"]`)
      .waitFor({ timeout: waitMs })
      .then(async () => (await rowsSeen(page))[id]?.epoch)
      .catch(() => undefined);
    out.push(seen === undefined ? NaN : seen - before);
  }
  await page.context().close();
  return out;
}

/** POST /troubleTicket as the call centre: the new work order's id and the departments it went to. */
export async function takeOne(agent: http.Agent, port: number, token: string, body: Record<string, unknown>): Promise<{ id: string; assignees: string[] }> {
  const res = await httpRequest(
    agent,
    port,
    'POST',
    '/troubleTicket',
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    JSON.stringify(body),
  );
  if (res.status !== 201) throw new Error(`POST /troubleTicket answered ${res.status}: ${res.body.slice(0, 300)}`);
  const b = JSON.parse(res.body) as { id: string; assignees: string[] };
  return { id: b.id, assignees: b.assignees };
}

// Runs in the order page: each lastUpdate it shows (the read model's record of the order's latest
// change) and when it first showed, by the machine's clock.
const WATCH_ORDER = `
  window.__updates = [];
  const seen = new Set();
  const note = () => {
    const el = document.querySelector('article[data-last-update]');
    const v = el && el.getAttribute('data-last-update');
    if (v && !seen.has(v)) {
      seen.add(v);
      window.__updates.push({ lastUpdate: v, epoch: Date.now(), state: el.getAttribute('data-order-state') });
    }
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-last-update'] });
`;

const FINAL_ORDER_STATES = ['completed', 'failed', 'partial', 'cancelled', 'rejected'];

/**
 * `n` orders, each placed by `place` (answers its id) and its page opened at once in a fresh profile:
 * for every change the page shows after its first render, ms from the change's record to the page.
 * An order that finished before its page was up gives nothing.
 */
export async function orderPageRuns(
  browser: Browser,
  origin: string,
  cookie: string,
  n: number,
  place: () => Promise<string>,
  waitMs = 30_000,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ baseURL: origin, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
    await context.addInitScript({ content: WATCH_ORDER });
    const page = await context.newPage();
    const id = await place();
    await page.goto(`/app/orders/orders/${encodeURIComponent(id)}`);
    await page
      .waitForFunction(
        (finals) => {
          const el = (
            globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }
          ).document.querySelector('article[data-order-state]');
          return finals.includes(el?.getAttribute('data-order-state') ?? '');
        },
        FINAL_ORDER_STATES,
        { timeout: waitMs },
      )
      .catch(() => undefined);
    const updates = await page.evaluate(() => (globalThis as unknown as { __updates: Array<{ lastUpdate: string; epoch: number }> }).__updates);
    // The first is the page's first render (the load, not a change reaching an open page).
    for (const u of updates.slice(1)) out.push(u.epoch - Date.parse(u.lastUpdate));
    await context.close();
  }
  return out;
}
