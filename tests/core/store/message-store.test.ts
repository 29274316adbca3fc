import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import { emptyMapped } from '../../../electron/main/core/profiles/fields';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { captureLogger, event, type tempDir, closeStore, openStore } from './helpers';

const NO_FIELDS = emptyMapped();

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: MessageStore;

beforeEach(() => {
  ({ dir, db, store } = openStore());
});
afterEach(() => closeStore({ dir, db }));

function reopen(): void {
  db.close();
  db = openDatabase(dir.dir, { logger: captureLogger() }).db;
  store = new MessageStore(db);
}

describe('MessageStore append', () => {
  it('stores a batch with increasing ids and returns stored messages with flags', () => {
    const stored = store.append([
      event({ feedId: 'a', eventId: '1', data: 'one', backfill: true }),
      event({ feedId: 'a', eventId: '2', data: 'two', truncated: true }),
      event({ feedId: 'b', data: 'no id' }),
    ]);
    expect(stored.map((m) => m.data)).toEqual(['one', 'two', 'no id']);
    expect(stored[0]!.id).toBeLessThan(stored[1]!.id);
    expect(stored[0]!.backfill).toBe(true);
    expect(stored[1]!.truncated).toBe(true);
    expect(store.get(stored[1]!.id)).toEqual(stored[1]);
    expect(store.count()).toBe(3);
  });

  it('drops duplicates (replays: same id, type and data) already stored and within one batch, but keeps events without id', () => {
    store.append([event({ feedId: 'a', eventId: '1', data: 'one' })]);
    const stored = store.append([
      event({ feedId: 'a', eventId: '1', data: 'one' }),
      event({ feedId: 'a', eventId: '2', data: 'two' }),
      event({ feedId: 'a', eventId: '2', data: 'two' }),
      event({ feedId: 'b', eventId: '1', data: 'one' }),
      event({ feedId: 'a', data: 'x' }),
      event({ feedId: 'a', data: 'x' }),
    ]);
    expect(stored.map((m) => `${m.feedId}:${m.eventId}`)).toEqual(['a:2', 'b:1', 'a:null', 'a:null']);
    expect(store.count()).toBe(5);
  });

  it('matches ids to rows on the one-statement path for large batches, and falls back when one is a duplicate', () => {
    const big = Array.from({ length: 50 }, (_, i) =>
      event({ feedId: i % 2 ? 'a' : 'b', eventId: i % 5 ? `k${i}` : null, data: `row ${i}` }),
    );
    const stored = store.append(big);
    expect(stored).toHaveLength(50);
    for (const m of stored) expect(store.get(m.id)).toEqual(m);
    expect(new Set(stored.map((m) => m.id)).size).toBe(50);
    const again = Array.from({ length: 40 }, (_, i) => event({ feedId: 'a', eventId: `n${i}`, data: `new ${i}` }));
    again.splice(
      20,
      0,
      event({ feedId: 'a', eventId: 'k1', data: 'row 1' }),
      event({ feedId: 'a', eventId: 'n3', data: 'new 3' }),
    );
    const second = store.append(again);
    expect(second.map((m) => m.data)).toEqual(Array.from({ length: 40 }, (_, i) => `new ${i}`));
    for (const m of second) expect(store.get(m.id)).toEqual(m);
    expect(store.count()).toBe(90);
    expect(store.unreadCounts()).toEqual({ a: 65, b: 25 });
  });

  it('drops a whole-number id repeated within a large batch above everything stored (not only ids below it)', () => {
    store.append([event({ feedId: 'a', eventId: '3', data: 'three' })]);
    const batch = Array.from({ length: 20 }, (_, i) => event({ feedId: 'a', eventId: String(10 + i), data: `n${i}` }));
    // 12 comes again after higher ids: new to the database, but a replay of an event earlier in this batch.
    const stored = store.append([...batch, event({ feedId: 'a', eventId: '12', data: 'n2' })]);
    expect(stored.map((m) => m.data)).toEqual(batch.map((e) => e.data));
    expect(store.count()).toBe(21);
  });

  it('stores plain rows and rows with NUL characters, cut data or profile fields mixed in one large batch', () => {
    const batch = Array.from({ length: 70 }, (_, i) =>
      event({
        feedId: i % 3 === 0 ? 'a' : 'b',
        eventId: i % 4 === 0 ? null : String(i),
        type: i % 5 === 0 ? 'alert' : 'message',
        data: i % 7 === 0 ? `nul\u0000${i}` : `plain ${i} ✓`,
        truncated: i % 11 === 0,
        ...(i % 11 === 0 ? { originalSize: 5000 + i } : {}),
        ...(i % 13 === 0 ? { fields: { ...NO_FIELDS, title: `t${i}`, priority: 4 as const } } : {}),
        read: i % 17 === 0,
        backfill: i % 19 === 0,
        receivedAt: 1000 + i,
      }),
    );
    const stored = store.append(batch);
    expect(stored).toHaveLength(70);
    for (const [i, m] of stored.entries()) {
      expect(m.id).toBe(stored[0]!.id + i);
      expect(store.get(m.id)).toEqual(m);
    }
    expect(stored[7]!.data).toBe('nul\u00007');
    expect(stored[1]!.size).toBe(Buffer.byteLength('plain 1 ✓'));
    expect(stored[13]!.fields).toEqual({ ...NO_FIELDS, title: 't13', priority: 4 });
    expect(stored[22]!.originalSize).toBe(5022);
    expect(stored[17]!.read).toBe(true);
    expect(stored[19]!.backfill).toBe(true);
    reopen();
    const page = store.list({ limit: 100 });
    expect(page.items.map((m) => m.size)).toEqual([...stored].reverse().map((m) => m.size));
  });

  it('stores an id reused with other data as a new event (a server numbering from 1 again), on both paths', () => {
    store.append([
      event({ feedId: 'a', eventId: '1', data: 'first life' }),
      event({ feedId: 'a', eventId: '2', data: 'x' }),
    ]);
    // Row by row: same id with other data (or another type) is new; same id, type and data is a replay.
    const row = store.append([
      event({ feedId: 'a', eventId: '1', data: 'second life' }),
      event({ feedId: 'a', eventId: '2', data: 'x' }),
      event({ feedId: 'a', eventId: '2', type: 'alert', data: 'x' }),
    ]);
    expect(row.map((m) => `${m.eventId}:${m.type}:${m.data}`)).toEqual(['1:message:second life', '2:alert:x']);
    // One statement for a large batch of reused ids, replays mixed in.
    const bulk = Array.from({ length: 20 }, (_, i) => event({ feedId: 'b', eventId: String(i), data: `old ${i}` }));
    store.append(bulk);
    const reused = Array.from({ length: 20 }, (_, i) => event({ feedId: 'b', eventId: String(i), data: `new ${i}` }));
    const second = store.append([...reused, bulk[5]!, reused[7]!]);
    expect(second.map((m) => m.data)).toEqual(reused.map((e) => e.data));
    for (const m of second) expect(store.get(m.id)).toEqual(m);
    expect(store.count()).toBe(2 + 2 + 20 + 20);
    expect(store.unreadCounts()).toEqual({ a: 4, b: 40 });
    reopen();
    expect(store.append([event({ feedId: 'b', eventId: '19', data: 'new 19' })])).toEqual([]);
  });

  it('moves the cursor to the last event id of each feed in the same transaction, also across restarts', () => {
    store.append([event({ feedId: 'a', eventId: '1' }), event({ feedId: 'a', eventId: '7' }), event({ feedId: 'a' })]);
    store.append([event({ feedId: 'b', eventId: 'x' })]);
    expect(store.cursor('a')).toBe('7');
    reopen();
    expect(Object.fromEntries(store.cursors())).toEqual({ a: '7', b: 'x' });
  });

  it('rolls back the whole batch when a write fails (nothing half-stored, cursor unchanged)', () => {
    store.append([event({ feedId: 'a', eventId: '1' })]);
    const bad = event({ feedId: 'a', eventId: '2' }) as unknown as { data: unknown };
    bad.data = Symbol('not bindable');
    expect(() => store.append([event({ feedId: 'a', eventId: '3' }), bad as never])).toThrow();
    expect(store.count()).toBe(1);
    expect(store.cursor('a')).toBe('1');
    expect(store.unreadCounts()).toEqual({ a: 1 });
  });

  it('stores text with replacement characters, NUL, emoji, quotes and 1 MiB payloads unchanged (both paths)', () => {
    const samples = [
      'bad \uFFFD bytes',
      'nul\u0000inside',
      'emoji 🎉 and 中文',
      '{"json": "with \\"quotes\\" and \\\\ backslashes"}',
      'tab\tcr\rlf\n',
      '',
      'x'.repeat(1024 * 1024),
    ];
    const single = samples.map((data) => store.append([event({ feedId: 'a', data })])[0]!);
    const small = samples.slice(0, -1);
    const bulk = store.append([...small, ...small].map((data) => event({ feedId: 'b', data }))); // one-statement path
    const large = store.append(samples.map((data) => event({ feedId: 'c', data }))); // large average: row by row
    expect(bulk).toHaveLength(small.length * 2);
    reopen();
    for (const [i, m] of single.entries()) expect(store.get(m.id)?.data).toBe(samples[i]);
    for (const [i, m] of bulk.entries()) expect(store.get(m.id)?.data).toBe(small[i % small.length]);
    for (const [i, m] of large.entries()) expect(store.get(m.id)?.data).toBe(samples[i]);
  });

  it('never crashes on lone surrogates (stored as replacement characters)', () => {
    const stored = store.append(Array.from({ length: 10 }, () => event({ feedId: 'a', data: 'lone \uD800 x' })));
    stored.push(...store.append([event({ feedId: 'a', data: 'lone \uDC00 y' })]));
    for (const m of stored) {
      expect(m.data).toMatch(/^lone \uFFFD [xy]$/); // what listeners see is what is stored
      expect(store.get(m.id)?.data).toBe(m.data);
    }
  });
});

