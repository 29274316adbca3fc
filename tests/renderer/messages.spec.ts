import type { Page } from '@playwright/test';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';
import { exactTimeText } from '../support/intl-oracle';

const summary = (app: Page, text: string) => app.locator('.row-summary', { hasText: new RegExp(`^${text}$`) });

test('the detail shows metadata, collapsible JSON, copy buttons and opens links through main', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  const data = { title: 'Deploy finished', url: 'https://ci.example.com/runs/77', nested: { ok: true, n: 3 } };
  sse.send({ id: 'd-77', event: 'deploy', data: JSON.stringify(data) });
  const row = rows(app).filter({ hasText: 'Deploy finished' });
  await expect(row).toBeVisible();
  await expect(row.locator('.row-unread .visually-hidden')).toHaveText('Unread');
  await row.click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  // Headed by the message's title; the feed is named once, in the metadata.
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Deploy finished');
  await expect(detail.locator('dd').nth(0)).toHaveText('Events');
  await expect(detail.locator('dd').nth(1)).toHaveText('deploy');
  await expect(detail.locator('dd').nth(2)).toHaveText('d-77');
  await expect(detail.locator('dd').nth(5)).toHaveText('No');
  await expect(detail.locator('.json-key').first()).toHaveText('"title"');
  // Reading marks it read.
  await expect(row.locator('.row-unread .visually-hidden')).toHaveCount(0);
  await expect.poll(() => harness.core.unreadTotal()).toBe(0);

  // Collapse the nested object.
  const toggle = detail.getByRole('button', { name: 'Collapse' }).nth(1);
  await toggle.click();
  await expect(detail.getByText('2 keys')).toBeVisible();

  // Raw view and copy.
  await detail.getByRole('button', { name: 'Raw' }).click();
  await expect(detail.locator('pre.raw-text')).toHaveText(JSON.stringify(data));
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness.url).origin });
  await detail.getByRole('button', { name: 'Copy ID' }).click();
  await expect(detail.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('d-77');

  // Links go to main's openExternal, never navigate the window.
  await detail.getByRole('link', { name: 'https://ci.example.com/runs/77' }).click();
  await expect.poll(() => harness.openedUrls).toEqual(['https://ci.example.com/runs/77']);
  expect(app.url()).toBe(harness.url);
});

test('message content is text: an HTML payload is shown as characters and never executed', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  let dialogs = 0;
  app.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const payload = '<img src=x onerror=alert(1)>';
  sse.send({ id: 'x-1', data: payload });
  sse.send({ id: 'x-2', data: JSON.stringify({ title: '<script>alert(2)</script>', body: payload }) });
  // The JSON message's summary is "title: body", so it contains the payload too: pick the plain one.
  const first = rows(app).filter({ hasText: payload }).filter({ hasNotText: '<script>' });
  await expect(first).toBeVisible();
  await expect(rows(app).filter({ hasText: '<script>alert(2)</script>' })).toBeVisible();
  await first.click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.locator('pre.raw-text')).toHaveText(payload);
  await rows(app).filter({ hasText: '<script>' }).click();
  await expect(detail.locator('.json-string').nth(1)).toHaveText(`"${payload}"`);
  expect(await app.locator('img').count()).toBe(0);
  expect(await app.locator('.app script').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('keyboard: j/k and arrows move, Enter opens, / focuses search, Esc closes', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse);
  for (let i = 1; i <= 5; i++) sse.send({ id: `k-${i}`, data: `Line ${i}` });
  await expect(rows(app)).toHaveCount(5);
  const list = app.getByRole('listbox', { name: 'Messages' });
  await list.focus();
  // Focus puts the cursor on the newest message.
  await expect(list).toHaveAttribute('aria-activedescendant', /msg-\d+/);
  const active = () => app.locator('.row.active');
  await expect(active()).toContainText('Line 5');
  await app.keyboard.press('j');
  await expect(active()).toContainText('Line 4');
  await app.keyboard.press('ArrowDown');
  await expect(active()).toContainText('Line 3');
  await app.keyboard.press('k');
  await expect(active()).toContainText('Line 4');
  await app.keyboard.press('End');
  await expect(active()).toContainText('Line 1');
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Enter');
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.locator('pre.raw-text')).toHaveText('Line 2');
  await expect(app.locator('.row[aria-selected="true"]')).toContainText('Line 2');

  await app.keyboard.press('/');
  await expect(app.getByRole('searchbox', { name: 'Search messages' })).toBeFocused();
  await app.keyboard.press('Escape');
  await list.focus();
  await app.keyboard.press('Escape');
  await expect(detail.getByText('No message selected')).toBeVisible();

  // Dialogs: Esc closes and focus returns to the opener.
  const settings = app.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Settings' })).toBeHidden();
  await expect(settings).toBeFocused();
});

