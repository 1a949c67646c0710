// Deterministic, realistic seed data: the same seed always yields the same pricing policies,
// customers and agents, so tests, benchmarks and `npm run seed` agree on what exists.
import type { AgentContract } from './agent.js';
import { DEFAULT_CATALOG, type ProductOffering, type ServiceLine } from './catalog.js';
import type { Account, Customer, CustomerKind, CustomerTier, PaymentMethod, Subscription } from './customer.js';
import { DEFAULT_LOCAL_NETWORK_RULES, isOfferingSold, type LocalNetworkId, type LocalNetworkRules } from './local-networks.js';
import type { ChargeType, PricingPolicy } from './pricing.js';

export const DEFAULT_SEED = 20090601;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices[choices.length - 1]![0];
  }
  /** 'YYYY-MM-DD' between the two years inclusive (days 1-28, so every month has them). */
  date(fromYear: number, toYear: number): string {
    return `${this.int(fromYear, toYear)}-${pad(this.int(1, 12), 2)}-${pad(this.int(1, 28), 2)}`;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const yuan = (n: number) => n * 100;

// ---- Pricing policies ---------------------------------------------------------------------------

interface ListPrice {
  monthly: number;
  oneOff: number;
}

/** Typical 2000s list prices in yuan; offerings not listed take their service line's default. */
const SERVICE_LINE_PRICES: Record<ServiceLine, ListPrice> = {
  fixed_line: { monthly: 25, oneOff: 200 },
  phs: { monthly: 20, oneOff: 50 },
  broadband: { monthly: 120, oneOff: 300 },
  gsm_mobile: { monthly: 58, oneOff: 50 },
  gsm_prepaid: { monthly: 0, oneOff: 50 },
  ip_phone: { monthly: 0, oneOff: 0 },
  long_distance: { monthly: 0, oneOff: 0 },
  value_added: { monthly: 5, oneOff: 0 },
};
const OFFERING_PRICES: Record<string, ListPrice> = {
  'fl-business': { monthly: 30, oneOff: 300 },
  'fl-economy': { monthly: 12, oneOff: 200 },
  'fl-enterprise-trunk': { monthly: 200, oneOff: 1500 },
  'phs-monthly-50': { monthly: 50, oneOff: 50 },
  'phs-local-unlimited': { monthly: 68, oneOff: 50 },
  'bb-adsl-4m': { monthly: 160, oneOff: 300 },
  'bb-lan-10m': { monthly: 100, oneOff: 200 },
  'bb-enterprise-line': { monthly: 2000, oneOff: 5000 },
  'gsm-global-88': { monthly: 88, oneOff: 50 },
  'gsm-global-128': { monthly: 128, oneOff: 50 },
  'gsm-enterprise-vpmn': { monthly: 38, oneOff: 0 },
  'gsm-prepaid-dgdd': { monthly: 0, oneOff: 30 },
  'ip-17909-monthly': { monthly: 30, oneOff: 0 },
  'ld-193-package': { monthly: 15, oneOff: 0 },
  'vas-caller-id': { monthly: 6, oneOff: 0 },
  'vas-sms-100': { monthly: 10, oneOff: 0 },
  'vas-voicemail': { monthly: 3, oneOff: 0 },
  // The grown catalog: the 2000s services at their prices then, the newer ones at today's.
  'fl-local-unlimited': { monthly: 45, oneOff: 200 },
  'fl-senior': { monthly: 15, oneOff: 100 },
  'fl-shop-payphone': { monthly: 20, oneOff: 300 },
  'fl-ims-fibre-voice': { monthly: 20, oneOff: 100 },
  'fl-cloud-switchboard': { monthly: 300, oneOff: 500 },
  'fl-isdn-pri': { monthly: 1500, oneOff: 3000 },
  'fl-800-freephone': { monthly: 100, oneOff: 1000 },
  'fl-400-number': { monthly: 200, oneOff: 1000 },
  'phs-family': { monthly: 38, oneOff: 50 },
  'phs-data-card': { monthly: 60, oneOff: 100 },
  'phs-prepaid': { monthly: 0, oneOff: 50 },
  'phs-home-twin': { monthly: 10, oneOff: 20 },
  'phs-enterprise-group': { monthly: 15, oneOff: 0 },
  'bb-adsl-1m': { monthly: 80, oneOff: 300 },
  'bb-adsl-2m-annual': { monthly: 0, oneOff: 1200 },
  'bb-fttb-20m': { monthly: 90, oneOff: 200 },
  'bb-ftth-100m': { monthly: 100, oneOff: 200 },
  'bb-ftth-300m': { monthly: 150, oneOff: 200 },
  'bb-ftth-1000m': { monthly: 199, oneOff: 300 },
  'bb-iptv': { monthly: 20, oneOff: 100 },
  'bb-wlan-hotspot': { monthly: 30, oneOff: 0 },
  'bb-enterprise-internet': { monthly: 3000, oneOff: 5000 },
  'bb-mstp-circuit': { monthly: 2500, oneOff: 5000 },
  'gsm-global-38': { monthly: 38, oneOff: 50 },
  'gsm-global-188': { monthly: 188, oneOff: 50 },
  'gsm-global-288': { monthly: 288, oneOff: 50 },
  'gsm-family-share': { monthly: 98, oneOff: 50 },
  'gsm-4g-58': { monthly: 58, oneOff: 0 },
  'gsm-4g-88': { monthly: 88, oneOff: 0 },
  'gsm-5g-128': { monthly: 128, oneOff: 0 },
  'gsm-5g-198': { monthly: 198, oneOff: 0 },
  'gsm-data-card': { monthly: 40, oneOff: 100 },
  'gsm-iot-card': { monthly: 5, oneOff: 10 },
  'gsm-prepaid-easy': { monthly: 0, oneOff: 50 },
  'gsm-prepaid-home': { monthly: 0, oneOff: 30 },
  'gsm-prepaid-campus': { monthly: 0, oneOff: 30 },
  'gsm-prepaid-music': { monthly: 0, oneOff: 30 },
  'gsm-prepaid-handset': { monthly: 0, oneOff: 500 },
  'gsm-prepaid-data': { monthly: 0, oneOff: 50 },
  'gsm-prepaid-senior': { monthly: 0, oneOff: 30 },
  'ip-calling-card': { monthly: 0, oneOff: 100 },
  'ld-193-monthly': { monthly: 30, oneOff: 0 },
  'ld-family': { monthly: 10, oneOff: 0 },
  'ld-enterprise': { monthly: 50, oneOff: 0 },
  'vas-call-waiting': { monthly: 3, oneOff: 0 },
  'vas-three-way': { monthly: 5, oneOff: 0 },
  'vas-data-500m': { monthly: 20, oneOff: 0 },
  'vas-data-5g': { monthly: 50, oneOff: 0 },
  'vas-sms-300': { monthly: 25, oneOff: 0 },
  'vas-mobile-newspaper': { monthly: 3, oneOff: 0 },
  'vas-139-mailbox': { monthly: 5, oneOff: 0 },
  'vas-missed-call-alert': { monthly: 3, oneOff: 0 },
  'vas-caller-id-block': { monthly: 5, oneOff: 0 },
};
const MOVE_FEE_YUAN = 100;

export function listPrice(o: ProductOffering): ListPrice {
  return OFFERING_PRICES[o.id] ?? SERVICE_LINE_PRICES[o.serviceLine];
}

/**
 * Open-ended base prices for every active and retired offering (retired ones still bill their
 * subscribers): the monthly fee, the one-off connection fee (a free connection when the
 * offering has no fixed charge at all, so it is still priced) and a move fee where moving needs a visit.
 */
function basePolicies(catalog: readonly ProductOffering[]): PricingPolicy[] {
  return catalog
    .filter((o) => o.lifecycle !== 'draft')
    .flatMap((o) => {
      const p = listPrice(o);
      const base = (suffix: string, label: string, actions: PricingPolicy['actions'], chargeType: ChargeType, amountYuan: number): PricingPolicy => ({
        id: `base-${o.id}-${suffix}`,
        kind: 'base',
        name: `${o.nameZh ?? o.name} ${label}`,
        offeringIds: [o.id],
        actions,
        chargeType,
        amountCents: yuan(amountYuan),
        validFrom: '2002-01-01',
        priority: 0,
      });
      const out: PricingPolicy[] = [];
      if (p.monthly > 0) out.push(base('monthly', '月租', ['add', 'modify'], 'recurring', p.monthly));
      if (p.oneOff > 0 || p.monthly === 0) out.push(base('connection', '开户费', ['add'], 'one_off', p.oneOff));
      if (o.template.allowedActions.includes('move') && o.template.fieldInstallation) {
        out.push(base('move', '移机费', ['move'], 'one_off', MOVE_FEE_YUAN));
      }
      return out;
    });
}

/** Service lines commonly sold together (融合套餐). */
const BUNDLE_LINES: ReadonlyArray<readonly ServiceLine[]> = [
  ['fixed_line', 'broadband'],
  ['fixed_line', 'long_distance'],
  ['fixed_line', 'ip_phone'],
  ['fixed_line', 'value_added'],
  ['phs', 'value_added'],
  ['gsm_mobile', 'value_added'],
  ['broadband', 'value_added'],
  ['fixed_line', 'broadband', 'value_added'],
];

const TIER_GROUPS: ReadonlyArray<readonly [CustomerTier[], number]> = [
  [['vip'], 3],
  [['gold', 'vip'], 3],
  [['silver', 'gold', 'vip'], 2],
  [['ordinary'], 1],
];

interface Window {
  validFrom: string;
  validTo?: string;
}

/** Current (most), expired (superseded campaigns) or future (announced) validity windows. */
function validityWindow(rng: Rng, kind: 'any' | 'not_current' = 'any'): Window {
  const w = rng.weighted<'current' | 'expired' | 'future'>(
    kind === 'any'
      ? [
          ['current', 5],
          ['expired', 3],
          ['future', 2],
        ]
      : [
          ['expired', 3],
          ['future', 2],
        ],
  );
  if (w === 'current') return { validFrom: rng.date(2003, 2024), ...(rng.chance(0.6) ? {} : { validTo: rng.date(2027, 2035) }) };
  if (w === 'expired') {
    const from = rng.int(2002, 2020);
    return { validFrom: rng.date(from, from), validTo: rng.date(from + 1, from + 4) };
  }
  const from = rng.int(2027, 2030);
  return { validFrom: rng.date(from, from), ...(rng.chance(0.5) ? {} : { validTo: rng.date(from + 1, from + 3) }) };
}

export interface PricingSeedOptions {
  catalog?: readonly ProductOffering[];
  localNetworks?: readonly LocalNetworkRules[];
}

/**
 * `count` policies: the base prices of every offering first (all of them, even if `count` is
 * smaller), then local prices, tier discounts, bundles and superseded or announced base prices.
 */
export function generatePricingPolicies(count = 45_000, seed = DEFAULT_SEED, options: PricingSeedOptions = {}): PricingPolicy[] {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const networks = options.localNetworks ?? DEFAULT_LOCAL_NETWORK_RULES;
  const rng = new Rng(seed);
  const policies = basePolicies(catalog);
  const active = catalog.filter((o) => o.lifecycle === 'active');
  const charged = (ct: ChargeType) => active.filter((o) => (ct === 'recurring' ? listPrice(o).monthly : listPrice(o).oneOff) > 0);
  const withCharge: Record<ChargeType, ProductOffering[]> = { recurring: charged('recurring'), one_off: charged('one_off') };
  const sellers = new Map(active.map((o) => [o.id, networks.filter((n) => isOfferingSold(n, o))]));
  const nameOf = (o: ProductOffering) => o.nameZh ?? o.name;
  const chargeOf = (o: ProductOffering, ct: ChargeType) => yuan(ct === 'recurring' ? listPrice(o).monthly : listPrice(o).oneOff);
  const actionsFor = (ct: ChargeType) => (ct === 'recurring' ? (['add', 'modify'] as const) : (['add'] as const));

  for (let n = 1; policies.length < count; n++) {
    const id = `pp-${pad(n, 5)}`;
    const priority = rng.int(1, 100);
    let kind: PricingPolicy['kind'] = rng.weighted([
      ['local_price', 40],
      ['discount', 35],
      ['bundle', 15],
      ['base', 10],
    ] as const);
    let ct: ChargeType = rng.chance(kind === 'bundle' ? 0.8 : 0.7) ? 'recurring' : 'one_off';

    if (kind === 'bundle') {
      const lines = rng.pick(BUNDLE_LINES);
      const members = lines.map((l) => withCharge[ct].filter((o) => o.serviceLine === l));
      if (members.some((m) => m.length === 0)) continue;
      const offerings = members.map((m) => rng.pick(m));
      // Connection-fee bundles halve or waive the fee; monthly ones take a percent or a fixed sum off.
      const reduction =
        ct === 'one_off' ? { percent: rng.pick([50, 100]) } : rng.chance(0.6) ? { percent: rng.int(2, 6) * 5 } : { amountCents: yuan(rng.int(2, 10) * 5) };
      const local = rng.chance(0.5) ? rng.pick(networks) : undefined;
      policies.push({
        id,
        kind,
        name: `${local ? local.nameZh : ''}${offerings.map(nameOf).join('+')} 融合套餐${ct === 'one_off' ? '(装机费优惠)' : ''}`,
        offeringIds: offerings.map((o) => o.id),
        ...(local ? { localNetwork: local.id } : {}),
        actions: ['add'],
        chargeType: ct,
        ...reduction,
        ...validityWindow(rng),
        priority,
      });
      continue;
    }

    // Spread over every active offering: a charge type it has (a free service gets local prices only).
    const offering = rng.pick(active);
    const has = (t: ChargeType) => chargeOf(offering, t) > 0;
    const other: ChargeType = ct === 'recurring' ? 'one_off' : 'recurring';
    if (!has(ct) && has(other)) ct = other;
    if (!has(ct) && kind === 'discount') kind = 'local_price';
    const list = chargeOf(offering, ct);
    const sells = sellers.get(offering.id)!;
    if (sells.length === 0) continue;
    const network = rng.pick(sells);
    if (kind === 'local_price' || kind === 'base') {
      const tiers = kind === 'local_price' && rng.chance(0.15) ? [...rng.weighted(TIER_GROUPS)] : undefined;
      policies.push({
        id,
        kind,
        name: kind === 'base' ? `${nameOf(offering)} 历史/预告资费` : `${network.nameZh}${nameOf(offering)} 本地资费`,
        offeringIds: [offering.id],
        ...(kind === 'local_price' ? { localNetwork: network.id } : {}),
        ...(tiers ? { tiers } : {}),
        actions: [...actionsFor(ct)],
        chargeType: ct,
        // Tier-specific local prices are privileges (below list); others vary around it.
        amountCents: Math.round((list * (tiers ? rng.int(60, 95) : rng.int(75, 110))) / 100 / 100) * 100,
        // The open-ended base price is the current one; extra base versions are history or announcements.
        ...validityWindow(rng, kind === 'base' ? 'not_current' : 'any'),
        priority,
      });
    } else {
      const tiers = rng.chance(0.7) ? [...rng.weighted(TIER_GROUPS)] : undefined;
      const percent = rng.chance(0.7) ? rng.int(1, 6) * 5 : undefined;
      const local = rng.chance(0.6) ? network : undefined;
      policies.push({
        id,
        kind,
        name: `${local ? local.nameZh : ''}${tiers ? tiers.join('/') + ' ' : ''}${nameOf(offering)} ${percent ? `${(100 - percent) / 10}折` : '立减'}`,
        offeringIds: [offering.id],
        ...(local ? { localNetwork: local.id } : {}),
        ...(tiers ? { tiers } : {}),
        actions: [...actionsFor(ct)],
        chargeType: ct,
        ...(percent ? { percent } : { amountCents: Math.max(100, Math.round((list * rng.int(5, 30)) / 100 / 100) * 100) }),
        ...validityWindow(rng),
        priority,
      });
    }
  }
  return policies;
}

// ---- Customers, accounts, subscriptions ---------------------------------------------------------

/** Rough share of Liaoning's subscribers per local network. */
const NETWORK_WEIGHTS: ReadonlyArray<readonly [LocalNetworkId, number]> = [
  ['shenyang', 25],
  ['dalian', 20],
  ['anshan', 9],
  ['fushun', 6],
  ['benxi', 4],
  ['dandong', 5],
  ['jinzhou', 6],
  ['yingkou', 5],
  ['fuxin', 4],
  ['liaoyang', 4],
  ['panjin', 3],
  ['tieling', 4],
  ['chaoyang', 3],
  ['huludao', 2],
];
/** Prefix of resident ID numbers (行政区划代码) per city. */
const REGION_CODES: Record<LocalNetworkId, string> = {
  shenyang: '2101',
  dalian: '2102',
  anshan: '2103',
  fushun: '2104',
  benxi: '2105',
  dandong: '2106',
  jinzhou: '2107',
  yingkou: '2108',
  fuxin: '2109',
  liaoyang: '2110',
  panjin: '2111',
  tieling: '2112',
  chaoyang: '2113',
  huludao: '2114',
};
const TIER_WEIGHTS: Record<CustomerKind, ReadonlyArray<readonly [CustomerTier, number]>> = {
  individual: [
    ['ordinary', 80],
    ['silver', 12],
    ['gold', 6],
    ['vip', 2],
  ],
  enterprise: [
    ['ordinary', 40],
    ['silver', 30],
    ['gold', 20],
    ['vip', 10],
  ],
};
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史'.split(
    '',
  );
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅玉兰淑珍凤兰'.split('');
const COMPANY_WORDS = ['华信', '金桥', '东方', '宏达', '北方', '新世纪', '恒通', '辽河', '振兴', '长城', '海天', '鑫源'];
const INDUSTRIES = ['机械制造', '商贸', '物流', '钢铁', '石化', '建筑工程', '电子科技', '食品', '纺织', '医药'];
const DEPARTMENTS = ['总部', '生产部', '销售部'];

