// The 14 local networks (本地网) of Liaoning. Each keeps its own business rules in the one shared
// system; the rules are data, so a city changes its rules without a code change.
import { SERVICE_LINES, type ProductOffering, type OrderAction, type ServiceLine } from './catalog.js';
import type { Customer, CustomerKind, CustomerTier } from './customer.js';

export const LOCAL_NETWORK_IDS = [
  'shenyang',
  'dalian',
  'anshan',
  'fushun',
  'benxi',
  'dandong',
  'jinzhou',
  'yingkou',
  'fuxin',
  'liaoyang',
  'panjin',
  'tieling',
  'chaoyang',
  'huludao',
] as const;
export type LocalNetworkId = (typeof LOCAL_NETWORK_IDS)[number];

export function isLocalNetworkId(s: string): s is LocalNetworkId {
  return (LOCAL_NETWORK_IDS as readonly string[]).includes(s);
}

/** A deposit (押金) the customer pays at order entry for each new service matching the rule. */
export interface DepositRule {
  serviceLines: ServiceLine[];
  tiers: CustomerTier[];
  /** Undefined = both kinds. */
  customerKinds?: CustomerKind[];
  amountCents: number;
  reason: string;
}

export interface LocalNetworkRules {
  id: LocalNetworkId;
  name: string;
  nameZh: string;
  areaCode: string;
  /** Digits of a local fixed-line / PHS number in this network's numbering plan. */
  fixedNumberDigits: 7 | 8;
  sellsServiceLines: ServiceLine[];
  /** Offerings of a sold service line that this network still does not sell. */
  excludedOfferingIds: string[];
  /** Most a customer may owe (outstanding balance plus the new order's charges), by tier. */
  creditLimitCents: Record<CustomerTier, number>;
  deposits: DepositRule[];
  maxItemsPerOrder: number;
  /** Days a disconnected number rests in quarantine (冷冻期) before it can be sold again; absent: DEFAULT_NUMBER_QUARANTINE_DAYS. */
  numberQuarantineDays?: number;
  /** Dunning (催缴/欠费停机) of postpaid accounts, in this network's working days; absent: DEFAULT_DUNNING_RULES (domain/dunning.ts). */
  dunning?: { graceDays?: number; noticeDays?: number };
  /** Share of closed work orders sampled for a quality-check call (抽查), 0…1; absent: DEFAULT_QUALITY_CHECK_SHARE (domain/quality-checks.ts). */
  qualityCheckShare?: number;
}

export const DEFAULT_NUMBER_QUARANTINE_DAYS = 90;

/** The quarantine of a disconnected number in a local network, in days. */
export function numberQuarantineDays(rules: Pick<LocalNetworkRules, 'numberQuarantineDays'> | undefined): number {
  return rules?.numberQuarantineDays ?? DEFAULT_NUMBER_QUARANTINE_DAYS;
}

export function isOfferingSold(rules: LocalNetworkRules, offering: ProductOffering): boolean {
  return rules.sellsServiceLines.includes(offering.serviceLine) && !rules.excludedOfferingIds.includes(offering.id);
}

/** Deposit due for a new service; only 'add' creates one, so only 'add' carries a deposit. */
export function depositFor(
  rules: LocalNetworkRules,
  customer: Pick<Customer, 'tier' | 'kind'>,
  offering: ProductOffering,
  action: OrderAction,
  quantity = 1,
): { amountCents: number; reasons: string[] } {
  if (action !== 'add') return { amountCents: 0, reasons: [] };
  const matching = rules.deposits.filter(
    (d) =>
      d.serviceLines.includes(offering.serviceLine) &&
      d.tiers.includes(customer.tier) &&
      (d.customerKinds === undefined || d.customerKinds.includes(customer.kind)),
  );
  return {
    amountCents: matching.reduce((sum, d) => sum + d.amountCents * quantity, 0),
    reasons: matching.map((d) => d.reason),
  };
}

/** Rules of one network, from a list or a map keyed by id (as the API's reference snapshot keeps them). */
export function rulesFor(rules: readonly LocalNetworkRules[] | ReadonlyMap<string, LocalNetworkRules>, id: string): LocalNetworkRules | undefined {
  return 'get' in rules ? rules.get(id) : rules.find((r) => r.id === id);
}

// ---- Data ---------------------------------------------------------------------------------------

const yuan = (n: number) => n * 100;

