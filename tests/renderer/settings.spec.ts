import { expect, test } from '../support/renderer-fixtures';
import { startHarness } from '../support/web-harness/index';

test('settings are persisted through main and survive a reload and a restart', async ({
  app,
  harness,
  page,
  browser,
}) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Do not disturb').selectOption({ label: 'During quiet hours' });
  await dialog.getByLabel('Quiet from').fill('21:30');
  await dialog.getByLabel('Digest threshold').fill('12');
  await dialog.getByLabel('Digest threshold').press('Enter');
  await dialog.getByRole('switch', { name: 'Start Tidings when I sign in' }).check();
  await dialog.getByRole('switch', { name: 'Keep running in the tray when the window is closed' }).uncheck();
  await dialog.getByLabel('Messages kept per feed').fill('5000');
  await dialog.getByLabel('Messages kept per feed').blur();
  await dialog.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await expect
    .poll(() => harness.core.settings())
    .toMatchObject({
      dnd: { mode: 'quiet-hours', quietStart: '21:30' },
      digestThreshold: 12,
      startAtLogin: true,
      closeToTray: false,
      retention: { maxPerFeed: 5000 },
      theme: 'dark',
    });
  // Settings outside core (start at login) reach the host.
  expect(harness.appliedSettings.at(-1)?.startAtLogin).toBe(true);

  await page.reload();
  await expect(page.locator('.app[data-sync="ready"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  const again = page.getByRole('dialog', { name: 'Settings' });
  await expect(again.getByLabel('Do not disturb')).toHaveValue('quiet-hours');
  await expect(again.getByLabel('Quiet from')).toHaveValue('21:30');
  await expect(again.getByLabel('Digest threshold')).toHaveValue('12');
  await expect(again.getByRole('switch', { name: 'Start Tidings when I sign in' })).toBeChecked();
  await expect(
    again.getByRole('switch', { name: 'Keep running in the tray when the window is closed' }),
  ).not.toBeChecked();

  // A new core on the same database folder reads them back.
  const dataDir = harness.dataDir;
  const second = await startHarness({ dataDir });
  try {
    const other = await browser.newPage();
    await other.goto(second.url);
    await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(second.core.settings().digestThreshold).toBe(12);
    await other.close();
  } finally {
    await second.close();
  }
});

test('do not disturb for one hour sets an end time', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  const before = Date.now();
  await dialog.getByLabel('Do not disturb').selectOption({ label: 'For 1 hour' });
  await expect.poll(() => harness.core.settings().dnd.mode).toBe('until');
  const until = harness.core.settings().dnd.until!;
  expect(until).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
  expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
  await expect(dialog.getByLabel('Do not disturb')).toHaveValue('until');
  await expect(dialog.getByLabel('Do not disturb').locator('option:checked')).toHaveText(/^On until /);
});

test('theme "system" follows the OS colour scheme; light and dark override it', async ({ app, harness, page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await expect.poll(background).toBe('rgb(23, 25, 29)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Theme').selectOption('dark');
  await expect.poll(background).toBe('rgb(23, 25, 29)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Theme').selectOption('light');
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await expect.poll(() => harness.core.settings().theme).toBe('light');
});

test('the sidebar shows do-not-disturb and snoozes notifications in one click', async ({ app, harness }) => {
  const dnd = app.locator('.dnd-status');
  await expect(dnd).toContainText('Snooze');
  await dnd.getByRole('button', { name: '1 hour' }).click();
  await expect(dnd).toContainText('Do not disturb until');
  await expect.poll(() => harness.core.settings().dnd.until).not.toBeNull();
  const until = harness.core.settings().dnd.until!;
  expect(until - Date.now()).toBeGreaterThan(59 * 60_000);
  expect(until - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  await dnd.getByRole('button', { name: 'Turn off' }).click();
  await expect(dnd).toContainText('Snooze');
  // The control changes at once (optimistic); the core has it when its answer comes.
  await expect.poll(() => harness.core.settings().dnd.mode).toBe('off');
  await dnd.getByRole('button', { name: 'Until tomorrow' }).click();
  await expect.poll(() => new Date(harness.core.settings().dnd.until ?? 0).getHours()).toBe(8);
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(dnd).toContainText('勿扰至');
});
