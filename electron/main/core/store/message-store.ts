/**
 * Messages, cursors, unread counts, search and retention. All message SQL lives here.
 *
 * Hot path: append() writes one batch (messages + cursors) in one transaction with prepared statements; duplicates
 * (same feed, event id, type and data: a replay) are left out by the insert itself. The search index is filled
 * later in chunks (indexStep), so search may lag ingest while storage never does; rows not yet indexed are still
 * found by a plain scan of that (small) tail.
 */
import type { Message, MessagePage, UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest, MessageQuery } from '../../../../shared/ipc/schemas';
import type { FeedEvent } from '../feeds/types';
import type { Logger } from '../types';
import { inTransaction, type Db, type Stmt } from './database';
import { INDEX_SPLIT_GLOB, searchTerms, splitCjk, toFtsQuery } from './fts-query';
import { CREATE_SEARCH_INDEX } from './migrations';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { PREVIEW_CHARS, byteSize, cutChars, decodeJsonPrefix } from './preview';

/** One event to store: what the FeedHub delivers. */
export type IncomingEvent = FeedEvent;

export interface Retention {
  maxPerFeed: number;
  maxAgeDays: number;
}

/** id, feed, type, event id, data (whole or its start), truncated, received at, read, backfill, data format, size. */
type Row = [number, string, string, string | null, string, number, number, number, number, number, number | null];
/** Whole rows (messages:get). Rows stored before the size column existed have size NULL. */
const COLUMNS =
  'm.id, m.feed, m.type, m.event_id, m.data, m.truncated, m.received_at, m.read, m.backfill, m.data_format, m.size';
/**
 * Preview rows (list pages): the data is cut in SQL, so a 1 MiB row never reaches JavaScript whole. substr counts
 * code points (≥ UTF-16 units); data with NUL characters is stored as a JSON literal, whose escapes take up to 6
 * characters per character. Legacy rows without a size use the stored text's byte length.
 */
const PREVIEW_COLUMNS =
  'm.id, m.feed, m.type, m.event_id, ' +
  `CASE m.data_format WHEN 0 THEN substr(m.data, 1, ${PREVIEW_CHARS}) ELSE substr(m.data, 1, ${PREVIEW_CHARS * 6 + 2}) END, ` +
  'm.truncated, m.received_at, m.read, m.backfill, m.data_format, coalesce(m.size, octet_length(m.data))';
const DAY_MS = 86_400_000;
export const DEFAULT_PAGE = 100;
/** Batches at least this large take the one-statement JSON path. */
const BULK_MIN = 8;
/** …and average data at most this long (measured per row: 100 B 6 µs bulk vs 8 each, 400 B 8 vs 9, 1 KB 13 vs 10). */
const BULK_MAX_AVG_CHARS = 600;
/**
 * Scripts written without spaces that the index does not split (unicode61 keeps a run as one word): terms in
 * them are found by a scan. Chinese, Japanese and Korean are split into single characters (see fts-query.ts).
 */
const SCAN_SCRIPTS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Rows per mark-read statement for a feed or everything. */
const MARK_CHUNK = 5000;

/** The fields a whole row and a preview row share. */
function rowFields(r: Row): Omit<Message, 'data' | 'size' | 'preview'> {
  return {
    id: r[0],
    feedId: r[1],
    type: r[2],
    eventId: r[3],
    truncated: r[5] === 1,
    receivedAt: r[6],
    read: r[7] === 1,
    backfill: r[8] === 1,
  };
}

/** A message as just stored: whole, unread. */
function storedMessage(id: number, e: IncomingEvent, size: number): Message {
  const { feedId, type, eventId, data, truncated, receivedAt, backfill } = e;
  return { id, feedId, type, eventId, data, truncated, receivedAt, read: false, backfill, size, preview: false };
}

/** A whole row (messages:get): the full data, preview false. */
function toMessage(r: Row): Message {
  const data = r[9] === 1 ? (JSON.parse(r[4]) as string) : r[4];
  return { ...rowFields(r), data, size: r[10] ?? byteSize(data), preview: false };
}

