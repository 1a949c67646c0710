// The reports page (supervisors, department heads, auditors, operations): GET /reports/daily with its
// filters — a range of China business days and the grouping (local network, department, role,
// complaint category named in the reader's language, channel; a department's staff get their own
// department's figures) — as charts (supervision, callbacks and quality checks where the grouping
// has them), each an image with a name and
// with a table of every figure it draws, the day-by-day table the API answers, and a CSV of that
// table (with a byte order mark, so Excel reads the Chinese headings). The filters live in the
// address, so a report can be linked.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Input, Radio, Row, Space, Spin } from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n, type I18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { DataTable } from '../../shared/DataTable';
import { axisText, EChart, SERIES_COLOURS, type ChartOption } from '../../shared/EChart';
import { Panel } from '../../shared/ui';
import { departmentName } from '../../shared/work-order';
import { categoryLabel } from '../../shared/categories';
import { useCategories } from '../../shared/work-order-actions';
import {
  blocksIn,
  chinaToday,
  FIGURE_BLOCKS,
  blockOf,
  type FigureBlock,
  daysBefore,
  hours,
  keysOf,
  percent,
  toCsv,
  totalsByGroup,
  type CsvColumn,
  type DailyReport,
  type GroupTotals,
  type ReportRow,
} from './report-logic';

type Grouping = DailyReport['groupBy'];
const GROUPINGS: Grouping[] = ['localNetwork', 'department', 'role', 'category', 'channel'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A category group's name: the top-level branch of the tree in the reader's language (its id while the tree loads). */
type CategoryName = (id: string) => string;

function groupName(groupBy: Grouping, group: string, i18n: I18n, categoryName: CategoryName): string {
  if (groupBy === 'localNetwork') return i18n.label('place', group);
  if (groupBy === 'department') return departmentName(group, i18n);
  if (groupBy === 'category') return group === 'uncategorized' ? i18n.t('reports.category.uncategorized') : categoryName(group);
  if (groupBy === 'channel') return i18n.label('channel', group);
  return i18n.label('role', group);
}

/** The category tree's names (GET /workOrderCategory, once a session), in the reader's language. */
function useCategoryName(): CategoryName {
  const { locale } = useI18n();
  const tree = useCategories();
  return (id) => (tree.data ? categoryLabel(tree.data.categories, id, locale) : undefined) ?? id;
}

/** A figure's column title: the block's figure as the catalogue names it. */
const figureTitle = (t: I18n['t'], block: FigureBlock, key: string) => t(`reports.${block}.${key}` as MessageKey);

/** One figure block (supervision, callbacks, quality checks) over the range: a chart and the table of the same figures. */
function FigureBlockPanel({ block, totals, groupLabel }: { block: FigureBlock; totals: GroupTotals[]; groupLabel: (group: string) => string }) {
  const { t } = useI18n();
  const title = t(`reports.${block}.title`);
  const withBlock = totals.filter((g) => g.blocks[block] !== null);
  const keys = FIGURE_BLOCKS[block];
  return (
    <Panel title={title} id={`reports-${block}`}>
      {withBlock.length > 0 && (
        <GroupBars
          groups={withBlock.map((g) => groupLabel(g.group))}
          series={keys.map((k) => ({ name: figureTitle(t, block, k), data: withBlock.map((g) => g.blocks[block]![k] ?? 0) }))}
          label={title}
          description={t('reports.chart.desc', { n: withBlock.length, k: keys.length })}
        />
      )}
      <DataTable<GroupTotals>
        caption={title}
        rows={withBlock}
        rowKey={(g) => g.group}
        loading={false}
        empty={t('reports.empty')}
        columns={[
          { key: 'group', title: t('reports.col.group'), render: (g) => groupLabel(g.group) },
          ...keys.map((k) => ({
            key: k,
            title: figureTitle(t, block, k),
            render: (g: GroupTotals) => (
              <span data-total={`${block}.${k}`} data-group={g.group}>
                {dash(g.blocks[block]?.[k])}
              </span>
            ),
          })),
        ]}
      />
    </Panel>
  );
}

const dash = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v);

/** Horizontal bars: one category per group, one series per key (stacked when `stack`). */
function GroupBars({
  groups,
  series,
  label,
  description,
  stack,
}: {
  groups: string[];
  /** `colour`: where a series means good or bad (on time green, missed red); else the palette's. */
  series: Array<{ name: string; data: Array<number | null>; colour?: string }>;
  label: string;
  description: string;
  stack?: boolean;
}) {
  const option: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((s) => s.name), textStyle: axisText, top: 0, type: 'plain' },
    grid: { left: 8, right: 16, bottom: 8, top: 16 + 24 * Math.ceil(series.length / 4), containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    yAxis: { type: 'category', data: groups, inverse: true, axisLabel: { ...axisText, width: 160, overflow: 'truncate' } },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'bar',
      stack: stack ? 'total' : undefined,
      data: s.data,
      itemStyle: { color: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length] },
    })),
  };
  const height = 16 + 24 * Math.ceil(series.length / 4) + groups.length * (stack ? 32 : 16 + 12 * series.length) + 32;
  return <EChart option={option} label={label} description={description} height={Math.max(180, height)} />;
}

