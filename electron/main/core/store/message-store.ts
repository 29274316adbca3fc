/**
 * Messages, cursors, unread counts, search and retention over one database: the facade core uses, assembled from
 * the modules that do the work. All message SQL lives in those modules:
 *
 *   message-writer.ts   the write path: append a batch (dedupe, cursors) in one transaction
 *   message-queries.ts  one message, pages of previews, search
 *   search-index.ts     the background-filled FTS5 index and its self-repair
 *   message-counters.ts counts per feed and read watermarks (feed_counts), onDidChangeUnread, removed feeds
 *   mark-read.ts        marking read: flags by id, a watermark per feed
 *   message-counters.ts counts per feed, unread counts (onDidChangeUnread), removed feeds
 *   mark-read.ts        marking read, in chunks
 *   message-actions.ts  what the user does: mark unread, star, delete, clear a feed, mark a view read
 *   retention.ts        pruning by count and age, removed feeds' messages
 */
import type { Message, MessagePage, UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest, MessageQuery } from '../../../../shared/ipc/schemas';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { Logger } from '../types';
import type { Event } from '../util/emitter';
import { CursorStore } from './cursor-store';
import type { Db } from './database';
import { MessageCounters } from './message-counters';
import { MessageQueries } from './message-queries';
import { MessageWriter, storedMessages, type StoredBatch } from './message-writer';
import { ReadMarker } from './mark-read';
import { MessageActions } from './message-actions';
import { Retention, type RetentionLimits } from './retention';
import { SearchIndex } from './search-index';
import { Statements } from './statements';

export { DEFAULT_PAGE, InvalidQueryError } from './message-queries';
export type { RetentionLimits } from './retention';

export class MessageStore {
  private readonly counters: MessageCounters;
  private readonly cursorStore: CursorStore;
  private readonly writer: MessageWriter;
  private readonly queries: MessageQueries;
  private readonly index: SearchIndex;
  private readonly reads: ReadMarker;
  private readonly retention: Retention;
  private readonly actions: MessageActions;
  /** Unread counts changed (stored, marked read, pruned, a feed removed). */
  readonly onDidChangeUnread: Event<void>;

  constructor(db: Db, logger?: Logger) {
    const sql = new Statements(db);
    this.counters = new MessageCounters(sql, logger);
    this.onDidChangeUnread = this.counters.onDidChangeUnread;
    this.cursorStore = new CursorStore(sql);
    this.index = new SearchIndex(sql, logger);
    this.writer = new MessageWriter(sql, this.cursorStore, this.counters);
    this.queries = new MessageQueries(sql, this.index, this.counters);
    this.reads = new ReadMarker(sql, this.counters);
    this.retention = new Retention(sql, this.counters, this.cursorStore, this.index);
    this.actions = new MessageActions(sql, this.counters, this.queries, this.reads, this.retention);
  }

  // write path
  /**
   * With a token (ingest's batches), a batch whose commit already happened — its answer was lost with a worker
   * that died — is not stored again: the rows it became are returned instead.
   */
  append(events: readonly FeedEvent[], moves?: readonly CursorMove[], token?: string): Message[] {
    return storedMessages(this.write(events, moves, token));
  }

  /** append(), answering compactly when every event was stored (see MessageWriter.write). */
  write(events: readonly FeedEvent[], moves?: readonly CursorMove[], token?: string): StoredBatch {
    if (token !== undefined) {
      const done = this.writer.committed(token);
      if (done) {
        const rows: Message[] = [];
        for (let id = done.first; id > 0 && id <= done.last; id++) {
          const m = this.queries.get(id);
          if (m) rows.push(m);
        }
        return rows;
      }
    }
    return this.writer.write(events, moves, token);
  }

  // cursors
  cursors(): Map<string, string> {
    return this.cursorStore.all();
  }
  cursor(feed: string): string | null {
    return this.cursorStore.get(feed);
  }
  /** The feed now reads a different stream: its old position is meaningless there. */
  resetCursor(feed: string): void {
    this.cursorStore.reset(feed);
  }

  // reads
  get(id: number): Message | undefined {
    return this.queries.get(id);
  }
  count(): number {
    return this.queries.count();
  }
  newestId(): number {
    return this.queries.newestId();
  }
  list(query: MessageQuery): MessagePage {
    return this.queries.list(query);
  }
  feedMessageCount(feed: string): number {
    return this.counters.feedCount(feed);
  }

  // unread
  unreadCounts(): UnreadCounts {
    return this.counters.unreadCounts();
  }
  unreadTotal(): number {
    return this.counters.unreadTotal();
  }
  markRead(request: MarkReadRequest): UnreadCounts {
    return this.reads.markRead(request);
  }

  // what the user does
  markUnread(ids: readonly number[]): UnreadCounts {
    return this.actions.markUnread(ids);
  }
  markViewRead(query: MessageQuery, maxIds: number): { unread: UnreadCounts; ids: number[] } {
    return this.actions.markViewRead(query, maxIds);
  }
  star(ids: readonly number[], starred: boolean): number[] {
    return this.actions.star(ids, starred);
  }
  deleteMessages(ids: readonly number[]): UnreadCounts {
    return this.actions.delete(ids);
  }
  clearFeed(feed: string): UnreadCounts {
    return this.actions.clearFeed(feed);
  }

  // search index
  /** Indexes up to `max` rows not yet in the search index. Returns how many rows remain after this step. */
  indexStep(max: number): number {
    let messages = 0;
    for (const feed of this.counters.feeds()) messages += this.counters.feedCount(feed);
    this.index.rebuildIfStale(messages);
    return this.index.step(max);
  }
  resetSearchIndex(): void {
    this.index.reset();
  }
  indexLag(): number {
    return this.index.lag();
  }

  // retention and removed feeds
  forgetFeed(feed: string): void {
    this.retention.forgetFeed(feed);
  }
  adoptOrphans(knownFeeds: ReadonlySet<string>): void {
    this.retention.adoptOrphans(knownFeeds);
  }
  pruneStep(limits: RetentionLimits, now: number, chunk: number): number {
    return this.retention.step(limits, now, chunk);
  }

  close(): void {
    this.counters.dispose();
  }
}
