// Reference data (catalog, local-network rules, pricing policies, agents) kept in memory: the
// quote over 45,000 policies must take milliseconds, so the policies are indexed once and
// reloaded periodically rather than queried per request.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProductOffering } from '../domain/catalog.js';
import type { LocalNetworkRules } from '../domain/local-networks.js';
import type { AgentContract } from '../domain/agent.js';
import { PricingIndex, type PricingPolicy } from '../domain/pricing.js';
import { AgentRow, LocalNetworkRow, ProductOfferingRow } from './entities.js';

export interface ReferenceSnapshot {
  offerings: Map<string, ProductOffering>;
  localNetworks: Map<string, LocalNetworkRules>;
  agents: Map<string, AgentContract>;
  pricing: PricingIndex;
  loadedAt: number;
}

export class ReferenceData {
  private current?: Promise<ReferenceSnapshot>;
  /** The one reload in flight, if any: requests meanwhile are served the old snapshot. */
  private refreshing?: Promise<void>;

  constructor(
    private readonly em: () => EntityManager,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(): Promise<ReferenceSnapshot> {
    if (!this.current) {
      const first = this.load();
      this.current = first;
      first.catch(() => {
        if (this.current === first) this.current = undefined; // try again on the next request
      });
      return first;
    }
    return this.current.then((snap) => {
      if (Date.now() - snap.loadedAt > this.maxAgeMs && !this.refreshing) {
        const next = this.load();
        this.refreshing = next
          .then(
            () => {
              this.current = next;
            },
            () => {},
          )
          .finally(() => {
            this.refreshing = undefined;
          });
      }
      return snap;
    });
  }

  invalidate(): void {
    this.current = undefined;
  }

  private async load(): Promise<ReferenceSnapshot> {
    const em = this.em();
    const [offerings, networks, policies, agents] = await Promise.all([
      em.find(ProductOfferingRow, {}),
      em.find(LocalNetworkRow, {}),
      // 45,000 rows: read the JSON directly instead of hydrating managed entities.
      em.getConnection().execute('select data from pricing_policy') as Promise<Array<{ data: PricingPolicy }>>,
      em.find(AgentRow, {}),
    ]);
    return {
      offerings: new Map(offerings.map((o) => [o.id, o.data as unknown as ProductOffering])),
      localNetworks: new Map(networks.map((n) => [n.id, n.rules as unknown as LocalNetworkRules])),
      agents: new Map(agents.map((a) => [a.id, a.contract as unknown as AgentContract])),
      pricing: new PricingIndex(policies.map((p) => p.data)),
      loadedAt: Date.now(),
    };
  }
}
