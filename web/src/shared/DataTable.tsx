// A plain, accessible data table (caption, header cells with scope) for the desks' lists: Ant
// Design's Table brings its filter tree, menus and virtual list along, a fifth of the budget.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Pagination, Spin } from 'antd';
import { PAGE_SIZES } from './limits';

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
  // A table wider than its place scrolls sideways: then its scroll box takes the keyboard focus (arrow
  // keys scroll it) and is named by the caption, as WCAG asks of a scrollable region; otherwise no tab stop.
  const scroll = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = scroll.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <Spin spinning={loading}>
      <div ref={scroll} className="data-table__scroll" {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}>
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

/** A list's pages under its table: a changed page size starts again at the first page. */
export function TablePages({
  page,
  size,
  total,
  totalText,
  onChange,
}: {
  page: number;
  size: number;
  total: number;
  totalText: (n: number) => string;
  onChange: (to: { page: number; size: number }) => void;
}) {
  return (
    <Pagination
      className="data-table__pages"
      align="end"
      current={page}
      pageSize={size}
      total={total}
      pageSizeOptions={PAGE_SIZES}
      showSizeChanger
      showTotal={totalText}
      onChange={(p, s) => onChange({ page: s === size ? p : 1, size: s })}
    />
  );
}
