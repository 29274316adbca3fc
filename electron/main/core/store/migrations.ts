/**
 * Numbered schema migrations, applied in order inside one transaction each; PRAGMA user_version records the last.
 * Append new migrations; never edit a shipped one.
 */
import { checkHttpUrl } from '../../../../shared/rules';
import type { Db } from './database';

/** A migration: SQL, or a step that needs JavaScript (run inside the same transaction). */
export type Migration = string | ((db: Db) => void);

/** The search index since schema 2 (also used to recreate a damaged index). */
export const CREATE_SEARCH_INDEX =
  "CREATE VIRTUAL TABLE messages_fts USING fts5(data, content='', contentless_delete=1, " +
  "tokenize='unicode61 remove_diacritics 2')";

export const migrations: readonly Migration[] = [
  // 1: the initial schema.
  `
  CREATE TABLE feeds (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    headers TEXT NOT NULL,          -- JSON [{name, secret, value | cipher}]; secret values only as ciphertext
    event_types TEXT NOT NULL,      -- JSON string[]
    notify TEXT NOT NULL,           -- JSON NotificationRule
    idle_timeout_sec INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE cursors (
    feed TEXT PRIMARY KEY,
    last_event_id TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feed TEXT NOT NULL,
    type TEXT NOT NULL,
    event_id TEXT,
    data TEXT NOT NULL,
    data_format INTEGER NOT NULL DEFAULT 0, -- 0 = as is; 1 = JSON string literal (text with NUL characters)
    truncated INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    backfill INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX messages_feed_event ON messages(feed, event_id) WHERE event_id IS NOT NULL;
  CREATE INDEX messages_feed_id ON messages(feed, id);
  CREATE INDEX messages_received ON messages(received_at);
  CREATE INDEX messages_unread ON messages(feed) WHERE read = 0;
  CREATE VIRTUAL TABLE messages_fts USING fts5(
    data, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  INSERT INTO meta(key, value) VALUES ('fts_upto', 0);
  -- The search index is filled in the background up to meta.fts_upto; rows already indexed leave it on delete.
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
  WHEN old.id <= (SELECT value FROM meta WHERE key = 'fts_upto')
  BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, data) VALUES ('delete', old.id, old.data);
  END;
  `,
  // 2: the search index becomes contentless (delete by rowid only), because the text it indexes is no longer the
  // stored text: Chinese, Japanese and Korean characters are set apart by spaces first (fts-query.ts splitCjk).
  // It refills from the start in the background. Messages get their data's size (UTF-8 bytes); rows stored
  // before have NULL there and their size is read from the stored text.
  `
  DROP TRIGGER messages_fts_delete;
  DROP TABLE messages_fts;
  ${CREATE_SEARCH_INDEX};
  UPDATE meta SET value = 0 WHERE key = 'fts_upto';
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
  WHEN old.id <= (SELECT value FROM meta WHERE key = 'fts_upto')
  BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
  END;
  ALTER TABLE messages ADD COLUMN size INTEGER;
  `,
  // 3: an event id alone no longer makes a duplicate. A server that restarts without its history numbers its
  // events from 1 again, and those new events must not be dropped as copies of old ones. A duplicate is now the
  // same id with the same type and data (what a replay sends); the store checks that when inserting, so the index
  // on (feed, event_id) stays for the lookup but is no longer unique.
  `
  DROP INDEX messages_feed_event;
  CREATE INDEX messages_feed_event ON messages(feed, event_id) WHERE event_id IS NOT NULL;
  `,
  // 4: messages can be starred (the "Starred" view lists them newest first).
  `
  ALTER TABLE messages ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX messages_starred ON messages(id) WHERE starred = 1;
  `,
  // 5: a feed may trust a CA certificate of its own (PEM), for a self-hosted server with a private CA.
  `
  ALTER TABLE feeds ADD COLUMN trusted_ca TEXT;
  `,
  // 6: storage v2, flat at any size. Counts per feed live in a table updated with every write (opening no longer
  // counts millions of rows), and "mark a feed read" is a watermark (read_upto: every message of the feed with an
  // id up to it is read) instead of an update of every row. Deleting a message no longer deletes it from the
  // search index row by row (a trigger cost more than inserting the row): ids are never reused, so a stale index
  // entry matches nothing once the join with messages drops it; meta.fts_stale counts them, and the index is
  // rebuilt when they outnumber the messages (search-index.ts). The partial unread index goes: unread rows of a
  // feed are found above its watermark through (feed, id). messages.read becomes three-valued: 0 follows the
  // watermark, 1 is read, 2 is marked unread (also below the watermark); a small index finds the 2s of a feed.
  `
  CREATE TABLE feed_counts (
    feed TEXT PRIMARY KEY,
    total INTEGER NOT NULL,
    unread INTEGER NOT NULL,
    read_upto INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO feed_counts(feed, total, unread)
    SELECT feed, count(*), sum(read = 0) FROM messages GROUP BY feed;
  DROP TRIGGER messages_fts_delete;
  DROP INDEX messages_unread;
  CREATE INDEX messages_marked_unread ON messages(feed) WHERE read = 2;
  INSERT INTO meta(key, value) VALUES ('fts_stale', 0);
  `,
  // 7: each feed's highest event id written as a whole number, so the duplicate check can skip live events numbered
  // above everything the feed ever stored (they cannot be replays) and look up only the others.
  `
  ALTER TABLE feed_counts ADD COLUMN highest_id INTEGER;
  UPDATE feed_counts SET highest_id = (
    SELECT max(CAST(event_id AS INTEGER)) FROM messages m
    WHERE m.feed = feed_counts.feed AND m.event_id GLOB '[0-9]*' AND NOT m.event_id GLOB '*[^0-9]*'
      AND (m.event_id = '0' OR m.event_id NOT GLOB '0*') AND length(m.event_id) <= 15
  );
  `,
  // 8: server profiles. A message keeps what its feed's profile read out of it (title, body, priority, tags, link,
  // actions… as JSON; NULL when nothing) and its priority apart, for filtering. A feed keeps its profile setting
  // ('auto' detects it).
  `
  ALTER TABLE messages ADD COLUMN fields TEXT;
  ALTER TABLE messages ADD COLUMN priority INTEGER;
  ALTER TABLE feeds ADD COLUMN profile TEXT NOT NULL DEFAULT 'auto';
  `,
  // 9: feeds stored before URLs were normalised keep the URL as typed (`HTTP://Host/x`, `https:/ntfy.sh/a`): each
  // becomes its WHATWG serialisation, by the rule a feed is saved with (shared/rules.ts). A URL the rule refuses
  // stays as it is (the feed says why it cannot connect).
  normaliseStoredUrls,
  // 10: a feed's server options (JSON: ntfy's first subscribe, credentials in the query, the composer's publish
  // target, and the Mercure publisher token as SecretCodec ciphertext; NULL: defaults).
  `
  ALTER TABLE feeds ADD COLUMN server TEXT;
  `,
  // 11: per feed, mute (stored and listed, never notified, not in the tray's count), whether its messages count as
  // unread (0: they arrive read), and the colour the user chose (NULL: chosen automatically). A message cut at the
  // size cap keeps the size its data had as sent (NULL: not cut, or stored before).
  `
  ALTER TABLE feeds ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE feeds ADD COLUMN count_unread INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE feeds ADD COLUMN colour TEXT;
  ALTER TABLE messages ADD COLUMN original_size INTEGER;
  `,
  // 12: an integer feed key in messages instead of the 36-character UUID (storage v2, issue 10): every row and
  // each of its indexes on the feed shrinks, which is most of what an insert writes. feed_counts gets the key
  // (one row per feed); the UUID stays the feed's id everywhere else. The messages table is rebuilt — ids,
  // columns, indexes and the AUTOINCREMENT sequence kept — whatever columns earlier migrations added to it.
  integerFeedKey,
  // 13: indexes for ten million rows. No index on received_at: ids grow with arrival, and so do receive times, so a
  // time is found by a binary search over ids (message-rows.ts lastIdAtTime) and age retention reads the oldest
  // rows by id; every insert writes one index less (about a tenth of an insert's CPU). A message stamped out of
  // order (a clock set back) is found by its neighbours' times. The replay lookup's index orders a feed's event ids
  // by length first: numbered ids ("999", "1000", …) then sort as numbers, so new events go to the end of their
  // feed's range and retention deletes from its start. Sorted as text ("1000" before "999"), every insert and
  // delete touched a page anywhere in the index: at ten million rows 34 µs a row to insert and 129 to prune, most
  // of it reading and writing index pages outside the cache.
  `
  DROP INDEX IF EXISTS messages_received;
  DROP INDEX messages_feed_event;
  CREATE INDEX messages_feed_event ON messages(feed, length(event_id), event_id) WHERE event_id IS NOT NULL;
  `,
];

