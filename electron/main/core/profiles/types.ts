/**
 * Server profiles: what Tidings knows about the servers people actually run. A profile says how to connect and
 * resume, which events are control traffic (never stored, listed or notified, but activity for the watchdog), and
 * how a message maps to title, body, priority, tags, link, icon, attachments and actions. Pure: no I/O, no clock.
 */

import type { MessageFields, ProfileId } from '../../../../shared/message-fields';

export {
  PROFILE_IDS,
  type ProfileId,
  type ProfileSetting,
  type Priority,
  type MessageTag,
  type MessageAttachment,
  type MessageAction,
} from '../../../../shared/message-fields';

/** What a profile reads out of one message (stored as the message's fields). */
export type MappedMessage = MessageFields;

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
