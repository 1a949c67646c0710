import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ROUTING_RULES, routeWorkOrder, validateRoutingRules, type RoutingInput, type RoutingRule } from '../../domain/routing.js';
import { departmentById, escalationTarget, supervises, DEPARTMENTS } from '../../domain/departments.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { SERVICE_LINES } from '../../domain/catalog.js';
import { CUSTOMER_TIERS } from '../../domain/customer.js';
import { PRIORITIES, WORK_ORDER_TYPES } from '../../domain/work-order.js';

const input = (o: Partial<RoutingInput> = {}): RoutingInput => ({
  type: 'fault_report',
  serviceLine: 'fixed_line',
  localNetwork: 'jinzhou',
  tier: 'ordinary',
  priority: 'medium',
  ...o,
});

describe('routing', () => {
  it('sends a line fault to the local network maintenance', () => {
    expect(routeWorkOrder(input())).toEqual({ departments: ['jinzhou-network-maintenance'], ruleId: 'fault', reason: 'line or network fault' });
  });

  it('routes by service line and tier', () => {
    expect(routeWorkOrder(input({ serviceLine: 'broadband' })).departments).toEqual(['jinzhou-broadband-support']);
    expect(routeWorkOrder(input({ type: 'complaint', serviceLine: 'value_added' })).departments).toEqual(['jinzhou-billing-service']);
    expect(routeWorkOrder(input({ type: 'service_request', serviceLine: 'phs' })).departments).toEqual(['jinzhou-installation']);
  });

  it('dispatches to several departments at once for co-handling', () => {
    const vip = routeWorkOrder(input({ serviceLine: 'broadband', tier: 'vip' }));
    expect(vip).toMatchObject({ ruleId: 'vip-broadband-fault', departments: ['jinzhou-broadband-support', 'jinzhou-network-maintenance'] });
    const critical = routeWorkOrder(input({ priority: 'critical' }));
    expect(critical.departments).toEqual(['jinzhou-network-maintenance', 'jinzhou-customer-care']);
    const vipComplaint = routeWorkOrder(input({ type: 'complaint', tier: 'vip' }));
    expect(vipComplaint.departments).toHaveLength(2);
  });

  it('sends long-distance faults to the province network operations centre', () => {
    expect(routeWorkOrder(input({ serviceLine: 'long_distance' })).departments).toEqual(['liaoning-network-operations']);
  });

  it('applies a local network’s own rule only there', () => {
    const req = { type: 'service_request', serviceLine: 'broadband' } as const;
    expect(routeWorkOrder(input({ ...req, localNetwork: 'dalian' }))).toMatchObject({
      ruleId: 'dalian-broadband-request',
      departments: ['dalian-broadband-support'],
    });
    expect(routeWorkOrder(input({ ...req, localNetwork: 'shenyang' }))).toMatchObject({
      ruleId: 'installation-request',
      departments: ['shenyang-installation'],
    });
  });

  it('routes a field installation to the department its template names, unless a rule says otherwise', () => {
    const install = (o: Partial<RoutingInput>) => routeWorkOrder(input({ type: 'service_request', ...o }));
    // Broadband support installs broadband itself in Dalian (rule dalian-broadband-request): an
    // installation raised by an order follows the rule like a request taken by the call centre.
    expect(install({ serviceLine: 'broadband', localNetwork: 'dalian', installationDepartment: 'installation' })).toMatchObject({
      ruleId: 'dalian-broadband-request',
      departments: ['dalian-broadband-support'],
    });
    expect(install({ serviceLine: 'broadband', localNetwork: 'shenyang', installationDepartment: 'installation' }).departments).toEqual([
      'shenyang-installation',
    ]);
    // Enterprise trunks and dedicated lines: the template's enterprise service department, in Dalian too.
    for (const localNetwork of ['dalian', 'anshan'] as const) {
      for (const serviceLine of ['broadband', 'fixed_line'] as const) {
        expect(install({ serviceLine, localNetwork, installationDepartment: 'enterprise-service' }).departments).toEqual([
          `${localNetwork}-enterprise-service`,
        ]);
      }
    }
    // A service request from the call centre names no template: the installation department.
    expect(install({ serviceLine: 'fixed_line', localNetwork: 'anshan' }).departments).toEqual(['anshan-installation']);
  });

  it('falls back to the default rule', () => {
    expect(routeWorkOrder(input({ type: 'suggestion' }))).toMatchObject({ ruleId: 'default', departments: ['jinzhou-customer-care'] });
    expect(routeWorkOrder(input(), [])).toMatchObject({ ruleId: 'default' });
  });

  it('lets the explicit rule priority win over the order of the list', () => {
    const rules: RoutingRule[] = [
      { id: 'late', priority: 50, match: { types: ['inquiry'] }, targets: [{ function: 'customer-care' }], reason: 'late' },
      { id: 'early', priority: 5, match: { tiers: ['gold'] }, targets: [{ department: 'liaoning-service-centre' }], reason: 'early' },
      { id: 'tie', priority: 5, match: {}, targets: [{ function: 'installation' }], reason: 'listed after early' },
    ];
    expect(routeWorkOrder(input({ type: 'inquiry', tier: 'gold' }), rules).ruleId).toBe('early');
    expect(routeWorkOrder(input({ type: 'inquiry' }), rules).ruleId).toBe('tie');
  });

  it('only ever names departments that exist, for every combination', () => {
    expect(validateRoutingRules(DEFAULT_ROUTING_RULES)).toEqual([]);
    for (const localNetwork of LOCAL_NETWORK_IDS)
      for (const type of WORK_ORDER_TYPES)
        for (const serviceLine of SERVICE_LINES)
          for (const tier of CUSTOMER_TIERS)
            for (const priority of PRIORITIES) {
              const { departments } = routeWorkOrder({ type, serviceLine, localNetwork, tier, priority });
              expect(departments.length > 0 && departments.every((d) => departmentById(d))).toBe(true);
            }
  });

  it('reports problems with a rule set', () => {
    const bad: RoutingRule[] = [
      { id: 'x', priority: 1, match: {}, targets: [], reason: '' },
      { id: 'x', priority: 2, match: {}, targets: [{ department: 'nowhere' }, { function: 'catering' as never }], reason: '' },
    ];
    expect(validateRoutingRules(bad)).toEqual([
      'rule x: no target department',
      'rule x: id used twice',
      'rule x: unknown department nowhere',
      'rule x: unknown department function catering',
    ]);
  });
});

