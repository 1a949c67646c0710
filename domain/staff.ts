// Staff accounts: the people who sign in to the workbench. Each carries the roles and scopes of an
// API principal (domain/access.ts), so a signed-in person is checked by exactly the same rules as a
// bearer token of the same claims.
import { z } from 'zod';
import { PrincipalSchema, type Principal } from './access.js';
import { departmentById } from './departments.js';
import { LOCAL_NETWORK_IDS } from './local-networks.js';

/** Lower case, so `Alice` and `alice` cannot be two accounts; dots for `dept.dalian.care`-style names. */
export const UsernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit');
export const DisplayNameSchema = z.string().trim().min(1).max(100);

/** Longest password accepted: argon2 takes any length, but hashing a megabyte per guess would be a cheap flood. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 12;
export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

/** What an account may do: a principal's roles and scopes (its sub is the user name, its name the display name). */
export const StaffScopesSchema = PrincipalSchema.omit({ sub: true, name: true });
export type StaffScopes = z.infer<typeof StaffScopesSchema>;

/** A new account, as an admin gives it (the API's POST /staff and `npm run staff -- create`). */
export const NewStaffSchema = z.strictObject({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  password: PasswordSchema,
  ...StaffScopesSchema.shape,
});
export type NewStaffInput = z.infer<typeof NewStaffSchema>;

/** A change to an account; `scopes` replaces every role and scope at once (one left out is cleared). */
export const StaffUpdateSchema = z.strictObject({
  displayName: DisplayNameSchema.optional(),
  disabled: z.boolean().optional(),
  password: PasswordSchema.optional(),
  scopes: z.strictObject(StaffScopesSchema.shape).optional(),
});
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

/**
 * What the schema cannot say about a set of scopes: the scope each role needs (a department's staff
 * without a department would see nothing, a supervisor without a level could not be placed) and
 * departments and local networks that exist. Field names as in the account's input.
 */
export function staffScopeProblems(s: StaffScopes): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (s.roles.includes('department') && !s.department) problems.push({ field: 'department', message: 'the department role needs a department' });
  if (s.department && !departmentById(s.department)) problems.push({ field: 'department', message: `no department is called "${s.department}"` });
  if (s.roles.includes('agent') && !s.agentId) problems.push({ field: 'agentId', message: 'the agent role needs the agent (dealer) id' });
  if (s.roles.includes('supervisor') && !s.level) problems.push({ field: 'level', message: 'the supervisor role needs a level (city, province, national)' });
  if (s.localNetworks !== '*')
    s.localNetworks.forEach((ln, i) => {
      if (!(LOCAL_NETWORK_IDS as readonly string[]).includes(ln))
        problems.push({ field: `localNetworks[${i}]`, message: `no local network is called "${ln}"` });
    });
  return problems;
}

export interface StaffAccount extends StaffScopes {
  username: string;
  displayName: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The principal a signed-in account acts as. */
export function principalOfStaff(a: Pick<StaffAccount, 'username' | 'displayName'> & StaffScopes): Principal {
  return PrincipalSchema.parse({
    sub: a.username,
    name: a.displayName,
    roles: a.roles,
    localNetworks: a.localNetworks,
    department: a.department,
    level: a.level,
    agentId: a.agentId,
    org: a.org,
  });
}

/** The one password of every development account (README, "Identity and access"); never seeded in production. */
export const DEVELOPMENT_PASSWORD = 'telecom-dev-2026';

/** Development accounts: each role, several local networks and departments (README lists what each sees). */
export const DEVELOPMENT_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string } & StaffScopes> = [
  { username: 'dept.dalian.care', displayName: '大连客户关怀 · 王芳', roles: ['department'], localNetworks: [], department: 'dalian-customer-care' },
  { username: 'dept.dalian.install', displayName: '大连装机 · 李强', roles: ['department'], localNetworks: [], department: 'dalian-installation' },
  { username: 'dept.shenyang.care', displayName: '沈阳客户关怀 · 张敏', roles: ['department'], localNetworks: [], department: 'shenyang-customer-care' },
  { username: 'callcentre.dalian', displayName: '大连10060 · 刘洋', roles: ['call-centre'], localNetworks: ['dalian'] },
  { username: 'callcentre.shenyang', displayName: '沈阳10060 · 陈静', roles: ['call-centre'], localNetworks: ['shenyang'] },
  {
    username: 'supervisor.dalian',
    displayName: '大连客服中心班长 · 赵磊',
    roles: ['supervisor'],
    localNetworks: ['dalian'],
    department: 'dalian-service-centre',
    level: 'city',
  },
  {
    username: 'supervisor.province',
    displayName: '辽宁省客服中心 · 孙丽',
    roles: ['supervisor'],
    localNetworks: '*',
    department: 'liaoning-service-centre',
    level: 'province',
  },
  { username: 'entry.shenyang', displayName: '沈阳营业厅 · 周杰', roles: ['order-entry'], localNetworks: ['shenyang'] },
  { username: 'entry.dalian', displayName: '大连营业厅 · 吴霞', roles: ['order-entry'], localNetworks: ['dalian'] },
  { username: 'agent.dalian.haiyun', displayName: '大连海韵通信 · 郑浩', roles: ['agent'], localNetworks: ['dalian'], agentId: 'agent-dl-haiyun' },
  { username: 'am.dalian', displayName: '大连客户经理 · 林峰', roles: ['account-manager'], localNetworks: ['dalian'] },
  { username: 'am.shenyang', displayName: '沈阳客户经理 · 郭婷', roles: ['account-manager'], localNetworks: ['shenyang'] },
  { username: 'ops', displayName: '运维 · 冯涛', roles: ['ops'], localNetworks: '*' },
  { username: 'auditor', displayName: '审计 · 何静', roles: ['auditor'], localNetworks: '*' },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], localNetworks: '*' },
];

/** The development account managers, each given the VIP and enterprise customers of their local network by the seed. */
export const DEVELOPMENT_ACCOUNT_MANAGERS: Readonly<Record<string, string>> = { dalian: 'am.dalian', shenyang: 'am.shenyang' };
