// Benchmark 7: an enterprise batch order of BENCH_BATCH_LINES (1,000) mobile lines through
// POST /productOrderBatch, each line an order of its own run by the batch workflow as a child, some
// lines at a time, the batch continuing as new every few lines. Per run, on a fresh Temporal dev
// server: the time from the POST to the batch's last run completing, lines per second, and the
// largest history of the batch's runs (events and bytes, as Temporal's visibility reports them), with
// where the CPU went. Every line is checked completed (a figure for a batch that lost lines is no figure).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signToken } from '../../../api/auth.js';
import { batchWorkflowId, type BatchSettings } from '../../../contracts/batch-order.js';
import { connectClient } from '../../../platform/temporal.js';
import { simulatorControl } from '../../../simulators/control.js';
import type { BenchContext } from '../context.js';
import { opts } from '../options.js';
import type { ProcessStats } from '../results.js';
import { fmt, median } from '../stats.js';
import { coresLine, type System } from '../system.js';

/** The enterprise's mobile line every line of the batch orders (集团V网: enterprise only, no one-off fee). */
const OFFERING = 'gsm-enterprise-vpmn';

export interface BatchRunResult {
  label: string;
  lines: number;
  /** POST answered (the batch stored with its lines, the workflow started). */
  createMs: number;
  /** From sending the POST to the batch's last run completing. */
  completeS: number;
  linesPerSecond: number;
  runs: number;
  /** The largest history of the batch's runs, from visibility (what Temporal's limits apply to). */
  largestHistory: { events: number; bytes: number };
  /** Each run's history. */
  runHistories: Array<{ events: number; bytes: number; status: string }>;
  /** The largest history as the workflow saw it (workflowInfo, before its last events). */
  largestHistorySeenByWorkflow: { events: number; bytes: number };
  counts: Record<string, number>;
}

export interface BatchSection {
  lines: number;
  settings: BatchSettings;
  simLatencyMs: number;
  runs: BatchRunResult[];
  medianCompleteS: number;
  medianLinesPerSecond: number;
  /** The largest history over every batch run measured. */
  largestHistory: { events: number; bytes: number };
  processStats: ProcessStats[];
}

export async function benchBatch(ctx: BenchContext, sys: System): Promise<BatchSection> {
  const settings: BatchSettings = { concurrency: opts.batchConcurrency, linesPerRun: opts.batchLinesPerRun };
  ctx.log(
    `7. batch: ${opts.batchRuns} × a batch of ${opts.batchLines} mobile lines (${OFFERING}), ${settings.concurrency} at a time, ${settings.linesPerRun} per run, each on a fresh Temporal server; simulators at ${opts.batchSimLatencyMs} ms`,
  );
  const { rows } = await sys.db.query<{ id: string; home_local_network: string }>(
    `select c.id, c.home_local_network from customer c
      where c.kind = 'enterprise' and c.status = 'active' and exists (select 1 from account a where a.customer_id = c.id) order by c.id`,
  );
  if (rows.length < opts.batchRuns) throw new Error(`the seed has ${rows.length} active enterprise customers, fewer than BENCH_BATCH_RUNS`);
  const sims = Object.values(sys.urls).map((u) => simulatorControl(u));
  await Promise.all(sims.map((x) => x.control({ latencyMs: opts.batchSimLatencyMs, jitterMs: Math.round(opts.batchSimLatencyMs / 2) })));
  const token = signToken({ sub: 'bench-batch', roles: ['order-entry'], localNetworks: '*' }, sys.config.jwtSecret, sys.config.AUTH_JWT_ISSUER);
  const section: BatchSection = {
    lines: opts.batchLines,
    settings,
    simLatencyMs: opts.batchSimLatencyMs,
    runs: [],
    medianCompleteS: 0,
    medianLinesPerSecond: 0,
    largestHistory: { events: 0, bytes: 0 },
    processStats: [],
  };
  try {
    for (let r = 1; r <= opts.batchRuns; r++) {
      if (r > 1 && ctx.overBudget(`batch run ${r}`, 60, false)) break;
      // Every run from the same point: an empty Temporal dev server, fresh API and worker.
      await sys.restartTemporal();
      await sys.restartApi();
      await sys.startWorker();
      const customer = rows[r - 1]!;
      const { value, stats } = await sys.measured(`batch-${r}`, () => batchRun(sys, token, `batch-${r}`, customer, settings));
      section.runs.push(value);
      section.processStats.push(stats);
      ctx.log(
        `  batch-${r}: ${value.lines} lines in ${fmt(value.completeS)} s = ${fmt(value.linesPerSecond)} lines/s (POST ${fmt(value.createMs)} ms); ${value.runs} runs, largest history ${value.largestHistory.events} events / ${fmt(value.largestHistory.bytes / 1024)} KiB; ${coresLine(stats)}`,
      );
    }
  } finally {
    await Promise.all(sims.map((x) => x.control({ latencyMs: opts.simLatencyMs, jitterMs: 0 })));
  }
  section.medianCompleteS = median(section.runs.map((x) => x.completeS));
  section.medianLinesPerSecond = median(section.runs.map((x) => x.linesPerSecond));
  section.largestHistory = {
    events: Math.max(0, ...section.runs.map((x) => x.largestHistory.events)),
    bytes: Math.max(0, ...section.runs.map((x) => x.largestHistory.bytes)),
  };
  ctx.log(
    `  batch of ${opts.batchLines}: median ${fmt(section.medianCompleteS)} s, ${fmt(section.medianLinesPerSecond)} lines/s; largest history ${section.largestHistory.events} events / ${fmt(section.largestHistory.bytes / 1024)} KiB`,
  );
  return section;
}

