// What the fault drills share: a whole system in processes of their own (the benchmark's children:
// Temporal dev server, simulators, worker, API), an order load whose client retries as a real one
// would (same Idempotency-Key), and the checks every load drill ends with. On the cluster's shape
// (`npm run drill -- --cluster`, DRILL_TEMPORAL=cluster) Temporal is a cluster on PostgreSQL whose
// services are processes of the drill's own (platform/temporal-cluster.ts), with two workers.
import { randomInt } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import { signToken } from '../../api/auth.js';
import { createOrm, migrate } from '../../db/orm.js';
import { seedReferenceData } from '../../db/seed.js';
import type { Role } from '../../domain/access.js';
import { FINAL_ORDER_STATES } from '../../domain/order.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { connectClient } from '../../platform/temporal.js';
import { startTemporalCluster, type ClusterBinaries, type TemporalCluster } from '../../platform/temporal-cluster.js';
import { createLogger } from '../../platform/logger.js';
import { placeFor, startEmbeddedPostgres, type RunningPostgres } from '../../platform/embedded-postgres.js';
import { simulatorControls, type BillingViews, type InventoryViews, type NetworkViews, type SimulatorRecords } from '../../simulators/control.js';
import { OrderStateKey } from '../../contracts/search-attributes.js';
import { workflowsPath } from '../../workers/worker.js';
import { childEnvironment, createDatabase, dropDatabase, freePort, httpRequest, openLoop, startChild, type BenchChild } from '../bench/infra.js';
import { loadCustomers, orderBodies } from '../bench/orders.js';
import { orderIdOfWorkflowId, orderWorkflowId } from '../../contracts/order-fulfilment.js';

