// Configuration is read once, from the environment, and validated here; a bad value stops start-up
// with a message that names the variable and says what is expected.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number({ error: 'expected a port number' }).int().min(1, 'expected a port number').max(65535, 'expected a port number');

const url = (what: string) => z.url({ error: `expected a ${what} URL` });

const duration = z.coerce
  .number({ error: 'expected a number of seconds' })
  .positive('expected a positive number of seconds');

export const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),

    API_PORT: port.default(3000),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    // Prometheus metrics: the worker serves GET /metrics on METRICS_HOST:METRICS_PORT; the API serves
    // GET /metrics on its own port (public, like /healthz) unless API_METRICS_ENABLED is false.
    METRICS_PORT: port.default(9464),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    API_METRICS_ENABLED: bool.default(true),

    // Unset: `npm start` runs the Temporal CLI dev server itself.
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d+$/, 'expected host:port, for example localhost:7233')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('telecom-orchestration'),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: bool.default(false),
    TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_CLI_PATH: z.string().min(1).optional(),

    // Unset: `npm start` runs an embedded PostgreSQL on EMBEDDED_PG_PORT.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_PORT: port.default(54329),

    AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    AUTH_JWT_ISSUER: z.string().min(1).default('telecom-orchestration'),

    // Unset: `npm start` runs the shipped simulators on SIMULATOR_BASE_PORT..+3.
    BILLING_URL: url('billing system').optional(),
    INVENTORY_URL: url('resource inventory').optional(),
    NETWORK_URL: url('network provisioning').optional(),
    NOTIFICATION_URL: url('notification gateway').optional(),
    SIMULATOR_BASE_PORT: port.default(4100),
    SIMULATOR_LATENCY_MS: z.coerce.number().min(0).default(20),
    SIMULATOR_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    ADAPTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),

    // Work-order SLA clock: 1 means real durations; tests shrink it so hours become seconds.
    SLA_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
    WORKORDER_AUTO_CLOSE_SECONDS: duration.default(72 * 3600),
    WORKORDER_REOPEN_WINDOW_SECONDS: duration.default(7 * 24 * 3600),

    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(200),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).default(100),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'required in production (at least 32 characters)' });
    }
    if (Boolean(c.TEMPORAL_TLS_CERT_PATH) !== Boolean(c.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY_PATH'], message: 'set both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH, or neither' });
    }
  });

export type Config = Readonly<z.infer<typeof ConfigSchema>> & { readonly jwtSecret: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as a shell user expects from `FOO= npm start`.
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        const got = name && raw[name] !== undefined ? ` (got "${raw[name]}")` : '';
        return `${name}: ${i.message}${got}`;
      }),
    );
  }
  return Object.freeze({ ...parsed.data, jwtSecret: parsed.data.AUTH_JWT_SECRET ?? DEV_JWT_SECRET });
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

/** Work-order timing, handed to the workflows (which read no configuration themselves). */
export function workOrderSettings(config: Config) {
  return {
    timeScale: config.SLA_TIME_SCALE,
    autoCloseAfterMs: config.WORKORDER_AUTO_CLOSE_SECONDS * 1000,
    reopenWindowMs: config.WORKORDER_REOPEN_WINDOW_SECONDS * 1000,
  };
}
