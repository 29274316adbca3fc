import type { StateCreator } from 'zustand';
import { api } from '../bridge';
import { emptyQuery, showView, sidebarView, type SidebarView } from './query';
import type { AppState, UiSlice } from './types';
import { i18next } from '../i18n';
import { errorText } from '../lib/reasons';

const NOTICE_MS = 6000;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  query: emptyQuery,
  activeId: null,
  openMessage: null,
  openFull: 'idle',
  openFullError: null,
  dialog: null,
  notices: [],
  noticeSeq: 0,

  setQuery: (patch) => {
    const query = { ...get().query, ...patch };
    set({ query, activeId: null });
    void get().loadView();
  },
  selectAdjacent: (delta, feedsOnly = false) => {
    const { feeds, query } = get();
    const views: SidebarView[] = feedsOnly ? ['all'] : ['all', 'unread', 'starred'];
    const order: string[] = [...views, ...feeds.map((f) => f.id)];
    const current = query.feedId ?? sidebarView(query) ?? 'all';
    const at = Math.max(0, order.indexOf(current));
    const key = order[Math.max(0, Math.min(order.length - 1, at + delta))]!;
    if (key !== current)
      get().setQuery(showView((views as string[]).includes(key) ? (key as SidebarView) : { feedId: key }));
    return key;
  },
  setActive: (activeId) => set({ activeId }),
  openMessageById: async (id) => {
    const local = get().items.find((m) => m.id === id) ?? get().pending.find((m) => m.id === id);
    if (local) {
      get().openMessageObject(local);
      return;
    }
    const result = await api().messages.get({ id });
    if (result.ok) get().openMessageObject(result.data);
    else get().notify({ tone: 'error', key: 'notice.messageGone' });
  },
  openMessageObject: (message) => {
    set({ openMessage: message, activeId: message.id, openFull: 'idle', openFullError: null });
    if (!message.read) void get().markRead([message.id]);
    if (message.preview) void get().loadFullMessage();
  },
  loadFullMessage: async () => {
    const open = get().openMessage;
    if (!open || !open.preview) return;
    const id = open.id;
    set({ openFull: 'loading', openFullError: null });
    const result = await api().messages.get({ id });
    // Another message may have been opened (or this one closed) meanwhile: only the open one takes the answer.
    const current = get().openMessage;
    if (!current || current.id !== id) return;
    if (result.ok) {
      // Only the open message is kept whole; the list keeps its preview.
      set({ openMessage: { ...result.data, read: result.data.read || current.read }, openFull: 'idle' });
    } else {
      set({ openFull: 'error', openFullError: errorText(i18next.t, result.error) });
    }
  },
  closeMessage: () => set({ openMessage: null, openFull: 'idle', openFullError: null }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  notify: (notice) => {
    const id = get().noticeSeq + 1;
    set((s) => ({ noticeSeq: id, notices: [...s.notices.slice(-3), { ...notice, id }] }));
    setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  openLink: (url) => void api().app.openExternal({ url }),
  openLogs: async () => {
    const result = await api().app.openLogs();
    if (!result.ok)
      get().notify({
        tone: 'error',
        key: 'notice.actionFailed',
        values: { message: errorText(i18next.t, result.error) },
      });
  },
  appDiagnostics: () => api().app.diagnostics(),
});
