// Event notifications (TMF622 / TMF621 /hub): subscriptions, and the outbox's way out — changes
// expanded into events and their deliveries (one process at a time), deliveries claimed by any
// number of processes (FOR UPDATE SKIP LOCKED, with a lease), strictly in order per subscription and
// resource: only the head of each (subscription, resource) queue is ever claimable.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../domain/access.js';
import type { ResourceSources, ResourceType } from './resource-changes.js';
import { executorOf } from './transaction.js';

export interface SubscriptionRow {
  id: string;
  api: string;
  callback: string;
  query: string | null;
  /** The event types the query selects; null: all. */
  event_types: string[] | null;
  /** The principal's sub: only it may delete the subscription. */
  owner: string;
  /** The claims the subscriber had: events are filtered by what they may read. */
  principal: Principal;
  secret: string;
  created_at: Date | string;
}

export interface NewSubscription {
  id: string;
  api: string;
  callback: string;
  query?: string;
  eventTypes?: string[];
  principal: Principal;
  secret: string;
}

/** Stores a subscription unless its owner already has `limit` on this API (then undefined). */
export async function insertSubscription(em: EntityManager, s: NewSubscription, limit: number): Promise<SubscriptionRow | undefined> {
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    // Counted under a lock per owner, so concurrent requests cannot pass the limit together.
    await conn.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`hub-owner:${s.principal.sub}`]);
    const n = (await conn.execute('select count(*)::int as n from event_subscription where owner = ? and api = ?', [s.principal.sub, s.api])) as Array<{
      n: number;
    }>;
    if (n[0]!.n >= limit) return undefined;
    const rows = (await conn.execute(
      `insert into event_subscription (id, api, callback, query, event_types, owner, principal, secret) values (?, ?, ?, ?, ?::text[], ?, ?::jsonb, ?) returning *`,
      [s.id, s.api, s.callback, s.query ?? null, s.eventTypes ? `{${s.eventTypes.join(',')}}` : null, s.principal.sub, JSON.stringify(s.principal), s.secret],
    )) as SubscriptionRow[];
    return rows[0];
  });
}

/** Deletes the owner's subscription (and what was still to be delivered to it); false when it has none of that id on this API. */
export async function deleteSubscription(em: EntityManager, c: { id: string; api: string; owner: string }): Promise<boolean> {
  const rows = await em.getConnection().execute('delete from event_subscription where id = ? and api = ? and owner = ? returning id', [c.id, c.api, c.owner]);
  return rows.length > 0;
}

export async function allSubscriptions(em: EntityManager): Promise<SubscriptionRow[]> {
  return (await em.getConnection().execute('select * from event_subscription order by created_at, id')) as SubscriptionRow[];
}

/** A change of the outbox as stored, of one kind of resource. */
export interface ChangeRowOf<T extends ResourceType> {
  /** bigserial, as the driver returns it. */
  id: string | number;
  api: string;
  resource_type: T;
  resource_id: string;
  change: 'create' | 'update';
  previous: ResourceSources[T] | null;
  current: ResourceSources[T];
  created_at: Date | string;
}
export type ChangeRow = { [T in ResourceType]: ChangeRowOf<T> }[ResourceType];

/** An event made of a change, with the subscriptions it goes to. */
export interface NewEvent {
  id: string;
  changeId: string | number;
  /** Its place among the events of its change. */
  ordinal: number;
  api: string;
  eventType: string;
  resourceKey: string;
  body: string;
  subscriptionIds: string[];
}

const DISPATCH_LOCK = 'hub:dispatch';

/**
 * Turns the oldest undispatched changes into events and deliveries, in one transaction, in the one
 * process that holds the dispatch lock (undefined in the others: nothing to do for them). Changes
 * of one resource are appended in their order (appendResourceChange), so its deliveries are too.
 */
