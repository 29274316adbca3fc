/** The composer's sending in main: the profile's target, the feed's credentials, and its echo recognised once. */
import { describe, expect, test } from 'vitest';
import type { Feed } from '../../../shared/domain';
import { FeedProfiles } from '../../../electron/main/core/profiles/feed-profiles';
import { FeedPublisher } from '../../../electron/main/core/publish/feed-publisher';
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
