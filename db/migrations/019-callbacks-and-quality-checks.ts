import { Migration } from '@mikro-orm/migrations';

// Callbacks and quality checks as tracked work (issue 15, point 2): the open callback's deadline
// beside each work order, so the callbacks due list sorts by it (overdue first); and the quality
// checks (抽查) of the sampled closed work orders, with their results.
export class Migration019CallbacksAndQualityChecks extends Migration {
  override name = '019-callbacks-and-quality-checks';

  override up(): void {
    this.addSql(`
      alter table work_order add column callback_due_by timestamptz;
      -- Callbacks due: soonest deadline first (overdue at the head), those without one after.
      create index work_order_callbacks_due_idx on work_order (callback_due_by, (coalesce(resolved_at, updated_at)), id)
        where phase in ('receiptReturned', 'reviewed', 'customerNotified', 'unsatisfied');
      create table quality_check (
        work_order_id text primary key,
        -- The handling and the taking local network: who may see it, as for the work order.
        local_network text not null,
        taken_in_local_network text not null,
        customer_id text not null,
        -- The round whose close was sampled, when, and the share it was sampled at.
        round int not null,
        share numeric not null,
        sampled_at timestamptz not null,
        result text check (result in ('satisfied', 'unsatisfied', 'unreachable')),
        note text,
        recorded_by text,
        recorded_by_role text,
        recorded_at timestamptz
      );
      create index quality_check_due_idx on quality_check (sampled_at, work_order_id) where result is null;
      create index quality_check_recorded_idx on quality_check (recorded_at) where result is not null;
      -- One customer's checks: the customer on the phone.
      create index quality_check_customer_idx on quality_check (customer_id);
      -- The capital samples twice the default share (domain/local-networks.ts); existing rows get it too.
      update local_network set rules = rules || '{"qualityCheckShare": 0.2}'::jsonb where id = 'shenyang' and rules->'qualityCheckShare' is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop table if exists quality_check;
      drop index if exists work_order_callbacks_due_idx;
      alter table work_order drop column if exists callback_due_by;
    `);
  }
}
