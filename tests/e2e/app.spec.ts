/**
 * The real app: add a feed, receive a message and see it listed, close to the tray and keep receiving, quit;
 * then start again --hidden with the same profile, find the history, and hand a feed over from a second launch.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { Message } from '../../shared/domain';
import type { TidingsApi } from '../../shared/ipc/contract';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import { findElectronRuntime, projectRoot } from './electron-runtime';

const runtime = findElectronRuntime();
test.skip(runtime.executable === null, runtime.reason);

type ApiWindow = Window & { api: TidingsApi; __pushed?: Message[] };

/** Chromium refuses its sandbox as root (CI containers). The app's own renderer sandbox is unaffected. */
const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

let server: SseTestServer;
let userData: string;

async function launch(extra: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: runtime.executable as string,
    args: [projectRoot, ...chromiumArgs, ...extra],
    cwd: projectRoot,
    env: { ...process.env, TIDINGS_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
    timeout: 30_000,
  });
  const page = await app.firstWindow();
  await page.waitForFunction(() => typeof (window as unknown as ApiWindow).api?.app?.snapshot === 'function');
  return { app, page };
}

const windowVisible = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()));

test.describe.serial('Tidings app', () => {
  test.beforeAll(async () => {
    server = await startSseServer();
    userData = mkdtempSync(join(tmpdir(), 'tidings-e2e-'));
    // Without the e2e desktop session (global-setup.ts) a Linux app cannot tell whether there is a tray and would ask
    // on the first close; answer it as a user keeping Tidings in the background would have.
    if (process.platform === 'linux' && !process.env.TIDINGS_E2E_NOTIFY_LOG) {
      writeFileSync(join(userData, 'platform-state.json'), JSON.stringify({ closeChoice: 'background' }));
    }
  });
  test.afterAll(async () => {
    await server?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('receives and lists a message, keeps receiving in the tray, quits cleanly', async () => {
    const { app, page } = await launch();

    // The page is the locked-down renderer: no Node, only the typed api.
    expect(
      await page.evaluate(() => [
        typeof (window as unknown as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => location.protocol + '//' + location.host)).toBe('app://tidings');

    const url = `${server.url}/e2e`;
    // Add the feed as a person would: the sidebar's "Add feed", the URL and a name, then confirm.
    await page.getByRole('button', { name: 'Add feed' }).last().click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Feed URL').fill(url);
    await dialog.getByLabel('Name', { exact: true }).fill('E2E feed');
    await dialog.getByRole('button', { name: 'Add feed' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /E2E feed/ }),
    ).toBeVisible();
    await server.waitForClients(1, { path: '/e2e', timeoutMs: 15_000 });

    const first = `first message ${Date.now()}`;
    server.send({ id: 'e-1', data: first }, '/e2e');
    await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: first })).toBeVisible();

    // Collect pushes in the page, then close the window: it hides to the tray and the app keeps running.
    await page.evaluate(() => {
      const w = window as unknown as ApiWindow;
      w.__pushed = [];
      w.api.onMessages((messages) => w.__pushed!.push(...messages));
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => windowVisible(app)).toEqual([false]);
    expect(JSON.parse(readFileSync(join(userData, 'platform-state.json'), 'utf8'))).toMatchObject({
      closeHintShown: true,
    });

    const second = `while hidden ${Date.now()}`;
    server.send({ id: 'e-2', data: second }, '/e2e');
    await expect
      .poll(() => page.evaluate(() => ((window as unknown as ApiWindow).__pushed ?? []).map((m) => m.data)))
      .toContain(second);
    const stored = await page.evaluate(() => (window as unknown as ApiWindow).api.messages.list({ limit: 50 }));
    expect(stored.ok && stored.data.items.map((m) => m.data)).toEqual(expect.arrayContaining([first, second]));

    // Quit: the process exits (close-to-tray does not hold it back) and the core closes its database.
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    // The reply may race the exit; the exit code is what counts.
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
    expect(await exited).toBe(0);
    expect(existsSync(join(userData, 'logs', 'main.log'))).toBe(true);
  });

  test('--hidden starts in the tray with the history kept; a second launch hands over --add-feed', async () => {
    const { app, page } = await launch(['--hidden']);
    try {
      expect(await windowVisible(app)).toEqual([false]);
      const listed = await page.evaluate(() => (window as unknown as ApiWindow).api.messages.list({ limit: 50 }));
      expect(listed.ok && listed.data.items.length).toBeGreaterThanOrEqual(2);

      const handed = `${server.url}/handed-over`;
      const second = spawn(runtime.executable as string, [projectRoot, ...chromiumArgs, '--add-feed', handed], {
        cwd: projectRoot,
        env: { ...process.env, TIDINGS_USER_DATA: userData },
        stdio: 'ignore',
      });
      // The second instance finds the lock, passes its argv on and exits.
      const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)));
      expect(code).toBe(0);
      await expect
        .poll(async () => {
          const snap = await page.evaluate(() => (window as unknown as ApiWindow).api.app.snapshot());
          return snap.ok ? snap.data.feeds.map((f) => f.url) : [];
        })
        .toContain(handed);
      await server.waitForClients(1, { path: '/handed-over', timeoutMs: 15_000 });
      await expect.poll(() => windowVisible(app)).toEqual([true]);
    } finally {
      await app.close();
    }
  });
});
