// Configuration is read once, from the environment, and validated here; a bad value stops start-up
// with a message that names the variable and says what is expected.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../contracts/task-queue.js';
import { ClaimMappingSchema } from '../domain/claim-mapping.js';
import type { AdapterLimits } from '../adapters/limits.js';
import { ConfigError } from './config-error.js';
import { jwtSecretOf, MIN_JWT_SECRET_LENGTH, PUBLISHED_JWT_SECRETS } from './jwt-secret.js';

export { ConfigError };

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number({ error: 'expected a port number' }).int().min(1, 'expected a port number').max(65535, 'expected a port number');

const url = (what: string) => z.url({ error: `expected a ${what} URL` });

const duration = z.coerce.number({ error: 'expected a number of seconds' }).positive('expected a positive number of seconds');

/** A number of requests in a rate-limit window; 0 switches that limit off. */
const limit = z.coerce
  .number({ error: 'expected a whole number (0 = no limit)' })
  .int('expected a whole number (0 = no limit)')
  .min(0, 'expected a whole number (0 = no limit)');

/** Express's `trust proxy`: false, a number of proxies in front, or their addresses/subnets; never "true". */
const trustProxy = z.string().transform((v, ctx) => {
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((s) => s.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  if (parts.every((p) => named.includes(p) || isIP(p.replace(/\/\d+$/, '')) !== 0)) return parts.join(',');
  ctx.addIssue({
    code: 'custom',
    message:
      'expected false, the number of proxies in front of the API, or their addresses (loopback, 10.0.0.0/8, …); "true" would let any client pick its address',
  });
  return z.NEVER;
});

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),

    API_PORT: port.default(3000),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    // Prometheus metrics: the worker serves GET /metrics on METRICS_HOST:METRICS_PORT; the API serves
    // GET /metrics on its own port unless API_METRICS_ENABLED is false (see API_METRICS_TOKEN).
    METRICS_PORT: port.default(9464),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    API_METRICS_ENABLED: bool.default(true),
    // When set, the API's /metrics needs `Authorization: Bearer <it>`; in production it is served only then.
    API_METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
    // Who the client is for the per-address limits: the socket's address unless proxies are trusted.
    API_TRUST_PROXY: trustProxy.default(false),
    // The API's address as clients reach it (https://api.example.com), for absolute hrefs and Locations
    // behind a proxy; without it they are built from the request's own scheme and host.
    API_PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .optional(),
    // Requests per window: per client address (all but /healthz and /readyz), per principal (its sub),
    // and failed authentications per address (then the address waits for the window's end).
    RATE_LIMIT_WINDOW_SECONDS: duration.default(60),
    RATE_LIMIT_PER_ADDRESS: limit.default(1200),
    RATE_LIMIT_PER_PRINCIPAL: limit.default(600),
    RATE_LIMIT_AUTH_FAILURES: limit.default(20),
    // Failed sign-ins (POST /auth/login) per user name and per address within the login window; past
    // either, that user name or address is refused (429) until the window ends.
    RATE_LIMIT_LOGIN_WINDOW_SECONDS: duration.default(15 * 60),
    RATE_LIMIT_LOGIN_FAILURES_PER_USER: limit.default(5),
    RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: limit.default(30),

    // Unset: `npm start` runs the Temporal CLI dev server itself.
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d+$/, 'expected host:port, for example localhost:7233')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: bool.default(false),
    TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    // npm run cluster: the history service's shard count (fixed once the cluster's database is made).
    CLUSTER_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16384).default(4),
    // The Temporal Web UI as people's browsers reach it: the workbench links each order and work order
    // to its workflow there. Unset: http://<the Temporal address's host>:TEMPORAL_UI_PORT (the dev
    // server's UI, http://127.0.0.1:8233); https://cloud.temporal.io for Temporal Cloud.
    TEMPORAL_UI_URL: z
      .url({ protocol: /^https?$/, error: 'expected the Temporal Web UI address, e.g. http://127.0.0.1:8233' })
      .max(200)
      .optional(),
    TEMPORAL_CLI_PATH: z.string().min(1).optional(),

    // Unset: `npm start` runs an embedded PostgreSQL on EMBEDDED_PG_PORT.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_PORT: port.default(54329),

    AUTH_JWT_SECRET: z.string().min(MIN_JWT_SECRET_LENGTH, `expected at least ${MIN_JWT_SECRET_LENGTH} characters`).optional(),
    AUTH_JWT_ISSUER: z.string().min(1).default('telecom-orchestration'),
    // Set: tokens must name it in `aud`.
    AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
    AUTH_JWT_MAX_TTL_SECONDS: duration.default(24 * 3600),
    // A workbench session (the token in the telecom_session cookie) lasts this long; then the person signs in again.
    AUTH_SESSION_TTL_SECONDS: duration.default(8 * 3600),
    // Tokens of the operator's identity provider (OIDC), beside our own: bearer tokens whose iss is
    // OIDC_ISSUER are verified with its keys (JWKS, found by discovery unless OIDC_JWKS_URL is set),
    // must name OIDC_AUDIENCE, and become principals by OIDC_CLAIM_MAPPING (JSON, domain/claim-mapping.ts).
    OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: "expected the identity provider's issuer URL" })
      .max(500)
      .optional(),
    OIDC_AUDIENCE: z.string().min(1).max(500).optional(),
    OIDC_JWKS_URL: z
      .url({ protocol: /^https?$/, error: "expected the URL of the identity provider's keys (JWKS)" })
      .max(500)
      .optional(),
    // A token naming a key not seen yet makes the API fetch the provider's keys again, at most this often.
    OIDC_JWKS_COOLDOWN_SECONDS: duration.default(30),
    OIDC_ALGORITHMS: z
      .string()
      .default('RS256,ES256')
      .transform((v) => v.split(',').map((a) => a.trim()))
      .pipe(
        z.array(
          z.enum(
            ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
            'expected asymmetric JWS algorithms, e.g. RS256,ES256',
          ),
        ),
      ),
    OIDC_CLAIM_MAPPING: z
      .string()
      .default('{}')
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'expected JSON (see README, "Identity and access")' });
          return z.NEVER;
        }
      })
      .pipe(ClaimMappingSchema),
    // API keys found in the database are remembered this long (so a revoked key works at most this
    // long) in a cache of at most API_KEY_CACHE_MAX keys; 0 looks every request up.
    API_KEY_CACHE_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).min(0, 'expected a number of seconds').default(5),
    API_KEY_CACHE_MAX: z.coerce.number().int().min(1).default(1000),

    // Unset: `npm start` runs the shipped simulators on SIMULATOR_BASE_PORT..+3.
    BILLING_URL: url('billing system').optional(),
    INVENTORY_URL: url('resource inventory').optional(),
    NETWORK_URL: url('network provisioning').optional(),
    NOTIFICATION_URL: url('notification gateway').optional(),
    SIMULATOR_BASE_PORT: port.default(4100),
    SIMULATOR_LATENCY_MS: z.coerce.number().min(0).default(20),
    SIMULATOR_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    ADAPTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    // What the worker lets through to each system (adapters/limits.ts), per worker process: calls in
    // flight at once and calls started within any one second (0: no limit). Steps run as local
    // activities (workflows/step-shape.ts) are bounded by nothing else. A call that waits longer than
    // ADAPTER_LIMIT_MAX_WAIT_MS for its turn fails as transient and its step retries it with backoff.
    BILLING_MAX_CONCURRENT: limit.default(32),
    BILLING_MAX_PER_SECOND: limit.default(500),
    INVENTORY_MAX_CONCURRENT: limit.default(32),
    INVENTORY_MAX_PER_SECOND: limit.default(500),
    NETWORK_MAX_CONCURRENT: limit.default(32),
    NETWORK_MAX_PER_SECOND: limit.default(500),
    NOTIFICATION_MAX_CONCURRENT: limit.default(32),
    NOTIFICATION_MAX_PER_SECOND: limit.default(500),
    ADAPTER_LIMIT_MAX_WAIT_MS: limit.default(10_000),
    // How long a read waits for a running workflow's own answer before it serves the read model.
    API_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
    // How long taking a work order waits for its workflow's dispatch before answering 202.
    API_DISPATCH_WAIT_MS: z.coerce.number().int().min(50).max(60_000).default(5000),

    // Event notifications (/hub), sent by every API process unless EVENT_DELIVERY_ENABLED is false.
    // EVENT_CALLBACK_HOSTS: where callbacks may point — exact hosts and `*.suffix` patterns over http or
    // https to any address, and `*` for any other host over https that is no private, loopback or
    // link-local address (events/callback.ts). A failed delivery is retried after EVENT_RETRY_BASE_SECONDS,
    // doubling up to EVENT_RETRY_MAX_SECONDS apart, for EVENT_RETRY_FOR_SECONDS; then it is marked failed.
    EVENT_DELIVERY_ENABLED: bool.default(true),
    EVENT_CALLBACK_HOSTS: z.string().max(2000).default('*'),
    EVENT_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    // Deliveries in flight at once per API process.
    EVENT_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
    EVENT_RETRY_BASE_SECONDS: duration.default(2),
    EVENT_RETRY_MAX_SECONDS: duration.default(1800),
    EVENT_RETRY_FOR_SECONDS: duration.default(24 * 3600),
    // Changes wake the deliverers at once (LISTEN); this is how often they look anyway (retries due).
    EVENT_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    // Changes, events and deliveries (delivered or failed) are kept this long after they were sent.
    EVENT_RETENTION_SECONDS: duration.default(7 * 24 * 3600),
    EVENT_SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().min(1).max(1000).default(20),

    // Work-order SLA clock: 1 means real durations; tests shrink it so hours become seconds.
    SLA_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
    // A work order's received time (受理时间) may be given this many days back at most (entered late: a letter, an outage).
    WORK_ORDER_RECEIVED_MAX_AGE_DAYS: z.coerce.number({ error: 'expected a number of days' }).int().min(0).max(3650).default(7),
    WORKORDER_AUTO_CLOSE_SECONDS: duration.default(72 * 3600),
    WORKORDER_REOPEN_WINDOW_SECONDS: duration.default(7 * 24 * 3600),
    // A field installation not done (customer not at home…) gets this many appointments in all.
    INSTALLATION_ATTEMPTS: z.coerce.number({ error: 'expected a whole number' }).int().min(1).max(10).default(3),
    // Urging by people (催办): this many urges within the window escalate the work order one level (real time, not SLA-scaled).
    WORKORDER_URGE_ESCALATE_COUNT: z.coerce.number({ error: 'expected a whole number' }).int().min(1).max(100).default(3),
    WORKORDER_URGE_WINDOW_SECONDS: duration.default(24 * 3600),

    // Dunning (platform/dunning-schedules.ts): the worker keeps one schedule per local network.
    DUNNING_SCHEDULES: bool.default(true),
    DUNNING_RUN_LOCAL_TIME: z
      .string()
      .regex(/^(0[89]|1\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM from 08:00')
      .default('09:00'),
    DUNNING_CASE_CHECK_SECONDS: duration.default(900),

    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(200),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).default(100),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'required in production (at least 32 characters)' });
    }
    if (c.AUTH_JWT_SECRET && PUBLISHED_JWT_SECRETS.includes(c.AUTH_JWT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'this secret is published in the source: anyone could sign tokens with it' });
    }
    if (c.OIDC_ISSUER && !c.OIDC_AUDIENCE) {
      // Without an audience any token the provider issues for any application would be taken.
      ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'required with OIDC_ISSUER: the audience (client id) tokens for this API carry' });
    }
    if (c.OIDC_ISSUER && c.OIDC_ISSUER === c.AUTH_JWT_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: "must differ from AUTH_JWT_ISSUER: a token's issuer decides how it is checked" });
    }
    if (c.AUTH_SESSION_TTL_SECONDS > c.AUTH_JWT_MAX_TTL_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SESSION_TTL_SECONDS'],
        message: 'at most AUTH_JWT_MAX_TTL_SECONDS: the API would refuse its own session tokens',
      });
    }
    if (Boolean(c.TEMPORAL_TLS_CERT_PATH) !== Boolean(c.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY_PATH'], message: 'set both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH, or neither' });
    }
  });

