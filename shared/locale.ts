import type { LanguageSetting } from './domain';

/** The languages Tidings speaks, in the window and in the main process alike. */
export type UiLanguage = 'en' | 'zh-CN';
export const uiLanguages: readonly UiLanguage[] = ['en', 'zh-CN'];

/**
 * The language to show. An explicit setting wins; 'system' follows the host's locale: any Chinese locale —
 * zh, zh-CN, zh-Hans-SG, and also zh-TW / zh-Hant, whose readers read Simplified Chinese more easily than
 * English — is 简体中文, everything else English. Accepts BCP 47 tags and POSIX names (zh_CN.UTF-8), any case.
 * One rule for renderer and main, so the window, tray and notifications never disagree.
 */
export function resolveLanguage(setting: LanguageSetting, systemLocale: string): UiLanguage {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  const language = (systemLocale.trim().split(/[.@]/)[0] ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'zh' ? 'zh-CN' : 'en';
}