function normaliseStoredUrls(db: Db): void {
  const rows = db.prepare('SELECT id, url FROM feeds').raw().all() as [string, string][];
  const update = db.prepare('UPDATE feeds SET url = ? WHERE id = ?');
  for (const [id, url] of rows) {
    const checked = checkHttpUrl(url);
    if (checked.ok && checked.href !== url) update.run(checked.href, id);
  }
}

function integerFeedKey(db: Db): void {
  db.exec(`
    CREATE TABLE feed_counts_v2 (
      key INTEGER PRIMARY KEY,
      feed TEXT NOT NULL UNIQUE,
      total INTEGER NOT NULL,
      unread INTEGER NOT NULL,
      read_upto INTEGER NOT NULL DEFAULT 0,
      highest_id INTEGER
    );
    INSERT INTO feed_counts_v2(feed, total, unread, read_upto, highest_id)
      SELECT feed, total, unread, read_upto, highest_id FROM feed_counts ORDER BY feed;
    -- Messages of a feed without a counts row (none should exist) keep their feed all the same.
    INSERT INTO feed_counts_v2(feed, total, unread)
      SELECT feed, count(*), 0 FROM messages WHERE feed NOT IN (SELECT feed FROM feed_counts_v2) GROUP BY feed;
  `);
  const value = (sql: string): unknown => (db.prepare(sql).raw().get() as unknown[] | undefined)?.[0];
  const createV2 = String(value("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'messages'"))
    .replace(/^CREATE TABLE "?messages"?/, 'CREATE TABLE messages_v2')
    .replace(/\bfeed TEXT NOT NULL\b/, 'feed INTEGER NOT NULL');
  if (!createV2.startsWith('CREATE TABLE messages_v2') || !/feed INTEGER NOT NULL/.test(createV2)) {
    throw new Error('migration 12: unexpected messages table');
  }
  const columns = (db.prepare('PRAGMA table_info(messages)').all() as { name: string }[]).map((c) => c.name);
  const indexes = (
    db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'messages' AND sql IS NOT NULL",
      )
      .raw()
      .all() as [string][]
  ).map((r) => r[0]);
  const sequence = value("SELECT seq FROM sqlite_sequence WHERE name = 'messages'") as number | undefined;
  const list = columns.map((c) => `"${c}"`).join(', ');
  const select = columns.map((c) => (c === 'feed' ? 'c.key' : `m."${c}"`)).join(', ');
  db.exec(createV2);
  db.exec(
    `INSERT INTO messages_v2(${list}) SELECT ${select} FROM messages m JOIN feed_counts_v2 c ON c.feed = m.feed ` +
      'ORDER BY m.id',
  );
  db.exec(`
    DROP TABLE messages;
    ALTER TABLE messages_v2 RENAME TO messages;
    DROP TABLE feed_counts;
    ALTER TABLE feed_counts_v2 RENAME TO feed_counts;
  `);
  for (const sql of indexes) db.exec(sql);
  // Ids are never reused (search and undo rely on it): the sequence continues where it was.
  if (sequence !== undefined) {
    db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'messages'").run(sequence);
    db.prepare(
      "INSERT INTO sqlite_sequence(name, seq) SELECT 'messages', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'messages')",
    ).run(sequence);
  }
}
