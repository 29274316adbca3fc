/**
 * The renderer's store in Node (no browser): the live window, "N new" buffering, stale responses, older pages and
 * whole messages behind previews. window.api is a recording fake — the only seam the store has.
 */
import { beforeEach, expect, test } from 'vitest';
import type { Message, MessagePage } from '../../shared/domain';
import { useStore } from '../../renderer/src/store';
import { LIVE_WINDOW } from '../../renderer/src/store/query';
import { installApi, installListApi, msg, resetStore, store } from '../support/renderer-store';
import { initI18n } from '../../renderer/src/i18n';

beforeEach(resetStore);

test('live batches are applied newest first and the window stays bounded', () => {
  installListApi();
  store().applyIncoming([msg(), msg(), msg()]);
  expect(store().items.map((m) => m.id)).toEqual([3, 2, 1]);
  const big = Array.from({ length: LIVE_WINDOW + 500 }, () => msg());
  store().applyIncoming(big);
  expect(store().items).toHaveLength(LIVE_WINDOW);
  expect(store().items[0]!.id).toBe(LIVE_WINDOW + 503);
  // The tail was trimmed: older pages must continue below the oldest kept row.
  expect(store().next).not.toBeNull();
  // Duplicates (already shown) are ignored.
  const before = store().items;
  store().applyIncoming([before[5]!]);
  expect(store().items).toBe(before);
});

test('scrolled away: batches wait as "N new" and merge on jump; an overflow reloads from the database', async () => {
  const fake = installListApi();
  store().applyIncoming([msg(), msg()]);
  store().setFollowing(false);
  const shown = store().items;
  store().applyIncoming([msg(), msg(), msg()]);
  expect(store().items).toBe(shown);
  expect(store().pendingCount).toBe(3);
  await store().jumpToNewest();
  expect(store().items.map((m) => m.id)).toEqual([5, 4, 3, 2, 1]);
  expect(store().pendingCount).toBe(0);
  expect(store().following).toBe(true);

  store().setFollowing(false);
  store().applyIncoming(Array.from({ length: LIVE_WINDOW + 10 }, () => msg()));
  expect(store().pendingCount).toBe(LIVE_WINDOW + 10);
  expect(store().pending).toHaveLength(LIVE_WINDOW);
  fake.answer = async () => ({ items: [msg({ data: 'from db' })], next: null });
  await store().jumpToNewest();
  expect(fake.lists).toHaveLength(1);
  expect(store().items.map((m) => m.data)).toEqual(['from db']);
});

test('live batches respect the view: other feeds and text searches are not merged', () => {
  installListApi();
  useStore.setState({ query: { ...store().query, feedId: 'f2' } });
  store().applyIncoming([msg({ feedId: 'f1' }), msg({ feedId: 'f2' })]);
  expect(store().items.map((m) => m.feedId)).toEqual(['f2']);
  useStore.setState({ query: { ...store().query, text: 'needle' } });
  store().applyIncoming([msg({ feedId: 'f2', data: 'needle' })]);
  expect(store().items).toHaveLength(1);
});

test('a slow answer for an old query never overwrites the newer one', async () => {
  const fake = installListApi();
  let release: (page: MessagePage) => void = () => {};
  fake.answer = (q) =>
    q.text === 'slow'
      ? new Promise((r) => (release = r))
      : Promise.resolve({ items: [msg({ data: 'fast' })], next: null });
  store().setQuery({ text: 'slow' });
  store().setQuery({ text: 'fast' });
  await expect.poll(() => store().items.map((m) => m.data)).toEqual(['fast']);
  release({ items: [msg({ data: 'stale' })], next: null });
  await new Promise((r) => setTimeout(r, 10));
  expect(store().items.map((m) => m.data)).toEqual(['fast']);
});

