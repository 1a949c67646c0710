// Determinism guard: every history in test/replay-corpus/ (recorded from real runs by
// `npm run corpus:record`) must replay against the current workflow code. A change to a workflow
// that would break the runs already in flight fails here, before it reaches a worker.
//
// And the versioning policy, demonstrated: the same change to orderFulfilment (a new step before
// validation, test/replay-fixtures/) fails the replay when simply inserted, and passes behind
// patched().
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { bundleWorkflowCode, makeTelemetryFilterString, Runtime, type ReplayWorkerOptions } from '@temporalio/worker';
import { createLogger, temporalLogger } from '../../platform/logger.js';
import { listHistoryFiles, readHistoryFiles, replayHistories, type HistoryFile, type ReplayOutcome } from '../../scripts/audit/histories.js';

const corpusDir = fileURLToPath(new URL('../replay-corpus/', import.meta.url));
const fixtures = fileURLToPath(new URL('../replay-fixtures/', import.meta.url));
const { files: corpus, unreadable } = readHistoryFiles(listHistoryFiles([corpusDir]));
const nameOf = (f: HistoryFile) => relative(corpusDir, f.path);
const typeOf = (f: HistoryFile) => f.entry?.workflowType;

/**
 * What the corpus must keep covering: every workflow type and its main paths, as recorded before
 * each patch (the top folder) and after it (a folder per release that patched a workflow).
 */
const RELEASES = ['', '2026-11/', '2026-11-29/'];
const PATHS = [
  'order-happy-path.orderFulfilment.json',
  'order-field-installation.orderFulfilment.json',
  'order-field-installation.workOrder.json',
  'order-compensation-credit-refused.orderFulfilment.json',
  'order-cancel-during-network.orderFulfilment.json',
  'order-cancel-during-installation.orderFulfilment.json',
  'order-cancel-during-installation.workOrder.json',
  'order-amend-before-point-of-no-return.orderFulfilment.json',
  'workorder-closed-loop-satisfied.workOrder.json',
  'workorder-reopen-after-unsatisfied.workOrder.json',
  'workorder-sla-escalation.workOrder.json',
  'workorder-auto-close.workOrder.json',
];
/** Paths that only a later release has: the code before it could not take them. */
const NEW_PATHS = [
  // A cancel while billing was activated: billing undone (patch cancel-undoes-finished-step).
  '2026-11-29/order-cancel-during-billing.orderFulfilment.json',
  // An installation not done at the first appointment, done at the second, then closed
  // (patches reschedule-installation, close-installation).
  '2026-11-29/order-field-installation-rescheduled.orderFulfilment.json',
  '2026-11-29/order-field-installation-rescheduled.workOrder.json',
];
const REQUIRED = [...RELEASES.flatMap((r) => PATHS.map((p) => `${r}${p}`)), ...NEW_PATHS];

beforeAll(() => {
  // The SDK logs a replay's nondeterminism as well; the assertions below say what matters.
  try {
    Runtime.install({
      logger: temporalLogger(createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'replay-test')),
      // Core's own log stays on the console, errors only (forwarding it would hold the process open).
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
    });
  } catch {
    // already installed in this test process
  }
});

/** Replays `files` against `options`' workflow code; outcomes by corpus file name. */
async function replay(options: ReplayWorkerOptions, files: HistoryFile[]): Promise<Map<string, ReplayOutcome>> {
  const out = new Map<string, ReplayOutcome>();
  for await (const o of replayHistories(
    options,
    files.map((f) => ({ workflowId: nameOf(f), history: f.history })),
  ))
    out.set(o.id, o);
  return out;
}

describe('the replay corpus', () => {
  let outcomes: Map<string, ReplayOutcome>;
  beforeAll(async () => {
    const started = Date.now();
    outcomes = await replay({ workflowBundle: { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') } }, corpus);
    process.stderr.write(`[replay] ${corpus.length} corpus histories replayed in ${Date.now() - started} ms\n`);
  });

  it('covers every workflow type and main path, and every file is a readable, unaltered history', () => {
    expect(unreadable).toEqual([]);
    expect(corpus.map(nameOf)).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(corpus.map(typeOf))).toEqual(new Set(['orderFulfilment', 'workOrder']));
  });

  // (An emptied corpus still yields one failing case, not a collection error.)
  it.each(corpus.length ? corpus.map((f) => [nameOf(f)]) : [['(the corpus is empty)']])('%s replays against the current workflow code', (name) => {
    const o = outcomes.get(name);
    expect(o).toBeDefined();
    // On failure the reason names the command the code now gives where the history has another.
    expect(o!.reason).toBeUndefined();
    expect(o!.ok).toBe(true);
  });
});

describe('versioning policy: a change to a running workflow goes behind patched()', () => {
  const orders = corpus.filter((f) => typeOf(f) === 'orderFulfilment');
  const others = corpus.filter((f) => typeOf(f) !== 'orderFulfilment');
  let unpatched: ReplayWorkerOptions;
  let patched: ReplayWorkerOptions;

  beforeAll(async () => {
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
    const [u, p] = await Promise.all(['unpatched', 'patched'].map((v) => bundleWorkflowCode({ workflowsPath: join(fixtures, v, 'index.ts'), logger: quiet })));
    unpatched = { workflowBundle: u! };
    patched = { workflowBundle: p! };
  });

  it('the change made without patching fails the replay of every order history with a DeterminismViolation', async () => {
    expect(orders.length).toBeGreaterThanOrEqual(5);
    const outcomes = await replay(unpatched, corpus);
    for (const f of orders) {
      const o = outcomes.get(nameOf(f))!;
      expect({ file: nameOf(f), ok: o.ok }).toEqual({ file: nameOf(f), ok: false });
      expect(o.reason).toMatch(/^DeterminismViolationError: /);
      // The history scheduled validateOrder first; the changed code asks for screenOrder.
      expect(o.reason).toMatch(/screenOrder|validateOrder/);
    }
    // Workflows the change does not touch still replay.
    for (const f of others) expect({ file: nameOf(f), ok: outcomes.get(nameOf(f))!.ok }).toEqual({ file: nameOf(f), ok: true });
  });

  it('the same change behind patched() replays every history', async () => {
    const outcomes = await replay(patched, corpus);
    expect([...outcomes.values()].filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.size).toBe(corpus.length);
  });
});
