// Daily operations reports over a range of China business days, per local network, department or
// role, as JSON or CSV. Readers see what their role covers: a department its own figures, everyone
// else the local networks of their scope.
import { z } from 'zod';
import { hasRole, localNetworkFilter } from '../../domain/access.js';
import { MAX_REPORT_DAYS, REPORT_GROUPINGS, reportDays, reportToCsv } from '../../domain/reports.js';
import { dailyReport } from '../../db/reports.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { forbidden } from '../problem.js';

const day = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

const ReportQuery = z
  .object({
    from: day.describe('First business day (China Standard Time), included'),
    to: day.describe('Last business day, included; at most 31 days after from'),
    groupBy: z.enum(REPORT_GROUPINGS).default('localNetwork'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine((q, ctx) => {
    // zod runs this even when from or to failed their own checks: only compare two calendar days.
    if (!day.safeParse(q.from).success || !day.safeParse(q.to).success) return;
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    else if (reportDays(q.from, q.to).length > MAX_REPORT_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_REPORT_DAYS} days per report` });
  });

const count = z.number().int();
const share = z.number().nullable();
const DailyReport = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.literal('Asia/Shanghai'),
    groupBy: z.enum(REPORT_GROUPINGS),
    rows: z.array(
      z.object({
        day: z.string(),
        group: z.string(),
        orders: z
          .object({
            received: count,
            byState: z.record(z.string(), count),
            byServiceLine: z.record(z.string(), count),
            finished: z.record(z.string(), count),
            leadTimeSeconds: z.object({ p50: share, p90: share }),
            backlog: count,
          })
          .nullable(),
        workOrders: z.object({
          received: count.nullable(),
          slaMet: count.nullable(),
          slaMissed: count.nullable(),
          slaCompliance: share,
          receipts: count,
          avgHandlingSeconds: share,
          backlog: count.nullable(),
          escalations: z.object({ total: count, province: count, national: count }),
          reopened: count,
          closed: count.nullable(),
          reopenRate: share,
          actions: z.record(z.string(), count).optional(),
          overdue: count.optional().describe('Per department only: of the backlog, past the deadline at the end of the day (now, for today)'),
          callbacks: z
            .object({ opened: count, done: count, overdue: count, noAnswer: count })
            .optional()
            .describe('Per local network only: callbacks opened (customers told), answered, past their deadline unanswered, closed with no answer'),
          qualityChecks: z
            .object({ sampled: count, done: count, satisfied: count, unsatisfied: count, unreachable: count })
            .optional()
            .describe('Per local network only: closed work orders sampled for a quality check, checks recorded and their results'),
          supervision: z
            .object({ urged: count, placed: count, replied: count, repliedInTime: count, overdue: count })
            .optional()
            .describe(
              'Not per role: urges by people (催办, not the SLA clock), supervisions (督办) placed, written replies (and of them by the deadline), supervision deadlines missed',
            ),
        }),
      }),
    ),
  })
  .meta({ id: 'DailyReport' });

export function registerReportRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  routes.add({
    method: 'get',
    path: '/reports/daily',
    summary: 'Daily operations report: orders and work orders per local network, department or role; work orders per category or channel',
    description:
      'One row per China business day and group. Orders: received by state and service line, finished by final state, lead time p50/p90 of ' +
      'those completed, backlog at the end of the day. Work orders: received, SLA met/missed and compliance (last receipt of the round vs the ' +
      'resolve-by deadline), receipts and average handling time (dispatch → receipt), backlog, escalations, reopens, closed and reopen rate ' +
      '(share of the closed that had been reopened); per department, of the backlog those overdue; per local network, the call centre’s callbacks and quality checks. Per role: what each role did. ' +
      'Per category (the top-level branch of the category tree, `uncategorized` without one) and per channel (how it came in): the work ' +
      "orders handled in the reader's local networks, figured as per local network; orders are null. Department staff see their own department only.",
    tags: ['reports'],
    roles: ['supervisor', 'ops', 'auditor', 'department'],
    query: ReportQuery,
    responses: { 200: { description: 'the report (JSON, or text/csv with format=csv)', schema: DailyReport } },
    handler: async ({ query, principal }) => {
      // Department staff (and nobody wider) get their department's figures, whatever they asked for.
      const departmentOnly = !hasRole(principal, 'supervisor', 'ops', 'auditor');
      if (departmentOnly && !principal.department) throw forbidden('department staff without a department cannot read reports');
      const groupBy = departmentOnly ? 'department' : query.groupBy;
      const rows = await dailyReport(deps.orm.em.fork(), {
        from: query.from,
        to: query.to,
        groupBy,
        localNetworks: departmentOnly ? '*' : localNetworkFilter(principal),
        department: departmentOnly ? principal.department : undefined,
      });
      if (query.format === 'csv') {
        return {
          body: reportToCsv(rows),
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="daily-report-${groupBy}-${query.from}-${query.to}.csv"` },
        };
      }
      return { body: { from: query.from, to: query.to, timeZone: 'Asia/Shanghai', groupBy, rows } };
    },
  });
}
