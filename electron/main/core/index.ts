/**
 * createCore: the plain-Node heart of Tidings. Opens the store, starts the feed hub with the stored feeds and
 * cursors, wires ingest (hub → store → pushes/listeners) and background maintenance, and offers the handler table.
 * Hosts: the Electron platform layer, the browser test harness, the CLI listener, benchmarks.
 */
import type { Feed, FeedStatus, Message, Settings } from '../../../shared/domain';
import { push } from '../../../shared/ipc/channels';
import type { ApiHandlers, PushSink } from '../../../shared/ipc/contract';
import { createApiHandlers } from './api/handlers';
import { EventBatcher } from './api/event-batcher';
import { FeedService } from './api/feed-service';
import { FeedHub } from './feeds/feed-hub';
import type { HubOptions } from './feeds/types';
import type { HubPort } from './ingest/hub-port';
import { Ingest } from './ingest/ingest';
import { Checkpointer } from './store/checkpointer';
import { openDatabase, type OpenedDatabase } from './store/database';
import { FeedStore } from './store/feed-store';
import { Maintenance } from './store/maintenance';
import { MessageStore } from './store/message-store';
import { SettingsStore } from './store/settings-store';
import { createTransport } from './net/transport';
import type { Clock, Core, CoreOptions, HostServices, Timers } from './types';
import { quietConsole, recordingLogger, type RecordingLogger } from './util/recent-errors';

export { dispatch } from './api/dispatch';
export { createApiHandlers } from './api/handlers';
export type { Core, CoreOptions, CoreNotice, HostServices, SecretCodec } from './types';

/** CoreOptions plus tuning knobs for tests and benchmarks (all optional). */
export interface CreateCoreOptions extends CoreOptions {
  /** Extra FeedHub options (backoff, timeouts, event size cap). */
  hub?: Partial<Omit<HubOptions, 'transport' | 'clock' | 'timers' | 'logger'>>;
  /** Replace the hub (benchmarks of the store path alone). */
  createHub?: (options: HubOptions) => HubPort;
  ingest?: { maxBatch?: number; delayMs?: number; maxDelayMs?: number };
  /** Minimum interval between batched pushes (default 32 ms). */
  pushIntervalMs?: number;
  maintenance?: { budgetMs?: number; busyDelayMs?: number; idleDelayMs?: number };
}

/** What createCore returns: the Core contract plus read access useful to hosts and tests. */
export interface CoreInstance extends Core {
  readonly dbPath: string;
  /** Writes waiting events now (normally done within ~50 ms). */
  flush(): void;
  /** Runs background upkeep (search index, retention) to completion. For tests and benchmarks. */
  drainMaintenance(): void;
  /** Rows stored but not yet in the search index. */
  searchIndexLag(): number;
}

const systemClock: Clock = { now: () => Date.now() };
const globalTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export async function createCore(options: CreateCoreOptions): Promise<CoreInstance> {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? globalTimers;
  const logger = recordingLogger(options.logger ?? quietConsole, () => clock.now());
  const version = options.version ?? '0.0.0';

  const opened = openDatabase(options.dataDir, { logger, now: () => clock.now() });
  try {
    return assemble(options, opened, { clock, timers, logger, version });
  } catch (error) {
    opened.db.close();
    throw error;
  }
}

interface Basics {
  clock: Clock;
  timers: Timers;
  logger: RecordingLogger;
  version: string;
}

