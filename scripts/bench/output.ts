// The run's output: bench-results/<stamp>.json (every run), bench-results/latest.html (./html.ts), and
// the tables on stdout.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { writeHtml } from './html.js';
import { opts } from './options.js';
import {
  caseName,
  caseRuns,
  CPU_GROUPS,
  DAY_ORDERS,
  finishedOf,
  kindName,
  OWN_FLOOR,
  PER_WORKFLOW_GROUPS,
  RATIO_TARGET,
  RUN_KINDS,
  short,
  SPEED_UP_TARGET,
  type BenchResults,
  type BrowserSection,
  type OrdersSection,
  type SustainedSection,
  type TemporalSummary,
  type ThroughputCase,
  type ThroughputSection,
  type WorklistSection,
} from './results.js';
import { fmt, median, table, type Summary } from './stats.js';

type Row = Array<string | number>;

/** The end of a run: its duration and a note on the machine's other load, the files, then stdout. */
export function report(ctx: BenchContext): void {
  const { results } = ctx;
  results.durationS = ctx.elapsedS();
  noteOtherProcesses(results);
  writeFileSync(join(ctx.outDir, `${ctx.stamp}.json`), `${JSON.stringify(roundDeep(results), null, 2)}\n`);
  writeFileSync(join(ctx.outDir, 'latest.html'), writeHtml(ctx));
  printTable(ctx);
  for (const n of results.notes) process.stdout.write(`Note: ${n}\n`);
}

function noteOtherProcesses(results: BenchResults): void {
  const others = [
    ...(results.orders?.processStats ?? []),
    ...(results.worklist?.processStats ?? []),
    ...(results.throughput?.cases.flatMap((c) => c.processStats) ?? []),
    ...(results.sustained ? [results.sustained.processStats] : []),
    ...(results.browser?.processStats ?? []),
    ...(results.batch?.processStats ?? []),
  ].map((s) => s.cores['other processes (not this benchmark)'] ?? 0);
  if (others.length && median(others) > 0.3) {
    results.notes.push(
      `Other processes on the machine used a median of ${median(others).toFixed(2)} cores during the measured runs: the figures are pessimistic.`,
    );
  }
}

function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

function printTable(ctx: BenchContext): void {
  const { quote, orders, worklist, throughput, replay } = ctx.results;
  const rows = [...(quote ? quoteRows(quote) : []), ...(orders ? orderRows(orders) : []), ...(worklist ? worklistRows(worklist) : [])];
  if (rows.length) process.stdout.write(`\nLatency in ms\n${table(['benchmark', 'n', 'p50', 'p95', 'p99', 'max', 'target p99', ''], rows)}\n`);
  if (orders) printOrderTables(orders);
  if (throughput) printThroughput(throughput);
  if (ctx.results.sustained) printSustained(ctx.results.sustained);
  if (ctx.results.browser) printBrowser(ctx.results.browser);
  const { batch } = ctx.results;
  if (batch)
    process.stdout.write(
      `\nBatch order of ${batch.lines} lines (${batch.settings.concurrency} at a time, ${batch.settings.linesPerRun} per run): ${batch.runs.map((r) => `${fmt(r.completeS)} s`).join(', ')} — median ${fmt(batch.medianCompleteS)} s, ${fmt(batch.medianLinesPerSecond)} lines/s; largest history ${batch.largestHistory.events} events, ${fmt(batch.largestHistory.bytes / 1024)} KiB\n`,
    );
  if (replay)
    process.stdout.write(
      `\nReplay: ${replay.histories} corpus histories (${replay.events} events), median ${fmt(replay.medianPerSecond)} histories/s over ${replay.rounds.length} rounds\n`,
    );
  process.stdout.write(`\nTotal ${ctx.elapsedS().toFixed(0)} s. Results: bench-results/${ctx.stamp}.json, bench-results/latest.html\n`);
}

/** A row of the latency table: its label, n, the percentiles, then the target and a remark (the verdict, errors). */
const latencyRow = (label: string, n: number, s: Summary, target = '', remark = ''): Row => [label, n, s.p50, s.p95, s.p99, s.max, target, remark];
const mark = (v: number, target: number) => (v < target ? 'under' : 'OVER');