export const env = process.env;
export const num = (name: string, dflt: number) => {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a number ≥ 0, got "${v}"`);
  return n;
};
export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
/** `npm run drill -- --cluster`: the production shape (a Temporal cluster on PostgreSQL, two workers) instead of the dev server. */
export const onCluster = () => env.DRILL_TEMPORAL === 'cluster';
/** Whether a child process is still running. */
export const alive = (c?: { process: { exitCode: number | null; signalCode: NodeJS.Signals | null } }) =>
  c !== undefined && c.process.exitCode === null && c.process.signalCode === null;

/** What a drill is given: where to log, when its time is up, and a place to register its cleanups. */
export interface DrillContext {
  name: string;
  logDir: string;
  /** Epoch ms: the drill's hard bound. */
  deadline: number;
  log(s: string): void;
  /** Run (in reverse order) when the drill ends, passed, failed or timed out. */
  onCleanup(f: () => Promise<void>): void;
  /** True once the runner gave up on the drill (time bound): loops should stop. */
  aborted(): boolean;
  /** The load drills' order count and rate as sized for this machine (scripts/drill/sizing.ts); else loadSize(). */
  load?: { count: number; rate: number };
  /** The share of the orders whose first item needs a field installation (bench/orders.ts; default none). */
  installShare?: number;
}

export interface DrillResult {
  pass: boolean;
  counts: Record<string, number | string>;
  /** Why it failed (each violated check). */
  failures: string[];
  notes?: string[];
  details?: Record<string, unknown>;
}

const FINAL = new Set<string>(FINAL_ORDER_STATES);

// ---- the system -----------------------------------------------------------------------------------

let bundle: Promise<string> | undefined;
/** The workflow bundle, built once per drill run and shared by every worker started. */
function workflowBundle(dir: string): Promise<string> {
  bundle ??= (async () => {
    const quiet = () => {};
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet } });
    const path = join(dir, 'workflow-bundle.js');
    writeFileSync(path, code);
    return path;
  })();
  return bundle;
}

export interface DrillSystem {
  config: Config;
  childEnv: NodeJS.ProcessEnv;
  /** The read model, through a pool (it survives a database restart). */
  db: pg.Pool;
  client: Client;
  temporal?: BenchChild;
  /** On the cluster's shape: its services, each a process of the drill's own (a drill kills one). */
  cluster?: TemporalCluster;
  temporalPort: number;
  sims: BenchChild;
  api: BenchChild;
  /** The first worker (workers[0]). */
  worker?: BenchChild;
  /** The worker processes by slot: one on the dev server, two on the cluster's shape. */
  workers: Array<BenchChild | undefined>;
  /** Every worker log file so far (the rolling upgrade looks for non-determinism errors in them). */
  workerLogs: Set<string>;
  apiPort: number;
  urls: { billing: string; inventory: string; network: string; notification: string };
  token(roles: Role[], sub?: string): string;
  /** Starts the worker of `slot` (0), with `extraEnv` (another workflow bundle: BENCH_WORKFLOW_BUNDLE). */
  startWorker(slot?: number, extraEnv?: NodeJS.ProcessEnv): Promise<BenchChild>;
  /** kill -9 the worker of `slot` (0). */
  killWorker(slot?: number): void;
  /** Stops the worker of `slot` as a deployment does (SIGTERM-like: it finishes what it runs, then exits). */
  stopWorker(slot: number): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
}

export interface SystemOptions {
  /** A database URL to use as it is (the embedded PostgreSQL); else a fresh database on the admin server. */
  databaseUrl?: string;
  /** Keep Temporal's state in a SQLite file, so a restarted dev server finds its workflows again. */
  temporalDb?: string;
  worker?: boolean;
}

/** A PostgreSQL of the drill's own: stopped and started by a drill, removed (data and all) when it ends. */
export interface PrivatePostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * An embedded PostgreSQL (platform/embedded-postgres.ts, as `npm start` uses) on a free port, never the
 * machine's shared server: the one db-restart stops, and on the cluster's shape the one every drill
 * keeps Temporal's state and the read model in (the cluster's services alone take tens of connections,
 * more than a shared server can spare), with `maxConnections` (it is restarted once to take them).
 */
export async function startPrivatePostgres(ctx: DrillContext, maxConnections?: number): Promise<PrivatePostgres> {
  const dataDir = join(ctx.logDir, `${ctx.name}-pg`);
  const port = await freePort();
  const log = createLogger('warn', 'drill-pg');
  let running: RunningPostgres | undefined = await startEmbeddedPostgres(dataDir, port, log);
  ctx.onCleanup(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // As root the data lives where the postgres user can reach it (platform/embedded-postgres.ts).
    if (existsSync(placeFor(dataDir))) rmSync(placeFor(dataDir), { recursive: true, force: true });
  });
  const handle: PrivatePostgres = {
    url: running.url,
    port,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      running = await startEmbeddedPostgres(dataDir, port, log);
    },
  };
  if (maxConnections) {
    const c = new pg.Client(running.url);
    await c.connect();
    await c.query(`alter system set max_connections = ${Math.floor(maxConnections)}`);
    await c.end();
    await handle.stop();
    await handle.start();
  }
  ctx.log(`  embedded PostgreSQL of its own on port ${port}`);
  return handle;
}

export const adminUrl = () => env.DRILL_ADMIN_DATABASE_URL || env.BENCH_ADMIN_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startSystem(ctx: DrillContext, opts: SystemOptions = {}): Promise<DrillSystem> {
  const cliPath = env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run through `npm run drill` (it provides the Temporal CLI)');
  const logFile = (role: string) => join(ctx.logDir, `${ctx.name}-${role}.log`);
  const track = <T extends BenchChild>(c: T) => (ctx.onCleanup(() => c.stop()), c);

  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl && onCluster()) databaseUrl = (await startPrivatePostgres(ctx, CLUSTER_PG_CONNECTIONS)).url;
  if (!databaseUrl) {
    const name = `telecom_drill_${process.pid}_${ctx.name.replace(/\W/g, '_')}`;
    databaseUrl = await createDatabase(adminUrl(), name);
    ctx.onCleanup(() => dropDatabase(adminUrl(), name));
  }
  const baseEnv: NodeJS.ProcessEnv = { PATH: env.PATH, HOME: env.HOME, LOG_LEVEL: env.DRILL_LOG_LEVEL || 'info' };
  const cluster = onCluster();
  if (cluster && opts.temporalDb) throw new Error(`${ctx.name} restarts the dev server: not a drill of the cluster's shape`);
  const temporalPort = cluster ? 0 : await freePort();
  const temporalEnv = {
    ...baseEnv,
    TEMPORAL_CLI_PATH: cliPath,
    BENCH_TEMPORAL_PORT: String(temporalPort),
    ...(opts.temporalDb ? { BENCH_TEMPORAL_DB: opts.temporalDb } : {}),
  };
  // The cluster keeps its state on the same PostgreSQL server as the read model (the drill's own
  // embedded one), in databases of its own.
  const [temporal, bundlePath] = await Promise.all([
    cluster
      ? startDrillCluster(ctx, databaseUrl, cliPath).then((c) => ({ cluster: c, address: c.address }))
      : startChild('temporal', temporalEnv, logFile('temporal')).then((c) => ({ child: c, address: c.ready.address as string })),
    workflowBundle(ctx.logDir),
    (async () => {
      const orm = await createOrm(databaseUrl, 4);
      try {
        await migrate(orm);
        await seedReferenceData(orm.em.fork(), {});
      } finally {
        await orm.close();
      }
    })(),
  ]);
  const sys = {
    ...('child' in temporal ? { temporal: track(temporal.child) } : { cluster: temporal.cluster }),
    workers: [],
    workerLogs: new Set<string>(),
  } as unknown as DrillSystem;
  const childEnv = childEnvironment({
    base: baseEnv,
    databaseUrl,
    temporalAddress: temporal.address,
    queuePrefix: 'drill',
    simLatencyMs: num('DRILL_SIM_LATENCY_MS', 2),
    bundlePath,
  });
  const sims = track(await startChild('sims', childEnv, logFile('sims')));
  const urls = sims.ready.urls as DrillSystem['urls'];
  Object.assign(childEnv, { BILLING_URL: urls.billing, INVENTORY_URL: urls.inventory, NETWORK_URL: urls.network, NOTIFICATION_URL: urls.notification });
  const api = track(await startChild('api', childEnv, logFile('api')));
  const config = loadConfig(childEnv);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  db.on('error', () => {}); // an idle client lost in a database restart: the pool replaces it
  ctx.onCleanup(() => db.end());
  const client = await connectClient(config);
  ctx.onCleanup(() => client.connection.close());

  Object.assign(sys, {
    config,
    childEnv,
    db,
    client,
    temporalPort: cluster ? Number(temporal.address.split(':').pop()) : temporalPort,
    sims,
    api,
    apiPort: api.ready.port as number,
    urls,
    token: (roles: Role[], sub = `drill-${roles.join('-')}`) => signToken({ sub, roles, localNetworks: '*' }, config.jwtSecret, config.AUTH_JWT_ISSUER),
    async startWorker(slot = 0, extraEnv: NodeJS.ProcessEnv = {}) {
      const file = logFile(cluster ? `worker-${slot + 1}` : 'worker');
      sys.workerLogs.add(file);
      const w = track(await startChild('worker', { ...childEnv, ...extraEnv }, file));
      sys.workers[slot] = w;
      sys.worker = sys.workers[0];
      return w;
    },
    killWorker(slot = 0) {
      sys.workers[slot]?.process.kill('SIGKILL');
      sys.workers[slot] = undefined;
      sys.worker = sys.workers[0];
    },
    async stopWorker(slot: number) {
      const w = sys.workers[slot];
      sys.workers[slot] = undefined;
      sys.worker = sys.workers[0];
      await w?.stop();
    },
    async stopTemporal() {
      await sys.temporal?.stop();
      sys.temporal = undefined;
    },
    async startTemporal() {
      sys.temporal = track(await startChild('temporal', temporalEnv, logFile('temporal')));
    },
  } satisfies Partial<DrillSystem>);
  if (opts.worker !== false) await Promise.all(Array.from({ length: cluster ? 2 : 1 }, (_, slot) => sys.startWorker(slot)));
  return sys;
}

