/**
 * Message counts per feed, all and unread, and each feed's read watermark (every message of the feed with an id up
 * to it is read). Kept in the feed_counts table, written in the same transaction as the messages that changed them
 * (so opening reads ten rows, not ten million), and mirrored in memory, which changes only after the commit. The
 * one place that tells core the unread counts changed (onDidChangeUnread). Also knows the feeds being removed:
 * their messages leave in the background and no longer count or show meanwhile.
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { Logger } from '../types';
import { Emitter, type Event } from '../util/emitter';
import type { Statements } from './statements';

interface FeedCount {
  /** The feed's integer key in messages.feed (feed_counts.key). */
  key: number;
  total: number;
  unread: number;
  readUpto: number;
  /** The highest event id written as a whole number ever stored for the feed (null: none). */
  highestId: number | null;
}

/** Changes to one feed's counts, gathered inside a transaction and applied after its commit. */
export type CountChanges = Map<string, { total: number; unread: number; highestId?: number }>;

/**
 * SQL: whether message `m` is read. messages.read is 0 (follow the feed's watermark), 1 (read) or 2 (marked
 * unread, also below the watermark).
 */
export const IS_READ =
  '(m.read = 1 OR (m.read = 0 AND m.id <= coalesce((SELECT c.read_upto FROM feed_counts c WHERE c.key = m.feed), 0)))';

/**
 * SQL: the integer key of the feed whose UUID is bound here (messages.feed holds the key, feed_counts maps it).
 * No row, no key: matches nothing.
 */
export const FEED_KEY = '(SELECT key FROM feed_counts WHERE feed = ?)';

/** SQL: the UUID of message `m`'s feed. */
export const FEED_UUID = '(SELECT c.feed FROM feed_counts c WHERE c.key = m.feed)';

/** Whether a row read back (its read column and id) is unread. */
export function isUnread(row: { id: number; read: number }, readUpto: number): boolean {
  return row.read === 2 || (row.read === 0 && row.id > readUpto);
}

export class MessageCounters {
  private readonly counts = new Map<string, FeedCount>();
  private readonly feedsByKey = new Map<number, string>();
  /** Feeds whose messages are being deleted in the background (the feed was removed). */
  private readonly removed = new Set<string>();
  private readonly unreadEmitter: Emitter<void>;
  readonly onDidChangeUnread: Event<void>;

  constructor(
    private readonly sql: Statements,
    logger?: Pick<Logger, 'error'>,
  ) {
    this.unreadEmitter = new Emitter('onDidChangeUnread', logger);
    this.onDidChangeUnread = this.unreadEmitter.event;
    const rows = sql.get('SELECT key, feed, total, unread, read_upto, highest_id FROM feed_counts').all() as {
      key: number;
      feed: string;
      total: number;
      unread: number;
      read_upto: number;
      highest_id: number | null;
    }[];
    for (const r of rows) {
      this.counts.set(r.feed, {
        key: r.key,
        total: r.total,
        unread: r.unread,
        readUpto: r.read_upto,
        highestId: r.highest_id,
      });
      this.feedsByKey.set(r.key, r.feed);
    }
  }

  /**
   * Inside the caller's write transaction: the feed's integer key for messages.feed, its counts row created when
   * it has none (the memory follows in apply(), after the commit).
   */
  keyOf(feed: string): number {
    const known = this.counts.get(feed);
    if (known) return known.key;
    const key = this.storedKey(feed);
    if (key !== null) return key;
    return this.sql.value<number>(
      'INSERT INTO feed_counts(feed, total, unread) VALUES (?, 0, 0) RETURNING key',
      feed,
    ) as number;
  }

  /** The key of the feed's counts row, null when it has none. */
  private storedKey(feed: string): number | null {
    return this.sql.value<number>('SELECT key FROM feed_counts WHERE feed = ?', feed);
  }

  /** The UUID of the feed with this key (rows read back from messages). */
  feedOf(key: number | string): string {
    if (typeof key === 'string') return key;
    const feed = this.feedsByKey.get(key) ?? this.sql.value<string>('SELECT feed FROM feed_counts WHERE key = ?', key);
    if (feed === null) throw new Error(`no feed has the key ${key}`);
    return feed;
  }

  /** Feeds with stored messages (removed ones included until their last message is gone). */
  feeds(): string[] {
    return [...this.counts.keys()];
  }

  feedCount(feed: string): number {
    return this.counts.get(feed)?.total ?? 0;
  }

