/**
 * Pushes to the windows, as a subscriber of core's domain events (listenTo). Coalesces: at most one delivery per
 * interval (~32 ms). Messages accumulate; unread counts and statuses keep only their latest value. The first
 * change after a quiet period goes out at once (next tick), later ones wait for the interval, so sparse events
 * arrive promptly and bursts cannot flood IPC. Feeds and settings changes are rare and go out at once.
 * Given `storeBusy`, stored messages are pushed by load instead: at once when no more writes are queued, and
 * coalesced (per interval) only while the store has work waiting. The unread counts they change follow on the
 * interval, not with each such push: at 1,000 events/s every event is its own push, and counts at frame scale are
 * enough for a badge (half the pushes, and the counts are computed at most once per interval).
 */
import type { FeedStatus, Message, UnreadCounts } from '../../../../shared/domain';
import { push, type PushChannel } from '../../../../shared/ipc/channels';
import type { PushSink } from '../../../../shared/ipc/contract';
import type { CoreEvents } from '../events';
import { previewOf } from '../store/preview';
import type { Clock, Logger, Timers } from '../types';
import { allOf, Emitter, type Subscription } from '../util/emitter';

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
  /** Whether more writes are queued (Ingest.busy): stored messages wait for the interval only while it is true. */
  storeBusy?: () => boolean;
}

export class EventBatcher {
  /** The windows' sinks (an IPC sender per window, the harness's stream). */
  private readonly pushes: Emitter<{ channel: PushChannel; payload: unknown }>;
  private messages: Message[] = [];
  private unreadDirty = false;
  private statusDirty = false;
  private handle: unknown = null;
  private lastFlush = -Infinity;
  private lastCounters = -Infinity;
  private readonly intervalMs: number;
  private closed = false;

  constructor(private readonly o: EventBatcherOptions) {
    this.intervalMs = o.intervalMs ?? 32;
    this.pushes = new Emitter('pushes', o.logger);
  }

  addSink(sink: PushSink): () => void {
    return this.pushes.event(({ channel, payload }) => sink(channel, payload as never));
  }

  /** Subscribes to the domain events whose news the windows need. Returns the subscriptions' disposer. */
  listenTo(events: CoreEvents): Subscription {
    return allOf([
      events.onDidStoreMessages((messages) => {
        this.messagesStored(messages);
        this.countersChanged();
      }),
      events.onDidChangeUnread(() => this.unreadChanged()),
      events.onDidChangeStatus(() => this.statusChanged()),
      events.onDidChangeFeeds((feeds) => this.send(push.feeds, feeds)),
      events.onDidChangeSettings((settings) => this.send(push.settings, settings)),
    ]);
  }

  /** Stored messages go out as previews: at most PREVIEW_CHARS characters of data each (see store/preview.ts). */
  messagesStored(messages: Message[]): void {
    for (const m of messages) this.messages.push(previewOf(m));
    this.unreadDirty = true;
    if (this.o.storeBusy && !this.o.storeBusy() && !this.closed) this.sendMessages();
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
  send: PushSink = (channel, payload) => this.pushes.fire({ channel, payload });

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
    this.sendMessages();
    if (this.unreadDirty) {
      this.unreadDirty = false;
      this.send(push.unread, this.o.unread());
    }
    if (this.statusDirty) {
      this.statusDirty = false;
      this.send(push.feedStatus, this.o.statuses());
    }
  }

  private sendMessages(): void {
    if (this.messages.length === 0) return;
    const batch = this.messages;
    this.messages = [];
    this.send(push.messages, batch);
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
