/**
 * FeedHub: fans in every feed's connection. Events arrive in batches (one per received chunk and feed) and are
 * delivered synchronously to the listeners; state changes arrive as FeedStatus. A listener that throws is logged
 * and does not disturb the connections or the other listeners.
 */
import type { FeedStatus, RawFrame } from '../../../../shared/domain';
import { backoffPolicy } from './backoff';
import { FeedConnection, type ConnectionDeps } from './feed-connection';
import type { ConnectionConfig, FeedEvent, HubOptions } from './types';

export class FeedHub {
  private readonly connections = new Map<string, FeedConnection>();
  private readonly eventListeners = new Set<(events: FeedEvent[]) => void>();
  private readonly statusListeners = new Set<(status: FeedStatus) => void>();
  private readonly deps: ConnectionDeps;
  private paused = false;
  private closed = false;

  constructor(private readonly options: HubOptions) {
    this.deps = {
      fetch: options.fetch,
      clock: options.clock,
      timers: options.timers,
      logger: options.logger,
      policy: backoffPolicy(options.backoff),
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      maxEventBytes: options.maxEventBytes ?? 1024 * 1024,
      backfillWindowMs: options.backfillWindowMs ?? 2000,
      random: options.random ?? Math.random,
      emitEvents: (events) => this.emitEvents(events),
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
    connection.start(this.paused);
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

  /** After wake / network change: ends a global pause and reconnects every feed not stopped for good. */
  reconnectAll(): void {
    this.paused = false;
    for (const connection of this.connections.values()) connection.refresh();
  }

  pauseAll(): void {
    this.paused = true;
    for (const connection of this.connections.values()) connection.pause();
  }

  resumeAll(): void {
    this.paused = false;
    for (const connection of this.connections.values()) connection.resume();
  }

  status(id: string): FeedStatus | undefined {
    return this.connections.get(id)?.status();
  }

  statuses(): FeedStatus[] {
    return [...this.connections.values()].map((connection) => connection.status());
  }

  frames(id: string): RawFrame[] {
    return this.connections.get(id)?.frames() ?? [];
  }

  onEvents(listener: (events: FeedEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
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
    this.statusListeners.clear();
  }

  private emitEvents(events: FeedEvent[]): void {
    if (this.closed) return;
    for (const listener of this.eventListeners) {
      try {
        listener(events);
      } catch (error) {
        this.options.logger.error('feed event listener failed', error);
      }
    }
  }

  private emitStatus(status: FeedStatus): void {
    if (this.closed) return;
    for (const listener of this.statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.options.logger.error('feed status listener failed', error);
      }
    }
  }
}
