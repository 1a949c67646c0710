// The deliverer: runs in every API process (api/main.ts; the test harness's system too) and takes
// the outbox's changes to the subscribers.
//  1. dispatch: the oldest undispatched changes become events — the TMF events each means, for the
//     subscriptions of its API that may see the resource and asked for that type — in the one process
//     holding the dispatch lock;
//  2. deliver: up to EVENT_DELIVERY_CONCURRENCY deliveries in flight, each the head of its
//     (subscription, resource) queue, signed (events/signature.ts); a 2xx is delivered, anything else
//     is retried with exponential backoff for EVENT_RETRY_FOR_SECONDS, then marked failed.
// At least once: a process that dies between the receiver's answer and its write leaves a lease that
// ends, and the delivery is sent again with the same eventId. A commit wakes every deliverer at once
// (LISTEN); EVENT_POLL_MS is the fallback and the clock of retries.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  allSubscriptions,
  claimDeliveries,
  dispatchChanges,
  hubBacklog,
  markDelivered,
  markFailed,
  markRetry,
  orderScopes,
  pruneChanges,
  type ChangeRow,
  type ClaimedDelivery,
  type NewEvent,
} from '../db/hub.js';
import type { Orm } from '../db/orm.js';
import { ResourceChangeListener } from '../db/resource-changes.js';
import { isoOf } from '../db/time.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { EventMetrics } from '../platform/metrics.js';
import { CallbackPolicy, postCallback } from './callback.js';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureOf } from './signature.js';
import { eventIdOf, eventsOfChange, ordersToLoad, visibleTo } from './tmf-events.js';

export interface DelivererDeps {
  orm: Orm;
  config: Config;
  logger: Logger;
  metrics?: EventMetrics;
  /** The read model's URL, to LISTEN for changes; without it the deliverer only polls. */
  databaseUrl?: string;
}

const DISPATCH_BATCH = 500;
const BACKLOG_EVERY_MS = 2000;
const PRUNE_EVERY_MS = 60_000;

const msOf = (t: Date | string) => Date.parse(isoOf(t)!);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The base of the hrefs in event bodies: the API's public address, else where it listens. */
export const eventBaseUrl = (config: Pick<Config, 'API_PUBLIC_URL' | 'API_HOST' | 'API_PORT'>) =>
  (config.API_PUBLIC_URL ?? `http://${config.API_HOST}:${config.API_PORT}`).replace(/\/+$/, '');

export class EventDeliverer {
  private readonly policy: CallbackPolicy;
  private readonly baseUrl: string;
  private readonly log: Logger;
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;
  private woken = false;
  private wakeUp?: () => void;
  private running?: Promise<void>;
  private listener?: ResourceChangeListener;
  private lastBacklog = 0;
  private lastPrune = 0;

  constructor(private readonly deps: DelivererDeps) {
    this.policy = new CallbackPolicy(deps.config.EVENT_CALLBACK_HOSTS);
    this.baseUrl = eventBaseUrl(deps.config);
    this.log = deps.logger.child({ component: 'event-deliverer' });
  }

  private em = (): EntityManager => this.deps.orm.em.fork();

  start(): this {
    this.running ??= this.run();
    if (this.deps.databaseUrl) this.listener ??= new ResourceChangeListener(this.deps.databaseUrl, () => this.wake());
    return this;
  }

