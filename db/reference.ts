// Reference data (catalog, local-network rules, pricing policies, agents) kept in memory: the
// quote over 45,000 policies must take milliseconds, so the policies are indexed once and
// reloaded periodically rather than queried per request.
//
// The offerings' lifecycle is read through: every get() compares the catalog's version (the last
// lifecycle change's id, db/offering-lifecycle.ts: one index-only lookup) with the snapshot's and
// re-reads the offerings (a hundred rows, not the policies) when it moved. So an offering an
// administrator retired is refused by every API process and worker from their next read on — no
// window as with a time-to-live, and no notification to miss as with LISTEN/NOTIFY (a listener's
// connection that drops loses what was sent meanwhile). If the lookup fails, the snapshot held is used.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProductOffering } from '../domain/catalog.js';
import type { LocalNetworkRules } from '../domain/local-networks.js';
import type { AgentContract } from '../domain/agent.js';
import { PricingIndex, type PricingPolicy } from '../domain/pricing.js';
import { AgentRow, LocalNetworkRow } from './entities.js';
import { catalogVersion, loadOfferings } from './offering-lifecycle.js';

export interface ReferenceSnapshot {
  offerings: Map<string, ProductOffering>;
  localNetworks: Map<string, LocalNetworkRules>;
  agents: Map<string, AgentContract>;
  pricing: PricingIndex;
  loadedAt: number;
  /** The catalog version the offerings were read at. */
  catalogVersion: number;
}

export class ReferenceData {
  private current?: Promise<ReferenceSnapshot>;
  /** The one reload in flight, if any: requests meanwhile are served the old snapshot. */
  private refreshing?: Promise<void>;
  /** The offerings being re-read for a catalog version, if any: requests that saw the same version wait for it. */
  private rereading?: { version: number; offerings: Promise<ReferenceSnapshot> };

  constructor(
    private readonly em: () => EntityManager,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** The snapshot, its offerings as of the catalog version in the database now. */
  async get(): Promise<ReferenceSnapshot> {
    const snap = await this.held();
    let version: number;
    try {
      version = await catalogVersion(this.em());
    } catch {
      return snap;
    }
    if (version === snap.catalogVersion) return snap;
    if (this.rereading?.version !== version) {
      const offerings = loadOfferings(this.em()).then((list) => {
        const next = { ...snap, offerings: new Map(list.map((o) => [o.id, o])), catalogVersion: version };
        // A full reload that finished meanwhile may be newer still; keep the newer one.
        this.current =
          this.current?.then(
            (cur) => (cur.catalogVersion > version ? cur : next),
            () => next,
          ) ?? Promise.resolve(next);
        return next;
      });
      const entry = { version, offerings };
      this.rereading = entry;
      offerings
        .finally(() => {
          if (this.rereading === entry) this.rereading = undefined;
        })
        .catch(() => {});
    }
    return this.rereading.offerings;
  }

  /** The snapshot held (loaded on first use, reloaded in the background once older than maxAgeMs). */
  private held(): Promise<ReferenceSnapshot> {
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
    // The version first: offerings read after it are at least that new (a later check re-reads them if not).
    const version = await catalogVersion(em);
    const [offerings, networks, policies, agents] = await Promise.all([
      loadOfferings(em),
      em.find(LocalNetworkRow, {}),
      // 45,000 rows: read the JSON directly instead of hydrating managed entities.
      em.getConnection().execute('select data from pricing_policy') as Promise<Array<{ data: PricingPolicy }>>,
      em.find(AgentRow, {}),
    ]);
    return {
      offerings: new Map(offerings.map((o) => [o.id, o])),
      localNetworks: new Map(networks.map((n) => [n.id, n.rules as unknown as LocalNetworkRules])),
      agents: new Map(agents.map((a) => [a.id, a.contract as unknown as AgentContract])),
      pricing: new PricingIndex(policies.map((p) => p.data)),
      loadedAt: Date.now(),
      catalogVersion: version,
    };
  }
}
