/** The composer's sending in main: the profile's target, the feed's credentials, and its echo recognised once. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import type { Feed } from '../../../shared/domain';
import { FeedProfiles } from '../../../electron/main/core/profiles/feed-profiles';
import { ECHO_WINDOW_MS, FeedPublisher } from '../../../electron/main/core/publish/feed-publisher';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { feed as makeFeed } from '../notify/fixtures';
import { testScope } from '../profiles/reader';

const scope = testScope();

describe('FeedPublisher', () => {
  test('sends to the feed’s ntfy topic with its credentials; the echo is marked as sent here, once', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ token: 'tk' }).start());
    const alerts: Feed = { ...makeFeed('f1', 'Alerts'), url: `${ntfy.url}/alerts/sse`, profile: 'ntfy' };
    const publisher = new FeedPublisher({
      feed: (id) => (id === 'f1' ? alerts : undefined),
      headers: () => ({ Authorization: 'Bearer tk' }),
    });
    const profiles = new FeedProfiles(undefined, undefined, (id, serverId) => publisher.sentHere(id, serverId));
    profiles.configure({ id: 'f1', url: alerts.url, headers: {}, profile: 'ntfy' }, null);

    const result = await publisher.publish('f1', { text: 'on my way' });
    expect(result).toEqual({ ok: true, status: 200, messageId: ntfy.messages[0]!.id });
    const echo = (message: (typeof ntfy.messages)[number]) => ({
      feedId: 'f1',
      type: 'message',
      eventId: null,
      data: JSON.stringify(message),
      truncated: false,
      receivedAt: 1,
      backfill: false,
    });
    const other = ntfy.publish('alerts', 'from someone else');
    const [mine, theirs] = profiles.process([echo(ntfy.messages[0]!), echo(other)]);
    expect(mine!.fields).toMatchObject({ body: 'on my way', sentHere: true });
    expect(theirs!.fields?.sentHere).toBeUndefined();

    expect(await publisher.publish('nope', { text: 'x' })).toMatchObject({ ok: false, failure: 'not-found' });
    const plain: Feed = { ...makeFeed('f2', 'Plain'), url: 'https://example.com/events' };
    const none = new FeedPublisher({ feed: () => plain, headers: () => ({}) });
    expect(await none.publish('f2', { text: 'x' })).toMatchObject({ ok: false, failure: 'no-target' });
  });
});

describe('FeedPublisher: an echo that outruns the answer', () => {
  /** A publish endpoint on loopback that answers only when the test lets it (as a loaded server might). */
  async function heldEndpoint(): Promise<{
    url: string;
    waiting: () => number;
    answer: () => void;
    close: () => Promise<void>;
  }> {
    const held: (() => void)[] = [];
    const server = http.createServer((req, res) => {
      req.resume();
      held.push(() => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/publish`,
      waiting: () => held.length,
      answer: () => held.shift()?.(),
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  test('in flight, its text marks the first identical message only; answered without an id, for a window', async () => {
    const endpoint = await heldEndpoint();
    scope.onCleanup(endpoint.close);
    let now = 1_000_000;
    const room: Feed = {
      ...makeFeed('f1', 'Room'),
      url: 'http://127.0.0.1:1/room',
      server: {
        publish: {
          kind: 'generic',
          method: 'POST',
          url: endpoint.url,
          contentType: 'text/plain',
          bodyTemplate: '{{text}}',
        },
      },
    };
    const publisher = new FeedPublisher({ feed: () => room, headers: () => ({}), now: () => now });
    const profiles = new FeedProfiles(undefined, undefined, (id, serverId, text) =>
      publisher.sentHere(id, serverId, text),
    );
    profiles.configure({ id: 'f1', url: room.url, headers: {}, profile: 'generic' }, null);
    const marked = (data: string): boolean =>
      profiles.process([
        { feedId: 'f1', type: 'message', eventId: null, data, truncated: false, receivedAt: 1, backfill: false },
      ])[0]?.fields?.sentHere === true;
    const sendAndAnswer = async (text: string): Promise<void> => {
      const sending = publisher.publish('f1', { text });
      await expect.poll(endpoint.waiting).toBe(1);
      endpoint.answer();
      expect(await sending).toEqual({ ok: true, status: 200, messageId: null });
    };

    // The echo arrives before the server's answer: recognised by its text, once; other text is not.
    const first = publisher.publish('f1', { text: 'deploy done' });
    await expect.poll(endpoint.waiting).toBe(1);
    expect(marked('other text')).toBe(false);
    expect(marked('deploy done')).toBe(true);
    expect(marked('deploy done')).toBe(false);
    endpoint.answer();
    expect(await first).toEqual({ ok: true, status: 200, messageId: null });
    expect(marked('deploy done')).toBe(false);

    // Answered (without an id) before its echo: the text still matches within the window, and not after it.
    await sendAndAnswer('rollback');
    now += ECHO_WINDOW_MS - 1;
    expect(marked('rollback')).toBe(true);
    await sendAndAnswer('late');
    now += ECHO_WINDOW_MS;
    expect(marked('late')).toBe(false);
  });
});
