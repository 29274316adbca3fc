/**
 * Retention: deletes, in small steps, what the per-feed count and the age limit want gone and the messages of
 * removed feeds. Cursors are never touched by retention: pruning never forgets where a feed left off.
 */
import type { CursorStore } from './cursor-store';
import { inTransaction } from './database';
import { countChange, FEED_KEY, isUnread, type CountChanges, type MessageCounters } from './message-counters';
import type { SearchIndex } from './search-index';
import type { Statements } from './statements';

export interface RetentionLimits {
  maxPerFeed: number;
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;

export class Retention {
  constructor(
    private readonly sql: Statements,
    private readonly counters: MessageCounters,
    private readonly cursors: CursorStore,
    private readonly index: SearchIndex,
  ) {}

  /** A removed feed: its messages leave in the background, its cursor now. */
  forgetFeed(feed: string): void {
    this.counters.remove(feed);
    this.cursors.reset(feed);
  }

  /** Feeds with stored messages or cursors that no longer exist (e.g. a crash during removal). */
  adoptOrphans(knownFeeds: ReadonlySet<string>): void {
    for (const feed of this.counters.feeds()) if (!knownFeeds.has(feed)) this.forgetFeed(feed);
    for (const feed of this.cursors.all().keys()) if (!knownFeeds.has(feed)) this.cursors.reset(feed);
  }

  /** Deletes at most `chunk` messages that are due. Returns the number deleted; 0 means nothing is due. */
  step(limits: RetentionLimits, now: number, chunk: number): number {
    const oldestOf = this.sql.get(`SELECT id FROM messages WHERE feed = ${FEED_KEY} ORDER BY id LIMIT ?`);
    for (const feed of this.counters.removedFeeds()) {
      const ids = oldestOf.pluck().all(feed, chunk) as number[];
      if (ids.length > 0) return this.deleteIds(ids);
      this.counters.removalDone(feed);
    }
    // Too old: the oldest messages by id (ids grow with arrival; there is no index on the receive time). Only
    // when the oldest one is due are the next `chunk` read.
    const cutoff = now - limits.maxAgeDays * DAY_MS;
    const oldest = this.sql.value<number>('SELECT received_at FROM messages ORDER BY id LIMIT 1');
    if (oldest !== null && oldest < cutoff) {
      const old = this.sql
        .get('SELECT id FROM (SELECT id, received_at FROM messages ORDER BY id LIMIT ?) WHERE received_at < ?')
        .pluck()
        .all(chunk, cutoff) as number[];
      if (old.length > 0) return this.deleteIds(old);
    }
    for (const feed of this.counters.feeds()) {
      const over = this.counters.feedCount(feed) - limits.maxPerFeed;
      if (over <= 0) continue;
      const ids = oldestOf.pluck().all(feed, Math.min(chunk, over)) as number[];
      if (ids.length > 0) return this.deleteIds(ids);
    }
    return 0;
  }

  /**
   * Deletes rows and their counts in one transaction. The search index keeps their entries (ids are never reused,
   * and search joins with messages), so a row costs about what inserting it did.
   */
  deleteIds(ids: readonly number[]): number {
    const changes: CountChanges = new Map();
    const deleted = inTransaction(this.sql.db, () => {
      const rows = this.sql
        .get('DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) RETURNING id, feed, read')
        .all(JSON.stringify(ids)) as { id: number; feed: number; read: number }[];
      for (const r of rows) {
        const feed = this.counters.feedOf(r.feed);
        countChange(changes, feed, -1, isUnread(r, this.counters.readUpto(feed)) ? -1 : 0);
      }
      this.counters.persist(changes);
      return { count: rows.length, stale: this.index.deleted(rows.map((r) => r.id)) };
    });
    this.counters.apply(changes);
    this.index.deletedCommitted(deleted.stale);
    return deleted.count;
  }
}
