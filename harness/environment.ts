// The shared environment of a test run (or a recording), as a process of its own (Jest loads its global setup as
// CommonJS, which cannot import MikroORM 7 or embedded tools): a real Temporal dev server (the
// CLI, in memory), a fresh PostgreSQL database with migrations and reference data, and the
// workflow bundle built once. It prints one JSON line with the addresses, then waits; SIGTERM
// stops the server and drops the database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../platform/net.js';
import { startDevServer } from '../platform/temporal-dev-server.js';
import { createOrm, migrate } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { bundleWorkflows } from '../workers/worker.js';
import { TEST_SEED } from './seed.js';

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `telecom_test_${process.pid}_${Date.now()}`;
const admin = new pg.Client(adminUrl);
await admin.connect().catch((err: Error) => {
  process.stderr.write(`tests need PostgreSQL at ${adminUrl} (set TEST_DATABASE_ADMIN_URL): ${err.message}\n`);
  process.exit(1);
});
await admin.query(`create database ${dbName}`);
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

const dropDatabase = async () => {
  const c = new pg.Client(adminUrl);
  await c.connect();
  await c.query(`drop database if exists ${dbName} with (force)`);
  await c.end();
};

let server: { address: string; stop(): Promise<void> } | undefined;
// The bundle's folder goes with the run (it was left in /tmp before).
const bundleDir = mkdtempSync(join(tmpdir(), 'telecom-bundle-'));
const stop = async () => {
  await server?.stop().catch(() => {});
  rmSync(bundleDir, { recursive: true, force: true });
  await dropDatabase().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// If Jest dies without teardown, don't outlive it.
process.stdin.on('end', () => void stop());
process.stdin.resume();

try {
  const orm = await createOrm(databaseUrl);
  await migrate(orm);
  await seedReferenceData(orm.em.fork(), { customers: TEST_SEED.customers, seed: TEST_SEED.seed });
  await orm.close();

  const [srv, bundle] = await Promise.all([
    process.env.TEST_TEMPORAL_ADDRESS
      ? Promise.resolve({ address: process.env.TEST_TEMPORAL_ADDRESS, stop: async () => {} })
      : freePort().then((port) => startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, port, namespace: 'default' })),
    bundleWorkflows(),
  ]);
  server = srv;
  const bundlePath = join(bundleDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle);
  process.stdout.write(
    `TEST_ENVIRONMENT ${JSON.stringify({ TEST_DATABASE_URL: databaseUrl, TEST_TEMPORAL_ADDRESS: srv.address, TEST_WORKFLOW_BUNDLE: bundlePath })}\n`,
  );
} catch (err) {
  process.stderr.write(`test environment failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  await stop();
}
