// Identity: a bearer JWT (HS256, signed with the secret of platform/jwt-secret.ts, or the operator's
// identity provider's token: api/oidc.ts), an API key
// (X-API-Key, stored hashed in the database) or, for the workbench, the same JWT in the session cookie
// that POST /auth/login sets (api/routes/auth.ts), with a double-submit CSRF token on writes. A missing
// or bad credential is a 401; handlers get a typed principal.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PrincipalSchema, hasRole, type Principal, type Role } from '../domain/access.js';
import { ApiKey } from '../db/entities.js';
import { staffSessionState } from '../db/staff.js';
import { oidcVerifier, type OidcVerifier } from './oidc.js';
import type { Config } from '../platform/config.js';
import { forbidden, ProblemError, unauthorized } from './problem.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** How far a token's iat and nbf may lie ahead of this clock (the issuer's clock may run ahead). */
export const CLOCK_SKEW_SECONDS = 60;

/** What a bearer token must satisfy. */
export interface TokenRules {
  secret: string;
  issuer: string;
  /** When set, the token's `aud` must name it. */
  audience?: string;
  /** Longest lifetime (exp − iat) accepted. */
  maxTtlSeconds: number;
}

export const tokenRules = (config: Config): TokenRules => ({
  secret: config.jwtSecret,
  issuer: config.AUTH_JWT_ISSUER,
  audience: config.AUTH_JWT_AUDIENCE,
  maxTtlSeconds: config.AUTH_JWT_MAX_TTL_SECONDS,
});

/** What a token signed in by a staff account carries beside the principal. */
export interface SessionClaims {
  /** The session's id: its CSRF token is derived from it. */
  jti: string;
  /** The staff account: its token is refused once the account is disabled or its sessions ended. */
  acct: string;
}

export function signToken(
  principal: Principal,
  secret: string,
  issuer: string,
  ttlSeconds = 8 * 3600,
  nowSeconds = Math.floor(Date.now() / 1000),
  audience?: string,
  session?: SessionClaims,
): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      ...principal,
      iss: issuer,
      ...(audience ? { aud: audience } : {}),
      ...session,
      iat: nowSeconds,
      exp: nowSeconds + ttlSeconds,
    }),
  );
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${b64url(sig)}`;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Returns the principal, or a reason the token is refused. */
export function verifyToken(token: string, rules: TokenRules, nowSeconds = Math.floor(Date.now() / 1000)): Principal | string {
  const payload = signedPayload(token, rules.secret);
  return typeof payload === 'string' ? payload : principalOf(payload, rules, nowSeconds);
}

/** The payload of a token signed with the secret, or why it is not one. */
function signedPayload(token: string, secret: string): Record<string, unknown> | string {
  const parts = token.split('.');
  if (parts.length !== 3) return 'malformed token';
  const [h, pl, s] = parts as [string, string, string];
  let header: unknown, payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(pl, 'base64url').toString('utf8'));
  } catch {
    return 'malformed token';
  }
  // Only HS256: refusing everything else closes the alg=none and key-confusion holes.
  if ((header as { alg?: unknown })?.alg !== 'HS256') return 'unsupported token algorithm';
  // The signature's exact text, not its decoded bytes: decoding skips padding and stray characters,
  // so `sig=`, `sig==` or `sig!!` would pass as the same signature.
  const expected = createHmac('sha256', secret).update(`${h}.${pl}`).digest('base64url');
  if (!sameText(s, expected)) return 'bad token signature';
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'malformed token';
  return payload as Record<string, unknown>;
}

const TOKEN_EXPIRED = 'token expired';

/** The principal of a signed payload whose claims hold now, or why they don't. */
function principalOf(payload: Record<string, unknown>, rules: TokenRules, nowSeconds: number): Principal | string {
  const { iss, aud, exp, iat, nbf } = payload;
  if (iss !== rules.issuer) return 'token from another issuer';
  if (typeof exp !== 'number' || exp <= nowSeconds) return TOKEN_EXPIRED;
  // Without iat a token's lifetime is unknown: a leaked long-lived token would work until exp.
  if (typeof iat !== 'number' || iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'token without a valid issue time (iat)';
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + CLOCK_SKEW_SECONDS)) return 'token not valid yet (nbf)';
  if (exp - iat > rules.maxTtlSeconds) return `token lifetime longer than ${rules.maxTtlSeconds} s`;
  if (rules.audience !== undefined && !(aud === rules.audience || (Array.isArray(aud) && aud.includes(rules.audience)))) return 'token for another audience';
  const parsed = PrincipalSchema.safeParse(payload);
  return parsed.success ? parsed.data : 'token carries no valid principal';
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(em: EntityManager, name: string, principal: Principal): Promise<string> {
  const key = `tk_${randomBytes(24).toString('base64url')}`;
  em.create(ApiKey, { id: randomUUID(), name, keyHash: hashApiKey(key), principal, createdAt: new Date() });
  await em.flush();
  return key;
}

/** Revokes every active API key of that name; returns how many. APIs stop taking them within API_KEY_CACHE_SECONDS. */
export function revokeApiKeys(em: EntityManager, name: string): Promise<number> {
  return em.nativeUpdate(ApiKey, { name, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * At most `max` entries, each kept `ttlMs`; the least recently used goes first. Map iterates in
 * insertion order, so a hit is re-inserted to become the newest.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.until <= now) return undefined;
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface AuthOptions extends TokenRules {
  em: () => EntityManager;
  /** The operator's identity provider, when configured (OIDC_ISSUER). */
  oidc?: OidcVerifier;
  /** API keys found are remembered this long (a revoked key keeps working at most this long); 0: never. */
  apiKeyCacheSeconds: number;
  apiKeyCacheMax: number;
}

/**
 * A 401 for a credential; `guess` when it is none this system issued (a bad signature, an unknown
 * key), as opposed to one of ours that expired or was revoked: only guesses count against the address
 * (api/limits.ts), so a shift whose tokens expire together behind one NAT is not locked out.
 */
export class CredentialRefused extends ProblemError {
  constructor(
    detail: string,
    readonly guess: boolean,
    extra?: Record<string, unknown>,
  ) {
    super(401, 'Unauthorized', detail, undefined, extra);
  }
}

/** The workbench's session: the signed token (httpOnly) and its CSRF token (readable by the page's script). */
export const SESSION_COOKIE = 'telecom_session';
export const CSRF_COOKIE = 'telecom_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Methods that change nothing, so a cookie alone may authenticate them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A session's CSRF token: an HMAC of its token's id. Bound to the session, so a cookie planted by a
 * sibling subdomain (cookie tossing) cannot be paired with a header value the attacker chose.
 */
export const csrfTokenFor = (secret: string, jti: string) => createHmac('sha256', secret).update(`csrf:${jti}`).digest('base64url');

/** A cookie of the request (the first of that name), undecoded: our values are base64url and JWTs. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Why a cookie-authenticated write lacks a valid CSRF token, or undefined when it has one. */
function csrfRefusal(req: Request, secret: string, jti: unknown): string | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const header = req.headers[CSRF_HEADER];
  if (typeof header !== 'string' || header === '')
    return `a request authenticated by the session cookie must carry the ${CSRF_HEADER} header (the ${CSRF_COOKIE} cookie's value)`;
  const cookie = cookieOf(req, CSRF_COOKIE) ?? '';
  if (typeof jti !== 'string' || !sameText(header, cookie) || !sameText(header, csrfTokenFor(secret, jti)))
    return `the ${CSRF_HEADER} header does not match this session's ${CSRF_COOKIE} cookie`;
  return undefined;
}

