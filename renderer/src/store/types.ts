import type {
  ConnectionTest,
  Feed,
  FeedDiagnostics,
  FeedStatus,
  Message,
  Settings,
  UnreadCounts,
} from '../../../shared/domain';
import type { FeedInput, FeedOptions, SettingsPatch } from '../../../shared/ipc/contract';
import type { ActionOutcome, DownloadOutcome, Priority, PublishOutcome } from '../../../shared/message-fields';
import type { Result } from '../../../shared/result';

/** The composer's own title and priority for one message (ntfy targets only). */
export interface PublishOptions {
  title?: string;
  priority?: Priority;
}

/** What the message list shows: a feed (or all) narrowed by search filters. */
export interface ViewQuery {
  feedId: string | null;
  text: string;
  type: string;
  unread: boolean;
  /** The Starred view: only starred messages. */
  starred: boolean;
  /** Epoch ms bounds, inclusive; null = open. */
  from: number | null;
  to: number | null;
  /** Only messages of at least this priority (none stated counts as 3); null = any. */
  minPriority: Priority | null;
}

export type DialogState =
  | { kind: 'feed-editor'; feedId: string | null }
  | { kind: 'diagnostics'; feedId: string }
  | { kind: 'settings' }
  | { kind: 'transfer' }
  | { kind: 'clear-feed'; feedId: string }
  /** A message's `http` action (its index in the message's fields), asking before it is sent. */
  | { kind: 'http-action'; messageId: number; action: number }
  | null;

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  /** An i18n key and its values, translated where shown. */
  key: string;
  values?: Record<string, string | number>;
  /** A button on the notice (Undo): its label's i18n key and what it does. */
  action?: { key: string; run: () => void };
}

export interface FeedsSlice {
  feeds: Feed[];
  unread: UnreadCounts;
  setFeeds(feeds: Feed[]): void;
  setUnread(unread: UnreadCounts): void;
  addFeed(input: FeedInput): Promise<Result<Feed>>;
  /** "Send a test notification": main shows one now (a feed's, or the app's). */
  testNotification(feedId?: string): Promise<Result<{ shown: boolean }>>;
  /** "Test connection": one request with these settings (an edited feed's stored secrets where `value` is null). */
  testConnection(input: FeedInput, id?: string): Promise<Result<ConnectionTest>>;
  /** "Try a demo feed": main's built-in demo stream, subscribed and selected. */
  addDemoFeed(): Promise<void>;
  updateFeed(id: string, input: FeedInput): Promise<Result<Feed>>;
  removeFeed(id: string): Promise<Result<null>>;
  reconnectFeed(id: string): Promise<void>;
  /** The composer: sends one message to the feed's server from main; its echo arrives like any message. */
  publishMessage(id: string, text: string, options?: PublishOptions): Promise<Result<PublishOutcome>>;
  /** Every feed at once (the tray offers the same); a failure becomes a notice. */
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** The sidebar menu's switches: mute, count as unread, colour (a failure becomes a notice). */
  configureFeed(id: string, patch: Omit<FeedOptions, 'id'>): Promise<void>;
  /** One feed, paused by the user until resumed (core records who paused it). */
  pauseFeed(id: string): Promise<void>;
  resumeFeed(id: string): Promise<void>;
  reconnectAll(): Promise<void>;
  exportFeeds(includeSecrets: boolean): Promise<Result<string>>;
  importFeeds(json: string): Promise<Result<{ added: number; skipped: number }>>;
  feedDiagnostics(id: string): Promise<Result<FeedDiagnostics>>;
}

export type SyncState = 'loading' | 'ready' | 'error';

export interface ConnectionSlice {
  sync: SyncState;
  syncError: string | null;
  statuses: Record<string, FeedStatus>;
  systemLocale: string;
  version: string;
  applyStatuses(statuses: FeedStatus[]): void;
  setSync(sync: SyncState, error?: string | null): void;
}

export interface SettingsSlice {
  settings: Settings;
  setSettings(settings: Settings): void;
  updateSettings(patch: SettingsPatch): Promise<Result<Settings>>;
}

