/**
 * ntfy (https://docs.ntfy.sh/subscribe/api/#subscribe-as-sse-stream): `GET /<topic>[,<topic>…]/sse`. Every event
 * is JSON `{id, time, event, topic, …}`; `event: open` on connect and `event: keepalive` (every 45 s by default)
 * are control traffic, messages have no `event:` line (type `message`). The stream carries no `id:` lines: the id
 * is inside the JSON, and resuming means `?since=<last message id>` ("Fetching cached messages": since takes a
 * duration, a Unix time, a message id, or `all`). Fields (https://docs.ntfy.sh/subscribe/api/#json-message-format,
 * https://docs.ntfy.sh/publish/): `title`, `message`, `priority` 1–5, `tags` (emoji short codes become emoji),
 * `click`, `icon`, `attachment {name, type, size, expires, url}`, `actions` (`view`, `http`; `broadcast` is
 * Android-only and skipped), `time` (Unix seconds). Auth: Bearer/Basic header, or `?auth=` holding the header
 * value in raw (unpadded) base64url (https://docs.ntfy.sh/publish/#query-param).
 */
import { emojiTags } from './emoji';
import {
  ACTIONS_MAX,
  asRecord,
  emptyMapped,
  httpUrl,
  jsonObject,
  priorityOf,
  tagNames,
  text,
  timeOf,
  TITLE_MAX,
  type JsonRecord,
} from './fields';
import { authToQuery, withParams, withoutHeader } from './request';
import type { MessageAction, MessageAttachment, ProfileEvent, ServerProfile } from './types';

const CONTROL_EVENTS = new Set(['open', 'keepalive', 'poll_request', 'message_delete', 'message_clear']);

function eventKind(event: ProfileEvent): string {
  const kind = jsonObject(event.data)?.event;
  return typeof kind === 'string' ? kind : event.type;
}

function attachmentOf(value: unknown): MessageAttachment | null {
  const record = asRecord(value);
  const url = httpUrl(record?.url);
  if (!record || url === null) return null;
  const size = record.size;
  return {
    name: text(record, 'name', 255) ?? new URL(url).pathname.split('/').pop() ?? url,
    type: text(record, 'type', 255),
    size: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : null,
    url,
    expiresAt: timeOf(record.expires),
  };
}

function stringHeaders(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(asRecord(value) ?? {})) if (typeof v === 'string') out[name] = v;
  return out;
}

function actionOf(record: JsonRecord): MessageAction | null {
  const label = text(record, 'label', 100);
  const url = httpUrl(record.url);
  if (label === null || url === null) return null;
  if (record.action === 'view') return { kind: 'view', label, url };
  if (record.action !== 'http') return null;
  const method = typeof record.method === 'string' && /^[A-Za-z]+$/.test(record.method) ? record.method : 'POST';
  const body = typeof record.body === 'string' ? record.body : null;
  return { kind: 'http', label, url, method: method.toUpperCase(), headers: stringHeaders(record.headers), body };
}

/** The topic URL (`https://host/a,b`) a `…/a,b/sse` subscription reads (shared with the window's editor). */
export { ntfyTopicUrl } from '../../../../shared/publish-target';

export const ntfy: ServerProfile = {
  id: 'ntfy',
  docs: 'https://docs.ntfy.sh/subscribe/api/',
  resume: 'since',
  matchesUrl: (url) => /(^|\.)ntfy\./i.test(url.hostname) && /^\/[^/]+\/sse$/.test(url.pathname),
  recognises(event) {
    const record = jsonObject(event.data);
    if (!record) return false;
    const kind = record.event;
    return (
      (kind === 'open' || kind === 'keepalive' || kind === 'message') &&
      event.type === kind &&
      typeof record.id === 'string' &&
      typeof record.time === 'number' &&
      typeof record.topic === 'string'
    );
  },
  request(feed, cursor) {
    const since = cursor ?? feed.firstSince ?? null;
    const plan = {
      url: since === null ? feed.url : withParams(feed.url, { since }),
      headers: withoutHeader(feed.headers, 'Last-Event-ID'),
    };
    return authToQuery(plan, feed, 'auth', (value) => Buffer.from(value, 'utf8').toString('base64url'));
  },
  isControl: (event) => CONTROL_EVENTS.has(eventKind(event)),
  cursorOf(event) {
    const record = jsonObject(event.data);
    return typeof record?.id === 'string' && record.id !== '' ? record.id : null;
  },
  map(event) {
    const record = jsonObject(event.data);
    const mapped = emptyMapped(typeof record?.id === 'string' ? record.id : null);
    if (!record) {
      mapped.body = text({ data: event.data }, 'data');
      return mapped;
    }
    mapped.title = text(record, 'title', TITLE_MAX);
    mapped.body = text(record, 'message');
    mapped.priority = priorityOf(record.priority);
    mapped.tags = emojiTags(tagNames(record.tags));
    mapped.link = httpUrl(record.click);
    mapped.icon = httpUrl(record.icon);
    const attachment = attachmentOf(record.attachment);
    if (attachment) mapped.attachments = [attachment];
    const actions = Array.isArray(record.actions) ? record.actions : [];
    mapped.actions = actions
      .map((a) => asRecord(a))
      .filter((a): a is JsonRecord => a !== null)
      .map(actionOf)
      .filter((a): a is MessageAction => a !== null)
      .slice(0, ACTIONS_MAX);
    mapped.time = timeOf(record.time);
    return mapped;
  },
};
