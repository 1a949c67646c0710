// The supervisor board's pure logic in the web app: its tabs as API filters, its state in the
// address, and the daily report's rows as its charts and their tables show them.
import { describe, expect, it } from '@jest/globals';
import {
  boardParams,
  boardSearch,
  chinaToday,
  departmentCompliance,
  departmentLoad,
  supervisedQuery,
  tabQuery,
  type ReportFigures,
} from '../../web/src/desks/supervisor/board-logic.js';

const figures = (group: string, backlog: number, overdue: number, met: number, missed: number): ReportFigures => ({
  group,
  workOrders: { backlog, overdue, slaMet: met, slaMissed: missed, slaCompliance: met + missed === 0 ? null : met / (met + missed) },
});

describe('the board tabs', () => {
  it('ask the API for what each tab shows', () => {
    expect(tabQuery('overdue')).toEqual({ due: 'overdue' });
    expect(tabQuery('soon')).toEqual({ due: 'soon' });
    expect(tabQuery('escalated')).toEqual({ escalated: 'true' });
    expect(tabQuery('all')).toEqual({});
  });

  it('add the hand-over filter to any worklist tab', () => {
    expect(tabQuery('overdue', 'true')).toEqual({ due: 'overdue', handOver: 'true' });
    expect(tabQuery('escalated', 'false')).toEqual({ escalated: 'true', handOver: 'false' });
    expect(tabQuery('all', 'true')).toEqual({ handOver: 'true' });
  });

  it("ask for the supervised tab's filters only when set", () => {
    expect(supervisedQuery({ status: undefined, level: undefined, mine: false })).toEqual({});
    expect(supervisedQuery({ status: 'awaiting', level: 'province', mine: true })).toEqual({ status: 'awaiting', level: 'province', mine: 'true' });
  });
});

describe('the board in the address', () => {
  it('reads back what it wrote, and only what differs from the defaults', () => {
    const none = { handOver: undefined, status: undefined, level: undefined, mine: false };
    const state = { ...none, tab: 'soon' as const, handOver: 'true' as const, localNetwork: 'dalian', page: 3, size: 50, day: '2026-03-02' };
    const search = boardSearch(state);
    expect(search.toString()).toBe('tab=soon&localNetwork=dalian&handOver=true&page=3&size=50&day=2026-03-02');
    expect(boardParams(search, ['dalian'])).toEqual(state);
    expect(boardSearch(boardParams(new URLSearchParams(), ['dalian'])).toString()).toBe('');
    const supervised = {
      ...none,
      tab: 'supervised' as const,
      status: 'replied' as const,
      level: 'city' as const,
      mine: true,
      localNetwork: undefined,
      page: 1,
      size: 20,
      day: undefined,
    };
    expect(boardSearch(supervised).toString()).toBe('tab=supervised&status=replied&level=city&mine=true');
    expect(boardParams(boardSearch(supervised), ['dalian'])).toEqual(supervised);
  });

  it("keeps each tab's own filters: the hand-over filter not on the supervised tab, its filters not on the others", () => {
    const params = new URLSearchParams('tab=supervised&handOver=true&status=awaiting');
    expect(boardSearch(boardParams(params, ['dalian'])).toString()).toBe('tab=supervised&status=awaiting');
    expect(boardSearch({ ...boardParams(params, ['dalian']), tab: 'all' }).toString()).toBe('tab=all&handOver=true');
  });

  it('falls back to the defaults for values it does not know, or networks not watched', () => {
    expect(
      boardParams(new URLSearchParams('tab=late&localNetwork=shenyang&page=-2&size=7&day=today&handOver=yes&status=late&level=galaxy&mine=1'), ['dalian']),
    ).toEqual({
      tab: 'overdue',
      handOver: undefined,
      status: undefined,
      level: undefined,
      mine: false,
      localNetwork: undefined,
      page: 1,
      size: 20,
      day: undefined,
    });
  });

  it("knows today's China business day", () => {
    // 17:00 UTC on 1 March is 01:00 on 2 March in China.
    expect(chinaToday(Date.UTC(2026, 2, 1, 17))).toBe('2026-03-02');
    expect(chinaToday(Date.UTC(2026, 2, 1, 15))).toBe('2026-03-01');
  });
});

describe("the charts' figures", () => {
  const rows = [figures('a-care', 3, 1, 1, 1), figures('b-billing', 0, 0, 2, 0), figures('c-install', 7, 0, 0, 0), figures('d-care', 3, 2, 0, 3)];

  it('load: departments with open work orders, most first, ties by overdue then name; at most the limit', () => {
    expect(departmentLoad(rows)).toEqual([
      { department: 'c-install', open: 7, overdue: 0 },
      { department: 'd-care', open: 3, overdue: 2 },
      { department: 'a-care', open: 3, overdue: 1 },
    ]);
    expect(departmentLoad(rows, 1)).toHaveLength(1);
  });

  it('compliance: departments with receipts, as per cent on time, lowest first', () => {
    expect(departmentCompliance(rows)).toEqual([
      { department: 'd-care', onTime: 0, met: 0, missed: 3 },
      { department: 'a-care', onTime: 50, met: 1, missed: 1 },
      { department: 'b-billing', onTime: 100, met: 2, missed: 0 },
    ]);
  });
});
