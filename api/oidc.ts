// Tokens of the operator's identity provider (OIDC): found by discovery
// (<issuer>/.well-known/openid-configuration → jwks_uri) or OIDC_JWKS_URL, verified with jose against
// the provider's published keys (fetched again when a token names a key not seen yet: rotation), and
// mapped to a principal by OIDC_CLAIM_MAPPING. Only asymmetric algorithms: our own HS256 secret never
// verifies a provider's token, nor the provider's keys ours.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims } from '../domain/claim-mapping.js';
import type { Principal } from '../domain/access.js';
import type { Config } from '../platform/config.js';
import { ProblemError } from './problem.js';

/** A refused token: `guess` when it is no token the provider signed for us (counts as a failed authentication). */
export type OidcRefusal = { refused: string; guess: boolean; forbidden?: boolean };

export interface OidcVerifier {
  readonly issuer: string;
  /** Whether a bearer token claims to come from the provider (its iss, unverified: verification follows). */
  claims(token: string): boolean;
  verify(token: string): Promise<Principal | OidcRefusal>;
}

const unavailable = (why: string) =>
  new ProblemError(503, 'Service Unavailable', `the identity provider cannot be reached to check the token (${why}); try again shortly`, undefined, undefined, {
    'retry-after': '5',
  });

/** The provider's key set: OIDC_JWKS_URL, or discovery's jwks_uri — looked up on first use, again after a failure. */
function keySet(config: Config): () => Promise<JWTVerifyGetKey> {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const remote = (url: string) => createRemoteJWKSet(new URL(url), { cooldownDuration: config.OIDC_JWKS_COOLDOWN_SECONDS * 1000 });
    if (config.OIDC_JWKS_URL) return remote(config.OIDC_JWKS_URL);
    const issuer = config.OIDC_ISSUER!;
    const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // The document must be the issuer's own (OpenID Connect Discovery 1.0, 4.3).
    if (doc.issuer !== issuer) throw new Error(`discovery names another issuer (${String(doc.issuer)})`);
    if (typeof doc.jwks_uri !== 'string') throw new Error('discovery names no jwks_uri');
    return remote(doc.jwks_uri);
  };
  return () => {
    keys ??= discover().catch((err: unknown) => {
      keys = undefined;
      throw unavailable(err instanceof Error ? err.message : String(err));
    });
    return keys;
  };
}

/** `clockSkewSeconds`: how far the provider's clock may be off ours (api/auth.ts's for our own tokens). */
export function oidcVerifier(config: Config, clockSkewSeconds: number): OidcVerifier | undefined {
  const issuer = config.OIDC_ISSUER;
  if (!issuer) return undefined;
  const keys = keySet(config);
  return {
    issuer,
    claims(token) {
      try {
        return decodeJwt(token).iss === issuer;
      } catch {
        return false;
      }
    },
    async verify(token) {
      const getKey = await keys();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer,
          audience: config.OIDC_AUDIENCE,
          algorithms: config.OIDC_ALGORITHMS,
          clockTolerance: clockSkewSeconds,
          requiredClaims: ['exp', 'iat'],
        }));
      } catch (err) {
        // Its keys could not be fetched (down, timing out, answering garbage): the provider's fault, not the caller's.
        if (
          err instanceof errors.JWKSTimeout ||
          err instanceof errors.JWKSInvalid ||
          (err instanceof Error && /fetch failed|Expected 200 OK/.test(err.message))
        )
          throw unavailable(err.message);
        if (err instanceof errors.JWTExpired) return { refused: 'token expired', guess: false };
        if (err instanceof errors.JWTClaimValidationFailed) return { refused: `identity provider token: ${err.message}`, guess: false };
        // A bad signature, an unknown key, a disallowed algorithm, a malformed token: not one the provider signed for us.
        return { refused: `identity provider token: ${err instanceof Error ? err.message : 'not valid'}`, guess: true };
      }
      // Its lifetime bounded as our own tokens' are: a leaked long-lived token would work until exp.
      if ((payload.exp as number) - (payload.iat as number) > config.AUTH_JWT_MAX_TTL_SECONDS)
        return { refused: `token lifetime longer than ${config.AUTH_JWT_MAX_TTL_SECONDS} s`, guess: false };
      const principal = principalFromClaims(payload, config.OIDC_CLAIM_MAPPING);
      return typeof principal === 'string' ? { refused: principal, guess: false, forbidden: true } : principal;
    },
  };
}
