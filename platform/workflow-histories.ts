// Workflow histories as files, for auditors and for the replay corpus (test/replay-corpus/).
//
// One file per workflow run, in the standard Temporal JSON history format: what the Temporal UI's
// "Download" button and `temporal workflow show --output json` write, and what
// `Worker.runReplayHistory` / `historyFromJSON` read (converted by ./history-json.ts, not by the
// SDK's own functions: see there why). Beside them a manifest.json says which
// workflow each file holds (id, run, type, status, times, event count, SHA-256 of the file), so an
// export can be checked for completeness and tampering later.
//
// Used by scripts/audit-export.ts, scripts/audit-replay.ts, scripts/record-replay-corpus.ts,
// test/integration/replay.test.ts and the API's history download and replay (api/routes/audit.ts):
// a history downloaded from the API is byte for byte the file audit:export writes.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { historyFromJSON, historyToJSON, type History } from './history-json.js';

export const MANIFEST = 'manifest.json';

export interface ManifestEntry {
  /** File name, relative to the manifest's directory. */
  file: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  status: string;
  startTime?: string;
  closeTime?: string;
  events: number;
  sha256: string;
  /** Recorded corpus only: which scenario produced it. */
  scenario?: string;
}

export interface Manifest {
  exportedAt: string;
  namespace: string;
  /** How the workflows were chosen: ids or a visibility query (or the corpus recorder). */
  selection: string;
  workflows: ManifestEntry[];
}

/** A workflow id made safe as a file name (ids are order-…, workorder-…; anything odd becomes _). */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 180);
}

/** Fetches one run's history with what describe() says about it. */
export async function fetchRun(client: Client, workflowId: string, runId?: string): Promise<{ info: WorkflowExecutionDescription; history: History }> {
  const handle = client.workflow.getHandle(workflowId, runId);
  const info = await handle.describe();
  // Pin the run describe() found, so history and description belong together.
  const history = await client.workflow.getHandle(workflowId, info.runId).fetchHistory();
  return { info, history };
}

/** Writes one history as `<file>` in `dir` and returns its manifest entry. */
export function writeHistory(
  dir: string,
  file: string,
  info: Pick<WorkflowExecutionDescription, 'workflowId' | 'runId' | 'type' | 'status' | 'startTime' | 'closeTime'>,
  history: History,
  scenario?: string,
): ManifestEntry {
  mkdirSync(dir, { recursive: true });
  const json = historyFileText(history);
  writeFileSync(join(dir, file), json);
  return {
    file,
    workflowId: info.workflowId,
    runId: info.runId,
    workflowType: info.type,
    status: info.status.name,
    startTime: info.startTime?.toISOString(),
    closeTime: info.closeTime?.toISOString(),
    events: history.events?.length ?? 0,
    sha256: createHash('sha256').update(json).digest('hex'),
    ...(scenario ? { scenario } : {}),
  };
}

/** A history as a file holds it: the standard JSON history format, with a final newline. */
export function historyFileText(history: History): string {
  return `${historyToJSON(history)}\n`;
}

/** A history file's text parsed and checked (it has events); throws with the reason otherwise. */
export function parseHistoryText(text: string): History {
  const history = JSON.parse(text) as { events?: unknown[] };
  if (!Array.isArray(history?.events) || history.events.length === 0) throw new Error('not a workflow history (no "events")');
  return historyFromJSON(history);
}

export function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return Array.isArray(m?.workflows) ? m : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

// ---- reading -----------------------------------------------------------------------------------

export interface HistoryFile {
  /** What a report calls it: the workflow id from the manifest, else the file name without .json. */
  id: string;
  path: string;
  history: History;
  /** From the manifest, when there is one. */
  entry?: ManifestEntry;
}

export interface UnreadableFile {
  id: string;
  path: string;
  reason: string;
}

/** History files under `paths` (files, or directories searched recursively); manifest.json files are read, not replayed. */
export function listHistoryFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else if (p.endsWith('.json') && basename(p) !== MANIFEST) {
      out.push(p);
    }
  };
  for (const p of paths) walk(resolve(p));
  return out;
}

