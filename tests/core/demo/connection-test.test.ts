/**
 * "Test connection": one request through the real transport against a real loopback SSE server, read with the
 * feed engine's parser; through the core's `feeds:test` call, with an edited feed's stored secret.
 */
import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { createTransport } from '../../../electron/main/core/net/transport';
import { testConnection } from '../../../electron/main/core/probe/connection-test';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { recordingHost } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

let server: SseTestServer;
const transport = createTransport();
beforeEach(async () => {
  server = await startSseServer();
});
afterEach(() => server.close());

describe('testConnection', () => {
  it('answers the status, the response headers and the first events, then closes', async () => {
    server.setFault('/events', {
      kind: 'raw',
      chunks: ['id: 1\ndata: one\n\n', 'event: order\nid: 2\ndata: {"n":2}\n\n', 'data: three\n\ndata: four\n\n'],
      end: false,
    });
    const result = await testConnection(
      { url: `${server.url}/events`, headers: { 'X-Token': 't0k' } },
      { transport, waitMs: 2000 },
    );
    expect(result.reason).toBeNull();
    expect(result.status).toBe(200);
    expect(result.headers.find((h) => h.name === 'content-type')?.value).toMatch(/^text\/event-stream/);
    expect(result.events).toEqual([
      { type: 'message', id: '1', data: 'one', truncated: false },
      { type: 'order', id: '2', data: '{"n":2}', truncated: false },
      { type: 'message', id: null, data: 'three', truncated: false },
    ]);
    const sent = server.requests.at(-1)!.headers;
    expect(sent['x-token']).toBe('t0k');
    expect(sent.accept).toBe('text/event-stream');
    // Closed after the test: no client stays connected.
    await expect.poll(() => server.clientCount('/events')).toBe(0);
  });

  it('a stream that stays quiet answers after the wait with no events', async () => {
    server.setFault('/quiet', { kind: 'silent' });
    const started = Date.now();
    const result = await testConnection({ url: `${server.url}/quiet`, headers: {} }, { transport, waitMs: 300 });
    expect(result).toMatchObject({ status: 200, reason: null, events: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('says why it would not work: a status, the wrong content type, a refused connection', async () => {
    server.setFault('/gone', { kind: 'status', status: 401 });
    expect(await testConnection({ url: `${server.url}/gone`, headers: {} }, { transport })).toMatchObject({
      status: 401,
      reason: { kind: 'http', status: 401 },
    });
    server.setFault('/page', { kind: 'content-type', contentType: 'text/html' });
    expect(await testConnection({ url: `${server.url}/page`, headers: {} }, { transport })).toMatchObject({
      status: 200,
      reason: { kind: 'contentType', got: 'text/html' },
    });
    // A port nothing listens on.
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await testConnection({ url: `http://127.0.0.1:${port}/x`, headers: {} }, { transport });
    expect(refused.status).toBeNull();
    expect(refused.reason).toMatchObject({ kind: 'network', problem: 'connection-refused' });
  });
});

describe('feeds:test', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: CoreInstance;
  beforeEach(async () => {
    dir = tempDir('tidings-probe-');
    core = await createCore({
      dataDir: dir.dir,
      secrets: testCodec(),
      logger: captureLogger(),
      connectionTest: { waitMs: 500 },
    });
  });
  afterEach(async () => {
    await core.close();
    dir.cleanup();
  });

  it('uses an edited feed’s stored secret for a header the window sends as null, and stores nothing', async () => {
    server.requireAuth('/private', 'authorization', 'Bearer s3cret');
    const handlers = core.createHandlers(recordingHost());
    const url = `${server.url}/private`;
    const withSecret = {
      ...defaultFeedInput(url),
      name: 'Private',
      headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }],
      enabled: false,
    };
    const tested = await handlers[invoke.feedsTest]({ input: withSecret });
    expect(tested.ok && tested.data).toMatchObject({ status: 200, reason: null });
    expect(core.feeds()).toHaveLength(0);

    const added = await handlers[invoke.feedsAdd](withSecret);
    if (!added.ok) throw new Error(added.error.message);
    const edited = { ...withSecret, headers: [{ name: 'Authorization', value: null, secret: true }] };
    const again = await handlers[invoke.feedsTest]({ id: added.data.id, input: edited });
    expect(again.ok && again.data).toMatchObject({ status: 200, reason: null });
    const noSecret = await handlers[invoke.feedsTest]({ input: { ...withSecret, headers: [] } });
    expect(noSecret.ok && noSecret.data).toMatchObject({ status: 401, reason: { kind: 'http', status: 401 } });
    const unknownFeed = await handlers[invoke.feedsTest]({ input: edited });
    expect(unknownFeed.ok && unknownFeed.data.reason).toEqual({ kind: 'headerNeedsValue', name: 'Authorization' });
  });
});
