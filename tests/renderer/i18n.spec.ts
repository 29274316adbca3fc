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

test.describe('dates follow the window language, not the browser’s', () => {
  // The OS/browser speaks Chinese; the window is set to English, then to Chinese.
  test.use({ locale: 'zh-CN', timezoneId: 'UTC' });

  test('quiet hours and search dates are said the window’s way', async ({ app, harness }) => {
    await harness.handlers['tidings:settings:update']({ language: 'en' });
    await app.getByRole('button', { name: 'Settings' }).click();
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Do not disturb').selectOption({ label: 'During quiet hours' });
    const from = dialog.getByLabel('Quiet from');
    await expect(from).toHaveValue('22:00');
    await expect(from).toHaveAccessibleDescription('10:00 PM');
    await from.fill('7:05');
    await expect(from).toHaveAccessibleDescription('7:05 AM');
    await expect.poll(() => harness.core.settings().dnd.quietStart).toBe('07:05');
    await from.fill('25:00');
    await expect(from).toHaveAccessibleDescription('Enter a time as HH:MM (24-hour), e.g. 22:00.');
    expect(harness.core.settings().dnd.quietStart).toBe('07:05');
    await app.keyboard.press('Escape');

    await app.getByRole('button', { name: 'Filters' }).click();
    await app.getByLabel('From').fill('2026-02-03 14:30');
    await expect(app.getByLabel('From')).toHaveAccessibleDescription('Tue, Feb 3, 2026, 02:30 PM');

    await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
    await expect(app.getByLabel('起始')).toHaveAccessibleDescription('2026年2月3日周二 14:30');
    await app.getByRole('button', { name: '设置' }).click();
    await expect(app.getByRole('dialog', { name: '设置' }).getByLabel('静默开始')).toHaveAccessibleDescription('7:05');
  });
});
