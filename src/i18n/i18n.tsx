// UI strings in English and Chinese; keys are typed from en.json so a missing key fails type-checking.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './en.json';
import zh from './zh.json';
import { formatMessage } from '../domain/text/index.ts';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'zh';
export type Messages = Record<MessageKey, string>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const LOCALES: readonly Locale[] = ['en', 'zh'];
const MESSAGES: Record<Locale, Messages> = { en, zh };
const STORAGE_KEY = 'duizhao.locale';

/** Fills `{name}` placeholders and picks plural forms by the locale's rules. */
export function format(template: string, vars?: Record<string, string | number>, locale: Locale = 'en'): string {
  return formatMessage(template, vars, locale);
}

export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key, vars) => (messages[key] ? format(messages[key], vars, locale) : format(en[key] ?? key, vars, 'en'));
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Storage can be unavailable (private mode); fall back to English.
  }
  return 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ locale: 'en', setLocale: () => {}, t: translator('en') });

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted: the choice still applies to this tab.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
