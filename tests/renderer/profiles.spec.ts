/**
 * Server profiles in the window, against the ntfy and Mastodon fixtures: priority shown as an icon with its name,
 * titles with their tags' emoji, keepalives never listed, Mastodon HTML shown as text, attachments listed and not
 * fetched, and the profile the first events revealed kept as the feed's (the editor's Server field shows it).
 */
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import { MastodonFixture } from '../support/fixtures/mastodon';
import { NtfyFixture } from '../support/fixtures/ntfy';
import { addFeed, expect, rows, test } from '../support/renderer-fixtures';

test('an ntfy feed: titles, emoji and priority icons; keepalives never listed; attachment listed, not fetched', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture({ keepaliveMs: 100 }).start();
  try {
    await addFeed(harness, `${ntfy.url}/alerts/sse`, { name: 'Alerts' });
    await ntfy.server.waitForClients(1);
    ntfy.publish('alerts', 'Backup finished', { title: 'Nightly', priority: 2, tags: ['white_check_mark'] });
    ntfy.publish('alerts', 'Disk almost full', {
      title: 'Server',
      priority: 5,
      tags: ['warning', 'db01'],
      attachment: { name: 'df.txt', type: 'text/plain', size: 2048, url: `${ntfy.url}/file/df.txt` },
    });
    await expect(rows(app)).toHaveCount(2);
    await app.waitForTimeout(300); // keepalives keep coming; none is listed
    await expect(rows(app)).toHaveCount(2);
    const urgent = rows(app).filter({ hasText: '⚠️ Server: Disk almost full' });
    await expect(urgent.locator('.priority-mark')).toHaveAttribute('title', 'Urgent');
    await expect(urgent.locator('.priority-mark .visually-hidden')).toHaveText('Urgent');
    const low = rows(app).filter({ hasText: '✅ Nightly: Backup finished' });
    await expect(low.locator('.priority-mark')).toHaveAttribute('title', 'Low priority');

    await urgent.click();
    const fields = app.getByRole('region', { name: 'Message fields' });
    await expect(fields.getByRole('heading', { level: 3 })).toContainText('Server');
    await expect(fields.getByRole('list', { name: 'Tags' })).toHaveText('db01');
    await expect(fields.getByRole('list', { name: 'Attachments' })).toContainText('df.txt');
    await expect(fields.getByRole('list', { name: 'Attachments' })).toContainText('text/plain');
    expect(ntfy.server.requests.filter((r) => r.path.startsWith('/file/'))).toHaveLength(0);

    // The editor shows the profile the first events revealed.
    await expect.poll(() => harness.core.feeds()[0]?.profile).toBe('ntfy');
  } finally {
    await ntfy.close();
  }
});

test('Mastodon HTML is shown as text with its links, never rendered', async ({ app, harness }) => {
  const mastodon = await new MastodonFixture().start();
  let dialogs = 0;
  app.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  try {
    await addFeed(harness, `${mastodon.url}/api/v1/streaming/public`, { name: 'Fediverse' });
    await mastodon.server.waitForClients(1);
    mastodon.emit(
      'update',
      mastodon.status(
        '<p>Hi <a href="https://example.com/x">example.com/x</a> <img src=x onerror=alert(1)><b>bold</b></p>',
      ),
    );
    const row = rows(app).filter({ hasText: 'Alice (@alice): Hi https://example.com/x bold' });
    await expect(row).toBeVisible();
    await row.click();
    const fields = app.getByRole('region', { name: 'Message fields' });
    await expect(fields.locator('.fields-body')).toHaveText('Hi https://example.com/x bold');
    await expect(fields.locator('.fields-body b, .fields-body img')).toHaveCount(0);
    await expect(fields.getByRole('link', { name: 'https://example.com/x' })).toBeVisible();
    expect(dialogs).toBe(0);
  } finally {
    await mastodon.close();
  }
});

test('the composer sends to the feed’s ntfy topic; the echo appears once, marked as sent from this app', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture().start();
  try {
    await addFeed(harness, `${ntfy.url}/chat/sse`, { name: 'Chat' });
    await ntfy.server.waitForClients(1);
    await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Chat/ }).click();
    const box = app.getByRole('textbox', { name: 'Message for this feed’s server' });
    await box.fill('first line');
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    await expect(box).toHaveValue('first line\nsecond line');
    await box.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
    await expect(box).toHaveValue('');
    expect(ntfy.messages.map((m) => m.message)).toEqual(['first line\nsecond line']);
    const row = rows(app).filter({ hasText: 'first line' }); // a summary is the first line
    await expect(row).toHaveCount(1);
    await app.waitForTimeout(300);
    await expect(rows(app)).toHaveCount(1); // the echo only, never a local copy as well
    await row.click();
    await expect(app.getByRole('region', { name: 'Message fields' }).getByText('Sent from this app')).toBeVisible();
  } finally {
    await ntfy.close();
  }
});

