import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { clipboard, Notification, resetFakeElectron, shell } from './fake-electron';
import { defaultSettings } from '../../shared/domain';
import { isSafeExternalUrl } from '../../electron/main/platform/external';
import { copyDiagnostics, createHostServices } from '../../electron/main/platform/host';
import { silentLogger } from './stub-core';

beforeEach(() => resetFakeElectron());

function host(applyStartAtLogin = vi.fn()) {
  return {
    host: createHostServices({ logsDir: '/data/logs', applyStartAtLogin, logger: silentLogger }),
    applyStartAtLogin,
  };
}

describe('openExternal', () => {
  it('opens http and https links', async () => {
    const { host: h } = host();
    await h.openExternal('https://example.com/docs?q=1');
    await h.openExternal('http://127.0.0.1:8080/');
    expect(shell.opened).toEqual(['https://example.com/docs?q=1', 'http://127.0.0.1:8080/']);
  });

  it('refuses file:, javascript:, data:, custom schemes and credentials even if core let them through', async () => {
    const { host: h } = host();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'smb://server/share',
      'app://tidings/index.html',
      'https://user:pass@example.com/',
      'not a url',
    ]) {
      await expect(h.openExternal(url), url).rejects.toThrow(/http/);
    }
    expect(shell.opened).toEqual([]);
  });

  it('isSafeExternalUrl rejects non-strings and oversized input', () => {
    expect(isSafeExternalUrl(42)).toBe(false);
    expect(isSafeExternalUrl(`https://e.com/${'a'.repeat(9000)}`)).toBe(false);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.COM')).toBe(true);
  });
});

describe('host services', () => {
  it('opens the logs folder and reports a failure', async () => {
    const { host: h } = host();
    await h.openLogsFolder();
    expect(shell.openedPaths).toEqual(['/data/logs']);
    shell.openPathResult = 'Failed to open path';
    await expect(h.openLogsFolder()).rejects.toThrow('Failed to open path');
  });

  it('describes the runtime without secrets and reports the system locale', () => {
    const { host: h } = host();
    const facts = h.describe();
    expect(facts).toMatchObject({ app: '0.1.0-test', node: process.versions.node });
    expect(facts.os).toContain(process.platform);
    expect(h.systemLocale()).toBe('de-DE');
  });

  it('applies start-at-login only when it changes', () => {
    const { host: h, applyStartAtLogin } = host();
    h.applySettings(defaultSettings);
    h.applySettings({ ...defaultSettings, theme: 'dark' });
    h.applySettings({ ...defaultSettings, startAtLogin: true });
    expect(applyStartAtLogin.mock.calls).toEqual([[false], [true]]);
  });

  it('copy diagnostics puts the core diagnostics text on the clipboard', async () => {
    const handlers = {
      'tidings:app:diagnostics': vi.fn(async () => ({ ok: true as const, data: 'Tidings 0.1.0\nfeeds: 2' })),
    };
    expect(await copyDiagnostics(handlers)).toBe(true);
    expect(clipboard.text).toBe('Tidings 0.1.0\nfeeds: 2');
  });
});

describe('showNotification ("Send a test notification")', () => {
  it('shows one Electron Notification with the title, body, silence and icon asked for', () => {
    const h = createHostServices({
      logsDir: '/data/logs',
      applyStartAtLogin: vi.fn(),
      logger: silentLogger,
      iconPath: '/res/icon.png',
    });
    expect(h.showNotification?.({ title: 'Orders', body: 'This is a test.', silent: true })).toBe(true);
    expect(Notification.shown.map((t) => t.options)).toEqual([
      { title: 'Orders', body: 'This is a test.', silent: true, icon: '/res/icon.png' },
    ]);
  });

  it('answers false, showing nothing, where the system has no notifications', () => {
    Notification.supported = false;
    const { host: h } = host();
    expect(h.showNotification?.({ title: 'Tidings', body: 'x', silent: false })).toBe(false);
    expect(Notification.shown).toEqual([]);
  });
});
