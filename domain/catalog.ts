// The product catalog: offerings per service line, each with a lifecycle and a fulfilment template.
// Templates are data, so a new offering (or a new way to fulfil one) needs no code change.
import type { CustomerKind } from './customer.js';
import type { CityDepartmentFunction } from './departments.js';
import type { NumberFormat } from './phone-number.js';

export const SERVICE_LINES = ['fixed_line', 'phs', 'broadband', 'gsm_mobile', 'gsm_prepaid', 'ip_phone', 'long_distance', 'value_added'] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

export const OFFERING_LIFECYCLES = ['draft', 'active', 'retired'] as const;
export type OfferingLifecycle = (typeof OFFERING_LIFECYCLES)[number];

/**
 * The lifecycle moves forward only: a draft is launched (or dropped before launch), an active
 * offering is retired; a retired one never comes back (a new offering takes its place).
 */
const LIFECYCLE_NEXT: Record<OfferingLifecycle, readonly OfferingLifecycle[]> = {
  draft: ['active', 'retired'],
  active: ['retired'],
  retired: [],
};

export function canChangeLifecycle(from: OfferingLifecycle, to: OfferingLifecycle): boolean {
  return LIFECYCLE_NEXT[from].includes(to);
}

/**
 * What a sale of the offering needs that only a face-to-face channel (a shop counter, an agent's
 * counter) can do (customer-service spec): checking the original identity document (实名登记 beyond
 * the online check), taking cash, or arranging a bank transfer / collection agreement (托收).
 */
export const SALE_REQUIREMENTS = ['identityCheck', 'cashPayment', 'bankTransfer'] as const;
export type SaleRequirement = (typeof SALE_REQUIREMENTS)[number];

/** Order channels where the customer is not in front of a clerk: the phone (call centre) and the web. */
export const NON_FACE_TO_FACE_CHANNELS: readonly string[] = ['call_centre', 'web'];

const SALE_REQUIREMENT_WORDS: Record<SaleRequirement, string> = {
  identityCheck: 'an identity check with the original ID document',
  cashPayment: 'a cash payment',
  bankTransfer: 'a bank transfer agreement',
};

/** Why the offering cannot be sold over this channel; undefined when it can. */
export function channelRefusal(offering: Pick<ProductOffering, 'id' | 'saleRequires'>, channel: string): string | undefined {
  const needs = offering.saleRequires ?? [];
  if (needs.length === 0 || !NON_FACE_TO_FACE_CHANNELS.includes(channel)) return undefined;
  const what = needs.map((r) => SALE_REQUIREMENT_WORDS[r]).join(' and ');
  return `${offering.id} needs ${what}, which the ${channel === 'web' ? 'web' : 'phone (call centre)'} channel cannot take: sell it at a shop counter or an agent`;
}

