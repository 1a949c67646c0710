// Who may do what: roles and scopes of a principal (a user, an agent's system or a service
// behind an API key). Pure rules, shared by the API and the workflows.
import { z } from 'zod';

export const ROLES = ['order-entry', 'agent', 'department', 'supervisor', 'ops', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PrincipalSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Local networks the principal may act in; '*' = all (province-level staff, admins). */
  localNetworks: z.union([z.literal('*'), z.array(z.string().min(1))]).default([]),
  department: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
  /** Escalation level a supervisor works at. */
  level: z.enum(['city', 'province', 'national']).optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.includes('admin') || roles.some((r) => p.roles.includes(r));
}

export function inLocalNetworkScope(p: Principal, localNetwork: string): boolean {
  return p.roles.includes('admin') || p.localNetworks === '*' || p.localNetworks.includes(localNetwork);
}
