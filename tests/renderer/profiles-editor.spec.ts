/**
 * The feed editor's server section against the ntfy and Mercure fixtures: the publish target starts as the
 * profile's suggestion, a chosen kind is filled in from it and edited, ntfy's first subscribe and credentials in
 * the query are set here, and the Mercure publisher token is a secret — sent once, never shown again.
 */
import { MercureFixture } from '../support/fixtures/mercure';
import { NtfyFixture } from '../support/fixtures/ntfy';
import { addFeed, expect, test } from '../support/renderer-fixtures';
import type { Page } from '@playwright/test';

async function openEditor(app: Page, name: string) {
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit feed' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('ntfy: the publish target is filled in from the profile, edited, saved and used by the composer', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture().start();
  try {
    await addFeed(harness, `${ntfy.url}/alerts/sse`, { name: 'Alerts', profile: 'ntfy' });
    await ntfy.server.waitForClients(1);
    const dialog = await openEditor(app, 'Alerts');
    const section = dialog.getByRole('group', { name: 'Server and talking back' });
    const target = section.getByLabel('Messages from the composer go to');
    await expect(target).toHaveValue('auto');
    await expect(section).toContainText(`Now: POST ${ntfy.url}/alerts`);

    await target.selectOption({ label: 'An ntfy topic' });
    await expect(section.getByLabel('Topic URL')).toHaveValue(`${ntfy.url}/alerts`);
    await section.getByLabel('Topic URL').fill(`${ntfy.url}/replies`);
    await section.getByLabel('Title', { exact: true }).fill('From the desk');
    await section.getByLabel('Priority', { exact: true }).selectOption({ label: 'High priority' });
    await section.getByLabel('Tags', { exact: true }).fill('speech_balloon');
    await section.getByLabel('On the first connection (ntfy)').selectOption({ label: 'Also the last 10 minutes' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    expect(harness.core.feeds()[0]!.server).toEqual({
      firstSince: '10m',
      publish: {
        kind: 'ntfy',
        url: `${ntfy.url}/replies`,
        title: 'From the desk',
        priority: 4,
        tags: ['speech_balloon'],
      },
    });
    // A new way to connect reconnects: no message stored yet, so the first subscribe asks for ten minutes.
    await expect.poll(() => ntfy.sinceAsked.at(-1)).toBe('10m');

    const box = app.getByRole('textbox', { name: 'Message for this feed’s server' });
    await box.fill('on my way');
    await box.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
    expect(ntfy.messages.map((m) => [m.topic, m.message, m.title, m.priority])).toEqual([
      ['replies', 'on my way', 'From the desk', 4],
    ]);

    // Reopened, the editor shows what was saved.
    const again = await openEditor(app, 'Alerts');
    await expect(again.getByLabel('Topic URL')).toHaveValue(`${ntfy.url}/replies`);
    await expect(again.getByLabel('On the first connection (ntfy)')).toHaveValue('10m');

    // Nowhere: the feed does not publish, and the composer is gone.
    await again.getByLabel('Messages from the composer go to').selectOption({ label: 'Nowhere (no composer)' });
    await again.getByRole('button', { name: 'Save' }).click();
    await expect(again).toBeHidden();
    expect(harness.core.feeds()[0]!.server?.publish).toBeNull();
    await expect(app.getByRole('textbox', { name: 'Message for this feed’s server' })).toHaveCount(0);
  } finally {
    await ntfy.close();
  }
});

test('Mercure: the publisher token is sent once, stored as a secret and never shown again', async ({
  app,
  harness,
}) => {
  const hub = await new MercureFixture({ publisherToken: 'pub.jwt.secret' }).start();
  try {
    await addFeed(harness, `${hub.url}/.well-known/mercure?topic=orders`, {
      name: 'Orders',
      profile: 'mercure',
    });
    const dialog = await openEditor(app, 'Orders');
    const section = dialog.getByRole('group', { name: 'Server and talking back' });
    // ntfy's first-subscribe option is not offered for a Mercure feed; credentials in the query are.
    await expect(section.getByLabel('On the first connection (ntfy)')).toHaveCount(0);
    await expect(section.getByLabel('Send the Authorization header as a query parameter')).toBeVisible();
    await section.getByLabel('Messages from the composer go to').selectOption({ label: 'A Mercure hub' });
    await expect(section.getByLabel('Hub URL')).toHaveValue(`${hub.url}/.well-known/mercure`);
    await expect(section.getByLabel('Topics (one per line)')).toHaveValue('orders');
    const token = section.getByLabel('Publisher token (JWT)');
    await expect(token).toHaveAttribute('type', 'password');
    await token.fill('pub.jwt.secret');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    expect(harness.core.feeds()[0]!.server).toMatchObject({ hasPublishToken: true });
    expect(JSON.stringify(harness.core.feeds())).not.toContain('pub.jwt.secret');

    const again = await openEditor(app, 'Orders');
    const stored = again.getByLabel('Publisher token (JWT)');
    await expect(stored).toHaveValue('');
    await expect(stored).toHaveAttribute('placeholder', 'Stored — leave empty to keep it');
    expect(await app.content()).not.toContain('pub.jwt.secret');
    await again.getByRole('button', { name: 'Save' }).click(); // empty: keeps the stored token
    await expect(again).toBeHidden();

    const box = app.getByRole('textbox', { name: 'Message for this feed’s server' });
    await box.fill('shipped');
    await box.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
    expect(hub.updates.map((u) => [u.topics, u.data])).toEqual([[['orders'], 'shipped']]);
  } finally {
    await hub.close();
  }
});

test('a publish target that is not usable is said in the server section and nothing is saved', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture().start();
  try {
    await addFeed(harness, `${ntfy.url}/alerts/sse`, { name: 'Alerts' });
    const dialog = await openEditor(app, 'Alerts');
    const section = dialog.getByRole('group', { name: 'Server and talking back' });
    await section.getByLabel('Messages from the composer go to').selectOption({ label: 'Any HTTP endpoint' });
    await expect(section.getByLabel('URL', { exact: true })).toHaveValue(`${ntfy.url}/alerts/sse`);
    await expect(section.getByLabel('Body template')).toHaveValue('{{text}}');
    await section.getByLabel('URL', { exact: true }).fill('ftp://files.example/drop');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('alert')).toHaveText(
      'Check this section: the publish URL (http or https) and the fields its kind needs.',
    );
    await expect(section.getByLabel('Messages from the composer go to')).toHaveAttribute('aria-invalid', 'true');
    expect(harness.core.feeds()[0]!.server).toBeUndefined();
  } finally {
    await ntfy.close();
  }
});
