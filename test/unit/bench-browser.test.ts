// The browser benchmark's figures (scripts/bench/browser.ts browserFigures): the medians and p95 it
// prints beside the targets of issue 12, a dispatch never seen kept out of the median but failing the
// target, the JavaScript's kilobytes, and an order's change on its open page (issue 13).
import { describe, expect, it } from '@jest/globals';
import { BROWSER_TARGETS, browserFigures } from '../../scripts/bench/browser.js';

const base = {
  firstPageColdMs: [900, 400, 500],
  firstPageWarmMs: [200, 100, 300],
  dispatchMs: [] as number[],
  signInGz: 200 * 1024,
  deskGz: 50 * 1024,
  orderStepMs: [] as number[],
};

describe('the browser benchmark figures', () => {
  it('takes the median of the cold first-page loads against 1 s, the reloads beside it', () => {
    const f = browserFigures(base);
    expect(f.firstPage.medianMs).toBe(500);
    expect(f.firstPage.warm.p50).toBe(200);
    expect(f.firstPage.under).toBe(true);
    expect(browserFigures({ ...base, firstPageColdMs: [1200, 900, 1000] }).firstPage.under).toBe(false);
    expect(f.firstPage.target).toBe(BROWSER_TARGETS.firstPageMs);
  });

  it('gives the median and nearest-rank p95 of the dispatches seen; one not seen fails the target', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 50); // 50 … 1000 ms
    const f = browserFigures({ ...base, dispatchMs: twenty });
    expect(f.dispatch.medianMs).toBe(525);
    expect(f.dispatch.p95Ms).toBe(950);
    expect(f.dispatch.under).toBe(true);
    const lost = browserFigures({ ...base, dispatchMs: [...twenty.slice(0, 19), NaN] });
    expect(lost.dispatch.notSeen).toBe(1);
    expect(lost.dispatch.all.n).toBe(19);
    expect(lost.dispatch.medianMs).toBe(500);
    expect(lost.dispatch.under).toBe(false);
    expect(browserFigures({ ...base, dispatchMs: [2500, 1900, 2100] }).dispatch.under).toBe(false);
  });

  it('adds sign-in and the desk in KB against 300 KB, the budget itself included', () => {
    expect(browserFigures(base).js).toMatchObject({ signInKb: 200, deskKb: 50, totalKb: 250, under: true });
    expect(browserFigures({ ...base, deskGz: 100 * 1024 }).js.under).toBe(true);
    expect(browserFigures({ ...base, deskGz: 100 * 1024 + 1 }).js.under).toBe(false);
  });

  it("takes the median and p95 of an order's changes shown on its page against 1 s; none measured is not under", () => {
    const f = browserFigures({ ...base, orderStepMs: [120, 80, 950, 100, 90] });
    expect(f.orderStep).toMatchObject({ medianMs: 100, target: BROWSER_TARGETS.orderStepMs, under: true });
    expect(f.orderStep.p95Ms).toBeGreaterThanOrEqual(120);
    expect(browserFigures({ ...base, orderStepMs: [1500, 900, 1200] }).orderStep.under).toBe(false);
    expect(browserFigures(base).orderStep.under).toBe(false);
  });
});
