// The reference-data cache: one load at a time, the old snapshot served while a reload runs.
// (A stand-in EntityManager counts loads; the cache logic is what is under test.)
import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceData } from '../../db/reference.js';

function countingEm() {
  const calls = { loads: 0 };
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const em = {
    find: async () => [],
    getConnection: () => ({
      execute: async () => {
        calls.loads += 1;
        await gate;
        return [];
      },
    }),
  } as unknown as EntityManager;
  return { em: () => em, calls, hold: () => (gate = new Promise<void>((r) => (release = r))), release: () => release() };
}

describe('reference data', () => {
  it('loads once for concurrent first requests', async () => {
    const f = countingEm();
    const ref = new ReferenceData(f.em, 60_000);
    const snaps = await Promise.all(Array.from({ length: 20 }, () => ref.get()));
    expect(f.calls.loads).toBe(1);
    expect(new Set(snaps).size).toBe(1);
  });

  it('reloads a stale snapshot once, serving the old one meanwhile', async () => {
    const f = countingEm();
    const ref = new ReferenceData(f.em, 0);
    const first = await ref.get();
    f.hold();
    await new Promise((r) => setTimeout(r, 2));
    const during = await Promise.all(Array.from({ length: 20 }, () => ref.get()));
    expect(during.every((s) => s === first)).toBe(true);
    expect(f.calls.loads).toBe(2); // the first load and exactly one reload
    f.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(await ref.get()).not.toBe(first);
  });
});
