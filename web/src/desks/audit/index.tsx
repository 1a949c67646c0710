// The auditor's view (its own chunk): find an order or a work order, read its audit trail — the
// workflow history told as business events — download that history as the file
// `npm run audit:replay` reads, and have the server replay it against the code deployed now.
import { Route, Routes } from 'react-router';
import { AuditSearchPage } from './SearchPage';
import { AuditTrailPage } from './TrailPage';
import './audit.css';

export default function AuditorView() {
  return (
    <Routes>
      <Route index element={<AuditSearchPage />} />
      <Route path="orders/:id" element={<AuditTrailPage kind="order" />} />
      <Route path="work-orders/:id" element={<AuditTrailPage kind="workOrder" />} />
    </Routes>
  );
}
