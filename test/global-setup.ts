// Once per `npm test` run: a real Temporal dev server (the CLI, in memory), a fresh PostgreSQL
// database with migrations and reference data, and the workflow bundle built once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer } from '../platform/temporal-dev-server.js';
import { createOrm, migrate } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { workflowsPath } from '../workers/worker.js';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export default async function globalSetup() {
  const started = Date.now();
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `telecom_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect().catch((err) => {
    throw new Error(`tests need PostgreSQL at ${adminUrl} (set TEST_DATABASE_ADMIN_URL): ${err.message}`);
  });
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.TEST_DATABASE_URL = url.toString();

  const orm = await createOrm(process.env.TEST_DATABASE_URL);
  await migrate(orm);
  await seedReferenceData(orm.em.fork(), { onlyIfEmpty: true, customers: 200 });
  await orm.close();

  const [server, bundle] = await Promise.all([
    process.env.TEST_TEMPORAL_ADDRESS
      ? Promise.resolve({ address: process.env.TEST_TEMPORAL_ADDRESS, stop: async () => {} })
      : freePort().then((port) => startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, port, namespace: 'default' })),
    bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error } }),
  ]);
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  const bundleDir = mkdtempSync(join(tmpdir(), 'telecom-bundle-'));
  const bundlePath = join(bundleDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;

  (globalThis as Record<string, unknown>).__telecomTest = { server, adminUrl, dbName };
  process.stderr.write(`\n[test setup] Temporal ${server.address}, database ${dbName}, bundle ready in ${Date.now() - started} ms\n`);
}
