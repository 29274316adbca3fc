/**
 * The handler table implementing every invoke channel of the shared contract. Requests arrive validated (see
 * dispatch.ts); each handler returns a Result and never throws across the boundary.
 */
import type { ConnectionTest, FeedDiagnostics, FeedStatus, Settings, Snapshot } from '../../../../shared/domain';
import { invoke } from '../../../../shared/ipc/channels';
import type { ApiHandlers } from '../../../../shared/ipc/contract';
import { MARK_VIEW_MAX, type FeedInput, type SettingsPatch } from '../../../../shared/ipc/schemas';
import { fail, ok, type Result } from '../../../../shared/result';
import { checkHttpUrl } from '../../../../shared/rules';
import type { FeedHub } from '../feeds/feed-hub';
import { FeedInputError } from '../store/feed-store';
import { InvalidQueryError } from '../store/message-store';
import type { MessageStoreApi } from '../store/store-api';
import type { Clock, CoreNotice, HostServices, Logger } from '../types';
import { diagnosticsReport } from './diagnostics';
import { translatorFor } from '../i18n';
import type { FeedService } from './feed-service';
import { isDemoUrl, type DemoHost } from '../demo/demo-stream';
import type { FeedPublisher } from '../publish/feed-publisher';
import type { ActionRunner } from '../publish/action-runner';

export interface ApiDeps {
  feeds: FeedService;
  messages: MessageStoreApi;
  hub: FeedHub;
  settings(): Settings;
  /** Persists and tells onDidChangeSettings (whose subscribers push it and call host.applySettings). */
  updateSettings(patch: SettingsPatch): Settings;
  statuses(): FeedStatus[];
  clock: Clock;
  logger: Logger;
  version: string;
  dbPath: string;
  notices: CoreNotice[];
  recentErrors(): { at: number; text: string }[];
  /** "Test connection": one request with these settings through the feeds' transport. */
  testConnection(input: FeedInput, id: string | undefined): Promise<ConnectionTest>;
  /** The built-in demo stream, started on demand. */
  demo: DemoHost;
  /** Size of the first message page in the snapshot. */
  snapshotPage?: number;
  /** The composer's sending (core/publish). */
  publisher: FeedPublisher;
  /** What a feed's server profile is doing (its control-event count), for diagnostics. */
  profileState?(id: string): FeedDiagnostics['profile'] | null;
  /** A message's http actions and attachment downloads (core/publish), with the host's save dialog. */
  actions(host: HostServices): ActionRunner;
}

/** Maps thrown errors to Results: known input errors keep their code, anything else is logged as internal. */
export function toFailure(error: unknown, logger: Logger, what: string): Result<never> {
  if (error instanceof FeedInputError) return fail(error.code, error.problem, error.issues);
  if (error instanceof InvalidQueryError) return fail('invalid-request', { kind: 'badCursor' });
  logger.error(`${what} failed`, error);
  return fail('internal', { kind: 'internal', what });
}

/** Opens only what the shared URL rule accepts (http(s), a host, no credentials) — the rule main applies again. */
export function checkExternalUrl(raw: string): Result<string> {
  const checked = checkHttpUrl(raw);
  if (checked.ok) return ok(checked.href);
  return fail(checked.problem.kind === 'url' ? 'invalid-request' : 'forbidden', checked.problem);
}

