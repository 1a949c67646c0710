// A Temporal cluster on PostgreSQL as separate processes (issue 16): the `temporal` and
// `temporal_visibility` databases with the server module's versioned schemas (applied by its SQL
// tool: setup once, then only what is new), one configuration rendered by the server itself from the
// template its image uses (config/docker.yaml, "enable-template"), the four services — frontend,
// history (a configured shard count), matching, worker — each its own process, the Web UI pointed at
// the frontend, and the namespace and search attributes registered. For `npm run cluster`, the
// drills and the benchmark on this shape, and the CI smoke test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Connection } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES } from '../contracts/search-attributes.js';
import type { Logger } from './logger.js';

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  ui: string;
  serverModule: string;
  uiModule: string;
}

export interface ClusterOptions {
  binaries: ClusterBinaries;
  /** The temporal CLI, for the namespace and search attributes. */
  cliPath: string;
  postgres: { host: string; port: number; user: string; password: string };
  databases?: { temporal: string; visibility: string };
  /** Where the rendered configuration and the services' logs go. */
  dir: string;
  /** The frontend's gRPC port; the other services' ports follow it (see PORTS). Below 32,748: membership ports are a smallint in the schema. */
  basePort: number;
  uiPort?: number;
  /** Each service serves its Prometheus metrics (the template's PROMETHEUS_ENDPOINT) on the base port + METRICS_OFFSET + its gRPC offset. */
  metrics?: boolean;
  historyShards: number;
  namespace: string;
  /** The namespace's retention, as the CLI takes it ('72h'). */
  retention: string;
  log: Logger;
}

export const CLUSTER_SERVICES = ['history', 'matching', 'worker', 'frontend'] as const;
export type ClusterService = (typeof CLUSTER_SERVICES)[number];

/** Offsets from the base port: gRPC and membership of each service, the frontend's HTTP port. */
const PORTS: Record<ClusterService, { grpc: number; membership: number }> = {
  frontend: { grpc: 0, membership: 10 },
  history: { grpc: 1, membership: 11 },
  matching: { grpc: 2, membership: 12 },
  worker: { grpc: 6, membership: 16 },
};
const FRONTEND_HTTP_OFFSET = 20;
const METRICS_OFFSET = 30;

