import { describe, expect, test } from 'vitest';
import { CouchDbFixture } from '../../support/fixtures/couchdb';
import { settle, testScope } from './reader';

const scope = testScope();

describe('CouchDB profile against a _changes?feed=eventsource fixture', () => {
  test('heartbeat is control; changes map; resume with since=<last seq> after a drop and a restart', async () => {
    const couch = await scope.fixture(new CouchDbFixture().start());
    couch.put('invoice-1', { title: 'Invoice 1', total: 10 });
    const url = `${couch.url}/orders/_changes?feed=eventsource&heartbeat=40&include_docs=true`;
    const r = scope.reader({ url, headers: {} });
    expect(r.session.profile.id).toBe('couchdb');
    await r.connect();
    await r.waitForMessages(1);
    await r.waitFor(() => r.control.length >= 2, '2 heartbeats');
    expect(r.control.every((e) => e.type === 'heartbeat')).toBe(true);
    expect(r.messages[0]!.mapped).toMatchObject({ title: 'Invoice 1', serverId: 'invoice-1' });
    expect(r.cursor).toBe(couch.changes[0]!.seq);

    await r.disconnect();
    couch.put('invoice-2', { title: 'Invoice 2' });
    couch.put('invoice-1', { title: 'Invoice 1 (paid)' });
    await r.connect();
    await r.waitForMessages(3);
    expect(r.messages.map((m) => m.mapped.title)).toEqual(['Invoice 1', 'Invoice 2', 'Invoice 1 (paid)']);

    await r.disconnect();
    await couch.server.restart();
    couch.put('invoice-3', { message: 'new' });
    const again = scope.reader({ url, headers: {} }, 'auto', r.cursor);
    await again.connect();
    await again.waitForMessages(1);
    await settle();
    expect(again.messages.map((m) => m.mapped.title)).toEqual(['invoice-3']);
    expect(again.messages[0]!.mapped.body).toBe('new');
    expect(couch.sinceAsked).toEqual([null, couch.changes[0]!.seq, couch.changes[2]!.seq]);
  });
});