function assemble(options: CreateCoreOptions, opened: OpenedDatabase, basics: Basics): CoreInstance {
  const { clock, timers, logger, version } = basics;
  const { db, path: dbPath, notices } = opened;
  const messages = new MessageStore(db, logger);
  const feedStore = new FeedStore(db, options.secrets, logger);
  const settingsStore = new SettingsStore(db);
  messages.adoptOrphans(feedStore.ids());
  const checkpointer = new Checkpointer(db, dbPath, logger, timers);

  const transport = createTransport({
    ...options.network,
    onProxyError: (error) => logger.warn('Resolving the proxy failed; connecting directly', error),
  });
  const hubOptions: HubOptions = { ...options.hub, transport, clock, timers, logger };
  const hub: HubPort = options.createHub ? options.createHub(hubOptions) : new FeedHub(hubOptions);

  const batcher = new EventBatcher({
    timers,
    clock,
    logger,
    intervalMs: options.pushIntervalMs,
    unread: () => messages.unreadCounts(),
    statuses: () => hub.statuses(),
  });
  const maintenance = new Maintenance({
    store: messages,
    timers,
    clock,
    logger,
    retention: () => settingsStore.get().retention,
    onPruned: () => {
      batcher.unreadChanged();
      checkpointer.written();
    },
    ...options.maintenance,
  });
  const ingest = new Ingest({
    store: messages,
    timers,
    logger,
    ...options.ingest,
    accepts: (feedId) => feedStore.get(feedId) !== undefined,
  });
  const storedListeners = new Set<(messages: Message[]) => void>();
  ingest.onStored((stored) => {
    batcher.messagesStored(stored);
    batcher.countersChanged();
    maintenance.wrote();
    checkpointer.written();
    for (const listener of storedListeners) {
      try {
        listener(stored);
      } catch (error) {
        logger.error('An onStored listener failed', error);
      }
    }
  });
  const unsubscribeEvents = hub.onEvents(ingest.accept);
  const unsubscribeStatus = hub.onStatus(() => batcher.statusChanged());

  const feeds = new FeedService({
    store: feedStore,
    messages,
    hub,
    batcher,
    clock,
    logger,
    onRemoved: (id) => {
      ingest.discard(id);
      maintenance.kick(50);
    },
    flushWaiting: () => ingest.flush(),
  });

  const updateSettings = (patch: Partial<Settings>): Settings => {
    const before = settingsStore.get();
    const next = settingsStore.update(patch);
    batcher.send(push.settings, next);
    if (JSON.stringify(before.retention) !== JSON.stringify(next.retention)) maintenance.kick(50);
    return next;
  };

  feeds.startAll();
  maintenance.start();

  let closed: Promise<void> | null = null;
  const core: CoreInstance = {
    dbPath,
    notices,
    createHandlers(host: HostServices): ApiHandlers {
      return createApiHandlers(
        {
          feeds,
          messages,
          hub,
          batcher,
          settings: () => settingsStore.get(),
          updateSettings,
          statuses: () => hub.statuses(),
          clock,
          logger,
          version,
          dbPath,
          notices,
          recentErrors: () => logger.recent(),
        },
        host,
      );
    },
    onPush(sink: PushSink) {
      return batcher.addSink(sink);
    },
    onStored(listener) {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },
    onStatus(listener: (statuses: FeedStatus[]) => void) {
      return batcher.onStatus(listener);
    },
    feeds: (): Feed[] => feeds.list(),
    statuses: () => hub.statuses(),
    settings: () => settingsStore.get(),
    updateSettings,
    unreadTotal: () => messages.unreadTotal(),
    addFeedFromUrl: async (url: string) => feeds.addFromUrl(url),
    reconnectAll: () => hub.reconnectAll(),
    pauseAll: () => hub.pauseAll(),
    resumeAll: () => hub.resumeAll(),
    flush: () => {
      ingest.flush();
      batcher.flush();
    },
    drainMaintenance: () => maintenance.drain(),
    searchIndexLag: () => messages.indexLag(),
    close() {
      closed ??= (async () => {
        unsubscribeStatus();
        try {
          hub.close();
        } catch (error) {
          logger.error('Closing the feed hub failed', error);
        }
        ingest.close();
        unsubscribeEvents();
        batcher.close();
        maintenance.stop();
        await checkpointer.close();
        db.close();
      })();
      return closed;
    },
  };
  return core;
}
