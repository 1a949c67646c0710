// The shared environment of a test run or of a recording (npm run corpus:record): harness/environment.ts
// (a Temporal dev server, a fresh database with the reference data, the workflow bundle) as a child
// process, its addresses handed on through process.env (TEST_TEMPORAL_ADDRESS, TEST_DATABASE_URL,
// TEST_WORKFLOW_BUNDLE) to startTestSystem. Run from the project's root (npm does). Node built-ins
// only, and no import.meta: Jest loads its global setup as CommonJS.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

// On globalThis: Jest may load its global setup and teardown as separate module instances.
const holder = globalThis as { __testEnvironment?: ChildProcess };

export async function startSharedEnvironment(): Promise<void> {
  // Several test projects' global setups ask for it (integration, browser): one environment for all.
  if (holder.__testEnvironment && holder.__testEnvironment.exitCode === null) return;
  const started = Date.now();
  const running = spawn(process.execPath, ['--import', 'tsx', 'harness/environment.ts'], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  holder.__testEnvironment = running;
  const line = await new Promise<string>((ok, fail) => {
    // Other output (the dev server's banner) passes through; our line is marked.
    const rl = createInterface({ input: running.stdout! });
    rl.on('line', (l) => (l.startsWith('TEST_ENVIRONMENT ') ? ok(l.slice('TEST_ENVIRONMENT '.length)) : process.stderr.write(`${l}\n`)));
    running.once('exit', (code) => fail(new Error(`the test environment exited with code ${code} before it was ready`)));
  });
  Object.assign(process.env, JSON.parse(line));
  process.stderr.write(`\n[test environment] Temporal ${process.env.TEST_TEMPORAL_ADDRESS}, ready in ${Date.now() - started} ms\n`);
}

export async function stopSharedEnvironment(): Promise<void> {
  const running = holder.__testEnvironment;
  if (!running || running.exitCode !== null) return;
  await new Promise<void>((done) => {
    running.once('exit', () => done());
    running.kill('SIGTERM');
    setTimeout(() => (running.kill('SIGKILL'), done()), 20_000).unref();
  });
}