test('live updates never yank a scrolled list: "N new" jumps back; older pages load on scroll', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  // 900 stored messages: more than one page (300) in the database.
  for (let i = 1; i <= 900; i++) sse.send({ id: `m-${i}`, data: `Message ${i}` });
  await expect(rows(app).first()).toContainText('Message 900', { timeout: 10_000 });
  await app.reload();
  await expect(app.locator('.app[data-sync="ready"]')).toBeVisible();
  await expect(rows(app).first()).toContainText('Message 900');

  const list = app.getByRole('listbox', { name: 'Messages' });
  // Scroll to the end repeatedly: older pages come in until the very first message.
  for (let i = 0; i < 20; i++) {
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    if (await summary(app, 'Message 1').count()) break;
    await app.waitForTimeout(150);
  }
  await expect(summary(app, 'Message 1')).toBeVisible();
  const offset = await list.evaluate((el) => el.scrollTop);
  expect(offset).toBeGreaterThan(0);

  // While scrolled away, new messages do not move what the user is reading.
  const before = await rows(app).first().textContent();
  for (let i = 901; i <= 903; i++) sse.send({ id: `m-${i}`, data: `Message ${i}` });
  const pill = app.getByRole('button', { name: '3 new messages' });
  await expect(pill).toBeVisible();
  expect(await list.evaluate((el) => el.scrollTop)).toBe(offset);
  expect(await rows(app).first().textContent()).toBe(before);

  await pill.click();
  await expect(pill).toBeHidden();
  await expect(rows(app).first()).toContainText('Message 903');
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
});

test('a notification click (navigate push) opens that message, even one outside the loaded window', async ({
  app,
  harness,
  sse,
}) => {
  const feed = await liveFeed(app, harness, sse);
  for (let i = 1; i <= 400; i++) sse.send({ id: `n-${i}`, data: `Notice ${i}` });
  await expect(rows(app).first()).toContainText('Notice 400', { timeout: 10_000 });
  await harness.core.flush();
  const page = await harness.handlers['tidings:messages:list']({ limit: 1000 });
  if (!page.ok) throw new Error(page.error.message);
  const oldest = page.data.items.find((m) => m.data === 'Notice 1')!;
  await app.reload();
  await expect(app.locator('.app[data-sync="ready"]')).toBeVisible();
  const gets = () => harness.invokes.filter((i) => i.channel === 'tidings:messages:get').length;
  expect(gets()).toBe(0);
  harness.push('tidings:push:navigate', { messageId: oldest.id, feedId: feed.id });
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail).toHaveAttribute('data-message-id', String(oldest.id));
  await expect(detail.locator('pre.raw-text')).toHaveText('Notice 1');
  // The snapshot holds the newest page only, so the renderer had to fetch it from the database.
  expect(gets()).toBe(1);
});

