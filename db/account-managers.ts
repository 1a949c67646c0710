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

/** Assigns (or reassigns) the customer's account manager; work orders already taken keep the one they name. Answers since when. */
export async function assignAccountManager(em: EntityManager, customerId: string, username: string): Promise<Date | string> {
  const rows = (await em.getConnection().execute(
    `insert into account_manager (customer_id, username) values (?, ?)
     on conflict (customer_id) do update set username = excluded.username,
       assigned_at = case when account_manager.username = excluded.username then account_manager.assigned_at else now() end
     returning assigned_at`,
    [customerId, username],
  )) as Array<{ assigned_at: Date | string }>;
  return rows[0]!.assigned_at;
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

/** The customer no longer has an account manager; whether one was assigned. */
export async function unassignAccountManager(em: EntityManager, customerId: string): Promise<boolean> {
  const rows = await em.getConnection().execute('delete from account_manager where customer_id = ? returning customer_id', [customerId]);
  return rows.length > 0;
}

export interface ManagedCustomerRow {
  id: string;
  name: string;
  kind: string;
  tier: string;
  home_local_network: string;
  assigned_at: Date | string;
}

/** The customers an account manager looks after, by name, and how many. */
export async function customersOfAccountManager(
  em: EntityManager,
  username: string,
  limit: number,
  offset: number,
): Promise<{ rows: ManagedCustomerRow[]; total: number }> {
  const conn = em.getConnection();
  const [rows, count] = await Promise.all([
    conn.execute(
      `select c.id, c.name, c.kind, c.tier, c.home_local_network, m.assigned_at
         from account_manager m join customer c on c.id = m.customer_id
        where m.username = ? order by c.name, c.id limit ? offset ?`,
      [username, limit, offset],
    ),
    conn.execute('select count(*)::int as n from account_manager where username = ?', [username]),
  ]);
  return { rows: rows as ManagedCustomerRow[], total: (count[0] as { n: number }).n };
}
