// The production shape's smoke test (issue 16): a Temporal cluster on this machine's PostgreSQL — its
// own databases with the server module's schemas, the four services as separate processes, the Web
// UI — brought up as `npm run cluster` does (platform/temporal-cluster.ts), then one order and one
// work order end to end through the API and a worker on it, then stopped in order.
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createLogger } from '../../platform/logger.js';
import { startTemporalCluster, type ClusterBinaries, type TemporalCluster } from '../../platform/temporal-cluster.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, freshMobile, orderBody, placeOrder, settledOrder, takeWorkOrder } from '../../harness/fixtures.js';

const admin = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const suffix = `${process.pid}_${Date.now() % 100_000}`;
const databases = { temporal: `temporal_smoke_${suffix}`, visibility: `temporal_smoke_vis_${suffix}` };
let cluster: TemporalCluster | undefined;
let sys: TestSystem;

beforeAll(async () => {
  const binaries = JSON.parse(process.env.TEMPORAL_CLUSTER_BINARIES ?? 'null') as ClusterBinaries | null;
  if (!binaries) throw new Error('run through `npm test` (scripts/bootstrap.mjs obtains the Temporal server for this test)');
  cluster = await startTemporalCluster({
    binaries,
    cliPath: process.env.TEMPORAL_CLI_PATH!,
    postgres: {
      host: admin.hostname,
      port: Number(admin.port || 5432),
      user: decodeURIComponent(admin.username) || 'postgres',
      password: decodeURIComponent(admin.password),
    },
    databases,
    dir: join(tmpdir(), `temporal-cluster-${suffix}`),
    // Ports of their own, away from the dev servers' and other runs'.
    basePort: 21_000 + randomInt(0, 150) * 50,
    uiPort: 21_000 + randomInt(0, 150) * 50 + 30,
    historyShards: 2,
    namespace: 'default',
    retention: '24h',
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'cluster-test'),
  });
  sys = await startTestSystem({ TEMPORAL_ADDRESS: cluster.address, SLA_TIME_SCALE: String(1 / 60) });
}, 240_000);

afterAll(async () => {
  await sys?.stop();
  await cluster?.stop();
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  for (const db of Object.values(databases)) await client.query(`drop database if exists "${db}" with (force)`);
  await client.end();
}, 60_000);

describe('the Temporal cluster on PostgreSQL', () => {
  it('runs each service as its own process, with the Web UI, the namespace and the search attributes', async () => {
    for (const service of ['frontend', 'history', 'matching', 'worker', 'ui'] as const) {
      const child = cluster!.processes.get(service);
      expect({ service, running: child?.exitCode === null && child.signalCode === null }).toEqual({ service, running: true });
    }
    const ui = await eventually(async () => (await fetch(cluster!.uiUrl!).catch(() => undefined))?.status, 'the Web UI', 30_000);
    expect(ui).toBe(200);
    const info = await sys.client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(info.customAttributes ?? {})).toEqual(expect.arrayContaining(['OrderId', 'LocalNetwork']));
  });

  it('fulfils an order end to end', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 11);
    const placed = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    );
    expect(placed.status).toBe(201);
    expect((await settledOrder(sys, placed.body.id)).state).toBe('completed');
  }, 60_000);

  it('closes a work order’s loop end to end', async () => {
    const centre = sys.token({ roles: ['call-centre'], sub: 'cluster-agent', localNetworks: '*' });
    const customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'", 12);
    const taken = await takeWorkOrder(sys, centre, customer, {});
    expect(taken.status).toBe(201);
    const { id, assignments } = taken.body as { id: string; assignments: Array<{ department: string }> };
    const department = assignments[0]!.department;
    const staff = sys.token({ roles: ['department'], sub: `cluster-${department}`, department, localNetworks: [] });
    const act = async (token: string, event: Record<string, unknown>) => {
      const res = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
      expect({ event: event.type, status: res.status }).toEqual({ event: event.type, status: 200 });
      return res.body as { state: string; phase: string };
    };
    await act(staff, { type: 'accept' });
    await act(staff, { type: 'receipt', result: 'resolved', resolutionCode: 'FIXED' });
    await act(centre, { type: 'approve' });
    await eventually(
      async () =>
        (await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre}`)).body.phase === 'customerNotified' ? true : undefined,
      'the customer told',
    );
    expect((await act(centre, { type: 'recordSatisfaction', satisfied: true, score: 5 })).state).toBe('closed');
  }, 60_000);
});