/**
 * The production shape's Temporal: a cluster on the PostgreSQL server of `serverUrl`, in two databases
 * of this drill's own (dropped after), its services processes of this one (so a drill can kill one),
 * their logs in <logDir>/<drill>-cluster/logs.
 */
async function startDrillCluster(ctx: DrillContext, serverUrl: string, cliPath: string): Promise<TemporalCluster> {
  const binaries = JSON.parse(env.TEMPORAL_CLUSTER_BINARIES ?? 'null') as ClusterBinaries | null;
  if (!binaries) throw new Error('TEMPORAL_CLUSTER_BINARIES is not set: run through `npm run drill -- --cluster` (it builds the Temporal server)');
  const server = new URL(serverUrl);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const tag = `${process.pid}_${ctx.name.replace(/\W/g, '_')}`;
  const databases = { temporal: `drill_temporal_${tag}`, visibility: `drill_temporal_vis_${tag}` };
  ctx.onCleanup(async () => {
    for (const name of Object.values(databases)) await dropDatabase(admin.toString(), name);
  });
  // The services' connection pools (the server's template reads these; 20 + 10 each by default):
  // bounded, so four services and the read model's pools stay within the private server's connections.
  for (const [k, v] of Object.entries({ SQL_MAX_CONNS: '10', SQL_MAX_IDLE_CONNS: '10', SQL_VIS_MAX_CONNS: '4', SQL_VIS_MAX_IDLE_CONNS: '4' })) env[k] ??= v;
  const cluster = await startTemporalCluster({
    binaries,
    cliPath,
    postgres: {
      host: server.hostname,
      port: Number(server.port || 5432),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    },
    databases,
    dir: join(ctx.logDir, `${ctx.name}-cluster`),
    basePort: await freeClusterBase(),
    historyShards: num('DRILL_CLUSTER_SHARDS', 4),
    namespace: 'default',
    retention: '24h',
    log: createLogger('warn', 'drill-cluster'),
  });
  ctx.onCleanup(() => cluster.stop());
  ctx.log(`  Temporal cluster on ${cluster.address} (state in ${databases.temporal} on ${server.host})`);
  return cluster;
}

