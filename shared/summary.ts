/**
 * The one-line text that stands for a message, in the list and in notifications alike: a JSON object's
 * title and message (`title: message`, either alone when the other is missing, the message alone when it already
 * starts with the title), else its top-level `key: value` pairs, else the first non-empty line of the data —
 * whitespace collapsed and truncated on a code-point boundary.
 */
export const SUMMARY_MAX = 180;

/** JSON larger than this is not parsed for a summary (its first line stands in). */
const JSON_PARSE_LIMIT = 64 * 1024;
const TITLE_KEYS = ['title', 'subject', 'summary'] as const;
const BODY_KEYS = ['message', 'text', 'body', 'msg'] as const;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // 2·max UTF-16 units hold at least max code points, so this decides without splitting the whole text.
  const head = Array.from(text.slice(0, 2 * max));
  if (head.length <= max && text.length <= 2 * max) return text;
  return `${head
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function pickString(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return collapse(value);
  }
  return null;
}

/** Parses data as JSON when it looks like an object or array; undefined otherwise. */
export function parseJson(data: string): unknown {
  const first = data.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The string fields of a JSON object that was cut short (a list preview of a large message, or one too large to
 * parse): each wanted key's first string value, read with a pattern rather than a parser. Approximate by design —
 * a nested key of the same name could answer — which is fine for a one-line summary.
 */
function fieldsOfCutJson(data: string, keys: readonly string[]): Record<string, unknown> {
  const head = data.length > 16_384 ? data.slice(0, 16_384) : data;
  const record: Record<string, unknown> = {};
  for (const key of keys) {
    const match = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(head);
    if (!match) continue;
    try {
      record[key] = JSON.parse(`"${match[1]}"`) as string;
    } catch {
      // an escape cut in half: leave the key out
    }
  }
  return record;
}

/** The object a JSON message holds (whole, or the wanted fields of one cut short); null for anything else. */
function jsonRecord(data: string): { record: Record<string, unknown>; whole: boolean } | null {
  if (!data.trimStart().startsWith('{')) return null;
  const parsed = data.length > JSON_PARSE_LIMIT ? undefined : parseJson(data);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
    return { record: parsed as Record<string, unknown>, whole: true };
  if (parsed === undefined) return { record: fieldsOfCutJson(data, [...TITLE_KEYS, ...BODY_KEYS]), whole: false };
  return null;
}

function pairValue(value: unknown): string {
  if (typeof value === 'string') return collapse(value);
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object' && value !== null) return '{…}';
  return String(value);
}

/** `key: value · key: value` for a JSON object without a title or message. */
function pairs(record: Record<string, unknown>): string | null {
  const keys = Object.keys(record);
  if (keys.length === 0) return null;
  return keys
    .slice(0, 12)
    .map((key) => `${key}: ${pairValue(record[key])}`)
    .join(' · ');
}

function jsonSummary(data: string): string | null {
  const json = jsonRecord(data);
  if (json === null) return null;
  const title = pickString(json.record, TITLE_KEYS);
  const body = pickString(json.record, BODY_KEYS);
  // "Deploy started" + "Deploy started (#86)" says it once.
  if (title && body) return body.toLowerCase().startsWith(title.toLowerCase()) ? body : `${title}: ${body}`;
  return title ?? body ?? (json.whole ? pairs(json.record) : null);
}

/** The heading of an open message: its JSON title when it has one, else its summary. */
export function messageTitle(data: string, max = SUMMARY_MAX): string {
  const json = jsonRecord(data);
  const title = json ? pickString(json.record, TITLE_KEYS) : null;
  return title ? truncate(title, max) : summarize(data, max);
}

function firstLine(data: string): string {
  const match = /[^\r\n]*\S[^\r\n]*/.exec(data.length > 16_384 ? data.slice(0, 16_384) : data);
  return match ? match[0] : '';
}

export function summarize(data: string, max = SUMMARY_MAX): string {
  const fromJson = jsonSummary(data);
  return truncate(fromJson ?? collapse(firstLine(data)), max);
}