export type Config = Readonly<z.infer<typeof ConfigSchema>> & { readonly jwtSecret: string };

const SECRET_NAME = /SECRET|PASSWORD|API_KEY|TOKEN/i;

/** A rejected value as an error message may show it: no secrets, and no password of a URL. */
export function redactValue(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return '[redacted]';
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      return url.toString();
    }
  } catch {
    // not a URL the parser takes: the pattern below still finds a user:password@ part
  }
  return value.replace(/(\/\/[^/@\s:]*:).*@/, '$1***@');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as a shell user expects from `FOO= npm start`.
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        const got = name && raw[name] !== undefined ? ` (got "${redactValue(name, raw[name])}")` : '';
        // Inside a JSON value (OIDC_CLAIM_MAPPING): where in it.
        const inside = i.path.length > 1 ? ` at ${i.path.slice(1).join('.')}` : '';
        return `${name}${inside}: ${i.message}${got}`;
      }),
    );
  }
  const data = parsed.data;
  let jwtSecret: string | undefined;
  // Resolved on first use, as jwtSecretOf may create the secret file: loading touches no file.
  return Object.freeze({
    ...data,
    get jwtSecret() {
      return (jwtSecret ??= jwtSecretOf(data));
    },
  });
}

/** Adapter base URLs: configured, or the shipped simulators' default ports. */
export function adapterUrls(config: Config) {
  const base = config.SIMULATOR_BASE_PORT;
  return {
    billing: config.BILLING_URL ?? `http://127.0.0.1:${base}`,
    inventory: config.INVENTORY_URL ?? `http://127.0.0.1:${base + 1}`,
    network: config.NETWORK_URL ?? `http://127.0.0.1:${base + 2}`,
    notification: config.NOTIFICATION_URL ?? `http://127.0.0.1:${base + 3}`,
  };
}

