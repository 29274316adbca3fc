/**
 * Reading messages: one message whole, and pages of previews, newest first, keyset-paged by row id (row ids grow
 * with arrival), with filters and full-text search. Search reads the index for indexed rows and scans the few
 * rows above it.
 */
import type { Message, MessagePage } from '../../../../shared/domain';
import type { MessageQuery } from '../../../../shared/ipc/schemas';
import { searchTerms, toFtsQuery } from './fts-query';
import { FEED_KEY, IS_READ, type MessageCounters } from './message-counters';
import {
  MESSAGE_COLUMNS,
  PREVIEW_COLUMNS,
  lastIdAtTime,
  newestMessageId,
  toMessage,
  toPreview,
  type MessageRow,
} from './message-rows';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import type { SearchIndex } from './search-index';
import type { Statements } from './statements';

export const DEFAULT_PAGE = 100;

/**
 * Scripts written without spaces that the index does not split (unicode61 keeps a run as one word): terms in
 * them are found by a scan. Chinese, Japanese and Korean are split into single characters (see fts-query.ts).
 */
const SCAN_SCRIPTS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Rows scanned for a page of common words before the index is asked (milliseconds each). */
const DENSE_WINDOWS = [2048, 16_384];

export class InvalidQueryError extends Error {}

export class MessageQueries {
  constructor(
    private readonly sql: Statements,
    private readonly index: SearchIndex,
    private readonly counters: MessageCounters,
  ) {}