  /** The highest whole-number event id ever stored for the feed; null when none. */
  highestId(feed: string): number | null {
    return this.counts.get(feed)?.highestId ?? null;
  }

  /** Messages of the feed with an id up to this are read. */
  readUpto(feed: string): number {
    return this.counts.get(feed)?.readUpto ?? 0;
  }

  /** The lowest read watermark of any feed: every message at or below it is read. */
  lowestReadUpto(): number {
    let lowest = Infinity;
    for (const c of this.counts.values()) lowest = Math.min(lowest, c.readUpto);
    return lowest === Infinity ? 0 : lowest;
  }

  unreadCounts(): UnreadCounts {
    const out: UnreadCounts = {};
    for (const [feed, c] of this.counts) if (c.unread > 0 && !this.removed.has(feed)) out[feed] = c.unread;
    return out;
  }

  unreadTotal(): number {
    let total = 0;
    for (const [feed, c] of this.counts) if (!this.removed.has(feed)) total += c.unread;
    return total;
  }

  /** Inside the write transaction: persists changes of counts (new messages, deleted ones, read ones). */
  persist(changes: CountChanges): void {
    const create = this.sql.get('INSERT INTO feed_counts(feed, total, unread) VALUES (?, 0, 0) ON CONFLICT DO NOTHING');
    const update = this.sql.get(
      'UPDATE feed_counts SET total = max(total + ?, 0), unread = max(unread + ?, 0), ' +
        'highest_id = CASE WHEN ?3 IS NULL THEN highest_id ELSE max(coalesce(highest_id, ?3), ?3) END WHERE feed = ?4',
    );
    for (const [feed, d] of changes) {
      if (!this.counts.has(feed)) create.run(feed);
      update.run(d.total, d.unread, d.highestId ?? null, feed);
    }
  }

  /** After the commit: the same changes in memory; tells onDidChangeUnread when an unread count moved. */
  apply(changes: CountChanges): void {
    let unreadChanged = false;
    for (const [feed, d] of changes) {
      let c = this.counts.get(feed);
      if (!c) {
        const key = this.storedKey(feed);
        if (key === null) continue; // a feed whose counts are gone (removed meanwhile)
        c = { key, total: 0, unread: 0, readUpto: 0, highestId: null };
        this.feedsByKey.set(key, feed);
      }
      c.total = Math.max(0, c.total + d.total);
      c.unread = Math.max(0, c.unread + d.unread);
      if (d.highestId !== undefined) c.highestId = Math.max(c.highestId ?? d.highestId, d.highestId);
      this.counts.set(feed, c);
      if (d.unread !== 0 && !this.removed.has(feed)) unreadChanged = true;
    }
    if (unreadChanged) this.unreadEmitter.fire();
  }

  /** Inside the caller's transaction: every message of these feeds up to `upto` is read (the watermarks move). */
  markFeedsRead(feeds: readonly string[], upto: number): void {
    const mark = this.sql.get('UPDATE feed_counts SET read_upto = max(read_upto, ?), unread = 0 WHERE feed = ?');
    let unreadChanged = false;
    for (const feed of feeds) {
      const c = this.counts.get(feed);
      if (!c) continue;
      mark.run(upto, feed);
      c.readUpto = Math.max(c.readUpto, upto);
      if (c.unread > 0 && !this.removed.has(feed)) unreadChanged = true;
      c.unread = 0;
    }
    if (unreadChanged) this.unreadEmitter.fire();
  }

  /** A feed was removed: it stops counting now; its messages are deleted in the background. */
  remove(feed: string): void {
    this.removed.add(feed);
    if ((this.counts.get(feed)?.unread ?? 0) > 0) this.unreadEmitter.fire();
  }

  isRemoved(feed: string): boolean {
    return this.removed.has(feed);
  }

  /** Removed feeds whose messages are still being deleted. */
  removedFeeds(): readonly string[] {
    return [...this.removed];
  }

  /** The last message of a removed feed is gone. */
  removalDone(feed: string): void {
    this.sql.get('DELETE FROM feed_counts WHERE feed = ?').run(feed);
    this.removed.delete(feed);
    const key = this.counts.get(feed)?.key;
    if (key !== undefined) this.feedsByKey.delete(key);
    this.counts.delete(feed);
  }

  dispose(): void {
    this.unreadEmitter.dispose();
  }
}

/** Adds one message's change to a set of changes. */
export function countChange(changes: CountChanges, feed: string, total: number, unread: number): void {
  const d = changes.get(feed);
  if (d) {
    d.total += total;
    d.unread += unread;
  } else changes.set(feed, { total, unread });
}
