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
});
