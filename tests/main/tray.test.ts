import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import {
  Menu as FakeMenu,
  Tray,
  app,
  linuxTray,
  resetFakeElectron,
  restoreRealPlatform,
  usePlatform,
  type Menu,
} from './fake-electron';
import { translatorFor } from '../../electron/main/core/i18n';
import { createTrayService, HOUR_MS, trayIconPaths, type TrayService } from '../../electron/main/platform/tray';
import type { Settings } from '../../shared/domain';
import { status } from '../core/notify/fixtures';
import { createStubCore, silentLogger, type StubCore } from './stub-core';

const iconPaths = {
  live: '/i/tray-live.png',
  failing: '/i/tray-failing.png',
  paused: '/i/tray-paused.png',
  dnd: '/i/tray-dnd.png',
};
const NOW = new Date(2026, 4, 12, 15, 0).getTime();

let core: StubCore;
let service: TrayService;
let calls: { show: number; quit: number; logs: number; copy: number };
/** The host's locale for the 'system' language setting. */
let systemLocale: string;

function start(platform: NodeJS.Platform = 'linux', options: Partial<Parameters<typeof createTrayService>[0]> = {}) {
  usePlatform(platform);
  calls = { show: 0, quit: 0, logs: 0, copy: 0 };
  service = createTrayService({
    core,
    iconPaths,
    // Wired as the composition root does: the language setting, 'system' → the host's locale.
    strings: translatorFor(
      () => core.settings(),
      () => systemLocale,
    ),
    clock: { now: () => NOW },
    logger: silentLogger,
    platform,
    showWindow: () => void calls.show++,
    quit: () => void calls.quit++,
    openLogs: () => void calls.logs++,
    copyDiagnostics: () => void calls.copy++,
    // Every domain event refreshes at once here; throttling has its own test.
    refreshThrottleMs: 0,
    ...options,
  });
  return Tray.created.at(-1) as Tray;
}
const menu = (tray: Tray) => tray.menu as Menu;
const click = (tray: Tray, id: string) => {
  const item = menu(tray).find(id);
  if (!item?.click) throw new Error(`no menu item ${id}`);
  item.click();
};

beforeEach(() => {
  resetFakeElectron();
  core = createStubCore();
  systemLocale = 'en-US';
  core.state.statuses = [status('a', 'open'), status('b', 'open')];
});
afterEach(() => {
  service?.dispose();
  restoreRealPlatform();
});