test('older pages continue below a trimmed window’s oldest row (core’s beforeId), without duplicates', async () => {
  const fake = installListApi();
  store().applyIncoming(Array.from({ length: LIVE_WINDOW + 5 }, () => msg()));
  const oldest = store().items.at(-1)!;
  store().setFollowing(false);
  const older = msg({ id: oldest.id - 1, receivedAt: oldest.receivedAt });
  fake.answer = async () => ({ items: [oldest, older], next: 'm1.zz' });
  await store().loadOlder();
  // No cursor faked from a time: core pages below the oldest kept row's id, and no time bound is added.
  expect(fake.lists[0]).toMatchObject({ beforeId: oldest.id });
  expect(fake.lists[0]!.cursor).toBeUndefined();
  expect(fake.lists[0]!.to).toBeUndefined();
  expect(store().items).toHaveLength(LIVE_WINDOW + 1);
  expect(store().next).toBe(older.id);
  await store().loadOlder();
  expect(fake.lists[1]).toMatchObject({ beforeId: older.id });
  // Core says there is nothing older: paging stops.
  fake.answer = async () => ({ items: [msg({ id: older.id - 1 })], next: null });
  await store().loadOlder();
  expect(store().next).toBeNull();
  await store().loadOlder();
  expect(fake.lists).toHaveLength(3);
});

test('messages that arrive while a view loads are not lost', async () => {
  const fake = installListApi();
  let release: (page: MessagePage) => void = () => {};
  fake.answer = () => new Promise((r) => (release = r));
  store().setQuery({ feedId: 'f1' });
  const stored = msg({ data: 'stored' });
  const during = msg({ data: 'during' });
  store().applyIncoming([stored, during]);
  release({ items: [stored], next: null });
  await expect.poll(() => store().items.map((m) => m.data)).toEqual(['during', 'stored']);
});

test('opening a preview fetches the whole message; stale answers are dropped and failures can be retried', async () => {
  const gets: { id: number; release: (r: unknown) => void }[] = [];
  installApi({
    messages: {
      get: ({ id }: { id: number }) => new Promise((release) => gets.push({ id, release })),
      markRead: async () => ({ ok: true, data: {} }),
    },
  });
  const whole = (m: Message, data: string): Message => ({ ...m, data, preview: false, read: false });

  const small = msg({ data: 'whole already', size: 13, read: true });
  store().openMessageObject(small);
  expect(gets).toHaveLength(0);
  expect(store().openFull).toBe('idle');

  const a = msg({ data: 'A'.repeat(10), size: 50_000, preview: true });
  const b = msg({ data: 'B'.repeat(10), size: 60_000, preview: true });
  store().openMessageObject(a);
  expect(store().openFull).toBe('loading');
  store().openMessageObject(b);
  expect(gets.map((g) => g.id)).toEqual([a.id, b.id]);
  // The answer for b arrives first; the late one for a must not replace it.
  gets[1]!.release({ ok: true, data: whole(b, 'B-whole') });
  await expect.poll(() => store().openMessage?.data).toBe('B-whole');
  gets[0]!.release({ ok: true, data: whole(a, 'A-whole') });
  await new Promise((r) => setTimeout(r, 10));
  expect(store().openMessage).toMatchObject({ id: b.id, data: 'B-whole', preview: false, read: true });
  expect(store().openFull).toBe('idle');
  // The list keeps previews.
  expect(store().items).toHaveLength(0);

  const c = msg({ data: 'C', size: 70_000, preview: true });
  store().openMessageObject(c);
  initI18n('en');
  gets[2]!.release({
    ok: false,
    error: { code: 'not-found', problem: { kind: 'messageNotFound' }, message: 'This message no longer exists.' },
  });
  await expect.poll(() => store().openFull).toBe('error');
  // Said in the window's language from the problem's kind, not core's English message.
  expect(store().openFullError).toBe('That message is no longer in the history.');
  expect(store().openMessage).toMatchObject({ id: c.id, preview: true });
  const retry = store().loadFullMessage();
  expect(store().openFull).toBe('loading');
  gets[3]!.release({ ok: true, data: whole(c, 'C-whole') });
  await retry;
  expect(store().openMessage).toMatchObject({ id: c.id, data: 'C-whole', preview: false });
  expect(store().openFull).toBe('idle');
});
