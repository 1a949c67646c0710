// Request rate limits (express-rate-limit), counted in this process's memory, so each API replica
// counts its own: per client address on every route but the health checks, per authenticated
// principal (its sub) on the authenticated routes, and failed authentications per address — after
// RATE_LIMIT_AUTH_FAILURES credentials this system never issued (bad signature, unknown API key) the
// address is refused until the window ends, which stops guessing of tokens and API keys. A limit of 0
// switches it off. Over a limit: 429 problem+json with Retry-After.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options } from 'express-rate-limit';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { CredentialRefused } from './auth.js';
import { ProblemError } from './problem.js';

/** Load balancers and orchestrators poll these; throttling them would take a healthy API out. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

const tooManyRequests = (detail: string) => new ProblemError(429, 'Too Many Requests', detail);

/** The client's address as a limit key (an IPv6 client by its /56, as it may own all of it). */
const addressKey = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

export interface RateLimits {
  /** Per client address; goes before body parsing. */
  perAddress: RequestHandler;
  /** `authenticate` between the failed-authentication limit and the per-principal one. */
  authenticated(authenticate: RequestHandler): RequestHandler[];
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
  const failures = maxFailures > 0 ? new MemoryStore() : undefined;
  failures?.init({ windowMs } as Options);
  const countFailures = (authenticate: RequestHandler): RequestHandler[] => {
    if (!failures) return [authenticate];
    const gate: RequestHandler = async (req, res, next) => {
      const seen = await failures.get(addressKey(req));
      if (!seen || seen.totalHits < maxFailures) return next();
      const resetAt = seen.resetTime?.getTime() ?? Date.now() + windowMs;
      res.setHeader('retry-after', String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))));
      next(tooManyRequests(`${maxFailures} failed authentications from this address within ${window}; see Retry-After`));
    };
    const counted: RequestHandler = (req, res, next) =>
      authenticate(req, res, (err?: unknown) => {
        if (err instanceof CredentialRefused && err.guess) void failures.increment(addressKey(req)).then(() => next(err), next);
        else next(err as Error | undefined);
      });
    return [gate, counted];
  };

  return { perAddress, authenticated: (authenticate) => [...countFailures(authenticate), ...perPrincipal] };
}
