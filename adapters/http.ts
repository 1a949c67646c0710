// The one JSON-over-HTTP client every adapter is built on: timeouts, idempotency keys, error
// classification and the metrics hook live here and nowhere else.
import { AdapterError, BusinessRefusalError, TransientAdapterError } from './errors.js';

export type CallOutcome = 'ok' | 'transient' | 'refused' | 'error';

/** Called once per call, after it settled; for metrics. Must not throw (if it does, it is ignored). */
export type OnCall = (system: string, operation: string, outcome: CallOutcome, durationMs: number) => void;

export interface HttpClientOptions {
  /** Whole-call budget: connect, send, wait and read the body. */
  timeoutMs: number;
  onCall?: OnCall;
}

export type MutatingMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface JsonHttpClient {
  get<T>(operation: string, path: string): Promise<T>;
  /** Every mutating call carries an idempotency key: the other system must apply it at most once. */
  mutate<T>(operation: string, method: MutatingMethod, path: string, body: unknown, idempotencyKey: string): Promise<T>;
}

/** Statuses that mean "not now" rather than "no". */
const TRANSIENT_4XX = new Set([408, 425, 429]);

export function createJsonHttpClient(system: string, baseUrl: string, opts: HttpClientOptions): JsonHttpClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(operation: string, method: string, path: string, body: unknown, key: string | undefined): Promise<T> {
    const started = performance.now();
    let outcome: CallOutcome = 'error';
    try {
      const result = await send<T>(operation, method, path, body, key);
      outcome = 'ok';
      return result;
    } catch (err) {
      outcome = err instanceof TransientAdapterError ? 'transient' : err instanceof BusinessRefusalError ? 'refused' : 'error';
      throw err;
    } finally {
      try {
        opts.onCall?.(system, operation, outcome, performance.now() - started);
      } catch {
        // A broken metrics hook must not turn a good call into a failed one.
      }
    }
  }

  async function send<T>(operation: string, method: string, path: string, body: unknown, key: string | undefined): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (key !== undefined) headers['idempotency-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: Response;
    let text: string;
    try {
      // The signal covers reading the body too, so a server that stalls mid-response still times out.
      res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      // No instanceof: the DOMException may come from another realm (jest's VM, for one).
      const timedOut = (err as { name?: unknown })?.name === 'TimeoutError';
      const reason = timedOut ? `timed out after ${opts.timeoutMs} ms` : `unreachable (${describe(err)})`;
      throw new TransientAdapterError(system, operation, reason, undefined, undefined, { cause: err });
    }

    if (res.ok) {
      if (text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new AdapterError(system, operation, `answered ${res.status} with a body that is not JSON`, res.status, { cause: err });
      }
    }

    const problem = parseError(text);
    if (res.status >= 500 || TRANSIENT_4XX.has(res.status)) {
      const reason = `answered ${res.status}${problem.code ? ` ${problem.code}` : ''}${problem.message ? `: ${problem.message}` : ''}`;
      throw new TransientAdapterError(system, operation, reason, res.status, retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status >= 400) {
      throw new BusinessRefusalError(system, operation, problem.code ?? `HTTP_${res.status}`, problem.message ?? `answered ${res.status}`, res.status);
    }
    throw new AdapterError(system, operation, `unexpected status ${res.status}`, res.status);
  }

  return {
    get: (operation, path) => call(operation, 'GET', path, undefined, undefined),
    mutate: (operation, method, path, body, idempotencyKey) => {
      if (!idempotencyKey) return Promise.reject(new TypeError(`${system}.${operation}: an idempotency key is required`));
      return call(operation, method, path, body ?? {}, idempotencyKey);
    },
  };
}

/** Error bodies are `{ error: { code, message } }`; tolerate anything else. */
function parseError(text: string): { code?: string; message?: string } {
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    return {
      code: typeof e?.code === 'string' ? e.code : undefined,
      message: typeof e?.message === 'string' ? e.message : undefined,
    };
  } catch {
    return { message: text.slice(0, 200) || undefined };
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** undici hides the useful part (ECONNREFUSED…) in `cause`. */
function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err as { message?: string })?.message ?? String(err);
}

/** Path segment from an id: ids come from our own data, but never trust them to be URL-safe. */
export const seg = (id: string) => encodeURIComponent(id);
