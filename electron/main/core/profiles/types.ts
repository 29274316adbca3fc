/**
 * Server profiles: what Tidings knows about the servers people actually run. A profile says how to connect and
 * resume, which events are control traffic (never stored, listed or notified, but activity for the watchdog), and
 * how a message maps to title, body, priority, tags, link, icon, attachments and actions. Pure: no I/O, no clock.
 */

export const PROFILE_IDS = ['generic', 'ntfy', 'mercure', 'nchan', 'wikimedia', 'mastodon', 'smee', 'couchdb'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
/** A feed's profile setting: detected automatically, or chosen by the user. */
export type ProfileSetting = 'auto' | ProfileId;

/** 1 = min, 2 = low, 3 = default, 4 = high, 5 = urgent (ntfy's scale, which every profile maps onto). */
export type Priority = 1 | 2 | 3 | 4 | 5;

export interface MessageTag {
  name: string;
  /** The emoji a known tag name stands for (ntfy's tag → emoji rule); null for other tags. */
  emoji: string | null;
}

export interface MessageAttachment {
  name: string;
  /** MIME type when the server says it. */
  type: string | null;
  /** Bytes, when the server says it. */
  size: number | null;
  /** Where to fetch it, on request only (http/https). */
  url: string;
  /** Epoch ms after which the server no longer serves it. */
  expiresAt: number | null;
}

export type MessageAction =
  /** Open a URL in the browser (http/https only). */
  | { kind: 'view'; label: string; url: string }
  /** Send an HTTP request from main, after the user confirmed method and URL. */
  | { kind: 'http'; label: string; url: string; method: string; headers: Record<string, string>; body: string | null };

/** What a profile reads out of one message. Every field may be empty: the raw data is always kept. */
export interface MappedMessage {
  title: string | null;
  /** Plain text, never HTML. */
  body: string | null;
  /** Null when the message states none (treated as 3). */
  priority: Priority | null;
  tags: MessageTag[];
  /** http(s) only. */
  link: string | null;
  /** http(s) only; never fetched by the page (the renderer shows it only through main, if at all). */
  icon: string | null;
  attachments: MessageAttachment[];
  actions: MessageAction[];
  /** The server's own id for this message (ntfy's JSON id, the SSE id elsewhere): matches a publish answer. */
  serverId: string | null;
  /** When the server says the message was made, epoch ms. */
  time: number | null;
}

/** One dispatched SSE event as a profile sees it. */
export interface ProfileEvent {
  /** The SSE event type (`message` when the server sent none). */
  type: string;
  data: string;
  /** The stream's last event id as the standard defines it after this event (null when none). */
  lastEventId: string | null;
}

/** What a profile needs of a feed to build its request. */
export interface ProfileFeed {
  url: string;
  /** Request headers, secrets already decrypted. */
  headers: Record<string, string>;
  /**
   * Send the Authorization header's credentials as the server's query parameter instead (ntfy `auth`, Mercure
   * `authorization`, Mastodon `access_token`), for proxies that strip headers.
   */
  authInQuery?: boolean;
  /** ntfy only: what to fetch on the very first subscribe (no cursor yet): e.g. `10m`, `all`; null = nothing. */
  firstSince?: string | null;
}

/** The request a profile asks the engine to make. */
export interface RequestPlan {
  url: string;
  headers: Record<string, string>;
}

/** How a profile resumes after a drop or a restart. */
export type ResumeStyle = 'last-event-id' | 'since' | 'none';

export interface ServerProfile {
  id: ProfileId;
  /** Where the server documents its wire format (cited in the README and diagnostics). */
  docs: string;
  resume: ResumeStyle;
  /** True when the URL alone says this is the server (e.g. `/.well-known/mercure`). */
  matchesUrl(url: URL): boolean;
  /**
   * Looks at one of the first events of a feed the URL did not identify: true = this server, false = not this
   * server, null = cannot tell from this event.
   */
  recognises(event: ProfileEvent): boolean | null;
  /** The request for a connection, given the cursor stored for the feed (null on the first subscribe). */
  request(feed: ProfileFeed, cursor: string | null): RequestPlan;
  /** Control traffic: counted as activity, shown in diagnostics, never stored, listed or notified. */
  isControl(event: ProfileEvent): boolean;
  /**
   * The cursor after this (non-control) event, for profiles that resume with `since=`; for `last-event-id`
   * profiles the stream's own last event id is the cursor and this returns it.
   */
  cursorOf(event: ProfileEvent): string | null;
  /**
   * For servers whose `since=` is inclusive: a connection resumed from `cursor` first gets again what was
   * already stored; the predicate (one per connection) says which of its first events to drop.
   */
  replayFilter?(cursor: string): (event: ProfileEvent) => boolean;
  map(event: ProfileEvent): MappedMessage;
}