describe('departments', () => {
  it('has every department of every local network, with a supervisor and a level', () => {
    expect(DEPARTMENTS.filter((d) => d.level === 'city')).toHaveLength(14 * 7);
    expect(departmentById('dalian-enterprise-service')).toMatchObject({ level: 'city', nameZh: '大连政企客户服务' });
    expect(departmentById('huludao-installation')).toMatchObject({ level: 'city', localNetwork: 'huludao', nameZh: '葫芦岛装机' });
    expect(departmentById('huludao-installation')?.supervisor.id).toBe('huludao-installation-supervisor');
    expect(departmentById('liaoning-service-centre')?.level).toBe('province');
    expect(departmentById('national-service-centre')?.level).toBe('national');
    expect(departmentById('nowhere')).toBeUndefined();
  });

  it('escalates city → province → national centres', () => {
    expect(['city', 'province', 'national'].map((l) => escalationTarget(l as 'city', 'fuxin').id)).toEqual([
      'fuxin-service-centre',
      'liaoning-service-centre',
      'national-service-centre',
    ]);
  });

  it('knows who supervises a department', () => {
    expect(supervises({ department: 'fuxin-installation' }, 'fuxin-installation')).toBe(true);
    expect(supervises({ department: 'fuxin-service-centre' }, 'fuxin-installation')).toBe(true);
    expect(supervises({ department: 'dalian-service-centre' }, 'fuxin-installation')).toBe(false);
    expect(supervises({ department: 'fuxin-billing-service' }, 'fuxin-installation')).toBe(false);
    expect(supervises({ department: 'liaoning-service-centre' }, 'fuxin-installation')).toBe(true);
    expect(supervises({ level: 'province' }, 'liaoning-network-operations')).toBe(false);
    expect(supervises({ level: 'national' }, 'liaoning-network-operations')).toBe(true);
  });
});
