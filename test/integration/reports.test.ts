// Daily operations reports on a seeded scenario with figures worked out by hand (see
// test/support/report-scenario.ts): orders and work orders written to the real read model by its own
// writers, on 2–4 March 2026 (China time), read back through GET /reports/daily.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { recordWorkOrder } from '../../db/work-orders.js';
import { recordQualityCheck } from '../../db/quality-checks.js';
import { isSampled } from '../../domain/quality-checks.js';
import type { ReportRow } from '../../domain/reports.js';
import { at, scenarioOrders, scenarioWorkOrders } from '../support/report-scenario.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

let sys: TestSystem;
/**
 * Quality checks sample work orders by id (domain/quality-checks.ts): a prefix whose A and E fall in
 * the sample (0.1 in Dalian and Anshan) and C does not, so the figures below hold.
 */
const prefix = (() => {
  for (;;) {
    const p = `RPT-${randomUUID().slice(0, 8)}`;
    if (isSampled(`${p}-A`, 0.1) && !isSampled(`${p}-C`, 0.1) && isSampled(`${p}-E`, 0.1)) return p;
  }
})();

beforeAll(async () => {
  sys = await startTestSystem();
  const em = sys.orm.em.fork();
  for (const s of scenarioWorkOrders(prefix)) await recordWorkOrder(em, s, 1);
  // A's quality check recorded the next morning, E's (closed by itself) the same afternoon.
  await recordQualityCheck(em, { workOrderId: `${prefix}-A`, result: 'satisfied', by: 'agent-1', role: 'agent', at: at('3T10:30:00') });
  await recordQualityCheck(em, { workOrderId: `${prefix}-E`, result: 'unreachable', by: 'agent-1', role: 'agent', at: at('4T15:00:00') });
  for (const o of scenarioOrders(prefix)) {
    await em.getConnection().execute(
      `insert into product_order (id, customer_id, local_network, channel, agent_id, state, service_lines, items, request, created_by, created_at, updated_at, completed_at)
       values (?, 'C-report', ?, ?, ?, ?, ?::text[], ?::jsonb, ?::jsonb, 'report-test', ?, ?, ?)`,
      [
        o.id,
        o.localNetwork,
        o.agentId ? 'agent' : 'shop',
        o.agentId ?? null,
        o.state,
        `{${o.serviceLines.join(',')}}`,
        // Rows as the API and the workflow write them: the other test files list every order.
        JSON.stringify(
          o.serviceLines.map((line, i) => ({
            itemId: String(i + 1),
            action: 'add',
            offeringId: `${line}-report`,
            serviceLine: line,
            state: o.state === 'failed' ? 'failed' : o.state,
          })),
        ),
        JSON.stringify({
          customerId: 'C-report',
          localNetwork: o.localNetwork,
          channel: 'shop',
          productOrderItem: o.serviceLines.map((line, i) => ({ id: String(i + 1), action: 'add', productOffering: { id: `${line}-report` } })),
        }),
        new Date(o.createdAt).toISOString(),
        new Date(o.completedAt ?? o.createdAt).toISOString(),
        o.completedAt ? new Date(o.completedAt).toISOString() : null,
      ],
    );
  }
});
afterAll(async () => sys?.stop());

const ops = () => sys.token({ roles: ['ops'], localNetworks: '*' });
const report = (query: string, token = ops()) => request(sys.app).get(`/reports/daily?${query}`).set('authorization', `Bearer ${token}`);
const row = (rows: ReportRow[], day: string, group: string) => {
  const r = rows.find((x) => x.day === `2026-03-0${day}` && x.group === group);
  if (!r) throw new Error(`no row for 2026-03-0${day} / ${group} in ${JSON.stringify(rows.map((x) => [x.day, x.group]))}`);
  return r;
};

