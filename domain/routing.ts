// Which department(s) a work order is dispatched to, as data. Rules match on type, service line,
// local network, customer tier, priority and category (an omitted criterion matches anything; a
// category matches its whole branch of the tree); the matching
// rule with the lowest `priority` number wins, ties going to the earlier rule. A rule naming several
// targets dispatches to all of them at once (co-handling). Targets are department functions, resolved
// in the local network that handles the order, or fixed department ids (province centres).
import type { ServiceLine } from './catalog.js';
import type { CustomerTier } from './customer.js';
import type { LocalNetworkId } from './local-networks.js';
import { CITY_DEPARTMENT_FUNCTIONS, cityDepartmentId, departmentById, type CityDepartmentFunction } from './departments.js';
import { handlingLocalNetwork, type Priority, type WorkOrderSnapshot, type WorkOrderType } from './work-order.js';
import { categoryById, isInCategory } from './work-order-categories.js';
import { NATIONAL_CENTRE, NATIONAL_DIRECT_TYPES, NATIONAL_SERVICES, type NationalService } from './national-centre.js';

export interface RoutingInput {
  type: WorkOrderType;
  serviceLine: ServiceLine;
  /** The local network that handles the order (the home network of a roaming complaint). */
  localNetwork: LocalNetworkId;
  tier: CustomerTier;
  priority: Priority;
  /** For a field installation raised by an order: its fulfilment template's department function. */
  installationDepartment?: CityDepartmentFunction;
  /** Its category (work-order-categories.ts), when it has one. */
  category?: string;
  /** The national service a complaint is about (national-centre.ts), when it is about one. */
  nationalService?: NationalService;
}

export interface RoutingMatch {
  types?: readonly WorkOrderType[];
  serviceLines?: readonly ServiceLine[];
  localNetworks?: readonly LocalNetworkId[];
  tiers?: readonly CustomerTier[];
  priorities?: readonly Priority[];
  /** Field installations whose template names one of these department functions. */
  installationDepartments?: readonly CityDepartmentFunction[];
  /** Work orders in one of these categories or under them (a work order without a category never matches). */
  categories?: readonly string[];
  /** Work orders about one of these national services (a work order about none never matches). */
  nationalServices?: readonly NationalService[];
}

/**
 * A department function in the handling local network, a fixed department, or the department the
 * order's fulfilment template names for its installation (`otherwise` when the work order comes
 * from no order, e.g. a service request taken by the call centre).
 */
export type RoutingTarget = { function: CityDepartmentFunction } | { department: string } | { fromTemplate: true; otherwise: CityDepartmentFunction };

export interface RoutingRule {
  id: string;
  /** Lower is tried first. */
  priority: number;
  match: RoutingMatch;
  targets: readonly RoutingTarget[];
  reason: string;
}

export interface RoutingDecision {
  /** Several = co-handling. */
  departments: string[];
  ruleId: string;
  reason: string;
}

/** Matches everything: whatever no other rule claims goes to the local customer-care department. */
export const DEFAULT_ROUTING_RULE: RoutingRule = {
  id: 'default',
  priority: Number.MAX_SAFE_INTEGER,
  match: {},
  targets: [{ function: 'customer-care' }],
  reason: 'no specific rule: local customer care handles it',
};

export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [
  {
    // The national centre's complaint seats take complaints about service quality (seeds/004, 2.1).
    id: 'national-service-complaint',
    priority: 5,
    match: { types: NATIONAL_DIRECT_TYPES, nationalServices: NATIONAL_SERVICES },
    targets: [{ department: NATIONAL_CENTRE }],
    reason: 'a complaint about a national service: the national centre handles it directly',
  },
  {
    id: 'vip-broadband-fault',
    priority: 10,
    match: { types: ['fault_report'], serviceLines: ['broadband'], tiers: ['gold', 'vip'] },
    targets: [{ function: 'broadband-support' }, { function: 'network-maintenance' }],
    reason: 'broadband fault of a gold/VIP customer: broadband support and network maintenance work it together',
  },
  {
    id: 'critical-fault',
    priority: 20,
    match: { types: ['fault_report'], priorities: ['critical'] },
    targets: [{ function: 'network-maintenance' }, { function: 'customer-care' }],
    reason: 'critical fault: network maintenance repairs, customer care keeps the customer informed',
  },
  {
    id: 'long-distance-fault',
    priority: 30,
    match: { types: ['fault_report'], serviceLines: ['long_distance'] },
    targets: [{ department: 'liaoning-network-operations' }],
    reason: 'long-distance (193) faults are on the provincial trunk network',
  },
  {
    id: 'broadband-fault',
    priority: 40,
    match: { types: ['fault_report'], serviceLines: ['broadband'] },
    targets: [{ function: 'broadband-support' }],
    reason: 'broadband fault',
  },
  {
    id: 'fault',
    priority: 50,
    match: { types: ['fault_report'] },
    targets: [{ function: 'network-maintenance' }],
    reason: 'line or network fault',
  },
  {
    id: 'vip-complaint',
    priority: 60,
    match: { types: ['complaint'], tiers: ['vip'] },
    targets: [{ function: 'customer-care' }, { function: 'billing-service' }],
    reason: 'VIP complaint: the account manager in customer care and billing service handle it together',
  },
  {
    id: 'billing-dispute',
    priority: 65,
    match: { types: ['complaint'], categories: ['billing-dispute'] },
    targets: [{ function: 'billing-service' }],
    reason: 'a billing dispute: billing service checks the charges, whatever the service line',
  },
  {
    id: 'billing-complaint',
    priority: 70,
    match: { types: ['complaint'], serviceLines: ['long_distance', 'ip_phone', 'value_added', 'gsm_prepaid'] },
    targets: [{ function: 'billing-service' }],
    reason: 'complaints on usage-charged services are mostly about charges',
  },
  {
    id: 'enterprise-installation',
    priority: 75,
    match: { types: ['service_request'], installationDepartments: ['enterprise-service'] },
    targets: [{ function: 'enterprise-service' }],
    reason: 'enterprise trunks and dedicated lines are installed by the enterprise service department',
  },
  {
    // Dalian's broadband department installs its own lines in the new residential areas.
    id: 'dalian-broadband-request',
    priority: 80,
    match: { types: ['service_request'], serviceLines: ['broadband'], localNetworks: ['dalian'] },
    targets: [{ function: 'broadband-support' }],
    reason: 'Dalian: broadband support installs broadband itself',
  },
  {
    id: 'installation-request',
    priority: 90,
    match: { types: ['service_request'], serviceLines: ['fixed_line', 'phs', 'broadband'] },
    targets: [{ fromTemplate: true, otherwise: 'installation' }],
    reason: 'a wired service request needs a field installation, by the department its template names',
  },
  {
    id: 'mobile-request',
    priority: 100,
    match: { types: ['service_request'], serviceLines: ['gsm_mobile', 'gsm_prepaid', 'ip_phone', 'value_added'] },
    targets: [{ function: 'billing-service' }],
    reason: 'mobile and value-added service changes are made in billing',
  },
  {
    id: 'billing-inquiry',
    priority: 110,
    match: { types: ['inquiry'], serviceLines: ['long_distance', 'ip_phone', 'value_added'] },
    targets: [{ function: 'billing-service' }],
    reason: 'inquiries on usage-charged services are about charges',
  },
  DEFAULT_ROUTING_RULE,
];