describe('tray menu', () => {
  it('has Open, Pause all, Do not disturb (1 hour / until tomorrow / off), Reconnect all and Quit', () => {
    const tray = start();
    const labels = menu(tray)
      .items.filter((i) => i.label)
      .map((i) => i.label);
    expect(labels).toEqual([
      'Open Tidings',
      'Pause all',
      'Do not disturb',
      'Reconnect all',
      'Open logs folder',
      'Copy diagnostics',
      'Quit Tidings',
    ]);
    expect(
      menu(tray)
        .find('dnd')
        ?.submenu?.map((i) => i.label),
    ).toEqual(['For 1 hour', 'Until tomorrow morning', 'Off']);
  });

  it('each item does what it says', () => {
    const tray = start();
    click(tray, 'open');
    expect(calls.show).toBe(1);
    click(tray, 'reconnect-all');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    click(tray, 'open-logs');
    click(tray, 'copy-diagnostics');
    expect([calls.logs, calls.copy]).toEqual([1, 1]);
    click(tray, 'quit');
    expect(calls.quit).toBe(1);
  });

  it('"Pause all" pauses every feed, then the menu offers "Resume all", which resumes', () => {
    const tray = start();
    click(tray, 'pause-all');
    expect(core.pauseAll).toHaveBeenCalledTimes(1);
    expect(core.pauseAll).toHaveBeenCalledWith('tray'); // the window and diagnostics name the tray
    expect(service.state()).toBe('paused');
    expect(tray.image).toEqual({ path: iconPaths.paused });
    expect(menu(tray).find('pause-all')).toBeUndefined();
    click(tray, 'resume-all');
    expect(core.resumeAll).toHaveBeenCalledTimes(1);
    expect(service.state()).toBe('live');
    expect(menu(tray).find('pause-all')).toBeDefined();
  });

  it('Do not disturb for 1 hour / until tomorrow sets the setting; Off clears it', () => {
    const tray = start();
    click(tray, 'dnd-hour');
    expect(core.state.settings.dnd).toMatchObject({ mode: 'until', until: NOW + HOUR_MS });
    expect(service.state()).toBe('dnd');
    expect(menu(tray).find('dnd-off')?.checked).toBe(false);
    click(tray, 'dnd-tomorrow');
    expect(core.state.settings.dnd).toMatchObject({ mode: 'until', until: new Date(2026, 4, 13, 8, 0).getTime() });
    click(tray, 'dnd-off');
    expect(core.state.settings.dnd).toMatchObject({ mode: 'off', until: null });
    // Quiet-hours times the user chose survive a tray change.
    expect(core.state.settings.dnd.quietStart).toBe('22:00');
    expect(service.state()).toBe('live');
    expect(menu(tray).find('dnd-off')?.checked).toBe(true);
  });

  it('a click on the icon opens the window on Linux and Windows', () => {
    const tray = start('win32');
    tray.emit('click');
    expect(calls.show).toBe(1);
  });

  it('Do not disturb is a radio group that always shows the setting, even after "Off" is chosen while off', () => {
    const tray = start();
    const dnd = () =>
      menu(tray)
        .find('dnd')!
        .submenu!.map((i) => [i.id, i.type, i.checked]);
    expect(dnd()).toEqual([
      ['dnd-hour', 'radio', false],
      ['dnd-tomorrow', 'radio', false],
      ['dnd-off', 'radio', true],
    ]);
    // The user picks "Off" although it is off already: Electron applies its own (un)ticking, then the click.
    menu(tray).select('dnd-off');
    expect(core.state.settings.dnd.mode).toBe('off');
    expect(menu(tray).find('dnd-off')?.checked).toBe(true);
    const builds = FakeMenu.built.length;
    menu(tray).select('dnd-hour');
    expect(FakeMenu.built.length).toBeGreaterThan(builds);
    expect(dnd().map(([, , checked]) => checked)).toEqual([true, false, false]);
    menu(tray).select('dnd-tomorrow');
    expect(dnd().map(([, , checked]) => checked)).toEqual([false, true, false]);
    // Changed elsewhere (the window's settings): the menu follows on the settings push.
    core.state.settings = { ...core.state.settings, dnd: { ...core.state.settings.dnd, mode: 'off', until: null } };
    core.changeSettings();
    expect(dnd().map(([, , checked]) => checked)).toEqual([false, false, true]);
  });

  it('Linux: where the host activates on a double click, that opens the window (a single click is nothing)', () => {
    linuxTray.activation = 'double-click';
    const tray = start('linux');
    tray.userClick();
    expect(calls.show).toBe(0);
    tray.userDoubleClick();
    expect(calls.show).toBe(1);
  });

  it('Windows: a double click opens the window (and showing twice is harmless)', () => {
    const tray = start('win32');
    tray.userDoubleClick();
    expect(calls.show).toBeGreaterThanOrEqual(1);
  });
});

