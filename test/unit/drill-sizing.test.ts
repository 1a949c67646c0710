// The load drills' bound and load from the machine's measured floor (scripts/drill/sizing.ts), on the
// figures of the machines they ran on: the development machine (floor 16–18/s, every drill within
// 300 s) and a slower one (floor 8.8/s, where temporal-restart needed 397 s for its 1,000 orders).
import { describe, expect, it } from '@jest/globals';
import { sizeLoadDrills, type SizingInput } from '../../scripts/drill/sizing.js';

const base: SizingInput = { rate: 40, defaults: { orders: 1000, boundS: 300 }, factor: 4, startupS: 60, maxBoundS: 900 };

describe('sizeLoadDrills', () => {
  it('stays near the 300 s it had on the development machine (floor 15.8–17.6/s)', () => {
    for (const floorPerS of [15.8, 17.6]) {
      const s = sizeLoadDrills({ ...base, floorPerS });
      expect(s).toMatchObject({ orders: 1000, rate: 40 });
      expect(s.boundS).toBeGreaterThanOrEqual(300);
      expect(s.boundS).toBeLessThanOrEqual(340);
    }
    expect(sizeLoadDrills({ ...base, floorPerS: 17.6 }).why).toBe('max(300, 60 + 1000/40 + 4×1000/17.6 = 313) s from the floor');
  });

  it('gives the slower machine a bound its 397 s fit in, with a margin, and the same load', () => {
    const s = sizeLoadDrills({ ...base, floorPerS: 8.8 });
    expect(s.orders).toBe(1000);
    expect(s.boundS).toBeGreaterThanOrEqual(Math.ceil(397 * 1.25));
    expect(s.boundS).toBeLessThanOrEqual(base.maxBoundS);
  });

  it('scales the bound with the floor, never below the configured one', () => {
    const bounds = [30, 20, 12, 8.8, 6].map((floorPerS) => sizeLoadDrills({ ...base, floorPerS }).boundS);
    expect(bounds[0]).toBe(300);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]!).toBeGreaterThanOrEqual(bounds[i - 1]!);
  });

  it('shrinks the load instead past DRILL_MAX_BOUND_S', () => {
    const s = sizeLoadDrills({ ...base, floorPerS: 2 });
    expect(s.boundS).toBe(900);
    expect(s.orders).toBeLessThan(1000);
    expect(s.orders).toBeGreaterThanOrEqual(100);
    // What it keeps fits: start-up, the load at its rate, and the factor times the floor's time for it.
    expect(60 + s.orders / 40 + (4 * s.orders) / 2).toBeLessThanOrEqual(900);
  });

  it('lets values given in the environment win', () => {
    expect(sizeLoadDrills({ ...base, floorPerS: 8.8, orders: 1000, boundS: 300 })).toMatchObject({
      orders: 1000,
      boundS: 300,
      why: 'DRILL_ORDERS and DRILL_BOUND_S as given',
    });
    // A given bound is kept; the load is fitted to it.
    const b = sizeLoadDrills({ ...base, floorPerS: 8.8, boundS: 300 });
    expect(b.boundS).toBe(300);
    expect(60 + b.orders / 40 + (4 * b.orders) / 8.8).toBeLessThanOrEqual(300);
    // Given orders are kept; the bound follows them, past DRILL_MAX_BOUND_S if it must.
    expect(sizeLoadDrills({ ...base, floorPerS: 2, orders: 1000 })).toMatchObject({ orders: 1000, boundS: 60 + 25 + 2000 });
  });

  it('without a floor, uses the configured values', () => {
    expect(sizeLoadDrills({ ...base })).toMatchObject({ orders: 1000, boundS: 300, why: expect.stringMatching(/not measured/) });
    expect(sizeLoadDrills({ ...base, boundS: 500 })).toMatchObject({ orders: 1000, boundS: 500 });
  });
});
