import type { StateCreator } from 'zustand';
import type { Message } from '../../../shared/domain';
import { api } from '../bridge';
import { LIVE_WINDOW, isTextSearch, matchesQuery, newestFirst, nextBelow, toMessageQuery } from './query';
import type { AppState, MessagesSlice } from './types';
import { i18next } from '../i18n';
import { errorText } from '../lib/reasons';

/** Messages of the batch newer than `floor`, newest first. */
function newerThan(batch: Message[], floor: number): Message[] {
  return batch.filter((m) => m.id > floor).sort(newestFirst);
}

function prependBounded(fresh: Message[], items: Message[], limit: number): Message[] {
  const merged = fresh.concat(items);
  return merged.length > limit ? merged.slice(0, limit) : merged;
}

export const createMessagesSlice: StateCreator<AppState, [], [], MessagesSlice> = (set, get) => ({
  items: [],
  next: null,
  loading: false,
  loadingOlder: false,
  following: true,
  pending: [],
  pendingCount: 0,
  resultSeq: 0,
  viewSeq: 0,
  arrivedWhileLoading: [],

  applyIncoming: (batch) => {
    if (batch.length === 0) return;
    const s = get();
    if (isTextSearch(s.query)) return;
    if (s.loading) {
      set({ arrivedWhileLoading: s.arrivedWhileLoading.concat(batch).slice(-LIVE_WINDOW) });
      return;
    }
    const matching = batch.filter((m) => matchesQuery(s.query, m));
    if (matching.length === 0) return;
    const fresh = newerThan(matching, Math.max(s.items[0]?.id ?? 0, s.pending[0]?.id ?? 0));
    if (fresh.length === 0) return;
    if (s.following) {
      // One set() per batch. A trimmed tail is read back from the database below the oldest kept row.
      const items = prependBounded(fresh, s.items, LIVE_WINDOW);
      const trimmed = items.length < s.items.length + fresh.length;
      set(trimmed ? { items, next: nextBelow(items, true) } : { items });
    } else {
      set({ pending: prependBounded(fresh, s.pending, LIVE_WINDOW), pendingCount: s.pendingCount + fresh.length });
    }
  },

  loadView: async () => {
    const seq = get().viewSeq + 1;
    set({ viewSeq: seq, arrivedWhileLoading: [], loading: true, pending: [], pendingCount: 0 });
    const result = await api().messages.list(toMessageQuery(get().query));
    if (seq !== get().viewSeq) return;
    if (result.ok) {
      const items = result.data.items.slice().sort(newestFirst);
      set((s) => ({
        items,
        next: nextBelow(items, result.data.next !== null),
        loading: false,
        following: true,
        resultSeq: s.resultSeq + 1,
      }));
      const arrived = get().arrivedWhileLoading;
      set({ arrivedWhileLoading: [] });
      get().applyIncoming(arrived);
    } else {
      set({ loading: false, items: [], next: null });
      get().notify({
        tone: 'error',
        key: 'notice.loadFailed',
        values: { message: errorText(i18next.t, result.error) },
      });
    }
  },

  loadOlder: async () => {
    const s = get();
    if (s.loading || s.loadingOlder || !s.next) return;
    // At the live edge the window is full already; history is read only while the user scrolls back.
    if (s.following && s.items.length >= LIVE_WINDOW) return;
    const seq = s.viewSeq;
    set({ loadingOlder: true });
    const result = await api().messages.list(toMessageQuery(s.query, s.next));
    if (seq !== get().viewSeq) {
      set({ loadingOlder: false });
      return;
    }
    if (result.ok) {
      set((cur) => {
        const oldest = cur.items[cur.items.length - 1]?.id ?? Number.MAX_SAFE_INTEGER;
        const older = result.data.items.filter((m) => m.id < oldest).sort(newestFirst);
        const items = cur.items.concat(older);
        return { items, next: nextBelow(items, result.data.next !== null), loadingOlder: false };
      });
    } else {
      set({ loadingOlder: false });
      get().notify({
        tone: 'error',
        key: 'notice.loadFailed',
        values: { message: errorText(i18next.t, result.error) },
      });
    }
  },

  setFollowing: (following) => {
    const s = get();
    if (s.following === following) return;
    if (following && s.pendingCount > 0) {
      void get().jumpToNewest();
      return;
    }
    if (following && s.items.length > LIVE_WINDOW) {
      // Back at the live edge: let go of the history pages read while scrolled back.
      const items = s.items.slice(0, LIVE_WINDOW);
      set({ following, items, next: nextBelow(items, true) });
      return;
    }
    set({ following });
  },

  jumpToNewest: async () => {
    const s = get();
    if (s.pendingCount > s.pending.length) {
      // More arrived than we kept: read the newest page back from the database.
      await get().loadView();
      return;
    }
    const merged = s.pending.concat(s.items);
    const items = merged.length > LIVE_WINDOW ? merged.slice(0, LIVE_WINDOW) : merged;
    set({
      items,
      next: items.length < merged.length ? nextBelow(items, true) : s.next,
      pending: [],
      pendingCount: 0,
      following: true,
      resultSeq: s.resultSeq + 1,
    });
  },

  markRead: async (ids) => {
    const unreadIds = ids.filter((id) => id > 0);
    if (unreadIds.length === 0) return;
    const idSet = new Set(unreadIds);
    set((s) => ({
      items: s.items.map((m) => (idSet.has(m.id) && !m.read ? { ...m, read: true } : m)),
      openMessage: s.openMessage && idSet.has(s.openMessage.id) ? { ...s.openMessage, read: true } : s.openMessage,
    }));
    const result = await api().messages.markRead({ ids: unreadIds });
    if (result.ok) set({ unread: result.data });
  },

  markAllRead: async () => {
    // Exactly what the view shows: its feed, search and filters (not every message of every feed).
    const { query } = get();
    const { beforeId: _b, limit: _l, ...view } = toMessageQuery(query);
    const result = await api().messages.markViewRead(view);
    if (!result.ok) {
      get().notify({
        tone: 'error',
        key: 'notice.actionFailed',
        values: { message: errorText(i18next.t, result.error) },
      });
      return;
    }
    const { ids, unread } = result.data;
    const marked = new Set(ids);
    set((s) => ({
      unread,
      items: s.items.map((m) => (marked.has(m.id) ? { ...m, read: true } : m)),
      openMessage: s.openMessage && marked.has(s.openMessage.id) ? { ...s.openMessage, read: true } : s.openMessage,
    }));
    if (ids.length === 0) return;
    get().notify({
      tone: 'info',
      key: 'notice.markedRead',
      values: { count: ids.length },
      action: { key: 'notice.undo', run: () => void get().markUnread(ids) },
    });
  },
});
