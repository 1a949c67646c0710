// The board: overdue, about-to-breach and escalated work orders of the supervisor's local networks,
// soonest deadline first, with how many in each tab (filtered by hand-over to the national centre,
// badges for it and for a supervision awaiting its reply); transfer and escalate from each row; the
// Supervised tab (督办) with its own filters; the departments' figures below. Tab, filters, page and
// day live in the address.
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Radio, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, unwrap, unwrapPage, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { LOCAL_NETWORKS, type LocalNetwork } from '../../shared/api-values';
import { DataTable, TablePages, type Column } from '../../shared/DataTable';
import { FilterSelect } from '../../shared/FilterSelect';
import { assignmentColumns, departmentName } from '../../shared/work-order';
import { SupervisionBadges } from '../../shared/work-order-actions';
import { ReasonModal, TransferModal, type BoardTarget } from './ActionModals';
import { BOARD_TABS, boardParams, boardSearch, HAND_OVER, tabQuery, type BoardParams, type BoardTab, type WorklistTab } from './board-logic';
import { SupervisedFilters, SupervisedList } from './Supervised';

type Entry = Schemas['WorklistEntry'];

// The charts (ECharts) load after the list, in a chunk of their own that only the board asks for.
const DepartmentCharts = lazy(() => import('./Charts').then((m) => ({ default: m.DepartmentCharts })));

// Deadlines pass while the board is open: asked again this often (and when the tab gets focus).
const REFRESH_MS = 15_000;

/** The local networks the person watches, for the filter. */
function useWatchedNetworks(): LocalNetwork[] {
  const user = useSession().user!;
  return user.localNetworks === '*' ? LOCAL_NETWORKS : LOCAL_NETWORKS.filter((n) => (user.localNetworks as string[]).includes(n));
}

export function Board() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const networks = useWatchedNetworks();
  const [params, setParams] = useSearchParams();
  const state = boardParams(params, networks);
  const { tab, localNetwork, page, size, handOver } = state;
  const queryClient = useQueryClient();
  const setState = (change: Partial<BoardParams>) => setParams(boardSearch({ ...state, page: 1, ...change }));
  const [acting, setActing] = useState<{ kind: 'transfer' | 'escalate'; target: BoardTarget }>();

  const scope = localNetwork ? { localNetwork: localNetwork as LocalNetwork } : {};
  const counts = useQuery({
    queryKey: ['board', 'counts', localNetwork],
    refetchInterval: REFRESH_MS,
    queryFn: () => unwrap(api.GET('/supervision/counts', { params: { query: scope } })),
  });
  const worklistTab: WorklistTab | undefined = tab === 'supervised' ? undefined : tab;
  const list = useQuery({
    queryKey: ['board', 'list', tab, handOver, localNetwork, page, size],
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    enabled: worklistTab !== undefined,
    queryFn: () =>
      unwrapPage(
        api.GET('/supervision/worklist', {
          params: { query: { ...tabQuery(worklistTab ?? 'all', handOver), ...scope, limit: size, offset: (page - 1) * size } },
        }),
      ),
  });

  // Every list of the board (the worklist tabs, the supervised) and the counts, asked again now.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['board'] });

  const countOf = (k: WorklistTab) => {
    const c = counts.data;
    if (!c) return '…';
    return k === 'all' ? c.open : c[k];
  };
  const tabLabel = (k: BoardTab) => (k === 'supervised' ? t('board.tab.supervised') : t(`board.tab.${k}` as MessageKey, { n: countOf(k) }));
  const target = (e: Entry): BoardTarget => ({
    workOrderId: e.workOrderId,
    holders: [e.department],
    localNetwork: e.localNetwork,
    escalationLevel: e.escalationLevel,
  });

  const shared = assignmentColumns<Entry>(t);
  const columns: Column<Entry>[] = [
    shared.id,
    shared.summary,
    { key: 'department', title: t('board.col.department'), render: (e) => departmentName(e.department, i18n) },
    { key: 'localNetwork', title: t('worklist.col.localNetwork'), render: (e) => label('place', e.localNetwork) },
    { key: 'level', title: t('board.col.level'), render: (e) => label('level', e.escalationLevel) },
    shared.deadline,
    {
      ...shared.badges,
      render: (e) => (
        <>
          {shared.badges.render(e)}
          <SupervisionBadges awaitingReply={e.awaitingSupervisionReply} handOver={e.handOver} />
        </>
      ),
    },
    {
      key: 'actions',
      title: t('board.col.actions'),
      render: (e) => (
        <Space size="small" wrap>
          <Button
            size="small"
            onClick={() => setActing({ kind: 'transfer', target: target(e) })}
            aria-label={t('board.action.transferOne', { id: e.workOrderId })}
          >
            {t('board.action.transfer')}
          </Button>
          <Button
            size="small"
            danger
            disabled={e.escalationLevel === 'national'}
            onClick={() => setActing({ kind: 'escalate', target: target(e) })}
            aria-label={t('board.action.escalateOne', { id: e.workOrderId })}
          >
            {t('board.action.escalate')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <section aria-labelledby="board-title">
        <h1 id="board-title" className="page-title">
          {t('board.title')}
        </h1>
        <Space wrap className="filters">
          <Radio.Group
            aria-label={t('board.tab.label')}
            optionType="button"
            buttonStyle="solid"
            value={tab}
            onChange={(e) => setState({ tab: e.target.value as BoardTab })}
            options={BOARD_TABS.map((k) => ({ value: k, label: tabLabel(k) }))}
          />
          {networks.length > 1 && (
            <FilterSelect<LocalNetwork>
              name={t('board.filter.localNetwork')}
              values={networks}
              group="place"
              value={localNetwork as LocalNetwork | undefined}
              onChange={(v) => setState({ localNetwork: v })}
            />
          )}
          {tab === 'supervised' ? (
            <SupervisedFilters state={state} setState={setState} />
          ) : (
            <FilterSelect
              name={t('board.filter.handOver')}
              values={HAND_OVER}
              group="board.handOver"
              value={handOver}
              onChange={(v) => setState({ handOver: v })}
              width={200}
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={list.isFetching}>
            {t('common.refresh')}
          </Button>
        </Space>
        {tab === 'supervised' ? (
          <SupervisedList state={state} scope={scope} setState={setState} />
        ) : (
          <>
            <DataTable<Entry>
              caption={t('board.list.caption', { tab: tabLabel(tab) })}
              columns={columns}
              rows={list.data?.rows}
              rowKey={(e) => `${e.workOrderId}/${e.department}/${e.round}`}
              loading={list.isPending}
              empty={list.isError ? t('error.unavailable') : t('board.empty')}
            />
            <TablePages page={page} size={size} total={list.data?.total ?? 0} totalText={(total) => t('board.total', { n: total })} onChange={setState} />
          </>
        )}
      </section>
      <Suspense fallback={<Spin />}>
        <DepartmentCharts day={state.day} onDay={(day) => setParams(boardSearch({ ...state, day }))} />
      </Suspense>
      {acting?.kind === 'transfer' && <TransferModal target={acting.target} onClose={() => setActing(undefined)} />}
      {acting?.kind === 'escalate' && <ReasonModal kind="escalate" target={acting.target} onClose={() => setActing(undefined)} />}
    </Space>
  );
}
