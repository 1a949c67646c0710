// `npm run migrate`: applies pending migrations to DATABASE_URL (npm start does this itself).
import { createOrm, migrate } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';

const config = exitOnConfigError(loadConfig);
if (!config.DATABASE_URL) {
  process.stderr.write('set DATABASE_URL to the database to migrate\n');
  process.exit(2);
}
const orm = await createOrm(config.DATABASE_URL);
const applied = await migrate(orm);
await orm.close();
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
