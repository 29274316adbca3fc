/**
 * What the store side needs from the FeedHub (electron/main/core/feeds/). Structural, so tests and benchmarks can
 * pass the real hub and the core does not depend on the hub's internals.
 */
import type { FeedStatus, RawFrame } from '../../../../shared/domain';
import type { IncomingEvent } from '../store/message-store';

export interface HubConnectionConfig {
  id: string;
  url: string;
  headers: Record<string, string>;
  eventTypes: string[];
  idleTimeoutSec: number;
  enabled: boolean;
  lastEventId: string | null;
}

export interface HubPort {
  upsert(config: HubConnectionConfig): void;
  remove(id: string): void;
  reconnect(id: string): void;
  reconnectAll(): void;
  pauseAll(): void;
  resumeAll(): void;
  status(id: string): FeedStatus | undefined;
  statuses(): FeedStatus[];
  frames(id: string): RawFrame[];
  onEvents(listener: (events: IncomingEvent[]) => void): () => void;
  onStatus(listener: (status: FeedStatus) => void): () => void;
  close(): void;
}
