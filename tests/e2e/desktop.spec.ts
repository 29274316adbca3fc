/**
 * What a user of the real app sees on the desktop: a message raises a native notification (observed on D-Bus,
 * with its title and body), and ten feeds on one server all receive — one server is where a per-host connection
 * limit would starve feeds. Linux: runs under xvfb-run with the desktop session of global-setup.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { TidingsApi } from '../../shared/ipc/contract';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import { observedNotifications } from './desktop-session';
import { findElectronRuntime, projectRoot } from './electron-runtime';

const runtime = findElectronRuntime();
test.skip(runtime.executable === null, runtime.reason);

type ApiWindow = Window & { api: TidingsApi };
const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

let server: SseTestServer;
let userData: string;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  server = await startSseServer();
  userData = mkdtempSync(join(tmpdir(), 'tidings-e2e-desktop-'));
  app = await electron.launch({
    executablePath: runtime.executable as string,
    args: [projectRoot, ...chromiumArgs],
    cwd: projectRoot,
    env: { ...process.env, TIDINGS_USER_DATA: userData } as Record<string, string>,
    timeout: 30_000,
  });
  page = await app.firstWindow();
  await page.waitForFunction(() => typeof (window as unknown as ApiWindow).api?.feeds?.add === 'function');
});
test.afterAll(async () => {
  await app?.close();
  await server?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

async function addFeed(name: string, url: string): Promise<void> {
  const added = await page.evaluate(
    ([n, u]) =>
      (window as unknown as ApiWindow).api.feeds.add({
        name: n,
        url: u,
        headers: [],
        eventTypes: [],
        notify: { mode: 'all', types: [], include: [], exclude: [] },
        idleTimeoutSec: 45,
        enabled: true,
      }),
    [name, url] as const,
  );
  expect(added.ok).toBe(true);
}

test('a message raises a native notification with its title and body (observed on D-Bus)', async () => {
  const log = process.env.TIDINGS_E2E_NOTIFY_LOG;
  test.skip(process.platform !== 'linux' || !log, process.env.TIDINGS_E2E_NO_SESSION ?? 'needs the Linux session');
  await addFeed('Alerts', `${server.url}/alerts`);
  await server.waitForClients(1, { path: '/alerts', timeoutMs: 15_000 });
  server.send({ id: 'a-1', event: 'disk', data: '{"title":"Disk","message":"95% full"}' }, '/alerts');
  await expect
    .poll(() => observedNotifications(log as string), { timeout: 15_000 })
    .toContainEqual({ summary: 'Alerts · disk', body: 'Disk: 95% full' });
});

test('ten feeds on one server all connect and all receive', async () => {
  for (let i = 0; i < 10; i += 1) await addFeed(`Ten ${i}`, `${server.url}/ten-${i}`);
  for (let i = 0; i < 10; i += 1) await server.waitForClients(1, { path: `/ten-${i}`, timeoutMs: 20_000 });
  for (let i = 0; i < 10; i += 1) server.send({ id: `t-${i}`, data: `to feed ${i}` }, `/ten-${i}`);
  await expect
    .poll(
      async () => {
        const listed = await page.evaluate(() => (window as unknown as ApiWindow).api.messages.list({ limit: 100 }));
        return listed.ok
          ? listed.data.items
              .map((m) => m.data)
              .filter((d) => d.startsWith('to feed'))
              .sort()
          : [];
      },
      { timeout: 20_000 },
    )
    .toEqual(Array.from({ length: 10 }, (_, i) => `to feed ${i}`).sort());
});
