// Pricing policies (定价策略) and the quote: which policies price an order, and why.
//
// Precedence, applied to each item and each charge type (one-off, recurring) separately:
//  - A policy applies when it is valid at the quote instant (validFrom <= at < validTo), covers
//    the item's action, its tiers (if any) include the customer's tier, and its local network
//    (if any) is the order's.
//  - Among applicable policies of one kind, the most specific wins: local-network-specific over
//    all-network, then tier-specific over tier-agnostic, then higher priority, then the most
//    recent validFrom, then the smaller id (so every quote is reproducible).
//  1. Price: a local_price for the order's local network overrides the base price.
//  2. Bundles: a bundle applies when all its offerings are in the order with an action it covers
//     and a charge of the bundle's charge type; bundles are taken most specific first and an item
//     joins at most one bundle.
//  3. Discounts: an item outside any bundle takes its single winning discount; discounts never
//     stack, and a bundled item takes none (the bundle price already is the deal).
//  Reductions never take an item's charge below zero.
//  An 'add' item with no applicable price is an error (the caller refuses the order); other
//  actions cost nothing unless a policy prices them (a move fee, a plan-change fee).
import type { OrderAction } from './catalog.js';
import type { CustomerTier } from './customer.js';
import { inWindow, toEpochMs, type Instant } from './instant.js';
import type { LocalNetworkId } from './local-networks.js';

export const PRICING_POLICY_KINDS = ['base', 'local_price', 'discount', 'bundle'] as const;
export type PricingPolicyKind = (typeof PRICING_POLICY_KINDS)[number];

