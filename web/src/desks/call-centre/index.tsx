// The call-centre desk (its own chunk): find the customer on the phone, their 360 view, a new work
// order for them with its dispatch and promised deadline, and the callbacks the centre owes.
import { NavLink, Route, Routes } from 'react-router';
import './call-centre.css';
import { useI18n } from '../../i18n';
import { Callbacks } from './Callbacks';
import { CustomerPage } from './CustomerPage';
import { NewWorkOrder } from './NewWorkOrder';
import { SearchPage } from './SearchPage';
import { WorkOrderView } from './WorkOrderView';

export default function CallCentreDesk() {
  const { t } = useI18n();
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
