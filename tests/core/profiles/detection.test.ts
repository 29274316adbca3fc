import { describe, expect, test } from 'vitest';
import { mapGeneric, priorityOf } from '../../../electron/main/core/profiles/fields';
import { ProfileSession, detectFromUrl, PROFILES } from '../../../electron/main/core/profiles/registry';
import { PROFILE_IDS, type ProfileEvent } from '../../../electron/main/core/profiles/types';

const ev = (type: string, data: string, lastEventId: string | null = null): ProfileEvent => ({
  type,
  data,
  lastEventId,
});

describe('profile detection', () => {
  test.each([
    ['https://ntfy.sh/alerts/sse', 'ntfy'],
    ['https://ntfy.example.org/a,b/sse?since=all', 'ntfy'],
    ['https://hub.example.com/.well-known/mercure?topic=orders', 'mercure'],
    ['https://stream.wikimedia.org/v2/stream/recentchange', 'wikimedia'],
    ['http://127.0.0.1:8080/v2/stream/page-create,recentchange', 'wikimedia'],
    ['https://mastodon.social/api/v1/streaming/user', 'mastodon'],
    ['https://mastodon.social/api/v1/streaming?stream=public', 'mastodon'],
    ['https://smee.io/AbCdEf123', 'smee'],
    ['http://couch:5984/orders/_changes?feed=eventsource&heartbeat=10000', 'couchdb'],
    ['http://couch:5984/orders/_changes?feed=continuous', null],
    ['https://push.example.com/alerts/sse', null],
    ['https://example.com/events', null],
    ['not a url', null],
  ])('%s → %s', (url, expected) => {
    expect(detectFromUrl(url)).toBe(expected);
  });

  test('an undetected feed is decided by its first events, or settles on generic after three', () => {
    const ntfy = new ProfileSession('auto', 'https://push.example.com/alerts/sse');
    expect(ntfy.detected).toBe(false);
    const open = ntfy.classify(ev('open', '{"id":"x1","time":1,"event":"open","topic":"alerts"}'));
    expect(open).toEqual({ kind: 'control', profile: 'ntfy' });
    expect(ntfy.detected).toBe(true);

    const nchan = new ProfileSession('auto', 'https://example.com/sub/orders');
    expect(nchan.classify(ev('message', 'hi', '1796147977:0'))).toMatchObject({ kind: 'message', profile: 'nchan' });

    const plain = new ProfileSession('auto', 'https://example.com/events');
    for (const data of ['a', 'b', 'c']) expect(plain.classify(ev('message', data, data)).kind).toBe('message');
    expect(plain.detected).toBe(true);
    expect(plain.profile.id).toBe('generic');
    // once settled, an event that looks like ntfy's changes nothing
    expect(plain.classify(ev('open', '{"id":"x","time":1,"event":"open","topic":"t"}')).kind).toBe('message');
  });

  test('a chosen profile overrides detection', () => {
    const session = new ProfileSession('generic', 'https://ntfy.sh/alerts/sse');
    expect(session.profile.id).toBe('generic');
    expect(session.classify(ev('keepalive', '{"id":"k","time":1,"event":"keepalive","topic":"alerts"}')).kind).toBe(
      'message',
    );
  });

  test('every profile id has a profile with documentation cited', () => {
    for (const id of PROFILE_IDS) {
      expect(PROFILES[id].id).toBe(id);
      expect(PROFILES[id].docs).toMatch(/^https:\/\//);
    }
  });
});

describe('generic profile: exactly today’s behaviour, plus mapped fields', () => {
  test('every event is a message, resumed with Last-Event-ID', () => {
    const generic = PROFILES.generic;
    expect(generic.isControl(ev('ping', ''))).toBe(false);
    expect(generic.isControl(ev('keepalive', '{}'))).toBe(false);
    expect(generic.request({ url: 'https://x.example/e', headers: { 'X-Key': 'k' } }, null)).toEqual({
      url: 'https://x.example/e',
      headers: { 'X-Key': 'k' },
    });
    expect(generic.request({ url: 'https://x.example/e', headers: {} }, '42')).toEqual({
      url: 'https://x.example/e',
      headers: { 'Last-Event-ID': '42' },
    });
    expect(generic.cursorOf(ev('message', 'x', '42'))).toBe('42');
  });

  test.each([
    [5, 5],
    ['4', 4],
    ['urgent', 5],
    ['CRITICAL', 5],
    ['fatal', 5],
    ['error', 4],
    ['high', 4],
    ['warning', 3],
    ['info', 3],
    ['low', 2],
    ['debug', 2],
    ['min', 1],
    ['trace', 1],
    [0, null],
    [7, null],
    [2.5, null],
    ['loud', null],
    [null, null],
  ])('priority %j → %j', (value, expected) => {
    expect(priorityOf(value)).toBe(expected);
  });

  test('JSON with priority / severity / level maps; links only http(s); text is the body', () => {
    expect(
      mapGeneric('{"title":"Disk","message":"full","severity":"critical","url":"https://x.example/d"}', '1'),
    ).toMatchObject({ title: 'Disk', body: 'full', priority: 5, link: 'https://x.example/d', serverId: '1' });
    expect(
      mapGeneric('{"summary":"Build","text":"failed","level":"error","link":"javascript:alert(1)"}', null),
    ).toMatchObject({ title: 'Build', body: 'failed', priority: 4, link: null });
    expect(mapGeneric('{"msg":"x","priority":2,"tags":["a","b","a"]}', null)).toMatchObject({
      priority: 2,
      tags: [
        { name: 'a', emoji: null },
        { name: 'b', emoji: null },
      ],
    });
    expect(mapGeneric('  plain text\nline 2 ', null)).toMatchObject({
      title: null,
      body: 'plain text\nline 2',
      priority: null,
    });
    expect(mapGeneric('{"link":"https://user:pw@x.example/"}', null).link).toBeNull();
  });
});
