import { box, expect, liveFeed, rows, test } from '../support/renderer-fixtures';

test('full-text search over the whole history with feed, type, unread and time filters', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/orders', 'Orders');
  await liveFeed(app, harness, sse, '/alerts', 'Alerts');
  for (let i = 1; i <= 40; i++) {
    sse.send(
      { id: `o-${i}`, event: 'order', data: JSON.stringify({ title: `Order ${i} for ${i % 2 ? 'espresso' : 'tea'}` }) },
      '/orders',
    );
  }
  sse.send(
    { id: 'a-1', event: 'alert', data: JSON.stringify({ message: 'Disk almost full on espresso-db' }) },
    '/alerts',
  );
  sse.send({ id: 'a-2', event: 'page', data: 'Espresso machine is on fire' }, '/alerts');
  await expect(rows(app).first()).toContainText('Espresso machine is on fire');
  await harness.core.flush();
  await harness.core.drainMaintenance();

  const search = app.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('espresso');
  await search.press('Enter');
  // 20 orders + 2 alerts match; words are highlighted.
  await expect(rows(app)).toHaveCount(22);
  await expect(app.locator('.row mark').first()).toHaveText(/espresso/i);
  await expect(rows(app).filter({ hasText: 'tea' })).toHaveCount(0);

  await app.getByRole('button', { name: 'Filters' }).click();
  await app.getByRole('combobox', { name: 'Feed' }).selectOption({ label: 'Alerts' });
  await expect(rows(app)).toHaveCount(2);
  await app.getByLabel('Event type').fill('page');
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('Espresso machine is on fire');

  // Unread only: open the one result (marks it read) and re-run.
  await rows(app).first().click();
  await expect.poll(() => harness.core.unreadTotal()).toBe(41);
  await app.getByLabel('Unread only').check();
  await expect(rows(app)).toHaveCount(0);
  await expect(app.getByText('No messages match.')).toBeVisible();

  await app.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(search).toHaveValue('');
  // Clear keeps the selected feed (Alerts) but drops the text and filters.
  await expect(rows(app)).toHaveCount(2);

  // A time range that ends before everything was received matches nothing.
  await app.getByLabel('To').fill('2001-01-01T00:00');
  await expect(rows(app)).toHaveCount(0);
  await app.getByLabel('To').fill('');
  await app.getByLabel('From').fill('2001-01-01T00:00');
  await expect(rows(app)).toHaveCount(2);
});

test('search results page in from the database as the list scrolls', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse);
  for (let i = 1; i <= 700; i++) sse.send({ id: `p-${i}`, data: `needle number ${i}` });
  sse.send({ id: 'p-x', data: 'haystack' });
  await expect(rows(app).first()).toContainText('haystack', { timeout: 10_000 });
  await harness.core.flush();
  await harness.core.drainMaintenance();
  const search = app.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('needle');
  await search.press('Enter');
  await expect(rows(app).first()).toContainText('needle number 700');
  const list = app.getByRole('listbox', { name: 'Messages' });
  for (let i = 0; i < 30; i++) {
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    if (await app.locator('.row-summary', { hasText: /^needle number 1$/ }).count()) break;
    await app.waitForTimeout(100);
  }
  await expect(app.locator('.row-summary', { hasText: /^needle number 1$/ })).toBeVisible();
  const pages = harness.invokes.filter(
    (i) => i.channel === 'tidings:messages:list' && (i.request as { text?: string }).text === 'needle',
  );
  expect(pages.length).toBeGreaterThanOrEqual(3);
  // Each older page continues below the oldest result shown (core's beforeId).
  expect(pages.filter((p) => (p.request as { beforeId?: number }).beforeId).length).toBeGreaterThanOrEqual(2);
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

test('inside a feed the search box says it searches that feed', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse, '/orders', 'Orders');
  const search = app.locator('#search-input');
  await expect(search).toHaveAttribute('placeholder', 'Search all messages');
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Orders/ })
    .click();
  await expect(search).toHaveAttribute('placeholder', 'Search in Orders');
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(search).toHaveAttribute('placeholder', '在「Orders」中搜索');
});
