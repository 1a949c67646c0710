// bench-results/latest.html: a section for each benchmark that ran, with charts (./report.ts), the
// runs' tables and where the CPU went.
import type { BenchContext } from './context.js';
import { opts } from './options.js';
import { esc, hbars, htmlTable, page, vbars, verdict } from './report.js';
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
  type OrdersSection,
  type ProcessStats,
  type ReplaySection,
  type SustainedSection,
  type TemporalSummary,
  type ThroughputCase,
  type ThroughputSection,
  type WorklistSection,
} from './results.js';
import { fmt } from './stats.js';
import type { LatencyFigures } from './temporal-metrics.js';

interface Section {
  heading: string;
  html: string;
}

export function writeHtml(ctx: BenchContext): string {
  const { results, stamp } = ctx;
  const { quote, orders, worklist, throughput, replay } = results;
  const cores = esc(String(results.machine.cpus));
  const sections = [
    runSection(results),
    quote && quoteSection(quote),
    orders && ordersSection(orders, cores),
    worklist && worklistSection(worklist),
    throughput && throughputSection(throughput, cores),
    results.sustained && sustainedSection(results.sustained, cores),
    replay && replaySection(replay),
    results.notes.length ? { heading: 'Notes', html: `<ul>${results.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` } : undefined,
  ].filter((s): s is Section => s !== undefined);
  return page(
    'Telecom orchestration — benchmarks',
    sections,
    `bench-results/${stamp}.json has every run; the processes' logs are in bench-results/logs-${stamp}/.`,
  );
}

/** CPU per process group for each run, with the API's event loop and the reference-data reloads. */
function cpuTable(stats: ProcessStats[]): string {
  // The throughput benchmark's floor workers, in their own column when they ran.
  const groups = stats.some((s) => s.cores.floor) ? [...CPU_GROUPS.slice(0, 2), 'floor', ...CPU_GROUPS.slice(2)] : CPU_GROUPS;
  return htmlTable(
    ['run', 'machine busy', ...groups.map(short), 'API event loop p99 / max ms', 'reference loads (API / worker)', 'loadavg'],
    stats.map((s) => {
      const apiStats = s.children.find((c) => c.role === 'api');
      return [
        s.run,
        s.machineBusy === undefined ? '-' : `${Math.round(s.machineBusy * 100)}%`,
        ...groups.map((g) => s.cores[g] ?? 0),
        apiStats ? `${fmt(apiStats.eventLoopDelayMs.p99)} / ${fmt(apiStats.eventLoopDelayMs.max)}` : '-',
        `${apiStats?.referenceLoads ?? '-'} / ${s.children.find((c) => c.role === 'worker')?.referenceLoads ?? '-'}`,
        s.loadavg.map((x) => x.toFixed(1)).join(' '),
      ];
    }),
  );
}

function runSection(results: BenchResults): Section {
  const m = results.machine;
  return {
    heading: 'Run',
    html: `<p>${esc(results.startedAt)} · Node ${esc(String(m.node))} · ${esc(String(m.cpus))} cores (${esc(String(m.cpuModel))}) · load average at start ${esc((m.loadavgAtStart as number[]).map((x) => x.toFixed(2)).join(' '))} · ${results.durationS?.toFixed(0)} s in all.
    The machine is shared and noisy: headline figures are medians over runs; single runs are shown lighter; the CPU tables show how much of the machine other processes took.</p>`,
  };
}

// ---- 1. quote ------------------------------------------------------------------------------------

