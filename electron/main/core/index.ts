/**
 * createCore: the plain-Node heart of Tidings, a library with three hosts — the Electron app
 * (electron/main/index.ts), the headless listener (electron/listen/) and the browser test harness. Opens the
 * store, starts the feed hub with the stored feeds and cursors, wires ingest (hub → store → domain events) and
 * background maintenance, and offers the handler table. Who tells which domain event: events.ts.
 */
import type { Feed, FeedStatus, Settings } from '../../../shared/domain';
import type { ApiHandlers, PushSink } from '../../../shared/ipc/contract';
import { createApiHandlers } from './api/handlers';
import { EventBatcher } from './api/event-batcher';
import type { CoreEvents } from './events';
import { FeedService } from './api/feed-service';
import { FeedHub } from './feeds/feed-hub';
import { FeedProfiles } from './profiles/feed-profiles';
import { detectFromUrl, profileById } from './profiles/registry';
import { FeedPublisher } from './publish/feed-publisher';
import { ActionRunner } from './publish/action-runner';
import type { HubOptions } from './feeds/types';
import { Ingest } from './ingest/ingest';
import { openDatabase, type OpenedDatabase } from './store/database';
import { FeedStore } from './store/feed-store';
import { SettingsStore } from './store/settings-store';
import { StoreClient } from './store/store-client';
import { createTransport } from './net/transport';
import { testConnection, type ConnectionTestOptions } from './probe/connection-test';
import { DemoHost, demoPortOf, type DemoStreamOptions } from './demo/demo-stream';
import type { Clock, Core, CoreOptions, HostServices, Timers } from './types';
import { trayUnread } from './notify/tray-state';
import { allOf, Emitter } from './util/emitter';
import { quietConsole, recordingLogger, type RecordingLogger } from './util/recent-errors';

export { dispatch } from './api/dispatch';
export { createApiHandlers } from './api/handlers';
export type { Core, CoreOptions, CoreNotice, HostServices, SecretCodec } from './types';
export type { CoreEvents } from './events';
export type { Event, Subscription } from './util/emitter';
export type { Clock, Logger, Timers } from './types';
export { createTransport, type Transport, type TransportOptions } from './net/transport';

// For hosts without a window (the headless listener): the feed engine alone, and a store they feed themselves.
export { FeedHub } from './feeds/feed-hub';
export type { ConnectionConfig, CursorMove, FeedEvent, HubOptions } from './feeds/types';
export type { FlowControl } from './feeds/attempt';
export { openHeadlessStore, type HeadlessStore } from './headless-store';
// Talking back (the listener's --publish): the composer's own code.
export { parsePublishArgs, runPublish, PUBLISH_USAGE, EXIT_PUBLISH_FAILED } from './publish';
// Server profiles (the listener applies them like the app does).
export { FeedProfiles } from './profiles/feed-profiles';
export { PROFILE_IDS, isProfileSetting, type ProfileSetting } from '../../../shared/message-fields';

/** CoreOptions plus tuning knobs for tests and benchmarks (all optional). */
export interface CreateCoreOptions extends CoreOptions {
  /** Extra FeedHub options (backoff, timeouts, event size cap). */
  hub?: Partial<Omit<HubOptions, 'transport' | 'clock' | 'timers' | 'logger'>>;
  ingest?: {
    maxBatch?: number;
    maxCommit?: number;
    delayMs?: number;
    maxDelayMs?: number;
    maxPending?: number;
    retryDelayMs?: number;
  };
  /** Minimum interval between coalesced pushes while the store is busy (default 16 ms). */
  pushIntervalMs?: number;
  maintenance?: { budgetMs?: number; busyDelayMs?: number; idleDelayMs?: number };
  /** "Test connection" waits (tests shorten them). */
  connectionTest?: Omit<ConnectionTestOptions, 'transport'>;
  /** The built-in demo stream's options (tests shorten its intervals). */
  demo?: DemoStreamOptions;
}

