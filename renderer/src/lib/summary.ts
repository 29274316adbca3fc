import type { Message } from '../../../shared/domain';
import { summarize } from '../../../shared/summary';

export { messageTitle, parseJson, summarize } from '../../../shared/summary';

const LIST_MAX = 300;
const cache = new WeakMap<Message, string>();

/** Memoised per message object: rows re-render often, JSON is parsed once. */
export function summaryOf(message: Message): string {
  let s = cache.get(message);
  if (s === undefined) {
    s = summarize(message.data, LIST_MAX);
    cache.set(message, s);
  }
  return s;
}
