// The production compose file runs the Temporal cluster `npm run cluster` runs (issue 16): it is read
// here and set against the plan the cluster runs (platform/temporal-cluster-plan.ts) — the images of
// the versions built from the Go modules, the one configuration template and every variable given to
// it, the schema steps in their order, the four services, the namespace's retention and its search
// attributes. A version bumped in one place only, a renamed variable or a step left out fails here.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  ADMIN_TOOLS_RELEASE,
  CLUSTER_SERVICES,
  CONFIG_TEMPLATE,
  DEFAULT_DATABASES,
  NAMESPACE_RETENTION,
  ONE_MACHINE_POOLS,
  SEARCH_ATTRIBUTES,
  TEMPORAL_IMAGES,
  TEMPORAL_VERSIONS,
  cliArgs,
  schemaSteps,
  schemaToolEnvironment,
  serverArgs,
  serverEnvironment,
  uiEnvironment,
} from '../../platform/temporal-cluster-plan.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE_FILE = 'temporal-docker/docker-compose.yml';
const composeText = readFileSync(ROOT + COMPOSE_FILE, 'utf8');
const template = readFileSync(ROOT + CONFIG_TEMPLATE.file, 'utf8');

interface Service {
  image?: string;
  environment?: Record<string, unknown>;
  entrypoint?: string[];
  command?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}
interface Compose {
  services: Record<string, Service>;
  'x-app-env': Record<string, unknown>;
}

const readCompose = (text: string) => parse(text, { merge: true }) as Compose;

/** Where the server containers find the template: the image's working root and the server's --config dir. */
const SERVER_ROOT = '/etc/temporal';
/** Where the admin-tools image keeps the server's schemas (postgresql/v12/…). */
const ADMIN_TOOLS_SCHEMA_ROOT = '/etc/temporal/schema';

const strings = (env: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, String(v)]));

/** A shell line's words: blanks split them, quotes ('…', "…") keep them together and go. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The lines of a service's shell script (entrypoint `sh -ec <script>` or command), compose's `$$` as the shell's `$`. */
function script(service: Service | undefined): string[] {
  const parts = [...(service?.entrypoint ?? []), ...(service?.command ?? [])];
  return parts
    .slice(parts.indexOf('-ec') + 1)
    .join('\n')
    .replace(/\$\$/g, '$')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const dependsOn = (service: Service | undefined, on: string) =>
  Array.isArray(service?.depends_on) ? service.depends_on.includes(on) && 'service_started' : service?.depends_on?.[on]?.condition;

/** Every way the compose file's Temporal part differs from the plan; empty when it runs the same. */
function differences(compose: Compose): string[] {
  const found: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) found.push(`${what}: ${JSON.stringify(actual)} where the plan has ${JSON.stringify(wanted)}`);
  };
  // Commands in order: the first that differs, as shell lines.
  const checkSteps = (what: string, actual: string[][], wanted: string[][]) => {
    const at = Array.from({ length: Math.max(actual.length, wanted.length) }, (_, i) => i).find((i) => actual[i]?.join(' ') !== wanted[i]?.join(' '));
    if (at !== undefined) found.push(`${what}, step ${at + 1}: ${actual[at]?.join(' ') ?? 'none'} where the plan has ${wanted[at]?.join(' ') ?? 'none'}`);
  };
  const services = Object.entries(compose.services);
  const app = strings(compose['x-app-env']);

  // Images: the three of the versions the cluster builds, no other Temporal image (auto-setup).
  const wantedImage: Record<string, string> = {
    'temporalio/server': TEMPORAL_IMAGES.server,
    'temporalio/admin-tools': TEMPORAL_IMAGES.adminTools,
    'temporalio/ui': TEMPORAL_IMAGES.ui,
  };
  for (const [name, s] of services) {
    if (!s.image?.startsWith('temporalio/')) continue;
    check(`${name}'s image`, s.image, wantedImage[s.image.split(':')[0]!] ?? 'no such Temporal image');
  }

  // The database the Temporal containers use, as the plan's PostgreSQL server.
  const db = compose.services['temporal-db'];
  const pg = { host: 'temporal-db', port: 5432, user: String(db?.environment?.POSTGRES_USER), password: String(db?.environment?.POSTGRES_PASSWORD) };

  // The four services, one container each, on the template, with the plan's variables.
  const servers = services.filter(([, s]) => s.image?.startsWith('temporalio/server:'));
  check('the services the server containers run', servers.map(([, s]) => String(s.environment?.TEMPORAL_SERVICE)).sort(), [...CLUSTER_SERVICES].sort());
  for (const [name, s] of servers) {
    const { TEMPORAL_SERVICE: _service, ...env } = strings(s.environment);
    check(
      `${name}'s variables to the template`,
      env,
      serverEnvironment({ postgres: pg, databases: DEFAULT_DATABASES, historyShards: Number(env.NUM_HISTORY_SHARDS), bindOnIp: '0.0.0.0' }),
    );
    const lines = script(s);
    check(`${name}'s server command`, words(lines.find((l) => l.startsWith('exec ')) ?? ''), [
      'exec',
      'temporal-server',
      ...serverArgs(SERVER_ROOT, '$TEMPORAL_SERVICE'),
    ]);
    check(
      `${name} sets its membership address`,
      lines.some((l) => /^export TEMPORAL_BROADCAST_ADDRESS\b/.test(l)),
      true,
    );
    const mounts = (s.volumes ?? []).map((v) => v.split(':')).map(([from, to]) => [posix.normalize(posix.join('temporal-docker', from!)), to]);
    check(`${name}'s template mount`, mounts.find(([, to]) => to === `${SERVER_ROOT}/config/docker.yaml`)?.[0], CONFIG_TEMPLATE.file);
    check(`${name} waits for the schema`, dependsOn(s, 'temporal-schema'), 'service_completed_successfully');
  }
  // Clients reach the frontend's container on the template's default frontend port.
  const frontend = servers.find(([, s]) => s.environment?.TEMPORAL_SERVICE === 'frontend')?.[0];
  const frontendPort = /default "(\d+)" \(env "FRONTEND_GRPC_PORT"\)/.exec(template)?.[1];
  check("the app's Temporal address", app.TEMPORAL_ADDRESS, `${frontend}:${frontendPort}`);

  // The schema job: the tool's connection and its steps, in order.
  const schema = compose.services['temporal-schema'];
  check('the schema job image', schema?.image, TEMPORAL_IMAGES.adminTools);
  check("the schema tool's connection", strings(schema?.environment), schemaToolEnvironment(pg));
  checkSteps(
    'the schema steps',
    script(schema).map((l) => words(l).slice(1)),
    schemaSteps(DEFAULT_DATABASES, ADMIN_TOOLS_SCHEMA_ROOT),
  );

  // The namespace job: the namespace with its retention, every search attribute, the probe.
  const ns = app.TEMPORAL_NAMESPACE!;
  const job = compose.services['temporal-namespace'];
  check("the namespace job's Temporal address", strings(job?.environment).TEMPORAL_ADDRESS, app.TEMPORAL_ADDRESS);
  const keyword = SEARCH_ATTRIBUTES.filter((a) => a.type === 'Keyword').at(-1)!.name;
  checkSteps(
    "the namespace job's CLI calls",
    script(job)
      .map((l) => words(l.replace(/^retry /, '')))
      .filter((w) => w[0] === 'temporal'),
    [
      cliArgs.createNamespace(ns, NAMESPACE_RETENTION),
      ...SEARCH_ATTRIBUTES.map((a) => cliArgs.createSearchAttribute(ns, a)),
      cliArgs.startProbe(ns, '$probe', keyword),
      cliArgs.endProbe(ns, '$probe'),
    ].map((args) => ['temporal', ...args]),
  );
  for (const name of ['worker', 'api'])
    check(`${name} waits for the namespace`, dependsOn(compose.services[name], 'temporal-namespace'), 'service_completed_successfully');

  // The Web UI: pointed at the frontend, the app's namespace first.
  const ui = strings(compose.services['temporal-ui']?.environment);
  const wantedUi = uiEnvironment({ address: app.TEMPORAL_ADDRESS!, namespace: ns });
  check("the UI's variables", Object.fromEntries(Object.keys(wantedUi).map((k) => [k, ui[k]])), wantedUi);
  return found;
}

