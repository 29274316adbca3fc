/**
 * The platform adapters wired around the REAL core (SQLite in a temp dir) and a real loopback SSE server, with
 * only the Electron module faked: a message travels server → core → IPC push to the (hidden) window, a native
 * notification and the tray's unread count; the tray's "Pause all" really pauses the connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { type BrowserWindow, Notification, Tray, ipcMain, resetFakeElectron, type Menu } from './fake-electron';
import { createCore, type CoreInstance } from '../../electron/main/core';
import { translatorFor } from '../../electron/main/core/i18n';
import { NotificationPolicy } from '../../electron/main/core/notify/policy';
import { bindIpc, createWindowPushSink, isTrustedSender } from '../../electron/main/platform/ipc';
import { createNotificationService, type NotificationService } from '../../electron/main/platform/notifications';
import { createSecretCodec } from '../../electron/main/platform/secrets';
import { createTrayService, type TrayService } from '../../electron/main/platform/tray';
import { invoke } from '../../shared/ipc/channels';
import type { Feed } from '../../shared/domain';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import { silentLogger } from './stub-core';
import { testWindowService } from './window-service';

let dir: string;
let server: SseTestServer;
let core: CoreInstance;
let notifications: NotificationService;
let tray: TrayService;

const hostStub = {
  openExternal: async () => undefined,
  openLogsFolder: async () => undefined,
  describe: () => ({}),
  systemLocale: () => 'en-US',
  applySettings: () => undefined,
};

beforeEach(async () => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'tidings-platform-'));
  server = await startSseServer();
  core = await createCore({
    dataDir: dir,
    secrets: await createSecretCodec(),
    logger: silentLogger,
    pushIntervalMs: 10,
  });
});
afterEach(async () => {
  tray?.dispose();
  notifications?.dispose();
  await core.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('platform adapters around the real core', () => {
  it('delivers a message to the hidden window, a notification and the tray; Pause all pauses the feed', async () => {
    const windows = testWindowService({
      closeToTray: () => core.settings().closeToTray,
      closeHint: { wasShown: () => false, markShown: () => undefined, show: () => undefined },
    });
    const win = windows.ensure() as unknown as BrowserWindow;
    win.webContents.finishLoad();
    const handlers = core.createHandlers(hostStub);
    bindIpc({
      handlers,
      logger: silentLogger,
      isTrusted: (event) => isTrustedSender(event, windows.owns, [{ protocol: 'app:', host: 'tidings' }]),
    });
    core.onPush(createWindowPushSink(() => [win as never]));
    notifications = createNotificationService({
      core,
      policy: new NotificationPolicy({ clock: { now: () => Date.now() } }),
      clock: { now: () => Date.now() },
      logger: silentLogger,
      openMessage: (target) => {
        windows.show();
        windows.sendWhenReady('tidings:push:navigate', target);
      },
      openUrl: () => undefined,
    });
    tray = createTrayService({
      core,
      iconPaths: { live: 'live.png', failing: 'failing.png', paused: 'paused.png', dnd: 'dnd.png' },
      strings: translatorFor(() => core.settings(), hostStub.systemLocale),
      clock: { now: () => Date.now() },
      logger: silentLogger,
      platform: 'linux',
      showWindow: () => windows.show(),
      quit: () => undefined,
      openLogs: () => undefined,
      copyDiagnostics: () => undefined,
    });

    // The renderer adds a feed over IPC.
    const add = ipcMain.handlers.get(invoke.feedsAdd)!;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const added = (await add(event, {
      name: 'Orders',
      url: `${server.url}/orders`,
      headers: [],
      eventTypes: [],
      notify: { mode: 'all', types: [], include: [], exclude: [] },
      idleTimeoutSec: 45,
      enabled: true,
    })) as { ok: true; data: Feed };
    expect(added.ok).toBe(true);
    await server.waitForClients(1, { path: '/orders', timeoutMs: 5_000 });

    // Closing the window hides it to the tray; delivery goes on.
    win.show();
    win.close();
    expect(win.isVisible()).toBe(false);

    server.send({ id: 'o-1', event: 'newOrder', data: '{"title":"Order 1","message":"2 × coffee"}' }, '/orders');
    await vi.waitFor(() => expect(Notification.shown).toHaveLength(1), { timeout: 5_000, interval: 20 });
    expect(Notification.shown[0]!.options).toMatchObject({ title: 'Orders · newOrder', body: 'Order 1: 2 × coffee' });
    await vi.waitFor(() => expect(win.webContents.sent.some((s) => s.channel === 'tidings:push:messages')).toBe(true), {
      timeout: 5_000,
      interval: 20,
    });
    const pushed = win.webContents.sent.find((s) => s.channel === 'tidings:push:messages')!.payload as {
      data: string;
    }[];
    expect(pushed[0]!.data).toContain('Order 1');
    // The tray does not listen to stored batches: the core's unread push brings the count.
    await vi.waitFor(() => expect(Tray.created[0]!.tooltip).toBe('Tidings — 1 unread'), {
      timeout: 5_000,
      interval: 20,
    });

    // The renderer switches the language to Chinese over IPC: the tray's menu and tooltip follow.
    const update = ipcMain.handlers.get(invoke.settingsUpdate)!;
    expect(await update(event, { language: 'zh-CN' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(Tray.created[0]!.tooltip).toBe('Tidings — 1 条未读'), {
      timeout: 5_000,
      interval: 20,
    });
    expect((Tray.created[0]!.menu as Menu).find('pause-all')?.label).toBe('全部暂停');
    expect(await update(event, { language: 'system' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(Tray.created[0]!.tooltip).toBe('Tidings — 1 unread'), {
      timeout: 5_000,
      interval: 20,
    });

    // Clicking the notification opens that message.
    Notification.shown[0]!.emit('click');
    expect(win.isVisible()).toBe(true);
    const navigate = win.webContents.sent.find((s) => s.channel === 'tidings:push:navigate');
    expect(navigate?.payload).toMatchObject({ feedId: added.data.id });

    // Tray → Pause all: the real connection closes and the icon says so.
    (Tray.created[0]!.menu as Menu).find('pause-all')!.click!();
    expect(core.statuses().map((s) => s.state)).toEqual(['paused']);
    expect(Tray.created[0]!.image).toEqual({ path: 'paused.png' });
    await vi.waitFor(() => expect(server.clientCount('/orders')).toBe(0), { timeout: 5_000, interval: 20 });
  });
});
