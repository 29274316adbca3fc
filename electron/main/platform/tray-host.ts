/**
 * Can the user see a tray icon? On Windows and macOS, always. On Linux Electron shows the icon through a
 * StatusNotifier host (KDE, Xfce, Cinnamon, GNOME only with the AppIndicator extension) and on X11 possibly
 * through an old XEmbed tray; stock GNOME has neither. Asked on the session bus, without a D-Bus library:
 *
 *   gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
 *     --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher IsStatusNotifierHostRegistered
 *
 * (or the same with dbus-send). A watcher with a host → 'present'; a watcher without one, or no watcher in a
 * Wayland session (no XEmbed there) → 'absent'; anything else (X11 without a watcher, no D-Bus tools, a timeout)
 * → 'unknown', and the window asks before it hides for the first time.
 */
import { execFile } from 'node:child_process';

export type TrayHost = 'present' | 'absent' | 'unknown';

export interface CommandResult {
  /** null when the program could not be started (not installed). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type RunCommand = (
  file: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
) => Promise<CommandResult>;

export interface TrayHostDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run?: RunCommand;
  timeoutMs?: number;
}

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROPERTY = 'IsStatusNotifierHostRegistered';

export const runCommand: RunCommand = (file, args, timeoutMs, env) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: timeoutMs, encoding: 'utf8', env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : error.code === 'ENOENT' ? null : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr || (error?.message ?? '')) });
    });
  });

/** What the watcher said: true/false, 'no-watcher' when nobody owns the name, null when it could not be asked. */
type Answer = boolean | 'no-watcher' | null;

function interpret(result: CommandResult, truePattern: RegExp, falsePattern: RegExp): Answer {
  if (result.code === null) return null;
  if (result.code === 0) {
    if (truePattern.test(result.stdout)) return true;
    if (falsePattern.test(result.stdout)) return false;
    return null;
  }
  // "The name org.kde.StatusNotifierWatcher was not provided by any .service files" / ServiceUnknown / NameHasNoOwner
  if (/ServiceUnknown|NameHasNoOwner|not provided by any|was not provided/i.test(result.stderr)) return 'no-watcher';
  return null;
}

export async function detectTrayHost(deps: TrayHostDeps): Promise<TrayHost> {
  if (deps.platform !== 'linux') return 'present';
  const run = deps.run ?? runCommand;
  const timeout = deps.timeoutMs ?? 2_000;
  if (!deps.env.DBUS_SESSION_BUS_ADDRESS && !deps.env.XDG_RUNTIME_DIR) return 'unknown';

  let answer = interpret(
    await run(
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        WATCHER,
        '--object-path',
        '/StatusNotifierWatcher',
        '--method',
        'org.freedesktop.DBus.Properties.Get',
        WATCHER,
        PROPERTY,
      ],
      timeout,
      deps.env,
    ),
    /<true>/,
    /<false>/,
  );
  if (answer === null) {
    answer = interpret(
      await run(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          `--dest=${WATCHER}`,
          '/StatusNotifierWatcher',
          'org.freedesktop.DBus.Properties.Get',
          `string:${WATCHER}`,
          `string:${PROPERTY}`,
        ],
        timeout,
        deps.env,
      ),
      /boolean\s+true/,
      /boolean\s+false/,
    );
  }
  if (answer === true) return 'present';
  if (answer === false) return 'absent';
  const wayland = deps.env.XDG_SESSION_TYPE === 'wayland' || Boolean(deps.env.WAYLAND_DISPLAY);
  if (answer === 'no-watcher' && wayland) return 'absent';
  return 'unknown';
}

export interface TrayHostWatch {
  /** Resolves once the first answer is in (at most the probe's timeout). */
  ready: Promise<void>;
  /** The latest answer; each call also asks again in the background (a desktop may gain or lose its tray). */
  current(): TrayHost;
}

/** Asks at once and keeps the latest answer. Until the first one arrives: 'unknown' on Linux, else 'present'. */
export function watchTrayHost(deps: TrayHostDeps & { logger?: { info(message: string): void } }): TrayHostWatch {
  let host: TrayHost = deps.platform === 'linux' ? 'unknown' : 'present';
  let asking: Promise<void> | null = null;
  const ask = (): Promise<void> =>
    (asking ??= detectTrayHost(deps).then((answer) => {
      if (answer !== host) deps.logger?.info(`tray host: ${answer}`);
      host = answer;
      asking = null;
    }));
  const ready = ask();
  return {
    ready,
    current() {
      const now = host;
      void ask();
      return now;
    },
  };
}
