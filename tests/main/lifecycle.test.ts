import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { type BrowserWindow, app, resetFakeElectron } from './fake-electron';
import { parseArgs } from '../../electron/main/platform/args';
import { handleLaunchArgs, listenForSecondInstance, setupQuit } from '../../electron/main/platform/lifecycle';
import { createStubCore, silentLogger } from './stub-core';
import { testWindowService } from './window-service';

beforeEach(() => resetFakeElectron());

describe('launch arguments', () => {
  it('understands --hidden and --add-feed in both spellings, ignoring Electron and Chromium switches', () => {
    expect(parseArgs(['/opt/tidings', '--no-sandbox', '--hidden'])).toEqual({ hidden: true, addFeedUrl: null });
    expect(parseArgs(['/opt/tidings', '--add-feed', 'https://x.example/sse'])).toEqual({
      hidden: false,
      addFeedUrl: 'https://x.example/sse',
    });
    expect(parseArgs(['tidings', '--add-feed=http://127.0.0.1:9/e'])).toEqual({
      hidden: false,
      addFeedUrl: 'http://127.0.0.1:9/e',
    });
    expect(parseArgs(['tidings', '--add-feed', '--hidden'])).toEqual({ hidden: true, addFeedUrl: null });
    expect(parseArgs(['tidings', '--add-feed='])).toEqual({ hidden: false, addFeedUrl: null });
  });

  it('finds the URL of --add-feed when Chromium moved the switches ahead of the arguments', () => {
    expect(parseArgs(['/opt/electron', '--add-feed', '--no-sandbox', '/src/app', 'http://127.0.0.1:5/e'])).toEqual({
      hidden: false,
      addFeedUrl: 'http://127.0.0.1:5/e',
    });
  });
});