test('the live window stays bounded at 2,000 messages and older history still pages in', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  for (let i = 1; i <= 2500; i++) sse.send({ id: `w-${i}`, data: `Window ${i}` });
  await expect(rows(app).first()).toContainText('Window 2500', { timeout: 15_000 });
  const list = app.getByRole('listbox', { name: 'Messages' });
  const loadedRows = () =>
    // Rows are 34 px; the one day separator (28 px) is less than a row.
    app.locator('.list-inner').evaluate((el) => Math.floor(el.getBoundingClientRect().height / 34));
  await expect.poll(loadedRows).toBe(2000);

  // Past the window's end, the rest comes from the database (continuing below the trimmed tail, no gaps).
  for (let i = 0; i < 40; i++) {
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    if (await summary(app, 'Window 1').count()) break;
    await app.waitForTimeout(100);
  }
  await expect(summary(app, 'Window 1')).toBeVisible();
  expect(await loadedRows()).toBe(2500);
  const ids = await list.evaluate((el) =>
    [...el.querySelectorAll('[role="option"] .row-summary')].map((n) => Number(n.textContent!.replace('Window ', ''))),
  );
  for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe(ids[i - 1]! - 1);

  // Back at the top, the history read while scrolled back is let go again.
  await list.evaluate((el) => (el.scrollTop = 0));
  await expect.poll(loadedRows).toBe(2000);
});

test('a large JSON message opens quickly and long lists are shown in parts', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse);
  const items = Array.from({ length: 5000 }, (_, i) => ({
    id: i,
    name: `item ${i}`,
    tags: ['a', 'b'],
    url: `https://example.com/i/${i}`,
  }));
  sse.send({ id: 'big-1', event: 'bulk', data: JSON.stringify({ title: 'Bulk export', items }) });
  const row = rows(app).filter({ hasText: 'Bulk export' });
  await expect(row).toBeVisible({ timeout: 5000 });
  const started = Date.now();
  await row.click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  // The 5,000-entry list starts folded, with its size shown.
  await expect(detail.getByText('5000 items')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(1000);
  await detail.getByRole('button', { name: 'Expand' }).first().click();
  await expect(detail.getByRole('button', { name: 'Show 4800 more' })).toBeVisible();
  // Only the first 200 entries are in the DOM until asked for more.
  const entries = detail.locator('.json-view > .json-node > .json-children > .json-node > .json-children > .json-node');
  await expect(entries).toHaveCount(200);
  await detail.getByRole('button', { name: 'Show 4800 more' }).click();
  await expect(detail.getByRole('button', { name: 'Show 4600 more' })).toBeVisible();
  await expect(entries).toHaveCount(400);
});

test('keyboard: with a message open, j/k moves the open message too; Esc in search hands the list the keyboard', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  for (let i = 1; i <= 3; i++) sse.send({ id: `f-${i}`, data: `Line ${i}` });
  await expect(rows(app)).toHaveCount(3);
  const list = app.getByRole('listbox', { name: 'Messages' });
  await list.focus();
  await app.keyboard.press('Enter');
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.locator('pre.raw-text')).toHaveText('Line 3');
  await app.keyboard.press('j');
  await expect(detail.locator('pre.raw-text')).toHaveText('Line 2');
  await expect(app.locator('.row[aria-selected="true"]')).toContainText('Line 2');
  await app.keyboard.press('k');
  await expect(detail.locator('pre.raw-text')).toHaveText('Line 3');

  const search = app.getByRole('searchbox', { name: 'Search messages' });
  await app.keyboard.press('/');
  await expect(search).toBeFocused();
  await app.keyboard.type('Line 1');
  await expect(rows(app)).toHaveCount(1);
  await app.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(list).toBeFocused();
  await expect(rows(app)).toHaveCount(3);
  // An empty search box hands the keyboard back too.
  await app.keyboard.press('/');
  await app.keyboard.press('Escape');
  await expect(list).toBeFocused();
});

