// Issues credentials for development and operations:
//   npm run token -- --role order-entry --ln dalian [--ln shenyang] [--sub alice] [--ttl 3600]
//   npm run token -- --role department --department dalian-installation
//   npm run token -- --role call-centre --ln dalian                (takes work orders, customer 360, callbacks)
//   npm run token -- --role agent --agent AG001 --ln dalian
//   npm run token -- --role admin --api-key --name integration-x   (stores a hashed API key)
//   npm run token -- --revoke-api-key integration-x                 (revokes every key of that name)
// Tokens are signed with AUTH_JWT_SECRET or, unset, the API's generated secret in DATA_DIR. Without
// --sub the subject is made of the roles and scopes (defaultSubject in api/auth.ts): give --sub to
// tell apart users of the same scope, whose Idempotency-Keys would otherwise be shared.
import { parseArgs } from 'node:util';
import { PrincipalSchema } from '../domain/access.js';
import { createApiKey, defaultSubject, revokeApiKeys, signToken } from '../api/auth.js';
import { databaseUnavailable } from '../api/problem.js';
import { createOrm } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: ['admin'] },
    ln: { type: 'string', multiple: true },
    sub: { type: 'string' },
    department: { type: 'string' },
    agent: { type: 'string' },
    level: { type: 'string' },
    org: { type: 'string' },
    ttl: { type: 'string', default: String(8 * 3600) },
    'api-key': { type: 'boolean', default: false },
    name: { type: 'string' },
    'revoke-api-key': { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const config = exitOnConfigError(loadConfig);

/** API keys live in the database: runs `f` on it. */
async function withDatabase<T>(f: (orm: Awaited<ReturnType<typeof createOrm>>) => Promise<T>): Promise<T> {
  if (!config.DATABASE_URL) fail('API keys are stored in the database: set DATABASE_URL (npm start prints it)');
  const orm = await createOrm(config.DATABASE_URL);
  try {
    return await f(orm);
  } catch (err) {
    if (databaseUnavailable(err)) fail(`the database is unavailable: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  } finally {
    await orm.close();
  }
}

const revoke = values['revoke-api-key'];
if (revoke !== undefined) {
  const n = await withDatabase((orm) => revokeApiKeys(orm.em.fork(), revoke));
  if (n === 0) fail(`no active API key is named "${revoke}"`);
  process.stdout.write(
    `revoked ${n} API key${n === 1 ? '' : 's'} named "${revoke}"; APIs refuse ${n === 1 ? 'it' : 'them'} within their API_KEY_CACHE_SECONDS (${config.API_KEY_CACHE_SECONDS} s here)\n`,
  );
  process.exit(0);
}

const roles = values.role!;
const scope = {
  roles,
  localNetworks: !values.ln || values.ln.includes('*') ? (values.ln ? '*' : roles.includes('admin') ? '*' : []) : values.ln,
  department: values.department,
  agentId: values.agent,
  level: values.level,
  org: values.org,
} as const;
const parsed = PrincipalSchema.safeParse({ ...scope, sub: values.sub ?? defaultSubject(scope) });
if (!parsed.success) fail(`bad principal: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
const principal = parsed.data;

if (values['api-key']) {
  const key = await withDatabase((orm) => createApiKey(orm.em.fork(), values.name ?? principal.sub, principal));
  process.stdout.write(`${key}\n`);
} else {
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) fail(`--ttl: expected a whole number of seconds (got "${values.ttl}")`);
  if (ttl > config.AUTH_JWT_MAX_TTL_SECONDS)
    fail(`--ttl ${ttl}: the API refuses tokens living longer than AUTH_JWT_MAX_TTL_SECONDS (${config.AUTH_JWT_MAX_TTL_SECONDS})`);
  const secret = exitOnConfigError(() => config.jwtSecret);
  process.stdout.write(`${signToken(principal, secret, config.AUTH_JWT_ISSUER, ttl, undefined, config.AUTH_JWT_AUDIENCE)}\n`);
}
