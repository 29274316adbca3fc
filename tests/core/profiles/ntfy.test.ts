import { describe, expect, test } from 'vitest';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { settle, testScope } from './reader';

const scope = testScope();

describe('ntfy profile against an ntfy fixture', () => {
  test('detected from the first event; open and keepalive are control, never messages', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ keepaliveMs: 40 }).start());
    const r = scope.reader({ url: `${ntfy.url}/alerts/sse`, headers: {} });
    expect(r.session.detected).toBe(false); // a loopback URL says nothing
    await r.connect();
    await r.waitFor(() => r.control.length >= 3, 'open + 2 keepalives');
    expect(r.session.profile.id).toBe('ntfy');
    expect(r.control[0]!.type).toBe('open');
    expect(r.control.slice(1).every((e) => e.type === 'keepalive')).toBe(true);
    expect(r.messages).toEqual([]);
    expect(r.session.controlEvents).toBe(r.control.length);

    ntfy.publish('alerts', 'Disk full');
    await r.waitForMessages(1);
    expect(r.bodies()).toEqual(['Disk full']);
  });

  test('maps title, priority, tags with emoji, click, actions, attachment and time', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    const r = scope.reader({ url: `${ntfy.url}/alerts/sse`, headers: {} });
    await r.connect();
    await r.waitFor(() => r.control.length === 1, 'open');
    const sent = ntfy.publish('alerts', 'Remote access to phils-laptop detected. Act right away.', {
      title: 'Unauthorized access detected',
      priority: 5,
      tags: ['warning', 'skull', 'backup-host'],
      click: 'https://home.example/alerts/17',
      icon: 'https://home.example/icon.png',
      actions: [
        { action: 'view', label: 'Open portal', url: 'https://home.example/portal' },
        { action: 'http', label: 'Close door', url: 'https://api.example/door', method: 'put', body: '{"open":false}' },
        { action: 'broadcast', label: 'Take picture' },
        { action: 'view', label: 'Bad link', url: 'javascript:alert(1)' },
      ],
      attachment: {
        name: 'flower.jpg',
        type: 'image/jpeg',
        size: 15398,
        expires: 1_900_000_000,
        url: 'https://home.example/file/x.jpg',
      },
    });
    await r.waitForMessages(1);
    const { mapped, cursor } = r.messages[0]!;
    expect(mapped.title).toBe('Unauthorized access detected');
    expect(mapped.body).toBe('Remote access to phils-laptop detected. Act right away.');
    expect(mapped.priority).toBe(5);
    expect(mapped.tags).toEqual([
      { name: 'warning', emoji: '⚠️' },
      { name: 'skull', emoji: '💀' },
      { name: 'backup-host', emoji: null },
    ]);
    expect(mapped.link).toBe('https://home.example/alerts/17');
    expect(mapped.icon).toBe('https://home.example/icon.png');
    expect(mapped.actions).toEqual([
      { kind: 'view', label: 'Open portal', url: 'https://home.example/portal' },
      {
        kind: 'http',
        label: 'Close door',
        url: 'https://api.example/door',
        method: 'PUT',
        headers: {},
        body: '{"open":false}',
      },
    ]);
    expect(mapped.attachments).toEqual([
      {
        name: 'flower.jpg',
        type: 'image/jpeg',
        size: 15398,
        url: 'https://home.example/file/x.jpg',
        expiresAt: 1_900_000_000_000,
      },
    ]);
    expect(mapped.time).toBe(sent.time * 1000);
    expect(mapped.serverId).toBe(sent.id);
    expect(cursor).toBe(sent.id);
  });

  test('resumes after a drop with since=<last message id>: exactly what was missed', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    const r = scope.reader({ url: `${ntfy.url}/alerts/sse`, headers: {} });
    await r.connect();
    ntfy.publish('alerts', 'one');
    ntfy.publish('alerts', 'two');
    await r.waitForMessages(2);
    await r.disconnect();
    ntfy.publish('alerts', 'three (missed)');
    ntfy.publish('other', 'not my topic');
    ntfy.publish('alerts', 'four (missed)');
    await r.connect();
    await r.waitForMessages(4);
    ntfy.publish('alerts', 'five');
    await r.waitForMessages(5);
    await settle();
    expect(r.bodies()).toEqual(['one', 'two', 'three (missed)', 'four (missed)', 'five']);
    expect(ntfy.sinceAsked).toEqual([null, ntfy.messages[1]!.id]);
  });

  test('resumes after a restart of app and server from the stored cursor; first subscribe may ask since=10m', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    ntfy.publish('alerts', 'before we ever subscribed');
    const first = scope.reader({ url: `${ntfy.url}/alerts/sse`, headers: {}, firstSince: '10m' }, 'ntfy');
    await first.connect();
    await first.waitForMessages(1);
    expect(first.bodies()).toEqual(['before we ever subscribed']);
    await first.disconnect();
    await ntfy.server.restart();
    ntfy.publish('alerts', 'while the app was closed');
    // a new app run: a new session and reader, only the persisted cursor carried over
    const second = scope.reader(
      { url: `${ntfy.url}/alerts/sse`, headers: {}, firstSince: '10m' },
      'ntfy',
      first.cursor,
    );
    await second.connect();
    await second.waitForMessages(1);
    await settle();
    expect(second.bodies()).toEqual(['while the app was closed']);
    expect(ntfy.sinceAsked).toEqual(['10m', ntfy.messages[0]!.id]);
  });

  test('several topics in one subscription', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    const r = scope.reader({ url: `${ntfy.url}/a,b/sse`, headers: {} });
    await r.connect();
    ntfy.publish('a', 'for a');
    ntfy.publish('c', 'for c');
    ntfy.publish('b', 'for b');
    await r.waitForMessages(2);
    await settle();
    expect(r.bodies()).toEqual(['for a', 'for b']);
  });

  test('auth: Bearer header, or ?auth= when the header must not be sent', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ token: 'tk_secret' }).start());
    const denied = scope.reader({ url: `${ntfy.url}/alerts/sse`, headers: {} }, 'ntfy');
    await denied.connect();
    expect(denied.status).toBe(401);

    const header = scope.reader(
      { url: `${ntfy.url}/alerts/sse`, headers: { Authorization: 'Bearer tk_secret' } },
      'ntfy',
    );
    await header.connect();
    expect(header.status).toBe(200);

    const query = scope.reader(
      { url: `${ntfy.url}/alerts/sse`, headers: { Authorization: 'Bearer tk_secret' }, authInQuery: true },
      'ntfy',
    );
    await query.connect();
    expect(query.status).toBe(200);
    const asked = ntfy.server.requests.at(-1)!;
    expect(asked.headers.authorization).toBeUndefined();
    expect(asked.query.get('auth')).toBe(Buffer.from('Bearer tk_secret').toString('base64url'));
  });
});
