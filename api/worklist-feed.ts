// The live pages' feed: server-sent events of a department's worklist changes
// (GET /department/{department}/worklist/events) and of an order's progress
// (GET /productOrder/{id}/events). One LISTEN connection per API process on the outbox's channel
// (db/resource-changes.ts), opened when the first page connects; each notification reads the changes
// committed since the last one it saw and tells every connected desk of a department the ids of the
// work orders that concern it (held, or held before this change), and every page of an order that it
// changed. A page only reads again on an event, so an event too many costs a read, never a wrong
// answer; the page's periodic refresh stays as the fallback.
import type { Orm } from '../db/orm.js';
import { ResourceChangeListener } from '../db/resource-changes.js';
import type { Logger } from '../platform/logger.js';

/** A connected desk: its department, the local networks it may see (`*`: all), how to tell it. */
export interface WorklistListener {
  department: string;
  localNetworks: '*' | readonly string[];
  send(workOrderIds: string[]): void;
  /** Ends the stream (the process is stopping). */
  close(): void;
}

/** A connected order page: the order it shows (its scope was checked when it connected). */
export interface OrderListener {
  orderId: string;
  send(): void;
  /** Ends the stream (the process is stopping). */
  close(): void;
}

/** What one committed change tells: which resource, its local network, the departments it concerns. */
interface Change {
  resourceId: string;
  localNetwork: string | null;
}

/** A subscriber of one topic (`department:<id>` or `productOrder:<id>`), told the changes of that topic in one read. */
interface Subscriber {
  send(changes: Change[]): void;
  close(): void;
}

export interface WorklistFeedDeps {
  orm: Orm;
  logger: Logger;
  /** The read model's URL, to LISTEN; without it desks only get heartbeats (and keep their polling). */
  databaseUrl?: string;
}

/**
 * Changes of different work orders may commit out of id order (ids are taken at insert): each read
 * looks this many ids back and skips the ones it has already seen.
 */
const LOOKBACK_IDS = 200;

interface ChangeRow {
  id: string;
  resource_type: 'troubleTicket' | 'productOrder';
  resource_id: string;
  local_network: string | null;
  departments: string[] | null;
}

export class WorklistFeed {
  private readonly listeners = new Map<string, Set<Subscriber>>();
  private readonly log: Logger;
  private stopped = false;
  private listener?: ResourceChangeListener;
  /** The highest change id read, and the ids above LOOKBACK below it already read. */
  private lastId?: bigint;
  private readonly seen = new Set<string>();
  private reading?: Promise<void>;
  private readAgain = false;
  private markReady!: () => void;
  /** Resolved once the feed knows where the outbox stands: commits after it reach the desks (told once it listens). */
  private readonly readyPromise = new Promise<void>((done) => (this.markReady = done));

  constructor(private readonly deps: WorklistFeedDeps) {
    this.log = deps.logger.child({ component: 'live-feed' });
  }

  /** Adds a desk; the returned function removes it. Opens the shared LISTEN connection on first use. */
  subscribe(listener: WorklistListener): () => void {
    return this.add(`department:${listener.department}`, {
      send: (changes) => {
        const visible = changes
          .filter((c) => listener.localNetworks === '*' || (c.localNetwork !== null && listener.localNetworks.includes(c.localNetwork)))
          .map((c) => c.resourceId);
        if (visible.length) listener.send(visible);
      },
      close: () => listener.close(),
    });
  }

  /** Adds an order page, told each committed change of its order; the returned function removes it. */
  subscribeOrder(listener: OrderListener): () => void {
    return this.add(`productOrder:${listener.orderId}`, { send: () => listener.send(), close: () => listener.close() });
  }

  private add(topic: string, subscriber: Subscriber): () => void {
    if (this.stopped) {
      subscriber.close();
      return () => {};
    }
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(subscriber);
    if (this.deps.databaseUrl && !this.listener) {
      // Where the outbox stands is read at once on the pool, not when the LISTEN connection is up: a
      // change committed between this page's answer and a slow LISTEN would otherwise be taken as the
      // starting point and never told. The listener's read on connecting tells what came in between.
      this.read();
      this.listener = new ResourceChangeListener(
        this.deps.databaseUrl,
        () => this.read(),
        (err) => this.log.debug({ err: String(err) }, 'live feed cannot listen now; retrying'),
      );
    }
    return () => {
      const s = this.listeners.get(topic);
      s?.delete(subscriber);
      if (s && !s.size) this.listeners.delete(topic);
    };
  }

  /** Waits (at most `ms`) until changes committed from now on are sure to be told. */
  ready(ms = 2000): Promise<void> {
    if (!this.deps.databaseUrl) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([this.readyPromise, new Promise<void>((done) => (timer = setTimeout(done, ms)))]).finally(() => clearTimeout(timer));
  }

  /** How many pages are connected (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Ends every stream and closes the LISTEN connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.markReady();
    for (const set of this.listeners.values()) for (const l of set) l.close();
    this.listeners.clear();
    await this.listener?.stop();
    await this.reading;
  }

  /** Reads the new changes; notifications during a read make one more read after it. */
  private read(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          await this.readOnce();
        } catch (err) {
          this.log.warn({ err: String(err) }, 'live feed changes could not be read');
        }
      } while (this.readAgain && !this.stopped);
    })().finally(() => (this.reading = undefined));
  }

  private async readOnce(): Promise<void> {
    const conn = this.deps.orm.em.fork().getConnection();
    if (this.lastId === undefined) {
      const [row] = (await conn.execute('select coalesce(max(id), 0)::text as id from resource_change')) as Array<{ id: string }>;
      this.lastId = BigInt(row!.id);
      this.markReady();
      return;
    }
    const floor = this.lastId > BigInt(LOOKBACK_IDS) ? this.lastId - BigInt(LOOKBACK_IDS) : 0n;
    const rows = (await conn.execute(
      `select id::text, resource_type, resource_id,
              case when resource_type = 'troubleTicket' then coalesce(current->>'forwardedTo', current->>'takenInLocalNetwork') end as local_network,
              case when resource_type = 'troubleTicket' then
                array(select distinct a->>'department'
                        from jsonb_array_elements(coalesce(current->'assignments', '[]'::jsonb) || coalesce(previous->'assignments', '[]'::jsonb)) a)
              end as departments
         from resource_change
        where id > ?::bigint and resource_type in ('troubleTicket', 'productOrder') and not (id = any(?::bigint[]))
        order by id`,
      [floor.toString(), `{${[...this.seen].join(',')}}`],
    )) as ChangeRow[];
    const byTopic = new Map<string, Map<string, Change>>();
    const tell = (topic: string, change: Change) => {
      if (!this.listeners.has(topic)) return;
      let changes = byTopic.get(topic);
      if (!changes) byTopic.set(topic, (changes = new Map()));
      changes.set(change.resourceId, change);
    };
    for (const r of rows) {
      this.seen.add(r.id);
      if (BigInt(r.id) > this.lastId) this.lastId = BigInt(r.id);
      const change = { resourceId: r.resource_id, localNetwork: r.local_network };
      if (r.resource_type === 'productOrder') tell(`productOrder:${r.resource_id}`, change);
      else for (const d of r.departments ?? []) tell(`department:${d}`, change);
    }
    const keepAbove = this.lastId - BigInt(LOOKBACK_IDS);
    for (const id of this.seen) if (BigInt(id) <= keepAbove) this.seen.delete(id);
    for (const [topic, changes] of byTopic) {
      for (const l of this.listeners.get(topic) ?? []) l.send([...changes.values()]);
    }
  }
}