describe('single instance hand-over', () => {
  function setup() {
    const core = createStubCore();
    const windows = testWindowService();
    const win = windows.ensure() as unknown as BrowserWindow;
    win.webContents.finishLoad();
    listenForSecondInstance().attach({ core, logger: silentLogger, showWindow: () => windows.show() });
    return { core, win };
  }

  it('a second launch with --add-feed adds the feed in the running instance and focuses its window', async () => {
    const { core, win } = setup();
    app.emit('second-instance', {}, ['/opt/tidings/tidings', '--add-feed', 'https://feeds.example/orders'], '/home/u');
    await vi.waitFor(() => expect(core.addFeedFromUrl).toHaveBeenCalledWith('https://feeds.example/orders'));
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
  });

  it('prefers the argv the second instance handed over (additionalData) to the event argv', async () => {
    const { core } = setup();
    app.emit('second-instance', {}, ['/opt/tidings/tidings', '--add-feed'], '/home/u', {
      argv: ['/opt/tidings/tidings', '--add-feed', 'https://exact.example/sse'],
    });
    await vi.waitFor(() => expect(core.addFeedFromUrl).toHaveBeenCalledWith('https://exact.example/sse'));
  });

  it('a plain second launch just brings the window forward; a --hidden one leaves it in the tray', async () => {
    const { core, win } = setup();
    app.emit('second-instance', {}, ['/opt/tidings/tidings', '--hidden'], '/home/u');
    expect(win.isVisible()).toBe(false);
    app.emit('second-instance', {}, ['/opt/tidings/tidings'], '/home/u');
    expect(win.isVisible()).toBe(true);
    expect(core.addFeedFromUrl).not.toHaveBeenCalled();
  });

  it('the first launch adds its own --add-feed without forcing the window open', async () => {
    const core = createStubCore();
    const showWindow = vi.fn();
    await handleLaunchArgs(
      ['tidings', '--hidden', '--add-feed=https://a.example/s'],
      { core, showWindow, logger: silentLogger },
      true,
    );
    expect(core.addFeedFromUrl).toHaveBeenCalledWith('https://a.example/s');
    expect(showWindow).not.toHaveBeenCalled();
  });

  it('a second launch during start-up (before the core is ready) is kept and acted on once it is', async () => {
    const listener = listenForSecondInstance();
    app.emit('second-instance', {}, ['/opt/tidings/tidings', '--add-feed', 'https://early.example/sse'], '/home/u');
    app.emit('second-instance', {}, ['/opt/tidings/tidings'], '/home/u');
    const core = createStubCore();
    const showWindow = vi.fn();
    listener.attach({ core, logger: silentLogger, showWindow });
    await vi.waitFor(() => expect(core.addFeedFromUrl).toHaveBeenCalledWith('https://early.example/sse'));
    expect(showWindow).toHaveBeenCalledTimes(2);
    // Later launches go straight through.
    app.emit('second-instance', {}, ['/opt/tidings/tidings'], '/home/u');
    expect(showWindow).toHaveBeenCalledTimes(3);
  });

  it('a feed the core refuses is logged, not thrown', async () => {
    const core = createStubCore();
    core.addFeedFromUrl.mockRejectedValueOnce(new Error('Enter an http:// or https:// URL'));
    const logger = { ...silentLogger, warn: vi.fn() };
    await handleLaunchArgs(['tidings', '--add-feed', 'ftp://nope'], { core, showWindow: () => undefined, logger });
    expect(logger.warn).toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('marks quitting, closes the core before exit, then quits for real', async () => {
    const core = createStubCore();
    let release!: () => void;
    core.close.mockImplementation(() => new Promise<undefined>((resolve) => (release = () => resolve(undefined))));
    const onQuitting = vi.fn();
    const beforeClose = vi.fn();
    setupQuit({ core, onQuitting, beforeClose, logger: silentLogger });
    app.fire('before-quit');
    expect(onQuitting).toHaveBeenCalled();
    const first = app.fire('will-quit');
    expect(first.defaultPrevented).toBe(true);
    expect(beforeClose).toHaveBeenCalledTimes(1);
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(app.quitCalls).toBe(0);
    release();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(app.fire('will-quit').defaultPrevented).toBe(false);
  });

  it('a second quit while the core is closing neither re-runs the cleanup nor closes the core twice', async () => {
    const core = createStubCore();
    let release!: () => void;
    core.close.mockImplementation(() => new Promise<undefined>((resolve) => (release = () => resolve(undefined))));
    const beforeClose = vi.fn();
    setupQuit({ core, onQuitting: () => undefined, beforeClose, logger: silentLogger });
    app.fire('before-quit');
    expect(app.fire('will-quit').defaultPrevented).toBe(true);
    // The user picks Quit again from the tray while the first quit is still flushing.
    app.fire('before-quit');
    expect(app.fire('will-quit').defaultPrevented).toBe(true);
    expect(beforeClose).toHaveBeenCalledTimes(1);
    expect(core.close).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(app.fire('will-quit').defaultPrevented).toBe(false);
  });

  it('a core that never finishes closing does not keep the app alive: it quits after the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const core = createStubCore();
      core.close.mockImplementation(() => new Promise<undefined>(() => undefined));
      const logger = { ...silentLogger, error: vi.fn() };
      setupQuit({ core, onQuitting: () => undefined, logger, closeTimeoutMs: 2_000 });
      expect(app.fire('will-quit').defaultPrevented).toBe(true);
      await vi.advanceTimersByTimeAsync(1_999);
      expect(app.quitCalls).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(app.quitCalls).toBe(1);
      expect(logger.error).toHaveBeenCalledWith('closing core timed out: quitting anyway');
      expect(app.fire('will-quit').defaultPrevented).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a core whose close fails is logged and the app still quits', async () => {
    const core = createStubCore();
    core.close.mockRejectedValueOnce(new Error('disk gone'));
    const logger = { ...silentLogger, error: vi.fn() };
    setupQuit({ core, onQuitting: () => undefined, logger });
    app.fire('will-quit');
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(logger.error).toHaveBeenCalledWith('closing core failed', expect.any(Error));
  });
});
