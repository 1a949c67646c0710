import { Migration } from '@mikro-orm/migrations';

// Urging and supervision by people, account managers (issue 15, points 1 and 7):
// - work_order_supervision: each supervision (督办) of a work order as the read model keeps it, for
//   the supervised list (GET /supervision/supervised) by local network and deadline, those awaiting
//   their reply first; written with the work order by recordWorkOrder (db/supervision.ts).
// - account_manager: the account manager (客户经理, a staff user name) of a customer; one per
//   customer. The seed assigns the development account managers to the VIP and enterprise customers
//   of their local networks (db/account-managers.ts). Work orders name their account manager in the
//   snapshot (`accountManager`), indexed for the manager's own search.
export class Migration018UrgingAndSupervision extends Migration {
  override name = '018-urging-and-supervision';

  override up(): void {
    this.addSql(`
      create table if not exists work_order_supervision (
        work_order_id text not null references work_order (id) on delete cascade,
        supervision_id integer not null,
        local_network text not null,
        supervised_by text not null,
        level text not null,
        centre text null,
        placed_at timestamptz not null,
        due timestamptz not null,
        instructions text not null,
        departments text[] not null,
        replied_at timestamptz null,
        reply_by text null,
        reply_department text null,
        reply text null,
        overdue_at timestamptz null,
        work_order_state text not null,
        primary key (work_order_id, supervision_id)
      );
      create index if not exists work_order_supervision_network_idx on work_order_supervision (local_network, due, work_order_id);
      create index if not exists work_order_supervision_awaiting_idx on work_order_supervision (due, work_order_id) where replied_at is null;

      create table if not exists account_manager (
        customer_id text primary key references customer (id) on delete cascade,
        username text not null,
        assigned_at timestamptz not null default now()
      );
      create index if not exists account_manager_username_idx on account_manager (username, customer_id);
      -- An account manager's search (GET /troubleTicket): the work orders naming them, newest first.
      create index if not exists work_order_account_manager_idx on work_order ((snapshot->>'accountManager'), created_at desc, id)
        where snapshot->>'accountManager' is not null;`);
  }

  override down(): void {
    this.addSql('drop index if exists work_order_account_manager_idx; drop table if exists account_manager; drop table if exists work_order_supervision;');
  }
}
