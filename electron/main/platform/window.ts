/**
 * The main window: locked-down webPreferences, no navigation, no popups, no permissions; close hides it to the
 * tray when settings.closeToTray is on (telling the user once that Tidings keeps running).
 *
 * A hidden window needs a tray icon to come back through. Where there is none (a Linux desktop without a
 * StatusNotifier host, e.g. stock GNOME) closing minimises instead; where that cannot be told, the first close
 * asks whether to keep running, and the hint says how to reopen the window (start Tidings again).
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { TrayHost } from './tray-host';
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
  closeHint: { wasShown(): boolean; markShown(): void; show(kind: CloseHintKind): void };
  /** Whether the user can see a tray icon to bring the window back ('present' when not given). */
  trayHost?: () => TrayHost;
  /**
   * With no way to tell whether there is a tray: what the user chose on the first close (null: not asked yet),
   * how to ask, and what 'quit' means (close-to-tray off, so this and every later close quits).
   */
  closeChoice?: {
    get(): CloseChoice | null;
    set(choice: CloseChoice): void;
    ask(): Promise<CloseChoice>;
    quitOnClose(): void;
  };
  logger?: Pick<Logger, 'warn' | 'error'>;
  /**
   * Windows is ending the session (shut down, restart, sign out). Windows then ends the process without
   * 'before-quit' or 'will-quit', so whatever must be saved is saved here, synchronously as far as possible.
   */
  onSessionEnd?: () => void;
  /** For the crash-loop guard; Date.now by default. */
  now?: () => number;
}

/** The hint after the first close: hidden to the tray, minimised (no tray), or hidden with "start again to reopen". */
export type CloseHintKind = 'tray' | 'minimised' | 'reopen';
export type CloseChoice = 'background' | 'quit';

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
  const trayHost = deps.trayHost ?? ((): TrayHost => 'present');
  const mayBeUnreachable = (): boolean => {
    const host = trayHost();
    return host === 'absent' || (host === 'unknown' && deps.closeChoice?.get() !== 'background');
  };

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
      // Started hidden (--hidden, at login) where there may be no tray to come back through: minimised instead —
      // unless the user already chose to keep Tidings in the background there (and knows to start it again).
      else if (mayBeUnreachable()) {
        win.showInactive();
        win.minimize();
      }
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
    const hintOnce = (kind: CloseHintKind): void => {
      if (deps.closeHint.wasShown()) return;
      deps.closeHint.markShown();
      deps.closeHint.show(kind);
    };
    let asking = false;
    win.on('close', (event) => {
      if (deps.isQuitting() || !deps.closeToTray()) return;
      event.preventDefault();
      const host = trayHost();
      if (host === 'present') {
        win.hide();
        hintOnce('tray');
        return;
      }
      if (host === 'absent' || !deps.closeChoice) {
        win.minimize();
        hintOnce('minimised');
        return;
      }
      const choice = deps.closeChoice;
      const chosen = choice.get();
      if (chosen === 'background') {
        win.hide();
        hintOnce('reopen');
        return;
      }
      if (asking) return;
      asking = true;
      void choice
        .ask()
        .then((answer) => {
          choice.set(answer);
          if (win.isDestroyed()) return;
          if (answer === 'quit') {
            choice.quitOnClose();
            win.close();
          } else {
            win.hide();
            hintOnce('reopen');
          }
        })
        .catch((error: unknown) => deps.logger?.warn('asking about close to tray failed', error))
        .finally(() => {
          asking = false;
        });
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
