import { Migration } from '@mikro-orm/migrations';

// The work-order read model: one row per work order (search, reports) and one per department
// assignment (the department worklist: open assignments by deadline, served by a partial index).
export class Migration002WorkOrders extends Migration {
  override name = '002-work-orders';

  override up(): void {
    this.addSql(`
      create table work_order (
        id text primary key,
        type text not null,
        channel text not null,
        priority text not null,
        state text not null,
        phase text not null,
        customer_id text not null,
        customer_tier text not null,
        taken_in_local_network text not null,
        home_local_network text not null,
        handling_local_network text not null,
        service_line text not null,
        escalation_level text not null,
        departments text[] not null,
        related_order_id text null,
        accept_by timestamptz null,
        resolve_by timestamptz null,
        reopen_count integer not null default 0,
        snapshot jsonb not null,
        seq integer not null default 0,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        resolved_at timestamptz null,
        closed_at timestamptz null
      );
      create index work_order_search_idx on work_order (handling_local_network, state, created_at desc);
      create index work_order_type_idx on work_order (type, created_at desc);
      create index work_order_departments_idx on work_order using gin (departments);

      create table work_order_assignment (
        work_order_id text not null references work_order(id) on delete cascade,
        department text not null,
        round integer not null,
        state text not null,
        open boolean not null,
        deadline timestamptz null,
        type text not null,
        priority text not null,
        customer_tier text not null,
        escalation_level text not null,
        local_network text not null,
        dispatched_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (work_order_id, department, round)
      );
      -- The worklist: a department's open work orders, soonest deadline first.
      create index work_order_assignment_worklist_idx on work_order_assignment (department, deadline, work_order_id) where open;
    `);
  }

  override down(): void {
    this.addSql('drop table if exists work_order_assignment, work_order cascade;');
  }
}
