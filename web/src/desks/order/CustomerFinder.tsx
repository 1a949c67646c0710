// The order desk's way in: find the customer (the call centre's search, shared/CustomerSearch.tsx) —
// a found customer opens a new order for them — or start from a customer id (what an agent, who does
// not search customers, is given).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Input, Space } from 'antd';
import { useI18n } from '../../i18n';
import { useSession } from '../../auth/session';
import { CustomerSearch } from '../../shared/CustomerSearch';

const CUSTOMER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function StartFromId() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const valid = CUSTOMER_ID.test(id.trim());
  return (
    <form
      aria-labelledby="start-from-id"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) navigate(`new/${encodeURIComponent(id.trim())}`);
      }}
    >
      <h2 id="start-from-id" className="order-desk__label">
        {t('orderDesk.find.byId')}
      </h2>
      <Space.Compact>
        <Input aria-label={t('orderDesk.find.customerId')} value={id} maxLength={64} onChange={(e) => setId(e.target.value)} style={{ width: 260 }} />
        <Button htmlType="submit" type="primary" disabled={!valid}>
          {t('orderDesk.find.start')}
        </Button>
      </Space.Compact>
    </form>
  );
}

export function CustomerFinder() {
  const { t } = useI18n();
  const { user } = useSession();
  const searches = user?.roles.some((r) => r === 'order-entry' || r === 'admin') ?? false;
  return (
    <>
      {searches ? (
        <CustomerSearch title={t('orderDesk.find.title')} linkTo={(c) => `new/${encodeURIComponent(c.id)}`} />
      ) : (
        <h1 className="page-title">{t('orderDesk.find.title')}</h1>
      )}
      <StartFromId />
    </>
  );
}
