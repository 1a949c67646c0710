// The board's pure logic, no React: its tabs and the address they live in, and the daily report's
// rows as the charts and their tables show them. test/unit/supervisor-board-web.test.ts covers it.

/** The board's tabs: each a filter of GET /supervision/worklist. */
export const BOARD_TABS = ['overdue', 'soon', 'escalated', 'all'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];

export function tabQuery(tab: BoardTab): { due?: 'overdue' | 'soon'; escalated?: 'true' } {
  if (tab === 'overdue' || tab === 'soon') return { due: tab };
  if (tab === 'escalated') return { escalated: 'true' };
  return {};
}

export const PAGE_SIZES = [10, 20, 50];

/** The board's state from the address: unknown values fall back to the defaults. */
export function boardParams(params: URLSearchParams, localNetworks: readonly string[]) {
  const tab = BOARD_TABS.includes(params.get('tab') as BoardTab) ? (params.get('tab') as BoardTab) : 'overdue';
  const network = params.get('localNetwork');
  const day = params.get('day');
  return {
    tab,
    localNetwork: network && localNetworks.includes(network) ? network : undefined,
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    size: PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20,
    day: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined,
  };
}
export type BoardParams = ReturnType<typeof boardParams>;

/** The address of a board state: only what differs from the defaults. */
export function boardSearch(s: BoardParams): URLSearchParams {
  const out = new URLSearchParams();
  if (s.tab !== 'overdue') out.set('tab', s.tab);
  if (s.localNetwork) out.set('localNetwork', s.localNetwork);
  if (s.page > 1) out.set('page', String(s.page));
  if (s.size !== 20) out.set('size', String(s.size));
  if (s.day) out.set('day', s.day);
  return out;
}

/** Today as a China business day (the daily report's days), YYYY-MM-DD. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface ReportFigures {
  group: string;
  workOrders: { backlog: number | null; overdue?: number; slaCompliance: number | null; slaMet: number | null; slaMissed: number | null };
}

export interface DepartmentLoad {
  department: string;
  open: number;
  overdue: number;
}

export interface DepartmentCompliance {
  department: string;
  /** Per cent, one decimal. */
  onTime: number;
  met: number;
  missed: number;
}

/** The departments with open work orders, most first (the heaviest `limit`), ties by name. */
export function departmentLoad(rows: readonly ReportFigures[], limit = 12): DepartmentLoad[] {
  return rows
    .map((r) => ({ department: r.group, open: r.workOrders.backlog ?? 0, overdue: r.workOrders.overdue ?? 0 }))
    .filter((r) => r.open > 0)
    .sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.department.localeCompare(b.department))
    .slice(0, limit);
}

/** The departments with receipts that day, and the share of them on time, lowest first (the ones to look at). */
export function departmentCompliance(rows: readonly ReportFigures[], limit = 12): DepartmentCompliance[] {
  return rows
    .filter((r) => r.workOrders.slaCompliance !== null)
    .map((r) => ({
      department: r.group,
      onTime: Math.round(r.workOrders.slaCompliance! * 1000) / 10,
      met: r.workOrders.slaMet ?? 0,
      missed: r.workOrders.slaMissed ?? 0,
    }))
    .sort((a, b) => a.onTime - b.onTime || a.department.localeCompare(b.department))
    .slice(0, limit);
}
