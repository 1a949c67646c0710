// Server-sent event streams of the live pages (the department's worklist, an order's progress): the
// headers, a comment line every 25 s so that proxies keep the connection, and the end — when the
// client goes, the process stops, or the caller's token expires (then `event: expired` first: every
// other request would be refused from then on, so the page lets its session end as on any 401).
import type { Request, Response } from 'express';
import { credentialExpiresAt } from './credential-expiry.js';

export const SSE_HEARTBEAT_MS = 25_000;
const SSE_RETRY_MS = 3000;
/** setTimeout's longest wait; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface EventStream {
  /** Writes one event (`event: <name>`, `data: <JSON>`). */
  send(event: string, data: unknown): void;
  /** Ends the stream (idempotent). */
  end(): void;
}

/**
 * Answers the request with an event stream. `subscribe` connects it to its source and returns how to
 * disconnect, which runs once when the stream ends for whatever reason. Returns false when the client
 * had already gone (nothing written).
 */
export function serveEventStream(req: Request, res: Response, opts: { comment: string; subscribe: (stream: EventStream) => () => void }): boolean {
  if (res.closed || req.socket.destroyed) return false;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  res.write(`retry: ${SSE_RETRY_MS}\n: ${opts.comment.replace(/[\r\n]/g, ' ')}\n\n`);
  let closed = false;
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
  const expiresAt = credentialExpiresAt(req);
  let expiry: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const stream: EventStream = {
    send: (event, data) => {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end: () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe?.();
      res.end();
    },
  };
  // A token is refused from its exp second on (api/auth.ts): told a moment after, so that the page's
  // next request is surely refused as expired.
  const expireLater = () => {
    const wait = expiresAt! + 50 - Date.now();
    if (wait > 0) expiry = setTimeout(expireLater, Math.min(wait, MAX_TIMER_MS));
    else {
      stream.send('expired', { code: 'SESSION_EXPIRED', detail: 'your session has expired: sign in again' });
      stream.end();
    }
  };
  const off = opts.subscribe(stream);
  // The source may have ended the stream at once (a feed that is stopping).
  if (closed) off();
  else unsubscribe = off;
  req.on('close', stream.end);
  res.on('close', stream.end);
  if (expiresAt !== undefined && !closed) expireLater();
  return true;
}
