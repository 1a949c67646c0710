// `npm run audit:replay`: replays workflow histories against the CURRENT workflow code and says,
// per workflow, whether today's code still explains what happened.
//
//   npm run audit:replay -- --dir audit-export            (files written by audit:export; recursive)
//   npm run audit:replay -- path/to/one.json other.json
//   npm run audit:replay -- --query 'WorkflowType="orderFulfilment" AND CloseTime > "2026-11-01T00:00:00Z"' [--limit 500]
//   npm run audit:replay -- --dir test/replay-corpus --bundle /tmp/workflow-bundle.js
//
// Prints `PASS <id>` or `FAIL <id>: <reason>` per workflow (the id is the workflow id, from the
// directory's manifest.json, or the file name), then a summary line. Exit status: 0 when every
// history replayed cleanly, 1 when any failed or could not be read or fetched, or when there was
// nothing to replay; 2 for bad arguments. The workflow code is platform/workflow-bundle.ts's workflowsPath
// (bundled at start, a few seconds) unless --bundle names a prebuilt bundle. --query reaches
// Temporal like the worker does (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, …). --verbose adds run ids,
// file names and the SDK's own log.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { makeTelemetryFilterString, Runtime, type ReplayWorkerOptions } from '@temporalio/worker';
import { loadConfig } from '../platform/config.js';
import { createLogger, temporalLogger } from '../platform/logger.js';
import { exitOnConfigError } from '../platform/process.js';
import { connectClient } from '../platform/temporal.js';
import { workflowBundlerOptions, workflowsPath } from '../platform/workflow-bundle.js';
import type { History } from './audit/history-json.js';
import { errorText, listHistoryFiles, readHistoryFiles, replayHistories, shownPath, type ReplayOutcome } from './audit/histories.js';

const USAGE = `usage: npm run audit:replay -- [--dir <dir> …] [files …] [--query '<visibility query>' [--limit <n>]] [--bundle <workflow-bundle.js>] [--verbose]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', multiple: true },
    query: { type: 'string' },
    limit: { type: 'string' },
    bundle: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const paths = [...(values.dir ?? []), ...positionals];
if (values.help || (!paths.length && !values.query)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const limit = values.limit === undefined ? Infinity : Number(values.limit);
if (!(limit > 0)) {
  process.stderr.write(`--limit: expected a positive number\n${USAGE}\n`);
  process.exit(2);
}

// The SDK logs a replay's nondeterminism as a warning as well; the report below says it once.
Runtime.install({
  logger: temporalLogger(createLogger(values.verbose ? 'info' : 'silent', 'audit-replay')),
  telemetryOptions: {
    logging: values.verbose ? { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } : { filter: makeTelemetryFilterString({ core: 'ERROR' }) },
  },
});

const outcomes: ReplayOutcome[] = [];
const report = (o: ReplayOutcome, where?: string) => {
  outcomes.push(o);
  const extra = values.verbose ? ` (${[o.runId && `run ${o.runId}`, where].filter(Boolean).join(', ')})` : '';
  process.stdout.write(o.ok ? `PASS ${o.id}${extra}\n` : `FAIL ${o.id}${extra}: ${o.reason}\n`);
};

// ---- what to replay ------------------------------------------------------------------------------

let fileOf = new Map<string, string>();
function* fromFiles(): Generator<{ workflowId: string; history: History }> {
  let files: string[];
  try {
    files = listHistoryFiles(paths);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const { files: readable, unreadable } = readHistoryFiles(files);
  for (const u of unreadable) report({ id: u.id, ok: false, reason: u.reason }, shownPath(u.path));
  fileOf = new Map(readable.map((f) => [f.id, shownPath(f.path)]));
  for (const f of readable) yield { workflowId: f.id, history: f.history };
}

/** The query's runs with their histories, fetched a few at a time, in the order listed. */
async function* fromQuery(client: Client): AsyncGenerator<{ workflowId: string; history: History }> {
  const ahead: Array<{ workflowId: string; runId: string; fetched: Promise<History> }> = [];
  const drain = async function* () {
    const next = ahead.shift()!;
    try {
      yield { workflowId: next.workflowId, history: await next.fetched };
    } catch (err) {
      report({ id: next.workflowId, runId: next.runId, ok: false, reason: `cannot fetch the history: ${errorText(err)}` });
    }
  };
  let n = 0;
  try {
    for await (const info of client.workflow.list({ query: values.query! })) {
      if (n++ >= limit) break;
      const fetched = client.workflow.getHandle(info.workflowId, info.runId).fetchHistory();
      fetched.catch(() => {}); // reported when its turn comes
      ahead.push({ workflowId: info.workflowId, runId: info.runId, fetched });
      if (ahead.length >= 5) yield* drain();
    }
  } catch (err) {
    report({ id: `query ${values.query}`, ok: false, reason: `the visibility query failed: ${errorText(err)}` });
  }
  while (ahead.length) yield* drain();
}

async function* sources(client?: Client) {
  if (paths.length) yield* fromFiles();
  if (client) yield* fromQuery(client);
}

// ---- replay --------------------------------------------------------------------------------------

const options: ReplayWorkerOptions = values.bundle
  ? { workflowBundle: { code: readFileSync(values.bundle, 'utf8') } }
  : { workflowsPath, bundlerOptions: workflowBundlerOptions };
let client: Client | undefined;
if (values.query) {
  const config = exitOnConfigError(loadConfig);
  client = await connectClient(config).catch((err: Error) => {
    process.stderr.write(`cannot reach Temporal at ${config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`}: ${err.message}\n`);
    process.exit(1);
  });
}
const started = Date.now();
try {
  for await (const o of replayHistories(options, sources(client))) report(o, fileOf.get(o.id));
} finally {
  await client?.connection.close();
}

const failed = outcomes.filter((o) => !o.ok).length;
const passed = outcomes.length - failed;
process.stdout.write(
  `${outcomes.length} checked against the current workflow code in ${((Date.now() - started) / 1000).toFixed(1)} s: ${passed} passed, ${failed} failed\n`,
);
if (!outcomes.length) process.stdout.write('nothing to replay\n');
process.exit(failed || !outcomes.length ? 1 : 0);
