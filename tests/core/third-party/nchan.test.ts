/**
 * Interop with a third-party SSE server: nginx with the nchan module (Debian packages `nginx-light` and
 * `libnginx-mod-nchan`), on 127.0.0.1 with a generated config in a temp dir. Messages are published by HTTP POST
 * and received through the FeedHub; resuming uses nchan's own message ids as Last-Event-ID.
 * Skips (visibly, with the reason in the test name) only when the nginx binary or the nchan module is absent.
 */
import { reasonEnglish } from '../../../shared/reason';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { canConnect, freePort, NCHAN_MODULE as MODULE, nchanMissing, NGINX } from '../../support/ports';
import { feed, makeHub, waitFor, type Recorder } from '../feeds/helpers';

const missing = nchanMissing;
const title = missing
  ? `nginx + nchan interop — SKIPPED: ${missing} (apt-get install nginx-light libnginx-mod-nchan)`
  : 'nginx + nchan interop';

describe.skipIf(missing !== null)(title, () => {
  let dir = '';
  let base = '';
  let nginx: ChildProcess | null = null;
  let rec: Recorder | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidings-nchan-'));
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(dir, 'tmp', sub), { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
load_module ${MODULE};
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    location ~ ^/sub/(\\w+)$ { nchan_subscriber eventsource; nchan_channel_id $1; nchan_subscriber_first_message newest; }
    location ~ ^/pub/(\\w+)$ { nchan_publisher; nchan_channel_id $1; nchan_message_buffer_length 1000; nchan_message_timeout 10m; }
    location ~ ^/cyc/(\\w+)$ { nchan_subscriber eventsource; nchan_channel_id $1; nchan_subscriber_first_message newest; nchan_subscriber_timeout 2s; }
  }
}
`;
    writeFileSync(join(dir, 'nginx.conf'), conf);
    nginx = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (nginx.exitCode !== null || Date.now() > deadline) {
        const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
        throw new Error(`nginx did not start (exit ${nginx.exitCode}): ${stderr}${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 20_000);

  afterEach(() => {
    rec?.hub.close();
    rec = null;
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (nginx.exitCode === null) nginx.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function publish(channel: string, body: string): Promise<void> {
    const response = await fetch(`${base}/pub/${channel}`, { method: 'POST', body, headers: { Accept: 'text/json' } });
    await response.text();
    expect([200, 201, 202]).toContain(response.status);
  }

  test('publish by POST, receive through the hub, resume with Last-Event-ID', async () => {
    rec = makeHub();
    rec.hub.upsert(feed('nchan', `${base}/sub/orders`));
    await waitFor(() => rec!.hub.status('nchan')?.state === 'open', 'open', 5000);
    await publish('orders', '{"order":1}');
    await publish('orders', '{"order":2}');
    await publish('orders', 'plain text, ünïcode ✓');
    await waitFor(() => rec!.events.length === 3, '3 events', 5000);
    expect(rec.events.map((e) => e.data)).toEqual(['{"order":1}', '{"order":2}', 'plain text, ünïcode ✓']);
    expect(rec.events.every((e) => e.eventId !== null && /^\d+:\d+/.test(e.eventId))).toBe(true);
    const cursor = rec.hub.status('nchan')!.lastEventId!;
    expect(cursor).toBe(rec.events[2]!.eventId);
    rec.hub.close();

    // Offline: two more messages. A new hub starting from the persisted cursor gets exactly those.
    await publish('orders', '{"order":4}');
    await publish('orders', '{"order":5}');
    rec = makeHub();
    rec.hub.upsert(feed('nchan', `${base}/sub/orders`, { lastEventId: cursor }));
    await waitFor(() => rec!.events.length >= 2, 'replayed', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rec.events.map((e) => e.data)).toEqual(['{"order":4}', '{"order":5}']);
    expect(rec.events.every((e) => e.backfill)).toBe(true);

    // "Reconnect now" mid-stream resumes without loss or duplicates.
    rec.hub.reconnect('nchan');
    await publish('orders', '{"order":6}');
    await waitFor(() => rec!.events.length === 3, 'after reconnect', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rec.events.map((e) => e.data)).toEqual(['{"order":4}', '{"order":5}', '{"order":6}']);
  }, 20_000);

  test('a server cycling quiet streams (subscriber timeout 2 s): no backoff builds up, every message within ~1 s', async () => {
    rec = makeHub({ backoff: {} }); // the production policy: base 1 s, cap 60 s
    const retries: number[] = [];
    rec.hub.onStatus((s) => {
      if (s.state === 'reconnecting' && s.retryAt !== null) retries.push(s.retryAt - Date.now());
    });
    rec.hub.upsert(feed('cyc', `${base}/cyc/cycling`));
    await waitFor(() => rec!.hub.status('cyc')?.state === 'open', 'open', 5000);
    // A first message gives the feed a cursor: from then on a reconnect resumes after it (with no cursor, this
    // location sends only messages newer than the connection).
    await publish('cycling', 'seed');
    await waitFor(() => rec!.events.length === 1, 'seed', 5000);
    await new Promise((resolve) => setTimeout(resolve, 6500)); // quiet cycles: ended by the server, nothing delivered
    // Messages 2.3 s apart: each lands in another cycle, some while the feed is between two streams.
    const sent: number[] = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2300));
      sent.push(Date.now());
      await publish('cycling', `m${i}`);
    }
    await waitFor(() => rec!.events.length === 7, 'all 6 messages', 5000).catch((error: unknown) => {
      console.log(JSON.stringify({ got: rec!.events.map((e) => [e.data, e.eventId]), requests: retries }));
      throw error;
    });
    expect(rec.events.map((e) => e.data)).toEqual(['seed', ...Array.from({ length: 6 }, (_, i) => `m${i}`)]);
    const delays = rec.events.slice(1).map((e, i) => e.receivedAt - sent[i]!);
    expect(Math.max(...delays)).toBeLessThan(1800); // at most one reconnection time (1 s + ≤ 10 %) and a request
    expect(rec.statuses.filter((st) => st.state === 'reconnecting').map((st) => st.reason?.kind)).toContain(
      'closedByServer',
    );
    expect(retries.length).toBeGreaterThanOrEqual(3);
    // The reconnection time each time (1 s + ≤ 10 %): neither a growing backoff nor full jitter's random early ones.
    expect(Math.min(...retries)).toBeGreaterThanOrEqual(995);
    expect(Math.max(...retries)).toBeLessThanOrEqual(1100);
  }, 40_000);

  test('a location that is not an event stream stops the feed with a reason', async () => {
    rec = makeHub();
    rec.hub.upsert(feed('missing', `${base}/nothing-here`));
    await waitFor(() => rec!.hub.status('missing')?.state === 'stopped', 'stopped', 5000);
    expect(reasonEnglish(rec.hub.status('missing')!.reason!)).toBe('Feed not found (404)');
  }, 20_000);
});