export const ORDER_ACTIONS = ['add', 'modify', 'delete', 'move'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const RESOURCE_KINDS = ['number', 'port', 'ip', 'device'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface FulfilmentTemplate {
  /** Resources reserved from inventory before the network is configured. */
  resources: ResourceKind[];
  /** Operations the network-provisioning system runs, in order (e.g. 'hlr.createSubscriber'). */
  networkActions: string[];
  /**
   * True when a technician must visit: an installation work order is raised and routed by the
   * routing rules, which send it to `installationDepartment` (the local network's department of that
   * function) unless a rule says otherwise.
   */
  fieldInstallation: boolean;
  installationDepartment?: CityDepartmentFunction;
  allowedActions: OrderAction[];
  /** When a plan change to this offering takes effect in billing: now, or at the next billing cycle (default: PLAN_CHANGE_DEFAULT). */
  planChangeEffective?: PlanChangeEffective;
  /** What an item of this offering may depend on in the same order (domain/order-dependencies.ts); absent: nothing. */
  dependsOn?: ItemDependencySpec;
}

/**
 * An item that rides on another service (a data pack on a mobile line, IPTV on broadband) may depend
 * on an item of the same order that provides it (TMF622 productOrderItemRelationship dependsOn): it
 * starts once that item is in service.
 */
export interface ItemDependencySpec {
  /** The service lines of the items it may depend on. */
  serviceLines: ServiceLine[];
  /**
   * The characteristic naming the existing service it rides on (e.g. boundNumber): a new item of the
   * offering without it must depend on an item of the order. Absent: the dependency is optional.
   */
  unlessCharacteristic?: string;
}

export type PlanChangeEffective = 'now' | 'nextCycle';
/** Most plans change at the next billing cycle (次月生效); speed upgrades take effect at once. */
export const PLAN_CHANGE_DEFAULT: PlanChangeEffective = 'nextCycle';

export function planChangeEffective(offering: Pick<ProductOffering, 'template'>): PlanChangeEffective {
  return offering.template.planChangeEffective ?? PLAN_CHANGE_DEFAULT;
}

/** An item characteristic the offering accepts (TMF622 product.characteristic). */
export interface CharacteristicSpec {
  name: string;
  valueType: 'string' | 'number' | 'boolean';
  /** Phone-number format the value must have. */
  format?: NumberFormat;
  /** Actions for which the characteristic must be given. */
  requiredFor?: OrderAction[];
  allowedValues?: string[];
  description: string;
}

export interface ProductOffering {
  id: string;
  name: string;
  nameZh?: string;
  serviceLine: ServiceLine;
  lifecycle: OfferingLifecycle;
  template: FulfilmentTemplate;
  characteristics?: CharacteristicSpec[];
  /** Who may order it; undefined = every customer (集团 products are for enterprises only). */
  customerKinds?: CustomerKind[];
  /** What a sale needs that only a face-to-face channel can do; such offerings are not sold by phone or web. */
  saleRequires?: SaleRequirement[];
}

export function isActionAllowed(offering: ProductOffering, action: OrderAction): boolean {
  return offering.template.allowedActions.includes(action);
}

export function catalogById(offerings: readonly ProductOffering[]): Map<string, ProductOffering> {
  return new Map(offerings.map((o) => [o.id, o]));
}

// ---- Data ---------------------------------------------------------------------------------------

const ALL_ACTIONS: OrderAction[] = ['add', 'modify', 'delete', 'move'];

const T = {
  fixedLine: {
    resources: ['number', 'port'],
    networkActions: ['switch.createSubscriber', 'mdf.crossConnect'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
  },
  enterpriseTrunk: {
    resources: ['number', 'port', 'device'],
    networkActions: ['switch.createTrunkGroup', 'mdf.crossConnect'],
    fieldInstallation: true,
    installationDepartment: 'enterprise-service',
    allowedActions: ALL_ACTIONS,
  },
  phs: {
    resources: ['number', 'device'],
    networkActions: ['switch.createSubscriber', 'phs.registerHandset'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  adsl: {
    resources: ['port', 'ip', 'device'],
    networkActions: ['dslam.configurePort', 'radius.createAccount'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
    planChangeEffective: 'now',
  },
  lan: {
    resources: ['port', 'ip'],
    networkActions: ['lanSwitch.configurePort', 'radius.createAccount'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
    planChangeEffective: 'now',
  },
  dedicatedLine: {
    resources: ['port', 'ip', 'device'],
    networkActions: ['sdh.provisionCircuit', 'router.configureInterface'],
    fieldInstallation: true,
    installationDepartment: 'enterprise-service',
    allowedActions: ALL_ACTIONS,
  },
  gsmPostpaid: {
    resources: ['number', 'device'],
    networkActions: ['hlr.createSubscriber'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  // A prepaid card is not re-planned: the customer buys another card.
  gsmPrepaid: {
    resources: ['number', 'device'],
    networkActions: ['hlr.createSubscriber', 'ocs.createBalance'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
  },
  ipPhone: {
    resources: [],
    networkActions: ['softswitch.enableIpPrefix'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  longDistance: {
    resources: [],
    networkActions: ['switch.enableCarrierSelection'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  // A calling feature or a messaging bundle rides on a phone line: it may be ordered with a new one
  // (TMF622's own example relates its SMS bundle and caller ID to the order's mobile line).
  feature: {
    resources: [],
    networkActions: ['switch.enableFeature'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
    dependsOn: { serviceLines: ['fixed_line', 'phs', 'gsm_mobile', 'gsm_prepaid'] },
  },
  ringback: {
    resources: [],
    networkActions: ['crbt.createSubscriber'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  messagingBundle: {
    resources: [],
    networkActions: ['smsc.enableBundle'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
    dependsOn: { serviceLines: ['phs', 'gsm_mobile', 'gsm_prepaid'] },
  },
  // ---- Templates of the newer services ----
  imsVoice: {
    resources: ['number', 'port', 'device'],
    networkActions: ['ims.registerSubscriber', 'olt.configureOnuVoicePort'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
  },
  centrex: {
    resources: ['number'],
    networkActions: ['ims.createCentrexGroup'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  serviceNumber: {
    resources: ['number'],
    networkActions: ['in.createServiceNumber'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  phsData: {
    resources: ['number', 'device'],
    networkActions: ['switch.createSubscriber', 'phs.registerHandset', 'phs.enableDataService'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  phsPrepaid: {
    resources: ['number', 'device'],
    networkActions: ['switch.createSubscriber', 'phs.registerHandset', 'in.createPrepaidAccount'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
  },
  ftth: {
    resources: ['port', 'ip', 'device'],
    networkActions: ['olt.configureOnu', 'radius.createAccount'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
  },
  iptv: {
    resources: ['device'],
    networkActions: ['iptv.createSubscriber', 'multicast.enableChannelPackage'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
    dependsOn: { serviceLines: ['broadband'] },
  },
  wlan: {
    resources: [],
    networkActions: ['radius.createAccount', 'wlan.enableRoaming'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  mstp: {
    resources: ['port', 'device'],
    networkActions: ['mstp.provisionCircuit', 'router.configureInterface'],
    fieldInstallation: true,
    installationDepartment: 'enterprise-service',
    allowedActions: ALL_ACTIONS,
  },
  lte: {
    resources: ['number', 'device'],
    networkActions: ['hlr.createSubscriber', 'hss.createSubscriber', 'pcrf.createPolicy'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  nr: {
    resources: ['number', 'device'],
    networkActions: ['hlr.createSubscriber', 'udm.createSubscriber', 'pcf.createPolicy'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  iotSim: {
    resources: ['number', 'device'],
    networkActions: ['hlr.createSubscriber', 'iot.assignApn'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
  },
  callingCard: {
    resources: [],
    networkActions: ['in.createCallingCard'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
  },
  roaming: {
    resources: [],
    networkActions: ['hlr.enableRoaming'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
  },
  dataPack: {
    resources: [],
    networkActions: ['pcrf.enableDataPack'],
    fieldInstallation: false,
    allowedActions: ['add', 'modify', 'delete'],
    dependsOn: { serviceLines: ['gsm_mobile', 'gsm_prepaid'], unlessCharacteristic: 'boundNumber' },
  },
  mailbox: {
    resources: [],
    networkActions: ['mail.createMailbox'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
  },
} satisfies Record<string, FulfilmentTemplate>;

const C = {
  fixedNumber: {
    name: 'requestedNumber',
    valueType: 'string',
    format: 'fixed_number',
    description: 'local number chosen by the customer (7 or 8 digits, without area code)',
  },
  mobileNumber: {
    name: 'requestedNumber',
    valueType: 'string',
    format: 'mobile_number',
    description: 'mobile number chosen by the customer (11 digits)',
  },
  installationAddress: {
    name: 'installationAddress',
    valueType: 'string',
    requiredFor: ['add', 'move'],
    description: 'where the technician installs the line',
  },
  boundNumber: {
    name: 'boundNumber',
    valueType: 'string',
    format: 'phone_number',
    description: 'the existing line the service is attached to',
  },
  toneId: { name: 'toneId', valueType: 'string', description: 'ringback tone chosen from the tone library' },
  bandwidth: {
    name: 'bandwidth',
    valueType: 'string',
    allowedValues: ['2M', '4M', '10M', '34M'],
    description: 'circuit bandwidth',
  },
} satisfies Record<string, CharacteristicSpec>;

const fixedLineChars = [C.fixedNumber, C.installationAddress];
const broadbandChars = [C.installationAddress];
const mobileChars = [C.mobileNumber];
const attachedChars = [C.boundNumber];

function offering(
  id: string,
  serviceLine: ServiceLine,
  name: string,
  nameZh: string,
  template: FulfilmentTemplate,
  characteristics: CharacteristicSpec[],
  lifecycle: OfferingLifecycle = 'active',
): ProductOffering {
  return { id, name, nameZh, serviceLine, lifecycle, template, characteristics };
}

function enterpriseOnly(o: ProductOffering): ProductOffering {
  return { ...o, customerKinds: ['enterprise'] };
}

/** Sold face to face only (see channelRefusal). */
function requires(o: ProductOffering, ...saleRequires: SaleRequirement[]): ProductOffering {
  return { ...o, saleRequires };
}

export const DEFAULT_CATALOG: ProductOffering[] = [
  offering('fl-residential', 'fixed_line', 'Residential fixed line', '住宅固定电话', T.fixedLine, fixedLineChars),
  offering('fl-business', 'fixed_line', 'Business fixed line', '商务固定电话', T.fixedLine, fixedLineChars),
  offering('fl-economy', 'fixed_line', 'Economy fixed line (low rental)', '固话经济套餐', T.fixedLine, fixedLineChars),
  enterpriseOnly(offering('fl-enterprise-trunk', 'fixed_line', 'Enterprise trunk line', '集团中继线', T.enterpriseTrunk, fixedLineChars)),
  offering('fl-isdn-bri', 'fixed_line', 'ISDN 2B+D', '一线通', T.fixedLine, fixedLineChars, 'retired'),
  offering('fl-family-numbers', 'fixed_line', 'Family numbers package', '亲情号码套餐', T.fixedLine, fixedLineChars, 'draft'),

  offering('phs-basic', 'phs', 'PHS basic', '小灵通基本业务', T.phs, [C.fixedNumber]),
  offering('phs-monthly-50', 'phs', 'PHS 50 yuan monthly', '小灵通50元包月', T.phs, [C.fixedNumber]),
  offering('phs-local-unlimited', 'phs', 'PHS unlimited local calls', '小灵通本地畅聊', T.phs, [C.fixedNumber]),
  offering('phs-student', 'phs', 'PHS campus card', '小灵通校园卡', T.phs, [C.fixedNumber], 'draft'),
  offering('phs-legacy-2003', 'phs', 'PHS 2003 standard tariff', '小灵通2003标准资费', T.phs, [C.fixedNumber], 'retired'),

  offering('bb-adsl-2m', 'broadband', 'ADSL 2M', 'ADSL宽带2M', T.adsl, broadbandChars),
  offering('bb-adsl-4m', 'broadband', 'ADSL 4M', 'ADSL宽带4M', T.adsl, broadbandChars),
  offering('bb-lan-10m', 'broadband', 'Residential LAN 10M', '小区LAN宽带10M', T.lan, broadbandChars),
  enterpriseOnly(
    offering('bb-enterprise-line', 'broadband', 'Enterprise dedicated line', '企业数据专线', T.dedicatedLine, [C.installationAddress, C.bandwidth]),
  ),
  offering('bb-adsl-512k', 'broadband', 'ADSL 512K', 'ADSL宽带512K', T.adsl, broadbandChars, 'retired'),
  offering('bb-adsl-8m', 'broadband', 'ADSL2+ 8M', 'ADSL2+宽带8M', T.adsl, broadbandChars, 'draft'),

  offering('gsm-global-58', 'gsm_mobile', 'GSM postpaid 58', '全球通58套餐', T.gsmPostpaid, mobileChars),
  offering('gsm-global-88', 'gsm_mobile', 'GSM postpaid 88', '全球通88套餐', T.gsmPostpaid, mobileChars),
  offering('gsm-global-128', 'gsm_mobile', 'GSM postpaid 128', '全球通128套餐', T.gsmPostpaid, mobileChars),
  enterpriseOnly(offering('gsm-enterprise-vpmn', 'gsm_mobile', 'Enterprise virtual network', '集团V网', T.gsmPostpaid, mobileChars)),
  offering('gsm-global-legacy', 'gsm_mobile', 'GSM postpaid standard tariff', '全球通标准资费', T.gsmPostpaid, mobileChars, 'retired'),

  offering('gsm-prepaid-szx', 'gsm_prepaid', 'Prepaid card', '神州行', T.gsmPrepaid, mobileChars),
  offering('gsm-prepaid-dgdd', 'gsm_prepaid', 'Youth prepaid card', '动感地带', T.gsmPrepaid, mobileChars),
  offering('gsm-prepaid-tourist', 'gsm_prepaid', 'Tourist prepaid card', '游客卡', T.gsmPrepaid, mobileChars, 'draft'),

  offering('ip-17909', 'ip_phone', 'IP long distance 17909', 'IP长途17909', T.ipPhone, attachedChars),
  offering('ip-17909-monthly', 'ip_phone', 'IP 17909 monthly package', '17909包月', T.ipPhone, attachedChars),

  offering('ld-193', 'long_distance', '193 long distance', '193长途', T.longDistance, attachedChars),
  offering('ld-193-package', 'long_distance', '193 discount package', '193优惠包', T.longDistance, attachedChars),
  offering('ld-193-international', 'long_distance', '193 international', '193国际长途', T.longDistance, attachedChars),

  offering('vas-ringback', 'value_added', 'Ringback tone', '彩铃', T.ringback, [C.boundNumber, C.toneId]),
  offering('vas-caller-id', 'value_added', 'Caller ID', '来电显示', T.feature, attachedChars),
  offering('vas-sms-100', 'value_added', 'SMS bundle 100', '短信包100条', T.messagingBundle, attachedChars),
  offering('vas-mms-20', 'value_added', 'MMS bundle 20', '彩信包20条', T.messagingBundle, attachedChars),
  offering('vas-voicemail', 'value_added', 'Voicemail', '语音信箱', T.feature, attachedChars),
  offering('vas-call-forwarding', 'value_added', 'Call forwarding', '呼叫转移', T.feature, attachedChars),
  offering('vas-wap-legacy', 'value_added', 'WAP monthly (legacy)', 'WAP包月(旧)', T.messagingBundle, attachedChars, 'retired'),

  // ---- The catalog grown to the seeds' 70+ services: what the operator sold since, by service line ----
  offering('fl-local-unlimited', 'fixed_line', 'Fixed line with unlimited local calls', '固话本地包月', T.fixedLine, fixedLineChars),
  requires(offering('fl-senior', 'fixed_line', 'Senior citizens fixed line', '老年人优惠固话', T.fixedLine, fixedLineChars), 'identityCheck'),
  offering('fl-shop-payphone', 'fixed_line', 'Payphone line for shops', '公用电话代办点线路', T.fixedLine, fixedLineChars),
  offering('fl-ims-fibre-voice', 'fixed_line', 'Fixed voice over fibre (IMS)', '光纤固话(IMS)', T.imsVoice, fixedLineChars),
  requires(
    enterpriseOnly(offering('fl-cloud-switchboard', 'fixed_line', 'Cloud switchboard (IP Centrex)', '云总机', T.centrex, [C.fixedNumber])),
    'bankTransfer',
  ),
  requires(enterpriseOnly(offering('fl-isdn-pri', 'fixed_line', 'ISDN PRI 30B+D trunk', '数字中继PRI', T.enterpriseTrunk, fixedLineChars)), 'bankTransfer'),
  requires(
    enterpriseOnly(offering('fl-800-freephone', 'fixed_line', '800 freephone number', '800被叫付费业务', T.serviceNumber, [])),
    'identityCheck',
    'bankTransfer',
  ),
  requires(
    enterpriseOnly(offering('fl-400-number', 'fixed_line', '400 nationwide number', '400全国统一号码', T.serviceNumber, [])),
    'identityCheck',
    'bankTransfer',
  ),

  offering('phs-family', 'phs', 'PHS family package', '小灵通亲情套餐', T.phs, [C.fixedNumber]),
  offering('phs-data-card', 'phs', 'PHS wireless data card', '小灵通无线上网卡', T.phsData, [C.fixedNumber]),
  requires(offering('phs-prepaid', 'phs', 'PHS prepaid', '小灵通预付费', T.phsPrepaid, [C.fixedNumber]), 'cashPayment'),
  offering('phs-home-twin', 'phs', 'PHS twinned with the home line', '小灵通家庭联号', T.phs, [C.fixedNumber, C.boundNumber]),
  requires(enterpriseOnly(offering('phs-enterprise-group', 'phs', 'PHS closed user group', '小灵通集团虚拟网', T.phs, [C.fixedNumber])), 'bankTransfer'),

  offering('bb-adsl-1m', 'broadband', 'ADSL 1M', 'ADSL宽带1M', T.adsl, broadbandChars),
  requires(offering('bb-adsl-2m-annual', 'broadband', 'ADSL 2M paid a year ahead', 'ADSL宽带2M包年', T.adsl, broadbandChars), 'cashPayment'),
  offering('bb-fttb-20m', 'broadband', 'Fibre to the building 20M', '光纤到楼宽带20M', T.lan, broadbandChars),
  offering('bb-ftth-100m', 'broadband', 'Fibre to the home 100M', '光纤宽带100M', T.ftth, broadbandChars),
  offering('bb-ftth-300m', 'broadband', 'Fibre to the home 300M', '光纤宽带300M', T.ftth, broadbandChars),
  offering('bb-ftth-1000m', 'broadband', 'Gigabit fibre', '千兆光纤宽带', T.ftth, broadbandChars),
  offering('bb-iptv', 'broadband', 'IPTV', '网络电视IPTV', T.iptv, broadbandChars),
  offering('bb-wlan-hotspot', 'broadband', 'WLAN hotspot access', '无线宽带WLAN', T.wlan, []),
  requires(
    enterpriseOnly(
      offering('bb-enterprise-internet', 'broadband', 'Dedicated internet access', '互联网专线', T.dedicatedLine, [C.installationAddress, C.bandwidth]),
    ),
    'bankTransfer',
  ),
  requires(
    enterpriseOnly(offering('bb-mstp-circuit', 'broadband', 'MSTP data circuit', 'MSTP数据专线', T.mstp, [C.installationAddress, C.bandwidth])),
    'bankTransfer',
  ),
  offering('bb-fttr-2000m', 'broadband', 'Fibre to every room 2000M', '全屋光纤FTTR', T.ftth, broadbandChars, 'draft'),

  offering('gsm-global-38', 'gsm_mobile', 'GSM postpaid 38', '全球通38套餐', T.gsmPostpaid, mobileChars),
  requires(offering('gsm-global-188', 'gsm_mobile', 'GSM postpaid 188', '全球通188套餐', T.gsmPostpaid, mobileChars), 'identityCheck'),
  requires(offering('gsm-global-288', 'gsm_mobile', 'GSM postpaid 288 business travel', '全球通288商旅套餐', T.gsmPostpaid, mobileChars), 'identityCheck'),
  offering('gsm-family-share', 'gsm_mobile', 'Family share plan', '家庭共享套餐', T.gsmPostpaid, mobileChars),
  offering('gsm-4g-58', 'gsm_mobile', '4G plan 58', '4G飞享套餐58元', T.lte, mobileChars),
  offering('gsm-4g-88', 'gsm_mobile', '4G plan 88', '4G飞享套餐88元', T.lte, mobileChars),
  offering('gsm-5g-128', 'gsm_mobile', '5G plan 128', '5G智享套餐128元', T.nr, mobileChars),
  requires(offering('gsm-5g-198', 'gsm_mobile', '5G plan 198', '5G智享套餐198元', T.nr, mobileChars), 'identityCheck'),
  offering('gsm-data-card', 'gsm_mobile', 'Mobile data card', '随身WiFi上网卡', T.lte, mobileChars),
  requires(enterpriseOnly(offering('gsm-iot-card', 'gsm_mobile', 'IoT SIM', '物联网卡', T.iotSim, mobileChars)), 'identityCheck', 'bankTransfer'),

  offering('gsm-prepaid-easy', 'gsm_prepaid', 'Prepaid easy card', '神州行轻松卡', T.gsmPrepaid, mobileChars),
  offering('gsm-prepaid-home', 'gsm_prepaid', 'Prepaid home card', '神州行家园卡', T.gsmPrepaid, mobileChars),
  offering('gsm-prepaid-campus', 'gsm_prepaid', 'Youth campus card', '动感地带校园卡', T.gsmPrepaid, mobileChars),
  offering('gsm-prepaid-music', 'gsm_prepaid', 'Youth music card', '动感地带音乐卡', T.gsmPrepaid, mobileChars),
  requires(
    offering('gsm-prepaid-handset', 'gsm_prepaid', 'Prepaid card with a handset', '购机送话费', T.gsmPrepaid, mobileChars),
    'identityCheck',
    'cashPayment',
  ),
  offering('gsm-prepaid-data', 'gsm_prepaid', 'Prepaid data SIM', '流量卡', T.gsmPrepaid, mobileChars),
  requires(offering('gsm-prepaid-senior', 'gsm_prepaid', 'Senior prepaid card', '老年卡', T.gsmPrepaid, mobileChars), 'identityCheck'),

  offering('ip-17969', 'ip_phone', 'IP long distance 17969', 'IP长途17969', T.ipPhone, attachedChars),
  offering('ip-17951', 'ip_phone', 'Mobile IP long distance 17951', 'IP长途17951', T.ipPhone, attachedChars),
  requires(offering('ip-calling-card', 'ip_phone', 'Prepaid IP calling card', 'IP电话卡', T.callingCard, []), 'cashPayment'),
  requires(offering('ip-17909-international', 'ip_phone', 'IP 17909 international', '17909国际IP长途', T.ipPhone, attachedChars), 'identityCheck'),

  offering('ld-193-monthly', 'long_distance', '193 domestic monthly', '193国内长途包月', T.longDistance, attachedChars),
  requires(offering('ld-193-hmt', 'long_distance', '193 Hong Kong, Macao and Taiwan', '193港澳台长途', T.longDistance, attachedChars), 'identityCheck'),
  offering('ld-family', 'long_distance', 'Family long distance package', '亲情长途包', T.longDistance, attachedChars),
  requires(
    enterpriseOnly(offering('ld-enterprise', 'long_distance', 'Enterprise long distance discount', '集团长途优惠', T.longDistance, attachedChars)),
    'bankTransfer',
  ),

  offering('vas-call-waiting', 'value_added', 'Call waiting', '呼叫等待', T.feature, attachedChars),
  offering('vas-three-way', 'value_added', 'Three-way calling', '三方通话', T.feature, attachedChars),
  requires(offering('vas-international-roaming', 'value_added', 'International roaming', '国际漫游', T.roaming, attachedChars), 'identityCheck', 'cashPayment'),
  offering('vas-data-500m', 'value_added', 'Mobile data pack 500MB', '流量包500M', T.dataPack, attachedChars),
  offering('vas-data-5g', 'value_added', 'Mobile data pack 5GB', '流量包5G', T.dataPack, attachedChars),
  offering('vas-sms-300', 'value_added', 'SMS bundle 300', '短信包300条', T.messagingBundle, attachedChars),
  offering('vas-mobile-newspaper', 'value_added', 'Mobile newspaper', '手机报', T.messagingBundle, attachedChars),
  offering('vas-139-mailbox', 'value_added', '139 mailbox', '139邮箱', T.mailbox, attachedChars),
  offering('vas-missed-call-alert', 'value_added', 'Missed call alert', '来电提醒', T.feature, attachedChars),
  offering('vas-caller-id-block', 'value_added', 'Caller ID restriction', '主叫号码隐藏', T.feature, attachedChars),
  offering('vas-fetion', 'value_added', 'Fetion messaging', '飞信', T.messagingBundle, attachedChars, 'retired'),
];
