// Small building blocks where Ant Design's own would cost more than they give: its Card brings Tabs
// and Skeleton, its Result large illustrations, its App the modal and notification machinery. The
// JavaScript for sign-in and the department desk has a budget (300 KB gzipped: `npm run web:size`).
import { createContext, useContext, type ReactNode } from 'react';
import { Alert, message } from 'antd';

/** A titled block of a page. */
export function Panel({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 className="panel__title" id={id}>
        {title}
      </h2>
      <div className="panel__body">{children}</div>
    </section>
  );
}

/** A whole page saying why there is nothing to show (forbidden, not found, unavailable, not built yet). */
export function PageMessage({ type, title, detail, extra }: { type: 'info' | 'warning' | 'error'; title: string; detail?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-message">
      <h1 className="page-title">{title}</h1>
      {detail !== undefined && <Alert type={type} showIcon title={detail} />}
      {extra && <div className="page-message__extra">{extra}</div>}
    </div>
  );
}

type Toasts = ReturnType<typeof message.useMessage>[0];
const ToastContext = createContext<Toasts | undefined>(undefined);

/** Short confirmations ("Accepted") at the top of the page, in the page's theme and language. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, holder] = message.useMessage();
  return (
    <ToastContext.Provider value={toasts}>
      {holder}
      {children}
    </ToastContext.Provider>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts outside ToastProvider');
  return toasts;
}
