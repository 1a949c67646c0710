// The worker's per-system limits (adapters/limits.ts) on a manual clock: the concurrency cap, the
// one-second window of starts, first come first served, giving up after maxWaitMs, and the adapters
// wrapped so a call that gave up is a transient adapter error.
import { describe, expect, it } from '@jest/globals';
import { Limiter, limitAdapters, type AdapterLimit, type LimiterClock } from '../../adapters/limits.js';
import { TransientAdapterError, type Adapters } from '../../adapters/index.js';

/** A clock that moves only when told, firing the timers due. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const clock: LimiterClock = {
    now: () => now,
    setTimer(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => void (t.live = false) };
    },
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      due.live = false;
      due.fn();
      await flush();
    }
    timers = timers.filter((t) => t.live);
    now = until;
    await flush();
  };
  return { clock, advance };
}
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A call that stays in flight until finished by hand. */
function gatedCalls() {
  const open: Array<() => void> = [];
  let started = 0;
  const call = () =>
    new Promise<string>((resolve) => {
      started += 1;
      open.push(() => resolve('done'));
    });
  return { call, finishOne: () => open.shift()!(), started: () => started, inFlight: () => open.length };
}

const limit = (l: Partial<AdapterLimit>): AdapterLimit => ({ maxConcurrent: 0, perSecond: 0, maxWaitMs: 0, ...l });

describe('adapter limiter', () => {
  it('never has more calls in flight than maxConcurrent; a finished call lets the next one in, in order', async () => {
    const { clock } = manualClock();
    const limiter = new Limiter(limit({ maxConcurrent: 2 }), clock);
    const g = gatedCalls();
    const order: number[] = [];
    const runs = [0, 1, 2, 3, 4].map((i) => limiter.run(() => g.call().then(() => order.push(i))));
    await flush();
    expect(g.started()).toBe(2);
    expect(limiter.queued).toBe(3);
    for (let left = 5; left > 0; left--) {
      expect(g.inFlight()).toBeLessThanOrEqual(2);
      g.finishOne();
      await flush();
    }
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.peakInFlight).toBe(2);
    expect(limiter.inFlight).toBe(0);
  });

  it('starts at most perSecond calls within any one second, the rest as the window slides', async () => {
    const { clock, advance } = manualClock();
    const limiter = new Limiter(limit({ perSecond: 3 }), clock);
    const startedAt: number[] = [];
    const runs = Array.from({ length: 7 }, () => limiter.run(async () => void startedAt.push(clock.now())));
    await flush();
    expect(startedAt).toEqual([0, 0, 0]);
    await advance(999);
    expect(startedAt).toHaveLength(3);
    await advance(1);
    expect(startedAt).toEqual([0, 0, 0, 1000, 1000, 1000]);
    await advance(1000);
    await Promise.all(runs);
    expect(startedAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    // Any one-second window holds at most 3 starts.
    for (const t of startedAt) expect(startedAt.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(3);
  });

  it('a call that does not get its turn within maxWaitMs gives up without running; the others go on', async () => {
    const { clock, advance } = manualClock();
    const limiter = new Limiter(limit({ maxConcurrent: 1, maxWaitMs: 500 }), clock);
    const g = gatedCalls();
    const first = limiter.run(g.call);
    let ran = false;
    const second = limiter.run(async () => void (ran = true));
    const secondFailed = expect(second).rejects.toMatchObject({ name: 'LimitWaitExceeded', waitedMs: 500 });
    await advance(500);
    await secondFailed;
    expect(ran).toBe(false);
    expect(limiter.gaveUp).toBe(1);
    const third = limiter.run(async () => 'third');
    g.finishOne();
    await expect(first).resolves.toBe('done');
    await expect(third).resolves.toBe('third');
  });

  it('a failing call frees its slot', async () => {
    const limiter = new Limiter(limit({ maxConcurrent: 1 }), manualClock().clock);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
    expect(limiter.inFlight).toBe(0);
  });

  it('0 means no limit', async () => {
    const limiter = new Limiter(limit({}), manualClock().clock);
    const g = gatedCalls();
    const runs = Array.from({ length: 50 }, () => limiter.run(g.call));
    await flush();
    expect(g.started()).toBe(50);
    while (g.inFlight()) g.finishOne();
    await Promise.all(runs);
  });
});

describe('limited adapters', () => {
  it("each system's calls share its limiter; a call that waited too long is a transient adapter error naming the system and operation", async () => {
    const { clock, advance } = manualClock();
    const g = gatedCalls();
    const fake = {
      billing: { activateSubscription: () => g.call(), getBalance: async () => ({ balanceCents: 1 }) },
      inventory: { reserve: async () => ({ reservationId: 'R-1' }) },
      network: {},
      notification: {},
    } as unknown as Adapters;
    const one = limit({ maxConcurrent: 1, maxWaitMs: 100 });
    const { adapters, limiters } = limitAdapters(fake, { billing: one, inventory: one, network: one, notification: one }, clock);
    const activation = adapters.billing.activateSubscription({} as never, 'k1');
    const balance = adapters.billing.getBalance('C-1');
    // Another system is not held up by billing's limit.
    await expect(adapters.inventory.reserve({} as never, 'k2')).resolves.toEqual({ reservationId: 'R-1' });
    const refused = expect(balance).rejects.toBeInstanceOf(TransientAdapterError);
    await advance(100);
    await refused;
    await expect(balance).rejects.toMatchObject({ system: 'billing', operation: 'getBalance', status: 429 });
    g.finishOne();
    await expect(activation).resolves.toBe('done');
    expect(limiters.billing.peakInFlight).toBe(1);
  });
});
