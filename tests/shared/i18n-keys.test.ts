/**
 * Every string the renderer shows must exist in both locales: the key trees of en and zh-CN are identical, no
 * value is empty, interpolations match, every literal key used in renderer/src exists, and the key families
 * the UI builds at run time (feed states, stop reasons, notify modes) are complete. The main process's own
 * catalogues (tray, notifications, notices) are checked in tests/core/i18n; here, that both use the same words
 * for the same actions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import {
  classifyResponse,
  describeNetworkError,
  KNOWN_NETWORK_CODES,
  KNOWN_TLS_CODES,
  type Outcome,
} from '../../electron/main/core/feeds/errors';
import { catalogues } from '../../electron/main/core/i18n';
import {
  errorText,
  PROBLEM_EXAMPLES,
  problemText,
  reasonDetail,
  reasonMessage,
  reasonText,
  TLS_PROBLEM_KEYS,
} from '../../renderer/src/lib/reasons';
import { problemEnglish } from '../../shared/problem';
import { NETWORK_PROBLEMS, REASON_EXAMPLES, reasonEnglish, TLS_PROBLEMS, type Reason } from '../../shared/reason';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const locales = { en: flatten(en as Tree), 'zh-CN': flatten(zhCN as Tree) };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function has(map: Map<string, string>, key: string): boolean {
  return map.has(key) || map.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const srcDir = join(__dirname, '../../renderer/src');
const sources = sourceFiles(srcDir).filter((f) => !f.includes(`${join('src', 'i18n')}`));
const usedKeys = new Set<string>();
for (const file of sources) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) usedKeys.add(m[1]!);
  for (const m of text.matchAll(/\bkey:\s*'([a-z]+\.[^']+)'/g)) usedKeys.add(m[1]!);
}

describe('i18n keys', () => {
  it('finds the keys used in the renderer (the scan itself works)', () => {
    expect(usedKeys.size).toBeGreaterThan(100);
    expect(usedKeys).toContain('sidebar.allMessages');
    expect(usedKeys).toContain('notice.loadFailed');
  });

  it('en and zh-CN have exactly the same keys', () => {
    const enKeys = [...locales.en.keys()].sort();
    const zhKeys = [...locales['zh-CN'].keys()].sort();
    expect(
      zhKeys.filter((k) => !locales.en.has(k)),
      'keys only in zh-CN',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !locales['zh-CN'].has(k)),
      'keys missing in zh-CN',
    ).toEqual([]);
  });

  it.each(Object.entries(locales))('%s has no empty strings and matching interpolations', (_name, map) => {
    for (const [key, value] of map) {
      expect(value.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(value), `interpolations of ${key}`).toEqual(vars(locales.en.get(key)!));
    }
  });

  it('zh-CN is actually Chinese (not English copied over)', () => {
    const same = [...locales['zh-CN']].filter(([k, v]) => v === locales.en.get(k) && /[a-z]{4,}/i.test(v));
    // Only proper names may stay the same (the app, English, the servers' product names).
    const names = ['ntfy', 'mercure', 'nchan', 'wikimedia'].map((id) => `editor.profiles.${id}`);
    expect(same.map(([k]) => k).sort()).toEqual(['app.name', 'settings.languageEn', ...names].sort());
  });

  it.each(Object.entries(locales))('every literal key used in renderer/src exists in %s', (_name, map) => {
    const missing = [...usedKeys].filter((k) => !has(map, k));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(locales))('%s covers the key families built at run time', (_name, map) => {
    const families: Record<string, string[]> = {
      state: ['connecting', 'open', 'reconnecting', 'stopped', 'paused', 'disabled'],
      'diag.explain': ['connecting', 'open', 'reconnecting', 'stopped', 'paused', 'disabled'],
      reason: [
        'server-stop',
        'auth-failed',
        'not-found',
        'bad-content-type',
        'tls',
        'redirect-loop',
        'http-error',
        'invalid-url',
      ],
      tlsProblem: ['other'],
      'editor.notify': ['off', 'all', 'types'],
    };
    for (const [prefix, names] of Object.entries(families)) {
      for (const name of names) expect(has(map, `${prefix}.${name}`), `${prefix}.${name}`).toBe(true);
    }
  });

  it('plural keys have the forms each language needs', () => {
    const plurals = [...locales.en.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
    for (const base of new Set(plurals)) {
      expect(locales.en.has(`${base}_one`) && locales.en.has(`${base}_other`), base).toBe(true);
      expect(locales['zh-CN'].has(`${base}_other`), base).toBe(true);
    }
  });
});

describe('main process and renderer agree', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)(
    '%s: the tray names do-not-disturb, logs and diagnostics as the settings page does',
    (locale, renderer) => {
      const tray = catalogues[locale].tray;
      expect([tray.dnd, tray.dndOff, tray.dndHour, tray.copyDiagnostics, tray.openLogs]).toEqual([
        renderer.settings.dnd,
        renderer.settings.dndOff,
        renderer.settings.dndHour,
        renderer.settings.copyDiagnostics,
        renderer.settings.openLogs,
      ]);
    },
  );
});

/** What core says for every network / TLS error code it knows, one unknown error, and the statuses it handles. */
function coreOutcomes(): Outcome[] {
  const fromCode = (code: string) =>
    describeNetworkError(Object.assign(new TypeError('fetch failed'), { cause: { code, message: code } }));
  const statuses = [204, 301, 400, 401, 403, 404, 408, 410, 418, 429, 500, 502, 503];
  return [
    ...KNOWN_NETWORK_CODES.map(fromCode),
    ...KNOWN_TLS_CODES.map(fromCode),
    describeNetworkError(new TypeError('something nobody foresaw')),
    describeNetworkError(Object.assign(new TypeError('fetch failed'), { cause: new Error('redirect count exceeded') })),
    ...statuses.map((status) => classifyResponse(status, 'text/plain')!),
    classifyResponse(200, 'text/html; charset=utf-8')!,
    classifyResponse(200, null)!,
  ];
}

