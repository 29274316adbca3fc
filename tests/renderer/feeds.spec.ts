import type { TidingsApi } from '../../shared/ipc/contract';
import { addFeedAndSelect, addFeedViaUi, expect, liveFeed, rows, test } from '../support/renderer-fixtures';

test('a feed added in the UI shows its first event in the list within 1 s', async ({ app, sse }) => {
  await addFeedViaUi(app, `${sse.url}/events`, 'Builds');
  const feed = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Builds/ });
  await expect(feed).toBeVisible();
  await sse.waitForClients(1, { path: '/events', timeoutMs: 5000 });
  await expect(feed.locator('[data-state="open"]')).toBeAttached();

  const started = Date.now();
  sse.send({ id: 'b-1', event: 'build', data: JSON.stringify({ title: 'Build 41 passed', status: 'ok' }) });
  await expect(rows(app).filter({ hasText: 'Build 41 passed' })).toBeVisible({ timeout: 1000 });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan(1000);
  await expect(rows(app).first()).toContainText('build');
  await expect(app).toHaveTitle('Tidings (1)');
});

test('the URL is validated with a clear message and nothing is saved', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Add feed' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Add feed' });
  const url = dialog.getByLabel('Feed URL');
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter the feed’s URL.');
  await url.fill('ftp://example.com/stream');
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a valid http:// or https:// URL.');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(harness.core.feeds()).toHaveLength(0);
  expect(harness.invokes.filter((i) => i.channel === 'tidings:feeds:add')).toHaveLength(0);
});

