/**
 * A publish target + a message → the HTTP request that sends it, and a server's answer → the message id it names.
 * Pure; `send.ts` does the I/O.
 */
import { suggestedTarget } from '../../../../shared/publish-target';
import { asRecord } from '../profiles/fields';
import { withoutHeader } from '../profiles/request';
import type { ProfileId } from '../profiles/types';
import type { OutgoingMessage, PreparedRequest, PublishTarget } from './types';

/** Feed headers that describe the subscription, not the credentials: never sent with a publish. */
const SUBSCRIPTION_HEADERS = ['Last-Event-ID', 'Accept', 'Content-Type', 'Content-Length', 'Cache-Control'];

export function credentialHeaders(headers: Record<string, string>): Record<string, string> {
  return SUBSCRIPTION_HEADERS.reduce(withoutHeader, headers);
}

/**
 * A header value as ASCII: non-ASCII text as an RFC 2047 encoded word (`=?UTF-8?B?…?=`), which ntfy decodes
 * ("UTF-8 in headers", https://docs.ntfy.sh/publish/#message-title); control characters become spaces.
 */
export function asciiHeader(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a header
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** `{{text}}` filled for the content type: JSON-escaped (inside quotes), URL-encoded for forms, else as is. */
export function fillTemplate(template: string, contentType: string, message: string): string {
  const type = contentType.toLowerCase();
  const value = type.includes('json')
    ? JSON.stringify(message).slice(1, -1)
    : type.includes('x-www-form-urlencoded')
      ? encodeURIComponent(message)
      : message;
  return template.split('{{text}}').join(value);
}

const METHOD = /^(POST|PUT|PATCH|GET|DELETE)$/;

export function prepare(
  target: PublishTarget,
  message: OutgoingMessage,
  feedHeaders: Record<string, string>,
  publisherToken: string | null = null,
): PreparedRequest {
  const credentials = credentialHeaders(feedHeaders);
  switch (target.kind) {
    case 'ntfy': {
      const headers: Record<string, string> = { ...credentials, 'Content-Type': 'text/plain; charset=utf-8' };
      // The message's own title, priority and tags, else the target's defaults (set in the feed editor).
      const title = message.title ?? target.title;
      const priority = message.priority ?? target.priority;
      const tags = message.tags && message.tags.length > 0 ? message.tags : target.tags;
      if (title) headers.Title = asciiHeader(title);
      if (priority) headers.Priority = String(priority);
      if (tags && tags.length > 0) headers.Tags = asciiHeader(tags.join(','));
      return { method: 'POST', url: target.url, headers, body: message.text };
    }
    case 'mercure': {
      const form = new URLSearchParams();
      for (const topic of target.topics) form.append('topic', topic);
      form.append('data', message.text);
      if (target.private) form.append('private', 'on');
      // The publisher JWT when one is given; else the feed's own Authorization (a JWT that may also publish).
      const headers = publisherToken ? withoutHeader(credentials, 'Authorization') : { ...credentials };
      if (publisherToken) headers.Authorization = `Bearer ${publisherToken}`;
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      return { method: 'POST', url: target.url, headers, body: form.toString() };
    }
    case 'nchan':
      return {
        method: 'POST',
        url: target.url,
        headers: { ...credentials, 'Content-Type': 'text/plain; charset=utf-8', Accept: 'text/json' },
        body: message.text,
      };
    case 'generic': {
      const method = target.method.toUpperCase();
      if (!METHOD.test(method)) throw new Error(`unsupported method ${target.method}`);
      const headers: Record<string, string> = { ...credentials, 'Content-Type': target.contentType };
      return {
        method,
        url: target.url,
        headers,
        body: fillTemplate(target.bodyTemplate, target.contentType, message.text),
      };
    }
  }
}

/**
 * The id of the published message, when the answer names one: ntfy's JSON `id`, Mercure's body (the update's
 * id), Nchan's `last_message_id`; a generic server's JSON `id`. The same id comes back on the stream (ntfy in
 * the JSON, Mercure and Nchan as the SSE `id:`), which is how an echo is recognised as our own message.
 */
export function messageIdOf(target: PublishTarget, contentType: string | null, body: string): string | null {
  const trimmed = body.trim();
  if (target.kind === 'mercure')
    return trimmed !== '' && trimmed.length <= 1024 && !/\s/.test(trimmed) ? trimmed : null;
  if (!(contentType ?? '').includes('json') && !trimmed.startsWith('{')) return null;
  let record: Record<string, unknown> | null;
  try {
    record = asRecord(JSON.parse(trimmed));
  } catch {
    return null;
  }
  const id = target.kind === 'nchan' ? record?.last_message_id : record?.id;
  if (typeof id === 'string' && id !== '') return id;
  return typeof id === 'number' ? String(id) : null;
}

/** The server's error text from an error answer: ntfy's JSON `error`, else the body's start. */
export function errorTextOf(body: string): string {
  const trimmed = body.trim();
  try {
    const error = asRecord(JSON.parse(trimmed))?.error;
    if (typeof error === 'string' && error !== '') return error.slice(0, 500);
  } catch {
    // not JSON
  }
  return trimmed.slice(0, 500);
}

/** The publish target a profile suggests for a feed URL (the user edits it in the feed editor). */
export function defaultTarget(profile: ProfileId, feedUrl: string): PublishTarget | null {
  return profile === 'generic' ? null : suggestedTarget(profile, feedUrl);
}
