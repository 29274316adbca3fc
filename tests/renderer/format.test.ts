import { describe, expect, it } from 'vitest';
import { absoluteTime, formatBytes, formatCount, relativeTime, secondTimes } from '../../renderer/src/lib/format';
import { exactTimeText } from '../support/intl-oracle';

// The list reuses formatted times (one text per relative value, one per second for the exact time): what it shows
// must be exactly what a fresh Intl formatter says, whatever order the times come in and in either language.
describe('cached time texts', () => {
  const now = Date.UTC(2026, 2, 14, 15, 9, 26);
  const offsets = [0, -4_000, -12_000, -59_000, -61_000, -3_599_000, -7_200_000, -86_399_000, -3 * 86_400_000];
  const exact = exactTimeText;

  it('relative times are the formatter’s, in each locale, in any order', () => {
    for (const locale of ['en', 'zh-CN', 'en']) {
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'narrow' });
      expect(relativeTime(now - 4_000, now, locale)).toBe(rtf.format(0, 'second'));
      expect(relativeTime(now - 12_000, now, locale)).toBe(rtf.format(-12, 'second'));
      expect(relativeTime(now - 61_000, now, locale)).toBe(rtf.format(-1, 'minute'));
      expect(relativeTime(now - 7_200_000, now, locale)).toBe(rtf.format(-2, 'hour'));
      expect(relativeTime(now - 3 * 86_400_000, now, locale)).toBe(rtf.format(-3, 'day'));
      for (const o of offsets.slice().reverse()) expect(relativeTime(now + o, now, locale)).toBeTypeOf('string');
    }
    expect(relativeTime(now - 12_000, now, 'zh-CN')).not.toBe(relativeTime(now - 12_000, now, 'en'));
  });

  it('exact times change with the second and the locale, never served stale', () => {
    const times = [now, now + 999, now + 1_000, now + 999, now - 86_400_000, now + 1_500];
    for (const locale of ['en', 'zh-CN']) {
      for (const at of times) expect(absoluteTime(at, locale)).toBe(exact(at, locale));
    }
    // Alternating languages on the same second.
    expect(absoluteTime(now, 'en')).toBe(exact(now, 'en'));
    expect(absoluteTime(now, 'zh-CN')).toBe(exact(now, 'zh-CN'));
    expect(absoluteTime(now, 'en')).not.toBe(absoluteTime(now, 'zh-CN'));
  });

  it('a row’s machine-readable time is the second it falls in, shared within that second', () => {
    for (const at of [now, now + 999, now + 1_000]) {
      const texts = secondTimes(at, 'en');
      expect(texts.iso).toBe(new Date(Math.floor(at / 1000) * 1000).toISOString());
      expect(texts.exact).toBe(exactTimeText(at, 'en'));
    }
    expect(secondTimes(now + 999, 'en')).toBe(secondTimes(now, 'en'));
    expect(secondTimes(now + 1_000, 'en')).not.toBe(secondTimes(now, 'en'));
  });
});

// Sizes and counts reuse one number formatter per locale and precision: the texts are what toLocaleString says.
describe('cached number texts', () => {
  it('sizes and counts follow the locale, in any order', () => {
    for (const locale of ['en', 'de', 'zh-CN', 'en']) {
      expect(formatBytes(900, locale)).toBe(`${(900).toLocaleString(locale, { maximumFractionDigits: 0 })} B`);
      expect(formatBytes(1536, locale)).toBe(`${(1.5).toLocaleString(locale, { maximumFractionDigits: 1 })} KB`);
      expect(formatBytes(1024 * 1024 * 1.25, locale)).toBe(
        `${(1.25).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`,
      );
      expect(formatCount(1_234_567.125, locale)).toBe((1_234_567.125).toLocaleString(locale));
    }
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
  });
});
