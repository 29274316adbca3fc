/**
 * Core's domain events: what happened, told once, by the part of core that made it happen. Subscribers are the
 * IPC batcher (pushes to windows), the tray, notifications and hosts; none listens to another's output.
 * Subscribe with `core.onDidX(listener)`; the returned subscription unsubscribes.
 *
 *   onDidChangeFeeds     FeedService       (add, edit, remove, import)
 *   onDidChangeStatus    FeedHub, via core (one feed's connection state)
 *   onDidStoreMessages   Ingest            (after the commit; whole messages)
 *   onDidChangeUnread    MessageCounters   (stored, marked read, pruned, a feed removed)
 *   onDidChangeSettings  SettingsStore     (from the window or the tray alike)
 */
import type { Feed, FeedStatus, Message, Settings } from '../../../shared/domain';
import type { Event } from './util/emitter';

export interface CoreEvents {
  readonly onDidChangeFeeds: Event<Feed[]>;
  readonly onDidChangeStatus: Event<FeedStatus>;
  readonly onDidStoreMessages: Event<Message[]>;
  /** Read the counts with unreadCounts() / unreadTotal(). */
  readonly onDidChangeUnread: Event<void>;
  readonly onDidChangeSettings: Event<Settings>;
}
