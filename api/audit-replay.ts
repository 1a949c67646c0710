// The server-side replay of one workflow history against the workflow code this release deploys
// (POST /audit/replay): the auditor's "does today's code still explain what happened?", without a
// checkout. The same bundle the worker runs (platform/workflow-bundle.ts), built once per process on
// the first replay and kept; the same replay as `npm run audit:replay` (platform/workflow-histories.ts).
//
// A replay costs CPU (a V8 isolate runs the workflow code over every event), so the work is bounded
// per process: one replay at a time, a few waiting behind it; more is a 429 with Retry-After. A replay
// slower than the time limit is answered 503 (it keeps its slot until it really ends, so a slow
// replay cannot pile others up behind it), and so is a bundle that cannot be built.
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from '../platform/logger.js';
import { temporalLogger } from '../platform/logger.js';
import { bundleWorkflows } from '../platform/workflow-bundle.js';
import { replayHistory } from '../platform/workflow-histories.js';
import type { History } from '../platform/history-json.js';
import { ProblemError } from './problem.js';

export interface ReplayResult {
  ok: boolean;
  /** Events of the history replayed. */
  events: number;
  /** How long the replay took (without the wait for a slot or the one-off bundle build). */
  ms: number;
  /** Why it failed: the SDK's error kind and its details, e.g. a DeterminismViolationError naming the command. */
  error?: string;
}

export interface ReplayLimits {
  /** Replays waiting for the running one; more are refused (429). */
  maxWaiting: number;
  /** A replay's time limit, wait excluded (503 past it). */
  timeoutMs: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayLimits = { maxWaiting: 3, timeoutMs: 60_000 };

const busy = (detail: string, retryAfterSeconds: number, status = 429) =>
  new ProblemError(status, status === 429 ? 'Too Many Requests' : 'Service Unavailable', detail, undefined, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

// ---- per process ----------------------------------------------------------------------------------

let bundle: Promise<string> | undefined;
let running = false;
const waiting: Array<() => void> = [];
let runtimeChecked = false;

/** The worker's workflow bundle, built on first use; a failed build is tried again next time. */
function deployedBundle(logger: Logger): Promise<string> {
  bundle ??= bundleWorkflows((m) => logger.error({ bundler: m }, 'workflow bundle')).catch((err: unknown) => {
    bundle = undefined;
    logger.error({ err }, 'cannot bundle the workflow code for replays');
    throw busy('the workflow code could not be bundled for a replay; try again later', 30, 503);
  });
  return bundle;
}

/**
 * The SDK's runtime logs through pino (the API's logger), with the core's own log at errors only: a
 * replay's nondeterminism is the answer, not a warning for the operators. A process that installed a
 * runtime already (a test process, the worker) keeps its own.
 */
function ensureRuntime(logger: Logger): void {
  if (runtimeChecked) return;
  runtimeChecked = true;
  try {
    Runtime.install({
      logger: temporalLogger(logger),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
    });
  } catch {
    // installed already
  }
}

async function slot(limits: ReplayLimits): Promise<() => void> {
  if (running) {
    if (waiting.length >= limits.maxWaiting) throw busy(`a replay is running and ${waiting.length} are waiting; try again shortly`, 5);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running = true;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running = false;
  };
}

/** Replays `history` (of `workflowId`) against the deployed workflow code, within this process's bounds. */
export async function replayAgainstDeployedCode(
  workflowId: string,
  history: History,
  logger: Logger,
  limits: ReplayLimits = DEFAULT_REPLAY_LIMITS,
): Promise<ReplayResult> {
  ensureRuntime(logger);
  const code = await deployedBundle(logger);
  const release = await slot(limits);
  const started = Date.now();
  const replay = replayHistory({ workflowBundle: { code } }, workflowId, history).finally(release);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(busy(`the replay of ${workflowId} did not finish within ${Math.round(limits.timeoutMs / 1000)} s`, 30, 503)),
      limits.timeoutMs,
    );
  });
  try {
    const outcome = await Promise.race([replay, timedOut]);
    const events = history.events?.length ?? 0;
    return { ok: outcome.ok, events, ms: Date.now() - started, ...(outcome.ok ? {} : { error: outcome.reason }) };
  } finally {
    clearTimeout(timer);
  }
}
