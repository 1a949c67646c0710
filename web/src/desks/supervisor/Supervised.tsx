// The board's Supervised tab (督办): the supervisions of the supervisor's local networks (GET
// /supervision/supervised), those awaiting the department's written reply first — each with its work
// order (linked to its page), the departments asked, the deadline, the instructions and the reply (in
// time or late). Filters: awaiting / overdue / replied, the placing supervisor's level, only mine.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, Tag } from 'antd';
import { Link } from 'react-router';
import { api, unwrapPage, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { LocalNetwork } from '../../shared/api-values';
import { DataTable, TablePages, type Column } from '../../shared/DataTable';
import { FilterSelect } from '../../shared/FilterSelect';
import { departmentName } from '../../shared/work-order';
import { SUPERVISION_LEVELS, SUPERVISION_STATUSES, supervisedQuery, type BoardParams } from './board-logic';

type Entry = Schemas['SupervisedEntry'];

// Dark enough for white text (WCAG AA), and a word in each.
const TAG = { awaiting: '#ad4e00', overdue: '#a8071a', inTime: '#237804', late: '#a8071a' } as const;

/** Where the supervision stands: the reply (in time or late), or awaiting it (past its deadline or not). */
function ReplyCell({ e }: { e: Entry }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  if (!e.reply) {
    const kind = e.overdue ? 'overdue' : 'awaiting';
    return (
      <Tag color={TAG[kind]} data-supervision={kind}>
        {t(`board.supervised.${kind}`)}
      </Tag>
    );
  }
  const kind = e.reply.inTime ? 'inTime' : 'late';
  return (
    <div data-supervision="replied">
      <Tag color={TAG[kind]} data-reply={kind}>
        {t(`board.supervised.${kind}`)}
      </Tag>
      <p className="supervised__reply">{e.reply.text}</p>
      <div className="muted">{t('board.supervised.repliedBy', { department: departmentName(e.reply.department, i18n), at: dateTime(e.reply.at) })}</div>
    </div>
  );
}

/** The Supervised tab's own filters, shown among the board's. */
export function SupervisedFilters({ state, setState }: { state: BoardParams; setState: (change: Partial<BoardParams>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <FilterSelect
        name={t('board.supervised.filter.status')}
        values={SUPERVISION_STATUSES}
        group="board.supervised.status"
        value={state.status}
        onChange={(status) => setState({ status })}
      />
      <FilterSelect
        name={t('board.supervised.filter.level')}
        values={SUPERVISION_LEVELS}
        group="level"
        value={state.level}
        onChange={(level) => setState({ level })}
      />
      <Checkbox checked={state.mine} onChange={(e) => setState({ mine: e.target.checked })}>
        {t('board.supervised.filter.mine')}
      </Checkbox>
    </>
  );
}

/** The supervisions, a page at a time (the board's refresh button refetches every ['board'] query). */
export function SupervisedList({
  state,
  scope,
  setState,
}: {
  state: BoardParams;
  scope: { localNetwork?: LocalNetwork };
  setState: (change: Partial<BoardParams>) => void;
}) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const { page, size } = state;
  const list = useQuery({
    queryKey: ['board', 'supervised', state.status, state.level, state.mine, scope.localNetwork, page, size],
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    queryFn: () =>
      unwrapPage(api.GET('/supervision/supervised', { params: { query: { ...supervisedQuery(state), ...scope, limit: size, offset: (page - 1) * size } } })),
  });
  const columns: Column<Entry>[] = [
    {
      key: 'id',
      title: t('worklist.col.id'),
      render: (e) => <Link to={`work-orders/${encodeURIComponent(e.workOrderId)}`}>{e.workOrderId}</Link>,
    },
    { key: 'summary', title: t('worklist.col.summary'), render: (e) => <span title={e.workOrder.summary}>{e.workOrder.summary}</span>, ellipsis: true },
    {
      key: 'departments',
      title: t('board.col.department'),
      render: (e) => e.departments.map((d) => departmentName(d, i18n)).join(t('list.join')),
    },
    { key: 'localNetwork', title: t('worklist.col.localNetwork'), render: (e) => label('place', e.localNetwork) },
    {
      key: 'placed',
      title: t('board.supervised.col.placed'),
      render: (e) => (
        <>
          <div>{dateTime(e.placedAt)}</div>
          <div className="muted">{t('board.supervised.by', { who: e.supervisedBy, level: label('level', e.level) })}</div>
        </>
      ),
    },
    { key: 'due', title: t('board.supervised.col.due'), render: (e) => dateTime(e.due) },
    { key: 'instructions', title: t('board.supervised.col.instructions'), render: (e) => <span className="supervised__text">{e.instructions}</span> },
    { key: 'reply', title: t('board.supervised.col.reply'), render: (e) => <ReplyCell e={e} /> },
  ];
  return (
    <>
      <DataTable<Entry>
        caption={t('board.supervised.caption')}
        columns={columns}
        rows={list.data?.rows}
        rowKey={(e) => `${e.workOrderId}/${e.supervision}`}
        loading={list.isPending}
        empty={list.isError ? t('error.unavailable') : t('board.supervised.empty')}
      />
      <TablePages page={page} size={size} total={list.data?.total ?? 0} totalText={(total) => t('board.total', { n: total })} onChange={setState} />
    </>
  );
}