function quoteSection(q: NonNullable<BenchResults['quote']>): Section {
  return {
    heading: `1. Quote over ${q.policies.toLocaleString('en')} pricing policies (target p99 < 5 ms)`,
    html:
      `<p>p99 ${fmt(q.median.p99)} ms: ${verdict(q.median.p99, 5)}. ${q.runs.length} runs × ${q.quotesPerRun} quotes after ${q.warmup} warm-up quotes; index built in ${fmt(q.indexBuildMs)} ms;
        ${Object.entries(q.itemsPerQuote)
          .map(([k, v]) => `${v} with ${k} item(s)`)
          .join(', ')}; ${q.quotesWithBundle} with a bundle, ${q.quotesWithDiscount} with a discount; ${q.errors} unpriced.</p>` +
      hbars(
        'Median of runs (ms)',
        [
          { label: 'p50', value: q.median.p50 },
          { label: 'p95', value: q.median.p95 },
          { label: 'p99', value: q.median.p99 },
          { label: 'max', value: q.median.max },
        ],
        { unit: 'ms', target: 5, scaleMax: 10 },
      ) +
      hbars(
        'p99 of each run (ms)',
        q.runs.map((r, i) => ({ label: `run ${i + 1}`, value: r.p99, muted: true })),
        { unit: 'ms', target: 5, scaleMax: 10 },
      ) +
      htmlTable(
        ['run', 'n', 'p50', 'p95', 'p99', 'max'],
        [
          ...q.runs.map((r, i) => [`run ${i + 1}`, r.n, r.p50, r.p95, r.p99, r.max]),
          ['median', q.median.n, q.median.p50, q.median.p95, q.median.p99, q.median.max],
        ],
      ),
  };
}

// ---- 2. orders -------------------------------------------------------------------------------------

function ordersSection(o: OrdersSection, cores: string): Section {
  return {
    heading: `2. Create order at ${o.ratePerSec} requests/s (target p99 < 30 ms)`,
    html:
      ordersIntro(o, cores) +
      ordersLatencyCharts(o) +
      ordersCompletionChart(o) +
      ordersTable(o) +
      (o.steps
        ? `<p>The route's steps called directly, one order at a time (what an unloaded create spends, before HTTP, JSON and auth):</p>` +
          htmlTable(
            ['step', 'n', 'p50', 'p95', 'p99', 'max'],
            Object.entries(o.steps).map(([k, v]) => [k, v.n, v.p50, v.p95, v.p99, v.max]),
          )
        : '') +
      ordersCpu(o) +
      `<p>Idempotency lookup (findOrderByKeys) plan:</p><pre>${esc(o.idempotencyLookupPlan.join('\n'))}</pre>` +
      (o.runs.some((r) => r.errorSamples.length)
        ? `<p>Errors, first few:</p><pre>${esc(o.runs.flatMap((r) => r.errorSamples.slice(0, 3).map((e) => `${r.label}: ${e}`)).join('\n'))}</pre>`
        : ''),
  };
}

function ordersIntro(o: OrdersSection, cores: string): string {
  return `<p>${o.apiOnlyMedian ? `API only (worker stopped during the load): median p99 ${fmt(o.apiOnlyMedian.p99)} ms, ${verdict(o.apiOnlyMedian.p99, 30)}. ` : ''}${o.togetherMedian ? `With the worker fulfilling orders on the same cores: p99 ${fmt(o.togetherMedian.p99)} ms, ${verdict(o.togetherMedian.p99, 30)}. ` : ''}
        Open loop: each request is sent at its scheduled instant and timed from it (no coordinated omission). Each run gets a fresh API process, warmed with 100 orders.
        Simulators answer after ${o.simLatencyMs} ms; the API asks billing for the balance on every order.
        The API, worker, simulators and the Temporal dev server run in separate processes on the same ${cores} cores as PostgreSQL.</p>`;
}

