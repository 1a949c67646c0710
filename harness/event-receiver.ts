// A subscriber's receiver of event notifications on the loopback, for the tests and the benchmark:
// it answers 204 (or 500 on the paths told to fail) and keeps what arrived, per callback path, in
// the order it arrived.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  path: string;
  /** The body exactly as sent (what the signature covers). */
  raw: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  receivedAt: number;
}

export class EventReceiver {
  /** Callback paths that answer 500 for now. */
  readonly failing = new Set<string>();
  private readonly accepted = new Map<string, ReceivedEvent[]>();
  private readonly refused = new Map<string, number>();
  private readonly server: Server;
  /** Keep bodies (tests) or only hand them to `onEvent` (the benchmark). */
  private readonly keep: boolean;
  private readonly onEvent?: (e: ReceivedEvent) => void;

  private constructor(opts: { keep?: boolean; onEvent?: (e: ReceivedEvent) => void }) {
    this.keep = opts.keep ?? true;
    this.onEvent = opts.onEvent;
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.take(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  static async start(opts: { keep?: boolean; onEvent?: (e: ReceivedEvent) => void } = {}): Promise<EventReceiver> {
    const receiver = new EventReceiver(opts);
    await new Promise<void>((ok) => receiver.server.listen(0, '127.0.0.1', ok));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}/${path}`;
  }

  /** What a path accepted, in arrival order (duplicates included). */
  received(path: string): ReceivedEvent[] {
    return this.accepted.get(path) ?? [];
  }

  /** How many deliveries a path answered with 500. */
  refusedCount(path: string): number {
    return this.refused.get(path) ?? 0;
  }

  private take(url: string, headers: IncomingHttpHeaders, raw: string, res: import('node:http').ServerResponse): void {
    const path = url.replace(/^\//, '');
    if (this.failing.has(path)) {
      this.refused.set(path, this.refusedCount(path) + 1);
      res.writeHead(500).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const e: ReceivedEvent = { path, raw, body, headers, receivedAt: Date.now() };
    if (this.keep) {
      const list = this.accepted.get(path) ?? [];
      list.push(e);
      this.accepted.set(path, list);
    }
    this.onEvent?.(e);
    res.writeHead(204).end();
  }

  stop(): Promise<void> {
    return new Promise((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }
}
