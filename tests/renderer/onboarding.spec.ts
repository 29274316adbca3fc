/**
 * Onboarding: "Try a demo feed" on the empty desk subscribes to main's built-in demo stream (a real loopback
 * server started on demand by the core behind the harness) by mouse and by keyboard, in English and Chinese.
 * Screenshots of the empty desk and the demo feed at 1280×800 and 640×420, light and dark → tests/artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoPortOf } from '../../electron/main/core/demo/demo-stream';
import { expect, rows, test } from '../support/renderer-fixtures';

const OUT = join(__dirname, '../artifacts/screenshots');
mkdirSync(OUT, { recursive: true });

test.use({ harnessOptions: { core: { demo: { intervals: { notify: 300, orders: 300, ticker: 300 } } } } });

test('"Try a demo feed" by mouse subscribes to the built-in demo stream and shows its messages', async ({
  app,
  harness,
}) => {
  await expect(app.getByText('no network needed')).toBeVisible();
  await app.getByRole('button', { name: 'Try a demo feed' }).click();
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  await expect(nav.getByRole('button', { name: /Tidings demo/ })).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Tidings demo');
  const feeds = harness.core.feeds();
  expect(feeds).toHaveLength(1);
  expect(demoPortOf(feeds[0]!.url)).not.toBeNull();
  // The demo's JSON notifications arrive and are summarised from their title and message.
  await expect(rows(app).first()).toContainText(/Build finished|Deploy started|New comment|Backup complete|Disk/, {
    timeout: 5000,
  });
  await expect(rows(app).nth(1)).toBeVisible({ timeout: 5000 });
  await expect(app.getByRole('button', { name: 'Try a demo feed' })).toBeHidden();
});

test('"Try a demo feed" by keyboard, in Chinese', async ({ app, harness }) => {
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const button = app.getByRole('button', { name: '试用演示订阅源' });
  await expect(button).toBeVisible();
  await button.focus();
  await expect(button).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('navigation').getByRole('button', { name: /Tidings 演示/ })).toBeVisible();
  await expect(rows(app).first()).toBeVisible({ timeout: 5000 });
  expect(harness.core.feeds().map((f) => f.name)).toEqual(['Tidings 演示']);
});

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['en', 'zh-CN'] as const) {
    test(`onboarding screenshots: ${theme}, ${language}`, async ({ app, harness }) => {
      harness.core.updateSettings({ theme, language });
      await app.reload();
      await expect(app.locator('html')).toHaveAttribute('lang', language);
      const demo = app.getByRole('button', { name: language === 'en' ? 'Try a demo feed' : '试用演示订阅源' });
      for (const [w, h] of [
        [1280, 800],
        [640, 420],
      ] as const) {
        await app.setViewportSize({ width: w, height: h });
        await expect(demo).toBeInViewport();
        expect(await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
        await app.screenshot({ path: join(OUT, `onboarding-empty-${w}x${h}-${theme}-${language}.png`) });
      }
      await demo.click();
      await expect(rows(app).nth(1)).toBeVisible({ timeout: 5000 });
      for (const [w, h] of [
        [1280, 800],
        [640, 420],
      ] as const) {
        await app.setViewportSize({ width: w, height: h });
        await app.screenshot({ path: join(OUT, `onboarding-demo-${w}x${h}-${theme}-${language}.png`) });
      }
    });
  }
}
