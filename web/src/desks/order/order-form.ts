// The new-order form as data: its items and what each carries, the body it sends to POST /quote and
// POST /productOrder, the deposit the local network's rules ask of this customer, and where the API's
// field errors belong on the form. No imports: the Node unit tests read it too.

/** What the form needs of an offering (GET /catalog/productOffering). */
export interface FormOffering {
  id: string;
  serviceLine: string;
  numberPlan?: string;
  needsInstallationAddress: boolean;
  characteristic: Array<{ name: string; requiredFor?: string[]; allowedValues?: string[]; description?: string }>;
  deposit: Array<{ amountCents: number; tiers: string[]; customerKinds?: string[]; reason: string }>;
  customerKinds?: string[];
}

export interface HeldNumber {
  number: string;
  holdId: string;
  heldUntil: string;
}

export interface FormItem {
  /** Stable within the form; also the order item id. */
  id: string;
  offering: FormOffering;
  number?: HeldNumber;
  /** Other characteristics typed in (installationAddress, bandwidth, boundNumber…), by name. */
  values: Record<string, string>;
}

export interface FormCustomer {
  id: string;
  tier: string;
  kind: string;
  homeLocalNetwork: string;
}

/** The characteristics an item sends, in order (the API's errors name them by index). */
export function itemCharacteristics(item: FormItem): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  if (item.number) out.push({ name: 'requestedNumber', value: item.number.number }, { name: 'numberHold', value: item.number.holdId });
  for (const c of item.offering.characteristic) {
    if (c.name === 'requestedNumber') continue;
    const v = item.values[c.name]?.trim();
    if (v) out.push({ name: c.name, value: v });
  }
  return out;
}

/** The body of POST /quote (and, with nothing more, of POST /productOrder). */
export function orderBody(customer: FormCustomer, items: FormItem[], opts: { channel: 'shop' | 'agent'; depositPaidCents: number }) {
  return {
    channel: opts.channel,
    localNetwork: customer.homeLocalNetwork,
    relatedParty: [{ id: customer.id, role: 'customer' as const }],
    depositPaidCents: opts.depositPaidCents,
    productOrderItem: items.map((item) => {
      const characteristic = itemCharacteristics(item);
      return {
        id: item.id,
        action: 'add' as const,
        productOffering: { id: item.offering.id },
        ...(characteristic.length ? { product: { characteristic } } : {}),
      };
    }),
  };
}

/** The deposit the local network's rules ask of this customer for these new services, and why. */
export function depositDue(customer: Pick<FormCustomer, 'tier' | 'kind'>, items: FormItem[]): { amountCents: number; reasons: string[] } {
  let amountCents = 0;
  const reasons = new Set<string>();
  for (const item of items) {
    for (const d of item.offering.deposit) {
      if (!d.tiers.includes(customer.tier)) continue;
      if (d.customerKinds && !d.customerKinds.includes(customer.kind)) continue;
      amountCents += d.amountCents;
      reasons.add(d.reason);
    }
  }
  return { amountCents, reasons: [...reasons] };
}

/** What is still missing before the form can be quoted: per item id, the names of required characteristics left empty. */
export function missingFields(items: FormItem[]): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const item of items) {
    const names = item.offering.characteristic.filter((c) => c.requiredFor?.includes('add') && !item.values[c.name]?.trim()).map((c) => c.name);
    if (names.length) missing[item.id] = names;
  }
  return missing;
}

/** Where an API field error belongs: an item's characteristic (by name), an item's offering, the deposit, or the form. */
export type ErrorPlace = { item: string; field: string } | { field: 'depositPaidCents' | 'form' };

export function placeOfError(apiField: string, items: FormItem[]): ErrorPlace {
  if (apiField === 'depositPaidCents') return { field: 'depositPaidCents' };
  const m = /^productOrderItem\[(\d+)\](.*)$/.exec(apiField);
  const item = m ? items[Number(m[1])] : undefined;
  if (!m || !item) return { field: 'form' };
  const rest = m[2]!;
  const c = /^\.product\.characteristic\[(\d+)\]/.exec(rest);
  if (c) {
    const name = itemCharacteristics(item)[Number(c[1])]?.name;
    return { item: item.id, field: name === 'numberHold' ? 'requestedNumber' : (name ?? 'offering') };
  }
  return { item: item.id, field: 'offering' };
}

/** Whether an offering is for this kind of customer (enterprise-only products). */
export const forCustomer = (offering: Pick<FormOffering, 'customerKinds'>, kind: string) => !offering.customerKinds || offering.customerKinds.includes(kind);

/** The pattern syntax the API takes (domain/number-pattern.ts): digits, ? and *, at most 16, at most 3 *. */
export function patternProblem(pattern: string): 'chars' | 'length' | 'stars' | undefined {
  if (pattern.length > 16) return 'length';
  if (!/^[0-9?*]*$/.test(pattern)) return 'chars';
  if ((pattern.match(/\*/g) ?? []).length > 3) return 'stars';
  return undefined;
}