/** Small cities: 7-digit numbers, lower credit limits, shorter orders (smaller shops). */
const CITY_DEFAULTS: Omit<LocalNetworkRules, 'id' | 'name' | 'nameZh' | 'areaCode'> = {
  fixedNumberDigits: 7,
  sellsServiceLines: [...SERVICE_LINES],
  excludedOfferingIds: ['bb-lan-10m'],
  creditLimitCents: { ordinary: yuan(500), silver: yuan(1000), gold: yuan(3000), vip: yuan(10000) },
  deposits: [],
  maxItemsPerOrder: 10,
};

const POSTPAID_DEPOSIT: DepositRule = {
  serviceLines: ['gsm_mobile'],
  tiers: ['ordinary'],
  customerKinds: ['individual'],
  amountCents: yuan(200),
  reason: 'ordinary-tier individuals pay a deposit for postpaid mobile',
};
const INTERNATIONAL_DEPOSIT: DepositRule = {
  serviceLines: ['long_distance'],
  tiers: ['ordinary', 'silver'],
  amountCents: yuan(500),
  reason: 'long-distance carrier selection needs a deposit below gold tier',
};

function city(id: LocalNetworkId, name: string, nameZh: string, areaCode: string, overrides: Partial<LocalNetworkRules> = {}): LocalNetworkRules {
  return { ...CITY_DEFAULTS, id, name, nameZh, areaCode, ...overrides };
}

const withoutPhs = SERVICE_LINES.filter((s) => s !== 'phs');

export const DEFAULT_LOCAL_NETWORK_RULES: LocalNetworkRules[] = [
  city('shenyang', 'Shenyang', '沈阳', '024', {
    fixedNumberDigits: 8,
    excludedOfferingIds: [],
    creditLimitCents: { ordinary: yuan(1000), silver: yuan(2000), gold: yuan(5000), vip: yuan(20000) },
    deposits: [POSTPAID_DEPOSIT, INTERNATIONAL_DEPOSIT],
    maxItemsPerOrder: 20,
    numberQuarantineDays: 180,
    // The provincial capital gives its many enterprise accounts longer to pay.
    dunning: { graceDays: 15, noticeDays: 5 },
    // The capital's call centre checks twice the share of closed work orders.
    qualityCheckShare: 0.2,
  }),
  // Dalian withdrew PHS early and sells the LAN product in new residential areas.
  city('dalian', 'Dalian', '大连', '0411', {
    fixedNumberDigits: 8,
    sellsServiceLines: withoutPhs,
    excludedOfferingIds: [],
    creditLimitCents: { ordinary: yuan(1500), silver: yuan(3000), gold: yuan(8000), vip: yuan(30000) },
    deposits: [POSTPAID_DEPOSIT],
    maxItemsPerOrder: 20,
    numberQuarantineDays: 180,
  }),
  city('anshan', 'Anshan', '鞍山', '0412', { excludedOfferingIds: [], maxItemsPerOrder: 15 }),
  city('fushun', 'Fushun', '抚顺', '0413', { deposits: [POSTPAID_DEPOSIT] }),
  city('benxi', 'Benxi', '本溪', '0414'),
  city('dandong', 'Dandong', '丹东', '0415', { deposits: [INTERNATIONAL_DEPOSIT] }),
  city('jinzhou', 'Jinzhou', '锦州', '0416', { deposits: [POSTPAID_DEPOSIT] }),
  city('yingkou', 'Yingkou', '营口', '0417'),
  // Fuxin: mining city with high arrears, so tighter credit and broadband deposits.
  city('fuxin', 'Fuxin', '阜新', '0418', {
    excludedOfferingIds: ['bb-lan-10m', 'fl-enterprise-trunk'],
    creditLimitCents: { ordinary: yuan(300), silver: yuan(600), gold: yuan(2000), vip: yuan(6000) },
    deposits: [POSTPAID_DEPOSIT, { serviceLines: ['broadband'], tiers: ['ordinary'], amountCents: yuan(100), reason: 'broadband modem deposit' }],
  }),
  city('liaoyang', 'Liaoyang', '辽阳', '0419'),
  // Panjin (oil field) has no PHS network.
  city('panjin', 'Panjin', '盘锦', '0427', { sellsServiceLines: withoutPhs }),
  city('tieling', 'Tieling', '铁岭', '0410', { excludedOfferingIds: ['bb-lan-10m', 'ld-193-international'] }),
  city('chaoyang', 'Chaoyang', '朝阳', '0421', {
    excludedOfferingIds: ['bb-lan-10m', 'bb-enterprise-line'],
    creditLimitCents: { ordinary: yuan(300), silver: yuan(800), gold: yuan(2000), vip: yuan(6000) },
    maxItemsPerOrder: 8,
  }),
  city('huludao', 'Huludao', '葫芦岛', '0429', { deposits: [POSTPAID_DEPOSIT, INTERNATIONAL_DEPOSIT] }),
];
