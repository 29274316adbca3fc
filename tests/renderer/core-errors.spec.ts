/**
 * No English sentence from core reaches the window in 简体中文: stop reasons, the diagnostics' last error, import
 * errors and a duplicate URL are all said from core's language-neutral reasons and problems, in the window's
 * language, each where it belongs (the duplicate URL on the URL field).
 */
import type { Locator, Page } from '@playwright/test';
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import type { Harness } from '../support/web-harness/index';
import { expect, test } from '../support/renderer-fixtures';

/** Adds a feed through core and selects it in the sidebar, whatever the window's language. */
async function addFeedAndSelect(app: Page, harness: Harness, url: string, name: string): Promise<void> {
  const result = await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(url), name });
  expect(result.ok).toBe(true);
  await app
    .getByRole('navigation')
    .getByRole('button', { name: new RegExp(name) })
    .click();
}

/** Three or more English words in a row: a sentence core wrote, not a URL, a status code or a header name. */
const ASCII_SENTENCE = /[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}/;

async function expectNoEnglish(where: Locator): Promise<void> {
  const text = (await where.innerText()).replace(/https?:\/\/\S+/g, '');
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text.match(ASCII_SENTENCE)?.[0] ?? null, text).toBeNull();
}

test('in 简体中文, a 404 feed, a text/html feed, an invalid import file and a duplicate URL are all said in Chinese', async ({
  app,
  harness,
  sse,
}) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
  await app.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '关闭' }).click();

  // A feed not found: its reason, and the diagnostics' state, reason and last error.
  sse.setFault('/gone', { kind: 'status', status: 404 });
  await addFeedAndSelect(app, harness, `${sse.url}/gone`, 'Gone');
  await expect(app.locator('.feed-problem-reason')).toHaveText('服务器上找不到该订阅源。', { timeout: 5000 });
  await app.getByRole('button', { name: '诊断' }).click();
  let dialog = app.getByRole('dialog', { name: /诊断/ });
  await expect(dialog.locator('.diag-reason')).toHaveText('服务器上找不到该订阅源。');
  await expect(dialog.locator('.diag-error')).toHaveText('服务器上找不到该订阅源。');
  await expectNoEnglish(dialog);
  await app.keyboard.press('Escape');

  // Not an event stream.
  sse.setFault('/page', { kind: 'content-type', contentType: 'text/html; charset=utf-8' });
  await addFeedAndSelect(app, harness, `${sse.url}/page`, 'Page');
  await expect(app.locator('.feed-problem-reason')).toHaveText('这不是事件流：服务器返回的是 text/html。', {
    timeout: 5000,
  });
  await app.getByRole('button', { name: '诊断' }).click();
  dialog = app.getByRole('dialog', { name: /诊断/ });
  await expect(dialog.locator('.diag-error')).toHaveText('这不是事件流：服务器返回的是 text/html。');
  await expectNoEnglish(dialog);
  await app.keyboard.press('Escape');

  // An import file that is not JSON, then one with an invalid feed.
  await app.getByRole('button', { name: '导入 / 导出' }).click();
  dialog = app.getByRole('dialog', { name: '导入和导出订阅源' });
  await dialog.getByLabel('订阅源 JSON').fill('{"feeds": [ oops');
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('该文件不是有效的 JSON。');
  await expectNoEnglish(dialog);
  await dialog.getByLabel('订阅源 JSON').fill(JSON.stringify({ feeds: [{ url: 'ftp://example.test/feed' }] }));
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('请输入有效的 http:// 或 https:// 网址。');
  await expectNoEnglish(dialog);
  await app.keyboard.press('Escape');

  // A URL already subscribed: said on the URL field, naming the feed that has it.
  await app.getByRole('button', { name: '添加订阅源' }).last().click();
  dialog = app.getByRole('dialog', { name: '添加订阅源' });
  await dialog.getByLabel('订阅源地址').fill(`${sse.url}/gone`);
  await dialog.getByRole('button', { name: '添加', exact: true }).click();
  const urlField = dialog.getByLabel('订阅源地址');
  await expect(urlField).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('.field-error').first()).toHaveText('你已经订阅了这个网址（“Gone”）。');
  await expectNoEnglish(dialog);
});