test('in long mode an ntfy feed’s message can have its own title and priority; other targets offer neither', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture().start();
  try {
    const added = await addFeed(harness, `${ntfy.url}/ops/sse`, { name: 'Ops', profile: 'ntfy' });
    await ntfy.server.waitForClients(1);
    await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Ops/ }).click();
    const composer = app.getByRole('form', { name: 'Message for this feed’s server' });
    const box = composer.getByRole('textbox', { name: 'Message for this feed’s server' });
    await expect(composer.getByLabel('Title')).toHaveCount(0); // short mode stays one line
    await box.press('ControlOrMeta+Enter');
    await composer.getByLabel('Title').fill('Disk full');
    await composer.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await box.fill('on db-3');
    await box.press('ControlOrMeta+Enter');
    await expect(composer.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
    expect(ntfy.messages.map((m) => [m.message, m.title, m.priority])).toEqual([['on db-3', 'Disk full', 5]]);
    await expect(rows(app).filter({ hasText: 'Disk full' })).toHaveCount(1);
    // Sent: the title and priority are the next message's to choose again.
    await expect(composer.getByLabel('Title')).toHaveValue('');
    await expect(composer.getByLabel('Priority')).toHaveValue('');

    // A feed that publishes elsewhere (here: a generic template) has no title or priority to offer.
    const other = await harness.handlers['tidings:feeds:update']({
      id: added.id,
      input: {
        ...defaultFeedInput(`${ntfy.url}/ops/sse`),
        name: 'Ops',
        profile: 'ntfy',
        server: {
          publish: {
            kind: 'generic',
            method: 'POST',
            url: `${ntfy.url}/ops`,
            contentType: 'text/plain',
            bodyTemplate: '{{text}}',
          },
        },
      },
    });
    if (!other.ok) throw new Error(other.error.message);
    await expect(composer.getByLabel('Title')).toHaveCount(0);
    await expect(composer.getByRole('button', { name: 'Long message' })).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await ntfy.close();
  }
});

test('priority is filterable: the list keeps what is at least the chosen priority, live messages too', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture().start();
  try {
    await addFeed(harness, `${ntfy.url}/ops/sse`, { name: 'Ops' });
    await ntfy.server.waitForClients(1);
    ntfy.publish('ops', 'low one', { title: 'Low', priority: 2 });
    ntfy.publish('ops', 'plain one', { title: 'Plain' });
    ntfy.publish('ops', 'urgent one', { title: 'Fire', priority: 5 });
    await expect(rows(app)).toHaveCount(3);

    await app.getByRole('button', { name: 'Filters' }).click();
    const priority = app.getByRole('combobox', { name: 'Priority' });
    await priority.selectOption({ label: 'High and urgent' });
    await expect(rows(app)).toHaveCount(1);
    await expect(rows(app).first()).toContainText('Fire');
    await expect(rows(app).first().locator('.priority-mark')).toHaveAttribute('title', 'Urgent');

    ntfy.publish('ops', 'high one', { title: 'Hot', priority: 4 });
    ntfy.publish('ops', 'min one', { title: 'Quiet', priority: 1 });
    await expect(rows(app).filter({ hasText: 'Hot' })).toHaveCount(1);
    await app.waitForTimeout(300);
    await expect(rows(app)).toHaveCount(2);
    await expect(rows(app).filter({ hasText: 'Quiet' })).toHaveCount(0);

    await priority.selectOption({ label: 'Default and above' });
    await expect(rows(app)).toHaveCount(3); // Plain states none: counts as default
    await priority.selectOption({ label: 'Any priority' });
    await expect(rows(app)).toHaveCount(5);
  } finally {
    await ntfy.close();
  }
});

test('diagnostics show the profile at work and the control events it kept out of the list', async ({
  app,
  harness,
}) => {
  const ntfy = await new NtfyFixture({ keepaliveMs: 100 }).start();
  try {
    await addFeed(harness, `${ntfy.url}/alerts/sse`, { name: 'Alerts' });
    await ntfy.server.waitForClients(1);
    ntfy.publish('alerts', 'one message', { title: 'One' });
    await expect(rows(app)).toHaveCount(1);
    await app
      .getByRole('navigation', { name: 'Feeds' })
      .getByRole('button', { name: /Alerts/ })
      .click();
    await app.getByRole('button', { name: 'Diagnostics' }).click();
    const dialog = app.getByRole('dialog', { name: 'Diagnostics — Alerts' });
    const profile = dialog.locator('.diag-counters div').filter({ hasText: 'Server profile' });
    await expect(profile.locator('dd')).toHaveText('ntfy');
    const control = dialog.locator('.diag-counters div').filter({ hasText: 'Control events' });
    // `open` plus keepalives every 100 ms: the count grows while the list keeps its one message.
    await expect.poll(async () => Number((await control.locator('dd').innerText()).split(' ')[0])).toBeGreaterThan(3);
    await expect(rows(app)).toHaveCount(1);
  } finally {
    await ntfy.close();
  }
});
