// Signing in to the workbench (issue 12) on the real API, PostgreSQL and Temporal: the seeded
// development accounts of every role, wrong passwords and disabled accounts, the lockout, logout,
// an expired session's message, the CSRF defence of cookie-authenticated writes on a real work-order
// route, bearer tokens and API keys working as before; administering accounts through /staff and
// `npm run staff`, and what a change does to the account's sessions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApiKey } from '../../api/auth.js';
import { insertStaff, updateStaff } from '../../db/staff.js';
import { DEVELOPMENT_ACCOUNTS, DEVELOPMENT_PASSWORD } from '../../domain/staff.js';
import { hashPassword } from '../../platform/passwords.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, waitFor } from '../../harness/fixtures.js';
import { runScript } from '../../harness/scripts.js';

let sys: TestSystem;
/** A complaint held by dalian-customer-care (taken by an admin's bearer token). */
let workOrder: string;

beforeAll(async () => {
  sys = await startTestSystem();
  const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'");
  const taken = await request(sys.app)
    .post('/troubleTicket')
    .set('authorization', `Bearer ${sys.token({ roles: ['admin'] })}`)
    .send({
      type: 'complaint',
      category: 'service-handling.order-error',
      channel: 'phone',
      customer: { id: customer.id },
      takenInLocalNetwork: 'dalian',
      serviceLine: 'gsm_mobile',
      description: `staff auth ${randomUUID()}`,
    });
  expect(taken.status).toBe(201);
  expect(taken.body.assignments.map((a: { department: string }) => a.department)).toEqual(['dalian-customer-care']);
  workOrder = taken.body.id;
  await waitFor(
    'the work order in the read model',
    async () => (await sys.orm.em.fork().getConnection().execute('select 1 from work_order where id = ?', [workOrder])).length > 0,
  );
});
afterAll(async () => sys?.stop());

/** The Set-Cookie lines of a response, by cookie name. */
function setCookies(res: request.Response): Record<string, string> {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l]));
}
const valueOf = (line: string) => line.slice(line.indexOf('=') + 1).split(';')[0]!;

interface Signed {
  /** The Cookie header a browser would send back. */
  cookie: string;
  csrf: string;
  body: { user: Record<string, unknown>; csrfToken: string; expiresAt: string };
}

