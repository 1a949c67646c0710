// The worklist benchmark spreads its open work orders over every department: a department function
// without a weight once made every count NaN (the run then failed in SQL with column "nan").
import { describe, expect, it } from '@jest/globals';
import { DEPARTMENTS } from '../../domain/departments.js';
import { departmentCounts } from '../../scripts/bench/worklist.js';

describe('the worklist benchmark’s open work orders per department', () => {
  it.each([5_000, 100_000])('add up to %d, a whole number for every department', (total) => {
    const counts = departmentCounts(total);
    expect(counts.size).toBe(DEPARTMENTS.length);
    expect([...counts.values()].every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(total);
  });
});
