import { Migration } from '@mikro-orm/migrations';

// Offering lifecycle changes (draft → active → retired) made by a catalog administrator: each change
// is a row (who, when, from, to, why), the offering's history. The largest id is the catalog's
// version: every API process and worker compares it with the version of the offerings it holds in
// memory before using them (db/reference.ts), so a change reaches them all on their next read.
export class Migration012OfferingLifecycle extends Migration {
  override name = '012-offering-lifecycle';

  override up(): void {
    this.addSql(`
      create table if not exists offering_lifecycle_change (
        id bigserial primary key,
        offering_id text not null references product_offering(id),
        from_status text not null,
        to_status text not null,
        reason text null,
        changed_by text not null,
        changed_by_name text null,
        changed_at timestamptz not null default now()
      );`);
    this.addSql('create index if not exists offering_lifecycle_change_offering_idx on offering_lifecycle_change (offering_id, id);');
  }

  override down(): void {
    this.addSql('drop table if exists offering_lifecycle_change;');
  }
}