/** The worker's limits on each system's calls (adapters/limits.ts). */
export function adapterLimits(config: Config): AdapterLimits {
  const maxWaitMs = config.ADAPTER_LIMIT_MAX_WAIT_MS;
  return {
    billing: { maxConcurrent: config.BILLING_MAX_CONCURRENT, perSecond: config.BILLING_MAX_PER_SECOND, maxWaitMs },
    inventory: { maxConcurrent: config.INVENTORY_MAX_CONCURRENT, perSecond: config.INVENTORY_MAX_PER_SECOND, maxWaitMs },
    network: { maxConcurrent: config.NETWORK_MAX_CONCURRENT, perSecond: config.NETWORK_MAX_PER_SECOND, maxWaitMs },
    notification: { maxConcurrent: config.NOTIFICATION_MAX_CONCURRENT, perSecond: config.NOTIFICATION_MAX_PER_SECOND, maxWaitMs },
  };
}

/** The Temporal Web UI's address (no trailing slash): configured, or the Temporal host's UI port. */
export function temporalUiUrl(config: Pick<Config, 'TEMPORAL_UI_URL' | 'TEMPORAL_ADDRESS' | 'TEMPORAL_UI_PORT'>): string {
  if (config.TEMPORAL_UI_URL) return config.TEMPORAL_UI_URL.replace(/\/+$/, '');
  const host = config.TEMPORAL_ADDRESS ? config.TEMPORAL_ADDRESS.slice(0, config.TEMPORAL_ADDRESS.lastIndexOf(':')) : '127.0.0.1';
  return `http://${host}:${config.TEMPORAL_UI_PORT}`;
}

/** Work-order timing, handed to the workflows (which read no configuration themselves). */
export function workOrderSettings(config: Config) {
  return {
    timeScale: config.SLA_TIME_SCALE,
    autoCloseAfterMs: config.WORKORDER_AUTO_CLOSE_SECONDS * 1000,
    reopenWindowMs: config.WORKORDER_REOPEN_WINDOW_SECONDS * 1000,
    installationAttempts: config.INSTALLATION_ATTEMPTS,
    urging: { escalateAfter: config.WORKORDER_URGE_ESCALATE_COUNT, windowMs: config.WORKORDER_URGE_WINDOW_SECONDS * 1000 },
  };
}