export interface MessagesSlice {
  /** Newest first. A bounded window at the live edge; grows only while the user pages back through history. */
  items: Message[];
  /**
   * Where the next older page from the database starts: below this message id (core's `beforeId`, the oldest row
   * kept, which stays right however the window was trimmed); null when the end of the history was reached.
   */
  next: number | null;
  loading: boolean;
  loadingOlder: boolean;
  /** True while the list is scrolled to the newest message: live batches are applied in place. */
  following: boolean;
  /** Messages that arrived while the user was scrolled away (bounded); pendingCount counts all of them. */
  pending: Message[];
  pendingCount: number;
  /** Incremented on every new result set, so the list can scroll to the top. */
  resultSeq: number;
  /** Guards against out-of-order responses: only the latest request for a view may write its result. */
  viewSeq: number;
  /** Live batches that arrive while a view loads; applied on top of the result (ids dedupe the overlap). */
  arrivedWhileLoading: Message[];
  applyIncoming(batch: Message[]): void;
  loadView(): Promise<void>;
  loadOlder(): Promise<void>;
  setFollowing(following: boolean): void;
  jumpToNewest(): Promise<void>;
  markRead(ids: number[]): Promise<void>;
  markAllRead(): Promise<void>;
}

export type FullMessageState = 'idle' | 'loading' | 'error';

export interface UiSlice {
  query: ViewQuery;
  /** Keyboard cursor in the list. */
  activeId: number | null;
  /**
   * The message shown in the detail pane. Opened from the list it may be a preview (data cut by the core); the
   * whole message is then fetched and replaces it (see openFull).
   */
  openMessage: Message | null;
  /** Fetching the whole open message: 'loading' while a preview is shown, 'error' when that failed. */
  openFull: FullMessageState;
  /** Why fetching the whole message failed (English, from the core). */
  openFullError: string | null;
  dialog: DialogState;
  notices: Notice[];
  noticeSeq: number;
  setQuery(patch: Partial<ViewQuery>): void;
  /**
   * Shows the sidebar entry above (-1) or below (+1) the current one: the views (All, Unread, Starred) then the
   * feeds, or with `feedsOnly` "All messages" and the feeds. Returns the entry's key ('all', 'unread',
   * 'starred' or a feed id).
   */
  selectAdjacent(delta: -1 | 1, feedsOnly?: boolean): string;
  setActive(id: number | null): void;
  openMessageById(id: number): Promise<void>;
  openMessageObject(message: Message): void;
  /** Fetches the whole data of the open message when it is a preview (again after an error). */
  loadFullMessage(): Promise<void>;
  closeMessage(): void;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  notify(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
  /** Opens a link in the user's browser through main (which accepts http(s) only). */
  openLink(url: string): void;
  openLogs(): Promise<void>;
  /** The support text of "Copy diagnostics" (versions, feed states, recent errors). */
  appDiagnostics(): Promise<Result<string>>;
}

/** What the user does to messages: select, star, mark unread, delete (with undo), clear a feed. */
export interface ActionsSlice {
  /** Ids picked with Ctrl/⌘+click or Shift+click; actions apply to these, else to the active message. */
  selected: number[];
  toggleSelected(id: number): void;
  selectRange(toId: number): void;
  clearSelection(): void;
  /** The ids an action applies to: the selection, else the active (or open) message. */
  targetIds(): number[];
  toggleStar(ids: number[]): Promise<void>;
  /** Marks read if any is unread, else unread. */
  toggleRead(ids: number[]): Promise<void>;
  markUnread(ids: number[]): Promise<void>;
  /** Hides the messages at once and deletes them after a few seconds unless Undo is pressed. */
  deleteMessages(ids: number[]): void;
  clearFeed(feedId: string): Promise<void>;
  /**
   * Every message of the current view (feed, search, filters), whole, newest first, read page by page from the
   * database; at most `max`.
   */
  viewMessages(max: number): Promise<Result<Message[]>>;
  /** Moves to (and opens, when a message is open) the next unread message below the active one. */
  nextUnread(): boolean;
  /** Sends a message's `http` action from main (only after the user confirmed it in the dialog). */
  runAction(messageId: number, action: number): Promise<Result<ActionOutcome>>;
  /** Main asks where to save the attachment (save dialog), then downloads it there. */
  downloadAttachment(messageId: number, attachment: number): Promise<Result<DownloadOutcome>>;
}

export type AppState = FeedsSlice & ConnectionSlice & SettingsSlice & MessagesSlice & UiSlice & ActionsSlice;