  /** Stops taking work, lets the deliveries in flight finish (so no lease is left behind), closes the listener. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await Promise.all(this.inflight);
    await this.listener?.stop();
  }

  /** Look now (a change was committed, a delivery finished). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private idle(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((done) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        done();
      };
      const timer = setTimeout(finish, ms);
      this.wakeUp = finish;
    });
  }

  private async run(): Promise<void> {
    const { EVENT_DELIVERY_CONCURRENCY: concurrency, EVENT_POLL_MS: pollMs, EVENT_DELIVERY_TIMEOUT_MS: timeoutMs } = this.deps.config;
    // Longer than any attempt can take, so a lease only ends for a process that died.
    const leaseSeconds = (2 * timeoutMs) / 1000 + 30;
    let failures = 0;
    while (!this.stopped) {
      let more: boolean;
      try {
        const dispatched = await dispatchChanges(this.em(), DISPATCH_BATCH, (changes) => this.expand(changes));
        more = dispatched === DISPATCH_BATCH;
        const claimed = await claimDeliveries(this.em(), concurrency - this.inflight.size, leaseSeconds);
        for (const d of claimed) this.track(this.deliver(d));
        await this.housekeeping();
        failures = 0;
      } catch (err) {
        // The database is away (a restart): try again later, without a log line per poll.
        failures++;
        if (failures === 1 || failures % 60 === 0) this.log.warn({ err: String(err), failures }, 'event delivery pass failed; retrying');
        await sleep(Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (!more) await this.idle(pollMs);
    }
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => {
      this.inflight.delete(p);
      // A slot is free, and the next delivery of that queue may go now.
      this.wake();
    });
  }

  /** The events of some changes, each with the subscriptions it goes to. */
  private async expand(changes: ChangeRow[]): Promise<NewEvent[]> {
    const subscriptions = await allSubscriptions(this.em());
    if (!subscriptions.length) return [];
    const relevant = changes.filter((c) => subscriptions.some((s) => s.api === c.api));
    const orders = await orderScopes(this.em(), ordersToLoad(relevant));
    const events: NewEvent[] = [];
    for (const change of relevant) {
      // A subscription hears of what changed after it was made.
      const listeners = subscriptions.filter((s) => s.api === change.api && msOf(s.created_at) <= msOf(change.created_at));
      if (!listeners.length) continue;
      let tmf: ReturnType<typeof eventsOfChange>;
      try {
        tmf = eventsOfChange(change, this.baseUrl);
      } catch (err) {
        // One change the presenters cannot show must not hold up every change after it.
        this.log.error(
          { err: String(err), changeId: change.id, resource: `${change.resource_type}/${change.resource_id}` },
          'a change could not be made into events; skipped',
        );
        continue;
      }
      tmf.forEach((e, ordinal) =>
        events.push({
          id: eventIdOf(change, e.eventType),
          changeId: change.id,
          ordinal,
          api: change.api,
          eventType: e.eventType,
          resourceKey: `${change.resource_type}/${change.resource_id}`,
          body: JSON.stringify(e.envelope),
          subscriptionIds: listeners
            .filter((s) => (!s.event_types || s.event_types.includes(e.eventType)) && visibleTo(s.principal, change, orders))
            .map((s) => s.id),
        }),
      );
    }
    return events;
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      [SIGNATURE_HEADER]: signatureOf(d.secret, timestamp, d.body),
      [EVENT_ID_HEADER]: d.event_id,
      [EVENT_TYPE_HEADER]: d.event_type,
      'user-agent': 'telecom-orchestration-hub/1',
    };
    try {
      let answer: { status: number } | undefined;
      let error: string;
      try {
        answer = await postCallback(this.policy, d.callback, d.body, headers, this.deps.config.EVENT_DELIVERY_TIMEOUT_MS);
        error = `answered ${answer.status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (answer && answer.status >= 200 && answer.status < 300) {
        await markDelivered(this.em(), d.id, answer.status);
        this.deps.metrics?.delivered(d.api, d.event_type, (Date.now() - msOf(d.changed_at)) / 1000);
        return;
      }
      await this.failedAttempt(d, error, answer?.status);
    } catch (err) {
      // Its outcome could not be written (the database is away): the lease ends and it is sent again.
      this.log.warn({ err: String(err), deliveryId: d.id }, 'event delivery outcome not recorded; it will be sent again');
    }
  }

  private async failedAttempt(d: ClaimedDelivery, error: string, status?: number): Promise<void> {
    const c = this.deps.config;
    const backoff = Math.min(c.EVENT_RETRY_MAX_SECONDS, c.EVENT_RETRY_BASE_SECONDS * 2 ** Math.max(0, d.attempts - 1));
    // ±20 %: receivers coming back are not hit by every queue at the same instant.
    const delay = backoff * (0.8 + Math.random() * 0.4);
    const final = (Date.now() - msOf(d.created_at)) / 1000 + delay > c.EVENT_RETRY_FOR_SECONDS;
    if (final) {
      await markFailed(this.em(), d.id, error, status);
      this.log.warn(
        { deliveryId: d.id, eventId: d.event_id, subscription: d.subscription_id, callback: d.callback, attempts: d.attempts, error },
        'event delivery failed for good',
      );
    } else {
      await markRetry(this.em(), d, delay, error, status);
      this.log.debug({ deliveryId: d.id, eventId: d.event_id, attempts: d.attempts, error, retryInSeconds: delay }, 'event delivery failed; will retry');
    }
    this.deps.metrics?.attemptFailed(d.api, d.event_type, final);
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (this.deps.metrics && now - this.lastBacklog >= BACKLOG_EVERY_MS) {
      this.lastBacklog = now;
      this.deps.metrics.backlog(await hubBacklog(this.em()));
    }
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      const pruned = await pruneChanges(this.em(), this.deps.config.EVENT_RETENTION_SECONDS);
      if (pruned) this.log.info({ pruned }, 'old changes, events and deliveries pruned');
    }
  }
}
