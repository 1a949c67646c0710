// Departments that work orders are dispatched to, as data: the same set of back-office departments
// in every local network, plus the province and national centres that overdue work orders escalate
// to (city centre → province centre → national centre).
import { LOCAL_NETWORK_IDS, type LocalNetworkId } from './local-networks.js';

/** Ordered from lowest to highest: escalation moves one step right. */
export const ESCALATION_LEVELS = ['city', 'province', 'national'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export function levelRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

/** The level above, or undefined at the national level: there is nothing after national. */
export function nextEscalationLevel(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_LEVELS[levelRank(level) + 1];
}

/** Every local network has one department of each of these; its id is `<local network>-<function>`. */
export const CITY_DEPARTMENT_FUNCTIONS = [
  'service-centre',
  'installation',
  'network-maintenance',
  'billing-service',
  'customer-care',
  'broadband-support',
  /** Enterprise (政企) customers' trunk and dedicated-line installations. */
  'enterprise-service',
] as const;
export type CityDepartmentFunction = (typeof CITY_DEPARTMENT_FUNCTIONS)[number];

export const PROVINCE_DEPARTMENT_FUNCTIONS = ['service-centre', 'network-operations'] as const;
export const NATIONAL_DEPARTMENT_FUNCTIONS = ['service-centre'] as const;
export type DepartmentFunction = CityDepartmentFunction | (typeof PROVINCE_DEPARTMENT_FUNCTIONS)[number] | (typeof NATIONAL_DEPARTMENT_FUNCTIONS)[number];

export interface Supervisor {
  id: string;
  name: string;
}

export interface Department {
  id: string;
  name: string;
  nameZh: string;
  level: EscalationLevel;
  /** Set for city departments only: province and national centres serve every local network. */
  localNetwork?: LocalNetworkId;
  function: DepartmentFunction;
  /** Warned before this department's deadlines pass. */
  supervisor: Supervisor;
}

// The one province this deployment serves; its centres are `liaoning-<function>`.
export const PROVINCE_ID = 'liaoning';

const LOCAL_NETWORK_NAMES: Record<LocalNetworkId, [string, string]> = {
  shenyang: ['Shenyang', '沈阳'],
  dalian: ['Dalian', '大连'],
  anshan: ['Anshan', '鞍山'],
  fushun: ['Fushun', '抚顺'],
  benxi: ['Benxi', '本溪'],
  dandong: ['Dandong', '丹东'],
  jinzhou: ['Jinzhou', '锦州'],
  yingkou: ['Yingkou', '营口'],
  fuxin: ['Fuxin', '阜新'],
  liaoyang: ['Liaoyang', '辽阳'],
  panjin: ['Panjin', '盘锦'],
  tieling: ['Tieling', '铁岭'],
  chaoyang: ['Chaoyang', '朝阳'],
  huludao: ['Huludao', '葫芦岛'],
};

const FUNCTION_NAMES: Record<DepartmentFunction, [string, string]> = {
  'service-centre': ['customer service centre', '客户服务中心'],
  installation: ['installation', '装机'],
  'network-maintenance': ['network maintenance', '网络维护'],
  'billing-service': ['billing service', '计费服务'],
  'customer-care': ['customer care', '客户关怀'],
  'broadband-support': ['broadband support', '宽带支持'],
  'enterprise-service': ['enterprise service', '政企客户服务'],
  'network-operations': ['network operations centre', '网络运行维护中心'],
};

function department(
  id: string,
  level: EscalationLevel,
  fn: DepartmentFunction,
  [placeName, placeNameZh]: [string, string],
  localNetwork?: LocalNetworkId,
): Department {
  const [fnName, fnNameZh] = FUNCTION_NAMES[fn];
  return {
    id,
    name: `${placeName} ${fnName}`,
    nameZh: `${placeNameZh}${fnNameZh}`,
    level,
    ...(localNetwork ? { localNetwork } : {}),
    function: fn,
    supervisor: { id: `${id}-supervisor`, name: `${placeName} ${fnName} supervisor` },
  };
}

export function cityDepartmentId(localNetwork: LocalNetworkId, fn: CityDepartmentFunction): string {
  return `${localNetwork}-${fn}`;
}

export const DEPARTMENTS: readonly Department[] = [
  ...LOCAL_NETWORK_IDS.flatMap((ln) => CITY_DEPARTMENT_FUNCTIONS.map((fn) => department(cityDepartmentId(ln, fn), 'city', fn, LOCAL_NETWORK_NAMES[ln], ln))),
  ...PROVINCE_DEPARTMENT_FUNCTIONS.map((fn) => department(`${PROVINCE_ID}-${fn}`, 'province', fn, ['Liaoning province', '辽宁省'])),
  ...NATIONAL_DEPARTMENT_FUNCTIONS.map((fn) => department(`national-${fn}`, 'national', fn, ['National', '全国'])),
];

const BY_ID = new Map(DEPARTMENTS.map((d) => [d.id, d]));

export function departmentById(id: string): Department | undefined {
  return BY_ID.get(id);
}

export function departmentsOfLocalNetwork(localNetwork: LocalNetworkId): Department[] {
  return DEPARTMENTS.filter((d) => d.localNetwork === localNetwork);
}

/** The centre that supervises a work order of `localNetwork` at `level`, and is notified when it escalates there. */
export function escalationTarget(level: EscalationLevel, localNetwork: LocalNetworkId): Department {
  const id =
    level === 'city' ? cityDepartmentId(localNetwork, 'service-centre') : level === 'province' ? `${PROVINCE_ID}-service-centre` : 'national-service-centre';
  return BY_ID.get(id)!;
}

/**
 * Whether a supervisor may act for `departmentId` (transfer its work orders): the supervisor of the
 * department itself, the supervisor of the city service centre of the same local network, or any
 * supervisor working at a higher level.
 */
export function supervises(supervisor: { department?: string; level?: EscalationLevel }, departmentId: string): boolean {
  const target = departmentById(departmentId);
  if (!target) return false;
  if (supervisor.department === departmentId) return true;
  const own = supervisor.department === undefined ? undefined : departmentById(supervisor.department);
  const level = supervisor.level ?? own?.level;
  if (level !== undefined && levelRank(level) > levelRank(target.level)) return true;
  return own?.function === 'service-centre' && own.level === 'city' && own.localNetwork === target.localNetwork;
}
