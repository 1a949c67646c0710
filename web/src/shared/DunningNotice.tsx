// An account's open dunning case, as the customer 360 carries it: why its lines are barred, what is
// owed, and that paying resumes them by itself. Shown on the call centre's 360 and at the counter.
import { Alert } from 'antd';
import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';

type Account = Schemas['Customer360']['accounts'][number];

export const money = (cents: number, currency = 'CNY') => `${(cents / 100).toFixed(2)} ${currency}`;

export function DunningNotice({ account }: { account: Account }) {
  const { t, label } = useI18n();
  const d = account.dunning;
  if (!d) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={`dunning-${account.id}`}
      title={t('callCentre.dunning.open', {
        account: account.id,
        state: label('callCentre.dunningState', d.state),
        date: d.openedOn,
        owed: money(d.owedCents),
        reason: label('callCentre.dunningReason', d.reason),
        order: d.suspensionOrderId ?? '—',
      })}
    />
  );
}
