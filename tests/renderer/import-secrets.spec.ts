/**
 * Issue 13: an export without secrets keeps each secret header's name with an empty value marked "needs a value";
 * the imported feed says which header needs one, and its editor asks for it on that header's row.
 */
import { expect, test } from '../support/renderer-fixtures';

test('a feed imported without its secret asks for the value, and connects once it is entered', async ({ app, sse }) => {
  sse.requireAuth('/locked', 'authorization', 'Bearer tok-7');
  const file = {
    format: 'tidings.feeds',
    version: 1,
    feeds: [
      {
        name: 'Locked',
        url: `${sse.url}/locked`,
        headers: [{ name: 'Authorization', secret: true, value: '', needsValue: true }],
      },
    ],
  };
  await app.getByRole('button', { name: 'Import / export' }).click();
  const transfer = app.getByRole('dialog', { name: 'Import and export feeds' });
  await transfer.getByLabel('Feeds JSON').fill(JSON.stringify(file));
  await transfer.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(transfer.getByRole('status')).toHaveText(/Added 1, skipped 0\./);
  await app.keyboard.press('Escape');

  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Locked/ })
    .click();
  await expect(app.locator('.feed-problem-reason')).toHaveText(
    'The header “Authorization” needs a value: the export left it out. Edit the feed to enter it.',
    { timeout: 5000 },
  );
  expect(sse.requests.filter((r) => r.path === '/locked')).toHaveLength(0); // no 401 loop

  await app.locator('.feed-problem').getByRole('button', { name: 'Edit feed' }).click();
  const editor = app.getByRole('dialog', { name: 'Edit feed' });
  const value = editor.getByLabel('Header 1 value');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByText('Needs a value: the export left it out. Enter it to connect.')).toBeVisible();
  await value.fill('Bearer tok-7');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(app.locator('.view-header .state-label')).toHaveText('Live', { timeout: 5000 });
});
