// A plain, accessible data table (caption, header cells with scope) for the desks' lists: Ant
// Design's Table brings its filter tree, menus and virtual list along, a fifth of the budget.
import type { ReactNode } from 'react';
import { Spin } from 'antd';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Cut long text to one line (the full text stays readable by assistive technology). */
  ellipsis?: boolean;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  empty: string;
}) {
  return (
    <Spin spinning={loading}>
      <div className="data-table__scroll">
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows?.length ? (
              rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.ellipsis ? 'data-table__ellipsis' : undefined}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={columns.length} className="data-table__empty">
                  {loading ? '' : empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Spin>
  );
}
