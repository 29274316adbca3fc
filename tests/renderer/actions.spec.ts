/**
 * Acting on messages: mark read exactly what the view shows (with Undo), star and the Starred view, mark unread,
 * delete one or a selection (with Undo), the context menu by mouse and keyboard, and clearing a feed's history.
 */
import type { Harness } from '../support/web-harness/index';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';

async function unreadCounts(harness: Harness) {
  const snap = await harness.handlers['tidings:app:snapshot'](undefined);
  if (!snap.ok) throw new Error(snap.error.message);
  return snap.data.unread;
}

test('"Mark all read" marks exactly what the view shows — search and filters included — and can be undone', async ({
  app,
  harness,
  sse,
}) => {
  const alpha = await liveFeed(app, harness, sse, '/a', 'Alpha');
  await liveFeed(app, harness, sse, '/b', 'Beta');
  sse.send({ data: 'disk full on db-1' }, '/a');
  sse.send({ data: 'cpu high' }, '/a');
  sse.send({ data: 'disk full on web-1' }, '/b');
  await expect(rows(app)).toHaveCount(3);
  await harness.core.flush();
  await harness.core.drainMaintenance();
  const search = app.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('disk');
  await search.press('Enter');
  await expect(rows(app)).toHaveCount(2);
  await app.getByRole('button', { name: 'Mark all read' }).click();
  const notice = app.locator('.notice').filter({ hasText: 'Marked 2 messages read.' });
  await expect(notice).toBeVisible();
  // Only the two search results: "cpu high" is still unread.
  await expect.poll(() => harness.core.unreadTotal()).toBe(1);
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => harness.core.unreadTotal()).toBe(3);
  await expect(rows(app).locator('.row-unread .visually-hidden')).toHaveCount(2);

  // Inside a feed with no search: that feed only.
  await search.fill('');
  await search.press('Enter');
  await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Beta/ }).click();
  await app.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(() => unreadCounts(harness)).toEqual({ [alpha.id]: 2 });
});

test('star with S, the Starred view, mark unread with U, and the context menu by mouse and keyboard', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  for (const data of ['one', 'two', 'three']) sse.send({ data });
  await expect(rows(app)).toHaveCount(3);
  const list = app.getByRole('listbox', { name: 'Messages' });
  await list.focus();
  await app.keyboard.press('s');
  await expect(rows(app).first().locator('.row-star')).toBeVisible();
  await app.keyboard.press('j');
  await app.keyboard.press('Enter');
  await expect.poll(() => harness.core.unreadTotal()).toBe(2);
  await app.keyboard.press('u');
  await expect.poll(() => harness.core.unreadTotal()).toBe(3);

  // Right-click: the menu acts on that message.
  await rows(app).nth(2).click({ button: 'right' });
  const menu = app.getByRole('menu', { name: 'Message actions' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Star', exact: true }).click();
  await expect(menu).toHaveCount(0);
  await expect(rows(app).nth(2).locator('.row-star')).toBeVisible();

  // Keyboard: Shift+F10 opens it on the active row; ↓ and Enter choose; Esc closes and returns to the list.
  await list.focus();
  await app.keyboard.press('Home');
  await app.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(list).toBeFocused();
  await app.keyboard.press('Shift+F10');
  await app.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Remove star' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(rows(app).first().locator('.row-star')).toHaveCount(0);

  await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: 'Starred', exact: true }).click();
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('one');
  // Unstarred in the Starred view, it leaves the view.
  await list.focus();
  await app.keyboard.press('s');
  await expect(rows(app)).toHaveCount(0);
  await expect(app.getByText('No starred messages.', { exact: false })).toBeVisible();
});

