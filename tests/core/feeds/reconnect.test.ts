/**
 * Reconnecting as servers can rely on, with the production policy (base 1 s, cap 60 s): after a stream that
 * delivered events ends, the next request comes after the server's `retry:` (clamped to [250 ms, cap], ≤ 10 %
 * jitter), and carries exactly the Last-Event-ID the standard gives — or none. Measured on a real server: the
 * delay the engine asked its timers for, and the gap between the requests the server saw.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, recordingTimers, shutdown, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  [rec, server] = [null, null];
});

const HEADERS_TIMEOUT = 30_000;
const IDLE = 45_000;

/** The reconnect delays asked for (not the headers timeout or the watchdog). */
const retriesOf = (requested: number[]): number[] => requested.filter((ms) => ms !== HEADERS_TIMEOUT && ms !== IDLE);

/** Serves `first` once (then closes), then an open stream; returns the first reconnect's delay and gap. */
async function reconnectAfter(first: string, backoff: { capMs?: number } = {}) {
  server = await startSseServer();
  server.setFault('/e', { kind: 'raw', chunks: [first], end: true }, { times: 1 });
  const { timers, requested } = recordingTimers();
  rec = makeHub({ timers, backoff });
  rec.hub.upsert(feed('f', `${server.url}/e`));
  await server.waitForRequests(2, { timeoutMs: 70_000 });
  const gap = server.requests[1]!.at - server.requests[0]!.at;
  const retries = retriesOf(requested);
  return { delay: retries[0]!, gap, retries, second: server.requests[1]! };
}

describe('the first reconnect follows the server’s retry:', () => {
  test.each([
    ['retry: 0 → the 250 ms floor', 'retry: 0\nid: 1\ndata: a\n\n', 250, 275],
    ['retry: 200 → the 250 ms floor', 'retry: 200\nid: 1\ndata: a\n\n', 250, 275],
    ['retry: 2000 → 2 s, +10 % at most', 'retry: 2000\nid: 1\ndata: a\n\n', 2000, 2200],
    ['bogus retry: 2s → the default 1 s', 'retry: 2s\nid: 1\ndata: a\n\n', 1000, 1100],
    ['no retry: → the default 1 s', 'id: 1\ndata: a\n\n', 1000, 1100],
  ])('%s', async (_name, first, min, max) => {
    const { delay, gap, retries } = await reconnectAfter(first);
    expect(retries).toHaveLength(1);
    expect(delay).toBeGreaterThanOrEqual(min);
    expect(delay).toBeLessThanOrEqual(max);
    expect(gap).toBeGreaterThanOrEqual(min - 5);
    expect(gap).toBeLessThan(max + 500); // slack for a loaded machine, far below any backoff step
  });

  test('retry: 2^32 is clamped to the cap (3 s here), not overflowed into a 1 ms timer', async () => {
    const { delay, gap } = await reconnectAfter(`retry: ${2 ** 32}\nid: 1\ndata: a\n\n`, { capMs: 3000 });
    expect(delay).toBe(3000);
    expect(gap).toBeGreaterThanOrEqual(2995);
  });

  test('a server that closes after every event with retry: 500 gets every reconnect within 500 ms + jitter', async () => {
    server = await startSseServer();
    server.setFault('/e', { kind: 'raw', chunks: ['retry: 500\ndata: tick\n\n'], end: true }, { times: 6 });
    const { timers, requested } = recordingTimers();
    rec = makeHub({ timers, backoff: {} });
    rec.hub.upsert(feed('f', `${server.url}/e`));
    await server.waitForRequests(7, { timeoutMs: 10_000 });
    expect(
      retriesOf(requested)
        .slice(0, 6)
        .every((ms) => ms >= 500 && ms <= 550),
    ).toBe(true);
    for (let i = 1; i < 7; i++) {
      const gap = server.requests[i]!.at - server.requests[i - 1]!.at;
      expect(gap).toBeGreaterThanOrEqual(495);
      expect(gap).toBeLessThan(550 + 400);
    }
    expect(rec.events).toHaveLength(6);
  });
});

