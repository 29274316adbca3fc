/**
 * Domain types shared by main and renderer. No Node, no DOM, no Electron here.
 */

import type { Reason } from './reason';

import type { FeedServerOptions, MessageFields, Priority, ProfileId, ProfileSetting } from './message-fields';
import type { FeedColour } from './rules';

export type FeedId = string;

/**
 * A feed's state: the one vocabulary of feed states, shared by core, the tray and the window.
 * idle → connecting → open → reconnecting ↺ → stopped (with a reason) | paused; `disabled` while the user has
 * turned the feed off. (The tray's icon is a different thing — the whole app at a glance, do-not-disturb
 * included — and is derived from these with `needsAttention`.)
 */
export type FeedState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped' | 'paused' | 'disabled';

/** A feed the user should look at: stopped for a reason, or retrying after a failure. */
export function needsAttention(state: FeedState): boolean {
  return state === 'stopped' || state === 'reconnecting';
}

export interface FeedCounters {
  events: number;
  bytes: number;
  reconnects: number;
  lastEventAt: number | null;
  lastErrorAt: number | null;
  lastError: Reason | null;
}

/**
 * Who paused a feed: the user, this feed alone (`feed`) or every feed from the window (`user`); the tray's
 * "Pause all" (`tray`); the computer going to sleep (`sleep`) or offline (`offline`).
 */
export type PauseSource = 'feed' | 'user' | 'tray' | 'sleep' | 'offline';
export const PAUSE_SOURCES: readonly PauseSource[] = ['feed', 'user', 'tray', 'sleep', 'offline'];

export interface FeedStatus {
  feedId: FeedId;
  state: FeedState;
  /** Why the feed is stopped or reconnecting; null in every other state. */
  reason: Reason | null;
  /** Epoch ms of the next connection attempt while reconnecting. */
  retryAt: number | null;
  lastEventId: string | null;
  counters: FeedCounters;
  /** While paused: who paused it. */
  pausedBy?: PauseSource;
}

export interface HeaderView {
  name: string;
  secret: boolean;
  /** Clear value for plain headers; always null for secret headers (secrets never leave main). */
  value: string | null;
  /**
   * True when the header has no value yet — a secret left out of an export — so the feed stops with
   * `{ kind: 'headerNeedsValue' }` until one is entered in the editor.
   */
  needsValue?: boolean;
}

export type NotifyMode = 'off' | 'all' | 'types';

/** A feed's notification sound: the system's default, or none (Electron Notification `silent`). */
export type NotifySound = 'default' | 'none';

export interface NotificationRule {
  mode: NotifyMode;
  /** Absent: the system's default sound. */
  sound?: NotifySound;
  /** With mode 'types': only these event types notify. */
  types: string[];
  /** Keyword filters on the message text (case-insensitive). Empty = no filter. */
  include: string[];
  exclude: string[];
  /**
   * Messages below this priority (MessageFields.priority; none stated counts as 3) are stored silently. Absent: 3,
   * so low-priority messages (1–2) never notify unless the user lowers it.
   */
  minPriority?: Priority;
}

export interface Feed {
  id: FeedId;
  name: string;
  url: string;
  headers: HeaderView[];
  /** Event types to keep; empty = all types. */
  eventTypes: string[];
  notify: NotificationRule;
  /** Watchdog: reconnect when no bytes arrive for this long. */
  idleTimeoutSec: number;
  enabled: boolean;
  createdAt: number;
  /**
   * The feed's server profile (core/profiles): 'auto' detects it from the URL and the first events, and keeps
   * what the events showed; the user may choose one. Absent: 'auto'.
   */
  profile?: ProfileSetting;
  /** PEM of a CA certificate trusted for this feed only (a self-hosted server with a private CA); absent: none. */
  trustedCa?: string;
  /** Server options: ntfy's first subscribe, credentials in the query, the composer's publish target. */
  server?: FeedServerOptions;
  /** Muted: its messages are stored and listed, never notified, and left out of the tray's / badge's count. */
  muted?: boolean;
  /** False: its messages arrive read (never counted as unread anywhere). Absent: true. */
  countUnread?: boolean;
  /** The colour the user chose from the palette; absent: chosen automatically. */
  colour?: FeedColour;
}

