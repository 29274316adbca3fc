import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { BrowserWindow, FakeWebContents, app, resetFakeElectron } from './fake-electron';
import {
  RENDERER_CRASH_LIMIT,
  RENDERER_CRASH_WINDOW_MS,
  createWindowService,
  type WindowServiceDeps,
} from '../../electron/main/platform/window';
import { setupQuit } from '../../electron/main/platform/lifecycle';
import { createStubCore, silentLogger } from './stub-core';

function setup(overrides: Partial<WindowServiceDeps> = {}) {
  let shown = false;
  const hint = { wasShown: () => shown, markShown: vi.fn(() => void (shown = true)), show: vi.fn() };
  let closeToTray = true;
  let quitting = false;
  const service = createWindowService({
    preloadPath: '/app/out/preload/index.cjs',
    rendererUrl: 'app://tidings/index.html',
    startHidden: false,
    closeToTray: () => closeToTray,
    isQuitting: () => quitting,
    closeHint: hint,
    ...overrides,
  });
  return {
    service,
    hint,
    setCloseToTray: (v: boolean) => void (closeToTray = v),
    setQuitting: (v: boolean) => void (quitting = v),
  };
}

beforeEach(() => resetFakeElectron());

describe('main window security', () => {
  it('creates the window with isolated, sandboxed, node-free web preferences and our preload', () => {
    const { service } = setup();
    const win = service.ensure() as unknown as BrowserWindow;
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(win.loadedUrl).toBe('app://tidings/index.html');
    expect(win.menuRemoved).toBe(process.platform !== 'darwin');
  });

  it('denies window.open and prevents navigation, redirects and webviews', () => {
    const { service } = setup();
    const contents = (service.ensure() as unknown as BrowserWindow).webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });

  it('denies permission requests and checks (camera, geolocation, notifications…) except clipboard writes', () => {
    const { service } = setup();
    const session = (service.ensure() as unknown as BrowserWindow).webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      session.permissionRequest?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheck?.(null, permission)).toBe(false);
    }
    const callback = vi.fn();
    session.permissionRequest?.(null, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
  });

  it('owns only the web contents of the window it created', () => {
    const { service } = setup();
    const win = service.ensure() as unknown as BrowserWindow;
    expect(service.owns(win.webContents as never)).toBe(true);
    expect(service.owns(new FakeWebContents() as never)).toBe(false);
  });
});

