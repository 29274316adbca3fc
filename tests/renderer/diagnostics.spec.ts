import { addFeedAndSelect, expect, liveFeed, test } from '../support/renderer-fixtures';

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

test('a pause says who made it: this feed (its menu, by mouse and keys), the tray, sleep, offline — in both languages', async ({
  app,
  harness,
  sse,
}) => {
  const alpha = await liveFeed(app, harness, sse, '/a', 'Alpha');
  await liveFeed(app, harness, sse, '/b', 'Beta');
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  const banner = app.locator('.paused-banner');

  // Right-click a feed: pause this feed alone. Its view says the user paused it, with the way out.
  await nav.getByRole('button', { name: /Alpha/ }).click();
  await nav.getByRole('button', { name: /Alpha/ }).click({ button: 'right' });
  const menu = app.getByRole('menu', { name: 'Feed actions' });
  await menu.getByRole('menuitem', { name: 'Pause feed' }).click();
  await expect(banner).toHaveText(/You paused this feed/);
  await expect(banner).toHaveAttribute('data-paused-by', 'feed');
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText(
    'Paused by you (this feed only). “Resume feed” reconnects it.',
  );
  await app.keyboard.press('Escape');
  // Only Alpha paused: "Pause all" is still offered for the others, and the other views show no banner.
  await expect(nav.getByRole('button', { name: 'Pause all feeds' })).toBeVisible();
  await nav.getByRole('button', { name: /All messages/ }).click();
  await expect(banner).toHaveCount(0);

  // The keyboard: Shift+F10 on the feed opens its menu; Enter resumes it.
  await nav.getByRole('button', { name: /Alpha/ }).focus();
  await app.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: 'Resume feed' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(nav.getByRole('button', { name: /Alpha/ })).toBeFocused();
  await expect.poll(() => harness.core.statuses().find((s) => s.feedId === alpha.id)?.state).toBe('open');

  // The tray's "Pause all", sleep, offline: each named in the banner and in diagnostics.
  const cases = [
    ['tray', 'All feeds were paused from the tray', 'Paused by “Pause all” in the tray. “Resume all” reconnects it.'],
    ['sleep', 'Feeds are paused while the computer sleeps', 'Paused while the computer sleeps.'],
    ['offline', 'the computer is offline', 'Paused while the computer is offline.'],
  ] as const;
  for (const [source, bannerText, diagText] of cases) {
    harness.core.pauseAll(source);
    await expect(banner).toContainText(bannerText);
    await nav.getByRole('button', { name: /Beta/ }).click();
    await app.getByRole('button', { name: 'Diagnostics' }).click();
    await expect(app.getByRole('dialog').locator('.diag-reason')).toContainText(diagText);
    await app.keyboard.press('Escape');
    harness.core.resumeAll();
    await expect(banner).toHaveCount(0, { timeout: 10_000 });
  }

  // 简体中文: the same sources in Chinese.
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  harness.core.pauseAll('tray');
  await expect(banner).toContainText('已从托盘暂停全部订阅源');
  await app.locator('.view-header').getByRole('button', { name: '诊断' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText(
    '由托盘中的“全部暂停”暂停。“全部恢复”会重新连接。',
  );
});

test('the inspector shows the last response status and headers and the request headers sent, secrets masked', async ({
  app,
  harness,
  sse,
}) => {
  const secret = 'Bearer t0p-s3cret';
  await liveFeed(app, harness, sse, '/events', 'Inspected', {
    headers: [
      { name: 'Authorization', value: secret, secret: true },
      { name: 'X-Client', value: 'desk', secret: false },
    ],
  });
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Inspected/ })
    .click();
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics — Inspected' });
  const exchange = dialog.getByRole('region', { name: 'Last request' });
  await expect(exchange).toContainText('Answer: HTTP 200');
  await expect(exchange).toContainText(`GET ${sse.url}/events`);
  // Headers fold away (the dialog stays usable at 640×420); the keyboard opens them.
  const response = exchange.getByRole('table', { name: /Response headers/ });
  await expect(response).toBeHidden();
  await exchange.getByText(/Response headers \(\d+\)/).focus();
  await app.keyboard.press('Enter');
  await expect(response.getByRole('row', { name: /content-type/ })).toContainText('text/event-stream');
  await exchange.getByText(/Request headers sent \(\d+\)/).click();
  const request = exchange.getByRole('table', { name: /Request headers sent/ });
  await expect(request.getByRole('row', { name: /Authorization/ })).toContainText('hidden (secret)');
  await expect(request.getByRole('row', { name: /X-Client/ })).toContainText('desk');
  await expect(request.getByRole('row', { name: /Accept/ })).toContainText('text/event-stream');
  // The secret reached the server, never the window.
  expect(sse.requests[0]!.headers.authorization).toBe(secret);
  expect(await app.content()).not.toContain('t0p-s3cret');

  // A refusal shows its status; in Chinese too.
  sse.setFault('/events', { kind: 'status', status: 401 });
  await dialog.getByRole('button', { name: 'Reconnect now' }).click();
  await expect(exchange).toContainText('Answer: HTTP 401', { timeout: 5000 });
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  const zh = app.getByRole('region', { name: '最近一次请求' });
  await expect(zh).toContainText('响应：HTTP 401');
  await expect(zh.getByRole('row', { name: /Authorization/ })).toContainText('已隐藏（机密）');
});

test('a network error Tidings does not recognise is said in the window’s words; the runtime’s text is a detail', async ({
  app,
  harness,
}) => {
  // A server that answers something other than HTTP: undici's own English words ("Response does not match…").
  const { createServer } = await import('node:net');
  const garbage = createServer((socket) => socket.end('garbage\r\n\r\n'));
  await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
  const port = (garbage.address() as { port: number }).port;
  try {
    await addFeedAndSelect(app, harness, `http://127.0.0.1:${port}/events`, 'Garbled');
    await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
    const header = app.locator('.view-header');
    await expect(header).toContainText('网络错误。', { timeout: 10_000 });
    // Only translated words in the sentence: no English from the runtime.
    await expect(header).not.toContainText('Response does not match');
    await header.getByRole('button', { name: '诊断' }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog.locator('.diag-reason')).toHaveText('网络错误。');
    // The raw text stays available, apart, as a detail.
    await expect(dialog.locator('.diag-detail').first()).toContainText('详细信息：');
    await expect(dialog.locator('.diag-detail').first()).toContainText('Response does not match the HTTP/1.1 protocol');
  } finally {
    garbage.close();
  }
});
