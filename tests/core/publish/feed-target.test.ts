/**
 * A feed's server options through the real core: the publish target stored with the feed (filled in from the
 * profile until edited), the Mercure publisher token kept like a secret header (ciphertext at rest, never in the
 * window's view, masked in export), and ntfy's first-subscribe `since` and credentials in the query (`?auth=`,
 * Mercure's `?authorization=`) as the fixtures record them.
 */
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Feed } from '../../../shared/domain';
import { invoke } from '../../../shared/ipc/channels';
import type { FeedInput } from '../../../shared/ipc/contract';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { suggestedTarget } from '../../../shared/publish-target';
import { header } from '../../support/fixtures/fixture-server';
import { MercureFixture } from '../../support/fixtures/mercure';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { recordingHost, waitFor } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

let dir: ReturnType<typeof tempDir>;
const cores: CoreInstance[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeEach(() => {
  dir = tempDir('tidings-feed-target-');
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const close of closers.splice(0)) await close();
  dir.cleanup();
});

async function open() {
  const core = await createCore({ dataDir: dir.dir, secrets: testCodec(), logger: captureLogger() });
  cores.push(core);
  return { core, handlers: core.createHandlers(recordingHost()) };
}

async function add(handlers: Awaited<ReturnType<typeof open>>['handlers'], input: FeedInput): Promise<Feed> {
  const added = await dispatch(handlers, invoke.feedsAdd, input);
  if (!added.ok) throw new Error(added.error.message);
  return added.data as Feed;
}

describe('the publish target', () => {
  test('profiles suggest one per URL; the editor’s choice wins; null turns publishing off', async () => {
    expect(suggestedTarget('ntfy', 'https://ntfy.example/a,b/sse?since=1')).toEqual({
      kind: 'ntfy',
      url: 'https://ntfy.example/a',
    });
    expect(suggestedTarget('mercure', 'https://hub.example/.well-known/mercure?topic=x&topic=y')).toEqual({
      kind: 'mercure',
      url: 'https://hub.example/.well-known/mercure',
      topics: ['x'],
      private: false,
    });
    expect(suggestedTarget('wikimedia', 'https://stream.wikimedia.org/v2/stream/recentchange')).toBeNull();

    const ntfy = await new NtfyFixture().start();
    closers.push(() => ntfy.close());
    const { handlers } = await open();
    // An ntfy feed whose composer publishes to another topic, with a default title, priority and tags.
    const feed = await add(handlers, {
      ...defaultFeedInput(`${ntfy.url}/alerts/sse`),
      profile: 'ntfy',
      server: {
        publish: {
          kind: 'ntfy',
          url: `${ntfy.url}/replies`,
          title: 'From the desk',
          priority: 4,
          tags: ['speech_balloon'],
        },
      },
    });
    expect(feed.server?.publish).toMatchObject({ kind: 'ntfy', url: `${ntfy.url}/replies` });
    const sent = await dispatch(handlers, invoke.feedsPublish, { id: feed.id, text: 'on my way' });
    expect(sent.ok && sent.data).toMatchObject({ ok: true, status: 200 });
    expect(ntfy.messages.map((m) => [m.topic, m.message, m.title, m.priority, m.tags])).toEqual([
      ['replies', 'on my way', 'From the desk', 4, ['speech_balloon']],
    ]);
    // The composer's own title and priority for one message win over the target's defaults; bad ones are refused.
    const own = await dispatch(handlers, invoke.feedsPublish, { id: feed.id, text: 'fire', title: 'Now', priority: 5 });
    expect(own.ok && own.data).toMatchObject({ ok: true, status: 200 });
    expect(ntfy.messages.map((m) => [m.message, m.title, m.priority]).at(-1)).toEqual(['fire', 'Now', 5]);
    const bad = await dispatch(handlers, invoke.feedsPublish, { id: feed.id, text: 'x', priority: 9 });
    expect(bad.ok).toBe(false);
    expect(ntfy.messages).toHaveLength(2);

    const off = await dispatch(handlers, invoke.feedsUpdate, {
      id: feed.id,
      input: { ...defaultFeedInput(feed.url), profile: 'ntfy', server: { publish: null } },
    });
    expect(off.ok && (off.data as Feed).server?.publish).toBeNull();
    const refused = await dispatch(handlers, invoke.feedsPublish, { id: feed.id, text: 'x' });
    expect(refused.ok && refused.data).toMatchObject({ ok: false, failure: 'no-target' });
    expect(ntfy.messages).toHaveLength(2);
  });

  test('a generic target sends its template; an update without server options keeps them', async () => {
    const ntfy = await new NtfyFixture().start();
    closers.push(() => ntfy.close());
    const { handlers } = await open();
    const feed = await add(handlers, {
      ...defaultFeedInput(`${ntfy.url}/chat/sse`),
      server: {
        publish: {
          kind: 'generic',
          method: 'POST',
          url: `${ntfy.url}/`,
          contentType: 'application/json',
          bodyTemplate: '{"topic":"chat","message":"{{text}}"}',
        },
      },
    });
    const renamed = await dispatch(handlers, invoke.feedsUpdate, {
      id: feed.id,
      input: { ...defaultFeedInput(feed.url), name: 'Chat' },
    });
    expect(renamed.ok && (renamed.data as Feed).server?.publish).toMatchObject({ kind: 'generic' });
    await dispatch(handlers, invoke.feedsPublish, { id: feed.id, text: 'say "hi"' });
    expect(ntfy.messages.map((m) => [m.topic, m.message])).toEqual([['chat', 'say "hi"']]);
  });
});

