/**
 * Ingest: FeedHub events → durable storage → onDidStoreMessages, in one transaction per batch (messages and
 * cursors). Batched by load, not by clock: what arrives while the store is idle is written at the end of this
 * turn of the event loop (after the other sockets' chunks of the same turn), so a quiet feed's event is stored
 * at once and a busy turn's events share a transaction; a full batch is written immediately. (Given `delayMs`,
 * the old timer batching is used instead.) Only after the commit are messages handed on, so everything a
 * subscriber sees is already durable. Duplicates (a replay: same feed, event id, type and data) are dropped by
 * the store.
 *
 * The store answers asynchronously (its worker: store-client.ts). One batch is written at a time; what arrives
 * meanwhile waits and goes into the next, larger commit (up to maxCommit). A batch is kept until its write is
 * answered: a failed write (the worker died) is sent again, with the same token, so a batch whose commit happened
 * before the answer was lost is not stored twice (MessageStore.append).
 *
 * Nothing is ever dropped: when writes fail (or cannot keep up) and maxPending events wait, `flow` is held —
 * the feed hub stops reading its streams (backpressure) — until the backlog is down to half. Cursor moves
 * without an event (an id-only block, an empty id) are written after the events that came before them, so a
 * cursor never passes an event that is not stored.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '../../../../shared/domain';
import type { FlowControl } from '../feeds/attempt';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { MessageStoreApi } from '../store/store-api';
import type { Logger, Timers } from '../types';
import { Emitter, type Event } from '../util/emitter';

export interface IngestOptions {
  store: Pick<MessageStoreApi, 'append'>;
  timers: Timers;
  logger: Logger;
  /** Flush when this many events are waiting (default 500); also the size of a commit while keeping up. */
  maxBatch?: number;
  /** Events per commit while behind (what arrived during the previous write; default maxBatch). */
  maxCommit?: number;
  /** With delayMs: flush at most this long after the first waiting event (default 50 ms). */
  maxDelayMs?: number;
  /** Batch by clock instead of by load: wait this long for more events (the old behaviour; tests). */
  delayMs?: number;
  /** Events of feeds that no longer exist are dropped. */
  accepts?: (feedId: string) => boolean;
  /** Retry delay after a failed write (the batch is kept). */
  retryDelayMs?: number;
  /** Waiting events at which reading is held (flow) until half of them are written (default 20,000). */
  maxPending?: number;
}

/** Storage's backpressure switch, handed to the feed hub. */
class Backlog implements FlowControl {
  private waiting: Promise<void> | null = null;
  private open: () => void = () => {};

  get held(): boolean {
    return this.waiting !== null;
  }

  hold(): void {
    this.waiting ??= new Promise<void>((resolve) => (this.open = resolve));
  }

  release(): void {
    if (this.waiting === null) return;
    this.waiting = null;
    this.open();
  }

  released(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }
}

export class Ingest {
  private pending: FeedEvent[] = [];
  /** Cursor moves per feed, newer than every waiting event of that feed. */
  private readonly moves = new Map<string, CursorMove>();
  /** The batch being written, or written unsuccessfully and due again. */
  private inFlight: { events: FeedEvent[]; moves: CursorMove[]; token: string } | null = null;
  private writing: Promise<void> | null = null;
  private handle: unknown = null;
  private deferred = false;
  private readonly backlog = new Backlog();
  /** Held while too many events wait: the hub reads no more until storage catches up. */
  readonly flow: FlowControl = this.backlog;
  private readonly maxPending: number;
  private readonly stored: Emitter<Message[]>;
  /** A batch is durably stored (messages and cursors committed). */
  readonly onDidStoreMessages: Event<Message[]>;
  private readonly maxBatch: number;
  private readonly maxCommit: number;
  private readonly delayMs: number | null;
  private closed = false;
  private failing = false;
  private readonly tokenPrefix = randomUUID();
  private batches = 0;

  constructor(private readonly o: IngestOptions) {
    this.maxBatch = o.maxBatch ?? 500;
    this.maxCommit = Math.max(o.maxCommit ?? this.maxBatch, this.maxBatch);
    this.delayMs = o.delayMs === undefined ? null : Math.min(o.delayMs, o.maxDelayMs ?? 50);
    this.maxPending = Math.max(o.maxPending ?? 20_000, 1);
    this.stored = new Emitter('onDidStoreMessages', o.logger);
    this.onDidStoreMessages = this.stored.event;
  }

