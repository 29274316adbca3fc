import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage, type UiLanguage } from '../../../shared/locale';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;
export type { UiLanguage };
/** The UI language for a setting; 'system' follows the OS locale from the snapshot (same rule as main). */
export { resolveLanguage };

export function initI18n(language: UiLanguage = 'en'): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React renders text nodes; nothing is parsed as HTML
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}

export function applyLanguage(language: UiLanguage): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