describe('the Mercure publisher token, kept like a secret header', () => {
  test('encrypted at rest, never in the view, masked in export, kept across a restart, removed with ""', async () => {
    const hub = await new MercureFixture({ publisherToken: 'pub.jwt.token' }).start();
    closers.push(() => hub.close());
    const url = `${hub.url}/.well-known/mercure?topic=orders`;
    const first = await open();
    const feed = await add(first.handlers, {
      ...defaultFeedInput(url),
      server: {
        publish: { kind: 'mercure', url: `${hub.url}/.well-known/mercure`, topics: ['orders'], private: false },
        publishToken: 'pub.jwt.token',
      },
    });
    expect(feed.server).toEqual({
      publish: { kind: 'mercure', url: `${hub.url}/.well-known/mercure`, topics: ['orders'], private: false },
      hasPublishToken: true,
    });
    expect(JSON.stringify(feed)).not.toContain('pub.jwt.token');
    const sent = await dispatch(first.handlers, invoke.feedsPublish, { id: feed.id, text: 'shipped' });
    expect(sent.ok && sent.data).toMatchObject({ ok: true, status: 200 });
    expect(hub.updates.map((u) => [u.topics, u.data])).toEqual([[['orders'], 'shipped']]);

    const masked = await dispatch(first.handlers, invoke.feedsExport, { includeSecrets: false });
    expect(masked.ok && masked.data).not.toContain('pub.jwt.token');
    expect(masked.ok && JSON.parse(masked.data as string).feeds[0].server.publish.kind).toBe('mercure');
    const full = await dispatch(first.handlers, invoke.feedsExport, { includeSecrets: true });
    expect(full.ok && JSON.parse(full.data as string).feeds[0].server.publishToken).toBe('pub.jwt.token');
    await first.core.close();

    const raw = new Database(join(dir.dir, 'tidings.db'), { readonly: true });
    const stored = (raw.prepare('SELECT server FROM feeds').raw().get() as [string])[0];
    raw.close();
    expect(stored).not.toContain('pub.jwt.token');
    expect(JSON.parse(stored).tokenCipher).toMatch(/^enc:/);

    // A restart decrypts it again; editing without a token keeps it; '' removes it.
    const second = await open();
    const again = await dispatch(second.handlers, invoke.feedsPublish, { id: feed.id, text: 'again' });
    expect(again.ok && again.data).toMatchObject({ ok: true });
    const kept = await dispatch(second.handlers, invoke.feedsUpdate, {
      id: feed.id,
      input: { ...defaultFeedInput(url), server: { publish: feed.server!.publish!, publishToken: null } },
    });
    expect(kept.ok && (kept.data as Feed).server?.hasPublishToken).toBe(true);
    const removed = await dispatch(second.handlers, invoke.feedsUpdate, {
      id: feed.id,
      input: { ...defaultFeedInput(url), server: { publish: feed.server!.publish!, publishToken: '' } },
    });
    expect(removed.ok && (removed.data as Feed).server?.hasPublishToken).toBeUndefined();
    const unauthorised = await dispatch(second.handlers, invoke.feedsPublish, { id: feed.id, text: 'no token' });
    expect(unauthorised.ok && unauthorised.data).toMatchObject({ ok: false, failure: 'http', status: 401 });
    expect(hub.updates.map((u) => u.data)).toEqual(['shipped', 'again']);
  });
});