/** A breakdown (orders by state, by service line) over the range: chart and table of the same figures. */
function Breakdown({
  id,
  title,
  totals,
  pick,
  keyLabel,
  groupLabel,
}: {
  id: string;
  title: string;
  totals: GroupTotals[];
  pick: (t: NonNullable<GroupTotals['orders']>) => Record<string, number>;
  keyLabel: (key: string) => string;
  groupLabel: (group: string) => string;
}) {
  const { t } = useI18n();
  const withOrders = totals.filter((g) => g.orders);
  const keys = keysOf(withOrders.map((g) => pick(g.orders!)));
  return (
    <Panel title={title} id={id}>
      {keys.length > 0 && (
        <GroupBars
          stack
          groups={withOrders.map((g) => groupLabel(g.group))}
          series={keys.map((k) => ({ name: keyLabel(k), data: withOrders.map((g) => pick(g.orders!)[k] ?? 0) }))}
          label={title}
          description={t('reports.chart.desc', { n: withOrders.length, k: keys.length })}
        />
      )}
      <DataTable<GroupTotals>
        caption={title}
        rows={withOrders}
        rowKey={(g) => g.group}
        loading={false}
        empty={t('reports.noOrders')}
        columns={[
          { key: 'group', title: t('reports.col.group'), render: (g) => groupLabel(g.group) },
          ...keys.map((k) => ({ key: k, title: keyLabel(k), render: (g: GroupTotals) => pick(g.orders!)[k] ?? 0 })),
        ]}
      />
    </Panel>
  );
}

function LeadTimes({ rows, groupLabel }: { rows: ReportRow[]; groupLabel: (group: string) => string }) {
  const { t } = useI18n();
  const groups = [...new Set(rows.filter((r) => r.orders).map((r) => r.group))];
  const [picked, setPicked] = useState<string>();
  const group = picked && groups.includes(picked) ? picked : groups[0];
  const of = rows.filter((r) => r.group === group && r.orders);
  const title = t('reports.leadTime.title');
  const option: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('reports.leadTime.p50'), t('reports.leadTime.p90')], textStyle: axisText, top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: of.map((r) => r.day), axisLabel: axisText },
    yAxis: { type: 'value', name: t('reports.hours'), nameTextStyle: axisText, axisLabel: axisText },
    series: [
      { name: t('reports.leadTime.p50'), type: 'bar', data: of.map((r) => hours(r.orders!.leadTimeSeconds.p50)), itemStyle: { color: SERIES_COLOURS[0] } },
      { name: t('reports.leadTime.p90'), type: 'bar', data: of.map((r) => hours(r.orders!.leadTimeSeconds.p90)), itemStyle: { color: SERIES_COLOURS[1] } },
    ],
  };
  return (
    <Panel title={title} id="reports-lead-time">
      {groups.length === 0 ? (
        <p>{t('reports.noOrders')}</p>
      ) : (
        <>
          <p>
            <label htmlFor="reports-lead-group">{t('reports.leadTime.group')}</label>{' '}
            <select id="reports-lead-group" value={group} onChange={(e) => setPicked(e.target.value)}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {groupLabel(g)}
                </option>
              ))}
            </select>
          </p>
          <EChart option={option} label={`${title} — ${groupLabel(group!)}`} description={t('reports.leadTime.desc', { n: of.length })} height={260} />
          <DataTable<ReportRow>
            caption={`${title} — ${groupLabel(group!)}`}
            rows={of}
            rowKey={(r) => r.day}
            loading={false}
            empty={t('reports.noOrders')}
            columns={[
              { key: 'day', title: t('reports.col.day'), render: (r) => r.day },
              { key: 'p50', title: t('reports.leadTime.p50'), render: (r) => dash(hours(r.orders!.leadTimeSeconds.p50)) },
              { key: 'p90', title: t('reports.leadTime.p90'), render: (r) => dash(hours(r.orders!.leadTimeSeconds.p90)) },
            ]}
          />
        </>
      )}
    </Panel>
  );
}

