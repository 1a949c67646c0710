// The budget of the JavaScript a department's staff download: sign-in and the department desk within
// 300 KB gzipped (issue 12), each desk a chunk of its own that sign-in does not load. Measured on the
// build the browser tests run on (`npm run web:size` prints the same figures).
import { describe, expect, it } from '@jest/globals';
import { bundleSizes } from '../../scripts/web.js';

const BUDGET = 300 * 1024;

describe('the workbench bundle', () => {
  it('keeps sign-in + the department desk within 300 KB gzipped, the desk split off', () => {
    const { signIn, desks } = bundleSizes();
    expect(desks.department).toBeGreaterThan(0);
    expect(signIn + desks.department!).toBeLessThanOrEqual(BUDGET);
  });
});
