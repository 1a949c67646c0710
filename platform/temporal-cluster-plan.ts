// What a self-hosted Temporal cluster for this system is made of, as data: the versions, the one server
// configuration template and the variables given to it, the schema steps, the services, the namespace and
// its search attributes. `npm run cluster` runs it (platform/temporal-cluster.ts); the production compose
// file (temporal-docker/docker-compose.yml) spells the same out, and test/unit/compose-temporal.test.ts
// reads that file and fails where the two differ — a version bumped in one place only, a renamed variable,
// a schema step missing or out of order, a search attribute not registered there.
import { readFileSync } from 'node:fs';
import { ALL_SEARCH_ATTRIBUTES } from '../contracts/search-attributes.js';

/** The versions `npm run cluster` builds from the Go modules (scripts/temporal-server.mjs reads the same file). */
export const TEMPORAL_VERSIONS = JSON.parse(readFileSync(new URL('./temporal-versions.json', import.meta.url), 'utf8')) as { server: string; ui: string };

const bare = (version: string) => version.replace(/^v/, '');

/** The admin-tools image released with that server: its tag also names the tctl and CLI inside. */
export const ADMIN_TOOLS_RELEASE = '1.29.1-tctl-1.18.4-cli-1.5.0';

/** The images of those versions. */
export const TEMPORAL_IMAGES = {
  server: `temporalio/server:${bare(TEMPORAL_VERSIONS.server)}`,
  adminTools: `temporalio/admin-tools:${ADMIN_TOOLS_RELEASE}`,
  ui: `temporalio/ui:${bare(TEMPORAL_VERSIONS.ui)}`,
};

/**
 * The server's configuration template: the server module's config/docker.yaml, kept verbatim in the
 * repository (the cluster refuses to start when the module's differs, so a version bump brings it along).
 * The server renders it itself ("# enable-template" on its first line) from the variables below.
 */
export const CONFIG_TEMPLATE = { file: 'temporal-docker/config/docker.yaml', inModule: 'config/docker.yaml' };

/** Temporal's four services. The first one started initialises a fresh database's cluster metadata. */
export const CLUSTER_SERVICES = ['history', 'matching', 'worker', 'frontend'] as const;
export type ClusterService = (typeof CLUSTER_SERVICES)[number];

export const DEFAULT_DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' };
/** How long a closed workflow's history is kept in the namespace. */
export const NAMESPACE_RETENTION = '72h';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerEnvironmentOptions {
  postgres: PostgresServer;
  databases: { temporal: string; visibility: string };
  historyShards: number;
  bindOnIp: string;
  /** Services sharing one host need ports of their own: offsets from this one. Unset: the template's defaults (7233…). */
  basePort?: number;
  /** Unset: the template leaves it empty and the server takes the bound address. */
  broadcastAddress?: string;
  /** Unset: the template's /etc/temporal/config/dynamicconfig/docker.yaml, as in the image. */
  dynamicConfigFile?: string;
  logLevel?: string;
}

/**
 * The services' connection pools on one machine. The template's defaults, 20 to `temporal` and 10 to
 * `temporal_visibility` per service, make 120 for four: more than a default PostgreSQL's 100, which
 * the read model's pools share. A cluster with a PostgreSQL of its own (the compose file) keeps the defaults.
 */
export const ONE_MACHINE_POOLS = { SQL_MAX_CONNS: '10', SQL_MAX_IDLE_CONNS: '10', SQL_VIS_MAX_CONNS: '4', SQL_VIS_MAX_IDLE_CONNS: '4' };

/** Offsets from the base port: gRPC and membership of each service, the frontend's HTTP port. */
export const PORT_OFFSETS: Record<ClusterService, { grpc: number; membership: number }> = {
  frontend: { grpc: 0, membership: 10 },
  history: { grpc: 1, membership: 11 },
  matching: { grpc: 2, membership: 12 },
  worker: { grpc: 6, membership: 16 },
};
export const FRONTEND_HTTP_OFFSET = 20;