/** What createCore returns: the Core contract plus read access useful to hosts and tests. */
export interface CoreInstance extends Core {
  readonly dbPath: string;
  /** Writes waiting events now (normally done within ~50 ms); resolves once they are stored. */
  flush(): Promise<void>;
  /** Runs background upkeep (search index, retention) to completion. For tests and benchmarks. */
  drainMaintenance(): Promise<void>;
  /** Rows stored but not yet in the search index. */
  searchIndexLag(): Promise<number>;
  /** For tests: the store worker dies as a crash would, now or right after its next commit (a new one starts). */
  killStoreWorker(when?: 'now' | 'after-commit'): Promise<void>;
  /** Store workers started so far (1 + restarts after a crash). */
  readonly storeWorkerStarts: number;
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
    return await assemble(options, opened, { clock, timers, logger, version });
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

async function assemble(options: CreateCoreOptions, opened: OpenedDatabase, basics: Basics): Promise<CoreInstance> {
  const { clock, timers, logger, version } = basics;
  const { db, path: dbPath, notices } = opened;
  const feedStore = new FeedStore(db, options.secrets, logger);
  await feedStore.unlock();
  const settingsStore = new SettingsStore(db, logger);
  // Messages live in the store worker, on its own connection; this one keeps feeds and settings (same file, WAL)
  // and leaves checkpoints to the worker, which writes nearly everything.
  db.pragma('wal_autocheckpoint = 0');
  const messages = await StoreClient.start({
    path: dbPath,
    db,
    logger,
    retention: settingsStore.get().retention,
    knownFeeds: () => [...feedStore.ids()],
    ...(options.maintenance ? { maintenance: options.maintenance } : {}),
  });
  // Every feed connects through Node (undici); the host only says which proxy and which certificates.
  const transport = createTransport({
    ...options.network,
    onProxyError: (error) => logger.warn('Resolving the proxy failed; connecting directly', error),
  });
  const ingest = new Ingest({
    store: messages,
    timers,
    logger,
    // What piles up while the worker writes goes in larger commits (a few milliseconds each, so a request from
    // the window waits little behind one).
    maxCommit: 2000,
    // Reading stops while two commits' worth wait (the socket holds the rest): events read far ahead outlive young
    // garbage collections and are copied into the old generation (200k × 100 B: 10 MB promoted on the main thread
    // instead of 45–50 MB with 20,000, and fewer long collections pausing the event loop).
    maxPending: 4000,
    ...options.ingest,
    accepts: (feedId) => feedStore.get(feedId) !== undefined,
  });
  // Storage's backpressure: while too many events wait to be written, no feed reads on.
  const hub = new FeedHub({ ...options.hub, transport, flow: ingest.flow, clock, timers, logger });
  const statusEmitter = new Emitter<FeedStatus>('onDidChangeStatus', logger);

  // The composer's sending; it remembers the ids servers answer with, so echoes are recognised.
  const publisher = new FeedPublisher({
    feed: (id) => feedStore.get(id),
    headers: (id) => feedStore.connectionHeaders(id),
    publishToken: (id) => feedStore.publishToken(id),
  });
  // Detections are reported (on events, later) to the feed service made just below.
  const profiles = new FeedProfiles(
    clock,
    (id, profile) => feeds.keepDetectedProfile(id, profile),
    (id, serverId, text) => publisher.sentHere(id, serverId, text),
  );
  const feeds = new FeedService({
    store: feedStore,
    messages,
    hub,
    profiles,
    clock,
    logger,
    onRemoved: (id) => ingest.discard(id),
    flushWaiting: () => ingest.flush(),
  });
  const events: CoreEvents = {
    onDidChangeFeeds: feeds.onDidChangeFeeds,
    onDidChangeStatus: statusEmitter.event,
    onDidStoreMessages: ingest.onDidStoreMessages,
    onDidChangeUnread: messages.onDidChangeUnread,
    onDidChangeSettings: settingsStore.onDidChangeSettings,
  };

  const batcher = new EventBatcher({
    timers,
    clock,
    logger,
    // Frame scale, and only while the store has work queued; an idle store's batch is pushed at once.
    intervalMs: options.pushIntervalMs ?? 16,
    storeBusy: () => ingest.busy,
    unread: () => messages.unreadCounts(),
    statuses: () => hub.statuses(),
  });
  let retention = JSON.stringify(settingsStore.get().retention);
  const subscriptions = allOf([
    hub.onEvents((batch) => {
      const kept = profiles.process(batch);
      if (kept.length > 0) ingest.accept(kept);
    }),
    hub.onCursor((move) => {
      if (profiles.keepsCursorMove(move.feedId)) ingest.acceptCursor(move);
    }),
    hub.onStatus((status) => statusEmitter.fire(status)),
    batcher.listenTo(events),
    events.onDidChangeSettings((settings) => {
      const next = JSON.stringify(settings.retention);
      if (next !== retention) messages.setRetention(settings.retention);
      retention = next;
    }),
  ]);
  const updateSettings = (patch: Partial<Settings>): Settings => settingsStore.update(patch);

  // A stored demo feed brings the built-in demo stream back (on its port when free) before the feeds connect.
  const demo = new DemoHost(options.demo);
  const demoPort = feeds
    .list()
    .map((f) => demoPortOf(f.url))
    .find((p) => p !== null);
  if (demoPort !== undefined) {
    const stream = await demo.ensure(demoPort).catch((error: unknown) => {
      logger.warn('Starting the demo stream failed', error);
      return null;
    });
    if (stream && stream.port !== demoPort)
      logger.warn(`The demo stream's port ${demoPort} is taken; "Try a demo feed" moves it`);
  }

  feeds.startAll();

  let closed: Promise<void> | null = null;
  const core: CoreInstance = {
    ...events,
    dbPath,
    notices,
    createHandlers(host: HostServices): ApiHandlers {
      events.onDidChangeSettings((settings) => host.applySettings(settings));
      return createApiHandlers(
        {
          feeds,
          messages,
          hub,
          settings: () => settingsStore.get(),
          updateSettings,
          statuses: () => hub.statuses(),
          clock,
          logger,
          version,
          dbPath,
          notices,
          recentErrors: () => logger.recent(),
          demo,
          testConnection: async (input, id) => {
            // An edited feed's secrets never reach the window: `value: null` means the stored one.
            const stored = id === undefined ? {} : feedStore.connectionHeaders(id);
            const storedValue = (name: string): string | undefined =>
              Object.entries(stored).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
            const headers: Record<string, string> = {};
            for (const h of input.headers) {
              const value = h.value ?? storedValue(h.name);
              if (value === undefined || (h.needsValue && !h.value))
                return {
                  status: null,
                  url: input.url,
                  headers: [],
                  events: [],
                  reason: { kind: 'headerNeedsValue', name: h.name },
                };
              headers[h.name] = value;
            }
            // The request the feed's profile would make on its first subscribe (no cursor yet): ntfy's `since`,
            // credentials moved into the query where the feed asks for it. An edited feed without server options
            // in the form keeps its stored ones, as saving would.
            const server = input.server ?? (id === undefined ? undefined : feedStore.get(id)?.server);
            const profileId =
              input.profile && input.profile !== 'auto' ? input.profile : (detectFromUrl(input.url) ?? 'generic');
            const plan = profileById(profileId).request(
              {
                url: input.url,
                headers,
                authInQuery: server?.authInQuery === true,
                firstSince: server?.firstSince && server.firstSince !== 'none' ? server.firstSince : null,
              },
              null,
            );
            return testConnection(
              { url: plan.url, headers: plan.headers, trustedCa: input.trustedCa ?? null },
              { transport, ...options.connectionTest },
            );
          },
          publisher,
          profileState: (id) => profiles.state(id),
          actions: (services) =>
            new ActionRunner({
              message: (id) => messages.get(id),
              feed: (id) => feedStore.get(id),
              headers: (id) => feedStore.connectionHeaders(id),
              chooseSavePath: services.chooseSavePath?.bind(services),
            }),
        },
        host,
      );
    },
    onPush(sink: PushSink) {
      return batcher.addSink(sink);
    },
    feeds: (): Feed[] => feeds.list(),
    statuses: () => hub.statuses(),
    settings: () => settingsStore.get(),
    updateSettings,
    unreadTotal: () => trayUnread(messages.unreadCounts(), feeds.list()),
    addFeedFromUrl: async (url: string) => feeds.addFromUrl(url),
    reconnectAll: () => hub.reconnectAll(),
    pauseAll: (source) => hub.pauseAll(source),
    resumeAll: () => hub.resumeAll(),
    flush: async () => {
      await ingest.flush();
      batcher.flush();
    },
    drainMaintenance: () => messages.drainMaintenance(),
    searchIndexLag: () => messages.indexLag(),
    killStoreWorker: (when) => messages.crashWorker(when),
    get storeWorkerStarts() {
      return messages.starts;
    },
    close() {
      closed ??= (async () => {
        statusEmitter.dispose(); // closing connections is not news
        try {
          hub.close();
        } catch (error) {
          logger.error('Closing the feed hub failed', error);
        }
        await ingest.close();
        batcher.close();
        subscriptions();
        await messages.close();
        await feedStore.flushSecrets();
        await demo.close();
        db.close();
      })();
      return closed;
    },
  };
  return core;
}