describe('MessageStore list and search', () => {
  beforeEach(() => {
    const events = [];
    for (let i = 0; i < 30; i++) {
      events.push(
        event({
          feedId: i % 2 === 0 ? 'even' : 'odd',
          type: i % 3 === 0 ? 'alert' : 'message',
          eventId: String(i),
          data: i % 5 === 0 ? `order shipped number ${i}` : `heartbeat ${i} café`,
          receivedAt: 1_000_000 + i * 1000,
        }),
      );
    }
    store.append(events);
  });

  it('lists newest first and pages with an opaque cursor until the end', () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = store.list({ limit: 7, cursor });
      seen.push(...page.items.map((m) => Number(m.eventId)));
      cursor = page.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
    expect(() => store.list({ cursor: 'garbage' })).toThrow(/cursor/);
  });

  it('pages below any message id (beforeId): a window that dropped its cursor continues below its oldest row', () => {
    const newest = store.list({ limit: 10 }).items;
    const oldestKept = newest.at(-1)!;
    const below = store.list({ limit: 5, beforeId: oldestKept.id });
    expect(below.items.map((m) => Number(m.eventId))).toEqual([19, 18, 17, 16, 15]);
    // The same page as the opaque cursor gives, and its `next` goes on from there.
    expect(store.list({ limit: 5, cursor: store.list({ limit: 10, cursor: null }).next }).items).toEqual(
      store.list({ limit: 5, beforeId: oldestKept.id }).items,
    );
    expect(store.list({ limit: 100, cursor: below.next }).items.map((m) => Number(m.eventId))).toEqual(
      Array.from({ length: 15 }, (_, i) => 14 - i),
    );
    // With filters and search alike; with a cursor too, the lower bound wins.
    expect(
      store.list({ feedId: 'odd', beforeId: oldestKept.id, limit: 3 }).items.map((m) => Number(m.eventId)),
    ).toEqual([19, 17, 15]);
    expect(store.list({ text: 'shipped', beforeId: oldestKept.id }).items.map((m) => Number(m.eventId))).toEqual([
      15, 10, 5, 0,
    ]);
    expect(store.list({ beforeId: newest[2]!.id, cursor: below.next, limit: 1 }).items[0]!.eventId).toBe('14');
  });

  it('filters by feed, type, unread and time range, alone and combined', () => {
    const ids = (q: Parameters<MessageStore['list']>[0]) =>
      store.list({ limit: 100, ...q }).items.map((m) => Number(m.eventId));
    expect(ids({ feedId: 'odd' })).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
    expect(ids({ type: 'alert' })).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0]);
    expect(ids({ feedId: 'even', type: 'alert' })).toEqual([24, 18, 12, 6, 0]);
    expect(ids({ from: 1_000_000 + 25_000 })).toEqual([29, 28, 27, 26, 25]);
    expect(ids({ from: 1_000_000 + 3000, to: 1_000_000 + 5000 })).toEqual([5, 4, 3]);
    const first = store.list({ limit: 2 }).items;
    store.markRead({ ids: first.map((m) => m.id) });
    expect(ids({ unread: true })).toHaveLength(28);
    expect(ids({ unread: true, feedId: 'odd' })[0]).toBe(27);
  });

  it('finds a time range among ids with gaps (deleted rows) and prunes by age from the oldest id, not past the first one not due', () => {
    const ids = (q: Parameters<MessageStore['list']>[0]) =>
      store.list({ limit: 100, ...q }).items.map((m) => Number(m.eventId));
    const all = store.list({ limit: 100 }).items;
    // Messages 10–20 (received 1,010,000–1,020,000) are gone.
    store.deleteMessages(all.filter((m) => Number(m.eventId) >= 10 && Number(m.eventId) <= 20).map((m) => m.id));
    expect(ids({ to: 1_000_000 + 15_000, limit: 3 })).toEqual([9, 8, 7]);
    expect(ids({ from: 1_000_000 + 15_000, to: 1_000_000 + 23_500 })).toEqual([23, 22, 21]);
    expect(ids({ from: 1_000_000 + 29_001 })).toEqual([]);
    expect(ids({ to: 999_999 })).toEqual([]);
    // Older than a day at 1,004,500 + 1 day: messages 0–4 only, in one step of 5 and nothing after.
    const day = 86_400_000;
    expect(store.pruneStep({ maxPerFeed: 100, maxAgeDays: 1 }, 1_004_500 + day, 50)).toBe(5);
    expect(store.pruneStep({ maxPerFeed: 100, maxAgeDays: 1 }, 1_004_500 + day, 50)).toBe(0);
    expect(ids({ to: 1_000_000 + 6_000 })).toEqual([6, 5]);
  });

  it('finds text both before and after the background index caught up, with the same results and paging', () => {
    const before = store.list({ text: 'shipped', limit: 100 }).items.map((m) => Number(m.eventId));
    expect(before).toEqual([25, 20, 15, 10, 5, 0]);
    expect(store.indexLag()).toBe(30);
    store.indexStep(12); // half indexed: results come from the index and from the tail scan
    expect(store.list({ text: 'shipped', limit: 100 }).items.map((m) => Number(m.eventId))).toEqual(before);
    while (store.indexStep(1000) > 0);
    expect(store.indexLag()).toBe(0);
    expect(store.list({ text: 'shipped', limit: 100 }).items.map((m) => Number(m.eventId))).toEqual(before);
    // paging across the index boundary and with filters
    const page1 = store.list({ text: 'order', limit: 4 });
    const page2 = store.list({ text: 'order', limit: 4, cursor: page1.next });
    expect([...page1.items, ...page2.items].map((m) => Number(m.eventId))).toEqual(before);
    expect(page2.next).toBeNull();
    expect(store.list({ text: 'shipped', feedId: 'odd' }).items.map((m) => Number(m.eventId))).toEqual([25, 15, 5]);
    expect(store.list({ text: 'ship', type: 'alert' }).items.map((m) => Number(m.eventId))).toEqual([15, 0]);
    // diacritics folded, prefix match, all words must match
    expect(store.list({ text: 'cafe heartbeat', limit: 100 }).items).toHaveLength(24);
    expect(store.list({ text: 'shipped heartbeat' }).items).toHaveLength(0);
  });

  it('finds common words by scanning the newest rows, rare ones through the index: the same pages either way', () => {
    const stored = store.append(
      Array.from({ length: 3000 }, (_, i) =>
        event({
          feedId: 'dense',
          eventId: `d${i}`,
          data: i % 1000 === 7 ? `rare gem ${i} shipped` : `order ${i} shipped`,
        }),
      ),
    );
    while (store.indexStep(5000) > 0);
    const newest = stored
      .slice(-10)
      .reverse()
      .map((m) => m.id);
    expect(store.list({ text: 'shipped', feedId: 'dense', limit: 10 }).items.map((m) => m.id)).toEqual(newest);
    // Paging through every match: the dense pages and the index's agree, nothing repeated or skipped.
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 40; page++) {
      const result = store.list({ text: 'shipped', feedId: 'dense', limit: 250, cursor });
      seen.push(...result.items.map((m) => m.id));
      cursor = result.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(stored.map((m) => m.id).reverse());
    expect(store.list({ text: 'gem', limit: 10 }).items.map((m) => m.eventId)).toEqual(['d2007', 'd1007', 'd7']);
  });

  it('finds words inside Chinese and Japanese sentences (scripts written without spaces), indexed or not', () => {
    const [zh] = store.append([event({ feedId: 'even', eventId: 'zh', data: '订单已发货，请注意查收' })]);
    store.append([event({ feedId: 'even', eventId: 'ja', data: '注文は発送されました' })]);
    for (let pass = 0; pass < 2; pass++) {
      expect(store.list({ text: '发货' }).items.map((m) => m.id)).toEqual([zh!.id]);
      expect(store.list({ text: '発送' }).items.map((m) => m.eventId)).toEqual(['ja']);
      expect(store.list({ text: '注意 订单', feedId: 'even' }).items.map((m) => m.eventId)).toEqual(['zh']);
      while (store.indexStep(1000) > 0);
    }
  });

  it('survives a damaged search index: answers by scanning, logs, and rebuilds the index in the background', () => {
    while (store.indexStep(1000) > 0);
    const before = store.list({ text: 'heartbeat', limit: 100 }).items.map((m) => m.id);
    expect(before).toHaveLength(24);
    const logger = captureLogger();
    store = new MessageStore(db, logger);
    db.exec("UPDATE messages_fts_data SET block = x'0102030405060708' WHERE id > 1");
    expect(store.list({ text: 'heartbeat', limit: 100 }).items.map((m) => m.id)).toEqual(before);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'The search index is damaged; rebuilding it in the background',
    ]);
    expect(store.indexLag()).toBe(30);
    while (store.indexStep(7) > 0);
    expect(store.list({ text: 'heartbeat', limit: 100 }).items.map((m) => m.id)).toEqual(before);
    const check = db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)");
    expect(() => check.run()).not.toThrow();
  });

  it('repairs a damaged search index when background indexing or pruning runs into it', () => {
    while (store.indexStep(10) > 0);
    const logger = captureLogger();
    store = new MessageStore(db, logger);
    db.exec("UPDATE messages_fts_data SET block = x'0102030405060708' WHERE id > 1");
    // pruning deletes indexed rows (trigger into the damaged index)
    while (store.pruneStep({ maxPerFeed: 100, maxAgeDays: 36_500 }, 2_000_000, 50) > 0);
    expect(store.pruneStep({ maxPerFeed: 100, maxAgeDays: 1 }, 1_000_000 + 29_000 + 86_400_000, 5)).toBe(5);
    expect(store.count()).toBe(25);
    store.append([event({ feedId: 'odd', eventId: 'new', data: 'order shipped late' })]);
    db.exec("UPDATE messages_fts_data SET block = x'0102030405060708' WHERE id > 1");
    while (store.indexStep(10) > 0);
    expect(logger.lines.filter((l) => l.level === 'error').length).toBeGreaterThanOrEqual(1);
    expect(store.list({ text: 'shipped', limit: 100 }).items.map((m) => m.eventId)).toEqual([
      'new',
      '25',
      '20',
      '15',
      '10',
      '5',
    ]);
    expect(() =>
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('scans rows not yet indexed for %, _ and \\ literally, folding ASCII case only', () => {
    const added = store.append([
      event({ feedId: 'odd', data: 'disk 100% full' }),
      event({ feedId: 'odd', data: 'disk 1000 full' }),
      event({ feedId: 'odd', data: 'path C:\\temp_dir' }),
      event({ feedId: 'odd', data: 'path C:\\tempXdir' }),
      event({ feedId: 'odd', data: 'ÉTÉ Heartbeat' }),
    ]);
    expect(store.indexLag()).toBeGreaterThanOrEqual(added.length);
    const found = (text: string) => store.list({ text, limit: 100 }).items.map((m) => m.data);
    expect(found('100%')).toEqual(['disk 100% full']);
    expect(found('temp_dir')).toEqual(['path C:\\temp_dir']);
    expect(found('c:\\temp')).toEqual(['path C:\\tempXdir', 'path C:\\temp_dir']);
    expect(found('HEARTBEAT été')).toEqual([]);
    expect(found('ÉTÉ heartbeat')).toEqual(['ÉTÉ Heartbeat']);
  });

  it('never fails on FTS syntax in user text', () => {
    while (store.indexStep(1000) > 0);
    for (const text of ['"', 'NEAR(', 'a OR', '*', 'data:', '-', '(((', "'", 'AND NOT']) {
      expect(() => store.list({ text })).not.toThrow();
    }
    expect(store.list({ text: '"shipped"' }).items).toHaveLength(6);
  });
});

describe('MessageStore unread and retention', () => {
  it('counts unread per feed and marks read by ids, feed and all, surviving a restart', () => {
    const stored = store.append([
      ...Array.from({ length: 5 }, (_, i) => event({ feedId: 'a', eventId: `a${i}` })),
      ...Array.from({ length: 3 }, (_, i) => event({ feedId: 'b', eventId: `b${i}` })),
    ]);
    expect(store.unreadCounts()).toEqual({ a: 5, b: 3 });
    expect(store.markRead({ ids: [stored[0]!.id, stored[0]!.id, stored[6]!.id] })).toEqual({ a: 4, b: 2 });
    expect(store.markRead({ ids: [stored[0]!.id] })).toEqual({ a: 4, b: 2 });
    reopen();
    expect(store.unreadCounts()).toEqual({ a: 4, b: 2 });
    expect(store.get(stored[0]!.id)?.read).toBe(true);
    expect(store.markRead({ feedId: 'a' })).toEqual({ b: 2 });
    expect(store.markRead({ all: true })).toEqual({});
    expect(store.unreadTotal()).toBe(0);
  });

  it('marks a whole feed or everything read at once (a watermark), leaving later messages unread', () => {
    for (let b = 0; b < 3; b++) {
      store.append(Array.from({ length: 5000 }, (_, i) => event({ feedId: i % 3 ? 'a' : 'b', eventId: `${b}-${i}` })));
    }
    expect(store.unreadTotal()).toBe(15_000);
    const counts = store.markRead({ feedId: 'a' });
    // something arrives after the answer: it stays unread
    store.append([event({ feedId: 'a', eventId: 'late' })]);
    expect(counts).toEqual({ b: 5001 });
    expect(store.unreadCounts()).toEqual({ a: 1, b: 5001 });
    expect(store.list({ unread: true, feedId: 'a' }).items.map((m) => m.eventId)).toEqual(['late']);
    expect(store.list({ feedId: 'a', limit: 2 }).items.map((m) => [m.eventId, m.read])).toEqual([
      ['late', false],
      ['2-4999', true],
    ]);
    // One message marked by id below the watermark changes nothing; above it, it counts.
    const late = store.list({ feedId: 'a', limit: 1 }).items[0]!;
    const older = store.list({ feedId: 'a', limit: 2 }).items[1]!;
    expect(store.markRead({ ids: [older.id] })).toEqual({ a: 1, b: 5001 });
    expect(store.markRead({ ids: [late.id] })).toEqual({ b: 5001 });
    // Marked unread by hand below the watermark: unread (counted, listed) until its feed is marked read again.
    expect(store.markUnread([older.id])).toEqual({ a: 1, b: 5001 });
    expect(store.markUnread([older.id])).toEqual({ a: 1, b: 5001 });
    expect(store.list({ unread: true, feedId: 'a' }).items.map((m) => m.id)).toEqual([older.id]);
    expect(store.get(older.id)?.read).toBe(false);
    expect(store.markRead({ feedId: 'a' })).toEqual({ b: 5001 });
    expect(store.get(older.id)?.read).toBe(true);
    expect(store.markRead({ all: true })).toEqual({});
    reopen();
    expect(store.unreadCounts()).toEqual({});
    expect(store.list({ unread: true }).items).toEqual([]);
  });

  it('prunes by count per feed oldest first in chunks, keeping the cursor and the search index consistent', () => {
    for (let b = 0; b < 3; b++) {
      store.append(
        Array.from({ length: 100 }, (_, i) =>
          event({ feedId: 'a', eventId: `${b * 100 + i}`, data: `word${b * 100 + i} common` }),
        ),
      );
    }
    store.append([event({ feedId: 'b', eventId: 'only', data: 'common' })]);
    while (store.indexStep(1000) > 0);
    const now = 1_700_000_000_000;
    let steps = 0;
    while (store.pruneStep({ maxPerFeed: 120, maxAgeDays: 36_500 }, now, 50) > 0) steps++;
    expect(steps).toBe(4); // 180 rows in chunks of ≤ 50
    expect(store.feedMessageCount('a')).toBe(120);
    const oldest = store.list({ feedId: 'a', limit: 1000 }).items.at(-1);
    expect(oldest?.eventId).toBe('180');
    expect(store.cursor('a')).toBe('299');
    expect(store.unreadCounts()).toEqual({ a: 120, b: 1 });
    expect(store.list({ text: 'word10' }).items).toHaveLength(0); // pruned rows are not found
    expect(store.list({ text: 'common', limit: 1000 }).items).toHaveLength(121);
    const inIndex = () =>
      (db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'common'").raw().get() as [number])[0];
    // Pruning left their entries in the index (cheap deletes); once they outnumber the messages, the background
    // upkeep rebuilds the index.
    expect(inIndex()).toBe(301);
    while (store.indexStep(1000) > 0);
    expect(inIndex()).toBe(121);
    expect(store.list({ text: 'common', limit: 1000 }).items).toHaveLength(121);
  });

  it('prunes by age without touching newer messages or cursors', () => {
    const day = 86_400_000;
    const now = 1_800_000_000_000;
    store.append([
      event({ feedId: 'a', eventId: 'old1', receivedAt: now - 10 * day }),
      event({ feedId: 'a', eventId: 'old2', receivedAt: now - 8 * day }),
      event({ feedId: 'a', eventId: 'new', receivedAt: now - 1 * day }),
    ]);
    while (store.pruneStep({ maxPerFeed: 1000, maxAgeDays: 7 }, now, 1) > 0);
    expect(store.list({}).items.map((m) => m.eventId)).toEqual(['new']);
    store.append([event({ feedId: 'a', eventId: 'old1', receivedAt: now })]); // re-sent after pruning
    expect(store.cursor('a')).toBe('old1');
  });

  it('deletes a removed feed’s messages in the background and drops its unread count at once', () => {
    store.append(Array.from({ length: 30 }, (_, i) => event({ feedId: 'gone', eventId: `${i}` })));
    store.append([event({ feedId: 'kept' })]);
    store.forgetFeed('gone');
    expect(store.unreadCounts()).toEqual({ kept: 1 });
    expect(store.cursor('gone')).toBeNull();
    // Until they are deleted, its messages no longer show in lists and searches (with and without filters).
    expect(store.list({}).items.map((m) => m.feedId)).toEqual(['kept']);
    expect(store.list({ unread: true }).items.map((m) => m.feedId)).toEqual(['kept']);
    expect(store.list({ feedId: 'gone' }).items).toEqual([]);
    expect(store.list({ text: 'data' }).items.map((m) => m.feedId)).toEqual(['kept']);
    while (store.indexStep(1000) > 0);
    expect(store.list({ text: 'data' }).items.map((m) => m.feedId)).toEqual(['kept']);
    while (store.pruneStep({ maxPerFeed: 100_000, maxAgeDays: 36_500 }, Date.now(), 7) > 0);
    expect(store.count()).toBe(1);
  });
});
