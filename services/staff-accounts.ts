// Administering staff accounts: one procedure for the admin endpoints (/staff) and the command
// (`npm run staff`), so both check scopes, hash passwords and end sessions the same way. Input comes
// parsed by the domain's schemas (NewStaffSchema, StaffUpdateSchema): the route's declaration or the
// command does that.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { staffScopeProblems, type NewStaffInput, type StaffAccount, type StaffScopes, type StaffUpdate } from '../domain/staff.js';
import { findStaff, insertStaff, listStaff, updateStaff } from '../db/staff.js';
import { hashPassword } from '../platform/passwords.js';

export type FieldProblem = { field: string; message: string };

/** An outcome: the account, or why not — in the failure kinds' words (domain/failures.ts) plus a taken name. */
export type StaffOutcome = { account: StaffAccount } | { refused: 'INVALID'; problems: FieldProblem[] } | { refused: 'NOT_FOUND' | 'TAKEN'; detail: string };

/** A password for an account created or reset without one: 24 random characters, given once. */
export const generatedPassword = () => randomBytes(18).toString('base64url');

/** Scope problems and, for the agent role, an agent the database knows. */
async function scopeProblems(em: EntityManager, s: StaffScopes, prefix = ''): Promise<FieldProblem[]> {
  const problems = staffScopeProblems(s);
  if (s.agentId && !problems.some((p) => p.field === 'agentId')) {
    const [known] = await em.getConnection().execute('select 1 from agent where id = ?', [s.agentId]);
    if (!known) problems.push({ field: 'agentId', message: `no agent (dealer) is called "${s.agentId}"` });
  }
  return problems.map((p) => ({ ...p, field: `${prefix}${p.field}` }));
}

export class StaffAccounts {
  constructor(private readonly em: () => EntityManager) {}

  list(): Promise<StaffAccount[]> {
    return listStaff(this.em());
  }

  get(username: string): Promise<StaffAccount | undefined> {
    return findStaff(this.em(), username);
  }

  async create(input: NewStaffInput): Promise<StaffOutcome> {
    const { password, ...a } = input;
    const problems = await scopeProblems(this.em(), a);
    if (problems.length) return { refused: 'INVALID', problems };
    const account = await insertStaff(this.em(), { ...a, passwordHash: await hashPassword(password) });
    return account ? { account } : { refused: 'TAKEN', detail: `the user name "${a.username}" is taken` };
  }

  /**
   * A new password, disabling or new scopes end the account's sessions (a token carries the scopes it
   * was signed with); enabling does not bring them back.
   */
  async update(username: string, u: StaffUpdate): Promise<StaffOutcome> {
    if (u.scopes) {
      const problems = await scopeProblems(this.em(), u.scopes, 'scopes.');
      if (problems.length) return { refused: 'INVALID', problems };
    }
    const account = await updateStaff(this.em(), username, {
      displayName: u.displayName,
      disabled: u.disabled,
      scopes: u.scopes,
      passwordHash: u.password === undefined ? undefined : await hashPassword(u.password),
      endSessions: u.password !== undefined || u.disabled === true || u.scopes !== undefined,
    });
    return account ? { account } : { refused: 'NOT_FOUND', detail: `no staff account is called "${username}"` };
  }
}
