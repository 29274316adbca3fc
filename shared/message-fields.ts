/**
 * What a server profile reads out of a message (core/profiles), stored with it and shown by the window: title,
 * body, priority, tags, link, icon, attachments and actions. Also the profile names a feed can be set to.
 */

export const PROFILE_IDS = ['generic', 'ntfy', 'mercure', 'nchan', 'wikimedia', 'mastodon', 'smee', 'couchdb'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
/** A feed's profile setting: detected automatically, or chosen by the user. */
export type ProfileSetting = 'auto' | ProfileId;

export function isProfileSetting(value: unknown): value is ProfileSetting {
  return value === 'auto' || (PROFILE_IDS as readonly unknown[]).includes(value);
}

/** 1 = min, 2 = low, 3 = default, 4 = high, 5 = urgent (ntfy's scale, which every profile maps onto). */
export type Priority = 1 | 2 | 3 | 4 | 5;
/** A message that states no priority counts as this. */
export const DEFAULT_PRIORITY: Priority = 3;

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

/** What sending one message from the composer gave: sent (with the id the server named), or why not. */
export type PublishOutcome =
  | { ok: true; status: number; messageId: string | null }
  | {
      ok: false;
      /** http: the server refused (status, its own error text); redirect; network; timeout; no-target: this feed's
       * server has no publishing Tidings knows; invalid-target; not-found. */
      failure: 'http' | 'redirect' | 'network' | 'timeout' | 'invalid-target' | 'no-target' | 'not-found';
      status: number | null;
      error: string;
    };

/** What a profile reads out of one message. Every field may be empty: the raw data is always kept. */
export interface MessageFields {
  title: string | null;
  /** Plain text, never HTML. */
  body: string | null;
  /** Null when the message states none (counts as DEFAULT_PRIORITY). */
  priority: Priority | null;
  tags: MessageTag[];
  /** http(s) only. */
  link: string | null;
  /** http(s) only; never fetched by the page. */
  icon: string | null;
  attachments: MessageAttachment[];
  actions: MessageAction[];
  /** The server's own id for this message (ntfy's JSON id, the SSE id elsewhere): matches a publish answer. */
  serverId: string | null;
  /** When the server says the message was made, epoch ms. */
  time: number | null;
  /** The echo of a message sent from this app (the server's answer named this message's id). */
  sentHere?: boolean;
}

/** What running a message's `http` action gave (after the user confirmed it): the status, or why not. */
export type ActionOutcome =
  | { ok: true; status: number }
  | {
      ok: false;
      /** http: the server answered with an error status (status, its own error text); redirect (not followed with
       * credentials); network; timeout; invalid-target (not http(s)); not-found (the message or action is gone). */
      failure: 'http' | 'redirect' | 'network' | 'timeout' | 'invalid-target' | 'not-found';
      status: number | null;
      error: string;
    };

/** What downloading an attachment gave: saved (where, how many bytes), the user cancelled the save dialog, or why not. */
export type DownloadOutcome =
  | { ok: true; status: number; bytes: number; fileName: string }
  | { ok: false; failure: 'canceled'; status: null; error: string }
  | {
      ok: false;
      /** unavailable: this host cannot ask where to save (no save dialog). too-large: over the size cap. write:
       * the file could not be written. The others as for actions. */
      failure: 'http' | 'network' | 'timeout' | 'invalid-target' | 'not-found' | 'unavailable' | 'too-large' | 'write';
      status: number | null;
      error: string;
    };

/**
 * Where a feed's composer publishes (filled in from the feed's profile, editable in the feed editor):
 * - ntfy: POST the text to the topic URL, with the optional default title, priority and tags
 *   (https://docs.ntfy.sh/publish/);
 * - Mercure: POST a form (`topic`…, `data`, `private`) to the hub with the publisher token (mercure.rocks/spec);
 * - Nchan: POST the text to its publisher location (https://nchan.io/#publishing-messages);
 * - generic: method, URL, content type and a body template in which `{{text}}` stands for the message.
 */
export type PublishTargetSetting =
  | { kind: 'ntfy'; url: string; title?: string; priority?: Priority; tags?: string[] }
  | { kind: 'mercure'; url: string; topics: string[]; private: boolean }
  | { kind: 'nchan'; url: string }
  | { kind: 'generic'; method: PublishMethod; url: string; contentType: string; bodyTemplate: string };

export const PUBLISH_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export type PublishMethod = (typeof PUBLISH_METHODS)[number];

/** What Tidings fetches on an ntfy feed's very first subscribe (no cursor yet): nothing, 10 minutes, or all cached. */
export type FirstSince = 'none' | '10m' | 'all';

/** A feed's server options, as the window sees them (secrets never: only whether one is stored). */
export interface FeedServerOptions {
  /** ntfy: what the first subscribe fetches. Absent: none. */
  firstSince?: FirstSince;
  /**
   * Send the Authorization header's credentials as the server's query parameter (ntfy `?auth=`, Mercure
   * `?authorization=`, Mastodon `?access_token=`), for proxies that strip headers. The header stays a secret.
   */
  authInQuery?: boolean;
  /** The composer's target. Absent: the profile's default for the URL; null: this feed does not publish. */
  publish?: PublishTargetSetting | null;
  /** A Mercure publisher token is stored (encrypted; never sent to the window). */
  hasPublishToken?: boolean;
}
