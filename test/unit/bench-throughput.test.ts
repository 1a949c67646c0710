// The throughput benchmark's arithmetic (issue 18): a case's medians per kind of run, each step shape's
// ratios to both floors, the speed-up of local steps, CPU per workflow by kind; and a long run's rate
// minute by minute.
import { describe, expect, it } from '@jest/globals';
import type { ProcessStats, ThroughputCase } from '../../scripts/bench/results.js';
import { summarise } from '../../scripts/bench/sections/throughput.js';
import { summarize } from '../../scripts/bench/stats.js';
import { perMinuteRates, type LoopResult } from '../../scripts/bench/throughput.js';

const loop = (label: string, perSecond: number, finished = 100): LoopResult => ({
  label,
  workflows: finished,
  concurrency: 40,
  elapsedMs: (finished / perSecond) * 1000,
  perSecond,
  endToEnd: summarize([1, 2, 3]),
  outcomes: { completed: finished },
  errors: 0,
  errorSamples: [],
});
const stats = (run: string, cores: Record<string, number>, wallS = 10): ProcessStats => ({ run, wallS, cores, children: [], loadavg: [] });

function aCase(): ThroughputCase {
  return {
    shape: 'dev',
    workers: 1,
    stepShapes: ['local', 'queue'],
    runs: {
      'orders-local': [loop('dev-1w-orders-local-1', 20), loop('dev-1w-orders-local-2', 24), loop('dev-1w-orders-local-3', 22)],
      'orders-queue': [loop('dev-1w-orders-queue-1', 10), loop('dev-1w-orders-queue-2', 11), loop('dev-1w-orders-queue-3', 9)],
      floor: [loop('dev-1w-floor-1', 12)],
      'floor-local': [loop('dev-1w-floor-local-1', 25)],
    },
    medianPerSecond: {},
    ratio: {},
    hoursFor150k: {},
    cpuShare: {},
    cpuMsPerWorkflow: {},
    temporal: {},
    // A floor run's label is a prefix of no other kind's: each run's stats go to its own kind.
    processStats: [stats('dev-1w-orders-local-1', { worker: 0.5 }), stats('dev-1w-floor-1', { floor: 0.2 }), stats('dev-1w-floor-local-1', { floor: 0.1 })],
    events: [],
  };
}

describe('throughput benchmark: a case summarised', () => {
  it('takes each kind’s median, each step shape’s ratio to both floors and the speed-up of local steps', () => {
    const c = summarise(aCase());
    expect(c.medianPerSecond).toEqual({ 'orders-local': 22, 'orders-queue': 10, floor: 12, 'floor-local': 25 });
    expect(c.ratio.local).toEqual({ floor: 22 / 12, localFloor: 22 / 25, own: 22 / 25 });
    expect(c.ratio.queue).toEqual({ floor: 10 / 12, localFloor: 10 / 25, own: 10 / 12 });
    expect(c.speedUp).toBeCloseTo(2.2, 9);
    expect(c.hoursFor150k.local).toBeCloseTo(150_000 / 22 / 3600, 9);
  });

  it('counts CPU per finished workflow by kind, the local floor apart from the floor', () => {
    const c = summarise(aCase());
    expect(c.cpuMsPerWorkflow['orders-local']).toEqual({ worker: 50 });
    expect(c.cpuMsPerWorkflow.floor).toEqual({ floor: 20 });
    expect(c.cpuMsPerWorkflow['floor-local']).toEqual({ floor: 10 });
  });

  it('has no speed-up with one step shape', () => {
    const one = aCase();
    one.stepShapes = ['local'];
    delete one.runs['orders-queue'];
    const c = summarise(one);
    expect(c.speedUp).toBeUndefined();
    expect(Object.keys(c.ratio)).toEqual(['local']);
  });
});

describe('a long run, minute by minute', () => {
  it('gives each whole minute’s rate, and the last part minute’s over its own length when it lasted 10 s', () => {
    const at = [...Array.from({ length: 120 }, (_, i) => i * 500), ...Array.from({ length: 30 }, (_, i) => 60_000 + i * 2000), 121_000];
    expect(perMinuteRates(at, 135_000)).toEqual([2, 0.5, 1 / 15]);
    // A tail under 10 s is left out rather than shown as a spike or a dip.
    expect(perMinuteRates(at, 125_000)).toEqual([2, 0.5]);
    expect(perMinuteRates([], 5_000)).toEqual([]);
  });
});
