/**
 * Start at login, always with the window hidden (--hidden).
 * - Windows: app.setLoginItemSettings with `args` (electron.d.ts: `args`, `path` are "@platform win32").
 * - macOS 13+: the login item of the app itself (SMAppService.mainApp) cannot pass arguments, and
 *   `wasOpenedAtLogin` is no longer reported (electron/electron PR #37244), so a launch at login could not be told
 *   from the user opening the app. Instead the bundle carries a launch agent whose ProgramArguments include --hidden
 *   (electron/resources/mac/dev.tidings.app.login.plist, in Contents/Library/LaunchAgents), registered with
 *   `type: 'agentService'` and its `serviceName` (electron.d.ts Settings: "@platform darwin"; SMAppService.agent).
 *   Only a packaged, signed app has that bundle: from `npm start` nothing is registered.
 * - Linux: an XDG autostart entry (~/.config/autostart/tidings.desktop) written or removed here.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AutostartDeps {
  platform: NodeJS.Platform;
  /** The program to start: the AppImage when running from one, else the executable. */
  command: string;
  /** Arguments before --hidden (the app folder when running unpackaged). */
  args?: readonly string[];
  /** Linux: XDG config home (default $XDG_CONFIG_HOME or ~/.config). */
  configHome?: string;
  /** Whether this is an installed app (macOS: only its bundle has the launch agent). */
  packaged?: boolean;
  setLoginItemSettings(settings: LoginItemSettings): void;
}

export interface LoginItemSettings {
  openAtLogin: boolean;
  path?: string;
  args?: string[];
  type?: 'mainAppService' | 'agentService';
  serviceName?: string;
}

/** The launch agent's file name in Contents/Library/LaunchAgents (see electron/builder.config.cjs). */
export const MAC_LOGIN_AGENT = 'dev.tidings.app.login.plist';

/** What was done, for the log. */
export type AutostartResult = 'applied' | 'unchanged' | 'not-packaged';

export const AUTOSTART_FILE = 'tidings.desktop';

/** Desktop Entry spec quoting: double quotes, with " ` $ \ escaped, for arguments with reserved characters. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:@%+,]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(command: string, args: readonly string[] = []): string {
  const exec = [command, ...args, '--hidden'].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tidings',
    'Comment=Keeps your Server-Sent Events feeds connected',
    `Exec=${exec}`,
    'Icon=tidings',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartPath(configHome?: string): string {
  const base = configHome ?? (process.env.XDG_CONFIG_HOME || join(homedir(), '.config'));
  return join(base, 'autostart', AUTOSTART_FILE);
}

export function applyStartAtLogin(enabled: boolean, deps: AutostartDeps): AutostartResult {
  if (deps.platform === 'win32') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [...(deps.args ?? []), '--hidden'] });
    return 'applied';
  }
  if (deps.platform === 'darwin') {
    if (!deps.packaged) return 'not-packaged';
    deps.setLoginItemSettings({ openAtLogin: enabled, type: 'agentService', serviceName: MAC_LOGIN_AGENT });
    // An earlier version registered the app itself, which opens the window: never both.
    deps.setLoginItemSettings({ openAtLogin: false });
    return 'applied';
  }
  const file = autostartPath(deps.configHome);
  if (!enabled) {
    rmSync(file, { force: true });
    return 'applied';
  }
  const content = desktopEntry(deps.command, deps.args);
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return 'unchanged';
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content, { mode: 0o644 });
  return 'applied';
}
