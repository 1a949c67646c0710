// The order desk (its own chunk), for order-entry staff and agents: find the customer, place a new
// order for them (catalog of their local network, a chosen number held, the quote explained), the
// order list, the order page placing leads to, and a payment at the counter.
import { NavLink, Route, Routes } from 'react-router';
import './order-desk.css';
import { useI18n } from '../../i18n';
import { CustomerFinder } from './CustomerFinder';
import { NewOrder } from './NewOrder';
import { OrderList } from './OrderList';
import { OrderPage } from './OrderPage';
import { TakePayment } from './TakePayment';

export default function OrderDesk() {
  const { t } = useI18n();
  return (
    <>
      <nav aria-label={t('orderDesk.nav')} className="order-desk__nav">
        <NavLink to="." end className="order-desk__tab">
          {t('orderDesk.nav.find')}
        </NavLink>
        <NavLink to="list" className="order-desk__tab">
          {t('orderDesk.nav.list')}
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<CustomerFinder />} />
        <Route path="new/:customerId" element={<NewOrder />} />
        <Route path="list" element={<OrderList />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="pay/:customerId" element={<TakePayment />} />
      </Routes>
    </>
  );
}