describe('per local network', () => {
  it('orders by state and service line, finished, lead time p50/p90 and backlog; work-order SLA, handling, backlog, escalations, reopens', async () => {
    const res = await report('from=2026-03-02&to=2026-03-04');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-03-02', to: '2026-03-04', timeZone: 'Asia/Shanghai', groupBy: 'localNetwork' });
    const rows = res.body.rows as ReportRow[];

    // 2 March, Dalian: O1 completed in 30 min, O2 (two lines) completes the next day, O3 failed.
    expect(row(rows, '2', 'dalian').orders).toEqual({
      received: 3,
      byState: { completed: 2, failed: 1 },
      byServiceLine: { gsm_mobile: 2, broadband: 1, fixed_line: 1 },
      finished: { completed: 1, failed: 1 },
      leadTimeSeconds: { p50: 1800, p90: 1800 },
      backlog: 1,
    });
    // Work orders A (30 min, closed) and B (escalated at 15:01, still open at midnight; urged twice,
    // supervised, its supervision's deadline missed at 16:00).
    expect(row(rows, '2', 'dalian').workOrders).toEqual({
      received: 2,
      slaMet: 1,
      slaMissed: 0,
      slaCompliance: 1,
      receipts: 1,
      avgHandlingSeconds: 1800,
      backlog: 1,
      escalations: { total: 1, province: 1, national: 0 },
      reopened: 0,
      closed: 1,
      reopenRate: 0,
      supervision: { urged: 2, placed: 1, replied: 0, repliedInTime: 0, overdue: 1 },
      // A's callback opened at 09:41 and answered at 10:00, in time; A closed and sampled.
      callbacks: { opened: 1, done: 1, overdue: 0, noAnswer: 0 },
      qualityChecks: { sampled: 1, done: 0, satisfied: 0, unsatisfied: 0, unreachable: 0 },
    });

    // 3 March, Dalian: O2 (24 h) and O6 (1 h) completed: p50 = 45000 s, p90 = 3600 + 0.9 × 82800 = 78120 s.
    expect(row(rows, '3', 'dalian').orders).toEqual({
      received: 2,
      byState: { inProgress: 1, completed: 1 },
      byServiceLine: { broadband: 1, gsm_mobile: 1 },
      finished: { completed: 2 },
      leadTimeSeconds: { p50: 45000, p90: 78120 },
      backlog: 1,
    });
    // B answered 18 h after its deadline (22 h of handling); C handled twice in an hour each, reopened,
    // closed in its second round within the deadline: compliance 1/2, handling (79200 + 3600 + 3600) / 3.
    // B's written reply comes late (09:30 for 16:00 the day before), C's supervision is placed and replied in time.
    expect(row(rows, '3', 'dalian').workOrders).toEqual({
      received: 1,
      slaMet: 1,
      slaMissed: 1,
      slaCompliance: 0.5,
      receipts: 3,
      avgHandlingSeconds: 28800,
      backlog: 1,
      escalations: { total: 0, province: 0, national: 0 },
      reopened: 1,
      closed: 1,
      reopenRate: 1,
      supervision: { urged: 0, placed: 1, replied: 2, repliedInTime: 1, overdue: 0 },
      // C's two callbacks, both answered, the first after its 11:41 deadline; C closed, not sampled; A's check recorded.
      callbacks: { opened: 2, done: 2, overdue: 1, noAnswer: 0 },
      qualityChecks: { sampled: 0, done: 1, satisfied: 1, unsatisfied: 0, unreachable: 0 },
    });
    // 4 March: nothing happens but what is still open: O4, and work orders B and D.
    expect(row(rows, '4', 'dalian')).toMatchObject({ orders: { received: 0, backlog: 1 }, workOrders: { received: 0, backlog: 1, receipts: 0 } });
    expect(row(rows, '3', 'shenyang')).toMatchObject({
      orders: { received: 1, finished: { completed: 1 }, leadTimeSeconds: { p50: 1200, p90: 1200 }, backlog: 0 },
      workOrders: { received: 1, backlog: 1, slaCompliance: null, avgHandlingSeconds: null },
    });
    expect(row(rows, '4', 'shenyang').workOrders.backlog).toBe(1);
    // E in Anshan: its callback unanswered past 11:51, closed by itself at 12:00, sampled, unreachable at 15:00.
    expect(row(rows, '4', 'anshan').workOrders).toMatchObject({
      received: 1,
      closed: 1,
      callbacks: { opened: 1, done: 0, overdue: 1, noAnswer: 1 },
      qualityChecks: { sampled: 1, done: 1, satisfied: 0, unsatisfied: 0, unreachable: 1 },
    });
    expect(row(rows, '4', 'dalian').workOrders).toMatchObject({
      callbacks: { opened: 0, done: 0, overdue: 0, noAnswer: 0 },
      qualityChecks: { sampled: 0, done: 0 },
    });
  });

  it('a reader scoped to a local network sees only its figures', async () => {
    const res = await report('from=2026-03-02&to=2026-03-04', sys.token({ roles: ['supervisor'], localNetworks: ['shenyang'] }));
    expect(res.status).toBe(200);
    const groups = new Set((res.body.rows as ReportRow[]).map((r) => r.group));
    expect([...groups]).toEqual(['shenyang']);
  });
});

