// The routes: sign-in, then each role's desk, every desk its own chunk loaded on first visit (the
// sign-in page carries no desk's code).
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Spin } from 'antd';
import { SignInPage } from '../auth/SignInPage';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { PageMessage } from '../shared/ui';
import { AppLayout } from './AppLayout';
import { AUDIT_DESK, CALL_CENTRE_DESK, DEPARTMENT_DESK, desksOf, homeOf, ORDER_DESK, REPORTS_PAGE, SUPERVISOR_BOARD, SYSTEM_PAGE } from './desks';

const DepartmentDesk = lazy(() => import('../desks/department/index'));
const CallCentreDesk = lazy(() => import('../desks/call-centre/index'));
const SupervisorBoard = lazy(() => import('../desks/supervisor/index'));
const OrderDesk = lazy(() => import('../desks/order/index'));
const AuditDesk = lazy(() => import('../desks/audit/index'));
const SystemPage = lazy(() => import('../desks/system/index'));
const ReportsPage = lazy(() => import('../desks/reports/index'));

const Loading = () => <Spin className="app__loading" size="large" />;

/** Signed-in pages only: anyone else goes to sign-in, and comes back here after. */
function RequireSession({ children }: { children: ReactNode }) {
  const { user, unavailable, retry } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (unavailable)
    return (
      <PageMessage
        type="error"
        title={t('error.unavailable')}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={homeOf(user!)} replace />;
}

/** A role whose desk is not built yet, or a page that does not exist. */
function NotYet() {
  const { t } = useI18n();
  return <PageMessage type="info" title={t('desk.notYet.title')} detail={t('desk.notYet.body')} />;
}

/** A desk only for those whose roles open it (desks.ts); anyone else is told, not shown an empty page. */
function DeskOf({ desk, children }: { desk: string; children: ReactNode }) {
  const { user } = useSession();
  const { t } = useI18n();
  if (!user || !desksOf(user).includes(desk)) return <PageMessage type="warning" title={t('desk.forbidden.title')} detail={t('desk.forbidden.body')} />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  return (
    <BrowserRouter basename="/app">
      <Routes>
        <Route path="/login" element={<SignInPage />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route index element={<Home />} />
          <Route
            path={`${DEPARTMENT_DESK}/*`}
            element={
              <DeskOf desk={DEPARTMENT_DESK}>
                <DepartmentDesk />
              </DeskOf>
            }
          />
          <Route
            path={`${CALL_CENTRE_DESK}/*`}
            element={
              <DeskOf desk={CALL_CENTRE_DESK}>
                <CallCentreDesk />
              </DeskOf>
            }
          />
          <Route
            path={`${SUPERVISOR_BOARD}/*`}
            element={
              <DeskOf desk={SUPERVISOR_BOARD}>
                <SupervisorBoard />
              </DeskOf>
            }
          />
          <Route
            path={`${ORDER_DESK}/*`}
            element={
              <DeskOf desk={ORDER_DESK}>
                <OrderDesk />
              </DeskOf>
            }
          />
          <Route
            path={`${AUDIT_DESK}/*`}
            element={
              <DeskOf desk={AUDIT_DESK}>
                <AuditDesk />
              </DeskOf>
            }
          />
          <Route
            path={`${SYSTEM_PAGE}/*`}
            element={
              <DeskOf desk={SYSTEM_PAGE}>
                <SystemPage />
              </DeskOf>
            }
          />
          <Route
            path={`${REPORTS_PAGE}/*`}
            element={
              <DeskOf desk={REPORTS_PAGE}>
                <ReportsPage />
              </DeskOf>
            }
          />
          <Route path="*" element={<NotYet />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