  get(id: number): Message | undefined {
    const row = this.sql.get(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?`).get(id) as
      MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  count(): number {
    return this.sql.value<number>('SELECT count(*) FROM messages') ?? 0;
  }

  newestId(): number {
    return newestMessageId(this.sql);
  }

  /**
   * Newest first. Older pages continue below `cursor` (the opaque `next` of the previous page) or below
   * `beforeId` (any message's id: a window that dropped its own cursor continues below its oldest row).
   */
  list(query: MessageQuery): MessagePage {
    const limit = query.limit ?? DEFAULT_PAGE;
    const before = Math.min(pageStart(query), this.timeBound(query.to));
    const { filters, params } = this.filters(query);
    const terms = searchTerms(query.text ?? '');
    const rows =
      terms.length === 0
        ? this.newest(before, filters, params, limit + 1)
        : this.search(terms, before, filters, params, limit + 1);
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toPreview);
    const last = items[items.length - 1];
    return { items, next: more && last ? encodePageCursor(last.id) : null };
  }

  /**
   * A page ending at a time starts below the newest message received by then: found by a binary search over ids
   * (lastIdAtTime), so paging to any time costs a few dozen seeks, not a walk over every newer row. (Ids and
   * receive times grow together; a message stamped earlier than one before it — a clock set back — is placed by
   * its neighbours.)
   */
  private timeBound(to: number | undefined): number {
    if (to === undefined) return Number.MAX_SAFE_INTEGER;
    return lastIdAtTime(this.sql, to) + 1;
  }

  private filters(query: MessageQuery): { filters: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value?: unknown): void => {
      where.push(clause);
      if (value !== undefined) params.push(value);
    };
    if (query.feedId !== undefined) add(`m.feed = ${FEED_KEY}`, query.feedId);
    if (query.type !== undefined) add('m.type = ?', query.type);
    if (query.unread) {
      add(`NOT ${IS_READ}`);
      // Unread rows lie above their feed's read watermark, or were marked unread by hand (read = 2, rare, a small
      // index): a range the (feed, id) or id index serves, instead of reading every row of a feed marked read.
      const above = query.feedId !== undefined ? this.counters.readUpto(query.feedId) : this.counters.lowestReadUpto();
      add(this.anyMarkedUnread(query.feedId) ? '(m.id > ? OR m.read = 2)' : 'm.id > ?', above);
    }
    if (query.starred) add('m.starred = 1');
    // A message that states no priority counts as the default, 3.
    if (query.minPriority !== undefined && query.minPriority > 1)
      add('COALESCE(m.priority, 3) >= ?', query.minPriority);
    if (query.from !== undefined) {
      // Rows from then on lie above the last one received before: a range of ids, not a scan down to the oldest.
      add('m.id > ?', lastIdAtTime(this.sql, query.from, true));
      add('m.received_at >= ?', query.from);
    }
    if (query.to !== undefined) add('m.received_at <= ?', query.to);
    const removed = this.counters.removedFeeds();
    // A removed feed's messages are on their way out: they no longer show (nor count).
    if (removed.length > 0) {
      add(
        'm.feed NOT IN (SELECT c.key FROM feed_counts c WHERE c.feed IN (SELECT value FROM json_each(?)))',
        JSON.stringify(removed),
      );
    }
    return { filters: where.map((w) => ` AND ${w}`).join(''), params };
  }

  /** Whether any message (of the feed) is marked unread by hand: one probe of the small read = 2 index. */
  private anyMarkedUnread(feed: string | undefined): boolean {
    return feed === undefined
      ? this.sql.value<number>('SELECT 1 FROM messages WHERE read = 2 LIMIT 1') !== null
      : this.sql.value<number>(`SELECT 1 FROM messages WHERE feed = ${FEED_KEY} AND read = 2 LIMIT 1`, feed) !== null;
  }

  private newest(before: number, filters: string, params: unknown[], limit: number): MessageRow[] {
    return this.sql
      .get(`SELECT ${PREVIEW_COLUMNS} FROM messages m WHERE m.id < ?${filters} ORDER BY m.id DESC LIMIT ?`)
      .all(before, ...params, limit) as MessageRow[];
  }

  private search(terms: string[], before: number, filters: string, params: unknown[], limit: number): MessageRow[] {
    // Rows above `upto` are not in the search index yet: they are the newest, so they come first in id order.
    // Terms in scripts written without spaces that the index does not split (Thai and its neighbours) are only
    // found inside a sentence by a scan. (Chinese, Japanese and Korean are indexed character by character.)
    const upto = SCAN_SCRIPTS.test(terms.join('')) ? 0 : this.index.upto;
    const rows = before > upto + 1 ? this.scan(terms, before, upto, filters, params, limit) : [];
    if (rows.length >= limit || upto === 0) return rows;
    const dense = this.denseScan(terms, Math.min(before, upto + 1), filters, params, limit - rows.length);
    if (dense) return rows.concat(dense);
    const indexed = this.index.repairing(
      () =>
        this.sql
          .get(
            `SELECT ${PREVIEW_COLUMNS} FROM messages_fts f JOIN messages m ON m.id = f.rowid ` +
              `WHERE messages_fts MATCH ? AND f.rowid < ?${filters} ORDER BY f.rowid DESC LIMIT ?`,
          )
          .all(toFtsQuery(terms), Math.min(before, upto + 1), ...params, limit - rows.length) as MessageRow[],
      // A damaged index was just emptied: the rest is found by scanning, as for rows not indexed yet.
      () => this.scan(terms, Math.min(before, upto + 1), 0, filters, params, limit - rows.length),
    );
    return rows.concat(indexed);
  }

  /**
   * Common words: a full page among the newest rows below `before`, found by scanning a window of them. The
   * index is slow exactly there — a prefix term gathers every match before the first page (seconds at ten
   * million rows) — while a scan of a few thousand rows costs milliseconds. Null when the window holds less than
   * a page: then the matches are rare enough for the index to be quick, and the index answers.
   */
  private denseScan(
    terms: string[],
    before: number,
    filters: string,
    params: unknown[],
    limit: number,
  ): MessageRow[] | null {
    for (const window of DENSE_WINDOWS) {
      const rows = this.scan(terms, before, Math.max(0, before - window), filters, params, limit);
      if (rows.length >= limit) return rows;
      if (before - window <= 0) return null;
    }
    return null;
  }

  /** Rows between `above` and `before` (exclusive) holding every term, newest first. */
  private scan(
    terms: string[],
    before: number,
    above: number,
    filters: string,
    params: unknown[],
    limit: number,
  ): MessageRow[] {
    // LIKE folds ASCII case as lower() does (SQLite without ICU: both leave other characters as they are) and
    // scans twice as fast as instr(lower(data), …), which copies every row's text.
    const like = terms.map(() => "m.data LIKE ? ESCAPE '\\'").join(' AND ');
    const patterns = terms.map((t) => `%${t.replace(/[\\%_]/g, '\\$&')}%`);
    return this.sql
      .get(
        `SELECT ${PREVIEW_COLUMNS} FROM messages m WHERE m.id < ? AND m.id > ? AND ${like}${filters} ` +
          'ORDER BY m.id DESC LIMIT ?',
      )
      .all(before, above, ...patterns, ...params, limit) as MessageRow[];
  }
}

/** The row id a page starts below. */
function pageStart(query: MessageQuery): number {
  let before = Number.MAX_SAFE_INTEGER;
  if (query.cursor) {
    const decoded = decodePageCursor(query.cursor);
    if (decoded === null) throw new InvalidQueryError('The page cursor is not valid; reload the list.');
    before = decoded;
  }
  if (query.beforeId !== undefined) before = Math.min(before, query.beforeId);
  return before;
}
