/**
 * A private D-Bus session bus for tests (dbus-daemon), optionally with a StatusNotifierWatcher on it
 * (tests/main/fixtures/sni-watcher.py, Python's dbus bindings), so tray-host detection runs the real gdbus /
 * dbus-send against a real bus. `available()` says whether this machine can (dbus-daemon, python3-dbus, gi).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const PYTHON = '/usr/bin/python3';
const WATCHER_SCRIPT = resolve(__dirname, 'fixtures/sni-watcher.py');

export function sessionBusAvailable(): boolean {
  const daemon = spawnSync('sh', ['-c', 'command -v dbus-daemon && command -v gdbus'], { stdio: 'ignore' });
  const python = spawnSync(PYTHON, ['-c', 'import dbus, dbus.service; from gi.repository import GLib'], {
    stdio: 'ignore',
  });
  return daemon.status === 0 && python.status === 0;
}

async function firstLine(child: ChildProcess, what: string): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const timer = setTimeout(() => child.kill(), 10_000);
  try {
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(() => {
        throw new Error(`${what} exited before it was ready`);
      }),
    ])) as [string];
    return line;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

export interface SessionBus {
  address: string;
  /** Start a StatusNotifierWatcher that reports a host (true) or none (false). */
  startWatcher(host: boolean): Promise<void>;
  stopWatcher(): Promise<void>;
  close(): Promise<void>;
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}

export async function startSessionBus(): Promise<SessionBus> {
  // stderr ignored: as an unprivileged or containerised user it warns that it cannot raise its fd limit.
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = (await firstLine(daemon, 'dbus-daemon')).trim();
  let watcher: ChildProcess | null = null;
  return {
    address,
    async startWatcher(host) {
      await stop(watcher);
      watcher = spawn(PYTHON, [WATCHER_SCRIPT, String(host)], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address },
      });
      await firstLine(watcher, 'the StatusNotifierWatcher');
    },
    async stopWatcher() {
      await stop(watcher);
      watcher = null;
    },
    async close() {
      await stop(watcher);
      await stop(daemon);
    },
  };
}
