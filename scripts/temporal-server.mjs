// Finds or obtains what `npm run cluster` runs: the Temporal server, its SQL schema tool and the
// Temporal Web UI server, built from their Go modules (the versions the CLI embeds) into the cache,
// never into the clone; and the server module's own files the cluster is made from: the versioned
// PostgreSQL schemas and the configuration template (config/docker.yaml, which the cluster holds its
// copy, temporal-docker/config/docker.yaml, to). Node's built-ins only. First build: a few minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executable, findGo } from './executables.mjs';

// One place for the versions: the cluster's plan (platform/temporal-cluster-plan.ts) names the
// compose file's images after them, and a test holds the compose file to it.
const versions = JSON.parse(readFileSync(new URL('../platform/temporal-versions.json', import.meta.url), 'utf8'));
export const TEMPORAL_SERVER_VERSION = versions.server;
export const TEMPORAL_UI_VERSION = versions.ui;

/** `go install` of packages of one module@version into `binDir`; true when every binary is there. */
function goInstall(go, binDir, packages, version, binaries, log) {
  if (binaries.every((b) => executable(join(binDir, b)))) return true;
  mkdirSync(binDir, { recursive: true });
  log(`building ${packages.join(', ')} ${version} from the Go module into ${binDir} (first run only; takes a few minutes)`);
  const started = Date.now();
  const r = spawnSync(go, ['install', ...packages.map((p) => `${p}@${version}`)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  const ok = r.status === 0 && binaries.every((b) => existsSync(join(binDir, b)));
  if (ok) log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return ok;
}

/**
 * Paths of the server, the schema tool and the UI server, and of the server module (schemas,
 * configuration template). Throws a one-line reason when they cannot be had (no Go).
 */
export function ensureTemporalServer({ cacheDir, log = () => {} }) {
  const go = findGo();
  if (!go) throw new Error('npm run cluster builds the Temporal server from its Go module: install Go (https://go.dev/dl) or run `npm start` instead');
  const serverDir = join(cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const uiDir = join(cacheDir, `temporal-ui-${TEMPORAL_UI_VERSION}`);
  if (!goInstall(go, serverDir, ['go.temporal.io/server/cmd/server', 'go.temporal.io/server/cmd/tools/sql'], TEMPORAL_SERVER_VERSION, ['server', 'sql'], log)) {
    throw new Error(`building the Temporal server ${TEMPORAL_SERVER_VERSION} failed (see above)`);
  }
  if (!goInstall(go, uiDir, ['github.com/temporalio/ui-server/v2/cmd/server'], TEMPORAL_UI_VERSION, ['server'], log)) {
    throw new Error(`building the Temporal Web UI ${TEMPORAL_UI_VERSION} failed (see above)`);
  }
  const modCache = spawnSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  return {
    server: join(serverDir, 'server'),
    sqlTool: join(serverDir, 'sql'),
    ui: join(uiDir, 'server'),
    serverModule: join(modCache, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`),
    uiModule: join(modCache, `github.com/temporalio/ui-server/v2@${TEMPORAL_UI_VERSION}`),
  };
}

// Run directly: build (when needed) and print the paths.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { homedir } = await import('node:os');
  const cacheDir = process.env.TELECOM_CACHE_DIR ?? join(homedir(), '.cache', 'telecom-orch');
  console.log(JSON.stringify(ensureTemporalServer({ cacheDir, log: (m) => process.stderr.write(`[temporal-server] ${m}\n`) }), null, 2));
}
