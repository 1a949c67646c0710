import { Migration } from '@mikro-orm/migrations';

// Who took a work order (issue 12, the live department desk): each assignment keeps the person who
// accepted it and when, so the worklist shows a colleague's name beside the work order they took.
// Filled by recordWorkOrder from the timeline's accept entries; rows written before are filled here
// from their snapshots the same way (the accept entry of the department at the assignment's acceptedAt).
export class Migration010WorklistTakenBy extends Migration {
  override name = '010-worklist-taken-by';

  override up(): void {
    this.addSql(`
      alter table work_order_assignment add column accepted_by text null, add column accepted_at timestamptz null;
      update work_order_assignment wa set accepted_by = t.actor, accepted_at = to_timestamp(t.at / 1000.0)
        from (select w.id, a->>'department' as department, (a->>'round')::int as round, e->'actor'->>'id' as actor, (e->>'at')::bigint as at
                from work_order w
                cross join lateral jsonb_array_elements(coalesce(w.snapshot->'assignments', '[]'::jsonb) || coalesce(w.snapshot->'previousAssignments', '[]'::jsonb)) a
                cross join lateral jsonb_array_elements(w.snapshot->'timeline') e
               where a->>'acceptedAt' is not null and e->>'action' = 'accept'
                 and e->'actor'->>'department' = a->>'department' and (e->>'at')::bigint = (a->>'acceptedAt')::bigint) t
       where wa.work_order_id = t.id and wa.department = t.department and wa.round = t.round;
    `);
  }

  override down(): void {
    this.addSql('alter table work_order_assignment drop column if exists accepted_by, drop column if exists accepted_at;');
  }
}
