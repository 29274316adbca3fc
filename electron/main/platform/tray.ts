/**
 * The tray icon: its picture and tooltip follow the feeds (all live / some failing / paused / do-not-disturb)
 * and the unread count; its menu opens the window, pauses or resumes every feed, sets do-not-disturb,
 * reconnects everything and quits. The state itself is computed by the pure functions in core/notify; the texts
 * come from the translator, so the menu and tooltip are rebuilt in the new language when settings change.
 *
 * A subscriber of core's domain events (status, unread, settings, feeds changed), throttled to one refresh per
 * refreshThrottleMs under a burst, and of a slow timer; not of every stored batch, which the unread change covers.
 * Its settings changes go through core.updateSettings, the same call as the window's.
 */
import { join } from 'node:path';
import { Menu, Tray, app, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Settings } from '../../../shared/domain';
import { isDndActive, nextMorning } from '../core/notify/dnd';
import { allPaused, trayState, trayStates, trayTooltip, type TrayState } from '../core/notify/tray-state';
import type { Translator } from '../core/i18n';
import type { Core, Logger } from '../core/types';
import { throttle } from '../core/util/throttle';

export interface TrayServiceDeps {
  core: Pick<
    Core,
    | 'statuses'
    | 'settings'
    | 'unreadTotal'
    | 'pauseAll'
    | 'resumeAll'
    | 'reconnectAll'
    | 'updateSettings'
    | 'onDidChangeStatus'
    | 'onDidChangeUnread'
    | 'onDidChangeSettings'
    | 'onDidChangeFeeds'
  >;
  iconPaths: Record<TrayState, string>;
  /** The translator for the user's current language (re-read on every refresh). */
  strings(): Translator;
  showWindow(): void;
  quit(): void;
  openLogs(): void;
  copyDiagnostics(): void;
  clock: { now(): number };
  logger: Logger;
  platform?: NodeJS.Platform;
  /** Re-evaluate periodically so a do-not-disturb period that ends shows without any other event. */
  refreshMs?: number;
  /** At most one refresh per this long for domain events (default 100 ms; 0: every event). */
  refreshThrottleMs?: number;
}

export interface TrayService {
  tray: Tray;
  state(): TrayState;
  tooltip(): string;
  refresh(): void;
  dispose(): void;
}

export const HOUR_MS = 3_600_000;

/**
 * The icon files per state. macOS gets template images ("…Template.png", black and alpha), which the menu bar
 * draws in its own colour for light and dark mode (docs/api/native-image.md, "Template Image"); the others get
 * the coloured 32 px icons (+ @2x).
 */
export function trayIconPaths(folder: string, platform: NodeJS.Platform): Record<TrayState, string> {
  const suffix = platform === 'darwin' ? 'Template' : '';
  return Object.fromEntries(trayStates.map((s) => [s, join(folder, `tray-${s}${suffix}.png`)])) as Record<
    TrayState,
    string
  >;
}

/** Which "Do not disturb" choice the radio group shows as selected. */
export type DndChoice = 'hour' | 'tomorrow' | 'off' | 'other';

export function dndChoice(dnd: Settings['dnd'], now: number): DndChoice {
  if (!isDndActive(dnd, now)) return 'off';
  if (dnd.mode !== 'until' || dnd.until === null) return 'other';
  return dnd.until === nextMorning(now) ? 'tomorrow' : dnd.until - now <= HOUR_MS ? 'hour' : 'other';
}