export type Authenticate = RequestHandler & {
  /** API keys remembered now (at most apiKeyCacheMax). */
  readonly cachedApiKeys: () => number;
};

export const authOptions = (config: Config, em: () => EntityManager): AuthOptions => ({
  ...tokenRules(config),
  em,
  apiKeyCacheSeconds: config.API_KEY_CACHE_SECONDS,
  apiKeyCacheMax: config.API_KEY_CACHE_MAX,
  oidc: oidcVerifier(config, CLOCK_SKEW_SECONDS),
});

export function authenticate(opts: AuthOptions): Authenticate {
  // Keys found are remembered briefly so hot paths don't hit the database. Unknown keys are not: a
  // flood of made-up keys would fill the cache (the failed-authentication limit bounds their queries).
  const cache = new LruCache<Principal>(opts.apiKeyCacheMax, opts.apiKeyCacheSeconds * 1000);
  // Staff accounts' session state, remembered as briefly as API keys (a disabled account's sessions end within that).
  const accounts = new LruCache<{ disabled: boolean; validFromSeconds: number } | null>(opts.apiKeyCacheMax, opts.apiKeyCacheSeconds * 1000);
  /** Why a staff account's token no longer holds, or undefined. */
  const accountRefusal = async (payload: Record<string, unknown>): Promise<string | undefined> => {
    if (typeof payload.acct !== 'string') return undefined;
    let state = accounts.get(payload.acct);
    if (state === undefined) {
      const found = await staffSessionState(opts.em(), payload.acct);
      state = found ? { disabled: found.disabled, validFromSeconds: Math.floor(found.sessionsValidFrom.getTime() / 1000) } : null;
      accounts.set(payload.acct, state);
    }
    if (!state || state.disabled) return 'this account is disabled: ask an administrator';
    if ((payload.iat as number) < state.validFromSeconds) return 'this session was ended (the password was reset or the account disabled): sign in again';
    return undefined;
  };
  const handler: RequestHandler = async (req, _res, next) => {
    const header = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (typeof header === 'string' && /^bearer /i.test(header)) {
      const token = header.slice(7).trim();
      if (opts.oidc?.claims(token)) {
        const result = await opts.oidc.verify(token);
        if ('refused' in result)
          return next(result.forbidden ? new ProblemError(403, 'Forbidden', result.refused) : new CredentialRefused(result.refused, result.guess));
        req.principal = result;
        return next();
      }
      const payload = signedPayload(token, opts.secret);
      if (typeof payload === 'string') return next(new CredentialRefused(payload, true));
      const result = principalOf(payload, opts, Math.floor(Date.now() / 1000));
      if (typeof result === 'string') return next(new CredentialRefused(result, false));
      const ended = await accountRefusal(payload);
      if (ended) return next(new CredentialRefused(ended, false, { code: 'SESSION_ENDED' }));
      req.principal = result;
      return next();
    }
    if (typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length < 200) {
      const hash = hashApiKey(apiKey);
      let principal = cache.get(hash);
      if (!principal) {
        const row = await opts.em().findOne(ApiKey, { keyHash: hash, revokedAt: null });
        const parsed = row ? PrincipalSchema.safeParse(row.principal) : undefined;
        // A revoked key looks like an unknown one here: it counts as a guess too.
        if (!parsed?.success) return next(new CredentialRefused('unknown or revoked API key', true));
        principal = parsed.data;
        cache.set(hash, principal);
      }
      req.principal = principal;
      return next();
    }
    // The session cookie only when the request names no credential of its own: a machine client's
    // header always wins over a browser's cookie.
    const session = header === undefined && apiKey === undefined ? cookieOf(req, SESSION_COOKIE) : undefined;
    if (session) {
      const payload = signedPayload(session, opts.secret);
      if (typeof payload === 'string') return next(new CredentialRefused(`session cookie: ${payload}`, true));
      const result = principalOf(payload, opts, Math.floor(Date.now() / 1000));
      if (result === TOKEN_EXPIRED) return next(new CredentialRefused('your session has expired: sign in again', false, { code: 'SESSION_EXPIRED' }));
      if (typeof result === 'string') return next(new CredentialRefused(`session cookie: ${result}`, false));
      const ended = await accountRefusal(payload);
      if (ended) return next(new CredentialRefused(ended, false, { code: 'SESSION_ENDED' }));
      const refused = csrfRefusal(req, opts.secret, payload.jti);
      if (refused) return next(new ProblemError(403, 'Forbidden', refused, undefined, { code: 'CSRF_TOKEN_INVALID' }));
      req.principal = result;
      return next();
    }
    next(unauthorized('a bearer token, an X-API-Key or a session (POST /auth/login) is required'));
  };
  return Object.assign(handler, { cachedApiKeys: () => cache.size });
}

