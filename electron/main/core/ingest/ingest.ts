/**
 * Ingest: FeedHub events → durable storage → onDidStoreMessages. Events are buffered briefly and written in one
 * transaction per batch (messages + cursors), flushed when the batch is full or the delay passes, whichever
 * first. Only after the commit are messages handed on, so everything a subscriber sees is already durable.
 * Duplicates (a replay: same feed, event id, type and data) are dropped by the store.
 */
import type { Message } from '../../../../shared/domain';
import type { FeedEvent } from '../feeds/types';
import type { MessageStore } from '../store/message-store';
import type { Logger, Timers } from '../types';
import { Emitter, type Event } from '../util/emitter';

export interface IngestOptions {
  store: MessageStore;
  timers: Timers;
  logger: Logger;
  /** Flush when this many events are waiting (default 500). */
  maxBatch?: number;
  /** Flush at most this long after the first waiting event (default 50 ms; the bound, not a target). */
  maxDelayMs?: number;
  /** Delay actually used when the batch is not full (default 4 ms: low latency, still batches bursts). */
  delayMs?: number;
  /** Events of feeds that no longer exist are dropped. */
  accepts?: (feedId: string) => boolean;
  /** Retry delay after a failed write (the batch is kept). */
  retryDelayMs?: number;
  /** Waiting events beyond which, after write failures, the oldest are dropped (and logged). */
  maxPending?: number;
}

export class Ingest {
  private pending: FeedEvent[] = [];
  private handle: unknown = null;
  private readonly stored: Emitter<Message[]>;
  /** A batch is durably stored (messages and cursors committed). */
  readonly onDidStoreMessages: Event<Message[]>;
  private readonly maxBatch: number;
  private readonly delayMs: number;
  private closed = false;
  private failing = false;

  constructor(private readonly o: IngestOptions) {
    this.maxBatch = o.maxBatch ?? 500;
    this.delayMs = Math.min(o.delayMs ?? 4, o.maxDelayMs ?? 50);
    this.stored = new Emitter('onDidStoreMessages', o.logger);
    this.onDidStoreMessages = this.stored.event;
  }

  /** The FeedHub.onEvents listener. */
  readonly accept = (events: readonly FeedEvent[]): void => {
    if (this.closed) return;
    const accepts = this.o.accepts;
    for (const e of events) if (!accepts || accepts(e.feedId)) this.pending.push(e);
    if (this.pending.length >= this.maxBatch && !this.failing) this.flush();
    else if (this.pending.length > 0 && this.handle === null) this.arm(this.failing ? this.retryDelay : this.delayMs);
  };

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
  }

  /** Writes everything waiting, in batches; returns what was stored. Synchronous. */
  flush(): Message[] {
    if (this.handle !== null) {
      this.o.timers.clearTimeout(this.handle);
      this.handle = null;
    }
    const all: Message[] = [];
    while (this.pending.length > 0) {
      const batch = this.pending.length <= this.maxBatch ? this.pending : this.pending.slice(0, this.maxBatch);
      let stored: Message[];
      try {
        stored = this.o.store.append(batch);
      } catch (error) {
        this.failing = true;
        this.o.logger.error('Storing events failed; will retry', error);
        const cap = this.o.maxPending ?? 100_000;
        if (this.pending.length > cap) {
          const dropped = this.pending.length - cap;
          this.pending = this.pending.slice(dropped);
          this.o.logger.error(`Dropped ${dropped} events that could not be stored`);
        }
        if (!this.closed) this.arm(this.retryDelay);
        break;
      }
      this.failing = false;
      this.pending = batch === this.pending ? [] : this.pending.slice(batch.length);
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
    if (this.handle !== null) this.o.timers.clearTimeout(this.handle);
    this.handle = null;
    this.stored.dispose();
  }
}
