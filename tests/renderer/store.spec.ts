/**
 * The renderer's store and text helpers, in Node (no browser): the live window, "N new" buffering, stale
 * responses, summaries, links and highlighting. window.api is a recording fake — the only seam the store has.
 */
import { expect, test } from '@playwright/test';
import type { Message, MessagePage } from '../../shared/domain';
import type { MessageQuery, TidingsApi } from '../../shared/ipc/contract';
import { resolveLanguage } from '../../renderer/src/i18n';
import { summarize } from '../../renderer/src/lib/summary';
import { highlight, linkify, searchWords } from '../../renderer/src/lib/text';
import { useStore } from '../../renderer/src/store';
import { LIVE_WINDOW } from '../../renderer/src/store/query';

const initial = useStore.getState();
let nextId = 1;
const msg = (over: Partial<Message> = {}): Message => ({
  id: nextId++,
  feedId: 'f1',
  type: 'message',
  eventId: null,
  data: 'x',
  truncated: false,
  receivedAt: 1_000_000 + nextId,
  read: false,
  backfill: false,
  size: 1,
  preview: false,
  ...over,
});

interface Fake {
  lists: MessageQuery[];
  answer: (q: MessageQuery) => Promise<MessagePage>;
}
function installApi(): Fake {
  const fake: Fake = { lists: [], answer: async () => ({ items: [], next: null }) };
  const api = {
    messages: {
      list: async (q: MessageQuery) => {
        fake.lists.push(q);
        return { ok: true, data: await fake.answer(q) };
      },
      markRead: async () => ({ ok: true, data: {} }),
    },
  } as unknown as TidingsApi;
  (globalThis as unknown as { window: { api: TidingsApi } }).window = { api };
  return fake;
}

test.beforeEach(() => {
  useStore.setState(initial, true);
  nextId = 1;
});

test('live batches are applied newest first and the window stays bounded', () => {
  installApi();
  const s = () => useStore.getState();
  s().applyIncoming([msg(), msg(), msg()]);
  expect(s().items.map((m) => m.id)).toEqual([3, 2, 1]);
  const big = Array.from({ length: LIVE_WINDOW + 500 }, () => msg());
  s().applyIncoming(big);
  expect(s().items).toHaveLength(LIVE_WINDOW);
  expect(s().items[0]!.id).toBe(LIVE_WINDOW + 503);
  // The tail was trimmed: older pages must continue below the oldest kept row.
  expect(s().next).not.toBeNull();
  // Duplicates (already shown) are ignored.
  const before = s().items;
  s().applyIncoming([before[5]!]);
  expect(s().items).toBe(before);
});

test('scrolled away: batches wait as "N new" and merge on jump; an overflow reloads from the database', async () => {
  const fake = installApi();
  const s = () => useStore.getState();
  s().applyIncoming([msg(), msg()]);
  s().setFollowing(false);
  const shown = s().items;
  s().applyIncoming([msg(), msg(), msg()]);
  expect(s().items).toBe(shown);
  expect(s().pendingCount).toBe(3);
  await s().jumpToNewest();
  expect(s().items.map((m) => m.id)).toEqual([5, 4, 3, 2, 1]);
  expect(s().pendingCount).toBe(0);
  expect(s().following).toBe(true);

  s().setFollowing(false);
  s().applyIncoming(Array.from({ length: LIVE_WINDOW + 10 }, () => msg()));
  expect(s().pendingCount).toBe(LIVE_WINDOW + 10);
  expect(s().pending).toHaveLength(LIVE_WINDOW);
  fake.answer = async () => ({ items: [msg({ data: 'from db' })], next: null });
  await s().jumpToNewest();
  expect(fake.lists).toHaveLength(1);
  expect(s().items.map((m) => m.data)).toEqual(['from db']);
});

test('live batches respect the view: other feeds and text searches are not merged', () => {
  installApi();
  const s = () => useStore.getState();
  useStore.setState({ query: { ...s().query, feedId: 'f2' } });
  s().applyIncoming([msg({ feedId: 'f1' }), msg({ feedId: 'f2' })]);
  expect(s().items.map((m) => m.feedId)).toEqual(['f2']);
  useStore.setState({ query: { ...s().query, text: 'needle' } });
  s().applyIncoming([msg({ feedId: 'f2', data: 'needle' })]);
  expect(s().items).toHaveLength(1);
});

