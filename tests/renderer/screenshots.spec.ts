/**
 * Screenshots of the main views in light and dark, English and Chinese → tests/artifacts/screenshots/.
 * Also checks the basics a screenshot can hide: no horizontal overflow in the window, visible focus ring.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';

const OUT = join(__dirname, '../artifacts/screenshots');
mkdirSync(OUT, { recursive: true });

const combos = [
  { theme: 'light', language: 'en' },
  { theme: 'dark', language: 'en' },
  { theme: 'light', language: 'zh-CN' },
  { theme: 'dark', language: 'zh-CN' },
] as const;

for (const { theme, language } of combos) {
  test(`screenshots: ${theme}, ${language}`, async ({ app, harness, sse }) => {
    const shot = (view: string) => app.screenshot({ path: join(OUT, `${view}-${theme}-${language}.png`) });
    harness.core.updateSettings({ theme, language });
    await app.reload();
    await expect(app.locator('.app[data-sync="ready"]')).toBeVisible();
    await expect(app.locator('html')).toHaveAttribute('lang', language);
    await shot('welcome');

    const zh = language === 'zh-CN';
    await liveFeed(app, harness, sse, '/orders', zh ? '订单' : 'Orders');
    await liveFeed(app, harness, sse, '/deploys', zh ? '部署' : 'Deploys');
    await liveFeed(app, harness, sse, '/ticker', zh ? '行情' : 'Ticker', {
      notify: { mode: 'off', types: [], include: [], exclude: [] },
    });
    for (let i = 1; i <= 12; i++) {
      sse.send(
        { id: `t-${i}`, data: `BTC ${(64000 + i * 17.5).toFixed(2)} · ETH ${(3100 + i * 3.1).toFixed(2)}` },
        '/ticker',
      );
      if (i % 3 === 0)
        sse.send(
          {
            id: `o-${i}`,
            event: 'newOrder',
            data: JSON.stringify({
              title: zh ? `新订单 #${1000 + i}：拿铁 ×${i}` : `Order #${1000 + i}: ${i} × flat white`,
              total: i * 4.5,
              customer: { name: 'Ada', tier: 'gold' },
              items: [{ sku: 'FW-1', qty: i }],
              link: 'https://shop.example.com/orders/' + (1000 + i),
            }),
          },
          '/orders',
        );
      if (i % 4 === 0)
        sse.send(
          {
            id: `d-${i}`,
            event: 'deploy',
            data: JSON.stringify({
              message: zh ? `api-gateway 已部署到生产环境（v2.${i}）` : `api-gateway v2.${i} deployed to production`,
              ok: true,
            }),
          },
          '/deploys',
        );
    }
    await expect(rows(app)).toHaveCount(19);
    await rows(app).filter({ hasText: '#1009' }).click();
    await expect(app.locator('.detail .json-view')).toBeVisible();
    await app.getByRole('listbox').focus();
    await app.keyboard.press('s');
    await expect(rows(app).filter({ hasText: '#1009' }).locator('.row-star')).toBeVisible();
    await shot('main');

    // The context menu on a row.
    await rows(app).nth(2).click({ button: 'right' });
    await expect(app.getByRole('menu')).toBeVisible();
    await shot('menu');
    await app.keyboard.press('Escape');

    // The smallest window: the open message covers the list; Esc brings the list back.
    await app.setViewportSize({ width: 640, height: 420 });
    await shot('small-detail');
    await app.keyboard.press('Escape');
    await shot('small-list');
    expect(await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await app.setViewportSize({ width: 1280, height: 800 });
    await rows(app).filter({ hasText: '#1009' }).click();

    const overflow = await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    // A narrow window: the detail pane shares the space; nothing spills over.
    await app.setViewportSize({ width: 900, height: 640 });
    await shot('main-narrow');
    expect(await app.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await app.setViewportSize({ width: 1280, height: 800 });

    await app.locator('[data-feed-id]').nth(1).click();
    await app.locator('.view-actions .button').nth(3).click();
    await expect(app.locator('[data-dialog="feed-editor"]')).toBeVisible();
    await app.locator('[data-dialog="feed-editor"] .fieldset .button.small').click();
    await shot('feed-editor');
    await app.keyboard.press('Escape');

    await app.locator('.view-actions .button').nth(2).click();
    await expect(app.locator('[data-dialog="diagnostics"] .frame').first()).toBeVisible();
    await shot('diagnostics');
    // The inspector's last request, headers open (secrets masked), in the small window too.
    for (const summary of await app.locator('[data-dialog="diagnostics"] .diag-headers summary').all()) {
      await summary.click();
    }
    await app.locator('[data-dialog="diagnostics"] .diag-exchange').scrollIntoViewIfNeeded();
    await shot('diagnostics-exchange');
    await app.setViewportSize({ width: 640, height: 420 });
    await shot('small-diagnostics');
    await app.setViewportSize({ width: 1280, height: 800 });
    await app.keyboard.press('Escape');

    // A feed's sidebar menu; the editor's "In the list" with a colour chosen, small and large.
    await app.locator('.sidebar [data-feed-id]').nth(1).click({ button: 'right' });
    await expect(app.getByRole('menu')).toBeVisible();
    await shot('feed-menu');
    await app.keyboard.press('Escape');
    await app.locator('.view-actions .button').nth(3).click();
    const editor = app.locator('[data-dialog="feed-editor"]');
    await editor.locator('.colour-choice input').nth(3).check();
    await editor.locator('.colour-picker').focus();
    await shot('feed-editor-list');
    await app.setViewportSize({ width: 640, height: 420 });
    await shot('small-feed-editor');
    await app.setViewportSize({ width: 1280, height: 800 });
    await app.keyboard.press('Escape');

    // Who paused: the banner after sleep, in the large and the small window.
    harness.core.pauseAll('sleep');
    await expect(app.locator('.paused-banner')).toBeVisible();
    await shot('paused-sleep');
    await app.setViewportSize({ width: 640, height: 420 });
    await app.keyboard.press('Escape'); // the list, not the open message, in the small window
    await expect(app.locator('.paused-banner')).toBeVisible();
    await shot('small-paused-sleep');
    await app.setViewportSize({ width: 1280, height: 800 });
    harness.core.resumeAll();
    await expect(app.locator('.paused-banner')).toHaveCount(0, { timeout: 10_000 });

    await app.locator('.sidebar-footer .nav-item').nth(1).click();
    await expect(app.locator('[data-dialog="settings"]')).toBeVisible();
    await shot('settings');
    await app.keyboard.press('Escape');

    await app.locator('[data-feed-id=""]').click();
    await app.getByRole('searchbox').fill('api');
    await app.getByRole('searchbox').press('Enter');
    await expect(app.locator('.row mark').first()).toBeVisible();
    await shot('search');
  });
}
