// One search box for the customer on the phone (shared/CustomerSearch.tsx): a found customer opens their 360 view.
import { useI18n } from '../../i18n';
import { CustomerSearch } from '../../shared/CustomerSearch';

export function SearchPage() {
  const { t } = useI18n();
  return <CustomerSearch title={t('callCentre.search.title')} linkTo={(c) => `customers/${encodeURIComponent(c.id)}`} />;
}
