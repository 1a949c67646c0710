// The reports page's pure logic in the web app: the range's totals per group from the daily rows,
// the default range, and the CSV it downloads (byte order mark, quoting, no formulas).
import { describe, expect, it } from '@jest/globals';
import {
  blockOf,
  blocksIn,
  chinaToday,
  daysBefore,
  FIGURE_BLOCKS,
  hours,
  keysOf,
  percent,
  toCsv,
  totalsByGroup,
  type ReportRow,
} from '../../web/src/desks/reports/report-logic.js';

const row = (day: string, group: string, o: Partial<NonNullable<ReportRow['orders']>> | null, w: Partial<ReportRow['workOrders']> = {}): ReportRow => ({
  day,
  group,
  orders: o === null ? null : { received: 0, byState: {}, byServiceLine: {}, finished: {}, leadTimeSeconds: { p50: null, p90: null }, backlog: 0, ...o },
  workOrders: {
    received: 0,
    slaMet: 0,
    slaMissed: 0,
    slaCompliance: null,
    receipts: 0,
    avgHandlingSeconds: null,
    backlog: 0,
    escalations: { total: 0, province: 0, national: 0 },
    reopened: 0,
    closed: 0,
    reopenRate: null,
    ...w,
  },
});

describe('totals per group over the range', () => {
  it('add the counts of each day, keep the groups in order and work out the compliance of the whole range', () => {
    const rows = [
      row(
        '2026-03-01',
        'dalian',
        { received: 3, byState: { completed: 2, failed: 1 }, byServiceLine: { broadband: 3 } },
        { received: 4, slaMet: 3, slaMissed: 1, escalations: { total: 2, province: 2, national: 0 }, reopened: 1 },
      ),
      row('2026-03-01', 'shenyang', { received: 1, byState: { inProgress: 1 }, byServiceLine: { gsm_mobile: 1 } }),
      row(
        '2026-03-02',
        'dalian',
        { received: 2, byState: { completed: 2 }, byServiceLine: { broadband: 1, fixed_line: 1 } },
        { received: 1, slaMet: 0, slaMissed: 1 },
      ),
    ];
    const [dalian, shenyang] = totalsByGroup(rows);
    expect(dalian).toEqual({
      group: 'dalian',
      orders: { received: 5, byState: { completed: 4, failed: 1 }, byServiceLine: { broadband: 4, fixed_line: 1 } },
      workOrders: { received: 5, slaMet: 3, slaMissed: 2, slaCompliancePercent: 60, escalated: 2, reopened: 1, closed: 0, receipts: 0 },
      blocks: { supervision: null, callbacks: null, qualityChecks: null },
    });
    expect(shenyang!.workOrders.slaCompliancePercent).toBeNull();
    expect(keysOf([dalian!.orders!.byState, shenyang!.orders!.byState])).toEqual(['completed', 'failed', 'inProgress']);
  });

  it('leave figures the grouping does not report as null, not 0 (departments: no orders; roles: no SLA)', () => {
    const [dept] = totalsByGroup([
      row('2026-03-01', 'dalian-installation', null, { received: null, slaMet: 2 }),
      row('2026-03-02', 'dalian-installation', null, { received: null }),
    ]);
    expect(dept!.orders).toBeNull();
    expect(dept!.workOrders.received).toBeNull();
    expect(dept!.workOrders.slaMet).toBe(2);
  });
});

describe('the figure blocks (supervision, callbacks, quality checks)', () => {
  const supervision = (urged: number, placed: number, replied: number, repliedInTime: number, overdue: number) => ({
    urged,
    placed,
    replied,
    repliedInTime,
    overdue,
  });
  const rows = [
    row('2026-03-01', 'dalian', null, {
      supervision: supervision(2, 1, 1, 1, 0),
      callbacks: { opened: 3, done: 2, overdue: 1, noAnswer: 0 },
      qualityChecks: { sampled: 1, done: 1, satisfied: 1, unsatisfied: 0, unreachable: 0 },
    }),
    row('2026-03-02', 'dalian', null, { supervision: supervision(1, 2, 0, 0, 1) }),
    row('2026-03-02', 'shenyang', null),
  ];

  it('are read from a row where it has them, null where its grouping has none', () => {
    expect(blockOf(rows[0]!, 'callbacks')).toEqual({ opened: 3, done: 2, overdue: 1, noAnswer: 0 });
    expect(blockOf(rows[1]!, 'callbacks')).toBeNull();
    expect(blockOf(rows[2]!, 'supervision')).toBeNull();
  });

  it('are shown only when some row has them, in the order of FIGURE_BLOCKS', () => {
    expect(blocksIn(rows)).toEqual(['supervision', 'callbacks', 'qualityChecks']);
    expect(blocksIn([rows[1]!])).toEqual(['supervision']);
    expect(blocksIn([rows[2]!])).toEqual([]);
    expect(Object.keys(FIGURE_BLOCKS)).toEqual(['supervision', 'callbacks', 'qualityChecks']);
  });

  it('add up over the days per group; a group with none of a block has null, not 0', () => {
    const [dalian, shenyang] = totalsByGroup(rows);
    expect(dalian!.blocks).toEqual({
      supervision: supervision(3, 3, 1, 1, 1),
      callbacks: { opened: 3, done: 2, overdue: 1, noAnswer: 0 },
      qualityChecks: { sampled: 1, done: 1, satisfied: 1, unsatisfied: 0, unreachable: 0 },
    });
    expect(shenyang!.blocks).toEqual({ supervision: null, callbacks: null, qualityChecks: null });
  });
});

describe('days and units', () => {
  it('count business days in China time and show hours and percent rounded', () => {
    expect(chinaToday(Date.parse('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaToday(Date.parse('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(daysBefore('2026-03-02', 6)).toBe('2026-02-24');
    expect(hours(5400)).toBe(1.5);
    expect(hours(null)).toBeNull();
    expect(percent(0.666)).toBe(67);
  });
});

describe('the CSV', () => {
  it('starts with a byte order mark, quotes what needs it and writes formulas as text', () => {
    const csv = toCsv(
      [row('2026-03-01', '=HYPERLINK("x")', { received: 3 }), row('2026-03-02', '大连, 本地网', null)],
      [
        { title: '日期', value: (r) => r.day },
        { title: '分组', value: (r) => r.group },
        { title: 'Orders "received"', value: (r) => r.orders?.received },
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['日期,分组,"Orders ""received"""', `2026-03-01,"'=HYPERLINK(""x"")",3`, '2026-03-02,"大连, 本地网",', '']);
  });
});
