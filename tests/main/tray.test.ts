import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Tray, app, resetFakeElectron, type Menu } from './fake-electron';
import { createTrayService, HOUR_MS, type TrayService } from '../../electron/main/platform/tray';
import { status } from '../core/notify/fixtures';
import { createStubCore, silentLogger, type StubCore } from './stub-core';

const iconPaths = { live: '/i/tray-live.png', failing: '/i/tray-failing.png', paused: '/i/tray-paused.png', dnd: '/i/tray-dnd.png' };
const NOW = new Date(2026, 4, 12, 15, 0).getTime();

let core: StubCore;
let service: TrayService;
let calls: { show: number; quit: number; logs: number; copy: number };

function start(platform: NodeJS.Platform = 'linux') {
  calls = { show: 0, quit: 0, logs: 0, copy: 0 };
  service = createTrayService({
    core,
    iconPaths,
    clock: { now: () => NOW },
    logger: silentLogger,
    platform,
    showWindow: () => void calls.show++,
    quit: () => void calls.quit++,
    openLogs: () => void calls.logs++,
    copyDiagnostics: () => void calls.copy++,
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
  core.state.statuses = [status('a', 'open'), status('b', 'open')];
});
afterEach(() => service?.dispose());

describe('tray menu', () => {
  it('has Open, Pause all, Do not disturb (1 hour / until tomorrow / off), Reconnect all and Quit', () => {
    const tray = start();
    const labels = menu(tray).items.filter((i) => i.label).map((i) => i.label);
    expect(labels).toEqual(['Open Tidings', 'Pause all', 'Do not disturb', 'Reconnect all', 'Open logs folder', 'Copy diagnostics', 'Quit Tidings']);
    expect(menu(tray).find('dnd')?.submenu?.map((i) => i.label)).toEqual(['For 1 hour', 'Until tomorrow', 'Off']);
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
    core.setStatuses([status('a', 'open'), status('b', 'stopped', 'auth-failed')]);
    expect(tray.image).toEqual({ path: iconPaths.failing });
    expect(tray.tooltip).toBe('Tidings — 1 feed failing · no unread messages');
    core.setStatuses([status('a', 'open'), status('b', 'open')]);
    expect(tray.image).toEqual({ path: iconPaths.live });
  });

  it('updates the unread count when messages are stored', () => {
    const tray = start();
    core.state.unread = 2;
    core.emitStored([]);
    expect(tray.tooltip).toBe('Tidings — 2 unread');
    expect(app.badge).toBe(2);
  });

  it('sizes the icon for the macOS menu bar and the Windows tray', () => {
    expect(start('darwin').image).toEqual({ path: iconPaths.live, size: { width: 18, height: 18 } });
    service.dispose();
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
    expect(core.listenerCounts()).toEqual({ stored: 0, status: 0, push: 0 });
  });
});
