import { Migration } from '@mikro-orm/migrations';

// Issue 10's fixes, for data that exists already:
// - a repeated create is compared with the first request (request_hash; null for older rows, which
//   are not compared);
// - externalId is unique per organisation of the caller, not across callers (external_owner);
// - work orders a request created carry that request's hash (work_order_request);
// - fulfilment templates name the department function that installs (routing uses it);
// - field installations that ended "reviewed" (their workflows finished before such work orders
//   closed themselves) are closed, as their workflows are done.
export class Migration003RequestKeysAndInstallations extends Migration {
  override name = '003-request-keys-and-installations';

  override up(): void {
    this.addSql(`
      alter table product_order add column request_hash text null;
      alter table product_order add column external_owner text null;
      update product_order set external_owner = coalesce('agent:' || agent_id, 'sub:' || created_by) where external_id is not null;
      drop index if exists product_order_external_id_uq;
      create unique index product_order_external_id_uq on product_order (external_owner, external_id) where external_id is not null;

      create table work_order_request (
        idempotency_key text primary key,
        work_order_id text not null,
        request_hash text not null,
        created_by text not null,
        created_at timestamptz not null default now()
      );

      update product_offering set data = jsonb_set(data, '{template,installationDepartment}',
        case data->'template'->>'installationDepartment' when 'enterprise_service' then '"enterprise-service"'::jsonb else '"installation"'::jsonb end)
       where data->'template'->>'installationDepartment' in ('installation_maintenance', 'broadband_installation', 'enterprise_service');

      update work_order
         set phase = 'closed', state = 'closed', closed_at = updated_at,
             snapshot = snapshot || jsonb_build_object('phase', 'closed', 'state', 'closed', 'closedAt', snapshot->'updatedAt', 'closeReason', 'installationReported')
       where phase = 'reviewed' and channel = 'system' and related_order_id is not null;
      update work_order_assignment a set open = false
        from work_order w where w.id = a.work_order_id and w.phase = 'closed' and a.open;
    `);
  }

  override down(): void {
    this.addSql(`
      drop table if exists work_order_request;
      drop index if exists product_order_external_id_uq;
      alter table product_order drop column if exists external_owner;
      alter table product_order drop column if exists request_hash;
      create unique index product_order_external_id_uq on product_order (external_id) where external_id is not null;
    `);
  }
}