/** A preview row (PREVIEW_COLUMNS): at most PREVIEW_CHARS characters of data. */
function toPreview(r: Row): Message {
  const size = r[10] ?? 0;
  const data = cutChars(r[9] === 1 ? decodeJsonPrefix(r[4]) : r[4], PREVIEW_CHARS);
  // Data of at most PREVIEW_CHARS bytes is never cut (each UTF-16 unit takes at least one UTF-8 byte).
  return { ...rowFields(r), data, size, preview: size > PREVIEW_CHARS && byteSize(data) < size };
}

export class InvalidQueryError extends Error {}

/**
 * Text SQLite may hold: lone UTF-16 surrogates become U+FFFD. (libsql aborts the process when it reads text that
 * is not valid UTF-8, and SQLite's JSON functions would turn a lone surrogate escape into exactly that.)
 */
type WellFormedApi = string & { isWellFormed(): boolean; toWellFormed(): string };
const isWellFormed = (text: string): boolean => (text as WellFormedApi).isWellFormed();
const wellFormed = (text: string): string => (isWellFormed(text) ? text : (text as WellFormedApi).toWellFormed());

function wellFormedEvent(e: IncomingEvent): IncomingEvent {
  if (
    isWellFormed(e.data) &&
    isWellFormed(e.type) &&
    isWellFormed(e.feedId) &&
    (e.eventId === null || isWellFormed(e.eventId))
  ) {
    return e;
  }
  return {
    ...e,
    feedId: wellFormed(e.feedId),
    type: wellFormed(e.type),
    eventId: e.eventId === null ? null : wellFormed(e.eventId),
    data: wellFormed(e.data),
  };
}

export class MessageStore {
  private readonly insertStmt;
  private readonly bulkStmt;
  private readonly replayStmt;
  private readonly knownIdStmt;
  private readonly cursorStmt;
  private readonly statements = new Map<string, Stmt>();
  private readonly unread = new Map<string, number>();
  private readonly perFeed = new Map<string, number>();
  /** Feeds whose messages are being deleted in the background (the feed was removed). */
  private readonly orphans = new Set<string>();
  private ftsUpto: number;

  constructor(
    private readonly db: Db,
    private readonly logger?: Logger,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO messages(feed, type, event_id, data, data_format, truncated, received_at, backfill, size) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.bulkStmt = db.prepare(
      'INSERT INTO messages(feed, type, event_id, data, data_format, truncated, received_at, backfill, size) ' +
        'SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 ' +
        'FROM json_each(?) ORDER BY key',
    );
    // A duplicate is a replay: same feed, event id, type and (stored) data. The same id with other content is a
    // new event (a server that restarted and numbers its events from 1 again).
    this.replayStmt = db.prepare(
      'SELECT 1 FROM messages WHERE feed = ? AND event_id = ? AND type = ? AND data = ? LIMIT 1',
    );
    this.knownIdStmt = db.prepare(
      'SELECT 1 FROM json_each(?) j WHERE EXISTS ' +
        '(SELECT 1 FROM messages d WHERE d.feed = j.value->>0 AND d.event_id = j.value->>1) LIMIT 1',
    );
    this.cursorStmt = db.prepare(
      'INSERT INTO cursors(feed, last_event_id, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT(feed) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at',
    );
    this.ftsUpto = Number((this.prepared("SELECT value FROM meta WHERE key = 'fts_upto'").raw().get() as [number])[0]);
    for (const [feed, n] of this.prepared('SELECT feed, count(*) FROM messages GROUP BY feed').raw().all() as [
      string,
      number,
    ][]) {
      this.perFeed.set(feed, n);
    }
    for (const [feed, n] of this.prepared('SELECT feed, count(*) FROM messages WHERE read = 0 GROUP BY feed')
      .raw()
      .all() as [string, number][]) {
      this.unread.set(feed, n);
    }
  }