export function createApiHandlers(deps: ApiDeps, host: HostServices): ApiHandlers {
  const { feeds, messages, hub } = deps;
  const actions = deps.actions(host);

  /** Runs a handler body, turning throws into Results. */
  const guard =
    <Req, Res>(what: string, body: (request: Req) => Res | Promise<Res>) =>
    async (request: Req): Promise<Result<Res>> => {
      try {
        return ok(await body(request));
      } catch (error) {
        return toFailure(error, deps.logger, what);
      }
    };

  const needFeed = (id: string): void => {
    if (!feeds.get(id)) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
  };

  return {
    [invoke.appSnapshot]: guard('snapshot', async (): Promise<Snapshot> => ({
      feeds: feeds.list(),
      statuses: deps.statuses(),
      unread: messages.unreadCounts(),
      messages: await messages.list({ limit: deps.snapshotPage ?? 200 }),
      settings: deps.settings(),
      systemLocale: host.systemLocale(),
      version: deps.version,
    })),
    [invoke.appDiagnostics]: guard('diagnostics', async () =>
      diagnosticsReport({
        now: deps.clock.now(),
        version: deps.version,
        host: safeDescribe(host, deps.logger),
        database: {
          path: deps.dbPath,
          messages: await messages.count(),
          indexLag: await messages.indexLag(),
          unread: messages.unreadTotal(),
        },
        feeds: feeds.list(),
        statuses: deps.statuses(),
        notices: deps.notices,
        recentErrors: deps.recentErrors(),
      }),
    ),
    [invoke.appOpenLogs]: guard('open logs', async () => {
      await host.openLogsFolder();
      return null;
    }),
    [invoke.appTestNotification]: guard('test notification', ({ feedId }) => {
      const feed = feedId === undefined ? undefined : feeds.get(feedId);
      if (feedId !== undefined && !feed) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
      const strings = translatorFor(deps.settings, () => host.systemLocale())();
      const title = feed ? feed.name || feed.url : strings.appName;
      const silent = feed?.notify.sound === 'none';
      const shown = host.showNotification?.({ title, body: strings.notify.testBody, silent }) ?? false;
      return { shown };
    }),
    [invoke.appOpenExternal]: async ({ url }) => {
      const checked = checkExternalUrl(url);
      if (!checked.ok) return checked;
      try {
        await host.openExternal(checked.data);
        return ok(null);
      } catch (error) {
        return toFailure(error, deps.logger, 'open link');
      }
    },
    [invoke.feedsAdd]: guard('add feed', (input) => feeds.add(input)),
    [invoke.feedsUpdate]: guard('update feed', ({ id, input }) => feeds.update(id, input)),
    [invoke.feedsRemove]: guard('remove feed', ({ id }) => {
      feeds.remove(id);
      return null;
    }),
    [invoke.feedsReconnect]: guard('reconnect', ({ id }) => {
      needFeed(id);
      hub.reconnect(id);
      return null;
    }),
    [invoke.feedsConfigure]: guard('configure feed', ({ id, ...patch }) => feeds.configure(id, patch)),
    [invoke.feedsPause]: guard('pause feed', ({ id }) => {
      needFeed(id);
      hub.pause(id);
      return null;
    }),
    [invoke.feedsResume]: guard('resume feed', ({ id }) => {
      needFeed(id);
      hub.resume(id);
      return null;
    }),
    [invoke.feedsTest]: guard('test connection', ({ id, input }) => {
      if (id !== undefined) needFeed(id);
      return deps.testConnection(input, id);
    }),
    [invoke.feedsAddDemo]: guard('add demo feed', async ({ name }) => {
      const existing = feeds.list().find((f) => isDemoUrl(f.url));
      const stream = await deps.demo.ensure(existing ? Number(new URL(existing.url).port) : undefined);
      if (existing) {
        if (existing.url === stream.url()) return existing;
        // The stored port was taken at start: follow the stream to its new port.
        const { name: kept, eventTypes, notify, idleTimeoutSec, enabled } = existing;
        return feeds.update(existing.id, {
          name: kept,
          url: stream.url(),
          headers: [],
          eventTypes,
          notify,
          idleTimeoutSec,
          enabled,
        });
      }
      return feeds.add({
        name,
        url: stream.url(),
        headers: [],
        eventTypes: [],
        notify: { mode: 'all', types: [], include: [], exclude: [] },
        idleTimeoutSec: 45,
        enabled: true,
      });
    }),
    [invoke.feedsPauseAll]: guard('pause all', () => {
      hub.pauseAll('user');
      return null;
    }),
    [invoke.feedsResumeAll]: guard('resume all', () => {
      hub.resumeAll();
      return null;
    }),
    [invoke.feedsReconnectAll]: guard('reconnect all', () => {
      hub.reconnectAll();
      return null;
    }),
    [invoke.feedsDiagnostics]: guard('feed diagnostics', ({ id }) => {
      needFeed(id);
      const status = hub.status(id);
      if (!status) throw new FeedInputError('not-found', { kind: 'feedNotConnected' });
      const profile = deps.profileState?.(id) ?? null;
      return { status, frames: hub.frames(id), exchange: hub.exchange(id), ...(profile ? { profile } : {}) };
    }),
    [invoke.feedsExport]: guard('export feeds', ({ includeSecrets }) => feeds.exportJson(includeSecrets)),
    [invoke.feedsImport]: guard('import feeds', ({ json }) => feeds.importJson(json)),
    [invoke.feedsPublish]: guard('publish', ({ id, text, title, priority }) =>
      deps.publisher.publish(id, { text, title, priority }),
    ),
    [invoke.messagesList]: guard('list messages', (query) => messages.list(query)),
    [invoke.messagesGet]: guard('get message', async ({ id }) => {
      const message = await messages.get(id);
      if (!message) throw new FeedInputError('not-found', { kind: 'messageNotFound' });
      return message;
    }),
    // A feed or everything: a watermark per feed, answered at once whatever the number of messages.
    [invoke.messagesMarkRead]: guard('mark read', (request) => messages.markRead(request)),
    [invoke.messagesMarkViewRead]: guard('mark view read', (query) => messages.markViewRead(query, MARK_VIEW_MAX)),
    [invoke.messagesMarkUnread]: guard('mark unread', ({ ids }) => messages.markUnread(ids)),
    [invoke.messagesStar]: guard('star', ({ ids, starred }) => messages.star(ids, starred)),
    [invoke.messagesDelete]: guard('delete messages', ({ ids }) => messages.deleteMessages(ids)),
    [invoke.messagesClearFeed]: guard('clear feed', ({ id }) => messages.clearFeed(id)),
    [invoke.messagesRunAction]: guard('run action', ({ id, action }) => actions.runAction(id, action)),
    [invoke.messagesDownloadAttachment]: guard('download attachment', ({ id, attachment }) =>
      actions.download(id, attachment),
    ),
    [invoke.settingsGet]: guard('get settings', () => deps.settings()),
    // The same call as the tray's: host.applySettings runs as a subscriber of onDidChangeSettings.
    [invoke.settingsUpdate]: guard('update settings', (patch) => deps.updateSettings(patch)),
  };
}

function safeDescribe(host: HostServices, logger: Logger): Record<string, string> {
  try {
    return host.describe();
  } catch (error) {
    logger.warn('host.describe failed', error);
    return {};
  }
}
