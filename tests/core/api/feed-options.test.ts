/**
 * Per-feed mute, "don't count as unread" and colour, through the real core (loopback SSE server, SQLite file):
 * a muted feed is stored and listed, never notified, and left out of the tray's / badge's count; a feed that does
 * not count as unread has its messages arrive read, so every count agrees; the user's colour is stored. All three
 * survive a restart and travel in an export.
 */
import { expect, it } from 'vitest';
import type { Feed, Message, MessagePage, UnreadCounts } from '../../../shared/domain';
import { invoke, push } from '../../../shared/ipc/channels';
import { FEED_COLOURS } from '../../../shared/rules';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { dispatch } from '../../../electron/main/core/index';
import { emptyMapped } from '../../../electron/main/core/profiles/fields';
import { NotificationPolicy } from '../../../electron/main/core/notify/policy';
import { trayUnread } from '../../../electron/main/core/notify/tray-state';
import { feed as policyFeed, manualClock, message, settings } from '../notify/fixtures';
import { useCoreFixture } from './core-fixture';
import { recordingHost, waitFor } from './host';

const fx = useCoreFixture('tidings-options-');

async function start() {
  const core = await fx.open();
  const pushed: Message[] = [];
  const unread: UnreadCounts[] = [];
  core.onPush((channel, payload) => {
    if (channel === push.messages) pushed.push(...(payload as Message[]));
    if (channel === push.unread) unread.push(payload as UnreadCounts);
  });
  return { core, handlers: core.createHandlers(recordingHost()), pushed, unread };
}

const ok = <T>(r: { ok: boolean; data?: unknown }): T => {
  expect(r.ok).toBe(true);
  return r.data as T;
};

it('mute: stored and listed, left out of the tray total; don’t count: messages arrive read; colour kept', async () => {
  const { server } = fx;
  const { core, handlers, pushed } = await start();
  const a = ok<Feed>(await dispatch(handlers, invoke.feedsAdd, { ...defaultFeedInput(`${server.url}/a`), name: 'A' }));
  const b = ok<Feed>(await dispatch(handlers, invoke.feedsAdd, { ...defaultFeedInput(`${server.url}/b`), name: 'B' }));
  await server.waitForClients(2);
  server.send({ id: 'a1', data: 'alpha 1' }, '/a');
  server.send({ id: 'b1', data: 'beta 1' }, '/b');
  await waitFor(() => pushed.length === 2, 'two messages');
  expect(core.unreadTotal()).toBe(2);

  // Mute A: its message stays listed and unread in the window; the tray's count leaves it out.
  const muted = ok<Feed>(await dispatch(handlers, invoke.feedsConfigure, { id: a.id, muted: true }));
  expect(muted).toMatchObject({ id: a.id, muted: true, url: a.url, name: 'A' });
  expect(core.unreadTotal()).toBe(1);
  const listedA = ok<MessagePage>(await dispatch(handlers, invoke.messagesList, { feedId: a.id }));
  expect(listedA.items.map((m) => [m.data, m.read])).toEqual([['alpha 1', false]]);

  // B stops counting as unread: what it has is marked read, and what comes next arrives read.
  const quiet = ok<Feed>(await dispatch(handlers, invoke.feedsConfigure, { id: b.id, countUnread: false }));
  expect(quiet.countUnread).toBe(false);
  const snapshot = ok<{ unread: UnreadCounts }>(await dispatch(handlers, invoke.appSnapshot, undefined));
  expect(snapshot.unread[b.id] ?? 0).toBe(0);
  await server.waitForClients(2, { path: undefined, timeoutMs: 5000 });
  server.send({ id: 'b2', data: 'beta 2' }, '/b');
  await waitFor(() => pushed.some((m) => m.data === 'beta 2'), 'beta 2');
  expect(pushed.find((m) => m.data === 'beta 2')!.read).toBe(true);
  await core.flush();
  const unreadView = ok<MessagePage>(await dispatch(handlers, invoke.messagesList, { unread: true }));
  expect(unreadView.items.map((m) => m.data)).toEqual(['alpha 1']);
  expect(core.unreadTotal()).toBe(0); // A muted, B not counted

  // A colour from the palette; anything else is refused.
  const coloured = ok<Feed>(await dispatch(handlers, invoke.feedsConfigure, { id: a.id, colour: FEED_COLOURS[2] }));
  expect(coloured).toMatchObject({ colour: FEED_COLOURS[2], muted: true });
  expect((await dispatch(handlers, invoke.feedsConfigure, { id: a.id, colour: 'red' })).ok).toBe(false);

  // An export carries the switches.
  const exported = JSON.parse(ok<string>(await dispatch(handlers, invoke.feedsExport, { includeSecrets: false }))) as {
    feeds: Record<string, unknown>[];
  };
  expect(exported.feeds.map((f) => [f.name, f.muted, f.countUnread, f.colour])).toEqual([
    ['A', true, undefined, FEED_COLOURS[2]],
    ['B', undefined, false, undefined],
  ]);

  // After a restart: the same switches, and B's messages still arrive read.
  await fx.close(core);
  const again = await start();
  const feeds = again.core.feeds();
  expect(feeds.find((f) => f.id === a.id)).toMatchObject({ muted: true, colour: FEED_COLOURS[2] });
  expect(feeds.find((f) => f.id === b.id)).toMatchObject({ countUnread: false });
  expect(feeds.find((f) => f.id === b.id)!.muted).toBeUndefined();
  await server.waitForClients(2, { timeoutMs: 5000 });
  server.send({ id: 'b3', data: 'beta 3' }, '/b');
  await waitFor(() => again.pushed.some((m) => m.data === 'beta 3'), 'beta 3');
  expect(again.pushed.find((m) => m.data === 'beta 3')!.read).toBe(true);

  // Back to the automatic colour and unmuted.
  const plain = ok<Feed>(
    await dispatch(again.handlers, invoke.feedsConfigure, { id: a.id, colour: null, muted: false }),
  );
  expect(plain.colour).toBeUndefined();
  expect(plain.muted).toBeUndefined();
  expect(again.core.unreadTotal()).toBe(1);
});

it('a muted feed is never notified, urgent messages included; the tray total leaves it out', () => {
  const policy = new NotificationPolicy({ clock: manualClock(), settleMs: 0 });
  const loud = policyFeed('loud', 'Loud');
  const quiet = { ...policyFeed('quiet', 'Quiet'), muted: true };
  const batch = [
    message('quiet', 'plain'),
    message('quiet', 'urgent', { fields: { ...emptyMapped(), priority: 5 } }),
    message('loud', 'plain'),
  ];
  const decisions = policy.decide(batch, [loud, quiet], settings());
  expect(decisions.map((d) => d.feedId)).toEqual(['loud']);
  expect(trayUnread({ loud: 3, quiet: 5, gone: 1 }, [loud, quiet])).toBe(4);
});
