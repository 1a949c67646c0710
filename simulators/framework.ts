// The shared simulator framework: every simulated system (billing, inventory, network,
// notification) is an Express app built here, so fault injection, idempotency, records and the
// control endpoints behave the same everywhere.
//
// Request path of a business route:
//   latency (+jitter) → client gone? drop → outage? 503 → random error? 503
//   → [mutating] Idempotency-Key: missing 400, seen with same request → stored reply, seen with
//     a different request → 422 → body validation 400 → handler (the effect) → store reply
//   → lost-response fault? 503 (the effect happened, the caller does not know)
// Handlers are synchronous and state is in memory, so "check key, apply effect, store reply"
// runs without interleaving: two concurrent requests with one key can never both apply.
//
// Control plane (never delayed or faulted): GET /healthz, GET|POST /_control, GET /_records,
// POST /_reset.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { EstateOptions } from './estate.js';

export interface FaultOptions {
  /** Fixed delay before every business request is handled. */
  latencyMs?: number;
  /** Extra uniform random delay in [0, jitterMs). */
  jitterMs?: number;
  /** Share (0..1) of business requests answered 503 without doing anything. */
  errorRate?: number;
  /** Share (0..1) of mutating requests whose effect happens but whose answer is a 503. */
  lostResponseRate?: number;
  /** Start in an outage lasting this long. */
  outageForMs?: number;
}

export interface SimulatorOptions extends FaultOptions {
  logger?: Logger;
  /** Idempotency keys remembered (oldest forgotten first). Default 1,000,000. */
  maxIdempotencyKeys?: number;
  /** Effects kept in the /_records log (the counters stay exact). Default 10,000. */
  maxEffects?: number;
  /** Injectable randomness for deterministic tests. */
  random?: () => number;
  /**
   * The seeded estate the system knows besides what it did itself (simulators/estate.ts): the count and
   * seed the database was seeded with (default db/seed.ts's 5,000 customers and seed), or false for none.
   */
  estate?: EstateOptions | false;
}

export interface Reply {
  status: number;
  body: unknown;
}

export const reply = (body: unknown, status = 200): Reply => ({ status, body });
export const errorBody = (code: string, message: string) => ({ error: { code, message } });
/** A business refusal: the stable code is what the adapter's BusinessRefusalError carries. */
export const refuse = (status: number, code: string, message: string): Reply => ({ status, body: errorBody(code, message) });

export interface EffectRecord {
  seq: number;
  at: string;
  operation: string;
  key: string;
  summary: Record<string, unknown>;
}

export interface SimulatorSettings {
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  lostResponseRate: number;
  /** ISO time the current outage ends, or null. */
  outageUntil: string | null;
  [specific: string]: unknown;
}

export interface SimulatorCounters {
  requests: number;
  effects: number;
  duplicatesSuppressed: number;
  keyConflicts: number;
  missingKeys: number;
  validationErrors: number;
  refusals: number;
  injectedErrors: number;
  outageRejections: number;
  lostResponses: number;
  /** Requests whose caller hung up during the latency wait: dropped, never applied. */
  droppedDisconnected: number;
  idempotencyKeys: number;
  idempotencyKeysEvicted: number;
  /** Business requests being handled now (latency wait included), and the most there ever were at once. */
  inFlight: number;
  peakInFlight: number;
}

export interface SimulatorRecords<V = object> {
  system: string;
  counters: SimulatorCounters;
  /** Effects applied, per operation. */
  operations: Record<string, number>;
  /** Refusals, per code. */
  refusalCodes: Record<string, number>;
  /** Most recent effects, oldest first. */
  effects: EffectRecord[];
  views: V;
  settings: SimulatorSettings;
}

export interface CommandContext<S, B> {
  state: S;
  body: B;
  params: Record<string, string>;
  key: string;
  /** Log an effect (operation name is the route's). Call it once per thing actually done. */
  record(summary: Record<string, unknown>): void;
}

export interface QueryContext<S> {
  state: S;
  params: Record<string, string>;
  /** The query string, as Express's simple parser reads it (strings only; validate before use). */
  query: Record<string, unknown>;
}