export async function dispatchChanges(em: EntityManager, limit: number, expand: (changes: ChangeRow[]) => Promise<NewEvent[]>): Promise<number | undefined> {
  return em.transactional(async (tx) => {
    const conn = executorOf(tx);
    const locked = (await conn.execute('select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as ok', [DISPATCH_LOCK])) as Array<{ ok: boolean }>;
    if (!locked[0]!.ok) return undefined;
    const changes = (await conn.execute('select * from resource_change where dispatched_at is null order by id limit ?', [limit])) as ChangeRow[];
    if (!changes.length) return 0;
    const events = (await expand(changes)).filter((e) => e.subscriptionIds.length);
    if (events.length) {
      await conn.execute(
        `insert into hub_event (id, change_id, ordinal, api, event_type, resource_key, body)
         select id, change_id, ordinal, api, event_type, resource_key, body
           from jsonb_to_recordset(?::jsonb) as x(id text, change_id bigint, ordinal smallint, api text, event_type text, resource_key text, body text)
         on conflict (id) do nothing`,
        [
          JSON.stringify(
            events.map((e) => ({
              id: e.id,
              change_id: e.changeId,
              ordinal: e.ordinal,
              api: e.api,
              event_type: e.eventType,
              resource_key: e.resourceKey,
              body: e.body,
            })),
          ),
        ],
      );
      await conn.execute(
        `insert into event_delivery (subscription_id, event_id, change_id, ordinal, resource_key)
         select subscription_id, event_id, change_id, ordinal, resource_key
           from jsonb_to_recordset(?::jsonb) as x(subscription_id text, event_id text, change_id bigint, ordinal smallint, resource_key text)
          where exists (select 1 from event_subscription s where s.id = x.subscription_id)
         on conflict (subscription_id, event_id) do nothing`,
        [
          JSON.stringify(
            events.flatMap((e) =>
              e.subscriptionIds.map((s) => ({ subscription_id: s, event_id: e.id, change_id: e.changeId, ordinal: e.ordinal, resource_key: e.resourceKey })),
            ),
          ),
        ],
      );
    }
    await conn.execute('update resource_change set dispatched_at = clock_timestamp() where id = any(?::bigint[])', [`{${changes.map((c) => c.id).join(',')}}`]);
    return changes.length;
  });
}

/** The order facts scope is judged by, for the orders of some changes (a cancel task is the order's). */
export async function orderScopes(em: EntityManager, orderIds: string[]): Promise<Map<string, { localNetwork: string; agentId: string | null }>> {
  if (!orderIds.length) return new Map();
  const rows = (await em
    .getConnection()
    .execute('select id, local_network, agent_id from product_order where id = any(?::text[])', [`{${[...new Set(orderIds)].join(',')}}`])) as Array<{
    id: string;
    local_network: string;
    agent_id: string | null;
  }>;
  return new Map(rows.map((r) => [r.id, { localNetwork: r.local_network, agentId: r.agent_id }]));
}

/** A delivery claimed for one attempt. */
export interface ClaimedDelivery {
  id: string | number;
  attempts: number;
  /** When the delivery was made (its retries end EVENT_RETRY_FOR_SECONDS after). */
  created_at: Date | string;
  subscription_id: string;
  resource_key: string;
  callback: string;
  secret: string;
  event_id: string;
  event_type: string;
  api: string;
  body: string;
  /** When the change happened (the delivery delay is measured from it). */
  changed_at: Date | string;
}

/**
 * Claims up to `limit` deliveries that are due, each the oldest pending of its (subscription,
 * resource) and not leased by another process, for `leaseSeconds`: a process that dies mid-attempt
 * leaves its claims to be taken again once their lease ends.
 */
