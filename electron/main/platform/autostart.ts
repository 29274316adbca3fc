/**
 * Start at login. Windows and macOS: app.setLoginItemSettings. Linux: an XDG autostart entry
 * (~/.config/autostart/tidings.desktop) written or removed here. Either way the app starts with --hidden.
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
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

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

export function applyStartAtLogin(enabled: boolean, deps: AutostartDeps): void {
  if (deps.platform !== 'linux') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [...(deps.args ?? []), '--hidden'] });
    return;
  }
  const file = autostartPath(deps.configHome);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  const content = desktopEntry(deps.command, deps.args);
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content, { mode: 0o644 });
}
