/**
 * Screenshots of the detail pane with actions and attachments, an http action's confirmation, and the feed
 * editor's server section, the composer in long mode — light and dark, English and Chinese, at 640×420 and 1280×800 →
 * tests/artifacts/screenshots/profiles-*.png. Also checks the window does not scroll sideways in any of them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NtfyFixture } from '../support/fixtures/ntfy';
import { addFeed, expect, rows, test } from '../support/renderer-fixtures';

const OUT = join(__dirname, '../artifacts/screenshots');
mkdirSync(OUT, { recursive: true });

const sizes = [
  { width: 1280, height: 800 },
  { width: 640, height: 420 },
] as const;

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['en', 'zh-CN'] as const) {
    test(`profile screenshots: ${theme}, ${language}`, async ({ app, harness }) => {
      test.setTimeout(60_000);
      const zh = language === 'zh-CN';
      const ntfy = await new NtfyFixture().start();
      try {
        harness.core.updateSettings({ theme, language });
        await app.reload();
        await expect(app.locator('html')).toHaveAttribute('lang', language);
        const added = await addFeed(harness, `${ntfy.url}/door/sse`, { name: zh ? '门铃' : 'Door', profile: 'ntfy' });
        await ntfy.server.waitForClients(1);
        ntfy.publish('door', zh ? '有人按了门铃' : 'Someone is at the front door', {
          title: zh ? '门铃' : 'Doorbell',
          priority: 4,
          tags: ['bell', 'front'],
          actions: [
            { action: 'view', label: zh ? '摄像头' : 'Camera', url: 'https://cam.example/live' },
            { action: 'http', label: zh ? '开门' : 'Open door', url: `${ntfy.url}/v1/door/open`, method: 'PUT' },
          ],
          attachment: {
            name: 'front-door-2026-12-01.jpg',
            type: 'image/jpeg',
            size: 254_321,
            url: `${ntfy.url}/file/front.jpg`,
          },
        });
        const shot = async (view: string, width: number) => {
          const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${view} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
          await app.screenshot({ path: join(OUT, `profiles-${view}-${theme}-${language}-${width}.png`) });
        };
        await expect(rows(app)).toHaveCount(1);
        await app.locator(`[data-feed-id="${added.id}"]`).click();
        for (const size of sizes) {
          await app.setViewportSize(size);
          await rows(app).first().click();
          await expect(app.locator('.fields-attachments')).toBeVisible();
          await shot('detail', size.width);
          await app
            .locator('.fields-actions')
            .getByRole('button', { name: zh ? '开门' : 'Open door' })
            .click();
          await expect(app.locator('[data-dialog="http-action"]')).toBeVisible();
          await shot('action', size.width);
          await app.keyboard.press('Escape');
          await expect(app.locator('[data-dialog="http-action"]')).toBeHidden();
          await app.locator('.detail .icon-button').first().click(); // close the message: the list comes back
          await expect(app.locator('.fields-attachments')).toBeHidden();
          await app.getByRole('button', { name: zh ? '编辑订阅源' : 'Edit feed' }).click();
          const editor = app.locator('[data-dialog="feed-editor"]');
          await expect(editor).toBeVisible();
          await editor.locator('.server-section select').nth(1).selectOption('mercure');
          await editor.locator('.server-section').scrollIntoViewIfNeeded();
          await shot('editor', size.width);
          await app.keyboard.press('Escape');
          await expect(editor).toBeHidden();
          // The composer in long mode: this ntfy feed's message may have its own title and priority.
          const composer = app.locator('form.composer');
          if (!(await composer.evaluate((form) => form.classList.contains('long'))))
            await composer.locator('button[aria-pressed]').click();
          await composer.locator('.composer-options input').fill(zh ? '快递到了' : 'Parcel delivered');
          await composer.locator('.composer-options select').selectOption('4');
          await composer.locator('textarea').fill(zh ? '放在门口了' : 'Left at the door');
          await shot('composer', size.width);
        }
        expect(ntfy.server.requests.filter((r) => r.method !== 'GET' || !r.path.endsWith('/sse'))).toHaveLength(0);
      } finally {
        await ntfy.close();
      }
    });
  }
}
