/**
 * The integer feed key (schema 12) and the receive-time index dropped (13) carry a database of a million messages
 * made by the schema before them (as of migration 8, the last release's messages table) forward: every row with every column, the counts and read
 * watermarks, cursors, read flags, stars, the search index (filled up to a point, the rest found by scanning) and
 * the id sequence. The old database is built here in seconds: migrations 1–8, then one INSERT … SELECT from a
 * recursive CTE; a copy of it is compared with the migrated one row by row in SQL.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../../electron/main/core/store/database';
import { migrations } from '../../../electron/main/core/store/migrations';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { captureLogger, event, tempDir } from './helpers';

const ROWS = 1_000_000;
const FEEDS = 10;
const OLD_SCHEMA = 8;
const INDEXED = 200_000;
/** The old sequence ran past the newest row (its newest messages were deleted): ids are never reused. */
const SEQUENCE = ROWS + 25;
const feedId = (f: number): string => `0f9c2d4e-5a6b-4c7d-8e9f-00000000000${f}`;

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('tidings-migrate-1m-');
});
afterAll(() => dir.cleanup());

/** A schema-8 database: ROWS messages over FEEDS feeds, counts, a watermark, flags, stars, cursors, an index. */
function oldDatabase(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < OLD_SCHEMA; v++) db.exec(migrations[v] as string);
  db.exec(`PRAGMA user_version = ${OLD_SCHEMA}`);
  db.exec('BEGIN');
  const feed = db.prepare(
    'INSERT INTO feeds(id, position, name, url, headers, event_types, notify, idle_timeout_sec, enabled, created_at) ' +
      "VALUES (?, ?, ?, ?, '[]', '[]', ?, 3600, 1, 1)",
  );
  const notify = JSON.stringify({ mode: 'off', types: [], include: [], exclude: [] });
  for (let f = 0; f < FEEDS; f++) feed.run(feedId(f), f, `feed ${f}`, `http://127.0.0.1:9/feed-${f}`, notify);
  // Feed i % FEEDS; every 10th Chinese; every 4th read, every 97th marked unread by hand; every 1000th starred;
  // every 500th with profile fields and a priority; every 7th an "alert".
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO messages(id, feed, type, event_id, data, data_format, truncated, received_at, read, backfill, size,
                         starred, fields, priority)
    SELECT i, '${feedId(0).slice(0, -1)}' || (i % ${FEEDS}),
           CASE WHEN i % 7 = 0 THEN 'alert' ELSE 'message' END,
           CAST(i AS TEXT),
           CASE WHEN i % 10 = 0 THEN '订单 ' || i || ' 已发货' ELSE 'order ' || i || ' shipped' END,
           0, i % 5000 = 0, 1700000000000 + i * 2,
           CASE WHEN i % 97 = 0 THEN 2 WHEN i % 4 = 0 THEN 1 ELSE 0 END,
           i % 3000 = 0, 20 + i % 13, i % 1000 = 0,
           CASE WHEN i % 500 = 0 THEN '{"title":"t' || i || '"}' END,
           CASE WHEN i % 500 = 0 THEN 1 + i % 5 END
    FROM n;
  `);
  db.exec(`UPDATE sqlite_sequence SET seq = ${SEQUENCE} WHERE name = 'messages'`);
  // Counts as the old schema kept them; feed 3 was marked read up to the middle (a watermark).
  db.exec(`
    INSERT INTO feed_counts(feed, total, unread, read_upto, highest_id)
      SELECT feed, count(*), 0, CASE WHEN feed = '${feedId(3)}' THEN ${ROWS / 2} ELSE 0 END, max(CAST(event_id AS INTEGER))
      FROM messages GROUP BY feed;
    UPDATE feed_counts SET unread = (
      SELECT count(*) FROM messages m
      WHERE m.feed = feed_counts.feed AND (m.read = 2 OR (m.read = 0 AND m.id > feed_counts.read_upto))
    );
  `);
  const cursor = db.prepare('INSERT INTO cursors(feed, last_event_id, updated_at) VALUES (?, ?, 1)');
  for (let f = 0; f < FEEDS; f++) cursor.run(feedId(f), String(ROWS - ((FEEDS - f) % FEEDS)));
  db.exec(`INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages WHERE id <= ${INDEXED}`);
  db.exec(`UPDATE meta SET value = ${INDEXED} WHERE key = 'fts_upto'`);
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

it(`migrates a ${ROWS.toLocaleString('en')}-message database of schema ${OLD_SCHEMA}: every row, count, cursor, flag, star and search hit`, () => {
  const path = join(dir.dir, DATABASE_FILE);
  oldDatabase(path);
  const before = join(dir.dir, 'before.db');
  copyFileSync(path, before);
  const opened = openDatabase(dir.dir, { logger: captureLogger() });
  const db = opened.db;
  try {
    expect((db.prepare('PRAGMA user_version').raw().get() as [number])[0]).toBe(migrations.length);
    db.prepare('ATTACH DATABASE ? AS old').run(before);
    const value = (sql: string): unknown => (db.prepare(sql).raw().get() as unknown[])[0];
    // The feed column holds an integer key now…
    expect(value("SELECT count(*) FROM messages WHERE typeof(feed) <> 'integer'")).toBe(0);
    // …and every row is there with every column as it was (the key mapped back to the feed's id).
    expect(value('SELECT count(*) FROM messages')).toBe(ROWS);
    const columns = (db.prepare('PRAGMA old.table_info(messages)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => c !== 'feed');
    const same = columns.map((c) => `m."${c}" IS o."${c}"`).join(' AND ');
    expect(
      value(
        `SELECT count(*) FROM old.messages o JOIN messages m ON m.id = o.id JOIN feed_counts c ON c.key = m.feed ` +
          `WHERE c.feed = o.feed AND ${same}`,
      ),
    ).toBe(ROWS);
    // Counts, watermarks and highest ids per feed; cursors; the id sequence; the search index's progress.
    expect(
      db.prepare('SELECT feed, total, unread, read_upto, highest_id FROM feed_counts ORDER BY feed').raw().all(),
    ).toEqual(
      db.prepare('SELECT feed, total, unread, read_upto, highest_id FROM old.feed_counts ORDER BY feed').raw().all(),
    );
    expect(db.prepare('SELECT * FROM cursors ORDER BY feed').raw().all()).toEqual(
      db.prepare('SELECT * FROM old.cursors ORDER BY feed').raw().all(),
    );
    expect(value("SELECT seq FROM sqlite_sequence WHERE name = 'messages'")).toBe(SEQUENCE);
    expect(value("SELECT value FROM meta WHERE key = 'fts_upto'")).toBe(INDEXED);
    // The indexes the queries use are all there, on the new table; the receive-time index is gone (schema 13).
    const oldIndexes = db
      .prepare(
        "SELECT name FROM old.sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name",
      )
      .raw()
      .all() as [string][];
    expect(oldIndexes).toContainEqual(['messages_received']);
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name",
        )
        .raw()
        .all(),
    ).toEqual(oldIndexes.filter(([name]) => name !== 'messages_received'));
    db.exec('DETACH DATABASE old');

    // Through the store: counts, read state (flags and the watermark), stars, search (indexed and scanned).
    const store = new MessageStore(db);
    const oldCounts = new Database(before, { readonly: true });
    const unread = Object.fromEntries(
      oldCounts.prepare('SELECT feed, unread FROM feed_counts').raw().all() as [string, number][],
    );
    oldCounts.close();
    expect(store.unreadCounts()).toEqual(unread);
    expect(store.feedMessageCount(feedId(3))).toBe(ROWS / FEEDS);
    expect(store.cursor(feedId(9))).toBe(String(ROWS - 1));
    expect(store.get(8)?.read).toBe(true); // its flag
    expect(store.get(97)?.read).toBe(false); // marked unread by hand
    expect(store.get(13)?.read).toBe(true); // feed 3, below its watermark
    expect(store.get(ROWS / 2 + 3)?.read).toBe(false); // feed 3, above it
    expect(store.get(ROWS / 2 + 3)?.feedId).toBe(feedId(3));
    expect(store.list({ starred: true, limit: 5 }).items.map((m) => m.id)).toEqual([1e6, 999e3, 998e3, 997e3, 996e3]);
    expect(store.list({ text: '150001', limit: 5 }).items.map((m) => m.id)).toEqual([150_001]); // indexed
    expect(store.list({ text: '900001', limit: 5 }).items.map((m) => m.id)).toEqual([900_001]); // scanned
    expect(store.list({ text: '发货', feedId: feedId(0), limit: 2 }).items.map((m) => m.id)).toEqual([1e6, 999_990]);
    expect(store.list({ feedId: feedId(4), unread: true, limit: 1 }).items.map((m) => m.id)).toEqual([999_994]);
    // Paging by time without the index: a binary search over ids (message i was received at 1700000000000 + 2i).
    expect(store.list({ to: 1_700_000_000_000 + 2 * 300_000 + 1, limit: 2 }).items.map((m) => m.id)).toEqual([
      300_000, 299_999,
    ]);
    expect(
      store
        .list({ from: 1_700_000_000_000 + 2 * 300_000, to: 1_700_000_000_000 + 2 * 300_002, limit: 5 })
        .items.map((m) => m.id),
    ).toEqual([300_002, 300_001, 300_000]);
    // Replays are still recognised, and a new message takes an id above the old sequence.
    expect(store.append([event({ feedId: feedId(1), eventId: '999991', data: 'order 999991 shipped' })])).toEqual([]);
    const added = store.append([event({ feedId: feedId(1), eventId: 'new', data: 'after the migration' })]);
    expect(added.map((m) => m.id)).toEqual([SEQUENCE + 1]);
    expect(store.list({ feedId: feedId(1), limit: 1 }).items[0]?.data).toBe('after the migration');
    store.close();
  } finally {
    db.close();
  }
}, 600_000);
