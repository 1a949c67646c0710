// Staff accounts in PostgreSQL (migration 006). Passwords arrive here already hashed: db/ stores,
// platform/passwords.ts hashes.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffScopesSchema, type StaffAccount, type StaffScopes } from '../domain/staff.js';

interface StaffRow {
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  local_networks: string[];
  department: string | null;
  level: string | null;
  agent_id: string | null;
  org: string | null;
  disabled: boolean;
  sessions_valid_from: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function accountOf(r: StaffRow): StaffAccount {
  // Parsed as a principal's scopes: a row edited by hand into something no token could carry fails here, not later.
  const scopes = StaffScopesSchema.parse({
    roles: r.roles,
    localNetworks: r.local_networks.includes('*') ? '*' : r.local_networks,
    department: r.department ?? undefined,
    level: r.level ?? undefined,
    agentId: r.agent_id ?? undefined,
    org: r.org ?? undefined,
  });
  return { username: r.username, displayName: r.display_name, ...scopes, disabled: r.disabled, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

/** The scope columns' values, in the order of SCOPE_COLUMNS; arrays as JSON (no text[] literal quoting). */
const scopeValues = (s: StaffScopes) => [
  JSON.stringify(s.roles),
  JSON.stringify(s.localNetworks === '*' ? ['*'] : s.localNetworks),
  s.department ?? null,
  s.level ?? null,
  s.agentId ?? null,
  s.org ?? null,
];
const SCOPE_PLACEHOLDERS = 'array(select jsonb_array_elements_text(?::jsonb)), array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?';

const rows = async (em: EntityManager, sql: string, params: unknown[]) => (await em.getConnection().execute(sql, params)) as StaffRow[];

/** The account and its password hash, for signing in. */
export async function findStaffForLogin(em: EntityManager, username: string): Promise<{ account: StaffAccount; passwordHash: string } | undefined> {
  const [r] = await rows(em, 'select * from staff_account where username = ?', [username]);
  return r ? { account: accountOf(r), passwordHash: r.password_hash } : undefined;
}

export async function findStaff(em: EntityManager, username: string): Promise<StaffAccount | undefined> {
  return (await findStaffForLogin(em, username))?.account;
}

export async function listStaff(em: EntityManager): Promise<StaffAccount[]> {
  return (await rows(em, 'select * from staff_account order by username', [])).map(accountOf);
}

export interface NewStaff extends StaffScopes {
  username: string;
  displayName: string;
  passwordHash: string;
}

/** Creates the account; undefined when the user name is taken. */
export async function insertStaff(em: EntityManager, a: NewStaff): Promise<StaffAccount | undefined> {
  const [r] = await rows(
    em,
    `insert into staff_account (username, display_name, password_hash, roles, local_networks, department, level, agent_id, org)
     values (?, ?, ?, ${SCOPE_PLACEHOLDERS}) on conflict (username) do nothing returning *`,
    [a.username, a.displayName, a.passwordHash, ...scopeValues(a)],
  );
  return r ? accountOf(r) : undefined;
}

/** Those of the user names that have an account. */
export async function existingUsernames(em: EntityManager, usernames: string[]): Promise<Set<string>> {
  const found = await rows(em, 'select username from staff_account where username = any(array(select jsonb_array_elements_text(?::jsonb)))', [
    JSON.stringify(usernames),
  ]);
  return new Set(found.map((r) => r.username));
}

export interface StaffChange {
  displayName?: string;
  passwordHash?: string;
  disabled?: boolean;
  scopes?: StaffScopes;
  /** Ends every session signed in before now (their tokens are refused). */
  endSessions?: boolean;
}

/** Applies the change; undefined when there is no such account. */
export async function updateStaff(em: EntityManager, username: string, c: StaffChange): Promise<StaffAccount | undefined> {
  const sets: string[] = ['updated_at = clock_timestamp()'];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    if (value === undefined) return;
    sets.push(`${column} = ?`);
    params.push(value);
  };
  set('display_name', c.displayName);
  set('password_hash', c.passwordHash);
  set('disabled', c.disabled);
  // Tokens carry whole seconds (iat): the next whole second, so one signed in this very second ends too.
  if (c.endSessions) sets.push("sessions_valid_from = date_trunc('second', clock_timestamp()) + interval '1 second'");
  if (c.scopes) {
    const [roles, localNetworks, ...rest] = scopeValues(c.scopes);
    sets.push('roles = array(select jsonb_array_elements_text(?::jsonb))', 'local_networks = array(select jsonb_array_elements_text(?::jsonb))');
    params.push(roles, localNetworks);
    // Scopes replace each other whole: a scope the change leaves out is cleared.
    ['department', 'level', 'agent_id', 'org'].forEach((column, i) => {
      sets.push(`${column} = ?`);
      params.push(rest[i]);
    });
  }
  const [r] = await rows(em, `update staff_account set ${sets.join(', ')} where username = ? returning *`, [...params, username]);
  return r ? accountOf(r) : undefined;
}

/** Whether an account's sessions still hold: undefined when there is no such account. */
export async function staffSessionState(em: EntityManager, username: string): Promise<{ disabled: boolean; sessionsValidFrom: Date } | undefined> {
  const [r] = await rows(em, 'select disabled, sessions_valid_from from staff_account where username = ?', [username]);
  return r ? { disabled: r.disabled, sessionsValidFrom: new Date(r.sessions_valid_from) } : undefined;
}
