// The board's pure logic, no React: its tabs and the address they live in, and the daily report's
// rows as the charts and their tables show them. test/unit/supervisor-board-web.test.ts covers it.
import { PAGE_SIZES } from '../../shared/limits.js';

/** The board's tabs: the first four filters of GET /supervision/worklist; `supervised` GET /supervision/supervised. */
export const BOARD_TABS = ['overdue', 'soon', 'escalated', 'all', 'supervised'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];
/** The tabs that list open assignments (GET /supervision/worklist), with a count each. */
export type WorklistTab = Exclude<BoardTab, 'supervised'>;

export const HAND_OVER = ['true', 'false'] as const;
export type HandOverFilter = (typeof HAND_OVER)[number];
export const SUPERVISION_STATUSES = ['awaiting', 'overdue', 'replied'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const SUPERVISION_LEVELS = ['city', 'province', 'national'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export function tabQuery(tab: WorklistTab, handOver?: HandOverFilter): { due?: 'overdue' | 'soon'; escalated?: 'true'; handOver?: HandOverFilter } {
  const filter = handOver ? { handOver } : {};
  if (tab === 'overdue' || tab === 'soon') return { due: tab, ...filter };
  if (tab === 'escalated') return { escalated: 'true', ...filter };
  return filter;
}

/** The Supervised tab's filters as GET /supervision/supervised takes them. */
export function supervisedQuery(s: Pick<BoardParams, 'status' | 'level' | 'mine'>): {
  status?: SupervisionStatus;
  level?: SupervisionLevel;
  mine?: 'true';
} {
  return { ...(s.status ? { status: s.status } : {}), ...(s.level ? { level: s.level } : {}), ...(s.mine ? { mine: 'true' as const } : {}) };
}

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => (values.includes(v as T) ? (v as T) : undefined);

/** The board's state from the address: unknown values fall back to the defaults. */
export function boardParams(params: URLSearchParams, localNetworks: readonly string[]) {
  const tab = BOARD_TABS.includes(params.get('tab') as BoardTab) ? (params.get('tab') as BoardTab) : 'overdue';
  const network = params.get('localNetwork');
  const day = params.get('day');
  return {
    tab,
    /** Worklist tabs: handed over to the national centre, or not (unset: either). */
    handOver: oneOf(HAND_OVER, params.get('handOver')),
    /** Supervised tab: awaiting, overdue or replied (unset: all), the placing supervisor's level, only the caller's own. */
    status: oneOf(SUPERVISION_STATUSES, params.get('status')),
    level: oneOf(SUPERVISION_LEVELS, params.get('level')),
    mine: params.get('mine') === 'true',
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
  if (s.tab === 'supervised') {
    if (s.status) out.set('status', s.status);
    if (s.level) out.set('level', s.level);
    if (s.mine) out.set('mine', 'true');
  } else if (s.handOver) out.set('handOver', s.handOver);
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
