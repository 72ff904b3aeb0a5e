import i18next, { type TFunction } from 'i18next';
import { resources } from '../src-shared/i18n';
import { defaultLocale, type Locale } from '../src-shared/roles';

/**
 * Main-process translations (error messages for the CLI and for results
 * crossing IPC), from the same resources the renderer uses.
 */
const instances = new Map<Locale, TFunction>();

export const translator = (locale: Locale = defaultLocale): TFunction => {
  let t = instances.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: 'zh-CN',
      resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    t = instance.t.bind(instance);
    instances.set(locale, t);
  }
  return t;
};