function quoteRows(q: NonNullable<BenchResults['quote']>): Row[] {
  return [
    ...q.runs.map((r, i) => latencyRow(`  quote run ${i + 1}`, r.n, r)),
    latencyRow(`quote, ${q.policies} policies (median of ${q.runs.length})`, q.median.n, q.median, '< 5', mark(q.median.p99, 5)),
  ];
}

function orderRows(o: OrdersSection): Row[] {
  const rows: Row[] = [];
  if (o.serial) rows.push(latencyRow(`  create order one at a time`, o.serial.latency.n, o.serial.latency));
  for (const r of [...o.sweep, ...o.runs])
    rows.push(latencyRow(`  create order ${r.label} @${r.ratePerSec}/s`, r.requests, r.latency, '', r.errors ? `${r.errors} errors` : ''));
  if (o.apiOnlyMedian)
    rows.push(latencyRow(`create order @${o.ratePerSec}/s, api-only (median)`, o.apiOnlyMedian.n, o.apiOnlyMedian, '< 30', mark(o.apiOnlyMedian.p99, 30)));
  if (o.togetherMedian)
    rows.push(latencyRow(`create order @${o.ratePerSec}/s, worker running`, o.togetherMedian.n, o.togetherMedian, '< 30', mark(o.togetherMedian.p99, 30)));
  return rows;
}

function worklistRows(w: WorklistSection): Row[] {
  return [
    ...w.api.map((r) => latencyRow(`  worklist ${r.label}`, r.requests, r.latency)),
    latencyRow(`worklist API @${w.ratePerSec}/s (median of ${w.api.length})`, w.apiMedian.n, w.apiMedian, '< 50', mark(w.apiMedian.p99, 50)),
    latencyRow(`  big departments`, w.apiSplit.big.n, w.apiSplit.big),
    latencyRow(`  deep pages (offset ≥ 450)`, w.apiSplit.deep.n, w.apiSplit.deep),
    latencyRow(`worklist db, departmentWorklist (median)`, w.dbMedian.n, w.dbMedian),
  ];
}

/** After the latency table: how many orders completed, where a create's time goes, where the CPU went. */
function printOrderTables(o: OrdersSection): void {
  printCompletion(o);
  if (o.steps) {
    process.stdout.write(
      `\nCreate order, its steps called directly one order at a time (ms)\n${table(
        ['step', 'n', 'p50', 'p95', 'p99', 'max'],
        Object.entries(o.steps).map(([k, v]) => [k, v.n, v.p50, v.p95, v.p99, v.max]),
      )}\n`,
    );
  }
  printOrderCpu(o);
}

function printCompletion(o: OrdersSection): void {
  const comp = o.runs
    .filter((r) => r.completion)
    .map((r) => {
      const c = r.completion!;
      return [
        r.label,
        r.requests,
        r.errors,
        c.accepted,
        c.completedWithinWindow,
        c.allFinalAfterMs === null ? `> ${(c.waitedMs / 1000).toFixed(0)}` : (c.allFinalAfterMs / 1000).toFixed(1),
        (c.fulfilment?.p50 ?? NaN) / 1000,
        (c.fulfilment?.p99 ?? NaN) / 1000,
      ] as Row;
    });
  process.stdout.write(
    `\nOrders: completion after the load (window ${opts.completionWindowS} s; api-only: the worker starts after the last load)\n${table(['run', 'sent', 'errors', 'accepted', `completed ≤ ${opts.completionWindowS} s`, 'all final after s', 'creation→completed p50 s', 'p99 s'], comp)}\n`,
  );
}

function printOrderCpu(o: OrdersSection): void {
  const cpuRows = o.processStats.map((st) => {
    const api = st.children.find((c) => c.role === 'api');
    return [
      st.run,
      `${Math.round((st.machineBusy ?? NaN) * 100)}%`,
      ...CPU_GROUPS.map((g) => st.cores[g] ?? 0),
      o.apiCpuMsPerRequest[st.run] ?? NaN,
      o.temporalCpuMsPerRequest[st.run] ?? NaN,
      api?.eventLoopDelayMs.max ?? NaN,
      api?.referenceLoads ?? NaN,
    ];
  });
  process.stdout.write(
    `\nWhere the CPU went during the order loads (cores; the machine has ${cpus().length})\n${table(['run', 'busy', ...CPU_GROUPS.map(short), 'API ms/req', 'Temporal ms/req', 'API loop max ms', 'API ref loads'], cpuRows)}\n`,
  );
}

