import { Migration } from '@mikro-orm/migrations';

// The national centre's queue (issue 15, point 5): an assignment the national centre got by the province
// centre's hand-over for coordination (转全国中心协调) is marked, so its worklist and the supervisor board
// can tell those cases from the complaints dispatched to it directly. A partial index over the open ones
// serves the board's filter by deadline. Nothing to backfill: no assignment was handed over before.
export class Migration020NationalCentre extends Migration {
  override name = '020-national-centre';

  override up(): void {
    this.addSql('alter table work_order_assignment add column if not exists hand_over boolean not null default false;');
    this.addSql(
      'create index if not exists work_order_assignment_hand_over_idx on work_order_assignment (deadline, work_order_id) include (local_network, department) where open and hand_over;',
    );
  }

  override down(): void {
    this.addSql('drop index if exists work_order_assignment_hand_over_idx;');
    this.addSql('alter table work_order_assignment drop column if exists hand_over;');
  }
}
