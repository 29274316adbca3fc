/**
 * The renderer's store in plain Node (no browser, no DOM): a reset to its initial state, a message constructor and
 * a recording fake `window.api` — the only seam the store has.
 */
import type { Message, MessagePage } from '../../shared/domain';
import type { MessageQuery, TidingsApi } from '../../shared/ipc/contract';
import { useStore } from '../../renderer/src/store';

const initial = useStore.getState();
let nextId = 1;

/** Back to the store's initial state and message ids from 1. */
export function resetStore(): void {
  useStore.setState(initial, true);
  nextId = 1;
}

export const store = () => useStore.getState();

/** A stored message; ids increase with every call, as row ids do with arrival. */
export function msg(over: Partial<Message> = {}): Message {
  return {
    id: nextId++,
    feedId: 'f1',
    type: 'message',
    eventId: null,
    data: 'x',
    truncated: false,
    receivedAt: 1_000_000 + nextId,
    read: false,
    backfill: false,
    starred: false,
    size: 1,
    preview: false,
    ...over,
  };
}

/** Installs `api` as window.api (only the parts a test uses; the rest is missing on purpose). */
export function installApi(api: Record<string, unknown>): void {
  (globalThis as unknown as { window: { api: TidingsApi } }).window = { api: api as unknown as TidingsApi };
}

export interface FakeLists {
  lists: MessageQuery[];
  answer: (q: MessageQuery) => Promise<MessagePage>;
}

/** A window.api whose message list records each query and answers with `answer` (empty pages by default). */
export function installListApi(): FakeLists {
  const fake: FakeLists = { lists: [], answer: async () => ({ items: [], next: null }) };
  installApi({
    messages: {
      list: async (q: MessageQuery) => {
        fake.lists.push(q);
        return { ok: true, data: await fake.answer(q) };
      },
      markRead: async () => ({ ok: true, data: {} }),
    },
  });
  return fake;
}
