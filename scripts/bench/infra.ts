// The benchmark's plumbing: its own database, child processes, a keep-alive HTTP client, CPU sampling.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { ChildRole, ChildStats } from './child.js';

export { freePort } from '../../platform/net.js';

// ---- database ---------------------------------------------------------------------------------

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

// ---- child processes --------------------------------------------------------------------------

/** The environment the worker, API and simulator children run with, as in production. */
export function childEnvironment(o: {
  base: NodeJS.ProcessEnv;
  databaseUrl: string;
  temporalAddress: string;
  queuePrefix: string;
  simLatencyMs: number;
  bundlePath: string;
}): NodeJS.ProcessEnv {
  return {
    ...o.base,
    NODE_ENV: 'production',
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `${o.queuePrefix}-${randomUUID()}`,
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    // The load comes from one address and one principal at 40+ requests/s, and the fuzz drill fails
    // authentication on purpose: no rate limits.
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_PRINCIPAL: '0',
    RATE_LIMIT_AUTH_FAILURES: '0',
    SIMULATOR_LATENCY_MS: String(o.simLatencyMs),
    // The benchmark's event receiver listens on the loopback.
    EVENT_CALLBACK_HOSTS: '127.0.0.1',
    BENCH_WORKFLOW_BUNDLE: o.bundlePath,
  };
}

export interface BenchChild {
  role: ChildRole;
  process: ChildProcess;
  ready: Record<string, unknown>;
  call<T>(type: string): Promise<T>;
  stats(): Promise<ChildStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Forks scripts/bench/child.ts in `role`, its output appended to `logFile`; resolves when it is up. */
export function startChild(role: ChildRole, env: NodeJS.ProcessEnv, logFile: string, timeoutMs = 180_000): Promise<BenchChild> {
  const fd = openSync(logFile, 'a');
  // BENCH_CPU_PROF=api,worker writes V8 CPU profiles of those children next to their logs.
  const profile = (process.env.BENCH_CPU_PROF ?? '').split(',').includes(role) ? ['--cpu-prof', `--cpu-prof-dir=${dirname(logFile)}`] : [];
  const child = fork(childEntry, [role], {
    execArgv: ['--import', 'tsx', ...profile],
    cwd: dirname(dirname(dirname(childEntry))),
    env,
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  let nextId = 1;
  const pending = new Map<number, (body: unknown) => void>();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${role} did not start within ${timeoutMs / 1000} s (see ${logFile})`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited during start-up (code ${code}, signal ${signal}; see ${logFile})`));
    });
    child.on('message', (msg: { type: string; id?: number; body?: unknown }) => {
      if (msg.type === 'reply') pending.get(msg.id!)?.(msg.body);
      else if (msg.type === 'failed') reject(new Error(`${role} failed to start: ${String(msg.body)} (see ${logFile})`));
      else if (msg.type === 'ready') {
        clearTimeout(timer);
        const call = <T>(type: string) =>
          new Promise<T>((ok, fail) => {
            if (!child.connected) return fail(new Error(`${role} is gone`));
            const id = nextId++;
            const t = setTimeout(() => (pending.delete(id), fail(new Error(`${role} did not answer ${type}`))), 10_000);
            pending.set(id, (body) => (clearTimeout(t), pending.delete(id), ok(body as T)));
            child.send({ type, id });
          });
        resolve({
          role,
          process: child,
          ready: msg.body as Record<string, unknown>,
          call,
          stats: () => call<ChildStats>('stats'),
          resetStats: () => call<void>('stats-reset'),
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            if (child.connected) child.send({ type: 'stop' });
            const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
            await exited;
            clearTimeout(kill);
          },
        });
      }
    });
  });
}

// ---- HTTP -------------------------------------------------------------------------------------

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request over a keep-alive agent; network errors reject. */
export function httpRequest(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  timeoutMs = 30_000,
): Promise<HttpResult> {
  return new Promise((ok, fail) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', fail);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(body);
  });
}

// ---- open-loop load -------------------------------------------------------------------------------

export interface Sample {
  /** ms from the run's start at which the request was due (the schedule). */
  scheduledMs: number;
  /** ms the request actually left after it was due (generator lag). */
  sendLagMs: number;
  /** ms from the scheduled time to the end of the response (includes any generator lag: no coordinated omission). */
  latencyMs: number;
  /** ms from the actual send to the end of the response. */
  serviceMs: number;
  status: number;
  error?: string;
}

/**
 * Fires `count` requests at a fixed `ratePerSec`, each at its scheduled instant, whether or not earlier ones
 * have answered (open loop). `fire(i)` performs request i and returns its status.
 */
