// The call-centre desk (its own chunk): find the customer on the phone, their 360 view, a new work
// order for them with its dispatch and promised deadline, and the callbacks the centre owes. An
// account manager gets their own customers and their work orders instead (account-manager.ts).
import { NavLink, Route, Routes } from 'react-router';
import './call-centre.css';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { isAccountManagerOnly } from './account-manager';
import { AccountManagerHome } from './AccountManagerHome';
import { Callbacks } from './Callbacks';
import { CustomerPage } from './CustomerPage';
import { NewWorkOrder } from './NewWorkOrder';
import { SearchPage } from './SearchPage';
import { WorkOrderView } from './WorkOrderView';

export default function CallCentreDesk() {
  const { t } = useI18n();
  const { user } = useSession();
  if (isAccountManagerOnly(user))
    return (
      <>
        <nav aria-label={t('callCentre.nav')} className="call-centre__nav">
          <NavLink to="." end className="call-centre__tab">
            {t('depth.am.nav')}
          </NavLink>
        </nav>
        <Routes>
          <Route index element={<AccountManagerHome />} />
          <Route path="customers/:id/new-work-order" element={<NewWorkOrder />} />
          <Route path="work-orders/:id" element={<WorkOrderView />} />
        </Routes>
      </>
    );
  return (
    <>
      <nav aria-label={t('callCentre.nav')} className="call-centre__nav">
        <NavLink to="." end className="call-centre__tab">
          {t('callCentre.nav.search')}
        </NavLink>
        <NavLink to="callbacks" className="call-centre__tab">
          {t('callCentre.nav.callbacks')}
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<SearchPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="customers/:id/new-work-order" element={<NewWorkOrder />} />
        <Route path="work-orders/:id" element={<WorkOrderView />} />
        <Route path="callbacks" element={<Callbacks />} />
      </Routes>
    </>
  );
}