describe('showing, hiding and close-to-tray', () => {
  it('shows the window when it is ready unless started with --hidden', () => {
    const visible = setup().service.ensure() as unknown as BrowserWindow;
    visible.emit('ready-to-show');
    expect(visible.isVisible()).toBe(true);

    const hidden = setup({ startHidden: true }).service.ensure() as unknown as BrowserWindow;
    hidden.emit('ready-to-show');
    expect(hidden.isVisible()).toBe(false);
  });

  it('closing hides to the tray when closeToTray is on, and tells the user only the first time', () => {
    const { service, hint } = setup();
    const win = service.ensure() as unknown as BrowserWindow;
    win.show();
    expect(win.close()).toBe(false); // prevented
    expect(win.isVisible()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    expect(hint.show).toHaveBeenCalledTimes(1);
    win.show();
    win.close();
    expect(win.isVisible()).toBe(false);
    expect(hint.show).toHaveBeenCalledTimes(1);
  });

  it('closing really closes when closeToTray is off, and the app quits when the last window closes', () => {
    const { service, setCloseToTray, hint } = setup();
    setupQuit({ core: createStubCore(), onQuitting: () => undefined, logger: silentLogger });
    setCloseToTray(false);
    const win = service.ensure() as unknown as BrowserWindow;
    expect(win.close()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
    expect(hint.show).not.toHaveBeenCalled();
    expect(service.current()).toBeNull();
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(1);
  });

  it('does not hide to the tray while the app is quitting', () => {
    const { service, setQuitting } = setup();
    const win = service.ensure() as unknown as BrowserWindow;
    setQuitting(true);
    expect(win.close()).toBe(true);
  });

  it('show() brings back a hidden or minimised window and focuses it; after a real close it makes a new one', () => {
    const { service, setCloseToTray } = setup({ startHidden: true });
    const win = service.ensure() as unknown as BrowserWindow;
    win.webContents.finishLoad();
    win.minimized = true;
    service.show();
    expect(win.isVisible()).toBe(true);
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
    setCloseToTray(false);
    win.close();
    service.show();
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('sendWhenReady waits for the renderer to load before sending', () => {
    const { service } = setup();
    const win = service.ensure() as unknown as BrowserWindow;
    service.sendWhenReady('tidings:push:navigate', { messageId: 7, feedId: 'f' });
    expect(win.webContents.sent).toEqual([]);
    win.webContents.finishLoad();
    expect(win.webContents.sent).toEqual([
      { channel: 'tidings:push:navigate', payload: { messageId: 7, feedId: 'f' } },
    ]);
    service.sendWhenReady('tidings:push:navigate', { messageId: 8, feedId: 'f' });
    expect(win.webContents.sent).toHaveLength(2);
  });
});

describe('renderer crashes', () => {
  const gone = (win: BrowserWindow, reason: string) =>
    win.webContents.emit('render-process-gone', {}, { reason, exitCode: reason === 'clean-exit' ? 0 : 139 });

  it('reloads the renderer when it crashes or is killed, but not after a clean exit', () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const { service } = setup({ logger });
    const win = service.ensure() as unknown as BrowserWindow;
    win.webContents.finishLoad();
    expect(win.loads).toBe(1);
    gone(win, 'crashed');
    expect(win.loads).toBe(2);
    expect(win.loadedUrl).toBe('app://tidings/index.html');
    win.webContents.finishLoad();
    gone(win, 'oom');
    expect(win.loads).toBe(3);
    gone(win, 'clean-exit');
    expect(win.loads).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('gives up when the renderer keeps dying within a minute, and tries again once things calmed down', () => {
    let now = 1_000_000;
    const logger = { warn: vi.fn(), error: vi.fn() };
    const { service } = setup({ logger, now: () => now });
    const win = service.ensure() as unknown as BrowserWindow;
    for (let i = 0; i < RENDERER_CRASH_LIMIT + 2; i += 1) gone(win, 'crashed');
    expect(win.loads).toBe(1 + RENDERER_CRASH_LIMIT);
    expect(logger.error).toHaveBeenCalled();
    now += RENDERER_CRASH_WINDOW_MS + 1;
    gone(win, 'crashed');
    expect(win.loads).toBe(2 + RENDERER_CRASH_LIMIT);
  });

  it('a tray click while the reloaded renderer loads shows the window (ready-to-show does not come again)', () => {
    const { service } = setup({ startHidden: true });
    const win = service.ensure() as unknown as BrowserWindow;
    win.webContents.finishLoad();
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(false);
    gone(win, 'crashed');
    expect(win.webContents.isLoading()).toBe(true);
    service.show();
    expect(win.isVisible()).toBe(true);
  });

  it('before the first paint, show() still waits for ready-to-show (no empty flash)', () => {
    const { service } = setup({ startHidden: true });
    const win = service.ensure() as unknown as BrowserWindow;
    service.show();
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });
});

describe('session end (Windows)', () => {
  it('tells the app when Windows ends the session', () => {
    const onSessionEnd = vi.fn();
    const { service } = setup({ onSessionEnd });
    const win = service.ensure() as unknown as BrowserWindow;
    win.emit('session-end');
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
  });
});

describe('closing where there may be no tray (Linux)', () => {
  function closeChoice(answer: 'background' | 'quit') {
    let chosen: 'background' | 'quit' | null = null;
    return {
      get: () => chosen,
      set: vi.fn((c: 'background' | 'quit') => void (chosen = c)),
      ask: vi.fn(async () => answer),
      quitOnClose: vi.fn(),
    };
  }

  it('no tray on this desktop: closing minimises (the window stays reachable) and says so once', () => {
    const { service, hint } = setup({ trayHost: () => 'absent', closeChoice: closeChoice('background') });
    const win = service.ensure() as unknown as BrowserWindow;
    win.emit('ready-to-show');
    expect(win.close()).toBe(false);
    expect(win.reachable()).toBe(true);
    expect(win.isMinimized()).toBe(true);
    expect(hint.show).toHaveBeenCalledWith('minimised');
  });

  it('cannot tell: the first close asks; "keep running" hides and says how to reopen, later closes just hide', async () => {
    const choice = closeChoice('background');
    const { service, hint } = setup({ trayHost: () => 'unknown', closeChoice: choice });
    const win = service.ensure() as unknown as BrowserWindow;
    win.emit('ready-to-show');
    expect(win.close()).toBe(false);
    expect(choice.ask).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(win.isVisible()).toBe(false));
    expect(choice.set).toHaveBeenCalledWith('background');
    expect(hint.show).toHaveBeenCalledWith('reopen');
    win.show();
    expect(win.close()).toBe(false);
    expect(win.isVisible()).toBe(false);
    expect(choice.ask).toHaveBeenCalledTimes(1);
  });

  it('cannot tell, and the user answers "quit": close to tray is turned off and the window really closes', async () => {
    const choice = closeChoice('quit');
    const s = setup({ trayHost: () => 'unknown', closeChoice: choice });
    choice.quitOnClose.mockImplementation(() => s.setCloseToTray(false));
    const win = s.service.ensure() as unknown as BrowserWindow;
    win.emit('ready-to-show');
    expect(win.close()).toBe(false);
    await vi.waitFor(() => expect(win.isDestroyed()).toBe(true));
    expect(choice.quitOnClose).toHaveBeenCalledTimes(1);
  });

  it('started hidden (at login) without a tray: shown minimised, never hidden for good', () => {
    const { service } = setup({ startHidden: true, trayHost: () => 'absent' });
    const win = service.ensure() as unknown as BrowserWindow;
    win.emit('ready-to-show');
    expect(win.reachable()).toBe(true);
    expect(win.isMinimized()).toBe(true);
  });

  it('started hidden where it cannot be told: minimised until the user has chosen to keep running hidden', () => {
    const unsure = setup({ startHidden: true, trayHost: () => 'unknown', closeChoice: closeChoice('background') });
    const first = unsure.service.ensure() as unknown as BrowserWindow;
    first.emit('ready-to-show');
    expect(first.reachable()).toBe(true);

    const answered = closeChoice('background');
    answered.set('background');
    const known = setup({ startHidden: true, trayHost: () => 'unknown', closeChoice: answered });
    resetFakeElectron();
    const second = known.service.ensure() as unknown as BrowserWindow;
    second.emit('ready-to-show');
    expect(second.isVisible()).toBe(false);
  });

  it('with a tray: hides as before', () => {
    const { service, hint } = setup({ trayHost: () => 'present' });
    const win = service.ensure() as unknown as BrowserWindow;
    win.emit('ready-to-show');
    win.close();
    expect(win.isVisible()).toBe(false);
    expect(hint.show).toHaveBeenCalledWith('tray');
  });
});
