/** What a profile read out of a message is stored with it and comes back in pages, pushes and the detail. */
import { afterEach, describe, expect, test } from 'vitest';
import { PROFILES } from '../../../electron/main/core/profiles/registry';
import { closeStore, event, openStore, type StoreFixture } from '../store/helpers';

let opened: StoreFixture | null = null;
afterEach(() => {
  if (opened) closeStore(opened);
  opened = null;
});

describe('stored message fields', () => {
  test('fields and priority survive append, list (preview), get, bulk and row-by-row paths', () => {
    opened = openStore();
    const { store } = opened;
    const fields = PROFILES.ntfy.map({
      type: 'message',
      data: JSON.stringify({
        id: 'n1',
        time: 1,
        event: 'message',
        topic: 't',
        message: 'Disk full',
        title: 'Alert',
        priority: 5,
        tags: ['warning'],
      }),
      lastEventId: null,
    });
    const [stored] = store.append([event({ feedId: 'f', data: 'raw', fields })]);
    expect(stored!.fields).toEqual(fields);
    expect(store.get(stored!.id)!.fields).toEqual(fields);
    expect(store.list({ limit: 10 }).items[0]!.fields).toEqual(fields);
    // a batch large enough for the bulk path, mixing messages with and without fields
    const batch = Array.from({ length: 20 }, (_, i) =>
      event({ feedId: 'f', fields: i % 2 ? { ...fields, priority: 2, serverId: `n${i}` } : null }),
    );
    const many = store.append(batch);
    expect(many.map((m) => m.fields?.priority ?? null)).toEqual(batch.map((e) => e.fields?.priority ?? null));
    const page = store.list({ limit: 100 }).items;
    expect(page.filter((m) => m.fields?.priority === 2)).toHaveLength(10);
    expect(page.filter((m) => m.fields === null)).toHaveLength(10);
  });

  test('minPriority filters the list (none stated counts as 3), search, and mark view read alike', () => {
    opened = openStore();
    const { store } = opened;
    const fields = (priority: 1 | 2 | 3 | 4 | 5 | null, title: string) => ({
      ...PROFILES.generic.map({ type: 'message', data: '{}', lastEventId: null }),
      title,
      priority,
    });
    const stored = store.append(
      ([1, 2, null, 3, 4, 5] as const).map((p, i) =>
        event({ feedId: 'f', data: `disk message ${i}`, fields: fields(p, `p${p}`) }),
      ),
    );
    const titles = (minPriority?: 1 | 2 | 3 | 4 | 5, text?: string) =>
      store
        .list({ limit: 50, minPriority, text })
        .items.map((m) => m.fields?.title)
        .reverse();
    expect(titles()).toEqual(['p1', 'p2', 'pnull', 'p3', 'p4', 'p5']);
    expect(titles(1)).toEqual(['p1', 'p2', 'pnull', 'p3', 'p4', 'p5']);
    expect(titles(3)).toEqual(['pnull', 'p3', 'p4', 'p5']);
    expect(titles(4)).toEqual(['p4', 'p5']);
    expect(titles(5, 'disk')).toEqual(['p5']);
    const marked = store.markViewRead({ minPriority: 4 }, 100);
    expect(marked.ids.sort()).toEqual([stored[4]!.id, stored[5]!.id].sort());
  });
});
