// `npm run seed [-- --customers 5000 --policies 45000 --seed N]`: loads the realistic data set
// into DATABASE_URL (skipped when the catalog is already there; `--force` empties it first).
import { parseArgs } from 'node:util';
import { createOrm, migrate } from '../db/orm.js';
import { seedReferenceData } from '../db/seed.js';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';

const { values } = parseArgs({
  options: { customers: { type: 'string' }, policies: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean', default: false } },
});
const config = exitOnConfigError(loadConfig);
if (!config.DATABASE_URL) {
  process.stderr.write('set DATABASE_URL (npm start prints the embedded one)\n');
  process.exit(2);
}
const orm = await createOrm(config.DATABASE_URL);
await migrate(orm);
if (values.force) {
  await orm.em.getConnection().execute('truncate subscription, account, customer, agent, pricing_policy, product_offering, local_network cascade');
}
const started = Date.now();
const result = await seedReferenceData(orm.em.fork(), {
  onlyIfEmpty: !values.force,
  customers: values.customers ? Number(values.customers) : undefined,
  policies: values.policies ? Number(values.policies) : undefined,
  seed: values.seed ? Number(values.seed) : undefined,
});
await orm.close();
process.stdout.write(result ? `seeded in ${Date.now() - started} ms: ${JSON.stringify(result)}\n` : 'already seeded (use --force to reload)\n');
