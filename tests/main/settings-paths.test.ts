/**
 * A setting changed from the tray menu and one changed from the settings dialog run the same code: both reach
 * core.updateSettings, whose change event applies host settings (start at login) and pushes the new settings to
 * the window. Real core (SQLite in a temp dir), real tray service, the IPC binding; only Electron is faked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Tray, ipcMain, resetFakeElectron, type Menu } from './fake-electron';
import { createCore, type CoreInstance } from '../../electron/main/core';
import { translatorFor } from '../../electron/main/core/i18n';
import { bindIpc } from '../../electron/main/platform/ipc';
import { createSecretCodec } from '../../electron/main/platform/secrets';
import { createTrayService, type TrayService } from '../../electron/main/platform/tray';
import { invoke, push } from '../../shared/ipc/channels';
import type { Settings } from '../../shared/domain';
import { silentLogger } from './stub-core';

let dir: string;
let core: CoreInstance;
let tray: TrayService;

beforeEach(async () => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'tidings-settings-'));
  core = await createCore({ dataDir: dir, secrets: await createSecretCodec(), logger: silentLogger });
});
afterEach(async () => {
  tray?.dispose();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('do-not-disturb from the tray and from the settings dialog: same host.applySettings, same settings push', async () => {
  const applied: Settings[] = [];
  const host = {
    openExternal: async () => undefined,
    openLogsFolder: async () => undefined,
    describe: () => ({}),
    systemLocale: () => 'en-US',
    applySettings: (settings: Settings) => void applied.push(settings),
  };
  const pushed: Settings[] = [];
  core.onPush((channel, payload) => {
    if (channel === push.settings) pushed.push(payload as Settings);
  });
  bindIpc({ handlers: core.createHandlers(host), logger: silentLogger, isTrusted: () => true });
  tray = createTrayService({
    core,
    iconPaths: { live: 'live.png', failing: 'failing.png', paused: 'paused.png', dnd: 'dnd.png' },
    strings: translatorFor(() => core.settings(), host.systemLocale),
    clock: { now: () => Date.now() },
    logger: silentLogger,
    platform: 'linux',
    showWindow: () => undefined,
    quit: () => undefined,
    openLogs: () => undefined,
    copyDiagnostics: () => undefined,
  });
  const menu = (Tray.created.at(-1) as Tray).menu as Menu;

  menu.find('dnd-hour')!.click!();
  expect(applied.map((s) => s.dnd.mode)).toEqual(['until']);
  expect(pushed.map((s) => s.dnd.mode)).toEqual(['until']);
  expect(tray.state()).toBe('dnd');

  const update = ipcMain.handlers.get(invoke.settingsUpdate)!;
  const result = (await update({}, { dnd: { ...core.settings().dnd, mode: 'off', until: null } })) as { ok: boolean };
  expect(result.ok).toBe(true);
  expect(applied.map((s) => s.dnd.mode)).toEqual(['until', 'off']);
  expect(pushed.map((s) => s.dnd.mode)).toEqual(['until', 'off']);
  await vi.waitFor(() => expect(tray.state()).toBe('live'), { timeout: 2_000, interval: 10 });
});
