import { Migration } from '@mikro-orm/migrations';

// Platform (API keys) and the order-management read model. Workflows are the source of truth;
// these tables serve lists, the customer 360 view and reports.
export class Migration001Initial extends Migration {
  override name = '001-initial';

  override up(): void {
    this.addSql(`
      create table api_key (
        id uuid primary key,
        name text not null,
        key_hash text not null unique,
        principal jsonb not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz null
      );

      create table local_network (
        id text primary key,
        name text not null,
        name_zh text not null,
        rules jsonb not null
      );

      create table product_offering (
        id text primary key,
        name text not null,
        service_line text not null,
        lifecycle text not null,
        template jsonb not null,
        data jsonb not null
      );

      create table pricing_policy (
        id text primary key,
        kind text not null,
        local_network text null,
        valid_from timestamptz not null,
        valid_to timestamptz null,
        data jsonb not null
      );

      create table agent (
        id text primary key,
        name text not null,
        contract jsonb not null
      );

      create table customer (
        id text primary key,
        kind text not null,
        name text not null,
        tier text not null,
        home_local_network text not null references local_network(id),
        status text not null,
        data jsonb not null,
        created_at timestamptz not null default now()
      );
      create index customer_home_local_network_idx on customer (home_local_network);

      create table account (
        id text primary key,
        customer_id text not null references customer(id),
        name text not null,
        created_at timestamptz not null default now()
      );
      create index account_customer_idx on account (customer_id);

      create table subscription (
        id text primary key,
        customer_id text not null references customer(id),
        account_id text not null references account(id),
        offering_id text not null,
        service_line text not null,
        service_id text not null,
        local_network text not null,
        status text not null,
        order_id text null,
        created_at timestamptz not null default now()
      );
      create index subscription_customer_idx on subscription (customer_id);

      create table product_order (
        id text primary key,
        external_id text null,
        idempotency_key text null,
        customer_id text not null,
        local_network text not null,
        channel text not null,
        agent_id text null,
        state text not null,
        state_reason text null,
        service_lines text[] not null,
        items jsonb not null,
        quote jsonb null,
        request jsonb not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        completed_at timestamptz null,
        seq integer not null default 0
      );
      create unique index product_order_external_id_uq on product_order (external_id) where external_id is not null;
      create unique index product_order_idempotency_key_uq on product_order (idempotency_key) where idempotency_key is not null;
      create index product_order_list_idx on product_order (local_network, created_at desc);
      create index product_order_customer_idx on product_order (customer_id, created_at desc);
      create index product_order_state_idx on product_order (state, created_at desc);
      create index product_order_agent_day_idx on product_order (agent_id, created_at) where agent_id is not null;
    `);
  }

  override down(): void {
    this.addSql(
      'drop table if exists product_order, subscription, account, customer, agent, pricing_policy, product_offering, local_network, api_key cascade;',
    );
  }
}
