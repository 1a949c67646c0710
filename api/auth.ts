// Identity: a bearer JWT (HS256, signed with AUTH_JWT_SECRET) or an API key (X-API-Key, stored
// hashed in the database). A missing or bad credential is a 401; handlers get a typed principal.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PrincipalSchema, hasRole, type Principal, type Role } from '../domain/access.js';
import { ApiKey } from '../db/entities.js';
import { forbidden, unauthorized } from './problem.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signToken(principal: Principal, secret: string, issuer: string, ttlSeconds = 8 * 3600, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ ...principal, iss: issuer, iat: nowSeconds, exp: nowSeconds + ttlSeconds }));
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${b64url(sig)}`;
}

/** Returns the principal, or a reason the token is refused. */
export function verifyToken(token: string, secret: string, issuer: string, nowSeconds = Math.floor(Date.now() / 1000)): Principal | string {
  const parts = token.split('.');
  if (parts.length !== 3) return 'malformed token';
  const [h, pl, s] = parts as [string, string, string];
  let header: unknown, payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(pl, 'base64url').toString('utf8'));
  } catch {
    return 'malformed token';
  }
  // Only HS256: refusing everything else closes the alg=none and key-confusion holes.
  if ((header as { alg?: unknown })?.alg !== 'HS256') return 'unsupported token algorithm';
  const expected = createHmac('sha256', secret).update(`${h}.${pl}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad token signature';
  if (payload.iss !== issuer) return 'token from another issuer';
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return 'token expired';
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

export interface AuthOptions {
  secret: string;
  issuer: string;
  em: () => EntityManager;
}

export function authenticate(opts: AuthOptions): RequestHandler {
  // API keys are looked up once and remembered briefly so hot paths don't hit the database.
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (typeof header === 'string' && /^bearer /i.test(header)) {
      const result = verifyToken(header.slice(7).trim(), opts.secret, opts.issuer);
      if (typeof result === 'string') return next(unauthorized(result));
      req.principal = result;
      return next();
    }
    if (typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length < 200) {
      const hash = hashApiKey(apiKey);
      let hit = cache.get(hash);
      if (!hit || hit.until < Date.now()) {
        const row = await opts.em().findOne(ApiKey, { keyHash: hash, revokedAt: null });
        const parsed = row ? PrincipalSchema.safeParse(row.principal) : undefined;
        hit = { principal: parsed?.success ? parsed.data : null, until: Date.now() + 30_000 };
        cache.set(hash, hit);
      }
      if (!hit.principal) return next(unauthorized('unknown or revoked API key'));
      req.principal = hit.principal;
      return next();
    }
    next(unauthorized('a bearer token or an X-API-Key is required'));
  };
}

/** 403 unless the principal has one of the roles (admin has all). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) return next(unauthorized('not authenticated'));
    if (!hasRole(req.principal, ...roles)) return next(forbidden(`this action needs one of the roles: ${roles.join(', ')}`));
    next();
  };
}
