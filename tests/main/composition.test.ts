/**
 * The composition root (electron/main/index.ts) run in Node against the fake Electron and the REAL core: it must
 * take the single-instance lock, honour TIDINGS_USER_DATA, build the core, bind IPC for our window only, create
 * the window (app://) and the tray, connect feeds through Node with the session's proxy, and close the core when quitting.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke, invokeChannels } from '../../shared/ipc/channels';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import { sessionBusAvailable, startSessionBus, type SessionBus } from './session-bus';
import type * as FakeElectron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('electron-log/main', () => import('./electron-log-mock'));

let dir: string;
let server: SseTestServer | null = null;
const savedArgv = process.argv;
const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
let bus: SessionBus | null = null;

// This Linux desktop has a tray (a StatusNotifier host on the session bus), so closing hides the window.
beforeAll(async () => {
  if (process.platform !== 'linux' || !sessionBusAvailable()) return;
  bus = await startSessionBus();
  await bus.startWatcher(true);
  process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
});
afterAll(async () => {
  await bus?.close();
  if (savedBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
});

beforeEach(() => {
  vi.resetModules();
  dir = mkdtempSync(join(tmpdir(), 'tidings-root-'));
  process.env.TIDINGS_USER_DATA = dir;
});
afterEach(async () => {
  process.argv = savedArgv;
  delete process.env.TIDINGS_USER_DATA;
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

async function boot(argv: string[] = []) {
  process.argv = [savedArgv[0] as string, '/app', ...argv];
  // The mocked 'electron' is the instance the app sees (it may differ from a fresh import of fake-electron).
  const fake = (await import('electron')) as unknown as typeof FakeElectron;
  // The app module runs before Electron is ready, as it does for real; app.whenReady() makes it ready.
  fake.resetFakeElectron({ ready: false });
  return fake;
}

describe('composition root', () => {
  it('starts everything against the real core and shuts it down on quit', async () => {
    server = await startSseServer();
    const fake = await boot(['--hidden', '--add-feed', `${server.url}/root`]);
    await import('../../electron/main/index');

    await vi.waitFor(() => expect(fake.Tray.created).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(fake.app.getPath('userData')).toBe(dir);
    expect(fake.app.handedOver).toEqual({ argv: process.argv });
    expect(fake.protocol.privileged).toHaveLength(1);
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());

    const win = fake.BrowserWindow.created[0]!;
    expect(win.loadedUrl).toBe('app://tidings/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(false); // --hidden

    // --add-feed on the first launch: the feed is added and connected through Node's transport, with the proxy
    // resolved by the session — never through net.fetch (Chromium's 6-per-host pool).
    await server.waitForClients(1, { path: '/root', timeoutMs: 10_000 });
    expect(fake.session.defaultSession.resolved.some((u) => u.endsWith('/root'))).toBe(true);
    expect(fake.net.fetched).toEqual([]);

    const snapshot = fake.ipcMain.handlers.get(invoke.appSnapshot)!;
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const result = (await snapshot(ours, undefined)) as { ok: boolean; data: { feeds: { url: string }[] } };
    expect(result.ok).toBe(true);
    expect(result.data.feeds.map((f) => f.url)).toEqual([`${server.url}/root`]);
    const stranger = new fake.BrowserWindow({});
    expect(
      await snapshot({ sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame }, undefined),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Quit: adapters stop, the core closes (its feed connection goes away), then the app really quits.
    fake.app.fire('before-quit');
    expect(fake.app.fire('will-quit').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1), { timeout: 10_000 });
    expect(fake.Tray.created[0]!.destroyed).toBe(true);
    await vi.waitFor(() => expect(server!.clientCount('/root')).toBe(0), { timeout: 10_000 });
  });

  it('Windows ending the session (no before-quit will come) closes the core and lets the window close', async () => {
    server = await startSseServer();
    const fake = await boot(['--hidden', '--add-feed', `${server.url}/session`]);
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.Tray.created).toHaveLength(1), { timeout: 10_000, interval: 20 });
    await server.waitForClients(1, { path: '/session', timeoutMs: 10_000 });
    const win = fake.BrowserWindow.created[0]!;
    // Close-to-tray is on: before the session ends, closing only hides.
    expect(win.close()).toBe(false);

    win.emit('session-end');
    await vi.waitFor(() => expect(server!.clientCount('/session')).toBe(0), { timeout: 10_000 });
    expect(win.close()).toBe(true);
  });

  it('tells the user and exits when the core cannot start (data folder unusable)', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    process.env.TIDINGS_USER_DATA = join(dir, 'not-a-folder');
    const fake = await boot();
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 10_000 });
    expect(fake.dialog.errors[0]?.[0]).toBe('Tidings could not start');
    expect(fake.BrowserWindow.created).toHaveLength(0);
  });

  it('speaks the system language, then follows the language setting (tray, close hint)', async () => {
    const fake = await boot();
    fake.app.preferredLanguages = ['zh-Hans-CN', 'en-US'];
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.Tray.created).toHaveLength(1), { timeout: 10_000, interval: 20 });
    const tray = fake.Tray.created[0]!;
    const quitLabel = () => (tray.menu as FakeElectron.Menu).find('quit')?.label;
    expect(quitLabel()).toBe('退出 Tidings');
    expect(tray.tooltip).toBe('Tidings — 没有未读消息');

    // Closing the window hides it to the tray and says so once, in Chinese.
    const win = fake.BrowserWindow.created[0]!;
    win.emit('ready-to-show');
    win.close();
    expect(win.isVisible()).toBe(false);
    expect(fake.Notification.shown.map((n) => n.options.title)).toEqual(['Tidings 仍在运行']);

    // The renderer switches the language to English: the tray follows.
    const update = fake.ipcMain.handlers.get(invoke.settingsUpdate)!;
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await update(ours, { language: 'en' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(quitLabel()).toBe('Quit Tidings'), { timeout: 5_000, interval: 20 });
    expect(tray.tooltip).toBe('Tidings — no unread messages');

    fake.app.fire('before-quit');
    fake.app.fire('will-quit');
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1), { timeout: 10_000 });
  });

  it('the start-up error box is in the system language', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    process.env.TIDINGS_USER_DATA = join(dir, 'not-a-folder');
    const fake = await boot();
    fake.app.preferredLanguages = ['zh-CN'];
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 10_000 });
    expect(fake.dialog.errors[0]?.[0]).toBe('Tidings 无法启动');
  });

  it('a second instance quits at once without building anything', async () => {
    const fake = await boot();
    fake.app.lockAvailable = false;
    await import('../../electron/main/index');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.created).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
