/**
 * "Send a test notification" from the settings and from a feed's editor, by mouse and by keyboard, in English and
 * Chinese: observed through the harness's host (what main's notification service would be asked to show).
 * Screenshots at 1280×800 and 640×420, light and dark → tests/artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addFeedViaUi, expect, test } from '../support/renderer-fixtures';

const OUT = join(__dirname, '../artifacts/screenshots');
mkdirSync(OUT, { recursive: true });

test('settings: a test notification by mouse, then a feed’s by keyboard', async ({ app, harness, sse }) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  const settings = app.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
  expect(harness.notifications).toEqual([
    { title: 'Tidings', body: 'This is a test notification. New messages will look like this.', silent: false },
  ]);
  await app.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  await addFeedViaUi(app, `${sse.url}/events`, 'Orders');
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Orders/ })
    .click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const editor = app.getByRole('dialog', { name: 'Edit feed' });
  const button = editor.getByRole('button', { name: 'Send a test notification' });
  await button.focus();
  await app.keyboard.press('Enter');
  await expect(editor.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
  expect(harness.notifications.at(-1)).toEqual({
    title: 'Orders',
    body: 'This is a test notification. New messages will look like this.',
    silent: false,
  });
  // Sound "None": stored with the feed, and the feed's test notification is silent.
  await editor.getByLabel('Sound').selectOption({ label: 'None (silent)' });
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  expect(harness.core.feeds()[0]!.notify.sound).toBe('none');
  await app.getByRole('button', { name: 'Edit feed' }).click();
  await expect(editor.getByLabel('Sound')).toHaveValue('none');
  await editor.getByRole('button', { name: 'Send a test notification' }).click();
  await expect.poll(() => harness.notifications.length).toBe(3);
  expect(harness.notifications.at(-1)).toMatchObject({ title: 'Orders', silent: true });
  // Adding a feed offers none: there is no feed to notify for yet.
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Add feed' }).first().click();
  await expect(
    app.getByRole('dialog', { name: 'Add feed' }).getByRole('button', { name: 'Send a test notification' }),
  ).toHaveCount(0);
});

test('in Chinese, the notification is in Chinese too', async ({ app, harness }) => {
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await app.getByRole('button', { name: '设置' }).click();
  const settings = app.getByRole('dialog', { name: '设置' });
  await settings.getByRole('button', { name: '发送测试通知' }).click();
  await expect(settings.getByRole('status').filter({ hasText: '已发送' })).toBeVisible();
  expect(harness.notifications).toEqual([
    { title: 'Tidings', body: '这是一条测试通知。新消息会像这样显示。', silent: false },
  ]);
});

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['en', 'zh-CN'] as const) {
    test(`test notification screenshots: ${theme}, ${language}`, async ({ app, harness }) => {
      harness.core.updateSettings({ theme, language });
      await app.reload();
      await expect(app.locator('html')).toHaveAttribute('lang', language);
      await app.getByRole('button', { name: language === 'en' ? 'Settings' : '设置' }).click();
      const settings = app.getByRole('dialog');
      await settings
        .getByRole('button', { name: language === 'en' ? 'Send a test notification' : '发送测试通知' })
        .click();
      await expect(settings.locator('.test-notification [role="status"]')).not.toBeEmpty();
      for (const [w, h] of [
        [1280, 800],
        [640, 420],
      ] as const) {
        await app.setViewportSize({ width: w, height: h });
        await settings.locator('.test-notification').scrollIntoViewIfNeeded();
        expect(await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
        await app.screenshot({ path: join(OUT, `test-notification-${w}x${h}-${theme}-${language}.png`) });
      }
    });
  }
}
