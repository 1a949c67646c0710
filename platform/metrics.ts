// Prometheus metrics: every metric this project defines is declared here, one registry per process
// (the API's, the worker's), and documented in the README's "Metrics" section. Business metrics are
// recorded by the API's routes and by activities, never by workflow code (which must stay
// deterministic). The worker's /metrics also carries the Temporal SDK's own metrics: the SDK's
// runtime serves them on a loopback port of its own, and the worker's server scrapes and appends them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallOutcome, OnCall } from '../adapters/http.js';

/** Seconds: from a few milliseconds (an adapter call) to a minute (a slow, retried step). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function adapterMetrics(registry: Registry) {
  const calls = new Counter({
    name: 'telecom_adapter_calls_total',
    help: 'Calls to the billing, inventory, network and notification systems, by outcome (ok, transient, refused, error)',
    labelNames: ['system', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'telecom_adapter_call_duration_seconds',
    help: 'Duration of adapter calls, from sending to the answer read (or the failure)',
    labelNames: ['system', 'operation', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  /** The adapters' onCall hook (adapters/http.ts): one observation per call. */
  const onAdapterCall: OnCall = (system: string, operation: string, outcome: CallOutcome, durationMs: number) => {
    calls.inc({ system, operation, outcome });
    duration.observe({ system, operation, outcome }, durationMs / 1000);
  };
  return { onAdapterCall };
}

