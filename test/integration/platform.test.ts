// Platform conventions on the real API app: identity and access, problem+json errors, request ids,
// health and readiness, the OpenAPI document, and a worker built by the project's own code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { createApiKey, signToken } from '../../api/auth.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => sys?.stop());

describe('identity and access', () => {
  it('401 without a credential or with a bad one, as problem+json', async () => {
    for (const auth of [
      undefined,
      'Bearer nonsense',
      'Bearer a.b.c',
      `Bearer ${signToken({ sub: 'x', roles: ['admin'], localNetworks: '*' }, 'another-secret-that-is-long-enough-0123456789', sys.config.AUTH_JWT_ISSUER)}`,
    ]) {
      const req = request(sys.app).get('/productOrder');
      if (auth) req.set('authorization', auth);
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('401 for an expired token, and for an alg=none token', async () => {
    const expired = signToken(
      { sub: 'x', roles: ['admin'], localNetworks: '*' },
      sys.config.jwtSecret,
      sys.config.AUTH_JWT_ISSUER,
      60,
      Math.floor(Date.now() / 1000) - 3600,
    );
    expect((await request(sys.app).get('/productOrder').set('authorization', `Bearer ${expired}`)).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], localNetworks: '*', iss: sys.config.AUTH_JWT_ISSUER, exp: 9e9 })).toString('base64url')}.`;
    expect((await request(sys.app).get('/productOrder').set('authorization', `Bearer ${none}`)).status).toBe(401);
  });

  it('403 when the role does not allow the action', async () => {
    const auditor = sys.token({ roles: ['auditor'] });
    const res = await request(sys.app).post('/productOrder').set('authorization', `Bearer ${auditor}`).send({});
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/order-entry/);
  });

  it('accepts an API key stored hashed in the database, and refuses an unknown one', async () => {
    const key = await createApiKey(sys.orm.em.fork(), 'integration partner', { sub: 'partner-1', roles: ['ops'], localNetworks: '*' });
    const rows = await sys.orm.em.fork().getConnection().execute('select key_hash from api_key where name = ?', ['integration partner']);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect((await request(sys.app).get('/productOrder').set('x-api-key', key)).status).toBe(200);
    expect((await request(sys.app).get('/productOrder').set('x-api-key', 'tk_unknown')).status).toBe(401);
  });

  it('the token command issues a token the API accepts', () => {
    // The API's secret (without one, both would use DATA_DIR's: auth-hardening.test.ts).
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dev-token.ts', '--role', 'order-entry', '--ln', 'dalian'], {
      encoding: 'utf8',
      env: { ...process.env, AUTH_JWT_SECRET: sys.config.AUTH_JWT_SECRET },
    });
    expect(r.status).toBe(0);
    return request(sys.app).get('/productOrder').set('authorization', `Bearer ${r.stdout.trim()}`).expect(200);
  });
});

describe('API conventions', () => {
  const admin = () => sys.token({ roles: ['admin'] });

  it('puts a request id on every response, keeping a sane one the caller sent', async () => {
    const mine = await request(sys.app).get('/healthz').set('x-request-id', 'req-123');
    expect(mine.headers['x-request-id']).toBe('req-123');
    const fresh = await request(sys.app).get('/healthz').set('x-request-id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON, wrong content types and unknown routes with 4xx problems, never 500', async () => {
    const malformed = await request(sys.app)
      .post('/productOrder')
      .set('authorization', `Bearer ${admin()}`)
      .set('content-type', 'application/json')
      .send('{"channel": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    expect(malformed.text).not.toMatch(/at .*\.js/);
    const text = await request(sys.app).post('/productOrder').set('authorization', `Bearer ${admin()}`).set('content-type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    const huge = await request(sys.app)
      .post('/productOrder')
      .set('authorization', `Bearer ${admin()}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'y'.repeat(400_000) }));
    expect(huge.status).toBe(413);
    const missing = await request(sys.app).get('/no/such/route').set('authorization', `Bearer ${admin()}`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('gives field-level details from zod', async () => {
    const res = await request(sys.app)
      .post('/productOrder')
      .set('authorization', `Bearer ${admin()}`)
      .send({ channel: 'fax', localNetwork: 'atlantis', relatedParty: [], productOrderItem: [] });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'localNetwork', 'relatedParty', 'productOrderItem']));
  });

  it('/healthz is alive and /readyz reports Temporal and the database', async () => {
    expect((await request(sys.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(sys.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.temporal.status).toBe('up');
    expect(ready.body.checks.database.status).toBe('up');
  });

  it('serves an OpenAPI document generated from the zod schemas, and a browsable page', async () => {
    const doc = (await request(sys.app).get('/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/productOrder',
        '/productOrder/{id}',
        '/cancelProductOrder',
        '/quote',
        '/troubleTicket',
        '/troubleTicket/{id}/event',
        '/department/{department}/worklist',
        '/readyz',
      ]),
    );
    expect(doc.components.schemas.ProductOrderInput.properties.productOrderItem).toBeDefined();
    expect(doc.paths['/productOrder'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ProductOrderInput');
    const page = await request(sys.app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/openapi.json');
    expect((await request(sys.app).get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('configuration', () => {
  it('a bad value stops start-up with a message naming the variable', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      encoding: 'utf8',
      env: { ...process.env, API_PORT: 'eighty', TEMPORAL_ADDRESS: 'nowhere' },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/API_PORT: expected a port number \(got "eighty"\)/);
    expect(r.stderr).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('customer 360', () => {
  it('gathers the customer, accounts, subscriptions, orders, work orders and the billing balance', async () => {
    const rows = (await sys.orm.em
      .fork()
      .getConnection()
      .execute(
        `select c.id, c.home_local_network from customer c where exists (select 1 from subscription s where s.customer_id = c.id) order by c.id limit 1`,
      )) as Array<{ id: string; home_local_network: string }>;
    const { id, home_local_network: ln } = rows[0]!;
    await sys.sims.control.billing.control({ balances: { [id]: 1234 } });
    const res = await request(sys.app)
      .get(`/customer/${id}`)
      .set('authorization', `Bearer ${sys.token({ roles: ['order-entry'], localNetworks: [ln] })}`);
    expect(res.status).toBe(200);
    expect(res.body.customer.id).toBe(id);
    expect(res.body.accounts.length).toBeGreaterThan(0);
    expect(res.body.subscriptions.length).toBeGreaterThan(0);
    expect(res.body.balance).toEqual({ balanceCents: 1234, currency: 'CNY' });
    expect(Array.isArray(res.body.openOrders) && Array.isArray(res.body.recentOrders) && Array.isArray(res.body.openWorkOrders)).toBe(true);
    const other = ln === 'dalian' ? 'shenyang' : 'dalian';
    expect(
      (
        await request(sys.app)
          .get(`/customer/${id}`)
          .set('authorization', `Bearer ${sys.token({ roles: ['order-entry'], localNetworks: [other] })}`)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(sys.app)
          .get('/customer/nobody')
          .set('authorization', `Bearer ${sys.token({ roles: ['ops'] })}`)
      ).status,
    ).toBe(404);
  });
});
