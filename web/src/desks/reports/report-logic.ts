// The reports page's arithmetic, apart from React so it is unit-tested: the range's totals per group
// (counts add up over the days; percentiles do not, so lead times stay per day), the figure blocks
// (supervision, callbacks, quality checks) where the grouping has them, and the CSV of what the page
// shows, with a byte order mark so Excel reads the Chinese headings as UTF-8.
// The API's own types, by a path both the web build and the tests' Node resolution read.
import type { components } from '../../api/openapi.js';

export type DailyReport = components['schemas']['DailyReport'];
export type ReportRow = DailyReport['rows'][number];

const DAY_MS = 86_400_000;

/** Today's business day in China (UTC+8, no daylight saving). */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The day `days` before `day` ('YYYY-MM-DD'). */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Sum of figures that may be null (not reported for this grouping): null only when all are. */
function sum(values: Array<number | null | undefined>): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function addInto(into: Record<string, number>, from: Record<string, number> | undefined) {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}

/**
 * The report's figure blocks of issue 15 and their figures, in the order the page shows them:
 * supervision (urges by people, supervisions placed, replied, replied in time, deadlines missed; not
 * per role), the call centre's callbacks and quality checks (per local network only). A row without
 * the block (another grouping) has none of its figures: null.
 */
export const FIGURE_BLOCKS = {
  supervision: ['urged', 'placed', 'replied', 'repliedInTime', 'overdue'],
  callbacks: ['opened', 'done', 'overdue', 'noAnswer'],
  qualityChecks: ['sampled', 'done', 'satisfied', 'unsatisfied', 'unreachable'],
} as const;
export type FigureBlock = keyof typeof FIGURE_BLOCKS;
export const BLOCKS = Object.keys(FIGURE_BLOCKS) as FigureBlock[];
/** One block's figures, or null where the row's grouping has no such block. */
export type BlockFigures = Record<string, number> | null;

/** A block's figures in a row as the API answers it, or null when the row has none. */
export function blockOf(r: ReportRow, block: FigureBlock): BlockFigures {
  const b = r.workOrders[block] as Record<string, number> | null | undefined;
  return b ?? null;
}

/** The blocks some row has (the others are not reported for this grouping, so the page shows no columns for them). */
export function blocksIn(rows: readonly ReportRow[]): FigureBlock[] {
  return BLOCKS.filter((b) => rows.some((r) => blockOf(r, b) !== null));
}

/** A block's figures added up over rows: null when none of them has it. */
function sumBlock(rows: readonly ReportRow[], block: FigureBlock): BlockFigures {
  const present = rows.map((r) => blockOf(r, block)).filter((b): b is Record<string, number> => b !== null);
  if (!present.length) return null;
  return Object.fromEntries(FIGURE_BLOCKS[block].map((k) => [k, present.reduce((a, b) => a + (b[k] ?? 0), 0)]));
}

export interface GroupTotals {
  group: string;
  /** null when the grouping has no order figures (department, role). */
  orders: { received: number; byState: Record<string, number>; byServiceLine: Record<string, number> } | null;
  workOrders: {
    received: number | null;
    slaMet: number | null;
    slaMissed: number | null;
    /** Share met of those resolved over the range, in whole percent; null when none was. */
    slaCompliancePercent: number | null;
    escalated: number;
    reopened: number;
    closed: number | null;
    receipts: number;
  };
  /** The figure blocks over the range (each null where the grouping has none). */
  blocks: Record<FigureBlock, BlockFigures>;
}

/** The range's totals per group, in the order the groups first appear. */
export function totalsByGroup(rows: readonly ReportRow[]): GroupTotals[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  return groups.map((group) => {
    const of = rows.filter((r) => r.group === group);
    const withOrders = of.filter((r) => r.orders);
    let orders: GroupTotals['orders'] = null;
    if (withOrders.length) {
      orders = { received: 0, byState: {}, byServiceLine: {} };
      for (const r of withOrders) {
        orders.received += r.orders!.received;
        addInto(orders.byState, r.orders!.byState);
        addInto(orders.byServiceLine, r.orders!.byServiceLine);
      }
    }
    const met = sum(of.map((r) => r.workOrders.slaMet));
    const missed = sum(of.map((r) => r.workOrders.slaMissed));
    const resolved = (met ?? 0) + (missed ?? 0);
    return {
      group,
      orders,
      workOrders: {
        received: sum(of.map((r) => r.workOrders.received)),
        slaMet: met,
        slaMissed: missed,
        slaCompliancePercent: resolved ? Math.round(((met ?? 0) / resolved) * 100) : null,
        escalated: of.reduce((a, r) => a + r.workOrders.escalations.total, 0),
        reopened: of.reduce((a, r) => a + r.workOrders.reopened, 0),
        closed: sum(of.map((r) => r.workOrders.closed)),
        receipts: of.reduce((a, r) => a + r.workOrders.receipts, 0),
      },
      blocks: { supervision: sumBlock(of, 'supervision'), callbacks: sumBlock(of, 'callbacks'), qualityChecks: sumBlock(of, 'qualityChecks') },
    };
  });
}

/** Every key used in any of the records, sorted (the states and service lines a chart stacks). */
export function keysOf(records: Array<Record<string, number> | undefined>): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r ?? {})))].sort();
}

/** Seconds as hours with one decimal, or null. */
export const hours = (seconds: number | null | undefined): number | null => (seconds === null || seconds === undefined ? null : Math.round(seconds / 360) / 10);

/** A share (0..1) as whole percent, or null. */
export const percent = (share: number | null | undefined): number | null => (share === null || share === undefined ? null : Math.round(share * 100));

export interface CsvColumn {
  title: string;
  value: (row: ReportRow) => string | number | null | undefined;
}

/**
 * CSV (RFC 4180, CRLF) of the rows with these columns, starting with a UTF-8 byte order mark. A cell
 * that a spreadsheet would run as a formula (= + - @ first) is written as text (a leading ').
 */
export function toCsv(rows: readonly ReportRow[], columns: readonly CsvColumn[]): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.title)).join(','), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