describe('per department and per role', () => {
  it('departments: their own receipts, handling time, SLA, backlog, escalations and reopens', async () => {
    const rows = (await report('from=2026-03-02&to=2026-03-03&groupBy=department')).body.rows as ReportRow[];
    expect(row(rows, '2', 'dalian-network-maintenance').workOrders).toMatchObject({
      received: 2,
      receipts: 1,
      avgHandlingSeconds: 1800,
      slaMet: 1,
      slaMissed: 0,
      backlog: 1,
      escalations: { total: 1, province: 1 },
      closed: 1,
      reopenRate: 0,
      supervision: { urged: 2, placed: 1, replied: 0, repliedInTime: 0, overdue: 1 },
    });
    expect(row(rows, '3', 'dalian-network-maintenance').workOrders).toMatchObject({
      received: 0,
      receipts: 1,
      avgHandlingSeconds: 79200,
      slaMissed: 1,
      backlog: 0,
      supervision: { urged: 0, placed: 0, replied: 1, repliedInTime: 0, overdue: 0 },
    });
    expect(row(rows, '3', 'dalian-installation').workOrders).toMatchObject({
      received: 1,
      receipts: 2,
      avgHandlingSeconds: 3600,
      slaMet: 1,
      slaMissed: 0,
      backlog: 0,
      reopened: 1,
      closed: 1,
      reopenRate: 1,
      supervision: { urged: 0, placed: 1, replied: 1, repliedInTime: 1, overdue: 0 },
    });
    expect(row(rows, '3', 'shenyang-network-maintenance').workOrders).toMatchObject({ received: 1, backlog: 1 });
    expect(rows.every((r) => r.orders === null)).toBe(true);
    // Callbacks and quality checks are the call centre's: per local network only.
    expect(rows.some((r) => r.workOrders.callbacks !== undefined || r.workOrders.qualityChecks !== undefined)).toBe(false);
  });

  it('department staff get their own department, whatever they ask for', async () => {
    const staff = sys.token({ roles: ['department'], department: 'dalian-installation', localNetworks: [] });
    const res = await report('from=2026-03-02&to=2026-03-04&groupBy=localNetwork', staff);
    expect(res.status).toBe(200);
    expect(res.body.groupBy).toBe('department');
    expect([...new Set((res.body.rows as ReportRow[]).map((r) => r.group))]).toEqual(['dalian-installation']);
  });

  it('roles: who took, answered, escalated and reopened; orders by who placed them', async () => {
    const rows = (await report('from=2026-03-02&to=2026-03-03&groupBy=role')).body.rows as ReportRow[];
    expect(row(rows, '2', 'agent').workOrders).toMatchObject({ received: 2, actions: { created: 2, recordSatisfaction: 1 } });
    expect(row(rows, '2', 'agent').orders).toMatchObject({ received: 1, byServiceLine: { broadband: 1, fixed_line: 1 } });
    expect(row(rows, '2', 'order-entry').orders).toMatchObject({ received: 2, finished: { completed: 1, failed: 1 } });
    expect(row(rows, '2', 'system').workOrders).toMatchObject({
      escalations: { total: 1, province: 1 },
      actions: { classify: 2, dispatch: 2, escalate: 1, notifyCustomer: 1 },
    });
    expect(row(rows, '2', 'department').workOrders).toMatchObject({ receipts: 1, avgHandlingSeconds: 1800, actions: { accept: 1, receipt: 1 } });
    expect(row(rows, '3', 'agent').workOrders).toMatchObject({ received: 2, reopened: 1, actions: { reopen: 1 } });
    expect(row(rows, '3', 'centre').workOrders.actions).toEqual({ approve: 2 });
    expect(row(rows, '2', 'agent').workOrders.actions).toMatchObject({ urge: 2 });
    expect(row(rows, '2', 'supervisor').workOrders).toMatchObject({ actions: { supervise: 1 } });
    expect(row(rows, '2', 'supervisor').workOrders.supervision).toBeUndefined();
    expect(row(rows, '3', 'department').workOrders).toMatchObject({ receipts: 3, avgHandlingSeconds: 28800, slaCompliance: null, backlog: null });
  });
});

describe('CSV and bad requests', () => {
  it('CSV: a header and one line per day and group, the same figures', async () => {
    const res = await report('from=2026-03-02&to=2026-03-02&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('daily-report-localNetwork-2026-03-02-2026-03-02.csv');
    const [header, ...lines] = res.text.trim().split('\n');
    const columns = header!.split(',');
    expect(columns.slice(0, 2)).toEqual(['day', 'group']);
    const dalian = lines.map((l) => l.split(',')).find((cells) => cells[1] === 'dalian')!;
    const cell = (name: string) => dalian[columns.indexOf(name)];
    expect(cell('orders.received')).toBe('3');
    expect(cell('orders.leadTimeSeconds.p50')).toBe('1800');
    expect(cell('workOrders.slaCompliance')).toBe('1');
    expect(cell('workOrders.escalations.province')).toBe('1');
    expect(cell('workOrders.callbacks.done')).toBe('1');
    expect(cell('workOrders.qualityChecks.sampled')).toBe('1');
  });

  it('refuses bad ranges and formats with field errors, and readers without a reporting role', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-03-04&to=2026-03-02', 'query.to'],
      ['from=2026-03-01&to=2026-05-01', 'query.to'],
      ['from=2026-02-30&to=2026-03-02', 'query.from'],
      ['from=yesterday&to=2026-03-02', 'query.from'],
      ['from=2026-03-02&to=2026-03-02&groupBy=planet', 'query.groupBy'],
      ['from=2026-03-02&to=2026-03-02&format=xml', 'query.format'],
      ['to=2026-03-02', 'query.from'],
    ];
    for (const [query, field] of cases) {
      const res = await report(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await report('from=2026-03-02&to=2026-03-02', sys.token({ roles: ['agent'], agentId: 'agent-7' }))).status).toBe(403);
  });
});
