/**
 * Large events: list pages and pushes carry only a preview of the data; the detail view fetches the whole
 * message (messages:get), shows a loading state, handles a failure with a retry, and then shows the end.
 */
import type { Route } from '@playwright/test';
import type { Message } from '../../shared/domain';
import { invoke } from '../../shared/ipc/channels';
import { formatBytes } from '../../renderer/src/lib/format';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';

const isGet = (url: URL) => decodeURIComponent(url.pathname).endsWith(`/api/invoke/${invoke.messagesGet}`);

test('a large event: the list holds a preview, the detail loads the whole message and shows its end', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  const data = JSON.stringify({ title: 'Quarterly dump', blob: 'q'.repeat(900_000), end: 'TAIL-MARKER-尾声' });
  const size = Buffer.byteLength(data, 'utf8');

  // Hold the first fetch of the whole message, make it fail, then let the retry through.
  const held: Route[] = [];
  await app.route(isGet, (route) => {
    held.push(route);
  });

  sse.send({ id: 'big-1', event: 'dump', data });
  sse.send({ id: 'small-1', data: 'small neighbour' });
  const row = rows(app).filter({ hasText: 'Quarterly dump' });
  await expect(row).toBeVisible();
  await expect(rows(app).filter({ hasText: 'TAIL-MARKER' })).toHaveCount(0);
  // The pushed message is a preview: the list never received the whole 900 KB.
  const listed = (await harness.handlers[invoke.messagesList]({ limit: 10 })) as {
    ok: true;
    data: { items: Message[] };
  };
  const bigListed = listed.data.items.find((m) => m.eventId === 'big-1')!;
  expect(bigListed.preview).toBe(true);
  expect(bigListed.data.length).toBeLessThanOrEqual(8192);

  await row.click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.getByRole('status')).toHaveText(`Loading the whole message (${formatBytes(size, 'en')})…`);
  await expect(detail.locator('dd').nth(4)).toHaveText(formatBytes(size, 'en'));
  await expect(detail.getByRole('button', { name: 'Copy data' })).toBeDisabled();
  await expect(detail.getByText('TAIL-MARKER-尾声')).toHaveCount(0);
  await expect.poll(() => held.length).toBe(1);
  await held[0]!.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({
      ok: false,
      error: { code: 'internal', problem: { kind: 'internal', what: 'get message' }, message: 'Disk on fire.' },
    }),
  });
  // Said from the problem in the window's language; core's English message stays in the log.
  await expect(detail.getByRole('alert')).toContainText(
    'The whole message could not be loaded: Something went wrong. The details are in the log.',
  );
  await expect(detail.getByRole('alert')).not.toContainText('Disk on fire');

  await app.unroute(isGet);
  await detail.getByRole('button', { name: 'Try again' }).click();
  await expect(detail.getByText('"TAIL-MARKER-尾声"')).toBeVisible();
  await expect(detail.getByRole('status')).toHaveCount(0);
  await expect(detail.getByRole('alert')).toHaveCount(0);
  await expect(detail.locator('dd').nth(4)).toHaveText(formatBytes(size, 'en'));
  await expect(detail.getByRole('button', { name: 'Copy data' })).toBeEnabled();
  await detail.getByRole('button', { name: 'Raw' }).click();
  await expect(detail.locator('pre.raw-text')).toContainText('"end":"TAIL-MARKER-尾声"}');
  expect(harness.invokes.filter((i) => i.channel === invoke.messagesGet)).toEqual([
    { channel: invoke.messagesGet, request: { id: bigListed.id } },
  ]);

  // A small message is whole already: no fetch, no status line.
  await rows(app).filter({ hasText: 'small neighbour' }).click();
  await expect(detail.locator('pre.raw-text')).toHaveText('small neighbour');
  await expect(detail.getByRole('status')).toHaveCount(0);
  expect(harness.invokes.filter((i) => i.channel === invoke.messagesGet)).toHaveLength(1);
});