/** The desk in a real browser: each figure beside its target (issue 12). */
function printBrowser(b: BrowserSection): void {
  const f = b.figures;
  const verdict = (under: boolean) => (under ? 'under' : 'OVER');
  const rows: Row[] = [
    [
      `worklist first page visible, ${b.department} (${b.departmentOpen.toLocaleString('en')} open), fresh profile`,
      `median ${fmt(f.firstPage.medianMs)} ms (p95 ${fmt(f.firstPage.cold.p95)}, n ${f.firstPage.cold.n}; reloaded ${fmt(f.firstPage.warm.p50)} ms)`,
      `< ${f.firstPage.target} ms`,
      verdict(f.firstPage.under),
    ],
    [
      `dispatch visible on an open desk after POST /troubleTicket (${b.dispatchDepartment})`,
      `median ${fmt(f.dispatch.medianMs)} ms, p95 ${fmt(f.dispatch.p95Ms)} ms (n ${f.dispatch.all.n}${f.dispatch.notSeen ? `, ${f.dispatch.notSeen} not seen` : ''})`,
      `< ${f.dispatch.target} ms`,
      verdict(f.dispatch.under),
    ],
    [
      'JavaScript, sign-in + department desk, gzipped',
      `${f.js.totalKb.toFixed(1)} KB (sign-in ${f.js.signInKb.toFixed(1)} + desk ${f.js.deskKb.toFixed(1)})`,
      `≤ ${f.js.target} KB`,
      verdict(f.js.under),
    ],
    [
      "an order's change shown on its open order page after the read model recorded it",
      `median ${fmt(f.orderStep.medianMs)} ms, p95 ${fmt(f.orderStep.p95Ms)} ms (n ${f.orderStep.all.n})`,
      `< ${f.orderStep.target} ms`,
      verdict(f.orderStep.under),
    ],
  ];
  const load = b.processStats[0];
  process.stdout.write(
    `
The department desk in a real browser (Chromium; ${b.totalOpen.toLocaleString('en')} open work orders in the read model)
${table(['figure', 'measured', 'target', ''], rows)}
` +
      (load
        ? `machine ${load.machineBusy === undefined ? '?' : Math.round(load.machineBusy * 100)}% busy meanwhile, load average ${load.loadavg.map((v) => v.toFixed(2)).join(' ')}
`
        : ''),
  );
}

