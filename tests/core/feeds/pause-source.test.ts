/**
 * A pause says who made it: core records, per feed, whether the user paused that feed, the window's or the tray's
 * "Pause all", the computer going to sleep or offline — and a feed the user paused on its own stays paused (and
 * says so) through a pause of every feed, sleep and wake, until it is resumed.
 */
import { afterEach, expect, test } from 'vitest';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, shutdown, sleep, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  rec = null;
  server = null;
});

const pausedBy = (r: Recorder) => Object.fromEntries(r.hub.statuses().map((s) => [s.feedId, s.pausedBy ?? null]));

test('each pause records its source; a feed paused on its own keeps its pause through the others', async () => {
  server = await startSseServer();
  rec = makeHub();
  rec.hub.upsert(feed('a', `${server.url}/a`));
  rec.hub.upsert(feed('b', `${server.url}/b`));
  await server.waitForClients(2);
  expect(pausedBy(rec)).toEqual({ a: null, b: null });

  // The user pauses one feed: only it closes, and its status says the user paused it.
  rec.hub.pause('a');
  await waitFor(() => server!.clients === 1, 'a closed');
  expect(rec.hub.status('a')).toMatchObject({ state: 'paused', pausedBy: 'feed' });
  expect(rec.hub.status('b')!.state).toBe('open');
  // A pushed status carries it too (what the window and the tray receive).
  expect(rec.statuses.filter((s) => s.feedId === 'a').at(-1)).toMatchObject({ state: 'paused', pausedBy: 'feed' });

  // Each pause of every feed names its source; feed a stays paused by the user.
  for (const source of ['tray', 'user', 'sleep', 'offline'] as const) {
    rec.hub.pauseAll(source);
    expect(pausedBy(rec)).toEqual({ a: 'feed', b: source });
    rec.hub.upsert(feed(`new-${source}`, `${server.url}/n`)); // added meanwhile: paused by the same source
    expect(rec.hub.status(`new-${source}`)).toMatchObject({ state: 'paused', pausedBy: source });
    rec.hub.remove(`new-${source}`);
  }

  // Waking (reconnectAll) ends the pause of every feed, not the user's pause of feed a.
  const before = server.requests.filter((r) => r.path === '/a').length;
  rec.hub.reconnectAll();
  await waitFor(() => rec!.hub.status('b')!.state === 'open', 'b open after wake');
  await sleep(100);
  expect(rec.hub.status('a')).toMatchObject({ state: 'paused', pausedBy: 'feed' });
  expect(server.requests.filter((r) => r.path === '/a')).toHaveLength(before);
  // Not paused: no source.
  expect(rec.hub.status('b')!.pausedBy).toBeUndefined();

  // Resuming the feed connects it; "Resume all" also resumes a feed paused on its own.
  rec.hub.resume('a');
  await waitFor(() => rec!.hub.status('a')!.state === 'open', 'a open');
  rec.hub.pause('a');
  rec.hub.pauseAll('tray');
  rec.hub.resumeAll();
  await waitFor(() => rec!.hub.statuses().every((s) => s.state === 'open'), 'all open');
  expect(pausedBy(rec)).toEqual({ a: null, b: null });
});

test('Reconnect now ends a feed’s own pause', async () => {
  server = await startSseServer();
  rec = makeHub();
  rec.hub.upsert(feed('a', `${server.url}/a`));
  await server.waitForClients(1);
  rec.hub.pause('a');
  expect(rec.hub.status('a')!.pausedBy).toBe('feed');
  rec.hub.reconnect('a');
  await waitFor(() => rec!.hub.status('a')!.state === 'open', 'a open');
  expect(rec.hub.status('a')!.pausedBy).toBeUndefined();
});
