// Runs a project script as `npm run` does (tsx), for tests of the commands.
import { spawn } from 'node:child_process';

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The script's exit status and output, with `env` on top of this process's environment and `stdin` as its input. */
export function runScript(script: string, args: string[], env: Record<string, string>, stdin?: string): Promise<ScriptResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
