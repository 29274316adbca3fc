import { describe, expect, test } from 'vitest';
import { MastodonFixture } from '../../support/fixtures/mastodon';
import { testScope } from './reader';

const scope = testScope();

const HTML =
  '<p>Hello <span class="h-card"><a href="https://mastodon.example/@bob" class="u-url mention">@<span>bob</span></a></span>, ' +
  'read <a href="https://example.com/a/very/long/path/to/a/page" rel="nofollow noopener" target="_blank">' +
  '<span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/pa</span>' +
  '<span class="invisible">th/to/a/page</span></a> &amp; <a href="https://mastodon.example/tags/sse" class="mention hashtag">#<span>sse</span></a></p>' +
  '<p>second<br />line <script>alert(1)</script><img src=x onerror=alert(1)></p>';

describe('Mastodon streaming profile against a streaming fixture', () => {
  test('statuses: HTML content becomes plain text with links kept; notification, delete, filters_changed', async () => {
    const mastodon = await scope.fixture(new MastodonFixture({ token: 'tok', heartbeatMs: 30 }).start());
    const r = scope.reader({ url: `${mastodon.url}/api/v1/streaming/user`, headers: { Authorization: 'Bearer tok' } });
    expect(r.session.profile.id).toBe('mastodon');
    await r.connect();
    expect(r.status).toBe(200);
    await mastodon.server.waitForClients(1);
    const status = mastodon.status(HTML, {
      tags: [{ name: 'sse' }],
      media_attachments: [{ type: 'image', url: 'https://files.example/a.png', description: 'a cat' }],
    });
    mastodon.emit('update', status);
    mastodon.emit('filters_changed', '');
    mastodon.emit('notification', {
      id: '77',
      type: 'favourite',
      created_at: '2026-01-02T00:00:00Z',
      account: { acct: 'carol@other.example', display_name: 'Carol' },
      status,
    });
    mastodon.emit('delete', String(status.id));
    await r.waitForMessages(3);
    const [update, notification, deleted] = r.messages;
    expect(update!.mapped.body).toBe(
      'Hello @bob, read https://example.com/a/very/long/path/to/a/page & #sse\n\nsecond\nline',
    );
    expect(update!.mapped.body).not.toMatch(/[<>]/);
    expect(update!.mapped).toMatchObject({
      title: 'Alice (@alice)',
      link: status.url,
      icon: 'https://mastodon.example/avatars/alice.png',
      tags: [{ name: 'sse', emoji: null }],
      attachments: [{ name: 'a cat', type: 'image', size: null, url: 'https://files.example/a.png', expiresAt: null }],
      serverId: status.id,
    });
    expect(notification!.mapped).toMatchObject({
      title: 'Carol (@carol@other.example)',
      tags: [{ name: 'favourite', emoji: null }],
      serverId: '77',
    });
    expect(notification!.mapped.body).toBe(update!.mapped.body);
    expect(deleted!.mapped.serverId).toBe(status.id);
    expect(r.control.map((e) => e.type)).toEqual(['filters_changed']);
  });

  test('no token: 401; the token as access_token when headers cannot be sent', async () => {
    const mastodon = await scope.fixture(new MastodonFixture({ token: 'tok' }).start());
    const denied = scope.reader({ url: `${mastodon.url}/api/v1/streaming/public`, headers: {} });
    await denied.connect();
    expect(denied.status).toBe(401);
    const query = scope.reader({
      url: `${mastodon.url}/api/v1/streaming/public`,
      headers: { Authorization: 'Bearer tok' },
      authInQuery: true,
    });
    await query.connect();
    expect(query.status).toBe(200);
    expect(mastodon.server.requests.at(-1)!.query.get('access_token')).toBe('tok');
  });
});