function matches(m: RoutingMatch, input: RoutingInput): boolean {
  const ok = <T>(allowed: readonly T[] | undefined, value: T) => allowed === undefined || allowed.includes(value);
  return (
    ok(m.types, input.type) &&
    ok(m.serviceLines, input.serviceLine) &&
    ok(m.localNetworks, input.localNetwork) &&
    ok(m.tiers, input.tier) &&
    ok(m.priorities, input.priority) &&
    (m.installationDepartments === undefined ||
      (input.installationDepartment !== undefined && m.installationDepartments.includes(input.installationDepartment))) &&
    (m.categories === undefined || m.categories.some((c) => isInCategory(input.category, c))) &&
    (m.nationalServices === undefined || (input.nationalService !== undefined && m.nationalServices.includes(input.nationalService)))
  );
}

function resolveTarget(t: RoutingTarget, input: RoutingInput): string {
  if ('department' in t) return t.department;
  return cityDepartmentId(input.localNetwork, 'function' in t ? t.function : (input.installationDepartment ?? t.otherwise));
}

/** The first matching rule's departments; DEFAULT_ROUTING_RULE when no rule matches. */
export function routeWorkOrder(input: RoutingInput, rules: readonly RoutingRule[] = DEFAULT_ROUTING_RULES): RoutingDecision {
  // Array#sort is stable, so equal priorities keep the order they are listed in.
  const rule = [...rules].sort((a, b) => a.priority - b.priority).find((r) => matches(r.match, input)) ?? DEFAULT_ROUTING_RULE;
  const departments = [...new Set(rule.targets.map((t) => resolveTarget(t, input)))];
  return { departments, ruleId: rule.id, reason: rule.reason };
}

/** Routing input of a work order: routed in the local network that handles it. */
export function routingInputOf(s: WorkOrderSnapshot, installationDepartment?: CityDepartmentFunction): RoutingInput {
  return {
    type: s.type,
    serviceLine: s.serviceLine,
    localNetwork: handlingLocalNetwork(s),
    tier: s.customer.tier,
    priority: s.priority,
    ...(installationDepartment ? { installationDepartment } : {}),
    ...(s.category !== undefined ? { category: s.category } : {}),
    ...(s.nationalService !== undefined ? { nationalService: s.nationalService } : {}),
  };
}

/** Problems with a rule set (for rules loaded from configuration), empty when it is usable. */
export function validateRoutingRules(rules: readonly RoutingRule[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) problems.push(`rule ${r.id}: id used twice`);
    ids.add(r.id);
    if (!Number.isFinite(r.priority)) problems.push(`rule ${r.id}: priority must be a number`);
    if (r.targets.length === 0) problems.push(`rule ${r.id}: no target department`);
    for (const t of r.targets) {
      const fn = 'function' in t ? t.function : 'otherwise' in t ? t.otherwise : undefined;
      if (fn !== undefined && !CITY_DEPARTMENT_FUNCTIONS.includes(fn)) problems.push(`rule ${r.id}: unknown department function ${fn}`);
      if ('department' in t && !departmentById(t.department)) problems.push(`rule ${r.id}: unknown department ${t.department}`);
    }
    for (const c of r.match.categories ?? []) if (!categoryById(c)) problems.push(`rule ${r.id}: unknown category ${c}`);
  }
  return problems;
}
