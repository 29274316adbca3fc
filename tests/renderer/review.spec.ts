/**
 * What a demanding user tripped over in the desk: stop reasons said twice, a stopped feed claiming "new ones appear
 * here as they arrive", filters laid out as a stack of centred labels, and a small window with the detail open
 * squeezing the feed title to nothing and pushing Filters out of the pane.
 */
import type { Locator, Page } from '@playwright/test';
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import type { Harness } from '../support/web-harness/index';
import { expect, liveFeed, rows, test } from './fixtures';

/** Adds a feed through the core (it may never connect) and selects it in the sidebar. */
async function addFeed(app: Page, harness: Harness, url: string, name: string) {
  const result = await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(url), name });
  if (!result.ok) throw new Error(result.error.message);
  const button = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: new RegExp(name) });
  await expect(button).toBeVisible();
  await button.click();
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

test('a feed that is not an event stream says so once, in plain words, and its empty list offers the way out', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/page', { kind: 'content-type', contentType: 'text/html' });
  await addFeed(app, harness, `${sse.url}/page`, 'Web page');
  const header = app.locator('.view-header');
  await expect(header.locator('.state-label')).toHaveText('Stopped', { timeout: 5000 });

  const problem = app.locator('.feed-problem');
  await expect(problem).toContainText('This feed has stopped');
  await expect(problem.locator('.feed-problem-reason')).toHaveText('Not an event stream: the server sent text/html.');
  await expect(app.getByText('No messages yet')).toHaveCount(0);
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText(
    'Not an event stream: the server sent text/html.',
  );
  await app.keyboard.press('Escape');

  // The server is fixed; "Reconnect" in the empty list brings the feed back and its messages in.
  sse.setFault('/page', null);
  await problem.getByRole('button', { name: 'Reconnect' }).click();
  await expect(header.locator('.state-label')).toHaveText('Live', { timeout: 5000 });
  await expect(problem).toHaveCount(0);
  sse.send({ id: 'p-1', data: 'back in business' }, '/page');
  await expect(rows(app).first()).toContainText('back in business');
});

test('other stop reasons carry only their detail (the HTTP status), in either language', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/teapot', { kind: 'status', status: 418 });
  await addFeed(app, harness, `${sse.url}/teapot`, 'Teapot');
  await expect(app.locator('.feed-problem-reason')).toHaveText('The server refused the request (HTTP 418).', {
    timeout: 5000,
  });

  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
  await app.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '关闭' }).click();
  await expect(app.locator('.feed-problem-reason')).toHaveText('服务器拒绝了请求（HTTP 418）。');
  await expect(app.locator('.feed-problem .empty-title')).toHaveText('该订阅源已停止，不会自动重试。');
});

test('a feed that cannot be reached yet says it keeps retrying; a paused one offers to resume', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/flaky', { kind: 'status', status: 503 });
  await addFeed(app, harness, `${sse.url}/flaky`, 'Flaky');
  const problem = app.locator('.feed-problem');
  await expect(problem).toHaveAttribute('data-state', 'reconnecting', { timeout: 5000 });
  await expect(problem).toContainText('Tidings keeps retrying');
  await expect(problem.locator('.feed-problem-reason')).toContainText('503');

  sse.setFault('/flaky', null);
  await app.getByRole('button', { name: 'Pause all feeds' }).click();
  await expect(problem).toHaveAttribute('data-state', 'paused');
  await problem.getByRole('button', { name: 'Resume all feeds' }).click();
  await expect(app.locator('.view-header .state-label')).toHaveText('Live', { timeout: 10_000 });
  await expect(problem).toHaveCount(0);
});

test('filters keep each label beside its control, on one line', async ({ app }) => {
  await app.getByRole('button', { name: 'Filters' }).click();
  const filters = app.locator('#search-filters');
  const unread = filters.getByRole('checkbox', { name: 'Unread only' });
  const unreadText = filters.getByText('Unread only');
  const [checkbox, label] = [await box(unread), await box(unreadText)];
  // Same line (vertical centres within a few pixels), label to the right of the box.
  expect(Math.abs(checkbox.y + checkbox.height / 2 - (label.y + label.height / 2))).toBeLessThan(4);
  expect(label.x).toBeGreaterThan(checkbox.x + checkbox.width - 1);
  const feedLabel = await box(filters.getByText('Feed', { exact: true }));
  const feedSelect = await box(filters.getByRole('combobox', { name: 'Feed' }));
  expect(feedLabel.x + feedLabel.width).toBeLessThanOrEqual(feedSelect.x + 1);
  expect(Math.abs(feedLabel.y + feedLabel.height / 2 - (feedSelect.y + feedSelect.height / 2))).toBeLessThan(4);
});

test.describe('small window', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('with a message open, the feed title stays readable and every header control stays inside the list pane', async ({
    app,
    harness,
    sse,
  }) => {
    await liveFeed(app, harness, sse, '/orders', 'Orders of the day');
    sse.send({ id: 'o-1', data: JSON.stringify({ title: 'Order 1', message: 'two coffees' }) }, '/orders');
    await app
      .getByRole('navigation', { name: 'Feeds' })
      .getByRole('button', { name: /Orders of the day/ })
      .click();
    await rows(app).first().click();
    await expect(app.locator('.detail')).toContainText('two coffees');

    const main = await box(app.locator('main.main'));
    const title = app.locator('.view-title h1');
    await expect(title).toHaveText('Orders of the day');
    // The title keeps real room (it had 0 px before the header could wrap) and is not cut short.
    expect((await box(title)).width).toBeGreaterThan(100);
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const name of ['Mark all read', 'Reconnect', 'Diagnostics', 'Edit feed', 'Filters']) {
      const b = await box(app.locator('main.main').getByRole('button', { name, exact: true }));
      expect(b.x, name).toBeGreaterThanOrEqual(main.x);
      expect(b.x + b.width, name).toBeLessThanOrEqual(main.x + main.width + 0.5);
    }
    await app.screenshot({ path: 'tests/artifacts/screenshots/review-narrow-detail.png' });
  });
});

