/** The feed editor's trusted CA field: checked as PEM before saving, saved with the feed, shown again on edit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addFeedViaUi, expect, test } from '../support/renderer-fixtures';

const TEST_CA = readFileSync(join(__dirname, '../core/feeds/fixtures/test-ca.crt'), 'utf8').trim();

test('a private CA certificate is checked, saved with the feed and shown again', async ({ app, sse, harness }) => {
  await addFeedViaUi(app, `${sse.url}/events`, 'Self-hosted');
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Self-hosted/ })
    .click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit feed' });
  const ca = dialog.getByLabel('Trusted CA certificate (optional)');
  await ca.fill('not a certificate');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(ca).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/Paste a certificate in PEM form/)).toBeVisible();
  expect(harness.core.feeds()[0]!.trustedCa).toBeUndefined();

  await ca.fill(TEST_CA);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.core.feeds()[0]!.trustedCa).toBe(TEST_CA);
  await app.getByRole('button', { name: 'Edit feed' }).click();
  await expect(dialog.getByLabel('Trusted CA certificate (optional)')).toHaveValue(TEST_CA);
});
