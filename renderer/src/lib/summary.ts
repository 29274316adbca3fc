import type { Message } from '../../../shared/domain';

const FIELDS = ['title', 'message', 'text', 'body'] as const;
const MAX = 300;
const cache = new WeakMap<Message, string>();

function firstLine(text: string): string {
  const trimmed = text.trimStart();
  const end = trimmed.search(/\r|\n/);
  const line = end === -1 ? trimmed : trimmed.slice(0, end);
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
}

/** Parses data as JSON when it looks like an object or array; null otherwise. */
export function parseJson(data: string): unknown {
  const c = data.trimStart()[0];
  if (c !== '{' && c !== '[') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** One line for the list: a JSON title/message/text/body field when present, else the data's first line. */
export function summarize(data: string): string {
  if (data.length <= 64 * 1024) {
    const value = parseJson(data);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      for (const key of FIELDS) {
        const field = record[key];
        if (typeof field === 'string' && field.trim()) return firstLine(field);
      }
    }
  }
  return firstLine(data);
}

/** Memoised per message object: rows re-render often, JSON is parsed once. */
export function summaryOf(message: Message): string {
  let s = cache.get(message);
  if (s === undefined) {
    s = summarize(message.data);
    cache.set(message, s);
  }
  return s;
}
