// The departments' figures from the daily report (GET /reports/daily by department), for today or a
// picked day: open and overdue work orders, and SLA compliance (the share of receipts on time). Each
// chart is an image with a name and a description for screen readers, and the table under it has
// every figure it draws. The chart itself is the shared one (shared/EChart.tsx: ECharts imported piece
// by piece, in the chunks of the desks that draw charts only).
import { useQuery } from '@tanstack/react-query';
import { Col, Input, Row, Space, Spin } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { DataTable } from '../../shared/DataTable';
import { axisText, EChart, type ChartOption } from '../../shared/EChart';
import { Panel } from '../../shared/ui';
import { departmentName } from '../../shared/work-order';
import { chinaToday, departmentCompliance, departmentLoad, type DepartmentCompliance, type DepartmentLoad } from './board-logic';

// Dark enough on white for WCAG AA, and told apart by more than colour (the legend names each).
const OPEN = '#0958d9';
const OVERDUE = '#a8071a';
const ON_TIME = '#237804';

function LoadChart({ rows }: { rows: DepartmentLoad[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const names = rows.map((r) => departmentName(r.department, i18n));
  const option: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('board.charts.open.series'), t('board.charts.overdue.series')], textStyle: axisText, top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { ...axisText, width: 160, overflow: 'truncate' } },
    series: [
      { name: t('board.charts.open.series'), type: 'bar', data: rows.map((r) => r.open), itemStyle: { color: OPEN } },
      { name: t('board.charts.overdue.series'), type: 'bar', data: rows.map((r) => r.overdue), itemStyle: { color: OVERDUE } },
    ],
  };
  return (
    <>
      <EChart
        option={option}
        label={t('board.charts.open.title')}
        description={t('board.charts.open.desc', { n: rows.length })}
        height={Math.max(160, 48 + rows.length * 36)}
        className="board-chart"
      />
      <DataTable<DepartmentLoad>
        caption={t('board.charts.open.title')}
        rows={rows}
        rowKey={(r) => r.department}
        loading={false}
        empty={t('board.charts.none')}
        columns={[
          { key: 'department', title: t('board.charts.col.department'), render: (r) => departmentName(r.department, i18n) },
          { key: 'open', title: t('board.charts.open.series'), render: (r) => r.open },
          { key: 'overdue', title: t('board.charts.overdue.series'), render: (r) => r.overdue },
        ]}
      />
    </>
  );
}

function ComplianceChart({ rows }: { rows: DepartmentCompliance[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const option: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => t('board.charts.percent', { n: String(v) }) },
    legend: { data: [t('board.charts.sla.series')], textStyle: axisText, top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: (v: number) => t('board.charts.percent', { n: v }) } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => departmentName(r.department, i18n)),
      inverse: true,
      axisLabel: { ...axisText, width: 160, overflow: 'truncate' },
    },
    series: [{ name: t('board.charts.sla.series'), type: 'bar', data: rows.map((r) => r.onTime), itemStyle: { color: ON_TIME } }],
  };
  return (
    <>
      <EChart
        option={option}
        label={t('board.charts.sla.title')}
        description={t('board.charts.sla.desc', { n: rows.length })}
        height={Math.max(160, 48 + rows.length * 32)}
        className="board-chart"
      />
      <DataTable<DepartmentCompliance>
        caption={t('board.charts.sla.title')}
        rows={rows}
        rowKey={(r) => r.department}
        loading={false}
        empty={t('board.charts.noneResolved')}
        columns={[
          { key: 'department', title: t('board.charts.col.department'), render: (r) => departmentName(r.department, i18n) },
          { key: 'onTime', title: t('board.charts.sla.series'), render: (r) => t('board.charts.percent', { n: r.onTime }) },
          { key: 'met', title: t('board.charts.col.met'), render: (r) => r.met },
          { key: 'missed', title: t('board.charts.col.missed'), render: (r) => r.missed },
        ]}
      />
    </>
  );
}

export function DepartmentCharts({ day: picked, onDay }: { day: string | undefined; onDay: (day: string | undefined) => void }) {
  const { t } = useI18n();
  const today = chinaToday(Date.now());
  const day = picked ?? today;
  const report = useQuery({
    queryKey: ['board', 'report', day],
    refetchInterval: day === today ? 60_000 : false,
    queryFn: () => unwrap(api.GET('/reports/daily', { params: { query: { from: day, to: day, groupBy: 'department' } } })),
  });
  const rows = report.data?.rows ?? [];
  return (
    <section aria-labelledby="board-charts-title">
      <Space wrap align="center" className="filters">
        <h2 id="board-charts-title" className="page-title page-title--inline">
          {t('board.charts.title')}
        </h2>
        <label htmlFor="board-charts-day">{t('board.charts.day')}</label>
        <Input
          id="board-charts-day"
          type="date"
          style={{ width: 170 }}
          value={day}
          max={today}
          onChange={(e) => onDay(e.target.value && e.target.value !== today ? e.target.value : undefined)}
        />
      </Space>
      {report.isError && <p role="alert">{t('error.unavailable')}</p>}
      <Spin spinning={report.isPending}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Panel title={t('board.charts.open.title')} id="board-chart-open">
              <LoadChart rows={departmentLoad(rows)} />
            </Panel>
          </Col>
          <Col xs={24} xl={12}>
            <Panel title={t('board.charts.sla.title')} id="board-chart-sla">
              <ComplianceChart rows={departmentCompliance(rows)} />
            </Panel>
          </Col>
        </Row>
      </Spin>
    </section>
  );
}
