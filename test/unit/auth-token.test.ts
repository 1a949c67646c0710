// Bearer tokens (api/auth.ts): what verifyToken refuses beyond a bad signature, the subjects `npm run
// token` makes, and the bounded cache API keys are remembered in.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { defaultSubject, LruCache, signToken, verifyToken, type TokenRules } from '../../api/auth.js';
import type { Principal } from '../../domain/access.js';

const rules: TokenRules = { secret: 's'.repeat(40), issuer: 'telecom-orchestration', maxTtlSeconds: 24 * 3600 };
const who: Principal = { sub: 'clerk-1', roles: ['order-entry'], localNetworks: ['dalian'] };
const now = 1_800_000_000;

/** A token with exactly these claims, signed with the rules' secret. */
function tokenWith(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ ...who, iss: rules.issuer, ...claims })}`;
  return `${body}.${createHmac('sha256', rules.secret).update(body).digest('base64url')}`;
}

describe('verifyToken', () => {
  it('accepts what signToken issues with the default lifetime of npm run token (8 h)', () => {
    expect(verifyToken(signToken(who, rules.secret, rules.issuer, 8 * 3600, now), rules, now)).toMatchObject({ sub: 'clerk-1' });
  });

  it('compares the signature as written: padding or stray characters make it another signature', () => {
    const token = signToken(who, rules.secret, rules.issuer, 3600, now);
    for (const suffix of ['=', '==', '!!', '.']) expect(verifyToken(`${token}${suffix}`, rules, now)).toMatch(/signature|malformed/);
  });

  it('refuses a token issued in the future or not valid yet, beyond a minute of clock skew', () => {
    expect(verifyToken(tokenWith({ iat: now + 61, exp: now + 3600 }), rules, now)).toMatch(/iat/);
    expect(verifyToken(tokenWith({ iat: now + 30, exp: now + 3600 }), rules, now)).toMatchObject({ sub: 'clerk-1' });
    expect(verifyToken(tokenWith({ iat: now, nbf: now + 120, exp: now + 3600 }), rules, now)).toMatch(/nbf/);
    expect(verifyToken(tokenWith({ iat: now, nbf: 'soon', exp: now + 3600 }), rules, now)).toMatch(/nbf/);
    expect(verifyToken(tokenWith({ iat: now - 10, nbf: now - 5, exp: now + 3600 }), rules, now)).toMatchObject({ sub: 'clerk-1' });
  });

  it('refuses a token without an issue time, or living longer than the maximum', () => {
    expect(verifyToken(tokenWith({ exp: now + 3600 }), rules, now)).toMatch(/iat/);
    expect(verifyToken(tokenWith({ iat: now, exp: now + 24 * 3600 + 1 }), rules, now)).toMatch(/lifetime/);
    expect(verifyToken(tokenWith({ iat: now - 3600, exp: now + 24 * 3600 - 3600 }), rules, now)).toMatchObject({ sub: 'clerk-1' });
  });

  it('with an audience configured, requires it in aud (a string or a list)', () => {
    const api = { ...rules, audience: 'telecom-api' };
    expect(verifyToken(tokenWith({ iat: now, exp: now + 60 }), api, now)).toMatch(/audience/);
    expect(verifyToken(tokenWith({ iat: now, exp: now + 60, aud: 'billing' }), api, now)).toMatch(/audience/);
    expect(verifyToken(tokenWith({ iat: now, exp: now + 60, aud: 'telecom-api' }), api, now)).toMatchObject({ sub: 'clerk-1' });
    expect(verifyToken(tokenWith({ iat: now, exp: now + 60, aud: ['billing', 'telecom-api'] }), api, now)).toMatchObject({ sub: 'clerk-1' });
    expect(verifyToken(signToken(who, rules.secret, rules.issuer, 60, now, 'telecom-api'), api, now)).toMatchObject({ sub: 'clerk-1' });
    // No audience configured: aud is not looked at.
    expect(verifyToken(tokenWith({ iat: now, exp: now + 60, aud: 'billing' }), rules, now)).toMatchObject({ sub: 'clerk-1' });
  });

  it('refuses a signed payload that is not an object', () => {
    const body = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('null').toString('base64url')}`;
    expect(verifyToken(`${body}.${createHmac('sha256', rules.secret).update(body).digest('base64url')}`, rules, now)).toBe('malformed token');
  });
});

describe('defaultSubject (npm run token without --sub)', () => {
  const scopes = [
    { roles: ['order-entry'], localNetworks: ['dalian'] },
    { roles: ['order-entry'], localNetworks: ['shenyang'] },
    { roles: ['order-entry'], localNetworks: ['dalian', 'shenyang'] },
    { roles: ['order-entry'], localNetworks: '*' as const },
    { roles: ['department'], localNetworks: [], department: 'dalian-installation' },
    { roles: ['department'], localNetworks: [], department: 'shenyang-installation' },
    { roles: ['agent'], localNetworks: ['dalian'], agentId: 'AG001' },
    { roles: ['agent'], localNetworks: ['dalian'], agentId: 'AG002' },
    { roles: ['supervisor'], localNetworks: '*' as const, level: 'city' },
    { roles: ['supervisor'], localNetworks: '*' as const, level: 'province' },
    { roles: ['admin'], localNetworks: '*' as const },
  ];

  it('differs for every different scope, and is the same for the same scope in another order', () => {
    const subs = scopes.map(defaultSubject);
    expect(new Set(subs).size).toBe(scopes.length);
    expect(defaultSubject({ roles: ['ops', 'auditor'], localNetworks: ['shenyang', 'dalian'] })).toBe(
      defaultSubject({ roles: ['auditor', 'ops'], localNetworks: ['dalian', 'shenyang'] }),
    );
    expect(defaultSubject(scopes[2]!)).toBe('dev/order-entry/ln=dalian,shenyang');
  });

  it('fits a principal (at most 128 characters) however many local networks, still distinct', () => {
    const many = Array.from({ length: 40 }, (_, i) => `local-network-${i}`);
    const a = defaultSubject({ roles: ['order-entry'], localNetworks: many });
    const b = defaultSubject({ roles: ['order-entry'], localNetworks: many.slice(1) });
    expect(a.length).toBeLessThanOrEqual(128);
    expect(b.length).toBeLessThanOrEqual(128);
    expect(a).not.toBe(b);
  });
});

describe('LruCache (API keys)', () => {
  it('holds at most its bound, dropping the least recently used', () => {
    const c = new LruCache<number>(3, 60_000);
    for (const k of ['a', 'b', 'c']) c.set(k, 1, 0);
    expect(c.get('a', 1)).toBe(1); // a is now the most recently used
    c.set('d', 1, 2);
    expect(c.size).toBe(3);
    expect(c.get('b', 3)).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => c.get(k, 3))).toEqual([1, 1, 1]);
  });

  it('forgets an entry after its time to live, and keeps nothing with a time to live of 0', () => {
    const c = new LruCache<number>(10, 5000);
    c.set('k', 7, 1000);
    expect(c.get('k', 5999)).toBe(7);
    expect(c.get('k', 6000)).toBeUndefined();
    expect(c.size).toBe(0);
    const none = new LruCache<number>(10, 0);
    none.set('k', 7, 0);
    expect(none.size).toBe(0);
  });
});
