// Issues credentials for development and operations:
//   npm run token -- --role order-entry --ln dalian [--ln shenyang] [--sub alice] [--ttl 3600]
//   npm run token -- --role department --department dalian-installation
//   npm run token -- --role agent --agent AG001 --ln dalian
//   npm run token -- --role admin --api-key --name integration-x   (stores a hashed API key)
import { parseArgs } from 'node:util';
import { PrincipalSchema } from '../domain/access.js';
import { signToken, createApiKey } from '../api/auth.js';
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
    ttl: { type: 'string', default: String(8 * 3600) },
    'api-key': { type: 'boolean', default: false },
    name: { type: 'string' },
  },
});

const config = exitOnConfigError(loadConfig);
const parsed = PrincipalSchema.safeParse({
  sub: values.sub ?? `dev-${values.role!.join('-')}`,
  roles: values.role,
  localNetworks: !values.ln || values.ln.includes('*') ? (values.ln ? '*' : values.role!.includes('admin') ? '*' : []) : values.ln,
  department: values.department,
  agentId: values.agent,
  level: values.level,
});
if (!parsed.success) {
  process.stderr.write(`bad principal: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(2);
}
if (values['api-key']) {
  if (!config.DATABASE_URL) {
    process.stderr.write('API keys are stored in the database: set DATABASE_URL (npm start prints it)\n');
    process.exit(2);
  }
  const orm = await createOrm(config.DATABASE_URL);
  const key = await createApiKey(orm.em.fork(), values.name ?? parsed.data.sub, parsed.data);
  await orm.close();
  process.stdout.write(`${key}\n`);
} else {
  process.stdout.write(`${signToken(parsed.data, config.jwtSecret, config.AUTH_JWT_ISSUER, Number(values.ttl))}\n`);
}
