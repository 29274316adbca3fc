import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { contextBridge, ipcRenderer } from './fake-electron';
import type { TidingsApi } from '../../shared/ipc/contract';

let api: TidingsApi;

beforeAll(async () => {
  await import('../../electron/preload/index');
  api = contextBridge.exposed.get('api') as TidingsApi;
});
beforeEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations = [];
});

describe('preload', () => {
  it('exposes only `api` with domain verbs — no ipcRenderer, no generic invoke/send', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'app',
        'feeds',
        'messages',
        'settings',
        'onMessages',
        'onFeedStatus',
        'onFeeds',
        'onUnread',
        'onSettings',
        'onNavigate',
      ].sort(),
    );
    const everything = JSON.stringify(
      Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v === 'object' ? Object.keys(v) : 'fn'])),
    );
    expect(everything).not.toMatch(/invoke|send|ipc|require/i);
  });

  it('a verb invokes its channel with the request', async () => {
    ipcRenderer.reply = (channel, payload) => ({ ok: true, data: { echoed: channel, payload } });
    const result = await api.feeds.remove({ id: 'f1' });
    expect(ipcRenderer.invocations).toEqual([{ channel: 'tidings:feeds:remove', payload: { id: 'f1' } }]);
    expect(result).toEqual({ ok: true, data: { echoed: 'tidings:feeds:remove', payload: { id: 'f1' } } });
    await api.app.snapshot();
    expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: 'tidings:app:snapshot', payload: undefined });
  });

  it('listeners receive the payload without the IPC event, and unsubscribe stops them', () => {
    const seen: unknown[] = [];
    const off = api.onMessages((messages) => seen.push(messages));
    const fakeEvent = { sender: ipcRenderer, senderId: 0 };
    ipcRenderer.emit('tidings:push:messages', fakeEvent, [{ id: 1 }]);
    expect(seen).toEqual([[{ id: 1 }]]);
    off();
    ipcRenderer.emit('tidings:push:messages', fakeEvent, [{ id: 2 }]);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount('tidings:push:messages')).toBe(0);
  });
});
