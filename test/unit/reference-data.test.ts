// The reference-data cache: one load at a time, the old snapshot served while a reload runs, and the
// offerings read through by the catalog version (a lifecycle change reaches every process on its next read).
// (A stand-in EntityManager answers by statement and counts them; the cache logic is what is under test.)
import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceData } from '../../db/reference.js';

function countingEm() {
  const calls = { loads: 0, versionChecks: 0, offeringReads: 0 };
  const db = { version: 0, lifecycle: 'active', versionFails: false };
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const em = {
    find: async () => [],
    getConnection: () => ({
      execute: async (sql: string) => {
        if (sql.includes('offering_lifecycle_change')) {
          calls.versionChecks += 1;
          if (db.versionFails) throw new Error('connection refused');
          return [{ v: String(db.version) }];
        }
        if (sql.includes('from product_offering')) {
          calls.offeringReads += 1;
          return [{ data: { id: 'o1', lifecycle: 'draft' }, lifecycle: db.lifecycle }];
        }
        if (sql.includes('pricing_policy')) {
          calls.loads += 1;
          await gate;
        }
        return [];
      },
    }),
  } as unknown as EntityManager;
  return { em: () => em, calls, db, hold: () => (gate = new Promise<void>((r) => (release = r))), release: () => release() };
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

  it('takes the lifecycle from the column and re-reads the offerings, once, when the catalog version moves', async () => {
    const f = countingEm();
    const ref = new ReferenceData(f.em, 60_000);
    const first = await ref.get();
    expect(first.offerings.get('o1')?.lifecycle).toBe('active');
    expect(await ref.get()).toBe(first); // same version: the same snapshot, nothing re-read
    expect(f.calls.offeringReads).toBe(1);
    expect(f.calls.versionChecks).toBe(3); // the load's and one per get()

    f.db.version = 7;
    f.db.lifecycle = 'retired';
    const after = await Promise.all(Array.from({ length: 10 }, () => ref.get()));
    expect(after.every((s) => s.offerings.get('o1')?.lifecycle === 'retired' && s.catalogVersion === 7)).toBe(true);
    expect(f.calls.offeringReads).toBe(2); // one re-read for the ten
    expect(f.calls.loads).toBe(1); // the policies are not reloaded for a lifecycle change
    expect((await ref.get()).catalogVersion).toBe(7);
    expect(f.calls.offeringReads).toBe(2);
  });

  it('serves the snapshot it holds when the version cannot be read', async () => {
    const f = countingEm();
    const ref = new ReferenceData(f.em, 60_000);
    const first = await ref.get();
    f.db.versionFails = true;
    expect(await ref.get()).toBe(first);
  });
});
