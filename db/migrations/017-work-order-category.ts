import { Migration } from '@mikro-orm/migrations';

// Work-order categories (issue 15, point 4; domain/work-order-categories.ts): the category beside
// the snapshot, so GET /troubleTicket can filter by a branch of the tree (a prefix of the path) with
// an index, newest first. Rows written before it take their snapshot's (none had one then: null).
export class Migration017WorkOrderCategory extends Migration {
  override name = '017-work-order-category';

  override up(): void {
    this.addSql(`
      alter table work_order add column if not exists category text null;
      update work_order set category = snapshot->>'category' where category is null and snapshot->>'category' is not null;
      create index if not exists work_order_category_idx on work_order (category text_pattern_ops, created_at desc) where category is not null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index if exists work_order_category_idx;
      alter table work_order drop column if exists category;
    `);
  }
}