test('the Add feed dialog opens with the cursor in the URL field and offers the fix for a mistyped URL', async ({
  app,
  sse,
}) => {
  const opener = app.getByRole('button', { name: 'Add feed' }).last();
  await opener.focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Add feed' });
  const url = dialog.getByLabel('Feed URL');
  // Keyboard-first: typing goes straight into the URL (showModal used to put focus on the close button).
  await expect(url).toBeFocused();
  const address = `${sse.url}/typo`.replace('http://', 'htp://');
  await app.keyboard.type(address);
  await dialog.getByLabel('Name', { exact: true }).fill('Typo');
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a valid http:// or https:// URL.');
  const fix = dialog.getByRole('button', { name: `${sse.url}/typo` });
  await expect(fix).toBeVisible();
  await fix.click();
  await expect(url).toHaveValue(`${sse.url}/typo`);
  await expect(url).toBeFocused();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog).toBeHidden();
  await sse.waitForClients(1, { path: '/typo', timeoutMs: 5000 });
  await expect(app.locator('.view-header h1')).toHaveText('Typo');

  // No scheme at all: a loopback address gets http://; nothing is offered for what is no address.
  await opener.click();
  const again = app.getByRole('dialog', { name: 'Add feed' });
  await again.getByLabel('Feed URL').fill(`${sse.url.replace('http://', '')}/bare`);
  await again.getByRole('button', { name: 'Add feed' }).click();
  await expect(again.getByRole('button', { name: `${sse.url}/bare` })).toBeVisible();
  await again.getByLabel('Feed URL').fill('orders');
  await again.getByRole('button', { name: 'Add feed' }).click();
  await expect(again.getByRole('alert')).toHaveText('Enter a valid http:// or https:// URL.');
  await expect(again.locator('.field-suggestion')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(again).toBeHidden();
  await expect(opener).toBeFocused();
});

test('why a feed is retrying is said in the window language too', async ({ app, harness, sse }) => {
  sse.setFault('/busy', { kind: 'status', status: 503 });
  await addFeed(app, harness, `${sse.url}/busy`, 'Busy');
  await expect(app.locator('.feed-problem-reason')).toHaveText('Server error (503)', { timeout: 5000 });
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(app.locator('.feed-problem-reason')).toHaveText('服务器错误（503）');
  await expect(app.locator('.view-header')).toContainText('服务器错误（503）');
  await expect(app.locator('.feed-problem .empty-title')).toHaveText('尚未连上，Tidings 会持续重试。');
});

test('stop reasons are said in Chinese from core’s codes and details, not from its English sentences', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/page', { kind: 'content-type', contentType: 'text/html; charset=utf-8' });
  sse.setFault('/gone', { kind: 'status', status: 404 });
  await addFeed(app, harness, `${sse.url}/page`, 'Web page');
  const reason = app.locator('.feed-problem-reason');
  await expect(reason).toHaveText('Not an event stream: the server sent text/html.', { timeout: 5000 });
  await addFeed(app, harness, `${sse.url}/gone`, 'Gone');
  await expect(reason).toHaveText('Feed not found on the server.', { timeout: 5000 });

  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(reason).toHaveText('服务器上找不到该订阅源。');
  await app.getByRole('button', { name: '诊断' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText('服务器上找不到该订阅源。');
  await app.keyboard.press('Escape');
  await app
    .locator('nav')
    .getByRole('button', { name: /Web page/ })
    .click();
  await expect(reason).toHaveText('这不是事件流：服务器返回的是 text/html。');
  await expect(app.locator('.view-header')).toContainText('这不是事件流');
});

test.describe('the smallest window Tidings allows (640 × 420)', () => {
  test.use({ viewport: { width: 640, height: 420 } });

  test('an open message fits the window, its close button is on screen, and closing it brings the list back', async ({
    app,
    harness,
    sse,
  }) => {
    await liveFeed(app, harness, sse, '/tiny', 'Tiny');
    sse.send({ id: 't-1', data: 'a message in a small window' }, '/tiny');
    await rows(app).first().click();
    const detail = app.locator('.detail');
    await expect(detail).toContainText('a message in a small window');
    // Nothing sticks out to the right (the detail used to be pushed 124 px past the window edge).
    expect(await app.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    const close = detail.getByRole('button', { name: 'Close message' });
    const b = await box(close);
    expect(b.x + b.width).toBeLessThanOrEqual(640);
    for (const name of ['Copy data', 'Copy ID'])
      expect((await box(detail.getByRole('button', { name }))).x + 1).toBeLessThan(640);
    await close.click();
    await expect(rows(app).first()).toBeInViewport();
    await expect(rows(app).first()).toContainText('a message in a small window');
  });
});

test('deleting the selected feed leaves the keyboard focus on the message list, not lost on the page', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/doomed', { kind: 'status', status: 404 });
  await addFeed(app, harness, `${sse.url}/doomed`, 'Doomed');
  const edit = app.locator('.feed-problem').getByRole('button', { name: 'Edit feed' });
  await edit.focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Edit feed' });
  await dialog.getByRole('button', { name: 'Delete feed…' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Doomed/ })).toHaveCount(0);
  await expect(app.locator('#message-list')).toBeFocused();
});
