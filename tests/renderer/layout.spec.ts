/**
 * Small windows: with a message open the feed title stays readable and every control stays on screen; the
 * smallest window Tidings allows (640 × 420) still shows and closes a message.
 */
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import { box, expect, liveFeed, rows, test } from '../support/renderer-fixtures';

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
    await app.screenshot({ path: 'tests/artifacts/screenshots/narrow-detail.png' });
  });
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

test.describe('the smallest window with many feeds and the filters open (640 × 420)', () => {
  test.use({ viewport: { width: 640, height: 420 } });

  test('the feed list says it scrolls and its last feed can be reached; filters leave room for results', async ({
    app,
    harness,
    sse,
  }) => {
    for (let i = 1; i <= 12; i++)
      await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(`${sse.url}/f${i}`), name: `Feed ${i}` });
    await liveFeed(app, harness, sse, '/events', 'Events');
    for (let i = 1; i <= 10; i++) sse.send({ id: `m-${i}`, data: `Message ${i}` }, '/events');
    await expect(rows(app)).toHaveCount(10);
    await app.screenshot({ path: 'tests/artifacts/screenshots/small-many-feeds.png' });

    const list = app.locator('.nav-list.feeds');
    await expect(list).toHaveAttribute('data-more-below', 'true');
    const last = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Events/ });
    await last.scrollIntoViewIfNeeded();
    await expect(list).toHaveAttribute('data-more-below', 'false');
    await expect(list).toHaveAttribute('data-more-above', 'true');
    const addFeed = await box(app.locator('.add-feed'));
    const lastBox = await box(last);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(addFeed.y + 0.5);
    expect(lastBox.y).toBeGreaterThanOrEqual((await box(list)).y - 0.5);

    await app.getByRole('button', { name: 'Filters' }).click();
    await expect(app.locator('#search-filters')).toBeVisible();
    await app.screenshot({ path: 'tests/artifacts/screenshots/small-filters.png' });
    const listHeight = await app.locator('#message-list').evaluate((el) => el.clientHeight);
    expect(listHeight, 'at least four result rows stay visible').toBeGreaterThanOrEqual(4 * 34);
    // Every filter can still be reached.
    await app.getByLabel('To').scrollIntoViewIfNeeded();
    await expect(app.getByLabel('To')).toBeInViewport();
  });
});

test('a wide window gives the feed URL room while no message is open', async ({ app, harness, sse }) => {
  const path = '/a-rather-long-path/to/the/orders/stream/of-the-day';
  await liveFeed(app, harness, sse, path, 'Orders');
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Orders/ })
    .click();
  await app.screenshot({ path: 'tests/artifacts/screenshots/wide-no-detail.png' });
  const url = app.locator('.view-url');
  await expect(url).toHaveText(`${sse.url}${path}`);
  expect(await url.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect((await box(app.locator('.detail'))).width).toBeLessThanOrEqual(320);
});
