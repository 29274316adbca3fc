/**
 * Message counts per feed, all and unread, kept in memory and changed only after the write that changed them
 * committed. The one place that tells core the unread counts changed (onDidChangeUnread). Also knows the feeds
 * being removed: their messages leave in the background and no longer count or show meanwhile.
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { Logger } from '../types';
import { Emitter, type Event } from '../util/emitter';
import type { Statements } from './statements';

export class MessageCounters {
  private readonly unread = new Map<string, number>();
  private readonly total = new Map<string, number>();
  /** Feeds whose messages are being deleted in the background (the feed was removed). */
  private readonly removed = new Set<string>();
  private readonly unreadEmitter: Emitter<void>;
  readonly onDidChangeUnread: Event<void>;

  constructor(sql: Statements, logger?: Pick<Logger, 'error'>) {
    this.unreadEmitter = new Emitter('onDidChangeUnread', logger);
    this.onDidChangeUnread = this.unreadEmitter.event;
    const count = (where: string): { feed: string; n: number }[] =>
      sql.get(`SELECT feed, count(*) AS n FROM messages ${where} GROUP BY feed`).all() as { feed: string; n: number }[];
    for (const { feed, n } of count('')) this.total.set(feed, n);
    for (const { feed, n } of count('WHERE read = 0')) this.unread.set(feed, n);
  }

  /** Feeds with stored messages (removed ones included until their last message is gone). */
  feeds(): IterableIterator<string> {
    return this.total.keys();
  }

  feedCount(feed: string): number {
    return this.total.get(feed) ?? 0;
  }

  unreadCounts(): UnreadCounts {
    const out: UnreadCounts = {};
    for (const [feed, n] of this.unread) if (n > 0 && !this.removed.has(feed)) out[feed] = n;
    return out;
  }

  unreadTotal(): number {
    let total = 0;
    for (const [feed, n] of this.unread) if (!this.removed.has(feed)) total += n;
    return total;
  }

  /** New unread messages, committed. */
  added(feeds: Iterable<string>): void {
    let any = false;
    for (const feed of feeds) {
      this.total.set(feed, (this.total.get(feed) ?? 0) + 1);
      this.unread.set(feed, (this.unread.get(feed) ?? 0) + 1);
      any = true;
    }
    if (any) this.unreadEmitter.fire();
  }

  /** Messages marked read, committed: one feed per row. */
  markedRead(feeds: Iterable<string>): void {
    let any = false;
    for (const feed of feeds) {
      any = true;
      decrement(this.unread, feed);
    }
    if (any) this.unreadEmitter.fire();
  }

  /** Messages marked unread again, committed: one feed per row. */
  markedUnread(feeds: Iterable<string>): void {
    let any = false;
    for (const feed of feeds) {
      if (this.removed.has(feed)) continue;
      any = true;
      this.unread.set(feed, (this.unread.get(feed) ?? 0) + 1);
    }
    if (any) this.unreadEmitter.fire();
  }

  /** Messages deleted, committed. */
  deleted(rows: Iterable<{ feed: string; read: number }>): void {
    let unreadChanged = false;
    for (const { feed, read } of rows) {
      decrement(this.total, feed);
      if (read === 0 && !this.removed.has(feed)) {
        decrement(this.unread, feed);
        unreadChanged = true;
      }
    }
    if (unreadChanged) this.unreadEmitter.fire();
  }

  /** A feed was removed: it stops counting now; its messages are deleted in the background. */
  remove(feed: string): void {
    this.removed.add(feed);
    const had = this.unread.delete(feed);
    if (had) this.unreadEmitter.fire();
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
    this.removed.delete(feed);
    this.total.delete(feed);
    this.unread.delete(feed);
  }

  dispose(): void {
    this.unreadEmitter.dispose();
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, Math.max(0, n - 1));
}
