/**
 * The main window: locked-down webPreferences, no navigation, no popups, no permissions; close hides it to the
 * tray when settings.closeToTray is on (telling the user once that Tidings keeps running).
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { PayloadOf } from '../../../shared/ipc/contract';
import type { PushChannel } from '../../../shared/ipc/channels';
import type { Logger } from '../core/types';

export interface WindowServiceDeps {
  preloadPath: string;
  /** app://tidings/index.html, or the dev server URL in development. */
  rendererUrl: string;
  iconPath?: string;
  /** Start without showing the window (`--hidden`, start at login). */
  startHidden: boolean;
  closeToTray(): boolean;
  /** True once the app is quitting: close then really closes. */
  isQuitting(): boolean;
  closeHint: { wasShown(): boolean; markShown(): void; show(): void };
  logger?: Pick<Logger, 'warn' | 'error'>;
  /**
   * Windows is ending the session (shut down, restart, sign out). Windows then ends the process without
   * 'before-quit' or 'will-quit', so whatever must be saved is saved here, synchronously as far as possible.
   */
  onSessionEnd?: () => void;
  /** For the crash-loop guard; Date.now by default. */
  now?: () => number;
}

/** A renderer that dies is reloaded, unless it died this many times within RENDERER_CRASH_WINDOW_MS. */
export const RENDERER_CRASH_LIMIT = 3;
export const RENDERER_CRASH_WINDOW_MS = 60_000;

export interface WindowService {
  /** The window, created on first use. */
  ensure(): BrowserWindow;
  current(): BrowserWindow | null;
  /** Show, restore and focus (creating the window when needed). */
  show(): void;
  /** Whether these web contents belong to a window this service created. */
  owns(contents: WebContents): boolean;
  /** Send a push to the renderer once it has loaded (for pushes that must not be lost, e.g. navigate). */
  sendWhenReady<C extends PushChannel>(channel: C, payload: PayloadOf<C>): void;
}

/** Permissions the renderer may use: writing the clipboard ("Copy diagnostics"). Everything else is denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/** No popups, no navigation away from the renderer, no <webview>. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Pushes keep arriving while the window is hidden in the tray; do not let Chromium throttle their handling.
    backgroundThrottling: false,
    spellcheck: false,
  };
}

export function createWindowService(deps: WindowServiceDeps): WindowService {
  let window: BrowserWindow | null = null;
  const paintedOf = new WeakMap<BrowserWindow, () => boolean>();
  let firstShow = !deps.startHidden;
  const now = deps.now ?? Date.now;

  const ensure = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const win = new BrowserWindow({
      width: 1100,
      height: 720,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: 'Tidings',
      autoHideMenuBar: true,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      webPreferences: secureWebPreferences(deps.preloadPath),
    });
    // No menu bar on Linux/Windows (its reload and devtools accelerators are not for users); macOS keeps the
    // application menu, which carries the standard edit shortcuts.
    if (process.platform !== 'darwin') win.removeMenu();
    hardenSession(win.webContents.session);
    hardenContents(win.webContents);

    // 'ready-to-show' comes once, for the first paint; later loads (a crashed renderer reloaded) show at once.
    let painted = false;
    win.once('ready-to-show', () => {
      painted = true;
      if (firstShow) win.show();
    });
    paintedOf.set(win, () => painted);
    // A tray app's window lives for days: a renderer that crashed or was killed (out of memory) would leave a blank
    // window until the next restart. Reload it, but not in a loop when it dies again at once.
    const crashes: number[] = [];
    win.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit' || win.isDestroyed()) return;
      const at = now();
      while (crashes.length > 0 && at - crashes[0]! > RENDERER_CRASH_WINDOW_MS) crashes.shift();
      crashes.push(at);
      if (crashes.length > RENDERER_CRASH_LIMIT) {
        deps.logger?.error(`renderer gone (${details.reason}, exit code ${details.exitCode}) again: not reloading`);
        return;
      }
      deps.logger?.warn(`renderer gone (${details.reason}, exit code ${details.exitCode}): reloading`);
      void win
        .loadURL(deps.rendererUrl)
        .catch((error: unknown) => deps.logger?.error('reloading the renderer failed', error));
    });
    win.on('close', (event) => {
      if (deps.isQuitting() || !deps.closeToTray()) return;
      event.preventDefault();
      win.hide();
      if (!deps.closeHint.wasShown()) {
        deps.closeHint.markShown();
        deps.closeHint.show();
      }
    });
    win.on('session-end', () => deps.onSessionEnd?.());
    win.on('closed', () => {
      if (window === win) window = null;
    });
    void win.loadURL(deps.rendererUrl);
    window = win;
    return win;
  };

  const show = (): void => {
    firstShow = true;
    const win = ensure();
    if (win.isMinimized()) win.restore();
    // Before the first paint 'ready-to-show' shows it; showing earlier flashes an empty frame.
    if (!win.webContents.isLoading() || paintedOf.get(win)?.()) win.show();
    win.focus();
  };

  return {
    ensure,
    current: () => (window && !window.isDestroyed() ? window : null),
    show,
    owns: (contents) => window !== null && !window.isDestroyed() && window.webContents === contents,
    sendWhenReady(channel, payload) {
      const win = ensure();
      const contents = win.webContents;
      if (contents.isLoading()) contents.once('did-finish-load', () => contents.send(channel, payload));
      else contents.send(channel, payload);
    },
  };
}
