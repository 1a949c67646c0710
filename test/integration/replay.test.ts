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
  // A TMF621 v5 ticket: notes with the client's ids at intake and by merge-patch, reprioritize, the
  // customer's answer while pending, resolved, closed, reopened and closed again (no patch: the
  // workflow applies any admitted event; the path is new, so it is kept from here on).
  '2026-11-29-tmf-v5/workorder-tmf621-v5.workOrder.json',
  // A department's co-handling request (an event new in this release): the helper joins, is told, both
  // answer, the loop closes (no patch: only histories holding the new event reach its notification).
  '2026-12-co-handling/workorder-co-handling.workOrder.json',
  // A service request turned into a product order (patch service-request-order): the first order,
  // the work order's child, fails and hands it back to the centre; a second one completes and closes it.
  '2026-11-30-service-request/workorder-service-request-order.workOrder.json',
  '2026-11-30-service-request/workorder-service-request-order.orderFulfilment.json',
  '2026-11-30-service-request/workorder-service-request-order.completedOrder.json',
  // An enterprise batch order (contracts/batch-order.ts, a workflow new in this release): 7 lines, 5 per run —
  // the first run continues as new, one line refused by the network (partial); and a batch whose
  // remainder is cancelled while lines run (the running orders asked to cancel, the rest never started).
  '2026-11-30-batch/batch-order-partial-continue-as-new.firstRun.json',
  '2026-11-30-batch/batch-order-partial-continue-as-new.lastRun.json',
  '2026-11-30-batch/batch-order-cancel-remainder.batchOrder.json',
  // Change orders on seeded subscriptions (patch change-orders): a plan change, a suspension and its
  // resumption, a disconnection (final bill, number to quarantine), an ownership transfer, a relocation
  // with its installation work order, and a plan change cancelled while billing changed it (undone by reversing).
  '2026-11-30-change-orders/order-change-plan.orderFulfilment.json',
  '2026-11-30-change-orders/order-change-suspend-resume.suspension.json',
  '2026-11-30-change-orders/order-change-suspend-resume.resumption.json',
  '2026-11-30-change-orders/order-change-disconnect.orderFulfilment.json',
  '2026-11-30-change-orders/order-change-transfer.orderFulfilment.json',
  '2026-11-30-change-orders/order-change-relocation.orderFulfilment.json',
  '2026-11-30-change-orders/order-change-relocation.workOrder.json',
  '2026-11-30-change-orders/order-change-cancel-undo.orderFulfilment.json',
  // Dependent items (patch dependent-items): a data pack that waits for the order's new mobile line while
  // an independent item runs; and the line refused by the network, the pack never started.
  '2026-11-30-dependent-items/order-dependent-items.orderFulfilment.json',
  '2026-11-30-dependent-items/order-dependent-items-blocked.orderFulfilment.json',
  // Dunning (workflows new in this release, contracts/dunning.ts): the schedule's run that reminds, the run
  // after the notice that opens the case, the case (suspension order, the payment, resumption order), and
  // its two orders of the system channel (a barring modify, also of offerings that take no other modify).
  '2026-11-30-dunning/dunning-postpaid.reminderRun.json',
  '2026-11-30-dunning/dunning-postpaid.suspensionRun.json',
  '2026-11-30-dunning/dunning-postpaid.dunningCase.json',
  '2026-11-30-dunning/dunning-postpaid.suspension.json',
  '2026-11-30-dunning/dunning-postpaid.resumption.json',
  // Issue 15, calendars per year:
  // The holiday data of the work order's years taken at intake (patch calendar-per-year), its first
  // round's clock from the received time; reopened (the data kept), closed.
  '2026-11-30-calendars/calendar-received-earlier-reopened.workOrder.json',
  // Issue 15, intake (categories, roaming fault reports):
  // A billing dispute routed by its category (patch work-order-category), reopened and routed by it
  // again; a fault report taken where the customer roams, forwarded home (patch roaming-fault-reports).
  '2026-11-30-intake/intake-billing-dispute-reopened.workOrder.json',
  '2026-11-30-intake/intake-roaming-fault-report.workOrder.json',
  // Issue 15, urging and supervision by people, account managers:
  '2026-11-30-supervision/supervision-urge-supervise-account-manager.workOrder.json',
  // Issue 15, callbacks and quality checks:
  // A callback task opened each time the customer is told (patch callback-task): two rounds both
  // answered, and one closed by itself with the callback unanswered (noAnswer).
  '2026-11-30-callbacks/callback-tasks.answered.json',
  '2026-11-30-callbacks/callback-tasks.noAnswer.json',
  // Issue 15, the national centre's queue:
  '2026-11-30-national/national-complaint-direct.workOrder.json',
  '2026-11-30-national/national-hand-over.workOrder.json',
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
    expect(new Set(corpus.map(typeOf))).toEqual(new Set(['orderFulfilment', 'workOrder', 'batchOrder', 'dunningRun', 'dunningCase']));
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
      // The history's first command was validateOrder (since patch local-validation: that patch's marker);
      // the changed code asks for screenOrder.
      expect(o.reason).toMatch(/screenOrder|validateOrder|local-validation/);
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
