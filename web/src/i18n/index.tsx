// Every text of the workbench comes from one message catalogue (zh-CN.ts, with en.ts beside it), in
// the language the person chose: Chinese by default, English by the switch in the header. Ant
// Design's own texts and dates follow the same choice. English (its catalogue and Ant Design's English
// texts) is a chunk of its own, fetched when chosen: sign-in carries only the default language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import type { Locale as AntLocale } from 'antd/es/locale';
import antZhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ToastProvider } from '../shared/ui';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** A language's texts: the catalogue and Ant Design's own. */
interface Pack {
  messages: Messages;
  ant: AntLocale;
}
const DEFAULT_PACK: Pack = { messages: zhCN, ant: antZhCN };
const LOADERS: Record<Exclude<Locale, 'zh-CN'>, () => Promise<Pack>> = {
  en: () => Promise.all([import('./en'), import('antd/es/locale/en_US')]).then(([m, a]) => ({ messages: m.en, ant: a.default })),
};
/** The packs loaded so far (the default one from the start), shared by every provider of the page. */
const packs: Partial<Record<Locale, Pack>> = { 'zh-CN': DEFAULT_PACK };
function loadPack(locale: Locale): Promise<Pack> {
  const have = packs[locale];
  if (have) return Promise.resolve(have);
  return LOADERS[locale as Exclude<Locale, 'zh-CN'>]().then((pack) => (packs[locale] = pack));
}
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', en: 'en' } as const;
const STORAGE_KEY = 'telecom.workbench.locale';

// Ant Design's default blue and its light greys fall short of WCAG AA contrast (4.5:1) for small
// text; these meet it on white, so every text on the page stays readable.
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
};

export type Vars = Record<string, string | number>;

/** `{name}` in a message is replaced by vars.name. */
export function format(message: string, vars?: Vars): string {
  return vars ? message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : message;
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  /** The label of a value of the API's (a type, a state, a tier…): `group.value`, or the value itself when the catalogue has none. */
  label(group: string, value: string | undefined): string;
  dateTime(at: string | number | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LOCALES.includes(stored as Locale) ? (stored as Locale) : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  // The chosen language's pack: the default at once, another once fetched (a moment's blank page).
  const [pack, setPack] = useState<Pack | undefined>(packs[locale]);
  useEffect(() => {
    let current = true;
    if (!pack)
      void loadPack(locale).then(
        (p) => current && setPack(p),
        () => current && setLocaleState('zh-CN'),
      );
    return () => void (current = false);
  }, [locale, pack]);
  // Switching waits for the other language's pack, so the page goes from one language to the other.
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    void loadPack(next).then((p) => {
      setPack(p);
      setLocaleState(next);
    });
  }, []);
  useEffect(() => {
    if (!pack) return;
    // Screen readers and the browser's own features read the page's language from here.
    document.documentElement.lang = locale;
    document.title = pack.messages['app.title'];
    dayjs.locale(DAYJS_LOCALES[locale]);
  }, [locale, pack]);
  const value = useMemo<I18n | undefined>(() => {
    if (!pack) return undefined;
    const messages: Record<string, string> = pack.messages;
    return {
      locale,
      setLocale,
      t: (key, vars) => format(messages[key] ?? key, vars),
      label: (group, v) => (v === undefined ? '' : (messages[`${group}.${v}`] ?? v)),
      dateTime: (at) => (at === undefined ? '' : dayjs(at).locale(DAYJS_LOCALES[locale]).format('YYYY-MM-DD HH:mm')),
    };
  }, [locale, setLocale, pack]);
  if (!value || !pack) return null;
  return (
    <I18nContext.Provider value={value}>
      {/* No space put between the two characters of a Chinese button (登录, not 登 录): screen readers read the word. */}
      <ConfigProvider locale={pack.ant} button={{ autoInsertSpace: false }} theme={THEME}>
        <ToastProvider>{children}</ToastProvider>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
