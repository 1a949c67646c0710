import { Migration } from '@mikro-orm/migrations';

// Staff accounts (issue 12): the people who sign in to the workbench. Roles and scopes are the API
// principal's (domain/access.ts), as columns so they can be listed and filtered; local_networks
// `{*}` means all. The password is an argon2id PHC string (platform/passwords.ts).
export class Migration006StaffAccounts extends Migration {
  override name = '006-staff-accounts';

  override up(): void {
    this.addSql(`
      create table staff_account (
        username text primary key check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        display_name text not null check (char_length(display_name) between 1 and 100),
        password_hash text not null,
        roles text[] not null check (cardinality(roles) >= 1),
        local_networks text[] not null default '{}',
        department text null,
        level text null check (level in ('city', 'province', 'national')),
        agent_id text null,
        org text null,
        disabled boolean not null default false,
        created_at timestamptz not null default clock_timestamp(),
        updated_at timestamptz not null default clock_timestamp()
      );
    `);
  }

  override down(): void {
    this.addSql('drop table if exists staff_account;');
  }
}
