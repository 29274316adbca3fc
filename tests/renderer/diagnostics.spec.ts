import { expect, liveFeed, test } from '../support/renderer-fixtures';

test('diagnostics explain a forced drop, count down to the retry, and reconnect now', async ({ app, harness, sse }) => {
  const feed = await liveFeed(app, harness, sse, '/events', 'Flaky');
  sse.send({ id: 'f-1', event: 'tick', data: 'first frame' });
  await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Flaky/ }).click();
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics — Flaky' });
  await expect(dialog.locator('.state-label')).toHaveText('Live');
  await expect(dialog.getByRole('log', { name: 'Last raw frames' })).toContainText('first frame');
  await expect(dialog.locator('dd').first()).toHaveText('1');

  // The server refuses the next reconnects and drops the stream: the feed reconnects with backoff.
  sse.setFault('/events', { kind: 'status', status: 503 }, { times: 3 });
  sse.dropAll('/events');
  await expect(dialog.locator('.state-label')).toHaveText('Reconnecting', { timeout: 5000 });
  await expect(dialog.getByRole('timer')).toHaveText(/Next attempt in \d+ s/);
  await expect(dialog.locator('.diag-error')).not.toBeEmpty();
  await expect(
    app.getByRole('navigation', { name: 'Feeds' }).locator(`[data-feed-id="${feed.id}"] [data-state]`),
  ).toHaveAttribute('data-state', /reconnecting|connecting/);

  sse.clearFaults();
  await dialog.getByRole('button', { name: 'Reconnect now' }).click();
  await expect(dialog.locator('.state-label')).toHaveText('Live', { timeout: 5000 });
  const reconnects = Number(await dialog.locator('dd').nth(2).textContent());
  expect(reconnects).toBeGreaterThanOrEqual(1);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a stopped feed says why in plain words', async ({ app, harness, sse }) => {
  sse.setFault('/gone', { kind: 'status', status: 404 });
  await harness.handlers['tidings:feeds:add']({
    name: 'Gone',
    url: `${sse.url}/gone`,
    headers: [],
    eventTypes: [],
    notify: { mode: 'all', types: [], include: [], exclude: [] },
    idleTimeoutSec: 45,
    enabled: true,
  });
  await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Gone/ }).click();
  const header = app.locator('.view-header');
  await expect(header.locator('.state-label')).toHaveText('Stopped', { timeout: 5000 });
  await expect(header).toContainText('Feed not found on the server.');
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText('Feed not found on the server.');
});

test('the frames can be paused, cleared and copied', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse, '/events', 'Frames');
  sse.send({ id: 'f-1', data: 'frame one' });
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Frames/ })
    .click();
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics — Frames' });
  const log = dialog.getByRole('log', { name: 'Last raw frames' });
  await expect(log).toContainText('frame one');

  await dialog.getByRole('button', { name: 'Pause' }).click();
  sse.send({ id: 'f-2', data: 'frame two' });
  // Paused: the frozen frames stay while the counters go on.
  await expect(dialog.locator('dd').first()).toHaveText('2', { timeout: 5000 });
  await expect(log).not.toContainText('frame two');
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect(log).toContainText('frame two');

  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness.url).origin });
  await dialog.getByRole('button', { name: 'Copy frames' }).click();
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('data: frame one');
  expect(copied).toContain('data: frame two');

  await dialog.getByRole('button', { name: 'Clear' }).click();
  await expect(dialog.getByText('Nothing received yet.')).toBeVisible();
  sse.send({ id: 'f-3', data: 'frame three' });
  await expect(log).toContainText('frame three');
  await expect(log).not.toContainText('frame one');
});
