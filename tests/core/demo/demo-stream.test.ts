/**
 * The built-in demo stream ("Try a demo feed"): a real loopback server, read as a client would, and the core's
 * `feeds:add-demo` call end to end through the real feed hub into a real SQLite file, across a restart.
 */
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../shared/ipc/channels';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { demoPortOf, startDemoStream, type DemoStream } from '../../../electron/main/core/demo/demo-stream';
import { recordingHost, waitFor } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

const FAST = { notify: 40, orders: 40, ticker: 40 };

/** Reads a stream's body until `until` says enough, then aborts. */
function read(
  url: string,
  until: (text: string) => boolean,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let text = '';
      const done = (): void => {
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text });
        req.destroy();
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until(text)) done();
      });
      res.on('end', done);
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.setTimeout(5000, () => req.destroy(new Error('timed out')));
  });
}

describe('demo stream', () => {
  let stream: DemoStream;
  beforeEach(async () => {
    stream = await startDemoStream({ intervals: FAST });
  });
  afterEach(() => stream.close());

  it('serves JSON notifications with ids on 127.0.0.1 and answers 404 elsewhere', async () => {
    expect(stream.url()).toBe(`http://127.0.0.1:${stream.port}/tidings-demo/notify`);
    const res = await read(stream.url(), (t) => (t.match(/\n\n/g) ?? []).length >= 3);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/event-stream; charset=utf-8');
    const ids = [...res.text.matchAll(/^id: (n-\d+)$/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const data = JSON.parse(/^data: (.*)$/m.exec(res.text)![1]!) as { title: string; message: string };
    expect(typeof data.title).toBe('string');
    expect(data.message).toContain(data.title);

    const orders = await read(stream.url('orders'), (t) => t.includes('data: {'));
    expect(orders.text).toMatch(/^event: newOrder\nid: o-\d+\ndata: \{"orderId":\d+/m);
    expect((await read(`http://127.0.0.1:${stream.port}/other`, () => false)).status).toBe(404);
  });

  it('replays what was sent after Last-Event-ID', async () => {
    const first = await read(stream.url(), (t) => /id: n-3\n/.test(t));
    expect(first.text).toContain('id: n-3');
    // Wait until more was sent, then resume from n-1: n-2 and n-3 come first, in order.
    await new Promise((r) => setTimeout(r, 100));
    const resumed = await read(stream.url(), (t) => /id: n-3\n/.test(t), { 'Last-Event-ID': 'n-1' });
    const ids = [...resumed.text.matchAll(/^id: (n-\d+)$/gm)].map((m) => m[1]);
    expect(ids.slice(0, 2)).toEqual(['n-2', 'n-3']);
  });

  it('tells a demo URL from any other', () => {
    expect(demoPortOf(stream.url('orders'))).toBe(stream.port);
    expect(demoPortOf('http://127.0.0.1:8080/tidings-demo/other')).toBeNull();
    expect(demoPortOf('http://example.com:8080/tidings-demo/notify')).toBeNull();
    expect(demoPortOf('not a url')).toBeNull();
  });
});

describe('feeds:add-demo', () => {
  let dir: ReturnType<typeof tempDir>;
  const cores: CoreInstance[] = [];
  beforeEach(() => {
    dir = tempDir('tidings-demo-');
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    dir.cleanup();
  });
  const start = async (): Promise<CoreInstance> => {
    const core = await createCore({
      dataDir: dir.dir,
      secrets: testCodec(),
      logger: captureLogger(),
      hub: { backoff: { baseMs: 50, capMs: 200 } },
      demo: { intervals: FAST },
    });
    cores.push(core);
    return core;
  };

  it('starts the demo stream on demand, subscribes once, and brings it back after a restart', async () => {
    const core = await start();
    const handlers = core.createHandlers(recordingHost());
    const added = await handlers[invoke.feedsAddDemo]({ name: 'Tidings demo' });
    if (!added.ok) throw new Error(added.error.message);
    const port = demoPortOf(added.data.url);
    expect(port).not.toBeNull();
    expect(added.data.name).toBe('Tidings demo');

    const count = async (): Promise<number> => {
      await core.flush();
      const page = await handlers[invoke.messagesList]({ feedId: added.data.id });
      return page.ok ? page.data.items.length : 0;
    };
    let stored = 0;
    await waitFor(() => {
      void count().then((n) => (stored = n));
      return stored >= 2;
    }, 'demo messages stored');

    // A second click answers the same feed.
    const again = await handlers[invoke.feedsAddDemo]({ name: 'Other name' });
    expect(again.ok && again.data.id).toBe(added.data.id);
    expect(core.feeds()).toHaveLength(1);

    await core.close();
    cores.splice(0);
    const reopened = await start();
    expect(reopened.feeds()[0]!.url).toBe(added.data.url);
    // The stream is back on the stored port without anyone asking.
    const res = await read(added.data.url, (t) => t.includes('data: {'));
    expect(res.status).toBe(200);
  });
});
