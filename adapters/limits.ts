// The worker's limits on each back-end system: calls in flight at once and calls started per second.
// While every adapter call was an activity, the task queue and the worker's activity slots bounded
// what billing saw; local activities run inside workflow tasks, so the bound is kept here instead,
// around the adapters themselves (one limiter per system, per worker process: N workers let N times
// as much through). A call that cannot get its turn within maxWaitMs fails as transient, as a 429
// from the system would: the step's retry policy backs off and asks again, and nothing queues forever.
import { TransientAdapterError } from './errors.js';
import type { Adapters } from './types.js';

export interface AdapterLimit {
  /** Calls in flight at once; 0: no limit. */
  maxConcurrent: number;
  /** Calls started within any one second; 0: no limit. */
  perSecond: number;
  /** How long a call waits for its turn before failing as transient; 0: as long as it takes. */
  maxWaitMs: number;
}

export type AdapterSystem = keyof Adapters;
export type AdapterLimits = Record<AdapterSystem, AdapterLimit>;

/** Time, injectable so the logic is tested without waiting. */
export interface LimiterClock {
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

const systemClock: LimiterClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** A call gave up waiting for its turn. */
export class LimitWaitExceeded extends Error {
  constructor(readonly waitedMs: number) {
    super(`no turn within ${Math.round(waitedMs)} ms`);
    this.name = 'LimitWaitExceeded';
  }
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
  expiry?: { cancel(): void };
}

const WINDOW_MS = 1000;

/** First come, first served: a concurrency cap and a sliding one-second window of starts. */
export class Limiter {
  private active = 0;
  /** Start times within the last second, oldest first (kept only under a rate limit). */
  private readonly starts: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer?: { cancel(): void };
  /** The most calls ever in flight at once (for tests and the benchmark). */
  peakInFlight = 0;
  /** Calls that gave up waiting. */
  gaveUp = 0;

  constructor(
    readonly limit: AdapterLimit,
    private readonly clock: LimiterClock = systemClock,
  ) {}

  get inFlight(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs fn in its turn; rejects with LimitWaitExceeded (fn never called) when the turn does not come in time. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.pump();
    }
  }

  private acquire(): Promise<void> {
    if (this.waiting.length === 0 && this.delay() === 0) {
      this.start();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      const { maxWaitMs } = this.limit;
      if (maxWaitMs > 0) {
        waiter.expiry = this.clock.setTimer(() => {
          const i = this.waiting.indexOf(waiter);
          if (i < 0) return;
          this.waiting.splice(i, 1);
          this.gaveUp += 1;
          reject(new LimitWaitExceeded(maxWaitMs));
        }, maxWaitMs);
      }
      this.waiting.push(waiter);
      this.pump();
    });
  }

  /** How long until the next call may start: 0 now, Infinity until a call in flight ends. */
  private delay(): number {
    const { maxConcurrent, perSecond } = this.limit;
    if (maxConcurrent > 0 && this.active >= maxConcurrent) return Infinity;
    if (perSecond > 0) {
      const now = this.clock.now();
      while (this.starts.length && this.starts[0]! <= now - WINDOW_MS) this.starts.shift();
      if (this.starts.length >= perSecond) return this.starts[0]! + WINDOW_MS - now;
    }
    return 0;
  }

  private start(): void {
    this.active += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.active);
    if (this.limit.perSecond > 0) this.starts.push(this.clock.now());
  }

  /** Lets waiting calls go while the limits allow; wakes itself when the window next has room. */
  private pump(): void {
    this.timer?.cancel();
    this.timer = undefined;
    while (this.waiting.length) {
      const d = this.delay();
      if (d === Infinity) return;
      if (d > 0) {
        this.timer = this.clock.setTimer(() => this.pump(), d);
        return;
      }
      const next = this.waiting.shift()!;
      next.expiry?.cancel();
      this.start();
      next.resolve();
    }
  }
}

/**
 * The adapters with every call of each system through that system's limiter. A call that waited too
 * long fails as a TransientAdapterError (retried by the step's policy, like the system's own 429).
 */
export function limitAdapters(
  adapters: Adapters,
  limits: AdapterLimits,
  clock?: LimiterClock,
): { adapters: Adapters; limiters: Record<AdapterSystem, Limiter> } {
  const limiters = {} as Record<AdapterSystem, Limiter>;
  const limited = {} as Record<AdapterSystem, unknown>;
  for (const system of Object.keys(adapters) as AdapterSystem[]) {
    const limiter = new Limiter(limits[system], clock);
    limiters[system] = limiter;
    const adapter = adapters[system] as unknown as Record<string, unknown>;
    limited[system] = Object.fromEntries(
      Object.entries(adapter).map(([operation, fn]) => [
        operation,
        typeof fn !== 'function'
          ? fn
          : (...args: unknown[]) =>
              limiter
                .run(() => (fn as (...a: unknown[]) => Promise<unknown>).apply(adapter, args))
                .catch((err: unknown) => {
                  if (err instanceof LimitWaitExceeded) {
                    throw new TransientAdapterError(system, operation, `throttled in the worker: ${err.message} (its ${system} limit)`, 429);
                  }
                  throw err;
                }),
      ]),
    );
  }
  return { adapters: limited as unknown as Adapters, limiters };
}
