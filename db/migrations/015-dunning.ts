import { Migration } from '@mikro-orm/migrations';

// Dunning (issue 14, point 2; domain/dunning.ts, workflows/dunning.ts):
// - dunning_reminder: the reminders sent, one per account and overdue bill, with the day: the notice
//   before a suspension runs from it, and a bill is reminded of once.
// - dunning_case: each account's suspension for arrears and its resumption, kept by the case
//   workflow's bookkeeping (seq: an older write never overwrites a newer one).
export class Migration015Dunning extends Migration {
  override name = '015-dunning';

  override up(): void {
    this.addSql(`
      create table if not exists dunning_reminder (
        account_id text not null,
        bill_id text not null,
        customer_id text not null,
        local_network text not null,
        owed_cents bigint not null,
        sent_on date not null,
        sent_at timestamptz not null default now(),
        primary key (account_id, bill_id)
      );

      create table if not exists dunning_case (
        case_id text primary key,
        account_id text not null,
        customer_id text not null,
        local_network text not null,
        reason text not null,
        state text not null,
        state_reason text null,
        bill_ids jsonb not null,
        owed_cents bigint not null,
        subscription_ids jsonb not null,
        suspension_order_id text null,
        resumption_order_id text null,
        opened_on date not null,
        seq integer not null,
        updated_at timestamptz not null default now()
      );
      create index if not exists dunning_case_open on dunning_case (account_id) where state in ('suspending', 'suspended', 'resuming');
      create index if not exists dunning_case_network on dunning_case (local_network, opened_on desc);`);
  }

  override down(): void {
    this.addSql('drop table if exists dunning_case; drop table if exists dunning_reminder;');
  }
}