export const CHARGE_TYPES = ['one_off', 'recurring'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

export interface PricingPolicy {
  id: string;
  kind: PricingPolicyKind;
  name: string;
  /** Offerings priced or discounted; for a bundle, all offerings that must be ordered together. */
  offeringIds: string[];
  /** Required for local_price, forbidden for base, optional otherwise (undefined = all networks). */
  localNetwork?: LocalNetworkId;
  /** Customer tiers the policy is for; undefined = every tier. */
  tiers?: CustomerTier[];
  actions: OrderAction[];
  chargeType: ChargeType;
  /** Price per unit (base, local_price); reduction per unit (discount) or once (bundle). */
  amountCents?: number;
  /** Percent off (discount, bundle), instead of amountCents. */
  percent?: number;
  /** ISO date or instant; the window ends exclusive at validTo, undefined = open-ended. */
  validFrom: string;
  validTo?: string;
  priority: number;
}

export interface QuoteRequestItem {
  /** The order item id, echoed back. */
  id?: string;
  offeringId: string;
  action: OrderAction;
  quantity?: number;
}

export interface QuoteRequest {
  localNetwork: LocalNetworkId;
  customerTier: CustomerTier;
  items: QuoteRequestItem[];
}

export interface QuoteLine {
  policyId: string;
  kind: PricingPolicyKind;
  chargeType: ChargeType;
  description: string;
  /** Negative for discounts and bundle reductions. */
  amountCents: number;
}

export interface QuoteItem {
  itemId?: string;
  offeringId: string;
  action: OrderAction;
  quantity: number;
  lines: QuoteLine[];
  oneOffCents: number;
  recurringCents: number;
}

export interface QuoteError {
  itemId?: string;
  /** Index of the item in the request. */
  index: number;
  offeringId: string;
  code: 'NO_PRICE';
  message: string;
}

export interface Quote {
  at: string;
  localNetwork: LocalNetworkId;
  customerTier: CustomerTier;
  items: QuoteItem[];
  totalOneOffCents: number;
  totalRecurringCents: number;
  currency: 'CNY';
  explanation: string[];
  /** Non-empty = the order cannot be priced; the caller refuses it. */
  errors: QuoteError[];
}

export class PricingPolicyError extends Error {
  override name = 'PricingPolicyError';
}

export function formatCny(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A policy with its window parsed once, so a quote never parses dates. */
interface Entry {
  p: PricingPolicy;
  from: number;
  to: number | undefined;
}

/** Policies of one kind family for one offering: all-network ones and per-network ones, each sorted by precedence. */
interface Bucket {
  general: Entry[];
  byNetwork: Map<string, Entry[]>;
}

type Family = 'price' | 'discount' | 'bundle';

function familyOf(kind: PricingPolicyKind): Family {
  return kind === 'base' || kind === 'local_price' ? 'price' : kind;
}

/** Precedence within one bucket (the network level is already separated by the bucket). */
function byPrecedence(a: Entry, b: Entry): number {
  return (
    Number(b.p.tiers !== undefined) - Number(a.p.tiers !== undefined) ||
    b.p.priority - a.p.priority ||
    b.from - a.from ||
    (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0)
  );
}

function checkPolicy(p: PricingPolicy): void {
  const fail = (why: string) => {
    throw new PricingPolicyError(`pricing policy ${p.id}: ${why}`);
  };
  if (p.offeringIds.length === 0) fail('no offering');
  if (p.kind === 'base' && p.localNetwork !== undefined) fail('a base price is for all networks; use local_price');
  if (p.kind === 'local_price' && p.localNetwork === undefined) fail('a local price needs a local network');
  if (p.kind === 'bundle' && p.offeringIds.length < 2) fail('a bundle needs at least two offerings');
  if (familyOf(p.kind) === 'price') {
    if (p.amountCents === undefined || p.amountCents < 0 || p.percent !== undefined) fail('a price needs amountCents >= 0');
  } else if ((p.amountCents === undefined) === (p.percent === undefined)) {
    fail('a reduction needs exactly one of amountCents and percent');
  } else if (p.percent !== undefined && (p.percent <= 0 || p.percent > 100)) {
    fail('percent must be in (0, 100]');
  }
}

interface WorkItem {
  req: QuoteRequestItem;
  quantity: number;
  charge: Record<ChargeType, number>;
  lines: QuoteLine[];
  notes: string[];
  priced: boolean;
  bundled: boolean;
}

export class PricingIndex {
  private readonly buckets: Record<Family, Map<string, Bucket>> = {
    price: new Map(),
    discount: new Map(),
    bundle: new Map(),
  };
  readonly size: number;

  constructor(policies: readonly PricingPolicy[]) {
    for (const p of policies) {
      checkPolicy(p);
      const entry: Entry = { p, from: toEpochMs(p.validFrom), to: p.validTo === undefined ? undefined : toEpochMs(p.validTo) };
      const family = familyOf(p.kind);
      const keys = family === 'bundle' ? [p.offeringIds[0]!] : p.offeringIds;
      for (const offeringId of keys) {
        const bucket = this.bucket(family, offeringId);
        if (p.localNetwork === undefined) bucket.general.push(entry);
        else {
          let list = bucket.byNetwork.get(p.localNetwork);
          if (!list) bucket.byNetwork.set(p.localNetwork, (list = []));
          list.push(entry);
        }
      }
    }
    for (const family of Object.values(this.buckets)) {
      for (const bucket of family.values()) {
        bucket.general.sort(byPrecedence);
        for (const list of bucket.byNetwork.values()) list.sort(byPrecedence);
      }
    }
    this.size = policies.length;
  }

  private bucket(family: Family, offeringId: string): Bucket {
    let b = this.buckets[family].get(offeringId);
    if (!b) {
      b = { general: [], byNetwork: new Map() };
      this.buckets[family].set(offeringId, b);
    }
    return b;
  }

  quote(request: QuoteRequest, at: Instant): Quote {
    const atMs = toEpochMs(at);
    const { localNetwork, customerTier: tier } = request;
    const applies = (e: Entry, action: OrderAction, chargeType: ChargeType) =>
      e.p.chargeType === chargeType && inWindow(atMs, e.from, e.to) && e.p.actions.includes(action) && (e.p.tiers === undefined || e.p.tiers.includes(tier));
    /** The winning policy of a family: network-specific first, then all-network. */
    const winner = (family: Family, offeringId: string, action: OrderAction, chargeType: ChargeType) => {
      const b = this.buckets[family].get(offeringId);
      if (!b) return undefined;
      const pick = (list: Entry[] | undefined) => list?.find((e) => applies(e, action, chargeType));
      return pick(b.byNetwork.get(localNetwork)) ?? pick(b.general);
    };

    const work: WorkItem[] = request.items.map((req) => ({
      req,
      quantity: req.quantity ?? 1,
      charge: { one_off: 0, recurring: 0 },
      lines: [],
      notes: [],
      priced: false,
      bundled: false,
    }));
    const errors: QuoteError[] = [];

    // 1. Prices.
    work.forEach((w, index) => {
      const { offeringId, action } = w.req;
      for (const ct of CHARGE_TYPES) {
        const won = winner('price', offeringId, action, ct);
        if (!won) continue;
        const amount = won.p.amountCents! * w.quantity;
        w.charge[ct] = amount;
        w.priced = true;
        w.lines.push(line(won.p, ct, `${won.p.name}${w.quantity > 1 ? ` × ${w.quantity}` : ''}`, amount));
        let note = `${ct} ${formatCny(amount)}: ${describe(won.p)}`;
        if (won.p.kind === 'local_price') {
          const base = this.buckets.price.get(offeringId)?.general.find((e) => applies(e, action, ct));
          note += base ? ` overrides base price ${base.p.id} (${formatCny(base.p.amountCents!)})` : ' (no base price applies)';
        }
        w.notes.push(note);
      }
      if (!w.priced && action === 'add') {
        errors.push({
          itemId: w.req.id,
          index,
          offeringId,
          code: 'NO_PRICE',
          message: `no price applies to ${offeringId} (${action}) in ${localNetwork} for tier ${tier} at ${new Date(atMs).toISOString()}`,
        });
      } else if (!w.priced) {
        w.notes.push(`no charge: no policy prices '${action}'`);
      }
    });

    // 2. Bundles: each sits in the bucket of its first offering, so looking in the buckets of the
    //    ordered offerings finds every candidate once; keep those whose members are all ordered.
    const ordered = new Set(work.map((w) => w.req.offeringId));
    const bundles: Entry[] = [];
    const consider = (e: Entry) => {
      if (!e.p.offeringIds.every((id) => ordered.has(id))) return;
      if (inWindow(atMs, e.from, e.to) && (e.p.tiers === undefined || e.p.tiers.includes(tier))) bundles.push(e);
    };
    for (const offeringId of ordered) {
      const b = this.buckets.bundle.get(offeringId);
      if (!b) continue;
      b.byNetwork.get(localNetwork)?.forEach(consider);
      b.general.forEach(consider);
    }
    bundles.sort((a, b) => Number(b.p.localNetwork !== undefined) - Number(a.p.localNetwork !== undefined) || byPrecedence(a, b));
    for (const e of bundles) {
      const members = e.p.offeringIds.map((id) =>
        work.find((w) => w.req.offeringId === id && !w.bundled && w.charge[e.p.chargeType] > 0 && e.p.actions.includes(w.req.action)),
      );
      if (members.some((m) => m === undefined) || new Set(members).size !== members.length) continue;
      const ct = e.p.chargeType;
      const ms = members as WorkItem[];
      const total = ms.reduce((sum, m) => sum + m.charge[ct], 0);
      // A percent applies to each member; a fixed reduction is shared in proportion to the members' charges.
      const fixed = Math.min(e.p.amountCents ?? 0, total);
      let fixedLeft = fixed;
      ms.forEach((m, k) => {
        m.bundled = true;
        const share =
          e.p.percent !== undefined
            ? Math.round((m.charge[ct] * e.p.percent) / 100)
            : k === ms.length - 1
              ? fixedLeft
              : Math.round((fixed * m.charge[ct]) / total);
        const cut = Math.min(share, m.charge[ct]);
        fixedLeft -= cut;
        const partners = e.p.offeringIds.filter((id) => id !== m.req.offeringId).join(', ');
        m.notes.push(`${ct} ${formatCny(-cut)}: ${describe(e.p)}, ordered with ${partners}`);
        m.charge[ct] -= cut;
        if (cut > 0) m.lines.push(line(e.p, ct, `Bundle: ${e.p.name}`, -cut));
      });
    }

    // 3. Discounts, one per item and charge type, for items outside bundles.
    for (const w of work) {
      if (!w.priced || w.bundled) continue;
      for (const ct of CHARGE_TYPES) {
        if (w.charge[ct] === 0) continue;
        const won = winner('discount', w.req.offeringId, w.req.action, ct);
        if (!won) continue;
        const wanted = won.p.percent !== undefined ? Math.round((w.charge[ct] * won.p.percent) / 100) : won.p.amountCents! * w.quantity;
        const cut = Math.min(wanted, w.charge[ct]);
        w.charge[ct] -= cut;
        w.lines.push(line(won.p, ct, `Discount: ${won.p.name}`, -cut));
        w.notes.push(`${ct} ${formatCny(-cut)}: ${describe(won.p)}`);
      }
    }

    const items: QuoteItem[] = work.map((w) => ({
      itemId: w.req.id,
      offeringId: w.req.offeringId,
      action: w.req.action,
      quantity: w.quantity,
      lines: w.lines,
      oneOffCents: w.charge.one_off,
      recurringCents: w.charge.recurring,
    }));
    const explanation = work.flatMap((w, i) => w.notes.map((n) => `item ${w.req.id ?? i + 1} (${w.req.offeringId}, ${w.req.action}): ${n}`));
    for (const err of errors) explanation.push(`item ${err.itemId ?? err.index + 1} (${err.offeringId}): ${err.message}`);
    return {
      at: new Date(atMs).toISOString(),
      localNetwork,
      customerTier: tier,
      items,
      totalOneOffCents: items.reduce((s, i) => s + i.oneOffCents, 0),
      totalRecurringCents: items.reduce((s, i) => s + i.recurringCents, 0),
      currency: 'CNY',
      explanation,
      errors,
    };
  }
}

function line(p: PricingPolicy, chargeType: ChargeType, description: string, amountCents: number): QuoteLine {
  return { policyId: p.id, kind: p.kind, chargeType, description, amountCents };
}

/** Why a policy applied, for the explanation: its id, name and conditions. */
function describe(p: PricingPolicy): string {
  const conditions = [
    p.localNetwork ? `local network ${p.localNetwork}` : undefined,
    p.tiers ? `tier ${p.tiers.join('/')}` : undefined,
    p.percent !== undefined ? `${p.percent}% off` : undefined,
    `priority ${p.priority}`,
    `valid ${p.validFrom}${p.validTo ? ` to ${p.validTo}` : ' onwards'}`,
  ].filter((c) => c !== undefined);
  return `${p.kind.replace('_', ' ')} ${p.id} "${p.name}" [${conditions.join(', ')}]`;
}
