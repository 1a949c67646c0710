// The supervisor board (its own chunk): overdue, about-to-breach and escalated work orders of the
// supervisor's local networks, with transfer and escalation, the departments' figures as charts, and
// a work order's read-only page with its timeline.
import { Route, Routes } from 'react-router';
import { ConfigProvider } from 'antd';
import { Board } from './Board';
import { BoardWorkOrderPage } from './WorkOrderPage';

// Ant Design's red (#ff4d4f) is too light for small text on white (WCAG AA 4.5:1): the board's field
// errors and its escalate buttons use a darker one, the same as the escalated badge.
const THEME = { token: { colorError: '#a8071a' } };

export default function SupervisorBoard() {
  return (
    <ConfigProvider theme={THEME}>
      <Routes>
        <Route index element={<Board />} />
        <Route path="work-orders/:id" element={<BoardWorkOrderPage />} />
      </Routes>
    </ConfigProvider>
  );
}
