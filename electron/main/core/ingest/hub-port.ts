/**
 * What the store side uses of the FeedHub (electron/main/core/feeds/). An interface rather than the class, so a
 * benchmark can substitute a source of events (CreateCoreOptions.createHub) while the real hub is the default.
 */
import type { FeedStatus, RawFrame } from '../../../../shared/domain';
import type { ConnectionConfig, FeedEvent } from '../feeds/types';

export type HubConnectionConfig = ConnectionConfig;

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
  onEvents(listener: (events: FeedEvent[]) => void): () => void;
  onStatus(listener: (status: FeedStatus) => void): () => void;
  close(): void;
}