function WorkOrders({ totals, groupLabel }: { totals: GroupTotals[]; groupLabel: (group: string) => string }) {
  const { t } = useI18n();
  const title = t('reports.workOrders.title');
  const measures: Array<{ key: string; name: string; value: (g: GroupTotals) => number | null; colour?: string }> = [
    { key: 'received', name: t('reports.col.woReceived'), value: (g) => g.workOrders.received },
    { key: 'slaMet', name: t('reports.col.slaMet'), value: (g) => g.workOrders.slaMet, colour: SERIES_COLOURS[2] },
    { key: 'slaMissed', name: t('reports.col.slaMissed'), value: (g) => g.workOrders.slaMissed, colour: SERIES_COLOURS[1] },
    { key: 'escalated', name: t('reports.col.escalated'), value: (g) => g.workOrders.escalated },
    { key: 'reopened', name: t('reports.col.reopened'), value: (g) => g.workOrders.reopened },
  ];
  const shown = measures.filter((m) => totals.some((g) => m.value(g) !== null));
  return (
    <Panel title={title} id="reports-work-orders">
      {totals.length > 0 && (
        <GroupBars
          groups={totals.map((g) => groupLabel(g.group))}
          series={shown.map((m) => ({ name: m.name, data: totals.map(m.value), colour: m.colour }))}
          label={title}
          description={t('reports.chart.desc', { n: totals.length, k: shown.length })}
        />
      )}
      <DataTable<GroupTotals>
        caption={title}
        rows={totals}
        rowKey={(g) => g.group}
        loading={false}
        empty={t('reports.empty')}
        columns={[
          { key: 'group', title: t('reports.col.group'), render: (g) => groupLabel(g.group) },
          ...measures.map((m) => ({ key: m.key, title: m.name, render: (g: GroupTotals) => dash(m.value(g)) })),
          {
            key: 'compliance',
            title: t('reports.col.compliance'),
            render: (g) => (g.workOrders.slaCompliancePercent === null ? '—' : `${g.workOrders.slaCompliancePercent}%`),
          },
          { key: 'closed', title: t('reports.col.closed'), render: (g) => dash(g.workOrders.closed) },
        ]}
      />
    </Panel>
  );
}

