/**
 * The Nchan profile against the real Nchan (Debian's nginx + libnginx-mod-nchan). Skips visibly, with the reason
 * in the title, only when nginx or the module is absent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { NchanServer, nchanMissing } from '../../support/fixtures/nchan';
import { ProfileReader, settle } from './reader';

const title = nchanMissing ? `Nchan profile — SKIPPED: ${nchanMissing}` : 'Nchan profile against the real Nchan';

describe.skipIf(nchanMissing !== null)(title, () => {
  const server = new NchanServer();
  const readers: ProfileReader[] = [];

  beforeAll(() => server.start().then(() => undefined), 20_000);
  afterAll(() => server.close());
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.disconnect();
  });

  async function publish(channel: string, body: string): Promise<string> {
    const response = await fetch(`${server.url}/pub/${channel}`, {
      method: 'POST',
      body,
      headers: { Accept: 'text/json' },
    });
    return ((await response.json()) as { last_message_id: string }).last_message_id;
  }

  test('recognised by its ids; pings are control (dispatched ones too), never messages', async () => {
    const r = new ProfileReader({ url: `${server.url}/subp/alpha`, headers: {} });
    readers.push(r);
    await r.connect();
    await r.waitFor(() => r.control.length >= 1, 'a dispatched ping', 4000);
    expect(r.session.profile.id).toBe('nchan');
    expect(r.control.every((e) => e.type === 'ping')).toBe(true);
    const id = await publish('alpha', '{"title":"Deploy","message":"done","priority":"high"}');
    await r.waitForMessages(1);
    expect(r.messages[0]!.mapped).toMatchObject({ title: 'Deploy', body: 'done', priority: 4, serverId: id });
  });

  test('resumes with Last-Event-ID after a drop: exactly what was missed', async () => {
    const r = new ProfileReader({ url: `${server.url}/sub/beta`, headers: {} }, 'nchan');
    readers.push(r);
    await r.connect();
    await settle(100);
    await publish('beta', 'one');
    await r.waitForMessages(1);
    await r.disconnect();
    await publish('beta', 'two');
    await publish('beta', 'three');
    await r.connect();
    await r.waitForMessages(3);
    await settle(1200); // at least one ping interval: pings with empty data are never dispatched
    expect(r.bodies()).toEqual(['one', 'two', 'three']);
    expect(r.control).toEqual([]);
  });
});