  /** The FeedHub.onEvents listener. */
  readonly accept = (events: readonly FeedEvent[]): void => {
    if (this.closed) return;
    const accepts = this.o.accepts;
    for (const e of events) {
      if (accepts && !accepts(e.feedId)) continue;
      this.pending.push(e);
      this.moves.delete(e.feedId); // this event's cursor is newer
    }
    if (this.waiting >= this.maxPending) this.backlog.hold();
    this.schedule();
  };

  /** The FeedHub.onCursor listener: the cursor moved without an event. */
  readonly acceptCursor = (move: CursorMove): void => {
    if (this.closed || (this.o.accepts && !this.o.accepts(move.feedId))) return;
    this.moves.set(move.feedId, move);
    this.schedule();
  };

  private schedule(): void {
    if (this.pending.length === 0 && this.moves.size === 0) return;
    if (this.failing) {
      if (this.handle === null) this.arm(this.retryDelay);
    } else if (this.pending.length >= this.maxBatch) {
      void this.flush();
    } else if (this.delayMs !== null) {
      if (this.handle === null) this.arm(this.delayMs);
    } else if (!this.deferred) {
      // By load: after this turn's other chunks, in one transaction.
      this.deferred = true;
      setImmediate(() => {
        this.deferred = false;
        if (!this.failing) void this.flush();
      });
    }
  }

  /** Events waiting to be written, or a write due or under way: pushes may wait for them (coalescing under load). */
  get busy(): boolean {
    return this.pending.length > 0 || this.deferred || this.inFlight !== null;
  }

  /** Events not yet stored (waiting, and the batch being written). */
  get waiting(): number {
    return this.pending.length + (this.inFlight?.events.length ?? 0);
  }

  private get retryDelay(): number {
    return this.o.retryDelayMs ?? 1000;
  }

  private arm(ms: number): void {
    this.handle = this.o.timers.setTimeout(() => {
      this.handle = null;
      void this.flush();
    }, ms);
  }

  /** A feed was removed: its waiting events must not be stored (nor move its cursor back into existence). */
  discard(feedId: string): void {
    this.pending = this.pending.filter((e) => e.feedId !== feedId);
    this.moves.delete(feedId);
    // A batch sent again keeps its token: whether or not its first write committed, the rest is right.
    if (this.inFlight) {
      this.inFlight.events = this.inFlight.events.filter((e) => e.feedId !== feedId);
      this.inFlight.moves = this.inFlight.moves.filter((m) => m.feedId !== feedId);
    }
  }

  /**
   * Writes everything waiting, in batches, one at a time; resolves when all of it is stored or a write failed
   * (then a retry is scheduled). A write already under way continues and takes what arrived meanwhile.
   */
  flush(): Promise<void> {
    if (this.handle !== null) {
      this.o.timers.clearTimeout(this.handle);
      this.handle = null;
    }
    this.writing ??= this.drain().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private take(size: number): { events: FeedEvent[]; moves: CursorMove[]; token: string } {
    const last = this.pending.length <= size;
    const events = last ? this.pending : this.pending.slice(0, size);
    this.pending = last ? [] : this.pending.slice(size);
    // The moves go with the last batch: they are newer than every waiting event of their feeds.
    const moves = last ? [...this.moves.values()] : [];
    if (last) this.moves.clear();
    this.batches += 1;
    return { events, moves, token: `${this.tokenPrefix}:${this.batches}` };
  }

  private async drain(): Promise<void> {
    let first = true;
    while (this.inFlight !== null || this.pending.length > 0 || this.moves.size > 0) {
      // Keeping up: batches of maxBatch. What piled up during a write goes in larger commits.
      const batch = (this.inFlight ??= this.take(first ? this.maxBatch : this.maxCommit));
      first = false;
      let stored: Message[];
      try {
        stored = await this.o.store.append(batch.events, batch.moves, batch.token);
      } catch (error) {
        this.failing = true;
        this.o.logger.error('Storing events failed; will retry (feeds stop reading while too many wait)', error);
        if (this.waiting >= this.maxPending) this.backlog.hold();
        if (!this.closed && this.handle === null) this.arm(this.retryDelay);
        return;
      }
      this.failing = false;
      this.inFlight = null;
      if (this.waiting <= this.maxPending / 2) this.backlog.release();
      if (stored.length > 0) this.stored.fire(stored);
    }
  }

  /** Writes what is waiting (one attempt) and stops accepting events. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.backlog.release();
    if (this.handle !== null) this.o.timers.clearTimeout(this.handle);
    this.handle = null;
    this.stored.dispose();
  }
}