  private prepared(sql: string): Stmt {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // Filter combinations make many query shapes; keep the cache bounded.
      if (this.statements.size >= 256) this.statements.clear();
      stmt = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // ---------------------------------------------------------------- ingest

  /** Stores a batch in one transaction; returns the messages actually stored (duplicates left out). */
  append(events: readonly IncomingEvent[]): Message[] {
    if (events.length === 0) return [];
    const stored = inTransaction(this.db, () => this.appendInTx(events));
    // Counters change only after the commit.
    for (const m of stored) {
      this.perFeed.set(m.feedId, (this.perFeed.get(m.feedId) ?? 0) + 1);
      this.unread.set(m.feedId, (this.unread.get(m.feedId) ?? 0) + 1);
    }
    return stored;
  }

  private appendInTx(input: readonly IncomingEvent[]): Message[] {
    const events = input.map(wellFormedEvent);
    const replays = this.mayHoldReplays(events);
    const stored = !replays && this.bulkPays(events) ? this.insertBulk(events) : this.insertEach(events, replays);
    const cursors = new Map<string, [string, number]>();
    for (const e of events) if (e.eventId !== null) cursors.set(e.feedId, [e.eventId, e.receivedAt]);
    for (const [feed, [eventId, at]] of cursors) this.cursorStmt.run(feed, eventId, at);
    return stored;
  }

  /** Many small events: one JSON statement beats a native call per row. Large payloads: copying them twice does not. */
  private bulkPays(events: readonly IncomingEvent[]): boolean {
    if (events.length < BULK_MIN) return false;
    let chars = 0;
    for (const e of events) chars += e.data.length;
    return chars / events.length <= BULK_MAX_AVG_CHARS;
  }

  /**
   * Whether the batch may hold a duplicate: an id repeated within it or already stored for its feed (a replay, or
   * an id reused for a new event). Usually not: then one cheap index probe for the whole batch is all it costs.
   */
  private mayHoldReplays(events: readonly IncomingEvent[]): boolean {
    const ids = new Set<string>();
    const keys: [string, string][] = [];
    for (const e of events) {
      if (e.eventId === null) continue;
      const key = `${e.feedId}\u0000${e.eventId}`;
      if (ids.has(key)) return true;
      ids.add(key);
      keys.push([e.feedId, e.eventId]);
    }
    return keys.length > 0 && this.knownIdStmt.raw().get(JSON.stringify(keys)) !== undefined;
  }

  /**
   * Fast path for a batch without duplicates: the whole batch as one JSON parameter in one INSERT … SELECT (one
   * native call instead of one per row). AUTOINCREMENT gives the rows consecutive ids.
   */
  private insertBulk(events: readonly IncomingEvent[]): Message[] {
    const rows: unknown[] = new Array(events.length);
    const sizes: number[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as IncomingEvent;
      const nul = e.data.includes('\u0000');
      sizes[i] = byteSize(e.data);
      rows[i] = [
        e.feedId,
        e.type,
        e.eventId,
        nul ? JSON.stringify(e.data) : e.data,
        nul ? 1 : 0,
        e.truncated ? 1 : 0,
        e.receivedAt,
        e.backfill ? 1 : 0,
        sizes[i],
      ];
    }
    const result = this.bulkStmt.run(JSON.stringify(rows));
    const first = Number(result.lastInsertRowid) - events.length + 1;
    const stored: Message[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as IncomingEvent;
      stored[i] = storedMessage(first + i, e, sizes[i] as number);
    }
    return stored;
  }

  /**
   * Row by row. With `replays`, duplicates (same feed, event id, type and data, stored or earlier in the batch)
   * are skipped; the same id with other content is stored.
   */
  private insertEach(events: readonly IncomingEvent[], replays: boolean): Message[] {
    const stored: Message[] = [];
    const insert = this.insertStmt;
    for (const e of events) {
      // SQLite text binding stops at NUL: such data is stored as a JSON string literal instead.
      const nul = e.data.includes('\u0000');
      const data = nul ? JSON.stringify(e.data) : e.data;
      if (replays && e.eventId !== null && this.replayStmt.raw().get(e.feedId, e.eventId, e.type, data) !== undefined) {
        continue; // a replay of what is stored (or came earlier in this batch)
      }
      const size = byteSize(e.data);
      const result = insert.run(
        e.feedId,
        e.type,
        e.eventId,
        data,
        nul ? 1 : 0,
        e.truncated ? 1 : 0,
        e.receivedAt,
        e.backfill ? 1 : 0,
        size,
      );
      stored.push(storedMessage(Number(result.lastInsertRowid), e, size));
    }
    return stored;
  }

  // ---------------------------------------------------------------- cursors

  cursors(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [feed, id] of this.prepared('SELECT feed, last_event_id FROM cursors').raw().all() as [
      string,
      string,
    ][]) {
      out.set(feed, id);
    }
    return out;
  }

  cursor(feed: string): string | null {
    const row = this.prepared('SELECT last_event_id FROM cursors WHERE feed = ?').raw().get(feed) as
      [string] | undefined;
    return row ? row[0] : null;
  }

