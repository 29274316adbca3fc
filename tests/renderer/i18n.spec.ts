import { expect, liveFeed, test } from '../support/renderer-fixtures';

test('switching to 简体中文 translates the whole window and persists', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse, '/events', 'Events');
  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
  const dialog = app.getByRole('dialog', { name: '设置' });
  await expect(dialog).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(app.getByRole('navigation', { name: '订阅源' })).toBeVisible();
  await expect(app.getByRole('button', { name: '全部消息' })).toBeVisible();
  await expect(app.getByRole('searchbox', { name: '搜索消息' })).toHaveAttribute('placeholder', '搜索全部消息');
  await expect(app.getByRole('navigation', { name: '订阅源' }).getByText('已连接')).toBeAttached();
  // No English UI words left in the chrome of the window.
  const text = (await app.locator('.sidebar, .view-header, .search-bar, .detail').allInnerTexts()).join('\n');
  for (const word of ['All messages', 'Add feed', 'Settings', 'Search', 'Filters', 'No message selected']) {
    expect(text).not.toContain(word);
  }
  expect(harness.core.settings().language).toBe('zh-CN');
  await app.reload();
  await expect(app.getByRole('button', { name: '全部消息' })).toBeVisible();
});

test.describe('system language', () => {
  test.use({ harnessOptions: { systemLocale: 'zh-Hans-CN' } });
  test('the "system" language follows the OS locale from the snapshot', async ({ app }) => {
    await expect(app.getByRole('button', { name: '添加订阅源' }).first()).toBeVisible();
    await expect(app.getByText('欢迎使用 Tidings')).toBeVisible();
  });
});

test.describe('system language (English)', () => {
  test.use({ harnessOptions: { systemLocale: 'en-GB' } });
  test('an English OS locale gives English', async ({ app }) => {
    await expect(app.getByText('Welcome to Tidings')).toBeVisible();
  });
});
