// The department's open work orders, soonest deadline first (or newest dispatch first): SLA countdowns,
// badges, filters, order and paging, all kept in the address (a filtered page can be bookmarked, and Back returns to it).
import { useSearchParams } from 'react-router';
import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Select, Space, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, unwrapPage, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import {
  LOCAL_NETWORKS,
  TIERS,
  WORK_ORDER_TYPES,
  WORKLIST_SORTS,
  type LocalNetwork,
  type Tier,
  type WorklistSort,
  type WorkOrderType,
} from '../../shared/api-values';
import { DataTable, TablePages, type Column } from '../../shared/DataTable';
import { PAGE_SIZES } from '../../shared/limits';
import { FilterSelect } from '../../shared/FilterSelect';
import { assignmentColumns, departmentName } from '../../shared/work-order';
import { SupervisionBadges } from '../../shared/work-order-actions';

/** The national centre's desk: its coordination cases (handed over by the province) can be listed alone. */
const NATIONAL_CENTRE = 'national-service-centre';

type Entry = Schemas['WorklistEntry'];

// The desk asks again on every event of its stream (useWorklistEvents); this often too, and whenever the
// tab gets focus, in case the stream is away (reconnecting, or cut by a proxy).
const REFRESH_MS = 15_000;

/**
 * Live desk: server-sent events of the department's worklist changes (the session cookie authenticates
 * the GET); each event refreshes the worklist. EventSource reconnects by itself after a cut, not after
 * the stream's `expired`.
 */
