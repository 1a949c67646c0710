import { Migration } from '@mikro-orm/migrations';

// The call-centre desk (issue 12): customer search by service number, name prefix and ID number,
// and the callbacks due (work orders whose receipt or callback the centre owes), each by an index.
export class Migration008CustomerSearch extends Migration {
  override name = '008-customer-search';

  override up(): void {
    this.addSql(`
      create index subscription_service_id_idx on subscription (service_id);
      -- Prefix search on the name whatever the database's collation (LIKE 'x%' needs pattern ops).
      create index customer_name_prefix_idx on customer (lower(name) text_pattern_ops);
      create index customer_id_number_idx on customer ((data->>'idNumber'));
      -- Callbacks due: few rows at any time, oldest resolution first.
      create index work_order_callbacks_idx on work_order ((coalesce(resolved_at, updated_at)), id)
        where phase in ('receiptReturned', 'reviewed', 'customerNotified', 'unsatisfied');
    `);
  }

  override down(): void {
    this.addSql('drop index if exists subscription_service_id_idx, customer_name_prefix_idx, customer_id_number_idx, work_order_callbacks_idx;');
  }
}