/** Latency by rate (one at a time, the sweep, the median at the full rate), p99 per run, and per second of each load. */
function ordersLatencyCharts(o: OrdersSection): string {
  const sweepBars = [
    ...(o.serial
      ? [
          { label: 'one at a time p50', value: o.serial.latency.p50, muted: true },
          { label: 'one at a time p99', value: o.serial.latency.p99 },
        ]
      : []),
    ...o.sweep.flatMap((r) => [
      { label: `${r.ratePerSec}/s p50`, value: r.latency.p50, muted: true },
      { label: `${r.ratePerSec}/s p99`, value: r.latency.p99 },
    ]),
    ...(o.apiOnlyMedian
      ? [
          { label: `${o.ratePerSec}/s p50 (median)`, value: o.apiOnlyMedian.p50, muted: true },
          { label: `${o.ratePerSec}/s p99 (median)`, value: o.apiOnlyMedian.p99 },
        ]
      : []),
  ];
  return (
    (sweepBars.length ? hbars('Latency by request rate, API only (ms)', sweepBars, { unit: 'ms', target: 30, scaleMax: 300 }) : '') +
    hbars(
      'p99 per run (ms)',
      [...o.sweep, ...o.runs].map((r) => ({ label: `${r.label} @${r.ratePerSec}/s`, value: r.latency.p99, muted: true })),
      { unit: 'ms', target: 30, scaleMax: 300 },
    ) +
    o.runs
      .map((r) =>
        vbars(
          `${r.label}: p99 per second of the load (ms)`,
          r.perSecond.map((p) => ({ x: String(p.second), value: p.p99 })),
          { unit: 'ms', target: 30 },
        ),
      )
      .join('')
  );
}

function ordersCompletionChart(o: OrdersSection): string {
  const withCompletion = o.runs.filter((r) => r.completion);
  if (!withCompletion.length) return '';
  return hbars(
    `Orders completed within ${opts.completionWindowS} s after the load`,
    withCompletion.map((r) => ({ label: `${r.label} (of ${r.completion?.accepted ?? 0})`, value: r.completion?.completedWithinWindow ?? 0 })),
    { unit: 'orders', scaleMax: Math.max(1, ...withCompletion.map((r) => r.requests)) },
  );
}

function ordersTable(o: OrdersSection): string {
  return htmlTable(
    [
      'run',
      'rate/s',
      'sent',
      'errors',
      'p50',
      'p95',
      'p99',
      'max',
      'service p99',
      'send lag p99',
      `completed ≤ ${opts.completionWindowS} s`,
      'all final after s',
      'creation→completed p50 s',
    ],
    [...o.sweep, ...o.runs].map((r) => [
      r.label,
      r.ratePerSec,
      r.requests,
      r.errors,
      r.latency.p50,
      r.latency.p95,
      r.latency.p99,
      r.latency.max,
      r.service.p99,
      r.sendLag.p99,
      r.completion?.completedWithinWindow ?? '-',
      r.completion?.allFinalAfterMs == null ? '-' : r.completion.allFinalAfterMs / 1000,
      r.completion?.fulfilment ? r.completion.fulfilment.p50 / 1000 : '-',
    ]),
  );
}

function ordersCpu(o: OrdersSection): string {
  const perRequest = (ms: Record<string, number>) =>
    Object.entries(ms)
      .map(([k, v]) => `${esc(k)} ${fmt(v)} ms`)
      .join(', ');
  return (
    `<p>Where the CPU went during each load, in cores ("others" is the rest of the machine's busy time: other users' processes, kernel work) (CPU per request: API ${perRequest(o.apiCpuMsPerRequest)}; Temporal server ${perRequest(o.temporalCpuMsPerRequest)}):</p>` +
    cpuTable(o.processStats)
  );
}

// ---- 3. worklist -----------------------------------------------------------------------------------

