/**
 * Whether a Linux desktop shows tray icons, asked the way the app asks: gdbus (or dbus-send) against a real
 * private session bus, with and without a StatusNotifierWatcher on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTrayHost, watchTrayHost, type RunCommand } from '../../electron/main/platform/tray-host';
import { sessionBusAvailable, startSessionBus, type SessionBus } from './session-bus';

const canRun = sessionBusAvailable();

describe.skipIf(!canRun)('tray host on a real session bus', () => {
  let bus: SessionBus;
  beforeAll(async () => {
    bus = await startSessionBus();
  });
  afterAll(async () => {
    await bus?.close();
  });
  const env = () => ({ DBUS_SESSION_BUS_ADDRESS: bus.address });

  it('no watcher: absent in a Wayland session (no XEmbed tray there), unknown on X11', async () => {
    await bus.stopWatcher();
    expect(await detectTrayHost({ platform: 'linux', env: { ...env(), XDG_SESSION_TYPE: 'wayland' } })).toBe('absent');
    expect(await detectTrayHost({ platform: 'linux', env: { ...env(), XDG_SESSION_TYPE: 'x11' } })).toBe('unknown');
  });

  it('a watcher with a host registered: present; a watcher without one: absent', async () => {
    await bus.startWatcher(true);
    expect(await detectTrayHost({ platform: 'linux', env: env() })).toBe('present');
    await bus.startWatcher(false);
    expect(await detectTrayHost({ platform: 'linux', env: env() })).toBe('absent');
  });
});

describe('tray host without gdbus', () => {
  const calls: string[] = [];
  const runner =
    (answers: Record<string, { code: number | null; stdout?: string; stderr?: string }>): RunCommand =>
    async (file) => {
      calls.push(file);
      const a = answers[file] ?? { code: null };
      return { code: a.code, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
    };
  const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };

  it('falls back to dbus-send and reads its reply', async () => {
    const run = runner({ 'dbus-send': { code: 0, stdout: 'method return\n   variant       boolean true\n' } });
    expect(await detectTrayHost({ platform: 'linux', env, run })).toBe('present');
    const none = runner({ 'dbus-send': { code: 0, stdout: '   variant       boolean false\n' } });
    expect(await detectTrayHost({ platform: 'linux', env, run: none })).toBe('absent');
  });

  it('no D-Bus tools or no session bus: unknown; other systems always have a tray', async () => {
    expect(await detectTrayHost({ platform: 'linux', env, run: runner({}) })).toBe('unknown');
    calls.length = 0;
    expect(await detectTrayHost({ platform: 'linux', env: {}, run: runner({}) })).toBe('unknown');
    expect(calls).toEqual([]);
    expect(await detectTrayHost({ platform: 'win32', env: {}, run: runner({}) })).toBe('present');
    expect(await detectTrayHost({ platform: 'darwin', env: {}, run: runner({}) })).toBe('present');
  });
});

describe('watching the tray host', () => {
  it('answers unknown until the first probe is in, then the latest answer; each look asks again', async () => {
    let answer = 'true';
    const run: RunCommand = async () => ({ code: 0, stdout: `(<${answer}>,)`, stderr: '' });
    const watch = watchTrayHost({ platform: 'linux', env: { DBUS_SESSION_BUS_ADDRESS: 'x' }, run });
    expect(watch.current()).toBe('unknown');
    await watch.ready;
    expect(watch.current()).toBe('present');
    answer = 'false'; // the user turned the AppIndicator extension off
    await new Promise((resolve) => setImmediate(resolve));
    watch.current();
    await new Promise((resolve) => setImmediate(resolve));
    expect(watch.current()).toBe('absent');
    expect(watchTrayHost({ platform: 'win32', env: {}, run }).current()).toBe('present');
  });
});
