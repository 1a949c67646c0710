import { Migration } from '@mikro-orm/migrations';

// Ending a staff account's sessions (issue 12): tokens signed in before sessions_valid_from are
// refused. Disabling an account and resetting its password move it to now, so a session cookie (or
// its token used as a bearer) stops working within API_KEY_CACHE_SECONDS, not at its expiry.
export class Migration007StaffSessions extends Migration {
  override name = '007-staff-sessions';

  override up(): void {
    this.addSql(`alter table staff_account add column sessions_valid_from timestamptz not null default 'epoch';`);
  }

  override down(): void {
    this.addSql('alter table staff_account drop column if exists sessions_valid_from;');
  }
}
