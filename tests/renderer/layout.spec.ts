/**
 * Small windows: with a message open the feed title stays readable and every control stays on screen; the
 * smallest window Tidings allows (640 × 420) still shows and closes a message.
 */
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