function useWorklistEvents(department: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/department/${encodeURIComponent(department)}/worklist/events`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['worklist', department] });
    source.addEventListener('worklist', refresh);
    // The session's token expired: the stream ends, and the worklist asked again is refused with the
    // expiry, which the session's own handling (any 401) turns into the sign-in page saying why.
    source.addEventListener('expired', () => {
      source.close();
      refresh();
    });
    // A 401/403 answer closes it for good (readyState CLOSED); the periodic refresh then says why.
    return () => source.close();
  }, [department, queryClient]);
}

/** The filters and the page, read from and written to the address. */
function useWorklistParams() {
  const [params, setParams] = useSearchParams();
  const oneOf = <T extends string>(name: string, values: readonly T[]) => {
    const v = params.get(name);
    return values.includes(v as T) ? (v as T) : undefined;
  };
  const state = {
    type: oneOf<WorkOrderType>('type', WORK_ORDER_TYPES),
    localNetwork: oneOf<LocalNetwork>('localNetwork', LOCAL_NETWORKS),
    tier: oneOf<Tier>('tier', TIERS),
    overdue: params.get('overdue') === 'true',
    handOver: params.get('handOver') === 'true',
    sort: oneOf<WorklistSort>('sort', WORKLIST_SORTS) ?? 'deadline',
    page: Math.max(1, Number(params.get('page')) || 1),
    size: PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20,
  };
  const update = (change: Partial<typeof state>) => {
    const next = { ...state, page: 1, ...change };
    const out = new URLSearchParams();
    if (next.type) out.set('type', next.type);
    if (next.localNetwork) out.set('localNetwork', next.localNetwork);
    if (next.tier) out.set('tier', next.tier);
    if (next.overdue) out.set('overdue', 'true');
    if (next.handOver) out.set('handOver', 'true');
    if (next.sort !== 'deadline') out.set('sort', next.sort);
    if (next.page > 1) out.set('page', String(next.page));
    if (next.size !== 20) out.set('size', String(next.size));
    setParams(out);
  };
  return [state, update] as const;
}

/** Who took it and when: the person's own marked as theirs, a colleague by name (else their id). */
function TakenBy({ entry, me }: { entry: Entry; me: string | undefined }) {
  const { t, dateTime } = useI18n();
  const taken = entry.acceptedBy;
  if (!taken) return <span className="muted">{t('worklist.takenBy.nobody')}</span>;
  return (
    <div data-taken-by={taken.id}>
      {taken.id === me ? <Tag color="blue">{t('worklist.takenBy.me')}</Tag> : <span>{taken.name ?? taken.id}</span>}
      <div className="muted">{t('worklist.takenBy.at', { at: dateTime(taken.at) })}</div>
    </div>
  );
}

export function Worklist({ department }: { department: string }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { user } = useSession();
  const [filter, setFilter] = useWorklistParams();
  const { type, localNetwork, tier, overdue, sort, page, size } = filter;
  const handOver = department === NATIONAL_CENTRE && filter.handOver;

  useWorklistEvents(department);
  const list = useQuery({
    queryKey: ['worklist', department, { type, localNetwork, tier, overdue, handOver, sort, page, size }],
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    queryFn: () =>
      unwrapPage(
        api.GET('/department/{department}/worklist', {
          params: {
            path: { department },
            query: {
              type,
              localNetwork,
              tier,
              ...(overdue ? { overdue: 'true' as const } : {}),
              ...(handOver ? { handOver: 'true' as const } : {}),
              sort,
              limit: size,
              offset: (page - 1) * size,
            },
          },
        }),
      ),
  });

  const shared = assignmentColumns<Entry>(t);
  const columns: Column<Entry>[] = [
    shared.id,
    shared.summary,
    { key: 'type', title: t('worklist.col.type'), render: (e) => label('type', e.type) },
    { key: 'tier', title: t('worklist.col.tier'), render: (e) => label('tier', e.customerTier) },
    { key: 'localNetwork', title: t('worklist.col.localNetwork'), render: (e) => label('place', e.localNetwork) },
    { key: 'state', title: t('worklist.col.state'), render: (e) => label('assignment', e.state) },
    shared.deadline,
    {
      key: 'takenBy',
      title: t('worklist.col.takenBy'),
      render: (e) => <TakenBy entry={e} me={user?.username} />,
    },
    {
      ...shared.badges,
      render: (e) => (
        <>
          {shared.badges.render(e)}
          <SupervisionBadges awaitingReply={e.awaitingSupervisionReply} handOver={e.handOver} />
        </>
      ),
    },
  ];
  const title = t('worklist.title', { department: departmentName(department, i18n) });

  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title" className="page-title">
        {title}
      </h1>
      <Space wrap className="filters">
        <FilterSelect<WorkOrderType>
          name={t('worklist.filter.type')}
          values={WORK_ORDER_TYPES}
          group="type"
          value={type}
          onChange={(v) => setFilter({ type: v })}
        />
        <FilterSelect<LocalNetwork>
          name={t('worklist.filter.localNetwork')}
          values={LOCAL_NETWORKS}
          group="place"
          value={localNetwork}
          onChange={(v) => setFilter({ localNetwork: v })}
        />
        <FilterSelect<Tier> name={t('worklist.filter.tier')} values={TIERS} group="tier" value={tier} onChange={(v) => setFilter({ tier: v })} width={130} />
        <Checkbox checked={overdue} onChange={(e) => setFilter({ overdue: e.target.checked })}>
          {t('worklist.filter.overdue')}
        </Checkbox>
        {department === NATIONAL_CENTRE && (
          <Checkbox checked={handOver} onChange={(e) => setFilter({ handOver: e.target.checked })}>
            {t('depth.filter.handOver')}
          </Checkbox>
        )}
        <Select<WorklistSort>
          aria-label={t('worklist.sort')}
          style={{ width: 200 }}
          value={sort}
          onChange={(v) => setFilter({ sort: v })}
          options={WORKLIST_SORTS.map((v) => ({ value: v, label: t(`worklist.sort.${v}`) }))}
        />
        <Button onClick={() => setFilter({ type: undefined, localNetwork: undefined, tier: undefined, overdue: false, handOver: false })}>
          {t('worklist.filter.reset')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          {t('common.refresh')}
        </Button>
      </Space>
      <DataTable<Entry>
        caption={title}
        columns={columns}
        rows={list.data?.rows}
        rowKey={(e) => `${e.workOrderId}/${e.round}`}
        loading={list.isPending}
        empty={list.isError ? t('error.unavailable') : t('worklist.empty')}
      />
      <TablePages page={page} size={size} total={list.data?.total ?? 0} totalText={(total) => t('worklist.total', { n: total })} onChange={setFilter} />
    </section>
  );
}
