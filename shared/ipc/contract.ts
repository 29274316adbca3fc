/**
 * The typed contract between renderer and main. Request types are inferred from the zod schemas (type-only
 * import, erased at build), response and push payload types are listed here, and compile-time checks fail the
 * build when a channel lacks either.
 */
import type { z } from 'zod';
import type {
  Feed,
  FeedDiagnostics,
  FeedStatus,
  Message,
  MessagePage,
  NavigateRequest,
  Settings,
  Snapshot,
  UnreadCounts,
} from '../domain';
import type { Result } from '../result';
import type { InvokeChannel, PushChannel, invoke, push } from './channels';
import type { FeedInput, MarkReadRequest, MessageQuery, SettingsPatch, requestSchemas } from './schemas';

type I = typeof invoke;
type P = typeof push;

/** Response type of each invoke channel. */
export type ResponseMap = {
  [K in I['appSnapshot']]: Snapshot;
} & { [K in I['appDiagnostics']]: string } & { [K in I['appOpenLogs']]: null } & {
  [K in I['appOpenExternal']]: null;
} & { [K in I['feedsAdd']]: Feed } & { [K in I['feedsUpdate']]: Feed } & { [K in I['feedsRemove']]: null } & {
  [K in I['feedsReconnect']]: null;
} & { [K in I['feedsPauseAll']]: null } & { [K in I['feedsResumeAll']]: null } & {
  [K in I['feedsReconnectAll']]: null;
} & { [K in I['feedsDiagnostics']]: FeedDiagnostics } & { [K in I['feedsExport']]: string } & {
  [K in I['feedsImport']]: { added: number; skipped: number };
} & { [K in I['messagesList']]: MessagePage } & { [K in I['messagesGet']]: Message } & {
  [K in I['messagesMarkRead']]: UnreadCounts;
} & { [K in I['messagesMarkViewRead']]: { unread: UnreadCounts; ids: number[] } } & {
  [K in I['messagesMarkUnread']]: UnreadCounts;
} & { [K in I['messagesStar']]: number[] } & { [K in I['messagesDelete']]: UnreadCounts } & {
  [K in I['messagesClearFeed']]: UnreadCounts;
} & { [K in I['settingsGet']]: Settings } & { [K in I['settingsUpdate']]: Settings };

export type RequestOf<C extends InvokeChannel> = z.infer<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends InvokeChannel> = ResponseMap[C];

export type PushMap = { [K in P['messages']]: Message[] } & { [K in P['feedStatus']]: FeedStatus[] } & {
  [K in P['feeds']]: Feed[];
} & { [K in P['unread']]: UnreadCounts } & { [K in P['settings']]: Settings } & {
  [K in P['navigate']]: NavigateRequest;
};
export type PayloadOf<C extends PushChannel> = PushMap[C];

// ---- compile-time completeness checks: adding a channel without types breaks the build ----
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ContractChecks = [
  Assert<Exact<keyof ResponseMap, InvokeChannel>>,
  Assert<Exact<keyof typeof requestSchemas, InvokeChannel>>,
  Assert<Exact<keyof PushMap, PushChannel>>,
];

/** A handler per invoke channel: validated request in, Result out. Transport-agnostic. */
export type ApiHandlers = { [C in InvokeChannel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>> };

/** A push sink: how main delivers pushes, whatever the transport. */
export type PushSink = <C extends PushChannel>(channel: C, payload: PayloadOf<C>) => void;

type Call<C extends InvokeChannel> =
  RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
type Listen<C extends PushChannel> = (listener: (payload: PayloadOf<C>) => void) => () => void;

/** The type of `window.api`: domain verbs only. The preload's object `satisfies` it. */
export interface TidingsApi {
  app: {
    snapshot: Call<I['appSnapshot']>;
    diagnostics: Call<I['appDiagnostics']>;
    openLogs: Call<I['appOpenLogs']>;
    openExternal: Call<I['appOpenExternal']>;
  };
  feeds: {
    add: Call<I['feedsAdd']>;
    update: Call<I['feedsUpdate']>;
    remove: Call<I['feedsRemove']>;
    reconnect: Call<I['feedsReconnect']>;
    pauseAll: Call<I['feedsPauseAll']>;
    resumeAll: Call<I['feedsResumeAll']>;
    reconnectAll: Call<I['feedsReconnectAll']>;
    diagnostics: Call<I['feedsDiagnostics']>;
    export: Call<I['feedsExport']>;
    import: Call<I['feedsImport']>;
  };
  messages: {
    list: Call<I['messagesList']>;
    get: Call<I['messagesGet']>;
    markRead: Call<I['messagesMarkRead']>;
    /** Marks read exactly what a view (feed, search, filters) shows; returns the ids, for undo. */
    markViewRead: Call<I['messagesMarkViewRead']>;
    markUnread: Call<I['messagesMarkUnread']>;
    /** Stars or unstars; returns the ids that changed. */
    star: Call<I['messagesStar']>;
    delete: Call<I['messagesDelete']>;
    clearFeed: Call<I['messagesClearFeed']>;
  };
  settings: {
    get: Call<I['settingsGet']>;
    update: Call<I['settingsUpdate']>;
  };
  onMessages: Listen<P['messages']>;
  onFeedStatus: Listen<P['feedStatus']>;
  onFeeds: Listen<P['feeds']>;
  onUnread: Listen<P['unread']>;
  onSettings: Listen<P['settings']>;
  onNavigate: Listen<P['navigate']>;
}

export type { FeedInput, MarkReadRequest, MessageQuery, SettingsPatch };
