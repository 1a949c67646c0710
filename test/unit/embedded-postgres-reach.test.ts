// Whether the postgres user can reach a folder (platform/embedded-postgres.ts blockedAt): on real
// folders, and — as root, who can act as another user — against the kernel's own answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedAt, placeFor, type Ids } from '../../platform/embedded-postgres.js';

const asRoot = process.getuid?.() === 0;
// A user and group nobody has: as the package's spawn does, only uid and primary gid count.
const ids: Ids = { uid: 54_321, gid: 54_322 };

/** The kernel's answer: can a process of `ids` cd into `dir`? (root only; else undefined) */
function kernelSays(dir: string): boolean | undefined {
  if (!asRoot) return undefined;
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { ...ids, stdio: 'ignore' }).status === 0;
}

describe('blockedAt', () => {
  let top: string;
  beforeAll(() => {
    top = mkdtempSync(join(tmpdir(), 'telecom-reach-'));
    chmodSync(top, 0o755);
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  /** top/<name>/inner, with <name> given mode and owner; inner 0755. */
  function chain(name: string, mode: number, owner?: { uid: number; gid: number }) {
    const dir = join(top, name);
    mkdirSync(join(dir, 'inner'), { recursive: true });
    if (owner && asRoot) chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, mode);
    return { dir, inner: join(dir, 'inner') };
  }

  const cases: Array<[string, number, ((root: { uid: number; gid: number }) => { uid: number; gid: number }) | undefined, boolean]> = [
    ['private to its owner (0700, mkdtemp, /root)', 0o700, undefined, false],
    ['others may search (0711)', 0o711, undefined, true],
    ['group may search, and it is the group (0710)', 0o710, (r) => ({ uid: r.uid, gid: ids.gid }), true],
    ['group may search, another group (0710)', 0o710, undefined, false],
    ['the owner without x, others with it (0607): the owner class decides', 0o607, () => ({ uid: ids.uid, gid: 0 }), false],
    ['owned and searchable by the user (0700)', 0o700, () => ({ uid: ids.uid, gid: 0 }), true],
  ];
  it.each(cases)('%s', (name, mode, owner, reachable) => {
    if (owner && !asRoot) return; // only root can give a folder away
    const { dir, inner } = chain(name.replace(/\W+/g, '-'), mode, owner?.({ uid: 0, gid: 0 }));
    expect(blockedAt(inner, ids)).toBe(reachable ? undefined : dir);
    const kernel = kernelSays(inner);
    if (kernel !== undefined) expect(kernel).toBe(reachable);
  });

  it('judges a link by where it leads', () => {
    const { dir, inner } = chain('closed-behind-a-link', 0o700);
    const link = join(top, 'link-to-inner');
    symlinkSync(inner, link);
    expect(blockedAt(link, ids)).toBe(dir);
  });
});

describe('placeFor', () => {
  it('gives each data directory its own folder of /var/lib/telecom-orch, named after the clone', () => {
    const a = placeFor('/root/work/main/.data');
    expect(a).toMatch(/^\/var\/lib\/telecom-orch\/main-[0-9a-f]{12}$/);
    expect(placeFor('/root/work/main/.data/')).toBe(a);
    expect(placeFor('/root/other/main/.data')).not.toBe(a);
  });
});
