import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown() {
  const child = (globalThis as { __testEnvironment?: ChildProcess }).__testEnvironment;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => (child.kill('SIGKILL'), done()), 20_000).unref();
  });
}
