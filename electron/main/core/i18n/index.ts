/**
 * The main process's translator: what the tray, native notifications, notices and dialogs say, in English or
 * Simplified Chinese. A typed function table rather than i18next: main shows a few dozen texts, the compiler
 * checks every key and parameter, a lookup is a property read (no init, no global instance) and core keeps its
 * short dependency list (ARCHITECTURE §2). The language follows shared/locale.ts (resolveLanguage), the window's rule.
 */
import type { Settings } from '../../../../shared/domain';
import { resolveLanguage, type UiLanguage } from '../../../../shared/locale';
import { en, type MainStrings } from './en';
import { zhCN } from './zh-CN';

export type { MainStrings } from './en';

export interface Translator extends MainStrings {
  readonly locale: UiLanguage;
}

export const catalogues: Readonly<Record<UiLanguage, MainStrings>> = { en, 'zh-CN': zhCN };

const translators: Readonly<Record<UiLanguage, Translator>> = {
  en: Object.freeze({ ...en, locale: 'en' as const }),
  'zh-CN': Object.freeze({ ...zhCN, locale: 'zh-CN' as const }),
};

export function createTranslator(locale: UiLanguage): Translator {
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
  return () => createTranslator(resolveLanguage(settings().language, systemLocale()));
}
