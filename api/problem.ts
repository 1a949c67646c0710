// Errors as RFC 9457 problem details (application/problem+json). Anything a client sent wrong
// becomes a 4xx with field-level details; only our own faults are 500s, and those never carry a
// stack trace to the client.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { TransientAdapterError } from '../adapters/errors.js';
import type { FailureKind } from '../domain/failures.js';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    /** Response headers that go with it, e.g. Retry-After on a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ProblemError(400, 'Bad Request', detail, errors);
export const unauthorized = (detail: string) => new ProblemError(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new ProblemError(403, 'Forbidden', detail);
export const notFound = (detail: string) => new ProblemError(404, 'Not Found', detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) => new ProblemError(409, 'Conflict', detail, undefined, extra);
export const unprocessable = (detail: string, errors?: FieldError[]) => new ProblemError(422, 'Unprocessable Content', detail, errors);

/** The one place a failure kind (domain/failures.ts) becomes an HTTP answer. */
const BY_KIND: Record<FailureKind, (detail: string, errors?: FieldError[]) => ProblemError> = {
  NOT_FOUND: notFound,
  WRONG_STATE: (detail) => conflict(detail),
  INVALID: badRequest,
  FORBIDDEN: (detail, errors) => new ProblemError(403, 'Forbidden', detail, errors),
};
export const problemOf = (kind: FailureKind, detail: string, errors?: FieldError[]) => BY_KIND[kind](detail, errors);

/** zod issues → field errors with JSON-pointer-ish paths like `productOrderItem[0].action`. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const fieldOf = (path: readonly PropertyKey[]) =>
    prefix + path.map((seg, n) => (typeof seg === 'number' ? `[${seg}]` : `${n === 0 ? '' : '.'}${String(seg)}`)).join('');
  return error.issues.flatMap((i): FieldError[] =>
    // An unknown field is named itself, one error each: a client learns what it sent that we ignore no more.
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({
          field: fieldOf([...i.path, key]),
          message: `unknown ${prefix === 'query.' ? 'query parameter' : 'field'} "${key}"`,
          code: i.code,
        }))
      : [{ field: fieldOf(i.path), message: i.message, code: i.code }],
  );
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    code: z.string().describe('TMF Error: the title as a code, e.g. BAD_REQUEST'),
    reason: z.string().describe('TMF Error: the title'),
    message: z.string().optional().describe('TMF Error: the detail'),
    '@type': z.literal('Error'),
  })
  .meta({ id: 'Problem' });

/** The problem+json body of a problem: RFC 9457's fields and, beside them, the TMF Error's. */
export function problemBody(p: ProblemError, instance?: string, requestId?: string): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(instance !== undefined ? { instance } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(p.errors?.length ? { errors: p.errors } : {}),
    // The same, in the TMF Error's words (TMF630), for clients generated from the TMF specifications.
    code: p.title.toUpperCase().replace(/[^A-Z0-9]+/g, '_'),
    reason: p.title,
    ...(p.detail ? { message: p.detail } : {}),
    '@type': 'Error',
    ...p.extra,
  };
}

export function sendProblem(res: Response, p: ProblemError): void {
  const requestId = res.getHeader('x-request-id') as string | undefined;
  for (const [k, v] of Object.entries(p.headers ?? {})) res.setHeader(k, v);
  res
    .status(p.status)
    .type('application/problem+json')
    .json(problemBody(p, res.req.originalUrl, requestId));
}

/**
 * What Node's HTTP parser refuses before Express sees the request — headers over the 16 KB limit, a
 * malformed request line — answered as problem+json too, instead of Node's bare status line.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const p =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new ProblemError(431, 'Request Header Fields Too Large', 'The request headers are larger than the server accepts (16 KB)')
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new ProblemError(408, 'Request Timeout', 'The request did not arrive in time')
          : new ProblemError(400, 'Bad Request', 'The request is not valid HTTP');
    const body = JSON.stringify(problemBody(p));
    socket.end(
      `HTTP/1.1 ${p.status} ${p.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Maps anything thrown by a handler or by express itself to a problem response. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof ProblemError) return sendProblem(res, err);
  if (err instanceof z.ZodError) return sendProblem(res, badRequest('The request is not valid', fieldErrors(err)));
  // A back-end system that is down is not our fault nor the caller's: say so, and when to retry.
  if (err instanceof TransientAdapterError) {
    req.log?.warn({ err }, 'a back-end system is unavailable');
    res.setHeader('retry-after', '5');
    return sendProblem(res, new ProblemError(503, 'Service Unavailable', `${err.message}; try again shortly`));
  }
  // The read model's database or Temporal unreachable (down, restarting): transient too, not a fault of ours.
  const down = databaseUnavailable(err) ? 'The database' : temporalUnavailable(err) ? 'Temporal' : undefined;
  if (down) {
    req.log?.warn({ err }, `${down} is unavailable`);
    res.setHeader('retry-after', '5');
    return sendProblem(res, new ProblemError(503, 'Service Unavailable', `${down} is unavailable; try again shortly`));
  }
  // body-parser and other http-errors: malformed JSON, too large, unsupported charset…
  const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    const detail = err.type === 'entity.parse.failed' ? 'The body is not valid JSON' : err.expose ? String(err.message) : 'The request could not be processed';
    return sendProblem(res, new ProblemError(status, status === 413 ? 'Content Too Large' : 'Bad Request', detail));
  }
  req.log?.error({ err }, 'unhandled error');
  sendProblem(res, new ProblemError(500, 'Internal Server Error', 'An unexpected error occurred; the request id identifies it in the logs'));
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * A database that cannot be reached or is shutting down or starting up: a refused or broken connection
 * (node-postgres), SQLSTATE class 08 (connection exception) or 57P01-57P03 (shutdown, cannot connect
 * now), as thrown by pg or wrapped by MikroORM (its `cause`).
 */
export function databaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
    // node-postgres's own words for a connection that broke (no code): terminated, or a client it will not use again.
    if (typeof e.message === 'string' && /^Connection terminated|^Client has encountered a connection error and is not queryable/.test(e.message)) return true;
  }
  return false;
}

/** Temporal's frontend unreachable: the client's ServiceError over gRPC status 14 (UNAVAILABLE). */
export function temporalUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === 14) return true;
  }
  return err instanceof Error && err.name === 'ServiceError' && /\b14 UNAVAILABLE\b/.test(err.message);
}