test('a slow answer for an old query never overwrites the newer one', async () => {
  const fake = installApi();
  const s = () => useStore.getState();
  let release: (page: MessagePage) => void = () => {};
  fake.answer = (q) =>
    q.text === 'slow'
      ? new Promise((r) => (release = r))
      : Promise.resolve({ items: [msg({ data: 'fast' })], next: null });
  s().setQuery({ text: 'slow' });
  s().setQuery({ text: 'fast' });
  await expect.poll(() => s().items.map((m) => m.data)).toEqual(['fast']);
  release({ items: [msg({ data: 'stale' })], next: null });
  await new Promise((r) => setTimeout(r, 10));
  expect(s().items.map((m) => m.data)).toEqual(['fast']);
});

test('older pages continue from a trimmed window by time, without duplicates', async () => {
  const fake = installApi();
  const s = () => useStore.getState();
  s().applyIncoming(Array.from({ length: LIVE_WINDOW + 5 }, () => msg()));
  const oldest = s().items.at(-1)!;
  s().setFollowing(false);
  fake.answer = async () => ({
    items: [oldest, msg({ id: oldest.id - 1, receivedAt: oldest.receivedAt })],
    next: 'm1.zz',
  });
  await s().loadOlder();
  expect(fake.lists[0]).toMatchObject({ to: oldest.receivedAt });
  expect(fake.lists[0]!.cursor).toBeUndefined();
  expect(s().items).toHaveLength(LIVE_WINDOW + 1);
  expect(s().next).toBe('m1.zz');
  await s().loadOlder();
  expect(fake.lists[1]).toMatchObject({ cursor: 'm1.zz' });
});

test('summaries prefer title and message from JSON; else the first line', () => {
  expect(summarize('{"body":"b","title":"T"}')).toBe('T: b');
  expect(summarize('{"message":"m","text":"t"}')).toBe('m');
  expect(summarize('{"text":"line1\\nline2"}')).toBe('line1 line2');
  expect(summarize('{"n":1}')).toBe('{"n":1}');
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

test('messages that arrive while a view loads are not lost', async () => {
  const fake = installApi();
  const s = () => useStore.getState();
  let release: (page: MessagePage) => void = () => {};
  fake.answer = () => new Promise((r) => (release = r));
  s().setQuery({ feedId: 'f1' });
  const stored = msg({ data: 'stored' });
  const during = msg({ data: 'during' });
  s().applyIncoming([stored, during]);
  release({ items: [stored], next: null });
  await expect.poll(() => s().items.map((m) => m.data)).toEqual(['during', 'stored']);
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

test('opening a preview fetches the whole message; stale answers are dropped and failures can be retried', async () => {
  const s = () => useStore.getState();
  const gets: { id: number; release: (r: unknown) => void }[] = [];
  const api = {
    messages: {
      get: ({ id }: { id: number }) => new Promise((release) => gets.push({ id, release })),
      markRead: async () => ({ ok: true, data: {} }),
    },
  } as unknown as TidingsApi;
  (globalThis as unknown as { window: { api: TidingsApi } }).window = { api };
  const whole = (m: Message, data: string): Message => ({ ...m, data, preview: false, read: false });

  const small = msg({ data: 'whole already', size: 13, read: true });
  s().openMessageObject(small);
  expect(gets).toHaveLength(0);
  expect(s().openFull).toBe('idle');

  const a = msg({ data: 'A'.repeat(10), size: 50_000, preview: true });
  const b = msg({ data: 'B'.repeat(10), size: 60_000, preview: true });
  s().openMessageObject(a);
  expect(s().openFull).toBe('loading');
  s().openMessageObject(b);
  expect(gets.map((g) => g.id)).toEqual([a.id, b.id]);
  // The answer for b arrives first; the late one for a must not replace it.
  gets[1]!.release({ ok: true, data: whole(b, 'B-whole') });
  await expect.poll(() => s().openMessage?.data).toBe('B-whole');
  gets[0]!.release({ ok: true, data: whole(a, 'A-whole') });
  await new Promise((r) => setTimeout(r, 10));
  expect(s().openMessage).toMatchObject({ id: b.id, data: 'B-whole', preview: false, read: true });
  expect(s().openFull).toBe('idle');
  // The list keeps previews.
  expect(s().items).toHaveLength(0);

  const c = msg({ data: 'C', size: 70_000, preview: true });
  s().openMessageObject(c);
  gets[2]!.release({ ok: false, error: { code: 'not-found', message: 'This message no longer exists.' } });
  await expect.poll(() => s().openFull).toBe('error');
  expect(s().openFullError).toBe('This message no longer exists.');
  expect(s().openMessage).toMatchObject({ id: c.id, preview: true });
  const retry = s().loadFullMessage();
  expect(s().openFull).toBe('loading');
  gets[3]!.release({ ok: true, data: whole(c, 'C-whole') });
  await retry;
  expect(s().openMessage).toMatchObject({ id: c.id, data: 'C-whole', preview: false });
  expect(s().openFull).toBe('idle');
});
