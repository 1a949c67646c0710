// The product catalog: offerings per service line, each with a lifecycle and a fulfilment template.
// Templates are data, so a new offering (or a new way to fulfil one) needs no code change.
import type { CustomerKind } from './customer.js';
import type { CityDepartmentFunction } from './departments.js';
import type { NumberFormat } from './phone-number.js';

export const SERVICE_LINES = ['fixed_line', 'phs', 'broadband', 'gsm_mobile', 'gsm_prepaid', 'ip_phone', 'long_distance', 'value_added'] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

export const OFFERING_LIFECYCLES = ['draft', 'active', 'retired'] as const;
export type OfferingLifecycle = (typeof OFFERING_LIFECYCLES)[number];

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
  },
  lan: {
    resources: ['port', 'ip'],
    networkActions: ['lanSwitch.configurePort', 'radius.createAccount'],
    fieldInstallation: true,
    installationDepartment: 'installation',
    allowedActions: ALL_ACTIONS,
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
  feature: {
    resources: [],
    networkActions: ['switch.enableFeature'],
    fieldInstallation: false,
    allowedActions: ['add', 'delete'],
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
];
