// Request rate limits (express-rate-limit), counted in this process's memory, so each API replica
// counts its own: per client address on every route but the health checks, per authenticated
// principal (its sub) on the authenticated routes, and failed authentications per address — after
// RATE_LIMIT_AUTH_FAILURES credentials this system never issued (bad signature, unknown API key) the
// address is refused until the window ends, which stops guessing of tokens and API keys. A limit of 0
// switches it off. Over a limit: 429 problem+json with Retry-After. Sign-ins have their own counts
// (loginThrottle): failed passwords per user name and per address.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options } from 'express-rate-limit';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { CredentialRefused } from './auth.js';
import { ProblemError } from './problem.js';

/** Load balancers and orchestrators poll these; throttling them would take a healthy API out. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

const tooManyRequests = (detail: string, retryAfterSeconds?: number) =>
  new ProblemError(429, 'Too Many Requests', detail, undefined, undefined, retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : undefined);

/** The client's address as a limit key (an IPv6 client by its /56, as it may own all of it). */
const addressKey = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

export interface RateLimits {
  /** Per client address; goes before body parsing. */
  perAddress: RequestHandler;
  /** `authenticate` between the failed-authentication limit and the per-principal one. */
  authenticated(authenticate: RequestHandler): RequestHandler[];
  /** Failed sign-ins (POST /auth/login). */
  login: LoginThrottle;
}

export interface LoginThrottle {
  /** Throws the 429 when the user name or the address has failed too often in the window. */
  check(req: Request, username: string): Promise<void>;
  failed(req: Request, username: string): Promise<void>;
  /** A success forgives the user name's failures (not the address's: one address may try many names). */
  succeeded(username: string): Promise<void>;
}

/** A count per key in a fixed window (express-rate-limit's store), refusing at `limit`; undefined when off. */
function failureCounter(limit: number, windowMs: number) {
  if (limit <= 0) return undefined;
  const store = new MemoryStore();
  store.init({ windowMs } as Options);
  return {
    store,
    /** Seconds until the key may try again, or 0 when it may now. */
    async waitSeconds(key: string): Promise<number> {
      const seen = await store.get(key);
      if (!seen || seen.totalHits < limit) return 0;
      const resetAt = seen.resetTime?.getTime() ?? Date.now() + windowMs;
      return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    },
  };
}

export function rateLimits(config: Config, logger: Logger): RateLimits {
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const window = `${config.RATE_LIMIT_WINDOW_SECONDS} s`;
  const limiter = (limit: number, what: string, options: Partial<Options>): RequestHandler[] =>
    limit > 0
      ? [
          rateLimit({
            windowMs,
            limit,
            // RateLimit and RateLimit-Policy on every answer; Retry-After on a 429.
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            handler: (_req, _res, next) => next(tooManyRequests(`more than ${limit} requests ${what} in ${window}; see Retry-After`)),
            logger: { error: (err, msg) => logger.error({ err }, msg ?? 'rate limiter'), warn: (err, msg) => logger.warn({ err }, msg ?? 'rate limiter') },
            ...options,
          }),
        ]
      : [];

  const [perAddress = (_req, _res, next) => next()] = limiter(config.RATE_LIMIT_PER_ADDRESS, 'from this address', {
    skip: (req) => UNLIMITED_PATHS.has(req.path),
  });
  const perPrincipal = limiter(config.RATE_LIMIT_PER_PRINCIPAL, 'by this principal', { keyGenerator: (req) => `sub:${req.principal?.sub}` });

  // Failed authentications: checked before authenticating, counted only when it fails with a credential
  // this system never issued (CredentialRefused.guess). (The library's skipSuccessfulRequests would count
  // every request while in flight, so a client with many requests at once would be refused for failures
  // it never had.)
  const maxFailures = config.RATE_LIMIT_AUTH_FAILURES;
  const failures = failureCounter(maxFailures, windowMs);
  const countFailures = (authenticate: RequestHandler): RequestHandler[] => {
    if (!failures) return [authenticate];
    const gate: RequestHandler = async (req, _res, next) => {
      const wait = await failures.waitSeconds(addressKey(req));
      if (!wait) return next();
      next(tooManyRequests(`${maxFailures} failed authentications from this address within ${window}; see Retry-After`, wait));
    };
    const counted: RequestHandler = (req, res, next) =>
      authenticate(req, res, (err?: unknown) => {
        if (err instanceof CredentialRefused && err.guess) void failures.store.increment(addressKey(req)).then(() => next(err), next);
        else next(err as Error | undefined);
      });
    return [gate, counted];
  };

  return { perAddress, authenticated: (authenticate) => [...countFailures(authenticate), ...perPrincipal], login: loginThrottle(config) };
}

function loginThrottle(config: Config): LoginThrottle {
  const windowMs = config.RATE_LIMIT_LOGIN_WINDOW_SECONDS * 1000;
  const window = `${config.RATE_LIMIT_LOGIN_WINDOW_SECONDS} s`;
  const perUser = failureCounter(config.RATE_LIMIT_LOGIN_FAILURES_PER_USER, windowMs);
  const perAddress = failureCounter(config.RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS, windowMs);
  // User names are matched as signed in with (lower case): `Admin` and `admin` share a count.
  const userKey = (username: string) => `user:${username}`;
  return {
    async check(req, username) {
      const user = (await perUser?.waitSeconds(userKey(username))) ?? 0;
      if (user)
        throw tooManyRequests(
          `${config.RATE_LIMIT_LOGIN_FAILURES_PER_USER} failed sign-ins for this user name within ${window}: try again later (see Retry-After)`,
          user,
        );
      const address = (await perAddress?.waitSeconds(addressKey(req))) ?? 0;
      if (address)
        throw tooManyRequests(
          `${config.RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS} failed sign-ins from this address within ${window}: try again later (see Retry-After)`,
          address,
        );
    },
    async failed(req, username) {
      await perUser?.store.increment(userKey(username));
      await perAddress?.store.increment(addressKey(req));
    },
    async succeeded(username) {
      await perUser?.store.resetKey(userKey(username));
    },
  };
}
