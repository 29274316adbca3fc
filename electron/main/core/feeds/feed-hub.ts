/**
 * FeedHub: fans in every feed's connection. Events arrive in batches (one per received chunk and feed) and are
 * delivered synchronously to the listeners, followed by a cursor move when the cursor went past what the events
 * carry; state changes arrive as FeedStatus. Each stream is one core Emitter (util/emitter.ts): a listener that
 * throws is logged and does not disturb the connections or the other listeners, and nothing is told after close.
 * While `flow` is held (storage's backpressure), no feed reads on.
 */
import type { FeedStatus, HttpExchange, PauseSource, RawFrame } from '../../../../shared/domain';
import type { FlowControl } from './attempt';
import { backoffPolicy } from './backoff';
import { FeedConnection, type ConnectionDeps } from './feed-connection';
import type { ConnectionConfig, CursorMove, FeedEvent, HubOptions } from './types';
import { Emitter, type Event } from '../util/emitter';

/** No backpressure: the default when the hub's host stores nothing. */
const FREE_FLOW: FlowControl = { held: false, released: () => Promise.resolve() };

export class FeedHub {
  private readonly connections = new Map<string, FeedConnection>();
  private readonly eventEmitter: Emitter<FeedEvent[]>;
  private readonly cursorEmitter: Emitter<CursorMove>;
  private readonly statusEmitter: Emitter<FeedStatus>;
  private readonly deps: ConnectionDeps;
  /** Who paused every feed (a feed added meanwhile starts paused too); null: no pause of all. */
  private pausedAll: Exclude<PauseSource, 'feed'> | null = null;
  private closed = false;

  constructor(private readonly options: HubOptions) {
    this.eventEmitter = new Emitter('FeedHub.onEvents', options.logger);
    this.cursorEmitter = new Emitter('FeedHub.onCursor', options.logger);
    this.statusEmitter = new Emitter('FeedHub.onStatus', options.logger);
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
      emitEvents: (events) => this.tell(this.eventEmitter, events),
      emitCursor: (move) => this.tell(this.cursorEmitter, move),
      emitStatus: (status) => this.tell(this.statusEmitter, status),
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

  /** A batch of events (one per received chunk and feed). */
  readonly onEvents: Event<FeedEvent[]> = (listener) => this.eventEmitter.event(listener);

  /** The cursor moved without an event to carry it (id-only block, empty id, filtered event, refused id). */
  readonly onCursor: Event<CursorMove> = (listener) => this.cursorEmitter.event(listener);

  readonly onStatus: Event<FeedStatus> = (listener) => this.statusEmitter.event(listener);

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
    this.eventEmitter.dispose();
    this.cursorEmitter.dispose();
    this.statusEmitter.dispose();
    void this.options.transport.close();
  }

  private tell<T>(emitter: Emitter<T>, value: T): void {
    if (!this.closed) emitter.fire(value);
  }
}