export async function claimDeliveries(em: EntityManager, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  return (await em.getConnection().execute(
    `with heads as (
       select d.id from event_delivery d
        where d.status = 'pending' and d.next_attempt_at <= clock_timestamp()
          and (d.locked_until is null or d.locked_until < clock_timestamp())
          and not exists (select 1 from event_delivery e
                           where e.subscription_id = d.subscription_id and e.resource_key = d.resource_key and e.status = 'pending'
                             and (e.change_id, e.ordinal) < (d.change_id, d.ordinal))
        order by d.next_attempt_at, d.change_id, d.ordinal
        limit ?
        for update skip locked
     ), claimed as (
       update event_delivery d set locked_until = clock_timestamp() + make_interval(secs => ?), attempts = d.attempts + 1
         from heads where d.id = heads.id
       returning d.*
     )
     select c.id, c.attempts, c.created_at, c.subscription_id, c.resource_key, s.callback, s.secret, e.id as event_id, e.event_type, e.api, e.body,
            rc.created_at as changed_at
       from claimed c
       join event_subscription s on s.id = c.subscription_id
       join hub_event e on e.id = c.event_id
       join resource_change rc on rc.id = c.change_id`,
    [limit, leaseSeconds],
  )) as ClaimedDelivery[];
}

export async function markDelivered(em: EntityManager, id: string | number, status: number): Promise<void> {
  await em
    .getConnection()
    .execute(
      `update event_delivery set status = 'delivered', delivered_at = clock_timestamp(), locked_until = null, last_status = ?, last_error = null where id = ?`,
      [status, id],
    );
}

/**
 * Schedules another attempt in `delaySeconds`. The deliveries queued behind it for the same
 * subscription and resource wait as long (they cannot go first), so they are not looked at before.
 */
export async function markRetry(
  em: EntityManager,
  d: Pick<ClaimedDelivery, 'id' | 'subscription_id' | 'resource_key'>,
  delaySeconds: number,
  error: string,
  status?: number,
): Promise<void> {
  await em.getConnection().execute(
    `with head as (
       update event_delivery set next_attempt_at = clock_timestamp() + make_interval(secs => ?), locked_until = null, last_status = ?, last_error = ?
        where id = ? returning next_attempt_at
     )
     update event_delivery d set next_attempt_at = greatest(d.next_attempt_at, head.next_attempt_at)
       from head
      where d.subscription_id = ? and d.resource_key = ? and d.status = 'pending' and d.id <> ?`,
    [delaySeconds, status ?? null, error.slice(0, 500), d.id, d.subscription_id, d.resource_key, d.id],
  );
}

/** Gives up on a delivery: it stays, status failed, with the last answer or error. */
export async function markFailed(em: EntityManager, id: string | number, error: string, status?: number): Promise<void> {
  await em
    .getConnection()
    .execute(`update event_delivery set status = 'failed', locked_until = null, last_status = ?, last_error = ? where id = ?`, [
      status ?? null,
      error.slice(0, 500),
      id,
    ]);
}

/** What is waiting: changes not yet made into events, and deliveries not yet done (nor given up). */
export async function hubBacklog(em: EntityManager): Promise<{ changes: number; deliveries: number }> {
  const rows = (await em.getConnection().execute(
    `select (select count(*)::int from resource_change where dispatched_at is null) as changes,
              (select count(*)::int from event_delivery where status = 'pending') as deliveries`,
  )) as Array<{ changes: number; deliveries: number }>;
  return rows[0]!;
}

/**
 * Deletes, at most `limit` at a time, the changes dispatched more than `retentionSeconds` ago with
 * nothing left to deliver, with their events and deliveries (delivered and failed ones alike).
 */
export async function pruneChanges(em: EntityManager, retentionSeconds: number, limit = 5000): Promise<number> {
  const rows = await em.getConnection().execute(
    `delete from resource_change where id in (
       select rc.id from resource_change rc
        where rc.dispatched_at < clock_timestamp() - make_interval(secs => ?)
          and not exists (select 1 from hub_event e join event_delivery d on d.event_id = e.id where e.change_id = rc.id and d.status = 'pending')
        order by rc.dispatched_at limit ?)
     returning id`,
    [retentionSeconds, limit],
  );
  return rows.length;
}
