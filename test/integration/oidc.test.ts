// Tokens of an identity provider (OIDC) on the real API, PostgreSQL and Temporal: a provider served by
// this test publishes its discovery document and keys (JWKS); its tokens become principals by the
// configured claim mapping and are checked for scope like our own; bad ones are refused; keys rotate;
// a provider that cannot be reached is a 503, not a 401.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import request from 'supertest';
import { signToken } from '../../api/auth.js';
import { findCustomer, type SeededCustomer } from '../../harness/fixtures.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

/** The identity provider: discovery at /.well-known/openid-configuration, its keys at /jwks. */
class TestProvider {
  readonly keys: Array<{ kid: string; privateKey: CryptoKey; jwk: JWK }> = [];
  jwksFetches = 0;
  /** What discovery says the issuer is (another one, to test that it is checked). */
  discoveryIssuer?: string;
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ issuer: this.discoveryIssuer ?? this.url, jwks_uri: `${this.url}/jwks` }));
      }
      if (req.url === '/jwks') {
        this.jwksFetches++;
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    await this.addKey();
    return this;
  }

  async addKey(): Promise<string> {
    const kid = `key-${this.keys.length + 1}`;
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    this.keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
    return kid;
  }

  /** A token as the provider issues it: for the API's audience, an hour long, unless `opts` says otherwise. */
  async token(
    claims: Record<string, unknown>,
    opts: { kid?: string; audience?: string; issuedAgoSeconds?: number; ttlSeconds?: number; issuer?: string } = {},
  ) {
    const key = opts.kid ? this.keys.find((k) => k.kid === opts.kid)! : this.keys[0]!;
    const iat = Math.floor(Date.now() / 1000) - (opts.issuedAgoSeconds ?? 0);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(opts.issuer ?? this.url)
      .setAudience(opts.audience ?? AUDIENCE)
      .setSubject(String(claims.sub ?? `idp-${randomUUID()}`))
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.ttlSeconds ?? 3600))
      .sign(key.privateKey);
  }

  stop() {
    return new Promise<void>((done) => this.server.close(() => done()));
  }
}

const AUDIENCE = 'telecom-api';
const MAPPING = {
  subject: 'preferred_username',
  claims: { department: 'telecom_department' },
  grants: [
    { claim: 'groups', value: '/callcentre/dalian', roles: ['call-centre'], localNetworks: ['dalian'] },
    { claim: 'groups', value: '/backoffice', roles: ['department'] },
  ],
};

let sys: TestSystem;
let idp: TestProvider;
let app: Express;
let customer: SeededCustomer;

const oidcEnv = (issuer: string) => ({
  OIDC_ISSUER: issuer,
  OIDC_AUDIENCE: AUDIENCE,
  OIDC_CLAIM_MAPPING: JSON.stringify(MAPPING),
  OIDC_JWKS_COOLDOWN_SECONDS: '0.2',
});

beforeAll(async () => {
  sys = await startTestSystem();
  idp = await new TestProvider().start();
  app = sys.appWith(oidcEnv(idp.url)).app;
  customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 11);
});
afterAll(async () => {
  await idp?.stop();
  await sys?.stop();
});

const me = (token: string, on = app) => request(on).get('/auth/me').set('authorization', `Bearer ${token}`);
const take = (token: string, takenInLocalNetwork: string) =>
  request(app)
    .post('/troubleTicket')
    .set('authorization', `Bearer ${token}`)
    .send({
      type: 'complaint',
      channel: 'phone',
      customer: { id: customer.id },
      takenInLocalNetwork,
      serviceLine: 'gsm_mobile',
      category: 'service-handling.order-error',
      description: 'oidc test',
    });

describe("the provider's tokens", () => {
  it('map to a principal by the configured grants, found by discovery, and are checked for scope like our own', async () => {
    const token = await idp.token({ preferred_username: 'wang.fang', name: '王芳', groups: ['/callcentre/dalian', '/unrelated'] });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ username: 'wang.fang', displayName: '王芳', roles: ['call-centre'], localNetworks: ['dalian'] });
    expect((await take(token, 'dalian')).status).toBe(201);
    expect((await take(token, 'shenyang')).status).toBe(403);
  });

  it('carry scopes in direct claims too', async () => {
    const token = await idp.token({ preferred_username: 'li.qiang', groups: ['/backoffice'], telecom_department: 'dalian-installation' });
    expect((await me(token)).body).toEqual(expect.objectContaining({ roles: ['department'], department: 'dalian-installation' }));
  });

  it('leave our own tokens working beside them', async () => {
    const ours = sys.token({ roles: ['ops'], sub: 'ours' });
    expect((await me(ours)).body.username).toBe('ours');
  });

  it('are refused: another audience, expired, too long-lived, unknown key, a symmetric algorithm, our secret; no role granted is a 403', async () => {
    const claims = { preferred_username: 'wang.fang', groups: ['/callcentre/dalian'] };
    const refused = async (token: string, status: number, detail: RegExp) => {
      const res = await me(token);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    };
    await refused(await idp.token(claims, { audience: 'another-app' }), 401, /aud/);
    await refused(await idp.token(claims, { issuedAgoSeconds: 7200, ttlSeconds: 3600 }), 401, /expired/);
    await refused(await idp.token(claims, { ttlSeconds: 26 * 3600 }), 401, /lifetime longer than/);
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(idp.url)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    await refused(forged, 401, /signature/);
    const symmetric = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(idp.url)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(sys.config.jwtSecret));
    await refused(symmetric, 401, /alg/);
    // Our own signer naming the provider as issuer: checked as the provider's, so refused.
    await refused(signToken({ sub: 'x', roles: ['admin'], localNetworks: '*' }, sys.config.jwtSecret, idp.url), 401, /alg/);
    await refused(await idp.token({ preferred_username: 'nobody', groups: ['/elsewhere'] }), 403, /grants no role/);
  });

  it('from a new key (rotation) are taken: the keys are fetched again for a key not seen yet', async () => {
    const before = idp.jwksFetches;
    const kid = await idp.addKey();
    await new Promise((r) => setTimeout(r, 300));
    const res = await me(await idp.token({ preferred_username: 'rotated', groups: ['/callcentre/dalian'] }, { kid }));
    expect(res.status).toBe(200);
    expect(idp.jwksFetches).toBeGreaterThan(before);
  });
});

describe('a provider that cannot be trusted or reached', () => {
  it('is a 503 with Retry-After when it is down, not a 401', async () => {
    const gone = await new TestProvider().start();
    const token = await gone.token({ preferred_username: 'wang.fang', groups: ['/callcentre/dalian'] });
    const unreachable = sys.appWith(oidcEnv(gone.url)).app;
    await gone.stop();
    const res = await me(token, unreachable);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.detail).toMatch(/identity provider/);
  });

  it('is a 503 when its discovery document names another issuer', async () => {
    const other = await new TestProvider().start();
    other.discoveryIssuer = 'https://evil.example.com';
    const res = await me(await other.token({ preferred_username: 'x', groups: ['/callcentre/dalian'] }), sys.appWith(oidcEnv(other.url)).app);
    expect(res.status).toBe(503);
    expect(res.body.detail).toMatch(/another issuer/);
    await other.stop();
  });
});