function printThroughput(t: ThroughputSection): void {
  const loopRows = t.cases.flatMap((c) =>
    caseRuns(c).map((r) => [
      r.label,
      r.workflows,
      (r.elapsedMs / 1000).toFixed(1),
      r.perSecond,
      r.endToEnd.p50,
      r.endToEnd.p95,
      r.endToEnd.p99,
      r.api?.p50 ?? '',
      r.api?.p99 ?? '',
      r.errors,
    ]),
  );
  const tf = (s: TemporalSummary | undefined) =>
    s
      ? [s.stateTransitionsPerSecond, s.stateTransitionsPerWorkflow, s.persistenceMs.mean, s.persistenceMs.p50, s.persistenceMs.p99]
      : ['-', '-', '-', '-', '-'];
  const kindsOf = (c: ThroughputCase) => RUN_KINDS.filter((k) => c.runs[k]?.length);
  const caseRows = t.cases.flatMap((c) =>
    c.stepShapes.map((s) => {
      const r = c.ratio[s];
      return [
        `${caseName(c)}: ${s} steps`,
        c.medianPerSecond[`orders-${s}`] ?? NaN,
        c.medianPerSecond.floor ?? NaN,
        c.medianPerSecond['floor-local'] ?? NaN,
        r ? `${r.floor.toFixed(2)}${OWN_FLOOR[s] === 'floor' ? ` ${ratioMark(r.own)}` : ''}` : '-',
        r ? `${r.localFloor.toFixed(2)}${OWN_FLOOR[s] === 'floor-local' ? ` ${ratioMark(r.own)}` : ''}` : '-',
        s === 'local' && c.speedUp !== undefined ? `${c.speedUp.toFixed(2)}× ${c.speedUp >= SPEED_UP_TARGET ? 'meets' : 'BELOW'}` : '',
        (c.hoursFor150k[s] ?? NaN).toFixed(1),
      ];
    }),
  );
  const temporalRows = t.cases.flatMap((c) => kindsOf(c).map((k) => [`${caseName(c)}: ${kindName(k)}`, ...tf(c.temporal[k])]));
  const cpuRows = t.cases.flatMap((c) =>
    kindsOf(c).map((k) => [`${caseName(c)}: ${kindName(k)}`, ...PER_WORKFLOW_GROUPS.map((g) => c.cpuMsPerWorkflow[k]?.[g] ?? 0)]),
  );
  const replays = Object.entries(t.replayCheck ?? {}).map(([s, r]) => `${s} steps: ${r.histories} histories, ${r.failed} failed`);
  process.stdout.write(
    `\nThroughput: ${t.concurrency} closed-loop clients; an order runs ${t.activitiesPerOrder.withChildren.toFixed(1)} activities and local activities, the floor workflows ${t.floorSteps} no-ops\n${table(['run', 'workflows', 's', 'per s', 'e2e p50 ms', 'e2e p95', 'e2e p99', 'API p50', 'API p99', 'errors'], loopRows)}\n` +
      `\nOrders per step shape against both floors (medians of the runs; target ≥ ${RATIO_TARGET} of the shape's own floor, local steps ≥ ${SPEED_UP_TARGET}× the task queue's)\n${table(['case', 'orders/s', 'floor/s', 'local floor/s', 'of floor', 'of local floor', 'local/queue', 'h for 150,000'], caseRows)}\n` +
      `\nTemporal's own figures, from its metrics (medians of the runs; persistence percentiles from its histogram's buckets: 1, 2, 5, 10 ms …)\n${table(['case', 'state transitions/s', 'per workflow', 'persistence mean ms', 'p50', 'p99'], temporalRows)}\n` +
      `\nCPU per finished workflow, ms by process (medians of the runs)\n${table(['case', ...PER_WORKFLOW_GROUPS.map(short)], cpuRows)}\n` +
      (replays.length ? `The first run's histories on each step shape replayed against the same code: ${replays.join('; ')}\n` : '') +
      `Event notifications (a subscriber of both APIs, every event):\n${table(
        ['run', 'events', 'per s', 'delay p50 ms', 'p90', 'p99', 'max', 'drained s'],
        t.cases.flatMap((c) => c.events).map((e) => [e.label, e.events, e.perSecond, e.delayMs.p50, e.delayMs.p90, e.delayMs.p99, e.delayMs.max, e.drainS]),
      )}\n`,
  );
}

const ratioMark = (ratio: number) => (ratio >= RATIO_TARGET ? 'meets' : 'BELOW');

/** The sustained run: its rate over the whole run and minute by minute, latency, CPU per order, Temporal's figures. */
function printSustained(s: SustainedSection): void {
  const r = s.run;
  const t = s.temporal;
  process.stdout.write(
    `\nSustained: ${finishedOf(r)} orders (${r.errors} errors) on ${caseName(s)}, ${s.stepShape} steps, ${s.concurrency} closed-loop clients: ${fmt(r.perSecond)} orders/s over ${fmt(r.elapsedMs / 60_000)} min — ${fmt(s.hoursFor150k)} h for ${DAY_ORDERS.toLocaleString('en')} (target < 1 h); end-to-end p50 ${fmt(r.endToEnd.p50)} ms p99 ${fmt(r.endToEnd.p99)} ms; ${JSON.stringify(r.outcomes)}\n` +
      `  orders/s minute by minute: ${s.perMinute.map(fmt).join(', ')}${s.lastOverFirstMinute !== undefined ? ` (last full minute ${fmt(s.lastOverFirstMinute)}× the first)` : ''}\n` +
      (t
        ? `  Temporal: ${fmt(t.stateTransitionsPerSecond)} state transitions/s, ${fmt(t.stateTransitionsPerWorkflow)} per order; persistence mean ${fmt(t.persistenceMs.mean)} ms p50 ${fmt(t.persistenceMs.p50)} p99 ${fmt(t.persistenceMs.p99)}\n`
        : '  Temporal: no metrics\n') +
      `CPU per finished order, ms by process\n${table(PER_WORKFLOW_GROUPS.filter((g) => g !== 'floor').map(short), [
        PER_WORKFLOW_GROUPS.filter((g) => g !== 'floor').map((g) => s.cpuMsPerOrder[g] ?? 0),
      ])}\n`,
  );
}
