import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { net, powerMonitor, resetFakeElectron } from './fake-electron';
import { WAKE_COALESCE_MS, setupPowerEvents } from '../../electron/main/platform/power';
import { status } from '../core/notify/fixtures';
import { createStubCore, silentLogger, type StubCore } from './stub-core';

let core: StubCore;
let stop: () => void;

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  core = createStubCore();
  core.state.statuses = [status('a', 'open')];
  stop = setupPowerEvents({ core, logger: silentLogger, pollMs: 1_000 });
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('sleep and wake', () => {
  it('suspend pauses all feeds; resume reconnects them', () => {
    powerMonitor.emit('suspend');
    expect(core.pauseAll).toHaveBeenCalledTimes(1);
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
    stop = setupPowerEvents({ core, logger: silentLogger, pollMs: 1_000, now: () => now });
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
    stop = setupPowerEvents({ core, logger: silentLogger, pollMs: 1_000, now: () => now });
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
    net.online = true;
    vi.advanceTimersByTime(1_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(core.reconnectAll).toHaveBeenCalledTimes(1);
  });
});
