/**
 * Rules that core, main and the window must apply alike, each written once: what counts as an http(s) URL (feeds
 * and links), what a header name may be, the idle timeout's range and a new feed's defaults, how a search splits
 * into terms, and when "tomorrow morning" is.
 */
import type { Problem } from './problem';

// ---- URLs ----------------------------------------------------------------------------------------------------

export type UrlCheck = { ok: true; href: string } | { ok: false; problem: Problem };

/**
 * The one URL rule, for feeds and for links: an absolute http: or https: URL with a host and without a user name
 * or password (credentials in a URL end up in logs, exports and the window; feeds send them as a header, and a
 * link carrying them is not opened). Any port is fine. `href` is the WHATWG serialisation — what is stored and
 * shown (`HTTP://Host/x` → `http://host/x`, `https:/ntfy.sh/a` → `https://ntfy.sh/a`).
 */
export function checkHttpUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: { kind: 'url' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: { kind: 'urlScheme', scheme: url.protocol.replace(/:$/, '') } };
  }
  if (url.hostname === '') return { ok: false, problem: { kind: 'url' } };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: { kind: 'urlCredentials' } };
  return { ok: true, href: url.href };
}

export const isHttpUrl = (raw: string): boolean => checkHttpUrl(raw).ok;

/** The URL as stored and compared: its WHATWG serialisation, or the trimmed text when it does not parse. */
export function normaliseUrl(raw: string): string {
  try {
    return new URL(raw.trim()).href;
  } catch {
    return raw.trim();
  }
}

// ---- headers -------------------------------------------------------------------------------------------------

/** RFC 9110 token: what an HTTP header name may be. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const isHeaderName = (name: string): boolean => HEADER_NAME.test(name);

// ---- feeds ---------------------------------------------------------------------------------------------------

/** The watchdog's idle timeout, in whole seconds. */
export const IDLE_TIMEOUT_SEC = { min: 5, max: 3600, default: 45 } as const;

/** What a new feed starts with (the editor's empty form, `--add-feed`, an import entry's missing fields). */
export const FEED_DEFAULTS = {
  name: '',
  headers: [] as { name: string; value: string | null; secret: boolean }[],
  eventTypes: [] as string[],
  notify: {
    mode: 'all' as 'off' | 'all' | 'types',
    types: [] as string[],
    include: [] as string[],
    exclude: [] as string[],
  },
  idleTimeoutSec: IDLE_TIMEOUT_SEC.default as number,
  enabled: true,
};

/** A new feed's input for a URL: the defaults, fresh arrays each time. */
export function defaultFeedInput(url: string): typeof FEED_DEFAULTS & { url: string } {
  return {
    ...FEED_DEFAULTS,
    url,
    headers: [],
    eventTypes: [],
    notify: { mode: FEED_DEFAULTS.notify.mode, types: [], include: [], exclude: [] },
  };
}

// ---- feed colours -------------------------------------------------------------------------------------------

/**
 * The palette of feed colours: a feed takes one automatically (renderer/src/lib/feed-colour.ts), or the one the
 * user chose. Decorative: the feed's name is always written beside it.
 */
export const FEED_COLOURS = [
  '#2f7fd1',
  '#c2410c',
  '#15803d',
  '#9333ea',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4f46e5',
] as const;
export type FeedColour = (typeof FEED_COLOURS)[number];

// ---- search --------------------------------------------------------------------------------------------------

/** The terms of a search as the full-text search uses them (and the window highlights): at most 16 words. */
export function searchTerms(text: string): string[] {
  return text
    .split(/[\s"]+/u)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, 16);
}

// ---- time ----------------------------------------------------------------------------------------------------

/** "Until tomorrow morning": the next local 08:00 after `now` (today's if it is still before 08:00). */
export function nextMorning(now: number, hour = 8): number {
  const date = new Date(now);
  date.setHours(hour, 0, 0, 0);
  if (date.getTime() <= now) date.setDate(date.getDate() + 1);
  return date.getTime();
}
