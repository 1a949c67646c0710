// One MikroORM instance per process; migrations are applied by `npm start` / `npm run migrate`.
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ALL_ENTITIES } from './entities.js';
import { migrationsList } from './migrations/index.js';

export type Orm = MikroORM;

export async function createOrm(databaseUrl: string, poolMax = 10): Promise<Orm> {
  return MikroORM.init({
    clientUrl: databaseUrl,
    entities: ALL_ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: poolMax },
    debug: false,
    // Entities are defined with defineEntity, so no metadata discovery from TS sources is needed.
    discovery: { warnWhenNoEntities: true },
  });
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function databaseReachable(orm: Orm): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
