/**
 * The one-line text that stands for a message, in the list and in notifications alike: a JSON object's
 * title and message (`title: message`, either alone when the other is missing) when present, else the first
 * non-empty line of the data — whitespace collapsed and truncated on a code-point boundary.
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
  return `${head.slice(0, max - 1).join('').trimEnd()}…`;
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

function jsonSummary(data: string): string | null {
  if (data.length > JSON_PARSE_LIMIT) return null;
  const parsed = parseJson(data);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const title = pickString(record, TITLE_KEYS);
  const body = pickString(record, BODY_KEYS);
  if (title && body) return `${title}: ${body}`;
  return title ?? body;
}

function firstLine(data: string): string {
  const match = /[^\r\n]*\S[^\r\n]*/.exec(data.length > 16_384 ? data.slice(0, 16_384) : data);
  return match ? match[0] : '';
}

export function summarize(data: string, max = SUMMARY_MAX): string {
  const fromJson = jsonSummary(data);
  return truncate(fromJson ?? collapse(firstLine(data)), max);
}