/** A registry of the process's own, with Node's process metrics (process_*, nodejs_*) unless told not to. */
function newRegistry(defaultMetrics: boolean): Registry {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

// ---- event notifications (sent by the API processes) ---------------------------------------------

export interface EventMetrics {
  /** What waits, as the deliverer last counted it (the same in every API process: they share the outbox). */
  backlog(b: { changes: number; deliveries: number }): void;
  /** A delivery the receiver accepted, `delaySeconds` after the change it tells of. */
  delivered(api: string, eventType: string, delaySeconds: number): void;
  /** An attempt the receiver did not accept (or that did not reach it); `final` when the delivery was given up. */
  attemptFailed(api: string, eventType: string, final: boolean): void;
}

function eventMetrics(registry: Registry): EventMetrics {
  const pending = new Gauge({
    name: 'telecom_events_pending',
    help: 'Event notifications waiting: stage="outbox" changes not yet made into events, stage="delivery" deliveries not yet accepted nor given up',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'telecom_events_delivered_total',
    help: 'Event deliveries a subscriber accepted (2xx), by API and event type',
    labelNames: ['api', 'event_type'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'telecom_events_failed_total',
    help: 'Event deliveries given up after EVENT_RETRY_FOR_SECONDS of retries (status failed in event_delivery), by API and event type',
    labelNames: ['api', 'event_type'] as const,
    registers: [registry],
  });
  const retried = new Counter({
    name: 'telecom_event_attempts_failed_total',
    help: 'Event delivery attempts a subscriber did not accept or that did not reach it (each is retried with backoff)',
    labelNames: ['api', 'event_type'] as const,
    registers: [registry],
  });
  const delay = new Histogram({
    name: 'telecom_event_delivery_delay_seconds',
    help: 'From the change of the read model to its event accepted by the subscriber (retries included)',
    labelNames: ['api'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
    registers: [registry],
  });
  return {
    backlog({ changes, deliveries }) {
      pending.set({ stage: 'outbox' }, changes);
      pending.set({ stage: 'delivery' }, deliveries);
    },
    delivered(api, eventType, delaySeconds) {
      delivered.inc({ api, event_type: eventType });
      delay.observe({ api }, Math.max(0, delaySeconds));
    },
    attemptFailed(api, eventType, final) {
      retried.inc({ api, event_type: eventType });
      if (final) failed.inc({ api, event_type: eventType });
    },
  };
}

// ---- API ----------------------------------------------------------------------------------------

export interface ApiMetrics {
  registry: Registry;
  /** Counts and times every request by method, route template and status. */
  http: RequestHandler;
  onAdapterCall: OnCall;
  orderPlaced(o: { serviceLines: readonly string[]; localNetwork: string; channel: string }): void;
  workOrderTaken(w: { type: string; channel: string; localNetwork: string }): void;
  events: EventMetrics;
}

export function createApiMetrics(opts: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = newRegistry(opts.defaultMetrics ?? true);
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered by the API, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to sending the last byte of its answer',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const placed = new Counter({
    name: 'telecom_orders_placed_total',
    help: 'Orders accepted by POST /productOrder (a repeated request is not counted again); an order counts once under each of its service lines',
    labelNames: ['service_line', 'local_network', 'channel'] as const,
    registers: [registry],
  });
  const taken = new Counter({
    name: 'telecom_work_orders_taken_total',
    help: 'Work orders taken by POST /troubleTicket (a repeated request is not counted again)',
    labelNames: ['type', 'channel', 'local_network'] as const,
    registers: [registry],
  });

  const http: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      // The route template (/productOrder/:id), never the raw path with its ids.
      const route = req.route?.path !== undefined ? `${req.baseUrl ?? ''}${String(req.route.path)}` : '(unmatched)';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  return {
    registry,
    http,
    ...adapterMetrics(registry),
    events: eventMetrics(registry),
    orderPlaced({ serviceLines, localNetwork, channel }) {
      for (const line of serviceLines.length ? new Set(serviceLines) : ['none']) placed.inc({ service_line: line, local_network: localNetwork, channel });
    },
    workOrderTaken({ type, channel, localNetwork }) {
      taken.inc({ type, channel, local_network: localNetwork });
    },
  };
}

// ---- worker -------------------------------------------------------------------------------------

export type StepPhase = 'forward' | 'compensation';
export type StepOutcome = 'ok' | 'refused' | 'error';

/** What a work-order timeline entry says (domain/work-order.ts TimelineEntry), as far as metrics go. */
export interface TimelineEvent {
  action: string;
  details?: Record<string, unknown>;
}

export interface WorkerMetrics {
  registry: Registry;
  onAdapterCall: OnCall;
  orderFinished(o: { state: string; serviceLines: readonly string[]; localNetwork: string }): void;
  orderStep(step: string, phase: StepPhase, outcome: StepOutcome, seconds: number): void;
  /**
   * Counts what happened to a work order since its last recorded snapshot: dispatches (and
   * transfers), urges and escalations. `holders` are the departments holding it now, `level` its
   * escalation level now.
   */
  workOrderEvents(events: readonly TimelineEvent[], now: { level: string; holders: readonly string[] }): void;
  /** Set while serving /metrics: whether the Temporal SDK's own metrics could be read. */
  sdkMetricsUp: Gauge;
}

export function createWorkerMetrics(opts: { defaultMetrics?: boolean } = {}): WorkerMetrics {
  const registry = newRegistry(opts.defaultMetrics ?? true);
  const finished = new Counter({
    name: 'telecom_orders_finished_total',
    help: 'Orders that reached a final state (completed, failed, partial, cancelled, rejected), counted once per order; an order counts once under each of its service lines',
    labelNames: ['state', 'service_line', 'local_network'] as const,
    registers: [registry],
  });
  const step = new Histogram({
    name: 'telecom_order_step_duration_seconds',
    help: 'Duration of each execution (attempt) of an order-fulfilment step activity',
    labelNames: ['step', 'phase', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const dispatched = new Counter({
    name: 'telecom_work_orders_dispatched_total',
    help: 'Work orders dispatched (or transferred) to a department, by department and escalation level',
    labelNames: ['department', 'level'] as const,
    registers: [registry],
  });
  const urged = new Counter({
    name: 'telecom_work_orders_urged_total',
    help: 'Urgings (催单) of a department by the SLA clock; overdue="true" when its deadline has already passed (at the national level)',
    labelNames: ['department', 'level', 'overdue'] as const,
    registers: [registry],
  });
  const escalated = new Counter({
    name: 'telecom_work_orders_escalated_total',
    help: 'Escalations, by the department(s) holding the work order and the level it moved to; trigger is sla (a deadline passed) or manual',
    labelNames: ['department', 'level', 'trigger'] as const,
    registers: [registry],
  });
  const sdkMetricsUp = new Gauge({
    name: 'telecom_worker_sdk_metrics_up',
    help: "1 when this scrape includes the Temporal SDK's worker metrics, 0 when they could not be read",
    registers: [registry],
  });

  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

  return {
    registry,
    ...adapterMetrics(registry),
    sdkMetricsUp,
    orderFinished({ state, serviceLines, localNetwork }) {
      for (const line of serviceLines.length ? new Set(serviceLines) : ['none'])
        finished.inc({ state, service_line: line, local_network: localNetwork || 'none' });
    },
    orderStep(name, phase, outcome, seconds) {
      step.observe({ step: name, phase, outcome }, seconds);
    },
    workOrderEvents(events, now) {
      for (const e of events) {
        const d = e.details ?? {};
        if (e.action === 'dispatch') {
          for (const department of strings(d.departments)) dispatched.inc({ department, level: now.level });
        } else if (e.action === 'transfer' || e.action === 'handOver') {
          // A hand-over dispatches to the national centre (its `to`) as a transfer does.
          for (const department of strings(d.to)) dispatched.inc({ department, level: now.level });
        } else if (e.action === 'urge') {
          const level = typeof d.level === 'string' ? d.level : now.level;
          const overdue = String(typeof d.mark === 'string' && d.mark.endsWith(':deadline'));
          for (const department of strings(d.departments)) urged.inc({ department, level, overdue });
        } else if (e.action === 'escalate') {
          const level = typeof d.to === 'string' ? d.to : now.level;
          const trigger = typeof d.mark === 'string' ? 'sla' : 'manual';
          for (const department of now.holders.length ? now.holders : ['none']) escalated.inc({ department, level, trigger });
        }
      }
    },
  };
}

/** Times an activity's work as one step observation; a non-retryable failure counts as refused. */
export async function timeStep<T>(
  metrics: WorkerMetrics | undefined,
  step: string,
  phase: StepPhase,
  fn: () => Promise<T>,
  outcomeOf?: (result: T) => StepOutcome,
): Promise<T> {
  if (!metrics) return fn();
  const started = performance.now();
  let outcome: StepOutcome = 'error';
  try {
    const result = await fn();
    outcome = outcomeOf?.(result) ?? 'ok';
    return result;
  } catch (err) {
    outcome = (err as { nonRetryable?: unknown })?.nonRetryable === true ? 'refused' : 'error';
    throw err;
  } finally {
    metrics.orderStep(step, phase, outcome, (performance.now() - started) / 1000);
  }
}

// ---- serving ------------------------------------------------------------------------------------

/** The text of a registry, followed by the families of `extra` whose names the registry does not hold. */
export function mergeExposition(own: string, extra: string, ownNames: ReadonlySet<string>): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of extra.split('\n')) {
    if (line === '') continue;
    const meta = /^# (?:HELP|TYPE) (\S+)/.exec(line);
    if (meta) skipping = ownNames.has(meta[1]!);
    else if (!line.startsWith('#')) {
      const name = /^[^\s{]+/.exec(line)?.[0] ?? '';
      skipping = [...ownNames].some((n) => name === n || name.startsWith(`${n}_`));
    }
    if (!skipping) kept.push(line);
  }
  const head = own.endsWith('\n') ? own : `${own}\n`;
  return kept.length ? `${head}${kept.join('\n')}\n` : head;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker's metrics endpoint: GET /metrics answers the registry's metrics followed by those the
 * Temporal SDK serves at `sdkMetricsUrl` (when given and reachable; telecom_worker_sdk_metrics_up
 * says whether they are there). Port 0 takes a free port (tests).
 */
export async function startMetricsServer(opts: {
  metrics: WorkerMetrics;
  host: string;
  port: number;
  sdkMetricsUrl?: string;
  timeoutMs?: number;
}): Promise<MetricsServer> {
  const { registry, sdkMetricsUp } = opts.metrics;
  const readSdk = async (): Promise<string> => {
    if (!opts.sdkMetricsUrl) return '';
    try {
      const res = await fetch(opts.sdkMetricsUrl, { signal: AbortSignal.timeout(opts.timeoutMs ?? 2000) });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const text = await res.text();
      sdkMetricsUp.set(1);
      return text;
    } catch {
      sdkMetricsUp.set(0);
      return '';
    }
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics are at GET /metrics\n');
      return;
    }
    void (async () => {
      try {
        const sdk = await readSdk();
        const own = await registry.metrics();
        const names = new Set(registry.getMetricsAsArray().map((m) => m.name));
        res.writeHead(200, { 'content-type': registry.contentType }).end(mergeExposition(own, sdk, names));
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