function worklistSection(w: WorklistSection): Section {
  return {
    heading: `3. Department worklist with ${w.fill.open.toLocaleString('en')} open work orders (target p99 < 50 ms)`,
    html:
      `<p>API median p99 ${fmt(w.apiMedian.p99)} ms: ${verdict(w.apiMedian.p99, 50)}. ${w.fill.departments} departments (biggest: ${w.fill.biggest.map((b) => `${esc(b.department)} ${b.open}`).join(', ')}),
        plus ${w.fill.closed.toLocaleString('en')} closed ones; ${w.api.length} runs × ${w.api[0]?.requests ?? 0} requests at ${w.ratePerSec}/s, half to the five big departments, 40% past the first page (offsets up to 1,000); every answer checked (page size, X-Total-Count).
        The db rows time db/work-orders.ts departmentWorklist (its two queries) for the same requests, one at a time.
        Tables: work_order ${fmt(w.fill.tableMb.workOrder)} MB, work_order_assignment ${fmt(w.fill.tableMb.assignment)} MB, worklist index ${fmt(w.fill.tableMb.worklistIndex)} MB.</p>` +
      hbars(
        'Median of runs (ms)',
        [
          { label: 'API p50', value: w.apiMedian.p50 },
          { label: 'API p95', value: w.apiMedian.p95 },
          { label: 'API p99', value: w.apiMedian.p99 },
          { label: 'API p99, big departments', value: w.apiSplit.big.p99 },
          { label: 'API p99, deep pages', value: w.apiSplit.deep.p99 },
          { label: 'db p50', value: w.dbMedian.p50 },
          { label: 'db p99', value: w.dbMedian.p99 },
        ],
        { unit: 'ms', target: 50, scaleMax: 100 },
      ) +
      htmlTable(
        ['run', 'n', 'p50', 'p95', 'p99', 'max', 'wrong answers'],
        [...w.api, ...w.db].map((r) => [r.label, r.requests, r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, r.errors]),
      ) +
      `<p>Where the CPU went during each API run, in cores:</p>` +
      cpuTable(w.processStats) +
      Object.entries(w.plans)
        .map(([k, v]) => `<p>Plan, ${esc(k)}:</p><pre>${esc(v.join('\n'))}</pre>`)
        .join(''),
  };
}

// ---- 4. throughput against the floor ---------------------------------------------------------------

function throughputSection(t: ThroughputSection, cores: string): Section {
  const stats = t.cases.flatMap((c) => c.processStats);
  return {
    heading: `4. Throughput on each step shape against the engine's floors (targets: ≥ ${RATIO_TARGET} of the step shape's own floor; local steps ≥ ${SPEED_UP_TARGET}× the task queue's)`,
    html:
      throughputIntro(t) +
      casesTable(t) +
      temporalTable(t) +
      cpuPerWorkflowTable(t) +
      throughputCharts(t) +
      throughputTable(t) +
      eventsTable(t) +
      Object.entries(t.replayCheck ?? {})
        .map(
          ([step, r]) =>
            `<p>Determinism under load: the first ${esc(step)}-step run's ${r.histories} histories (orders and their installation work orders) replayed against the same code (the ${esc(step)}-step bundle), ${r.failed} failed${r.failures.length ? `: ${esc(r.failures.join('; '))}` : ''}.</p>`,
        )
        .join('') +
      `<p>Where the CPU went, in cores of the machine's ${cores}:</p>` +
      cpuTable(stats),
  };
}

const meets = (ok: boolean) => (ok ? '<span class="pass">meets the target</span>' : '<span class="fail">below the target</span>');

