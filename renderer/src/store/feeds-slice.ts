import type { StateCreator } from 'zustand';
import { api } from '../bridge';
import type { Result } from '../../../shared/result';
import type { AppState, FeedsSlice } from './types';
import { i18next } from '../i18n';
import { errorText } from '../lib/reasons';

export const createFeedsSlice: StateCreator<AppState, [], [], FeedsSlice> = (set, get) => {
  /** Runs a call whose only answer worth showing is a failure. */
  const orNotice = async (call: Promise<Result<unknown>>): Promise<void> => noticeFailure(await call);
  const noticeFailure = (result: Result<unknown>): void => {
    if (!result.ok)
      get().notify({
        tone: 'error',
        key: 'notice.actionFailed',
        values: { message: errorText(i18next.t, result.error) },
      });
  };
  return {
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
    testNotification: (feedId) => api().app.testNotification(feedId === undefined ? {} : { feedId }),
    testConnection: (input, id) => api().feeds.test(id === undefined ? { input } : { id, input }),
    addDemoFeed: async () => {
      const result = await api().feeds.addDemo({ name: i18next.t('list.demoFeedName') });
      if (!result.ok) return noticeFailure(result);
      const feed = result.data;
      set((s) => ({ feeds: s.feeds.some((f) => f.id === feed.id) ? s.feeds : [...s.feeds, feed] }));
      get().setQuery({ feedId: feed.id });
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
    reconnectFeed: (id) => orNotice(api().feeds.reconnect({ id })),
    publishMessage: (id, text, options) => api().feeds.publish({ id, text, ...options }),
    pauseAll: () => orNotice(api().feeds.pauseAll()),
    resumeAll: () => orNotice(api().feeds.resumeAll()),
    reconnectAll: () => orNotice(api().feeds.reconnectAll()),
    configureFeed: async (id, patch) => {
      const result = await api().feeds.configure({ id, ...patch });
      if (!result.ok) return noticeFailure(result);
      const feed = result.data;
      set((s) => ({ feeds: s.feeds.map((f) => (f.id === id ? feed : f)) }));
    },
    pauseFeed: (id) => orNotice(api().feeds.pause({ id })),
    resumeFeed: (id) => orNotice(api().feeds.resume({ id })),
    exportFeeds: (includeSecrets) => api().feeds.export({ includeSecrets }),
    importFeeds: (json) => api().feeds.import({ json }),
    feedDiagnostics: (id) => api().feeds.diagnostics({ id }),
  };
};
