import { describe, expect, test } from 'vitest';
import { MercureFixture } from '../../support/fixtures/mercure';
import { settle, testScope } from './reader';

const scope = testScope();

describe('Mercure profile against a Mercure hub fixture', () => {
  test('detected from the URL; JSON updates map like any JSON; resume sends Last-Event-ID and lastEventID', async () => {
    const hub = await scope.fixture(new MercureFixture({ publisherToken: 'pub' }).start());
    const r = scope.reader({ url: `${hub.hubUrl}?topic=orders&topic=alerts`, headers: {} });
    expect(r.session.profile.id).toBe('mercure');
    expect(r.session.detected).toBe(true);
    await r.connect();
    hub.publish(['orders'], JSON.stringify({ title: 'Order 17', message: 'paid', severity: 'critical' }));
    hub.publish(['elsewhere'], 'not subscribed');
    hub.publish(['alerts'], 'plain text update', { type: 'alert' });
    await r.waitForMessages(2);
    const [order, alert] = r.messages;
    expect(order!.mapped).toMatchObject({ title: 'Order 17', body: 'paid', priority: 5, serverId: hub.updates[0]!.id });
    expect(alert!.event.type).toBe('alert');
    expect(alert!.mapped.body).toBe('plain text update');
    expect(r.cursor).toBe(hub.updates[2]!.id);

    await r.disconnect();
    hub.publish(['orders'], 'missed 1');
    hub.publish(['alerts'], 'missed 2');
    await r.connect();
    await r.waitForMessages(4);
    await settle();
    expect(r.bodies().slice(2)).toEqual(['missed 1', 'missed 2']);
    expect(hub.lastEventIdsAsked).toEqual([null, hub.updates[2]!.id]);
    const resumed = hub.server.requests.at(-1)!;
    expect(resumed.headers['last-event-id']).toBe(hub.updates[2]!.id);
    expect(resumed.query.get('lastEventID')).toBe(hub.updates[2]!.id);
  });

  test('a proxy that strips headers still resumes through lastEventID', async () => {
    const hub = await scope.fixture(new MercureFixture({ publisherToken: 'pub' }).start());
    const first = hub.publish(['t'], 'seen');
    hub.publish(['t'], 'missed');
    const r = scope.reader({ url: `${hub.hubUrl}?topic=t`, headers: {} }, 'auto', first.id);
    const plan = r.session.profile.request(r.feed, first.id);
    // what reaches the hub when a proxy strips the header: only the query parameter
    const response = await fetch(plan.url, { headers: {} });
    const body = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('missed')) text += (await body.read()).value ?? '';
    await body.cancel();
    expect(text).not.toContain('data: seen');
    expect(text).toContain(`id: ${hub.updates[1]!.id}\ndata: missed`);
    expect(hub.server.requests.at(-1)!.headers['last-event-id']).toBeUndefined();
    expect(hub.server.requests.at(-1)!.lastEventId).toBe(first.id);
  });

  test('the subscriber JWT as Bearer header or authorization query parameter', async () => {
    const hub = await scope.fixture(new MercureFixture({ subscriberToken: 'sub.jwt' }).start());
    const denied = scope.reader({ url: `${hub.hubUrl}?topic=t`, headers: {} });
    await denied.connect();
    expect(denied.status).toBe(401);
    const viaHeader = scope.reader({ url: `${hub.hubUrl}?topic=t`, headers: { Authorization: 'Bearer sub.jwt' } });
    await viaHeader.connect();
    expect(viaHeader.status).toBe(200);
    const viaQuery = scope.reader({
      url: `${hub.hubUrl}?topic=t`,
      headers: { authorization: 'Bearer sub.jwt' },
      authInQuery: true,
    });
    await viaQuery.connect();
    expect(viaQuery.status).toBe(200);
    expect(hub.server.requests.at(-1)!.query.get('authorization')).toBe('sub.jwt');
    expect(hub.server.requests.at(-1)!.headers.authorization).toBeUndefined();
  });
});