test('keyboard: ↑/↓ in the sidebar move through its views and feeds; Alt+↑/↓ anywhere moves between feeds', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/a', 'Alpha');
  await liveFeed(app, harness, sse, '/b', 'Beta');
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  const title = app.locator('.view-header h1');
  await nav.getByRole('button', { name: /All messages/ }).focus();
  // The views first (Unread, Starred), then the feeds.
  await app.keyboard.press('ArrowDown');
  await expect(title).toHaveText('Unread');
  await expect(nav.getByRole('button', { name: 'Unread', exact: true })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(title).toHaveText('Starred');
  await app.keyboard.press('ArrowDown');
  await expect(title).toHaveText('Alpha');
  await expect(nav.getByRole('button', { name: /Alpha/ })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(title).toHaveText('Beta');
  await expect(nav.getByRole('button', { name: /Beta/ })).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await expect(title).toHaveText('Alpha');

  // Alt+↑/↓ moves between the feeds (and All messages) only.
  await app.getByRole('listbox', { name: 'Messages' }).focus();
  await app.keyboard.press('Alt+ArrowDown');
  await expect(title).toHaveText('Beta');
  await app.keyboard.press('Alt+ArrowUp');
  await app.keyboard.press('Alt+ArrowUp');
  await expect(title).toHaveText('All messages');
});

test('summaries say a title once, show JSON without a title as key: value, and the open message is headed by its title', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/deploys', 'Deploys');
  sse.send({ id: 'd-1', data: JSON.stringify({ orderId: 'A-17', total: 9.5 }) }, '/deploys');
  sse.send(
    { id: 'd-2', data: JSON.stringify({ title: 'Deploy started', message: 'Deploy started (#86) by ana' }) },
    '/deploys',
  );
  await expect(rows(app)).toHaveCount(2);
  await expect(rows(app).nth(0).locator('.row-summary')).toHaveText('Deploy started (#86) by ana');
  await expect(rows(app).nth(1).locator('.row-summary')).toHaveText('orderId: A-17 · total: 9.5');
  await rows(app).nth(0).click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Deploy started');
  await rows(app).nth(1).click();
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('orderId: A-17 · total: 9.5');
  await expect(detail.locator('.detail-meta')).toContainText('Deploys');
});

test('an event cut at 1 MiB says so with its size, and its JSON still folds up to the cut', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse);
  const data = JSON.stringify({ title: 'Huge export', items: [{ n: 1 }, { n: 2 }], log: 'x'.repeat(1_200_000) });
  sse.send({ id: 'big-1', data });
  await expect(rows(app)).toHaveCount(1);
  await rows(app).first().click();
  const detail = app.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.locator('.detail-meta')).toContainText('1 MB kept — cut at 1 MiB; the original was larger');
  // …and how large it was as the server sent it (core keeps the original size of a cut event).
  // 1,200,0xx bytes = 1.14 MiB, said as 1.1 MB (sizes are in binary units, as "1 MB kept" of 1 MiB is).
  expect(Buffer.byteLength(data) / 1024 / 1024).toBeCloseTo(1.14, 2);
  await expect(detail.locator('.detail-meta')).toContainText('(original size 1.1 MB)');
  // Folded JSON, not one 1 MiB line of raw text: the keys before the cut, a fold for the array.
  await expect(detail.getByRole('button', { name: 'Raw' })).toBeVisible();
  await expect(detail.locator('.json-key')).toHaveText(['"title"', '"items"', '"n"', '"n"', '"log"']);
  await detail.getByRole('button', { name: 'Collapse' }).nth(1).click();
  await expect(detail.getByText('2 items')).toBeVisible();
  await expect(detail.locator('.json-cut')).toHaveText('… the data was cut here');
});