/** The variables the configuration template reads, for PostgreSQL persistence and visibility. */
export function serverEnvironment(o: ServerEnvironmentOptions): Record<string, string> {
  const port = String(o.postgres.port);
  const env: Record<string, string> = {
    DB: 'postgres12',
    // The template reads the default store's port from DB_PORT and the visibility store's from POSTGRES_PORT.
    DB_PORT: port,
    POSTGRES_PORT: port,
    POSTGRES_SEEDS: o.postgres.host,
    POSTGRES_USER: o.postgres.user,
    POSTGRES_PWD: o.postgres.password,
    DBNAME: o.databases.temporal,
    VISIBILITY_DBNAME: o.databases.visibility,
    NUM_HISTORY_SHARDS: String(o.historyShards),
    BIND_ON_IP: o.bindOnIp,
  };
  if (o.broadcastAddress !== undefined) env.TEMPORAL_BROADCAST_ADDRESS = o.broadcastAddress;
  if (o.dynamicConfigFile !== undefined) env.DYNAMIC_CONFIG_FILE_PATH = o.dynamicConfigFile;
  if (o.logLevel !== undefined) env.LOG_LEVEL = o.logLevel;
  if (o.basePort !== undefined) {
    for (const service of CLUSTER_SERVICES) {
      const name = service.toUpperCase();
      env[`${name}_GRPC_PORT`] = String(o.basePort + PORT_OFFSETS[service].grpc);
      env[`${name}_MEMBERSHIP_PORT`] = String(o.basePort + PORT_OFFSETS[service].membership);
    }
    env.FRONTEND_HTTP_PORT = String(o.basePort + FRONTEND_HTTP_OFFSET);
  }
  return env;
}

/** The server's arguments for one service, its configuration rendered from `<root>/config/docker.yaml`. */
export function serverArgs(root: string, service: string): string[] {
  return ['--root', root, '--config', 'config', '--env', 'docker', '--allow-no-auth', 'start', '--service', service];
}

/** The schema tool's connection, as its environment (SQL_PLUGIN, SQL_HOST…): the password stays off the command line. */
export function schemaToolEnvironment(pg: PostgresServer): Record<string, string> {
  return { SQL_PLUGIN: 'postgres12', SQL_HOST: pg.host, SQL_PORT: String(pg.port), SQL_USER: pg.user, SQL_PASSWORD: pg.password };
}

/**
 * The schema tool's steps, in order, for both databases: create it (nothing when it exists), set up the
 * version tables (nothing when a version is recorded), apply the versioned schema's new versions. Each
 * step may run again: re-running applies only what is new. `schemaRoot` holds postgresql/v12/…
 */
export function schemaSteps(databases: { temporal: string; visibility: string }, schemaRoot: string): string[][] {
  return (
    [
      [databases.temporal, 'temporal'],
      [databases.visibility, 'visibility'],
    ] as const
  ).flatMap(([db, schema]) => [
    ['--db', db, 'create-database'],
    ['--db', db, 'setup-schema', '-v', '0.0'],
    ['--db', db, 'update-schema', '-d', `${schemaRoot}/postgresql/v12/${schema}/versioned`],
  ]);
}

/** The search attributes with the CLI's names of their types (KEYWORD_LIST: KeywordList). */
export const SEARCH_ATTRIBUTES = ALL_SEARCH_ATTRIBUTES.map((key) => ({
  name: key.name,
  type: key.type
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(''),
}));

/** The `temporal` CLI's arguments that register the namespace and its search attributes. */
export const cliArgs = {
  describeNamespace: (namespace: string) => ['operator', 'namespace', 'describe', '--namespace', namespace],
  createNamespace: (namespace: string, retention: string) => ['operator', 'namespace', 'create', '--namespace', namespace, '--retention', retention],
  listSearchAttributes: (namespace: string) => ['operator', 'search-attribute', 'list', '--namespace', namespace, '--output', 'json'],
  createSearchAttribute: (namespace: string, attribute: { name: string; type: string }) => [
    'operator',
    'search-attribute',
    'create',
    '--namespace',
    namespace,
    '--name',
    attribute.name,
    '--type',
    attribute.type,
  ],
  // New attributes reach the services' namespace caches seconds after they are registered, and a workflow
  // started before that is refused: a start naming a new keyword attribute is retried until it is taken.
  startProbe: (namespace: string, workflowId: string, keyword: string) => [
    'workflow',
    'start',
    '--namespace',
    namespace,
    '--type',
    'probe',
    '--task-queue',
    'cluster-probe',
    '--workflow-id',
    workflowId,
    '--search-attribute',
    `${keyword}="probe"`,
  ],
  endProbe: (namespace: string, workflowId: string) => [
    'workflow',
    'terminate',
    '--namespace',
    namespace,
    '--workflow-id',
    workflowId,
    '--reason',
    'search attribute probe',
  ],
};

/** The Web UI server's variables (its own template, config/docker.yaml of its module, as in its image). */
export function uiEnvironment(o: { address: string; namespace: string; port?: number }): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: o.address,
    TEMPORAL_DEFAULT_NAMESPACE: o.namespace,
    ...(o.port !== undefined ? { TEMPORAL_UI_PORT: String(o.port) } : {}),
  };
}
