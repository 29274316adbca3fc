/**
 * Coalesces pushes to the renderer: at most one delivery per interval (~32 ms). Messages accumulate; unread
 * counts, statuses and feeds keep only their latest value. The first change after a quiet period goes out at
 * once (next tick), later ones wait for the interval, so sparse events arrive promptly and bursts cannot flood IPC.
 */
import type { FeedStatus, Message, UnreadCounts } from '../../../../shared/domain';
import { push } from '../../../../shared/ipc/channels';
import type { PushSink } from '../../../../shared/ipc/contract';
import { previewOf } from '../store/preview';
import type { Clock, Logger, Timers } from '../types';

export interface EventBatcherOptions {
  timers: Timers;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  /** Computes unread counts when messages or reads changed. */
  unread: () => UnreadCounts;
  /** All current statuses, sent whole so a receiver may replace or merge. */
  statuses: () => FeedStatus[];
  /** Minimum interval between status refreshes caused only by counters (default 1000 ms). */
  countersIntervalMs?: number;
}

export class EventBatcher {
  private readonly sinks = new Set<PushSink>();
  private messages: Message[] = [];
  private unreadDirty = false;
  private statusDirty = false;
  private handle: unknown = null;
  private lastFlush = -Infinity;
  private lastCounters = -Infinity;
  private readonly intervalMs: number;
  private readonly statusListeners = new Set<(statuses: FeedStatus[]) => void>();
  private closed = false;

  constructor(private readonly o: EventBatcherOptions) {
    this.intervalMs = o.intervalMs ?? 32;
  }

  addSink(sink: PushSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Batched status listeners (the tray): called with all statuses at most once per interval. */
  onStatus(listener: (statuses: FeedStatus[]) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Stored messages go out as previews: at most PREVIEW_CHARS characters of data each (see store/preview.ts). */
  messagesStored(messages: Message[]): void {
    for (const m of messages) this.messages.push(previewOf(m));
    this.unreadDirty = true;
    this.schedule();
  }

  unreadChanged(): void {
    this.unreadDirty = true;
    this.schedule();
  }

  statusChanged(): void {
    this.statusDirty = true;
    this.schedule();
  }

  /**
   * Counters (events, bytes, last event id) change with every event but are not state changes: refresh the
   * statuses at most once per countersIntervalMs so the renderer's figures stay current without flooding.
   */
  countersChanged(): void {
    const now = this.o.clock.now();
    if (now - this.lastCounters < (this.o.countersIntervalMs ?? 1000)) return;
    this.lastCounters = now;
    this.statusChanged();
  }

  /** Immediate, unbatched pushes for rare changes (feeds, settings, navigate). */
  send: PushSink = (channel, payload) => {
    for (const sink of this.sinks) {
      try {
        sink(channel, payload);
      } catch (error) {
        this.o.logger.error(`Push ${channel} failed`, error);
      }
    }
  };

  private schedule(): void {
    if (this.handle !== null || this.closed) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.o.clock.now());
    this.handle = this.o.timers.setTimeout(() => {
      this.handle = null;
      this.flush();
    }, wait);
  }

  flush(): void {
    if (this.handle !== null) {
      this.o.timers.clearTimeout(this.handle);
      this.handle = null;
    }
    this.lastFlush = this.o.clock.now();
    if (this.messages.length > 0) {
      const batch = this.messages;
      this.messages = [];
      this.send(push.messages, batch);
    }
    if (this.unreadDirty) {
      this.unreadDirty = false;
      this.send(push.unread, this.o.unread());
    }
    if (this.statusDirty) {
      this.statusDirty = false;
      const statuses = this.o.statuses();
      this.send(push.feedStatus, statuses);
      for (const listener of this.statusListeners) {
        try {
          listener(statuses);
        } catch (error) {
          this.o.logger.error('A status listener failed', error);
        }
      }
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
