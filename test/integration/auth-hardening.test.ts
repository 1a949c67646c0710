// Security review, issue 10 (points 11, 13, 15, 16, 17) on the real API app and PostgreSQL: the JWT
// secret of a default install, what bearer tokens must satisfy, API-key caching and revocation, who
// may read /metrics, and the rate limits. Each app here is built by createApp from its own
// configuration (sys.appWith), on the test system's Temporal client and database.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { authenticate, authOptions, createApiKey, signToken } from '../../api/auth.js';
import { problemHandler } from '../../api/problem.js';
import type { Principal } from '../../domain/access.js';
import { jwtSecretFile } from '../../platform/jwt-secret.js';
import { runScript } from '../../harness/scripts.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

let sys: TestSystem;
let tmp: string;

beforeAll(async () => {
  sys = await startTestSystem();
  tmp = mkdtempSync(join(tmpdir(), 'auth-hardening-'));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await sys?.stop();
});

const admin = (sub = 'hardening-admin'): Principal => ({ sub, roles: ['admin'], localNetworks: '*' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const list = (app: express.Express, headers: Record<string, string>) => request(app).get('/productOrder').set(headers);
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the JWT secret of an install without AUTH_JWT_SECRET (points 11, 13)', () => {
  it('npm run token and the API share a secret generated in DATA_DIR; the constant once published signs nothing', async () => {
    const dataDir = join(tmp, 'fresh');
    const noSecret = { AUTH_JWT_SECRET: '', DATA_DIR: dataDir };
    // Three token commands racing to create the secret: all must end up with the same one.
    const issued = await Promise.all([
      runScript('scripts/dev-token.ts', ['--role', 'order-entry', '--ln', 'dalian'], noSecret),
      runScript('scripts/dev-token.ts', ['--role', 'order-entry', '--ln', 'shenyang'], noSecret),
      runScript('scripts/dev-token.ts', ['--role', 'admin'], noSecret),
    ]);
    for (const r of issued) expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(statSync(jwtSecretFile(dataDir)).mode & 0o777).toBe(0o600);
    const { app } = sys.appWith(noSecret);
    for (const r of issued) expect((await list(app, bearer(r.stdout.trim()))).status).toBe(200);
    // Two clerks of different local networks are two principals: their Idempotency-Keys don't collide.
    const [dalian, shenyang] = issued.map((r) => claims(r.stdout.trim()).sub);
    expect(dalian).not.toBe(shenyang);

    const published = signToken(admin(), 'dev-only-secret-do-not-use-in-production-0123456789', 'telecom-orchestration');
    expect((await list(app, bearer(published))).status).toBe(401);
  });

  it('the API does not start with a secret file others can read, and says why in one line', async () => {
    const dataDir = join(tmp, 'open');
    mkdirSync(dataDir);
    writeFileSync(jwtSecretFile(dataDir), `${'k'.repeat(43)}\n`);
    chmodSync(jwtSecretFile(dataDir), 0o644);
    const r = await runScript('api/main.ts', [], {
      AUTH_JWT_SECRET: '',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/AUTH_JWT_SECRET is unset and \S+jwt-secret is open to group or others \(mode 644\): chmod 600 it\n/);
    expect(r.stderr).not.toContain('k'.repeat(43));
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('npm run token refuses a lifetime the API would refuse', async () => {
    const r = await runScript('scripts/dev-token.ts', ['--role', 'admin', '--ttl', String(48 * 3600)], { AUTH_JWT_SECRET: sys.config.AUTH_JWT_SECRET! });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/AUTH_JWT_MAX_TTL_SECONDS/);
  });
});

describe('bearer tokens (point 16a)', () => {
  const secret = () => sys.config.jwtSecret;
  const issuer = () => sys.config.AUTH_JWT_ISSUER;
  const now = () => Math.floor(Date.now() / 1000);

  it('a signature with padding or stray characters appended is not the signature', async () => {
    const token = signToken(admin(), secret(), issuer());
    expect((await list(sys.app, bearer(token))).status).toBe(200);
    for (const suffix of ['=', '==', '!!']) {
      const res = await list(sys.app, bearer(`${token}${suffix}`));
      expect(res.status).toBe(401);
      expect(res.body.detail).toBe('bad token signature');
    }
  });

  it('refuses tokens issued in the future or living longer than AUTH_JWT_MAX_TTL_SECONDS', async () => {
    const future = signToken(admin(), secret(), issuer(), 3600, now() + 600);
    expect((await list(sys.app, bearer(future))).status).toBe(401);
    const tooLong = signToken(admin(), secret(), issuer(), 48 * 3600);
    expect((await list(sys.app, bearer(tooLong))).body.detail).toMatch(/lifetime/);
    const { app } = sys.appWith({ AUTH_JWT_MAX_TTL_SECONDS: String(72 * 3600) });
    expect((await list(app, bearer(tooLong))).status).toBe(200);
  });

  it('with AUTH_JWT_AUDIENCE, requires a token for that audience', async () => {
    const { app } = sys.appWith({ AUTH_JWT_AUDIENCE: 'telecom-api' });
    expect((await list(app, bearer(signToken(admin(), secret(), issuer())))).body.detail).toMatch(/audience/);
    expect((await list(app, bearer(signToken(admin(), secret(), issuer(), 3600, now(), 'billing')))).status).toBe(401);
    expect((await list(app, bearer(signToken(admin(), secret(), issuer(), 3600, now(), 'telecom-api')))).status).toBe(200);
  });
});

describe('API keys (point 15)', () => {
  it('made-up keys are not cached, and found ones fill the cache only up to API_KEY_CACHE_MAX', async () => {
    const auth = authenticate(authOptions({ ...sys.config, API_KEY_CACHE_MAX: 3 }, () => sys.orm.em.fork()));
    const app = express();
    app.get('/who', auth, (req, res) => void res.json(req.principal));
    app.use(problemHandler);
    for (let i = 0; i < 50; i++) expect((await request(app).get('/who').set('x-api-key', `tk_made-up-${i}`)).status).toBe(401);
    expect(auth.cachedApiKeys()).toBe(0);
    const keys = [];
    for (let i = 0; i < 5; i++)
      keys.push(await createApiKey(sys.orm.em.fork(), `cache-bound-${randomUUID()}`, { sub: `partner-${i}`, roles: ['ops'], localNetworks: '*' }));
    for (const [i, key] of keys.entries()) expect((await request(app).get('/who').set('x-api-key', key)).body.sub).toBe(`partner-${i}`);
    expect(auth.cachedApiKeys()).toBe(3);
    // The evicted first key is looked up again.
    expect((await request(app).get('/who').set('x-api-key', keys[0]!)).body.sub).toBe('partner-0');
  });

  it('npm run token -- --revoke-api-key: the key stops working within API_KEY_CACHE_SECONDS', async () => {
    const { app } = sys.appWith({ API_KEY_CACHE_SECONDS: '1' });
    const name = `revoked-partner-${randomUUID()}`;
    const key = await createApiKey(sys.orm.em.fork(), name, { sub: 'revoked-partner', roles: ['ops'], localNetworks: '*' });
    expect((await list(app, { 'x-api-key': key })).status).toBe(200);
    const r = await runScript('scripts/dev-token.ts', ['--revoke-api-key', name], { DATABASE_URL: sys.config.DATABASE_URL! });
    expect(r).toMatchObject({ status: 0, stdout: expect.stringContaining(`revoked 1 API key named "${name}"`) });
    const revokedAt = Date.now();
    await new Promise((ok) => setTimeout(ok, 1100));
    const res = await list(app, { 'x-api-key': key });
    expect(res.status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect((await runScript('scripts/dev-token.ts', ['--revoke-api-key', name], { DATABASE_URL: sys.config.DATABASE_URL! })).status).toBe(2);
  });
});

describe('/metrics of the API (point 16e)', () => {
  const metricsToken = 'scrape-0123456789abcdef';

  it('with API_METRICS_TOKEN, only for Authorization: Bearer <it>', async () => {
    const { app } = sys.appWith({ API_METRICS_TOKEN: metricsToken });
    const none = await request(app).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(app).get('/metrics').set(bearer('scrape-wrong-0123456789'))).status).toBe(401);
    // A JWT of an admin is not the metrics token.
    expect(
      (
        await request(app)
          .get('/metrics')
          .set(bearer(sys.token({ roles: ['admin'] })))
      ).status,
    ).toBe(401);
    const ok = await request(app).get('/metrics').set(bearer(metricsToken));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('http_requests_total');
    expect((await request(app).get('/openapi.json')).body.paths['/metrics'].get.responses['401'].content['application/problem+json']).toBeDefined();
  });

  it('in production, not served without a token', async () => {
    expect((await request(sys.appWith({ NODE_ENV: 'production' }).app).get('/metrics')).status).toBe(404);
    expect(
      (
        await request(sys.appWith({ NODE_ENV: 'production', API_METRICS_TOKEN: metricsToken }).app)
          .get('/metrics')
          .set(bearer(metricsToken))
      ).status,
    ).toBe(200);
  });
});

describe('rate limits (point 17)', () => {
  const expectTooMany = (res: request.Response, instance: string) => {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: expect.any(String),
      instance,
      requestId: res.headers['x-request-id'],
      // The same in the TMF Error's words.
      code: 'TOO_MANY_REQUESTS',
      reason: 'Too Many Requests',
      message: expect.any(String),
      '@type': 'Error',
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  it('per principal: the sub that exceeds its limit waits, another does not', async () => {
    const { app, config } = sys.appWith({ RATE_LIMIT_PER_PRINCIPAL: '3' });
    const a = bearer(signToken(admin('busy-client'), config.jwtSecret, config.AUTH_JWT_ISSUER));
    for (let i = 0; i < 3; i++) expect((await list(app, a)).status).toBe(200);
    expectTooMany(await list(app, a), '/productOrder');
    expect((await list(app, bearer(signToken(admin('quiet-client'), config.jwtSecret, config.AUTH_JWT_ISSUER)))).status).toBe(200);
  });

  it('per address, but never /healthz and /readyz; X-Forwarded-For counts only from a trusted proxy', async () => {
    const { app } = sys.appWith({ RATE_LIMIT_PER_ADDRESS: '3' });
    for (let i = 0; i < 6; i++) expect((await request(app).get('/healthz')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await request(app).get('/openapi.json').set('x-forwarded-for', `10.0.0.${i}`)).status).toBe(200);
    expectTooMany(await request(app).get('/openapi.json').set('x-forwarded-for', '10.0.0.9'), '/openapi.json');
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/readyz')).status).toBe(200);

    const behindProxy = sys.appWith({ RATE_LIMIT_PER_ADDRESS: '3', API_TRUST_PROXY: 'loopback' }).app;
    for (let i = 0; i < 6; i++) expect((await request(behindProxy).get('/openapi.json').set('x-forwarded-for', `10.0.1.${i}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await request(behindProxy).get('/openapi.json').set('x-forwarded-for', '10.0.2.1')).status).toBe(200);
    expect((await request(behindProxy).get('/openapi.json').set('x-forwarded-for', '10.0.2.1')).status).toBe(429);
  });

  it('failed authentications per address: after the limit the address is refused, even with a good credential', async () => {
    const { app, config } = sys.appWith({ RATE_LIMIT_AUTH_FAILURES: '3' });
    const good = bearer(signToken(admin(), config.jwtSecret, config.AUTH_JWT_ISSUER));
    // Successes don't count, nor tokens of ours that merely expired (a shift behind one NAT whose
    // tokens expire together), nor requests without a credential.
    for (let i = 0; i < 10; i++) expect((await list(app, good)).status).toBe(200);
    const expired = bearer(signToken(admin(), config.jwtSecret, config.AUTH_JWT_ISSUER, 60, Math.floor(Date.now() / 1000) - 3600));
    for (let i = 0; i < 5; i++) expect((await list(app, expired)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await list(app, {})).status).toBe(401);
    expect((await list(app, bearer('a.b.c'))).status).toBe(401);
    expect((await list(app, { 'x-api-key': 'tk_guess-1' })).status).toBe(401);
    expect((await list(app, bearer(signToken(admin(), 'a-guessed-secret-0123456789abcdef-xyz', config.AUTH_JWT_ISSUER)))).status).toBe(401);
    expectTooMany(await list(app, { 'x-api-key': 'tk_guess-2' }), '/productOrder');
    expectTooMany(await list(app, good), '/productOrder');
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});