export interface Message {
  /** Database row id: stable, monotonically increasing per store. */
  id: number;
  feedId: FeedId;
  type: string;
  eventId: string | null;
  /** The event data; only its first characters when `preview` is true. */
  data: string;
  truncated: boolean;
  receivedAt: number;
  read: boolean;
  /** Replayed by the server after a resume (Last-Event-ID). */
  backfill: boolean;
  /** Starred by the user (kept in the "Starred" view). */
  starred: boolean;
  /** Size of the full stored data in bytes (UTF-8), also when `data` is only a preview. */
  size: number;
  /** A message cut at the size cap (`truncated`): its data's size in bytes as the server sent it. */
  originalSize?: number;
  /**
   * True when `data` holds only the first characters (UTF-16 code units, at most the core's preview length) of
   * the stored data: list pages and pushes carry previews; `messages:get` returns the whole data (preview false).
   */
  preview: boolean;
  /** What the feed's server profile read out of the message (title, body, priority, tags…); null/absent: nothing. */
  fields?: MessageFields | null;
}

export interface MessagePage {
  items: Message[];
  /** Opaque cursor for the next (older) page; null at the end. */
  next: string | null;
}

export type UnreadCounts = Record<FeedId, number>;

export interface RawFrame {
  at: number;
  /** The raw text as received (capped), for the stream inspector. */
  text: string;
}

/** "Test connection": one request with a feed's settings, before saving it. */
export interface ConnectionTest {
  /** The response status; null when no response came (network, TLS, timeout). */
  status: number | null;
  /** The URL answered (after redirects). */
  url: string;
  headers: { name: string; value: string }[];
  /** The first events (up to 3), their data cut for display. */
  events: { type: string; id: string | null; data: string; truncated: boolean }[];
  /** Why the feed would not receive with these settings; null: an event stream, it works. */
  reason: Reason | null;
}

/** One header of an HTTP exchange as diagnostics show it; a secret's value never leaves core (`masked`). */
export interface ExchangeHeader {
  name: string;
  /** '' when masked. */
  value: string;
  /** A secret (the feed's secret headers, credentials): its value is left out. */
  masked?: boolean;
}

/** The feed's last request and the answer to it, for the stream inspector. */
export interface HttpExchange {
  /** When the request was sent (epoch ms). */
  at: number;
  /** As sent: the URL (secret-looking query values masked) and the headers (secret values masked). */
  request: { url: string; headers: ExchangeHeader[] };
  /** The answer's status and headers; null while waiting or when none came (a network failure). */
  response: { status: number; url: string; headers: ExchangeHeader[] } | null;
}

export interface FeedDiagnostics {
  status: FeedStatus;
  frames: RawFrame[];
  /** The last request sent and its response; null before the first one. */
  exchange?: HttpExchange | null;
  /**
   * The feed's server profile at work: which one (detected from the URL or the first events, or still waiting to
   * tell), and the control events it kept out of the history (ntfy keepalives, Nchan pings…). Absent: none.
   */
  profile?: {
    profile: ProfileId;
    detected: boolean;
    controlEvents: number;
    lastControlAt: number | null;
  };
}

export type DndMode = 'off' | 'until' | 'quiet-hours';
export type ThemeSetting = 'system' | 'light' | 'dark';
export type LanguageSetting = 'system' | 'en' | 'zh-CN';

export interface Settings {
  dnd: {
    mode: DndMode;
    /** With mode 'until': epoch ms when do-not-disturb ends. */
    until: number | null;
    /** Quiet hours, local time "HH:MM". */
    quietStart: string;
    quietEnd: string;
  };
  /** More than this many messages from one feed within a minute become one digest notification. */
  digestThreshold: number;
  retention: { maxPerFeed: number; maxAgeDays: number };
  startAtLogin: boolean;
  closeToTray: boolean;
  theme: ThemeSetting;
  language: LanguageSetting;
}

export const defaultSettings: Settings = {
  dnd: { mode: 'off', until: null, quietStart: '22:00', quietEnd: '07:00' },
  digestThreshold: 5,
  retention: { maxPerFeed: 100_000, maxAgeDays: 90 },
  startAtLogin: false,
  closeToTray: true,
  theme: 'system',
  language: 'system',
};

export interface Snapshot {
  feeds: Feed[];
  statuses: FeedStatus[];
  unread: UnreadCounts;
  messages: MessagePage;
  settings: Settings;
  /** The OS / app locale, used when the language setting is 'system'. */
  systemLocale: string;
  version: string;
}

export interface NavigateRequest {
  messageId: number;
  feedId: FeedId;
  /** A notification's `http` action button: open the message at this action's confirmation (never send it). */
  action?: number;
}