/** Check digit of an 18-digit resident identity number (GB 11643, ISO 7064 MOD 11-2). */
export function idNumberCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

/** Hands out unique, monotonically increasing numbers with realistic gaps. */
class NumberPlan {
  private readonly next = new Map<string, number>();
  constructor(private readonly rng: Rng) {}
  take(key: string, start: number): number {
    const n = (this.next.get(key) ?? start) + this.rng.int(1, 37);
    this.next.set(key, n);
    return n;
  }
}

const LINE_SERVICES: readonly ServiceLine[] = ['fixed_line', 'phs', 'broadband', 'gsm_mobile', 'gsm_prepaid'];
const PHONE_SERVICES: readonly ServiceLine[] = ['fixed_line', 'phs', 'gsm_mobile', 'gsm_prepaid'];

export interface CustomerSeed {
  customers: Customer[];
  accounts: Account[];
  subscriptions: Subscription[];
}

export function generateCustomers(count: number, seed = DEFAULT_SEED, options: PricingSeedOptions = {}): CustomerSeed {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const networks = new Map((options.localNetworks ?? DEFAULT_LOCAL_NETWORK_RULES).map((r) => [r.id, r]));
  const rng = new Rng(seed);
  const numbers = new NumberPlan(rng);
  const customers: Customer[] = [];
  const accounts: Account[] = [];
  const subscriptions: Subscription[] = [];
  // Never draft offerings; retired ones still have their long-standing subscribers.
  const subscribable = catalog.filter((o) => o.lifecycle !== 'draft');

  for (let i = 1; i <= count; i++) {
    const kind: CustomerKind = rng.chance(0.08) ? 'enterprise' : 'individual';
    const home = rng.weighted(NETWORK_WEIGHTS);
    const rules = networks.get(home)!;
    const status = rng.weighted([
      ['active', 94],
      ['suspended', 5],
      ['closed', 1],
    ] as const);
    const mobile = String(numbers.take('mobile', 13_800_000_000));
    const name =
      kind === 'individual'
        ? rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '')
        : `${rules.nameZh}${rng.pick(COMPANY_WORDS)}${rng.pick(INDUSTRIES)}有限公司`;
    const idNumber =
      kind === 'individual'
        ? withCheckDigit(`${REGION_CODES[home]}${pad(rng.int(1, 12), 2)}${rng.date(1940, 1990).replaceAll('-', '')}${pad(rng.int(0, 999), 3)}`)
        : `${REGION_CODES[home]}00${pad(i, 9)}`;
    const customer: Customer = {
      id: `cust-${pad(i, 7)}`,
      kind,
      name,
      tier: rng.weighted(TIER_WEIGHTS[kind]),
      homeLocalNetwork: home,
      status,
      idNumber,
      contact: { phone: mobile, ...(kind === 'enterprise' || rng.chance(0.3) ? { email: `c${pad(i, 7)}@example.cn` } : {}) },
    };
    customers.push(customer);

    const own: Account[] = (kind === 'enterprise' ? DEPARTMENTS.slice(0, rng.int(1, 3)) : [undefined]).map((dept) => ({
      id: `acct-${pad(accounts.length + 1, 7)}`,
      customerId: customer.id,
      name: dept ? `${name}·${dept}` : name,
      localNetwork: home,
      paymentMethod: rng.weighted<PaymentMethod>([
        ['cash', 5],
        ['bank_debit', 4],
        ['prepaid', 1],
      ]),
      status: status === 'closed' ? 'closed' : 'active',
    }));
    accounts.push(...own);

    const sold = subscribable.filter((o) => isOfferingSold(rules, o) && (o.customerKinds?.includes(kind) ?? true));
    const phones: string[] = [];
    const wanted = kind === 'enterprise' ? rng.int(3, 12) : rng.int(1, 4);
    for (let k = 0; k < wanted; k++) {
      // Attached services (IP phone, 193, VAS) ride on one of the customer's phone lines.
      const pool = phones.length === 0 ? sold.filter((o) => LINE_SERVICES.includes(o.serviceLine)) : sold;
      const offering = rng.pick(pool);
      const serviceId = serviceIdFor(offering.serviceLine, rules, numbers, rng, phones);
      if (PHONE_SERVICES.includes(offering.serviceLine)) phones.push(serviceId);
      subscriptions.push({
        id: `sub-${pad(subscriptions.length + 1, 8)}`,
        customerId: customer.id,
        accountId: rng.pick(own).id,
        offeringId: offering.id,
        serviceLine: offering.serviceLine,
        serviceId,
        status:
          status === 'closed'
            ? 'terminated'
            : rng.weighted([
                ['active', 90],
                ['suspended', 5],
                ['terminated', 5],
              ] as const),
        localNetwork: home,
        activatedAt: rng.date(2000, 2024),
      });
    }
  }
  return { customers, accounts, subscriptions };
}

