// Account managers (客户经理) of VIP and large customers: who looks after a customer. The desk names
// the account manager in each work order it takes for the customer (the manager is told of it and
// may follow, note and urge it); a work order an account manager opens is marked as their channel.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEVELOPMENT_ACCOUNT_MANAGERS } from '../domain/staff.js';

/** The customer's account manager (a staff user name), if one is assigned. */
export async function accountManagerOf(em: EntityManager, customerId: string): Promise<string | undefined> {
  const rows = (await em.getConnection().execute('select username from account_manager where customer_id = ?', [customerId])) as Array<{ username: string }>;
  return rows[0]?.username;
}

/** Assigns (or reassigns) the customer's account manager; work orders already taken keep the one they name. */
export async function assignAccountManager(em: EntityManager, customerId: string, username: string): Promise<void> {
  await em.getConnection().execute(
    `insert into account_manager (customer_id, username) values (?, ?)
       on conflict (customer_id) do update set username = excluded.username, assigned_at = now()`,
    [customerId, username],
  );
}

/**
 * The development account managers get the VIP and enterprise customers of their local networks that
 * have none yet (idempotent; never in production, as the development accounts). Returns how many.
 */
export async function seedAccountManagers(em: EntityManager): Promise<number> {
  const networks = Object.keys(DEVELOPMENT_ACCOUNT_MANAGERS);
  const rows = await em.getConnection().execute(
    `insert into account_manager (customer_id, username)
     select c.id, (?::jsonb)->>c.home_local_network from customer c
      where c.home_local_network = any(?::text[]) and (c.tier = 'vip' or c.kind = 'enterprise')
     on conflict (customer_id) do nothing returning customer_id`,
    [JSON.stringify(DEVELOPMENT_ACCOUNT_MANAGERS), `{${networks.join(',')}}`],
    'all',
    em.getTransactionContext(),
  );
  return rows.length;
}
