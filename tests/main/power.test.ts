import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { net, powerMonitor, resetFakeElectron, restoreRealPlatform } from './fake-electron';
import { WAKE_COALESCE_MS, setupPowerEvents } from '../../electron/main/platform/power';
import { status } from '../core/notify/fixtures';
import { createStubCore, silentLogger, type StubCore } from './stub-core';

let core: StubCore;
let stop: () => void;
/** The machine's network addresses as the adapter sees them. */
let addresses: string;
const networkFingerprint = () => addresses;

/** The adapter on a modelled OS (macOS by default: it has every power event). */
function start(platform: NodeJS.Platform = 'darwin', now?: () => number): void {
  resetFakeElectron({ platform });
  stop = setupPowerEvents({ core, logger: silentLogger, pollMs: 1_000, platform, networkFingerprint, now });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  core = createStubCore();
  core.state.statuses = [status('a', 'open')];
  addresses = 'wlan0/192.168.1.20';
  start();
});
afterEach(() => {
  stop();
  vi.useRealTimers();
  restoreRealPlatform();
});

describe('sleep and wake', () => {
  it('suspend pauses all feeds; resume reconnects them', () => {
    powerMonitor.emit('suspend');
    expect(core.pauseAll).toHaveBeenCalledTimes(1);
    // The pause says who made it: sleep (the window and diagnostics tell the user so).
    expect(core.pauseAll).toHaveBeenCalledWith('sleep');
    powerMonitor.emit('resume');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });

  it('unlocking the screen reconnects; locking does nothing', () => {
    powerMonitor.emit('lock-screen');
    expect(core.pauseAll).not.toHaveBeenCalled();
    powerMonitor.emit('unlock-screen');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });

  it('a pause the user chose survives sleep and wake', () => {
    core.pauseAll(); // the user clicked "Pause all"
    core.pauseAll.mockClear();
    powerMonitor.emit('suspend');
    expect(core.pauseAll).not.toHaveBeenCalled();
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(core.reconnectAll).not.toHaveBeenCalled();
  });

  it('resume followed by unlock reconnects once; a later unlock or a new sleep reconnects again', () => {
    stop();
    let now = 1_000_000;
    start('win32', () => now);
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    now += 1_500;
    powerMonitor.emit('unlock-screen');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    // Locked again later (no sleep): unlocking reconnects, as half-open sockets may be waiting.
    now += WAKE_COALESCE_MS;
    powerMonitor.emit('unlock-screen');
    expect(core.reconnectAll).toHaveBeenCalledTimes(2);
    // A quick sleep right after: waking from it always reconnects.
    now += 1_000;
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(core.reconnectAll).toHaveBeenCalledTimes(3);
  });

  it('the network coming back right after a wake still reconnects (the first attempt may have found no network)', () => {
    stop();
    let now = 1_000_000;
    start('darwin', () => now);
    net.online = false;
    vi.advanceTimersByTime(1_000);
    powerMonitor.emit('resume');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    now += 1_000;
    net.online = true;
    vi.advanceTimersByTime(1_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(2);
  });

  it('stop() removes the listeners', () => {
    stop();
    powerMonitor.emit('suspend');
    expect(core.pauseAll).not.toHaveBeenCalled();
    stop = () => undefined;
  });
});

describe('network changes (polled)', () => {
  it('reconnects once when the network comes back, not while it stays up or goes down', () => {
    vi.advanceTimersByTime(3_000);
    expect(core.reconnectAll).not.toHaveBeenCalled();
    net.online = false;
    vi.advanceTimersByTime(3_000);
    expect(core.reconnectAll).not.toHaveBeenCalled();
    // Offline pauses every feed, saying so (no retrying in the dark); coming back reconnects them.
    expect(core.pauseAll).toHaveBeenCalledTimes(1);
    expect(core.pauseAll).toHaveBeenCalledWith('offline');
    net.online = true;
    vi.advanceTimersByTime(1_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });
});

describe('Linux: no screen-unlock event, so resume and network changes reconnect', () => {
  beforeEach(() => {
    stop();
    start('linux');
  });

  it('does not count on unlock-screen (it never fires on Linux); resume reconnects', () => {
    expect(powerMonitor.listens('unlock-screen')).toBe(false);
    expect(() => powerMonitor.emit('unlock-screen')).toThrow(/not emitted on linux/);
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });

  it('a different network without going offline (another Wi-Fi, a VPN, a new lease) reconnects once', () => {
    vi.advanceTimersByTime(3_000);
    expect(core.reconnectAll).not.toHaveBeenCalled();
    addresses = 'wlan0/10.0.0.7';
    vi.advanceTimersByTime(1_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    // Losing every address is going offline, not a new network: nothing to reconnect to.
    addresses = '';
    vi.advanceTimersByTime(1_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });
});
