// How an identity provider's token becomes a principal (OIDC, api/oidc.ts): which claims carry the
// subject and the scopes, and which claim values grant roles and scopes here. Configured by the
// operator (OIDC_CLAIM_MAPPING), since every provider names its claims and groups its own way.
import { z } from 'zod';
import { PrincipalSchema, ROLES, type Principal, type Role } from './access.js';

/** A claim's name; dots reach into objects (Keycloak's `realm_access.roles`). */
const ClaimPath = z.string().min(1).max(200);

const Grant = z.strictObject({
  /** When this claim (a string, or a list of strings) is or contains `value`… */
  claim: ClaimPath,
  value: z.string().min(1).max(200),
  /** …these roles and scopes are granted. */
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  localNetworks: z.union([z.literal('*'), z.array(z.string().min(1).max(40)).max(50)]).optional(),
  department: z.string().min(1).max(80).optional(),
  level: z.enum(['city', 'province', 'national']).optional(),
  agentId: z.string().min(1).max(64).optional(),
  org: z.string().min(1).max(128).optional(),
});

export const ClaimMappingSchema = z.strictObject({
  /** The claim that is the principal's sub (its Idempotency-Keys, its name in histories). */
  subject: ClaimPath.default('sub'),
  name: ClaimPath.default('name'),
  /** Claims that carry roles and scopes directly, in this system's own terms (values of unknown roles are ignored). */
  claims: z
    .strictObject({
      roles: ClaimPath.optional(),
      localNetworks: ClaimPath.optional(),
      department: ClaimPath.optional(),
      level: ClaimPath.optional(),
      agentId: ClaimPath.optional(),
      org: ClaimPath.optional(),
    })
    .default({}),
  /** Claim values (groups, app roles) that grant roles and scopes; all that match add up. */
  grants: z.array(Grant).max(500).default([]),
});
export type ClaimMapping = z.infer<typeof ClaimMappingSchema>;

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let at: unknown = claims;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The principal the claims map to, or why there is none: no role granted here, or a claim beyond
 * the principal's bounds. Roles add up; local networks add up (`*` for all wins); a single scope
 * (department, level, agent, org) comes from its direct claim, else from the first grant that sets it.
 */
export function principalFromClaims(claims: Record<string, unknown>, m: ClaimMapping): Principal | string {
  const direct = (k: keyof ClaimMapping['claims']) => (m.claims[k] ? claimAt(claims, m.claims[k]) : undefined);
  const granted = m.grants.filter((g) => strings(claimAt(claims, g.claim)).includes(g.value));
  const roles = new Set<Role>([
    ...strings(direct('roles')).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    ...granted.flatMap((g) => g.roles),
  ]);
  if (!roles.size) return 'the token grants no role in this system (see OIDC_CLAIM_MAPPING)';
  const networks = [direct('localNetworks'), ...granted.map((g) => g.localNetworks)];
  const all = networks.some((n) => n === '*' || (Array.isArray(n) && n.includes('*')));
  const single = (k: 'department' | 'level' | 'agentId' | 'org') => text(direct(k)) ?? granted.find((g) => g[k])?.[k];
  const parsed = PrincipalSchema.safeParse({
    sub: text(claimAt(claims, m.subject)),
    name: text(claimAt(claims, m.name)),
    roles: [...roles],
    localNetworks: all ? '*' : [...new Set(networks.flatMap(strings))],
    department: single('department'),
    level: single('level'),
    agentId: single('agentId'),
    org: single('org'),
  });
  return parsed.success
    ? parsed.data
    : `the token's claims make no valid principal (${parsed.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; ')})`;
}
