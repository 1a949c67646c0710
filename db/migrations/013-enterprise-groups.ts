import { Migration } from '@mikro-orm/migrations';

// Enterprise customers (集团客户) and their batch orders (issue 14, point 5).
// - enterprise_group: an enterprise customer's group account — the billing account its batch
//   orders' lines bill to; its member subscriptions are the subscriptions billed to that account.
//   Designated by the customer's first batch order (its billingAccount, or the first account).
// - batch_order: a batch's read model, counts kept by the batch workflow's bookkeeping, so a list
//   never queries a workflow.
// - batch_order_line: each line's request, its order id (fixed when the batch is taken, so a line
//   is one order whatever retries) and its outcome.
export class Migration013EnterpriseGroups extends Migration {
  override name = '013-enterprise-groups';

  override up(): void {
    this.addSql(`
      create table if not exists enterprise_group (
        customer_id text primary key references customer(id),
        account_id text not null references account(id),
        created_by text not null,
        created_at timestamptz not null default now()
      );

      create table if not exists batch_order (
        id text primary key,
        idempotency_key text not null,
        request_hash text not null,
        customer_id text not null references customer(id),
        account_id text not null references account(id),
        local_network text not null,
        channel text not null,
        agent_id text null,
        description text null,
        state text not null default 'acknowledged',
        state_reason text null,
        total integer not null,
        pending integer not null,
        in_progress integer not null default 0,
        completed integer not null default 0,
        failed integer not null default 0,
        cancelled integer not null default 0,
        settings jsonb not null,
        run integer not null default 1,
        largest_history_events integer not null default 0,
        largest_history_bytes bigint not null default 0,
        created_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        completed_at timestamptz null,
        seq integer not null default 0
      );
      create unique index if not exists batch_order_idempotency_key_uq on batch_order (idempotency_key);
      create index if not exists batch_order_list_idx on batch_order (local_network, created_at desc);
      create index if not exists batch_order_customer_idx on batch_order (customer_id, created_at desc);

      create table if not exists batch_order_line (
        batch_id text not null references batch_order(id),
        line_no integer not null,
        request jsonb not null,
        order_id text not null,
        state text not null default 'pending',
        order_state text null,
        reason text null,
        updated_at timestamptz not null default now(),
        primary key (batch_id, line_no)
      );
      create unique index if not exists batch_order_line_order_uq on batch_order_line (order_id);
      create index if not exists batch_order_line_state_idx on batch_order_line (batch_id, state, line_no);
      create index if not exists subscription_account_idx on subscription (account_id);
    `);
  }

  override down(): void {
    this.addSql(
      'drop table if exists batch_order_line; drop table if exists batch_order; drop table if exists enterprise_group; drop index if exists subscription_account_idx;',
    );
  }
}
