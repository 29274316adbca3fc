/**
 * Wikimedia EventStreams (https://wikitech.wikimedia.org/wiki/Event_Platform/EventStreams_HTTP_Service):
 * `GET https://stream.wikimedia.org/v2/stream/<stream>[,<stream>…]`. Every event is JSON with a `meta` object
 * (`meta.dt` the event time, `meta.id` a unique id, `meta.domain` the wiki). Canary events
 * (`meta.domain == "canary"`, sent so Wikimedia can tell a stream is alive) are control traffic: "filter them
 * out". Resuming uses `?since=<ISO 8601 time>` (historical consumption): the stream restarts at the first event at
 * or after that time, so the event at the cursor itself comes again; the cursor carries its `meta.id` and the
 * replay filter drops everything up to it. Summary (recentchange): `title`, `user`, `comment`, `server_name`.
 */
import {
  asRecord,
  cap,
  emptyMapped,
  firstText,
  httpUrl,
  jsonObject,
  plainTags,
  text,
  timeOf,
  TITLE_MAX,
} from './fields';
import { withParams, withoutHeader } from './request';
import type { ProfileEvent, ServerProfile } from './types';

interface Meta {
  dt: string | null;
  id: string | null;
  domain: string | null;
}

function metaOf(event: ProfileEvent): Meta | null {
  const meta = jsonObject(event.data)?.meta;
  if (typeof meta !== 'object' || meta === null) return null;
  const { dt, id, domain } = meta as Record<string, unknown>;
  return {
    dt: typeof dt === 'string' ? dt : null,
    id: typeof id === 'string' ? id : null,
    domain: typeof domain === 'string' ? domain : null,
  };
}

/** The cursor is `<meta.dt> <meta.id>`: the time to resume from, and the last event stored at that time. */
function splitCursor(cursor: string): { since: string; id: string | null } {
  const space = cursor.indexOf(' ');
  return space === -1 ? { since: cursor, id: null } : { since: cursor.slice(0, space), id: cursor.slice(space + 1) };
}

export const wikimedia: ServerProfile = {
  id: 'wikimedia',
  docs: 'https://wikitech.wikimedia.org/wiki/Event_Platform/EventStreams_HTTP_Service',
  resume: 'since',
  matchesUrl: (url) => url.hostname === 'stream.wikimedia.org' || /^\/v2\/stream\/[^/]+$/.test(url.pathname),
  recognises(event) {
    const meta = metaOf(event);
    return meta === null ? false : meta.dt !== null && meta.domain !== null ? true : null;
  },
  request(feed, cursor) {
    const headers = withoutHeader(feed.headers, 'Last-Event-ID');
    if (cursor === null || cursor === '') return { url: feed.url, headers };
    return { url: withParams(feed.url, { since: splitCursor(cursor).since }), headers };
  },
  isControl: (event) => metaOf(event)?.domain === 'canary',
  cursorOf(event) {
    const meta = metaOf(event);
    if (!meta?.dt) return null;
    return meta.id ? `${meta.dt} ${meta.id}` : meta.dt;
  },
  replayFilter(cursor) {
    const { since, id } = splitCursor(cursor);
    const sinceMs = Date.parse(since);
    let passed = id === null;
    return (event) => {
      if (passed) return false;
      const meta = metaOf(event);
      const at = meta?.dt ? Date.parse(meta.dt) : NaN;
      if (Number.isNaN(at) || Number.isNaN(sinceMs) || at > sinceMs) {
        passed = true;
        return false;
      }
      if (meta?.id === id) passed = true;
      return true;
    };
  },
  map(event) {
    const record = jsonObject(event.data);
    const meta = metaOf(event);
    const mapped = emptyMapped(meta?.id ?? event.lastEventId);
    if (!record) return mapped;
    const page = firstText(record, ['title', 'page_title'], TITLE_MAX);
    const server = text(record, 'server_name', 100) ?? meta?.domain ?? null;
    mapped.title = page && server ? cap(`${server}: ${page}`, TITLE_MAX) : (page ?? server);
    const user = text(record, 'user', 100) ?? text(record, 'performer', 100);
    const comment = text(record, 'comment') ?? text(record, 'parsedcomment');
    mapped.body = [user, comment].filter((part) => part !== null).join(' — ') || null;
    const kind = text(record, 'type', 50);
    mapped.tags = plainTags(kind ? [kind] : []);
    const notify = httpUrl(record.notify_url);
    const pageUrl = httpUrl(record.title_url) ?? httpUrl(asRecord(record.meta)?.uri);
    mapped.link = notify ?? pageUrl;
    mapped.time = timeOf(meta?.dt) ?? timeOf(record.timestamp);
    return mapped;
  },
};