export async function openLoop(count: number, ratePerSec: number, fire: (i: number) => Promise<number>): Promise<Sample[]> {
  const interval = 1000 / ratePerSec;
  const samples = new Array<Sample>(count);
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  let i = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now() - t0;
      while (i < count && i * interval <= now) {
        const n = i++;
        const scheduled = n * interval;
        const sent = performance.now() - t0;
        inflight.push(
          fire(n).then(
            (status) => {
              const end = performance.now() - t0;
              samples[n] = { scheduledMs: scheduled, sendLagMs: sent - scheduled, latencyMs: end - scheduled, serviceMs: end - sent, status };
            },
            (err: unknown) => {
              const end = performance.now() - t0;
              samples[n] = {
                scheduledMs: scheduled,
                sendLagMs: sent - scheduled,
                latencyMs: end - scheduled,
                serviceMs: end - sent,
                status: 0,
                error: err instanceof Error ? err.message : String(err),
              };
            },
          ),
        );
      }
      if (i >= count) return done();
      // Wake a little early and spin through the rest on the next tick: timers are coarse.
      setTimeout(tick, Math.max(0, i * interval - (performance.now() - t0) - 1));
    };
    tick();
  });
  await Promise.all(inflight);
  return samples;
}

// ---- CPU ----------------------------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux
export const OTHERS = 'other processes (not this benchmark)';

interface ProcInfo {
  ppid: number;
  comm: string;
  ticks: number;
}

function readProcs(): Map<number, ProcInfo> {
  const out = new Map<number, ProcInfo>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      out.set(Number(pid), { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Where the machine's CPU went between start and stop, in cores (1 = one core busy the whole time):
 * this process (the load generator), each child role with its descendants (the Temporal CLI is the
 * `temporal` child's), PostgreSQL (every backend, other users' too) and everything else on the box.
 */
export function cpuBreakdown(roles: () => Map<number, string>) {
  const startProcs = readProcs();
  const startMachine = machineCpu();
  const started = performance.now();
  return {
    stop(): { wallS: number; machineBusy?: number; cores: Record<string, number> } {
      const end = readProcs();
      const wallMs = performance.now() - started;
      const roleOf = new Map<number, string>(roles());
      roleOf.set(process.pid, 'bench (load generator)');
      const classify = (pid: number, info: ProcInfo): string => {
        for (let p = pid, hops = 0; p > 1 && hops < 20; hops++) {
          const r = roleOf.get(p);
          if (r) return r;
          p = (end.get(p) ?? startProcs.get(p))?.ppid ?? 0;
        }
        return info.comm === 'postgres' ? 'postgres (all backends)' : OTHERS;
      };
      const cores: Record<string, number> = {};
      for (const [pid, info] of end) {
        const before = startProcs.get(pid);
        const ticks = info.ticks - (before && before.comm === info.comm ? before.ticks : 0);
        if (ticks <= 0) continue;
        const k = classify(pid, info);
        cores[k] = (cores[k] ?? 0) + (ticks * TICK_MS) / wallMs;
      }
      // Other processes: what the machine was busy with beyond the groups above (other users' processes,
      // short-lived ones, kernel work), rather than a sum that misses processes gone before the end.
      const machineBusy = startMachine.busy();
      if (machineBusy !== undefined) {
        const ours = Object.entries(cores)
          .filter(([k]) => k !== OTHERS)
          .reduce((a, [, v]) => a + v, 0);
        cores[OTHERS] = Math.max(0, machineBusy * cpus().length - ours);
      }
      return { wallS: wallMs / 1000, machineBusy, cores };
    },
  };
}

/** Busy share of the whole machine between start() and stop(), from /proc/stat (Linux). */
export function machineCpu() {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      const idle = f[3]! + (f[4] ?? 0);
      const total = f.reduce((a, b) => a + b, 0);
      return { idle, total };
    } catch {
      return undefined;
    }
  };
  const start = read();
  return {
    /** 0..1 of all cores, or undefined off Linux. */
    busy(): number | undefined {
      const end = read();
      if (!start || !end || end.total === start.total) return undefined;
      return 1 - (end.idle - start.idle) / (end.total - start.total);
    },
  };
}

/** POST /productOrder as a client of the benchmark does: its token, and an Idempotency-Key per order. */
export function postOrder(
  agent: http.Agent,
  to: { port: number; token: string; idempotencyPrefix: string },
  i: number,
  body: unknown,
  timeoutMs?: number,
): Promise<HttpResult> {
  return httpRequest(
    agent,
    to.port,
    'POST',
    '/productOrder',
    { authorization: `Bearer ${to.token}`, 'idempotency-key': `${to.idempotencyPrefix}-${i}` },
    JSON.stringify(body),
    timeoutMs,
  );
}