test('a feed can be edited and deleted after confirmation', async ({ app, sse, harness }) => {
  await addFeedViaUi(app, `${sse.url}/events`, 'Alerts');
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  await nav.getByRole('button', { name: /Alerts/ }).click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit feed' });
  await dialog.getByLabel('Name', { exact: true }).fill('Pager alerts');
  await dialog.getByLabel('Event types to keep').fill('alert, page');
  await dialog.getByRole('radio', { name: 'Only these types' }).check();
  await dialog.getByLabel('Event types that notify').fill('page');
  await dialog.getByLabel('Never when the text contains').fill('test, drill');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(nav.getByRole('button', { name: /Pager alerts/ })).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Pager alerts');
  const saved = harness.core.feeds()[0]!;
  expect(saved.name).toBe('Pager alerts');
  expect(saved.eventTypes).toEqual(['alert', 'page']);
  expect(saved.notify).toEqual({ mode: 'types', types: ['page'], include: [], exclude: ['test', 'drill'] });

  await app.getByRole('button', { name: 'Edit feed' }).click();
  await dialog.getByRole('button', { name: 'Delete feed…' }).click();
  await expect(dialog.getByText('Delete “Pager alerts” and all its messages?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(harness.core.feeds()).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Delete feed…' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(nav.getByRole('button', { name: /Pager alerts/ })).toHaveCount(0);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('All messages');
  expect(harness.core.feeds()).toHaveLength(0);
});

test('a secret header is masked, sent to the server, and never returned in clear', async ({ app, sse, harness }) => {
  const secret = 'Bearer s3cr3t-token-7f9c';
  sse.requireAuth('/private', 'Authorization', secret);
  await app.getByRole('button', { name: 'Add feed' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Add feed' });
  await dialog.getByLabel('Feed URL').fill(`${sse.url}/private`);
  await dialog.getByLabel('Name', { exact: true }).fill('Private');
  await dialog.getByRole('button', { name: 'Add header' }).click();
  await dialog.getByLabel('Header 1 name').fill('Authorization');
  const value = dialog.getByLabel('Header 1 value');
  await value.fill(secret);
  await expect(value).toHaveAttribute('type', 'text');
  await dialog.getByRole('switch', { name: 'Header 1 is secret' }).check();
  await expect(value).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog).toBeHidden();

  // The server accepted the credentials: the feed is live.
  const feed = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Private/ });
  await expect(feed.locator('[data-state="open"]')).toBeAttached({ timeout: 5000 });
  expect(sse.requests.some((r) => r.path === '/private' && r.authorization === secret)).toBe(true);

  // Editing shows the header as stored, never its value; saving without typing keeps it.
  await feed.click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit feed' });
  const stored = edit.getByLabel('Header 1 value');
  await expect(stored).toHaveValue('');
  await expect(stored).toHaveAttribute('placeholder', 'Stored — type to replace');
  await expect(stored).toHaveAttribute('type', 'password');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  const update = harness.invokes.find((i) => i.channel === 'tidings:feeds:update');
  expect(JSON.stringify(update?.request)).not.toContain(secret);
  expect((update?.request as { input: { headers: { value: unknown }[] } }).input.headers[0]!.value).toBeNull();

  // Nothing that reaches the renderer carries the secret: snapshot, feed list, default export, the DOM.
  const seen = await app.evaluate(async () => {
    const api = (window as unknown as { api: TidingsApi }).api;
    const snapshot = await api.app.snapshot();
    const exported = await api.feeds.export({ includeSecrets: false });
    return JSON.stringify({ snapshot, exported });
  });
  expect(seen).toContain('Authorization');
  expect(seen).not.toContain('s3cr3t-token');
  expect(await app.content()).not.toContain('s3cr3t-token');
});

test('feeds can be exported and imported as JSON', async ({ app, sse, harness }) => {
  await addFeedViaUi(app, `${sse.url}/a`, 'Feed A');
  await app.getByRole('button', { name: 'Import / export' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import and export feeds' });
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export feeds…' }).click();
  expect((await download).suggestedFilename()).toBe('tidings-feeds.json');
  const json = await dialog.getByLabel('Feeds JSON').inputValue();
  expect(json).toContain(`${sse.url}/a`);
  // Import the same list with one more feed: the known one is skipped.
  const parsed = JSON.parse(json) as unknown;
  const text = JSON.stringify(parsed).replace(`${sse.url}/a`, `${sse.url}/b`);
  await dialog.getByLabel('Feeds JSON').fill(text);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Added 1, skipped 0\./);
  await expect
    .poll(() =>
      harness.core
        .feeds()
        .map((f) => f.url)
        .sort(),
    )
    .toEqual([`${sse.url}/a`, `${sse.url}/b`]);
});

test('all feeds can be paused, resumed and reconnected from the sidebar', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse, '/one', 'One');
  await liveFeed(app, harness, sse, '/two', 'Two');
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  await nav.getByRole('button', { name: 'Pause all feeds' }).click();
  await expect(nav.locator('[data-feed-id] [data-state="paused"]')).toHaveCount(2);
  await expect(nav.getByRole('button', { name: /One/ })).toHaveAccessibleName(/Paused/);
  await expect.poll(() => sse.clientCount('/one') + sse.clientCount('/two')).toBe(0);
  await nav.getByRole('button', { name: 'Resume all feeds' }).click();
  await expect(nav.locator('[data-feed-id] [data-state="open"]')).toHaveCount(2, { timeout: 5000 });
  const before = sse.requests.length;
  await nav.getByRole('button', { name: 'Reconnect all feeds' }).click();
  await expect.poll(() => sse.requests.length).toBeGreaterThanOrEqual(before + 2);
  await expect(nav.locator('[data-feed-id] [data-state="open"]')).toHaveCount(2, { timeout: 5000 });
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

test('deleting the selected feed leaves the keyboard focus on the message list, not lost on the page', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/doomed', { kind: 'status', status: 404 });
  await addFeedAndSelect(app, harness, `${sse.url}/doomed`, 'Doomed');
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

test('pasting a curl command into the URL field fills the URL and its headers, credentials kept secret', async ({
  app,
  sse,
}) => {
  const secret = 'Bearer from-curl-42';
  sse.requireAuth('/curl', 'Authorization', secret);
  await app.getByRole('button', { name: 'Add feed' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Add feed' });
  const url = dialog.getByLabel('Feed URL');
  const command = `curl -N -H 'Authorization: ${secret}' -H "Accept: text/event-stream" ${sse.url}/curl`;
  await url.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, command);
  await expect(url).toHaveValue(`${sse.url}/curl`);
  await expect(dialog.getByRole('status')).toHaveText('Filled in from the curl command: the URL and 2 headers.');
  await expect(dialog.getByLabel('Header 1 name')).toHaveValue('Authorization');
  await expect(dialog.getByLabel('Header 1 value')).toHaveAttribute('type', 'password');
  await expect(dialog.getByLabel('Header 2 name')).toHaveValue('Accept');
  await expect(dialog.getByRole('switch', { name: 'Header 2 is secret' })).not.toBeChecked();
  await dialog.getByLabel('Name', { exact: true }).fill('From curl');
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog).toBeHidden();
  const feed = app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /From curl/ });
  await expect(feed.locator('[data-state="open"]')).toBeAttached({ timeout: 5000 });
  expect(sse.requests.some((r) => r.path === '/curl' && r.authorization === secret)).toBe(true);
});

test('a feed can be muted, kept out of the unread counts and given a colour — from its editor and its sidebar menu', async ({
  app,
  harness,
  sse,
}) => {
  const alpha = await liveFeed(app, harness, sse, '/a', 'Alpha');
  const beta = await liveFeed(app, harness, sse, '/b', 'Beta');
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  const alphaItem = nav.locator(`[data-feed-id="${alpha.id}"]`);
  const betaItem = nav.locator(`[data-feed-id="${beta.id}"]`);
  sse.send({ id: 'a1', data: 'alpha one' }, '/a');
  sse.send({ id: 'b1', data: 'beta one' }, '/b');
  await expect(rows(app)).toHaveCount(2);
  expect(harness.core.unreadTotal()).toBe(2);

  // The editor's "In the list": mute, and a colour from the palette instead of the automatic one.
  await alphaItem.click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit feed' });
  const colours = dialog.getByRole('radiogroup', { name: 'Colour' });
  await expect(colours.getByRole('radio', { name: 'Automatic' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Mute this feed' }).check();
  // By keyboard: from Automatic, the arrow keys walk the palette.
  await colours.getByRole('radio', { name: 'Automatic' }).focus();
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('ArrowRight');
  await expect(colours.getByRole('radio', { name: 'Green' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.core.feeds().find((f) => f.id === alpha.id)).toMatchObject({ muted: true, colour: '#15803d' });
  await expect(alphaItem.locator('.feed-chip')).toHaveCSS('background-color', 'rgb(21, 128, 61)');
  await expect(alphaItem).toContainText('Muted');
  // Muted: still listed and unread in the window, left out of the tray's count.
  await expect(rows(app).filter({ hasText: 'alpha one' })).toHaveClass(/unread/);
  expect(harness.core.unreadTotal()).toBe(1);

  // Beta's menu (keyboard): "Count as unread" is on; turning it off marks Beta read, and new messages arrive read.
  await betaItem.focus();
  await app.keyboard.press('Shift+F10');
  const menu = app.getByRole('menu', { name: 'Feed actions' });
  const count = menu.getByRole('menuitemcheckbox', { name: 'Count as unread' });
  await expect(count).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Mute' })).toHaveAttribute('aria-checked', 'false');
  await count.focus();
  await app.keyboard.press('Enter');
  await expect(betaItem.locator('.unread-badge')).toHaveCount(0);
  sse.send({ id: 'b2', data: 'beta two' }, '/b');
  await betaItem.click();
  await expect(rows(app).filter({ hasText: 'beta two' })).toBeVisible();
  await expect(rows(app).filter({ hasText: 'beta two' })).not.toHaveClass(/unread/);
  await expect(betaItem.locator('.unread-badge')).toHaveCount(0);
  // The Unread view and the totals agree: only Alpha's message is unread.
  await nav.getByRole('button', { name: /^Unread/ }).click();
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('alpha one');
  // …but that message is a muted feed's: the window title and the "All messages" badge leave it out, as the tray does.
  const allBadge = nav.getByRole('button', { name: /^All messages/ }).locator('.unread-badge');
  await expect(app).toHaveTitle('Tidings');
  await expect(allBadge).toHaveCount(0);
  await expect(alphaItem.locator('.unread-badge')).toHaveText('1');

  // Unmute from Alpha's menu (mouse).
  await alphaItem.click({ button: 'right' });
  await menu.getByRole('menuitemcheckbox', { name: 'Mute' }).click();
  await expect(alphaItem).not.toContainText('Muted');
  await expect.poll(() => harness.core.unreadTotal()).toBe(1);
  expect(harness.core.feeds().find((f) => f.id === alpha.id)!.muted).toBeUndefined();
  await expect(app).toHaveTitle('Tidings (1)');
  await expect(allBadge).toHaveText('1');

  // 简体中文: the editor's section in Chinese.
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await app.locator(`.sidebar [data-feed-id="${alpha.id}"]`).click();
  await app.locator('.view-header').getByRole('button', { name: '编辑订阅源' }).click();
  const zh = app.getByRole('dialog', { name: '编辑订阅源' });
  await expect(zh.getByRole('group', { name: '列表中' })).toBeVisible();
  await expect(zh.getByRole('radio', { name: '绿色' })).toBeChecked();
  await expect(zh.getByRole('checkbox', { name: '将其消息计为未读' })).toBeChecked();
});