/** Every kind of reason (one example each), every variant a kind words differently, and what core produces. */
function everyReason(): Reason[] {
  return [
    ...Object.values(REASON_EXAMPLES),
    ...NETWORK_PROBLEMS.map((problem): Reason => ({ kind: 'network', problem })),
    ...TLS_PROBLEMS.map((problem): Reason => ({ kind: 'tls', problem, code: 'X' })),
    ...[204, 301, 400, 401, 403, 404, 408, 410, 418, 429, 500, 503].map((status): Reason => ({ kind: 'http', status })),
    { kind: 'contentType', got: null },
    { kind: 'oversizeLine', part: 'field', limitBytes: 65536 },
    ...coreOutcomes().map((o) => o.reason),
  ];
}

describe('reasons', () => {
  it.each(Object.entries(locales))(
    'every kind of reason and certificate problem has a translation in %s',
    (_n, map) => {
      const keys = new Set([
        ...everyReason().map((r) => reasonMessage(r).key),
        ...Object.values(TLS_PROBLEM_KEYS),
        'reason.unknown',
      ]);
      expect(keys.size).toBeGreaterThan(40);
      expect([...keys].filter((k) => !map.has(k))).toEqual([]);
      // And nothing in the reason families that no reason uses.
      const families = [...map.keys()].filter((k) => k.startsWith('reason.') || k.startsWith('tlsProblem.'));
      expect(families.filter((k) => !keys.has(k) && k !== 'tlsProblem.other')).toEqual([]);
    },
  );

  it('every reason core gives is a kind the window knows, with its details as data', () => {
    const outcomes = coreOutcomes();
    expect(outcomes.length).toBeGreaterThan(45);
    for (const outcome of outcomes) {
      const english = reasonEnglish(outcome.reason);
      expect(Object.keys(REASON_EXAMPLES), english).toContain(outcome.reason.kind);
      expect(reasonMessage(outcome.reason).key, english).not.toBe('reason.unknown');
    }
    // The variable parts travel as data, not inside words.
    expect(classifyResponse(503, null)).toEqual({ kind: 'retry', reason: { kind: 'http', status: 503 } });
    expect(classifyResponse(200, 'Text/HTML; charset=utf-8')).toEqual({
      kind: 'stop',
      reason: { kind: 'contentType', got: 'text/html' },
    });
  });

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)(
    '%s: every reason translates with every placeholder filled; a kind from a newer core gets general words',
    async (lng, resources) => {
      const i18n = i18next.createInstance();
      await i18n.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
      const t = i18n.t.bind(i18n);
      for (const reason of everyReason()) {
        const text = reasonText(t, reason);
        const english = reasonEnglish(reason);
        expect(text, english).toBeTruthy();
        expect(text, english).not.toMatch(/\{\{|reason\.|tlsProblem\./);
        if (lng === 'zh-CN') expect(text, english).toMatch(/[\u4e00-\u9fff]/);
      }
      const newer = { kind: 'from-a-newer-core' } as unknown as Reason;
      expect(reasonText(t, newer)).toBe(lng === 'en' ? 'The connection failed.' : '连接失败。');
      expect(reasonText(t, null)).toBeNull();
      expect(reasonText(t, { kind: 'http', status: 503 })).toBe(
        lng === 'en' ? 'Server error (503)' : '服务器错误（503）',
      );
      // A network or stream error core does not recognise: only translated words; the runtime's own text is a
      // detail (diagnostics show it apart), never part of the sentence.
      for (const raw of [
        { kind: 'networkError', detail: 'socket hang up' },
        { kind: 'streamError', detail: 'terminated: other side closed' },
      ] as const) {
        expect(reasonText(t, raw)).toBe(
          raw.kind === 'networkError'
            ? lng === 'en'
              ? 'Network error.'
              : '网络错误。'
            : lng === 'en'
              ? 'The stream failed.'
              : '数据流出错。',
        );
        expect(reasonDetail(raw)).toBe(raw.detail);
      }
      expect(reasonDetail({ kind: 'http', status: 503 })).toBeNull();
      expect(reasonText(t, { kind: 'tls', code: 'CERT_HAS_EXPIRED', problem: 'expired' })).toBe(
        lng === 'en'
          ? 'Certificate problem: the server’s certificate has expired (CERT_HAS_EXPIRED).'
          : '证书有问题：服务器的证书已过期（CERT_HAS_EXPIRED）。',
      );
    },
  );
});

describe('problems (errors returned over IPC)', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)('%s: every kind of problem is translated, with every placeholder filled', async (lng, resources) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
    const t = i18n.t.bind(i18n);
    const problems = Object.values(PROBLEM_EXAMPLES);
    expect(problems.length).toBeGreaterThan(30);
    for (const problem of problems) {
      const text = problemText(t, problem);
      const english = problemEnglish(problem);
      expect(text, english).toBeTruthy();
      expect(text, english).not.toMatch(/\{\{|problem\./);
      if (lng === 'zh-CN') {
        expect(text, english).toMatch(/[\u4e00-\u9fff]/);
        // No English sentence from core: core's words (a JSON parser's message, a channel) stay in the log.
        expect(text, english).not.toMatch(/[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}/);
      }
    }
    // A request refused for its fields names the first field's problem, in the window's language.
    const refused = {
      problem: PROBLEM_EXAMPLES.invalidRequest,
      issues: [{ path: 'url', problem: { kind: 'url' as const }, message: 'Enter an http:// or https:// URL' }],
    };
    expect(errorText(t, refused)).toBe(
      lng === 'en'
        ? 'Some values are not valid. url: Enter a valid http:// or https:// URL.'
        : '部分内容无效。 url: 请输入有效的 http:// 或 https:// 网址。',
    );
    // An error from an older core without a problem never shows its English message.
    expect(errorText(t, { message: 'Something in English' } as never)).toBe(
      lng === 'en' ? 'That did not work.' : '操作未成功。',
    );
  });
});