describe('Last-Event-ID: exactly what the standard gives, or none', () => {
  test.each([
    ['an id', 'id: abc\ndata: a\n\n', 'abc'],
    ['no id ever: no header', 'data: a\n\n', null],
    ['an empty id after an id resets it: no header', 'id: abc\ndata: a\n\nid\ndata: b\n\n', null],
    ['an id-only block', 'data: a\n\nid: 7\n\n', '7'],
    ['an id with NUL is ignored', 'id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n', '1'],
    ['a half-received event’s id is not used', 'id: 1\ndata: a\n\nid: 2\ndata: half', '1'],
    ['an id with a control character is not a cursor', 'id: ok\ndata: a\n\nid: b\u0001d\ndata: b\n\n', 'ok'],
    ['an id over 1 KiB is not a cursor', `id: ok\ndata: a\n\nid: ${'x'.repeat(70_000)}\ndata: b\n\n`, 'ok'],
    ['a non-ASCII id goes as UTF-8', 'id: über\ndata: a\n\n', 'über'],
  ])('%s', async (_name, first, header) => {
    const { second } = await reconnectAfter(first);
    expect(second.lastEventId).toBe(header);
    expect(rec!.hub.status('f')!.lastEventId).toBe(header);
  });

  test('ids that cannot be a cursor stay with their messages', async () => {
    await reconnectAfter(`id: ok\ndata: a\n\nid: b\u0001d\ndata: b\n\nid: ${'x'.repeat(70_000)}\ndata: c\n\n`);
    expect(rec!.events.map((e) => [e.eventId?.slice(0, 5), e.cursor])).toEqual([
      ['ok', 'ok'],
      ['b\u0001d', 'ok'],
      ['xxxxx', 'ok'],
    ]);
    expect(rec!.events[2]!.eventId).toHaveLength(70_000);
    // Said once (among the raw frames and in the log), not per event.
    const notes = rec!.hub.frames('f').filter((f) => f.text.includes('kept with its message, not as the cursor'));
    expect(notes).toHaveLength(1);
  });

  test('431 to a resume: retried once without the cursor, and said so', async () => {
    server = await startSseServer();
    server.setFault('/e', { kind: 'status', status: 431 }, { times: 1 });
    rec = makeHub();
    const cursorMoves: (string | null)[] = [];
    rec.hub.onCursor((move) => cursorMoves.push(move.cursor));
    rec.hub.upsert(feed('f', `${server.url}/e`, { lastEventId: 'too-big-for-the-server' }));
    await server.waitForClients(1);
    await waitFor(() => rec!.hub.status('f')!.state === 'open', 'open');
    expect(server.requests.map((r) => r.lastEventId)).toEqual(['too-big-for-the-server', null]);
    expect(cursorMoves).toEqual([null]); // storage forgets it too, so a restart does not hit the same wall
    expect(rec.hub.status('f')!.counters.lastError).toEqual({ kind: 'resumeRefused', status: 431 });
    const said = 'The server refused the resume id (431): reconnecting without Last-Event-ID';
    expect(rec.hub.frames('f').some((f) => f.text.includes(said))).toBe(true);
  });

  test('431 without a cursor stops the feed (nothing left to drop)', async () => {
    server = await startSseServer();
    server.setFault('/e', { kind: 'status', status: 431 });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/e`, { lastEventId: 'x' }));
    await waitFor(() => rec!.hub.status('f')!.state === 'stopped', 'stopped');
    expect(server.requests.map((r) => r.lastEventId)).toEqual(['x', null]);
    expect(rec.hub.status('f')!.reason).toEqual({ kind: 'http', status: 431 });
  });
});

describe('a clean close after delivering resets the failure count', () => {
  test('failures escalate, a delivering stream resets them, the next failure starts from the base', async () => {
    server = await startSseServer();
    const seen: number[] = [];
    rec = makeHub({ backoff: { baseMs: 50, capMs: 5000, healthyMs: 60_000 }, random: () => 0.999 });
    rec.hub.onStatus((s) => {
      if (s.state === 'reconnecting' && s.retryAt !== null) seen.push(s.retryAt - Date.now());
    });
    server.setFault('/e', { kind: 'status', status: 503 }, { times: 4 });
    rec.hub.upsert(feed('f', `${server.url}/e`));
    await server.waitForClients(1, { timeoutMs: 5000 });
    expect(seen.at(-1)).toBeGreaterThan(350); // 4th failure: a span of 400 ms
    server.send({ id: '1', data: 'delivered' }, '/e');
    await waitFor(() => rec!.events.length === 1, 'event');
    server.setFault('/e', { kind: 'status', status: 503 }, { times: 1 });
    server.endAll('/e'); // clean close after delivering: the default reconnection time, then one failure
    await waitFor(() => seen.length === 6, 'two more retries', 5000);
    expect(seen[4]).toBeLessThanOrEqual(60); // the default (= base 50 ms) + ≤ 10 % jitter
    expect(seen[5]).toBeLessThanOrEqual(60); // the first failure after it: one base span again, not 800 ms
  });
});

describe('a quiet stream the server ends', () => {
  test.each([
    ['after a second or more: a cycle, back after the reconnection time', [': a\n\n', ': b\n\n'], 1100, 1050],
    ['at once, nothing delivered: a failure, full jitter over the base span', [': a\n\n'], 0, 500],
  ])('%s', async (_name, chunks, delayMs, expected) => {
    server = await startSseServer();
    server.setFault('/e', { kind: 'raw', chunks, delayMs, end: true }, { times: 1 });
    const { timers, requested } = recordingTimers();
    rec = makeHub({ timers, backoff: {}, random: () => 0.5 });
    rec.hub.upsert(feed('f', `${server.url}/e`));
    await server.waitForRequests(2, { timeoutMs: 5000 });
    expect(retriesOf(requested)[0]).toBe(expected);
    expect(rec.statuses.find((s) => s.state === 'reconnecting')!.reason).toEqual({ kind: 'closedByServer' });
  });
});
