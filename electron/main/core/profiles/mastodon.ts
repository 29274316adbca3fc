/**
 * Mastodon streaming (https://docs.joinmastodon.org/methods/streaming/): `GET /api/v1/streaming/<stream>`
 * (`user`, `public`, `public/local`, `hashtag?tag=`, `list?list=`, `direct`) or `/api/v1/streaming?stream=…`,
 * authorised with `Authorization: Bearer <token>` or the `access_token` query parameter. Events: `update` and
 * `status.update` (a Status), `notification` (a Notification), `delete` (a status id), `conversation`,
 * `announcement`; `filters_changed` and `notifications_merged` carry no message (control). Heartbeats are
 * comments (`:thump`). There is no replay: nothing resumes. A status `content` is HTML; it becomes plain text with
 * its links kept, never rendered (https://docs.joinmastodon.org/entities/Status/#content).
 */
import {
  asRecord,
  ATTACHMENTS_MAX,
  cap,
  emptyMapped,
  httpUrl,
  jsonObject,
  plainTags,
  text,
  timeOf,
  TITLE_MAX,
  BODY_MAX,
  type JsonRecord,
} from './fields';
import { htmlToText } from './html-text';
import { authToQuery, bearerToken, withoutHeader } from './request';
import type { MappedMessage, MessageAttachment, ServerProfile } from './types';

const CONTROL_EVENTS = new Set(['filters_changed', 'notifications_merged']);

function accountName(value: unknown): string | null {
  const account = asRecord(value);
  if (!account) return null;
  const display = text(account, 'display_name', 100);
  const acct = text(account, 'acct', 200);
  if (display && acct) return `${display} (@${acct})`;
  return display ?? (acct ? `@${acct}` : null);
}

function statusText(status: JsonRecord): string | null {
  const content = typeof status.content === 'string' ? htmlToText(status.content) : '';
  const spoiler = text(status, 'spoiler_text');
  const joined = [spoiler, content].filter((part) => part).join('\n\n');
  return joined === '' ? null : cap(joined, BODY_MAX);
}

function mediaOf(status: JsonRecord): MessageAttachment[] {
  const media = Array.isArray(status.media_attachments) ? status.media_attachments : [];
  const out: MessageAttachment[] = [];
  for (const item of media) {
    const record = asRecord(item);
    const url = httpUrl(record?.url);
    if (!record || url === null) continue;
    out.push({
      name: text(record, 'description', 255) ?? new URL(url).pathname.split('/').pop() ?? url,
      type: text(record, 'type', 50),
      size: null,
      url,
      expiresAt: null,
    });
    if (out.length === ATTACHMENTS_MAX) break;
  }
  return out;
}

function hashtags(status: JsonRecord): string[] {
  const tags = Array.isArray(status.tags) ? status.tags : [];
  return tags.map((tag) => text(asRecord(tag), 'name', 64)).filter((name): name is string => name !== null);
}

/** A Status (following a boost to the boosted status, named with both accounts). */
function mapStatus(value: unknown, into: MappedMessage): MappedMessage {
  const outer = asRecord(value);
  if (!outer) return into;
  const boosted = asRecord(outer.reblog);
  const status = boosted ?? outer;
  const author = accountName(status.account);
  const booster = boosted ? accountName(outer.account) : null;
  into.title = booster && author ? cap(`${booster} 🔁 ${author}`, TITLE_MAX) : author;
  into.body = statusText(status);
  into.link = httpUrl(status.url) ?? httpUrl(status.uri);
  into.icon = httpUrl(asRecord(status.account)?.avatar);
  into.attachments = mediaOf(status);
  into.tags = plainTags(hashtags(status).slice(0, 20));
  into.time = timeOf(status.created_at);
  into.serverId = text(outer, 'id', 100);
  return into;
}

export const mastodon: ServerProfile = {
  id: 'mastodon',
  docs: 'https://docs.joinmastodon.org/methods/streaming/',
  resume: 'none',
  matchesUrl: (url) => /^\/api\/v1\/streaming(\/|$)/.test(url.pathname),
  recognises: () => null,
  request(feed) {
    const plan = { url: feed.url, headers: withoutHeader(feed.headers, 'Last-Event-ID') };
    return authToQuery(plan, feed, 'access_token', bearerToken);
  },
  isControl: (event) => CONTROL_EVENTS.has(event.type),
  cursorOf: () => null,
  map(event) {
    const mapped = emptyMapped(null);
    if (event.type === 'delete') {
      mapped.serverId = event.data.trim() || null;
      return mapped;
    }
    const record = jsonObject(event.data);
    if (!record) return mapped;
    switch (event.type) {
      case 'update':
      case 'status.update':
        return mapStatus(record, mapped);
      case 'notification': {
        const status = asRecord(record.status);
        if (status) mapStatus(status, mapped);
        mapped.title = accountName(record.account) ?? mapped.title;
        const kind = text(record, 'type', 50);
        mapped.tags = plainTags(kind ? [kind] : []);
        mapped.serverId = text(record, 'id', 100);
        mapped.time = timeOf(record.created_at) ?? mapped.time;
        return mapped;
      }
      case 'conversation':
        return mapStatus(record.last_status, mapped);
      case 'announcement':
        mapped.body = typeof record.content === 'string' ? cap(htmlToText(record.content), BODY_MAX) : null;
        mapped.serverId = text(record, 'id', 100);
        mapped.time = timeOf(record.published_at);
        return mapped;
      default:
        return mapped;
    }
  },
};
