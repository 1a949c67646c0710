// A Temporal cluster on PostgreSQL as separate processes (issue 16): the `temporal` and
// `temporal_visibility` databases with the server module's versioned schemas (applied by its SQL
// tool: setup once, then only what is new), one configuration rendered by the server itself from the
// template temporal-docker's compose file gives its server containers (the module's config/docker.yaml,
// "enable-template"), the four services — frontend, history (a configured shard count), matching,
// worker — each its own process, the Web UI pointed at the frontend, and the namespace and search
// attributes registered. What it runs is the plan both share (temporal-cluster-plan.ts). For `npm run
// cluster`, the drills and the benchmark on this shape, and the CI smoke test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Connection } from '@temporalio/client';
import type { Logger } from './logger.js';
import {
  CLUSTER_SERVICES,
  CONFIG_TEMPLATE,
  DEFAULT_DATABASES,
  ONE_MACHINE_POOLS,
  PORT_OFFSETS,
  SEARCH_ATTRIBUTES,
  cliArgs,
  schemaSteps,
  schemaToolEnvironment,
  serverArgs,
  serverEnvironment,
  uiEnvironment,
  type ClusterService,
} from './temporal-cluster-plan.js';

export { CLUSTER_SERVICES, type ClusterService };

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

const PORTS = PORT_OFFSETS;
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

/** Creates both databases when missing and brings their schemas up to the module's newest versions. */
function applySchemas(o: ClusterOptions, databases: { temporal: string; visibility: string }): void {
  const env = { ...process.env, ...schemaToolEnvironment(o.postgres) };
  for (const step of schemaSteps(databases, join(o.binaries.serverModule, 'schema'))) {
    const done = run(o.binaries.sqlTool, step, env);
    if (!done.ok) throw new Error(`temporal-sql-tool ${step.join(' ')} failed: ${done.out.split('\n').at(-1)}`);
  }
}

/** The repository's copy of the template, refused when it is not the module's own (a version bump without it). */
function configTemplate(serverModule: string): Buffer {
  const ours = readFileSync(new URL(`../${CONFIG_TEMPLATE.file}`, import.meta.url));
  const module = join(serverModule, CONFIG_TEMPLATE.inModule);
  if (!ours.equals(readFileSync(module))) throw new Error(`${CONFIG_TEMPLATE.file} is not ${module}: copy that file over it (the server was upgraded)`);
  return ours;
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
  const databases = o.databases ?? DEFAULT_DATABASES;
  applySchemas(o, databases);

  // The server renders the template itself from the environment: the file the compose file mounts.
  const configDir = join(o.dir, 'config');
  mkdirSync(join(configDir, 'dynamicconfig'), { recursive: true });
  writeFileSync(join(configDir, 'docker.yaml'), configTemplate(o.binaries.serverModule));
  copyFileSync(join(o.binaries.serverModule, 'config', 'dynamicconfig', 'docker.yaml'), join(configDir, 'dynamicconfig', 'docker.yaml'));
  const logs = join(o.dir, 'logs');
  mkdirSync(logs, { recursive: true });

  const p = (service: ClusterService) => PORTS[service];
  // All four on this host's loopback, each on ports of its own; pools bounded unless the environment sets them.
  const env: NodeJS.ProcessEnv = {
    ...ONE_MACHINE_POOLS,
    ...process.env,
    ...serverEnvironment({
      postgres: o.postgres,
      databases,
      historyShards: o.historyShards,
      bindOnIp: '127.0.0.1',
      broadcastAddress: '127.0.0.1',
      basePort: o.basePort,
      dynamicConfigFile: join(configDir, 'dynamicconfig', 'docker.yaml'),
      logLevel: 'warn',
    }),
  };
  const address = `127.0.0.1:${o.basePort}`;
  const metricsAddress = (service: ClusterService) => `127.0.0.1:${o.basePort + METRICS_OFFSET + p(service).grpc}`;
  const processes = new Map<ClusterService | 'ui', ChildProcess>();
  const startService = (service: ClusterService): ChildProcess => {
    const file = join(logs, `${service}.log`);
    logOffsets.set(file, existsSync(file) ? statSync(file).size : 0);
    const out = createWriteStream(file, { flags: 'a' });
    const child = spawn(o.binaries.server, serverArgs(o.dir, service), {
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
    const described = () => cli(cliArgs.describeNamespace(o.namespace)).ok;
    if (!described()) {
      const created = cli(cliArgs.createNamespace(o.namespace, o.retention));
      if (!created.ok && !/already exists|AlreadyExists/i.test(created.out)) throw new Error(`registering namespace ${o.namespace} failed: ${created.out}`);
      // A new namespace reaches the services' caches within seconds; the search attributes need it there.
      const until = Date.now() + 60_000;
      while (!described()) {
        if (Date.now() > until) throw new Error(`namespace ${o.namespace} was registered but is not served within 60 s`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    const listed = cli(cliArgs.listSearchAttributes(o.namespace)).out;
    let lastCreated: string | undefined;
    for (const key of SEARCH_ATTRIBUTES) {
      if (listed.includes(`"${key.name}"`)) continue;
      if (key.type === 'Keyword') lastCreated = key.name;
      // Retried while a new namespace has not reached every cache yet ("Namespace … is not found").
      for (let attempt = 1; ; attempt++) {
        const made = cli(cliArgs.createSearchAttribute(o.namespace, key));
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
        const started = cli(cliArgs.startProbe(o.namespace, probe, lastCreated));
        if (started.ok) break;
        if (Date.now() > until) throw new Error(`search attribute ${lastCreated} is not served within 60 s: ${started.out}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      cli(cliArgs.endProbe(o.namespace, probe));
    }

    let uiUrl: string | undefined;
    if (o.uiPort !== undefined) {
      const out = createWriteStream(join(logs, 'ui.log'), { flags: 'a' });
      const ui = spawn(o.binaries.ui, ['--root', o.binaries.uiModule, '--config', 'config', '--env', 'docker', 'start'], {
        env: {
          ...process.env,
          ...uiEnvironment({ address, namespace: o.namespace, port: o.uiPort }),
          // Plain HTTP on this host's loopback: a secure-only cookie would not come back.
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