describe('tray icon, tooltip and badge', () => {
  it('starts live with the unread count in the tooltip and the badge', () => {
    core.state.unread = 4;
    const tray = start();
    expect(tray.image).toEqual({ path: iconPaths.live });
    expect(tray.tooltip).toBe('Tidings — 4 unread');
    expect(app.badge).toBe(4);
  });

  it('follows feed states as they change: failing, then back to live', () => {
    const tray = start();
    core.setStatuses([status('a', 'open'), status('b', 'stopped', { kind: 'http', status: 401 })]);
    expect(tray.image).toEqual({ path: iconPaths.failing });
    expect(tray.tooltip).toBe('Tidings — 1 feed failing · no unread messages');
    core.setStatuses([status('a', 'open'), status('b', 'open')]);
    expect(tray.image).toEqual({ path: iconPaths.live });
  });

  it('updates the unread count when the unread counts change', () => {
    const tray = start();
    core.state.unread = 2;
    core.changeUnread();
    expect(tray.tooltip).toBe('Tidings — 2 unread');
    expect(app.badge).toBe(2);
    core.state.unread = 0;
    core.changeUnread();
    expect(tray.tooltip).toBe('Tidings — no unread messages');
    expect(app.badge).toBe(0);
  });

  it('does not refresh on every stored batch (the unread change covers it): no stored-batch subscription', () => {
    const tray = start();
    expect(core.listenerCounts().stored).toBe(0);
    core.state.unread = 5;
    core.emitStored([]);
    expect(tray.tooltip).toBe('Tidings — no unread messages');
  });

  it('under a burst of domain events refreshes at once, then at most once per refreshThrottleMs, ending current', () => {
    vi.useFakeTimers({ now: NOW });
    try {
      const tray = start('linux', { clock: { now: () => Date.now() }, refreshThrottleMs: 100 });
      const tooltips: string[] = [];
      const setToolTip = tray.setToolTip.bind(tray);
      tray.setToolTip = (tip: string) => {
        tooltips.push(tip);
        setToolTip(tip);
      };
      for (let n = 1; n <= 50; n++) {
        core.state.unread = n;
        core.changeUnread();
        vi.advanceTimersByTime(4);
      }
      // 200 ms of events: the first at once, then one per 100 ms; the last state shows after the burst.
      expect(tooltips.length).toBeLessThanOrEqual(3);
      vi.advanceTimersByTime(100);
      expect(tray.tooltip).toBe('Tidings — 50 unread');
      expect(tooltips.length).toBeLessThanOrEqual(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('macOS gets template images at the menu bar size (not resized); Windows a 16 px icon', () => {
    const mac = start('darwin', { iconPaths: trayIconPaths('/i', 'darwin') });
    expect(mac.image).toEqual({ path: '/i/tray-liveTemplate.png' });
    expect(mac.image.isMacTemplateImage).toBe(true);
    core.setStatuses([status('a', 'paused'), status('b', 'paused')]);
    expect(mac.image).toEqual({ path: '/i/tray-pausedTemplate.png' });
    expect(mac.image.isMacTemplateImage).toBe(true);
    service.dispose();
    core.setStatuses([status('a', 'open'), status('b', 'open')]);
    expect(start('win32').image).toEqual({ path: iconPaths.live, size: { width: 16, height: 16 } });
    service.dispose();
    expect(start('linux').image).toEqual({ path: iconPaths.live });
  });

  it('does not set a badge on Windows (unsupported there)', () => {
    core.state.unread = 3;
    start('win32');
    expect(app.badge).toBeNull();
  });

  it('dispose removes the icon and its subscriptions', () => {
    const tray = start();
    service.dispose();
    expect(tray.destroyed).toBe(true);
    expect(core.listenerCounts()).toEqual({ stored: 0, status: 0, unread: 0, settings: 0, feeds: 0 });
  });
});

describe('tray language', () => {
  const labels = (tray: Tray) => ({
    top: menu(tray)
      .items.filter((i) => i.label)
      .map((i) => i.label),
    dnd: menu(tray)
      .find('dnd')
      ?.submenu?.map((i) => i.label),
  });
  const setLanguage = (language: Settings['language']) => {
    core.state.settings = { ...core.state.settings, language };
    core.changeSettings();
  };

  it('menu and tooltip are Simplified Chinese when the language is zh-CN', () => {
    core.state.settings.language = 'zh-CN';
    core.state.unread = 3;
    const tray = start();
    expect(labels(tray)).toEqual({
      top: ['打开 Tidings', '全部暂停', '勿扰模式', '全部重新连接', '打开日志文件夹', '复制诊断信息', '退出 Tidings'],
      dnd: ['1 小时', '直到明天早上', '关闭'],
    });
    expect(tray.tooltip).toBe('Tidings — 3 条未读');
    click(tray, 'pause-all');
    expect(menu(tray).find('resume-all')?.label).toBe('全部恢复');
    expect(tray.tooltip).toBe('Tidings — 已暂停 · 3 条未读');
  });

  it("'system' follows the host's locale: Chinese for zh-Hans-CN, English for de-DE", () => {
    systemLocale = 'zh-Hans-CN';
    const tray = start();
    expect(menu(tray).find('quit')?.label).toBe('退出 Tidings');
    expect(tray.tooltip).toBe('Tidings — 没有未读消息');
    service.dispose();
    systemLocale = 'de-DE';
    const other = start();
    expect(menu(other).find('quit')?.label).toBe('Quit Tidings');
    expect(other.tooltip).toBe('Tidings — no unread messages');
  });

  it('rebuilds menu and tooltip in the new language when the settings change says the language changed', () => {
    core.state.unread = 1;
    const tray = start();
    expect(labels(tray).top[0]).toBe('Open Tidings');
    expect(tray.tooltip).toBe('Tidings — 1 unread');
    setLanguage('zh-CN');
    expect(labels(tray).top[0]).toBe('打开 Tidings');
    expect(labels(tray).dnd).toEqual(['1 小时', '直到明天早上', '关闭']);
    expect(tray.tooltip).toBe('Tidings — 1 条未读');
    // The rebuilt menu still works.
    click(tray, 'dnd-hour');
    expect(service.state()).toBe('dnd');
    expect(tray.tooltip).toBe('Tidings — 勿扰模式 · 1 条未读');
    setLanguage('en');
    expect(labels(tray).top[0]).toBe('Open Tidings');
    expect(tray.tooltip).toBe('Tidings — do not disturb · 1 unread');
  });

  it('does not rebuild the menu when nothing it shows changed', () => {
    const tray = start();
    const built = menu(tray);
    core.changeSettings();
    core.changeUnread();
    expect(menu(tray)).toBe(built);
  });
});