test.describe('at a glance', () => {
  // Core's clock starts two days back and only moves forward (as clocks do), a day at a time.
  const day = 86_400_000;
  let offset = -2 * day;
  test.beforeEach(() => {
    offset = -2 * day;
  });
  test.use({ harnessOptions: { core: { clock: { now: () => Date.now() + offset } } } });

  test('day separators, the exact time on hover, and a colour per feed in the sidebar and the rows', async ({
    app,
    harness,
    sse,
  }) => {
    await liveFeed(app, harness, sse, '/a', 'Alpha');
    await liveFeed(app, harness, sse, '/b', 'Beta');
    for (const [ago, path, data] of [
      [2, '/a', 'two days ago'],
      [1, '/b', 'yesterday'],
      [0, '/a', 'today A'],
      [0, '/b', 'today B'],
    ] as const) {
      offset = -ago * day;
      sse.send({ data }, path);
      await expect(rows(app).first()).toContainText(data);
    }
    offset = 0;
    const twoDaysAgo = new Date(Date.now() - 2 * day);
    const dateText = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' }).format(
      twoDaysAgo,
    );
    await expect(app.locator('.day-separator')).toHaveText(['Today', 'Yesterday', dateText]);
    // Separators stand before each day's first message, in list order.
    const order = await app.locator('.list-inner > *').evaluateAll((els) =>
      els
        .map((el) => ({ top: new DOMMatrix(getComputedStyle(el).transform).m42, el }))
        .sort((a, b) => a.top - b.top)
        .map(({ el }) =>
          el.classList.contains('day-separator')
            ? `[${el.textContent}]`
            : el.querySelector('.row-summary')!.textContent,
        ),
    );
    expect(order).toEqual([
      '[Today]',
      'today B',
      'today A',
      '[Yesterday]',
      'yesterday',
      `[${dateText}]`,
      'two days ago',
    ]);

    const time = rows(app).first().locator('.row-time');
    await expect(time).toHaveAttribute('title', /\d{1,2}:\d{2}:\d{2}/);
    // Every row's tooltip and machine-readable time are its own message's (to the second), in the window's language.
    const stored = (await harness.handlers['tidings:messages:list']({ limit: 10 })) as {
      ok: true;
      data: { items: { id: number; receivedAt: number }[] };
    };
    const rowTimes = async () =>
      rows(app).evaluateAll((els) =>
        els.map((el) => {
          const t = el.querySelector('time')!;
          return { id: Number(el.getAttribute('data-message-id')), title: t.title, iso: t.dateTime };
        }),
      );
    const expectTimes = async (locale: string) => {
      for (const row of await rowTimes()) {
        const at = stored.data.items.find((m) => m.id === row.id)!.receivedAt;
        expect(row.title).toBe(exactTimeText(at, locale));
        expect(row.iso).toBe(new Date(Math.floor(at / 1000) * 1000).toISOString());
      }
    };
    await expectTimes('en');

    const colourOf = (locator: ReturnType<typeof rows>) =>
      locator.evaluate((el) => getComputedStyle(el, '::before').backgroundColor);
    const [a, b] = [await colourOf(rows(app).nth(1)), await colourOf(rows(app).nth(0))];
    expect(a).not.toBe(b);
    const nav = app.getByRole('navigation', { name: 'Feeds' });
    const chip = (name: RegExp) =>
      nav
        .getByRole('button', { name })
        .locator('.feed-chip')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await chip(/Alpha/)).toBe(a);
    expect(await chip(/Beta/)).toBe(b);

    await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
    await expect(app.locator('.day-separator').first()).toHaveText('今天');
    await expect(app.locator('.day-separator').nth(1)).toHaveText('昨天');
    await expectTimes('zh-CN');
  });
});

test('the Unread view lists unread messages across feeds; a paused desk says so in a banner with the way out', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/a', 'Alpha');
  await liveFeed(app, harness, sse, '/b', 'Beta');
  sse.send({ data: 'alpha one' }, '/a');
  sse.send({ data: 'beta one' }, '/b');
  await expect(rows(app)).toHaveCount(2);
  await rows(app).filter({ hasText: 'alpha one' }).click();
  await expect.poll(() => harness.core.unreadTotal()).toBe(1);
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  await nav.getByRole('button', { name: 'Unread', exact: true }).click();
  await expect(app.locator('.view-header h1')).toHaveText('Unread');
  await expect(rows(app)).toHaveCount(1);
  await expect(rows(app).first()).toContainText('beta one');
  await nav.getByRole('button', { name: 'Starred', exact: true }).click();
  await expect(app.getByText('No starred messages.', { exact: false })).toBeVisible();

  const banner = app.locator('.paused-banner');
  await expect(banner).toHaveCount(0);
  await nav.getByRole('button', { name: 'Pause all feeds' }).click();
  await expect(banner).toContainText('You paused all feeds');
  // Diagnostics say who paused it (not "while the computer sleeps").
  await nav.getByRole('button', { name: /Alpha/ }).click();
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText(
    'Paused by you (“Pause all” in this window). “Resume all” reconnects it.',
  );
  await app.keyboard.press('Escape');
  await banner.getByRole('button', { name: 'Resume all feeds' }).click();
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
});
