import { describe, expect, test } from 'vitest';
import { WikimediaFixture } from '../../support/fixtures/wikimedia';
import { settle, testScope } from './reader';

const scope = testScope();

describe('Wikimedia EventStreams profile against an EventStreams fixture', () => {
  test('detected from the /v2/stream/ URL; canary events are control; an edit maps to a summary', async () => {
    const wiki = await scope.fixture(new WikimediaFixture().start());
    const r = scope.reader({ url: `${wiki.url}/v2/stream/recentchange`, headers: {} });
    expect(r.session.profile.id).toBe('wikimedia');
    await r.connect();
    await wiki.server.waitForClients(1);
    wiki.canary();
    const edit = wiki.edit('Tidings', 'Alice', 'fix typo');
    wiki.canary();
    await r.waitForMessages(1);
    await r.waitFor(() => r.control.length === 2, '2 canaries');
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]!.mapped).toMatchObject({
      title: 'en.wikipedia.org: Tidings',
      body: 'Alice — fix typo',
      tags: [{ name: 'edit', emoji: null }],
      link: 'https://en.wikipedia.org/w/index.php?diff=1',
      serverId: edit.data.meta.id,
      time: Date.parse(edit.data.meta.dt),
    });
  });

  test('resumes with since=<time of the last stored event>, dropping what that inclusive since sends again', async () => {
    const wiki = await scope.fixture(new WikimediaFixture().start());
    const r = scope.reader({ url: `${wiki.url}/v2/stream/recentchange`, headers: {} });
    await r.connect();
    await wiki.server.waitForClients(1);
    wiki.edit('A', 'u', 'one');
    wiki.edit('B', 'u', 'two');
    await r.waitForMessages(2);
    await r.disconnect();
    wiki.edit('C', 'u', 'three, same millisecond as two', { sameTime: true });
    wiki.canary();
    wiki.edit('D', 'u', 'four');
    // a restart: a new reader with only the persisted cursor
    const again = scope.reader({ url: `${wiki.url}/v2/stream/recentchange`, headers: {} }, 'auto', r.cursor);
    await again.connect();
    await again.waitForMessages(2);
    await settle();
    expect(again.bodies()).toEqual(['u — three, same millisecond as two', 'u — four']);
    expect(again.replayed.length).toBe(1); // "two", sent again by the inclusive since
    expect(wiki.sinceAsked).toEqual([null, wiki.events[1]!.data.meta.dt]);
  });
});
