// Loads the reference data and a realistic data set: the 14 local networks, the catalog, 45,000
// generated pricing policies, agents and customers with accounts and subscriptions. Rows go in
// as JSON batches (jsonb_to_recordset): 45,000 policies take a second or two, not minutes.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_CATALOG, type ProductOffering } from '../domain/catalog.js';
import type { PricingPolicy } from '../domain/pricing.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../domain/local-networks.js';
import { DEFAULT_AGENTS, DEFAULT_SEED, generateCustomers, generatePricingPolicies } from '../domain/seed-data.js';
import { DEVELOPMENT_ACCOUNTS, DEVELOPMENT_PASSWORD } from '../domain/staff.js';
import { hashPassword } from '../platform/passwords.js';
import { existingUsernames, insertStaff } from './staff.js';
import { seedAccountManagers } from './account-managers.js';

export interface SeedOptions {
  /** Skip when the catalog is already there (npm start's first run). */
  onlyIfEmpty?: boolean;
  policies?: number;
  customers?: number;
  seed?: number;
  /**
   * The development staff accounts (domain/staff.ts, one published password); default: unless
   * NODE_ENV is production, so no deployment gets accounts anyone can sign in to.
   */
  developmentAccounts?: boolean;
}

/**
 * Creates the development accounts that are missing (an account already there — its password reset,
 * disabled — is left as it is); returns how many were created.
 */
export async function seedDevelopmentAccounts(em: EntityManager): Promise<number> {
  const existing = await existingUsernames(
    em,
    DEVELOPMENT_ACCOUNTS.map((a) => a.username),
  );
  const missing = DEVELOPMENT_ACCOUNTS.filter((a) => !existing.has(a.username));
  if (!missing.length) return 0;
  const passwordHash = await hashPassword(DEVELOPMENT_PASSWORD);
  let created = 0;
  for (const a of missing) if (await insertStaff(em, { ...a, passwordHash })) created++;
  return created;
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

const offeringRow = (o: ProductOffering) => ({ id: o.id, name: o.name, service_line: o.serviceLine, lifecycle: o.lifecycle, template: o.template, data: o });
const policyRow = (p: PricingPolicy) => ({
  id: p.id,
  kind: p.kind,
  local_network: p.localNetwork ?? null,
  valid_from: p.validFrom,
  valid_to: p.validTo ?? null,
  data: p,
});

/**
 * A database seeded with an earlier catalog gets the offerings added to it since, with their base
 * prices (ids derived from the offering, so never a duplicate); offerings it has are left as they are
 * (their lifecycle is the administrators'). Returns how many were added.
 */
export async function addNewOfferings(em: EntityManager): Promise<number> {
  const rows = (await em.getConnection().execute('select id from product_offering')) as Array<{ id: string }>;
  const existing = new Set(rows.map((r) => r.id));
  const missing = DEFAULT_CATALOG.filter((o) => !existing.has(o.id));
  if (!missing.length) return 0;
  const ids = new Set(missing.map((o) => o.id));
  // generatePricingPolicies(0): the base prices only.
  const base = generatePricingPolicies(0, DEFAULT_SEED, { catalog: missing });
  await em.transactional(async (tx) => {
    await insertJson(tx, 'product_offering', missing.map(offeringRow));
    await insertJson(tx, 'pricing_policy', base.filter((p) => p.offeringIds.every((id) => ids.has(id))).map(policyRow));
  });
  return missing.length;
}

export async function seedReferenceData(em: EntityManager, opts: SeedOptions = {}): Promise<Record<string, number> | undefined> {
  const conn = em.getConnection();
  // Before the emptiness check: a database seeded before staff accounts existed gets them too.
  const development = opts.developmentAccounts ?? process.env.NODE_ENV !== 'production';
  const staffAccounts = development ? await seedDevelopmentAccounts(em) : 0;
  if (opts.onlyIfEmpty) {
    const [{ n }] = (await conn.execute('select count(*)::int as n from product_offering')) as [{ n: number }];
    if (n > 0) {
      const offeringsAdded = await addNewOfferings(em);
      // A database seeded before account managers existed gets them too (with the development accounts).
      if (development) await seedAccountManagers(em);
      return offeringsAdded ? { offeringsAdded } : undefined;
    }
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
    await insertJson(tx, 'product_offering', DEFAULT_CATALOG.map(offeringRow));
    await insertJson(tx, 'pricing_policy', policies.map(policyRow));
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
        // As seeded (suspended ones too): the simulators know the same estate (simulators/estate.ts).
        status: s.status,
        order_id: null,
        created_at: s.activatedAt ?? new Date(0).toISOString(),
      })),
    );
  });
  const accountManagers = development ? await seedAccountManagers(em) : 0;
  return {
    localNetworks: DEFAULT_LOCAL_NETWORK_RULES.length,
    offerings: DEFAULT_CATALOG.length,
    pricingPolicies: policies.length,
    agents: DEFAULT_AGENTS.length,
    customers: customers.length,
    accounts: accounts.length,
    subscriptions: subscriptions.length,
    staffAccounts,
    accountManagers,
  };
}
