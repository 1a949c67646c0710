// Who may do what: roles and scopes of a principal (a user, an agent's system or a service
// behind an API key). Pure rules, shared by the API and the workflows.
import { z } from 'zod';

// `call-centre`: the call centre's staff (take work orders, customer 360, callbacks); `agent` is a
// dealer (代理商) entering orders under its contract, as in the glossary; `account-manager` (客户经理)
// looks after VIP and large customers assigned to them: their work orders only (take, read, note, urge).
export const ROLES = ['order-entry', 'call-centre', 'agent', 'department', 'supervisor', 'ops', 'auditor', 'admin', 'account-manager'] as const;
export type Role = (typeof ROLES)[number];

// Every claim is bounded: principals come from tokens and keys, and their ids end up in histories.
export const PrincipalSchema = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(200).optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  /** Local networks the principal may act in; '*' = all (province-level staff, admins). */
  localNetworks: z.union([z.literal('*'), z.array(z.string().min(1).max(40)).max(50)]).default([]),
  department: z.string().min(1).max(80).optional(),
  agentId: z.string().min(1).max(64).optional(),
  /** Escalation level a supervisor works at. */
  level: z.enum(['city', 'province', 'national']).optional(),
  /** The organisation the principal acts for (a shop system, a partner): its externalIds are its own. */
  org: z.string().min(1).max(128).optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.includes('admin') || roles.some((r) => p.roles.includes(r));
}

export function inLocalNetworkScope(p: Principal, localNetwork: string): boolean {
  return p.roles.includes('admin') || p.localNetworks === '*' || p.localNetworks.includes(localNetwork);
}

/**
 * Whose externalIds a principal's orders carry: its organisation (`org`), else the agent it is,
 * else the principal itself. An externalId is unique per organisation, never across them.
 */
export function organisationOf(p: Principal): string {
  if (p.org) return `org:${p.org}`;
  return p.roles.includes('agent') && p.agentId ? `agent:${p.agentId}` : `sub:${p.sub}`;
}

/** The principal's local networks as a list filter: '*' for every network (admins see all). */
export function localNetworkFilter(p: Principal): '*' | string[] {
  return p.roles.includes('admin') ? '*' : p.localNetworks;
}

/**
 * Roaming callers: a customer of another local network may call this call centre (and a complaint
 * taken here is forwarded to their home network). So the call centre finds customers of any network
 * by what the caller gives on the phone — an exact service number, ID number or customer id — and
 * opens their 360 view; browsing by name stays within its own networks, as for everyone else.
 */
export function customerSearchNetworks(p: Principal, q: { name?: string }): '*' | string[] {
  return hasRole(p, 'call-centre') && q.name === undefined ? '*' : localNetworkFilter(p);
}

/** Whether the principal may open a customer's 360 view (see customerSearchNetworks for the call centre). */
export function canReadCustomer(p: Principal, homeLocalNetwork: string): boolean {
  return hasRole(p, 'call-centre') || inLocalNetworkScope(p, homeLocalNetwork);
}