/** The private PostgreSQL's connections on the cluster's shape: four services' pools, the read model's, spare. */
export const CLUSTER_PG_CONNECTIONS = 300;

/** The cluster's ports are offsets 0–20 from its base (platform/temporal-cluster.ts). */
const CLUSTER_PORT_OFFSETS = [0, 1, 2, 6, 10, 11, 12, 16, 20];

/**
 * A base port whose cluster ports are all free: 30,000–32,720, away from the benchmark's (20,000–29,970)
 * and the cluster test's (21,000–28,520), and below 32,748 (membership ports are a smallint in the schema).
 */
async function freeClusterBase(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((done) => {
      const s = createServer();
      s.once('error', () => done(false));
      s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 30_000 + randomInt(0, 55) * 50;
    let ok = true;
    for (const o of CLUSTER_PORT_OFFSETS) if (!(ok = await free(base + o))) break;
    if (ok) return base;
  }
  throw new Error('no free ports for a Temporal cluster between 30,000 and 32,720');
}

// ---- the load -------------------------------------------------------------------------------------

export interface LoadResult {
  requests: number;
  /** Distinct orders the API accepted (201, or 200 for a retried request whose first try created it). */
  orderIds: string[];
  /** Statuses of every HTTP answer, retries included ('network' = no answer). */
  statuses: Record<string, number>;
  /** Requests given up on (a refusal, or no success before the deadline). */
  failed: number;
  failedSamples: string[];
  retries: number;
  /** 5xx answers that were not application/problem+json. */
  nonProblem5xx: number;
  durationMs: number;
}

/** Valid order bodies for seeded customers (the benchmark's generator). */
export async function bodiesFor(sys: DrillSystem, count: number, seed: number, installShare = 0) {
  const client = await sys.db.connect();
  try {
    const customers = await loadCustomers(client as unknown as pg.Client);
    return orderBodies(customers, count, seed, { installShare });
  } finally {
    client.release();
  }
}

/**
 * POST /productOrder `bodies.length` times at `ratePerSec` (open loop). Each request is retried, with the
 * same Idempotency-Key, on a 5xx, a 429 or no answer, as a client should, until it succeeds or the deadline.
 */
export async function runLoad(
  sys: DrillSystem,
  opts: { bodies: Array<Record<string, unknown>>; ratePerSec: number; prefix: string; token: string; deadline: number; onAnswer?: (status: number) => void },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const ids = new Set<string>();
  const statuses: Record<string, number> = {};
  const failedSamples: string[] = [];
  let failed = 0;
  let retries = 0;
  let nonProblem5xx = 0;
  const started = Date.now();
  await openLoop(opts.bodies.length, opts.ratePerSec, async (i) => {
    const body = JSON.stringify(opts.bodies[i]);
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let text: string;
      try {
        const res = await httpRequest(
          agent,
          sys.apiPort,
          'POST',
          '/productOrder',
          { authorization: `Bearer ${opts.token}`, 'idempotency-key': `${opts.prefix}-${i}` },
          body,
          20_000,
        );
        status = res.status;
        text = res.body;
        if (status >= 500 && !String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) nonProblem5xx++;
      } catch (err) {
        text = err instanceof Error ? err.message : String(err);
      }
      const k = status === 0 ? 'network' : String(status);
      statuses[k] = (statuses[k] ?? 0) + 1;
      opts.onAnswer?.(status);
      if (status === 200 || status === 201) {
        ids.add(String((JSON.parse(text) as { id: string }).id));
        return status;
      }
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || Date.now() + 2000 > opts.deadline) {
        failed++;
        if (failedSamples.length < 10) failedSamples.push(`#${i} ${k}: ${text.slice(0, 300)}`);
        return status;
      }
      retries++;
      await sleep(Math.min(5000, 500 * 2 ** Math.min(attempt, 4)));
    }
  });
  agent.destroy();
  return { requests: opts.bodies.length, orderIds: [...ids], statuses, failed, failedSamples, retries, nonProblem5xx, durationMs: Date.now() - started };
}

