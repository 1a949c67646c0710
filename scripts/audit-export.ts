// `npm run audit:export`: writes the histories of chosen workflows as JSON files (the standard
// Temporal JSON history format), with a manifest.json, for auditors and for `npm run audit:replay`.
//
//   npm run audit:export -- --id order-<id> [--id workorder-<id> …] [--out dir]
//   npm run audit:export -- --query 'WorkflowType="orderFulfilment" AND StartTime > "2026-11-01T00:00:00Z"' [--limit 1000] [--out dir]
//
// --id exports the latest run of each workflow id; --query every run the visibility query matches
// (search attributes work too: LocalNetwork="dalian" AND OrderState="failed"). The default --out
// is ./audit-export. Files are named after the workflow id (a second run of the same id gets its
// run id in the name). The exit status is 1 when a workflow could not be exported.
//
// Connects like the worker and the API (platform/temporal.ts): TEMPORAL_ADDRESS (default: the
// `npm start` dev server), TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';
import { connectClient } from '../platform/temporal.js';
import { errorText, fetchRun, readManifest, safeName, writeHistory, writeManifest, type ManifestEntry } from './audit/histories.js';

const USAGE = `usage: npm run audit:export -- (--id <workflowId> … | --query '<visibility query>') [--out <dir>] [--limit <n>]`;

const { values } = parseArgs({
  options: {
    id: { type: 'string', multiple: true },
    query: { type: 'string' },
    out: { type: 'string', default: 'audit-export' },
    limit: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || (!values.id?.length && !values.query)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const limit = values.limit === undefined ? Infinity : Number(values.limit);
if (!(limit > 0)) {
  process.stderr.write(`--limit: expected a positive number\n${USAGE}\n`);
  process.exit(2);
}

const config = exitOnConfigError(loadConfig);
const outDir = resolve(values.out!);

/** The runs to export: the given ids (latest run each), then the query's matches. */
async function* selection(client: Client): AsyncGenerator<{ workflowId: string; runId?: string }> {
  for (const workflowId of values.id ?? []) yield { workflowId };
  if (values.query) {
    let n = 0;
    for await (const info of client.workflow.list({ query: values.query })) {
      if (n++ >= limit) return;
      yield { workflowId: info.workflowId, runId: info.runId };
    }
  }
}

const client = await connectClient(config).catch((err: Error) => {
  process.stderr.write(`cannot reach Temporal at ${config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`}: ${err.message}\n`);
  process.exit(1);
});

const entries: ManifestEntry[] = [];
const taken = new Set<string>();
const seenRuns = new Set<string>();
let failures = 0;
try {
  for await (const { workflowId, runId } of selection(client)) {
    try {
      const { info, history } = await fetchRun(client, workflowId, runId);
      if (seenRuns.has(info.runId)) continue; // an id given twice, or given and matched by the query
      seenRuns.add(info.runId);
      let file = `${safeName(workflowId)}.json`;
      if (taken.has(file)) file = `${safeName(workflowId)}.${safeName(info.runId)}.json`;
      taken.add(file);
      const entry = writeHistory(outDir, file, info, history);
      entries.push(entry);
      process.stdout.write(`exported ${workflowId} (${info.type}, ${info.status.name}, ${entry.events} events) → ${file}\n`);
    } catch (err) {
      failures += 1;
      process.stdout.write(`MISSING ${workflowId}${runId ? ` (run ${runId})` : ''}: ${errorText(err)}\n`);
    }
  }
} catch (err) {
  // The query itself was refused (bad syntax, unknown search attribute).
  process.stderr.write(`the visibility query failed: ${errorText(err)}\n`);
  failures += 1;
} finally {
  await client.connection.close();
}

if (entries.length) {
  // Exporting again into the same directory adds to its manifest (a file written again replaces its entry).
  const previous = readManifest(outDir);
  const written = new Set(entries.map((e) => e.file));
  const selection = [...(values.id ?? []).map((i) => `id ${i}`), ...(values.query ? [`query ${values.query}`] : [])].join('; ');
  writeManifest(outDir, {
    exportedAt: new Date().toISOString(),
    namespace: config.TEMPORAL_NAMESPACE,
    selection: previous ? `${previous.selection}; ${selection}` : selection,
    workflows: [...(previous?.workflows.filter((w) => !written.has(w.file)) ?? []), ...entries],
  });
}
process.stdout.write(`${entries.length} ${entries.length === 1 ? 'history' : 'histories'} exported to ${outDir}${failures ? `, ${failures} failed` : ''}\n`);
if (!entries.length && !failures) process.stdout.write('nothing matched\n');
process.exit(failures ? 1 : 0);
