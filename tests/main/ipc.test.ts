import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { BrowserWindow, FakeWebContents, FakeWebFrame, ipcMain, resetFakeElectron } from './fake-electron';
import { invoke, invokeChannels } from '../../shared/ipc/channels';
import type { ApiHandlers } from '../../shared/ipc/contract';
import { bindIpc, createWindowPushSink, isTrustedSender, isTrustedUrl } from '../../electron/main/platform/ipc';
import { silentLogger } from './stub-core';

const origins = [{ protocol: 'app:', host: 'tidings' }];

function spyHandlers() {
  const table = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      vi.fn(async (request: unknown) => ({ ok: true, data: { channel, request } })),
    ]),
  );
  return table as unknown as Record<string, ReturnType<typeof vi.fn>>;
}

function setup() {
  const ours = new BrowserWindow({});
  const handlers = spyHandlers();
  const unbind = bindIpc({
    handlers: handlers as unknown as ApiHandlers,
    logger: silentLogger,
    isTrusted: (event) => isTrustedSender(event, (c) => (c as unknown) === ours.webContents, origins),
  });
  const call = (channel: string, payload: unknown, event: { sender: unknown; senderFrame: unknown }) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  };
  const fromUs = { sender: ours.webContents, senderFrame: ours.webContents.mainFrame };
  return { ours, handlers, unbind, call, fromUs };
}

beforeEach(() => resetFakeElectron());

describe('IPC binding', () => {
  it('registers exactly one handler per invoke channel and removes them on unbind', () => {
    const { unbind } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('runs the handler with the validated request when our window asks', async () => {
    const { call, fromUs, handlers } = setup();
    const result = await call(invoke.feedsRemove, { id: 'feed-1' }, fromUs);
    expect(result).toEqual({ ok: true, data: { channel: invoke.feedsRemove, request: { id: 'feed-1' } } });
    expect(handlers[invoke.feedsRemove]).toHaveBeenCalledWith({ id: 'feed-1' });
    expect(await call(invoke.appSnapshot, undefined, fromUs)).toMatchObject({ ok: true });
  });

  it('rejects a foreign sender before any handler runs', async () => {
    const { call, handlers, ours } = setup();
    const stranger = new BrowserWindow({});
    const cases = [
      // another window (not created by the window service)
      { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
      // our window, but a sub-frame
      {
        sender: ours.webContents,
        senderFrame: new FakeWebFrame('app://tidings/index.html', ours.webContents.mainFrame),
      },
      // our window, navigated somewhere else
      { sender: ours.webContents, senderFrame: new FakeWebFrame('https://evil.example/') },
      { sender: ours.webContents, senderFrame: new FakeWebFrame('file:///tmp/x.html') },
      // frame already gone
      { sender: ours.webContents, senderFrame: null },
      // unknown contents entirely
      { sender: new FakeWebContents(), senderFrame: new FakeWebFrame('app://tidings/index.html') },
    ];
    for (const event of cases) {
      expect(await call(invoke.feedsRemove, { id: 'x' }, event)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(handlers[invoke.feedsRemove]).not.toHaveBeenCalled();
  });

  it('rejects a bad payload with invalid-request and never calls the handler', async () => {
    const { call, fromUs, handlers } = setup();
    const bad: [string, unknown][] = [
      [invoke.feedsRemove, { id: '' }],
      [invoke.feedsRemove, 'feed-1'],
      [invoke.feedsAdd, { name: 'x', url: 'javascript:alert(1)' }],
      [invoke.messagesGet, { id: -1 }],
      [invoke.settingsUpdate, { closeToTray: 'yes' }],
      [invoke.settingsUpdate, { unknownKey: true }],
      [invoke.appSnapshot, { sneaky: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = (await call(channel, payload, fromUs)) as { ok: boolean; error?: { code: string } };
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      expect(result.error?.code).toBe('invalid-request');
      expect(handlers[channel]).not.toHaveBeenCalled();
    }
  });

  it('turns a throwing handler into an internal error instead of a rejected invoke', async () => {
    const { call, fromUs, handlers } = setup();
    handlers[invoke.appDiagnostics]!.mockImplementationOnce(async () => {
      throw new Error('boom');
    });
    expect(await call(invoke.appDiagnostics, undefined, fromUs)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('trusted origins', () => {
  it('compares scheme and host (custom schemes have an opaque origin)', () => {
    expect(isTrustedUrl('app://tidings/index.html', origins)).toBe(true);
    expect(isTrustedUrl('app://tidings/deep/page?x=1#y', origins)).toBe(true);
    expect(isTrustedUrl('app://other/index.html', origins)).toBe(false);
    expect(isTrustedUrl('http://tidings/index.html', origins)).toBe(false);
    expect(isTrustedUrl('not a url', origins)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', [{ protocol: 'http:', host: 'localhost:5173' }])).toBe(true);
  });
});

describe('push sink', () => {
  it('sends to live windows only', () => {
    const live = new BrowserWindow({});
    const dead = new BrowserWindow({});
    dead.destroyed = true;
    const sink = createWindowPushSink(() => [live, dead] as never);
    sink('tidings:push:unread', { f1: 3 });
    expect(live.webContents.sent).toEqual([{ channel: 'tidings:push:unread', payload: { f1: 3 } }]);
    expect(dead.webContents.sent).toEqual([]);
  });
});