test('delete one with Delete or a selection from the menu, with Undo; search and counts follow', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  for (const data of ['keep me', 'drop one', 'drop two', 'drop three']) sse.send({ data });
  await expect(rows(app)).toHaveCount(4);
  const list = app.getByRole('listbox', { name: 'Messages' });
  await rows(app).filter({ hasText: 'drop three' }).click();
  await list.focus();
  await app.keyboard.press('Delete');
  await expect(rows(app)).toHaveCount(3);
  const notice = app.locator('.notice').filter({ hasText: 'Deleted 1 message.' });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(rows(app)).toHaveCount(4);

  // A selection (Ctrl+click, Shift+click), deleted from the context menu.
  await rows(app)
    .filter({ hasText: 'drop three' })
    .click({ modifiers: ['Control'] });
  await rows(app)
    .filter({ hasText: 'drop one' })
    .click({ modifiers: ['Shift'] });
  await expect(app.locator('.selection-bar')).toContainText('3 selected');
  await rows(app).filter({ hasText: 'drop two' }).click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'Delete 3 messages' }).click();
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('keep me');
  // After the undo window the delete reaches the database: gone from search and from the counts.
  await expect.poll(() => harness.core.unreadTotal(), { timeout: 10_000 }).toBe(1);
  await harness.core.flush();
  await harness.core.drainMaintenance();
  const page = await harness.handlers['tidings:messages:list']({ text: 'drop' });
  expect(page.ok && page.data.items).toEqual([]);
});

test('a feed’s history can be cleared after a confirmation; the feed keeps receiving', async ({
  app,
  harness,
  sse,
}) => {
  const feed = await liveFeed(app, harness, sse, '/events', 'Events');
  for (const data of ['old 1', 'old 2']) sse.send({ data });
  await app
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Events/ })
    .click();
  await expect(rows(app)).toHaveCount(2);
  await app.getByRole('button', { name: 'Clear history…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Clear history' });
  await expect(dialog).toContainText('Delete every message Events has stored?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows(app)).toHaveCount(2);
  await app.getByRole('button', { name: 'Clear history…' }).click();
  await dialog.getByRole('button', { name: 'Clear history' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(app)).toHaveCount(0);
  expect((await unreadCounts(harness))[feed.id]).toBeUndefined();
  sse.send({ data: 'new after clear' });
  await expect(rows(app)).toHaveCount(1);
});

test('the current view’s messages export as JSON, NDJSON and CSV, whole and filtered like the list', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/a', 'Alpha');
  await liveFeed(app, harness, sse, '/b', 'Beta');
  const big = JSON.stringify({ title: 'big', log: 'y'.repeat(20_000) });
  sse.send({ id: 'a-1', event: 'alert', data: 'line "one", with comma' }, '/a');
  sse.send({ id: 'a-2', data: big }, '/a');
  sse.send({ id: 'b-1', data: 'from beta' }, '/b');
  await expect(rows(app)).toHaveCount(3);
  await app.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Alpha/ }).click();
  await expect(rows(app)).toHaveCount(2);

  const exportAs = async (format: string) => {
    await app.getByRole('button', { name: 'Import / export' }).click();
    const dialog = app.getByRole('dialog', { name: 'Import and export feeds' });
    await dialog.getByLabel('Format').selectOption(format);
    const [file] = await Promise.all([
      app.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export messages' }).click(),
    ]);
    await expect(dialog.getByRole('status')).toHaveText('Exported 2 messages.');
    await app.keyboard.press('Escape');
    expect(file.suggestedFilename()).toBe(`tidings-messages.${format}`);
    const { readFile } = await import('node:fs/promises');
    return readFile((await file.path())!, 'utf8');
  };
  const json = JSON.parse(await exportAs('json')) as { feed: string; data: string; eventId: string; type: string }[];
  expect(json.map((m) => m.eventId)).toEqual(['a-2', 'a-1']);
  // Whole data, not the list's preview.
  expect(json[0]!.data).toBe(big);
  expect(json[1]).toMatchObject({ feed: 'Alpha', type: 'alert', data: 'line "one", with comma' });
  const ndjson = (await exportAs('ndjson')).trim().split('\n');
  expect(ndjson.map((l) => (JSON.parse(l) as { eventId: string }).eventId)).toEqual(['a-2', 'a-1']);
  const csv = (await exportAs('csv')).split('\r\n');
  expect(csv[0]).toBe('id,feed,feedId,type,eventId,receivedAt,read,starred,truncated,data');
  expect(csv[2]).toContain(',alert,a-1,');
  expect(csv[2]!.endsWith(',"line ""one"", with comma"')).toBe(true);
});
