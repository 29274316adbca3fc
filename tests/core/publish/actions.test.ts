import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { downloadAttachment, runHttpAction } from '../../../electron/main/core/publish';
import { FixtureServer, header } from '../../support/fixtures/fixture-server';
import { testScope } from '../profiles/reader';

const scope = testScope();
const dir = mkdtempSync(join(tmpdir(), 'tidings-actions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server that records requests: /ok answers 200, /fail 409 with an ntfy-style error, /file a 3000-byte body. */
function actionServer(): Promise<FixtureServer> {
  return new FixtureServer((request, res) => {
    if (request.path === '/ok') res.writeHead(200).end('done');
    else if (request.path === '/fail')
      res.writeHead(409, { 'Content-Type': 'application/json' }).end('{"error":"door jammed"}');
    else if (request.path === '/file') res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(3000, 7));
    else res.writeHead(404).end();
  }).start();
}

describe('message actions run from main', () => {
  test('an http action sends its method, headers and body; the feed’s credentials only to the feed’s origin', async () => {
    const feedServer = await scope.fixture(actionServer());
    const elsewhere = await scope.fixture(actionServer());
    const options = {
      feedUrl: `${feedServer.url}/alerts/sse`,
      feedHeaders: { Authorization: 'Bearer secret', Accept: 'text/event-stream' },
    };
    const action = {
      kind: 'http' as const,
      label: 'Close',
      url: `${feedServer.url}/ok`,
      method: 'PUT',
      headers: { 'X-Door': '1' },
      body: '{"open":false}',
    };
    expect(await runHttpAction(action, options)).toEqual({ ok: true, status: 200 });
    const sent = feedServer.requests.at(-1)!;
    expect([sent.method, sent.body, header(sent, 'authorization'), header(sent, 'x-door')]).toEqual([
      'PUT',
      '{"open":false}',
      'Bearer secret',
      '1',
    ]);
    expect(header(sent, 'accept')).not.toBe('text/event-stream');

    expect(await runHttpAction({ ...action, url: `${elsewhere.url}/ok` }, options)).toEqual({ ok: true, status: 200 });
    expect(header(elsewhere.requests.at(-1)!, 'authorization')).toBeNull();

    expect(await runHttpAction({ ...action, url: `${feedServer.url}/fail` }, options)).toEqual({
      ok: false,
      failure: 'http',
      status: 409,
      error: 'door jammed',
    });
    expect(await runHttpAction({ ...action, url: 'file:///etc/passwd' }, options)).toMatchObject({
      failure: 'invalid-target',
    });
  });

  test('an attachment is downloaded only when asked, into the chosen file, within its size limit', async () => {
    const server = await scope.fixture(actionServer());
    const options = { feedUrl: `${server.url}/alerts/sse`, feedHeaders: { Authorization: 'Bearer secret' } };
    const attachment = { name: 'a.png', type: 'image/png', size: 3000, url: `${server.url}/file`, expiresAt: null };
    expect(server.requests).toHaveLength(0); // nothing is fetched before the user asks
    const target = join(dir, 'a.png');
    expect(await downloadAttachment(attachment, target, options)).toEqual({ ok: true, status: 200, bytes: 3000 });
    expect(readFileSync(target)).toEqual(Buffer.alloc(3000, 7));
    expect(header(server.requests[0]!, 'authorization')).toBe('Bearer secret');

    const small = join(dir, 'small.png');
    expect(await downloadAttachment(attachment, small, { ...options, maxBytes: 1000 })).toMatchObject({
      ok: false,
      failure: 'too-large',
    });
    expect(readdirSync(dir).sort()).toEqual(['a.png']); // no partial file left behind
    expect(await downloadAttachment({ ...attachment, url: `${server.url}/missing` }, small, options)).toMatchObject({
      ok: false,
      failure: 'http',
      status: 404,
    });
  });
});
