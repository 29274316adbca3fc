/**
 * What the user does to stored messages, against a real SQLite file: mark unread, star and the Starred view,
 * delete (search index and counts follow), clear a feed (its cursor stays), and mark read exactly what a view shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore } from '../../../electron/main/core/store/message-store';
import { closeStore, event, openStore, type StoreFixture } from './helpers';

let fx: StoreFixture;
let store: MessageStore;
beforeEach(() => {
  fx = openStore();
  store = fx.store;
});
afterEach(() => closeStore(fx));

const ids = (items: { id: number }[]) => items.map((m) => m.id);

describe('message actions', () => {
  it('marks read messages unread again, and the counts follow', () => {
    const [a, b] = store.append([event({ feedId: 'f' }), event({ feedId: 'g' })]);
    store.markRead({ all: true });
    expect(store.unreadTotal()).toBe(0);
    expect(store.markUnread([a!.id, b!.id, a!.id])).toEqual({ f: 1, g: 1 });
    expect(store.get(a!.id)!.read).toBe(false);
    // Already unread: nothing counts twice.
    expect(store.markUnread([a!.id])).toEqual({ f: 1, g: 1 });
  });

  it('stars messages, lists the starred ones, and unstars them', () => {
    const [a, b, c] = store.append([event({ feedId: 'f' }), event({ feedId: 'f' }), event({ feedId: 'g' })]);
    expect(store.star([a!.id, c!.id], true)).toEqual([a!.id, c!.id]);
    expect(store.star([a!.id], true)).toEqual([]);
    expect(store.get(a!.id)!.starred).toBe(true);
    expect(ids(store.list({ starred: true }).items)).toEqual([c!.id, a!.id]);
    expect(ids(store.list({ starred: true, feedId: 'f' }).items)).toEqual([a!.id]);
    store.star([c!.id], false);
    expect(ids(store.list({ starred: true }).items)).toEqual([a!.id]);
    expect(store.list({}).items.find((m) => m.id === b!.id)!.starred).toBe(false);
  });

  it('deletes messages: gone from pages, search and unread counts', () => {
    const [a, b] = store.append([
      event({ feedId: 'f', data: 'needle one' }),
      event({ feedId: 'f', data: 'needle two' }),
    ]);
    while (store.indexStep(1000) > 0);
    expect(store.unreadCounts()).toEqual({ f: 2 });
    expect(store.deleteMessages([a!.id])).toEqual({ f: 1 });
    expect(store.get(a!.id)).toBeUndefined();
    expect(ids(store.list({ text: 'needle' }).items)).toEqual([b!.id]);
    expect(store.feedMessageCount('f')).toBe(1);
  });

  it('clears a feed’s history and keeps its cursor', () => {
    store.append([event({ feedId: 'f', eventId: '1' }), event({ feedId: 'f', eventId: '2' }), event({ feedId: 'g' })]);
    const extra = Array.from({ length: 2500 }, () => event({ feedId: 'f' }));
    store.append(extra);
    expect(store.clearFeed('f')).toEqual({ g: 1 });
    expect(store.list({ feedId: 'f' }).items).toEqual([]);
    expect(store.feedMessageCount('f')).toBe(0);
    expect(store.cursor('f')).toBe('2');
    expect(store.list({ feedId: 'g' }).items).toHaveLength(1);
  });

  it('marks read exactly what a view shows — its feed, search and filters — and returns the ids to undo it', () => {
    const stored = store.append([
      event({ feedId: 'f', type: 'alert', data: 'disk full on db-1' }),
      event({ feedId: 'f', type: 'info', data: 'disk cleaned on db-1' }),
      event({ feedId: 'f', type: 'alert', data: 'cpu high' }),
      event({ feedId: 'g', type: 'alert', data: 'disk full on web-1' }),
    ]);
    while (store.indexStep(1000) > 0);
    const [f1, , , g1] = stored;
    const result = store.markViewRead({ feedId: 'f', text: 'disk', type: 'alert' }, 100_000);
    expect(result.ids).toEqual([f1!.id]);
    expect(result.unread).toEqual({ f: 2, g: 1 });
    expect(store.get(g1!.id)!.read).toBe(false);
    // Undo: exactly those become unread again.
    expect(store.markUnread(result.ids)).toEqual({ f: 3, g: 1 });

    const all = store.markViewRead({ text: 'disk' }, 100_000);
    expect(all.ids.sort()).toEqual([stored[0]!.id, stored[1]!.id, g1!.id].sort());
    expect(all.unread).toEqual({ f: 1 });
  });

  it('marks a large view read in steps, newest first, up to the cap it is given', () => {
    store.append(Array.from({ length: 2300 }, (_, i) => event({ feedId: 'f', data: `n ${i}` })));
    const capped = store.markViewRead({ feedId: 'f' }, 2100);
    expect(capped.ids).toHaveLength(2100);
    expect(capped.unread).toEqual({ f: 200 });
    expect(capped.ids[0]).toBeGreaterThan(capped.ids[1]!);
  });
});
