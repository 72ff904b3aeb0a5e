import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '@shared/i18n';
import { defaultLocale, locales, type Locale } from '@shared/roles';

const STORAGE_KEY = 'tuoke.locale';

/** The UI language is a per-PC preference (it must work before login), kept in local storage. */
export const storedLocale = (): Locale => {
  const v = localStorage.getItem(STORAGE_KEY);
  return (locales as readonly string[]).includes(v ?? '') ? (v as Locale) : defaultLocale;
};

export const setLocale = async (locale: Locale): Promise<void> => {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
};

void i18next.use(initReactI18next).init({
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = storedLocale();

export default i18next;
