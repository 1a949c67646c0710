import { Migration } from '@mikro-orm/migrations';

// The department worklist sorted newest first (GET /department/{id}/worklist?sort=newest): a busy desk
// sees what just came in on its first page. A partial index like the deadline order's, so that page
// stays an index scan at 100,000 open work orders.
export class Migration011WorklistNewest extends Migration {
  override name = '011-worklist-newest';

  override up(): void {
    this.addSql(
      'create index if not exists work_order_assignment_newest_idx on work_order_assignment (department, dispatched_at desc, work_order_id) where open;',
    );
  }

  override down(): void {
    this.addSql('drop index if exists work_order_assignment_newest_idx;');
  }
}
