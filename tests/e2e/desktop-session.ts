/**
 * A Linux desktop session for the Electron e2e tests: a private D-Bus session bus with a notification daemon on it
 * (dunst when installed, else tests/e2e/fixtures/notification-daemon.py), a StatusNotifierWatcher (so the app sees
 * a tray, tests/main/fixtures/sni-watcher.py), and `dbus-monitor` recording every Notify call to a log file the
 * tests read. The display itself comes from xvfb-run (tests/run-all.mjs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const PYTHON = '/usr/bin/python3';
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

export interface DesktopSession {
  address: string;
  monitorLog: string;
  daemon: 'dunst' | 'stub';
  close(): Promise<void>;
}

/** Why a desktop session cannot be started here, or null when it can. */
export function desktopSessionProblem(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  for (const tool of ['dbus-daemon', 'dbus-monitor']) if (!has(tool)) return `${tool} not installed`;
  const py = spawnSync(PYTHON, ['-c', 'import dbus, dbus.service; from gi.repository import GLib'], {
    stdio: 'ignore',
  });
  if (py.status !== 0) return 'python3-dbus / python3-gi not installed';
  return null;
}

async function readyLine(child: ChildProcess, what: string, pattern: RegExp): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  try {
    return await new Promise<string>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not start within 10 s`)), 10_000);
      lines.on('line', (line) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        resolvePromise(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
    });
  } finally {
    lines.close();
    // Keep draining what it prints later (the stub daemon logs every notification): a full pipe would block it.
    child.stdout?.resume();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}

export async function startDesktopSession(): Promise<DesktopSession> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-desktop-'));
  const children: ChildProcess[] = [];
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(bus);
  const address = await readyLine(bus, 'dbus-daemon', /^unix:/);
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };

  const monitorLog = join(dir, 'notify-monitor.log');
  const monitor = spawn(
    'dbus-monitor',
    ['--address', address, "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
    { stdio: ['ignore', 'pipe', 'ignore'], env },
  );
  children.push(monitor);
  monitor.stdout!.pipe(createWriteStream(monitorLog));

  const useDunst = has('dunst') && Boolean(process.env.DISPLAY);
  const daemon = useDunst
    ? spawn('dunst', [], { stdio: 'ignore', env })
    : spawn(PYTHON, [resolve(__dirname, 'fixtures/notification-daemon.py')], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env,
      });
  children.push(daemon);
  if (!useDunst) await readyLine(daemon, 'the notification daemon', /^ready$/);

  const watcher = spawn(PYTHON, [resolve(__dirname, '../main/fixtures/sni-watcher.py'), 'true'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  children.push(watcher);
  await readyLine(watcher, 'the StatusNotifierWatcher', /^ready$/);

  return {
    address,
    monitorLog,
    daemon: useDunst ? 'dunst' : 'stub',
    async close() {
      for (const child of children.reverse()) await stop(child);
    },
  };
}

/** The Notify calls dbus-monitor saw: each call's summary (title) and body, in order. */
export function observedNotifications(monitorLog: string): { summary: string; body: string }[] {
  let text: string;
  try {
    text = readFileSync(monitorLog, 'utf8');
  } catch {
    return [];
  }
  // dbus-monitor prints each call's arguments one per line: app_name, replaces_id, app_icon, summary, body, ...
  return text
    .split(/\n(?=method call )/)
    .filter((block) => block.includes('member=Notify'))
    .map((block) => {
      // A string is printed raw (quotes and newlines unescaped): it ends at the quote before the next argument line.
      const strings = [
        ...`${block}\n`.matchAll(/^\s+string "([\s\S]*?)"\n(?=\s+(?:string|uint32|int32|array|\]|\)|$))/gm),
      ].map((m) => m[1]!);
      // strings: app_name, app_icon, summary, body (replaces_id is a uint32), then action keys, hint keys/values.
      return { summary: strings[2] ?? '', body: strings[3] ?? '' };
    });
}
