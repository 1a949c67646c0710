// Event notifications under the throughput benchmark's load: a receiver on the loopback subscribed to
// every event of both APIs (TMF622 and TMF621: orders, their cancel tasks, installation work orders)
// counts what arrives during each orders run and how long after its change each event arrived (the
// event's eventTime is when the read model changed: the outbox row's own time), and how long the
// deliverer takes to drain once the run is over.
import http from 'node:http';
import type pg from 'pg';
import { TMF621_BASE, TMF622_BASE } from '../../api/tmf.js';
import { EventReceiver, type ReceivedEvent } from '../../harness/event-receiver.js';
import { httpRequest } from './infra.js';
import { summarize, type Summary } from './stats.js';

export interface EventsRun {
  label: string;
  /** Events accepted by the receiver from the run's start until everything was delivered. */
  events: number;
  /** Those per second, from the run's start to the last arrival. */
  perSecond: number;
  /** From the change of the read model to the event's arrival, ms. */
  delayMs: Summary;
  /** From the run's end (every order finished) until nothing was waiting to be sent, s. */
  drainS: number;
  byType: Record<string, number>;
}

export class EventsProbe {
  private arrivals: Array<{ at: number; delayMs: number; type: string }> = [];
  private subscribed = false;
  private receiver!: EventReceiver;

  static async start(): Promise<EventsProbe> {
    const probe = new EventsProbe();
    probe.receiver = await EventReceiver.start({
      keep: false,
      onEvent: (e: ReceivedEvent) =>
        probe.arrivals.push({ at: e.receivedAt, delayMs: e.receivedAt - Date.parse(String(e.body.eventTime)), type: String(e.body.eventType) }),
    });
    return probe;
  }

  /** Subscribes the receiver on both APIs (once: subscriptions live in the database, across API restarts). */
  async subscribe(apiPort: number, token: string): Promise<void> {
    if (this.subscribed) return;
    const agent = new http.Agent();
    for (const base of [TMF622_BASE, TMF621_BASE]) {
      const res = await httpRequest(
        agent,
        apiPort,
        'POST',
        `${base}/hub`,
        { authorization: `Bearer ${token}` },
        JSON.stringify({ callback: this.receiver.url('bench') }),
      );
      if (res.status !== 201) throw new Error(`POST ${base}/hub → ${res.status}: ${res.body.slice(0, 300)}`);
    }
    agent.destroy();
    this.subscribed = true;
  }

  /** Runs `load`, then waits for the deliverer to drain (at most `drainTimeoutMs`), and tells what arrived. */
  async measure<T>(label: string, db: pg.Client, load: () => Promise<T>, drainTimeoutMs = 120_000): Promise<{ value: T; events: EventsRun }> {
    this.arrivals = [];
    const started = Date.now();
    const value = await load();
    const ended = Date.now();
    for (;;) {
      const { rows } = await db.query<{ waiting: number }>(
        `select (select count(*)::int from resource_change where dispatched_at is null) + (select count(*)::int from event_delivery where status = 'pending') as waiting`,
      );
      if (rows[0]!.waiting === 0 || Date.now() - ended > drainTimeoutMs) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainS = (Date.now() - ended) / 1000;
    const arrivals = this.arrivals;
    const last = arrivals.reduce((m, a) => Math.max(m, a.at), started);
    const byType: Record<string, number> = {};
    for (const a of arrivals) byType[a.type] = (byType[a.type] ?? 0) + 1;
    return {
      value,
      events: {
        label,
        events: arrivals.length,
        perSecond: arrivals.length / Math.max(0.001, (last - started) / 1000),
        delayMs: summarize(arrivals.map((a) => a.delayMs)),
        drainS,
        byType,
      },
    };
  }

  stop(): Promise<void> {
    return this.receiver.stop();
  }
}
