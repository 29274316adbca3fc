/**
 * The main process's texts: en and zh-CN have exactly the same entries, none empty, each entry uses the same
 * parameters in both languages, English plurals agree with the count, zh-CN is really Chinese; and the language
 * resolves from the setting and the host's locale as documented.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, createTranslator, translatorFor } from '../../../electron/main/core/i18n';
import { resolveLanguage, uiLanguages } from '../../../shared/locale';
import type { LanguageSetting } from '../../../shared/domain';

type Entry = string | ((params: Record<string, unknown>) => string) | { [key: string]: Entry };

/** Distinctive values for every parameter any entry takes: an entry's output shows which ones it used. */
const SAMPLE = { count: 7, feed: 'FeedNameX', path: '/tmp/moved-aside.db', parts: ['PartOneX', 'PartTwoX'] };
const sampleTokens = ['7', 'FeedNameX', '/tmp/moved-aside.db', 'PartOneX', 'PartTwoX'];

/** Dotted key → entry (a text, or a function of its parameters). */
function flatten(tree: Record<string, Entry>, prefix = ''): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}
const render = (entry: Entry): string => (typeof entry === 'function' ? entry(SAMPLE) : (entry as string));

const flat = Object.fromEntries(
  uiLanguages.map((l) => [l, flatten(catalogues[l] as unknown as Record<string, Entry>)]),
) as Record<(typeof uiLanguages)[number], Map<string, Entry>>;

describe('main catalogues', () => {
  it('the flattening sees the whole catalogue (the check itself works)', () => {
    expect(flat.en.size).toBeGreaterThan(20);
    expect(flat.en.has('tray.quit')).toBe(true);
    expect(typeof flat.en.get('notify.digestBody')).toBe('function');
  });

  it('en and zh-CN have exactly the same keys, each a text in one exactly when a text in the other', () => {
    const en = [...flat.en.keys()].sort();
    const zh = [...flat['zh-CN'].keys()].sort();
    expect(
      zh.filter((k) => !flat.en.has(k)),
      'keys only in zh-CN',
    ).toEqual([]);
    expect(
      en.filter((k) => !flat['zh-CN'].has(k)),
      'keys missing in zh-CN',
    ).toEqual([]);
    for (const key of en) expect(typeof flat['zh-CN'].get(key), key).toBe(typeof flat.en.get(key));
  });

  it.each(uiLanguages)('%s has no empty texts', (locale) => {
    for (const [key, entry] of flat[locale]) expect(render(entry).trim(), key).not.toBe('');
  });

  it('every entry uses the same parameters in both languages', () => {
    for (const [key, entry] of flat.en) {
      const used = (text: string) => sampleTokens.filter((token) => text.includes(token));
      expect(used(render(flat['zh-CN'].get(key)!)), key).toEqual(used(render(entry)));
    }
  });

  it('zh-CN is Chinese, not English copied over (only the app name and the tooltip layout stay)', () => {
    const same = [...flat['zh-CN']].filter(([key, entry]) => render(entry) === render(flat.en.get(key)!));
    expect(same.map(([key]) => key).sort()).toEqual(['appName', 'tooltip.compose']);
    for (const [key, entry] of flat['zh-CN']) {
      if (key === 'appName' || key === 'tooltip.compose') continue;
      expect(render(entry), key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('English plurals follow the count; Chinese has one form', () => {
    const en = createTranslator('en');
    expect(en.notify.digestBody({ count: 1, feed: 'Orders' })).toBe('1 new message from Orders');
    expect(en.notify.digestBody({ count: 12, feed: 'Orders' })).toBe('12 new messages from Orders');
    expect(en.notify.backfillBody({ count: 1 })).toBe('1 message while you were away');
    expect(en.notify.backfillBody({ count: 1234 })).toBe('1,234 messages while you were away');
    expect(en.tooltip.failing({ count: 1 })).toBe('1 feed failing');
    expect(en.tooltip.failing({ count: 0 })).toBe('0 feeds failing');
    const zh = createTranslator('zh-CN');
    expect(zh.notify.digestBody({ count: 12, feed: 'Orders' })).toBe('来自 Orders 的 12 条新消息');
    expect(zh.notify.backfillBody({ count: 1 })).toBe('离开期间收到 1 条消息');
    expect(zh.tooltip.failing({ count: 2 })).toBe('2 个订阅源出错');
  });
});

describe('resolveLanguage', () => {
  it('an explicit setting wins over the system', () => {
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it.each([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-HK', 'zh-CN'],
    ['zh-Hant', 'zh-CN'],
    ['zh-Hant-TW', 'zh-CN'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['ja', 'en'],
    ['', 'en'],
  ] as const)("'system' with host locale %j → %s", (system, expected) => {
    expect(resolveLanguage('system', system)).toBe(expected);
  });

  it('translatorFor re-reads the setting on every call', () => {
    let language: LanguageSetting = 'system';
    let system = 'en-US';
    const strings = translatorFor(
      () => ({ language }),
      () => system,
    );
    expect(strings().locale).toBe('en');
    system = 'zh-Hans-CN';
    expect(strings().tray.quit).toBe('退出 Tidings');
    language = 'en';
    expect(strings().tray.quit).toBe('Quit Tidings');
    language = 'zh-CN';
    system = 'en-US';
    expect(strings().locale).toBe('zh-CN');
  });
});
