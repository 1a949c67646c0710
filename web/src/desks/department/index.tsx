// The department desk (its own chunk): the worklist of the signed-in person's department, and a work
// order's page with what they may do to it now.
import { Route, Routes } from 'react-router';
import { useSession } from '../../auth/session';
import { Worklist } from './Worklist';
import { WorkOrderPage } from './WorkOrderPage';

export default function DepartmentDesk() {
  const department = useSession().user!.department!;
  return (
    <Routes>
      <Route index element={<Worklist department={department} />} />
      <Route path="work-orders/:id" element={<WorkOrderPage department={department} />} />
    </Routes>
  );
}