async function batchRun(
  sys: System,
  token: string,
  label: string,
  customer: { id: string; home_local_network: string },
  settings: BatchSettings,
): Promise<BatchRunResult> {
  const body = {
    channel: 'shop',
    localNetwork: customer.home_local_network,
    relatedParty: [{ id: customer.id, role: 'customer' }],
    description: `benchmark ${label}`,
    productOrderLine: Array.from({ length: opts.batchLines }, () => ({ productOrderItem: [{ id: '1', action: 'add', productOffering: { id: OFFERING } }] })),
    settings,
  };
  const client = await connectClient(sys.config);
  try {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${sys.apiPort}/productOrderBatch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
      body: JSON.stringify(body),
    });
    const createMs = performance.now() - started;
    const created = (await res.json()) as { id?: string; detail?: string };
    if (res.status !== 201 || !created.id)
      throw new Error(`${label}: POST /productOrderBatch answered ${res.status}: ${JSON.stringify(created).slice(0, 500)}`);
    await client.workflow.getHandle(batchWorkflowId(created.id)).result();
    const completeS = (performance.now() - started) / 1000;
    const batch = (await (
      await fetch(`http://127.0.0.1:${sys.apiPort}/productOrderBatch/${created.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { state: string; lineCount: Record<string, number>; largestHistory: { events: number; bytes: number } };
    if (batch.lineCount.completed !== opts.batchLines)
      throw new Error(`${label}: ${batch.lineCount.completed} of ${opts.batchLines} lines completed (${batch.state})`);
    // Every run of the batch, from visibility (closed runs, once listed).
    const runHistories: BatchRunResult['runHistories'] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      runHistories.length = 0;
      for await (const w of client.workflow.list({ query: `WorkflowId = "${batchWorkflowId(created.id)}"` })) {
        runHistories.push({ events: w.historyLength, bytes: w.historySize ?? 0, status: w.status.name });
      }
      if (runHistories.length && runHistories.every((h) => h.status !== 'RUNNING') && runHistories.some((h) => h.status === 'COMPLETED')) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    return {
      label,
      lines: opts.batchLines,
      createMs,
      completeS,
      linesPerSecond: opts.batchLines / completeS,
      runs: runHistories.length,
      largestHistory: { events: Math.max(...runHistories.map((h) => h.events)), bytes: Math.max(...runHistories.map((h) => h.bytes)) },
      runHistories,
      largestHistorySeenByWorkflow: batch.largestHistory,
      counts: batch.lineCount,
    };
  } finally {
    await client.connection.close();
  }
}