function withCheckDigit(first17: string): string {
  return first17 + idNumberCheckDigit(first17);
}

function serviceIdFor(line: ServiceLine, rules: LocalNetworkRules, numbers: NumberPlan, rng: Rng, phones: string[]): string {
  switch (line) {
    case 'fixed_line':
    case 'phs':
      return rules.areaCode + numbers.take(`fixed:${rules.id}`, rules.fixedNumberDigits === 8 ? 23_000_000 : 2_300_000);
    case 'gsm_mobile':
    case 'gsm_prepaid':
      return String(numbers.take('mobile', 13_800_000_000));
    case 'broadband':
      return `AD${rules.areaCode}${pad(numbers.take(`bb:${rules.id}`, 0), 8)}`;
    default:
      return rng.pick(phones);
  }
}

// ---- Agents -------------------------------------------------------------------------------------

export const DEFAULT_AGENTS: AgentContract[] = [
  {
    agentId: 'agent-sy-huaxin',
    name: '沈阳华信通讯器材有限公司',
    status: 'active',
    validFrom: '2024-01-01',
    validTo: '2031-01-01',
    serviceLines: ['gsm_mobile', 'gsm_prepaid', 'value_added'],
    localNetworks: ['shenyang', 'tieling', 'fushun'],
    dailyOrderLimit: 200,
  },
  {
    agentId: 'agent-dl-haiyun',
    name: '大连海韵通信服务有限公司',
    status: 'active',
    validFrom: '2024-06-01',
    validTo: '2030-06-01',
    offeringIds: ['fl-residential', 'bb-adsl-2m', 'bb-adsl-4m', 'bb-lan-10m'],
    localNetworks: ['dalian'],
    dailyOrderLimit: 80,
  },
  {
    agentId: 'agent-as-gangdu',
    name: '鞍山钢都电讯营业部',
    status: 'active',
    validFrom: '2025-01-01',
    validTo: '2029-01-01',
    serviceLines: ['fixed_line', 'phs', 'ip_phone', 'long_distance'],
    localNetworks: ['anshan', 'liaoyang'],
    dailyOrderLimit: 50,
  },
  {
    agentId: 'agent-jz-yongxin',
    name: '锦州永信手机卖场',
    status: 'active',
    validFrom: '2019-01-01',
    validTo: '2024-01-01',
    serviceLines: ['gsm_prepaid'],
    localNetworks: ['jinzhou'],
    dailyOrderLimit: 100,
  },
  {
    agentId: 'agent-hld-bohai',
    name: '葫芦岛渤海通信代办点',
    status: 'suspended',
    validFrom: '2023-01-01',
    validTo: '2030-01-01',
    serviceLines: ['gsm_prepaid', 'value_added'],
    localNetworks: ['huludao'],
    dailyOrderLimit: 30,
  },
];