  /** The feed now reads a different stream: its old position is meaningless there. */
  resetCursor(feed: string): void {
    this.prepared('DELETE FROM cursors WHERE feed = ?').run(feed);
  }

  // ---------------------------------------------------------------- reads

  get(id: number): Message | undefined {
    const row = this.prepared(`SELECT ${COLUMNS} FROM messages m WHERE m.id = ?`).raw().get(id) as Row | undefined;
    return row ? toMessage(row) : undefined;
  }

  count(): number {
    return (this.prepared('SELECT count(*) FROM messages').raw().get() as [number])[0];
  }

  feedMessageCount(feed: string): number {
    return this.perFeed.get(feed) ?? 0;
  }

  /** Newest first, keyset paging by row id. */
  list(query: MessageQuery): MessagePage {
    const limit = query.limit ?? DEFAULT_PAGE;
    let before = Number.MAX_SAFE_INTEGER;
    if (query.cursor) {
      const decoded = decodePageCursor(query.cursor);
      if (decoded === null) throw new InvalidQueryError('The page cursor is not valid; reload the list.');
      before = decoded;
    }
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.feedId !== undefined) {
      where.push('m.feed = ?');
      params.push(query.feedId);
    }
    if (query.type !== undefined) {
      where.push('m.type = ?');
      params.push(query.type);
    }
    if (query.unread) where.push('m.read = 0');
    if (query.from !== undefined) {
      where.push('m.received_at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('m.received_at <= ?');
      params.push(query.to);
    }
    if (this.orphans.size > 0) {
      // A removed feed's messages are on their way out: they no longer show (nor count, see unreadCounts).
      where.push('m.feed NOT IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify([...this.orphans]));
    }
    const terms = searchTerms(query.text ?? '');
    const filters = where.length ? ' AND ' + where.join(' AND ') : '';
    const rows: Row[] = [];
    if (terms.length === 0) {
      rows.push(
        ...(this.prepared(
          `SELECT ${PREVIEW_COLUMNS} FROM messages m WHERE m.id < ?${filters} ORDER BY m.id DESC LIMIT ?`,
        )
          .raw()
          .all(before, ...params, limit + 1) as Row[]),
      );
    } else {
      // Rows above `upto` are not in the search index yet: they are the newest, so they come first in id order.
      // Terms in scripts written without spaces that the index does not split (Thai and its neighbours) are only
      // found inside a sentence by a scan. (Chinese, Japanese and Korean are indexed character by character.)
      const upto = SCAN_SCRIPTS.test(terms.join('')) ? 0 : this.ftsUpto;
      if (before > upto + 1) {
        const like = terms.map(() => 'instr(lower(m.data), lower(?)) > 0').join(' AND ');
        rows.push(
          ...(this.prepared(
            `SELECT ${PREVIEW_COLUMNS} FROM messages m WHERE m.id < ? AND m.id > ? AND ${like}${filters} ORDER BY m.id DESC LIMIT ?`,
          )
            .raw()
            .all(before, upto, ...terms, ...params, limit + 1) as Row[]),
        );
      }
      if (rows.length <= limit && upto > 0) {
        let indexed: Row[];
        try {
          indexed = this.prepared(
            `SELECT ${PREVIEW_COLUMNS} FROM messages_fts f JOIN messages m ON m.id = f.rowid ` +
              `WHERE messages_fts MATCH ? AND f.rowid < ?${filters} ORDER BY f.rowid DESC LIMIT ?`,
          )
            .raw()
            .all(toFtsQuery(terms), Math.min(before, upto + 1), ...params, limit + 1 - rows.length) as Row[];
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'SQLITE_CORRUPT_VTAB') throw error;
          // A damaged search index must not break search: start it over (it refills in the background) and
          // answer this query by scanning, as for rows not indexed yet.
          this.logger?.error('The search index is damaged; rebuilding it in the background', error);
          this.resetSearchIndex();
          return this.list(query);
        }
        rows.push(...indexed);
      }
    }
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toPreview);
    const last = items[items.length - 1];
    return { items, next: more && last ? encodePageCursor(last.id) : null };
  }

  // ---------------------------------------------------------------- unread

  unreadCounts(): UnreadCounts {
    const out: UnreadCounts = {};
    for (const [feed, n] of this.unread) if (n > 0 && !this.orphans.has(feed)) out[feed] = n;
    return out;
  }

  unreadTotal(): number {
    let total = 0;
    for (const [feed, n] of this.unread) if (!this.orphans.has(feed)) total += n;
    return total;
  }

  /** Synchronous mark-read (ids: at most 10 000 by the contract; feed/all: every chunk at once). */
  markRead(request: MarkReadRequest): UnreadCounts {
    if ('ids' in request) {
      const rows = this.prepared(
        'UPDATE messages SET read = 1 WHERE read = 0 AND id IN (SELECT value FROM json_each(?)) RETURNING feed',
      )
        .raw()
        .all(JSON.stringify(request.ids)) as [string][];
      this.countRead(rows);
      return this.unreadCounts();
    }
    const feed = 'feedId' in request ? request.feedId : null;
    const upto = this.newestId();
    for (let guard = 0; guard < 1_000_000; guard++) if (this.markReadChunk(feed, upto, MARK_CHUNK) < MARK_CHUNK) break;
    return this.unreadCounts();
  }

  /**
   * Mark-read for a whole feed or everything, in chunks with a pause between them so ingest and IPC keep flowing
   * (a million unread rows take seconds to update). Only messages stored before the call are marked.
   */
  async markReadInSteps(request: MarkReadRequest, pause: () => Promise<void>): Promise<UnreadCounts> {
    if ('ids' in request) return this.markRead(request);
    const feed = 'feedId' in request ? request.feedId : null;
    const upto = this.newestId();
    for (let guard = 0; guard < 1_000_000; guard++) {
      if (this.markReadChunk(feed, upto, MARK_CHUNK) < MARK_CHUNK) break;
      await pause();
    }
    return this.unreadCounts();
  }

  private markReadChunk(feed: string | null, upto: number, chunk: number): number {
    const rows = (
      feed === null
        ? this.prepared(
            'UPDATE messages SET read = 1 WHERE id IN ' +
              '(SELECT id FROM messages WHERE read = 0 AND id <= ? LIMIT ?) RETURNING feed',
          )
            .raw()
            .all(upto, chunk)
        : this.prepared(
            'UPDATE messages SET read = 1 WHERE id IN ' +
              '(SELECT id FROM messages WHERE feed = ? AND read = 0 AND id <= ? LIMIT ?) RETURNING feed',
          )
            .raw()
            .all(feed, upto, chunk)
    ) as [string][];
    this.countRead(rows);
    return rows.length;
  }

  private countRead(rows: [string][]): void {
    for (const [feed] of rows) {
      const n = this.unread.get(feed);
      if (n !== undefined) this.unread.set(feed, Math.max(0, n - 1));
    }
  }

  newestId(): number {
    return (this.prepared('SELECT max(id) FROM messages').raw().get() as [number | null])[0] ?? 0;
  }

  // ---------------------------------------------------------------- background work

  /** Index up to `max` rows not yet in the search index. Returns how many rows remain after this step. */
  indexStep(max: number): number {
    const upto = this.ftsUpto;
    const newest = (this.prepared('SELECT max(id) FROM messages').raw().get() as [number | null])[0] ?? 0;
    if (newest <= upto) return 0;
    const end = Math.min(newest, upto + max);
    this.repairingIndex(() =>
      inTransaction(this.db, () => {
        // Text the tokenizer takes as is goes straight from table to index. Rows that may hold Chinese, Japanese
        // or Korean (any character from U+1100 up: a cheap superset) pass through JavaScript, where CJK runs are
        // split into single characters. The index is contentless: deletes need only the rowid (see migrations).
        const wide = this.prepared('SELECT id, data FROM messages WHERE id > ? AND id <= ? AND data GLOB ?')
          .raw()
          .all(upto, end, INDEX_SPLIT_GLOB) as [number, string][];
        if (wide.length === 0) {
          this.prepared(
            'INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages WHERE id > ? AND id <= ?',
          ).run(upto, end);
        } else {
          this.prepared(
            'INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages WHERE id > ? AND id <= ? ' +
              'AND id NOT IN (SELECT value FROM json_each(?))',
          ).run(upto, end, JSON.stringify(wide.map((r) => r[0])));
          const insert = this.prepared('INSERT INTO messages_fts(rowid, data) VALUES (?, ?)');
          for (const [id, data] of wide) insert.run(id, splitCjk(data));
        }
        this.prepared("UPDATE meta SET value = ? WHERE key = 'fts_upto'").run(end);
      }),
    );
    if (this.ftsUpto !== upto) return this.indexLag(); // the index was just reset
    this.ftsUpto = end;
    return newest - end;
  }

  /** Runs a write that touches the search index; if the index is damaged, resets it and runs the write again. */
  private repairingIndex<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CORRUPT_VTAB') throw error;
      this.logger?.error('The search index is damaged; rebuilding it in the background', error);
      this.resetSearchIndex();
      return write();
    }
  }

  /** Empties the search index; indexStep refills it from the start. */
  resetSearchIndex(): void {
    inTransaction(this.db, () => {
      try {
        this.db.exec("INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')");
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_CORRUPT_VTAB') throw error;
        // Too damaged even to be emptied (e.g. right after a failed write in this connection): start it anew.
        this.db.exec('DROP TABLE messages_fts');
        this.db.exec(CREATE_SEARCH_INDEX);
      }
      this.prepared("UPDATE meta SET value = 0 WHERE key = 'fts_upto'").run();
    });
    this.ftsUpto = 0;
  }

  indexLag(): number {
    const newest = (this.prepared('SELECT max(id) FROM messages').raw().get() as [number | null])[0] ?? 0;
    return Math.max(0, newest - this.ftsUpto);
  }

  /** A removed feed: its messages leave in the background, its cursor now. */
  forgetFeed(feed: string): void {
    this.orphans.add(feed);
    this.unread.delete(feed);
    this.prepared('DELETE FROM cursors WHERE feed = ?').run(feed);
  }

  /** Feeds with stored messages or cursors that no longer exist (e.g. a crash during removal). */
  adoptOrphans(knownFeeds: ReadonlySet<string>): void {
    for (const feed of this.perFeed.keys()) if (!knownFeeds.has(feed)) this.forgetFeed(feed);
    for (const feed of this.cursors().keys()) {
      if (!knownFeeds.has(feed)) this.prepared('DELETE FROM cursors WHERE feed = ?').run(feed);
    }
  }

  /**
   * Deletes at most `chunk` messages that retention (count per feed, age) or a removed feed wants gone.
   * Returns the number deleted; 0 means nothing is due. Cursors are never touched.
   */
  pruneStep(retention: Retention, now: number, chunk: number): number {
    for (const feed of this.orphans) {
      const ids = this.prepared('SELECT id FROM messages WHERE feed = ? ORDER BY id LIMIT ?').pluck().all(feed, chunk);
      if (ids.length === 0) {
        this.orphans.delete(feed);
        this.perFeed.delete(feed);
        this.unread.delete(feed);
        continue;
      }
      return this.deleteIds(ids as number[]);
    }
    const cutoff = now - retention.maxAgeDays * DAY_MS;
    const old = this.prepared('SELECT id FROM messages WHERE received_at < ? ORDER BY received_at LIMIT ?')
      .pluck()
      .all(cutoff, chunk) as number[];
    if (old.length > 0) return this.deleteIds(old);
    for (const [feed, n] of this.perFeed) {
      if (n <= retention.maxPerFeed) continue;
      const ids = this.prepared('SELECT id FROM messages WHERE feed = ? ORDER BY id LIMIT ?')
        .pluck()
        .all(feed, Math.min(chunk, n - retention.maxPerFeed)) as number[];
      if (ids.length > 0) return this.deleteIds(ids);
    }
    return 0;
  }

  private deleteIds(ids: number[]): number {
    // Deleting indexed rows also deletes them from the search index (trigger): a damaged index is reset first.
    const rows = this.repairingIndex(() =>
      inTransaction(
        this.db,
        () =>
          this.prepared('DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) RETURNING feed, read')
            .raw()
            .all(JSON.stringify(ids)) as [string, number][],
      ),
    );
    for (const [feed, read] of rows) {
      const n = this.perFeed.get(feed);
      if (n !== undefined) this.perFeed.set(feed, Math.max(0, n - 1));
      if (read === 0 && !this.orphans.has(feed)) {
        const u = this.unread.get(feed);
        if (u !== undefined) this.unread.set(feed, Math.max(0, u - 1));
      }
    }
    return rows.length;
  }
}