export interface SimulatorSpec<S, C extends z.ZodObject> {
  system: string;
  /** Fresh state; called at start and on /_reset. Runtime controls specific to the system live in it. */
  initialState(): S;
  /** Control fields specific to this system (all optional), applied by applyControl. */
  control: C;
  applyControl(state: S, control: z.infer<C>): void;
  /** The specific settings, shown by /_control. */
  settings(state: S): Record<string, unknown>;
  /** Derived views for /_records; `summary` leaves out anything that grows with the number of orders. */
  views(state: S, summary: boolean): object;
}

export interface Simulator<S> {
  readonly system: string;
  readonly app: express.Express;
  /** Current state (replaced on reset: do not hold on to it). */
  readonly state: S;
  command<B>(method: 'post' | 'put' | 'delete', path: string, operation: string, schema: z.ZodType<B>, handler: (ctx: CommandContext<S, B>) => Reply): void;
  query(path: string, handler: (ctx: QueryContext<S>) => Reply): void;
  records(opts?: { summary?: boolean; effects?: number }): SimulatorRecords;
}

const CommonControl = z.strictObject({
  latencyMs: z.number().min(0).max(600_000).optional(),
  jitterMs: z.number().min(0).max(600_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  lostResponseRate: z.number().min(0).max(1).optional(),
  /** Outage from now for this long; 0 ends any outage. */
  outageForMs: z.number().min(0).optional(),
  /** Outage until this time (ISO string or epoch ms); null ends any outage. */
  outageUntil: z.union([z.iso.datetime({ offset: true }), z.number().int().min(0), z.null()]).optional(),
  /** Starts counting peakInFlight afresh (from the requests in flight now). */
  resetPeakInFlight: z.literal(true).optional(),
});

const KEY = /^[\x21-\x7e]{1,255}$/; // printable ASCII, no spaces

interface StoredReply {
  fingerprint: string;
  status: number;
  body: unknown;
}

const zeroCounters = (): SimulatorCounters => ({
  requests: 0,
  effects: 0,
  duplicatesSuppressed: 0,
  keyConflicts: 0,
  missingKeys: 0,
  validationErrors: 0,
  refusals: 0,
  injectedErrors: 0,
  outageRejections: 0,
  lostResponses: 0,
  droppedDisconnected: 0,
  idempotencyKeys: 0,
  idempotencyKeysEvicted: 0,
  inFlight: 0,
  peakInFlight: 0,
});

export function createSimulator<S, C extends z.ZodObject>(spec: SimulatorSpec<S, C>, opts: SimulatorOptions = {}): Simulator<S> {
  const { system } = spec;
  const logger = opts.logger;
  const random = opts.random ?? Math.random;
  const maxKeys = opts.maxIdempotencyKeys ?? 1_000_000;
  const maxEffects = opts.maxEffects ?? 10_000;
  const controlSchema = CommonControl.extend(spec.control.shape).strict();

  // Everything /_reset puts back.
  let state: S;
  let faults: { latencyMs: number; jitterMs: number; errorRate: number; lostResponseRate: number; outageUntil: number };
  let counters: SimulatorCounters;
  let operations: Map<string, number>;
  let refusalCodes: Map<string, number>;
  let idempotency: Map<string, StoredReply>;
  let effects: (Omit<EffectRecord, 'at'> & { at: number })[]; // ring buffer; times as epoch ms until read
  let effectSeq: number;

  function reset(initialOutage: boolean) {
    state = spec.initialState();
    faults = {
      latencyMs: opts.latencyMs ?? 0,
      jitterMs: opts.jitterMs ?? 0,
      errorRate: opts.errorRate ?? 0,
      lostResponseRate: opts.lostResponseRate ?? 0,
      outageUntil: initialOutage && opts.outageForMs ? Date.now() + opts.outageForMs : 0,
    };
    counters = zeroCounters();
    operations = new Map();
    refusalCodes = new Map();
    idempotency = new Map();
    effects = [];
    effectSeq = 0;
  }
  reset(true);

  function recordEffect(operation: string, key: string, summary: Record<string, unknown>) {
    counters.effects++;
    operations.set(operation, (operations.get(operation) ?? 0) + 1);
    const entry = { seq: ++effectSeq, at: Date.now(), operation, key, summary };
    effects[(entry.seq - 1) % maxEffects] = entry;
  }

  function recentEffects(limit: number): EffectRecord[] {
    const n = Math.min(limit, effects.length);
    const out: EffectRecord[] = [];
    for (let seq = effectSeq - n + 1; seq <= effectSeq; seq++) {
      const e = effects[(seq - 1) % maxEffects]!;
      out.push({ ...e, at: new Date(e.at).toISOString() });
    }
    return out;
  }

  function remember(key: string, stored: StoredReply) {
    idempotency.set(key, stored);
    if (idempotency.size > maxKeys) {
      // Map iterates in insertion order: the first key is the oldest.
      idempotency.delete(idempotency.keys().next().value!);
      counters.idempotencyKeysEvicted++;
    }
    counters.idempotencyKeys = idempotency.size;
  }

  function settings(): SimulatorSettings {
    return {
      latencyMs: faults.latencyMs,
      jitterMs: faults.jitterMs,
      errorRate: faults.errorRate,
      lostResponseRate: faults.lostResponseRate,
      outageUntil: faults.outageUntil > Date.now() ? new Date(faults.outageUntil).toISOString() : null,
      ...spec.settings(state),
    };
  }

  function records({ summary = false, effects: limit = 1000 } = {}): SimulatorRecords {
    return {
      system,
      counters: { ...counters },
      operations: Object.fromEntries(operations),
      refusalCodes: Object.fromEntries(refusalCodes),
      effects: recentEffects(limit),
      views: spec.views(state, summary),
      settings: settings(),
    };
  }

  const send = (res: Response, r: Reply) => void res.status(r.status).json(r.body);

  /** Latency and the faults that strike before anything is done. false: already answered (or dropped). */
  async function gate(req: Request, res: Response): Promise<boolean> {
    counters.requests++;
    // In flight until the answer is sent or the caller hangs up (what a client-side limit must bound).
    counters.inFlight++;
    counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
    const counted = counters;
    res.once('close', () => counted.inFlight--);
    // A caller that hangs up while the request is "in transit" never reaches the system.
    let gone = false;
    const onClose = () => (gone = !res.writableFinished);
    res.once('close', onClose);
    const delay = faults.latencyMs + (faults.jitterMs > 0 ? random() * faults.jitterMs : 0);
    if (delay > 0) await sleep(delay);
    res.off('close', onClose);
    if (gone) {
      counters.droppedDisconnected++;
      return false;
    }
    const now = Date.now();
    if (faults.outageUntil > now) {
      counters.outageRejections++;
      res.set('Retry-After', String(Math.ceil((faults.outageUntil - now) / 1000)));
      send(res, refuse(503, 'OUTAGE', `${system} is unavailable`));
      return false;
    }
    if (faults.errorRate > 0 && random() < faults.errorRate) {
      counters.injectedErrors++;
      send(res, refuse(503, 'INJECTED_FAULT', `${system} failed (injected)`));
      return false;
    }
    return true;
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '256kb' }));

  // --- control plane
  app.get('/healthz', (_req, res) => {
    const outage = faults.outageUntil > Date.now();
    res.status(outage ? 503 : 200).json({ system, status: outage ? 'outage' : 'ok' });
  });
  app.get('/_control', (_req, res) => void res.json(settings()));
  app.post('/_control', (req, res) => {
    const parsed = controlSchema.safeParse(req.body ?? {});
    if (!parsed.success) return send(res, refuse(400, 'VALIDATION_FAILED', z.prettifyError(parsed.error)));
    const c = parsed.data as z.infer<typeof CommonControl> & z.infer<C>;
    if (c.latencyMs !== undefined) faults.latencyMs = c.latencyMs;
    if (c.jitterMs !== undefined) faults.jitterMs = c.jitterMs;
    if (c.errorRate !== undefined) faults.errorRate = c.errorRate;
    if (c.lostResponseRate !== undefined) faults.lostResponseRate = c.lostResponseRate;
    if (c.outageUntil !== undefined) faults.outageUntil = c.outageUntil === null ? 0 : new Date(c.outageUntil).getTime();
    if (c.outageForMs !== undefined) faults.outageUntil = c.outageForMs > 0 ? Date.now() + c.outageForMs : 0;
    if (c.resetPeakInFlight) counters.peakInFlight = counters.inFlight;
    spec.applyControl(state, c);
    logger?.info({ system, control: c }, 'simulator control changed');
    res.json(settings());
  });
  app.get('/_records', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const limit = Number(q.effects ?? 1000);
    res.json(records({ summary: q.summary === 'true' || q.summary === '1', effects: Number.isFinite(limit) && limit >= 0 ? limit : 1000 }));
  });
  app.post('/_reset', (_req, res) => {
    reset(false);
    logger?.info({ system }, 'simulator reset');
    res.json({ system, reset: true });
  });

  // --- business routes (added by the system's module), then the fallbacks
  const router = express.Router();
  app.use(router);
  app.use((req, res) => send(res, refuse(404, 'NOT_FOUND', `no route ${req.method} ${req.path}`)));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (res.headersSent) return;
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger?.error({ system, err }, 'simulator fault');
    const code = err?.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
    send(res, refuse(status, code, status === 500 ? 'internal error' : String(err?.message ?? 'bad request')));
  };
  app.use(onError);

  function command<B>(method: 'post' | 'put' | 'delete', path: string, operation: string, schema: z.ZodType<B>, handler: (ctx: CommandContext<S, B>) => Reply) {
    router[method](path, async (req, res) => {
      if (!(await gate(req, res))) return;
      const key = req.get('idempotency-key');
      if (!key || !KEY.test(key)) {
        counters.missingKeys++;
        return send(res, refuse(400, 'IDEMPOTENCY_KEY_REQUIRED', 'a mutating request needs an Idempotency-Key header (1-255 printable characters)'));
      }
      const body: unknown = req.body ?? {};
      const fingerprint = createHash('sha1')
        .update(`${req.method} ${req.path} ${stableJson(body)}`)
        .digest('base64');
      const seen = idempotency.get(key);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          counters.keyConflicts++;
          return send(res, refuse(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request'));
        }
        counters.duplicatesSuppressed++;
        res.set('Idempotent-Replayed', 'true');
        return send(res, seen);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        // Not remembered: the request never reached the system's logic.
        counters.validationErrors++;
        return send(res, refuse(400, 'VALIDATION_FAILED', z.prettifyError(parsed.error)));
      }
      const params = req.params as Record<string, string>;
      const result = handler({ state, body: parsed.data, params, key, record: (summary) => recordEffect(operation, key, summary) });
      if (result.status >= 400) {
        counters.refusals++;
        const code = (result.body as { error?: { code?: string } })?.error?.code ?? `HTTP_${result.status}`;
        refusalCodes.set(code, (refusalCodes.get(code) ?? 0) + 1);
      }
      // Refusals are remembered too: the same request asked again gets the same answer.
      remember(key, { fingerprint, ...result });
      logger?.debug({ system, operation, key, status: result.status }, 'simulator command');
      if (faults.lostResponseRate > 0 && random() < faults.lostResponseRate) {
        counters.lostResponses++;
        return send(res, refuse(503, 'RESPONSE_LOST', `${system} applied the request but the answer was lost (injected)`));
      }
      send(res, result);
    });
  }

  function query(path: string, handler: (ctx: QueryContext<S>) => Reply) {
    router.get(path, async (req, res) => {
      if (!(await gate(req, res))) return;
      send(res, handler({ state, params: req.params as Record<string, string>, query: req.query as Record<string, unknown> }));
    });
  }

  return {
    system,
    app,
    get state() {
      return state;
    },
    command,
    query,
    records,
  };
}

/** JSON with object keys sorted, so {a,b} and {b,a} fingerprint the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Sequential ids like BL-00000042, so "was this ever issued?" needs no memory. */
export function sequentialId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(8, '0')}`;
}

export function parseSequentialId(prefix: string, id: string): number | undefined {
  const m = new RegExp(`^${prefix}-(\\d{8,})$`).exec(id);
  return m ? Number(m[1]) : undefined;
}
