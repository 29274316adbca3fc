/**
 * Storage v2 (schema 6) carries a database made by the schema before it forward: counts move into feed_counts,
 * read flags and stars keep their meaning, the search index keeps working without its delete trigger, cursors
 * survive. The database is built with schema 5 exactly as the previous release wrote it (its SQL, its trigger).
 */
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../../electron/main/core/store/database';
import { migrations } from '../../../electron/main/core/store/migrations';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { captureLogger, event, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const ROWS = 30_000;
/** The migration that brings storage v2. */
const STORAGE_V2 = 6; // and 7 (highest ids) after it

/** A schema-5 database with ROWS messages over three feeds (every 4th read, one starred), indexed, a cursor. */
function schema3Database(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < STORAGE_V2 - 1; v++) db.exec(migrations[v] as string);
  db.exec(`PRAGMA user_version = ${STORAGE_V2 - 1}`);
  db.exec('BEGIN');
  const insert = db.prepare(
    'INSERT INTO messages(feed, type, event_id, data, truncated, received_at, read, backfill, size) ' +
      'VALUES (?, ?, ?, ?, 0, ?, ?, 0, ?)',
  );
  for (let i = 1; i <= ROWS; i++) {
    const data = i % 10 === 0 ? `订单 ${i} 已发货` : `order ${i} shipped`;
    insert.run(`feed-${i % 3}`, 'message', String(i), data, 1_700_000_000_000 + i, i % 4 === 0 ? 1 : 0, data.length);
  }
  db.exec("INSERT INTO cursors(feed, last_event_id, updated_at) VALUES ('feed-1', '29998', 1)");
  db.exec('UPDATE messages SET starred = 1 WHERE id = 7');
  // Schema 5 indexed everything up to fts_upto (its trigger deleted rows from the index on delete).
  db.exec('INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages WHERE id <= 20000');
  db.exec("UPDATE meta SET value = 20000 WHERE key = 'fts_upto'");
  db.exec('COMMIT');
  db.close();
}

it(`migrates a schema-5 database of ${ROWS.toLocaleString('en')} messages: counts, read state, search, cursors`, () => {
  const path = join(dir.dir, DATABASE_FILE);
  schema3Database(path);
  const opened = openDatabase(dir.dir, { logger: captureLogger() });
  try {
    const db = opened.db;
    expect((db.prepare('PRAGMA user_version').raw().get() as [number])[0]).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all()).toEqual([]);
    const store = new MessageStore(db);
    // Counts come from the table (written by the migration), equal to counting the rows.
    // (messages.feed holds the feed's integer key since schema 10; feed_counts maps it to the feed's id.)
    const expected = db
      .prepare(
        'SELECT c.feed, sum(m.read = 0) FROM messages m JOIN feed_counts c ON c.key = m.feed GROUP BY c.feed ORDER BY c.feed',
      )
      .raw()
      .all() as [string, number][];
    expect(Object.entries(store.unreadCounts()).sort()).toEqual(expected);
    expect(store.feedMessageCount('feed-0')).toBe(ROWS / 3);
    expect(store.count()).toBe(ROWS);
    expect(store.cursor('feed-1')).toBe('29998');
    // Read flags keep their meaning; search finds indexed and not-yet-indexed rows alike.
    expect(store.get(4)?.read).toBe(true);
    expect(store.get(5)?.read).toBe(false);
    expect(store.list({ starred: true }).items.map((m) => m.id)).toEqual([7]);
    expect(store.list({ text: 'shipped', limit: 3 }).items.map((m) => m.eventId)).toEqual(['29999', '29998', '29997']);
    expect(store.list({ text: '发货', feedId: 'feed-1', limit: 2 }).items.map((m) => m.eventId)).toEqual([
      '29980',
      '29950',
    ]);
    // Replays are still found after the migration (each feed's highest whole-number id came from its rows).
    expect(store.append([event({ feedId: 'feed-2', eventId: '29999', data: 'order 29999 shipped' })])).toEqual([]);
    // Writes go on: a new message counts, a feed marked read is read, pruning keeps the counts right.
    store.append([event({ feedId: 'feed-2', eventId: 'new', data: 'order new shipped' })]);
    expect(store.unreadCounts()['feed-2']).toBe((expected.find(([f]) => f === 'feed-2')?.[1] ?? 0) + 1);
    expect(store.markRead({ feedId: 'feed-0' })['feed-0']).toBeUndefined();
    while (store.pruneStep({ maxPerFeed: 5000, maxAgeDays: 36_500 }, Date.now(), 1000) > 0);
    expect(store.feedMessageCount('feed-1')).toBe(5000);
    expect(store.count()).toBe(15_000);
    const reopened = new MessageStore(db);
    expect(reopened.unreadCounts()).toEqual(store.unreadCounts());
    expect(reopened.list({ unread: true, feedId: 'feed-0' }).items).toEqual([]);
  } finally {
    opened.db.close();
  }
});