/** The day-by-day figures, as the API answers them: what the CSV holds (`block`: a figure block's, absent from some groupings). */
function dailyColumns(i18n: I18n, groupBy: Grouping, categoryName: CategoryName): Array<CsvColumn & { key: string; block?: FigureBlock }> {
  const { t } = i18n;
  const blockColumns = (Object.keys(FIGURE_BLOCKS) as FigureBlock[]).flatMap((block) =>
    FIGURE_BLOCKS[block].map((k) => ({ key: `wo.${block}.${k}`, block, title: figureTitle(t, block, k), value: (r: ReportRow) => blockOf(r, block)?.[k] })),
  );
  return [
    { key: 'day', title: t('reports.col.day'), value: (r) => r.day },
    { key: 'group', title: t('reports.col.group'), value: (r) => groupName(groupBy, r.group, i18n, categoryName) },
    { key: 'groupId', title: t('reports.col.groupId'), value: (r) => r.group },
    { key: 'orders.received', title: t('reports.col.ordersReceived'), value: (r) => r.orders?.received },
    { key: 'orders.backlog', title: t('reports.col.ordersBacklog'), value: (r) => r.orders?.backlog },
    { key: 'orders.p50', title: t('reports.leadTime.p50'), value: (r) => hours(r.orders?.leadTimeSeconds.p50) },
    { key: 'orders.p90', title: t('reports.leadTime.p90'), value: (r) => hours(r.orders?.leadTimeSeconds.p90) },
    { key: 'wo.received', title: t('reports.col.woReceived'), value: (r) => r.workOrders.received },
    { key: 'wo.slaMet', title: t('reports.col.slaMet'), value: (r) => r.workOrders.slaMet },
    { key: 'wo.slaMissed', title: t('reports.col.slaMissed'), value: (r) => r.workOrders.slaMissed },
    { key: 'wo.compliance', title: t('reports.col.compliance'), value: (r) => percent(r.workOrders.slaCompliance) },
    { key: 'wo.escalated', title: t('reports.col.escalated'), value: (r) => r.workOrders.escalations.total },
    { key: 'wo.reopened', title: t('reports.col.reopened'), value: (r) => r.workOrders.reopened },
    { key: 'wo.closed', title: t('reports.col.closed'), value: (r) => r.workOrders.closed },
    { key: 'wo.backlog', title: t('reports.col.woBacklog'), value: (r) => r.workOrders.backlog },
    ...blockColumns,
  ];
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ReportsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const today = chinaToday(Date.now());
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : daysBefore(today, 6);
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : today;
  // Department staff (and nobody wider) read their own department's figures: the API groups by department.
  const departmentOnly = !user?.roles.some((r) => r === 'supervisor' || r === 'ops' || r === 'auditor' || r === 'admin');
  const asked = params.get('groupBy') as Grouping | null;
  const groupBy: Grouping = departmentOnly ? 'department' : asked && GROUPINGS.includes(asked) ? asked : 'localNetwork';
  const set = (next: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), ...next }), { replace: true });

  const report = useQuery({
    queryKey: ['reports', 'daily', from, to, groupBy],
    queryFn: () => unwrap(api.GET('/reports/daily', { params: { query: { from, to, groupBy } } })),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });
  const data = report.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const totals = useMemo(() => totalsByGroup(rows), [rows]);
  const shownGroupBy = data?.groupBy ?? groupBy;
  const categoryName = useCategoryName();
  const groupLabel = (g: string) => groupName(shownGroupBy, g, i18n, categoryName);
  const columns = dailyColumns(i18n, shownGroupBy, categoryName);
  const blocks = blocksIn(rows);
  const problem = report.error instanceof ApiError ? report.error.problem : undefined;

  return (
    <article aria-labelledby="reports-title">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <h1 id="reports-title" className="page-title">
          {t('reports.title')}
        </h1>
        <Space wrap align="center" className="filters" role="group" aria-label={t('reports.filters')}>
          <label htmlFor="reports-from">{t('reports.from')}</label>
          <Input
            id="reports-from"
            type="date"
            style={{ width: 170 }}
            value={from}
            max={today}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
          <label htmlFor="reports-to">{t('reports.to')}</label>
          <Input id="reports-to" type="date" style={{ width: 170 }} value={to} max={today} onChange={(e) => e.target.value && set({ to: e.target.value })} />
          {departmentOnly ? (
            <span>{t('reports.ownDepartment')}</span>
          ) : (
            <Radio.Group
              aria-label={t('reports.groupBy')}
              optionType="button"
              value={groupBy}
              onChange={(e) => set({ groupBy: e.target.value as string })}
              options={GROUPINGS.map((g) => ({ value: g, label: t(`reports.groupBy.${g}`) }))}
            />
          )}
          <Button disabled={!data || rows.length === 0} onClick={() => download(`daily-report-${shownGroupBy}-${from}-${to}.csv`, toCsv(rows, columns))}>
            {t('reports.csv')}
          </Button>
        </Space>
        {report.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem?.detail ?? t('error.unavailable')}
            description={problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ')}
          />
        )}
        <Spin spinning={report.isFetching}>
          {data && (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <p data-testid="reports-range">{t('reports.range', { from: data.from, to: data.to, groupBy: t(`reports.groupBy.${data.groupBy}`) })}</p>
              <WorkOrders totals={totals} groupLabel={groupLabel} />
              {blocks.map((block) => (
                <FigureBlockPanel key={block} block={block} totals={totals} groupLabel={groupLabel} />
              ))}
              {totals.some((g) => g.orders) && (
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={12}>
                    <Breakdown
                      id="reports-by-state"
                      title={t('reports.byState.title')}
                      totals={totals}
                      pick={(o) => o.byState}
                      keyLabel={(k) => i18n.label('callCentre.orderState', k)}
                      groupLabel={groupLabel}
                    />
                  </Col>
                  <Col xs={24} xl={12}>
                    <Breakdown
                      id="reports-by-line"
                      title={t('reports.byServiceLine.title')}
                      totals={totals}
                      pick={(o) => o.byServiceLine}
                      keyLabel={(k) => i18n.label('serviceLine', k)}
                      groupLabel={groupLabel}
                    />
                  </Col>
                </Row>
              )}
              {totals.some((g) => g.orders) && <LeadTimes rows={rows} groupLabel={groupLabel} />}
              <Panel title={t('reports.daily.title')} id="reports-daily">
                <DataTable<ReportRow>
                  caption={t('reports.daily.title')}
                  rows={rows}
                  rowKey={(r) => `${r.day}|${r.group}`}
                  loading={false}
                  empty={t('reports.empty')}
                  columns={columns
                    // The figure blocks have tables of their own above (a wider table would scroll): here the CSV's other columns.
                    .filter((c) => c.key !== 'groupId' && !c.block)
                    .map((c) => ({
                      key: c.key,
                      title: c.title,
                      render: (r: ReportRow) => (
                        <span data-row={`${r.day}|${r.group}`} data-field={c.key}>
                          {dash(c.value(r) as number | null | undefined)}
                        </span>
                      ),
                    }))}
                />
              </Panel>
            </Space>
          )}
        </Spin>
      </Space>
    </article>
  );
}