function throughputIntro(t: ThroughputSection): string {
  const best = t.cases.map((c) => {
    const shapes = c.stepShapes.map((s) => {
      const r = c.ratio[s];
      return `${esc(s)} steps <b>${fmt(c.medianPerSecond[`orders-${s}`] ?? NaN)}/s</b>, <b>${r ? r.own.toFixed(2) : '-'}</b> of the ${OWN_FLOOR[s] === 'floor' ? 'floor' : 'local floor'} ${meets((r?.own ?? 0) >= RATIO_TARGET)}`;
    });
    const speedUp = c.speedUp !== undefined ? `; local/queue <b>${c.speedUp.toFixed(2)}×</b> ${meets(c.speedUp >= SPEED_UP_TARGET)}` : '';
    return `${esc(caseName(c))}: ${shapes.join(', ')}${speedUp}`;
  });
  const counted = Object.entries(t.activitiesPerOrderByStepShape)
    .map(([s, a]) => `${esc(s)} steps ${a.withChildren.toFixed(1)}`)
    .join(', ');
  return `<p>${best.join('; ')}.
        ${t.concurrency} closed-loop clients each place an order through the API and wait for its workflow to finish; ${Math.round(t.installShare * 100)}% of the orders include broadband with a field installation,
        answered by a simulated installation department after ${opts.installDelayMs} ms; the simulators answer after ${t.simLatencyMs} ms ± ${Math.round(t.simLatencyMs / 2)} ms.
        Step shapes (issue 18): the order's short adapter steps as local activities ("local") or through the task queue as before ("queue"); the worker runs a bundle of that shape (the same workflow code, workflows/step-shape-*.ts).
        The floors: the same number of workflows, each of ${t.floorSteps} no-op activities through the task queue ("floor") or ${t.floorSteps} no-op local activities ("local floor"): an order's activity tasks and local-activity markers, ${t.activitiesPerOrder.mean.toFixed(1)} plus its installation work order's, ${t.activitiesPerOrder.withChildren.toFixed(1)} in all, counted in ${t.activitiesPerOrder.sampled} histories (${counted}),
        started by the same number of clients, run by as many workers as the orders had, with the project worker's settings. Each measured run starts on a fresh Temporal (a dev server in memory, or a cluster on PostgreSQL on new databases) and fresh processes, after a warm-up of 60; each round runs the orders on each step shape, then the floor, then the local floor.</p>`;
}

function casesTable(t: ThroughputSection): string {
  return htmlTable(
    [
      'shape, workers, step shape',
      'orders/s (median)',
      'floor/s',
      'local floor/s',
      'of the floor',
      'of the local floor',
      'local / queue',
      'hours for 150,000 orders',
    ],
    t.cases.flatMap((c) =>
      c.stepShapes.map((s) => {
        const r = c.ratio[s];
        return [
          `${caseName(c)}, ${s} steps`,
          c.medianPerSecond[`orders-${s}`] ?? NaN,
          c.medianPerSecond.floor ?? NaN,
          c.medianPerSecond['floor-local'] ?? NaN,
          r ? r.floor.toFixed(2) : '-',
          r ? r.localFloor.toFixed(2) : '-',
          s === 'local' && c.speedUp !== undefined ? `${c.speedUp.toFixed(2)}×` : '',
          (c.hoursFor150k[s] ?? NaN).toFixed(1),
        ];
      }),
    ),
  );
}

const kindsOf = (c: ThroughputCase) => RUN_KINDS.filter((k) => c.runs[k]?.length);

/** State transitions and persistence latency, from the server's metrics scraped before and after each run. */
function temporalTable(t: ThroughputSection): string {
  const row = (label: string, s: TemporalSummary | undefined) =>
    s
      ? [
          label,
          s.stateTransitionsPerSecond,
          s.stateTransitionsPerWorkflow,
          s.persistenceRequestsPerWorkflow,
          s.persistenceMs.mean,
          s.persistenceMs.p50,
          s.persistenceMs.p99,
        ]
      : [label, '-', '-', '-', '-', '-', '-'];
  // The first measured run of each kind in each case.
  const ops = t.cases.flatMap((c) =>
    kindsOf(c).flatMap((k) => {
      const first = c.runs[k]![0]!.label;
      const st = c.processStats.find((x) => x.run === first && x.temporal);
      return st ? [`<p>${esc(st.run)}, persistence by operation (the 12 that took the most time):</p>` + opsTable(st.temporal!.persistenceByOperation)] : [];
    }),
  );
  return (
    `<p>Temporal's own figures, from its Prometheus metrics scraped before and after each run (medians of the runs): state transitions (each write of a workflow's mutable state) and the latency of its persistence calls
      (percentiles from its histogram's buckets — 1, 2, 5, 10, 20, 50 ms … — linear within a bucket, as Prometheus computes them).</p>` +
    htmlTable(
      ['case', 'state transitions/s', 'per workflow', 'persistence calls per workflow', 'persistence mean ms', 'p50 ms', 'p99 ms'],
      t.cases.flatMap((c) => kindsOf(c).map((k) => row(`${caseName(c)}: ${kindName(k)}`, c.temporal[k]))),
    ) +
    `<details><summary>Persistence by operation, the first run of each kind in each case</summary>${ops.join('')}</details>`
  );
}

