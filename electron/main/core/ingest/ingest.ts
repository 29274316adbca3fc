/**
 * Ingest: FeedHub events → durable storage → onDidStoreMessages, in one transaction per batch (messages and
 * cursors). Batched by load, not by clock: what arrives while the store is idle is written at the end of this
 * turn of the event loop (after the other sockets' chunks of the same turn), so a quiet feed's event is stored
 * at once and a busy turn's events share a transaction; a full batch is written immediately. (Given `delayMs`,
 * the old timer batching is used instead.) Only after the commit are messages handed on, so everything a
 * subscriber sees is already durable. Duplicates (a replay: same feed, event id, type and data) are dropped by
 * the store.
 *
 * Nothing is ever dropped: when writes fail (or cannot keep up) and maxPending events wait, `flow` is held —
 * the feed hub stops reading its streams (backpressure) — until the backlog is down to half. Cursor moves
 * without an event (an id-only block, an empty id) are written after the events that came before them, so a
 * cursor never passes an event that is not stored.
 */
import type { Message } from '../../../../shared/domain';
import type { FlowControl } from '../feeds/attempt';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { MessageStore } from '../store/message-store';
import type { Logger, Timers } from '../types';
import { Emitter, type Event } from '../util/emitter';

export interface IngestOptions {
  store: MessageStore;
  timers: Timers;
  logger: Logger;
  /** Flush when this many events are waiting (default 500). */
  maxBatch?: number;
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
  private readonly delayMs: number | null;
  private closed = false;
  private failing = false;

  constructor(private readonly o: IngestOptions) {
    this.maxBatch = o.maxBatch ?? 500;
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
    if (this.pending.length >= this.maxPending) this.backlog.hold();
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
      this.flush();
    } else if (this.delayMs !== null) {
      if (this.handle === null) this.arm(this.delayMs);
    } else if (!this.deferred) {
      // By load: after this turn's other chunks, in one transaction.
      this.deferred = true;
      setImmediate(() => {
        this.deferred = false;
        if (!this.failing) this.flush();
      });
    }
  }

  /** Events waiting to be written, or a write due: pushes may wait for them (coalescing under load). */
  get busy(): boolean {
    return this.pending.length > 0 || this.deferred;
  }

  get waiting(): number {
    return this.pending.length;
  }

  private get retryDelay(): number {
    return this.o.retryDelayMs ?? 1000;
  }

  private arm(ms: number): void {
    this.handle = this.o.timers.setTimeout(() => {
      this.handle = null;
      this.flush();
    }, ms);
  }

  /** A feed was removed: its waiting events must not be stored (nor move its cursor back into existence). */
  discard(feedId: string): void {
    this.pending = this.pending.filter((e) => e.feedId !== feedId);
    this.moves.delete(feedId);
  }

  /** Writes everything waiting, in batches; returns what was stored. Synchronous. */
  flush(): Message[] {
    if (this.handle !== null) {
      this.o.timers.clearTimeout(this.handle);
      this.handle = null;
    }
    const all: Message[] = [];
    while (this.pending.length > 0 || this.moves.size > 0) {
      const batch = this.pending.length <= this.maxBatch ? this.pending : this.pending.slice(0, this.maxBatch);
      // The moves go with the last batch: they are newer than every waiting event of their feeds.
      const last = batch === this.pending;
      const moves = last ? [...this.moves.values()] : [];
      let stored: Message[];
      try {
        stored = this.o.store.append(batch, moves);
      } catch (error) {
        this.failing = true;
        this.o.logger.error('Storing events failed; will retry (feeds stop reading while too many wait)', error);
        if (this.pending.length >= this.maxPending) this.backlog.hold();
        if (!this.closed) this.arm(this.retryDelay);
        break;
      }
      this.failing = false;
      this.pending = last ? [] : this.pending.slice(batch.length);
      for (const move of moves) if (this.moves.get(move.feedId) === move) this.moves.delete(move.feedId);
      if (this.pending.length <= this.maxPending / 2) this.backlog.release();
      if (stored.length > 0) {
        for (const m of stored) all.push(m);
        this.stored.fire(stored);
      }
    }
    return all;
  }

  /** Flushes and stops accepting events. */
  close(): void {
    this.flush();
    this.closed = true;
    this.backlog.release();
    if (this.handle !== null) this.o.timers.clearTimeout(this.handle);
    this.handle = null;
    this.stored.dispose();
  }
}