describe('ntfy and Mercure subscribe options', () => {
  test('ntfy: the first subscribe asks since=10m, credentials go as ?auth=, the header stays home', async () => {
    const ntfy = await new NtfyFixture({ token: 'tk_q' }).start();
    closers.push(() => ntfy.close());
    ntfy.publish('alerts', 'from five minutes ago');
    const { core, handlers } = await open();
    await add(handlers, {
      ...defaultFeedInput(`${ntfy.url}/alerts/sse`),
      profile: 'ntfy',
      headers: [{ name: 'Authorization', value: 'Bearer tk_q', secret: true }],
      server: { firstSince: '10m', authInQuery: true },
    });
    await ntfy.server.waitForClients(1);
    const subscribe = ntfy.server.requestsTo(/\/sse$/)[0]!;
    expect(subscribe.since).toBe('10m');
    expect(Buffer.from(subscribe.query.get('auth')!, 'base64url').toString('utf8')).toBe('Bearer tk_q');
    expect(header(subscribe, 'authorization')).toBeNull();
    // The message published before the subscription arrives: the first subscribe asked for ten minutes.
    await waitFor(() => {
      void core.flush();
      return core.unreadTotal() === 1;
    }, 'the cached message');
  });

  test('Test connection asks what the feed would: since=10m and ?auth= (a new feed, and an edited one keeping its stored options)', async () => {
    const ntfy = await new NtfyFixture({ token: 'tk_t' }).start();
    closers.push(() => ntfy.close());
    const { handlers } = await open();
    const input: FeedInput = {
      ...defaultFeedInput(`${ntfy.url}/alerts/sse`),
      profile: 'ntfy',
      headers: [{ name: 'Authorization', value: 'Bearer tk_t', secret: true }],
      server: { firstSince: '10m', authInQuery: true },
      enabled: false,
    };
    const tested = await dispatch(handlers, invoke.feedsTest, { input });
    expect(tested.ok && tested.data).toMatchObject({ status: 200, reason: null });
    const asked = ntfy.server.requestsTo(/\/sse$/);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.since).toBe('10m');
    expect(Buffer.from(asked[0]!.query.get('auth')!, 'base64url').toString('utf8')).toBe('Bearer tk_t');
    expect(header(asked[0]!, 'authorization')).toBeNull();

    // Editing a stored (disabled) feed: the form sends the secret as null and no server options.
    const feed = await add(handlers, input);
    const { server: _kept, ...withoutServer } = input;
    const edited = { ...withoutServer, headers: [{ name: 'Authorization', value: null, secret: true }] };
    const again = await dispatch(handlers, invoke.feedsTest, { id: feed.id, input: edited });
    expect(again.ok && again.data).toMatchObject({ status: 200, reason: null });
    const second = ntfy.server.requestsTo(/\/sse$/)[1]!;
    expect(second.since).toBe('10m');
    expect(second.query.get('auth')).not.toBeNull();
  });

  test('ntfy without options: no since on the first subscribe, the Authorization header as usual', async () => {
    const ntfy = await new NtfyFixture({ token: 'tk_h' }).start();
    closers.push(() => ntfy.close());
    const { handlers } = await open();
    await add(handlers, {
      ...defaultFeedInput(`${ntfy.url}/alerts/sse`),
      profile: 'ntfy',
      headers: [{ name: 'Authorization', value: 'Bearer tk_h', secret: true }],
    });
    await ntfy.server.waitForClients(1);
    const subscribe = ntfy.server.requestsTo(/\/sse$/)[0]!;
    expect([subscribe.since, subscribe.query.get('auth'), header(subscribe, 'authorization')]).toEqual([
      null,
      null,
      'Bearer tk_h',
    ]);
  });

  test('Mercure: the subscriber JWT as ?authorization= when asked', async () => {
    const hub = await new MercureFixture({ subscriberToken: 'sub.jwt' }).start();
    closers.push(() => hub.close());
    const { handlers } = await open();
    await add(handlers, {
      ...defaultFeedInput(`${hub.url}/.well-known/mercure?topic=orders`),
      headers: [{ name: 'Authorization', value: 'Bearer sub.jwt', secret: true }],
      server: { authInQuery: true },
    });
    await hub.server.waitForClients(1);
    const subscribe = hub.server.requests.find((r) => r.method === 'GET')!;
    expect([subscribe.query.get('authorization'), header(subscribe, 'authorization')]).toEqual(['sub.jwt', null]);
  });
});
