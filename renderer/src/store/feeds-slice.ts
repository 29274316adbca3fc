import type { StateCreator } from 'zustand';
import { api } from '../bridge';
import type { AppState, FeedsSlice } from './types';

export const createFeedsSlice: StateCreator<AppState, [], [], FeedsSlice> = (set, get) => ({
  feeds: [],
  unread: {},
  setFeeds: (feeds) => set({ feeds }),
  setUnread: (unread) => set({ unread }),
  addFeed: async (input) => {
    const result = await api().feeds.add(input);
    if (result.ok) {
      const feed = result.data;
      set((s) => ({ feeds: s.feeds.some((f) => f.id === feed.id) ? s.feeds : [...s.feeds, feed] }));
    }
    return result;
  },
  updateFeed: async (id, input) => {
    const result = await api().feeds.update({ id, input });
    if (result.ok) {
      const feed = result.data;
      set((s) => ({ feeds: s.feeds.map((f) => (f.id === id ? feed : f)) }));
    }
    return result;
  },
  removeFeed: async (id) => {
    const result = await api().feeds.remove({ id });
    if (result.ok) {
      const { query } = get();
      set((s) => {
        const unread = { ...s.unread };
        delete unread[id];
        const statuses = { ...s.statuses };
        delete statuses[id];
        return {
          feeds: s.feeds.filter((f) => f.id !== id),
          unread,
          statuses,
          items: s.items.filter((m) => m.feedId !== id),
          pending: s.pending.filter((m) => m.feedId !== id),
          openMessage: s.openMessage?.feedId === id ? null : s.openMessage,
        };
      });
      if (query.feedId === id) get().setQuery({ feedId: null });
    }
    return result;
  },
  reconnectFeed: async (id) => {
    const result = await api().feeds.reconnect({ id });
    if (!result.ok)
      get().notify({ tone: 'error', key: 'notice.actionFailed', values: { message: result.error.message } });
  },
});
