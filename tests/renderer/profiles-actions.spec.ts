/**
 * A message's buttons in the window, against the ntfy fixture and a second loopback server: an `http` action asks
 * first (method, URL, whether the feed's credentials go) and the servers record nothing until "Send request",
 * exactly one request after, with the answer shown; a notification's action opens that confirmation too.
 * Attachments are listed with name, type and size and fetched only after the save dialog answered a path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer, header } from '../support/fixtures/fixture-server';
import { NtfyFixture } from '../support/fixtures/ntfy';
import type { Harness } from '../support/web-harness/index';
import { addFeed, expect, rows, test } from '../support/renderer-fixtures';
import type { Page } from '@playwright/test';

async function servers() {
  const ntfy = await new NtfyFixture({ token: 'tk_door' }).start();
  const other = await new FixtureServer((request, res) => {
    if (request.path === '/ok') res.writeHead(202).end('accepted');
    else if (request.path === '/cam.png')
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(4321, 9));
    else res.writeHead(404).end();
  }).start();
  return { ntfy, other, close: async () => Promise.all([ntfy.close(), other.close()]) };
}

async function doorFeed(app: Page, harness: Harness, ntfy: NtfyFixture, other: FixtureServer) {
  const added = await addFeed(harness, `${ntfy.url}/door/sse`, {
    name: 'Door',
    headers: [{ name: 'Authorization', value: 'Bearer tk_door', secret: true }],
  });
  await ntfy.server.waitForClients(1);
  ntfy.publish('door', 'Someone rang', {
    title: 'Doorbell',
    actions: [
      { action: 'view', label: 'Camera', url: 'https://cam.example/live' },
      { action: 'http', label: 'Open door', url: `${ntfy.url}/v1/door/open`, method: 'PUT', body: 'open' },
      { action: 'http', label: 'Log it', url: `${other.url}/ok`, method: 'POST' },
    ],
    attachment: { name: 'cam.png', type: 'image/png', size: 4321, url: `${other.url}/cam.png` },
  });
  const row = rows(app).filter({ hasText: 'Doorbell' });
  await expect(row).toHaveCount(1);
  return added;
}

test('an http action asks first: nothing is sent until confirmed, exactly one request after, its answer shown', async ({
  app,
  harness,
}) => {
  const { ntfy, other, close } = await servers();
  try {
    await doorFeed(app, harness, ntfy, other);
    const doorRequests = () => ntfy.server.requests.filter((r) => r.path === '/v1/door/open');
    await rows(app).filter({ hasText: 'Doorbell' }).click();
    const actions = app.getByRole('group', { name: 'Actions' });

    // A view action opens the browser through main (http(s) only), nothing else.
    await actions.getByRole('button', { name: 'Camera' }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://cam.example/live']);

    await actions.getByRole('button', { name: 'Open door' }).click();
    const dialog = app.getByRole('dialog', { name: 'Send “Open door”?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.action-request')).toContainText('PUT');
    await expect(dialog.locator('.action-request')).toContainText(`${ntfy.url}/v1/door/open`);
    await expect(dialog).toContainText('carries the feed’s credentials');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.waitForTimeout(200);
    expect(doorRequests()).toHaveLength(0);
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(doorRequests()).toHaveLength(0);

    // Keyboard: Tab to the action, Enter opens the confirmation, Tab to "Send request", Enter sends.
    await actions.getByRole('button', { name: 'Open door' }).focus();
    await app.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await app.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Send request' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(dialog.getByRole('status')).toHaveText('The server answered 404 page not found');
    expect(doorRequests().map((r) => [r.method, r.body, header(r, 'authorization')])).toEqual([
      ['PUT', 'open', 'Bearer tk_door'],
    ]);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(dialog).toBeHidden();

    await actions.getByRole('button', { name: 'Log it' }).click();
    const logDialog = app.getByRole('dialog', { name: 'Send “Log it”?' });
    await expect(logDialog).toContainText('the feed’s credentials are not sent');
    expect(other.requests).toHaveLength(0);
    await logDialog.getByRole('button', { name: 'Send request' }).click();
    await expect(logDialog.getByRole('status')).toHaveText('Done: the server answered 202.');
    expect(other.requests.map((r) => [r.method, r.path, header(r, 'authorization')])).toEqual([['POST', '/ok', null]]);
    expect(doorRequests()).toHaveLength(1);
  } finally {
    await close();
  }
});

test('a notification’s http action opens the window at the confirmation, never sending by itself', async ({
  app,
  harness,
}) => {
  const { ntfy, other, close } = await servers();
  try {
    const feed = await doorFeed(app, harness, ntfy, other);
    const message = harness.core.feeds().length === 1 ? await firstMessageId(harness) : 0;
    harness.push('tidings:push:navigate', { feedId: feed.id, messageId: message, action: 1 });
    const dialog = app.getByRole('dialog', { name: 'Send “Open door”?' });
    await expect(dialog).toBeVisible();
    await expect(app.locator(`.detail[data-message-id="${message}"]`)).toBeVisible();
    await app.waitForTimeout(200);
    expect(ntfy.server.requests.filter((r) => r.path === '/v1/door/open')).toHaveLength(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(ntfy.server.requests.filter((r) => r.path === '/v1/door/open')).toHaveLength(0);

    // A view button (a Windows toast from an earlier run arrives this way) opens its link, asks nothing.
    harness.push('tidings:push:navigate', { feedId: feed.id, messageId: message, action: 0 });
    await expect.poll(() => harness.openedUrls).toEqual(['https://cam.example/live']);
    await expect(app.getByRole('dialog')).toHaveCount(0);
  } finally {
    await close();
  }
});

async function firstMessageId(harness: Harness): Promise<number> {
  await harness.core.flush();
  const page = await harness.handlers['tidings:messages:list']({ limit: 1 });
  if (!page.ok || !page.data.items[0]) throw new Error('no message');
  return page.data.items[0].id;
}

test('an attachment is listed, and fetched only after the save dialog answered a path', async ({
  app,
  harness,
  pageErrors,
}) => {
  const { ntfy, other, close } = await servers();
  const folder = await mkdtemp(join(tmpdir(), 'tidings-download-'));
  try {
    await doorFeed(app, harness, ntfy, other);
    await rows(app).filter({ hasText: 'Doorbell' }).click();
    const list = app.getByRole('list', { name: 'Attachments' });
    await expect(list).toContainText('cam.png');
    await expect(list).toContainText('image/png');
    await expect(list).toContainText('4.2 KB');
    // Never rendered from the remote URL, never fetched in the background.
    await expect(app.locator('img')).toHaveCount(0);
    await app.waitForTimeout(200);
    expect(other.requests).toHaveLength(0);
    // And could not be: the page's CSP refuses remote images (img-src 'self' data:).
    const refused = await app.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const img = document.createElement('img');
          img.src = url;
          document.body.append(img);
          setTimeout(() => img.remove(), 0);
        }),
      `${other.url}/cam.png`,
    );
    expect(refused).toBe('img-src');
    // Chromium reports the refusal on the console; it is what this test provoked.
    const provoked = pageErrors.filter((e) => e.includes('Content Security Policy'));
    expect(provoked.length).toBeGreaterThan(0);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !provoked.includes(e)));
    expect(other.requests).toHaveLength(0);

    // Cancel in the save dialog: nothing fetched, nothing said.
    const download = list.getByRole('button', { name: 'Download cam.png' });
    await download.click();
    await expect.poll(() => harness.saveDialog.requests).toEqual(['cam.png']);
    await expect(download).toBeEnabled();
    await expect(list.locator('.attachment-status')).toHaveText('');
    expect(other.requests).toHaveLength(0);

    const target = join(folder, 'doorbell.png');
    harness.saveDialog.answers.push(target);
    await download.click();
    await expect(list.getByRole('status')).toHaveText('Saved as doorbell.png (4.2 KB).');
    expect(readFileSync(target)).toEqual(Buffer.alloc(4321, 9));
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(other.requests.map((r) => r.path)).toEqual(['/cam.png']);
  } finally {
    await close();
    await rm(folder, { recursive: true, force: true });
  }
});
