import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { defaultTarget, prepare, publish } from '../../../electron/main/core/publish';
import { MercureFixture } from '../../support/fixtures/mercure';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { settle, testScope, type ProfileReader } from '../profiles/reader';

const scope = testScope();

async function subscribed(url: string, headers: Record<string, string> = {}): Promise<ProfileReader> {
  const reader = scope.reader({ url, headers });
  await reader.connect();
  return reader;
}

describe('publishing to ntfy', () => {
  test('POST to the topic with Title / Priority / Tags; the echo arrives once and carries the answered id', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ token: 'tk' }).start());
    const feedUrl = `${ntfy.url}/alerts,ops/sse`;
    const reader = await subscribed(feedUrl, { Authorization: 'Bearer tk' });
    await reader.waitFor(() => reader.session.profile.id === 'ntfy', 'ntfy detected');
    const target = defaultTarget('ntfy', feedUrl)!;
    expect(target).toEqual({ kind: 'ntfy', url: `${ntfy.url}/alerts` });

    const result = await publish(
      target,
      {
        text: 'Backup finished\nall good',
        title: 'Nachricht für “alle”',
        priority: 4,
        tags: ['white_check_mark', 'backup'],
      },
      { headers: { Authorization: 'Bearer tk', 'Last-Event-ID': 'never sent', Accept: 'text/event-stream' } },
    );
    expect(result).toEqual({ ok: true, status: 200, messageId: ntfy.messages[0]!.id });
    await reader.waitForMessages(1);
    await settle();
    expect(reader.messages).toHaveLength(1);
    expect(reader.messages[0]!.mapped).toMatchObject({
      title: 'Nachricht für “alle”',
      body: 'Backup finished\nall good',
      priority: 4,
      tags: [
        { name: 'white_check_mark', emoji: '✅' },
        { name: 'backup', emoji: null },
      ],
    });
    expect(reader.messages[0]!.mapped.serverId).toBe(result.ok && result.messageId);
    const post = ntfy.server.requests.find((r) => r.method === 'POST')!;
    expect(post.headers['last-event-id']).toBeUndefined();
    expect(post.headers.accept).not.toBe('text/event-stream');
  });

  test('an error answer gives the status and the server’s error text', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ token: 'tk' }).start());
    const result = await publish({ kind: 'ntfy', url: `${ntfy.url}/alerts` }, { text: 'x' }, { headers: {} });
    expect(result).toEqual({ ok: false, failure: 'http', status: 401, error: 'unauthorized' });
  });
});

describe('publishing to Mercure', () => {
  test('form POST with the publisher token; the update id answered is the echo’s SSE id', async () => {
    const hub = await scope.fixture(
      new MercureFixture({ publisherToken: 'pub.jwt', subscriberToken: 'sub.jwt' }).start(),
    );
    const feedUrl = `${hub.hubUrl}?topic=https://example.com/chat/1`;
    const reader = await subscribed(feedUrl, { Authorization: 'Bearer sub.jwt' });
    const target = defaultTarget('mercure', feedUrl)!;
    if (target.kind !== 'mercure') throw new Error('expected a Mercure target');
    expect(target).toEqual({
      kind: 'mercure',
      url: hub.hubUrl,
      topics: ['https://example.com/chat/1'],
      private: false,
    });

    const denied = await publish(target, { text: 'hi' }, { headers: { Authorization: 'Bearer sub.jwt' } });
    expect(denied).toEqual({ ok: false, failure: 'http', status: 401, error: 'Unauthorized' });

    const result = await publish(
      { ...target, private: true },
      { text: '{"message":"hello & bye"}' },
      {
        headers: { Authorization: 'Bearer sub.jwt' },
        publisherToken: 'pub.jwt',
      },
    );
    expect(result.ok).toBe(true);
    await reader.waitForMessages(1);
    await settle();
    expect(reader.messages).toHaveLength(1);
    expect(reader.messages[0]!.mapped.body).toBe('hello & bye');
    expect(result.ok && result.messageId).toBe(reader.messages[0]!.event.lastEventId);
    expect(hub.updates[0]!.private).toBe(true);
  });
});

describe('publishing with a generic target', () => {
  test('{{text}} is JSON-escaped in a JSON template (here ntfy’s JSON publishing)', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    const reader = await subscribed(`${ntfy.url}/chat/sse`);
    const text = 'He said "hi"\nthen \\left';
    const result = await publish(
      {
        kind: 'generic',
        method: 'post',
        url: `${ntfy.url}/`,
        contentType: 'application/json',
        bodyTemplate: '{"topic":"chat","message":"{{text}}","title":"{{text}}"}',
      },
      { text },
    );
    expect(result).toEqual({ ok: true, status: 200, messageId: ntfy.messages[0]!.id });
    await reader.waitForMessages(1);
    expect(reader.messages[0]!.mapped).toMatchObject({ body: text, title: text });
  });

  test('form and plain templates', () => {
    const form = prepare(
      {
        kind: 'generic',
        method: 'PUT',
        url: 'https://x.example/p',
        contentType: 'application/x-www-form-urlencoded',
        bodyTemplate: 'msg={{text}}&x=1',
      },
      { text: 'a&b=c é' },
      { 'X-Api-Key': 'k', 'Last-Event-ID': '5' },
    );
    expect(form).toEqual({
      method: 'PUT',
      url: 'https://x.example/p',
      headers: { 'X-Api-Key': 'k', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'msg=a%26b%3Dc%20%C3%A9&x=1',
    });
    expect(() =>
      prepare(
        { kind: 'generic', method: 'CONNECT', url: 'https://x.example', contentType: 'text/plain', bodyTemplate: '' },
        { text: '' },
        {},
      ),
    ).toThrow();
  });
});

describe('what a failed send says', () => {
  async function server(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
    const s = http.createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    return {
      url,
      close: () => {
        s.closeAllConnections();
        return new Promise<void>((resolve) => s.close(() => resolve()));
      },
    };
  }

  test('a redirect is not followed with credentials', async () => {
    let followed = false;
    const { url: base } = await scope.fixture(
      server((req, res) => {
        if (req.url === '/elsewhere') followed = true;
        res.writeHead(307, { Location: '/elsewhere' }).end();
      }),
    );
    const result = await publish(
      { kind: 'nchan', url: `${base}/pub/x` },
      { text: 'x' },
      { headers: { Authorization: 'Bearer s' } },
    );
    expect(result).toEqual({ ok: false, failure: 'redirect', status: 307, error: '/elsewhere' });
    expect(followed).toBe(false);
  });

  test('timeout, refused connection, unusable target', async () => {
    const { url: base } = await scope.fixture(server(() => undefined)); // never answers
    expect(await publish({ kind: 'nchan', url: `${base}/pub/x` }, { text: 'x' }, { timeoutMs: 200 })).toEqual({
      ok: false,
      failure: 'timeout',
      status: null,
      error: 'timeout',
    });
    const closed = await server(() => undefined);
    await closed.close();
    const refused = await publish({ kind: 'nchan', url: `${closed.url}/pub/x` }, { text: 'x' });
    expect(refused).toMatchObject({ ok: false, failure: 'network', status: null, error: 'ECONNREFUSED' });
    expect(await publish({ kind: 'nchan', url: 'file:///etc/passwd' }, { text: 'x' })).toMatchObject({
      ok: false,
      failure: 'invalid-target',
    });
  });
});
