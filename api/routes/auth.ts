// Sign-in for the workbench (issue 12). POST /auth/login checks a staff account's password and puts
// the same JWT a machine client sends as a bearer token into an httpOnly cookie, with a CSRF token
// beside it (double submit, bound to the session: api/auth.ts checks it on every cookie-authenticated
// write). Bearer tokens and API keys are untouched.
import { randomUUID } from 'node:crypto';
import type { CookieOptions, Response } from 'express';
import { ROLES, type Principal } from '../../domain/access.js';
import { principalOfStaff } from '../../domain/staff.js';
import { findStaffForLogin } from '../../db/staff.js';
import { passwordMatches, spendPasswordCheck } from '../../platform/passwords.js';
import { CSRF_COOKIE, csrfTokenFor, SESSION_COOKIE, signToken } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import type { LoginThrottle } from '../limits.js';
import { unauthorized } from '../problem.js';
import { LoginInput, Session, SessionUser } from '../schemas/auth.js';

/** What the workbench shows of whoever is signed in (or calls with a bearer token). */
export const sessionUserOf = (p: Principal) => ({
  username: p.sub,
  displayName: p.name ?? p.sub,
  roles: p.roles,
  localNetworks: p.localNetworks,
  ...(p.department ? { department: p.department } : {}),
  ...(p.level ? { level: p.level } : {}),
  ...(p.agentId ? { agentId: p.agentId } : {}),
});

// One answer for an unknown user, a wrong password and a disabled account: nothing tells which it was.
const WRONG = 'wrong user name or password';

export function registerAuthRoutes(routes: ApiRoutes, deps: ApiDeps, throttle: LoginThrottle): void {
  const { config } = deps;
  // Same site only, whole origin; Secure in production (over plain http in development the browser would drop it).
  const base: CookieOptions = { sameSite: 'strict', path: '/', secure: config.NODE_ENV === 'production' };
  const clear = (res: Response) => {
    res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
    res.clearCookie(CSRF_COOKIE, base);
  };

  routes
    .add({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in to the workbench with a staff account',
      description:
        `Sets the ${SESSION_COOKIE} cookie (httpOnly, SameSite=Strict: the API's JWT) and the ${CSRF_COOKIE} cookie (readable: send it back as X-CSRF-Token on writes). ` +
        `After RATE_LIMIT_LOGIN_FAILURES_PER_USER failures for a user name, or RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS from an address, 429 until RATE_LIMIT_LOGIN_WINDOW_SECONDS pass.`,
      tags: ['auth'],
      roles: 'public',
      body: LoginInput,
      responses: {
        200: { description: 'signed in; the cookies are set', schema: Session },
        401: { description: 'wrong user name or password, or the account is disabled' },
        429: { description: 'too many failed sign-ins for this user name or from this address; see Retry-After' },
      },
      handler: async ({ req, res, body }) => {
        const username = body.username.toLowerCase();
        await throttle.check(req, username);
        const found = await findStaffForLogin(deps.orm.em.fork(), username);
        const ok = found ? await passwordMatches(found.passwordHash, body.password) : (await spendPasswordCheck(body.password), false);
        if (!ok || !found || found.account.disabled) {
          await throttle.failed(req, username);
          throw unauthorized(WRONG);
        }
        await throttle.succeeded(username);
        const principal = principalOfStaff(found.account);
        const ttl = config.AUTH_SESSION_TTL_SECONDS;
        const now = Math.floor(Date.now() / 1000);
        const jti = randomUUID();
        const token = signToken(principal, config.jwtSecret, config.AUTH_JWT_ISSUER, ttl, now, config.AUTH_JWT_AUDIENCE, { jti, acct: found.account.username });
        const csrfToken = csrfTokenFor(config.jwtSecret, jti);
        res.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true, maxAge: ttl * 1000 });
        res.cookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false, maxAge: ttl * 1000 });
        return { body: { user: sessionUserOf(principal), csrfToken, expiresAt: new Date((now + ttl) * 1000).toISOString() } };
      },
    })
    .add({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: clears the session cookies',
      description:
        'The browser forgets the session. (The token itself stays valid until it expires, as a bearer token does, unless an administrator disables the account or resets its password.)',
      tags: ['auth'],
      roles: 'public',
      responses: { 204: { description: 'signed out' } },
      handler: ({ res }) => {
        clear(res);
        return { status: 204 };
      },
    })
    .add({
      method: 'get',
      path: '/auth/me',
      summary: 'Who is signed in (session cookie or bearer token)',
      description: "401 with code SESSION_EXPIRED when the session cookie's token has expired.",
      tags: ['auth'],
      roles: [...ROLES],
      responses: { 200: { description: 'the signed-in user', schema: SessionUser } },
      handler: ({ principal }) => ({ body: sessionUserOf(principal) }),
    });
}
