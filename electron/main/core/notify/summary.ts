/**
 * The one-line text a notification shows for a message: a JSON payload's title/message/text when present,
 * else the first non-empty line of the data, whitespace-collapsed and truncated.
 */
export const SUMMARY_MAX = 180;

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
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

/** JSON object → "title: message" (either part may be missing); null when the data is not such an object. */
function jsonSummary(data: string): string | null {
  const trimmed = data.trim();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const title = pickString(record, ['title', 'subject', 'summary']);
  const body = pickString(record, ['message', 'text', 'body', 'msg']);
  if (title && body) return `${title}: ${body}`;
  return title ?? body;
}

export function summarize(data: string, max = SUMMARY_MAX): string {
  const fromJson = jsonSummary(data);
  if (fromJson) return truncate(fromJson, max);
  const firstLine = data.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  return truncate(collapse(firstLine), max);
}
