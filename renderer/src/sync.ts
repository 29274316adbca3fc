/**
 * Wires the bridge to the store, outside React: subscribe to pushes first (buffering them), take the snapshot,
 * then replay the buffer and apply pushes as they come. Returns the cleanup.
 *
 * Pushes are applied once per frame, in order: main pushes stored messages the moment the store is idle (one
 * push per event at a steady 1,000 events/s), and one store update — one React render of the list — per push
 * would cost more than the events' own rate. So a push waits for the next animation frame (where it would be
 * painted anyway), consecutive message pushes are merged into one batch, and the whole frame's pushes become one
 * render. A hidden window gets no frames: a timer stands in (FRAME_FALLBACK_MS).
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

const FRAME_FALLBACK_MS = 100;

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
        // A notification's action button: an http action opens the message at its confirmation (the user still
        // decides); a view action (e.g. pressed on a Windows toast from an earlier run) opens its link.
        void s.openMessageById(messageId).then(() => {
          const now = store.getState();
          const chosen = action === undefined ? undefined : now.openMessage?.fields?.actions[action];
          if (now.openMessage?.id !== messageId || !chosen) return;
          if (chosen.kind === 'view') now.openLink(chosen.url);
          else now.openDialog({ kind: 'http-action', messageId, action: action! });
        });
        break;
      }
    }
  };
  // Pushes received since the last frame, applied together (see the header).
  let queued: Pending[] = [];
  let frame: number | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (fallback !== null) clearTimeout(fallback);
    frame = fallback = null;
    const batch = queued;
    queued = [];
    if (stopped) return;
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      if (p.kind !== 'messages') {
        apply(p);
        continue;
      }
      const messages = p.payload.slice();
      for (let next = batch[i + 1]; next?.kind === 'messages'; next = batch[++i + 1]) {
        for (const m of next.payload) messages.push(m);
      }
      apply({ kind: 'messages', payload: messages });
    }
  };
  const on = (p: Pending): void => {
    if (stopped) return;
    if (!ready) {
      buffer.push(p);
      return;
    }
    queued.push(p);
    if (frame === null) frame = requestAnimationFrame(flush);
    fallback ??= setTimeout(flush, FRAME_FALLBACK_MS);
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
    if (frame !== null) cancelAnimationFrame(frame);
    if (fallback !== null) clearTimeout(fallback);
    for (const off of offs) off();
  };
}