// ---- the checks -------------------------------------------------------------------------------------

export interface OrderCheck {
  accepted: number;
  rows: number;
  final: number;
  states: Record<string, number>;
  /** Accepted orders with no row in the read model. */
  lost: number;
  /** Rows of this load's principal that no accepted request returned (an order the client never heard of). */
  unexpected: number;
  workflows: number;
  missingWorkflows: number;
  /** Orders whose workflow has finished with a state (search attribute OrderState) other than the read model's. */
  stateMismatches: number;
  mismatchSamples: string[];
  allFinalAfterMs: number | null;
}

/** Waits (until the deadline) for every accepted order to be final in the read model with its workflow closed, then compares. */
export async function checkOrders(sys: DrillSystem, ctx: DrillContext, load: LoadResult, createdBy: string): Promise<OrderCheck> {
  const since = Date.now();
  let allFinalAfterMs: number | null = null;
  let rows: Array<{ id: string; state: string; items: Array<{ itemId: string; state: string }> }> = [];
  for (;;) {
    try {
      rows = (await sys.db.query('select id, state, items from product_order where created_by = $1', [createdBy])).rows;
    } catch (err) {
      ctx.log(`  read model not answering: ${String(err)}`);
    }
    const final = rows.filter((r) => FINAL.has(r.state)).length;
    if (rows.length >= load.orderIds.length && final === rows.length && (await openOrderWorkflows(sys)) === 0) {
      allFinalAfterMs = Date.now() - since;
      break;
    }
    if (Date.now() > ctx.deadline - 15_000 || ctx.aborted()) {
      ctx.log(`  giving up waiting: ${final}/${rows.length} final of ${load.orderIds.length} accepted`);
      break;
    }
    await sleep(1000);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const accepted = new Set(load.orderIds);
  const states: Record<string, number> = {};
  for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
  const wfs = await listOrderWorkflows(sys);
  let missingWorkflows = 0;
  let stateMismatches = 0;
  const mismatchSamples: string[] = [];
  for (const r of rows) {
    const wf = wfs.get(orderWorkflowId(r.id));
    if (!wf) {
      missingWorkflows++;
      continue;
    }
    if (wf.status !== 'RUNNING' && wf.state !== r.state) {
      stateMismatches++;
      if (mismatchSamples.length < 5) mismatchSamples.push(`${r.id}: read model ${r.state}, workflow ${wf.status} ${wf.state}`);
    }
  }
  return {
    accepted: accepted.size,
    rows: rows.length,
    final: rows.filter((r) => FINAL.has(r.state)).length,
    states,
    lost: [...accepted].filter((id) => !byId.has(id)).length,
    unexpected: rows.filter((r) => !accepted.has(r.id)).length,
    workflows: [...wfs.keys()].length,
    missingWorkflows,
    stateMismatches,
    mismatchSamples,
    allFinalAfterMs,
  };
}

async function openOrderWorkflows(sys: DrillSystem): Promise<number> {
  try {
    const { count } = await sys.client.workflow.count(`WorkflowType = 'orderFulfilment' AND ExecutionStatus = 'Running'`);
    return count;
  } catch {
    return -1;
  }
}

/** Every order workflow in the (drill's own) namespace: status and the OrderState search attribute. */
export async function listOrderWorkflows(sys: DrillSystem): Promise<Map<string, { status: string; state?: string }>> {
  const out = new Map<string, { status: string; state?: string }>();
  for await (const wf of sys.client.workflow.list({ pageSize: 1000 })) {
    if (orderIdOfWorkflowId(wf.workflowId) === undefined) continue;
    out.set(wf.workflowId, { status: wf.status.name, state: wf.typedSearchAttributes.get(OrderStateKey) });
  }
  return out;
}

export interface EffectCheck {
  billingDuplicateActivations: number;
  networkDuplicateActivations: number;
  activeReservations: number;
  /** Held for an item that is final and not completed (or an order that is not ours): must be 0. */
  leakedReservations: number;
  leakSamples: string[];
  activeSubscriptions: number;
  activeServices: number;
}

/** What the simulators saw: duplicate activations and reservations still held for undelivered items. */
export async function checkEffects(sys: DrillSystem): Promise<EffectCheck> {
  const c = simulatorControls(sys.urls);
  const [billing, inventory, network] = (await Promise.all([
    c.billing.records({ effects: 0 }),
    c.inventory.records({ effects: 0 }),
    c.network.records({ effects: 0 }),
  ])) as [SimulatorRecords<BillingViews>, SimulatorRecords<InventoryViews>, SimulatorRecords<NetworkViews>];
  const { rows } = await sys.db.query<{ id: string; state: string; items: Array<{ itemId: string; state: string }> }>(
    'select id, state, items from product_order',
  );
  const orders = new Map(rows.map((r) => [r.id, r]));
  let leaked = 0;
  const leakSamples: string[] = [];
  for (const [rid, r] of Object.entries(inventory.views.reservations ?? {})) {
    const o = orders.get(r.orderId);
    const item = o?.items?.find((i) => i.itemId === r.itemId);
    const held = o && FINAL.has(o.state) && item?.state === 'completed';
    const stillRunning = o && !FINAL.has(o.state);
    if (held || stillRunning) continue;
    leaked++;
    if (leakSamples.length < 5)
      leakSamples.push(`${rid} ${r.kind} ${r.value} for ${r.orderId}/${r.itemId}: order ${o?.state ?? 'unknown'}, item ${item?.state ?? 'unknown'}`);
  }
  return {
    billingDuplicateActivations: billing.views.duplicateActivations,
    networkDuplicateActivations: network.views.duplicateActivations,
    activeReservations: inventory.views.activeReservations,
    leakedReservations: leaked,
    leakSamples,
    activeSubscriptions: billing.views.activeSubscriptions,
    activeServices: network.views.activeServices,
  };
}

/** The verdict of a load drill from its load, orders and effects (plus any drill-specific failures). */
export function loadVerdict(
  load: LoadResult,
  orders: OrderCheck,
  effects: EffectCheck,
  extra: { counts?: Record<string, number | string>; failures?: string[] } = {},
): DrillResult {
  const failures = [...(extra.failures ?? [])];
  if (load.failed) failures.push(`${load.failed} of ${load.requests} requests never succeeded (${load.failedSamples.slice(0, 3).join(' | ')})`);
  if (orders.final < orders.rows) failures.push(`${orders.rows - orders.final} orders not final within the bound`);
  if (orders.lost) failures.push(`${orders.lost} accepted orders missing from the read model`);
  if (orders.unexpected) failures.push(`${orders.unexpected} orders in the read model no request was told of`);
  if (orders.missingWorkflows) failures.push(`${orders.missingWorkflows} orders without a workflow`);
  if (orders.stateMismatches)
    failures.push(`${orders.stateMismatches} orders whose read-model state differs from their workflow's (${orders.mismatchSamples.join('; ')})`);
  if (effects.billingDuplicateActivations) failures.push(`${effects.billingDuplicateActivations} duplicate billing activations`);
  if (effects.networkDuplicateActivations) failures.push(`${effects.networkDuplicateActivations} duplicate network activations`);
  if (effects.leakedReservations) failures.push(`${effects.leakedReservations} leaked reservations (${effects.leakSamples.join('; ')})`);
  if (load.nonProblem5xx) failures.push(`${load.nonProblem5xx} 5xx answers that were not problem+json`);
  const statesLine = Object.entries(orders.states)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(' ');
  return {
    pass: failures.length === 0,
    failures,
    counts: {
      requests: load.requests,
      accepted: orders.accepted,
      final: orders.final,
      states: statesLine,
      lost: orders.lost,
      workflows: orders.workflows,
      missingWorkflows: orders.missingWorkflows,
      stateMismatches: orders.stateMismatches,
      retries: load.retries,
      answers: Object.entries(load.statuses)
        .map(([k, v]) => `${k}×${v}`)
        .join(' '),
      dupBilling: effects.billingDuplicateActivations,
      dupNetwork: effects.networkDuplicateActivations,
      leakedReservations: effects.leakedReservations,
      heldReservations: effects.activeReservations,
      allFinalAfterS: orders.allFinalAfterMs === null ? 'never' : Math.round(orders.allFinalAfterMs / 100) / 10,
      ...extra.counts,
    },
    details: { load, orders, effects },
  };
}

/**
 * When a drill's fault strikes, ms into the load: `name` if given, else 8 s or half the load's length
 * if shorter, so a small load (DRILL_ORDERS) still takes the fault while orders are being placed.
 */
export function faultAtMs(ctx: DrillContext, name: string): number {
  const { count, rate } = ctx.load ?? loadSize();
  return num(name, Math.min(8000, Math.round((count / rate) * 500)));
}

/** The order count and rate of the load drills. */
export const loadSize = () => ({ count: num('DRILL_ORDERS', 1000), rate: num('DRILL_RATE', 40) });

/**
 * The shape of the load drills: a system, a load of DRILL_ORDERS at DRILL_RATE/s with `fault` run
 * alongside it (given when the load started), then the checks.
 */
export async function loadDrill(
  ctx: DrillContext,
  sysOpts: SystemOptions,
  fault: (sys: DrillSystem, load: Promise<LoadResult>) => Promise<DrillFindings>,
  setup?: (sys: DrillSystem) => Promise<void>,
  /** Checks of the drill's own once every order is final (the rolling upgrade replays the histories). */
  after?: (sys: DrillSystem, orders: OrderCheck) => Promise<DrillFindings>,
): Promise<DrillResult> {
  const { count, rate } = ctx.load ?? loadSize();
  const sys = await startSystem(ctx, sysOpts);
  // Some items fail (the network refuses an offering), so compensations (releases, deactivations) run
  // under the fault too and the leak check has something to check.
  const failOfferings = (env.DRILL_FAIL_OFFERINGS ?? 'gsm-prepaid-szx').split(',').filter(Boolean);
  if (failOfferings.length) await simulatorControls(sys.urls).network.control({ failOfferings });
  await setup?.(sys);
  const sub = `drill-${ctx.name}`;
  let bodies = await bodiesFor(sys, count, 42, ctx.installShare);
  if (ctx.installShare) {
    // An installation's charges may pass an ordinary customer's credit limit: the load places only what
    // order entry accepts, asked first with the same judgement (POST /quote changes nothing).
    const token = sys.token(['order-entry'], sub);
    const agent = new http.Agent({ keepAlive: true });
    const quoted = await Promise.all(
      bodies.map((b) => httpRequest(agent, sys.apiPort, 'POST', '/quote', { authorization: `Bearer ${token}` }, JSON.stringify(b), 20_000)),
    );
    agent.destroy();
    const refused = quoted.filter((q) => q.status !== 200);
    const creditOnly = (q: { status: number; body: string }) =>
      q.status === 400 && (JSON.parse(q.body) as { errors?: Array<{ code?: string }> }).errors?.every((e) => e.code === 'CREDIT_LIMIT_EXCEEDED');
    const other = refused.find((q) => !creditOnly(q));
    if (other) throw new Error(`POST /quote answered ${other.status} before the load: ${other.body.slice(0, 300)}`);
    bodies = bodies.filter((_, i) => quoted[i]!.status === 200);
    if (refused.length) ctx.log(`  ${refused.length} generated orders left out: order entry refuses them (credit limit)`);
  }
  ctx.log(`  system up; ${bodies.length} orders at ${rate}/s`);
  const load = runLoad(sys, {
    bodies,
    ratePerSec: rate,
    prefix: `${ctx.name}-${process.pid}`,
    token: sys.token(['order-entry'], sub),
    deadline: ctx.deadline - 60_000,
  });
  const [loadResult, faultResult] = await Promise.all([load, fault(sys, load)]);
  ctx.log(
    `  load done in ${(loadResult.durationMs / 1000).toFixed(0)} s: ${loadResult.orderIds.length} accepted, ${loadResult.failed} failed, ${loadResult.retries} retries; waiting for every order to be final`,
  );
  const orders = await checkOrders(sys, ctx, loadResult, sub);
  const effects = await checkEffects(sys);
  const afterResult = (await after?.(sys, orders)) ?? {};
  return loadVerdict(loadResult, orders, effects, {
    failures: [...(faultResult.failures ?? []), ...(afterResult.failures ?? [])],
    counts: { loadS: Math.round(loadResult.durationMs / 1000), ...faultResult.counts, ...afterResult.counts },
  });
}

/** The processes of the system that are not running (any but the worker slots left empty on purpose): each a failure. */
export function exitedProcesses(sys: DrillSystem): string[] {
  const out: string[] = [];
  if (!alive(sys.api)) out.push('the API exited');
  sys.workers.forEach((w, slot) => {
    if (w && !alive(w)) out.push(`worker ${slot + 1} exited`);
  });
  for (const [name, p] of sys.cluster?.processes ?? []) if (p.exitCode !== null || p.signalCode !== null) out.push(`the Temporal ${name} service exited`);
  return out;
}

/**
 * Waits until Temporal serves a call that needs the history service (a describe of an order's
 * workflow) and returns when; undefined if not before `until`.
 */
export async function untilHistoryServes(sys: DrillSystem, until: number): Promise<number | undefined> {
  while (Date.now() < until) {
    try {
      const { rows } = await sys.db.query<{ id: string }>('select id from product_order order by created_at desc limit 1');
      if (rows[0]) {
        await sys.client.workflow.getHandle(orderWorkflowId(rows[0].id)).describe();
        return Date.now();
      }
    } catch {
      // not yet
    }
    await sleep(250);
  }
  return undefined;
}

/** What a drill's fault (or its own checks) adds to the verdict. */
export interface DrillFindings {
  counts?: Record<string, number | string>;
  failures?: string[];
}
