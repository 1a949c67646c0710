// Loads the reference data and a realistic data set: the 14 local networks, the catalog, 45,000
// generated pricing policies, agents and customers with accounts and subscriptions. Rows go in
// as JSON batches (jsonb_to_recordset): 45,000 policies take a second or two, not minutes.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_CATALOG } from '../domain/catalog.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../domain/local-networks.js';
import { DEFAULT_AGENTS, DEFAULT_SEED, generateCustomers, generatePricingPolicies } from '../domain/seed-data.js';

export interface SeedOptions {
  /** Skip when the catalog is already there (npm start's first run). */
  onlyIfEmpty?: boolean;
  policies?: number;
  customers?: number;
  seed?: number;
}

async function insertJson(em: EntityManager, table: string, rows: unknown[], batch = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await em.getConnection().execute(
      `insert into ${table} select * from jsonb_populate_recordset(null::${table}, ?::jsonb) on conflict do nothing`,
      [JSON.stringify(rows.slice(i, i + batch))],
      'all',
      // Inside em.transactional: the transaction's connection (raw execute otherwise takes another from the pool).
      em.getTransactionContext(),
    );
  }
}

export async function seedReferenceData(em: EntityManager, opts: SeedOptions = {}): Promise<Record<string, number> | undefined> {
  const conn = em.getConnection();
  if (opts.onlyIfEmpty) {
    const [{ n }] = (await conn.execute('select count(*)::int as n from product_offering')) as [{ n: number }];
    if (n > 0) return undefined;
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  const policies = generatePricingPolicies(opts.policies ?? 45_000, seed);
  const { customers, accounts, subscriptions } = generateCustomers(opts.customers ?? 5_000, seed);

  await em.transactional(async (tx) => {
    await insertJson(
      tx,
      'local_network',
      DEFAULT_LOCAL_NETWORK_RULES.map((r) => ({ id: r.id, name: r.name, name_zh: r.nameZh, rules: r })),
    );
    await insertJson(
      tx,
      'product_offering',
      DEFAULT_CATALOG.map((o) => ({ id: o.id, name: o.name, service_line: o.serviceLine, lifecycle: o.lifecycle, template: o.template, data: o })),
    );
    await insertJson(
      tx,
      'pricing_policy',
      policies.map((p) => ({ id: p.id, kind: p.kind, local_network: p.localNetwork ?? null, valid_from: p.validFrom, valid_to: p.validTo ?? null, data: p })),
    );
    await insertJson(
      tx,
      'agent',
      DEFAULT_AGENTS.map((a) => ({ id: a.agentId, name: a.name, contract: a })),
    );
    await insertJson(
      tx,
      'customer',
      customers.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        tier: c.tier,
        home_local_network: c.homeLocalNetwork,
        status: c.status,
        data: c,
        created_at: new Date(0).toISOString(),
      })),
    );
    await insertJson(
      tx,
      'account',
      accounts.map((a) => ({ id: a.id, customer_id: a.customerId, name: a.name, created_at: new Date(0).toISOString() })),
    );
    await insertJson(
      tx,
      'subscription',
      subscriptions.map((s) => ({
        id: s.id,
        customer_id: s.customerId,
        account_id: s.accountId,
        offering_id: s.offeringId,
        service_line: s.serviceLine,
        service_id: s.serviceId,
        local_network: s.localNetwork,
        status: s.status === 'terminated' ? 'terminated' : 'active',
        order_id: null,
        created_at: s.activatedAt ?? new Date(0).toISOString(),
      })),
    );
  });
  return {
    localNetworks: DEFAULT_LOCAL_NETWORK_RULES.length,
    offerings: DEFAULT_CATALOG.length,
    pricingPolicies: policies.length,
    agents: DEFAULT_AGENTS.length,
    customers: customers.length,
    accounts: accounts.length,
    subscriptions: subscriptions.length,
  };
}
