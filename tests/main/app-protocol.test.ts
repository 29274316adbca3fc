import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { protocol, resetFakeElectron } from './fake-electron';
import {
  RENDERER_CSP,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppPath,
  serveRenderer,
} from '../../electron/main/platform/app-protocol';

let root: string;
let outside: string;
beforeEach(() => {
  resetFakeElectron();
  const base = mkdtempSync(join(tmpdir(), 'tidings-proto-'));
  root = join(base, 'renderer');
  outside = base;
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tidings</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(outside, 'secret.txt'), 'do not serve');
});
afterEach(() => rmSync(outside, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app:// as a standard, secure scheme and serves the renderer folder', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    serveRenderer(root);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('serves index.html (also for /) and assets with their type and the strict CSP', async () => {
    for (const url of ['app://tidings/index.html', 'app://tidings/']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(await res.text()).toContain('<title>Tidings</title>');
    }
    const js = await get('app://tidings/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the CSP allows only our own scripts: no inline, no eval, no remote', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('refuses path traversal, other hosts and other schemes', async () => {
    for (const url of [
      'app://tidings/..%2fsecret.txt',
      'app://tidings/%2e%2e/secret.txt',
      'app://tidings/assets/..%2f..%2fsecret.txt',
      'app://tidings/..%5csecret.txt',
      'app://tidings/%00index.html',
      'app://other/index.html',
    ]) {
      const res = await get(url);
      // 403 when the path escapes the root; URL parsing already folds some spellings of ".." back inside (404).
      expect([403, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('do not serve');
    }
    expect((await get('app://tidings/..%2fsecret.txt')).status).toBe(403);
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
    // Plain ../ is normalised by URL parsing and stays inside the root.
    expect(resolveAppPath(root, 'app://tidings/../index.html')).toBe(join(root, 'index.html'));
  });

  it('404 for missing files, 405 for writes', async () => {
    expect((await get('app://tidings/nope.js')).status).toBe(404);
    expect((await get('app://tidings/index.html', 'POST')).status).toBe(405);
  });
});
