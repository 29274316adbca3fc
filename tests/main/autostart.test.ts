import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';
import {
  MAC_LOGIN_AGENT,
  type LoginItemSettings,
  applyStartAtLogin,
  autostartPath,
  desktopEntry,
  quoteExecArg,
} from '../../electron/main/platform/autostart';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-autostart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('start at login on Linux (XDG autostart entry)', () => {
  it('writes ~/.config/autostart/tidings.desktop starting the app hidden, and removes it when turned off', () => {
    const setLoginItemSettings = vi.fn();
    const deps = { platform: 'linux' as const, command: '/opt/Tidings/tidings', configHome: dir, setLoginItemSettings };
    applyStartAtLogin(true, deps);
    const file = autostartPath(dir);
    expect(file).toBe(join(dir, 'autostart', 'tidings.desktop'));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec=/opt/Tidings/tidings --hidden\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    applyStartAtLogin(true, deps); // idempotent
    applyStartAtLogin(false, deps);
    expect(existsSync(file)).toBe(false);
    applyStartAtLogin(false, deps); // removing twice is fine
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('quotes paths with spaces and escapes characters the Desktop Entry spec reserves', () => {
    expect(quoteExecArg('/home/a b/Tidings.AppImage')).toBe('"/home/a b/Tidings.AppImage"');
    expect(quoteExecArg('/x/$HOME"`\\')).toBe('"/x/\\$HOME\\"\\`\\\\"');
    expect(desktopEntry('/usr/bin/electron', ['/src/my app'])).toContain(
      'Exec=/usr/bin/electron "/src/my app" --hidden',
    );
  });
});

describe('start at login on Windows and macOS', () => {
  it('Windows: uses the login item settings with --hidden', () => {
    const setLoginItemSettings = vi.fn();
    applyStartAtLogin(true, { platform: 'win32', command: 'x', configHome: dir, setLoginItemSettings });
    applyStartAtLogin(false, { platform: 'win32', command: 'x', configHome: dir, setLoginItemSettings });
    expect(setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, args: ['--hidden'] }],
      [{ openAtLogin: false, args: ['--hidden'] }],
    ]);
    expect(existsSync(join(dir, 'autostart'))).toBe(false);
  });

  it('macOS: registers the bundled launch agent (which passes --hidden) instead of the app, only when installed', () => {
    const setLoginItemSettings = vi.fn();
    const deps = { platform: 'darwin' as const, command: 'x', configHome: dir, setLoginItemSettings };
    expect(applyStartAtLogin(true, deps)).toBe('not-packaged');
    expect(setLoginItemSettings).not.toHaveBeenCalled();
    expect(applyStartAtLogin(true, { ...deps, packaged: true })).toBe('applied');
    expect(applyStartAtLogin(false, { ...deps, packaged: true })).toBe('applied');
    expect(setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, type: 'agentService', serviceName: MAC_LOGIN_AGENT }],
      [{ openAtLogin: false }],
      [{ openAtLogin: false, type: 'agentService', serviceName: MAC_LOGIN_AGENT }],
      [{ openAtLogin: false }],
    ]);
    expect(existsSync(join(dir, 'autostart'))).toBe(false);
  });

  it("the launch agent the builder puts in the bundle starts the bundle's executable with --hidden", () => {
    const plist = readFileSync(resolve(__dirname, '../../electron/resources/mac', MAC_LOGIN_AGENT), 'utf8');
    const strings = [...plist.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]);
    expect(strings).toEqual([
      'dev.tidings.app.login',
      'Contents/MacOS/Tidings',
      'Contents/MacOS/Tidings',
      '--hidden',
      'Aqua',
      'Interactive',
    ]);
    expect(plist).toMatch(/<key>RunAtLoad<\/key>\s*<true\/>/);
  });
});

describe('what each OS actually reads from the login item (fake electron drops the options it ignores)', () => {
  afterEach(() => fake.restoreRealPlatform());

  it('Windows gets --hidden in args; macOS gets the launch agent that carries --hidden itself', () => {
    fake.resetFakeElectron({ platform: 'win32' });
    const set = (s: LoginItemSettings) => fake.app.setLoginItemSettings({ ...s });
    applyStartAtLogin(true, { platform: 'win32', command: 'x', setLoginItemSettings: set });
    expect(fake.app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);

    fake.resetFakeElectron({ platform: 'darwin' });
    applyStartAtLogin(true, { platform: 'darwin', command: 'x', packaged: true, setLoginItemSettings: set });
    // `args` would have been dropped here (electron.d.ts: "@platform win32"): the agent is what starts hidden.
    expect(fake.app.loginItemCalls[0]).toEqual({
      openAtLogin: true,
      type: 'agentService',
      serviceName: MAC_LOGIN_AGENT,
    });
  });
});