describe('temporal-docker/docker-compose.yml against the cluster plan', () => {
  it('runs the same Temporal cluster as `npm run cluster`', () => {
    expect(differences(readCompose(composeText))).toEqual([]);
  });

  it('pins the admin-tools release of the server version the cluster builds', () => {
    expect(ADMIN_TOOLS_RELEASE.startsWith(`${TEMPORAL_VERSIONS.server.replace(/^v/, '')}-`)).toBe(true);
  });

  it("gives the template only variables it reads, and is the server's own template", () => {
    expect(template.startsWith('# enable-template\n')).toBe(true);
    const read = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]));
    const everything = serverEnvironment({
      postgres: { host: 'h', port: 1, user: 'u', password: 'p' },
      databases: DEFAULT_DATABASES,
      historyShards: 1,
      bindOnIp: '0.0.0.0',
      basePort: 7233,
      broadcastAddress: '10.0.0.1',
      dynamicConfigFile: '/x.yaml',
      logLevel: 'warn',
    });
    expect([...Object.keys(everything), ...Object.keys(ONE_MACHINE_POOLS)].filter((k) => !read.has(k))).toEqual([]);
  });

  it('leaves the shell its own variables: every $ in a script is written $$ (a single one compose would fill in)', () => {
    const compose = parse(composeText, { merge: true }) as Compose;
    const lone = Object.entries(compose.services).flatMap(([name, s]) =>
      [...(s.entrypoint ?? []), ...(s.command ?? [])].filter((part) => part.replace(/\$\$/g, '').includes('$')).map(() => name),
    );
    expect(lone).toEqual([]);
  });
});

describe('the check itself', () => {
  const changed = (from: string, to: string) => {
    expect(composeText).toContain(from);
    return differences(readCompose(composeText.replace(from, to)));
  };

  it('fails on a version bumped in the compose file only', () => {
    // The four server containers share one image line (x-temporal-server).
    expect(changed(TEMPORAL_IMAGES.server, 'temporalio/server:1.29.2')).toEqual(Array(CLUSTER_SERVICES.length).fill(expect.stringMatching(/image/)));
    expect(changed(TEMPORAL_IMAGES.ui, 'temporalio/ui:2.43.0')).toEqual([expect.stringMatching(/temporal-ui's image/)]);
  });

  it('fails on a variable renamed, a schema step, search attribute or service left out, another retention', () => {
    expect(changed('POSTGRES_PWD: temporal', 'POSTGRES_PASSWORD: temporal').length).toBe(CLUSTER_SERVICES.length);
    expect(changed('temporal-sql-tool --db temporal setup-schema -v 0.0\n', '')).toEqual([expect.stringMatching(/schema steps/)]);
    expect(changed('        retry temporal operator search-attribute create --namespace default --name Department --type KeywordList\n', '')).toEqual([
      expect.stringMatching(/CLI calls/),
    ]);
    expect(changed('--retention 72h', '--retention 24h')).toEqual([expect.stringMatching(/CLI calls/)]);
    expect(changed('TEMPORAL_SERVICE: matching', 'TEMPORAL_SERVICE: history')).toEqual([expect.stringMatching(/services the server containers run/)]);
  });
});
