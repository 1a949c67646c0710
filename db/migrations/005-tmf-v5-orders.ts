import { Migration } from '@mikro-orm/migrations';

// TMF622 v5: the order as the client sent it in v5 (what the domain request does not carry — notes,
// channel and party references, places, client prices — is echoed from it), drafts that are priced
// but not started, and CancelProductOrder as a task resource with its own life.
export class Migration005TmfV5Orders extends Migration {
  override name = '005-tmf-v5-orders';

  override up(): void {
    this.addSql(`
      alter table product_order add column tmf_request jsonb null;

      create table cancel_product_order (
        id text primary key,
        order_id text not null references product_order (id),
        state text not null,
        cancellation_reason text not null,
        requested_cancellation_date timestamptz null,
        effective_cancellation_date timestamptz null,
        error_message text null,
        idempotency_key text null unique,
        created_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index cancel_product_order_order_idx on cancel_product_order (order_id);
      create index cancel_product_order_created_idx on cancel_product_order (created_at desc);
    `);
  }
}