export function createTrayService(deps: TrayServiceDeps): TrayService {
  const platform = deps.platform ?? process.platform;
  const images = new Map<TrayState, Electron.NativeImage>();
  const image = (state: TrayState): Electron.NativeImage => {
    let img = images.get(state);
    if (!img) {
      img = nativeImage.createFromPath(deps.iconPaths[state]);
      // The macOS template PNGs are drawn at the menu bar's 18 pt (+ @2x) and must not be resized (a resized image
      // is a new one); the coloured ones are 32 px (+ @2x) and the Windows tray wants 16 px.
      if (platform === 'darwin') img.setTemplateImage(true);
      else if (platform === 'win32') img = img.resize({ width: 16, height: 16 });
      images.set(state, img);
    }
    return img;
  };

  let current: TrayState = trayState(deps.core.statuses(), deps.core.settings(), deps.clock.now());
  let currentTooltip = '';
  let menuKey = '';
  const tray = new Tray(image(current));

  let forceMenu = false;
  const setDnd = (dnd: Partial<Settings['dnd']>): void => {
    deps.core.updateSettings({ dnd: { ...deps.core.settings().dnd, ...dnd } });
    forceMenu = true;
    refresh();
  };

  // The three choices are one radio group (Electron ticks the selected one and clears its neighbours), and the
  // menu is rebuilt whenever the choice changes, so it always shows the setting, whoever changed it.
  const buildMenu = (paused: boolean, dnd: DndChoice, t: Translator['tray']): Menu => {
    const template: MenuItemConstructorOptions[] = [
      { id: 'open', label: t.open, click: () => deps.showWindow() },
      { type: 'separator' },
      paused
        ? { id: 'resume-all', label: t.resumeAll, click: () => (deps.core.resumeAll(), refresh()) }
        : { id: 'pause-all', label: t.pauseAll, click: () => (deps.core.pauseAll('tray'), refresh()) },
      {
        id: 'dnd',
        label: t.dnd,
        submenu: [
          {
            id: 'dnd-hour',
            label: t.dndHour,
            type: 'radio',
            checked: dnd === 'hour',
            click: () => setDnd({ mode: 'until', until: deps.clock.now() + HOUR_MS }),
          },
          {
            id: 'dnd-tomorrow',
            label: t.dndTomorrow,
            type: 'radio',
            checked: dnd === 'tomorrow',
            click: () => setDnd({ mode: 'until', until: nextMorning(deps.clock.now()) }),
          },
          {
            id: 'dnd-off',
            label: t.dndOff,
            type: 'radio',
            checked: dnd === 'off',
            click: () => setDnd({ mode: 'off', until: null }),
          },
        ],
      },
      { id: 'reconnect-all', label: t.reconnectAll, click: () => deps.core.reconnectAll() },
      { type: 'separator' },
      { id: 'open-logs', label: t.openLogs, click: () => deps.openLogs() },
      { id: 'copy-diagnostics', label: t.copyDiagnostics, click: () => deps.copyDiagnostics() },
      { type: 'separator' },
      { id: 'quit', label: t.quit, click: () => deps.quit() },
    ];
    return Menu.buildFromTemplate(template);
  };

  function refresh(): void {
    try {
      const statuses = deps.core.statuses();
      const settings = deps.core.settings();
      const now = deps.clock.now();
      const unread = deps.core.unreadTotal();
      const t = deps.strings();
      const next = trayState(statuses, settings, now);
      if (next !== current) {
        current = next;
        tray.setImage(image(next));
      }
      const tip = trayTooltip(next, statuses, unread, t);
      if (tip !== currentTooltip) {
        currentTooltip = tip;
        tray.setToolTip(tip);
        if (platform === 'darwin' || platform === 'linux') app.setBadgeCount(unread);
      }
      const paused = allPaused(statuses);
      const dnd = dndChoice(settings.dnd, now);
      const key = `${paused}|${dnd}|${t.locale}`;
      // A click on an item Electron has already (un)ticked leaves the key unchanged: rebuild all the same.
      if (key !== menuKey || forceMenu) {
        forceMenu = false;
        menuKey = key;
        tray.setContextMenu(buildMenu(paused, dnd, t.tray));
      }
    } catch (error) {
      deps.logger.warn('tray refresh failed', error);
    }
  }

  // Linux/Windows: a click on the icon opens the window (macOS opens the menu). Windows sends 'double-click' after
  // a 'click', and some Linux StatusNotifier hosts send only a double click: both open the window (once is enough:
  // showing a shown window only focuses it).
  if (platform !== 'darwin') {
    tray.on('click', () => deps.showWindow());
    tray.on('double-click', () => deps.showWindow());
  }
  refresh();

  const timers = { setTimeout, clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const refreshSoon = throttle(refresh, deps.refreshThrottleMs ?? 100, timers, deps.clock);
  const unsubscribers = [
    deps.core.onDidChangeStatus(refreshSoon),
    deps.core.onDidChangeUnread(refreshSoon),
    deps.core.onDidChangeSettings(refreshSoon),
    deps.core.onDidChangeFeeds(refreshSoon),
  ];
  const interval = setInterval(refresh, deps.refreshMs ?? 30_000);
  interval.unref?.();

  return {
    tray,
    state: () => current,
    tooltip: () => currentTooltip,
    refresh,
    dispose() {
      clearInterval(interval);
      refreshSoon.cancel();
      for (const off of unsubscribers) off();
      tray.destroy();
    },
  };
}