async function signIn(username: string, password = DEVELOPMENT_PASSWORD, app: Express = sys.app): Promise<Signed> {
  const res = await request(app).post('/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const c = setCookies(res);
  const session = valueOf(c.telecom_session!);
  const csrf = valueOf(c.telecom_csrf!);
  return { cookie: `telecom_session=${session}; telecom_csrf=${csrf}`, csrf, body: res.body };
}

const note = (app: Express, headers: Record<string, string>) =>
  request(app)
    .post(`/troubleTicket/${workOrder}/event`)
    .set(headers)
    .send({ type: 'note', text: `note ${randomUUID()}` });

describe('signing in', () => {
  it.each(DEVELOPMENT_ACCOUNTS.map((a) => [a.username, a] as const))(
    '%s signs in with the development password and is who the account says',
    async (_name, account) => {
      const res = await request(sys.app).post('/auth/login').send({ username: account.username, password: DEVELOPMENT_PASSWORD });
      expect(res.status).toBe(200);
      const expected = {
        username: account.username,
        displayName: account.displayName,
        roles: account.roles,
        localNetworks: account.localNetworks,
        ...(account.department ? { department: account.department } : {}),
        ...(account.level ? { level: account.level } : {}),
        ...(account.agentId ? { agentId: account.agentId } : {}),
      };
      expect(res.body.user).toEqual(expected);
      const ttl = sys.config.AUTH_SESSION_TTL_SECONDS;
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan((ttl - 60) * 1000);

      const c = setCookies(res);
      expect(c.telecom_session).toMatch(/HttpOnly/);
      expect(c.telecom_session).toMatch(/SameSite=Strict/);
      expect(c.telecom_session).toMatch(/Path=\//);
      expect(c.telecom_session).toMatch(new RegExp(`Max-Age=${ttl}`));
      // Not Secure outside production: over plain http the browser would drop it.
      expect(c.telecom_session).not.toMatch(/Secure/);
      expect(c.telecom_csrf).toMatch(/SameSite=Strict/);
      expect(c.telecom_csrf).not.toMatch(/HttpOnly/);
      expect(valueOf(c.telecom_csrf!)).toBe(res.body.csrfToken);

      // The cookie's token is the API's own JWT: the same principal as a bearer.
      const me = await request(sys.app)
        .get('/auth/me')
        .set('cookie', `telecom_session=${valueOf(c.telecom_session!)}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(expected);
      const bearer = await request(sys.app)
        .get('/auth/me')
        .set('authorization', `Bearer ${valueOf(c.telecom_session!)}`);
      expect(bearer.body).toEqual(expected);
    },
  );

  it('user names are matched in lower case', async () => {
    expect((await signIn('Dept.Dalian.Care')).body.user.username).toBe('dept.dalian.care');
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await request(sys.app).post('/auth/login').send({ username: 'ops', password: 'not-the-password' });
    const unknown = await request(sys.app)
      .post('/auth/login')
      .send({ username: `nobody-${randomUUID()}`, password: DEVELOPMENT_PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('a disabled account cannot sign in (same 401); enabled again, it can', async () => {
    const username = `staff.disabled.${randomUUID().slice(0, 8)}`;
    const em = sys.orm.em.fork();
    await insertStaff(em, {
      username,
      displayName: 'Disabled',
      passwordHash: await hashPassword('right-password-1'),
      roles: ['ops'],
      localNetworks: ['dalian'],
    });
    await updateStaff(em, username, { disabled: true });
    const res = await request(sys.app).post('/auth/login').send({ username, password: 'right-password-1' });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('wrong user name or password');
    await updateStaff(em, username, { disabled: false });
    expect((await signIn(username, 'right-password-1')).body.user.roles).toEqual(['ops']);
  });

  it('bad input is a 400 naming the field', async () => {
    const missing = await request(sys.app).post('/auth/login').send({ username: 'ops' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const long = await request(sys.app)
      .post('/auth/login')
      .send({ username: 'ops', password: 'x'.repeat(10_000) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'too_big' })]);
    const extra = await request(sys.app).post('/auth/login').send({ username: 'ops', password: 'x', remember: true });
    expect(extra.status).toBe(400);
  });
});

describe('lockout', () => {
  it('after RATE_LIMIT_LOGIN_FAILURES_PER_USER failures the user name is refused (429, Retry-After), even with the right password; others are not', async () => {
    const { app } = sys.appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_USER: '3', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '100' });
    for (let i = 0; i < 3; i++)
      expect(
        (
          await request(app)
            .post('/auth/login')
            .send({ username: 'auditor', password: `guess-${i}` })
        ).status,
      ).toBe(401);
    const locked = await request(app).post('/auth/login').send({ username: 'AUDITOR', password: DEVELOPMENT_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.detail).toMatch(/this user name/);
    expect((await signIn('ops', DEVELOPMENT_PASSWORD, app)).body.user.username).toBe('ops');
  });

  it('a success forgives the user name its failures', async () => {
    const { app } = sys.appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_USER: '2', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '100' });
    expect((await request(app).post('/auth/login').send({ username: 'ops', password: 'guess' })).status).toBe(401);
    await signIn('ops', DEVELOPMENT_PASSWORD, app);
    expect((await request(app).post('/auth/login').send({ username: 'ops', password: 'guess' })).status).toBe(401);
    await signIn('ops', DEVELOPMENT_PASSWORD, app);
  });

  it('after RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS failures from an address, every user name is refused from it', async () => {
    const { app } = sys.appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_USER: '100', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '3' });
    for (const username of ['ops', 'auditor', `nobody-${randomUUID()}`])
      expect((await request(app).post('/auth/login').send({ username, password: 'guess' })).status).toBe(401);
    const refused = await request(app).post('/auth/login').send({ username: 'admin', password: DEVELOPMENT_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/this address/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the session', () => {
  it('logout answers 204 and clears both cookies', async () => {
    const { cookie } = await signIn('ops');
    const res = await request(sys.app).post('/auth/logout').set('cookie', cookie);
    expect(res.status).toBe(204);
    const c = setCookies(res);
    for (const name of ['telecom_session', 'telecom_csrf']) {
      expect(valueOf(c[name]!)).toBe('');
      expect(c[name]).toMatch(/Expires=Thu, 01 Jan 1970/);
    }
  });

  it('an expired session is a 401 saying so (code SESSION_EXPIRED)', async () => {
    const { app } = sys.appWith({ AUTH_SESSION_TTL_SECONDS: '1' });
    const { cookie } = await signIn('dept.dalian.care', DEVELOPMENT_PASSWORD, app);
    expect((await request(app).get('/auth/me').set('cookie', cookie)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    const res = await request(app).get('/auth/me').set('cookie', cookie);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('your session has expired: sign in again');
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it('no credential at all is a 401 that names the session as a way in', async () => {
    const res = await request(sys.app).get('/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/POST \/auth\/login/);
  });

  it('a forged session cookie is a 401', async () => {
    const res = await request(sys.app).get('/auth/me').set('cookie', 'telecom_session=eyJhbGciOiJIUzI1NiJ9.e30.forged');
    expect(res.status).toBe(401);
  });
});

describe('CSRF: writes authenticated by the session cookie', () => {
  it('are refused without the X-CSRF-Token header, or with one that is not the cookie value, and accepted with it', async () => {
    const { cookie, csrf } = await signIn('dept.dalian.care');
    const missing = await note(sys.app, { cookie });
    expect(missing.status).toBe(403);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toMatch(/x-csrf-token/);
    expect(missing.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await note(sys.app, { cookie, 'x-csrf-token': 'A'.repeat(csrf.length) })).status).toBe(403);
    const ok = await note(sys.app, { cookie, 'x-csrf-token': csrf });
    expect(ok.status).toBe(200);
    expect(ok.body.timeline.at(-1)).toEqual(expect.objectContaining({ action: 'note' }));
    // Reads need no token.
    expect((await request(sys.app).get(`/troubleTicket/${workOrder}`).set('cookie', cookie)).status).toBe(200);
  });

  it("the token is bound to its session: another session's token (header and cookie alike) is refused", async () => {
    const mine = await signIn('dept.dalian.care');
    const theirs = await signIn('dept.dalian.care');
    const session = mine.cookie.split(';')[0]!;
    const res = await note(sys.app, { cookie: `${session}; telecom_csrf=${theirs.csrf}`, 'x-csrf-token': theirs.csrf });
    expect(res.status).toBe(403);
  });

  it('the account is still checked for scope: Shenyang customer care may not note a Dalian work order', async () => {
    const { cookie, csrf } = await signIn('dept.shenyang.care');
    expect((await note(sys.app, { cookie, 'x-csrf-token': csrf })).status).toBe(403);
  });
});

describe('the call-centre role, signed in', () => {
  it('takes a work order for a customer on the phone, sees it in the customer 360 and notes it; order entry of the same network does neither', async () => {
    const centre = await signIn('callcentre.dalian');
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 7);
    const taken = await request(sys.app)
      .post('/troubleTicket')
      .set({ cookie: centre.cookie, 'x-csrf-token': centre.csrf })
      .send({
        type: 'complaint',
        category: 'service-handling.order-error',
        channel: 'phone',
        customer: { id: customer.id },
        takenInLocalNetwork: 'dalian',
        serviceLine: 'gsm_mobile',
        description: 'no signal at home',
      });
    expect(taken.status).toBe(201);
    const id = taken.body.id as string;
    await waitFor(
      'the work order in the read model',
      async () => (await sys.orm.em.fork().getConnection().execute('select 1 from work_order where id = ?', [id])).length > 0,
    );
    const c360 = await request(sys.app).get(`/customer/${customer.id}`).set('cookie', centre.cookie);
    expect(c360.status).toBe(200);
    expect(c360.body.openWorkOrders.map((w: { id: string }) => w.id)).toContain(id);
    const noted = await request(sys.app)
      .post(`/troubleTicket/${id}/event`)
      .set({ cookie: centre.cookie, 'x-csrf-token': centre.csrf })
      .send({ type: 'note', text: 'customer called again' });
    expect(noted.status).toBe(200);

    const entry = await signIn('entry.dalian');
    expect((await request(sys.app).get(`/troubleTicket/${id}`).set('cookie', entry.cookie)).status).toBe(403);
    const entry360 = await request(sys.app).get(`/customer/${customer.id}`).set('cookie', entry.cookie);
    expect(entry360.status).toBe(200);
    expect(entry360.body.openWorkOrders).toEqual([]);
    // And the call centre of another network does not see it.
    const shenyang = await signIn('callcentre.shenyang');
    expect((await request(sys.app).get(`/troubleTicket/${id}`).set('cookie', shenyang.cookie)).status).toBe(403);
  });
});

describe('machine clients', () => {
  it('bearer tokens work as before, need no CSRF token, and win over a cookie', async () => {
    const token = sys.token({ roles: ['department'], sub: 'bearer-dept', department: 'dalian-customer-care', localNetworks: [] });
    expect((await note(sys.app, { authorization: `Bearer ${token}` })).status).toBe(200);
    // A browser's cookie beside a machine's header: the header decides (and needs no CSRF token).
    const { cookie } = await signIn('dept.shenyang.care');
    expect((await note(sys.app, { authorization: `Bearer ${token}`, cookie })).status).toBe(200);
    const me = await request(sys.app).get('/auth/me').set('authorization', `Bearer ${token}`).set('cookie', cookie);
    expect(me.body.username).toBe('bearer-dept');
  });

  it('API keys work as before', async () => {
    const key = await createApiKey(sys.orm.em.fork(), `staff-auth-${randomUUID()}`, {
      sub: 'key-dept',
      roles: ['department'],
      department: 'dalian-customer-care',
      localNetworks: [],
    });
    expect((await note(sys.app, { 'x-api-key': key })).status).toBe(200);
    expect((await request(sys.app).get('/auth/me').set('x-api-key', key)).body.username).toBe('key-dept');
  });
});

describe('administering accounts: /staff (admin only)', () => {
  /** An app that looks accounts up on every request, so a change shows at once. */
  let app: Express;
  let admin: Signed;
  beforeAll(async () => {
    app = sys.appWith({ API_KEY_CACHE_SECONDS: '0' }).app;
    admin = await signIn('admin', DEVELOPMENT_PASSWORD, app);
  });
  const as = (who: Signed) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });
  const fresh = () => `staff.${randomUUID().slice(0, 8)}`;
  const create = (body: Record<string, unknown>, who = admin) => request(app).post('/staff').set(as(who)).send(body);
  const patch = (username: string, body: Record<string, unknown>) => request(app).patch(`/staff/${username}`).set(as(admin)).send(body);
  const careAccount = (username: string) => ({
    username,
    displayName: '大连客户关怀 · 新人',
    password: 'first-password-1',
    roles: ['department'],
    department: 'dalian-customer-care',
  });

  it('an admin creates an account, which then signs in with its scopes; the list and the account never show a password', async () => {
    const username = fresh();
    const res = await create(careAccount(username));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/staff/${username}`);
    expect(res.body).toEqual(
      expect.objectContaining({ username, roles: ['department'], department: 'dalian-customer-care', localNetworks: [], disabled: false }),
    );
    const signed = await signIn(username, 'first-password-1', app);
    expect(signed.body.user).toEqual(expect.objectContaining({ username, department: 'dalian-customer-care' }));
    expect((await note(app, as(signed))).status).toBe(200);
    const list = await request(app).get('/staff').set(as(admin));
    expect(list.status).toBe(200);
    expect(list.body.map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining([username, 'admin', 'dept.dalian.care']));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
    expect((await request(app).get(`/staff/${username}`).set(as(admin))).body.username).toBe(username);
    expect((await create(careAccount(username))).status).toBe(409);
  });

  it('refuses scopes a role cannot work with, naming the field', async () => {
    const noDept = await create({ ...careAccount(fresh()), department: undefined });
    expect(noDept.status).toBe(400);
    expect(noDept.body.errors).toEqual([expect.objectContaining({ field: 'department' })]);
    const unknownAgent = await create({ ...careAccount(fresh()), roles: ['agent'], department: undefined, agentId: 'agent-nobody', localNetworks: ['dalian'] });
    expect(unknownAgent.body.errors).toEqual([expect.objectContaining({ field: 'agentId' })]);
    const badNetwork = await create({ ...careAccount(fresh()), localNetworks: ['atlantis'] });
    expect(badNetwork.body.errors).toEqual([expect.objectContaining({ field: 'localNetworks[0]' })]);
    const shortPassword = await create({ ...careAccount(fresh()), password: 'short' });
    expect(shortPassword.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'too_small' })]);
    const badName = await create({ ...careAccount('Has Spaces') });
    expect(badName.body.errors).toEqual([expect.objectContaining({ field: 'username' })]);
    expect((await patch('nobody.here', { disabled: true })).status).toBe(404);
  });

  it('only an admin: other roles get 403', async () => {
    const supervisor = await signIn('supervisor.province', DEVELOPMENT_PASSWORD, app);
    expect((await request(app).get('/staff').set(as(supervisor))).status).toBe(403);
    expect((await create(careAccount(fresh()), supervisor)).status).toBe(403);
  });

  it("disabling ends the account's sessions at once (cookie and bearer alike); enabling lets it sign in again", async () => {
    const username = fresh();
    await create(careAccount(username));
    const signed = await signIn(username, 'first-password-1', app);
    const token = signed.cookie.split(';')[0]!.slice('telecom_session='.length);
    expect((await patch(username, { disabled: true })).body.disabled).toBe(true);
    for (const headers of [{ cookie: signed.cookie }, { authorization: `Bearer ${token}` }]) {
      const res = await request(app).get('/auth/me').set(headers);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_ENDED');
    }
    expect((await request(app).post('/auth/login').send({ username, password: 'first-password-1' })).status).toBe(401);
    await patch(username, { disabled: false });
    // Its old session stays ended; a new sign-in works (from the next whole second: tokens count in seconds).
    expect((await request(app).get('/auth/me').set('cookie', signed.cookie)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    expect(
      (
        await request(app)
          .get('/auth/me')
          .set('cookie', (await signIn(username, 'first-password-1', app)).cookie)
      ).status,
    ).toBe(200);
  });

  it('a new password ends the sessions and replaces the old one; new scopes end them too', async () => {
    const username = fresh();
    await create(careAccount(username));
    const before = await signIn(username, 'first-password-1', app);
    expect((await patch(username, { password: 'second-password-2' })).status).toBe(200);
    expect((await request(app).get('/auth/me').set('cookie', before.cookie)).status).toBe(401);
    expect((await request(app).post('/auth/login').send({ username, password: 'first-password-1' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    const after = await signIn(username, 'second-password-2', app);
    const moved = await patch(username, { scopes: { roles: ['department'], department: 'shenyang-customer-care' } });
    expect(moved.body).toEqual(expect.objectContaining({ department: 'shenyang-customer-care', localNetworks: [] }));
    expect((await request(app).get('/auth/me').set('cookie', after.cookie)).status).toBe(401);
  });
});

describe('administering accounts: npm run staff', () => {
  const env = () => ({ DATABASE_URL: sys.config.DATABASE_URL!, LOG_LEVEL: 'silent' });
  const staff = (args: string[], stdin?: string) => runScript('scripts/staff.ts', args, env(), stdin);

  it('create (a generated password, printed once), list, disable, enable, reset-password (from stdin)', async () => {
    const username = `cli.${randomUUID().slice(0, 8)}`;
    const created = await staff(['create', username, '--name', '沈阳10060 · 新人', '--role', 'call-centre', '--ln', 'shenyang']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)![1]!;
    expect((await signIn(username, password)).body.user).toEqual(expect.objectContaining({ roles: ['call-centre'], localNetworks: ['shenyang'] }));

    const listed = await staff(['list']);
    expect(listed.stdout).toMatch(new RegExp(`^${username.replace('.', '\\.')} +active +call-centre +ln=shenyang`, 'm'));
    expect(listed.stdout).not.toMatch(/argon2/);

    expect((await staff(['disable', username])).status).toBe(0);
    expect((await request(sys.app).post('/auth/login').send({ username, password })).status).toBe(401);
    expect((await staff(['enable', username])).status).toBe(0);
    expect((await staff(['reset-password', username, '--password-stdin'], 'chosen-password-3\n')).status).toBe(0);
    expect((await request(sys.app).post('/auth/login').send({ username, password })).status).toBe(401);
    await signIn(username, 'chosen-password-3');
  });

  it('refusals exit 2 naming what is wrong', async () => {
    const noDept = await staff(['create', `cli.${randomUUID().slice(0, 8)}`, '--role', 'department']);
    expect(noDept.status).toBe(2);
    expect(noDept.stderr).toMatch(/department: the department role needs a department/);
    const shortPassword = await staff(['reset-password', 'nobody.here', '--password-stdin'], 'short\n');
    expect(shortPassword.status).toBe(2);
    expect(shortPassword.stderr).toMatch(/password/);
    const unknown = await staff(['disable', 'nobody.here']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no staff account is called "nobody.here"/);
    expect((await staff(['frobnicate', 'ops'])).stderr).toMatch(/unknown command/);
  });
});
