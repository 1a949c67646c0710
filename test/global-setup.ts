// Once per `npm test` run: starts test/environment.ts (Temporal dev server, database, workflow
// bundle) as a child process and hands its addresses to the test workers through the environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export default async function globalSetup() {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/environment.ts'], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  (globalThis as { __testEnvironment?: ChildProcess }).__testEnvironment = child;
  const line = await new Promise<string>((ok, fail) => {
    // Other output (the dev server's banner) passes through; our line is marked.
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (l) => (l.startsWith('TEST_ENVIRONMENT ') ? ok(l.slice('TEST_ENVIRONMENT '.length)) : process.stderr.write(`${l}\n`)));
    child.once('exit', (code) => fail(new Error(`the test environment exited with code ${code} before it was ready`)));
  });
  Object.assign(process.env, JSON.parse(line));
  process.stderr.write(`\n[test environment] Temporal ${process.env.TEST_TEMPORAL_ADDRESS}, ready in ${Date.now() - started} ms\n`);
}
