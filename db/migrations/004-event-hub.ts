import { Migration } from '@mikro-orm/migrations';

// Event notifications (TMF622 / TMF621 /hub), issue 17 part 6:
// - resource_change: the transactional outbox. Each read-model writer appends the change it made
//   (previous and current source data) in its own transaction; dispatched_at is set once the
//   deliverer has turned it into events for the subscriptions of that moment.
// - event_subscription: a caller's hub registration, with the claims it had (events are filtered by
//   what it may read) and the secret its deliveries are signed with.
// - hub_event: an event as sent (the exact body, signed as is on every attempt), once per change and
//   event type; event_delivery: one per event and subscription, delivered in order per resource.
export class Migration004EventHub extends Migration {
  override name = '004-event-hub';

  override up(): void {
    this.addSql(`
      create table resource_change (
        id bigserial primary key,
        api text not null,
        resource_type text not null,
        resource_id text not null,
        change text not null check (change in ('create', 'update')),
        previous jsonb null,
        current jsonb not null,
        created_at timestamptz not null default clock_timestamp(),
        dispatched_at timestamptz null
      );
      create index resource_change_undispatched_idx on resource_change (id) where dispatched_at is null;
      create index resource_change_dispatched_idx on resource_change (dispatched_at) where dispatched_at is not null;

      create table event_subscription (
        id text primary key,
        api text not null,
        callback text not null,
        query text null,
        event_types text[] null,
        owner text not null,
        principal jsonb not null,
        secret text not null,
        created_at timestamptz not null default clock_timestamp()
      );
      create index event_subscription_owner_idx on event_subscription (owner, api);

      create table hub_event (
        id text primary key,
        change_id bigint not null references resource_change (id) on delete cascade,
        ordinal smallint not null,
        api text not null,
        event_type text not null,
        resource_key text not null,
        body text not null,
        created_at timestamptz not null default clock_timestamp()
      );
      create index hub_event_change_idx on hub_event (change_id);

      create table event_delivery (
        id bigserial primary key,
        subscription_id text not null references event_subscription (id) on delete cascade,
        event_id text not null references hub_event (id) on delete cascade,
        change_id bigint not null,
        ordinal smallint not null,
        resource_key text not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default clock_timestamp(),
        locked_until timestamptz null,
        last_status integer null,
        last_error text null,
        created_at timestamptz not null default clock_timestamp(),
        delivered_at timestamptz null,
        unique (subscription_id, event_id)
      );
      -- The head of each (subscription, resource) queue is found through this index.
      create index event_delivery_queue_idx on event_delivery (subscription_id, resource_key, change_id, ordinal) where status = 'pending';
      create index event_delivery_due_idx on event_delivery (next_attempt_at) where status = 'pending';
      create index event_delivery_event_idx on event_delivery (event_id);
    `);
  }

  override down(): void {
    this.addSql('drop table if exists event_delivery, hub_event, event_subscription, resource_change cascade;');
  }
}
