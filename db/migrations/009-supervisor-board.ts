import { Migration } from '@mikro-orm/migrations';
import { deadlinesOf } from '../../domain/sla.js';
import { urgeMarkOf } from '../../domain/supervision.js';
import type { WorkOrderSnapshot } from '../../domain/work-order.js';

// The supervisor board (issue 12): open assignments overdue, about to breach (past the SLA policy's
// urge mark, deadline still ahead) or escalated, in the supervisor's local networks, by deadline.
// The urge mark is kept beside the deadline (recordWorkOrder writes both), and three partial indexes
// over the open assignments serve the board's lists and counts without touching the work orders:
// by local network then deadline (a city supervisor), by deadline alone (province and national), and
// the escalated ones by deadline. Open assignments get their urge mark here, from their snapshots.
export class Migration009SupervisorBoard extends Migration {
  override name = '009-supervisor-board';

  override async up(): Promise<void> {
    await this.execute('alter table work_order_assignment add column urge_at timestamptz null');
    await this.execute(
      `create index work_order_assignment_board_network_idx on work_order_assignment (local_network, deadline, work_order_id)
         include (urge_at, escalation_level, department) where open`,
    );
    await this.execute(
      `create index work_order_assignment_board_idx on work_order_assignment (deadline, work_order_id)
         include (urge_at, escalation_level, local_network, department) where open`,
    );
    await this.execute(
      `create index work_order_assignment_escalated_idx on work_order_assignment (deadline, work_order_id)
         include (local_network, department) where open and escalation_level <> 'city'`,
    );
    // Backfill, a batch of work orders at a time (keyset on the id).
    let after = '';
    for (;;) {
      const rows = (await this.execute(
        `select w.id, w.snapshot from work_order w
          where w.id > ? and exists (select 1 from work_order_assignment a where a.work_order_id = w.id and a.open and a.deadline is not null)
          order by w.id limit 500`,
        [after],
      )) as Array<{ id: string; snapshot: WorkOrderSnapshot | string }>;
      if (!rows.length) break;
      for (const row of rows) {
        const s: WorkOrderSnapshot = typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot;
        const d = deadlinesOf(s);
        const marks = [d?.acceptBy, d?.resolveBy].map((deadline) => [deadline, urgeMarkOf(d, deadline)] as const);
        for (const [deadline, urgeAt] of marks) {
          if (deadline === undefined || urgeAt === undefined) continue;
          await this.execute('update work_order_assignment set urge_at = ? where work_order_id = ? and open and deadline = ?', [
            new Date(urgeAt).toISOString(),
            row.id,
            new Date(deadline).toISOString(),
          ]);
        }
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  override down(): void {
    this.addSql(
      'drop index if exists work_order_assignment_board_network_idx, work_order_assignment_board_idx, work_order_assignment_escalated_idx;' +
        'alter table work_order_assignment drop column if exists urge_at;',
    );
  }
}
