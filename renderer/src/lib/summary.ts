import type { Message } from '../../../shared/domain';
import { summarize } from '../../../shared/summary';

export { messageTitle, parseJson, summarize } from '../../../shared/summary';

const LIST_MAX = 300;
const cache = new WeakMap<Message, string>();

/** The summary a server profile's fields give (tag emoji, `title: body`), like ntfy's own clients; null if none. */
function fieldsSummary(message: Message): string | null {
  const f = message.fields;
  if (!f || (!f.title && !f.body)) return null;
  const emoji = f.tags.map((tag) => tag.emoji ?? '').join('');
  const text = f.title && f.body ? `${f.title}: ${f.body}` : (f.title ?? f.body ?? '');
  return summarize(`${emoji ? `${emoji} ` : ''}${text}`, LIST_MAX);
}

/** Memoised per message object: rows re-render often, JSON is parsed once. */
export function summaryOf(message: Message): string {
  let s = cache.get(message);
  if (s === undefined) {
    s = fieldsSummary(message) ?? summarize(message.data, LIST_MAX);
    cache.set(message, s);
  }
  return s;
}
