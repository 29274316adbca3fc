import type { StateCreator } from 'zustand';
import type { Message } from '../../../shared/domain';
import { api } from '../bridge';
import { newestFirst, toMessageQuery } from './query';
import type { ActionsSlice, AppState } from './types';

/** How long a delete waits for Undo before it reaches the database. */
export const UNDO_MS = 6000;

function withFlag(items: Message[], ids: Set<number>, patch: Partial<Message>): Message[] {
  return items.map((m) => (ids.has(m.id) ? { ...m, ...patch } : m));
}

export const createActionsSlice: StateCreator<AppState, [], [], ActionsSlice> = (set, get) => {
  const failed = (message: string) => get().notify({ tone: 'error', key: 'notice.actionFailed', values: { message } });
  /** Applies a change to the loaded messages and the open one. */
  const patchMessages = (ids: number[], patch: Partial<Message>) => {
    const idSet = new Set(ids);
    set((s) => ({
      items: withFlag(s.items, idSet, patch),
      pending: withFlag(s.pending, idSet, patch),
      openMessage: s.openMessage && idSet.has(s.openMessage.id) ? { ...s.openMessage, ...patch } : s.openMessage,
    }));
  };

  return {
    selected: [],
    toggleSelected: (id) =>
      set((s) => ({
        selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id],
        activeId: id,
      })),
    selectRange: (toId) => {
      const { items, activeId, selected } = get();
      const from = items.findIndex((m) => m.id === (activeId ?? toId));
      const to = items.findIndex((m) => m.id === toId);
      if (from < 0 || to < 0) return;
      const [a, b] = from < to ? [from, to] : [to, from];
      const range = items.slice(a, b + 1).map((m) => m.id);
      set({ selected: [...new Set([...selected, ...range])], activeId: toId });
    },
    clearSelection: () => {
      if (get().selected.length > 0) set({ selected: [] });
    },
    targetIds: () => {
      const { selected, activeId, openMessage } = get();
      if (selected.length > 0) return selected;
      const id = activeId ?? openMessage?.id ?? null;
      return id === null ? [] : [id];
    },

    toggleStar: async (ids) => {
      if (ids.length === 0) return;
      const { items, openMessage } = get();
      const known = new Map(items.map((m) => [m.id, m]));
      if (openMessage) known.set(openMessage.id, openMessage);
      const starred = !ids.every((id) => known.get(id)?.starred);
      patchMessages(ids, { starred });
      const result = await api().messages.star({ ids, starred });
      if (!result.ok) {
        patchMessages(ids, { starred: !starred });
        failed(result.error.message);
        return;
      }
      // Unstarred in the Starred view: it leaves the view.
      if (!starred && get().query.starred) {
        const gone = new Set(ids);
        set((s) => ({ items: s.items.filter((m) => !gone.has(m.id)) }));
      }
    },

    toggleRead: async (ids) => {
      if (ids.length === 0) return;
      const known = new Map(get().items.map((m) => [m.id, m]));
      const anyUnread = ids.some((id) => known.get(id)?.read === false);
      if (anyUnread) await get().markRead(ids);
      else await get().markUnread(ids);
    },

    markUnread: async (ids) => {
      if (ids.length === 0) return;
      patchMessages(ids, { read: false });
      const result = await api().messages.markUnread({ ids });
      if (result.ok) set({ unread: result.data });
      else failed(result.error.message);
    },

    deleteMessages: (ids) => {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      const s = get();
      const removed = s.items.filter((m) => gone.has(m.id));
      const removedPending = s.pending.filter((m) => gone.has(m.id));
      set({
        items: s.items.filter((m) => !gone.has(m.id)),
        pending: s.pending.filter((m) => !gone.has(m.id)),
        openMessage: s.openMessage && gone.has(s.openMessage.id) ? null : s.openMessage,
        selected: s.selected.filter((id) => !gone.has(id)),
        activeId: s.activeId !== null && gone.has(s.activeId) ? null : s.activeId,
      });
      let undone = false;
      const timer = setTimeout(() => {
        if (undone) return;
        void api()
          .messages.delete({ ids })
          .then((result) => {
            if (result.ok) set({ unread: result.data });
            else failed(result.error.message);
          });
      }, UNDO_MS);
      get().notify({
        tone: 'info',
        key: 'notice.deleted',
        values: { count: ids.length },
        action: {
          key: 'notice.undo',
          run: () => {
            undone = true;
            clearTimeout(timer);
            set((cur) => ({
              items: cur.items.concat(removed.filter((m) => !cur.items.some((x) => x.id === m.id))).sort(newestFirst),
              pending: cur.pending.concat(removedPending).sort(newestFirst),
            }));
          },
        },
      });
    },

    clearFeed: async (feedId) => {
      const result = await api().messages.clearFeed({ id: feedId });
      if (!result.ok) {
        failed(result.error.message);
        return;
      }
      set((s) => ({
        unread: result.data,
        items: s.items.filter((m) => m.feedId !== feedId),
        pending: s.pending.filter((m) => m.feedId !== feedId),
        openMessage: s.openMessage?.feedId === feedId ? null : s.openMessage,
        selected: [],
      }));
    },

    viewMessages: async (max) => {
      const { query } = get();
      const out: Message[] = [];
      let beforeId: number | null = null;
      while (out.length < max) {
        const page = await api().messages.list({ ...toMessageQuery(query, beforeId), limit: 1000 });
        if (!page.ok) return page;
        for (const m of page.data.items) {
          if (!m.preview) out.push(m);
          else {
            // Pages carry previews of large messages: the file gets the whole data.
            const whole = await api().messages.get({ id: m.id });
            if (!whole.ok) return whole;
            out.push(whole.data);
          }
        }
        const last = page.data.items[page.data.items.length - 1];
        if (!page.data.next || !last) break;
        beforeId = last.id;
      }
      return { ok: true, data: out.slice(0, max) };
    },

    nextUnread: () => {
      const { items, activeId, openMessage } = get();
      const start = activeId === null ? -1 : items.findIndex((m) => m.id === activeId);
      const next = items.slice(start + 1).find((m) => !m.read) ?? items.slice(0, start + 1).find((m) => !m.read);
      if (!next) return false;
      if (openMessage) get().openMessageObject(next);
      else get().setActive(next.id);
      return true;
    },
    runAction: (messageId, action) => api().messages.runAction({ id: messageId, action }),
    downloadAttachment: (messageId, attachment) => api().messages.downloadAttachment({ id: messageId, attachment }),
  };
};
