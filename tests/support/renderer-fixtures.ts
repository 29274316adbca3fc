/**
 * Playwright fixtures for renderer tests: a fresh loopback SSE server and a fresh harness (real core, temp
 * database) per test, and a page opened on it with console errors collected.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Feed } from '../../shared/domain';
import type { FeedInput } from '../../shared/ipc/contract';
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import { startSseServer, type SseTestServer } from './sse-server';
import { startHarness, type Harness, type HarnessOptions } from './web-harness/index';

export interface Fixtures {
  sse: SseTestServer;
  harnessOptions: HarnessOptions;
  harness: Harness;
  app: Page;
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  sse: async ({}, use) => {
    const server = await startSseServer();
    await use(server);
    await server.close();
  },
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const harness = await startHarness(harnessOptions);
    await use(harness);
    await harness.close();
  },
  // eslint-disable-next-line no-empty-pattern
  pageErrors: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, harness, pageErrors }, use) => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    await page.goto(harness.url);
    await expect(page.locator('.app[data-sync="ready"]')).toBeVisible();
    await use(page);
    expect(pageErrors, 'no page errors or console errors').toEqual([]);
  },
});

export { expect };

/**
 * Adds a feed through core's handler, as the window's Add feed does (defaults for what `input` leaves out); a
 * refusal fails the test with core's own message.
 */
export async function addFeed(harness: Harness, url: string, input: Partial<FeedInput> = {}): Promise<Feed> {
  const added = await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(url), ...input });
  if (!added.ok) throw new Error(added.error.message);
  return added.data;
}

/** Adds a feed through the UI. */
export async function addFeedViaUi(page: Page, url: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add feed' }).last().click();
  const dialog = page.getByRole('dialog', { name: 'Add feed' });
  await dialog.getByLabel('Feed URL').fill(url);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog).toBeHidden();
}

export function rows(page: Page) {
  return page.getByRole('listbox').getByRole('option');
}

/** Adds a feed through the core (not the UI) and waits until it is connected and listed. */
export async function liveFeed(
  app: Page,
  harness: Harness,
  sse: SseTestServer,
  path = '/events',
  name = 'Events',
  extra: Partial<FeedInput> = {},
) {
  const result = await harness.handlers['tidings:feeds:add']({
    ...defaultFeedInput(`${sse.url}${path}`),
    name,
    ...extra,
  });
  if (!result.ok) throw new Error(result.error.message);
  await sse.waitForClients(1, { path, timeoutMs: 5000 });
  await expect(app.getByRole('navigation').getByRole('button', { name: new RegExp(name) })).toBeVisible();
  return result.data;
}

/** Adds a feed through the core (it may never connect) and selects it in the sidebar. */
export async function addFeedAndSelect(app: Page, harness: Harness, url: string, name: string): Promise<void> {
  const result = await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(url), name });
  if (!result.ok) throw new Error(result.error.message);
  const button = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: new RegExp(name) });
  await expect(button).toBeVisible();
  await button.click();
}

/** The laid-out box of an element (fails when it is not laid out). */
export async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}
