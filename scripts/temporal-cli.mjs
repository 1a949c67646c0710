// Finds or obtains the Temporal CLI (which embeds the dev server and the Web UI), with Node's
// built-ins only. Order of preference:
//   1. TEMPORAL_CLI_PATH, or a `temporal` on PATH, used as it is;
//   2. a copy cached earlier under the cache dir;
//   3. built from its Go module where Go is installed (v1.5.1 is the newest tag whose go.mod has no
//      `replace` directive, which `go install` refuses);
//   4. otherwise the Temporal SDK's own download (the path for a user with internet and no Go).
// The binary lives outside the clone and is never committed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { executable, findGo, onPath } from './executables.mjs';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** Resolves to the path of a runnable `temporal` binary, or to 'download' when the SDK must fetch one. */
export async function ensureTemporalCli({ cacheDir, log = () => {} }) {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) {
    if (configured === 'download' || executable(configured)) return configured;
    throw new Error(`TEMPORAL_CLI_PATH=${configured} is not an executable file`);
  }
  const found = onPath('temporal');
  if (found) return found;

  const binDir = join(cacheDir, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const cached = join(binDir, 'temporal');
  if (executable(cached)) return cached;

  const go = findGo();
  if (go) {
    log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} from its Go module into ${binDir} (first run only; takes a few minutes)`);
    mkdirSync(binDir, { recursive: true });
    const started = Date.now();
    const r = spawnSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    });
    if (r.status === 0 && existsSync(cached)) {
      log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s`);
      return cached;
    }
    log('building the Temporal CLI failed; falling back to the SDK download');
  }
  return 'download';
}

// Run directly: print the path (used by CI and by people who want the binary).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { homedir } = await import('node:os');
  const cacheDir = process.env.TELECOM_CACHE_DIR ?? join(homedir(), '.cache', 'telecom-orch');
  console.log(await ensureTemporalCli({ cacheDir, log: (m) => process.stderr.write(`[temporal-cli] ${m}\n`) }));
}
