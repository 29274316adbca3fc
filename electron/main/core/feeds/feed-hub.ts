/**
 * FeedHub: fans in every feed's connection. Events arrive in batches (one per received chunk and feed) and are
 * delivered synchronously to the listeners, followed by a cursor move when the cursor went past what the events
 * carry; state changes arrive as FeedStatus. A listener that throws is logged and does not disturb the
 * connections or the other listeners. While `flow` is held (storage's backpressure), no feed reads on.
 */
import type { FeedStatus, HttpExchange, PauseSource, RawFrame } from '../../../../shared/domain';
import type { FlowControl } from './attempt';
import { backoffPolicy } from './backoff';
import { FeedConnection, type ConnectionDeps } from './feed-connection';
import type { ConnectionConfig, CursorMove, FeedEvent, HubOptions } from './types';

/** No backpressure: the default when the hub's host stores nothing. */
const FREE_FLOW: FlowControl = { held: false, released: () => Promise.resolve() };

export class FeedHub {
  private readonly connections = new Map<string, FeedConnection>();
  private readonly eventListeners = new Set<(events: FeedEvent[]) => void>();
  private readonly cursorListeners = new Set<(move: CursorMove) => void>();
  private readonly statusListeners = new Set<(status: FeedStatus) => void>();
  private readonly deps: ConnectionDeps;
  /** Who paused every feed (a feed added meanwhile starts paused too); null: no pause of all. */
  private pausedAll: Exclude<PauseSource, 'feed'> | null = null;
  private closed = false;

  constructor(private readonly options: HubOptions) {
    this.deps = {
      transport: options.transport,
      flow: options.flow ?? FREE_FLOW,
      clock: options.clock,
      timers: options.timers,
      logger: options.logger,
      policy: backoffPolicy(options.backoff),
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      maxEventBytes: options.maxEventBytes ?? 1024 * 1024,
      backfillWindowMs: options.backfillWindowMs ?? 2000,
      random: options.random ?? Math.random,
      emitEvents: (events) => this.emitEvents(events),
      emitCursor: (move) => this.emit(this.cursorListeners, move, 'feed cursor listener failed'),
      emitStatus: (status) => this.emitStatus(status),
    };
  }

  /** Adds a feed or replaces its config (reconnecting only if the URL or headers changed). */
  upsert(config: ConnectionConfig): void {
    if (this.closed) return;
    const existing = this.connections.get(config.id);
    if (existing) {
      existing.update(config);
      return;
    }
    const connection = new FeedConnection(config, this.deps);
    this.connections.set(config.id, connection);
    connection.start(this.pausedAll);
  }

  remove(id: string): void {
    const connection = this.connections.get(id);
    if (!connection) return;
    this.connections.delete(id);
    connection.close();
  }

  /** "Reconnect now": immediate, resets the backoff (also retries a stopped feed and ends a global pause for it). */
  reconnect(id: string): void {
    this.connections.get(id)?.reconnectNow();
  }

  /**
   * After wake / network change: ends a pause of every feed and reconnects every feed not stopped for good — but
   * not a feed the user paused on its own.
   */
  reconnectAll(): void {
    this.pausedAll = null;
    for (const connection of this.connections.values()) {
      if (connection.pauseSource !== 'feed') connection.refresh();
    }
  }

  /** Pauses every feed, recording who did (the window, the tray, sleep, going offline). */
  pauseAll(source: Exclude<PauseSource, 'feed'> = 'user'): void {
    this.pausedAll = source;
    for (const connection of this.connections.values()) connection.pause(source);
  }

  /** "Resume all": every feed, those paused on their own too. */
  resumeAll(): void {
    this.pausedAll = null;
    for (const connection of this.connections.values()) connection.resume();
  }

  /** The user pauses one feed; it stays paused (through sleep and wake) until resumed. */
  pause(id: string): void {
    this.connections.get(id)?.pause('feed');
  }

  /** Resumes one feed (also from a pause of every feed: the user asked for this one). */
  resume(id: string): void {
    this.connections.get(id)?.resume();
  }

  status(id: string): FeedStatus | undefined {
    return this.connections.get(id)?.status();
  }

  statuses(): FeedStatus[] {
    return [...this.connections.values()].map((connection) => connection.status());
  }

  /** The feed's last request and its answer (secrets masked). */
  exchange(id: string): HttpExchange | null {
    return this.connections.get(id)?.exchange() ?? null;
  }

  frames(id: string): RawFrame[] {
    return this.connections.get(id)?.frames() ?? [];
  }

  onEvents(listener: (events: FeedEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** The cursor moved without an event to carry it (id-only block, empty id, filtered event, refused id). */
  onCursor(listener: (move: CursorMove) => void): () => void {
    this.cursorListeners.add(listener);
    return () => this.cursorListeners.delete(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
    this.eventListeners.clear();
    this.cursorListeners.clear();
    this.statusListeners.clear();
    void this.options.transport.close();
  }

  private emitEvents(events: FeedEvent[]): void {
    this.emit(this.eventListeners, events, 'feed event listener failed');
  }

  private emitStatus(status: FeedStatus): void {
    this.emit(this.statusListeners, status, 'feed status listener failed');
  }

  private emit<T>(listeners: Set<(value: T) => void>, value: T, what: string): void {
    if (this.closed) return;
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.options.logger.error(what, error);
      }
    }
  }
}
