/**
 * The message store as core sees it: every call that touches messages returns a Promise, because the work runs on
 * another thread (store-client.ts: a worker_threads Worker running store-worker.ts). What callers read often and
 * at once — unread counts (the tray, every push) and a feed's stored cursor (building a connection) — stays
 * synchronous: the counts are a mirror the worker keeps up to date with each change, and cursors are a point
 * read on the main connection.
 *
 * LocalMessageStore offers the same API over a MessageStore on the calling thread (the headless listener, tests of
 * ingest with fake time).
 */
import type { Message, MessagePage, UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest, MessageQuery } from '../../../../shared/ipc/schemas';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { Event } from '../util/emitter';
import type { MessageStore, RetentionLimits } from './message-store';

export interface MessageStoreApi {
  /** Unread counts changed (stored, marked read, pruned, a feed removed). Read them with unreadCounts(). */
  readonly onDidChangeUnread: Event<void>;
  unreadCounts(): UnreadCounts;
  unreadTotal(): number;
  /** The feed's stored cursor (Last-Event-ID to resume with). */
  cursor(feed: string): string | null;

  /** Stores a batch and the cursor moves after it in one transaction; see MessageStore.append for `token`. */
  append(events: readonly FeedEvent[], moves?: readonly CursorMove[], token?: string): Promise<Message[]>;
  resetCursor(feed: string): Promise<void>;
  get(id: number): Promise<Message | undefined>;
  count(): Promise<number>;
  list(query: MessageQuery): Promise<MessagePage>;
  feedMessageCount(feed: string): Promise<number>;
  markRead(request: MarkReadRequest): Promise<UnreadCounts>;
  markUnread(ids: readonly number[]): Promise<UnreadCounts>;
  markViewRead(query: MessageQuery, maxIds: number): Promise<{ unread: UnreadCounts; ids: number[] }>;
  star(ids: readonly number[], starred: boolean): Promise<number[]>;
  deleteMessages(ids: readonly number[]): Promise<UnreadCounts>;
  clearFeed(feed: string): Promise<UnreadCounts>;
  indexLag(): Promise<number>;
  /** A feed was removed: it stops counting at once; its messages are deleted in the background. */
  forgetFeed(feed: string): Promise<void>;
  /** Messages of feeds not in this set belong to removed feeds. */
  adoptOrphans(knownFeeds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The same API over a MessageStore on this thread (each call runs synchronously; the Promise is already settled). */
export class LocalMessageStore implements MessageStoreApi {
  readonly onDidChangeUnread: Event<void>;

  constructor(readonly store: MessageStore) {
    this.onDidChangeUnread = store.onDidChangeUnread;
  }

  private run<T>(body: () => T): Promise<T> {
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  unreadCounts(): UnreadCounts {
    return this.store.unreadCounts();
  }
  unreadTotal(): number {
    return this.store.unreadTotal();
  }
  cursor(feed: string): string | null {
    return this.store.cursor(feed);
  }
  append(events: readonly FeedEvent[], moves?: readonly CursorMove[], token?: string): Promise<Message[]> {
    return this.run(() => this.store.append(events, moves, token));
  }
  resetCursor(feed: string): Promise<void> {
    return this.run(() => this.store.resetCursor(feed));
  }
  get(id: number): Promise<Message | undefined> {
    return this.run(() => this.store.get(id));
  }
  count(): Promise<number> {
    return this.run(() => this.store.count());
  }
  list(query: MessageQuery): Promise<MessagePage> {
    return this.run(() => this.store.list(query));
  }
  feedMessageCount(feed: string): Promise<number> {
    return this.run(() => this.store.feedMessageCount(feed));
  }
  markRead(request: MarkReadRequest): Promise<UnreadCounts> {
    return this.run(() => this.store.markRead(request));
  }
  markUnread(ids: readonly number[]): Promise<UnreadCounts> {
    return this.run(() => this.store.markUnread(ids));
  }
  markViewRead(query: MessageQuery, maxIds: number): Promise<{ unread: UnreadCounts; ids: number[] }> {
    return this.run(() => this.store.markViewRead(query, maxIds));
  }
  star(ids: readonly number[], starred: boolean): Promise<number[]> {
    return this.run(() => this.store.star(ids, starred));
  }
  deleteMessages(ids: readonly number[]): Promise<UnreadCounts> {
    return this.run(() => this.store.deleteMessages(ids));
  }
  clearFeed(feed: string): Promise<UnreadCounts> {
    return this.run(() => this.store.clearFeed(feed));
  }
  indexLag(): Promise<number> {
    return this.run(() => this.store.indexLag());
  }
  forgetFeed(feed: string): Promise<void> {
    return this.run(() => this.store.forgetFeed(feed));
  }
  adoptOrphans(knownFeeds: readonly string[]): Promise<void> {
    return this.run(() => this.store.adoptOrphans(new Set(knownFeeds)));
  }
  close(): Promise<void> {
    return this.run(() => this.store.close());
  }
}

export type { RetentionLimits };
