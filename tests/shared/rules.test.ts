/** The rules core, main and the window share, each written once (shared/rules.ts). */
import { describe, expect, it } from 'vitest';
import { feedInput, headerName } from '../../shared/ipc/schemas';
import {
  checkHttpUrl,
  defaultFeedInput,
  IDLE_TIMEOUT_SEC,
  isHeaderName,
  nextMorning,
  normaliseUrl,
  searchTerms,
} from '../../shared/rules';
import { isSafeExternalUrl } from '../../electron/main/platform/external';
import { checkExternalUrl } from '../../electron/main/core/api/handlers';
import { invalidHeader } from '../../electron/main/core/feeds/errors';
import { linkify } from '../../renderer/src/lib/text';

describe('the URL rule', () => {
  it('accepts absolute http(s) URLs on any port and gives their WHATWG serialisation', () => {
    expect(checkHttpUrl('https:/ntfy.sh/a')).toEqual({ ok: true, href: 'https://ntfy.sh/a' });
    expect(checkHttpUrl('HTTP://HOST/X')).toEqual({ ok: true, href: 'http://host/X' });
    expect(checkHttpUrl('  https://example.test:443/x  ')).toEqual({ ok: true, href: 'https://example.test/x' });
    // Ports a browser refuses ("bad ports") are fine for a desktop client.
    for (const port of [1, 9, 6000, 6665, 6669, 10080, 65535]) {
      expect(checkHttpUrl(`http://127.0.0.1:${port}/sse`).ok, String(port)).toBe(true);
    }
  });

  it('refuses other schemes, URLs without a host and URLs with credentials, saying which', () => {
    expect(checkHttpUrl('ftp://example.test/feed')).toEqual({
      ok: false,
      problem: { kind: 'urlScheme', scheme: 'ftp' },
    });
    expect(checkHttpUrl('javascript:alert(1)')).toMatchObject({ ok: false, problem: { kind: 'urlScheme' } });
    expect(checkHttpUrl('orders')).toEqual({ ok: false, problem: { kind: 'url' } });
    expect(checkHttpUrl('https://user:pass@example.test/')).toEqual({ ok: false, problem: { kind: 'urlCredentials' } });
    expect(checkHttpUrl('https://token@example.test/')).toEqual({ ok: false, problem: { kind: 'urlCredentials' } });
  });

  it('is the rule of the feed schema, of links in core, main and the window alike', () => {
    const samples = [
      'https://example.test/a',
      'https://user:pass@example.test/a',
      'ftp://example.test/a',
      'http://127.0.0.1:6000/a',
      'https:/example.test/a',
    ];
    for (const url of samples) {
      const ok = checkHttpUrl(url).ok;
      expect(feedInput.safeParse({ ...defaultFeedInput(url) }).success, url).toBe(ok);
      expect(checkExternalUrl(url).ok, url).toBe(ok);
      expect(isSafeExternalUrl(url), url).toBe(ok);
      // Text is linkified only where it spells out http:// or https://.
      if (/^https?:\/\//.test(url))
        expect(
          linkify(url).some((s) => s.href !== null),
          url,
        ).toBe(ok);
    }
    // The schema stores what the rule serialises.
    const parsed = feedInput.parse(defaultFeedInput('HTTP://Example.TEST:80/Path'));
    expect(parsed.url).toBe('http://example.test/Path');
    expect(normaliseUrl('HTTP://Example.TEST:80/Path')).toBe(parsed.url);
  });
});

describe('other shared rules', () => {
  it('header names are HTTP tokens, in the schema and in the connection alike', () => {
    for (const name of ['Authorization', 'X-Api-Key', "x!#$%&'*+.^_`|~1"]) {
      expect(isHeaderName(name), name).toBe(true);
      expect(headerName.safeParse(name).success, name).toBe(true);
      expect(invalidHeader({ [name]: 'v' }), name).toBeNull();
    }
    for (const name of ['Bad Name', 'a:b', 'ü', '(x)']) {
      expect(isHeaderName(name), name).toBe(false);
      expect(headerName.safeParse(name).success, name).toBe(false);
      expect(invalidHeader({ [name]: 'v' }), name).toBe(name);
    }
  });

  it('the idle timeout range and the feed defaults', () => {
    const base = defaultFeedInput('https://example.test/');
    expect(base.idleTimeoutSec).toBe(IDLE_TIMEOUT_SEC.default);
    expect(feedInput.safeParse({ ...base, idleTimeoutSec: IDLE_TIMEOUT_SEC.min }).success).toBe(true);
    expect(feedInput.safeParse({ ...base, idleTimeoutSec: IDLE_TIMEOUT_SEC.min - 1 }).success).toBe(false);
    expect(feedInput.safeParse({ ...base, idleTimeoutSec: IDLE_TIMEOUT_SEC.max + 1 }).success).toBe(false);
    // Fresh arrays every time: one feed's defaults are never another's.
    base.eventTypes.push('x');
    expect(defaultFeedInput('https://example.test/').eventTypes).toEqual([]);
  });

  it('search terms and "tomorrow morning"', () => {
    expect(searchTerms('  a.b  "c"  ( 订单 ')).toEqual(['a.b', 'c', '订单']);
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
    const at = (h: number, m = 0) => new Date(2026, 5, 10, h, m).getTime();
    expect(nextMorning(at(2))).toBe(at(8));
    expect(nextMorning(at(8))).toBe(new Date(2026, 5, 11, 8).getTime());
    expect(nextMorning(at(23, 30))).toBe(new Date(2026, 5, 11, 8).getTime());
  });
});
