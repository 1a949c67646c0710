// The seeded estate, as the simulated systems know it: the subscriptions `npm run seed` (db/seed.ts)
// writes into the project's database come from the deterministic generator (domain/seed-data.ts
// generateCustomers(count, seed)), so the simulators derive the same ones from the same count and
// seed — billing knows their subscriptions (active or suspended as seeded, with their accounts and
// offerings), the network their configurations, the inventory their numbers as taken.
//
// Cheap: nothing is generated when a simulator starts; the first question about the estate generates
// it once per process (about 150 ms for 5,000 customers, shared by every simulator and every restart
// with the same count and seed), and each system copies a subscription into its own state only
// when it is first touched.
import { DEFAULT_SEED, generateCustomers } from '../domain/seed-data.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../domain/local-networks.js';
import type { Subscription } from '../domain/customer.js';

/** What the database was seeded with: the simulators must be told the same (default: db/seed.ts's). */
export interface EstateOptions {
  customers: number;
  seed: number;
}

export const DEFAULT_ESTATE: EstateOptions = { customers: 5_000, seed: DEFAULT_SEED };

export interface SeededEstate {
  subscriptions: ReadonlyMap<string, Subscription>;
  /** `${localNetwork}/${number}` of every phone number a live seeded subscription uses (local numbers without the area code). */
  takenNumbers: ReadonlySet<string>;
}

export interface Estate {
  readonly options: EstateOptions | undefined;
  /** The seeded subscription of that id (generated on first use), or undefined. */
  subscription(id: string): Subscription | undefined;
  /** Whether a live seeded subscription uses this number in this local network. */
  numberTaken(localNetwork: string, number: string): boolean;
  /** Milliseconds the generation took (0 until something asked). */
  readonly generationMs: number;
}

const cache = new Map<string, { estate: SeededEstate; ms: number }>();
const areaCodes = new Map(DEFAULT_LOCAL_NETWORK_RULES.map((r) => [r.id, r.areaCode]));

function generate(opts: EstateOptions): { estate: SeededEstate; ms: number } {
  const key = `${opts.customers}/${opts.seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const started = performance.now();
  const { subscriptions } = generateCustomers(opts.customers, opts.seed);
  const byId = new Map(subscriptions.map((s) => [s.id, s]));
  const takenNumbers = new Set<string>();
  for (const s of subscriptions) {
    if (s.status === 'terminated') continue;
    if (s.serviceLine === 'gsm_mobile' || s.serviceLine === 'gsm_prepaid') takenNumbers.add(`${s.localNetwork}/${s.serviceId}`);
    else if (s.serviceLine === 'fixed_line' || s.serviceLine === 'phs') {
      const area = areaCodes.get(s.localNetwork) ?? '';
      takenNumbers.add(`${s.localNetwork}/${s.serviceId.startsWith(area) ? s.serviceId.slice(area.length) : s.serviceId}`);
    }
  }
  const made = { estate: { subscriptions: byId, takenNumbers }, ms: performance.now() - started };
  cache.set(key, made);
  return made;
}

/** The estate of these options, or none (`false`: a simulator that knows only what it did itself). */
export function seededEstate(options: EstateOptions | false | undefined = DEFAULT_ESTATE): Estate {
  const opts = options === false ? undefined : options;
  let made: { estate: SeededEstate; ms: number } | undefined;
  const get = () => (made ??= generate(opts!));
  return {
    options: opts,
    subscription: (id) => (opts && id.startsWith('sub-') ? get().estate.subscriptions.get(id) : undefined),
    numberTaken: (localNetwork, number) => (opts ? get().estate.takenNumbers.has(`${localNetwork}/${number}`) : false),
    get generationMs() {
      return made?.ms ?? 0;
    },
  };
}