/** 403 unless the principal has one of the roles (admin has all). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) return next(unauthorized('not authenticated'));
    if (!hasRole(req.principal, ...roles)) return next(forbidden(`this action needs one of the roles: ${roles.join(', ')}`));
    next();
  };
}

/**
 * The subject `npm run token` gives a token when no --sub is given: made of the roles and every
 * scope, so principals of different scopes never share one (their Idempotency-Keys would collide).
 * Readable (`dev/order-entry/ln=dalian,shenyang`); over 128 characters, shortened with a digest.
 */
export function defaultSubject(p: {
  roles: readonly string[];
  localNetworks: '*' | readonly string[];
  department?: string;
  agentId?: string;
  level?: string;
  org?: string;
}): string {
  const list = (xs: readonly string[]) => [...new Set(xs)].sort().join(',');
  const parts = ['dev', list(p.roles)];
  const ln = p.localNetworks === '*' ? '*' : list(p.localNetworks);
  if (ln) parts.push(`ln=${ln}`);
  for (const [k, v] of [
    ['dept', p.department],
    ['agent', p.agentId],
    ['level', p.level],
    ['org', p.org],
  ] as const)
    if (v) parts.push(`${k}=${v}`);
  const sub = parts.join('/');
  return sub.length <= 128 ? sub : `${sub.slice(0, 115)}~${createHash('sha256').update(sub).digest('hex').slice(0, 12)}`;
}
