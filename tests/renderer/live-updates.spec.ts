/**
 * The renderer's side of "batch by load, not clock": main pushes each stored batch the moment the store is idle
 * (one push per event at a steady 1,000 events/s), and the window applies whatever arrived since the last frame in
 * one update at the next animation frame. One React commit per push used to cost more than the events' own rate:
 * at 1,000 events/s the page fell ever further behind.
 */
import type { Message } from '../../shared/domain';
import { push } from '../../shared/ipc/channels';
import type { Page } from '@playwright/test';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';
import type { SseTestServer } from '../support/sse-server';
import type { Harness } from '../support/web-harness/index';

test('many pushes between two frames become one update of the list, nothing lost, newest first', async ({
  app,
  harness,
  sse,
}) => {
  const feed = await liveFeed(app, harness, sse);
  sse.send({ id: 'first', data: 'First stored' });
  await expect(rows(app).first()).toContainText('First stored');

  // Count the list's commits: a MutationObserver's callback runs once after each DOM update of the list.
  await app.evaluate(() => {
    const w = window as unknown as { __commits: number };
    w.__commits = 0;
    new MutationObserver(() => w.__commits++).observe(document.querySelector('.list-inner')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  const now = Date.now();
  const message = (i: number): Message => ({
    id: 1_000_000 + i,
    feedId: feed.id,
    type: 'message',
    eventId: `p-${i}`,
    data: `Pushed ${i}`,
    truncated: false,
    receivedAt: now,
    read: false,
    backfill: false,
    starred: false,
    size: 10,
    preview: false,
  });
  const pushes = 300;
  for (let i = 1; i <= pushes; i++) harness.push(push.messages, [message(i)]);

  await expect(rows(app).first()).toContainText(`Pushed ${pushes}`);
  const shown = await rows(app).evaluateAll((els) => els.slice(0, 5).map((el) => el.getAttribute('data-message-id')));
  expect(shown).toEqual([0, 1, 2, 3, 4].map((k) => String(1_000_000 + pushes - k)));
  const commits = await app.evaluate(() => (window as unknown as { __commits: number }).__commits);
  // A few frames may pass while the pushes arrive; one commit per push (300) is what this rules out.
  expect(commits).toBeGreaterThan(0);
  expect(commits).toBeLessThanOrEqual(20);
  // The store holds every pushed message (the list is virtualised: only the rows on screen exist in the DOM).
  await expect(app.getByRole('listbox', { name: 'Messages' }).locator('[aria-posinset="1"]')).toContainText(
    `Pushed ${pushes}`,
  );
  await expect(app.locator('[aria-setsize]').first()).toHaveAttribute('aria-setsize', String(pushes + 1));
});

test('a window that gets no animation frames (hidden) still applies pushes, on a timer', async ({
  page,
  harness,
  sse,
}) => {
  // A hidden or minimised window runs no requestAnimationFrame callbacks; here none ever run.
  await page.addInitScript(() => {
    window.requestAnimationFrame = () => 0;
  });
  await page.goto(harness.url);
  await expect(page.locator('.app[data-sync="ready"]')).toBeVisible();
  await liveFeed(page, harness, sse);
  for (let i = 1; i <= 5; i++) sse.send({ id: `h-${i}`, data: `While hidden ${i}` });
  await expect(rows(page).first()).toContainText('While hidden 5');
  await expect(rows(page)).toHaveCount(5);
});

/** A live feed with six messages listed, "Before 1" … "Before 6" (newest on top). */
async function sixListed(app: Page, harness: Harness, sse: SseTestServer): Promise<void> {
  await liveFeed(app, harness, sse);
  for (let i = 1; i <= 6; i++) sse.send({ id: `before-${i}`, data: `Before ${i}` });
  await expect(rows(app).first()).toContainText('Before 6');
}

test('rows take the next messages in place as batches arrive, but the active row keeps its element', async ({
  app,
  harness,
  sse,
}) => {
  await sixListed(app, harness, sse);
  await rows(app).nth(2).click();
  const list = app.getByRole('listbox', { name: 'Messages' });
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).toMatch(/^msg-\d+$/);
  // Remember the active row's element and the element of the row on top.
  await app.evaluate((id) => {
    const w = window as unknown as { __active: Element | null; __top: Element | null };
    w.__active = document.getElementById(id);
    w.__top = document.querySelector('[role="option"][aria-posinset="1"]');
  }, active!);

  for (let i = 1; i <= 3; i++) {
    sse.send({ id: `b-${i}`, data: `After ${i}` });
    await expect(rows(app).first()).toContainText(`After ${i}`);
  }
  await expect(list).toHaveAttribute('aria-activedescendant', active!);
  const same = await app.evaluate((id) => {
    const w = window as unknown as { __active: Element | null; __top: Element | null };
    const top = document.querySelector('[role="option"][aria-posinset="1"]');
    return {
      // The screen reader's "current option" is the very element it was: not re-announced on each batch.
      active: document.getElementById(id) === w.__active,
      // The top row's element now shows the newest message (its text replaced in place, no new element).
      top: top === w.__top && top?.textContent?.includes('After 3'),
    };
  }, active!);
  expect(same).toEqual({ active: true, top: true });
});

test('during a burst the unread badges and the title follow at a readable pace and end on the count', async ({
  app,
  harness,
  sse,
}) => {
  const feed = await liveFeed(app, harness, sse);
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  const feedBadge = nav.locator(`[data-feed-id="${feed.id}"] .unread-badge`);
  const allBadge = nav.getByRole('button', { name: /^All messages/ }).locator('.unread-badge');
  // The first change shows at once (the next frame), not after an interval.
  harness.push(push.unread, { [feed.id]: 1 });
  await expect(feedBadge).toHaveText('1');
  await expect(allBadge).toHaveText('1');
  await expect(app).toHaveTitle('Tidings (1)');

  // Count every change of the badges' text and of the title from here on.
  await app.evaluate(() => {
    const w = window as unknown as { __changes: { feed: number; all: number; title: number } };
    w.__changes = { feed: 0, all: 0, title: 0 };
    const badges = [...document.querySelectorAll('nav .unread-badge')];
    const count = (node: Node, key: keyof typeof w.__changes) =>
      new MutationObserver(() => w.__changes[key]++).observe(node, {
        subtree: true,
        characterData: true,
        childList: true,
      });
    count(badges[badges.length - 1]!, 'feed');
    count(badges[0]!, 'all');
    count(document.querySelector('title')!, 'title');
  });
  // A burst: the count grows on every push, a push every 10 ms for over a second (old code: a change per frame).
  const started = Date.now();
  const pushes = 120;
  for (let i = 2; i <= pushes + 1; i++) {
    harness.push(push.unread, { [feed.id]: i });
    await new Promise((r) => setTimeout(r, 10));
  }
  const seconds = (Date.now() - started) / 1000;
  await expect(feedBadge).toHaveText(String(pushes + 1));
  await expect(allBadge).toHaveText(String(pushes + 1));
  await expect(app).toHaveTitle(`Tidings (${pushes + 1})`);
  const changes = await app.evaluate(
    () => (window as unknown as { __changes: { feed: number; all: number; title: number } }).__changes,
  );
  // Badges: at most one change per 250 ms (and the last one); the title at most one per second.
  expect(changes.feed).toBeGreaterThan(0);
  expect(changes.feed).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
  expect(changes.all).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
  expect(changes.title).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
});

test('a click opens the message that was pressed, though new messages moved it down before the release', async ({
  app,
  harness,
  sse,
}) => {
  await sixListed(app, harness, sse);
  const row = rows(app).nth(2);
  await expect(row).toContainText('Before 4');
  const pressedId = await row.getAttribute('data-message-id');
  const box = (await row.boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.mouse.down();
  // While the button is down, the feed goes on: the rows show newer messages, the pressed one is further down.
  for (let i = 1; i <= 3; i++) sse.send({ id: `d-${i}`, data: `During ${i}` });
  await expect(rows(app).first()).toContainText('During 3');
  await expect(rows(app).nth(2)).not.toHaveAttribute('data-message-id', pressedId!);
  await app.mouse.up();
  await expect(app.locator(`.detail[data-message-id="${pressedId}"]`)).toBeVisible();
  await expect(app.locator('.detail')).toContainText('Before 4');
});
