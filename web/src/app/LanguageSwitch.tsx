// The language switch: Chinese (the default) or English, remembered by the browser.
import { Segmented } from 'antd';
import { LOCALES, useI18n, type Locale } from '../i18n';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      aria-label={t('header.language')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((l) => ({ value: l, label: t(l === 'zh-CN' ? 'header.lang.zh' : 'header.lang.en') }))}
    />
  );
}
