/**
 * Reading message fields out of untrusted JSON: strings, priorities, links. Every value is checked and capped;
 * nothing here trusts the shape of what a server sent.
 */
import { parseJson } from '../../../../shared/summary';
import type { MappedMessage, MessageTag, Priority } from './types';

export const TITLE_MAX = 300;
export const BODY_MAX = 16_384;
export const TAGS_MAX = 20;
export const ACTIONS_MAX = 3;
export const ATTACHMENTS_MAX = 10;

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

/** The data parsed as a JSON object, or null (not JSON, an array, too large to be a message worth mapping). */
export function jsonObject(data: string): JsonRecord | null {
  if (data.length > 1024 * 1024) return null;
  return asRecord(parseJson(data));
}

export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never split a surrogate pair
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A non-empty trimmed string field, capped; null otherwise. */
export function text(record: JsonRecord | null, key: string, max = BODY_MAX): string | null {
  const value = record?.[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : cap(trimmed, max);
}

export function firstText(record: JsonRecord | null, keys: readonly string[], max = BODY_MAX): string | null {
  for (const key of keys) {
    const value = text(record, key, max);
    if (value !== null) return value;
  }
  return null;
}

/** An absolute http(s) URL without credentials, or null: the only links Tidings ever opens or shows. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 8192) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username !== '' || url.password !== '') return null;
    return url.href;
  } catch {
    return null;
  }
}

const PRIORITY_WORDS: Record<string, Priority> = {};
for (const [priority, words] of [
  [5, 'urgent max highest critical crit fatal emergency emerg alert panic p1'],
  [4, 'high error err major severe p2'],
  [3, 'default normal medium moderate warning warn notice info information informational p3'],
  [2, 'low minor debug p4'],
  [1, 'min lowest trace verbose p5'],
] as const) {
  for (const word of words.split(' ')) PRIORITY_WORDS[word] = priority;
}

/**
 * A priority from a number 1–5 (ntfy's scale: 1 min … 5 urgent; a numeric string too) or a word: ntfy's own
 * (`min`, `low`, `default`, `high`, `max`, `urgent`) and the usual severity/level words (`critical` and `fatal` →
 * 5, `error` → 4, `warning`/`info` → 3, `debug` → 2, `trace` → 1). Other numbers (a syslog 0–7, say) are not
 * guessed at: null.
 */
export function priorityOf(value: unknown): Priority | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1 && value <= 5 ? (value as Priority) : null;
  }
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (/^[1-5]$/.test(word)) return Number(word) as Priority;
  return PRIORITY_WORDS[word] ?? null;
}

/** The first of `priority`, `severity`, `level` (and their capitalised forms) that reads as a priority. */
export function genericPriority(record: JsonRecord | null): Priority | null {
  if (!record) return null;
  for (const key of ['priority', 'severity', 'level', 'Priority', 'Severity', 'Level']) {
    const priority = priorityOf(record[key]);
    if (priority !== null) return priority;
  }
  return null;
}

/** Tags from an array of strings or a comma-separated string, deduplicated and capped. */
export function tagNames(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    const name = cap(item.trim(), 64);
    if (name !== '' && !out.includes(name)) out.push(name);
    if (out.length === TAGS_MAX) break;
  }
  return out;
}

export function plainTags(names: string[]): MessageTag[] {
  return names.map((name) => ({ name, emoji: null }));
}

/** Seconds or milliseconds since the epoch, or an ISO date string, as epoch ms. */
export function timeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export function emptyMapped(serverId: string | null = null): MappedMessage {
  return {
    title: null,
    body: null,
    priority: null,
    tags: [],
    link: null,
    icon: null,
    attachments: [],
    actions: [],
    serverId,
    time: null,
  };
}

const TITLE_KEYS = ['title', 'subject', 'summary'] as const;
const BODY_KEYS = ['message', 'text', 'body', 'msg', 'description'] as const;
const LINK_KEYS = ['url', 'link', 'href', 'click'] as const;

/**
 * Any JSON object or text, mapped the way every profile falls back to: the summary's title and message keys,
 * a numeric or word `priority`/`severity`/`level`, `tags`, a link from `url`/`link`/`href`/`click`, an `icon`, an
 * `id`; text that is not a JSON object is the body.
 */
export function mapGeneric(data: string, eventId: string | null): MappedMessage {
  const record = jsonObject(data);
  const mapped = emptyMapped(eventId);
  if (!record) {
    const body = data.trim();
    mapped.body = body === '' ? null : cap(body, BODY_MAX);
    return mapped;
  }
  mapped.title = firstText(record, TITLE_KEYS, TITLE_MAX);
  mapped.body = firstText(record, BODY_KEYS);
  mapped.priority = genericPriority(record);
  mapped.tags = plainTags(tagNames(record.tags));
  mapped.link = LINK_KEYS.map((key) => httpUrl(record[key])).find((url) => url !== null) ?? null;
  mapped.icon = httpUrl(record.icon);
  mapped.time = timeOf(record.time ?? record.timestamp ?? record.date);
  return mapped;
}