function opsTable(ops: Record<string, LatencyFigures>): string {
  return htmlTable(
    ['operation', 'calls', 'mean ms', 'p50 ms', 'p99 ms'],
    Object.entries(ops).map(([op, f]) => [op, f.requests, f.meanMs, f.p50Ms, f.p99Ms]),
  );
}

function cpuPerWorkflowTable(t: ThroughputSection): string {
  return (
    `<p>CPU per finished workflow, in ms, by process (medians of the runs; the floors' workers are "floor"):</p>` +
    htmlTable(
      ['case', ...PER_WORKFLOW_GROUPS.map(short)],
      t.cases.flatMap((c) => kindsOf(c).map((k) => [`${caseName(c)}: ${kindName(k)}`, ...PER_WORKFLOW_GROUPS.map((g) => c.cpuMsPerWorkflow[k]?.[g] ?? 0)])),
    )
  );
}

function throughputCharts(t: ThroughputSection): string {
  const runs = t.cases.flatMap(caseRuns);
  return (
    hbars(
      'Finished workflows per second',
      runs.map((r) => ({ label: r.label, value: r.perSecond, muted: r.label.includes('floor') })),
      { unit: '/s', scaleMax: Math.max(1, ...runs.map((r) => r.perSecond)) * 1.1 },
    ) +
    hbars(
      'End-to-end latency p50 / p99 (ms)',
      runs.flatMap((r) => [
        { label: `${r.label} p50`, value: r.endToEnd.p50, muted: true },
        { label: `${r.label} p99`, value: r.endToEnd.p99 },
      ]),
      { unit: 'ms' },
    )
  );
}

function throughputTable(t: ThroughputSection): string {
  return htmlTable(
    ['run', 'workflows', 'seconds', 'per second', 'e2e p50', 'e2e p95', 'e2e p99', 'API p50', 'API p99', 'errors', 'outcomes'],
    t.cases
      .flatMap(caseRuns)
      .map((r) => [
        r.label,
        r.workflows,
        r.elapsedMs / 1000,
        r.perSecond,
        r.endToEnd.p50,
        r.endToEnd.p95,
        r.endToEnd.p99,
        r.api?.p50 ?? '-',
        r.api?.p99 ?? '-',
        r.errors,
        JSON.stringify(r.outcomes),
      ]),
  );
}

function eventsTable(t: ThroughputSection): string {
  const events = t.cases.flatMap((c) => c.events);
  if (!events.length) return '';
  return (
    `<p>Event notifications during the orders runs, to a receiver on the loopback subscribed to every event of both APIs (medians of each case's runs): ${t.cases
      .map(
        (c) =>
          `${esc(caseName(c))} <b>${fmt(c.eventsMedianPerSecond ?? NaN)} events/s</b>, from the change of the read model to the event's arrival p50 <b>${fmt(c.eventsDelayMedianMs?.p50 ?? NaN)} ms</b>, p99 <b>${fmt(c.eventsDelayMedianMs?.p99 ?? NaN)} ms</b>`,
      )
      .join('; ')}; drained: until nothing was waiting after the run's last order.</p>` +
    htmlTable(
      ['run', 'events', 'per second', 'delay p50 ms', 'p90', 'p99', 'max', 'drained s', 'by type'],
      events.map((e) => [e.label, e.events, e.perSecond, e.delayMs.p50, e.delayMs.p90, e.delayMs.p99, e.delayMs.max, e.drainS, JSON.stringify(e.byType)]),
    )
  );
}