function manifestEntryOf(path: string, cache: Map<string, Manifest | undefined>): ManifestEntry | undefined {
  const dir = dirname(path);
  if (!cache.has(dir)) cache.set(dir, readManifest(dir));
  return cache.get(dir)?.workflows.find((w) => w.file === basename(path));
}

/** Reads history files; what cannot be read or is not a history is reported, not thrown. */
export function readHistoryFiles(paths: string[]): { files: HistoryFile[]; unreadable: UnreadableFile[] } {
  const manifests = new Map<string, Manifest | undefined>();
  const files: HistoryFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const path of paths) {
    const entry = manifestEntryOf(path, manifests);
    const id = entry?.workflowId ?? basename(path).replace(/\.json$/, '');
    try {
      const text = readFileSync(path, 'utf8');
      const history = parseHistoryText(text);
      if (entry && createHash('sha256').update(text).digest('hex') !== entry.sha256)
        throw new Error(`the file does not match its SHA-256 in ${MANIFEST}: it was changed after the export`);
      // Parsed here, so a damaged file is reported as such instead of stopping the whole replay.
      files.push({ id, path, history, entry });
    } catch (err) {
      unreadable.push({ id, path, reason: `cannot read history ${shownPath(path)}: ${errorText(err)}` });
    }
  }
  return { files, unreadable };
}

// ---- replay ------------------------------------------------------------------------------------

export interface ReplayOutcome {
  id: string;
  runId?: string;
  ok: boolean;
  /** Why it failed: the kind of error and the SDK's details. */
  reason?: string;
}

/** A replay error as one line: its kind, and the details without the SDK's preamble. */
export function replayReason(err: Error): string {
  let details = err.message.includes('Details: ') ? err.message.slice(err.message.indexOf('Details: ') + 'Details: '.length) : err.message;
  // Core's failure comes as a Rust debug dump: keep its message, e.g. "[TMPRL1100] Nondeterminism
  // error: Activity type of scheduled event 'validateOrder' does not match … 'screenOrder'".
  const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(details);
  if (inner) details = inner[1]!.replace(/\\(.)/g, '$1');
  return `${err.name}: ${details.replace(/\s+/g, ' ').trim()}`;
}

/** An error's message with its causes' (gRPC errors put the server's reason in the cause). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const m = e instanceof Error ? e.message : String(e);
    if (m && !parts.some((p) => p.includes(m))) parts.push(m);
  }
  return parts.join(': ');
}

/** A path as a report shows it: relative to the working directory when under it. */
export function shownPath(path: string): string {
  const r = relative(process.cwd(), path);
  return r.startsWith('..') ? path : r;
}

/**
 * Replays histories against the workflow code of `options` (workflowsPath or workflowBundle), one
 * replay worker for all, and yields one outcome per history in order.
 */
export async function* replayHistories(
  options: ReplayWorkerOptions,
  histories: AsyncIterable<{ workflowId: string; history: unknown }> | Iterable<{ workflowId: string; history: unknown }>,
): AsyncGenerator<ReplayOutcome> {
  for await (const r of Worker.runReplayHistories(options, histories as Parameters<typeof Worker.runReplayHistories>[1])) {
    yield r.error ? { id: r.workflowId, runId: r.runId, ok: false, reason: replayReason(r.error) } : { id: r.workflowId, runId: r.runId, ok: true };
  }
}

/** Replays one history against the workflow code of `options`; the outcome, never a throw for a failed replay. */
export async function replayHistory(options: ReplayWorkerOptions, workflowId: string, history: History): Promise<ReplayOutcome> {
  try {
    await Worker.runReplayHistory(options, history, workflowId);
    return { id: workflowId, ok: true };
  } catch (err) {
    return { id: workflowId, ok: false, reason: replayReason(err instanceof Error ? err : new Error(String(err))) };
  }
}
