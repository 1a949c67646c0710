// Raw statements inside em.transactional must run on the transaction's own connection: given
// without its context they take another connection from the pool — outside the transaction (a row
// lock then locks nothing), and with enough writes at once they wait forever for a connection while
// the open transactions hold them all.
import type { EntityManager } from '@mikro-orm/postgresql';

export type Executor = { execute: (sql: string, params: unknown[]) => Promise<unknown[]> };

/** The transaction's connection as an executor of raw statements. */
export function executorOf(tx: EntityManager): Executor {
  const ctx = tx.getTransactionContext();
  return { execute: (sql, params) => tx.getConnection().execute(sql, params, 'all', ctx) };
}
