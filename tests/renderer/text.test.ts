/** Text helpers of the renderer, in Node: summaries, links, search-word highlighting and the window language. */
import { expect, test } from 'vitest';
import { resolveLanguage } from '../../renderer/src/i18n';
import { summarize } from '../../renderer/src/lib/summary';
import { highlight, linkify, searchWords } from '../../renderer/src/lib/text';

test('summaries prefer title and message from JSON; else the first line', () => {
  expect(summarize('{"body":"b","title":"T"}')).toBe('T: b');
  expect(summarize('{"message":"m","text":"t"}')).toBe('m');
  expect(summarize('{"text":"line1\\nline2"}')).toBe('line1 line2');
  expect(summarize('{"n":1}')).toBe('n: 1');
  expect(summarize('first\r\nsecond')).toBe('first');
  expect(summarize('{not json')).toBe('{not json');
  expect(summarize('x'.repeat(400), 300)).toHaveLength(300);
});

test('links: only http(s), trailing punctuation stays outside; highlight escapes regex characters', () => {
  expect(linkify('see https://a.example/x?y=1. and javascript:alert(1)')).toEqual([
    { text: 'see ', href: null },
    { text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' },
    { text: '. and javascript:alert(1)', href: null },
  ]);
  expect(searchWords('  a.b  "c"  ( ')).toEqual(['a.b', 'c']);
  expect(highlight('cost (a.b) A.B', ['a.b'])).toEqual([
    { text: 'cost (', match: false },
    { text: 'a.b', match: true },
    { text: ') ', match: false },
    { text: 'A.B', match: true },
  ]);
});

test('the "system" language follows the OS locale', () => {
  expect(resolveLanguage('system', 'zh-CN')).toBe('zh-CN');
  expect(resolveLanguage('system', 'zh-Hans-SG')).toBe('zh-CN');
  expect(resolveLanguage('system', 'en-GB')).toBe('en');
  expect(resolveLanguage('system', 'de')).toBe('en');
  expect(resolveLanguage('system', 'zh_TW.UTF-8')).toBe('zh-CN');
  expect(resolveLanguage('en', 'zh-CN')).toBe('en');
});

test('highlighting marks Chinese words inside runs and mixed Chinese/English terms, as the search matched them', () => {
  const marked = (text: string, query: string) =>
    highlight(text, searchWords(query))
      .filter((seg) => seg.match)
      .map((seg) => seg.text);
  expect(marked('订单已发货，请注意查收', '发货')).toEqual(['发货']);
  expect(marked('订单已发货，请注意查收', '货 请注意查')).toEqual(['货', '请注意查']);
  expect(marked('Order 订单12345 shipped', 'order 订单123')).toEqual(['Order', '订单123']);
  expect(marked('注文は発送されました', '発送')).toEqual(['発送']);
});

test('a link with a user name or password is not a link (the URL rule core and main apply)', () => {
  const segments = linkify('see https://user:pass@host.example/x and https://host.example/y');
  expect(segments.filter((s) => s.href !== null).map((s) => s.href)).toEqual(['https://host.example/y']);
  expect(segments.map((s) => s.text).join('')).toBe('see https://user:pass@host.example/x and https://host.example/y');
});
