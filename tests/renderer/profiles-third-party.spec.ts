/**
 * The composer against the real servers from Debian (as tests/core/third-party starts them): Nchan (nginx +
 * libnginx-mod-nchan) with dispatched `ping` events every second, publishing to its publisher location, and
 * Pushpin through a generic JSON template. A message written in long mode (Ctrl+Enter) is sent from the window,
 * its echo appears exactly once, and Nchan's pings are never stored. Skips visibly where a server is absent.
 */
import { NchanServer, nchanMissing } from '../support/fixtures/nchan';
import { PushpinServer, pushpinMissing } from '../support/fixtures/pushpin';
import { addFeed, expect, rows, test } from '../support/renderer-fixtures';
import type { Page } from '@playwright/test';

async function composeLong(app: Page, feedName: string, lines: string[]): Promise<void> {
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: new RegExp(feedName) })
    .click();
  const box = app.getByRole('textbox', { name: 'Message for this feed’s server' });
  await box.click();
  await box.press('ControlOrMeta+Enter'); // long mode: Enter is a new line now
  await expect(app.getByRole('button', { name: 'Long message' })).toHaveAttribute('aria-pressed', 'true');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await box.press('Enter');
    await box.pressSequentially(line);
  }
  await expect(box).toHaveValue(lines.join('\n'));
  await box.press('ControlOrMeta+Enter');
  await expect(app.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
  await expect(box).toHaveValue('');
}

test.describe('composer against the real Nchan', () => {
  test.skip(nchanMissing !== null, `Nchan not available: ${nchanMissing}`);

  test('long mode sends to the publisher location; the echo appears once, pings never stored', async ({
    app,
    harness,
  }) => {
    const nchan = await new NchanServer().start();
    try {
      await addFeed(harness, `${nchan.url}/subp/room`, {
        name: 'Room',
        profile: 'nchan',
        server: { publish: { kind: 'nchan', url: `${nchan.url}/pub/room` } },
      });
      await expect.poll(() => harness.core.statuses()[0]?.state).toBe('open');
      await composeLong(app, 'Room', ['deploy done', 'all green ✓']);
      const echo = rows(app).filter({ hasText: 'deploy done' });
      await expect(echo).toHaveCount(1);
      await app.waitForTimeout(2500); // two or three pings (`event: ping`, data "ping") pass
      await expect(rows(app)).toHaveCount(1);
      await harness.core.flush();
      const stored = await harness.handlers['tidings:messages:list']({ limit: 50 });
      expect(stored.ok && stored.data.items.map((m) => [m.type, m.data])).toEqual([
        ['message', 'deploy done\nall green ✓'],
      ]);
      await echo.click();
      await expect(app.getByRole('region', { name: 'Message fields' }).getByText('Sent from this app')).toBeVisible();
    } finally {
      await nchan.close();
    }
  });
});

test.describe('composer against the real Pushpin', () => {
  test.skip(pushpinMissing !== null, `Pushpin not available: ${pushpinMissing}`);

  test('a generic JSON template publishes through Pushpin; the echo appears once', async ({ app, harness }) => {
    // Pushpin starts four processes (pushpin, condure, zurl, its proxy); on a loaded machine that alone has taken
    // over 30 s, so the test's own steps keep their usual timeouts and only the whole test gets room.
    test.setTimeout(180_000);
    const pushpin = await new PushpinServer().start();
    try {
      await addFeed(harness, `${pushpin.url}/lobby`, {
        name: 'Lobby',
        server: {
          publish: {
            kind: 'generic',
            method: 'POST',
            url: `${pushpin.controlUrl}/publish/`,
            contentType: 'application/json',
            bodyTemplate:
              '{"items":[{"channel":"lobby","formats":{"http-stream":{"content":"data: {{text}}\\n\\n"}}}]}',
          },
        },
      });
      await expect.poll(() => harness.core.statuses()[0]?.state, { timeout: 15_000 }).toBe('open');
      await app.waitForTimeout(500); // Pushpin subscribes the held request to its channel
      await composeLong(app, 'Lobby', ['hello "lobby"']);
      const echo = rows(app).filter({ hasText: 'hello "lobby"' });
      await expect(echo).toHaveCount(1);
      await app.waitForTimeout(1000);
      await expect(rows(app)).toHaveCount(1);
      // Pushpin's control API answers without an id: the echo is recognised by its text.
      await echo.click();
      await expect(app.getByRole('region', { name: 'Message fields' }).getByText('Sent from this app')).toBeVisible();
    } finally {
      await pushpin.close();
    }
  });
});
