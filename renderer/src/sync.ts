/**
 * Wires the bridge to the store, outside React: subscribe to pushes first (buffering them), take the snapshot,
 * then replay the buffer and apply pushes as they come. Returns the cleanup.
 */
import type { Feed, FeedStatus, Message, NavigateRequest, Settings, UnreadCounts } from '../../shared/domain';
import { api } from './bridge';
import { useStore } from './store';
import { newestFirst, nextBelow } from './store/query';
import { i18next } from './i18n';
import { errorText } from './lib/reasons';

type Pending =
  | { kind: 'messages'; payload: Message[] }
  | { kind: 'status'; payload: FeedStatus[] }
  | { kind: 'feeds'; payload: Feed[] }
  | { kind: 'unread'; payload: UnreadCounts }
  | { kind: 'settings'; payload: Settings }
  | { kind: 'navigate'; payload: NavigateRequest };

export function startSync(): () => void {
  const bridge = api();
  const store = useStore;
  let ready = false;
  let stopped = false;
  const buffer: Pending[] = [];

  const apply = (p: Pending): void => {
    const s = store.getState();
    switch (p.kind) {
      case 'messages':
        s.applyIncoming(p.payload);
        break;
      case 'status':
        s.applyStatuses(p.payload);
        break;
      case 'feeds':
        s.setFeeds(p.payload);
        break;
      case 'unread':
        s.setUnread(p.payload);
        break;
      case 'settings':
        s.setSettings(p.payload);
        break;
      case 'navigate': {
        const { messageId, action } = p.payload;
        // A notification's http action opens the message at its confirmation: the user still decides.
        void s.openMessageById(messageId).then(() => {
          if (action !== undefined && store.getState().openMessage?.id === messageId)
            store.getState().openDialog({ kind: 'http-action', messageId, action });
        });
        break;
      }
    }
  };
  const on = (p: Pending): void => {
    if (stopped) return;
    if (ready) apply(p);
    else buffer.push(p);
  };

  const offs = [
    bridge.onMessages((payload) => on({ kind: 'messages', payload })),
    bridge.onFeedStatus((payload) => on({ kind: 'status', payload })),
    bridge.onFeeds((payload) => on({ kind: 'feeds', payload })),
    bridge.onUnread((payload) => on({ kind: 'unread', payload })),
    bridge.onSettings((payload) => on({ kind: 'settings', payload })),
    bridge.onNavigate((payload) => on({ kind: 'navigate', payload })),
  ];

  void (async () => {
    const result = await bridge.app.snapshot();
    if (stopped) return;
    if (!result.ok) {
      store.getState().setSync('error', errorText(i18next.t, result.error));
      return;
    }
    const snap = result.data;
    const items = snap.messages.items.slice().sort(newestFirst);
    const statuses: Record<string, FeedStatus> = {};
    for (const st of snap.statuses) statuses[st.feedId] = st;
    store.setState({
      feeds: snap.feeds,
      statuses,
      unread: snap.unread,
      settings: snap.settings,
      systemLocale: snap.systemLocale,
      version: snap.version,
      items,
      next: nextBelow(items, snap.messages.next !== null),
      sync: 'ready',
      syncError: null,
    });
    ready = true;
    for (const p of buffer.splice(0)) apply(p);
  })().catch((error: unknown) => {
    store.getState().setSync('error', error instanceof Error ? error.message : String(error));
  });

  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}