// ---- sustained -------------------------------------------------------------------------------------

function sustainedSection(s: SustainedSection, cores: string): Section {
  const r = s.run;
  const t = s.temporal;
  const groups = PER_WORKFLOW_GROUPS.filter((g) => g !== 'floor');
  return {
    heading: `Sustained run: ${finishedOf(r).toLocaleString('en')} orders (target: 150,000 in under an hour)`,
    html:
      `<p><b>${fmt(r.perSecond)} orders/s</b> over ${fmt(r.elapsedMs / 60_000)} min: <b>${fmt(s.hoursFor150k)} h</b> for ${DAY_ORDERS.toLocaleString('en')} orders ${meets(s.hoursFor150k < 1)}.
        ${s.concurrency} closed-loop clients as the throughput benchmark's (${Math.round(s.installShare * 100)}% with a field installation, simulators at ${s.simLatencyMs} ms, a subscriber to every event) on a fresh ${esc(caseName(s))}, ${esc(s.stepShape)} steps (the default bundle), after a warm-up of 60.
        End-to-end p50 ${fmt(r.endToEnd.p50)} ms, p99 ${fmt(r.endToEnd.p99)} ms; API p50 ${fmt(r.api?.p50 ?? NaN)} ms, p99 ${fmt(r.api?.p99 ?? NaN)} ms; ${r.errors} errors; outcomes ${esc(JSON.stringify(r.outcomes))}.
        ${s.lastOverFirstMinute !== undefined ? `The last full minute ran at ${fmt(s.lastOverFirstMinute)}× the first.` : ''}
        Events: ${s.events.events} delivered, change → delivery p50 ${fmt(s.events.delayMs.p50)} ms, p99 ${fmt(s.events.delayMs.p99)} ms.</p>` +
      vbars(
        'Orders finished per second, minute by minute',
        s.perMinute.map((v, i) => ({ x: String(i + 1), value: v })),
        { unit: '/s' },
      ) +
      (t
        ? `<p>Temporal: ${fmt(t.stateTransitionsPerSecond)} state transitions/s, ${fmt(t.stateTransitionsPerWorkflow)} per order, ${fmt(t.persistenceRequestsPerWorkflow)} persistence calls per order; persistence mean ${fmt(t.persistenceMs.mean)} ms, p50 ${fmt(t.persistenceMs.p50)} ms, p99 ${fmt(t.persistenceMs.p99)} ms.</p>`
        : '<p>Temporal: no metrics.</p>') +
      `<p>CPU per finished order, in ms, by process:</p>` +
      htmlTable(groups.map(short), [groups.map((g) => s.cpuMsPerOrder[g] ?? 0)]) +
      (r.errorSamples.length ? `<p>Errors, first few:</p><pre>${esc(r.errorSamples.join('\n'))}</pre>` : '') +
      `<p>Where the CPU went, in cores of the machine's ${cores}:</p>` +
      cpuTable([s.processStats]),
  };
}

// ---- 5. replay -------------------------------------------------------------------------------------

function replaySection(rp: ReplaySection): Section {
  return {
    heading: '5. Replay of the audit corpus',
    html:
      `<p>${rp.histories} histories (${rp.events} events) from test/replay-corpus/, replayed against the current workflow code by one replay worker: median <b>${fmt(rp.medianPerSecond)} histories/s</b> over ${rp.rounds.length} rounds (a warm-up round first, not counted).</p>` +
      htmlTable(
        ['round', 'ms', 'histories/s', 'failed'],
        rp.rounds.map((r, i) => [i + 1, r.ms, r.perSecond, r.failed]),
      ),
  };
}
