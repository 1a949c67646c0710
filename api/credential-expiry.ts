// When the credential that authenticated a request stops being valid: a long-lived answer (the
// worklist's event stream) ends then, as every other request would be refused from then on.
import type { Request } from 'express';
import { cookieOf, SESSION_COOKIE } from './auth.js';

/** The `exp` (epoch ms) of a JWT's payload, read without checking it (the caller has). */
function expOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When the request's credential expires (epoch ms), or undefined for one that does not (an API key).
 * Only for a request `authenticate` let through: the credential is read in its order (a bearer token,
 * else an API key, else the session cookie) and has been verified there.
 */
export function credentialExpiresAt(req: Request): number | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^bearer /i.test(header)) return expOf(header.slice(7).trim());
  if (req.headers['x-api-key'] !== undefined) return undefined;
  const session = header === undefined ? cookieOf(req, SESSION_COOKIE) : undefined;
  return session ? expOf(session) : undefined;
}
