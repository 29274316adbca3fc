/**
 * The main process's translator: what the tray, native notifications, notices and dialogs say, in English or
 * Simplified Chinese. A typed function table rather than i18next: main shows a few dozen texts, the compiler
 * checks every key and parameter, a lookup is a property read (no init, no global instance) and core keeps its
 * short dependency list (ARCHITECTURE §2).
 */
import type { LanguageSetting, Settings } from '../../../../shared/domain';
import { resolveLanguage, uiLanguages, type UiLanguage } from '../../../../shared/locale';
import { en, type MainStrings } from './en';
import { zhCN } from './zh-CN';

export type { MainStrings } from './en';
export type MainLocale = UiLanguage;
export const mainLocales: readonly MainLocale[] = uiLanguages;

export interface Translator extends MainStrings {
  readonly locale: MainLocale;
}

export const catalogues: Readonly<Record<MainLocale, MainStrings>> = { en, 'zh-CN': zhCN };

const translators: Readonly<Record<MainLocale, Translator>> = {
  en: Object.freeze({ ...en, locale: 'en' as const }),
  'zh-CN': Object.freeze({ ...zhCN, locale: 'zh-CN' as const }),
};

/** The language main speaks: the same rule as the window's (shared/locale.ts). */
export const resolveLocale: (setting: LanguageSetting, systemLocale: string) => MainLocale = resolveLanguage;

export function createTranslator(locale: MainLocale): Translator {
  return translators[locale];
}

/**
 * A getter for the current translator: re-reads the language setting on every call, so every text shown after a
 * settings change is in the new language. Cheap: no allocation, two property reads and the locale match.
 */
export function translatorFor(
  settings: () => Pick<Settings, 'language'>,
  systemLocale: () => string,
): () => Translator {
  return () => createTranslator(resolveLocale(settings().language, systemLocale()));
}