export interface TemporalCluster {
  address: string;
  uiUrl?: string;
  /** The services' Prometheus endpoints, when `metrics` was asked for. */
  metricsUrls?: string[];
  /** The services' processes, by name (a drill kills one and starts it again). */
  processes: Map<ClusterService | 'ui', ChildProcess>;
  startService(service: ClusterService): ChildProcess;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ok: boolean; out: string } {
  // Bounded: a call that hangs (a server not answering) fails the start-up rather than blocking it.
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Creates the database when missing and brings its schema up to the module's newest version. */
async function applySchema(o: ClusterOptions, database: string, versionedDir: string): Promise<void> {
  const { host, port, user, password } = o.postgres;
  const admin = new pg.Client({ host, port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ host, port, user, password, database });
  await db.connect();
  const fresh = (await db.query("select to_regclass('schema_version') as t")).rows[0]?.t === null;
  await db.end();
  const tool = ['--plugin', 'postgres12', '--ep', host, '-p', String(port), '-u', user, '--pw', password, '--db', database];
  if (fresh) {
    const setup = run(o.binaries.sqlTool, [...tool, 'setup-schema', '-v', '0.0']);
    if (!setup.ok) throw new Error(`temporal-sql-tool setup-schema of ${database} failed: ${setup.out.split('\n').at(-1)}`);
  }
  const update = run(o.binaries.sqlTool, [...tool, 'update-schema', '-d', versionedDir]);
  if (!update.ok) throw new Error(`temporal-sql-tool update-schema of ${database} failed: ${update.out.split('\n').at(-1)}`);
}

/** A service that exited while the cluster starts, with the last line of its log. */
/** Where each service's log stood when it was last started: what it wrote since is this run's. */
const logOffsets = new Map<string, number>();

function diedService(processes: Map<string, ChildProcess>, logs: string): string | undefined {
  for (const [name, child] of processes) {
    if (child.exitCode === null && child.signalCode === null) continue;
    const file = join(logs, `${name}.log`);
    const lines = readFileSync(file)
      .subarray(logOffsets.get(file) ?? 0)
      .toString('utf8')
      .trim()
      .split('\n');
    const fatal = lines.reverse().find((l) => /"level":"(fatal|error)"/.test(l)) ?? lines[0] ?? '';
    return `the Temporal ${name} service exited: ${fatal.slice(0, 400)} (logs in ${logs})`;
  }
  return undefined;
}

async function metadataInitialised(o: ClusterOptions, database: string, processes: Map<string, ChildProcess>, logs: string): Promise<void> {
  const { host, port, user, password } = o.postgres;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const died = diedService(processes, logs);
    if (died) throw new Error(died);
    const db = new pg.Client({ host, port, user, password, database });
    await db.connect();
    const n = Number((await db.query('select count(*) as n from cluster_metadata_info')).rows[0]?.n ?? 0);
    await db.end();
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Temporal cluster's metadata was not initialised within 60 s (logs in ${logs})`);
}

async function frontendReady(address: string, timeoutMs: number, died: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    const dead = died();
    if (dead) throw new Error(dead);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the Temporal frontend on ${address} did not answer within ${timeoutMs / 1000} s (${last instanceof Error ? last.message : String(last)})`);
}

export async function startTemporalCluster(o: ClusterOptions): Promise<TemporalCluster> {
  const databases = o.databases ?? { temporal: 'temporal', visibility: 'temporal_visibility' };
  const schemaDir = join(o.binaries.serverModule, 'schema', 'postgresql', 'v12');
  await applySchema(o, databases.temporal, join(schemaDir, 'temporal', 'versioned'));
  await applySchema(o, databases.visibility, join(schemaDir, 'visibility', 'versioned'));

  // The server renders the template itself from the environment: the same file its image uses.
  const configDir = join(o.dir, 'config');
  mkdirSync(join(configDir, 'dynamicconfig'), { recursive: true });
  copyFileSync(join(o.binaries.serverModule, 'config', 'docker.yaml'), join(configDir, 'docker.yaml'));
  copyFileSync(join(o.binaries.serverModule, 'config', 'dynamicconfig', 'docker.yaml'), join(configDir, 'dynamicconfig', 'docker.yaml'));
  const logs = join(o.dir, 'logs');
  mkdirSync(logs, { recursive: true });

  const p = (service: ClusterService) => PORTS[service];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DB: 'postgres12',
    // The template reads the default store's port from DB_PORT and the visibility store's from POSTGRES_PORT.
    DB_PORT: String(o.postgres.port),
    POSTGRES_PORT: String(o.postgres.port),
    POSTGRES_SEEDS: o.postgres.host,
    POSTGRES_USER: o.postgres.user,
    POSTGRES_PWD: o.postgres.password,
    DBNAME: databases.temporal,
    VISIBILITY_DBNAME: databases.visibility,
    NUM_HISTORY_SHARDS: String(o.historyShards),
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: join(configDir, 'dynamicconfig', 'docker.yaml'),
    LOG_LEVEL: 'warn',
    FRONTEND_GRPC_PORT: String(o.basePort + p('frontend').grpc),
    FRONTEND_MEMBERSHIP_PORT: String(o.basePort + p('frontend').membership),
    FRONTEND_HTTP_PORT: String(o.basePort + FRONTEND_HTTP_OFFSET),
    HISTORY_GRPC_PORT: String(o.basePort + p('history').grpc),
    HISTORY_MEMBERSHIP_PORT: String(o.basePort + p('history').membership),
    MATCHING_GRPC_PORT: String(o.basePort + p('matching').grpc),
    MATCHING_MEMBERSHIP_PORT: String(o.basePort + p('matching').membership),
    WORKER_GRPC_PORT: String(o.basePort + p('worker').grpc),
    WORKER_MEMBERSHIP_PORT: String(o.basePort + p('worker').membership),
  };
  const address = `127.0.0.1:${o.basePort}`;
  const metricsAddress = (service: ClusterService) => `127.0.0.1:${o.basePort + METRICS_OFFSET + p(service).grpc}`;
  const processes = new Map<ClusterService | 'ui', ChildProcess>();
  const startService = (service: ClusterService): ChildProcess => {
    const file = join(logs, `${service}.log`);
    logOffsets.set(file, existsSync(file) ? statSync(file).size : 0);
    const out = createWriteStream(file, { flags: 'a' });
    const child = spawn(o.binaries.server, ['--root', o.dir, '--config', 'config', '--env', 'docker', '--allow-no-auth', 'start', '--service', service], {
      env: o.metrics ? { ...env, PROMETHEUS_ENDPOINT: metricsAddress(service) } : env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    processes.set(service, child);
    return child;
  };
  // The first service initialises the cluster's metadata in a fresh database; the others, started
  // at the same moment, would race it to the same row and exit. So one first, then the rest.
  const stopAll = async () => {
    for (const name of ['ui', 'frontend', 'matching', 'history', 'worker'] as const) {
      const child = processes.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    }
  };
  try {
    return await bringUp();
  } catch (err) {
    // Nothing left running when the start-up fails.
    await stopAll();
    throw err;
  }

  async function bringUp(): Promise<TemporalCluster> {
    const [first, ...rest] = CLUSTER_SERVICES;
    startService(first);
    await metadataInitialised(o, databases.temporal, processes, logs);
    for (const service of rest) startService(service);
    await frontendReady(address, 90_000, () => diedService(processes, logs));

    // The namespace and the search attributes, through the CLI (each only when missing).
    const cli = (args: string[]) => run(o.cliPath, [...args, '--address', address]);
    const described = () => cli(['operator', 'namespace', 'describe', '--namespace', o.namespace]).ok;
    if (!described()) {
      const created = cli(['operator', 'namespace', 'create', '--namespace', o.namespace, '--retention', o.retention]);
      if (!created.ok && !/already exists|AlreadyExists/i.test(created.out)) throw new Error(`registering namespace ${o.namespace} failed: ${created.out}`);
      // A new namespace reaches the services' caches within seconds; the search attributes need it there.
      const until = Date.now() + 60_000;
      while (!described()) {
        if (Date.now() > until) throw new Error(`namespace ${o.namespace} was registered but is not served within 60 s`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    const listed = cli(['operator', 'search-attribute', 'list', '--namespace', o.namespace, '--output', 'json']).out;
    let lastCreated: string | undefined;
    for (const key of ALL_SEARCH_ATTRIBUTES) {
      if (listed.includes(`"${key.name}"`)) continue;
      if (key.type === 'KEYWORD') lastCreated = key.name;
      const type =
        key.type.charAt(0) +
        key.type
          .slice(1)
          .toLowerCase()
          .replace(/_list$/, 'List');
      // Retried while a new namespace has not reached every cache yet ("Namespace … is not found").
      for (let attempt = 1; ; attempt++) {
        const made = cli(['operator', 'search-attribute', 'create', '--namespace', o.namespace, '--name', key.name, '--type', type]);
        if (made.ok || /already exists/i.test(made.out)) break;
        if (attempt >= 60 || !/not found/i.test(made.out)) throw new Error(`registering search attribute ${key.name} failed: ${made.out}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }

    // New attributes reach the services' namespace caches a few seconds later: a workflow started
    // before that is refused. Wait until a start naming the last keyword one is taken (then end that probe).
    if (lastCreated) {
      const probe = `search-attribute-probe-${Date.now()}`;
      const until = Date.now() + 60_000;
      for (;;) {
        const started = cli([
          'workflow',
          'start',
          '--namespace',
          o.namespace,
          '--type',
          'probe',
          '--task-queue',
          'cluster-probe',
          '--workflow-id',
          probe,
          '--search-attribute',
          `${lastCreated}="probe"`,
        ]);
        if (started.ok) break;
        if (Date.now() > until) throw new Error(`search attribute ${lastCreated} is not served within 60 s: ${started.out}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      cli(['workflow', 'terminate', '--namespace', o.namespace, '--workflow-id', probe, '--reason', 'search attribute probe']);
    }

    let uiUrl: string | undefined;
    if (o.uiPort !== undefined) {
      const out = createWriteStream(join(logs, 'ui.log'), { flags: 'a' });
      const ui = spawn(o.binaries.ui, ['--root', o.binaries.uiModule, '--config', 'config', '--env', 'docker', 'start'], {
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: address,
          TEMPORAL_UI_PORT: String(o.uiPort),
          TEMPORAL_DEFAULT_NAMESPACE: o.namespace,
          TEMPORAL_CSRF_COOKIE_INSECURE: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      ui.stdout!.pipe(out);
      ui.stderr!.pipe(out);
      processes.set('ui', ui);
      uiUrl = `http://127.0.0.1:${o.uiPort}`;
    }
    o.log.info({ address, uiUrl, shards: o.historyShards, logs }, 'Temporal cluster up: frontend, history, matching and worker as separate processes');

    return {
      address,
      ...(uiUrl ? { uiUrl } : {}),
      ...(o.metrics ? { metricsUrls: CLUSTER_SERVICES.map((s) => `http://${metricsAddress(s)}/metrics`) } : {}),
      processes,
      startService,
      // The UI and the frontend first (no new calls), then matching, history and the worker service.
      stop: stopAll,
    };
  }
}
