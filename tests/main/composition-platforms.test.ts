/**
 * The composition root (electron/main/index.ts) on Windows, macOS and Linux, each modelled by the fake electron
 * with that platform's rules (APIs that need `ready`, platform-only events and methods, toasts, template images,
 * badges, trays that may be missing), against the REAL core and a real SSE server. Each block checks what went
 * wrong for users on that platform.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import type * as FakeElectron from './fake-electron';
import { sessionBusAvailable, startSessionBus, type SessionBus } from './session-bus';
import { TOAST_ACTIVATOR_CLSID } from '../../electron/main/platform/identity';

// libsql picks its native binary by process.platform when first loaded: load it for the real platform before the
// tests model another one (Node's module cache then serves it).
import 'libsql';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('electron-log/main', () => import('./electron-log-mock'));

let dir: string;
let server: SseTestServer;
let fake: typeof FakeElectron;
const savedArgv = process.argv;
const savedEnv = { ...process.env };

beforeEach(async () => {
  vi.resetModules();
  dir = mkdtempSync(join(tmpdir(), 'tidings-platform-'));
  process.env.TIDINGS_USER_DATA = dir;
  server = await startSseServer();
});
afterEach(async () => {
  // Quit as the user would, so the core closes its database before the folder goes.
  if (fake?.Tray.created.length) {
    fake.app.fire('before-quit');
    fake.app.fire('will-quit');
    await vi.waitFor(() => expect(fake.app.quitCalls).toBeGreaterThan(0), { timeout: 10_000 });
  }
  process.argv = savedArgv;
  process.env = { ...savedEnv };
  await server.close();
  fake.restoreRealPlatform();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the app on a modelled OS, before `ready`, with a feed added from the command line. */
async function boot(platform: NodeJS.Platform, feedPath: string, argv: string[] = []) {
  process.argv = [savedArgv[0] as string, '/app', '--add-feed', `${server.url}${feedPath}`, ...argv];
  fake = (await import('electron')) as unknown as typeof FakeElectron;
  fake.resetFakeElectron({ platform, ready: false });
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(fake.Tray.created).toHaveLength(1), { timeout: 10_000, interval: 20 });
  await server.waitForClients(1, { path: feedPath, timeoutMs: 10_000 });
  const win = fake.BrowserWindow.created[0]!;
  win.webContents.finishLoad();
  return win;
}

const navigations = (win: FakeElectron.BrowserWindow) =>
  win.webContents.sent.filter((s) => s.channel === 'tidings:push:navigate').map((s) => s.payload);

describe('on Windows', () => {
  it('a toast clicked in the Action Center opens its message; identity set for development', async () => {
    const win = await boot('win32', '/win', ['--hidden']);
    expect(fake.app.appUserModelId).toBe(process.execPath);
    expect(fake.app.toastActivatorCLSID).toBe(TOAST_ACTIVATOR_CLSID);
    // Secrets through the asynchronous safeStorage API only.
    expect(fake.safeStorage.deprecations).toEqual([]);
    expect(fake.safeStorage.asyncCalls).toBeGreaterThan(0);

    server.send({ id: 'w-1', data: '{"title":"Build","message":"green"}' }, '/win');
    await vi.waitFor(() => expect(fake.Notification.shown).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(fake.Notification.dropped).toEqual([]);
    const toast = fake.Notification.shown[0]!;
    expect(toast.options.toastXml).toContain('<text>Build: green</text>');
    toast.timeOut();
    expect(win.isVisible()).toBe(false);
    toast.click();
    expect(win.isVisible()).toBe(true);
    expect(navigations(win)).toEqual([{ feedId: expect.any(String), messageId: expect.any(Number) }]);
  });

  it('unlocking the screen reconnects (the event exists here); no badge API is called', async () => {
    await boot('win32', '/win-unlock');
    expect(fake.powerMonitor.listens('unlock-screen')).toBe(true);
    fake.powerMonitor.emit('unlock-screen');
    await server.waitForClients(1, { path: '/win-unlock', timeoutMs: 10_000 });
    expect(fake.app.badge).toBeNull();
  });
});

describe('on macOS', () => {
  it('the menu bar icon is a template image; the dock badge is set; no Windows-only API is touched', async () => {
    await boot('darwin', '/mac');
    const tray = fake.Tray.created[0]!;
    expect(tray.image.isMacTemplateImage).toBe(true);
    expect(tray.image.path).toMatch(/tray-liveTemplate\.png$/);
    expect(fake.app.badge).toBe(0);
    expect(fake.app.appUserModelId).toBeNull();
    server.send({ id: 'm-1', data: 'hello mac' }, '/mac');
    await vi.waitFor(() => expect(fake.Notification.shown).toHaveLength(1), { timeout: 10_000, interval: 20 });
    const win = fake.BrowserWindow.created[0]!;
    fake.Notification.shown[0]!.click();
    expect(navigations(win)).toHaveLength(1);
  });
});

describe.skipIf(!sessionBusAvailable())('on Linux', () => {
  let bus: SessionBus;
  beforeEach(async () => {
    bus = await startSessionBus();
  });
  afterEach(async () => {
    await bus.close();
  });
  afterAll(() => undefined);

  it('the launcher badge works (desktopName); unlock is no event here, so nothing waits for it', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    await bus.startWatcher(true);
    await boot('linux', '/linux');
    expect(fake.app.badge).toBe(0);
    expect(fake.powerMonitor.listens('unlock-screen')).toBe(false);
    expect(fake.powerMonitor.listens('resume')).toBe(true);
  });

  it('stock GNOME (Wayland, no StatusNotifier host): closing minimises instead of hiding with no way back', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    process.env.XDG_SESSION_TYPE = 'wayland';
    const win = await boot('linux', '/gnome');
    win.emit('ready-to-show');
    expect(win.close()).toBe(false);
    expect(win.reachable()).toBe(true);
    expect(fake.Notification.shown.map((n) => n.options.body)).toEqual([
      expect.stringContaining('This desktop shows no tray icons'),
    ]);
    // It keeps receiving.
    server.send({ id: 'g-1', data: 'still here' }, '/gnome');
    await vi.waitFor(() => expect(fake.Notification.shown).toHaveLength(2), { timeout: 10_000, interval: 20 });
  });

  it('a tray that activates on a double click opens the window with one', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    await bus.startWatcher(true);
    const win = await boot('linux', '/kde', ['--hidden']);
    fake.linuxTray.activation = 'double-click';
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(false);
    fake.Tray.created[0]!.userDoubleClick();
    expect(win.isVisible()).toBe(true);
  });
});
