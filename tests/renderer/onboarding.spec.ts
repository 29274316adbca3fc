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

test('Test connection by mouse shows the status, the response headers and the first events, and saves nothing', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/orders', {
    kind: 'raw',
    chunks: ['event: newOrder\nid: o-1\ndata: {"orderId":1001,"item":"green tea"}\n\n', 'data: second\n\n'],
    end: false,
  });
  await app.getByRole('button', { name: 'Add feed' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Add feed' });
  await dialog.getByLabel('Feed URL').fill(`${sse.url}/orders`);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const result = dialog.getByRole('status', { name: 'Connection test' });
  await expect(result).toContainText('It works: an event stream, and its first 2 events arrived.', { timeout: 8000 });
  await expect(result.getByRole('heading', { name: 'Response: HTTP 200' })).toBeVisible();
  await expect(result.locator('dt', { hasText: 'content-type' })).toBeVisible();
  await expect(result.locator('dd', { hasText: 'text/event-stream' })).toBeVisible();
  await expect(result.getByRole('listitem').first()).toContainText('newOrder');
  await expect(result.getByRole('listitem').first()).toContainText('id o-1');
  await expect(result.getByRole('listitem').first()).toContainText('"item":"green tea"');
  await expect(result.getByRole('listitem').nth(1)).toContainText('second');
  expect(sse.requests.at(-1)!.headers.accept).toBe('text/event-stream');
  expect(harness.core.feeds()).toHaveLength(0);
  expect(harness.invokes.filter((i) => i.channel === 'tidings:feeds:add')).toHaveLength(0);
  // The dialog stays open to save what was tested.
  await dialog.getByRole('button', { name: 'Add feed' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.core.feeds()).toHaveLength(1);
});

test('Test connection by keyboard, in Chinese, says why a feed would not work', async ({ app, harness, sse }) => {
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  sse.setFault('/private', { kind: 'status', status: 401 });
  await app.getByRole('button', { name: '添加订阅源' }).first().click();
  const dialog = app.getByRole('dialog');
  await dialog.locator('input[type="url"]').fill(`${sse.url}/private`);
  const button = dialog.getByRole('button', { name: '测试连接' });
  await button.focus();
  await app.keyboard.press('Enter');
  const result = dialog.getByRole('status', { name: '连接测试' });
  await expect(result).toContainText('无法使用：', { timeout: 8000 });
  await expect(result).toContainText('401');
  await expect(result.getByRole('heading', { name: '响应：HTTP 401' })).toBeVisible();
  expect(harness.core.feeds()).toHaveLength(0);
});

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['en', 'zh-CN'] as const) {
    test(`onboarding screenshots: ${theme}, ${language}`, async ({ app, harness, sse }) => {
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

      // Test connection in Add feed, at both sizes.
      sse.setFault('/orders', {
        kind: 'raw',
        chunks: ['event: newOrder\nid: o-1\ndata: {"orderId":1001,"item":"green tea","quantity":2}\n\n'],
        end: false,
      });
      await app.setViewportSize({ width: 1280, height: 800 });
      await app
        .getByRole('button', { name: language === 'en' ? 'Add feed' : '添加订阅源' })
        .first()
        .click();
      const dialog = app.getByRole('dialog');
      await dialog.locator('input[type="url"]').fill(`${sse.url}/orders`);
      await dialog.getByRole('button', { name: language === 'en' ? 'Test connection' : '测试连接' }).click();
      await expect(dialog.locator('.conn-test[data-ok="true"]')).toBeVisible({ timeout: 8000 });
      await expect(dialog.locator('.conn-test-events li')).toHaveCount(1);
      for (const [w, h] of [
        [1280, 800],
        [640, 420],
      ] as const) {
        await app.setViewportSize({ width: w, height: h });
        await dialog.locator('.conn-test').scrollIntoViewIfNeeded();
        expect(await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
        await app.screenshot({ path: join(OUT, `onboarding-test-connection-${w}x${h}-${theme}-${language}.png`) });
      }
    });
  }
}
