/**
 * Builds a TidingsApi object over any transport. The preload binds it to ipcRenderer; the browser test harness
 * binds it to a loopback WebSocket. One shape, so the renderer cannot tell them apart.
 */
import { invoke as I, push as P, type InvokeChannel, type PushChannel } from './channels';
import type { PayloadOf, RequestOf, ResponseOf, TidingsApi } from './contract';
import type { Result } from '../result';

export interface ApiTransport {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  listen<C extends PushChannel>(channel: C, listener: (payload: PayloadOf<C>) => void): () => void;
}

export function bindApi(t: ApiTransport): TidingsApi {
  const call =
    <C extends InvokeChannel>(channel: C) =>
    (request?: RequestOf<C>) =>
      t.invoke(channel, request as RequestOf<C>);
  const on =
    <C extends PushChannel>(channel: C) =>
    (listener: (payload: PayloadOf<C>) => void) =>
      t.listen(channel, listener);
  return {
    app: {
      snapshot: call(I.appSnapshot),
      diagnostics: call(I.appDiagnostics),
      openLogs: call(I.appOpenLogs),
      openExternal: call(I.appOpenExternal),
    },
    feeds: {
      add: call(I.feedsAdd),
      update: call(I.feedsUpdate),
      remove: call(I.feedsRemove),
      reconnect: call(I.feedsReconnect),
      pauseAll: call(I.feedsPauseAll),
      resumeAll: call(I.feedsResumeAll),
      reconnectAll: call(I.feedsReconnectAll),
      diagnostics: call(I.feedsDiagnostics),
      export: call(I.feedsExport),
      import: call(I.feedsImport),
    },
    messages: {
      list: call(I.messagesList),
      get: call(I.messagesGet),
      markRead: call(I.messagesMarkRead),
      markViewRead: call(I.messagesMarkViewRead),
      markUnread: call(I.messagesMarkUnread),
      star: call(I.messagesStar),
      delete: call(I.messagesDelete),
      clearFeed: call(I.messagesClearFeed),
    },
    settings: { get: call(I.settingsGet), update: call(I.settingsUpdate) },
    onMessages: on(P.messages),
    onFeedStatus: on(P.feedStatus),
    onFeeds: on(P.feeds),
    onUnread: on(P.unread),
    onSettings: on(P.settings),
    onNavigate: on(P.navigate),
  } satisfies TidingsApi;
}
