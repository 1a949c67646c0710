// OIDC claims → principal (domain/claim-mapping.ts), as OIDC_CLAIM_MAPPING configures it.
import { describe, expect, it } from '@jest/globals';
import { ClaimMappingSchema, principalFromClaims } from '../../domain/claim-mapping.js';
import { loadConfig } from '../../platform/config.js';

const mapping = ClaimMappingSchema.parse({
  subject: 'preferred_username',
  claims: { department: 'telecom.department', localNetworks: 'telecom.networks' },
  grants: [
    { claim: 'groups', value: 'cc-dalian', roles: ['call-centre'], localNetworks: ['dalian'] },
    { claim: 'groups', value: 'cc-shenyang', roles: ['call-centre'], localNetworks: ['shenyang'] },
    { claim: 'realm_access.roles', value: 'province-supervisor', roles: ['supervisor'], localNetworks: '*', level: 'province' },
    { claim: 'groups', value: 'back-office', roles: ['department'] },
  ],
});

describe('claims → principal', () => {
  it('grants add up: roles and local networks of every matching value', () => {
    expect(principalFromClaims({ sub: 'x', preferred_username: 'wang.fang', name: '王芳', groups: ['cc-dalian', 'cc-shenyang', 'other'] }, mapping)).toEqual({
      sub: 'wang.fang',
      name: '王芳',
      roles: ['call-centre'],
      localNetworks: ['dalian', 'shenyang'],
    });
  });

  it('reaches into nested claims; * for all networks wins; a single scope comes from its grant', () => {
    const p = principalFromClaims({ preferred_username: 'sun.li', groups: 'cc-dalian', realm_access: { roles: ['province-supervisor'] } }, mapping);
    expect(p).toEqual(expect.objectContaining({ roles: ['call-centre', 'supervisor'], localNetworks: '*', level: 'province' }));
  });

  it('direct claims carry scopes in our own terms', () => {
    const p = principalFromClaims(
      { preferred_username: 'li.qiang', groups: ['back-office'], telecom: { department: 'dalian-installation', networks: ['dalian'] } },
      mapping,
    );
    expect(p).toEqual(expect.objectContaining({ roles: ['department'], department: 'dalian-installation', localNetworks: ['dalian'] }));
  });

  it('no role granted, or claims beyond the bounds: a reason, not a principal', () => {
    expect(principalFromClaims({ preferred_username: 'nobody', groups: ['other'] }, mapping)).toMatch(/grants no role/);
    expect(principalFromClaims({ preferred_username: 'x'.repeat(500), groups: ['cc-dalian'] }, mapping)).toMatch(/sub/);
    expect(principalFromClaims({ groups: ['cc-dalian'] }, mapping)).toMatch(/sub/);
  });

  it('a role claim in our own terms ignores roles this system does not have', () => {
    const m = ClaimMappingSchema.parse({ claims: { roles: 'roles' } });
    expect(principalFromClaims({ sub: 'a', roles: ['ops', 'superuser'] }, m)).toEqual(expect.objectContaining({ roles: ['ops'] }));
  });
});

describe('OIDC configuration', () => {
  it('needs an audience with an issuer, and a mapping that parses, naming where it is wrong', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.com/realms/telecom' })).toThrow(/OIDC_AUDIENCE: required with OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_CLAIM_MAPPING: '{not json' })).toThrow(/OIDC_CLAIM_MAPPING: expected JSON/);
    expect(() => loadConfig({ OIDC_CLAIM_MAPPING: JSON.stringify({ grants: [{ claim: 'groups', value: 'x', roles: ['root'] }] }) })).toThrow(
      /OIDC_CLAIM_MAPPING at grants\.0\.roles\.0/,
    );
    expect(() => loadConfig({ OIDC_ALGORITHMS: 'HS256' })).toThrow(/OIDC_ALGORITHMS/);
    expect(loadConfig({}).OIDC_CLAIM_MAPPING).toEqual({ subject: 'sub', name: 'name', claims: {}, grants: [] });
  });
});
